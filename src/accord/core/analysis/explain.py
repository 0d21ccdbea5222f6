"""Why a state is or is not stable for a DM: each improvement and the sanction that deters it.

For GMR, SMR and SEQ the sanction is a shortest legal sequence of the other DMs' moves
(improvements only, for SEQ) from the improved state to a state the focal DM likes no better
than where it started — for SMR one from which it also has no better counter-move.  The
search runs over (state, last mover) pairs from the one state asked about.

Under unknown preferences (gmcr-spec §6.1) the same search follows the chosen extension:
the moves listed are those the extension asks to deter, the ones of unknown order marked
``uncertain``; a sanction is a state known to be no better, or under c and d also one of
unknown order (marked ``outcome_uncertain``); for SEQ each opponent's move is an improvement
or a move of unknown order to it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord._types import IntArray, StateRef
from accord.core.stability.context import Context
from accord.core.stability.unknown import UnknownPreferences, check_extension, normalise_pairs
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["EXPLAINABLE", "Deterrence", "Explanation", "Step", "explain"]

#: Concepts whose reasons can be explained move by move.
EXPLAINABLE = ("nash", "gmr", "smr", "seq")


@dataclass(frozen=True)
class Step:
    """One unilateral move: ``mover`` takes the conflict from ``source`` to ``target``."""

    mover: str
    source: int
    target: int


@dataclass(frozen=True)
class Deterrence:
    """One improvement of the focal DM and what (if anything) deters it.

    Attributes
    ----------
    target
        The improved state (index).
    payoff
        The focal DM's payoff at the improved state.
    sanction
        The other DMs' moves from ``target`` to the sanctioning state; ``None`` when no
        sanction exists (or, for Nash, when sanctions are not considered).
    outcome
        The sanctioning state (index), or ``None``.
    outcome_payoff
        The focal DM's payoff there; for SMR, the better of that and its best counter-move.
    uncertain
        Under unknown preferences: the focal DM does not know whether it prefers ``target``
        to where it is (the move counts under extensions a and c).
    outcome_uncertain
        Under unknown preferences: the focal DM cannot order the sanctioning state against
        where it started (a sanction only under extensions c and d).
    """

    target: int
    payoff: int
    sanction: tuple[Step, ...] | None
    outcome: int | None
    outcome_payoff: int | None
    uncertain: bool = False
    outcome_uncertain: bool = False


@dataclass(frozen=True)
class Explanation:
    """The reasons behind one cell of a stability table."""

    conflict: Conflict
    state: int
    dm: str
    concept: str
    payoff: int
    improvements: tuple[Deterrence, ...]
    #: Under unknown preferences, the extension followed (a, b, c or d); otherwise ``None``.
    extension: str | None = None

    @property
    def stable(self) -> bool:
        """Whether every improvement is deterred (and, for Nash, whether there is none)."""
        return all(d.sanction is not None for d in self.improvements)


def _resolve_dm(conflict: Conflict, dm: str) -> str:
    if dm in conflict.dm_names:
        return dm
    from accord.core.validate import suggest

    hint = suggest(dm, conflict.dm_names)
    raise AnalysisError(
        f"unknown decision maker {dm!r}; the model has {', '.join(conflict.dm_names)}"
        + (f" ({hint})" if hint else "")
    )


def _sanction(
    ctx: Context,
    dm: str,
    concept: str,
    start: int,
    level: int,
    sanctions: Callable[[int], bool] | None = None,
    moves: Callable[[str, int], list[int]] | None = None,
) -> tuple[Step, ...] | None:
    """Shortest legal sequence of the others' moves from ``start`` to a sanction.

    ``sanctions`` and ``moves`` replace the plain sanction test and the others' moves
    (all, or improvements for SEQ) under unknown preferences.
    """
    pay = ctx.payoffs[dm]
    others = [d for d in ctx.dm_names if d != dm]

    if sanctions is None:

        def sanctions(x: int) -> bool:
            return bool(pay[x] <= level and (concept != "smr" or ctx.best_at(dm, x) <= level))

    if moves is None:

        def moves(mover: str, x: int) -> list[int]:
            found: list[int] = ctx.targets(mover, x, improving=concept == "seq").tolist()
            return found

    parent: dict[tuple[int, str], tuple[tuple[int, str], Step] | None] = {(start, dm): None}
    queue = deque([(start, dm)])
    while queue:
        node = queue.popleft()
        x, last = node
        for mover in others:
            if mover == last:
                continue
            for y in moves(mover, x):
                nxt = (y, mover)
                if nxt in parent:
                    continue
                parent[nxt] = (node, Step(mover, x, y))
                if sanctions(y):
                    path: list[Step] = []
                    cur: tuple[int, str] | None = nxt
                    while cur is not None and parent[cur] is not None:
                        prev, step = parent[cur]  # type: ignore[misc]
                        path.append(step)
                        cur = prev
                    return tuple(reversed(path))
                queue.append(nxt)
    return None


def _floor(conflict: Conflict, ctx: Context, dm: str, concept: str) -> IntArray | None:
    """For large option-form models: the sanction floors (payoffs) of every state, so that a
    search is only started where a sanction exists; ``None`` for small models."""
    if concept == "nash" or conflict.is_graph_form or ctx.n_states <= ctx.LISTED_UP_TO:
        return None
    import numpy as np

    cube = ctx.cube
    level = cube.level[dm]
    if concept == "smr":
        values = np.broadcast_to(cube.best_move(dm), cube.shape).astype(cube.dtype)
    else:
        values = level.copy()
    floor = cube.floor(dm, values, credible=concept == "seq")
    out: IntArray = cube.states(floor).astype(np.int64) - 1  # back from levels to payoffs
    return out


def explain(
    conflict: Conflict,
    state: StateRef,
    dm: str,
    concept: str = "gmr",
    *,
    context: Context | None = None,
    unknown: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    extension: str = "a",
) -> Explanation:
    """Explain whether ``state`` is stable for ``dm`` under ``concept``, move by move.

    Parameters
    ----------
    conflict
        The model.
    state
        A state id, or a condition matching exactly one state (``"ceasefire & -cede"``).
    dm
        The focal decision maker.
    concept
        ``nash``, ``gmr``, ``smr`` or ``seq``.
    unknown, extension
        Unknown preferences and the extension, as for
        :func:`~accord.core.analysis.stability.analyze` (``None``: the model's own pairs).

    Raises
    ------
    StateReferenceError
        When ``state`` names no state or several.
    AnalysisError
        For an unknown DM or a concept that cannot be explained move by move; for bad
        unknown pairs or extension.
    """
    dm = _resolve_dm(conflict, dm)
    concept = concept.strip().lower()
    if concept not in EXPLAINABLE:
        raise AnalysisError(f"explanations cover {', '.join(EXPLAINABLE)} (got {concept!r})")
    index = conflict.states.resolve(state)
    ctx = context or Context(conflict)
    ext = check_extension(extension)
    from accord.core.analysis.stability import _model_unknown_pairs

    pairs = normalise_pairs(
        conflict.dm_names,
        len(conflict.states),
        _model_unknown_pairs(conflict) if unknown is None else unknown,
    )
    if pairs:
        return _explain_unknown(
            conflict, ctx, index, dm, concept, UnknownPreferences(ctx, pairs, ext)
        )
    pay = ctx.payoffs[dm]
    level = int(pay[index])
    items = []
    floor = _floor(conflict, ctx, dm, concept)
    for s1 in ctx.targets(dm, index, improving=True).tolist():
        if concept == "nash":
            items.append(Deterrence(s1, int(pay[s1]), None, None, None))
            continue
        sanctioned = floor is None or floor[s1] <= level
        path = _sanction(ctx, dm, concept, s1, level) if sanctioned else None
        if path is None:
            items.append(Deterrence(s1, int(pay[s1]), None, None, None))
        else:
            end = path[-1].target
            value = (
                int(max(pay[end], ctx.best_move[dm][end])) if concept == "smr" else int(pay[end])
            )
            items.append(Deterrence(s1, int(pay[s1]), path, end, value))
    items.sort(key=lambda d: (-d.payoff, int(conflict.states.ids[d.target])))
    return Explanation(conflict, index, dm, concept, level, tuple(items))


def _explain_unknown(
    conflict: Conflict, ctx: Context, index: int, dm: str, concept: str, u: UnknownPreferences
) -> Explanation:
    """:func:`explain` under unknown preferences, following ``u``'s extension."""
    pay = ctx.payoffs[dm]
    level = int(pay[index])
    partners = set(u.partners(dm, index))
    ok = u.sanctions(dm, index)

    def sanctions(x: int) -> bool:
        if not ok[x]:
            return False
        return concept != "smr" or all(ok[y] for y in ctx.targets(dm, x).tolist())

    moves = u.credible_targets if concept == "seq" else None
    # Large models: find which moves have a sanction in one pass over all states, so that
    # the search (which stops at the first sanction) runs only where one exists.
    large = ctx.n_states > ctx.LISTED_UP_TO and concept != "nash"
    answered = set(u.answered(concept, dm, index)) if large else None
    items = []
    for s1 in u.deterred(dm, index):
        uncertain = s1 in partners
        if concept == "nash":
            items.append(Deterrence(s1, int(pay[s1]), None, None, None, uncertain))
            continue
        hopeless = answered is not None and s1 not in answered
        path = None if hopeless else _sanction(ctx, dm, concept, s1, level, sanctions, moves)
        if path is None:
            items.append(Deterrence(s1, int(pay[s1]), None, None, None, uncertain))
            continue
        end = path[-1].target
        value = int(max(pay[end], ctx.best_move[dm][end])) if concept == "smr" else int(pay[end])
        items.append(Deterrence(s1, int(pay[s1]), path, end, value, uncertain, end in partners))
    items.sort(key=lambda d: (-d.payoff, int(conflict.states.ids[d.target])))
    return Explanation(conflict, index, dm, concept, level, tuple(items), u.extension)
