"""GMCR+ ``.gmcr`` files (the JSON save format of gmcr-py): reading and writing.

The format and gmcr-py's state numbering are described in ``tests/cases/README.md`` §4.  In
short: a file lists ``options`` (``name``, ``permittedDirection``) and ``decisionMakers``
(``name``, the indices of their ``options``, ``preferences`` as conditions, optionally a
``preferenceRanking``), ``infeasibles`` as conditions and the flag
``useManualPreferenceRanking``.  A condition is ``[[option index, "Y"|"N"], ...]`` (an AND of
literals) or ``{"compound": true, "members": [condition, ...]}`` (an OR of such ANDs).

gmcr-py regroups the options by decision maker when it loads a file; the reader does the same,
so that accord's state ids (1..F by increasing decimal code) are gmcr-py's "ordered" state
numbers and a ``preferenceRanking`` maps onto accord ids unchanged.

Four verbs, as in networkx: :func:`parse_gmcr` and :func:`read_gmcr` build a
:class:`~accord.Conflict`; :func:`generate_gmcr` and :func:`write_gmcr` produce text or a file.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Discriminator, Field, JsonValue, Tag, ValidationError

from accord._types import BoolArray, IntArray
from accord.core.language import (
    And,
    Expr,
    If,
    Iff,
    Name,
    Not,
    Or,
    evaluate_on_codes,
    is_identifier,
    names_in,
    parse_condition,
)
from accord.core.model import (
    Conflict,
    DecisionMaker,
    Infeasibility,
    Option,
    Preference,
    Ranking,
    Reversibility,
    Statement,
    Statements,
)
from accord.core.provenance import Metadata
from accord.errors import AccordWarning, FormatError, ModelError, Path, Problem
from accord.io._files import atomic_write_text, read_text
from accord.io.names import unique_identifiers

__all__ = ["generate_gmcr", "parse_gmcr", "read_gmcr", "write_gmcr"]

#: gmcr-py's ``permittedDirection`` and accord's reversibility, both ways.
_FROM_DIRECTION: dict[str, Reversibility] = {
    "both": "both",
    "fwd": "take_only",
    "back": "withdraw_only",
}
_TO_DIRECTION: dict[Reversibility, str] = {v: k for k, v in _FROM_DIRECTION.items()}

#: A statement that is neither an AND/OR of literals nor a two-literal IF/IFF is written as
#: a DNF computed from its truth table; past this many options the table is not built.
MAX_TABLE_OPTIONS = 12

# ---------------------------------------------------------------------------------------
# The raw structure of a .gmcr file, checked with pydantic (strict types: no coercion)
# ---------------------------------------------------------------------------------------

_LITERAL_PAIR = 'a pair [option index, "Y" or "N"]'
_CONDITION_SHAPE = (
    'a list of [option index, "Y" or "N"] pairs, or an object {"compound": true, "members": [...]}'
)

_Literal = tuple[int, Literal["Y", "N"]]
_AndCondition = list[_Literal]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)


class _Compound(_Strict):
    compound: bool = True
    members: list[_AndCondition]


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "<compound>"
    if isinstance(value, list):
        return "<and>"
    return None


def _entry_tag(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return "<one>"
    if isinstance(value, list):
        return "<group>"
    return None


_Condition = Annotated[
    Annotated[_AndCondition, Tag("<and>")] | Annotated[_Compound, Tag("<compound>")],
    Discriminator(
        _condition_tag, custom_error_type="condition_shape", custom_error_message=_CONDITION_SHAPE
    ),
]
_RankingEntry = Annotated[
    Annotated[int, Tag("<one>")] | Annotated[list[int], Tag("<group>")],
    Discriminator(
        _entry_tag,
        custom_error_type="ranking_entry_shape",
        custom_error_message="a state number or a list of tied state numbers",
    ),
]
_CoalitionEntry = Annotated[
    Annotated[int, Tag("<one>")] | Annotated[list[int], Tag("<group>")],
    Discriminator(
        _entry_tag,
        custom_error_type="coalition_shape",
        custom_error_message="a decision-maker index or a list of them",
    ),
]


class _RawOption(_Strict):
    name: str
    permitted_direction: Literal["both", "fwd", "back"] = Field(
        default="both", alias="permittedDirection"
    )
    accord_name: str | None = Field(default=None, alias="accordName")


class _RawDecisionMaker(_Strict):
    name: str
    options: list[int]
    preferences: list[_Condition] = Field(default_factory=list)
    misperceptions: list[_Condition] = Field(default_factory=list)
    preference_ranking: list[_RankingEntry] | None = Field(default=None, alias="preferenceRanking")
    preference_vector: list[_RankingEntry] | None = Field(default=None, alias="preferenceVector")


class _RawFile(_Strict):
    options: list[_RawOption]
    decision_makers: list[_RawDecisionMaker] = Field(alias="decisionMakers")
    infeasibles: list[_Condition] = Field(default_factory=list)
    use_manual: bool | None = Field(default=None, alias="useManualPreferenceRanking")
    use_manual_legacy: bool | None = Field(default=None, alias="useManualPreferenceVectors")
    coalitions: list[_CoalitionEntry] | None = None
    program: JsonValue = None
    version: JsonValue = None

    @property
    def manual(self) -> bool:
        """Whether the rankings, not the statements, give the preferences."""
        if self.use_manual is not None:
            return self.use_manual
        return bool(self.use_manual_legacy)


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def read_gmcr(path: str | os.PathLike[str]) -> Conflict:
    """Read a GMCR+ ``.gmcr`` file.

    Parameters
    ----------
    path
        The file to read.

    Returns
    -------
    Conflict
        The model in option form, named after the file.

    Raises
    ------
    FormatError
        When the file cannot be read, is not JSON, or is not a ``.gmcr`` model.
    ModelError
        When the model it describes is not valid.

    Warns
    -----
    AccordWarning
        When the file has misperceptions, which accord keeps but does not yet analyse.
    """
    return parse_gmcr(read_text(path), filename=str(path))


def parse_gmcr(text: str, *, filename: str = "<gmcr>") -> Conflict:
    """Build a conflict from the text of a GMCR+ ``.gmcr`` file.

    Options are regrouped by decision maker (gmcr-py's internal order), so that accord's
    state ids equal gmcr-py's ordered state numbers.  Option names become identifiers
    (:func:`accord.io.names.unique_identifiers`) and the text as written is kept as each
    option's label.  With ``useManualPreferenceRanking`` (or the older
    ``useManualPreferenceVectors``) each decision maker gets its ranking; otherwise its
    conditions become prioritised statements.

    Parameters
    ----------
    text
        The JSON text.
    filename
        Shown in error messages; its stem names the conflict.

    Returns
    -------
    Conflict
        The model in option form.

    Raises
    ------
    FormatError
        When the text is not JSON (with line and column) or not a ``.gmcr`` model; lists
        every problem found, each with its path in the file.
    ModelError
        When the model is not valid; every problem carries ``filename``.

    Warns
    -----
    AccordWarning
        When the file has misperceptions, which accord keeps but does not yet analyse.
    """
    text = text.removeprefix("\ufeff")
    raw = _load_json(text, filename)
    problems: list[Problem] = []
    data: _RawFile | None = None
    try:
        data = _RawFile.model_validate_json(text)
    except ValidationError as err:
        problems.extend(_translate(e) for e in err.errors(include_url=False))
    problems.extend(_reference_problems(raw))
    if problems:
        raise FormatError([p.located(file=filename) for p in problems])
    assert data is not None
    return _build(data, filename)


def _load_json(text: str, filename: str) -> Any:
    if not text.strip():
        raise FormatError(
            [Problem("the file is empty; a .gmcr file holds a JSON object", file=filename)]
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        lines = text.splitlines()
        excerpt = lines[err.lineno - 1] if 0 < err.lineno <= len(lines) else None
        raise FormatError(
            [
                Problem(
                    f"the file must be valid JSON: {_json_message(err.msg)}",
                    file=filename,
                    line=err.lineno,
                    column=err.colno,
                    excerpt=excerpt,
                )
            ]
        ) from None
    except RecursionError:
        raise FormatError(
            [Problem("the JSON is nested too deeply to be a .gmcr model", file=filename)]
        ) from None


_JSON_MESSAGES = {
    "Expecting value": "expected a value (a number, text in double quotes, true, false, null, "
    "a list or an object)",
    "Expecting ',' delimiter": "expected ',' between two items",
    "Expecting ':' delimiter": "expected ':' after a key",
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
    "Unterminated string starting at": "a text value is not closed with '\"'",
    "Extra data": "there is more text after the end of the JSON value",
    "Invalid control character at": "a text value contains a raw control character "
    "(write it as an escape such as \\n)",
    "Invalid \\escape": "a text value contains an invalid escape",
    "Invalid \\uXXXX escape": "a text value contains an invalid \\u escape",
}


def _json_message(msg: str) -> str:
    return _JSON_MESSAGES.get(msg, msg)


# -- pydantic errors in plain words ----------------------------------------------------------


def _describe(value: Any) -> str:
    """What was found, in JSON terms."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list | tuple):
        n = len(value)
        return "an empty list" if n == 0 else f"a list of {n} item{'s' if n != 1 else ''}"
    if isinstance(value, dict):
        return "an object"
    return repr(value)  # pragma: no cover - JSON has no other values


