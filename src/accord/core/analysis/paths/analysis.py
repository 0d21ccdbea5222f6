"""Status quo analysis: the result type and :func:`status_quo_paths` (gmcr-spec §9)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import BoolArray, StateRef
from accord.core.analysis.paths.graph import MOVE_KINDS, Graph, MoveKind, Path
from accord.core.analysis.paths.search import SearchGraph
from accord.core.results import Provenance, model_hash
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["MAX_ALT_TARGETS", "StatusQuoAnalysis", "status_quo_paths"]

#: Alternatives are listed for at most this many targets (the nearest equilibria first).
MAX_ALT_TARGETS = 20


@dataclass(frozen=True, eq=False)
class StatusQuoAnalysis:
    """Where the conflict can go from ``start``.

    Attributes
    ----------
    conflict
        The model.
    start
        The starting state (index).
    moves
        ``improvements``, ``any`` or ``coalitions``.
    concepts
        The concepts whose equilibria are reported.
    equilibria
        concept → mask of the equilibria.
    paths
        Every reachable state (index) → a shortest path to it; the start → the empty path.
        The start is "reachable" in zero steps; whether some cycle returns to it is not
        reported.
    alternatives
        For each reachable equilibrium (the :data:`MAX_ALT_TARGETS` nearest) and ``target``:
        up to ``K`` other paths, of the shortest length or one step longer.
    target
        The one state asked about (``--to``), or ``None``.
    coalitions
        In ``coalitions`` mode, the coalitions of two or more DMs allowed to act.
    """

    conflict: Conflict
    start: int
    moves: MoveKind
    concepts: tuple[str, ...]
    equilibria: dict[str, BoolArray]
    paths: dict[int, Path]
    alternatives: dict[int, tuple[Path, ...]]
    target: int | None
    coalitions: tuple[tuple[str, ...], ...]
    provenance: Provenance

    def reachable(self, state: int) -> bool:
        """Whether the state can be reached (the start always can, in zero steps)."""
        return state in self.paths

    def distance(self, state: int) -> int | None:
        """The number of steps of a shortest path, or ``None`` when unreachable."""
        path = self.paths.get(state)
        return None if path is None else len(path)

    @property
    def equilibrium_mask(self) -> BoolArray:
        """States that are equilibria under at least one of the concepts."""
        out = np.zeros(len(self.conflict.states), dtype=bool)
        for m in self.equilibria.values():
            out |= m
        return out

    def concepts_of(self, state: int) -> list[str]:
        """The concepts under which ``state`` is an equilibrium."""
        return [c for c in self.concepts if bool(self.equilibria[c][state])]


def status_quo_paths(
    conflict: Conflict,
    start: StateRef | None = None,
    *,
    moves: MoveKind = "improvements",
    concepts: str | Sequence[str] = ("nash", "gmr", "smr", "seq"),
    target: StateRef | None = None,
    alternatives: int = 3,
    coalitions: Sequence[Sequence[str]] | None = None,
    context: Context | None = None,
    method: Literal["fast", "search"] = "fast",
) -> StatusQuoAnalysis:
    """Which states and equilibria the conflict can reach from ``start``, and how.

    Parameters
    ----------
    conflict
        The model.
    start
        A state id or a condition matching one state; default the model's ``status_quo``.
    moves
        ``improvements`` (default), ``any`` or ``coalitions`` (see the module docstring).
    concepts
        The concepts whose equilibria are reported (default all four).
    target
        One state to report on (its paths are computed even when it is no equilibrium).
    alternatives
        How many alternative paths to list per equilibrium (and ``target``).
    coalitions
        In ``coalitions`` mode, the coalitions of ≥ 2 DMs that may act (default: all).
    context
        Reuse prepared moves.
    method
        ``fast`` (default) explores a level of (state, last actor) pairs at a time, with
        array operations; ``search`` one pair at a time (the same paths, much slower; kept
        to cross-check the fast one).

    Raises
    ------
    AnalysisError
        When there is no status quo and no ``start``, for an unknown kind of move or concept,
        or when the model is too large.
    StateReferenceError
        When ``start`` or ``target`` names no state or several.
    """
    from accord import __version__
    from accord.core.analysis.stability import analyze

    if moves not in MOVE_KINDS:
        raise AnalysisError(f"--moves is one of {', '.join(MOVE_KINDS)} (got {moves!r})")
    if alternatives < 0:
        raise AnalysisError(f"the number of alternatives must be 0 or more (got {alternatives})")
    ref = conflict.status_quo if start is None else start
    if ref is None:
        raise AnalysisError("the model has no status_quo; give a starting state")
    space = conflict.states
    origin = space.resolve(ref)
    goal = None if target is None else space.resolve(target)
    names = tuple(
        c.strip().lower()
        for c in (concepts.split(",") if isinstance(concepts, str) else concepts)
        if c.strip()
    )
    ctx = context or Context(conflict)
    result = analyze(conflict, names, context=ctx)
    equilibria = {c: result.results[c].equilibria for c in names}

    actors: list[tuple[str, ...]] = [(d,) for d in conflict.dm_names]
    engine = None
    groups: tuple[tuple[str, ...], ...] = ()
    if moves == "coalitions":
        from accord.core.analysis.coalitions import (
            MAX_SCAN_STATES,
            Coalitions,
            coalition_class,
            coalitions_of,
        )

        if len(space) > MAX_SCAN_STATES:
            raise AnalysisError(
                f"status quo analysis with coalitional steps is limited to {MAX_SCAN_STATES:,} "
                f"states (this model has {len(space):,})"
            )
        if coalitions is None:
            groups = tuple(coalitions_of(conflict))
        else:
            groups = tuple(u for u in coalition_class(conflict, coalitions) if len(u) > 1)
        actors.extend(groups)
        engine = Coalitions(conflict, ctx, method=method)

    graph = (Graph if method == "fast" else SearchGraph)(conflict, ctx, moves, actors, engine)
    graph.explore(origin)
    node_paths = graph.shortest()
    wanted = [s for s in node_paths if s != origin and any(bool(m[s]) for m in equilibria.values())]
    wanted = wanted[:MAX_ALT_TARGETS]  # node_paths is in BFS order: the nearest first
    if goal is not None and goal != origin and goal in node_paths and goal not in wanted:
        wanted.append(goal)
    node_alts = {
        s: graph.alternatives((origin, -1), s, node_paths[s], alternatives) for s in wanted
    }
    graph.prepare([*node_paths.values(), *(p for ps in node_alts.values() for p in ps)])
    paths = {s: graph.path(nodes) for s, nodes in node_paths.items()}
    alts = {s: tuple(graph.path(p) for p in ps) for s, ps in node_alts.items()}
    provenance = Provenance(
        model_hash(conflict),
        __version__,
        {
            "from": int(space.ids[origin]),
            "to": None if goal is None else int(space.ids[goal]),
            "moves": moves,
            "concepts": list(names),
            "alternatives": alternatives,
        },
    )
    return StatusQuoAnalysis(
        conflict,
        origin,
        moves,
        names,
        equilibria,
        dict(sorted(paths.items(), key=lambda kv: (len(kv[1]), int(space.ids[kv[0]])))),
        alts,
        goal,
        groups,
        provenance,
    )
