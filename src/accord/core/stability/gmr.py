"""General metarationality (GMR): every improvement can be sanctioned by the others.

s is GMR-stable for i iff for every s1 ∈ R_i⁺(s) there is s2 ∈ R_{N−i}(s1) with
P_i(s2) ≤ P_i(s) (Howard 1971; Fang, Hipel & Kilgour 1989; gmcr-spec §4).  The others'
moves may hurt themselves: GMR assumes the focal DM fears any response.
"""

from __future__ import annotations

from accord._types import BoolArray
from accord.core.stability._sanction import every_improvement_sanctioned
from accord.core.stability.context import Context


def stable(ctx: Context, dm: str) -> BoolArray:
    """States where every improvement of ``dm`` meets a sanction by the other DMs."""
    return every_improvement_sanctioned(ctx.improvements[dm], ctx.payoffs[dm], ctx.floor(dm, "gmr"))