def _condition_part(rest: Path, key: str) -> str:
    """Name the part of a condition that ``rest`` (the path after ``key``) points at."""
    if not rest:
        return f"{key!r}"
    tail = list(rest[1:])
    if tail[:1] == ["compound"]:
        return "'compound'"
    compound = tail[:1] == ["members"]
    if compound:
        tail = tail[1:]
        if not tail:
            return "the 'members' of a compound condition"
        tail = tail[1:]
        if not tail:
            return "a member of a compound condition"
    if not tail:
        return "a condition"
    if len(tail) == 1:
        return "a literal"
    return "the option index of a literal" if tail[1] == 0 else "the value of a literal"


def _what(path: Path) -> str:
    """Name, in words, the value at ``path`` in a .gmcr file."""
    if not path:
        return "a .gmcr file"
    for key in ("preferences", "misperceptions", "infeasibles"):
        if key in path:
            return _condition_part(path[path.index(key) + 1 :], key)
    for key in ("preferenceRanking", "preferenceVector"):
        if key in path:
            depth = len(path) - path.index(key) - 1
            return ("a preference ranking", "a ranking entry", "a state number in a tie")[
                min(depth, 2)
            ]
    if path[0] == "coalitions":
        return ("'coalitions'", "a coalition", "a decision-maker index in a coalition")[
            min(len(path) - 1, 2)
        ]
    if path[0] == "options" and len(path) <= 3:
        return ("'options'", "an option", f"an option's {path[-1]!r}")[len(path) - 1]
    if path[0] == "decisionMakers" and len(path) <= 4:
        if len(path) == 4:
            return "an option index"
        return ("'decisionMakers'", "a decision maker", f"a decision maker's {path[-1]!r}")[
            len(path) - 1
        ]
    return repr(path[-1])


