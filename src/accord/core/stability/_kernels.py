"""Compiled loops for passes numpy cannot express without many gathers (numba, lazily).

Only large models use them: numba is imported on first use (about half a second) and its
compiled code is cached on disk.  Every kernel has a numpy twin in :mod:`.cube`, and the
tests check that both give the same answers.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

import numpy as np

__all__ = ["fiber_order_kernel", "improving_close_kernel"]


@cache
def _numba() -> Any | None:
    """The numba module (imported on first use, quietly), or ``None`` when it is missing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import numba
    except ImportError:  # pragma: no cover - numba is a declared dependency
        return None
    return numba


@cache
def improving_close_kernel() -> Any | None:
    """The compiled SEQ closure, or ``None`` when numba is not available."""
    numba = _numba()
    if numba is None:  # pragma: no cover - numba is a declared dependency
        return None

    @numba.njit(cache=True, nogil=True)
    def improving_close(h, level, order, pattern, reach, inf):  # type: ignore[no-untyped-def]
        """out[f, x] = min of h[f, y] over y with level > level of x, reachable by pattern.

        ``h``, ``level`` and ``order`` have shape (F, m), one row per fiber: ``order[f]``
        lists the local indices of fiber f from the highest level down.  ``pattern[x]`` is
        the index of x's irreversible pattern; ``reach[p, q]`` whether a move may go from
        pattern p to q.
        """
        n_f, m = h.shape
        n_pat = reach.shape[0]
        out = np.empty_like(h)
        acc = np.empty(n_pat, h.dtype)
        for f in range(n_f):
            for q in range(n_pat):
                acc[q] = inf
            t = 0
            while t < m:
                lv = level[f, order[f, t]]
                u = t
                while u < m and level[f, order[f, u]] == lv:
                    u += 1
                for s in range(t, u):
                    x = order[f, s]
                    p = pattern[x]
                    best = inf
                    for q in range(n_pat):
                        if reach[p, q] and acc[q] < best:
                            best = acc[q]
                    out[f, x] = best
                for s in range(t, u):
                    x = order[f, s]
                    q = pattern[x]
                    v = h[f, x]
                    if v < acc[q]:
                        acc[q] = v
                t = u
        return out

    return improving_close


@cache
def fiber_order_kernel() -> Any | None:
    """The compiled per-fiber sort (best level first, stable), or ``None`` without numba."""
    numba = _numba()
    if numba is None:  # pragma: no cover - numba is a declared dependency
        return None

    @numba.njit(cache=True, nogil=True)
    def fiber_order(level, top):  # type: ignore[no-untyped-def]
        """For each row of ``level`` (F, m): indices sorted by level, highest first, stable.

        A counting sort per row over the levels 0..top.
        """
        n_f, m = level.shape
        out = np.empty((n_f, m), np.uint16)
        count = np.zeros(top + 2, np.int64)
        for f in range(n_f):
            row = level[f]
            count[:] = 0
            for t in range(m):
                count[top - row[t] + 1] += 1
            for v in range(1, top + 2):
                count[v] += count[v - 1]
            for t in range(m):
                slot = top - row[t]
                out[f, count[slot]] = t
                count[slot] += 1
        return out

    @numba.njit(cache=True, nogil=True)
    def fiber_order_sorted(level):  # type: ignore[no-untyped-def]
        """As ``fiber_order``, by a stable sort of each row (for many payoff levels)."""
        n_f, m = level.shape
        out = np.empty((n_f, m), np.uint16)
        for f in range(n_f):
            out[f] = np.argsort(-level[f].astype(np.int64), kind="mergesort")
        return out

    def order(level, top):  # type: ignore[no-untyped-def]
        return fiber_order(level, top) if top < 4096 else fiber_order_sorted(level)

    return order
