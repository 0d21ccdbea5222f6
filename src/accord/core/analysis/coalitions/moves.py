"""Classes of coalitions and coalitional moves and improvements (gmcr-spec §3.2, §5.1).

See :mod:`accord.core.analysis.coalitions` for the definitions used.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.analysis.coalitions.walks import Listed, Reached, Relation, Walk, search
from accord.core.analysis.explain import Step
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "MAX_SCAN_STATES",
    "MAX_TABLE_STATES",
    "Coalitions",
    "Method",
    "Unit",
    "coalition_class",
    "coalition_improvements",
    "coalition_moves",
    "coalition_path",
    "coalition_table",
    "coalitions_of",
    "parse_class",
    "unit_name",
]

#: Above this many states the scan of the equilibria, coalitional steps of status quo paths
#: and single-origin questions are refused.
MAX_SCAN_STATES = 1 << 16
#: Above this many states the all-states tables (every state's improvements, C-stability)
#: are refused: they list pairs of states, and C-stability keeps states × states bits.
MAX_TABLE_STATES = 1 << 13

Unit = tuple[str, ...]
#: ``fast`` answers for all origins at once (:mod:`.walks`); ``search`` runs one search per
#: origin, as written from the definitions (slow; kept to cross-check the fast one).
Method = Literal["fast", "search"]


def check_size(conflict: Conflict, limit: int, what: str) -> None:
    """Refuse ``what`` on a model of more than ``limit`` states."""
    n = len(conflict.states)
    if n > limit:
        raise AnalysisError(
            f"{what} is limited to models of at most {limit:,} states (this one has {n:,}); "
            "beyond that its sets of reachable states outgrow memory and time"
        )


# -- classes of coalitions ------------------------------------------------------------------


def model_order(conflict: Conflict, members: Iterable[str]) -> Unit:
    """The members as a unit, in model order."""
    wanted = set(members)
    return tuple(d for d in conflict.dm_names if d in wanted)


def coalition_class(conflict: Conflict, units: Sequence[Sequence[str]] | None = None) -> list[Unit]:
    """A complete class of coalitions: ``units`` (default: the model's ``coalitions``), each
    in model order, then every decision maker not listed as a singleton.

    Raises
    ------
    AnalysisError
        When a name is not a decision maker (with a did-you-mean hint), a unit is empty,
        or a decision maker is in two units.
    """
    from accord.core.validate import suggest

    given = conflict.coalitions if units is None else units
    seen: dict[str, int] = {}
    out: list[Unit] = []
    for k, unit in enumerate(given):
        if not unit:
            raise AnalysisError("a coalition must name at least one decision maker")
        for dm in unit:
            if dm not in conflict.dm_names:
                hint = suggest(dm, conflict.dm_names)
                raise AnalysisError(
                    f"unknown decision maker {dm!r} in the class of coalitions; the model has "
                    f"{', '.join(conflict.dm_names)}" + (f" ({hint})" if hint else "")
                )
            if dm in seen and seen[dm] != k:
                raise AnalysisError(
                    f"{dm!r} is in two coalitions of the class; a class is a partition"
                )
            seen[dm] = k
        out.append(model_order(conflict, unit))
    out.extend((dm,) for dm in conflict.dm_names if dm not in seen)
    return out


def parse_class(conflict: Conflict, text: str) -> list[Unit]:
    """``"MoE+UR, LG"`` → a complete class: coalitions split on ``,``, members on ``+``,
    names stripped (spaces inside names are kept); unlisted DMs become singletons."""
    units = []
    for part in text.split(","):
        if not part.strip():
            continue
        units.append(tuple(name.strip() for name in part.split("+")))
    if not units:
        raise AnalysisError(f"no coalition in {text!r}; write e.g. 'A+B, C'")
    return coalition_class(conflict, units)


def coalitions_of(conflict: Conflict, min_size: int = 2) -> list[Unit]:
    """Every coalition of at least ``min_size`` decision makers, by size then model order."""
    names = conflict.dm_names
    return [
        combo
        for size in range(min_size, len(names) + 1)
        for combo in itertools.combinations(names, size)
    ]


def unit_name(unit: Sequence[str]) -> str:
    """``MoE+UR``."""
    return "+".join(unit)


def responders(units: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The other units of the class, each minus the members of ``unit``."""
    gone = set(unit)
    out = []
    for g in units:
        rest = tuple(d for d in g if d not in gone)
        if rest and g != unit:
            out.append(rest)
    return out


# -- coalitional moves -----------------------------------------------------------------------


class Coalitions:
    """Coalitional moves and improvements of one model, memoised per (coalition, state).

    Single-origin questions (:meth:`moves`, :meth:`path`, :meth:`unit_reach`) search from
    their origin.  The bulk questions the analyses ask (:meth:`improvement_arcs`,
    :meth:`member_sequences`, :meth:`sanctions`, :meth:`floors`) are answered for all
    origins at once by default, or one origin at a time with ``method="search"``.

    Parameters
    ----------
    conflict
        The model.
    context
        Reuse prepared unilateral moves (``Context(method="general")`` makes the fast
        answers walk (state, last unit) pairs in option form too).
    method
        ``fast`` (default) or ``search``.
    """

    def __init__(
        self, conflict: Conflict, context: Context | None = None, *, method: Method = "fast"
    ) -> None:
        if method not in ("fast", "search"):
            raise ValueError(f"method is fast or search (got {method!r})")
        self.conflict = conflict
        self.ctx = context or Context(conflict)
        self.method = method
        self.pay = {dm: np.asarray(self.ctx.payoffs[dm]) for dm in conflict.dm_names}
        self._moves: dict[tuple[Unit, int], IntArray] = {}
        self._improvements: dict[tuple[Unit, int], IntArray] = {}
        self._relations: dict[tuple[Unit, bool], Relation] = {}
        self._walks: dict[tuple[tuple[Unit, ...], bool], Walk] = {}

    @property
    def n(self) -> int:
        """Number of states."""
        return len(self.conflict.states)

    @property
    def general(self) -> bool:
        """Whether walks are over (state, last unit) pairs rather than plain states."""
        return self.ctx.general

    def _search(
        self, members: Unit, state: int
    ) -> dict[tuple[int, str | None], tuple[tuple[int, str | None], Step] | None]:
        """Breadth-first search over (state, last mover) of legal member sequences."""
        start: tuple[int, str | None] = (state, None)
        parent: dict[tuple[int, str | None], tuple[tuple[int, str | None], Step] | None] = {
            start: None
        }
        queue = deque([start])
        while queue:
            node = queue.popleft()
            x, last = node
            for dm in members:
                if dm == last:
                    continue
                for y in self.ctx.targets(dm, x).tolist():
                    nxt = (y, dm)
                    if nxt not in parent:
                        parent[nxt] = (node, Step(dm, x, y))
                        queue.append(nxt)
        return parent

    def moves(self, members: Sequence[str], state: int) -> IntArray:
        """R_H(state): end states of legal sequences of the members' moves (sorted indices)."""
        unit = model_order(self.conflict, members)
        key = (unit, state)
        if key not in self._moves:
            if len(unit) == 1:
                found = np.unique(self.ctx.targets(unit[0], state))
            else:
                ends = {x for x, last in self._search(unit, state) if last is not None}
                found = np.array(sorted(ends), dtype=np.int64)
            self._moves[key] = found.astype(np.int64)
        return self._moves[key]

    def improvements(self, members: Sequence[str], state: int) -> IntArray:
        """R_H^{++}(state): the coalitional moves every member strictly prefers."""
        unit = model_order(self.conflict, members)
        key = (unit, state)
        if self.method == "fast":
            if key not in self._improvements:
                origins = (
                    np.arange(self.n, dtype=np.int64)
                    if self.n <= MAX_TABLE_STATES  # every state at once while they are few
                    else np.array([state], dtype=np.int64)
                )
                src, dst = self.relation(unit, improving=True).arcs(origins)
                cuts = np.flatnonzero(np.r_[True, src[1:] != src[:-1], True]).tolist()
                rows = {
                    int(src[lo]): dst[lo:hi]
                    for lo, hi in itertools.pairwise(cuts if src.size else [])
                }
                empty = np.zeros(0, dtype=np.int64)
                for s in origins.tolist():
                    self._improvements[(unit, s)] = rows.get(s, empty)
            return self._improvements[key]
        if key not in self._improvements:
            found = self.moves(unit, state)
            keep = np.ones(found.shape[0], dtype=bool)
            for dm in unit:
                keep &= self.pay[dm][found] > self.pay[dm][state]
            self._improvements[key] = found[keep]
        return self._improvements[key]

    def better(self, members: Sequence[str], q: int, s: int) -> bool:
        """``q ≻_H s``: every member strictly prefers ``q`` to ``s``."""
        return all(self.pay[dm][q] > self.pay[dm][s] for dm in members)

    def path(self, members: Sequence[str], source: int, target: int) -> tuple[Step, ...]:
        """A shortest legal sequence of the members' moves from ``source`` to ``target``."""
        unit = model_order(self.conflict, members)
        parent = self._search(unit, source)
        for node in parent:  # BFS order: the first hit is a shortest one
            if node[0] == target and node[1] is not None:
                steps: list[Step] = []
                cur: tuple[int, str | None] | None = node
                while cur is not None and parent[cur] is not None:
                    prev, step = parent[cur]  # type: ignore[misc]
                    steps.append(step)
                    cur = prev
                return tuple(reversed(steps))
        raise AnalysisError("no legal sequence of the coalition's moves joins these states")

    def unit_reach(
        self,
        units: Sequence[Unit],
        state: int,
        *,
        improving: bool = False,
        stop: Callable[[int], bool] | None = None,
    ) -> tuple[set[int], tuple[tuple[Unit, int, int], ...] | None]:
        """R_{C−H}(state) (or R^{++}_{C−H}): ends of legal sequences of the units' moves,
        the same unit never twice in a row.

        ``stop``, when given, is a predicate on states: the search ends at the first state
        it accepts and returns the unit steps ``(unit, from, to)`` leading there (a shortest
        sequence); otherwise the second item is ``None``.
        """
        start: tuple[int, int] = (state, -1)
        parent: dict[tuple[int, int], tuple[tuple[int, int], int] | None] = {start: None}
        queue = deque([start])
        ends: set[int] = set()
        while queue:
            node = queue.popleft()
            x, last = node
            for k, unit in enumerate(units):
                if k == last:
                    continue
                nexts = self.improvements(unit, x) if improving else self.moves(unit, x)
                for y in nexts.tolist():
                    nxt = (y, k)
                    if nxt in parent:
                        continue
                    parent[nxt] = (node, k)
                    ends.add(y)
                    if stop is not None and stop(y):
                        steps: list[tuple[Unit, int, int]] = []
                        cur: tuple[int, int] = nxt
                        while parent[cur] is not None:
                            prev, kk = parent[cur]  # type: ignore[misc]
                            steps.append((units[kk], prev[0], cur[0]))
                            cur = prev
                        return ends, tuple(reversed(steps))
                    queue.append(nxt)
        return ends, None

    # -- all origins at once (see :mod:`.walks`) -------------------------------------------

    def fibers(self, unit: Unit) -> IntArray | None:
        """Option form: each state's code with the unit's options cleared (its moves never
        change the rest); ``None`` in graph form."""
        if self.conflict.is_graph_form:
            return None
        space = self.conflict.states
        mask = 0
        for dm in unit:
            start, stop = space.dm_bits[dm]
            mask |= ((1 << (stop - start)) - 1) << start
        out: IntArray = space.codes & ~np.int64(mask)
        return out

    def payoff_matrix(self, unit: Sequence[str]) -> IntArray:
        """The members' payoffs, one column per member."""
        return np.stack([self.pay[d] for d in unit], axis=1).astype(np.int64)

    def relation(self, unit: Unit, improving: bool) -> Relation:
        """A unit's steps: its moves (``R_G``) or improvements (``R_G^{++}``)."""
        key = (unit, improving)
        if key not in self._relations:
            rel: Relation
            if len(unit) == 1:
                arcs = self.ctx.improvements if improving else self.ctx.moves
                rel = Listed(arcs[unit[0]])
            else:
                rel = Reached(
                    self.n,
                    lambda: self.walk([(d,) for d in unit], improving=False),
                    self.fibers(unit),
                    self.payoff_matrix(unit) if improving else None,
                )
            self._relations[key] = rel
        return self._relations[key]

    def walk(self, units: Sequence[Unit], *, improving: bool) -> Walk:
        """Legal sequences of the units' moves (or improvements), for every origin."""
        if not self.general and not improving:
            # In option form a coalition's moves are the walks of its members' moves, so
            # walks of the units' moves reach what walks of all their members' moves reach.
            wanted = {d for u in units for d in u}
            units = [(d,) for d in self.conflict.dm_names if d in wanted]
        key = (tuple(units), improving)
        if key not in self._walks:
            if not self.general and not improving:
                steps = [self.ctx.moves[u[0]] for u in units]
            else:
                steps = [self.relation(u, improving).all() for u in units]
            self._walks[key] = Walk(self.n, steps, general=self.general)
        return self._walks[key]

    def improvement_arcs(
        self, members: Sequence[str], origins: Iterable[int]
    ) -> tuple[IntArray, IntArray]:
        """R_H^{++}(s) of each origin, as arcs (origin, improved state) sorted."""
        unit = model_order(self.conflict, members)
        wanted = np.unique(np.fromiter(origins, dtype=np.int64))
        return self.relation(unit, improving=True).arcs(wanted)

    def floors(self, units: Sequence[Unit], values: IntArray, *, improving: bool) -> IntArray:
        """For every state ``x`` and each column of ``values``: its least value over ``x``
        and the ends of legal sequences of the units' moves (or improvements) from ``x``."""
        if not units:
            return values.copy()
        out: IntArray = self.walk(units, improving=improving).closure(values, np.minimum)
        return out

    def member_sequences(
        self, members: Sequence[str], src: IntArray, dst: IntArray
    ) -> list[tuple[Step, ...]]:
        """For each arc (``dst`` in ``R_H(src)``): the shortest legal sequence of the
        members' moves from ``src`` to ``dst`` that :meth:`path` finds (the least one,
        comparing (mover, state) steps in turn)."""
        unit = model_order(self.conflict, members)
        out: list[tuple[Step, ...] | None] = [None] * int(src.size)
        if not self.general:
            for t, steps in self._direct_sequences(unit, src, dst).items():
                out[t] = tuple(Step(unit[k], a, b) for k, a, b in steps)
        rest = np.array([t for t, seq in enumerate(out) if seq is None], dtype=np.int64)
        if rest.size:
            origins, inverse = np.unique(src[rest], return_inverse=True)
            order = np.argsort(inverse, kind="stable")
            cuts = np.cumsum(np.bincount(inverse, minlength=origins.size))[:-1]
            targets = np.split(dst[rest][order], cuts)
            units = [self.relation((d,), improving=False) for d in unit]
            found = search(self.n, units, self.general, origins, targets=targets)
            for t, i in zip(rest.tolist(), inverse.tolist(), strict=True):
                out[t] = tuple(Step(unit[k], a, b) for k, a, b in found[i][int(dst[t])])
        return [seq if seq is not None else () for seq in out]

    def _direct_sequences(
        self, unit: Unit, src: IntArray, dst: IntArray
    ) -> dict[int, list[tuple[int, int, int]]]:
        """Option form: the arcs whose shortest member sequences move each member whose
        options differ exactly once, and those sequences.

        Every member whose options differ between ``x`` and ``y`` must move, so no legal
        sequence is shorter than their number ``δ``; a sequence of exactly ``δ`` moves
        moves each of them once, straight from its options in ``x`` to those in ``y``
        (allowed by reversibility, since ``y`` is reachable and irreversible options only
        change one way), and nobody else.  Such sequences are the orders of those members
        whose intermediate states are feasible; comparing sequences step by step compares
        the orders member by member, so the least one is the first feasible order in
        lexicographic order.  Arcs with no feasible order are left to the search.
        """
        space = self.conflict.states
        codes = space.codes
        masks = []
        for dm in unit:
            start, stop = space.dm_bits[dm]
            masks.append(np.int64(((1 << (stop - start)) - 1) << start))
        x_code, y_code = codes[src], codes[dst]
        moved = np.zeros(src.size, dtype=np.int64)
        for k, mask in enumerate(masks):
            moved |= (((x_code ^ y_code) & mask) != 0).astype(np.int64) << k
        out: dict[int, list[tuple[int, int, int]]] = {}
        for pattern in np.unique(moved).tolist():
            who = [k for k in range(len(unit)) if pattern >> k & 1]
            pending = np.flatnonzero(moved == pattern)
            for order in itertools.permutations(who):
                if not pending.size:
                    break
                path = [src[pending]]
                code = x_code[pending]
                ok = np.ones(pending.size, dtype=bool)
                for k in order[:-1]:
                    code = (code & ~masks[k]) | (y_code[pending] & masks[k])
                    at = np.minimum(np.searchsorted(codes, code), codes.size - 1)
                    ok &= codes[at] == code
                    path.append(at)
                path.append(dst[pending])
                states = np.stack(path, axis=1)[ok].tolist()
                for t, row in zip(pending[ok].tolist(), states, strict=True):
                    out[t] = [(k, row[i], row[i + 1]) for i, k in enumerate(order)]
                pending = pending[~ok]
        return out

    def sanctions(
        self, units: Sequence[Unit], coalition: Unit, origins: IntArray, targets: IntArray
    ) -> list[tuple[tuple[Unit, int, int], ...] | None]:
        """For each coalitional improvement ``origins[t] → targets[t]``: the shortest legal
        sequence of the units' moves from ``targets[t]`` to a state that is not better than
        ``origins[t]`` for every member (as :meth:`unit_reach` finds it), or ``None``."""
        out: list[tuple[tuple[Unit, int, int], ...] | None] = [None] * int(origins.size)
        if not units or not origins.size:
            return out
        pay = self.payoff_matrix(coalition)
        floor = self.floors(units, pay, improving=False)
        sanctioned = np.flatnonzero(np.any(floor[targets] <= pay[origins], axis=1))
        limits = pay[origins[sanctioned]]

        def accept(which: IntArray, states: IntArray) -> BoolArray:
            hit: BoolArray = np.any(pay[states] <= limits[which], axis=1)
            return hit

        found = search(
            self.n,
            [self.relation(u, improving=False) for u in units],
            self.general,
            targets[sanctioned],
            accept=accept,
        )
        for t, hit in zip(sanctioned.tolist(), found, strict=True):
            if not hit:  # pragma: no cover - the floor promised a sanction
                raise AssertionError("a sanction was promised but not found")
            (steps,) = hit.values()
            out[t] = tuple((units[k], a, b) for k, a, b in steps)
        return out


def coalition_moves(
    conflict: Conflict, members: Sequence[str], state: int, *, context: Context | None = None
) -> IntArray:
    """R_H(s) for one coalition and one state (indices), gmcr-spec §3.2."""
    check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
    return Coalitions(conflict, context).moves(members, state)


def coalition_improvements(
    conflict: Conflict, members: Sequence[str], state: int, *, context: Context | None = None
) -> IntArray:
    """R_H^{++}(s) for one coalition and one state (indices), gmcr-spec §5.1."""
    check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
    return Coalitions(conflict, context).improvements(members, state)


def coalition_path(
    conflict: Conflict,
    members: Sequence[str],
    source: int,
    target: int,
    *,
    context: Context | None = None,
) -> tuple[Step, ...]:
    """A shortest legal sequence of the members' moves from ``source`` to ``target``."""
    return Coalitions(conflict, context).path(members, source, target)


def coalition_table(
    conflict: Conflict,
    coalitions: Sequence[Sequence[str]] | None = None,
    *,
    engine: Coalitions | None = None,
    method: Method = "fast",
) -> dict[Unit, dict[int, IntArray]]:
    """For each coalition (default: every one of ≥ 2 DMs), R_H^{++}(s) of every state ``s``
    where it is non-empty (state index → improved state indices)."""
    check_size(conflict, MAX_TABLE_STATES, "the table of coalitional improvements")
    eng = engine or Coalitions(conflict, method=method)
    units = (
        coalitions_of(conflict)
        if coalitions is None
        else [model_order(conflict, c) for c in coalitions]
    )
    n = len(conflict.states)
    out: dict[Unit, dict[int, IntArray]] = {}
    for unit in units:
        rows = {}
        if method == "search":
            for s in range(n):
                found = eng.improvements(unit, s)
                if found.size:
                    rows[s] = found
        else:
            src, dst = eng.improvement_arcs(unit, np.arange(n, dtype=np.int64))
            cuts = np.flatnonzero(np.r_[True, src[1:] != src[:-1], True]).tolist()
            for lo, hi in itertools.pairwise(cuts if src.size else []):
                rows[int(src[lo])] = dst[lo:hi]
        out[unit] = rows
    return out
