"""The variant engine: every route gives the equilibria of building and analysing the variant."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.analysis.robustness._reach import least_reachable
from accord.core.analysis.robustness.engine import VariantEngine, variant_conflict
from accord.core.analysis.robustness.ensemble import evaluate_batch, plan_variants
from accord.core.analysis.robustness.variants import variant_space
from accord.core.analysis.stability import analyze
from accord.core.reach import reach_min
from accord.io import read_model
from strategies import uncertain_conflicts

FERRY = Path(__file__).with_name("ferry.yaml")
CONCEPTS = ("nash", "gmr", "smr", "seq")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_least_reachable_equals_reach_min(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 30))
    arcs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80))
    values = np.array(data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    src = np.array([a for a, _ in arcs], dtype=np.int64)
    dst = np.array([b for _, b in arcs], dtype=np.int64)
    assert reach_min(n, src, dst, values).tolist() == least_reachable(n, src, dst, values).tolist()


def _agree(conflict, choices, routes) -> None:  # type: ignore[no-untyped-def]
    """Each route's equilibria equal those of building the variant and analysing it."""
    space = variant_space(conflict)
    engines = {r: VariantEngine(conflict, space, extension="a", route=r) for r in routes}
    pairs = {dm: conflict.unknown_pairs(dm) for dm in conflict.dm_names}
    expected: dict[tuple[int, ...], object] = {}
    for choice in choices:
        if choice not in expected:
            variant = variant_conflict(conflict, space.preferences(choice))
            expected[choice] = analyze(variant, CONCEPTS, unknown=pairs)
        for route, engine in engines.items():
            got = engine.equilibria(choice, CONCEPTS)
            for c in CONCEPTS:
                want = expected[choice].results[c].equilibria  # type: ignore[attr-defined]
                assert want.tolist() == got[c].tolist(), (route, c)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uncertain_conflicts(max_dms=4, max_options=6, graph=True), st.integers(0, 2**31))
def test_every_route_equals_analysing_the_variant(conflict, seed) -> None:  # type: ignore[no-untyped-def]
    space = variant_space(conflict)
    choices = [tuple(int(v) for v in row) for row in space.sample(2, seed)]
    choices += choices[:1]  # a repeat comes from the memo
    routes = ["auto"] if conflict.is_graph_form else ["arcs", "cube"]
    _agree(conflict, choices, routes)


@pytest.mark.parametrize("extension", ["a", "b", "c", "d"])
def test_unknown_pairs_follow_the_extension(extension: str) -> None:
    from accord.core.uncertainty import Uncertainty

    conflict = read_model(FERRY)
    blocks = dict(conflict.uncertainty)
    blocks["Ministry"] = Uncertainty(probable=blocks["Ministry"].probable, unknown=((1, 2), (3, 9)))
    blocks["Operator"] = Uncertainty(
        unordered=blocks["Operator"].unordered, unknown=((1, 5), (9, 10))
    )
    conflict = conflict.replace(uncertainty=blocks)
    space = variant_space(conflict)
    pairs = {dm: conflict.unknown_pairs(dm) for dm in conflict.dm_names}
    for route in ("arcs", "cube", "plain"):
        engine = VariantEngine(conflict, space, extension=extension, route=route)
        for choice, _ in list(space.enumerate())[::5]:
            variant = variant_conflict(conflict, space.preferences(choice))
            expected = analyze(variant, CONCEPTS, unknown=pairs, extension=extension)
            got = engine.equilibria(choice, CONCEPTS)
            for c in CONCEPTS:
                assert expected.results[c].equilibria.tolist() == got[c].tolist(), (route, c)


def test_the_ferry_model_over_every_variant() -> None:
    conflict = read_model(FERRY)
    plan = plan_variants(variant_space(conflict), 100, seed=0)
    _agree(conflict, [plan.choice(k) for k in range(len(plan))], ["arcs", "cube", "plain"])


def test_a_batch_packs_each_variant_as_bits() -> None:
    conflict = read_model(FERRY)
    space = variant_space(conflict)
    engine = VariantEngine(conflict, space)
    choices = [c for c, _ in space.enumerate()][:5]
    batch = evaluate_batch(engine, choices, CONCEPTS, worker="here")
    assert 5 == len(batch)
    assert "here" == batch.worker
    for r, choice in enumerate(choices):
        expected = engine.equilibria(choice, CONCEPTS)
        for c in CONCEPTS:
            assert expected[c].tolist() == batch.unpack(c)[r].tolist()
    assert engine.memo_hits > 0
