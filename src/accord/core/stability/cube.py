"""The fast path for option-form models: every assignment of the options at once.

States live in the "cube" of all 2^k option assignments, an array with one axis of length 2
per option (bit ``t`` is axis ``k − 1 − t``).  Infeasible assignments hold a sentinel that
no move can reach.  One decision maker's moves link assignments that differ only in its own
options, so "the best (or worst) value a DM can reach in one move" is a reduction over its
axes: a plain min or max over reversible options, and a one-sided running min or max over
irreversible ones (``take_only``: 0 may become 1; ``withdraw_only``: 1 may become 0).  No
move is ever listed, so memory is a few arrays of 2^k small integers.

Sanction floors (gmcr-spec §3.3) are fixed points of these one-move closures, applied for
each opponent in turn until a full round changes nothing; the module docstring of
:mod:`accord.core.stability.context` proves that walks over the union of the opponents'
moves decide every test as legal sequences do.  For SEQ a move must improve its mover's
position: within each of the mover's fibers the assignments are sorted by its payoff once,
and a running minimum over strictly better assignments answers every state at once.

Tests on random models check this path against the brute-force oracle and the general
(state, last mover) walk.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray
from accord.core.stability._kernels import fiber_order_kernel, improving_close_kernel

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["Cube"]

Ufunc = Any  # np.minimum or np.maximum


@dataclass(frozen=True)
class _Axes:
    """Where one DM's options sit in the cube, by reversibility."""

    start: int
    stop: int
    free: tuple[int, ...]
    take: tuple[int, ...]
    withdraw: tuple[int, ...]
    take_bits: int
    withdraw_bits: int


