"""Faster twins of the two spaCy components that run no model: the attribute ruler and the
rule lemmatizer, each setting exactly the annotations spaCy's own would.

Profiled over the kept text of the Article Extraction Benchmark's 181 pages (4,487 texts,
~170,000 tokens), spaCy's ``attribute_ruler`` took 4.4 CPU s and its ``lemmatizer`` 3.0 of the
pipeline's ~41 s, more than its tagger and parser together. The ruler's Matcher tries each of
its 179 patterns at every token, and the lemmatizer makes a ``Token`` and a Python call for
each one; yet what both set is a function of a few attributes of the token (and, for the
ruler's few two-token patterns, of its neighbour). The twins work that out once per distinct
combination and write the doc's columns back at once with ``Doc.from_array``.

The ruler's twin reads the ruler's own patterns and attributes, so it follows whatever model is
loaded; a pattern it does not know how to read (an operator, an extension attribute, a
predicate other than ``IN``, ``NOT_IN`` and ``REGEX``) leaves spaCy's ruler in place, as does a
lemmatizer in a mode other than ``rule``. Their equality with spaCy's components is tested
(``tests/test_extract_twins.py``) and was checked annotation for annotation (POS, MORPH, LEMMA,
TAG, DEP and the rest) over every text of the AEB pages, NewsWCL50, sochi-2020 and PolNeAR.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["pipe", "twins"]

_MEMO_LIMIT = 500_000
"""Distinct token signatures remembered by a twin before its memo starts afresh (a bound on
memory over a long run; spaCy's own lemmatizer cache has none)."""

# Pattern keys the ruler twin reads: token attributes held as string hashes (compared as
# spaCy's Matcher compares them), and lexical flags (compared as 0 or 1).
_STRING_KEYS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE")
_FLAG_KEYS = (
    "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
    "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
)  # fmt: skip
_WORD_KEYS = ("ORTH", "LOWER", "NORM", "LEMMA", "SHAPE")
_WRITABLE = ("POS", "MORPH", "LEMMA", "TAG", "DEP")


class _Unsupported(Exception):
    """A pattern or setting the twin cannot reproduce exactly: spaCy's component stays."""


class _Predicate:
    """One condition of a token pattern on one attribute: a set of values it needs (``IN``
    and equality), a set it refuses (``NOT_IN``), or a regular expression searched in the
    attribute's string (``REGEX``), each as spaCy's Matcher tests it."""

    __slots__ = ("kind", "regex", "strings", "values")

    def __init__(self, kind: str, values: frozenset[int], regex: Any = None, strings: Any = None):
        self.kind, self.values, self.regex, self.strings = kind, values, regex, strings

    def holds(self, value: int) -> bool:
        """Whether an attribute value (a string hash, or 0 or 1 for a flag) passes."""
        if self.kind == "in":
            return value in self.values
        if self.kind == "not":
            return value not in self.values
        return bool(self.regex.search(self.strings[value]))


_Row = tuple[int, ...]
_Final = tuple[tuple[int, ...], tuple[int, ...]]
"""Per written attribute: the group whose value wins (-1 for none), and that value."""


class RulerTwin:
    """spaCy's ``AttributeRuler`` (patterns, precedence and all), without its Matcher."""

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs as spacy_attrs
        from spacy.strings import get_string_id

        ids = spacy_attrs.IDS
        columns: list[str] = []

        def predicate(key: str, value: Any) -> tuple[int, _Predicate]:
            key = key.upper()
            name = "ORTH" if key == "TEXT" else key
            if name not in _STRING_KEYS + _FLAG_KEYS:
                raise _Unsupported(key)
            if name not in columns:
                columns.append(name)
            col = columns.index(name)
            if name in _FLAG_KEYS:
                if not isinstance(value, bool):
                    raise _Unsupported(repr(value))
                return col, _Predicate("in", frozenset({int(value)}))
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                return col, _Predicate("in", frozenset({get_string_id(value)}))
            if not isinstance(value, dict) or len(value) != 1:
                raise _Unsupported(repr(value))
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in arg):
                    raise _Unsupported(repr(value))
                hashes = frozenset(get_string_id(v) for v in arg)
                return col, _Predicate("in" if op == "IN" else "not", hashes)
            if op == "REGEX" and isinstance(arg, str):
                return col, _Predicate("re", frozenset(), re.compile(arg), ruler.vocab.strings)
            raise _Unsupported(repr(value))

        # A spec is one token of a pattern: its predicates (one per column), all of which must
        # hold. Groups are the ruler's rules in order: a later group's value wins.
        specs: list[dict[int, _Predicate]] = []
        spec_ids: dict[str, int] = {}
        single: list[list[int]] = []  # per spec: the groups whose one-token pattern it is
        multi: list[list[tuple[int, tuple[int, ...], int]]] = []  # per first spec: patterns
        self.write = [ids[a] for a in _WRITABLE]
        self.groups: list[dict[int, int]] = []  # per group: written column -> value
        for group, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            if not isinstance(attrs, dict) or "_" in attrs:
                raise _Unsupported("extension attributes")
            sets = {(ids[a] if isinstance(a, str) else int(a)): int(v) for a, v in attrs.items()}
            if not set(sets) <= set(self.write):
                raise _Unsupported(repr(attrs))
            self.groups.append({self.write.index(a): v for a, v in sets.items()})
            _, patterns = ruler.matcher.get(str(group))
            for pattern in patterns:
                if not pattern:
                    raise _Unsupported("empty pattern")
                seq = []
                for token in pattern:
                    if not isinstance(token, dict) or "OP" in token or "_" in token:
                        raise _Unsupported(repr(token))
                    key = repr(sorted(token.items()))
                    if key not in spec_ids:
                        preds = dict(predicate(k, v) for k, v in token.items())
                        if len(preds) != len(token):  # ORTH and TEXT both: one column
                            raise _Unsupported(repr(token))
                        spec_ids[key] = len(specs)
                        specs.append(preds)
                        single.append([])
                        multi.append([])
                    seq.append(spec_ids[key])
                target = index if index >= 0 else len(seq) + index
                if not 0 <= target < len(seq):
                    raise _Unsupported("index outside its pattern")  # spaCy raises E1001
                if len(seq) == 1:
                    single[seq[0]].append(group)
                else:
                    multi[seq[0]].append((group, tuple(seq), target))
        self.read = [ids[c] for c in columns]
        self.specs, self.single, self.multi = specs, single, multi
        # A token's values are checked against the few specs that can care, not all of them.
        # Specs reading a word column (ORTH, LOWER, ...: thousands of values) are found through
        # that column: the specs each word value passes there, then their other conditions.
        # The others read only columns of few values (TAG, DEP, flags): their verdicts are
        # kept per combination of those values.
        word = {c for c, name in enumerate(columns) if name in _WORD_KEYS}
        self.word = sorted(word)
        self.plain = [c for c in range(len(columns)) if c not in word]
        self.word_equal: list[dict[int, list[int]]] = [{} for _ in columns]
        self.word_tested: list[list[tuple[int, _Predicate]]] = [[] for _ in columns]
        self.plain_specs: list[int] = []
        for s, preds in enumerate(specs):
            words = [c for c in preds if c in word]
            if not words:
                self.plain_specs.append(s)
            elif preds[words[0]].kind == "in":
                for value in preds[words[0]].values:
                    self.word_equal[words[0]].setdefault(value, []).append(s)
            else:
                self.word_tested[words[0]].append((s, preds[words[0]]))
        self.word_holds: list[dict[int, tuple[int, ...]]] = [{} for _ in columns]
        self.plain_memo: dict[_Row, tuple[int, ...]] = {}
        self.finals: dict[tuple[int, ...], tuple[_Final, tuple[int, ...]]] = {}
        self.rows: dict[_Row, tuple[_Final, tuple[int, ...], tuple[int, ...]]] = {}

    def _passes(self, s: int, row: _Row) -> bool:
        return all(pred.holds(row[col]) for col, pred in self.specs[s].items())

    def _row(self, row: _Row) -> tuple[_Final, tuple[int, ...], tuple[int, ...]]:
        """For a token's values: what its one-token matches set, the specs it satisfies, and
        those of them that begin a longer pattern."""
        plain = tuple(row[c] for c in self.plain)
        satisfied = self.plain_memo.get(plain)
        if satisfied is None:
            satisfied = tuple(s for s in self.plain_specs if self._passes(s, row))
            self.plain_memo[plain] = satisfied
        for col in self.word:
            holds = self.word_holds[col].get(row[col])
            if holds is None:
                holds = tuple(self.word_equal[col].get(row[col], ()))
                holds += tuple(s for s, pred in self.word_tested[col] if pred.holds(row[col]))
                self.word_holds[col][row[col]] = holds
            if holds:
                satisfied += tuple(s for s in holds if self._passes(s, row))
        satisfied = tuple(sorted(satisfied))
        known = self.finals.get(satisfied)
        if known is None:
            best = [-1] * len(self.write)
            values = [0] * len(self.write)
            for s in satisfied:
                for group in self.single[s]:
                    for col, value in self.groups[group].items():
                        if best[col] < group:  # spaCy applies matches sorted by group
                            best[col], values[col] = group, value
            starts = tuple(s for s in satisfied if self.multi[s])
            known = self.finals[satisfied] = ((tuple(best), tuple(values)), starts)
        return known[0], satisfied, known[1]

    def __call__(self, doc: Any) -> Any:
        n = len(doc)
        if not n:
            return doc
        import numpy

        memo = self.rows
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
            for holds in self.word_holds:
                holds.clear()
        found = []
        for r in doc.to_array(self.read).reshape(n, -1).tolist():
            row = tuple(r)
            hit = memo.get(row)
            if hit is None:
                hit = memo[row] = self._row(row)
            found.append(hit)
        finals = [f[0] for f in found]
        for i, (_, _, starts) in enumerate(found):
            for s in starts:
                for group, seq, target in self.multi[s]:
                    if i + len(seq) > n:
                        continue
                    if all(seq[k] in found[i + k][1] for k in range(1, len(seq))):
                        j = i + target
                        best, values = list(finals[j][0]), list(finals[j][1])
                        for col, value in self.groups[group].items():
                            if best[col] < group:
                                best[col], values[col] = group, value
                        finals[j] = (tuple(best), tuple(values))
        winners = numpy.array([f[0] for f in finals], dtype=numpy.int64)
        written = numpy.array([f[1] for f in finals], dtype=numpy.uint64)
        out = doc.to_array(self.write).reshape(n, -1)
        out = numpy.where(winners >= 0, written, out).astype(numpy.uint64)
        doc.from_array(self.write, numpy.ascontiguousarray(out))
        return doc


