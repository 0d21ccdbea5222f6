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
