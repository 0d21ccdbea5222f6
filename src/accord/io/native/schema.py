"""The layout of a native model file, as pydantic models that build the core objects."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from accord.core.model import (
    Conflict,
    DecisionMaker,
    GraphForm,
    GraphState,
    Infeasibility,
    Option,
    Preference,
    Ranking,
    Reversibility,
    Statement,
    Statements,
)
from accord.core.provenance import Evidence, Metadata, Source
from accord.core.uncertainty import Alternative, Probable, Uncertainty
from accord.errors import ModelError, Problem
from accord.io.native.statement_refs import StatementRefs

__all__ = ["FORMAT_VERSION", "SHAPE_ERROR", "TAGS", "FileModel"]

#: The version of the native format this package reads and writes (``accord: 1``).
FORMAT_VERSION = 1

_STRICT = ConfigDict(strict=True, extra="forbid")
#: The error type of a value that fits none of the shapes a union offers.
SHAPE_ERROR = "accord_shape"

#: Tags name the shapes of a union in pydantic's error locations (not keys of the file).
TAGS = frozenset(
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
        custom_error_type=SHAPE_ERROR,
        custom_error_message=expected,
    )


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("accord_datetime", "a date without a time of day")
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise PydanticCustomError("accord_date", "a date written YYYY-MM-DD")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


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
        custom_error_type=SHAPE_ERROR,
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


StatementRefField = Annotated[
    Annotated[int, Tag("<id>")] | Annotated[str, Tag("<text>")],
    _shapes(
        "a statement: its index in the list (from 0) or its exact text",
        id="<id>",
        text="<text>",
    ),
]
StatePair = Annotated[list[StateRefField], Field(min_length=2, max_length=2)]


class ProbableSpec(BaseModel):
    """A statement of the base list that holds with a probability."""

    model_config = _STRICT
    statement: StatementRefField
    probability: float


class AlternativeSpec(BaseModel):
    """Another reading of a decision maker's whole list of statements."""

    model_config = _STRICT
    weight: float
    label: str = ""
    statements: list[StatementEntry]


class UncertaintySpec(BaseModel):
    """What is uncertain about one decision maker's preferences."""

    model_config = _STRICT
    unordered: list[list[StatementRefField]] = Field(default_factory=list)
    probable: list[ProbableSpec] = Field(default_factory=list)
    alternatives: list[AlternativeSpec] = Field(default_factory=list)
    unknown: list[StatePair] = Field(default_factory=list)


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
    question: str = ""
    focus: StateRefField | None = None


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
    """A link from a model element to a place in a source (the core checks the values)."""

    model_config = _STRICT
    about: str
    source: str = ""
    paragraph: int | None = None
    span: Pair | None = None
    quote: str = ""
    note: str = ""
    claim: str | None = None
    added_by: str = ""


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
    uncertainty: dict[str, UncertaintySpec] = Field(default_factory=dict)
    sources: list[SourceSpec] = Field(default_factory=list)
    evidence: list[EvidenceSpec] = Field(default_factory=list)

    def to_conflict(self) -> Conflict:
        """Build the core :class:`~accord.core.model.Conflict` (which validates itself).

        Statements of ``uncertainty`` named by their text are resolved to their index here;
        a text that names no statement, or several, is reported with the core's problems.

        Raises
        ------
        ModelError
            With the core's problems, their paths in the file layout.
        """
        uncertainty, unresolved, kept = self._uncertainty()
        try:
            conflict = self._conflict(uncertainty)
        except ModelError as err:
            if unresolved:
                found = [_renumbered(p, kept) for p in err.problems]
                raise err.with_problems([*unresolved, *found]) from None
            raise
        if unresolved:
            raise ModelError(unresolved)
        return conflict

    def _uncertainty(
        self,
    ) -> tuple[dict[str, Uncertainty], list[Problem], dict[tuple[str, str], list[int]]]:
        """The core's uncertainty, the texts that name no statement, and what was kept.

        A group or probable statement with such a text is left out; ``kept`` gives, for
        each ``(dm, "unordered")`` and ``(dm, "probable")``, the file index of each entry
        passed on, so that the core's problems can be pointed at the file.
        """
        problems: list[Problem] = []
        out: dict[str, Uncertainty] = {}
        kept: dict[tuple[str, str], list[int]] = {}
        for dm, spec in self.uncertainty.items():
            pref = self.preferences.get(dm)
            texts: tuple[str, ...] | None = None
            if (
                dm in self.decision_makers
                and pref is not None
                and not isinstance(pref, RankingSpec)
            ):
                items = pref.statements if isinstance(pref, StatementsSpec) else pref
                texts = tuple(_statement(e).text for e in items)
            refs = StatementRefs(dm, texts, problems)
            groups = []
            for g, group in enumerate(spec.unordered):
                found = [
                    refs.index(ref, ("uncertainty", dm, "unordered", g, k))
                    for k, ref in enumerate(group)
                ]
                if all(i is not None for i in found):
                    groups.append(tuple(i for i in found if i is not None))
                    kept.setdefault((dm, "unordered"), []).append(g)
            probable = []
            for k, item in enumerate(spec.probable):
                index = refs.index(item.statement, ("uncertainty", dm, "probable", k, "statement"))
                if index is not None:
                    probable.append(Probable(index, item.probability))
                    kept.setdefault((dm, "probable"), []).append(k)
            out[dm] = Uncertainty(
                unordered=tuple(groups),
                probable=tuple(probable),
                alternatives=tuple(
                    Alternative(
                        Statements(tuple(_statement(e) for e in a.statements)), a.weight, a.label
                    )
                    for a in spec.alternatives
                ),
                unknown=tuple((a, b) for a, b in spec.unknown),
            )
        return out, problems, kept

    def _conflict(self, uncertainty: dict[str, Uncertainty]) -> Conflict:
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
                question=meta.question,
                focus=meta.focus,
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
            uncertainty=uncertainty,
        )


def _renumbered(problem: Problem, kept: dict[tuple[str, str], list[int]]) -> Problem:
    """``problem`` with the index of a group or probable statement as written in the file."""
    path = problem.path
    if len(path) < 4 or path[0] != "uncertainty" or not isinstance(path[3], int):
        return problem
    indices = kept.get((str(path[1]), str(path[2])))
    if indices is None or not 0 <= path[3] < len(indices):
        return problem
    return problem.located(path=(*path[:3], indices[path[3]], *path[4:]))


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
