"""Coalition analysis: coalitional moves and improvements, C-stability, and a scan of the
individual equilibria for coalitions that can upset them (gmcr-spec §5).

Definitions used
----------------
* ``R_H(s)`` — the end states of *legal sequences* of the members' unilateral moves from
  ``s``: no decision maker twice in a row, any length ≥ 1 (§3.2).  Searched over
  (state, last mover) pairs from one origin at a time.
* ``R_H^{++}(s)`` — the states of ``R_H(s)`` that **every** member strictly prefers to ``s``;
  the intermediate states are free (§5.1, Kilgour, Hipel, Fang & Peng 2001).
* A *class* ``C`` of coalitions (a partition of the decision makers: DMs the model or the
  command line does not list are singletons).  A unit's move is its coalitional move
  ``R_G``; a singleton's move is its DM's unilateral move.  ``R_{C−H}(s)`` is the set of end
  states of legal sequences of the *other units'* moves, the same unit never twice in a row;
  ``R^{++}_{C−H}`` uses the units' coalitional improvements instead (§5.2).
* CNash, CGMR, CSMR, CSEQ for a unit ``H`` as in §5.2 (Inohara & Hipel 2008a), with
  ``q ≻_H s`` meaning every member of ``H`` strictly prefers ``q``.  With ``C`` all
  singletons they are Nash, GMR, SMR and SEQ.
* The *scan*: for each individual equilibrium ``e`` (of the chosen concepts; by default any
  of Nash, GMR, SMR, SEQ), every coalition ``H`` of two or more DMs — all such subsets of
  the decision makers, not only those of the class — with ``R_H^{++}(e) ≠ ∅``, each of its
  improvements ``q``, and whether the others can *sanction* it: reach from ``q``, by their
  legal sequences, a state that is not strictly better than ``e`` for every member of ``H``.
  The others are asked twice: as individuals (the DMs outside ``H``, each moving alone) and
  as the remaining units of the class (each unit ``G`` of ``C`` minus the members of ``H``,
  acting together; units inside ``H`` drop out).

Computation: searches run from one origin at a time, with each unit's moves from a state
memoised; no states × states matrix is built.  Models with more than
:data:`MAX_SCAN_STATES` states are refused for the scan and single-origin questions, and
the all-states tables (improvements of every state, C-stability) are limited to
:data:`MAX_TABLE_STATES` states.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.analysis.explain import Step
from accord.core.results import Provenance, model_hash
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "C_CONCEPTS",
    "MAX_SCAN_STATES",
    "MAX_TABLE_STATES",
    "CoalitionAnalysis",
    "CoalitionStability",
    "Coalitions",
    "Improvement",
    "ScanEntry",
    "analyze_coalitions",
    "coalition_class",
    "coalition_improvements",
    "coalition_moves",
    "coalition_path",
    "coalition_stability",
    "coalition_table",
    "coalitions_of",
    "parse_class",
    "scan",
    "unit_name",
]

#: The coalition concepts, named after the individual concepts they generalise.
C_CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Above this many states the scan and single-origin searches are refused.
MAX_SCAN_STATES = 1 << 12
#: Above this many states the all-states tables (every state's improvements, C-stability)
#: are refused: each state starts its own searches.
MAX_TABLE_STATES = 1 << 9

Unit = tuple[str, ...]


def _check_size(conflict: Conflict, limit: int, what: str) -> None:
    n = len(conflict.states)
    if n > limit:
        raise AnalysisError(
            f"{what} is limited to models of at most {limit:,} states (this one has {n:,}); "
            "it searches from every state one at a time"
        )


# -- classes of coalitions ------------------------------------------------------------------


def _order(conflict: Conflict, members: Iterable[str]) -> Unit:
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
        out.append(_order(conflict, unit))
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
        unit = _order(self.conflict, members)
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
        unit = _order(self.conflict, members)
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
        unit = _order(self.conflict, members)
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
        stop: object = None,
    ) -> tuple[set[int], tuple[tuple[Unit, int, int], ...] | None]:
        """R_{C−H}(state) (or R^{++}_{C−H}): ends of legal sequences of the units' moves,
        the same unit never twice in a row.

        ``stop``, when given, is a predicate on states: the search ends at the first state
        it accepts and returns the unit steps ``(unit, from, to)`` leading there (a shortest
        sequence); otherwise the second item is ``None``.
        """
        pred = stop if callable(stop) else None
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
                    if pred is not None and pred(y):
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
    _check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
    return Coalitions(conflict, context).moves(members, state)


def coalition_improvements(
    conflict: Conflict, members: Sequence[str], state: int, *, context: Context | None = None
) -> IntArray:
    """R_H^{++}(s) for one coalition and one state (indices), gmcr-spec §5.1."""
    _check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
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
    _check_size(conflict, MAX_TABLE_STATES, "the table of coalitional improvements")
    eng = engine or Coalitions(conflict)
    units = (
        coalitions_of(conflict) if coalitions is None else [_order(conflict, c) for c in coalitions]
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


# -- C-stability ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CoalitionStability:
    """Stability of every state for every unit of a class, per coalition concept.

    Attributes
    ----------
    units
        The class, in order (unlisted DMs as singletons).
    stable
        concept → unit → mask over the states.
    """

    units: tuple[Unit, ...]
    stable: dict[str, dict[Unit, BoolArray]]

    def equilibria(self, concept: str) -> BoolArray:
        """The states stable for every unit of the class."""
        masks = list(self.stable[concept].values())
        out = np.ones_like(masks[0]) if masks else np.zeros(0, dtype=bool)
        for m in masks:
            out &= m
        return out


def _responders(units: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The other units of the class, each minus the members of ``unit``."""
    gone = set(unit)
    out = []
    for g in units:
        rest = tuple(d for d in g if d not in gone)
        if rest and g != unit:
            out.append(rest)
    return out


