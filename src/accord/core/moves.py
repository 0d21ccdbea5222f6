"""Unilateral moves and unilateral improvements of each decision maker (gmcr-spec §2, §3.1).

In option form, DM ``i`` moves from ``s`` to ``q`` when ``q`` is feasible, differs from
``s`` only in ``i``'s options (any non-empty subset of them), and changes no irreversible
option the wrong way.  The moves link states that agree on every other DM's options — one
"fiber" per assignment of the others — and are generated for all fibers at once.  In graph
form the moves are the model's explicit arcs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, IntArray

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "Arcs",
    "all_moves",
    "improvements",
    "irreversible_bits",
    "moves_from",
    "unilateral_moves",
]


@dataclass(frozen=True, eq=False)
class Arcs:
    """Directed arcs between state indices, sorted by source (compressed rows).

    Attributes
    ----------
    src, dst
        Arc ends, as state indices; ``src`` is sorted ascending.
    n_states
        The number of states.
    """

    src: IntArray
    dst: IntArray
    n_states: int

    @cached_property
    def indptr(self) -> IntArray:
        """Row pointers: the arcs leaving state ``s`` are ``indptr[s]:indptr[s + 1]``."""
        counts = np.bincount(self.src, minlength=self.n_states)
        out = np.zeros(self.n_states + 1, dtype=np.int64)
        np.cumsum(counts, out=out[1:])
        return out

    def __len__(self) -> int:
        return int(self.src.shape[0])

    def targets(self, state: int) -> IntArray:
        """The states one arc away from ``state``."""
        return self.dst[self.indptr[state] : self.indptr[state + 1]]

    def where(self, keep: BoolArray) -> Arcs:
        """The arcs where ``keep`` is true (order kept, so still sorted)."""
        return Arcs(self.src[keep], self.dst[keep], self.n_states)


def irreversible_bits(conflict: Conflict, dm: str) -> tuple[int, int]:
    """Bit masks (over ``dm``'s own options) of its ``take_only`` and ``withdraw_only`` options."""
    take = withdraw = 0
    for t, option in enumerate(conflict.dm(dm).options):
        if option.reversibility == "take_only":
            take |= 1 << t
        elif option.reversibility == "withdraw_only":
            withdraw |= 1 << t
    return take, withdraw


def _sorted_arcs(src: IntArray, dst: IntArray, n_states: int) -> Arcs:
    order = np.lexsort((dst, src))
    return Arcs(src[order].astype(np.int64), dst[order].astype(np.int64), n_states)


def _option_moves(conflict: Conflict, dm: str) -> Arcs:
    space = conflict.states
    codes = space.codes
    n = len(space)
    start, stop = space.dm_bits[dm]
    width = stop - start
    local_mask = (1 << width) - 1
    own = np.int64(local_mask << start)
    take, withdraw = irreversible_bits(conflict, dm)
    # Group states by fiber (the other DMs' options); within a fiber every ordered pair of
    # distinct states is a candidate move.  Pairs are generated for all fibers at once.
    fiber = codes & ~own
    order = np.argsort(fiber, kind="stable")
    sorted_fiber = fiber[order]
    starts = np.flatnonzero(np.r_[True, sorted_fiber[1:] != sorted_fiber[:-1]])
    sizes = np.diff(np.r_[starts, n])
    group = np.repeat(np.arange(starts.size), sizes)
    per = sizes[group]  # how many pairs each state (in sorted order) starts
    total = int(per.sum())
    src_sorted = np.repeat(np.arange(n), per)
    first = np.repeat(starts[group], per)
    offset = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
    src = order[src_sorted]
    dst = order[first + offset]
    x = (codes[src] >> start) & local_mask
    y = (codes[dst] >> start) & local_mask
    ok = (x != y) & ((x & ~y & take) == 0) & ((~x & y & withdraw) == 0)
    return _sorted_arcs(src[ok], dst[ok], n)


def _graph_moves(conflict: Conflict, dm: str) -> Arcs:
    assert conflict.graph is not None
    space = conflict.states
    pairs = conflict.graph.moves.get(dm, ())
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return Arcs(empty, empty, len(space))
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    src = np.array([space.index_of_id(int(a)) for a in arr[:, 0]], dtype=np.int64)
    dst = np.array([space.index_of_id(int(b)) for b in arr[:, 1]], dtype=np.int64)
    keys = np.unique(src * len(space) + dst)  # the same arc twice is one move
    return Arcs(keys // len(space), keys % len(space), len(space))


def unilateral_moves(conflict: Conflict, dm: str) -> Arcs:
    """DM ``dm``'s unilateral moves R_dm, as arcs between state indices."""
    if conflict.graph is not None:
        return _graph_moves(conflict, dm)
    return _option_moves(conflict, dm)


def improvements(moves: Arcs, payoff: IntArray) -> Arcs:
    """The moves that end in a state the mover strictly prefers: R⁺ (gmcr-spec §3.1)."""
    return moves.where(payoff[moves.dst] > payoff[moves.src])


def all_moves(conflict: Conflict) -> dict[str, Arcs]:
    """Every decision maker's unilateral moves."""
    return {dm: unilateral_moves(conflict, dm) for dm in conflict.dm_names}


def moves_from(conflict: Conflict, dm: str, state: int) -> IntArray:
    """``dm``'s unilateral moves from one state (as state indices), without listing all arcs.

    In option form the targets are generated from the state's code: every other pattern of
    ``dm``'s options that respects reversibility and gives a feasible state.
    """
    if conflict.graph is not None:
        return unilateral_moves(conflict, dm).targets(state)
    space = conflict.states
    start, stop = space.dm_bits[dm]
    code = int(space.codes[state])
    x = (code >> start) & ((1 << (stop - start)) - 1)
    take, withdraw = irreversible_bits(conflict, dm)
    ys = np.arange(1 << (stop - start), dtype=np.int64)
    ok = (ys != x) & ((x & ~ys & take) == 0) & ((~x & ys & withdraw) == 0)
    own = ((1 << (stop - start)) - 1) << start
    candidates = (code & ~own) | (ys[ok] << start)
    index = np.searchsorted(space.codes, candidates)
    index = np.minimum(index, len(space) - 1)
    found: IntArray = index[space.codes[index] == candidates]
    return found
