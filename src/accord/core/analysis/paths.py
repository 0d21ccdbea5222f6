"""Status quo analysis: where the conflict can go from today, and how (gmcr-spec §9).

From a starting state (the model's status quo, or any state) the search finds every state
reachable by *legal sequences* of steps, the shortest path to each, and a few alternative
paths to the equilibria.  Three kinds of steps (``moves``):

``improvements`` (default)
    unilateral improvements: each step is one DM's move to a state it strictly prefers to
    the state it moves from (R_N^+, the behaviourally motivated variant).
``any``
    unilateral moves, improving or not (R_N).
``coalitions``
    unilateral improvements, and also coalitional improvements of coalitions of two or more
    DMs (by default every such coalition): a step by coalition H from ``x`` goes to a state
    of R_H^{++}(x) — reached by a legal sequence of H's members' moves and strictly
    preferred to ``x`` by every member (gmcr-spec §5.1).

**Legality rule.** Every step has an *actor*: one DM, or one coalition (a set of DMs).  The
same actor never acts twice in a row; different actors may share members (a DM may move alone
right after its coalition has moved, or the reverse).  With single DMs only this is exactly
the "no DM twice in a row" rule of gmcr-spec §3.2.  Path length counts steps: a coalitional
improvement is one step, whatever the number of member moves inside it.

**Equilibria.** The equilibria reported are those of each of the chosen concepts (default:
Nash, GMR, SMR and SEQ, all four reported, each equilibrium tagged with its concepts).

The search is a breadth-first search over (state, last actor) pairs from the start, keeping
predecessors: the first time a state is reached gives a shortest path to it.  Alternative
paths (at most ``alternatives`` per equilibrium, shortest first, then one step longer) are
enumerated over the same graph with a depth bound, never revisiting a (state, last actor)
pair and never passing through the target before the end.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import BoolArray, IntArray, StateRef
from accord.core.analysis.explain import Step
from accord.core.results import Provenance, model_hash
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import Coalitions
    from accord.core.model import Conflict

__all__ = [
    "MAX_ALT_TARGETS",
    "MAX_PATH_NODES",
    "MOVE_KINDS",
    "Path",
    "PathStep",
    "StatusQuoAnalysis",
    "status_quo_paths",
]

MoveKind = Literal["improvements", "any", "coalitions"]
#: The kinds of steps a path may take.
MOVE_KINDS: tuple[MoveKind, ...] = ("improvements", "any", "coalitions")
#: The search refuses to visit more (state, last actor) pairs than this.
MAX_PATH_NODES = 4_000_000
#: Work bound of the enumeration of alternative paths, per target.
_ALT_BUDGET = 20_000
#: Alternatives are listed for at most this many targets (the nearest equilibria first).
MAX_ALT_TARGETS = 20

Node = tuple[int, int]  # (state index, actor index; -1 at the start)


@dataclass(frozen=True)
class PathStep:
    """One step of a path.

    Attributes
    ----------
    actor
        The DM (a 1-tuple) or the coalition's members (model order) who act.
    source, target
        State indices.
    moves
        The unilateral moves inside the step: one for a DM, a shortest legal sequence of the
        members' moves for a coalition.
    gains
        ``(dm, payoff before, payoff after)`` for each member of the actor.
    """

    actor: tuple[str, ...]
    source: int
    target: int
    moves: tuple[Step, ...]
    gains: tuple[tuple[str, int, int], ...]

    @property
    def coalitional(self) -> bool:
        """Whether a coalition of two or more DMs takes this step."""
        return len(self.actor) > 1


@dataclass(frozen=True)
class Path:
    """A legal sequence of steps from the start; empty for the start itself."""

    steps: tuple[PathStep, ...]

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def states(self) -> tuple[int, ...]:
        """The states visited after the start, in order."""
        return tuple(s.target for s in self.steps)


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


class _Graph:
    """The (state, last actor) graph explored from the start."""

    def __init__(
        self,
        conflict: Conflict,
        ctx: Context,
        moves: MoveKind,
        actors: list[tuple[str, ...]],
        engine: Coalitions | None,
    ) -> None:
        self.conflict = conflict
        self.ctx = ctx
        self.moves = moves
        self.actors = actors
        self.engine = engine
        self.parent: dict[Node, Node | None] = {}
        self.adj: dict[Node, list[Node]] = {}
        self._reverse: dict[Node, list[Node]] | None = None

    def successors(self, actor: int, x: int) -> IntArray:
        members = self.actors[actor]
        if len(members) == 1:
            found = self.ctx.targets(members[0], x, improving=self.moves != "any")
            return np.unique(found)
        assert self.engine is not None
        return self.engine.improvements(members, x)

    def explore(self, start: int) -> None:
        root: Node = (start, -1)
        self.parent[root] = None
        queue = deque([root])
        while queue:
            node = queue.popleft()
            x, last = node
            out: list[Node] = []
            for k in range(len(self.actors)):
                if k == last:
                    continue
                for y in self.successors(k, x).tolist():
                    nxt = (y, k)
                    out.append(nxt)
                    if nxt not in self.parent:
                        self.parent[nxt] = node
                        queue.append(nxt)
                        if len(self.parent) > MAX_PATH_NODES:
                            raise AnalysisError(
                                f"the status quo search passed {MAX_PATH_NODES:,} "
                                "(state, last mover) pairs; this model is too large for it"
                            )
            self.adj[node] = out

    def step(self, actor: int, source: int, target: int) -> PathStep:
        members = self.actors[actor]
        pay = self.ctx.payoffs
        gains = tuple((d, int(pay[d][source]), int(pay[d][target])) for d in members)
        if len(members) == 1:
            moves: tuple[Step, ...] = (Step(members[0], source, target),)
        else:
            assert self.engine is not None
            moves = self.engine.path(members, source, target)
        return PathStep(members, source, target, moves, gains)

    def path(self, nodes: Sequence[Node]) -> Path:
        return Path(tuple(self.step(b[1], a[0], b[0]) for a, b in itertools.pairwise(nodes)))

    def shortest(self) -> dict[int, list[Node]]:
        """For each reachable state, the node sequence of a shortest path (BFS order)."""
        out: dict[int, list[Node]] = {}
        for node in self.parent:  # insertion order is BFS order
            if node[0] in out:
                continue
            seq = [node]
            cur = self.parent[node]
            while cur is not None:
                seq.append(cur)
                cur = self.parent[cur]
            out[node[0]] = list(reversed(seq))
        return out

    def alternatives(
        self, start: Node, target: int, best: list[Node], count: int
    ) -> list[list[Node]]:
        """Up to ``count`` node paths to ``target`` other than ``best``: shortest ones first
        (in actor, then state order), then one step longer."""
        if count <= 0:
            return []
        if self._reverse is None:
            self._reverse = {}
            for a, outs in self.adj.items():
                for b in outs:
                    self._reverse.setdefault(b, []).append(a)
        reverse = self._reverse
        back: dict[Node, int] = {}
        queue: deque[Node] = deque()
        for node in self.parent:
            if node[0] == target and node[1] >= 0:
                back[node] = 0
                queue.append(node)
        while queue:
            node = queue.popleft()
            for prev in reverse.get(node, ()):
                if prev not in back:
                    back[prev] = back[node] + 1
                    queue.append(prev)
        shortest = len(best) - 1
        found: list[list[Node]] = []
        budget = [_ALT_BUDGET]

        def dfs(trail: list[Node], length: int) -> None:
            node = trail[-1]
            depth = len(trail) - 1
            for nxt in sorted(self.adj.get(node, ()), key=lambda v: (v[1], v[0])):
                if len(found) >= count or budget[0] <= 0:
                    return
                budget[0] -= 1
                if nxt in trail:
                    continue
                if nxt[0] == target:
                    if depth + 1 == length:
                        candidate = [*trail, nxt]
                        if candidate != best:
                            found.append(candidate)
                    continue
                if depth + 1 + back.get(nxt, MAX_PATH_NODES) > length:
                    continue
                trail.append(nxt)
                dfs(trail, length)
                trail.pop()

        for length in (shortest, shortest + 1):
            if len(found) < count:
                dfs([start], length)
        return found


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
            MAX_TABLE_STATES,
            Coalitions,
            coalition_class,
            coalitions_of,
        )

        if len(space) > MAX_TABLE_STATES:
            raise AnalysisError(
                f"status quo analysis with coalitional steps is limited to {MAX_TABLE_STATES:,} "
                f"states (this model has {len(space):,})"
            )
        if coalitions is None:
            groups = tuple(coalitions_of(conflict))
        else:
            groups = tuple(u for u in coalition_class(conflict, coalitions) if len(u) > 1)
        actors.extend(groups)
        engine = Coalitions(conflict, ctx)

    graph = _Graph(conflict, ctx, moves, actors, engine)
    graph.explore(origin)
    node_paths = graph.shortest()
    paths = {s: graph.path(nodes) for s, nodes in node_paths.items()}
    wanted = [s for s in node_paths if s != origin and any(bool(m[s]) for m in equilibria.values())]
    wanted = wanted[:MAX_ALT_TARGETS]  # node_paths is in BFS order: the nearest first
    if goal is not None and goal != origin and goal in node_paths and goal not in wanted:
        wanted.append(goal)
    alts = {
        s: tuple(
            graph.path(p) for p in graph.alternatives((origin, -1), s, node_paths[s], alternatives)
        )
        for s in wanted
    }
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