_EXPECTED = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text in double quotes",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
}


def _translate(error: Mapping[str, Any]) -> Problem:
    """One pydantic error as a problem: what must hold and what was found, in plain words."""
    kind = str(error["type"])
    path: Path = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("<")))
    value = error.get("input")
    if kind == "json_invalid":
        return Problem(f"the file must be valid JSON: {error['ctx']['error']}")
    if kind == "missing":
        if path and isinstance(path[-1], int):  # the second half of a literal pair
            return Problem(
                f"a literal must be {_LITERAL_PAIR}; found {_describe(value)}", path=path[:-1]
            )
        return Problem(
            f"{_what(path[:-1])} needs the key {path[-1]!r}; it is missing", path=path[:-1]
        )
    what = _what(path)
    if kind in {"tuple_type", "too_short", "too_long"}:
        expected = _LITERAL_PAIR
    elif kind == "literal_error":
        expected = str(error["ctx"]["expected"])
    elif kind in {"condition_shape", "ranking_entry_shape", "coalition_shape"}:
        expected = str(error["msg"])
    else:
        expected = _EXPECTED.get(kind, "")
    if not expected:  # pragma: no cover - every error type a .gmcr file can cause is above
        return Problem(f"{what} is not valid: {error['msg']}", path=path)
    return Problem(f"{what} must be {expected}; found {_describe(value)}", path=path)


