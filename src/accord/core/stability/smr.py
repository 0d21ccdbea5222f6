"""Symmetric metarationality (SMR): every improvement is sanctioned, counter-move included.

s is SMR-stable for i iff for every s1 ∈ R_i⁺(s) there is s2 ∈ R_{N−i}(s1) with
P_i(s2) ≤ P_i(s) and P_i(s3) ≤ P_i(s) for every s3 ∈ R_i(s2): the sanction holds even after
i's best counter-move (Howard 1971; Fang, Hipel & Kilgour 1989; gmcr-spec §4).
"""

from __future__ import annotations

from accord._types import BoolArray
from accord.core.stability._sanction import every_improvement_sanctioned
from accord.core.stability.context import Context


def stable(ctx: Context, dm: str) -> BoolArray:
    """States where every improvement of ``dm`` meets a sanction it cannot escape in one move."""
    return every_improvement_sanctioned(ctx.improvements[dm], ctx.payoffs[dm], ctx.floor(dm, "smr"))
