"""Check a native model file against its schema, and say what is wrong in plain words."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from accord.core.validate import suggest
from accord.errors import Path, Problem
from accord.io.native.schema import SHAPE_ERROR, TAGS, FileModel

__all__ = ["check", "describe", "got"]

_SEQUENCE_WORDS = {
    "infeasible": "infeasible condition",
    "sources": "source",
    "evidence": "evidence item",
    "states": "state entry",
    "coalitions": "coalition",
}


def describe(path: Path) -> str:
    """Name the element at a file path in words, e.g. ``option 'x' of decision maker 'Row'``."""
    n = len(path)
    if n == 0:
        return "the model"
    head = path[0]
    if head == "decision_makers" and n >= 2:
        dm = path[1]
        if n == 2:
            return f"decision maker {dm!r}"
        if path[2] == "options" and n >= 4:
            opt = path[3]
            if isinstance(opt, int):
                if n == 4:
                    return f"item [{opt}] of the options of decision maker {dm!r}"
            elif n == 4:
                return f"option {opt!r} of decision maker {dm!r}"
            elif n == 5:
                return f"{path[4]!r} of option {opt!r} of decision maker {dm!r}"
        if n == 3:
            return f"{path[2]!r} of decision maker {dm!r}"
    if head == "preferences" and n >= 2:
        found = _describe_preference(path[1], path[2:])
        if found:
            return found
    if head == "uncertainty" and n >= 2:
        found = _describe_uncertainty(path[1], path[2:])
        if found:
            return found
    if head in ("moves", "misperceptions") and 2 <= n <= 4:
        base = f"the {head} of {path[1]!r}"
        if n == 2:
            return base
        if n == 3:
            return f"item [{path[2]}] of {base}"
    if head in _SEQUENCE_WORDS and n >= 2 and isinstance(path[1], int):
        base = f"{_SEQUENCE_WORDS[head]} [{path[1]}]"
        if n == 2:
            return base
        if n == 3:
            return (
                f"{path[2]!r} of {base}"
                if isinstance(path[2], str)
                else f"item [{path[2]}] of {base}"
            )
    last, parent = path[-1], path[:-1]
    if isinstance(last, int):
        return f"item [{last}] of {describe(parent)}"
    return repr(last) if not parent else f"{last!r} of {describe(parent)}"


def _describe_preference(dm: str | int, rest: Path) -> str | None:
    if not rest:
        return f"the preferences of {dm!r}"
    if rest[0] == "ranking":
        rest = rest[1:]
        if not rest:
            return f"the ranking of {dm!r}"
        if len(rest) == 1:
            return f"item [{rest[0]}] of the ranking of {dm!r}"
        if len(rest) == 2:
            return f"item [{rest[1]}] of tie [{rest[0]}] in the ranking of {dm!r}"
        return None
    if rest[0] == "statements":
        rest = rest[1:]
        if not rest:
            return f"'statements' of {dm!r}"
    if isinstance(rest[0], int):
        if len(rest) == 1:
            return f"statement [{rest[0]}] of {dm!r}"
        if len(rest) == 2:
            return f"{rest[1]!r} of statement [{rest[0]}] of {dm!r}"
    return None


_UNCERTAIN_ITEMS = {
    "unordered": "group",
    "probable": "probable statement",
    "alternatives": "alternative",
    "unknown": "unknown pair",
}


def _describe_uncertainty(dm: str | int, rest: Path) -> str | None:
    base = f"the uncertainty of {dm!r}"
    if not rest:
        return base
    kind = rest[0]
    if len(rest) >= 2 and kind in _UNCERTAIN_ITEMS and isinstance(rest[1], int):
        item = f"{_UNCERTAIN_ITEMS[str(kind)]} [{rest[1]}] in {base}"
        if len(rest) == 2:
            return item
        if len(rest) == 3 and isinstance(rest[2], int):
            return f"item [{rest[2]}] of {item}"
        if len(rest) == 3:
            return f"{rest[2]!r} of {item}"
        if kind == "alternatives" and rest[2] == "statements" and isinstance(rest[3], int):
            statement = f"statement [{rest[3]}] of {item}"
            return statement if len(rest) == 4 else f"{rest[4]!r} of {statement}"
    return None


def got(value: Any) -> str:
    """Say in words what a value is, for ``(got ...)`` in messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        if not value:
            return "an empty mapping"
        keys = ", ".join(repr(k) for k in list(value)[:6])
        return f"a mapping with keys {keys}{', …' if len(value) > 6 else ''}"
    if isinstance(value, bytes):
        return "binary data"
    return f"a value of type {type(value).__name__}"


