"""Legal sequences of steps by *units* for every origin at once (gmcr-spec §3.2, §3.3, §5).

A *unit* is a decision maker (its step: a unilateral move, or improvement) or a coalition
(its step: a coalitional move ``R_G``, or improvement ``R_G^{++}``).  Every coalition
analysis asks a question of the end states of legal sequences of units' steps — the same
unit never twice in a row — from some origin: which states are reached, what is the least
a member could be left with there, which state is reached first.  Instead of one search
per origin, this module builds the walk graph once, condenses its strongly connected
components (scipy.sparse.csgraph) and answers for all origins by passes over the condensed
DAG in topological layers.

The walk graph
--------------
*general* — nodes are pairs (state, last unit), plus one start node per state; an arc
``(x, j) → (y, k)`` needs ``k ≠ j`` and ``y`` a step of unit ``k`` from ``x``; the start
node of ``x`` has every unit's steps.  Exactly the legal sequences of §3.2; any model,
graph form included.  Node ``(x, k)`` is ``k·n + x``; the start node of ``x`` is ``m·n + x``.

*plain* (option form only) — nodes are states, arcs the union of the units' steps, walks
of any length.  In option form one unit's steps compose: a unit ``G`` only changes its
members' options, so two consecutive steps ``x → y → z`` of ``G`` keep the other options,
and merging the members' moves inside them (two consecutive moves of one decision maker
are one move of it, or none, see :mod:`accord.core.stability.context`) gives a legal
sequence of ``G``'s members from ``x`` to ``z`` — a step of ``G`` when ``z ≠ x``.  For
improvements, ``z ≻_G y ≻_G x`` makes ``x → z`` an improvement of ``G`` too.  So merging
repeated units turns every walk into a legal sequence with the same end, except that a walk
may come back to its origin.  Consequences used here:

* *reflexive closures* ({x} ∪ the ends of legal sequences from x) are the same in both
  graphs.  Every question below tolerates the origin itself: an improvement is strictly
  better than its origin for every member, and a sanction is sought from an improvement
  ``q`` of ``e``, which is never "not better than ``e``".
* *shortest* walks are legal sequences (a repeated unit would merge into a shorter walk),
  so the shortest legal sequences and their order below are the same in both graphs.

Shortest sequences and their order
----------------------------------
The per-origin searches (``method="search"``) run a breadth-first search over (state, last
unit) that expands units in order and each unit's steps in increasing state order, and keep
the first discovery.  The sequence found to a state is then the *least* of the shortest
legal sequences to it, comparing the steps (unit, state) one after another.  :func:`search`
runs the same breadth-first search for many origins at once, level by level, as array
operations, and returns exactly those sequences.

Memory
------
The passes keep, per component, one row of bits per origin asked about; origins are
processed in chunks so that a chunk's rows stay within :data:`BITS_BUDGET` bits (32 MB).
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray, IntArray
from accord.core.moves import Arcs

__all__ = [
    "BITS_BUDGET",
    "ArcStore",
    "Dag",
    "Listed",
    "Reached",
    "Relation",
    "Walk",
    "bits_at",
    "first_of",
    "interleave",
    "pack_rows",
    "ranges",
    "search",
]

#: Bits of reachability rows kept at once (32 MB).
BITS_BUDGET = 1 << 28
#: Candidate (origin, state) pairs examined at once.
PAIR_BUDGET = 1 << 22
#: (search, node) flags of the breadth-first searches kept at once.
VISIT_BUDGET = 1 << 25

Words = NDArray[np.uint64]
Ufunc = Any  # np.minimum or np.bitwise_or


def gather(indptr: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """For compressed rows: each listed row's positions ``indptr[r]:indptr[r + 1]``, as
    (index into ``rows``, position) pairs in row then position order."""
    starts = indptr[rows]
    return ranges(starts, indptr[rows + 1] - starts)


def interleave(
    streams: Sequence[tuple[IntArray, IntArray]], owners: int
) -> tuple[IntArray, IntArray]:
    """Merge streams of (owner, value) pairs, each sorted by owner, into one sorted by
    owner, then stream, then position in the stream (without sorting)."""
    if not streams:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    counts = np.stack([np.bincount(o, minlength=owners) for o, _ in streams])
    before = np.cumsum(counts, axis=0) - counts  # earlier streams' pairs of each owner
    totals = counts.sum(axis=0)
    start = np.cumsum(totals) - totals
    owner = np.repeat(np.arange(owners, dtype=np.int64), totals)
    value = np.empty(owner.shape[0], dtype=np.int64)
    for k, (own, val) in enumerate(streams):
        if not own.size:
            continue
        group = np.r_[0, np.flatnonzero(own[1:] != own[:-1]) + 1]
        local = np.arange(own.size) - np.repeat(group, np.diff(np.r_[group, own.size]))
        value[start[own] + before[k, own] + local] = val
    return owner, value


def first_of(keys: IntArray, size: int) -> IntArray:
    """For every key value in ``0..size-1``: the position of its first occurrence in
    ``keys`` (the length of ``keys`` where it does not occur)."""
    out = np.full(size, keys.shape[0], dtype=np.int64)
    np.minimum.at(out, keys, np.arange(keys.shape[0], dtype=np.int64))
    return out


def pointers(keys: IntArray, size: int) -> IntArray:
    """Row pointers of ``keys`` (sorted, each in ``0..size-1``)."""
    out = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=size), out=out[1:])
    return out


def pack_rows(mask: BoolArray) -> Words:
    """A 2-D boolean array as rows of 64-bit words: column ``j`` is bit ``j % 64`` of word
    ``j // 64``."""
    rows, cols = mask.shape
    words = max(1, -(-cols // 64))
    packed = np.packbits(mask, axis=1, bitorder="little")
    out = np.zeros((rows, words * 8), dtype=np.uint8)
    out[:, : packed.shape[1]] = packed
    result: Words = out.view("<u8").astype(np.uint64, copy=False)
    return result


def bits_at(rows: Words, row: IntArray, col: IntArray) -> BoolArray:
    """Bit ``col[t]`` of row ``row[t]``, for every ``t``."""
    word = rows[row, col >> 6]
    out: BoolArray = ((word >> (col & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)
    return out


# -- strongly connected components ---------------------------------------------------------


class Dag:
    """The strongly connected components of a directed graph and their condensed DAG.

    Parameters
    ----------
    n_nodes
        Number of nodes.
    src, dst
        Arcs; duplicates are allowed unless ``unique`` says there are none.
    """

    def __init__(self, n_nodes: int, src: IntArray, dst: IntArray, *, unique: bool = False) -> None:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        self.n_nodes = n_nodes
        keep = src != dst
        src, dst = src[keep], dst[keep]
        if not unique and src.size:
            # scipy's strong components misbehave on duplicate arcs (gmcr-spec §3.3)
            keys = np.unique(src * n_nodes + dst)
            src, dst = keys // n_nodes, keys % n_nodes
        empty = np.zeros(0, dtype=np.int64)
        if not src.size:
            self.count = n_nodes
            self.label: IntArray = np.arange(n_nodes, dtype=np.int64)
            self.a, self.b = empty, empty
            return
        graph = csr_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n_nodes, n_nodes))
        count, label = connected_components(graph, directed=True, connection="strong")
        self.count = int(count)
        self.label = label.astype(np.int64)
        a, b = self.label[src], self.label[dst]
        cross = a != b
        keys = np.unique(a[cross] * self.count + b[cross])
        self.a, self.b = keys // self.count, keys % self.count

    def _layers(self, a: IntArray, b: IntArray) -> IntArray:
        """For arcs ``a → b`` of a DAG: the length of the longest path ending at each node
        (Kahn's algorithm, one round per layer)."""
        layer = np.zeros(self.count, dtype=np.int64)
        if not a.size:
            return layer
        order = np.argsort(a, kind="stable")
        b_sorted = b[order]
        indptr = pointers(a[order], self.count)
        indeg = np.bincount(b, minlength=self.count)
        frontier = np.flatnonzero(indeg == 0)
        depth = 0
        while frontier.size:
            layer[frontier] = depth
            _, pos = gather(indptr, frontier)
            hit, times = np.unique(b_sorted[pos], return_counts=True)
            indeg[hit] -= times
            frontier = hit[indeg[hit] == 0]
            depth += 1
        return layer

    @staticmethod
    def _schedule(
        layer: IntArray, head: IntArray, tail: IntArray
    ) -> list[tuple[IntArray, IntArray, IntArray]]:
        """Arcs grouped by the layer of their ``head``, then by head: per layer, the heads,
        the start of each head's group and the tails (in group order)."""
        if not head.size:
            return []
        order = np.lexsort((head, layer[head]))
        head, tail = head[order], tail[order]
        lay = layer[head]
        bounds = np.flatnonzero(np.r_[True, lay[1:] != lay[:-1], True])
        out = []
        for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            h, t = head[lo:hi], tail[lo:hi]
            starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
            out.append((h[starts], starts, t))
        return out

    @cached_property
    def _down(self) -> list[tuple[IntArray, IntArray, IntArray]]:
        """Each component after all its successors (by height above the sinks)."""
        return self._schedule(self._layers(self.b, self.a), self.a, self.b)

    @cached_property
    def _up(self) -> list[tuple[IntArray, IntArray, IntArray]]:
        """Each component after all its predecessors (by depth below the sources)."""
        return self._schedule(self._layers(self.a, self.b), self.b, self.a)

    @cached_property
    def _members(self) -> tuple[IntArray, IntArray]:
        """Nodes sorted by component, and where each component starts."""
        order = np.argsort(self.label, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(self.label[order]) != 0])
        return order, starts

    def closure(self, node_values: NDArray[Any], op: Ufunc) -> NDArray[Any]:
        """Per component: ``op`` (min, or, …) of ``node_values`` (one row per node) over
        every node it reaches, its own included."""
        order, starts = self._members
        vals = op.reduceat(node_values[order], starts, axis=0)
        for heads, first, tails in self._down:
            vals[heads] = op(vals[heads], op.reduceat(vals[tails], first, axis=0))
        out: NDArray[Any] = vals
        return out

    def reached_by(self, sources: IntArray) -> Words:
        """Rows of bits, one per component: bit ``j`` set when ``sources[j]`` (a component)
        reaches it (itself included)."""
        width = sources.shape[0]
        rows = np.zeros((self.count, max(1, -(-width // 64))), dtype=np.uint64)
        j = np.arange(width, dtype=np.int64)
        np.bitwise_or.at(
            rows, (sources, j >> 6), np.left_shift(np.uint64(1), (j & 63).astype(np.uint64))
        )
        for heads, first, tails in self._up:
            rows[heads] |= np.bitwise_or.reduceat(rows[tails], first, axis=0)
        return rows


# -- arcs listed in batches -------------------------------------------------------------------


class ArcStore:
    """Arcs out of some states, added in batches and read back for any of those states.

    Each batch lists the arcs of states not seen before, sorted by source then target.
    Nothing is re-sorted when a batch is added.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self._chunk = np.full(n, -1, dtype=np.int64)
        self._start = np.zeros(n, dtype=np.int64)
        self._count = np.zeros(n, dtype=np.int64)
        self._targets: list[IntArray] = []

    def known(self, states: IntArray) -> BoolArray:
        """Whether each state's arcs are stored."""
        out: BoolArray = self._chunk[states] >= 0
        return out

    def add(self, states: IntArray, src: IntArray, dst: IntArray) -> None:
        """Store the arcs ``src → dst`` (sorted) of ``states`` (sorted, distinct, new)."""
        first = np.searchsorted(src, states, side="left")
        last = np.searchsorted(src, states, side="right")
        self._chunk[states] = len(self._targets)
        self._start[states] = first
        self._count[states] = last - first
        self._targets.append(dst)

    def get(self, states: IntArray) -> tuple[IntArray, IntArray]:
        """The stored arcs of ``states`` (all known) as (index into ``states``, target), in
        the order of ``states`` and then of the batch."""
        counts = self._count[states]
        owner = np.repeat(np.arange(states.shape[0], dtype=np.int64), counts)
        out = np.empty(owner.shape[0], dtype=np.int64)
        base = np.cumsum(counts) - counts
        chunks = self._chunk[states]
        for cid in np.unique(chunks[counts > 0]).tolist():
            sel = np.flatnonzero((chunks == cid) & (counts > 0))
            own, pos = ranges(self._start[states[sel]], counts[sel])
            out[base[sel][own] + pos - self._start[states[sel]][own]] = self._targets[cid][pos]
        return owner, out


# -- units' steps --------------------------------------------------------------------------


class Relation(ABC):
    """One unit's steps from any state: :meth:`arcs` lists them for some origins."""

    n: int

    @abstractmethod
    def arcs(self, origins: IntArray, *, keep: bool = True) -> tuple[IntArray, IntArray]:
        """The steps from ``origins`` (sorted, distinct) as arcs sorted by (source, target);
        ``keep=False`` does not keep what had to be computed (for callers that keep it)."""

    def all(self) -> Arcs:
        """Every step, as :class:`~accord.core.moves.Arcs`."""
        src, dst = self.arcs(np.arange(self.n, dtype=np.int64))
        return Arcs(src, dst, self.n)


class Listed(Relation):
    """Steps already listed (a decision maker's moves or improvements)."""

    def __init__(self, arcs: Arcs) -> None:
        self.n = arcs.n_states
        self.listed = arcs

    def arcs(self, origins: IntArray, *, keep: bool = True) -> tuple[IntArray, IntArray]:
        owner, pos = gather(self.listed.indptr, origins)
        return origins[owner], self.listed.dst[pos]

    def all(self) -> Arcs:
        return self.listed


class Reached(Relation):
    """A coalition's steps: the ends of legal sequences of its members' moves
    (``R_G``), or those every member strictly prefers (``R_G^{++}``, when ``payoffs`` is
    given), computed for the origins asked about and kept.

    Parameters
    ----------
    walk
        Builds the members' walk (called once, when first needed).
    fibers
        Option form: each state's code with the members' options cleared — a coalition's
        moves never leave their origin's fiber.  ``None`` in graph form.
    payoffs
        The members' payoffs, one column each; ``None`` for moves.
    """

    def __init__(
        self,
        n: int,
        walk: Callable[[], Walk],
        fibers: IntArray | None,
        payoffs: IntArray | None = None,
    ) -> None:
        self.n = n
        self._make_walk = walk
        self.fibers = fibers
        self.payoffs = payoffs
        self._store = ArcStore(n)

    @cached_property
    def walk(self) -> Walk:
        """The members' walk."""
        return self._make_walk()

    def arcs(self, origins: IntArray, *, keep: bool = True) -> tuple[IntArray, IntArray]:
        known = self._store.known(origins)
        missing = origins[~known]
        if missing.size:
            if self.payoffs is None:
                src, dst = self.walk.reach_pairs(missing)
            else:
                src, dst = self._improvements(missing)
            order = np.lexsort((dst, src))
            src, dst = src[order], dst[order]
            if not keep and not known.any():
                return src, dst
            self._store.add(missing, src, dst)
        owner, dst = self._store.get(origins)
        return origins[owner], dst

    # -- improvements: candidates, then the reach test ---------------------------------------
    @cached_property
    def _pools(self) -> tuple[IntArray, IntArray, IntArray]:
        """Candidate lists for the improvements of each origin.

        Per member ``k``: the states sorted by fiber (option form; one fiber in graph
        form), then by ``k``'s payoff from best to worst.  The states of ``x``'s fiber that
        ``k`` strictly prefers to ``x`` come first in its fiber: a range of that list.
        Returns the lists joined (member ``k``'s list at offset ``k·n``), and per member and
        state the start and length of that range.
        """
        assert self.payoffs is not None
        n = self.n
        fibers = np.zeros(n, dtype=np.int64) if self.fibers is None else self.fibers
        lists, starts, counts = [], [], []
        for col in range(self.payoffs.shape[1]):
            pay = self.payoffs[:, col]
            order = np.lexsort((-pay, fibers))
            fib, val = fibers[order], pay[order]
            new_fiber = np.r_[True, fib[1:] != fib[:-1]]
            new_tie = new_fiber | np.r_[True, val[1:] != val[:-1]]
            positions = np.arange(n, dtype=np.int64)
            fiber_start = np.maximum.accumulate(np.where(new_fiber, positions, 0))
            tie_start = np.maximum.accumulate(np.where(new_tie, positions, 0))
            start, count = np.empty(n, np.int64), np.empty(n, np.int64)
            start[order] = fiber_start + col * n
            count[order] = tie_start - fiber_start
            lists.append(order)
            starts.append(start)
            counts.append(count)
        return np.concatenate(lists), np.stack(starts), np.stack(counts)

    def _improvements(self, origins: IntArray) -> tuple[IntArray, IntArray]:
        assert self.payoffs is not None
        pool, starts, counts = self._pools
        lengths = counts[:, origins]
        pick = np.argmin(lengths, axis=0)
        cols = np.arange(origins.size)
        length, start = lengths[pick, cols], starts[pick, origins]
        columns = [np.ascontiguousarray(self.payoffs[:, k]) for k in range(self.payoffs.shape[1])]
        srcs, dsts = [], []
        bounds = _chunks(length, PAIR_BUDGET)
        for lo, hi in itertools.pairwise(bounds):
            owner, pos = ranges(start[lo:hi], length[lo:hi])
            x, y = origins[lo:hi][owner], pool[pos]
            for pay in columns:  # every member strictly prefers y (one of them already does)
                keep = pay[y] > pay[x]
                x, y = x[keep], y[keep]
            if x.size:
                hit = self.walk.reaches(x, y)
                srcs.append(x[hit])
                dsts.append(y[hit])
        if not srcs:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(srcs), np.concatenate(dsts)


def ranges(start: IntArray, count: IntArray) -> tuple[IntArray, IntArray]:
    """The positions ``start[i] .. start[i] + count[i] - 1`` for every ``i``, as (i, position)
    pairs."""
    owner = np.repeat(np.arange(start.shape[0], dtype=np.int64), count)
    first = np.cumsum(count) - count
    pos = np.arange(owner.shape[0], dtype=np.int64) - np.repeat(first - start, count)
    return owner, pos


def _chunks(sizes: IntArray, budget: int) -> list[int]:
    """Boundaries splitting consecutive items so that each chunk's ``sizes`` sum to at most
    ``budget`` (a larger item makes a chunk alone)."""
    bounds = [0]
    total = np.cumsum(sizes)
    n = sizes.shape[0]
    while bounds[-1] < n:
        lo = bounds[-1]
        base = int(total[lo - 1]) if lo else 0
        hi = int(np.searchsorted(total, base + budget, side="right"))
        bounds.append(max(hi, lo + 1))
    return bounds


# -- walks -----------------------------------------------------------------------------------


class Walk:
    """Legal sequences of steps of units over the states, for every origin at once.

    Parameters
    ----------
    n
        Number of states.
    steps
        Each unit's steps, as arcs between states.
    general
        Walk (state, last unit) nodes (any model) instead of plain states (option form).
    """

    def __init__(self, n: int, steps: Sequence[Arcs], *, general: bool) -> None:
        self.n = n
        self.m = len(steps)
        self.general = general
        if general:
            srcs, dsts = [], []
            for k, arcs in enumerate(steps):
                for j in range(self.m + 1):
                    if j != k:
                        srcs.append(j * n + arcs.src)
                        dsts.append(k * n + arcs.dst)
            n_nodes = n * (self.m + 1)
        else:
            srcs = [a.src for a in steps]
            dsts = [a.dst for a in steps]
            n_nodes = n
        empty = np.zeros(0, dtype=np.int64)
        src = np.concatenate(srcs) if srcs else empty
        dst = np.concatenate(dsts) if dsts else empty
        # No arc is listed twice: each unit's steps are distinct, the general walk puts
        # each pair of units in its own block, and in option form (plain walk) the steps
        # of different units change different options.
        self.dag = Dag(n_nodes, src, dst, unique=True)

    def source(self, states: IntArray) -> IntArray:
        """The node each walk from ``states`` starts at."""
        out: IntArray = states + self.m * self.n if self.general else states
        return out

    def closure(self, values: NDArray[Any], op: Ufunc) -> NDArray[Any]:
        """For every state ``x``: ``op`` of ``values`` (one row per state) over ``x`` and
        the ends of legal sequences from ``x``."""
        node_values = (
            np.tile(values, (self.m + 1,) + (1,) * (values.ndim - 1)) if self.general else values
        )
        comp = self.dag.closure(node_values, op)
        out: NDArray[Any] = comp[self.dag.label[self.source(np.arange(self.n, dtype=np.int64))]]
        return out

    def _rows_in_chunks(self, origins: IntArray) -> list[tuple[IntArray, IntArray, Words]]:
        """Origins grouped by start component, in chunks: (origin positions, their column
        in the chunk's rows, rows of :meth:`Dag.reached_by`)."""
        comps = self.dag.label[self.source(origins)]
        uniq, inverse = np.unique(comps, return_inverse=True)
        per = max(64, BITS_BUDGET // max(1, self.dag.count))
        out = []
        for lo in range(0, uniq.size, per):
            rows = self.dag.reached_by(uniq[lo : lo + per])
            sel = np.flatnonzero((inverse >= lo) & (inverse < lo + per))
            out.append((sel, inverse[sel] - lo, rows))
        return out

    def reaches(self, xs: IntArray, ys: IntArray) -> BoolArray:
        """Whether each ``ys[t]`` is the end of a legal sequence from ``xs[t]`` (or, in the
        plain walk, equals it: ask only about pairs of distinct states)."""
        out = np.zeros(xs.shape[0], dtype=bool)
        for sel, col, rows in self._rows_in_chunks(xs):
            y = ys[sel]
            if self.general:
                hit = np.zeros(sel.size, dtype=bool)
                for k in range(self.m):
                    hit |= bits_at(rows, self.dag.label[k * self.n + y], col)
            else:
                hit = bits_at(rows, self.dag.label[y], col)
            out[sel] = hit
        return out

    def reach_pairs(self, origins: IntArray) -> tuple[IntArray, IntArray]:
        """Every (origin, end of a legal sequence from it) pair, sorted; in the plain walk
        the origin itself is left out."""
        order, starts = self.dag._members
        sizes = np.diff(np.r_[starts, order.size])
        srcs, dsts = [], []
        for sel, col, rows in self._rows_in_chunks(origins):
            # (component, column) for every set bit, word by word
            wi, wj = np.nonzero(rows)
            bits = np.unpackbits(
                rows[wi, wj].astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
            )
            t, bit = np.nonzero(bits)
            comp, j = wi[t], wj[t] * 64 + bit
            # every node of each reached component
            owner, pos = ranges(starts[comp], sizes[comp])
            node, jj = order[pos], j[owner]
            if self.general:
                keep = node < self.m * self.n  # a start node ends no sequence
                node, jj = node[keep], jj[keep]
            # every origin of each column
            by_col = np.argsort(col, kind="stable")
            lo = np.searchsorted(col[by_col], jj, side="left")
            hi = np.searchsorted(col[by_col], jj, side="right")
            owner2, pos2 = ranges(lo, hi - lo)
            x = origins[sel[by_col[pos2]]]
            y = node[owner2] % self.n
            keys = np.unique(x * self.n + y)
            x, y = keys // self.n, keys % self.n
            if not self.general:
                x, y = x[x != y], y[x != y]
            srcs.append(x)
            dsts.append(y)
        empty = np.zeros(0, dtype=np.int64)
        src = np.concatenate(srcs) if srcs else empty
        dst = np.concatenate(dsts) if dsts else empty
        ordered = np.lexsort((dst, src))
        return src[ordered], dst[ordered]


# -- shortest sequences, in the order of the per-origin searches ---------------------------

#: A found sequence: its steps as (unit index, from state, to state).
Sequence_ = list[tuple[int, int, int]]


def search(
    n: int,
    units: Sequence[Relation],
    general: bool,
    starts: IntArray,
    *,
    targets: Sequence[IntArray] | None = None,
    accept: Callable[[IntArray, IntArray], BoolArray] | None = None,
) -> list[dict[int, Sequence_]]:
    """Breadth-first searches over legal sequences of the units' steps, one per start, run
    together level by level, with the per-origin searches' order (see the module
    docstring).

    Either ``targets`` (per search, the states to reach: each gets its least shortest
    sequence) or ``accept`` (called with search indices and states; each search ends at the
    first accepted state in its order, found by at least one step).

    Returns, per search, target state → sequence (with ``accept``: at most one entry).
    """
    m = len(units)
    n_nodes = n * (m + 1) if general else n
    total = starts.shape[0]
    found: list[dict[int, Sequence_]] = [{} for _ in range(total)]
    batch = max(1, min(total, VISIT_BUDGET // max(1, n_nodes)))
    visited = np.zeros((batch, n_nodes), dtype=bool)  # cleared after each batch
    for lo in range(0, total, batch):
        hi = min(total, lo + batch)
        _search_batch(n, units, general, starts[lo:hi], targets, accept, lo, found, visited)
    return found


def _search_batch(
    n: int,
    units: Sequence[Relation],
    general: bool,
    starts: IntArray,
    targets: Sequence[IntArray] | None,
    accept: Callable[[IntArray, IntArray], BoolArray] | None,
    offset: int,
    found: list[dict[int, Sequence_]],
    visited: BoolArray,
) -> None:
    m = len(units)
    b = starts.shape[0]
    n_nodes = n * (m + 1) if general else n
    if targets is not None:
        lists = [np.unique(targets[offset + t]) for t in range(b)]
        remaining = np.array([t.size for t in lists], dtype=np.int64)
        wanted = np.concatenate([t * n + y for t, y in enumerate(lists)] or [np.zeros(0, np.int64)])
    else:
        remaining = np.ones(b, dtype=np.int64)
        wanted = np.zeros(0, dtype=np.int64)
    srch = np.arange(b, dtype=np.int64)
    node = starts + m * n if general else starts.copy()
    visited[srch, node] = True
    levels: list[tuple[IntArray, IntArray, IntArray, IntArray]] = [
        (srch, node, np.full(b, -1, dtype=np.int64), np.full(b, -1, dtype=np.int64))
    ]
    records: list[tuple[IntArray, IntArray]] = []  # (level, position) of each end found
    active = remaining > 0
    srch, node = srch[active[srch]], node[active[srch]]
    index = np.flatnonzero(active)  # positions of the frontier in its level
    while srch.size:
        state = node % n if general else node
        last = node // n if general else np.full(node.size, -1, dtype=np.int64)
        uniq, inverse = np.unique(state, return_inverse=True)
        # Each unit's fresh steps, sorted by (frontier entry, target) — the search's order
        # within a unit — then interleaved by (entry, unit).
        streams: list[tuple[IntArray, IntArray]] = []
        for k, unit in enumerate(units):
            src, dst = unit.arcs(uniq)
            if not src.size:
                continue
            indptr = np.r_[np.searchsorted(src, uniq, side="left"), src.size]
            rows = np.flatnonzero(last != k)
            owner, pos = gather(indptr, inverse[rows])
            par, key = rows[owner], k * n + dst[pos]
            fresh = ~visited[srch[par], key if general else dst[pos]]
            streams.append((par[fresh], key[fresh]))
        par, key = interleave(streams, srch.size)
        if not par.size:
            break
        child = key if general else key % n
        s = srch[par]
        _, first = np.unique(s * n_nodes + child, return_index=True)
        first.sort()
        par, key, child, s = par[first], key[first], child[first], s[first]
        visited[s, child] = True
        levels.append((s, child, index[par], key))
        level = len(levels) - 1
        ends = child % n if general else child
        if targets is not None:
            code = s * n + ends
            hit = np.isin(code, wanted)
            # the first entry per (search, state) in the level's order
            _, first_hit = np.unique(code[hit], return_index=True)
            hits = np.flatnonzero(hit)[first_hit]
            records.append((np.full(hits.size, level, dtype=np.int64), hits))
            np.subtract.at(remaining, s[hits], 1)
            wanted = np.setdiff1d(wanted, code[hits], assume_unique=True)
        else:
            assert accept is not None
            accepted = np.flatnonzero(accept(s + offset, ends))
            _, first_hit = np.unique(s[accepted], return_index=True)
            hits = accepted[first_hit]
            records.append((np.full(hits.size, level, dtype=np.int64), hits))
            remaining[s[hits]] = 0
        keep = remaining[s] > 0
        srch, node = s[keep], child[keep]
        index = np.flatnonzero(keep)
    for level_search, level_node, _, _ in levels:
        visited[level_search, level_node] = False
    if records:
        depth = np.concatenate([r[0] for r in records])
        pos = np.concatenate([r[1] for r in records])
        _trace(levels, depth, pos, n, general, offset, found)


def _trace(
    levels: list[tuple[IntArray, IntArray, IntArray, IntArray]],
    depth: IntArray,
    pos: IntArray,
    n: int,
    general: bool,
    offset: int,
    found: list[dict[int, Sequence_]],
) -> None:
    """The sequences to the entries ``pos`` of levels ``depth``, by following parents back
    (all at once, one level at a time), stored in ``found``."""
    # the steps of entry i fill flat[first[i] : first[i] + depth[i]], in order
    first = np.cumsum(depth) - depth
    size = int(depth.sum())
    unit = np.zeros(size, dtype=np.int64)
    start = np.zeros(size, dtype=np.int64)
    end = np.zeros(size, dtype=np.int64)
    searches = np.zeros(pos.size, dtype=np.int64)
    for d in np.unique(depth).tolist():
        sel = depth == d
        searches[sel] = levels[d][0][pos[sel]]
    cur = pos.copy()
    for level in range(int(depth.max()), 0, -1):
        sel = np.flatnonzero(depth >= level)
        at = cur[sel]
        _, _, parent, key = levels[level]
        prev = parent[at]
        node = levels[level - 1][1][prev]
        slot = first[sel] + level - 1
        unit[slot] = key[at] // n
        end[slot] = key[at] % n
        start[slot] = node % n if general else node
        cur[sel] = prev
    steps = list(zip(unit.tolist(), start.tolist(), end.tolist(), strict=True))
    for t, lo, d in zip(searches.tolist(), first.tolist(), depth.tolist(), strict=True):
        seq = steps[lo : lo + d]
        found[offset + t][seq[-1][2]] = seq
