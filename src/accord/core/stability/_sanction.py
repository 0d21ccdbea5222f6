"""The shared test of GMR, SMR and SEQ: is every improvement met by a low enough floor?"""

from __future__ import annotations

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.moves import Arcs


def every_improvement_sanctioned(improving: Arcs, payoff: IntArray, floor: IntArray) -> BoolArray:
    """States where each improvement ``s → s1`` has ``floor[s1] ≤ P(s)``."""
    bad = floor[improving.dst] > payoff[improving.src]
    stable = np.ones(improving.n_states, dtype=bool)
    stable[improving.src[bad]] = False
    return stable
