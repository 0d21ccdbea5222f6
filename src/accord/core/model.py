"""Conflict, DecisionMaker, Option: the immutable model every analysis starts from.

A :class:`Conflict` is validated when it is built (:mod:`accord.core.validate`); inside
``core`` its invariants are trusted.  Derived data — the feasible states and each decision
maker's payoffs — are computed once, on first use, and cached on the instance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from accord._types import IntArray, StateRef
from accord.core.provenance import Evidence, Metadata, Source

if TYPE_CHECKING:
    from accord.core.states import StateSpace
    from accord.core.uncertainty import Uncertainty

__all__ = [
    "REVERSIBILITIES",
    "Conflict",
    "DecisionMaker",
    "GraphForm",
    "GraphState",
    "Infeasibility",
    "Option",
    "PayoffVector",
    "Preference",
    "Ranking",
    "Reversibility",
    "Statement",
    "Statements",
]

#: How an option may change: ``take_only`` never goes Y→N, ``withdraw_only`` never N→Y.
Reversibility = Literal["both", "take_only", "withdraw_only"]
REVERSIBILITIES: tuple[Reversibility, ...] = ("both", "take_only", "withdraw_only")


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


@dataclass(frozen=True)
class Option:
    """A binary choice controlled by one decision maker (taken = Y, not taken = N).

    Parameters
    ----------
    name
        Identifier used in conditions (``[A-Za-z_][A-Za-z0-9_]*``, not a reserved word).
    label
        Free text shown to readers; defaults to the name.
    description
        Longer free text.
    reversibility
        ``both`` (default), ``take_only`` or ``withdraw_only``.
    """

    name: str
    label: str = ""
    description: str = ""
    reversibility: Reversibility = "both"

    @property
    def title(self) -> str:
        """The label, or the name when there is no label."""
        return self.label or self.name


@dataclass(frozen=True)
class DecisionMaker:
    """A party to the conflict and the options it controls."""

    name: str
    options: tuple[Option, ...]
    label: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))

    @property
    def title(self) -> str:
        """The label, or the name when there is no label."""
        return self.label or self.name


@dataclass(frozen=True)
class Statement:
    """One prioritised preference statement: a condition the decision maker wants to hold."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Statements:
    """Option prioritisation: statements, most important first (gmcr-spec §7)."""

    items: tuple[Statement, ...]

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "items",
            tuple(s if isinstance(s, Statement) else Statement(s) for s in self.items),
        )

    @property
    def texts(self) -> tuple[str, ...]:
        """The statements' conditions, most important first."""
        return tuple(s.text for s in self.items)


@dataclass(frozen=True)
class Ranking:
    """An explicit ranking of all feasible states, best first; each group is a tie."""

    groups: tuple[tuple[StateRef, ...], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", tuple(tuple(g) for g in self.groups))


@dataclass(frozen=True, eq=False)
class PayoffVector:
    """Payoffs given directly: one integer per feasible state, in state order, higher better.

    For models built in code (generated conflicts, what-if studies).  Files store them as a
    ranking.  Only the order matters: payoffs are turned into dense ranks like any other.
    """

    values: IntArray

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=np.int64, copy=True)
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PayoffVector) and np.array_equal(self.values, other.values)

    __hash__ = None  # type: ignore[assignment]


Preference = Statements | Ranking | PayoffVector


@dataclass(frozen=True)
class Infeasibility:
    """A condition that removes every state where it holds."""

    condition: str
    label: str = ""


@dataclass(frozen=True)
class GraphState:
    """A state of a graph-form model.

    Parameters
    ----------
    id
        The state's number, as the source numbers it.
    label
        Free text.
    taken
        The options taken at the representative assignment (used to evaluate statements and
        conditions); ``None`` when the state has no option pattern.
    members
        For a coalesced state, every assignment merged into it (each as its taken options).
    """

    id: int
    label: str = ""
    taken: frozenset[str] | None = None
    members: tuple[frozenset[str], ...] = ()

    def __post_init__(self) -> None:
        if self.taken is not None:
            object.__setattr__(self, "taken", frozenset(self.taken))
        object.__setattr__(self, "members", tuple(frozenset(m) for m in self.members))


@dataclass(frozen=True)
class GraphForm:
    """Explicit states and per-decision-maker moves, for models whose states were coalesced."""

    states: tuple[GraphState, ...]
    moves: Mapping[str, tuple[tuple[int, int], ...]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "states", tuple(self.states))
        object.__setattr__(
            self,
            "moves",
            _frozen_map(
                {dm: tuple((int(a), int(b)) for a, b in m) for dm, m in self.moves.items()}
            ),
        )


