"""The scan of the individual equilibria for coalitions that can upset them, and the whole
coalition analysis of a model (gmcr-spec §5)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.analysis.coalitions.c_stability import (
    C_CONCEPTS,
    CoalitionStability,
    coalition_stability,
)
from accord.core.analysis.coalitions.moves import (
    MAX_SCAN_STATES,
    MAX_TABLE_STATES,
    Coalitions,
    Method,
    Unit,
    check_size,
    coalition_class,
    coalition_table,
    coalitions_of,
    responders,
    unit_name,
)
from accord.core.analysis.explain import Step
from accord.core.results import Provenance, model_hash
from accord.core.stability.context import Context
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["CoalitionAnalysis", "Improvement", "ScanEntry", "analyze_coalitions", "scan"]


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
    method: Method = "fast",
) -> list[ScanEntry]:
    """Every coalition of ≥ 2 DMs that can improve on each of ``states`` (indices), with its
    improvements and whether the others (as individuals; as the class's remaining units)
    can sanction each one.

    ``method="fast"`` (default) answers for all the states at once; ``"search"`` searches
    from each state and each improvement (the same results, much slower).
    """
    check_size(conflict, MAX_SCAN_STATES, "the coalition scan")
    cls = coalition_class(conflict, units)
    order = [int(s) for s in states]
    if method == "fast":
        return _scan_all(conflict, order, cls, engine or Coalitions(conflict))
    eng = engine or Coalitions(conflict, method="search")
    out = []
    for e in order:
        for coalition in coalitions_of(conflict):
            imps = eng.improvements(coalition, e)
            if not imps.size:
                continue
            singles = [(d,) for d in conflict.dm_names if d not in coalition]
            rest = responders(cls, coalition)
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


def _scan_all(
    conflict: Conflict, states: list[int], cls: Sequence[Unit], eng: Coalitions
) -> list[ScanEntry]:
    """:func:`scan` for all the states at once, one coalition at a time."""
    origins = np.unique(np.asarray(states, dtype=np.int64))
    coalitions = coalitions_of(conflict)
    found: dict[tuple[int, Unit], tuple[Improvement, ...]] = {}
    for coalition in coalitions:
        src, dst = eng.improvement_arcs(coalition, origins)
        if not src.size:
            continue
        moves = eng.member_sequences(coalition, src, dst)
        singles = [(d,) for d in conflict.dm_names if d not in coalition]
        alone = eng.sanctions(singles, coalition, src, dst)
        rest = eng.sanctions(responders(cls, coalition), coalition, src, dst)
        items = [
            Improvement(q, m, a, r)
            for q, m, a, r in zip(dst.tolist(), moves, alone, rest, strict=True)
        ]
        cuts = np.flatnonzero(np.r_[True, src[1:] != src[:-1], True]).tolist()
        for lo, hi in itertools.pairwise(cuts):
            found[(int(src[lo]), coalition)] = tuple(items[lo:hi])
    return [ScanEntry(e, c, found[(e, c)]) for e in states for c in coalitions if (e, c) in found]


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
    method: Method = "fast",
) -> CoalitionAnalysis:
    """Coalitional improvements, C-stability of a class, and the scan of the individual
    equilibria (of any of ``concepts``; default Nash, GMR, SMR, SEQ).

    ``method="fast"`` (default) answers for all states at once; ``"search"`` runs the
    searches from one state at a time (the same results, much slower; for cross-checks).

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
    check_size(conflict, MAX_SCAN_STATES, "coalition analysis")
    cls = coalition_class(conflict, units)
    ctx = context or Context(conflict)
    eng = Coalitions(conflict, ctx, method=method)
    result = analyze(conflict, names, context=ctx)
    equilibria = {c: result.results[c].equilibria for c in names}
    any_eq = np.zeros(len(conflict.states), dtype=bool)
    for m in equilibria.values():
        any_eq |= m
    notes: list[str] = []
    if len(conflict.states) <= MAX_TABLE_STATES:
        table = coalition_table(conflict, engine=eng, method=method)
        stability: CoalitionStability | None = coalition_stability(
            conflict, cls, names, engine=eng, method=method
        )
    else:
        table, stability = {}, None
        notes.append(
            f"the model has {len(conflict.states):,} states: the table of every state's "
            f"coalitional improvements and C-stability are computed up to {MAX_TABLE_STATES:,}; "
            "only the scan of the equilibria is reported"
        )
    entries = scan(conflict, np.flatnonzero(any_eq).tolist(), cls, engine=eng, method=method)
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
