"""Nash stability (rationality): the DM has no unilateral improvement.

s is Nash-stable for i iff R_i⁺(s) = ∅ (Nash 1950; Kilgour, Hipel & Fang 1987;
gmcr-spec §4).
"""

from __future__ import annotations

import numpy as np

from accord._types import BoolArray
from accord.core.stability.context import Context


def stable(ctx: Context, dm: str) -> BoolArray:
    """States where ``dm`` has no unilateral improvement."""
    out = np.ones(ctx.n_states, dtype=bool)
    out[ctx.improvements[dm].src] = False
    return out