# -- references between parts of the file ----------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _numbered(n: int, noun: str) -> str:
    if n == 0:
        return f"the file has no {noun}s"
    if n == 1:
        return f"the file has one {noun}, numbered 0"
    return f"the file has {n} {noun}s, numbered 0 to {n - 1}"


def _reference_problems(raw: Any) -> list[Problem]:
    """Indices out of range, options owned twice or never, missing manual rankings.

    Works on the raw JSON and skips whatever has the wrong shape (reported separately), so
    that one pass reports every problem.
    """
    if not isinstance(raw, dict):
        return []
    problems: list[Problem] = []
    options = raw.get("options")
    n_opt = len(options) if isinstance(options, list) else None
    dms = raw.get("decisionMakers")
    dm_list: list[Any] = dms if isinstance(dms, list) else []

    def option_label(idx: int) -> str:
        entry = options[idx] if isinstance(options, list) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        return f"option {idx} ({name!r})" if isinstance(name, str) else f"option {idx}"

    def check_option_index(value: Any, path: Path) -> bool:
        if not _is_int(value) or n_opt is None:
            return False
        if 0 <= value < n_opt:
            return True
        problems.append(
            Problem(
                f"option index {value} is out of range: {_numbered(n_opt, 'option')}", path=path
            )
        )
        return False

    def check_and(condition: Any, path: Path) -> None:
        if isinstance(condition, list):
            for j, literal in enumerate(condition):
                if isinstance(literal, list) and literal:
                    check_option_index(literal[0], (*path, j, 0))

    def check_conditions(conditions: Any, path: Path) -> None:
        if not isinstance(conditions, list):
            return
        for k, condition in enumerate(conditions):
            if isinstance(condition, dict) and isinstance(condition.get("members"), list):
                for m, member in enumerate(condition["members"]):
                    check_and(member, (*path, k, "members", m))
            else:
                check_and(condition, (*path, k))

    manual = raw.get("useManualPreferenceRanking")
    if manual is None:
        manual = raw.get("useManualPreferenceVectors")
    owners: dict[int, list[tuple[int, int]]] = {}
    all_listed = True
    for i, dm in enumerate(dm_list):
        if not isinstance(dm, dict):
            all_listed = False
            continue
        owned = dm.get("options")
        if isinstance(owned, list):
            for j, idx in enumerate(owned):
                if check_option_index(idx, ("decisionMakers", i, "options", j)):
                    owners.setdefault(idx, []).append((i, j))
            # an entry of the wrong type is reported already; whom it names is unknown
            all_listed = all_listed and all(_is_int(idx) for idx in owned)
        else:
            all_listed = False
        for key in ("preferences", "misperceptions"):
            check_conditions(dm.get(key), ("decisionMakers", i, key))
        if (
            manual is True
            and dm.get("preferenceRanking") is None
            and dm.get("preferenceVector") is None
        ):
            name = dm.get("name")
            who = f"decision maker {name!r}" if isinstance(name, str) else "this decision maker"
            problems.append(
                Problem(
                    f"{who} has no 'preferenceRanking', but 'useManualPreferenceRanking' is true",
                    path=("decisionMakers", i),
                    hint="add its ranking (state numbers, best first), or set "
                    "useManualPreferenceRanking to false so that its preferences rank the states",
                )
            )
    check_conditions(raw.get("infeasibles"), ("infeasibles",))

    def dm_name(i: int) -> str:
        name = dm_list[i].get("name")
        return repr(name) if isinstance(name, str) else f"decision maker {i}"

    for idx, places in sorted(owners.items()):
        first = places[0][0]
        for i, j in places[1:]:
            if i == first:
                message = f"{option_label(idx)} is listed twice in the options of {dm_name(i)}"
            else:
                message = (
                    f"{option_label(idx)} is owned by both {dm_name(first)} and {dm_name(i)}; "
                    "each option belongs to exactly one decision maker"
                )
            problems.append(Problem(message, path=("decisionMakers", i, "options", j)))
    if n_opt is not None and isinstance(dms, list) and all_listed:
        for idx in range(n_opt):
            if idx not in owners:
                problems.append(
                    Problem(
                        f"{option_label(idx)} belongs to no decision maker; every option must be "
                        "listed in the 'options' of exactly one decision maker",
                        path=("options", idx),
                    )
                )
    coalitions = raw.get("coalitions")
    if isinstance(coalitions, list) and isinstance(dms, list):
        n_dm = len(dm_list)
        for c, entry in enumerate(coalitions):
            members: list[tuple[Any, Path]] = [(entry, (c,))] if _is_int(entry) else []
            if isinstance(entry, list):
                members = [(v, (c, k)) for k, v in enumerate(entry)]
            for value, where in members:
                if _is_int(value) and not 0 <= value < n_dm:
                    problems.append(
                        Problem(
                            f"decision-maker index {value} is out of range: "
                            f"{_numbered(n_dm, 'decision maker')}",
                            path=("coalitions", *where),
                        )
                    )
    return problems


