"""The (state, last actor) graph of the status quo search: its steps, shortest paths and
alternative paths (gmcr-spec §9).  See :mod:`accord.core.analysis.paths`."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import IntArray
from accord.core.analysis.explain import Step
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import Coalitions
    from accord.core.model import Conflict

__all__ = ["MAX_PATH_NODES", "MOVE_KINDS", "Graph", "MoveKind", "Path", "PathStep"]

MoveKind = Literal["improvements", "any", "coalitions"]
#: The kinds of steps a path may take.
MOVE_KINDS: tuple[MoveKind, ...] = ("improvements", "any", "coalitions")
#: The search refuses to visit more (state, last actor) pairs than this.
MAX_PATH_NODES = 4_000_000
#: Work bound of the enumeration of alternative paths, per target.
_ALT_BUDGET = 20_000

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


class Graph:
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
