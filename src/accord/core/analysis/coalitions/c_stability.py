"""C-stability: CNash, CGMR, CSMR and CSEQ of a class of coalitions (gmcr-spec §5.2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.analysis.coalitions.moves import (
    MAX_TABLE_STATES,
    Coalitions,
    Method,
    Unit,
    check_size,
    coalition_class,
    responders,
)
from accord.core.analysis.coalitions.walks import bits_at, pack_rows
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["C_CONCEPTS", "CoalitionStability", "coalition_stability"]

#: The coalition concepts, named after the individual concepts they generalise.
C_CONCEPTS = ("nash", "gmr", "smr", "seq")


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


def _c_stable(eng: Coalitions, units: Sequence[Unit], unit: Unit, concept: str, s: int) -> bool:
    imps = eng.improvements(unit, s)
    if concept == "nash" or not imps.size:
        return not imps.size
    others = responders(units, unit)

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


def _all_states(
    eng: Coalitions, units: Sequence[Unit], unit: Unit, concepts: Sequence[str]
) -> dict[str, BoolArray]:
    """The unit's stability of every state under each concept, for all states at once."""
    n = eng.n
    src, dst = eng.improvement_arcs(unit, np.arange(n, dtype=np.int64))
    pay = eng.payoff_matrix(unit)
    others = responders(units, unit)
    out: dict[str, BoolArray] = {}
    for concept in concepts:
        if concept == "smr":
            sanctioned = _smr_sanctioned(eng, others, unit, pay, src, dst)
        elif concept in ("gmr", "seq"):
            floor = eng.floors(others, pay, improving=concept == "seq")
            sanctioned = np.any(floor[dst] <= pay[src], axis=1)
        else:  # nash: no improvement at all
            sanctioned = np.zeros(src.size, dtype=bool)
        mask = np.ones(n, dtype=bool)
        mask[src[~sanctioned]] = False
        out[concept] = mask
    return out


def _smr_sanctioned(
    eng: Coalitions,
    others: Sequence[Unit],
    unit: Unit,
    pay: IntArray,
    src: IntArray,
    dst: IntArray,
) -> BoolArray:
    """For each improvement ``src → dst`` of the unit: whether the others can reach from
    ``dst`` a state ``x`` such that no state of ``{x} ∪ R_H(x)`` is better than ``src`` for
    every member."""
    if not src.size:
        return np.zeros(0, dtype=bool)
    cols = np.unique(src)
    column = np.full(eng.n, -1, dtype=np.int64)
    column[cols] = np.arange(cols.size)
    # threat[y] bit j: y is better than cols[j] for every member
    rows = max(1, (1 << 22) // (cols.size * pay.shape[1]))
    parts = []
    for lo in range(0, eng.n, rows):
        chunk = pay[lo : lo + rows]
        parts.append(pack_rows(np.all(chunk[:, None, :] > pay[cols][None, :, :], axis=2)))
    threat = np.concatenate(parts)
    # … or some state the unit can move to from y is
    threat = eng.walk([(d,) for d in unit], improving=False).closure(threat, np.bitwise_or)
    # a sanction is a state without such a threat, reached by the others
    safe = eng.walk(others, improving=False).closure(~threat, np.bitwise_or) if others else ~threat
    return bits_at(safe, dst, column[src])


def coalition_stability(
    conflict: Conflict,
    units: Sequence[Sequence[str]] | None = None,
    concepts: Sequence[str] = C_CONCEPTS,
    *,
    engine: Coalitions | None = None,
    method: Method = "fast",
) -> CoalitionStability:
    """CNash, CGMR, CSMR and CSEQ of every state for every unit of a class (gmcr-spec §5.2).

    How (``method="fast"``, the default), for a unit ``H`` and its improvements
    ``s → s1``: a sanction exists for CGMR (CSEQ) exactly when, for some member ``k``,
    the least payoff of ``k`` over what the other units reach from ``s1`` by moves
    (improvements) is at most ``P_k(s)`` — one minimum per member, for all states at once.
    For CSMR a sanction ``x`` must also leave ``H`` no state of ``{x} ∪ R_H(x)`` that every
    member prefers to ``s``: a row of bits per state (one bit per ``s``) is propagated over
    ``H``'s moves and then over the others', which keeps states × states bits.
    ``"search"`` searches from every state and improvement (the same results, slowly).

    Parameters
    ----------
    conflict
        The model.
    units
        The class (default: the model's ``coalitions``); unlisted DMs become singletons.
    concepts
        Any of ``nash``, ``gmr``, ``smr``, ``seq`` (meaning CNash, CGMR, CSMR, CSEQ).
    """
    check_size(conflict, MAX_TABLE_STATES, "coalition stability")
    for c in concepts:
        if c not in C_CONCEPTS:
            raise AnalysisError(f"coalition concepts are {', '.join(C_CONCEPTS)} (got {c!r})")
    cls = coalition_class(conflict, units)
    n = len(conflict.states)
    stable: dict[str, dict[Unit, BoolArray]] = {}
    if method == "fast":
        eng = engine or Coalitions(conflict)
        masks = {unit: _all_states(eng, cls, unit, concepts) for unit in cls}
        for concept in concepts:
            stable[concept] = {unit: masks[unit][concept] for unit in cls}
        return CoalitionStability(tuple(cls), stable)
    eng = engine or Coalitions(conflict, method="search")
    for concept in concepts:
        stable[concept] = {
            unit: np.array([_c_stable(eng, cls, unit, concept, s) for s in range(n)], dtype=bool)
            for unit in cls
        }
    return CoalitionStability(tuple(cls), stable)
