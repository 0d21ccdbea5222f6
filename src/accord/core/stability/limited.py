"""Limited-move stability L_h and non-myopic stability NM, for two decision makers.

Kilgour (1985); Kilgour, Hipel & Fang (1987); gmcr-spec §4.1.  With DMs ``i`` and ``j``:
G_0(i, s) = s; for h ≥ 1, among i's moves q ∈ R_i(s) whose anticipated outcome
G_{h−1}(j, q) i strictly prefers to s, i takes the one whose outcome i likes best, and
G_h(i, s) is that outcome; with no such move G_h(i, s) = s.  s is L_h-stable for i iff
G_h(i, s) = s.  Tie rule (ours, gmcr-spec §4.1 leaves it open): among equally good moves
the mover takes the one to the state with the lowest id.

NM: s is NM-stable for i iff G_h(i, s) = s for every large enough h.  The pair
(G_h(i, ·), G_h(j, ·)) depends only on the pair at h − 1, so the sequence is eventually
periodic; we run it until a pair repeats.  When the period is 1 the limit exists; otherwise
the anticipated outcomes cycle (Rêgo et al. 2025 catalogue such cycles) and a state is
NM-stable only where G_h(i, s) = s throughout the cycle.  The cycle is reported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.stability.context import Context
from accord.errors import AnalysisError

__all__ = ["NMOutcome", "anticipated", "lh_stable", "nm"]


def _two(ctx: Context, concept: str) -> tuple[str, str]:
    if len(ctx.dm_names) != 2:
        raise AnalysisError(
            f"{concept} is defined for two decision makers; this model has "
            f"{len(ctx.dm_names)} ({', '.join(ctx.dm_names)})"
        )
    return ctx.dm_names[0], ctx.dm_names[1]


def _step(ctx: Context, dm: str, other_outcome: IntArray) -> IntArray:
    """G_h(dm, ·) from G_{h−1}(other, ·)."""
    n = ctx.n_states
    pay = ctx.payoffs[dm]
    ids = ctx.conflict.states.ids
    arcs = ctx.moves[dm]
    outcome = other_outcome[arcs.dst]
    value = pay[outcome]
    good = value > pay[arcs.src]
    src, dst, outcome, value = arcs.src[good], arcs.dst[good], outcome[good], value[good]
    result = np.arange(n, dtype=np.int64)
    if src.size:
        # best value first, then the lowest target id
        order = np.lexsort((ids[dst], -value, src))
        src, outcome = src[order], outcome[order]
        first = np.r_[True, src[1:] != src[:-1]]
        result[src[first]] = outcome[first]
    return result


def anticipated(ctx: Context, horizon: int) -> dict[str, IntArray]:
    """G_h(i, ·) for both DMs (as state indices), for ``h = horizon``."""
    i, j = _two(ctx, "L_h")
    if horizon < 0:
        raise AnalysisError(f"the horizon h must be at least 0 (got {horizon})")
    g = {i: np.arange(ctx.n_states), j: np.arange(ctx.n_states)}
    for _ in range(horizon):
        g = {i: _step(ctx, i, g[j]), j: _step(ctx, j, g[i])}
    return g


def lh_stable(ctx: Context, dm: str, horizon: int) -> BoolArray:
    """States that are L_h-stable for ``dm``."""
    g = anticipated(ctx, horizon)
    stable: BoolArray = g[dm] == np.arange(ctx.n_states)
    return stable


@dataclass(frozen=True)
class NMOutcome:
    """Non-myopic stability and how the anticipated outcomes settled.

    Attributes
    ----------
    stable
        Per DM, the NM-stable states.
    settled_at
        The first horizon h from which the sequence repeats.
    period
        1 when G_h converges; more when it cycles.
    cycling
        Per DM, the states whose anticipated outcome keeps changing in the cycle.
    """

    stable: dict[str, BoolArray]
    settled_at: int
    period: int
    cycling: dict[str, BoolArray]


def nm(ctx: Context, max_horizon: int | None = None) -> NMOutcome:
    """Non-myopic stability: run G_h until the pair of outcome maps repeats."""
    i, j = _two(ctx, "NM")
    n = ctx.n_states
    limit = max_horizon if max_horizon is not None else 4 * n + 16
    g = {i: np.arange(n), j: np.arange(n)}
    seen: dict[bytes, int] = {}
    history: list[dict[str, IntArray]] = []
    for h in range(limit + 1):
        key = hashlib.blake2b(g[i].tobytes() + g[j].tobytes(), digest_size=16).digest()
        if key in seen:
            start = seen[key]
            cycle = history[start:h]
            ident = np.arange(n)
            stable = {d: np.all([c[d] == ident for c in cycle], axis=0) for d in (i, j)}
            cycling = {d: np.any([c[d] != cycle[0][d] for c in cycle], axis=0) for d in (i, j)}
            return NMOutcome(stable, start, h - start, cycling)
        seen[key] = h
        history.append(g)
        g = {i: _step(ctx, i, g[j]), j: _step(ctx, j, g[i])}
    raise AnalysisError(  # pragma: no cover - a finite sequence must repeat
        f"the anticipated outcomes did not settle within {limit} moves"
    )
