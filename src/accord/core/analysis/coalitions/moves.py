"""Classes of coalitions and coalitional moves and improvements (gmcr-spec §3.2, §5.1).

See :mod:`accord.core.analysis.coalitions` for the definitions used.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord._types import IntArray
from accord.core.analysis.explain import Step
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "MAX_SCAN_STATES",
    "MAX_TABLE_STATES",
    "Coalitions",
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

#: Above this many states the scan and single-origin searches are refused.
MAX_SCAN_STATES = 1 << 12
#: Above this many states the all-states tables (every state's improvements, C-stability)
#: are refused: each state starts its own searches.
MAX_TABLE_STATES = 1 << 9

Unit = tuple[str, ...]


def check_size(conflict: Conflict, limit: int, what: str) -> None:
    """Refuse ``what`` on a model of more than ``limit`` states."""
    n = len(conflict.states)
    if n > limit:
        raise AnalysisError(
            f"{what} is limited to models of at most {limit:,} states (this one has {n:,}); "
            "it searches from every state one at a time"
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

    Parameters
    ----------
    conflict
        The model.
    context
        Reuse prepared unilateral moves.
    """

    def __init__(self, conflict: Conflict, context: Context | None = None) -> None:
        self.conflict = conflict
        self.ctx = context or Context(conflict)
        self.pay = {dm: np.asarray(self.ctx.payoffs[dm]) for dm in conflict.dm_names}
        self._moves: dict[tuple[Unit, int], IntArray] = {}
        self._improvements: dict[tuple[Unit, int], IntArray] = {}

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
) -> dict[Unit, dict[int, IntArray]]:
    """For each coalition (default: every one of ≥ 2 DMs), R_H^{++}(s) of every state ``s``
    where it is non-empty (state index → improved state indices)."""
    check_size(conflict, MAX_TABLE_STATES, "the table of coalitional improvements")
    eng = engine or Coalitions(conflict)
    units = (
        coalitions_of(conflict)
        if coalitions is None
        else [model_order(conflict, c) for c in coalitions]
    )
    out: dict[Unit, dict[int, IntArray]] = {}
    for unit in units:
        rows = {}
        for s in range(len(conflict.states)):
            found = eng.improvements(unit, s)
            if found.size:
                rows[s] = found
        out[unit] = rows
    return out
