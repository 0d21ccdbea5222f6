"""Uncertain preferences: what an analyst does not know about a decision maker's priorities.

A decision maker whose preferences are prioritised statements (gmcr-spec §7) may carry an
:class:`Uncertainty`.  Three parts of it define *variants* of the model, which a robustness
analysis samples (:mod:`accord.core.analysis.robustness`):

``unordered``
    Groups of statements whose relative order is not known.  A variant permutes each
    group's statements uniformly over the positions the group occupies.
``probable``
    Statements that hold only with some probability.  A variant keeps each one with its
    probability and otherwise drops it from the list.
``alternatives``
    Other readings of the whole list, each with a weight.  A variant uses alternative ``k``
    with its weight, and the base list (the one in ``preferences``) with the remaining
    weight, ``1 - sum(weights)``.

``unordered`` and ``probable`` refer to the base list by 0-based index and apply only when a
variant uses the base list.  The fourth part, ``unknown``, is not sampled: it lists pairs of
states whose order the decision maker's preferences leave unknown, for the unknown-preference
extensions of the stability concepts (gmcr-spec §6.1, after Li, Hipel, Kilgour & Fang 2004).
``unknown`` pairs may be given for any decision maker, also one whose preferences are a
ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord._types import StateRef
from accord.core.model import Statement, Statements

__all__ = ["MAX_GROUP", "Alternative", "Probable", "Uncertainty"]

#: The most statements one ``unordered`` group may hold: a group of ``k`` has ``k!`` orders,
#: and 8! = 40,320 is as many as a variant space lists for one group.
MAX_GROUP = 8


@dataclass(frozen=True)
class Probable:
    """A statement of the base list that holds only with a probability.

    Parameters
    ----------
    statement
        The statement's 0-based index in the decision maker's base list.
    probability
        The chance that the statement is part of the decision maker's preferences, in (0, 1].
    """

    statement: int
    probability: float


@dataclass(frozen=True)
class Alternative:
    """Another reading of a decision maker's whole statement list, with its weight.

    Parameters
    ----------
    statements
        The statements of this reading, most important first.  A sequence of texts or
        :class:`~accord.core.model.Statement` is accepted and converted.
    weight
        The chance that this reading is the right one, greater than 0.
    label
        A short name shown in results.
    """

    statements: Statements
    weight: float
    label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.statements, Statements):
            items: Sequence[str | Statement] = self.statements
            converted = tuple(s if isinstance(s, Statement) else Statement(s) for s in items)
            object.__setattr__(self, "statements", Statements(converted))


@dataclass(frozen=True)
class Uncertainty:
    """What is uncertain about one decision maker's preferences.

    Parameters
    ----------
    unordered
        Groups of statement indices (into the base list) whose relative order is uncertain;
        disjoint, at least 2 and at most :data:`MAX_GROUP` statements each.
    probable
        Statements of the base list that hold only with a probability.  A statement may be
        both in a group and probable.
    alternatives
        Other readings of the whole list; their weights are positive and sum to at most 1.
    unknown
        Pairs of states (ids, or conditions matching one feasible state each) whose order is
        unknown to the decision maker.  Not sampled; see
        :meth:`~accord.core.model.Conflict.unknown_pairs`.

    Notes
    -----
    A variant of the model fixes, for each decision maker, which list applies (the base list,
    or one alternative, drawn by weight), the order of each unordered group (the group's
    statements keep their set of positions and are permuted uniformly), and whether each
    probable statement is kept (with its probability) or dropped.  The group orders and
    probable statements matter only when the base list is drawn.

    Examples
    --------
    >>> u = Uncertainty(unordered=[(2, 3)], probable=[Probable(4, 0.5)])
    >>> u.unordered, u.varies
    (((2, 3),), True)
    >>> Uncertainty(unknown=[(1, 2)]).varies
    False
    """

    unordered: tuple[tuple[int, ...], ...] = ()
    probable: tuple[Probable, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    unknown: tuple[tuple[StateRef, StateRef], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "unordered", tuple(tuple(g) for g in self.unordered))
        object.__setattr__(self, "probable", tuple(self.probable))
        object.__setattr__(self, "alternatives", tuple(self.alternatives))
        object.__setattr__(self, "unknown", tuple(tuple(p) for p in self.unknown))

    @property
    def varies(self) -> bool:
        """Whether variants of the model differ in this decision maker's statements."""
        return bool(self.unordered or self.probable or self.alternatives)

    @property
    def base_weight(self) -> float:
        """The chance that a variant uses the base list: 1 minus the alternatives' weights."""
        return max(0.0, 1.0 - sum(a.weight for a in self.alternatives))
