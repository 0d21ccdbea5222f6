"""C-stability: CNash, CGMR, CSMR and CSEQ of a class of coalitions (gmcr-spec §5.2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray
from accord.core.analysis.coalitions.moves import (
    MAX_TABLE_STATES,
    Coalitions,
    Unit,
    check_size,
    coalition_class,
    responders,
)
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
    check_size(conflict, MAX_TABLE_STATES, "coalition stability")
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
