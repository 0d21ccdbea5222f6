"""Check the structure of a native model file with pydantic and turn it into core objects."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from accord.core.model import (
    Conflict,
    DecisionMaker,
    GraphForm,
    GraphState,
    Infeasibility,
    Option,
    Preference,
    Ranking,
    Statement,
    Statements,
)
from accord.core.provenance import CLAIM_TYPES, Evidence, Metadata, Source
from accord.core.validate import suggest
from accord.errors import Path, Problem

__all__ = ["FileModel", "check", "describe"]

_STRICT = ConfigDict(strict=True, extra="forbid")
_SHAPE_ERROR = "accord_shape"

# Tags name the shapes of a union in pydantic's error locations; ``_clean`` removes them.
_TAGS = frozenset(
    {"<text>", "<mapping>", "<none>", "<names>", "<id>", "<condition>", "<tie>", "<list>"}
    | {"<statements>", "<ranking>"}
)


def _kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "<text>"
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "<id>"
    if isinstance(value, list):
        return "<list>"
    if isinstance(value, dict):
        return "<mapping>"
    if value is None:
        return "<none>"
    return None


def _shapes(expected: str, **renames: str) -> Discriminator:
    """A discriminator choosing a union member by the kind of value; ``None`` means no fit."""
    table = {f"<{k}>": v for k, v in renames.items()}

    def pick(value: Any) -> str | None:
        kind = _kind(value)
        return table.get(kind) if kind is not None else None

    return Discriminator(
        pick,
        custom_error_type=_SHAPE_ERROR,
        custom_error_message=expected,
    )


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "accord_datetime", "a date without a time of day", {"expected": "a date"}
        )
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise PydanticCustomError("accord_date", "a date written YYYY-MM-DD", {})
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Reversibility = Literal["both", "take_only", "withdraw_only"]
Claim = Literal["position", "red_line", "condition", "event", "status_quo", "judgement"]
assert get_args(Claim) == CLAIM_TYPES


class OptionSpec(BaseModel):
    """An option written as a mapping."""

    model_config = _STRICT
    label: str = ""
    description: str = ""
    reversibility: Reversibility = "both"


OptionEntry = Annotated[
    Annotated[str, Tag("<text>")]
    | Annotated[OptionSpec, Tag("<mapping>")]
    | Annotated[None, Tag("<none>")],
    _shapes(
        "a mapping (label, description, reversibility) or its label as text",
        text="<text>",
        mapping="<mapping>",
        none="<none>",
    ),
]
OptionsField = Annotated[
    Annotated[dict[str, OptionEntry], Tag("<mapping>")] | Annotated[list[str], Tag("<names>")],
    _shapes("a mapping or a list of names", mapping="<mapping>", list="<names>"),
]


class DecisionMakerSpec(BaseModel):
    """A decision maker and its options."""

    model_config = _STRICT
    label: str = ""
    description: str = ""
    options: OptionsField = Field(default_factory=list)


class StatementSpec(BaseModel):
    """A preference statement written as a mapping."""

    model_config = _STRICT
    statement: str
    label: str = ""


StatementEntry = Annotated[
    Annotated[str, Tag("<text>")] | Annotated[StatementSpec, Tag("<mapping>")],
    _shapes(
        "a statement (text) or a mapping {statement: ..., label: ...}",
        text="<text>",
        mapping="<mapping>",
    ),
]


class StatementsSpec(BaseModel):
    """Preferences as ``{statements: [...]}``."""

    model_config = _STRICT
    statements: list[StatementEntry]


StateRefField = Annotated[
    Annotated[int, Tag("<id>")] | Annotated[str, Tag("<condition>")],
    _shapes("a state id (a whole number) or a condition (text)", id="<id>", text="<condition>"),
]
RankItem = Annotated[
    Annotated[int, Tag("<id>")]
    | Annotated[str, Tag("<condition>")]
    | Annotated[list[StateRefField], Tag("<tie>")],
    _shapes(
        "a state id, a condition, or a list of them that tie",
        id="<id>",
        text="<condition>",
        list="<tie>",
    ),
]


class RankingSpec(BaseModel):
    """Preferences as ``{ranking: [...]}``: states best first, inner lists tie."""

    model_config = _STRICT
    ranking: list[RankItem]


def _pick_preference(value: Any) -> str | None:
    if isinstance(value, list):
        return "<list>"
    if isinstance(value, dict):
        has_s, has_r = "statements" in value, "ranking" in value
        if has_s != has_r:
            return "<statements>" if has_s else "<ranking>"
    return None


PreferenceField = Annotated[
    Annotated[list[StatementEntry], Tag("<list>")]
    | Annotated[StatementsSpec, Tag("<statements>")]
    | Annotated[RankingSpec, Tag("<ranking>")],
    Discriminator(
        _pick_preference,
        custom_error_type=_SHAPE_ERROR,
        custom_error_message="a list of statements, a mapping {statements: [...]}, or a "
        "mapping {ranking: [...]}",
    ),
]


class ConditionSpec(BaseModel):
    """An infeasible condition written as a mapping."""

    model_config = _STRICT
    condition: str
    label: str = ""


InfeasibleEntry = Annotated[
    Annotated[str, Tag("<text>")] | Annotated[ConditionSpec, Tag("<mapping>")],
    _shapes(
        "a condition (text) or a mapping {condition: ..., label: ...}",
        text="<text>",
        mapping="<mapping>",
    ),
]

Pair = Annotated[list[int], Field(min_length=2, max_length=2)]


class StateSpec(BaseModel):
    """A state of a graph-form model."""

    model_config = _STRICT
    id: int
    label: str = ""
    taken: list[str] | None = None
    members: list[list[str]] = Field(default_factory=list)


class MetadataSpec(BaseModel):
    """Free metadata; keys beyond the named ones are kept as they are."""

    model_config = ConfigDict(strict=True, extra="allow")
    title: str = ""
    date: Date | None = None
    author: str = ""
    tags: list[str] = Field(default_factory=list)
    description: str = ""


class SourceSpec(BaseModel):
    """A source the model draws on."""

    model_config = _STRICT
    id: str
    title: str = ""
    outlet: str = ""
    published: Date | None = None
    url: str = ""
    sha256: str = ""
    note: str = ""


class EvidenceSpec(BaseModel):
    """A link from a model element to a place in a source."""

    model_config = _STRICT
    about: str
    source: str = ""
    paragraph: Annotated[int, Field(ge=1)] | None = None
    span: Pair | None = None
    quote: str = ""
    note: str = ""
    claim: Claim | None = None
    added_by: str = ""

    @field_validator("span")
    @classmethod
    def _ordered(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and not 0 <= value[0] <= value[1]:
            raise PydanticCustomError(
                "accord_span",
                "a span [start, end] needs 0 <= start <= end",
                {"expected": "a pair [start, end] with 0 <= start <= end"},
            )
        return value


class FileModel(BaseModel):
    """A whole model file, without its ``accord`` version key."""

    model_config = _STRICT
    name: str
    metadata: MetadataSpec | None = None
    decision_makers: dict[str, DecisionMakerSpec]
    states: list[StateSpec] | None = None
    moves: dict[str, list[Pair]] | None = None
    infeasible: list[InfeasibleEntry] = Field(default_factory=list)
    preferences: dict[str, PreferenceField] = Field(default_factory=dict)
    status_quo: StateRefField | None = None
    coalitions: list[list[str]] = Field(default_factory=list)
    misperceptions: dict[str, list[str]] = Field(default_factory=dict)
    sources: list[SourceSpec] = Field(default_factory=list)
    evidence: list[EvidenceSpec] = Field(default_factory=list)

    def to_conflict(self) -> Conflict:
        """Build the core :class:`~accord.core.model.Conflict` (which validates itself).

        Raises
        ------
        ModelError
            With the core's problems, their paths in the file layout.
        """
        graph = None
        if self.states is not None or self.moves is not None:
            graph = GraphForm(
                states=tuple(
                    GraphState(
                        id=s.id,
                        label=s.label,
                        taken=None if s.taken is None else frozenset(s.taken),
                        members=tuple(frozenset(m) for m in s.members),
                    )
                    for s in self.states or ()
                ),
                moves={
                    dm: tuple((a, b) for a, b in arcs) for dm, arcs in (self.moves or {}).items()
                },
            )
        meta = self.metadata
        return Conflict(
            name=self.name,
            decision_makers=tuple(
                DecisionMaker(
                    name=name,
                    options=_options(spec.options),
                    label=spec.label,
                    description=spec.description,
                )
                for name, spec in self.decision_makers.items()
            ),
            preferences={dm: _preference(p) for dm, p in self.preferences.items()},
            infeasible=tuple(
                Infeasibility(e) if isinstance(e, str) else Infeasibility(e.condition, e.label)
                for e in self.infeasible
            ),
            status_quo=self.status_quo,
            graph=graph,
            coalitions=tuple(tuple(c) for c in self.coalitions),
            misperceptions={dm: tuple(c) for dm, c in self.misperceptions.items()},
            metadata=Metadata()
            if meta is None
            else Metadata(
                title=meta.title,
                date=meta.date,
                author=meta.author,
                tags=tuple(meta.tags),
                description=meta.description,
                extra=dict(meta.model_extra or {}),
            ),
            sources=tuple(
                Source(
                    id=s.id,
                    title=s.title,
                    outlet=s.outlet,
                    published=s.published,
                    url=s.url,
                    sha256=s.sha256,
                    note=s.note,
                )
                for s in self.sources
            ),
            evidence=tuple(
                Evidence(
                    about=e.about,
                    source=e.source,
                    paragraph=e.paragraph,
                    span=None if e.span is None else (e.span[0], e.span[1]),
                    quote=e.quote,
                    note=e.note,
                    claim=e.claim or "",
                    added_by=e.added_by,
                )
                for e in self.evidence
            ),
        )


def _options(spec: dict[str, OptionSpec | str | None] | list[str]) -> tuple[Option, ...]:
    if isinstance(spec, list):
        return tuple(Option(name) for name in spec)
    out = []
    for name, entry in spec.items():
        if entry is None:
            out.append(Option(name))
        elif isinstance(entry, str):
            out.append(Option(name, label=entry))
        else:
            out.append(
                Option(
                    name,
                    label=entry.label,
                    description=entry.description,
                    reversibility=entry.reversibility,
                )
            )
    return tuple(out)


def _statement(entry: str | StatementSpec) -> Statement:
    return Statement(entry) if isinstance(entry, str) else Statement(entry.statement, entry.label)


def _preference(spec: list[str | StatementSpec] | StatementsSpec | RankingSpec) -> Preference:
    if isinstance(spec, RankingSpec):
        return Ranking(
            tuple(tuple(item) if isinstance(item, list) else (item,) for item in spec.ranking)
        )
    items = spec.statements if isinstance(spec, StatementsSpec) else spec
    return Statements(tuple(_statement(e) for e in items))


# -- translating pydantic's errors ---------------------------------------------------------

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
        if part in _TAGS and not (isinstance(cur, dict) and part in cur):
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
    return "a pair of two items"


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
    simple: dict[str, tuple[str, Callable[[Any], str | None]]] = {
        "string_type": ("text", _text_hint),
        "int_type": (
            "a whole number",
            lambda v: "remove the quotes" if isinstance(v, str) and v.strip().isdigit() else None,
        ),
        "list_type": ("a list", lambda v: "write the items as '[a, b]' or as '- a' lines"),
        "date_type": ("a date written YYYY-MM-DD", lambda v: None),
        "accord_date": ("a date written YYYY-MM-DD", lambda v: None),
        "accord_datetime": ("a date without a time of day", lambda v: None),
    }
    if kind in simple:
        expected, hinter = simple[kind]
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
    if kind == _SHAPE_ERROR:
        return Problem(f"{subject} must be {error['msg']} (got {got(value)})", path)
    if kind == "literal_error":
        choices = _literal_choices(str(ctx.get("expected", "")))
        hint = suggest(value, choices) if isinstance(value, str) else None
        return Problem(
            f"{subject} must be one of {', '.join(choices)} (got {got(value)})", path, hint
        )
    if kind in ("too_short", "too_long"):
        return Problem(f"{subject} must be {_pair_words(path)} (got {got(value)})", path)
    if kind == "greater_than_equal":
        return Problem(f"{subject} must be at least {ctx.get('ge')} (got {got(value)})", path)
    if kind == "accord_span":
        return Problem(f"{subject} must be {ctx.get('expected')} (got {value!r})", path)
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
