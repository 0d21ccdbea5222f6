"""Uncertain preferences in the core: validation, unknown pairs, and the variant space."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.analysis.robustness import Item, VariantSpace, variant_space
from accord.core.model import Conflict, DecisionMaker, Option, Ranking, Statement, Statements
from accord.core.provenance import Evidence
from accord.core.uncertainty import MAX_GROUP, Alternative, Probable, Uncertainty
from accord.core.validate import element_refs
from accord.errors import ModelError, Problem
from strategies import uncertain_conflicts

US = ("ceasefire", "pressure IF -ceasefire", "aid", "-pressure", "aid & ceasefire")


def model(**uncertainty: Uncertainty) -> Conflict:
    """US (statements) and RU (a ranking of its 8 states in two ties)."""
    return Conflict(
        "toy",
        (
            DecisionMaker("US", (Option("pressure"), Option("aid"))),
            DecisionMaker("RU", (Option("ceasefire"),)),
        ),
        {
            "US": Statements((*US[:2], Statement(US[2], "more aid"), *US[3:])),
            "RU": Ranking(((1, 2, 3, 4), (5, 6, 7, 8))),
        },
        uncertainty=uncertainty,
    )


def problems(**uncertainty: Uncertainty) -> list[Problem]:
    with pytest.raises(ModelError) as info:
        model(**uncertainty)
    return list(info.value.problems)


def one(**uncertainty: Uncertainty) -> Problem:
    found = problems(**uncertainty)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# -- the types -------------------------------------------------------------------------------


def test_defaults_and_normalisation() -> None:
    u = Uncertainty(unordered=[[2, 3]], unknown=[[1, "aid"]])  # type: ignore[list-item]
    assert ((2, 3),) == u.unordered
    assert ((1, "aid"),) == u.unknown
    assert not Uncertainty(unknown=((1, 2),)).varies
    assert Uncertainty(probable=(Probable(0, 0.5),)).varies
    alt = Alternative(["a", Statement("b", "B")], 0.25)  # type: ignore[arg-type]
    assert Statements(("a", Statement("b", "B"))) == alt.statements
    assert 0.75 == Uncertainty(alternatives=(alt,)).base_weight


def test_a_valid_model_keeps_its_uncertainty_read_only() -> None:
    u = Uncertainty(unordered=((2, 3),), probable=(Probable(4, 0.5),))
    c = model(US=u)
    assert {"US": u} == dict(c.uncertainty)
    with pytest.raises(TypeError):
        c.uncertainty["RU"] = Uncertainty()  # type: ignore[index]
    assert {} == dict(model().uncertainty)


def test_unknown_pairs_are_state_indices() -> None:
    c = model(
        US=Uncertainty(unknown=((1, "pressure & aid & ceasefire"), (3, 2))),
        RU=Uncertainty(unknown=((5, 6),)),
    )
    assert ((0, 7), (2, 1)) == c.unknown_pairs("US")
    assert ((4, 5),) == c.unknown_pairs("RU")
    assert () == model().unknown_pairs("US")
    with pytest.raises(KeyError):
        c.unknown_pairs("EU")


def test_element_refs_name_each_uncertainty_block() -> None:
    c = model(US=Uncertainty(probable=(Probable(1, 0.5),)))
    refs = element_refs(c)
    assert "US.uncertainty" in refs
    assert "RU.uncertainty" not in refs
    assert refs.index("US.uncertainty") == refs.index("US.preferences[4]") + 1
    c.replace(evidence=(Evidence("US.uncertainty", note="the analyst's reading"),))
    with pytest.raises(ModelError, match=r"'RU\.uncertainty', which is not an element"):
        c.replace(evidence=(Evidence("RU.uncertainty"),))


# -- validation ------------------------------------------------------------------------------


def test_unknown_decision_maker() -> None:
    p = one(Us=Uncertainty(unordered=((0, 1),)))
    assert ("uncertainty", "Us") == p.path
    assert "uncertainty is given for 'Us', which is not a decision maker" == p.message
    assert "did you mean 'US'?" == p.hint


def test_a_ranking_allows_only_unknown_pairs() -> None:
    found = problems(
        RU=Uncertainty(
            unordered=((0, 1),),
            probable=(Probable(0, 0.5),),
            alternatives=(Alternative(Statements(("ceasefire",)), 0.5),),
            unknown=((1, 2),),
        )
    )
    assert [("uncertainty", "RU", k) for k in ("unordered", "probable", "alternatives")] == [
        p.path for p in found
    ]
    assert found[0].message == (
        "'unordered' needs prioritised statements, but the preferences of 'RU' are a "
        "ranking; only 'unknown' pairs can be given for it"
    )
    model(RU=Uncertainty(unknown=((1, 2),)))


def test_statement_indices_out_of_range() -> None:
    found = problems(
        US=Uncertainty(unordered=((0, 5),), probable=(Probable(-1, 0.5),)),
    )
    assert [
        ("uncertainty", "US", "unordered", 0, 1),
        ("uncertainty", "US", "probable", 0, "statement"),
    ] == [p.path for p in found]
    assert "US has no statement 5: its statements are numbered 0 to 4" == found[0].message
    assert "US has no statement -1: its statements are numbered 0 to 4" == found[1].message


def test_a_statement_named_by_text_in_code_is_refused() -> None:
    p = one(US=Uncertainty(unordered=((0, "aid"),)))  # type: ignore[arg-type]
    assert ("uncertainty", "US", "unordered", 0, 1) == p.path
    assert "a whole number from 0 (got 'aid')" in p.message


def test_groups_must_be_disjoint_and_hold_two_or_more() -> None:
    found = problems(US=Uncertainty(unordered=((0, 1), (1, 2), (3,), (4, 4))))
    assert [
        ("uncertainty", "US", "unordered", 1, 0),
        ("uncertainty", "US", "unordered", 2),
        ("uncertainty", "US", "unordered", 3, 1),
    ] == [p.path for p in found]
    assert found[0].message == (
        "statement 1 ('pressure IF -ceasefire') is in two groups of US; groups of unordered "
        "statements must not overlap"
    )
    assert "a group of unordered statements needs at least 2 statements (got 1)" == found[1].message
    assert "statement 4 ('aid & ceasefire') is listed twice in one group" == found[2].message


def test_groups_are_bounded() -> None:
    names = [f"o{i}" for i in range(MAX_GROUP + 1)]
    c = Conflict(
        "big",
        (DecisionMaker("A", tuple(Option(n) for n in names)), DecisionMaker("B", (Option("b"),))),
        {"A": Statements(tuple(names)), "B": Statements(("b",))},
    )
    c.replace(uncertainty={"A": Uncertainty(unordered=(tuple(range(MAX_GROUP)),))})
    with pytest.raises(ModelError, match=f"at most {MAX_GROUP} statements"):
        c.replace(uncertainty={"A": Uncertainty(unordered=(tuple(range(MAX_GROUP + 1)),))})


@pytest.mark.parametrize(
    ("probability", "hint"),
    [
        (0, "a statement that never holds is no preference; remove it from the list"),
        (-0.5, None),
        (1.5, "write a percentage as a fraction: 50% is 0.5"),
        (math.nan, None),
        (True, None),
    ],
)
def test_probability_must_be_in_zero_one(probability: Any, hint: str | None) -> None:
    p = one(US=Uncertainty(probable=(Probable(2, probability),)))
    assert ("uncertainty", "US", "probable", 0, "probability") == p.path
    assert p.message.startswith("a probability must be a number greater than 0 and at most 1")
    assert hint == p.hint


def test_a_statement_may_be_probable_once_and_also_in_a_group() -> None:
    model(US=Uncertainty(unordered=((1, 2),), probable=(Probable(1, 1.0), Probable(2, 0.1))))
    p = one(US=Uncertainty(probable=(Probable(1, 0.5), Probable(1, 0.2))))
    assert ("uncertainty", "US", "probable", 1, "statement") == p.path
    assert "statement 1 ('pressure IF -ceasefire') is given as probable twice" == p.message


def test_alternative_weights() -> None:
    alt = Statements(("aid",))
    model(US=Uncertainty(alternatives=tuple(Alternative(alt, w) for w in (0.1, 0.2, 0.7))))
    found = problems(US=Uncertainty(alternatives=(Alternative(alt, 0), Alternative(alt, -1.0))))
    assert [("uncertainty", "US", "alternatives", k, "weight") for k in (0, 1)] == [
        p.path for p in found
    ]
    assert "must be a number greater than 0 and at most 1 (got 0)" in found[0].message
    p = one(US=Uncertainty(alternatives=(Alternative(alt, 0.6), Alternative(alt, 0.5))))
    assert ("uncertainty", "US", "alternatives") == p.path
    assert p.message.startswith("the weights of the alternatives of US sum to 1.1; they must")


def test_alternative_statements_are_conditions_over_known_options() -> None:
    found = problems(
        US=Uncertainty(
            alternatives=(Alternative(Statements(("aid", "presure", "aid &")), 0.5),),
        )
    )
    assert [("uncertainty", "US", "alternatives", 0, "statements", k) for k in (1, 2)] == [
        p.path for p in found
    ]
    assert "unknown option 'presure' in a statement of an alternative of US" == found[0].message
    assert "did you mean 'pressure'?" == found[0].hint
    assert found[1].column == 6


@pytest.mark.parametrize(
    ("pair", "path", "words"),
    [
        ((1, 1), (), "the two states of an unknown pair must differ (both are state 1)"),
        ((1, "-aid & -pressure & -ceasefire"), (), "(both are state 1)"),
        ((1, 9), (1,), "no feasible state has id 9"),
        (("aid", 2), (0,), "matches 4 (states 3, 4, 7, 8)"),
        (("aid & nope", 2), (0,), "unknown option 'nope'"),
    ],
)
def test_unknown_pairs_name_two_different_states(
    pair: tuple[int | str, int | str], path: tuple[int, ...], words: str
) -> None:
    p = one(RU=Uncertainty(unknown=(pair,)))
    assert ("uncertainty", "RU", "unknown", 0, *path) == p.path
    assert words in p.message


def test_unknown_pair_conditions_need_states_with_options_in_graph_form() -> None:
    from accord.core.model import GraphForm, GraphState

    graph = GraphForm((GraphState(1), GraphState(2)), {"A": ((1, 2),)})
    c = Conflict(
        "g",
        (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
        {"A": Ranking(((1,), (2,))), "B": Ranking(((2,), (1,)))},
        graph=graph,
        uncertainty={"A": Uncertainty(unknown=((1, 2),))},
    )
    assert ((0, 1),) == c.unknown_pairs("A")
    with pytest.raises(ModelError, match="state 1 needs 'taken'"):
        c.replace(uncertainty={"A": Uncertainty(unknown=((1, "a"),))})


# -- the variant space -----------------------------------------------------------------------


def rich() -> Conflict:
    return model(
        US=Uncertainty(
            unordered=((3, 1),),
            probable=(Probable(1, 0.75), Probable(4, 0.4)),
            alternatives=(
                Alternative(Statements(("pressure", "ceasefire")), 0.3, "pressure first"),
                Alternative(Statements(("-aid",)), 0.2),
            ),
            unknown=((1, 2),),
        ),
        RU=Uncertainty(unknown=((1, 2),)),
    )


def test_items_in_model_order_with_readable_ways() -> None:
    space = variant_space(rich())
    assert [
        Item("US.unordered[0]", "US", "unordered",
             ("pressure IF -ceasefire > -pressure", "-pressure > pressure IF -ceasefire"),
             (0.5, 0.5)),
        Item("US.probable[0]", "US", "probable", ("kept", "dropped"), (0.75, 0.25)),
        Item("US.probable[1]", "US", "probable", ("kept", "dropped"), (0.4, 0.6)),
        Item("US.alternatives", "US", "alternatives",
             ("base", "pressure first", "alternatives[1]"), (0.5, 0.3, 0.2)),
    ] == list(space.items)  # fmt: skip
    assert 2 * 2 * 2 * 3 == space.size
    assert ("US",) == space.varied


def test_group_labels_use_statement_labels() -> None:
    space = variant_space(model(US=Uncertainty(unordered=((2, 0, 4),))))
    (item,) = space.items
    assert 6 == len(item.ways)
    assert "ceasefire > more aid > aid & ceasefire" == item.ways[0]
    assert all(math.isclose(w, 1 / 6) for w in item.weights)


def test_no_uncertainty_is_one_variant() -> None:
    c = model(RU=Uncertainty(unknown=((1, 2),)))
    space = variant_space(c)
    assert ((), 1) == (space.items, space.size)
    assert [((), 1)] == list(space.enumerate())
    assert (3, 0) == space.sample(3, seed=1).shape
    assert {} == space.preferences(())
    payoffs = space.payoffs(())
    assert all(np.array_equal(c.payoffs[dm], payoffs[dm]) for dm in c.dm_names)


def test_preferences_of_a_variant() -> None:
    space = variant_space(rich())
    texts = space.preferences((0, 0, 0, 0))["US"].texts
    assert US == texts
    # the group's statements swap places; probable statement 4 is dropped
    assert (US[0], US[3], US[2], US[1]) == space.preferences((1, 0, 1, 0))["US"].texts
    # a statement both in a group and probable is dropped from wherever it went
    assert (US[0], US[3], US[2]) == space.preferences((1, 1, 1, 0))["US"].texts
    # an alternative ignores the base list's items
    assert ("pressure", "ceasefire") == space.preferences((1, 1, 1, 1))["US"].texts
    assert ("-aid",) == space.preferences((0, 0, 0, 2))["US"].texts
    labelled = space.preferences((0, 0, 0, 0))["US"].items[2]
    assert Statement("aid", "more aid") == labelled


def test_a_choice_is_checked() -> None:
    space = variant_space(rich())
    with pytest.raises(ValueError, match="one value per item"):
        space.payoffs((0, 0))
    with pytest.raises(ValueError, match=r"item US.alternatives has values 0 to 2 \(got 3\)"):
        space.preferences((0, 0, 0, 3))
    with pytest.raises(ValueError, match="0 or more"):
        space.sample(-1, seed=0)


def test_enumeration_covers_the_space_with_probabilities_summing_to_one() -> None:
    space = variant_space(rich())
    listed = list(space.enumerate())
    assert space.size == len(listed)
    assert space.size == len({choice for choice, _ in listed})
    assert math.isclose(1.0, sum(p for _, p in listed))
    probability = dict(listed)
    assert math.isclose(0.5 * 0.25 * 0.4 * 0.3, probability[(1, 1, 0, 1)])


def test_sampling_is_deterministic_and_follows_the_weights() -> None:
    space = variant_space(rich())
    n = 20_000
    drawn = space.sample(n, seed=7)
    assert (n, 4) == drawn.shape
    assert np.array_equal(drawn, space.sample(n, seed=7))
    assert not np.array_equal(drawn, space.sample(n, seed=8))
    for column, item in enumerate(space.items):
        counts = np.bincount(drawn[:, column], minlength=len(item.ways)) / n
        for share, weight in zip(counts, item.weights, strict=True):
            # 4 standard deviations of a share of n draws is at most 0.0142
            assert abs(share - weight) < 0.015, (item.key, share, weight)


def test_values_of_weight_zero_are_never_drawn() -> None:
    alt = Statements(("aid",))
    c = model(
        US=Uncertainty(
            probable=(Probable(0, 1.0),),
            alternatives=(Alternative(alt, 0.5), Alternative(alt, 0.5)),
        )
    )
    space = variant_space(c)
    assert (1.0, 0.0) == space.items[0].weights
    assert 0.0 == space.items[1].weights[0]
    drawn = space.sample(5_000, seed=3)
    assert not drawn[:, 0].any()
    assert Counter(drawn[:, 1].tolist()).keys() == {1, 2}
    zero = [p for choice, p in space.enumerate() if choice[0] == 1 or choice[1] == 0]
    assert all(p == 0 for p in zero)


def _rebuilt(conflict: Conflict, space: VariantSpace, choice: tuple[int, ...]) -> Conflict:
    return conflict.replace(
        preferences={**conflict.preferences, **space.preferences(choice)},
        evidence=(),
        uncertainty={},
    )


def test_payoffs_of_each_variant_equal_the_rebuilt_model() -> None:
    c = rich()
    space = variant_space(c)
    for choice, _ in space.enumerate():
        expected = _rebuilt(c, space, choice).payoffs
        got = space.payoffs(choice)
        assert set(c.dm_names) == set(got)
        for dm in c.dm_names:
            assert np.array_equal(expected[dm], got[dm]), (choice, dm)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(uncertain_conflicts(max_dms=3, max_options=6), st.data())
def test_random_variants_have_the_payoffs_of_their_rebuilt_model(
    conflict: Conflict, data: st.DataObject
) -> None:
    space = variant_space(conflict)
    assert space.size == math.prod(len(item.ways) for item in space.items)
    for item in space.items:
        assert math.isclose(1.0, sum(item.weights))
    for _ in range(2):
        choice = tuple(
            data.draw(st.integers(0, len(item.ways) - 1), label=item.key) for item in space.items
        )
        rebuilt = _rebuilt(conflict, space, choice)
        got = space.payoffs(choice)
        for dm in conflict.dm_names:
            assert np.array_equal(rebuilt.payoffs[dm], got[dm]), dm
