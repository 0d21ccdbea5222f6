"""The fast option-form path (numpy and compiled) against the oracle, up to 2^10 states."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from accord.core.stability.cube import Cube
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")


def _agree(conflict) -> None:  # type: ignore[no-untyped-def]
    oracle = Oracle(conflict)
    plain, compiled = Cube(conflict, kernels=False), Cube(conflict, kernels=True)
    ids = conflict.states.ids
    for dm in conflict.dm_names:
        for concept in CONCEPTS:
            fast = plain.stable(concept, dm)
            assert np.array_equal(fast, compiled.stable(concept, dm)), (concept, dm)
            assert oracle.stable_ids(concept, dm) == ids[fast].tolist(), (concept, dm)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(max_dms=5, max_options=8))
def test_fast_path_equals_oracle(conflict) -> None:  # type: ignore[no-untyped-def]
    _agree(conflict)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(min_dms=3, max_dms=4, max_options=10))
def test_fast_path_equals_oracle_up_to_1024_states(conflict) -> None:  # type: ignore[no-untyped-def]
    _agree(conflict)


def test_fiber_orders_agree_for_few_and_many_levels() -> None:
    from accord.core.stability._kernels import fiber_order_kernel

    order = fiber_order_kernel()
    assert order is not None
    rng = np.random.default_rng(7)
    for top in (5, 5000):
        level = rng.integers(0, top + 1, size=(300, 64)).astype(np.uint32)
        got = order(level, top).astype(np.int64)
        expected = np.argsort(-level.astype(np.int64), axis=1, kind="stable")
        assert np.array_equal(expected, got)