class LemmatizerTwin:
    """spaCy's rule ``Lemmatizer``: each token's lemma, worked out once per (text, POS, MORPH).

    spaCy's ``rule_lemmatize`` caches its answers under that same key, so the lemma is a
    function of it. A new key is lemmatized by :meth:`_lemma`, spaCy's rule lemmatization
    step for step, with one change: the model's word lists (``lemma_index``, 57,528 nouns) are
    sets here, where spaCy tests each candidate form against a list (about 190 µs a token).
    """

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        from spacy.pipeline import Lemmatizer

        if getattr(lemmatizer, "mode", None) != "rule":
            raise _Unsupported(f"lemmatizer mode {getattr(lemmatizer, 'mode', None)!r}")
        if type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:
            raise _Unsupported("a rule lemmatization of its own")
        self.lemmatizer = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self.strings = lemmatizer.vocab.strings
        self.read = [ORTH, POS, MORPH, LEMMA]
        self.write = [LEMMA]
        self.memo: dict[tuple[int, int, int], int] = {}
        self.tables: dict[str, tuple[bool, frozenset[str], Any, Any]] = {}

    def _tables(self, univ_pos: str) -> tuple[bool, frozenset[str], Any, Any]:
        """Whether any table holds the part of speech; its word set, exceptions and rules."""
        known = self.tables.get(univ_pos)
        if known is None:
            lookups = self.lemmatizer.lookups
            index = lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
            known = (any((index, exceptions, rules)), frozenset(index or ()), exceptions, rules)
            self.tables[univ_pos] = known
        return known

    def _lemma(self, token: Any) -> str:
        """The first of ``rule_lemmatize(token)`` (spaCy 3.8), read off the same tables."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return str(self.lemmatizer.lemmatize(token)[0])  # spaCy's own (it may warn)
        if self.lemmatizer.is_base_form(token):
            return str(string.lower())
        held, index, exceptions, rules = self._tables(univ_pos)
        if not held:
            return str(string) if univ_pos == "propn" else str(string.lower())
        exceptions, rules = exceptions or {}, rules or {}
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return str(forms[0])

    def __call__(self, doc: Any) -> Any:
        n = len(doc)
        if not n:
            return doc
        import numpy

        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            return lemmatizer(doc)  # its tables are checked (and may raise) on the first call
        memo, out = self.memo, []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array(self.read).tolist()):
            if lemma and not self.overwrite:
                out.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = self.strings.add(self._lemma(doc[i]))
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                memo[key] = found
            out.append(found)
        doc.from_array(self.write, numpy.array(out, dtype=numpy.uint64).reshape(n, 1))
        return doc


def twins(nlp: Any) -> dict[str, Callable[[Any], Any]]:
    """The twins that stand in for ``nlp``'s components, by component name (those spaCy's
    own must run for are left out)."""
    found: dict[str, Callable[[Any], Any]] = {}
    for name, proc in nlp.pipeline:
        kind = type(proc).__name__
        try:
            if kind == "AttributeRuler":
                found[name] = RulerTwin(proc)
            elif kind in ("Lemmatizer", "EnglishLemmatizer"):
                found[name] = LemmatizerTwin(proc)
        except _Unsupported:
            continue
    return found


_TWINS: dict[int, tuple[Any, dict[str, Callable[[Any], Any]]]] = {}


def pipe(nlp: Any, texts: Iterable[str], batch_size: int) -> Iterator[Any]:
    """``nlp.pipe(texts, batch_size=batch_size)``, the same Docs, with the twins standing in
    for the components they copy (each component in its place in the pipeline)."""
    from spacy.language import Language

    if not isinstance(nlp, Language):  # a wrapper or stand-in: its own pipe decides
        return iter(nlp.pipe(texts, batch_size=batch_size))
    held = _TWINS.get(id(nlp))
    if held is None or held[0] is not nlp:
        held = _TWINS[id(nlp)] = (nlp, twins(nlp))
    stand_ins = held[1]
    docs: Iterator[Any] = (nlp.make_doc(text) for text in texts)
    for name, proc in nlp.pipeline:
        twin = stand_ins.get(name)
        if twin is not None:
            docs = map(twin, docs)
        elif hasattr(proc, "pipe"):
            docs = proc.pipe(docs, batch_size=batch_size)
        else:
            docs = map(proc, docs)
    return docs
