"""Sequential stability (SEQ): every improvement is sanctioned by credible moves.

s is SEQ-stable for i iff for every s1 ∈ R_i⁺(s) there is s2 ∈ R⁺_{N−i}(s1) with
P_i(s2) ≤ P_i(s): the sanction uses only moves that improve each mover's own position
(Fraser & Hipel 1979, 1984; gmcr-spec §4).
"""

from __future__ import annotations

from accord._types import BoolArray
from accord.core.stability._sanction import every_improvement_sanctioned
from accord.core.stability.context import Context


def stable(ctx: Context, dm: str) -> BoolArray:
    """States where every improvement of ``dm`` meets a sanction of credible moves."""
    return every_improvement_sanctioned(ctx.improvements[dm], ctx.payoffs[dm], ctx.floor(dm, "seq"))