def _text_hint(value: Any) -> str | None:
    if isinstance(value, bool):
        return (
            "YAML reads unquoted yes, no, on, off, true and false as booleans; put the text "
            "in quotes"
        )
    if isinstance(value, int | float | dt.date):
        return "put it in quotes to make it text"
    if value is None:
        return "write a value after the ':', or remove the key"
    return None


def _number_hint(value: Any) -> str | None:
    if isinstance(value, str):
        try:
            float(value.strip().rstrip("%"))
        except ValueError:
            return None
        if value.strip().endswith("%"):
            return "write a percentage as a fraction: 50% is 0.5"
        return "write a plain decimal number without quotes, such as 0.5"
    return None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
            continue
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) == 1 and len(get_args(tp)) == 2:
                tp = args[0]
                continue
        return tp


def _descend(tp: Any, part: str | int) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(part) if isinstance(part, str) else None
        return None if field is None else field.annotation
    origin = get_origin(tp)
    if origin is dict:
        return get_args(tp)[1]
    if origin is list:
        return get_args(tp)[0]
    if origin in (Union, types.UnionType):
        for member in get_args(tp):
            if get_origin(member) is Annotated and any(
                isinstance(m, Tag) and m.tag == part for m in get_args(member)[1:]
            ):
                return member
    return None


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    tp: Any = FileModel
    for part in loc:
        tp = _descend(tp, part)
        if tp is None:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _child(cur: Any, part: str | int) -> Any:
    if isinstance(cur, dict):
        return cur.get(part)
    if isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
        return cur[part]
    return None


def _clean(loc: tuple[str | int, ...], data: Any) -> Path:
    """Drop union tags from a pydantic location, walking the data to tell tags from keys."""
    out: list[str | int] = []
    cur = data
    for part in loc:
        if part in TAGS and not (isinstance(cur, dict) and part in cur):
            continue
        out.append(part)
        cur = _child(cur, part)
    return tuple(out)


_MISSING_HINTS = {
    "name": "add a line such as 'name: my-conflict'",
    "decision_makers": "list the parties under 'decision_makers', each with its options",
    "statement": "write the statement's condition after 'statement:'",
    "condition": "write the condition after 'condition:'",
    "states.id": "give the state its number, e.g. 'id: 1'",
    "sources.id": "give the source an identifier that evidence can cite, e.g. 'id: s1'",
    "about": "name the element the evidence supports, e.g. 'about: Row.preferences[0]'",
}

#: What a mapping of names must look like, by the key it sits under.
_NAME_MAPPINGS = {
    "decision_makers": "a mapping from each decision maker's name to its details",
    "preferences": "a mapping from each decision maker's name to its preferences",
    "moves": "a mapping from each decision maker's name to its moves",
    "misperceptions": "a mapping from each decision maker's name to a list of conditions",
    "uncertainty": "a mapping from each decision maker's name to what is uncertain about its "
    "preferences",
}


def _missing_hint(path: Path) -> str | None:
    key = str(path[-1])
    return _MISSING_HINTS.get(f"{path[0]}.{key}") or _MISSING_HINTS.get(key)


def _mapping_hint(path: Path, value: Any) -> str | None:
    if path and path[-1] in _NAME_MAPPINGS and isinstance(value, list):
        return "write each name as a key ('Ukraine:'), not as a list item ('- Ukraine')"
    if len(path) == 2 and path[0] == "decision_makers":
        if isinstance(value, list):
            return f"put the option names under 'options', e.g. {path[1]}: {{options: [a, b]}}"
        if value is None:
            return "give the decision maker its 'options'"
    return None


def _allowed_keys(model: type[BaseModel] | None, top: bool) -> list[str]:
    keys = list(model.model_fields) if model is not None else []
    return ["accord", *keys] if top else keys