class Cube:
    """Payoffs, feasibility and one-move closures of an option-form model over all assignments.

    Parameters
    ----------
    conflict
        An option-form model.
    """

    #: From this many assignments on, SEQ uses the compiled kernel (when numba is there).
    KERNEL_FROM = 1 << 17

    def __init__(self, conflict: Conflict, *, kernels: bool | None = None) -> None:
        if conflict.is_graph_form:
            raise ValueError("the cube needs an option-form model")
        space = conflict.states
        self.conflict = conflict
        self.k = len(conflict.option_names)
        self.n = 1 << self.k
        self.shape = (2,) * self.k
        self.codes = space.codes
        self.all_feasible = len(space) == self.n
        self.use_kernels = self.n >= self.KERNEL_FROM if kernels is None else kernels
        top = max(int(p.max()) for p in conflict.payoffs.values()) + 2
        self.dtype: type[np.unsignedinteger[Any]] = (
            np.uint8 if top < 255 else np.uint16 if top < 65535 else np.uint32
        )
        self.inf = np.iinfo(self.dtype).max
        self.axes: dict[str, _Axes] = {}
        for dm in conflict.decision_makers:
            start, stop = space.dm_bits[dm.name]
            groups: dict[str, list[int]] = {"both": [], "take_only": [], "withdraw_only": []}
            bits = {"take_only": 0, "withdraw_only": 0}
            for t, option in enumerate(dm.options):
                groups[option.reversibility].append(self.k - 1 - (start + t))
                if option.reversibility != "both":
                    bits[option.reversibility] |= 1 << t
            self.axes[dm.name] = _Axes(
                start,
                stop,
                tuple(groups["both"]),
                tuple(groups["take_only"]),
                tuple(groups["withdraw_only"]),
                bits["take_only"],
                bits["withdraw_only"],
            )

    # -- arrays over the cube ------------------------------------------------------------
    @cached_property
    def feasible(self) -> BoolArray:
        """Whether each assignment is a feasible state."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self.codes] = True
        return mask

    @cached_property
    def _pin_high(self) -> NDArray[Any] | None:
        """0 on feasible, the sentinel on infeasible: ``max`` with it keeps them unreachable."""
        if self.all_feasible:
            return None
        return np.where(self.feasible, 0, self.inf).astype(self.dtype).reshape(self.shape)

    @cached_property
    def _pin_low(self) -> NDArray[Any] | None:
        """The sentinel on feasible, 0 on infeasible: ``min`` with it zeroes them."""
        if self.all_feasible:
            return None
        return np.where(self.feasible, self.inf, 0).astype(self.dtype).reshape(self.shape)

    @cached_property
    def level(self) -> dict[str, NDArray[Any]]:
        """Payoff + 1 per assignment (0 where infeasible), in the cube's shape."""
        out = {}
        for dm, pay in self.conflict.payoffs.items():
            full = np.zeros(self.n, dtype=self.dtype)
            full[self.codes] = pay + 1
            out[dm] = full.reshape(self.shape)
        return out

    def high(self, arr: NDArray[Any]) -> NDArray[Any]:
        """``arr`` with infeasible assignments set to the sentinel (in place)."""
        if self._pin_high is not None:
            np.maximum(arr, self._pin_high, out=arr)
        return arr

    def low(self, arr: NDArray[Any]) -> NDArray[Any]:
        """``arr`` with infeasible assignments set to 0 (in place)."""
        if self._pin_low is not None:
            np.minimum(arr, self._pin_low, out=arr)
        return arr

    def states(self, mask: NDArray[np.bool_]) -> BoolArray:
        """A cube mask restricted to the feasible states, in state order."""
        flat = mask.reshape(self.n)
        out: BoolArray = flat if self.all_feasible else flat[self.codes]
        return out

    # -- one-move closures ---------------------------------------------------------------
    def close(self, arr: NDArray[Any], dm: str, ufunc: Ufunc) -> NDArray[Any]:
        """For every assignment, ``ufunc`` (min or max) of ``arr`` over it and ``dm``'s moves.

        Returns an array that broadcasts against the cube (``dm``'s reversible axes have
        length 1).
        """
        ax = self.axes[dm]
        v = ufunc.reduce(arr, axis=ax.free, keepdims=True) if ax.free else arr
        for axis, upward in [(a, True) for a in ax.take] + [(a, False) for a in ax.withdraw]:
            zero = [slice(None)] * self.k
            one = [slice(None)] * self.k
            zero[axis], one[axis] = slice(0, 1), slice(1, 2)
            v0, v1 = v[tuple(zero)], v[tuple(one)]
            # take_only: from 0 the DM may reach 1; withdraw_only: from 1 it may reach 0
            parts = [ufunc(v0, v1), v1] if upward else [v0, ufunc(v1, v0)]
            v = np.concatenate(parts, axis=axis)
        return v

    def best_move(self, dm: str) -> NDArray[Any]:
        """max(P(x), the best payoff ``dm`` reaches in one move from x), broadcastable."""
        return self.close(self.level[dm], dm, np.maximum)

    # -- sanction floors -----------------------------------------------------------------
    def floor(self, dm: str, values: NDArray[Any], credible: bool = False) -> NDArray[Any]:
        """The least of ``values`` over everything the others reach from each state.

        Reflexive (the state itself counts); ``credible`` restricts moves to improvements of
        their movers (SEQ).  ``values`` is consumed.
        """
        h = self.high(values)
        others = [d for d in self.conflict.dm_names if d != dm]
        quiet, turn = 0, 0
        while quiet < len(others):
            mover = others[turn % len(others)]
            turn += 1
            before = int(h.sum(dtype=np.int64))
            if credible:
                np.minimum(h, self._improving_close(h, mover), out=h)
            else:
                np.minimum(h, self.close(h, mover, np.minimum), out=h)
            self.high(h)
            changed = int(h.sum(dtype=np.int64)) != before
            quiet = 0 if changed else quiet + 1
            if len(others) == 1:  # one DM's moves compose: one closure is the fixed point
                break
        return h

    def _rows(self, arr: NDArray[Any], dm: str) -> NDArray[Any]:
        """``arr`` as one contiguous row per fiber of ``dm`` (a copy unless its bits are lowest)."""
        a, m, b = self._fiber_shape(self.axes[dm])
        view = arr.reshape(a, m, b)
        return (
            view.reshape(a, m)
            if b == 1
            else np.ascontiguousarray(view.transpose(0, 2, 1)).reshape(a * b, m)
        )

    def _unrows(self, rows: NDArray[Any], dm: str) -> NDArray[Any]:
        """The inverse of :meth:`_rows`, in the cube's shape."""
        a, m, b = self._fiber_shape(self.axes[dm])
        if b == 1:
            return rows.reshape(self.shape)
        return np.ascontiguousarray(rows.reshape(a, b, m).transpose(0, 2, 1)).reshape(self.shape)

    def _fiber_shape(self, ax: _Axes) -> tuple[int, int, int]:
        return (self.n >> ax.stop, 1 << (ax.stop - ax.start), 1 << ax.start)

    @cached_property
    def _sorted(self) -> dict[str, tuple[NDArray[Any], NDArray[Any], NDArray[Any]]]:
        """Per DM, per fiber row: its levels, the order by level (best first), and the
        position where each entry's tie group starts in that order."""
        out = {}
        sort = fiber_order_kernel() if self.use_kernels else None
        for dm in self.conflict.dm_names:
            rows = self._rows(self.level[dm], dm)
            top = int(self.conflict.payoffs[dm].max()) + 1
            if sort is not None and rows.shape[1] <= 65536:
                out[dm] = (rows, sort(rows, top), rows[:0])  # the kernel finds tie groups itself
                continue
            order = np.argsort(-rows.astype(np.int64), axis=1, kind="stable")
            ranked = np.take_along_axis(rows, order, axis=1)
            m = rows.shape[1]
            new = np.ones(ranked.shape, dtype=bool)
            new[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
            start = np.maximum.accumulate(np.where(new, np.arange(m), 0), axis=1)
            out[dm] = (rows, order, start)
        return out

    def _improving_close(self, h: NDArray[Any], dm: str) -> NDArray[Any]:
        """For every assignment x: min of ``h`` over ``dm``'s improving moves from x."""
        ax = self.axes[dm]
        levels, order, start = self._sorted[dm]
        m = levels.shape[1]
        local = np.arange(m)
        # Irreversible options split a fiber by pattern: a move from pattern p may end in
        # pattern q only if q only raises take_only bits and only lowers withdraw_only bits.
        fixed = ax.take_bits | ax.withdraw_bits
        patterns = sorted({int(x) for x in local & fixed})
        index = np.searchsorted(patterns, local & fixed).astype(np.int64)
        reach = np.array(
            [
                [
                    ((p & ~q & ax.take_bits) == 0) and ((~p & q & ax.withdraw_bits) == 0)
                    for q in patterns
                ]
                for p in patterns
            ]
        )
        rows = self._rows(h, dm)
        kernel = improving_close_kernel() if self.use_kernels else None
        if kernel is not None and start.size == 0:
            return self._unrows(kernel(rows, levels, order, index, reach, self.inf), dm)
        out = np.full(rows.shape, self.inf, dtype=self.dtype)
        inverse = np.argsort(order, axis=1)
        for j in range(len(patterns)):
            keep = index == j
            vals = rows if keep.all() else np.where(keep, rows, self.inf)
            ranked = np.take_along_axis(vals, order, axis=1)
            running = np.minimum.accumulate(ranked, axis=1)
            before = np.take_along_axis(running, np.maximum(start - 1, 0), axis=1)
            before[start == 0] = self.inf  # nothing is strictly better than the best group
            back = np.take_along_axis(before, inverse, axis=1)
            ok = reach[index, j]
            if ok.all():
                np.minimum(out, back, out=out)
            else:
                cols = np.flatnonzero(ok)
                out[:, cols] = np.minimum(out[:, cols], back[:, cols])
        return self._unrows(out, dm)

    # -- stability -----------------------------------------------------------------------
    def stable(self, concept: str, dm: str) -> BoolArray:
        """States stable for ``dm`` under nash, gmr, smr or seq, in state order."""
        pay = self.level[dm]
        if concept == "nash":
            test = self.best_move(dm)
        elif concept == "gmr":
            test = self._escape(self.floor(dm, pay.copy()), dm)
        elif concept == "seq":
            test = self._escape(self.floor(dm, pay.copy(), credible=True), dm)
        elif concept == "smr":
            worst = np.broadcast_to(self.best_move(dm), self.shape).astype(self.dtype)
            floor = self.floor(dm, worst)
            np.minimum(floor, pay, out=floor)  # only improvements need a sanction
            test = self._escape(floor, dm)
        else:  # pragma: no cover - the registry only sends these four
            raise ValueError(concept)
        stable: NDArray[np.bool_] = np.less_equal(test, pay)
        return self.states(np.broadcast_to(stable, self.shape))

    def _escape(self, floor: NDArray[Any], dm: str) -> NDArray[Any]:
        """The highest floor ``dm`` can move to: above its payoff, some improvement escapes."""
        return self.close(self.low(floor), dm, np.maximum)
