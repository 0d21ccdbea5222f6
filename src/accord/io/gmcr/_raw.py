"""The raw structure of a ``.gmcr`` file: its JSON, checked with pydantic, and its problems.

:func:`load_json` reads the JSON (with line and column when it is not JSON);
:func:`validate` checks its structure.  Types are strict (no coercion): a string where a
number belongs is reported, not converted.  Every pydantic error becomes a
:class:`~accord.errors.Problem` that says what must hold and what was found, in JSON terms,
at its path in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, JsonValue, Tag, ValidationError

from accord.core.model import Reversibility
from accord.errors import FormatError, Path, Problem

__all__ = [
    "FROM_DIRECTION",
    "SURROGATE",
    "AndCondition",
    "Compound",
    "RawFile",
    "is_int",
    "load_json",
    "validate",
]

#: gmcr-py's ``permittedDirection`` as accord's reversibility.
FROM_DIRECTION: dict[str, Reversibility] = {
    "both": "both",
    "fwd": "take_only",
    "back": "withdraw_only",
}

_LITERAL_PAIR = 'a pair [option index, "Y" or "N"]'
_CONDITION_SHAPE = (
    'a list of [option index, "Y" or "N"] pairs, or an object {"compound": true, "members": [...]}'
)


def is_int(value: Any) -> bool:
    """Whether a JSON value is a whole number (``true`` and ``false`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


#: An AND of literals ``[option index, "Y"|"N"]``.
AndCondition = list[tuple[int, Literal["Y", "N"]]]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)


class Compound(_Strict):
    """An OR of AND conditions."""

    compound: bool = True
    members: list[AndCondition]


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "<compound>"
    if isinstance(value, list):
        return "<and>"
    return None


def _entry_tag(value: Any) -> str | None:
    if is_int(value):
        return "<one>"
    if isinstance(value, list):
        return "<group>"
    return None


_OneOrGroup = Annotated[int, Tag("<one>")] | Annotated[list[int], Tag("<group>")]
_Condition = Annotated[
    Annotated[AndCondition, Tag("<and>")] | Annotated[Compound, Tag("<compound>")],
    Discriminator(
        _condition_tag, custom_error_type="condition_shape", custom_error_message=_CONDITION_SHAPE
    ),
]
_RankingEntry = Annotated[
    _OneOrGroup,
    Discriminator(
        _entry_tag,
        custom_error_type="ranking_entry_shape",
        custom_error_message="a state number or a list of tied state numbers",
    ),
]
_CoalitionEntry = Annotated[
    _OneOrGroup,
    Discriminator(
        _entry_tag,
        custom_error_type="coalition_shape",
        custom_error_message="a decision-maker index or a list of them",
    ),
]


class RawOption(_Strict):
    """One entry of ``options``."""

    name: str
    permitted_direction: Literal["both", "fwd", "back"] = Field(
        default="both", alias="permittedDirection"
    )
    accord_name: str | None = Field(default=None, alias="accordName")


class RawDecisionMaker(_Strict):
    """One entry of ``decisionMakers``."""

    name: str
    options: list[int]
    preferences: list[_Condition] = Field(default_factory=list)
    misperceptions: list[_Condition] = Field(default_factory=list)
    preference_ranking: list[_RankingEntry] | None = Field(default=None, alias="preferenceRanking")
    preference_vector: list[_RankingEntry] | None = Field(default=None, alias="preferenceVector")


class RawFile(_Strict):
    """A whole ``.gmcr`` file."""

    options: list[RawOption]
    decision_makers: list[RawDecisionMaker] = Field(alias="decisionMakers")
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


# -- JSON ------------------------------------------------------------------------------------

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


_NOT_JSON = "the file must be valid JSON: "
_NESTED = "the JSON is nested too deeply to be a .gmcr model"
_BAD_SURROGATE = _NOT_JSON + _JSON_MESSAGES["Invalid \\uXXXX escape"]
#: What pydantic's JSON parser rejects in JSON that Python's accepts.
_PYDANTIC_JSON_MESSAGES = {
    "recursion limit exceeded": _NESTED,
    "lone leading surrogate in hex escape": _BAD_SURROGATE,
    "unexpected end of hex escape": _BAD_SURROGATE,
}
_AT = re.compile(r"(.*) at line (\d+) column (\d+)$")
#: Half of a UTF-16 surrogate pair: a Python str may hold one, UTF-8 text may not.
SURROGATE = re.compile("[\ud800-\udfff]")


def _not_json(message: str, text: str, line: int, column: int) -> Problem:
    """A problem at ``line`` and ``column`` (counted as JSON counts them: by ``\\n``)."""
    lines = text.split("\n")
    excerpt = lines[line - 1].removesuffix("\r") if 0 < line <= len(lines) else None
    return Problem(
        message,
        line=line,
        column=column,
        excerpt=None if excerpt is None else SURROGATE.sub("\ufffd", excerpt),
    )


def load_json(text: str, filename: str) -> Any:
    """The JSON value of ``text``.

    Raises
    ------
    FormatError
        When the text is empty, holds a lone surrogate, is not JSON (with line, column and
        the line itself), or is nested too deeply or has numbers too long to parse.
    """
    if not text.strip():
        raise FormatError(
            [Problem("the file is empty; a .gmcr file holds a JSON object", file=filename)]
        )
    bad = SURROGATE.search(text)
    if bad is not None:  # only a caller's str can hold one: a file is decoded as UTF-8
        at = bad.start()
        message = f"the text holds U+{ord(bad[0]):04X}, half of a surrogate pair, not a character"
        problem = _not_json(
            message, text, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        )
    else:
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            message = _NOT_JSON + _JSON_MESSAGES.get(err.msg, err.msg)
            problem = _not_json(message, text, err.lineno, err.colno)
        except ValueError:  # Python's limit on the digits of an integer
            problem = Problem(_NOT_JSON + "a number has too many digits to read")
        except RecursionError:
            problem = Problem(_NESTED)
    raise FormatError([problem.located(file=filename)]) from None


def validate(text: str) -> tuple[RawFile | None, list[Problem]]:
    """The file's structure, or ``None`` and every problem with it (paths, no file name)."""
    try:
        return RawFile.model_validate_json(text), []
    except ValidationError as err:
        return None, [_translate(e, text) for e in err.errors(include_url=False)]


# -- pydantic errors in plain words ----------------------------------------------------------


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(value: Any) -> str:
    """What was found, in JSON terms."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {_shorten(str(value))}"
    if isinstance(value, str):
        return f"the text {_shorten(value)!r}"
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
    if tail[:1] == ["members"]:
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
    "tuple_type": _LITERAL_PAIR,
    "too_short": _LITERAL_PAIR,
    "too_long": _LITERAL_PAIR,
}


def _translate(error: Mapping[str, Any], text: str) -> Problem:
    """One pydantic error as a problem: what must hold and what was found, in plain words."""
    kind = str(error["type"])
    path: Path = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("<")))
    value = error.get("input")
    if kind == "json_invalid":  # JSON that Python reads but pydantic does not
        found = _AT.match(str(error["ctx"]["error"]))
        if found is None:  # pragma: no cover - pydantic always says where
            return Problem(_NOT_JSON + str(error["ctx"]["error"]))
        message = _PYDANTIC_JSON_MESSAGES.get(found[1], _NOT_JSON + found[1])
        return _not_json(message, text, int(found[2]), int(found[3]))
    if kind == "missing":
        if path and isinstance(path[-1], int):  # the second half of a literal pair
            return Problem(
                f"a literal must be {_LITERAL_PAIR}; found {_describe(value)}", path=path[:-1]
            )
        return Problem(
            f"{_what(path[:-1])} needs the key {path[-1]!r}; it is missing", path=path[:-1]
        )
    if kind == "literal_error":
        expected = str(error["ctx"]["expected"])
    elif kind in {"condition_shape", "ranking_entry_shape", "coalition_shape"}:
        expected = str(error["msg"])
    else:
        expected = _EXPECTED.get(kind, "")
    if not expected:  # pragma: no cover - every error type a .gmcr file can cause is above
        return Problem(f"{_what(path)} is not valid: {error['msg']}", path=path)
    return Problem(f"{_what(path)} must be {expected}; found {_describe(value)}", path=path)
