"""What every stability concept needs, computed once per model: payoffs, moves, floors.

The sanction tests of GMR, SMR and SEQ (gmcr-spec §4) all ask, for a focal DM ``i`` and an
improvement ``s1`` of ``i`` from ``s``: what is the least the other DMs can leave ``i`` with,
starting from ``s1``?  :meth:`Context.floor` answers it for every ``s1`` at once.

Two ways of walking the opponents' moves give the same stability results:

*general* — nodes are pairs (state, last mover) and an arc ``(x, j) → (y, k)`` needs
``k ≠ j`` and ``(x, y) ∈ A_k``: exactly the legal sequences of §3.2 (no DM twice in a row,
any length, a DM may move again after another has).  Any model, graph form included.

*plain* (option form only) — nodes are states, arcs the union of the opponents' moves (or
improvements), walks of any length ≥ 0.  Why this is enough: in option form two consecutive
moves of one DM ``j``, ``x → y → z``, change only ``j``'s options, keep ``x`` and ``z``
feasible and, because each option changes monotonically along each step
(``take_only``: 0 ≤ 0/1 ≤ 1; ``withdraw_only`` the reverse), respect reversibility from
``x`` to ``z``; so ``x → z`` is one move of ``j`` when ``z ≠ x``, and nothing when ``z = x``.
For improvements, ``P_j(z) > P_j(y) > P_j(x)`` makes ``x → z`` an improvement too.  Merging
repeated movers therefore turns every walk into a legal sequence with the same end, except
that a walk may come back to its start.  The only extra state a plain walk from ``s1`` can
reach is ``s1`` itself, and ``s1`` never sanctions: ``P_i(s1) > P_i(s)`` because ``s1`` is an
improvement, and for SMR the value compared is at least ``P_i(s1)``.  So the reflexive floor
decides every test exactly as the legal-sequence floor does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np

from accord._types import IntArray
from accord.core.moves import Arcs, improvements, moves_from, unilateral_moves
from accord.core.reach import reach_min

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.stability.cube import Cube

__all__ = ["NO_SANCTION", "Context", "Method"]

#: The floor of a state from which the opponents cannot move at all.
NO_SANCTION = np.iinfo(np.int64).max

Method = Literal["auto", "fast", "general", "plain"]


@dataclass(eq=False)
class Context:
    """Payoffs, moves and sanction floors of one model, computed lazily and kept.

    Parameters
    ----------
    conflict
        The model.
    method
        ``"auto"`` walks plain state graphs in option form and (state, last mover) graphs in
        graph form; ``"general"`` forces the latter everywhere (used to cross-check).
    """

    conflict: Conflict
    method: Method = "auto"
    _floors: dict[tuple[str, str], IntArray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.method == "plain" and self.conflict.is_graph_form:
            raise ValueError("the plain walk is valid only in option form")

    @property
    def n_states(self) -> int:
        """Number of feasible states."""
        return len(self.conflict.states)

    @property
    def dm_names(self) -> tuple[str, ...]:
        """Decision makers in model order."""
        return self.conflict.dm_names

    @property
    def payoffs(self) -> Mapping[str, IntArray]:
        """Each DM's ordinal payoff per state."""
        return self.conflict.payoffs

    @cached_property
    def moves(self) -> dict[str, Arcs]:
        """Each DM's unilateral moves."""
        return {dm: unilateral_moves(self.conflict, dm) for dm in self.dm_names}

    @cached_property
    def improvements(self) -> dict[str, Arcs]:
        """Each DM's unilateral improvements."""
        return {dm: improvements(self.moves[dm], self.payoffs[dm]) for dm in self.dm_names}

    @property
    def general(self) -> bool:
        """Whether floors walk (state, last mover) pairs."""
        return self.method == "general" or self.conflict.is_graph_form

    @cached_property
    def best_move(self) -> dict[str, IntArray]:
        """For each DM and state ``x``, max(P(x), the best payoff one move away)."""
        out = {}
        for dm in self.dm_names:
            pay = self.payoffs[dm]
            arcs = self.moves[dm]
            best = pay.copy()
            np.maximum.at(best, arcs.src, pay[arcs.dst])
            out[dm] = best
        return out

    @cached_property
    def cube(self) -> Cube:
        """The fast option-form engine over all option assignments (option form only)."""
        from accord.core.stability.cube import Cube

        return Cube(self.conflict)

    #: Above this many states, one state's moves are generated when asked, not all listed.
    LISTED_UP_TO = 1 << 15

    def targets(self, dm: str, state: int, improving: bool = False) -> IntArray:
        """``dm``'s moves (or improvements) from one state, as state indices."""
        if self.conflict.is_graph_form or self.n_states <= self.LISTED_UP_TO:
            arcs = self.improvements if improving else self.moves
            return arcs[dm].targets(state)
        found = moves_from(self.conflict, dm, state)
        if improving:
            pay = self.payoffs[dm]
            found = found[pay[found] > pay[state]]
        return found

    def best_at(self, dm: str, state: int) -> int:
        """max(P(x), the best payoff ``dm`` reaches in one move from x) for one state."""
        pay = self.payoffs[dm]
        found = self.targets(dm, state)
        return int(max(pay[state], pay[found].max())) if found.size else int(pay[state])

    def floor(self, dm: str, kind: Literal["gmr", "smr", "seq"]) -> IntArray:
        """For every state ``q``: the least value the other DMs can leave ``dm`` with from ``q``.

        ``gmr``: min P_dm over R_{N−dm}(q); ``seq``: the same over R⁺_{N−dm}(q);
        ``smr``: min over R_{N−dm}(q) of max(P_dm(x), best payoff of ``dm``'s moves from x).
        In the plain walk ``q`` itself may be included (see the module docstring); where
        the opponents cannot move, the general walk gives :data:`NO_SANCTION`.
        """
        key = (dm, kind)
        if key not in self._floors:
            values = self.best_move[dm] if kind == "smr" else self.payoffs[dm]
            arcs = self.improvements if kind == "seq" else self.moves
            others = [d for d in self.dm_names if d != dm]
            if self.general:
                self._floors[key] = _general_floor(self.n_states, [arcs[d] for d in others], values)
            else:
                self._floors[key] = _plain_floor(self.n_states, [arcs[d] for d in others], values)
        return self._floors[key]


def _plain_floor(n: int, arcs: list[Arcs], values: IntArray) -> IntArray:
    src = np.concatenate([a.src for a in arcs]) if arcs else np.zeros(0, np.int64)
    dst = np.concatenate([a.dst for a in arcs]) if arcs else np.zeros(0, np.int64)
    return reach_min(n, src, dst, values)


def _general_floor(n: int, arcs: list[Arcs], values: IntArray) -> IntArray:
    """Min of ``values`` over the ends of legal sequences, by (state, last mover) nodes."""
    m = len(arcs)
    node_values = np.repeat(values, m)  # node (x, k) = x * m + k carries values[x]
    srcs, dsts = [], []
    for k, a in enumerate(arcs):
        for j in range(m):
            if j != k:  # DM k may move after DM j, never after itself
                srcs.append(a.src * m + j)
                dsts.append(a.dst * m + k)
    if srcs:
        held = reach_min(n * m, np.concatenate(srcs), np.concatenate(dsts), node_values)
    else:
        held = node_values
    floor = np.full(n, NO_SANCTION, dtype=np.int64)
    for k, a in enumerate(arcs):  # first step: any opponent from q
        np.minimum.at(floor, a.src, held[a.dst * m + k])
    return floor
