"""Inverse analysis: the constraint model's answers against brute force over permutations."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accord import Conflict, PayoffVector
from accord.core.analysis.inverse import current_ranking, inverse
from accord.errors import AnalysisError, StateReferenceError
from cases.loader import load_case
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Brute-force counts over Syria's 720 strict rankings (Iraq fixed), target state 2.
SYRIA_COUNTS = {"nash": 240, "gmr": 384, "smr": 300, "seq": 384}


@pytest.fixture(scope="module")
def syria() -> Conflict:
    conflict, _ = load_case("syria_iraq")
    return conflict


def _syria_brute_force(conflict: Conflict) -> dict[str, int]:
    """Every strict ranking of Syria as a PayoffVector, checked by the oracle."""
    m = len(conflict.states)
    counts = dict.fromkeys(CONCEPTS, 0)
    for ranking in itertools.permutations(range(1, m + 1)):
        values = np.zeros(m, dtype=np.int64)
        for p, sid in enumerate(ranking):
            values[sid - 1] = m - 1 - p
        variant = conflict.replace(
            preferences={**conflict.preferences, "Syria": PayoffVector(values)}
        )
        oracle = Oracle(variant)
        for concept in CONCEPTS:
            counts[concept] += oracle.is_equilibrium(concept, 2)
    return counts


def test_syria_counts_match_brute_force(syria: Conflict) -> None:
    assert SYRIA_COUNTS == _syria_brute_force(syria)
    for concept, expected in SYRIA_COUNTS.items():
        result = inverse(syria, 2, ["Syria"], concept=concept, count=True)
        assert result.feasible is True
        assert result.exact
        assert expected == result.count == result.lower == result.upper
        assert 720 == result.total
        assert result.example is not None
        oracle = Oracle(syria)
        oracle.rerank("Syria", result.example["Syria"])
        assert oracle.is_equilibrium(concept, 2)


def test_syria_nash_240_and_result_fields(syria: Conflict) -> None:
    result = inverse(syria, "release_water & -attack", ["Syria"], count=True)
    assert 240 == result.count
    assert 2 == result.target_id
    assert ("Syria",) == result.vary
    assert {"Syria": ((0, 6),)} == dict(result.ranges)
    assert (1, 3, 6, 2, 4, 5) == result.current["Syria"]  # the handout's ranking
    assert "nash" == result.parameters["concept"]
    with pytest.raises(AttributeError):
        result.count = 3  # type: ignore[misc]


def test_without_count_only_feasibility(syria: Conflict) -> None:
    result = inverse(syria, 2, ["Syria"], concept="smr")
    assert result.feasible is True
    assert result.count is None
    assert not result.counted
    assert 1 == result.lower
    assert 720 == result.upper


def test_target_unstable_for_a_fixed_dm_is_blocked() -> None:
    from accord.io import read_model

    elmira = read_model("examples/elmira.yaml")
    result = inverse(elmira, 5, ["MoE"], count=True)
    assert result.feasible is False
    assert 0 == result.count
    assert ("Local Government",) == result.blocking
    assert result.example is None


def test_time_limit_gives_bounds(syria: Conflict) -> None:
    from accord.io import read_model

    elmira = read_model("examples/elmira.yaml")
    result = inverse(elmira, 7, ["MoE", "Uniroyal"], concept="seq", count=True, time_limit=0.5)
    assert result.feasible is True
    assert result.count is None
    assert not result.exact
    assert 1 <= result.lower <= result.upper == result.total == math.factorial(12) ** 2
    assert any("time limit" in note for note in result.notes)


def test_time_limit_also_bounds_building_the_solver_model() -> None:
    """The flagship's SEQ model takes minutes to build: a spent time limit leaves it undecided."""
    from accord.io import read_model

    flagship = read_model("examples/ukraine-peace-talks-2026.yaml")
    result = inverse(flagship, 198, ["Russia"], concept="seq", count=True, time_limit=0.0)
    assert result.feasible is None
    assert not result.exact
    assert result.example is None
    assert any("ran out before the solver could tell" in note for note in result.notes)


