"""Section 6: joint moves of coalitions that the analysis of lone decision makers misses.

A *joint move* is a coalitional improvement (gmcr-spec §5.1) of two or more decision makers
that no member could make alone: its end state is not one unilateral move away.  For each
equilibrium examined, the report says which coalitions have one and whether the others,
moving alone, can answer it (sanction it: reach a state some member does not prefer to the
equilibrium).  Small models go through :func:`analyze_coalitions`; larger ones examine the
first equilibria only, with the same engine, and spell out paths only for what is shown.
Models above the engine's :data:`MAX_SCAN_STATES` are skipped, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.core.analysis.coalitions import (
    MAX_SCAN_STATES,
    Coalitions,
    analyze_coalitions,
    coalitions_of,
)
from accord.reports.document.data import Block, Bullet, CoalitionsSection
from accord.reports.document.phrases import count, move_words, name_list, state_label, step_words
from accord.reports.document.verdicts import concept_list

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import CoalitionStability, Unit
    from accord.core.analysis.explain import Step
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.core.stability.context import Context

__all__ = [
    "ALL_STATES",
    "MAX_ALL",
    "MAX_JOINT",
    "MAX_SCANNED",
    "REPORT_SCAN_STATES",
    "Joint",
    "coalitions_section",
    "joint_moves",
]

#: Models of at most ALL_STATES states with at most MAX_ALL equilibria get the whole
#: coalition analysis (every equilibrium; C-stability when the model has coalitions).
ALL_STATES = 1 << 9
MAX_ALL = 25
#: A report skips coalitions in models of more states than this (or than the engine's own
#: limit, MAX_SCAN_STATES, if lower).
REPORT_SCAN_STATES = 1 << 12
#: Otherwise at most this many equilibria are examined, fewer in larger models (at least
#: 3, at most SCAN_WORK / states).
MAX_SCANNED = 6
SCAN_WORK = 6_000
#: At most this many joint moves are described per equilibrium.
MAX_JOINT = 3

Answer = tuple[tuple["Unit", int, int], ...]


@dataclass(frozen=True)
class Joint:
    """A joint move from an equilibrium (state indices) and the others' answer to it.

    ``answer`` is ``None`` when the others, moving alone, cannot sanction it (or when the
    coalition is everyone); ``moves`` is filled only for the moves the report shows.
    """

    state: int
    coalition: Unit
    target: int
    answer: Answer | None
    moves: tuple[Step, ...] = ()

    @property
    def sticks(self) -> bool:
        """Whether the others cannot answer it."""
        return not self.answer


def _alone(conflict: Conflict, ctx: Context, coalition: Unit, state: int) -> set[int]:
    """The states members reach by one unilateral move each."""
    return {int(y) for d in coalition for y in ctx.targets(d, state).tolist()}


def joint_moves(
    conflict: Conflict, states: Sequence[int], engine: Coalitions, ctx: Context
) -> list[Joint]:
    """Every joint move of every coalition of ≥ 2 DMs from ``states``, with the answers of
    the other DMs moving alone (no paths yet)."""
    everyone = set(conflict.dm_names)
    out = []
    for e in states:
        for coalition in coalitions_of(conflict):
            alone = _alone(conflict, ctx, coalition, e)
            singles = [(d,) for d in conflict.dm_names if d not in coalition]

            def unanswered(x: int, c: Unit = coalition, e: int = e) -> bool:
                return not engine.better(c, x, e)

            for q in engine.improvements(coalition, e).tolist():
                if q in alone:
                    continue
                answer = None
                if set(coalition) != everyone:
                    _, answer = engine.unit_reach(singles, q, stop=unanswered)
                out.append(Joint(e, coalition, q, answer))
    return out


def _unit_words(unit: Unit) -> str:
    return unit[0] if len(unit) == 1 else name_list(list(unit)) + " together"


def _answer_words(conflict: Conflict, steps: Answer) -> str:
    parts = []
    for unit, a, b in steps:
        how = move_words(conflict, a, b)
        verb = "move" if len(unit) > 1 else "moves"
        where = state_label(conflict, b)
        parts.append(f"{_unit_words(unit)} {verb} to {where}" + (f" ({how})" if how else ""))
    return "; then ".join(parts)


def _bullet(conflict: Conflict, j: Joint) -> Bullet:
    who = name_list(list(j.coalition))
    moves = "; ".join(step_words(conflict, m) for m in j.moves)
    head = (
        f"{who} together could reach {state_label(conflict, j.target)}, which each of them "
        f"prefers: {moves}."
    )
    if len(j.coalition) == len(conflict.dm_names):
        sub = "Every decision maker gains: if they all coordinate, they leave."
    elif j.answer is None:
        sub = "The others, moving alone, cannot answer it: the joint move would stick."
    else:
        sub = (
            f"The others can answer: {_answer_words(conflict, j.answer)}, leaving at least one "
            "member no better off than before."
        )
    return Bullet(head, (sub,))


def _class_block(
    conflict: Conflict, analysis: StabilityAnalysis, stability: CoalitionStability
) -> Block:
    ids = conflict.states.ids
    units = "; ".join(name_list(list(u)) for u in stability.units if len(u) > 1)
    rows = []
    for c in analysis.concepts:
        holding = sorted(int(i) for i in ids[stability.equilibria(c)])
        listed = name_list([str(i) for i in holding]) if holding else "none"
        rows.append(Bullet(f"Under coalition {concept_list([c])}: {listed}."))
    return Block(
        f"If the model's coalitions ({units}) always act as one",
        "The equilibria when each coalition moves as a single decision maker:",
        tuple(rows),
    )


def coalitions_section(
    analysis: StabilityAnalysis, ranked: Sequence[int], ctx: Context
) -> CoalitionsSection:
    """Section 6: which coalitions could upset the (first) equilibria, or why this is skipped."""
    conflict = analysis.conflict
    n = len(conflict.states)
    limit = min(MAX_SCAN_STATES, REPORT_SCAN_STATES)
    if n > limit:
        return CoalitionsSection(
            (),
            (),
            f"Coalition analysis was skipped: the model has {n:,} feasible states. Listing "
            "every joint move and its answers grows with the model, so a report runs it on "
            f"models of at most {limit:,} states to stay quick"
            + (
                f" (the coalitions command goes up to {MAX_SCAN_STATES:,})."
                if MAX_SCAN_STATES > limit
                else "."
            ),
        )
    if not ranked:
        return CoalitionsSection(("There is no equilibrium for a coalition to upset.",), (), "")
    engine = Coalitions(conflict, ctx)
    small = len(ranked) <= MAX_ALL and n <= ALL_STATES
    chosen = list(ranked if small else ranked[: max(3, min(MAX_SCANNED, SCAN_WORK // n))])
    has_class = any(len(u) > 1 for u in conflict.coalitions)
    stability = None
    notes = []
    if small:
        result = analyze_coalitions(conflict, None, analysis.concepts, context=ctx)
        stability = result.stability
        joints = [
            Joint(e.state, e.coalition, imp.target, imp.by_individuals or None, imp.moves)
            for e in result.scan
            for imp in e.improvements
            if imp.target not in _alone(conflict, ctx, e.coalition, e.state)
        ]
    else:
        joints = joint_moves(conflict, chosen, engine, ctx)
        notes.append(
            f"Only the first {len(chosen)} of the {len(ranked):,} equilibria (in the order of "
            "the table in section 3) were examined, to keep the report quick."
        )
    by_state: dict[int, list[Joint]] = {}
    for j in joints:
        by_state.setdefault(j.state, []).append(j)
    for items in by_state.values():
        items.sort(
            key=lambda j: (not j.sticks, len(j.coalition), int(conflict.states.ids[j.target]))
        )
    summary = [
        "A coalition is a group of decision makers who coordinate their moves. A joint move "
        "is one that no member could make alone: two or more members move, and it ends in a "
        "state that every member prefers, even if a step on the way costs one of them. The "
        "others may then answer it. Such moves are what the analysis of decision makers "
        "acting alone misses."
    ]
    upset = [s for s in chosen if any(j.sticks for j in by_state.get(s, ()))]
    ids = conflict.states.ids
    headline = ""
    if upset:
        listed = name_list([str(int(ids[s])) for s in upset])
        headline = (
            f"Coordination matters: of the {count(len(chosen), 'equilibrium', 'equilibria')} "
            f"examined, {len(upset)} ({listed}) can be upset by a joint move of a coalition "
            "that the others cannot answer."
        )
        held = "This outcome holds" if len(upset) == 1 else "These outcomes hold"
        summary.append(
            f"Of the {count(len(chosen), 'equilibrium', 'equilibria')} examined, "
            f"{count(len(upset), 'is', 'are')} open to a joint move the others cannot answer: "
            f"{listed}. {held} only while those decision makers do not coordinate."
        )
    elif joints:
        headline = (
            "Coordination does not upset the equilibria examined: every joint move can be answered."
        )
        summary.append(
            "Coalitions can improve on some equilibria, but the others can answer every such "
            "joint move: the equilibria examined hold even if decision makers coordinate."
        )
    else:
        summary.append(
            "No group of decision makers can improve on any equilibrium examined by moving "
            "together: coordination changes nothing there."
        )
    summary.extend(notes)
    blocks = []
    sticking: list[tuple[int, int, Unit]] = []
    for s in chosen:
        found = by_state.get(s, [])
        shown = []
        for j in found[:MAX_JOINT]:
            moves = j.moves or engine.path(j.coalition, j.state, j.target)
            shown.append(Joint(j.state, j.coalition, j.target, j.answer, moves))
        sticking.extend((j.state, j.target, j.coalition) for j in shown if j.sticks)
        if not shown:
            continue
        bullets = [_bullet(conflict, j) for j in shown]
        more = len(found) - len(shown)
        if more > 0:
            verb = "improves" if more == 1 else "improve"
            bullets.append(Bullet(f"{count(more, 'other joint move')} also {verb} on it."))
        blocks.append(Block(f"At {state_label(conflict, s)}", "", tuple(bullets)))
    if stability is not None and has_class:
        blocks.append(_class_block(conflict, analysis, stability))
    return CoalitionsSection(tuple(summary), tuple(blocks), "", tuple(sticking), headline)
