"""The engine equals the brute-force oracle on random small models, and the inclusions hold."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings

from accord.core.analysis.stability import analyze
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_against_oracle(conflict, method: str) -> None:  # type: ignore[no-untyped-def]
    result = analyze(conflict, CONCEPTS, method=method)  # type: ignore[arg-type]
    oracle = Oracle(conflict)
    assert oracle.ids == result.conflict.states.ids.tolist()
    for dm in conflict.dm_names:
        assert [oracle.payoff[dm][s] for s in oracle.ids] == conflict.payoffs[dm].tolist()
        for concept in CONCEPTS:
            assert oracle.stable_ids(concept, dm) == result.stable_ids(concept, dm), (concept, dm)


@SETTINGS
@given(small_conflicts(max_dms=5, max_options=8))
def test_option_form_engine_equals_oracle(conflict) -> None:  # type: ignore[no-untyped-def]
    _check_against_oracle(conflict, "auto")


@SETTINGS
@given(small_conflicts(max_dms=4, max_options=7, graph=True))
def test_graph_form_engine_equals_oracle(conflict) -> None:  # type: ignore[no-untyped-def]
    _check_against_oracle(conflict, "auto")


@SETTINGS
@given(small_conflicts(max_dms=4, max_options=7))
def test_plain_walk_equals_last_mover_walk(conflict) -> None:  # type: ignore[no-untyped-def]
    plain = analyze(conflict, CONCEPTS)
    general = analyze(conflict, CONCEPTS, method="general")
    for concept in CONCEPTS:
        for dm in conflict.dm_names:
            assert plain.stable_ids(concept, dm) == general.stable_ids(concept, dm)


@SETTINGS
@given(small_conflicts(max_dms=5, max_options=8, graph=True))
def test_inclusions(conflict) -> None:  # type: ignore[no-untyped-def]
    r = analyze(conflict, CONCEPTS).results
    for dm in conflict.dm_names:
        nash, gmr, smr, seq = (r[c].stable[dm] for c in CONCEPTS)
        assert not (nash & ~smr).any()
        assert not (smr & ~gmr).any()
        assert not (nash & ~seq).any()
        assert not (seq & ~gmr).any()


@SETTINGS
@given(small_conflicts(min_dms=2, max_dms=2, max_options=6, graph=True))
def test_l1_is_nash_and_lh_equals_oracle(conflict) -> None:  # type: ignore[no-untyped-def]
    r = analyze(conflict, ("nash", "lh:1", "lh:2", "lh:3"))
    oracle = Oracle(conflict)
    for dm in conflict.dm_names:
        assert np.array_equal(r.results["nash"].stable[dm], r.results["lh:1"].stable[dm])
        for h in (2, 3):
            expected = [s for s in oracle.ids if oracle.G(h, dm, s) == s]
            assert expected == r.stable_ids(f"lh:{h}", dm)


@SETTINGS
@given(small_conflicts(min_dms=2, max_dms=2, max_options=5, graph=True))
def test_nm_settles_where_the_oracle_repeats(conflict) -> None:  # type: ignore[no-untyped-def]
    """NM: the engine's settling horizon and period are confirmed by the oracle's G_h."""
    from accord.core.stability import Context
    from accord.core.stability.limited import nm

    outcome = nm(Context(conflict))
    oracle = Oracle(conflict)
    memo: dict = {}  # type: ignore[type-arg]
    start, period = outcome.settled_at, outcome.period
    for dm in conflict.dm_names:
        for k, s in enumerate(oracle.ids):
            window = [oracle.G(h, dm, s, memo) for h in range(start, start + 2 * period + 1)]
            assert window[: period + 1][-1] == window[0]  # G repeats with this period
            assert bool(outcome.stable[dm][k]) == all(g == s for g in window)
            assert bool(outcome.cycling[dm][k]) == (len(set(window)) > 1)
