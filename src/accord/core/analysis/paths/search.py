"""The status quo search written one node at a time: the reference the level-by-level
:class:`~accord.core.analysis.paths.graph.Graph` is checked against (``method="search"``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from accord._types import IntArray
from accord.core.analysis.explain import Step
from accord.core.analysis.paths.graph import MAX_PATH_NODES, MoveKind, Node, Walk
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import Coalitions
    from accord.core.model import Conflict

__all__ = ["SearchGraph"]


class SearchGraph(Walk):
    """The (state, last actor) graph explored from the start, one node at a time."""

    def __init__(
        self,
        conflict: Conflict,
        ctx: Context,
        moves: MoveKind,
        actors: list[tuple[str, ...]],
        engine: Coalitions | None,
    ) -> None:
        super().__init__(conflict, ctx, moves, actors, engine)
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

    def member_moves(self, actor: int, source: int, target: int) -> tuple[Step, ...]:
        assert self.engine is not None
        return self.engine.path(self.actors[actor], source, target)

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

    def neighbours(self, node: Node) -> list[Node]:
        return sorted(self.adj.get(node, ()), key=lambda v: (v[1], v[0]))

    def distances(self, target: int, limit: int) -> Callable[[Node], int]:
        """Exact steps back from ``target`` over the explored graph (``limit`` unused)."""
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
        return lambda node: back.get(node, MAX_PATH_NODES)