def test_gmr_counts_large_model_exactly_through_subsets() -> None:
    from accord.io import read_model

    elmira = read_model("examples/elmira.yaml")
    result = inverse(elmira, 7, ["MoE"], concept="gmr", count=True, time_limit=30)
    assert result.exact
    assert 410_572_800 == result.count
    assert math.factorial(12) == result.total


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"vary": ["Syra"]}, "did you mean 'Syria'?"),
        ({"vary": []}, "at least one decision maker"),
        ({"vary": ["Syria"], "concept": "lh:2"}, "not supported"),
        ({"vary": ["Syria"], "concept": "nm"}, "not supported"),
        ({"vary": ["Syria"], "concept": "gmx"}, "did you mean 'gmr'?"),
        ({"vary": ["Syria"], "ranges": {"Syria": [(3, 9)]}}, "0 ≤ a < b ≤ 6"),
        ({"vary": ["Syria"], "ranges": {"Syria": [(2, 2)]}}, "0 ≤ a < b ≤ 6"),
        ({"vary": ["Syria"], "ranges": {"Syria": [(0, 3), (2, 4)]}}, "overlap"),
        ({"vary": ["Syria"], "ranges": {"Iraq": [(0, 3)]}}, "not varied"),
        ({"vary": ["Syria"], "ranges": {"Irak": [(0, 3)]}}, "did you mean 'Iraq'?"),
    ],
)
def test_bad_requests_are_analysis_errors(syria: Conflict, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    vary = kwargs.pop("vary")
    with pytest.raises(AnalysisError, match=message):
        inverse(syria, 2, vary, **kwargs)


def test_unknown_target(syria: Conflict) -> None:
    with pytest.raises(StateReferenceError):
        inverse(syria, 99, ["Syria"])


# -- brute force on random small models -------------------------------------------------


def _rankings(base: list[int], ranges: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Every ranking that permutes ``base`` (ids best first) inside each range."""
    pieces = [itertools.permutations(base[a:b]) for a, b in ranges]
    out = []
    for combo in itertools.product(*pieces):
        ranking = list(base)
        for (a, b), perm in zip(ranges, combo, strict=True):
            ranking[a:b] = perm
        out.append(tuple(ranking))
    return out


def _brute(
    conflict: Conflict, target_id: int, concept: str, ranges: dict[str, list[tuple[int, int]]]
) -> tuple[int, dict[str, list[int]]]:
    oracle = Oracle(conflict)
    base = {
        dm: sorted(oracle.ids, key=lambda s, dm=dm: (-oracle.payoff[dm][s], s)) for dm in ranges
    }
    choices = [_rankings(base[dm], rs) for dm, rs in ranges.items()]
    count = 0
    for combo in itertools.product(*choices):
        for dm, ranking in zip(ranges, combo, strict=True):
            oracle.rerank(dm, ranking)
        count += oracle.is_equilibrium(concept, target_id)
    return count, base


def _check(
    conflict: Conflict,
    target_id: int,
    concept: str,
    ranges: dict[str, list[tuple[int, int]]],
    count: bool = True,
) -> None:
    expected, base = _brute(conflict, target_id, concept, ranges)
    result = inverse(conflict, target_id, list(ranges), concept=concept, ranges=ranges, count=count)
    assert result.feasible is (expected > 0)
    for dm in ranges:
        assert tuple(base[dm]) == result.current[dm]
    if count:
        assert result.exact
        assert expected == result.count
    if expected:
        assert result.example is not None
        oracle = Oracle(conflict)
        for dm, rs in ranges.items():
            ranking = result.example[dm]
            assert ranking in _rankings(base[dm], rs)
            oracle.rerank(dm, ranking)
        assert oracle.is_equilibrium(concept, target_id)


@st.composite
def _range(draw: st.DrawFn, m: int, max_width: int) -> tuple[int, int]:
    width = draw(st.integers(1, min(max_width, m)))
    a = draw(st.integers(0, m - width))
    return a, a + width


FAST = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


@settings(FAST, max_examples=100)
@given(
    conflict=small_conflicts(max_dms=3, max_options=5, graph=True),
    concept=st.sampled_from(CONCEPTS),
    data=st.data(),
)
def test_one_dm_with_a_rank_range_matches_brute_force(
    conflict: Conflict, concept: str, data: st.DataObject
) -> None:
    m = len(conflict.states)
    assume(m >= 2)
    dm = data.draw(st.sampled_from(conflict.dm_names))
    ranges = data.draw(st.lists(_range(m, 4), min_size=1, max_size=2))
    ranges = [
        r for k, r in enumerate(ranges) if all(r[1] <= s[0] or s[1] <= r[0] for s in ranges[:k])
    ]
    target = int(conflict.states.ids[data.draw(st.integers(0, m - 1))])
    _check(conflict, target, concept, {dm: ranges}, count=data.draw(st.booleans()))


@settings(FAST, max_examples=80)
@given(
    conflict=small_conflicts(max_dms=3, max_options=5, graph=True),
    concept=st.sampled_from(CONCEPTS),
    data=st.data(),
)
def test_two_dms_with_rank_ranges_match_brute_force(
    conflict: Conflict, concept: str, data: st.DataObject
) -> None:
    m = len(conflict.states)
    assume(m >= 2)
    dms = data.draw(st.permutations(conflict.dm_names))[:2]
    ranges = {dm: [data.draw(_range(m, 3 if k else 4))] for k, dm in enumerate(dms)}
    target = int(conflict.states.ids[data.draw(st.integers(0, m - 1))])
    _check(conflict, target, concept, ranges)


@settings(FAST, max_examples=40)
@given(
    conflict=small_conflicts(max_dms=3, max_options=3),
    concept=st.sampled_from(CONCEPTS),
    data=st.data(),
)
def test_whole_ranking_matches_brute_force(
    conflict: Conflict, concept: str, data: st.DataObject
) -> None:
    m = len(conflict.states)
    assume(2 <= m <= 5)
    dm = data.draw(st.sampled_from(conflict.dm_names))
    target = int(conflict.states.ids[data.draw(st.integers(0, m - 1))])
    _check(conflict, target, concept, {dm: [(0, m)]})


def test_current_ranking_breaks_ties_by_id() -> None:
    from accord import DecisionMaker, Option

    conflict = Conflict(
        "ties",
        (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
        {"A": PayoffVector(np.array([1, 2, 1, 2])), "B": PayoffVector(np.array([0, 0, 0, 0]))},
    )
    assert [1, 3, 0, 2] == current_ranking(conflict, "A")
    assert [0, 1, 2, 3] == current_ranking(conflict, "B")