# -- building the conflict -------------------------------------------------------------------


def _literal_text(name: str, value: str) -> str:
    return name if value == "Y" else f"-{name}"


def _any_name(names: Sequence[str]) -> str:
    return next((n for n in names if n), "o_1")


def _and_text(condition: Sequence[tuple[int, str]], names: Sequence[str]) -> str:
    if not condition:  # no literal to fail: true everywhere
        return f"{_any_name(names)} | -{_any_name(names)}"
    return " & ".join(_literal_text(names[idx], value) for idx, value in condition)


def _typed_form(members: Sequence[Sequence[tuple[int, str]]], names: Sequence[str]) -> str | None:
    """``q IF p`` or ``a IFF b`` when the members spell a two-literal implication or equivalence.

    README §4.4: ``q if p`` is stored as ``[p&q, -p&q, -p&-q]`` and ``q iff p`` as
    ``[p&q, -p&-q]``, p and q being literals over two different options.  The first member
    is ``p&q``; the member that differs from it in one option only is ``-p&q`` and names
    ``p``.  The shipped files also list an implication as ``[p&q, -p&-q, -p&q]`` (Cuban
    missile crisis, Elmira), which this order recovers just as well.  Anything else (other
    shapes, other orders) is left to the caller, which writes the members as a DNF; the
    truth table is the same either way.
    """
    if len(members) not in (2, 3) or any(len(m) != 2 for m in members):
        return None
    tables = [dict(m) for m in members]
    options = set(tables[0])
    if len(options) != 2 or any(set(t) != options for t in tables):
        return None
    first = tables[0]
    differ = [{o for o in options if t[o] != first[o]} for t in tables[1:]]
    if len(members) == 2:
        if len(differ[0]) != 2:
            return None
        (a, va), (b, vb) = members[0]
        if va == "N":  # -a IFF b is a IFF -b: keep the first side un-negated
            va, vb = "Y", ("Y" if vb == "N" else "N")
        return f"{_literal_text(names[a], va)} IFF {_literal_text(names[b], vb)}"
    if sorted(len(d) for d in differ) != [1, 2]:
        return None
    (p,) = differ[0] if len(differ[0]) == 1 else differ[1]
    (q,) = options - {p}
    return f"{_literal_text(names[q], first[q])} IF {_literal_text(names[p], first[p])}"


def _condition_text(condition: list[_Literal] | _Compound, names: Sequence[str]) -> str:
    """A .gmcr condition (file option indices mapped to ``names``) as accord condition text."""
    if isinstance(condition, list):
        return _and_text(condition, names)
    members = condition.members
    if not members:  # an empty OR: true nowhere
        return f"{_any_name(names)} & -{_any_name(names)}"
    typed = _typed_form(members, names)
    if typed is not None:
        return typed
    return " | ".join(_and_text(m, names) for m in members)


def _option_names(data: _RawFile, order: list[int]) -> list[str]:
    """Identifiers in internal order: the file's own ``accordName`` or ones derived from text."""
    own = [data.options[idx].accord_name for idx in order]
    if all(n is not None and is_identifier(n) for n in own) and len(set(own)) == len(own):
        return [n for n in own if n is not None]
    owner = {idx: dm.name for dm in data.decision_makers for idx in dm.options}
    return unique_identifiers([(owner[idx], data.options[idx].name) for idx in order])


