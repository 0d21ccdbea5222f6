"""Section 5: where unilateral improvements lead from the status quo, and the way to the focus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.core.analysis.paths import status_quo_paths
from accord.errors import AnalysisError
from accord.reports.document.data import Block, Bullet, PathsSection
from accord.reports.document.phrases import (
    count,
    name_list,
    state_label,
    step_words,
)
from accord.reports.document.verdicts import concept_list

if TYPE_CHECKING:
    from accord.core.analysis.paths import Path, PathStep, StatusQuoAnalysis
    from accord.core.model import Conflict
    from accord.core.results import StabilityAnalysis
    from accord.core.stability.context import Context

__all__ = ["MAX_ANY_MOVE_STATES", "MAX_ROUTE_STATES", "Routes", "paths_section"]

#: At most this many paths to equilibria are spelled out.
MAX_PATHS = 8
#: Routes from the status quo are searched in models of at most this many states.
MAX_ROUTE_STATES = 1 << 14
#: The search by moves of any kind (to reach the focus state) runs up to this many states.
MAX_ANY_MOVE_STATES = 1 << 12


@dataclass(frozen=True)
class Routes:
    """The paths section 5 found, for the graph: (path, made of improvements?) pairs."""

    paths: tuple[tuple[Path, bool], ...]
    reachable: frozenset[int]


def _steps(n: int) -> str:
    return count(n, "step")


def _gain(step: PathStep) -> str:
    dm, before, after = step.gains[0]
    if after > before:
        return "a gain for " + dm
    if after < before:
        return "a loss for " + dm
    return "no change for " + dm


def _path_bullets(conflict: Conflict, path: Path, gains: bool = False) -> tuple[str, ...]:
    out = []
    for step in path.steps:
        text = "; ".join(step_words(conflict, m) for m in step.moves)
        out.append(text + (f" — {_gain(step)}" if gains else ""))
    return tuple(out)


def paths_section(
    analysis: StabilityAnalysis,
    result: StatusQuoAnalysis | None,
    focus: int | None,
    ranked: Sequence[int],
    ctx: Context,
) -> tuple[PathsSection, Routes]:
    """Section 5 from the status quo analysis (``None`` when there is no status quo or the
    model is above :data:`MAX_ROUTE_STATES`), and the paths it spells out (for the graph)."""
    conflict = analysis.conflict
    if result is None:
        n = len(conflict.states)
        if conflict.status_quo is None:
            text = "The model names no status quo, so there is no starting point to follow."
        else:
            text = (
                f"The routes from the status quo were not searched: the model has {n:,} "
                "states, and the search, which follows every sequence of moves, is limited in "
                f"a report to models of at most {MAX_ROUTE_STATES:,} states."
            )
        return PathsSection((text,), ()), Routes((), frozenset())
    status_quo = result.start
    start = state_label(conflict, status_quo)
    others = [s for s in result.paths if s != status_quo]
    eq = set(ranked)
    reached = [s for s in others if s in eq]
    rule = (
        "Suppose each decision maker moves only when the move makes it better off at once, "
        "and nobody moves twice in a row."
    )
    summary = [f"{rule} From the status quo, {start}, "]
    if not others:
        summary[0] += (
            "no such move exists: no decision maker can do better by moving alone. Today's "
            "situation stays as it is unless some decision maker accepts a loss or several act "
            "together (section 6)."
        )
    else:
        summary[0] += f"such moves can reach {count(len(others), 'other state')}."
        if reached:
            listed = name_list([str(int(conflict.states.ids[s])) for s in reached[:40]])
            more = f" and {len(reached) - 40:,} more" if len(reached) > 40 else ""
            summary.append(
                f"Among them {count(len(reached), 'equilibrium', 'equilibria')}: {listed}{more}. "
                "Shortest routes follow, nearest first."
            )
        else:
            summary.append("None of them is an equilibrium: the conflict would keep moving.")
    blocks = []
    drawn: list[tuple[Path, bool]] = []
    for s in reached[:MAX_PATHS]:
        path = result.paths[s]
        under = result.concepts_of(s)
        title = (
            f"To {state_label(conflict, s)} (an equilibrium under {concept_list(under)}) "
            f"in {_steps(len(path))}"
        )
        blocks.append(
            Block(title, "", tuple(Bullet(b) for b in _path_bullets(conflict, path)), True)
        )
        drawn.append((path, True))
    if len(reached) > MAX_PATHS:
        summary.append(f"The routes to the {MAX_PATHS} nearest are spelled out.")
    if focus is not None and focus != status_quo and focus not in reached[:MAX_PATHS]:
        blocks.append(_focus_block(conflict, result, focus, ctx, drawn))
    return PathsSection(tuple(summary), tuple(blocks)), Routes(
        tuple(drawn), frozenset(result.paths)
    )


def _focus_block(
    conflict: Conflict,
    result: StatusQuoAnalysis,
    focus: int,
    ctx: Context,
    drawn: list[tuple[Path, bool]],
) -> Block:
    name = state_label(conflict, focus)
    path = result.paths.get(focus)
    if path is not None:
        drawn.append((path, True))
        return Block(
            f"To the focus state, {name}, in {_steps(len(path))}",
            "The focus state can be reached by moves that each make their mover better off:",
            tuple(Bullet(b) for b in _path_bullets(conflict, path)),
            True,
        )
    title = f"To the focus state, {name}"
    ids = conflict.states.ids
    if len(conflict.states) > MAX_ANY_MOVE_STATES:
        return Block(
            title,
            "The focus state cannot be reached by moves that each make their mover better "
            f"off. (A route by moves of any kind is not searched in models of more than "
            f"{MAX_ANY_MOVE_STATES:,} states.)",
        )
    try:
        anyway = status_quo_paths(
            conflict, int(ids[result.start]), moves="any", concepts=result.concepts,
            target=int(ids[focus]), alternatives=0, context=ctx,
        )  # fmt: skip
    except AnalysisError as error:  # pragma: no cover - guarded by the size check above
        return Block(title, f"The focus state cannot be reached by improvements ({error}).")
    route = anyway.paths.get(focus)
    if route is None:
        return Block(
            title,
            "The focus state cannot be reached from the status quo at all: no sequence of "
            "moves leads there (some options cannot be undone).",
        )
    drawn.append((route, False))
    losers = sorted({s.gains[0][0] for s in route.steps if s.gains[0][2] <= s.gains[0][1]})
    text = (
        "The focus state cannot be reached by moves that each make their mover better off. "
        f"By moves of any kind it is {_steps(len(route))} away"
        + (
            f"; {name_list(losers)} would have to accept a step that does not improve "
            "their own position:"
            if losers
            else ":"
        )
    )
    return Block(title, text, tuple(Bullet(b) for b in _path_bullets(conflict, route, True)), True)
