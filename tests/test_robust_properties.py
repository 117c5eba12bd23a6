"""Generated and mangled articles through every stage: the run never raises.

Each example is a folder of plain-text articles built from news words, names with and without
possessives, lone possessives and punctuation, unbalanced quotes and brackets, and (in the
fixed examples) a 10,000-word paragraph. It goes through the real ``analyze``: ingest,
cleaning, dates, store, extraction (real spaCy), framing, dedup and clustering. No stage may
fail on any article (the run would report it with a code: E015, E060 to E063), and every span
extracted lies inside its article.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsprism.extract.core import extract_articles
from newsprism.records import Extraction
from newsprism.runner import CLUSTER_STAGE, EXTRACT_STAGE, EXTRACTION_KIND, analyze
from newsprism.store import MemoryStore

pytest.importorskip("spacy")

STAGE_FAILURES = {"E015", "E060", "E061", "E062", "E063"}

WORDS = [
    "The", "mayor", "said", "on", "Monday", "that", "the", "bridge", "will", "open", "in",
    "May", "Jane", "Doe", "Doe's", "Doe’s", "'s", "’s", "s", "'", "’", '"', "“", "”", "«", "»",
    "(", ")", "[", "]", ",", ".", ";", ":", "—", "-", "...", "!", "?", "$45", "million", "12",
    "%", "Mr.", "Mrs.", "U.S.", "Trump", "Trump's", "President", "told", "reporters", "three",
    "dozen", "Kremlin", "spokesman", "Dmitry", "Peskov", "Peskov's", "“We", "will,”", "he",
    "she", "added", "according", "to", "officials", "killed", "at", "least", "20", "people",
    "1,200", "2019", "Reuters", "AFP", "BBC", "&", "#", "@user", "http://x.io/a?b=c", "\t",
]  # fmt: skip

word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12))
paragraph = st.lists(word, min_size=1, max_size=80).map(" ".join)
article = st.tuples(st.text(max_size=60), st.lists(paragraph, min_size=0, max_size=6)).map(
    lambda t: t[0] + "\n\n" + "\n\n".join(t[1])
)
folder = st.lists(article, min_size=1, max_size=3)

LONG = " ".join(["The", "mayor", "said", "Doe's", "'s", '"', "(", "bridge", "."] * 1112)[:70_000]


def _run(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="newsprism-prop-") as tmp:
        for i, text in enumerate(texts):
            Path(tmp, f"{i:02d}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        with MemoryStore() as store:
            report = analyze([tmp], store)
            codes = {f.code for f in report.failures}
            assert not codes & STAGE_FAILURES, report.failures
            assert store.pending(EXTRACT_STAGE) == [] and store.pending(CLUSTER_STAGE) == []
            for stored in store.articles():
                for x in store.get_records(EXTRACTION_KIND, stored.doc_id, Extraction):
                    spans = [m.span for e in x.entities for m in e.mentions]
                    spans += [q.span for q in x.quotes] + [f.span for f in x.figures]
                    assert all(0 <= s.start <= s.end <= len(stored.text) for s in spans)
            # The batch extraction raises on its own when an article cannot be read.
            extract_articles(list(store.articles()))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(folder)
@example(["Doe's\n\n's ’s 's Doe’s 's said 's."])
@example(['"\n\n" “ ” « ( [ \' \'s "unbalanced quote said Jane Doe\n\n)))'])
@example([".\n\n.\n\n,\n\n—\n\n!"])
@example(["Long paragraph\n\n" + " ".join(["word"] * 10_000)])
@example(["Mangled\n\n" + LONG, "Mangled too\n\n" + LONG.replace("Doe's", "Peskov's")])
def test_generated_and_mangled_articles_never_stop_a_stage(texts: list[str]) -> None:
    _run(texts)
