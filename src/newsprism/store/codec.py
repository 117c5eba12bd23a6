"""A typed JSON codec for newsprism's frozen dataclass records.

Encoding follows the value (dataclass, tuple, enum, date...); decoding follows the type hints
of the record class, so that ``from_dict(Article, to_dict(article)) == article``. The output is
plain JSON (dicts, lists, strings, numbers, booleans, None) with keys in field declaration
order, so that the same record always serialises to the same text: the store and the JSON
export both rely on that.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import gc
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["dumps", "from_dict", "gc_paused", "loads", "loads_list", "to_dict"]

T = TypeVar("T")

_NONE_TYPE = type(None)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """A block during which Python's cycle collector does not run.

    Records are trees: building or encoding thousands of them makes no cycle to collect, yet
    the allocations set off collections that walk every object the process holds (a loaded
    spaCy model, a run's articles), several times the decoding's own cost. The collector
    runs again, as before, once the block ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def to_dict(record: object) -> dict[str, Any]:
    """The record as a JSON-able dict, fields in declaration order."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"expected a dataclass record, got {type(record).__name__}")
    with gc_paused():
        return _encode_record(record)


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild a record of class ``cls`` from :func:`to_dict` output."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"expected a dataclass class, got {cls!r}")
    # The compiled decoder does not track where it is: on any failure the walk below checks
    # the same things again and names the field that fails.
    with gc_paused():
        with contextlib.suppress(Exception):
            fast: T = _decoder(cls)(data)
            return fast
        result: T = _decode(cls, data, cls.__name__)
        return result


def dumps(record: object, *, indent: int | None = None) -> str:
    """The record as JSON text; non-finite floats are rejected since JSON has none."""
    return json.dumps(to_dict(record), ensure_ascii=False, allow_nan=False, indent=indent)


def loads(cls: type[T], text: str | bytes) -> T:
    """Rebuild a record of class ``cls`` from :func:`dumps` output."""
    with gc_paused():
        return from_dict(cls, json.loads(text))


def loads_list(cls: type[T], text: str | bytes) -> list[T]:
    """Rebuild the records of class ``cls`` from a JSON array of :func:`to_dict` outputs."""
    items = json.loads(text)
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"expected a dataclass class, got {cls!r}")
    with gc_paused():
        # One compiled decoder for the whole array; on any failure each item goes through
        # from_dict, whose slow walk names the field that fails.
        decode = _decoder(cls)
        with contextlib.suppress(Exception):
            return [decode(item) for item in items]
        return [from_dict(cls, item) for item in items]


# --------------------------------------------------------------------------------------------
# encoding


def _encode_record(record: object) -> dict[str, Any]:
    # A plain value (most of a record's) is kept here, without a call of _encode: the same
    # value _encode's first test returns (tests/test_speed_identity_codec.py).
    return {
        name: value if type(value := getattr(record, name)) in _PLAIN else _encode(value)
        for name, _ in _fields(type(record))
    }


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types whose values are their own JSON (exactly these: a StrEnum member's type is its enum)."""


def _encode(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: checked first, by exact type
        return value
    # Order matters: bool is an int, datetime is a date and StrEnum members are strs.
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return _encode(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_record(value)
    if isinstance(value, tuple | list):
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    if isinstance(value, Mapping):
        return {_encode_key(k): _encode(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _encode_key(key: object) -> str:
    if isinstance(key, str):
        return key
    raise TypeError(f"mapping keys must be str, got {type(key).__name__}")


# --------------------------------------------------------------------------------------------
# decoding


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of the init fields of a dataclass, in declaration order."""
    cached = _FIELDS.get(cls)
    if cached is None:
        # records.py uses `from __future__ import annotations`: hints are strings until resolved,
        # and resolving them is slow enough to be worth caching per class.
        hints = typing.get_type_hints(cls)
        cached = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init)
        _FIELDS[cls] = cached
    return cached


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any:
        return data
    if origin is typing.Union or origin is types.UnionType:
        return _decode_union(tp, data, where)
    if origin is tuple:
        return _decode_tuple(tp, data, where)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_decode(item, v, f"{where}[{i}]") for i, v in enumerate(_list(data, where))]
    if origin is dict:
        _, item = typing.get_args(tp)
        if not isinstance(data, Mapping):
            raise _mismatch(where, "object", data)
        return {k: _decode(item, v, f"{where}.{k}") for k, v in data.items()}
    if isinstance(tp, type):
        return _decode_class(tp, data, where)
    raise TypeError(f"{where}: unsupported type {tp!r}")


def _decode_union(tp: Any, data: Any, where: str) -> Any:
    args = typing.get_args(tp)
    if data is None and _NONE_TYPE in args:
        return None
    others = [a for a in args if a is not _NONE_TYPE]
    if len(others) != 1:
        # A JSON value does not say which of several classes it came from.
        raise TypeError(f"{where}: only `X | None` unions are supported, not {tp!r}")
    return _decode(others[0], data, where)


def _decode_tuple(tp: Any, data: Any, where: str) -> tuple[Any, ...]:
    args = typing.get_args(tp)
    items = _list(data, where)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(items))
    if len(items) != len(args):
        raise ValueError(f"{where}: expected {len(args)} items, got {len(items)}")
    return tuple(
        _decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, items, strict=True))
    )


def _decode_class(tp: type, data: Any, where: str) -> Any:
    if dataclasses.is_dataclass(tp):
        return _decode_record(tp, data, where)
    if issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            raise ValueError(f"{where}: {data!r} is not a {tp.__name__}") from None
    if tp is dt.datetime or tp is dt.date:
        if not isinstance(data, str):
            raise _mismatch(where, "ISO date string", data)
        try:
            return tp.fromisoformat(data)
        except ValueError:
            raise ValueError(f"{where}: {data!r} is not an ISO {tp.__name__}") from None
    if tp is bool:
        if not isinstance(data, bool):
            raise _mismatch(where, "boolean", data)
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise _mismatch(where, "integer", data)
        return data
    if tp is float:
        # JSON writes 1.0 as 1 in some encoders; accept integers where floats are declared.
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise _mismatch(where, "number", data)
        return float(data)
    if tp is str:
        if not isinstance(data, str):
            raise _mismatch(where, "string", data)
        return data
    if tp is _NONE_TYPE:
        if data is not None:
            raise _mismatch(where, "null", data)
        return None
    raise TypeError(f"{where}: unsupported type {tp.__name__}")


def _decode_record(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise _mismatch(where, f"{cls.__name__} object", data)
    fields = _fields(cls)
    unknown = set(data) - {name for name, _ in fields}
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    # Missing keys fall back on the field's default, so JSON written before a field was added
    # still loads; a missing field without a default fails in the constructor below.
    kwargs = {
        name: _decode(tp, data[name], f"{where}.{name}") for name, tp in fields if name in data
    }
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{where}: {exc}") from exc


# --------------------------------------------------------------------------------------------
# compiled decoding: the same checks as above, one closure per type built once, no field paths
# (a store page of 50 articles and their story view decodes several times faster this way)

Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decoder(tp: Any) -> Decoder:
    """The decoder of type ``tp``, built on first use; it raises on any mismatch."""
    found = _DECODERS.get(tp)
    if found is None:
        # A placeholder first, so that a record type that refers to itself can be built.
        slot: list[Decoder] = []
        _DECODERS[tp] = lambda data: slot[0](data)
        built = _build(tp)
        slot.append(built)
        _DECODERS[tp] = found = built
    return found


def _build(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    if tp is Any:
        return _identity
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        others = [a for a in args if a is not _NONE_TYPE]
        if len(others) != 1:
            raise TypeError(f"only `X | None` unions are supported, not {tp!r}")
        inner = _decoder(others[0])
        if _NONE_TYPE not in args:
            return inner
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple([item(v) for v in _sequence(data)])
        items = [_decoder(a) for a in args]

        def fixed(data: Any) -> tuple[Any, ...]:
            values = _sequence(data)
            if len(values) != len(items):
                raise ValueError("wrong length")
            return tuple([d(v) for d, v in zip(items, values, strict=True)])

        return fixed
    if origin is list:
        (arg,) = typing.get_args(tp)
        item = _decoder(arg)
        return lambda data: [item(v) for v in _sequence(data)]
    if origin is dict:
        _, arg = typing.get_args(tp)
        item = _decoder(arg)

        def mapping(data: Any) -> dict[Any, Any]:
            if not isinstance(data, Mapping):
                raise TypeError("not an object")
            return {k: item(v) for k, v in data.items()}

        return mapping
    if isinstance(tp, type):
        return _build_class(tp)
    raise TypeError(f"unsupported type {tp!r}")


def _build_class(tp: type) -> Decoder:
    if dataclasses.is_dataclass(tp):
        return _build_record(tp)
    if issubclass(tp, enum.Enum):
        return tp
    if tp is dt.datetime or tp is dt.date:
        parse = tp.fromisoformat

        def date(data: Any) -> Any:
            if not isinstance(data, str):
                raise TypeError("not a string")
            return parse(data)

        return date
    if tp is bool:
        return lambda data: data if isinstance(data, bool) else _refuse(data)
    if tp is int:
        return lambda data: (
            data if isinstance(data, int) and not isinstance(data, bool) else _refuse(data)
        )
    if tp is float:
        return lambda data: (
            float(data)
            if isinstance(data, int | float) and not isinstance(data, bool)
            else _refuse(data)
        )
    if tp is str:
        return lambda data: data if isinstance(data, str) else _refuse(data)
    if tp is _NONE_TYPE:
        return lambda data: None if data is None else _refuse(data)
    raise TypeError(f"unsupported type {tp.__name__}")


def _build_record(cls: type) -> Decoder:
    fields = [(name, _decoder(tp)) for name, tp in _fields(cls)]

    def record(data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise TypeError("not an object")
        kwargs = {name: decode(data[name]) for name, decode in fields if name in data}
        if len(kwargs) != len(data):
            raise ValueError("unknown fields")
        return cls(**kwargs)

    return record


def _identity(data: Any) -> Any:
    return data


def _sequence(data: Any) -> list[Any] | tuple[Any, ...]:
    if not isinstance(data, list | tuple):
        raise TypeError("not an array")
    return data


def _refuse(data: Any) -> Any:
    raise TypeError(f"unexpected {type(data).__name__}")


def _list(data: Any, where: str) -> list[Any]:
    if not isinstance(data, list | tuple):
        raise _mismatch(where, "array", data)
    return list(data)


def _mismatch(where: str, expected: str, data: Any) -> ValueError:
    return ValueError(f"{where}: expected {expected}, got {type(data).__name__} {data!r:.60}")
