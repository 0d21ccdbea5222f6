"""Leverage results, and the edits and answers in the analyst's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.core.analysis.leverage.edits import Edit
from accord.core.model import Statement

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["TITLES", "Answer", "Closest", "Leverage", "edit_phrase", "name_list", "reasons"]

#: Concept names as written in sentences.
TITLES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


@dataclass(frozen=True)
class Answer:
    """One minimal change: the edits, each varied DM's statements after them, and why.

    ``preferences`` holds every varied DM's list after the edits (changed or not).
    """

    edits: tuple[Edit, ...]
    preferences: Mapping[str, tuple[Statement, ...]]
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class Closest:
    """When no answer fits the budget: a variant leaving the fewest DMs unstable."""

    edits: tuple[Edit, ...]
    unstable: tuple[str, ...]


@dataclass(frozen=True)
class Leverage:
    """The result of a leverage search.

    Attributes
    ----------
    conflict
        The model as given.
    target
        The target state's index (its id is ``conflict.states.ids[target]``).
    concept, vary, budget
        What was asked.
    edits
        The fewest edits that make the target an equilibrium; 0 when it already is;
        ``None`` when no change within the budget does.
    answers
        The minimal answers listed (at most the cap asked for).
    count
        How many minimal answers there are in all (``count - len(answers)`` not listed).
    unstable_before
        The DMs for which the target is not stable in the model as given.
    closest
        When there is no answer: the variant with the fewest unstable DMs (fewest edits
        first), or ``None`` when no variant improves on the model as given.
    searched
        How many preference variants were tested.
    notes
        Remarks a reader needs (unused candidates, why the search could not help).
    """

    conflict: Conflict
    target: int
    concept: str
    vary: tuple[str, ...]
    budget: int
    edits: int | None
    answers: tuple[Answer, ...]
    count: int
    unstable_before: tuple[str, ...]
    closest: Closest | None = None
    searched: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def target_id(self) -> int:
        """The target state's id."""
        return int(self.conflict.states.ids[self.target])

    @property
    def already_stable(self) -> bool:
        """Whether the target is an equilibrium without any edit."""
        return self.edits == 0

    @property
    def more(self) -> int:
        """How many minimal answers are not listed."""
        return self.count - len(self.answers)


def _describe_statement(s: Statement) -> str:
    return repr(s.label) if s.label else repr(s.text)


def edit_phrase(edit: Edit) -> str:
    """An edit in the analyst's words: ``Russia ranked 'avoid sanctions' above 'hold Donetsk'``."""
    what = _describe_statement(edit.statement)
    if edit.kind == "up":
        assert edit.below is not None
        return f"{edit.dm} ranked {what} above {_describe_statement(edit.below)}"
    if edit.kind == "down":
        assert edit.above is not None
        return f"{edit.dm} ranked {what} below {_describe_statement(edit.above)}"
    if edit.kind == "drop":
        return f"{edit.dm} dropped {what}"
    if edit.above is None and edit.below is None:
        return f"{edit.dm} adopted {what} as its only statement"
    if edit.above is None:
        assert edit.below is not None
        return f"{edit.dm} added {what} at the top, above {_describe_statement(edit.below)}"
    if edit.below is None:
        return f"{edit.dm} added {what} at the bottom, below {_describe_statement(edit.above)}"
    return (
        f"{edit.dm} added {what} between {_describe_statement(edit.above)} "
        f"and {_describe_statement(edit.below)}"
    )


def name_list(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def reasons(
    base: Conflict, edited: Conflict, target: int, concept: str, edits: tuple[Edit, ...]
) -> tuple[str, ...]:
    """Why the target is stable in ``edited``: per DM, each (former) improvement's fate."""
    from accord.core.analysis.explain import explain
    from accord.core.analysis.words import changed_options, describe_move, state_name
    from accord.core.moves import improvements as improving_moves
    from accord.core.moves import unilateral_moves

    title = TITLES[concept]
    name = state_name(base, target)
    if edits:
        phrases = [edit_phrase(e) for e in edits]
        changes = "; ".join(phrases[:-1]) + ("; and " if len(phrases) > 1 else "") + phrases[-1]
        lines = [f"If {changes}, {name} becomes {title}-stable for every decision maker."]
    else:
        lines = [f"{name} is already {title}-stable for every decision maker: no edit is needed."]

    def how(y: int) -> str:
        taken, dropped = changed_options(base, target, y)
        parts = [f"takes {base.option(n).title!r}" for n in taken]
        parts += [f"stops {base.option(n).title!r}" for n in dropped]
        return state_name(base, y) + (f" ({'; '.join(parts)})" if parts else "")

    sid = int(base.states.ids[target])
    for dm in base.dm_names:
        before = improving_moves(unilateral_moves(base, dm), base.payoffs[dm]).targets(target)
        expl = explain(edited, sid, dm, concept)
        if not expl.stable:  # the search and the explanation disagree: a bug
            raise RuntimeError(f"leverage: state {sid} is not {concept}-stable for {dm}")
        now = {d.target for d in expl.improvements}
        for y in before.tolist():
            if y not in now:
                lines.append(f"{dm} no longer prefers to move to {how(y)}.")
        for d in expl.improvements:
            assert d.sanction is not None
            answer = ", then ".join(describe_move(edited, s) for s in d.sanction)
            lines.append(
                f"{dm}'s move to {how(d.target)} is answered by {answer}, leaving {dm} with "
                f"payoff {d.outcome_payoff} ≤ {expl.payoff}."
            )
    return tuple(lines)