def _c_stable(eng: Coalitions, units: Sequence[Unit], unit: Unit, concept: str, s: int) -> bool:
    imps = eng.improvements(unit, s)
    if concept == "nash" or not imps.size:
        return not imps.size
    others = _responders(units, unit)

    def sanction(x: int) -> bool:
        if eng.better(unit, x, s):
            return False
        if concept == "smr":
            return not any(eng.better(unit, y, s) for y in eng.moves(unit, x).tolist())
        return True

    for s1 in imps.tolist():
        _, found = eng.unit_reach(others, s1, improving=concept == "seq", stop=sanction)
        if found is None:
            return False
    return True


def coalition_stability(
    conflict: Conflict,
    units: Sequence[Sequence[str]] | None = None,
    concepts: Sequence[str] = C_CONCEPTS,
    *,
    engine: Coalitions | None = None,
) -> CoalitionStability:
    """CNash, CGMR, CSMR and CSEQ of every state for every unit of a class (gmcr-spec §5.2).

    Parameters
    ----------
    conflict
        The model.
    units
        The class (default: the model's ``coalitions``); unlisted DMs become singletons.
    concepts
        Any of ``nash``, ``gmr``, ``smr``, ``seq`` (meaning CNash, CGMR, CSMR, CSEQ).
    """
    _check_size(conflict, MAX_TABLE_STATES, "coalition stability")
    for c in concepts:
        if c not in C_CONCEPTS:
            raise AnalysisError(f"coalition concepts are {', '.join(C_CONCEPTS)} (got {c!r})")
    cls = coalition_class(conflict, units)
    eng = engine or Coalitions(conflict)
    n = len(conflict.states)
    stable: dict[str, dict[Unit, BoolArray]] = {}
    for concept in concepts:
        stable[concept] = {
            unit: np.array([_c_stable(eng, cls, unit, concept, s) for s in range(n)], dtype=bool)
            for unit in cls
        }
    return CoalitionStability(tuple(cls), stable)


# -- the scan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Improvement:
    """One coalitional improvement of an equilibrium and the others' answers to it.

    Attributes
    ----------
    target
        The improved state (index).
    moves
        A shortest legal sequence of the coalition's moves reaching it.
    by_individuals
        The shortest sanction by the other DMs moving alone, as unit steps
        ``(unit, from, to)``; ``()`` when no one is left to answer; ``None`` when there is
        no sanction.
    by_class
        The same, by the remaining units of the class.
    """

    target: int
    moves: tuple[Step, ...]
    by_individuals: tuple[tuple[Unit, int, int], ...] | None
    by_class: tuple[tuple[Unit, int, int], ...] | None

    @property
    def blocked(self) -> bool:
        """Whether the other DMs, as individuals, can sanction it."""
        return bool(self.by_individuals)

    @property
    def blocked_by_class(self) -> bool:
        """Whether the remaining units of the class can sanction it."""
        return bool(self.by_class)


@dataclass(frozen=True)
class ScanEntry:
    """A coalition that can improve on an equilibrium."""

    state: int
    coalition: Unit
    improvements: tuple[Improvement, ...]


def _sanction(
    eng: Coalitions, responders: Sequence[Unit], coalition: Unit, e: int, q: int
) -> tuple[tuple[Unit, int, int], ...] | None:
    if not responders:
        return None
    _, found = eng.unit_reach(responders, q, stop=lambda x: not eng.better(coalition, x, e))
    return found


