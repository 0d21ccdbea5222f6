"""Stability under unknown preferences: extensions a–d of Nash, GMR, SMR and SEQ.

Li, Hipel, Kilgour & Fang (2004), *Preference uncertainty in the graph model for conflict
resolution*, IEEE Trans. SMC-A 34(4):507–520; gmcr-spec §6.1.

Definitions
-----------
Each DM ``i`` may leave a set U_i of unordered pairs of states unordered: it does not know
which of the two it prefers.  Every other pair is ordered by ``i``'s payoff as usual (higher
is better, equal payoffs are indifference).  Write X_i(s) for the states paired with ``s``
in U_i, P_i for the payoff, and

* R_i^{+,U}(s) = {q ∈ R_i(s) : P_i(q) > P_i(s) or q ∈ X_i(s)} — improvements and uncertain
  moves;
* R_i^+(s) = {q ∈ R_i(s) : P_i(q) > P_i(s) and q ∉ X_i(s)} — known improvements;
* "s ≿_i x is known": P_i(x) ≤ P_i(s) and x ∉ X_i(s).

For a focal DM ``i`` at ``s``, the moves that must be deterred are M(s) = R_i^{+,U}(s) under
extensions *a* and *c*, and R_i^+(s) under *b* and *d*.  A state ``x`` *sanctions* when
s ≿_i x is known (*a*, *b*), or also when x ∈ X_i(s) (*c*, *d*: an outcome of unknown
order is feared as much as a worse one).

* Nash: M(s) = ∅.
* GMR: every s1 ∈ M(s) has a sanction s2 ∈ R_{N−i}(s1).
* SEQ: every s1 ∈ M(s) has a sanction s2 ∈ R^{+,U}_{N−i}(s1), the ends of legal sequences
  (gmcr-spec §3.2) in which each opponent ``j`` moves only to a state it prefers to the one
  it leaves, or whose order against it ``j`` does not know (its own U_j).
* SMR: as GMR, and every counter-move s3 ∈ R_i(s2) of ``i`` passes the same sanction test
  as s2.  Li et al. (2004) extend GMR and SEQ explicitly; for SMR we apply their sanction
  sets to the counter-move as well: under *a* and *b* a counter-move to a state whose order
  against ``s`` is unknown is an escape (only a known-no-better counter-move keeps the
  sanction), under *c* and *d* it is not.

With every U_i empty each extension is the plain concept.  Under *b* and *d* fewer moves
need deterring than under *a* and *c*, and under *c* and *d* more states sanction than under
*a* and *b*, so the stable sets nest: a ⊆ b ⊆ d and a ⊆ c ⊆ d.

How it is computed
------------------
The plain engine runs first; only what the pairs can change is then recomputed exactly.

* For a focal DM ``i`` and a state ``s`` that lies in no pair of U_i, M(s) = R_i^+(s) and a
  state sanctions exactly when P_i(x) ≤ P_i(s).  GMR and SMR walk all the opponents' moves,
  which U does not change, so the plain answer stands.  Only the *touched* states, at most
  2·|U_i| of them, are recomputed.
* SEQ also depends on the opponents' pairs: each U_j adds the moves (x, y) of ``j`` with
  {x, y} ∈ U_j and P_j(y) ≤ P_j(x) to ``j``'s credible moves.  When some opponent of ``i``
  has such a move, ``i``'s SEQ floor (the least payoff the others can leave it with) is
  recomputed for every state over the (state, last mover) graph, and every state re-tested.
  The plain walk of :mod:`~accord.core.stability.context` is not used here: its proof
  merges two consecutive moves of one DM into one, and an uncertain move followed by an
  improvement of the same DM need not be a move of R^{+,U}.
* For the touched states, one bit per touched state ``s`` marks the states that sanction
  ``s`` (for SMR: with no escaping counter-move).  The bits are OR-ed backwards over the
  opponents' (state, last mover) graph, and ``s`` is stable iff every s1 ∈ M(s) reaches a
  state carrying its bit by a legal sequence of at least one move.

Cost.  Both passes relax the (state, last mover) graph until nothing changes, without
listing its arcs (see :class:`_Walk`): one round costs Σ_j |A_j| over the opponents' moves
plus (n − 1)² array operations over the states, for n − 1 opponents, and the number of rounds
is the most moves a shortest legal sequence needs to reach a state that matters (4 to 13 on
the flagship model).  Per focal DM with pairs that is at most two walks (all moves for GMR
and SMR, credible moves for SEQ), a second pass for SEQ when the opponents' pairs add moves,
and O(|T_i|·(states + |A_i|)) to mark the bits: no per-state search.  On the flagship model
(960 states, 5 DMs) ten pairs, two per DM, add about 20 ms to a plain analysis of about
30 ms; on a random model of 2^16 states and 4 DMs, a dozen pairs take it from about 1.3 s
to about 2.7 s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray, IntArray
from accord.core.moves import Arcs
from accord.core.stability._sanction import every_improvement_sanctioned
from accord.core.stability.context import NO_SANCTION, Context
from accord.errors import AnalysisError

__all__ = [
    "EXTENSIONS",
    "UNKNOWN_CONCEPTS",
    "Pairs",
    "UnknownPreferences",
    "check_extension",
    "normalise_pairs",
]

#: The four extensions of Li, Hipel, Kilgour & Fang (2004).
EXTENSIONS = ("a", "b", "c", "d")
#: The concepts that have extensions under unknown preferences.
UNKNOWN_CONCEPTS = ("nash", "gmr", "smr", "seq")

#: Per DM, the unordered pairs of state indices it cannot order: ``(low, high)``, sorted.
Pairs = Mapping[str, tuple[tuple[int, int], ...]]

Kind = Literal["any", "credible"]


def check_extension(extension: str) -> str:
    """``extension`` as one of ``a``, ``b``, ``c``, ``d``.

    Raises
    ------
    AnalysisError
        For anything else.
    """
    ext = str(extension).strip().lower()
    if ext not in EXTENSIONS:
        raise AnalysisError(
            f"the extensions for unknown preferences are a, b, c and d (got {extension!r})"
        )
    return ext


def normalise_pairs(
    dm_names: Sequence[str], n_states: int, unknown: Mapping[str, Sequence[Sequence[int]]]
) -> dict[str, tuple[tuple[int, int], ...]]:
    """Unknown pairs checked and written canonically: each as (low, high), each DM's sorted
    without repeats, DMs without pairs left out.

    Raises
    ------
    AnalysisError
        For an unknown DM, a pair that is not two distinct state indices in range.
    """
    out: dict[str, tuple[tuple[int, int], ...]] = {}
    for dm, pairs in unknown.items():
        if dm not in dm_names:
            from accord.core.validate import suggest

            hint = suggest(str(dm), dm_names)
            raise AnalysisError(
                f"unknown preferences name decision maker {dm!r}; the model has "
                f"{', '.join(dm_names)}" + (f" ({hint})" if hint else "")
            )
        seen: set[tuple[int, int]] = set()
        for pair in pairs:
            items = list(pair)
            if len(items) != 2 or not all(
                isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_)
                for v in items
            ):
                raise AnalysisError(
                    f"an unknown preference of {dm} must be two state indices, got {pair!r}"
                )
            a, b = int(items[0]), int(items[1])
            if not (0 <= a < n_states and 0 <= b < n_states):
                raise AnalysisError(
                    f"unknown preference ({a}, {b}) of {dm}: state indices run from 0 to "
                    f"{n_states - 1}"
                )
            if a == b:
                raise AnalysisError(
                    f"unknown preference ({a}, {b}) of {dm}: a state is always as good as itself"
                )
            seen.add((min(a, b), max(a, b)))
        if seen:
            out[dm] = tuple(sorted(seen))
    return out


@dataclass(eq=False)
class UnknownPreferences:
    """Stability of every state under one extension, given the DMs' unknown pairs.

    Parameters
    ----------
    ctx
        The model's prepared moves and payoffs.
    pairs
        As returned by :func:`normalise_pairs`.
    extension
        ``a``, ``b``, ``c`` or ``d``.
    """

    ctx: Context
    pairs: Pairs
    extension: str
    _walks: dict[tuple[str, Kind], _Walk] = field(default_factory=dict, repr=False)
    _credible: dict[str, tuple[Arcs, bool]] = field(default_factory=dict, repr=False)
    _partners: dict[str, dict[int, list[int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.extension = check_extension(self.extension)
        for dm, pairs in self.pairs.items():
            table: dict[int, list[int]] = {}
            for a, b in pairs:
                table.setdefault(a, []).append(b)
                table.setdefault(b, []).append(a)
            self._partners[dm] = table

    @property
    def uncertain_moves(self) -> bool:
        """Whether the focal DM's moves of unknown order need deterring (a, c)."""
        return self.extension in ("a", "c")

    @property
    def uncertain_sanctions(self) -> bool:
        """Whether states of unknown order sanction (c, d)."""
        return self.extension in ("c", "d")

    # -- pairs -------------------------------------------------------------------------
    def partners(self, dm: str, state: int) -> list[int]:
        """The states whose order against ``state`` ``dm`` does not know."""
        return self._partners.get(dm, {}).get(state, [])

    def touched(self, dm: str) -> list[int]:
        """The states in some pair of ``dm``, ascending."""
        return sorted(self._partners.get(dm, {}))

    def _is_pair(self, dm: str, src: IntArray, dst: IntArray) -> BoolArray:
        """Whether each (src, dst) is a pair of ``dm``."""
        pairs = self.pairs.get(dm, ())
        if not pairs:
            return np.zeros(src.shape, dtype=bool)
        n = self.ctx.n_states
        keys = np.array([a * n + b for a, b in pairs], dtype=np.int64)
        arc_keys = np.minimum(src, dst).astype(np.int64) * n + np.maximum(src, dst)
        found: BoolArray = np.isin(arc_keys, keys)
        return found

    def credible(self, dm: str) -> tuple[Arcs, bool]:
        """``dm``'s moves in R^{+,U}, and whether any of them is not a plain improvement."""
        if dm not in self._credible:
            moves = self.ctx.moves[dm]
            pay = self.ctx.payoffs[dm]
            better = pay[moves.dst] > pay[moves.src]
            uncertain = self._is_pair(dm, moves.src, moves.dst)
            extra = bool((uncertain & ~better).any())
            arcs = moves.where(better | uncertain) if extra else self.ctx.improvements[dm]
            self._credible[dm] = (arcs, extra)
        return self._credible[dm]

    def deterred(self, dm: str, state: int) -> list[int]:
        """M(s): the moves of ``dm`` from ``state`` that must be deterred under the extension."""
        pay = self.ctx.payoffs[dm]
        partners = set(self.partners(dm, state))
        out = []
        for q in self.ctx.targets(dm, state).tolist():
            unknown = q in partners
            if self.uncertain_moves if unknown else pay[q] > pay[state]:
                out.append(q)
        return out

    def credible_targets(self, dm: str, state: int) -> list[int]:
        """R^{+,U}: ``dm``'s moves from ``state`` to states it prefers or cannot order."""
        pay = self.ctx.payoffs[dm]
        partners = self.partners(dm, state)
        return [
            q for q in self.ctx.targets(dm, state).tolist() if pay[q] > pay[state] or q in partners
        ]

    def sanctions(self, dm: str, state: int) -> BoolArray:
        """For every x, whether x sanctions ``state`` for ``dm`` (before any counter-move)."""
        pay = self.ctx.payoffs[dm]
        ok: BoolArray = pay <= pay[state]
        partners = self.partners(dm, state)
        if partners:
            ok[partners] = self.uncertain_sanctions
        return ok

    # -- stability -----------------------------------------------------------------------
    def walk(self, dm: str, kind: Kind) -> _Walk:
        """Legal sequences of ``dm``'s opponents: any moves, or credible ones (R^{+,U})."""
        key = (dm, kind)
        if key not in self._walks:
            others = [d for d in self.ctx.dm_names if d != dm]
            if kind == "any":
                arcs = [self.ctx.moves[d] for d in others]
            else:
                arcs = [self.credible(d)[0] for d in others]
            self._walks[key] = _Walk(self.ctx.n_states, arcs)
        return self._walks[key]

    def stable(self, concept: str, dm: str, plain: BoolArray) -> BoolArray:
        """The states stable for ``dm`` under ``concept`` and the extension.

        ``plain`` is the plain concept's answer; it is kept wherever the pairs cannot change
        it (see the module docstring).
        """
        out = np.array(plain, dtype=bool, copy=True)
        touched = self.touched(dm)
        if concept == "nash":
            for s in touched:
                out[s] = not self.deterred(dm, s)
            return out
        if concept not in ("gmr", "smr", "seq"):  # pragma: no cover - callers check
            raise ValueError(concept)
        if concept == "seq" and any(self.credible(d)[1] for d in self.ctx.dm_names if d != dm):
            floor = self.walk(dm, "credible").least(self.ctx.payoffs[dm])
            out = every_improvement_sanctioned(
                self.ctx.improvements[dm], self.ctx.payoffs[dm], floor
            )
        if not touched:
            return out
        reached = self._reach_sanctions(concept, dm, touched)
        for b, s in enumerate(touched):
            targets = self.deterred(dm, s)
            column = reached[targets, b >> 6] if targets else reached[:0, 0]
            out[s] = bool(((column >> np.uint64(b & 63)) & np.uint64(1)).all())
        return out

    def answered(self, concept: str, dm: str, state: int) -> list[int]:
        """The moves in M(state) that the other DMs can answer with a sanction (gmr, smr, seq)."""
        reached = self._reach_sanctions(concept, dm, [state])
        return [q for q in self.deterred(dm, state) if reached[q, 0] & np.uint64(1)]

    def _reach_sanctions(self, concept: str, dm: str, states: list[int]) -> NDArray[np.uint64]:
        """Per state x, bit b set when the others can go from x to a sanction of ``states[b]``
        by a legal sequence (for SMR: a sanction no counter-move of ``dm`` escapes)."""
        kind: Kind = "credible" if concept == "seq" else "any"
        bits = np.zeros((self.ctx.n_states, (len(states) + 63) // 64), dtype=np.uint64)
        own = self.ctx.moves[dm]
        for b, s in enumerate(states):
            mark = self.sanctions(dm, s)
            if concept == "smr":  # no counter-move of dm may escape the sanction
                escape = np.zeros(self.ctx.n_states, dtype=bool)
                escape[own.src[~mark[own.dst]]] = True
                mark &= ~escape
            bits[mark, b >> 6] |= np.uint64(1 << (b & 63))
        return self.walk(dm, kind).reached(bits)


class _Walk:
    """Legal sequences of some DMs' moves from every state at once (gmcr-spec §3.2).

    Nodes are pairs (state, last mover); an arc (x, j) → (y, k) needs k ≠ j and
    (x, y) ∈ A_k.  A sequence starts with any DM's move from the start state, so an empty
    sequence never counts and a state is reached from itself only through a real cycle.
    The arcs are never listed per node: with T_k(x) the fold over ``k``'s moves from ``x``
    of what nodes (y, k) hold, node (x, j) holds its own value folded with T_k(x) for every
    k ≠ j, and each round costs one pass over each DM's moves.
    """

    def __init__(self, n_states: int, arcs: list[Arcs]) -> None:
        self.n = n_states
        self.arcs = arcs
        self.rows = []
        for a in arcs:
            rows, starts = np.unique(a.src, return_index=True)  # a.src is sorted
            self.rows.append((rows, starts))

    def _fold(self, held: NDArray[Any], ufunc: Any, unit: Any) -> NDArray[Any]:
        """T_k for every k: per state, ``ufunc`` of ``held[k]`` over ``k``'s moves from it."""
        out = np.full(held.shape, unit, dtype=held.dtype)
        for k, (a, (rows, starts)) in enumerate(zip(self.arcs, self.rows, strict=True)):
            if rows.size:
                out[k, rows] = ufunc.reduceat(held[k, a.dst], starts, axis=0)
        return out

    def _reach(self, values: NDArray[Any], ufunc: Any, unit: Any) -> NDArray[Any]:
        """Per state, ``ufunc`` of ``values`` over the ends of legal sequences from it."""
        m = len(self.arcs)
        if m == 0:
            return np.full(values.shape, unit, dtype=values.dtype)
        held = np.broadcast_to(values, (m, *values.shape)).copy()  # node (x, k) = held[k, x]
        while True:
            step = self._fold(held, ufunc, unit)
            new = np.empty_like(held)
            for j in range(m):
                acc = values.copy()
                for k in range(m):
                    if k != j:  # DM k may move after DM j, never after itself
                        ufunc(acc, step[k], out=acc)
                new[j] = acc
            if np.array_equal(new, held):
                break
            held = new
        first: NDArray[Any] = step[0].copy()
        for k in range(1, m):
            ufunc(first, step[k], out=first)
        return first

    def least(self, values: IntArray) -> IntArray:
        """Per state, the least of ``values`` over the ends of legal sequences from it
        (:data:`~accord.core.stability.context.NO_SANCTION` where nobody can move)."""
        out: IntArray = self._reach(np.asarray(values, dtype=np.int64), np.minimum, NO_SANCTION)
        return out

    def reached(self, bits: NDArray[np.uint64]) -> NDArray[np.uint64]:
        """Per state, the OR of ``bits`` (states × words) over the ends of legal sequences."""
        out: NDArray[np.uint64] = self._reach(bits, np.bitwise_or, 0)
        return out
