"""Ordinal payoffs from prioritised statements or explicit rankings (gmcr-spec §7).

Statement ``j`` of ``q`` (1 = most important) weighs ``2**(q - j)``; a state's score is the sum
of the weights of the statements true there, which orders states exactly as the
lexicographic order of the statements' truth vectors.  Payoffs are the dense ranks of the
scores: 0 for the least preferred, equal scores are ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray, IntArray
from accord.core.language import parse_condition
from accord.core.model import PayoffVector, Ranking, Statements
from accord.core.states import cube_mask

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.states import StateSpace

__all__ = [
    "dense_rank_rows",
    "dense_ranks",
    "payoffs",
    "ranking_from_payoffs",
    "ranking_payoff",
    "statement_payoff",
]


def dense_rank_rows(truth: Sequence[BoolArray], n_states: int) -> IntArray:
    """Dense ranks of states by the lexicographic order of their truth vectors.

    ``truth[j]`` is statement ``j``'s mask (most important first).  Rank 0 is the least
    preferred; states with equal truth vectors share a rank.
    """
    if not truth:
        return np.zeros(n_states, dtype=np.int64)
    if len(truth) <= 62:
        score = np.zeros(n_states, dtype=np.int64)
        for row in truth:  # Horner: score = score*2 + truth; weights 2**(q-j)
            score <<= 1
            score |= row
        return dense_ranks(score, len(truth))
    # Beyond 62 statements the score overflows int64: rank whole truth vectors instead.
    packed = np.packbits(np.stack(truth, axis=1), axis=1)
    _, ranks = np.unique(packed, axis=0, return_inverse=True)
    return ranks.astype(np.int64).reshape(n_states)


def dense_ranks(score: IntArray, bits: int) -> IntArray:
    """Dense ranks (0 = lowest) of non-negative scores below ``2**bits``."""
    if bits <= 25:  # counting, not sorting: linear in the number of states
        present = np.zeros(1 << bits, dtype=bool)
        present[score] = True
        rank_of = np.cumsum(present, dtype=np.int64) - 1
        ranks: IntArray = rank_of[score]
        return ranks
    _, ranks = np.unique(score, return_inverse=True)
    return ranks.astype(np.int64).reshape(score.shape)


def statement_payoff(items: Sequence[str], space: StateSpace) -> IntArray:
    """Payoffs of prioritised statements (conditions, most important first) over ``space``."""
    exprs = [parse_condition(text) for text in items]
    k = len(space.option_names)
    if space.graph_form or len(space) < 4096 or len(exprs) > 30:
        return dense_rank_rows([space.mask(e) for e in exprs], len(space))
    # Large option-form models: score every assignment of the option cube at once; each
    # statement only spans the options it mentions until it is added in.
    dtype = np.uint8 if len(exprs) <= 8 else np.uint16 if len(exprs) <= 16 else np.uint32
    score = np.zeros((2,) * k, dtype=dtype)
    for expr in exprs:
        score <<= 1
        score |= cube_mask(expr, space.bits, k)
    return dense_ranks(space.restrict(score), len(exprs))


def ranking_payoff(ranking: Ranking, space: StateSpace) -> IntArray:
    """Payoffs of an explicit ranking: the best group gets the highest payoff."""
    out = np.empty(len(space), dtype=np.int64)
    top = len(ranking.groups) - 1
    for g, group in enumerate(ranking.groups):
        for ref in group:
            out[space.resolve(ref)] = top - g
    return out


def ranking_from_payoffs(payoff: IntArray, ids: IntArray) -> Ranking:
    """The ranking (best first, ties grouped) that a payoff vector over states induces."""
    order = np.lexsort((ids, -payoff))
    cuts = np.flatnonzero(np.diff(payoff[order])) + 1
    return Ranking(tuple(tuple(int(i) for i in ids[g]) for g in np.split(order, cuts)))


def payoffs(conflict: Conflict) -> dict[str, IntArray]:
    """Every decision maker's payoff vector, indexed like ``conflict.states``."""
    space = conflict.states
    out: dict[str, IntArray] = {}
    for dm in conflict.dm_names:
        pref = conflict.preferences[dm]
        if isinstance(pref, Statements):
            out[dm] = statement_payoff(pref.texts, space)
        elif isinstance(pref, PayoffVector):
            values = pref.values - int(pref.values.min())
            out[dm] = dense_ranks(values, max(1, int(values.max()).bit_length()))
        else:
            out[dm] = ranking_payoff(pref, space)
    return out
