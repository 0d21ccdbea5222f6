"""The (state, last actor) graph of the status quo search: its steps, shortest paths and
alternative paths (gmcr-spec §9).  See :mod:`accord.core.analysis.paths`.

:class:`Graph` explores level by level with array operations: each state's steps, by every
actor, are listed once (a coalition's improvements for a whole level of states at once, see
:mod:`accord.core.analysis.coalitions.walks`), and the (state, last actor) pairs are
numbered ``actor · n + state`` (the start: ``len(actors) · n + state``), so that sorting
numbers sorts steps by actor, then state — the order in which
:class:`~accord.core.analysis.paths.search.SearchGraph`, the search written one node at a
time, expands them.  Both find the same paths; :class:`Walk` holds what they share.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import IntArray
from accord.core.analysis.coalitions.walks import (
    ArcStore,
    Listed,
    Relation,
    first_of,
    interleave,
    ranges,
)
from accord.core.analysis.explain import Step
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.analysis.coalitions import Coalitions
    from accord.core.model import Conflict

__all__ = [
    "MAX_PATH_NODES",
    "MOVE_KINDS",
    "Graph",
    "MoveKind",
    "Path",
    "PathStep",
    "Walk",
]

MoveKind = Literal["improvements", "any", "coalitions"]
#: The kinds of steps a path may take.
MOVE_KINDS: tuple[MoveKind, ...] = ("improvements", "any", "coalitions")
#: The search refuses to visit more (state, last actor) pairs than this.
MAX_PATH_NODES = 4_000_000
#: ... or to list more steps (by every actor, from every state reached) than this (1 GB).
MAX_PATH_STEPS = 1 << 27
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


class Walk(ABC):
    """What both explorations share: the actors, how a step is told, and the enumeration of
    alternative paths over the explored graph.  Subclasses explore, list a node's
    neighbours and measure how far a node is from a target."""

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

    @abstractmethod
    def explore(self, start: int) -> None:
        """Explore every (state, last actor) pair reachable from ``start``."""

    @abstractmethod
    def shortest(self) -> dict[int, list[Node]]:
        """For each reachable state, the node sequence of a shortest path (BFS order)."""

    def prepare(self, paths: Sequence[Sequence[Node]]) -> None:  # noqa: B027 - optional hook
        """Get ready to tell the coalitional steps of ``paths`` (by default nothing to do:
        coalitional steps are searched when a path is built)."""

    @abstractmethod
    def member_moves(self, actor: int, source: int, target: int) -> tuple[Step, ...]:
        """A shortest legal sequence of the coalition's members' moves for one step."""

    @abstractmethod
    def neighbours(self, node: Node) -> Sequence[Node]:
        """The explored nodes one step from ``node``, by actor then state."""

    @abstractmethod
    def distances(self, target: int, limit: int) -> Callable[[Node], int]:
        """Steps from a node to a node of ``target`` (at least ``limit`` when farther or
        unknown): the pruning bound of :meth:`alternatives`."""

    def step(self, actor: int, source: int, target: int) -> PathStep:
        members = self.actors[actor]
        pay = self.ctx.payoffs
        gains = tuple((d, int(pay[d][source]), int(pay[d][target])) for d in members)
        if len(members) == 1:
            moves: tuple[Step, ...] = (Step(members[0], source, target),)
        else:
            moves = self.member_moves(actor, source, target)
        return PathStep(members, source, target, moves, gains)

    def path(self, nodes: Sequence[Node]) -> Path:
        return Path(tuple(self.step(b[1], a[0], b[0]) for a, b in itertools.pairwise(nodes)))

    def alternatives(
        self, start: Node, target: int, best: list[Node], count: int
    ) -> list[list[Node]]:
        """Up to ``count`` node paths to ``target`` other than ``best``: shortest ones first
        (in actor, then state order), then one step longer."""
        if count <= 0:
            return []
        shortest = len(best) - 1
        distance = self.distances(target, shortest + 1)
        found: list[list[Node]] = []
        budget = [_ALT_BUDGET]

        def dfs(trail: list[Node], length: int) -> None:
            node = trail[-1]
            depth = len(trail) - 1
            for nxt in self.neighbours(node):
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
                if depth + 1 + distance(nxt) > length:
                    continue
                trail.append(nxt)
                dfs(trail, length)
                trail.pop()

        for length in (shortest, shortest + 1):
            if len(found) < count:
                dfs([start], length)
        return found


class Graph(Walk):
    """The (state, last actor) graph explored from the start, a level at a time.

    Each explored state's steps by all actors are kept once, as numbers ``actor · n +
    target`` sorted; a pair (state, last actor) steps to those of another actor.
    """

    def __init__(
        self,
        conflict: Conflict,
        ctx: Context,
        moves: MoveKind,
        actors: list[tuple[str, ...]],
        engine: Coalitions | None,
    ) -> None:
        super().__init__(conflict, ctx, moves, actors, engine)
        self.n = len(conflict.states)
        self.a = len(actors)
        arcs = ctx.moves if moves == "any" else ctx.improvements
        self.relations: list[Relation] = []
        for members in actors:
            if len(members) == 1:
                self.relations.append(Listed(arcs[members[0]]))
            else:
                assert engine is not None
                self.relations.append(engine.relation(members, improving=True))
        self.steps = ArcStore(self.n)
        self.listed = 0
        self.parent = np.zeros(0, dtype=np.int64)
        self.levels: list[IntArray] = []
        self.origin = -1
        self._adj: dict[int, list[Node]] = {}
        self._moves: dict[tuple[int, int, int], tuple[Step, ...]] = {}
        self._reverse: tuple[IntArray, IntArray] | None = None

    # -- numbering ---------------------------------------------------------------------------
    def node(self, number: int) -> Node:
        """The (state, actor) pair of a node number (actor -1 at the start)."""
        actor, state = divmod(number, self.n)
        return (state, -1 if actor == self.a else actor)

    def number(self, node: Node) -> int:
        """The number of a (state, actor) pair."""
        state, actor = node
        return (self.a if actor < 0 else actor) * self.n + state

    def _successors(self, states: IntArray) -> tuple[IntArray, IntArray]:
        """All actors' steps from ``states`` as (index into ``states``, node number), in the
        order of ``states``, each state's sorted."""
        uniq, inverse = np.unique(states, return_inverse=True)
        new = uniq[~self.steps.known(uniq)]
        if new.size:
            streams = []
            for k, rel in enumerate(self.relations):
                src, dst = rel.arcs(new, keep=False)  # kept here, all actors together
                streams.append((np.searchsorted(new, src), k * self.n + dst))
            owner, key = interleave(streams, new.size)
            self.steps.add(new, new[owner], key)
            self.listed += key.size
            if self.listed > MAX_PATH_STEPS:
                raise AnalysisError(
                    f"the status quo search listed more than {MAX_PATH_STEPS:,} steps from the "
                    "states it reached; this model is too large for it"
                )
        owner, key = self.steps.get(uniq)
        counts = np.bincount(owner, minlength=uniq.size)
        first = np.cumsum(counts) - counts
        own, pos = ranges(first[inverse], counts[inverse])
        return own, key[pos]

    # -- exploration -------------------------------------------------------------------------
    def explore(self, start: int) -> None:
        """Breadth-first search from ``start``, a level at a time.

        Within a level, the pairs of one state step to the same pairs but for the actor
        excluded: the first of them (in the level's order) is the first to reach every
        pair of another actor than its own, and the second the first to reach those of the
        first one's actor.  Only these two are expanded.
        """
        n, a = self.n, self.a
        self.origin = start
        self.parent = np.full((a + 1) * n, -2, dtype=np.int64)  # -2: not reached
        self.level = np.full((a + 1) * n, -1, dtype=np.int64)
        root = a * n + start
        self.parent[root] = -1
        self.level[root] = 0
        frontier = np.array([root], dtype=np.int64)
        self.levels = [frontier]
        reached = 1
        while frontier.size:
            states, actors = frontier % n, frontier // n
            lead = first_of(states, n)  # per state, its first pair in the level
            is_first = lead[states] == np.arange(frontier.size)
            rest = np.flatnonzero(~is_first)
            second = rest[first_of(states[rest], n)[states[rest]] == np.arange(rest.size)]
            entries = np.sort(np.concatenate([np.flatnonzero(is_first), second]))
            owner, key = self._successors(states[entries])
            parent = entries[owner]
            actor = key // n
            lead_actor = actors[lead[states[parent]]]
            wanted = np.where(is_first[parent], actor != actors[parent], actor == lead_actor)
            parent, key = parent[wanted], key[wanted]
            fresh = self.parent[key] == -2
            parent, key = parent[fresh], key[fresh]
            once = first_of(key, (a + 1) * n)[key] == np.arange(key.size)
            parent, key = parent[once], key[once]
            self.parent[key] = frontier[parent]
            self.level[key] = len(self.levels)
            reached += key.size
            if reached > MAX_PATH_NODES:
                raise AnalysisError(
                    f"the status quo search passed {MAX_PATH_NODES:,} "
                    "(state, last mover) pairs; this model is too large for it"
                )
            frontier = key
            if frontier.size:
                self.levels.append(frontier)

    def shortest(self) -> dict[int, list[Node]]:
        """For each reachable state, the node sequence of a shortest path (BFS order)."""
        order = np.concatenate(self.levels)
        states = order % self.n
        _, first = np.unique(states, return_index=True)
        first.sort()
        out: dict[int, list[Node]] = {}
        parent = self.parent
        for number in order[first].tolist():
            seq = [number]
            while parent[seq[-1]] >= 0:
                seq.append(int(parent[seq[-1]]))
            out[number % self.n] = [self.node(v) for v in reversed(seq)]
        return out

    # -- paths ---------------------------------------------------------------------------
    def prepare(self, paths: Sequence[Sequence[Node]]) -> None:
        """Find the members' moves of every coalitional step of ``paths`` at once."""
        wanted: dict[int, set[tuple[int, int]]] = {}
        for nodes in paths:
            for (x, _), (y, k) in itertools.pairwise(nodes):
                if len(self.actors[k]) > 1 and (k, x, y) not in self._moves:
                    wanted.setdefault(k, set()).add((x, y))
        for k, pairs in wanted.items():
            assert self.engine is not None
            src, dst = (np.array(v, dtype=np.int64) for v in zip(*sorted(pairs), strict=True))
            found = self.engine.member_sequences(self.actors[k], src, dst)
            for x, y, steps in zip(src.tolist(), dst.tolist(), found, strict=True):
                self._moves[(k, x, y)] = steps

    def member_moves(self, actor: int, source: int, target: int) -> tuple[Step, ...]:
        if (actor, source, target) not in self._moves:
            self.prepare([[(source, -1), (target, actor)]])
        return self._moves[(actor, source, target)]

    # -- alternatives --------------------------------------------------------------------
    def neighbours(self, node: Node) -> list[Node]:
        """The explored nodes one step from ``node``, by actor then state."""
        number = self.number(node)
        if number not in self._adj:
            _, key = self._successors(np.array([node[0]], dtype=np.int64))
            key = key[key // self.n != number // self.n]
            self._adj[number] = [(y, k) for k, y in (divmod(v, self.n) for v in key.tolist())]
        return self._adj[number]

    def _back(self, target: int, limit: int) -> IntArray:
        """Steps from explored nodes (by number) to a node of ``target`` (not the start),
        for those that can lie on a path of at most ``limit`` steps from the start: the
        others only get -1 or a larger value, which the enumeration of alternatives treats
        alike (it prunes both).

        A breadth-first search backwards over states: a state one step before pairs of the
        frontier by two actors or more puts all its pairs in the next frontier, by one
        actor only, all but its pair with that actor.
        """
        n, a = self.n, self.a
        if self._reverse is None:
            explored = np.flatnonzero(self.parent != -2)
            states = np.unique(explored % n)
            owner, key = self._successors(states)
            order = np.argsort(key, kind="stable")
            self._reverse = (key[order], states[owner][order])
            by_state = explored[np.argsort(explored % n, kind="stable")]
            self._by_state = (by_state, by_state % n)
        rkey, rsrc = self._reverse
        nodes_by_state, node_state = self._by_state
        back = np.full((a + 1) * n, -1, dtype=np.int64)
        frontier = np.array([k * n + target for k in range(a)], dtype=np.int64)
        frontier = frontier[self.parent[frontier] != -2]
        back[frontier] = 0
        for depth in range(1, limit):
            if not frontier.size:
                break
            lo = np.searchsorted(rkey, frontier, side="left")
            hi = np.searchsorted(rkey, frontier, side="right")
            own, pos = ranges(lo, hi - lo)
            pair = np.unique(rsrc[pos] * (a + 1) + frontier[own] // n)  # (state, actor)
            state, actor = pair // (a + 1), pair % (a + 1)
            uniq, start, count = np.unique(state, return_index=True, return_counts=True)
            only = np.where(count == 1, actor[start], -1)  # the one actor, if only one
            lo2 = np.searchsorted(node_state, uniq, side="left")
            hi2 = np.searchsorted(node_state, uniq, side="right")
            own2, pos2 = ranges(lo2, hi2 - lo2)
            prev = nodes_by_state[pos2]
            prev = prev[(prev // n != only[own2]) & (back[prev] < 0)]
            back[prev] = depth
            # a node farther from the start than the paths sought allow is no use
            frontier = prev[self.level[prev] + depth <= limit]
        return back

    def distances(self, target: int, limit: int) -> Callable[[Node], int]:
        back = self._back(target, limit)

        def distance(node: Node) -> int:
            steps = int(back[self.number(node)])
            return steps if steps >= 0 else MAX_PATH_NODES

        return distance
