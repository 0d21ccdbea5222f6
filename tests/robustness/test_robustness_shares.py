"""Shares, Wilson intervals and sensitivities against hand computations and brute force."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from accord.core.analysis.robustness.aggregate import RunRecord, aggregate, wilson_interval
from accord.core.analysis.robustness.ensemble import (
    Plan,
    batch_size,
    batches,
    plan_variants,
)
from accord.core.analysis.robustness.variants import variant_space
from accord.errors import AnalysisError
from accord.io import read_model
from accord.reports.robustness import percent

FERRY = Path(__file__).with_name("ferry.yaml")


# -- the Wilson score interval ------------------------------------------------------------
# Worked by hand with z = 1.96 (z² = 3.8416): centre = (p + z²/2n) / (1 + z²/n) and
# half-width = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²).
@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # p = .34: centre .35940/1.038416 = .34594, half 1.88749 · .048374 = .09131
        (34, 100, 0.25463, 0.43725),
        # p = .5: centre .5, half 1.41605 · sqrt(.025 + .009604) = .26341
        (5, 10, 0.23659, 0.76341),
        # none of 10: low 0, high z²/(n + z²) = 3.8416/13.8416
        (0, 10, 0.0, 0.27754),
        # all of 10: low n/(n + z²) = 10/13.8416, high 1
        (10, 10, 0.72246, 1.0),
        # one of one: low 1/(1 + z²) = 1/4.8416
        (1, 1, 0.20654, 1.0),
    ],
)
def test_wilson_interval_matches_hand_computation(k: int, n: int, low: float, high: float) -> None:
    got = wilson_interval(k, n)
    assert low == pytest.approx(got[0], abs=5e-5)
    assert high == pytest.approx(got[1], abs=5e-5)


def test_wilson_interval_of_nothing_is_everything() -> None:
    assert (0.0, 1.0) == wilson_interval(0, 0)


def test_percent_never_rounds_a_hinge_to_a_certainty() -> None:
    assert "0 %" == percent(0.0)
    assert "<1 %" == percent(0.004)
    assert ">99 %" == percent(0.996)
    assert "100 %" == percent(1.0)
    assert "37.5 %" == percent(0.375, exact=True)
    assert "38 %" == percent(0.375)


# -- plans and batches -----------------------------------------------------------------------
def test_plan_enumerates_small_spaces_and_samples_large_ones() -> None:
    space = variant_space(read_model(FERRY))
    assert 32 == space.size
    whole = plan_variants(space, 32, seed=1)
    assert whole.enumerated
    assert 32 == len(whole)
    assert 1.0 == pytest.approx(float(whole.weights.sum()))
    assert 32 == len({whole.choice(k) for k in range(32)})
    drawn = plan_variants(space, 31, seed=1)
    assert not drawn.enumerated
    assert np.array_equal(drawn.choices, plan_variants(space, 31, seed=1).choices)
    assert not np.array_equal(drawn.choices, plan_variants(space, 31, seed=2).choices)


@pytest.mark.parametrize(("samples", "seed"), [(0, 1), (-5, 1), (10, -1)])
def test_plan_refuses_bad_samples_and_seeds(samples: int, seed: int) -> None:
    space = variant_space(read_model(FERRY))
    with pytest.raises(AnalysisError, match=r"samples|seed"):
        plan_variants(space, samples, seed)


def test_batches_take_half_a_second_but_leave_four_per_worker() -> None:
    assert 125 == batch_size(0.004, 10_000, 2)
    assert 50 == batch_size(0.004, 400, 2)
    assert 1 == batch_size(2.0, 3, 1)
    pieces = batches(10, 4)
    assert [range(4), range(4, 8), range(8, 10)] == pieces


# -- aggregation against brute force -------------------------------------------------------
def _record(plan: Plan) -> RunRecord:
    return RunRecord("h", "v", plan.seed, plan.samples, plan.enumerated, plan.space_size,
                     len(plan), 0, ("seq",), "a")  # fmt: skip


def _random_run(
    rng: np.random.Generator, enumerated: bool, n_states: int
) -> tuple[Plan, np.ndarray, list[tuple[str, ...]]]:
    """A random plan over three items and random equilibria that depend on the items."""
    ways = [("x", "y"), ("p", "q", "r"), ("kept", "dropped")]
    if enumerated:
        grid = np.array(np.meshgrid(*[np.arange(len(w)) for w in ways], indexing="ij"))
        choices = grid.reshape(3, -1).T.astype(np.int64)
        weights = rng.random(len(choices)) + 0.1
        weights /= weights.sum()
    else:
        choices = np.stack([rng.integers(0, len(w), 60) for w in ways], axis=1)
        weights = np.full(60, 1 / 60)
    n = len(choices)
    base = rng.random((1, n_states)) < 0.5
    flips = rng.random((n, n_states)) < 0.3
    eq = base ^ (flips & (choices[:, :1] == 1))  # item 0 matters, and some noise
    eq[:, 0] = True  # always
    eq[:, 1] = False  # never
    eq[:, 2] = choices[:, 0] == 0  # exactly item 0
    plan = Plan(choices, weights, enumerated, n if not enumerated else 100, 7, n)
    return plan, eq, ways


@pytest.mark.parametrize("enumerated", [True, False])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_aggregate_equals_brute_force(enumerated: bool, seed: int) -> None:
    from types import SimpleNamespace

    rng = np.random.default_rng(seed)
    conflict = read_model(FERRY)
    n_states = len(conflict.states)
    plan, eq, ways = _random_run(rng, enumerated, n_states)
    items = [
        SimpleNamespace(key=f"I{j}", dm="Union", kind="unordered", ways=w,
                        weights=tuple(1 / len(w) for w in w))
        for j, w in enumerate(ways)
    ]  # fmt: skip
    done = np.ones(len(plan), dtype=bool)
    result = aggregate(conflict, items, plan, {"seq": np.packbits(eq, axis=1)}, done, _record(plan))
    rows = {s.index: s for s in result.states["seq"]}
    status_quo = conflict.states.resolve(conflict.status_quo)
    focus = conflict.states.resolve(conflict.metadata.focus)
    assert set(rows) == set(np.flatnonzero(eq.any(axis=0)).tolist()) | {status_quo, focus}
    w = plan.weights
    for s, row in rows.items():
        held = eq[:, s]
        assert int(held.sum()) == row.count
        if enumerated:
            expected = sum(w[v] for v in range(len(plan)) if held[v]) / sum(w)
            assert expected == pytest.approx(row.share, abs=1e-12)
            assert (row.low, row.high) == (row.share, row.share)
        else:
            assert held.sum() / len(plan) == row.share
            assert wilson_interval(int(held.sum()), len(plan)) == (row.low, row.high)
        assert row.robust == (held.all() or not held.any())
        # Every item's conditional shares and swing, one variant at a time.
        swings = {}
        for j, item in enumerate(items):
            shares = []
            for v in range(len(item.ways)):
                picked = [r for r in range(len(plan)) if plan.choices[r, j] == v]
                if not picked:
                    continue
                if enumerated:
                    shares.append(sum(w[r] for r in picked if held[r]) / sum(w[r] for r in picked))
                else:
                    shares.append(sum(1 for r in picked if held[r]) / len(picked))
            swings[item.key] = max(shares) - min(shares)
        got = {e.item: e.swing for e in row.effects}
        if row.robust:
            assert {} == got
        else:
            assert {k: v for k, v in swings.items() if v > 1e-12} == pytest.approx(got)
            significant = [e.swing for e in row.effects if e.significant]
            assert significant == sorted(significant, reverse=True)
    # State 2 is exactly "item 0 takes its first value": item 0 swings it from 0 to 1.
    top = rows[2].effects[0]
    assert ("I0", 1.0) == (top.item, top.swing)
    assert [1.0, 0.0] == [way.share for way in top.ways]


def test_rows_put_the_status_quo_and_focus_first_then_share() -> None:
    rng = np.random.default_rng(5)
    conflict = read_model(FERRY)
    plan, eq, _ways = _random_run(rng, False, len(conflict.states))
    done = np.ones(len(plan), dtype=bool)
    result = aggregate(conflict, [], plan, {"seq": np.packbits(eq, axis=1)}, done, _record(plan))
    rows = result.states["seq"]
    assert ("status quo",) == rows[0].roles
    assert ("focus",) == rows[1].roles
    rest = [(-r.share, r.state) for r in rows[2:]]
    assert rest == sorted(rest)


def test_a_partial_enumeration_gives_exact_bounds() -> None:
    rng = np.random.default_rng(3)
    conflict = read_model(FERRY)
    plan, eq, _ways = _random_run(rng, True, len(conflict.states))
    done = np.zeros(len(plan), dtype=bool)
    done[: len(plan) // 2] = True
    result = aggregate(conflict, [], plan, {"seq": np.packbits(eq, axis=1)}, done, _record(plan))
    assert result.record.partial
    assert len(plan) // 2 == result.record.evaluated
    w = plan.weights
    missing = float(w[~done].sum())
    for row in result.states["seq"]:
        held = float(w[done & eq[:, row.index]].sum())
        assert held == pytest.approx(row.low)
        assert held + missing == pytest.approx(row.high)
        assert row.low <= row.share <= row.high or math.isclose(row.share, row.high)