def _literal_choices(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def _pair_words(path: Path) -> str:
    if path and path[-1] == "span":
        return "a pair [start, end] of character offsets"
    if path and path[0] == "moves":
        return "a move [from, to]: a pair of state ids"
    if len(path) == 4 and path[0] == "uncertainty" and path[2] == "unknown":
        return "a pair of two states, each an id or a condition"
    return "a pair of two items"


#: For errors that need only the expected kind of value: its words, and a hint for a value.
_SIMPLE: dict[str, tuple[str, Callable[[Any], str | None]]] = {
    "string_type": ("text", _text_hint),
    "int_type": (
        "a whole number",
        lambda v: "remove the quotes" if isinstance(v, str) and v.strip().isdigit() else None,
    ),
    "list_type": ("a list", lambda v: "write the items as '[a, b]' or as '- a' lines"),
    "float_type": ("a number", _number_hint),
    "date_type": ("a date written YYYY-MM-DD", lambda v: None),
    "accord_date": ("a date written YYYY-MM-DD", lambda v: None),
    "accord_datetime": ("a date without a time of day", lambda v: None),
}


def _translate(error: ErrorDetails, data: Any) -> Problem:
    raw = tuple(error["loc"])
    path = _clean(raw, data)
    kind = error["type"]
    value = error.get("input")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    subject = describe(path)
    if kind == "missing":
        key = path[-1]
        parent = describe(path[:-1])
        return Problem(
            f"{parent} needs {key!r}" if path[:-1] else f"the model needs {key!r}",
            path=path,
            hint=_missing_hint(path),
        )
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _allowed_keys(_model_at(raw[:-1]), top=len(raw) == 1)
        where = f" in {describe(path[:-1])}" if path[:-1] else " at the top level"
        hint = suggest(key, allowed)
        if hint is None and allowed:
            hint = f"the keys allowed here are {', '.join(allowed)}"
        return Problem(f"unknown key {key!r}{where}", path=path, hint=hint)
    if kind in _SIMPLE:
        expected, hinter = _SIMPLE[kind]
        return Problem(f"{subject} must be {expected} (got {got(value)})", path, hinter(value))
    if kind == "dict_type":
        expected = _NAME_MAPPINGS.get(str(path[-1]), "a mapping") if path else "a mapping"
        return Problem(
            f"{subject} must be {expected} (got {got(value)})", path, _mapping_hint(path, value)
        )
    if kind in ("model_type", "model_attributes_type"):
        model = _model_at(raw)
        keys = ", ".join(model.model_fields) if model is not None else ""
        expected = f"a mapping with the keys {keys}" if keys else "a mapping"
        return Problem(
            f"{subject} must be {expected} (got {got(value)})", path, _mapping_hint(path, value)
        )
    if kind == SHAPE_ERROR:
        return Problem(f"{subject} must be {error['msg']} (got {got(value)})", path)
    if kind == "literal_error":
        choices = _literal_choices(str(ctx.get("expected", "")))
        hint = suggest(value, choices) if isinstance(value, str) else None
        return Problem(
            f"{subject} must be one of {', '.join(choices)} (got {got(value)})", path, hint
        )
    if kind in ("too_short", "too_long"):
        return Problem(f"{subject} must be {_pair_words(path)} (got {got(value)})", path)
    return Problem(f"{subject}: {error['msg']}", path)  # pragma: no cover - safety net


def check(data: dict[str, Any]) -> tuple[FileModel | None, list[Problem], set[Path]]:
    """Validate a model file's data (without its ``accord`` key).

    Returns
    -------
    tuple
        The validated file model, or ``None``; every structural problem found, each with
        its path in the file; and the paths of problems about a key rather than its value
        (unknown keys), which should be pointed at the key.

    Notes
    -----
    Validation is strict: a value of the wrong type is an error, never converted (``yes`` is
    not text, ``1`` is not ``true``, ``"3"`` is not a number), and unknown keys are errors
    everywhere except inside ``metadata``.  Where the format offers a choice of shapes
    (options as a mapping or a list of names, a statement as text or a mapping), a callable
    discriminator picks the shape from the value, so one wrong value gives one message, not
    one per shape.  Every pydantic error is translated into plain words.
    """
    try:
        return FileModel.model_validate(data), [], set()
    except ValidationError as err:
        errors = err.errors(include_url=False)
        problems = [_translate(e, data) for e in errors]
        keys = {
            p.path for p, e in zip(problems, errors, strict=True) if e["type"] == "extra_forbidden"
        }
        return None, problems, keys