def _build(data: _RawFile, filename: str) -> Conflict:
    # README §4.2: internal order = each DM's option list, DMs in file order.
    order = [idx for dm in data.decision_makers for idx in dm.options]
    idents = _option_names(data, order)
    names = [""] * len(data.options)
    for idx, ident in zip(order, idents, strict=True):
        names[idx] = ident
    dms = tuple(
        DecisionMaker(
            dm.name,
            tuple(
                Option(
                    names[idx],
                    label=data.options[idx].name,
                    reversibility=_FROM_DIRECTION[data.options[idx].permitted_direction],
                )
                for idx in dm.options
            ),
        )
        for dm in data.decision_makers
    )
    preferences: dict[str, Preference] = {}
    for dm in data.decision_makers:
        ranking = (
            dm.preference_ranking if dm.preference_ranking is not None else dm.preference_vector
        )
        if data.manual and ranking is not None:
            preferences[dm.name] = Ranking(
                tuple((e,) if isinstance(e, int) else tuple(e) for e in ranking)
            )
        else:
            preferences[dm.name] = Statements(
                tuple(Statement(_condition_text(c, names)) for c in dm.preferences)
            )
    misperceptions = {
        dm.name: tuple(_condition_text(c, names) for c in dm.misperceptions)
        for dm in data.decision_makers
        if dm.misperceptions
    }
    coalitions = tuple(
        (data.decision_makers[e].name,)
        if isinstance(e, int)
        else tuple(data.decision_makers[i].name for i in e)
        for e in data.coalitions or ()
    )
    extra = {
        k: v for k, v in (("program", data.program), ("version", data.version)) if v is not None
    }
    stem = FilePath(filename).stem.strip("<>") or "gmcr"
    try:
        conflict = Conflict(
            name=stem,
            decision_makers=dms,
            preferences=preferences,
            infeasible=tuple(Infeasibility(_condition_text(c, names)) for c in data.infeasibles),
            coalitions=coalitions,
            misperceptions=misperceptions,
            metadata=Metadata(extra=extra),
        )
    except ModelError as err:
        raise err.with_problems(
            [p if p.file else p.located(file=filename) for p in err.problems]
        ) from None
    if misperceptions:
        who = ", ".join(repr(dm) for dm in misperceptions)
        warnings.warn(
            f"{filename}: misperceptions of {who} are kept in the model but accord does not "
            "analyse misperceptions yet; results treat every decision maker as perceiving "
            "every state",
            AccordWarning,
            stacklevel=3,
        )
    return conflict


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------

#: A conjunction of literals: option identifier → taken (True) or not (False).
_Term = dict[str, bool]


def _literal(expr: Expr) -> tuple[str, bool] | None:
    if isinstance(expr, Name):
        return expr.name, True
    if isinstance(expr, Not) and isinstance(expr.operand, Name):
        return expr.operand.name, False
    return None


def _conjunction(expr: Expr) -> tuple[_Term, bool] | None:
    """The literals of a literal or an AND of literals, and whether they can all hold.

    ``None`` when ``expr`` has another shape.  ``a & -a`` gives ``({"a": ...}, False)``.
    """
    items = expr.items if isinstance(expr, And) else (expr,)
    term: _Term = {}
    consistent = True
    for item in items:
        lit = _literal(item)
        if lit is None:
            return None
        name, value = lit
        consistent = consistent and term.get(name, value) == value
        term[name] = value
    return term, consistent


def _direct_terms(expr: Expr) -> list[_Term] | None:
    """The terms of a condition already written as a DNF, contradictory ones dropped."""
    items = expr.items if isinstance(expr, Or) else (expr,)
    terms: list[_Term] = []
    for item in items:
        found = _conjunction(item)
        if found is None:
            return None
        term, consistent = found
        if consistent and term not in terms:
            terms.append(term)
    return terms