@dataclass(frozen=True)
class Conflict:
    """A graph model of a conflict, in option form or graph form.

    Parameters
    ----------
    name
        Short name of the model.
    decision_makers
        The parties, in model order; their options, in order, give the state bits.
    preferences
        For each decision maker, :class:`Statements` or a :class:`Ranking`.
    infeasible
        Conditions that remove states (option form only).
    status_quo
        The state today, by id or by a condition matching exactly one state.
    graph
        Explicit states and moves; ``None`` for option form, where moves follow from options.
    coalitions
        A class of coalitions (each a tuple of decision-maker names) for coalition analysis.
    misperceptions
        Per decision maker, conditions describing states it does not perceive.  Kept, not
        yet analysed.
    metadata, sources, evidence
        Provenance: free metadata, the sources, and evidence linking model elements to them.
    uncertainty
        Per decision maker, what is uncertain about its preferences
        (:class:`~accord.core.uncertainty.Uncertainty`): groups of statements in unknown
        order, statements that hold with a probability, alternative statement lists (these
        three only for prioritised statements, and they define the variants of the model a
        robustness analysis samples), and pairs of states whose order is unknown
        (gmcr-spec §6.1, for any decision maker).  Statements are referred to by their
        0-based index in the decision maker's list.

    Raises
    ------
    ModelError
        Listing every problem found, each with its path inside the model.
    """

    name: str
    decision_makers: tuple[DecisionMaker, ...]
    preferences: Mapping[str, Preference]
    infeasible: tuple[Infeasibility, ...] = ()
    status_quo: StateRef | None = None
    graph: GraphForm | None = None
    coalitions: tuple[tuple[str, ...], ...] = ()
    misperceptions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    metadata: Metadata = field(default_factory=Metadata)
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    uncertainty: Mapping[str, Uncertainty] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "decision_makers", tuple(self.decision_makers))
        object.__setattr__(self, "preferences", _frozen_map(self.preferences))
        object.__setattr__(
            self,
            "infeasible",
            tuple(c if isinstance(c, Infeasibility) else Infeasibility(c) for c in self.infeasible),
        )
        object.__setattr__(self, "coalitions", tuple(tuple(c) for c in self.coalitions))
        object.__setattr__(
            self,
            "misperceptions",
            _frozen_map({dm: tuple(c) for dm, c in self.misperceptions.items()}),
        )
        object.__setattr__(self, "sources", tuple(self.sources))
        object.__setattr__(self, "evidence", tuple(self.evidence))
        object.__setattr__(self, "uncertainty", _frozen_map(self.uncertainty))
        from accord.core.validate import validate

        validate(self)

    # -- names ---------------------------------------------------------------------------
    @property
    def dm_names(self) -> tuple[str, ...]:
        """Decision-maker names in model order."""
        return tuple(dm.name for dm in self.decision_makers)

    @property
    def options(self) -> tuple[Option, ...]:
        """Every option, decision maker by decision maker: option ``t`` is state bit ``t``."""
        return tuple(o for dm in self.decision_makers for o in dm.options)

    @property
    def option_names(self) -> tuple[str, ...]:
        """Option identifiers in bit order."""
        return tuple(o.name for o in self.options)

    @property
    def is_graph_form(self) -> bool:
        """Whether states and moves are given explicitly."""
        return self.graph is not None

    def dm(self, name: str) -> DecisionMaker:
        """The decision maker called ``name``."""
        for dm in self.decision_makers:
            if dm.name == name:
                return dm
        raise KeyError(name)

    def owner(self, option: str) -> str:
        """The name of the decision maker who controls ``option``."""
        for dm in self.decision_makers:
            if any(o.name == option for o in dm.options):
                return dm.name
        raise KeyError(option)

    def option(self, name: str) -> Option:
        """The option called ``name``."""
        for o in self.options:
            if o.name == name:
                return o
        raise KeyError(name)

    # -- derived data (computed once) ----------------------------------------------------
    @cached_property
    def states(self) -> StateSpace:
        """The feasible states, their ids and codes."""
        from accord.core.states import state_space

        return state_space(self)

    @cached_property
    def payoffs(self) -> Mapping[str, IntArray]:
        """Each decision maker's ordinal payoff per state (dense ranks, 0 = least preferred)."""
        from accord.core.payoffs import payoffs

        return _frozen_map(payoffs(self))

    def unknown_pairs(self, dm: str) -> tuple[tuple[int, int], ...]:
        """The pairs of states whose order is unknown to ``dm``, as state indices.

        The pairs of ``uncertainty[dm].unknown`` in the order given, each side resolved to
        its index in :attr:`states` (gmcr-spec §6.1: for such a pair neither state is known
        to be preferred, nor are they known to tie).  Empty when ``dm`` has none.

        Raises
        ------
        KeyError
            When ``dm`` is not a decision maker.
        """
        if dm not in self.dm_names:
            raise KeyError(dm)
        block = self.uncertainty.get(dm)
        if block is None:
            return ()
        resolve = self.states.resolve
        return tuple((resolve(a), resolve(b)) for a, b in block.unknown)

    def replace(self, **changes: Any) -> Conflict:
        """A new, validated conflict with some fields changed."""
        from dataclasses import replace

        return replace(self, **changes)


def iter_statements(conflict: Conflict) -> Iterable[tuple[str, int, Statement]]:
    """Every preference statement as ``(dm, index, statement)``."""
    for dm, pref in conflict.preferences.items():
        if isinstance(pref, Statements):
            for i, s in enumerate(pref.items):
                yield dm, i, s