def scan(
    conflict: Conflict,
    states: Iterable[int],
    units: Sequence[Sequence[str]] | None = None,
    *,
    engine: Coalitions | None = None,
) -> list[ScanEntry]:
    """Every coalition of ≥ 2 DMs that can improve on each of ``states`` (indices), with its
    improvements and whether the others (as individuals; as the class's remaining units)
    can sanction each one."""
    _check_size(conflict, MAX_SCAN_STATES, "the coalition scan")
    cls = coalition_class(conflict, units)
    eng = engine or Coalitions(conflict)
    out = []
    for e in states:
        for coalition in coalitions_of(conflict):
            imps = eng.improvements(coalition, e)
            if not imps.size:
                continue
            singles = [(d,) for d in conflict.dm_names if d not in coalition]
            rest = _responders(cls, coalition)
            items = []
            for q in imps.tolist():
                items.append(
                    Improvement(
                        q,
                        eng.path(coalition, e, q),
                        _sanction(eng, singles, coalition, e, q),
                        _sanction(eng, rest, coalition, e, q),
                    )
                )
            out.append(ScanEntry(e, coalition, tuple(items)))
    return out


# -- everything at once -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CoalitionAnalysis:
    """The coalition analysis of one model (what ``accord coalitions`` reports).

    Attributes
    ----------
    conflict
        The model.
    units
        The class of coalitions used.
    concepts
        The concepts asked for (individual equilibria scanned; C-concepts computed).
    equilibria
        concept → mask of the individual equilibria.
    table
        Every coalition of ≥ 2 DMs → state → its coalitional improvements (empty when the
        model is too large for all-states tables; see ``notes``).
    stability
        C-stability of the class, or ``None`` when the model is too large.
    scan
        The coalitions that can improve on individual equilibria.
    notes
        Remarks for the reader (e.g. skipped parts).
    provenance
        Model hash, accord version, parameters.
    """

    conflict: Conflict
    units: tuple[Unit, ...]
    concepts: tuple[str, ...]
    equilibria: dict[str, BoolArray]
    table: dict[Unit, dict[int, IntArray]]
    stability: CoalitionStability | None
    scan: tuple[ScanEntry, ...]
    notes: tuple[str, ...] = ()
    provenance: Provenance | None = field(default=None)


def analyze_coalitions(
    conflict: Conflict,
    units: Sequence[Sequence[str]] | None = None,
    concepts: str | Sequence[str] = C_CONCEPTS,
    *,
    context: Context | None = None,
) -> CoalitionAnalysis:
    """Coalitional improvements, C-stability of a class, and the scan of the individual
    equilibria (of any of ``concepts``; default Nash, GMR, SMR, SEQ).

    Raises
    ------
    AnalysisError
        For an unknown concept or decision maker, or a model too large
        (more than :data:`MAX_SCAN_STATES` states).
    """
    from accord import __version__
    from accord.core.analysis.stability import analyze

    names = tuple(
        c.strip().lower()
        for c in (concepts.split(",") if isinstance(concepts, str) else concepts)
        if c.strip()
    )
    for c in names:
        if c not in C_CONCEPTS:
            raise AnalysisError(
                f"coalition analysis takes the concepts {', '.join(C_CONCEPTS)} (got {c!r})"
            )
    if not names:
        raise AnalysisError("name at least one concept")
    if len(conflict.dm_names) < 2:
        raise AnalysisError("coalition analysis needs at least two decision makers")
    _check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
    cls = coalition_class(conflict, units)
    ctx = context or Context(conflict)
    eng = Coalitions(conflict, ctx)
    result = analyze(conflict, names, context=ctx)
    equilibria = {c: result.results[c].equilibria for c in names}
    any_eq = np.zeros(len(conflict.states), dtype=bool)
    for m in equilibria.values():
        any_eq |= m
    notes: list[str] = []
    if len(conflict.states) <= MAX_TABLE_STATES:
        table = coalition_table(conflict, engine=eng)
        stability: CoalitionStability | None = coalition_stability(conflict, cls, names, engine=eng)
    else:
        table, stability = {}, None
        notes.append(
            f"the model has {len(conflict.states):,} states: the table of every state's "
            f"coalitional improvements and C-stability are computed up to {MAX_TABLE_STATES:,}; "
            "only the scan of the equilibria is reported"
        )
    entries = scan(conflict, np.flatnonzero(any_eq).tolist(), cls, engine=eng)
    provenance = Provenance(
        model_hash(conflict),
        __version__,
        {"concepts": list(names), "class": [unit_name(u) for u in cls]},
    )
    return CoalitionAnalysis(
        conflict,
        tuple(cls),
        names,
        equilibria,
        table,
        stability,
        tuple(entries),
        tuple(notes),
        provenance,
    )