def _table_terms(expr: Expr, what: str, path: Path) -> list[_Term]:
    """A small DNF of ``expr`` built from its truth table over the options it mentions.

    Each term is a cube (some options fixed, the rest free) grown greedily from a true row
    not yet covered: an option is freed whenever the cube stays inside the true rows, so
    every cube is a prime implicant.  Cubes that the others already cover are dropped.
    """
    names = names_in(expr)
    k = len(names)
    if k > MAX_TABLE_OPTIONS:
        raise ModelError(
            [
                Problem(
                    f"{what} mentions {k} options; accord writes it to .gmcr only when it is "
                    "an AND or OR of options, a two-option IF/IFF, or mentions at most "
                    f"{MAX_TABLE_OPTIONS} options",
                    path=path,
                    hint="rewrite it as an OR of ANDs of options (a & -b | c & d)",
                )
            ]
        )
    codes = np.arange(1 << k, dtype=np.int64)
    true = evaluate_on_codes(expr, codes, {n: t for t, n in enumerate(names)})
    if true.all():
        return [{}]

    def cube(value: int, free: int) -> BoolArray:
        rows: BoolArray = (codes & ~free) == value
        return rows

    cubes: list[tuple[int, int]] = []
    uncovered = true.copy()
    while uncovered.any():
        value, free = int(np.flatnonzero(uncovered)[0]), 0
        for t in range(k):
            wider = free | 1 << t
            if true[cube(value & ~wider, wider)].all():
                value, free = value & ~wider, wider
        cubes.append((value, free))
        uncovered &= ~cube(value, free)
    covering = np.zeros(codes.shape, dtype=np.int64)  # how many cubes cover each row
    for c in cubes:
        covering += cube(*c)
    for c in list(cubes):  # drop cubes whose rows all have another cube
        rows = cube(*c)
        if (covering[rows] >= 2).all():
            cubes.remove(c)
            covering -= rows
    return [
        {names[t]: bool(value >> t & 1) for t in range(k) if not free >> t & 1}
        for value, free in cubes
    ]


def _terms(expr: Expr, what: str, path: Path) -> list[_Term]:
    """A DNF of ``expr``: ``[]`` when it is false everywhere, ``[{}]`` when true everywhere."""
    direct = _direct_terms(expr)
    if direct is not None:
        return direct
    return _table_terms(expr, what, path)


def _and_condition(term: _Term, index: Mapping[str, int]) -> list[list[int | str]]:
    # Literals in option order, as gmcr-py lists them.
    return [
        [index[n], "Y" if v else "N"] for n, v in sorted(term.items(), key=lambda i: index[i[0]])
    ]


def _compound(terms: Sequence[_Term], index: Mapping[str, int]) -> dict[str, Any]:
    return {"compound": True, "members": [_and_condition(t, index) for t in terms]}


def _statement_condition(text: str, index: Mapping[str, int], path: Path) -> Any:
    """One preference statement as a .gmcr condition (README §4.4, read backwards).

    A literal or an AND of literals is a plain condition; ``q IF p`` and ``a IFF b`` of two
    literals over different options are written in the member order gmcr-py uses for typed
    statements; anything else becomes a compound condition whose members are a DNF (the
    statement's own OR of ANDs, or one computed from its truth table).  A statement true
    everywhere is the empty condition ``[]`` (no literal to fail); one false everywhere is a
    compound with no members.
    """
    expr = parse_condition(text)
    found = _conjunction(expr)
    if found is not None and found[1]:
        return _and_condition(found[0], index)
    if isinstance(expr, If | Iff):
        left, right = (
            (expr.condition, expr.consequent) if isinstance(expr, If) else (expr.left, expr.right)
        )
        a, b = _literal(left), _literal(right)
        if a is not None and b is not None and a[0] != b[0]:
            p = {a[0]: a[1]}
            q = {b[0]: b[1]}
            not_p = {a[0]: not a[1]}
            not_q = {b[0]: not b[1]}
            if isinstance(expr, If):  # q IF p: [p&q, -p&q, -p&-q]
                return _compound([p | q, not_p | q, not_p | not_q], index)
            return _compound([p | q, not_p | not_q], index)  # a IFF b: [a&b, -a&-b]
    terms = _terms(expr, "this statement", path)
    if len(terms) == 1:
        return _and_condition(terms[0], index)
    return _compound(terms, index)


