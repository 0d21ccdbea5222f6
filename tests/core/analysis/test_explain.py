"""Explanations agree with the stability tables, and their sanctions are real legal sequences."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from accord.core.analysis.explain import explain
from accord.core.analysis.stability import analyze
from accord.core.stability.context import Context
from accord.errors import AnalysisError, StateReferenceError
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(max_dms=4, max_options=7, graph=True))
def test_explanations_match_tables_and_oracle(conflict) -> None:  # type: ignore[no-untyped-def]
    ctx = Context(conflict)
    result = analyze(conflict, CONCEPTS, context=ctx)
    oracle = Oracle(conflict)
    ids = conflict.states.ids.tolist()
    for dm in conflict.dm_names:
        pay = oracle.payoff[dm]
        for concept in CONCEPTS:
            stable = set(result.stable_ids(concept, dm))
            for sid in ids:
                why = explain(conflict, sid, dm, concept, context=ctx)
                assert why.stable == (sid in stable)
                for d in why.improvements:
                    s1 = ids[d.target]
                    assert s1 in oracle.R(dm, sid, improving=True)
                    if d.sanction is None:
                        continue
                    # the sanction is a legal sequence of the others' (improving) moves
                    assert d.sanction[0].source == d.target
                    last = dm
                    for step in d.sanction:
                        assert step.mover not in (dm, last)
                        x, y = ids[step.source], ids[step.target]
                        assert y in oracle.R(step.mover, x, improving=concept == "seq")
                        last = step.mover
                    end = ids[d.sanction[-1].target]
                    assert pay[end] <= pay[sid]
                    if concept == "smr":
                        assert all(pay[y] <= pay[sid] for y in oracle.R(dm, end))


def test_unknown_dm_and_state_are_user_errors() -> None:
    from cases.loader import load_case

    conflict, _ = load_case("elmira")
    with pytest.raises(AnalysisError, match="did you mean 'MoE'"):
        explain(conflict, 1, "Moe", "gmr")
    with pytest.raises(StateReferenceError, match="no feasible state has id 99"):
        explain(conflict, 99, "MoE", "gmr")
    with pytest.raises(AnalysisError, match="explanations cover"):
        explain(conflict, 1, "MoE", "nm")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(max_dms=4, max_options=7))
def test_moves_generated_on_demand_give_the_same_explanations(conflict) -> None:  # type: ignore[no-untyped-def]
    """Large models generate one state's moves when asked; force that path on small ones."""
    listed = Context(conflict)
    generated = Context(conflict)
    generated.LISTED_UP_TO = 0
    for dm in conflict.dm_names:
        for sid in conflict.states.ids.tolist():
            for concept in CONCEPTS:
                a = explain(conflict, sid, dm, concept, context=listed)
                b = explain(conflict, sid, dm, concept, context=generated)
                assert a.stable == b.stable
                assert [d.target for d in a.improvements] == [d.target for d in b.improvements]
                assert [d.sanction is None for d in a.improvements] == [
                    d.sanction is None for d in b.improvements
                ]
