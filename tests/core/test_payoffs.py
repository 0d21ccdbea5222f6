"""Option-prioritisation payoffs against a scorer written from gmcr-spec §7."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accord import Conflict, DecisionMaker, Option, Ranking, Statements
from accord.core.language import parse_condition, to_text
from accord.core.language.syntax import Expr
from oracle import plain_truth
from strategies import conditions

NAMES = ("a", "b", "c", "d", "e")


def reference_payoff(statements: list[Expr], codes: list[int]) -> list[int]:
    """Score Σ 2^(q−j)·[Ω_j true], then dense rank: 0 for the lowest score."""
    q = len(statements)
    scores = []
    for code in codes:
        taken = {n: bool(code >> t & 1) for t, n in enumerate(NAMES)}
        scores.append(
            sum(2 ** (q - j) for j, s in enumerate(statements, 1) if plain_truth(s, taken))
        )
    levels = sorted(set(scores))
    return [levels.index(s) for s in scores]


def _conflict(statements: list[str], infeasible: list[str] = ()) -> Conflict:  # type: ignore[assignment]
    return Conflict(
        "t",
        (
            DecisionMaker("A", (Option("a"), Option("b"), Option("c"))),
            DecisionMaker("B", (Option("d"), Option("e"))),
        ),
        {"A": Statements(tuple(statements)), "B": Statements(("d",))},
        infeasible=tuple(infeasible),
    )


@settings(max_examples=200)
@given(st.lists(conditions(NAMES, max_leaves=5), max_size=7))
def test_statement_payoffs_equal_reference(statements: list[Expr]) -> None:
    conflict = _conflict([to_text(s) for s in statements])
    codes = conflict.states.codes.tolist()
    assert reference_payoff(statements, codes) == conflict.payoffs["A"].tolist()


def test_more_important_statement_dominates_all_later_ones() -> None:
    conflict = _conflict(["a", "b", "c"])
    pay = conflict.payoffs["A"]
    a = conflict.states.mask("a")
    assert pay[a].min() > pay[~a].max()


def test_payoffs_are_dense_ranks_with_ties() -> None:
    conflict = _conflict(["a | b"])
    assert sorted(set(conflict.payoffs["A"].tolist())) == [0, 1]
    assert (conflict.payoffs["A"] == conflict.states.mask("a | b")).all()


def test_more_than_62_statements_still_rank_lexicographically() -> None:
    many = ["a", "b"] + ["c"] * 70
    pay = _conflict(many).payoffs["A"]
    few = _conflict(["a", "b", "c"]).payoffs["A"]
    assert few.tolist() == pay.tolist()


def test_ranking_payoffs_best_group_highest() -> None:
    base = Conflict(
        "r",
        (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
        {"A": Ranking(((2,), (1, 4), ("-a & b",))), "B": Statements(("b",))},
    )
    assert base.payoffs["A"].tolist() == [1, 2, 0, 1]
    assert np.array_equal(base.states.ids, np.arange(1, 5))


def test_state_codes_follow_dm_order_bit_zero_first() -> None:
    conflict = _conflict(["a"], infeasible=["a & b"])
    assert conflict.states.codes.tolist() == [c for c in range(32) if not (c & 1 and c & 2)]
    assert parse_condition("a & b")  # the infeasible condition parses