def _split_condition(text: str, index: Mapping[str, int], what: str, path: Path) -> list[Any]:
    """A condition as AND conditions whose union it is (gmcr-py's infeasibles are ANDs)."""
    return [_and_condition(t, index) for t in _terms(parse_condition(text), what, path)]


def _ranking(payoff: IntArray, ids: IntArray) -> list[int | list[int]]:
    """A payoff vector as a gmcr-py ranking: best first, ties as nested lists."""
    order = np.lexsort((ids, -payoff))
    out: list[int | list[int]] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or payoff[order[end]] != payoff[order[start]]:
            group = [int(ids[i]) for i in order[start:end]]
            out.append(group[0] if len(group) == 1 else group)
            start = end
    return out


def generate_gmcr(conflict: Conflict) -> str:
    """The text of a GMCR+ ``.gmcr`` file for an option-form conflict.

    Options are written decision maker by decision maker, so the file order is gmcr-py's
    internal order and state numbers are accord's ids.  Each option's ``name`` is its label
    (or identifier); the identifier is kept in an extra ``accordName`` key, which gmcr-py
    ignores and :func:`parse_gmcr` uses to restore it.  Preference statements become
    conditions (see :func:`_statement_condition`); infeasible conditions and misperceptions
    become AND conditions whose union they are.  When any decision maker has a ranking,
    ``useManualPreferenceRanking`` is true and every decision maker gets a
    ``preferenceRanking`` computed from its payoffs (statements are still written).

    Parameters
    ----------
    conflict
        An option-form model.

    Returns
    -------
    str
        JSON text, indented by two spaces.

    Raises
    ------
    ModelError
        For a graph-form model, or a statement too complex to write as conditions.
    """
    if conflict.is_graph_form:
        raise ModelError(
            [
                Problem(
                    "a graph-form model cannot be saved as .gmcr; GMCR+ has no explicit moves",
                    path=("states",),
                    hint="save it as .yaml or .json",
                )
            ]
        )
    from accord import __version__

    index = {name: t for t, name in enumerate(conflict.option_names)}
    manual = any(isinstance(p, Ranking) for p in conflict.preferences.values())
    dms: list[dict[str, Any]] = []
    start = 0
    for dm in conflict.decision_makers:
        entry: dict[str, Any] = {
            "name": dm.name,
            "options": list(range(start, start + len(dm.options))),
        }
        start += len(dm.options)
        pref = conflict.preferences[dm.name]
        texts = pref.texts if isinstance(pref, Statements) else ()
        entry["preferences"] = [
            _statement_condition(text, index, ("preferences", dm.name, i))
            for i, text in enumerate(texts)
        ]
        if dm.name in conflict.misperceptions:
            entry["misperceptions"] = [
                c
                for k, text in enumerate(conflict.misperceptions[dm.name])
                for c in _split_condition(
                    text, index, "this misperception", ("misperceptions", dm.name, k)
                )
            ]
        if manual:
            entry["preferenceRanking"] = _ranking(conflict.payoffs[dm.name], conflict.states.ids)
        dms.append(entry)
    data: dict[str, Any] = {
        "program": "accord",
        "version": __version__,
        "useManualPreferenceRanking": manual,
        "options": [
            {
                "name": o.title,
                "permittedDirection": _TO_DIRECTION[o.reversibility],
                "accordName": o.name,
            }
            for o in conflict.options
        ],
        "decisionMakers": dms,
        "infeasibles": [
            c
            for i, inf in enumerate(conflict.infeasible)
            for c in _split_condition(
                inf.condition, index, "this infeasible condition", ("infeasible", i)
            )
        ],
    }
    if conflict.coalitions:
        position = {name: i for i, name in enumerate(conflict.dm_names)}
        data["coalitions"] = [
            position[c[0]] if len(c) == 1 else [position[n] for n in c] for c in conflict.coalitions
        ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_gmcr(conflict: Conflict, path: str | os.PathLike[str]) -> None:
    """Write ``conflict`` as a GMCR+ ``.gmcr`` file, atomically.

    Parameters
    ----------
    conflict
        An option-form model.
    path
        Where to write.

    Raises
    ------
    ModelError
        As :func:`generate_gmcr`.
    """
    atomic_write_text(path, generate_gmcr(conflict))
