"""The records a comparison of two revisions returns: model changes and equilibria changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["CHANGE_KINDS", "ChangeKind", "ConceptDiff", "ModelChange", "ModelDiff", "StateChange"]

#: What a :class:`ModelChange` is about.
ChangeKind = Literal[
    "name",
    "title",
    "question",
    "focus",
    "dm_added",
    "dm_removed",
    "dm_label",
    "order",
    "option_added",
    "option_removed",
    "option_moved",
    "option_label",
    "option_reversibility",
    "infeasible_added",
    "infeasible_removed",
    "infeasible_label",
    "preference_form",
    "statement_added",
    "statement_removed",
    "statement_moved",
    "statement_label",
    "ranking",
    "status_quo",
    "graph",
    "coalitions",
    "uncertainty",
    "misperceptions",
    "states",
    "sources",
    "evidence",
    "other",
]

#: Every kind of model change.
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


@dataclass(frozen=True)
class ModelChange:
    """One difference between the two models, said in a sentence.

    Parameters
    ----------
    kind
        What changed (one of :data:`CHANGE_KINDS`).
    text
        The change in plain English, e.g. ``Russia: statement “-force” moved from position 3
        to position 5.``
    dm
        The decision maker concerned, or ``""``.
    subject
        The element concerned: an option name, a statement or infeasibility condition (in
        canonical form), or ``""``.
    before, after
        The value on each side, where one applies: positions for a moved statement (1 = most
        important), owners for a moved option, labels, state counts, status quo ids.
    """

    kind: ChangeKind
    text: str
    dm: str = ""
    subject: str = ""
    before: int | str | None = None
    after: int | str | None = None


@dataclass(frozen=True)
class StateChange:
    """A state that became an equilibrium, or stopped being one, under one concept.

    The state is named by its id in each revision: ``old_id`` in the old model and ``new_id``
    in the new one, ``None`` on a side where the state has no counterpart (it is infeasible
    there, or an option it takes does not exist there).
    """

    concept: str
    old_id: int | None
    new_id: int | None


@dataclass(frozen=True)
class ConceptDiff:
    """How the equilibria under one concept changed.

    Attributes
    ----------
    concept
        The concept's name (``nash``, ``gmr``, ...).
    before, after
        The number of equilibria in the old and in the new model.
    became
        New-model equilibria whose counterpart was not an equilibrium, or had none; by new id.
    stopped
        Old-model equilibria whose counterpart is not an equilibrium, or has none; by old id.
    unchanged
        Equilibria of the new model whose counterpart was an equilibrium too.
    """

    concept: str
    before: int
    after: int
    became: tuple[StateChange, ...]
    stopped: tuple[StateChange, ...]
    unchanged: int

    @property
    def changed(self) -> bool:
        """Whether any state became an equilibrium or stopped being one."""
        return bool(self.became or self.stopped)


@dataclass(frozen=True)
class ModelDiff:
    """What changed between two revisions of a model, and in its equilibria.

    Attributes
    ----------
    old, new
        The two models compared.
    changes
        The differences between the models: metadata; decision makers; options;
        infeasibility, status quo and states; preferences, decision maker by decision maker;
        uncertainty; coalitions, misperceptions, sources and evidence; other details.
    equilibria
        Per concept analysed, in the order asked, how the equilibria changed.
    states_before, states_after
        The number of feasible states of each model.
    matching
        How states were matched: ``options`` (by the options both models share) or ``id``
        (graph form).
    """

    old: Conflict = field(repr=False, compare=False)
    new: Conflict = field(repr=False, compare=False)
    changes: tuple[ModelChange, ...]
    equilibria: tuple[ConceptDiff, ...]
    states_before: int
    states_after: int
    matching: Literal["options", "id"]

    @property
    def identical(self) -> bool:
        """Whether nothing changed: no model change and the same equilibria."""
        return not self.changes and not any(c.changed for c in self.equilibria)

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concepts analysed, in the order asked."""
        return tuple(c.concept for c in self.equilibria)

    def concept(self, name: str) -> ConceptDiff:
        """The equilibria changes under the concept ``name``.

        Raises
        ------
        KeyError
            When ``name`` was not analysed.
        """
        for c in self.equilibria:
            if c.concept == name:
                return c
        raise KeyError(name)
