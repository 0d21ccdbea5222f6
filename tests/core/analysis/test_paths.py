"""Status quo analysis: the Elmira published paths, and brute force on random models."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import Conflict
from accord.core.analysis.coalitions import coalitions_of
from accord.core.analysis.paths import Path, status_quo_paths
from accord.errors import AnalysisError, StateReferenceError
from cases.loader import load_case
from oracle import Oracle
from strategies import small_conflicts

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _compact(conflict: Conflict, path: Path) -> list[list[object]]:
    ids = conflict.states.ids
    return [["+".join(s.actor), int(ids[s.source]), int(ids[s.target])] for s in path.steps]


def test_elmira_status_quo_paths_match_the_fixture() -> None:
    conflict, case = load_case("elmira")
    expected = case["expected"]["status_quo_paths"]
    result = status_quo_paths(conflict, expected["from"], moves=expected["moves"])
    ids = conflict.states.ids
    got = {str(int(ids[s])): _compact(conflict, p) for s, p in result.paths.items()}
    assert set(got) == set(expected["reachable"])
    for sid, path in expected["reachable"].items():
        assert len(got[sid]) == len(path)
    assert got == expected["reachable"]  # here the shortest paths are unique
    step = result.paths[conflict.states.resolve(5)].steps[0]
    assert step.gains == (("LG", 5, 6),)


def test_elmira_8_only_through_the_moe_ur_coalition() -> None:
    conflict, _ = load_case("elmira")
    s8 = conflict.states.resolve(8)
    assert not status_quo_paths(conflict, moves="improvements").reachable(s8)
    result = status_quo_paths(conflict, moves="coalitions")
    path = result.paths[s8]
    assert _compact(conflict, path) == [["LG", 1, 5], ["MoE+UR", 5, 8]]
    inner = [(m.mover, int(conflict.states.ids[m.target])) for m in path.steps[1].moves]
    assert inner == [("MoE", 6), ("UR", 8)]
    assert path.steps[1].gains == (("MoE", 4, 5), ("UR", 5, 6))
    assert path.steps[1].coalitional
    assert result.concepts_of(s8) == ["nash", "gmr", "smr", "seq"]


def test_elmira_without_the_improvement_restriction() -> None:
    conflict, _ = load_case("elmira")
    s8 = conflict.states.resolve(8)
    result = status_quo_paths(conflict, moves="any", alternatives=10)
    assert result.distance(s8) == 3
    routes = [_compact(conflict, p) for p in (result.paths[s8], *result.alternatives[s8])]
    assert [["MoE", 1, 2], ["UR", 2, 4], ["LG", 4, 8]] in routes
    assert len({str(r) for r in routes}) == len(routes)


def test_start_target_and_errors() -> None:
    conflict, _ = load_case("elmira")
    result = status_quo_paths(conflict, 2, moves="any", target=9, alternatives=0)
    assert result.target == conflict.states.resolve(9)
    assert result.distance(result.target) == 1
    assert result.alternatives[result.target] == ()
    with pytest.raises(AnalysisError, match="no status_quo"):
        status_quo_paths(conflict.replace(status_quo=None))
    with pytest.raises(StateReferenceError):
        status_quo_paths(conflict, 42)
    with pytest.raises(AnalysisError, match="--moves"):
        status_quo_paths(conflict, moves="teleport")  # type: ignore[arg-type]


def _check_path(oracle: Oracle, conflict: Conflict, start: int, path: Path, moves: str) -> None:
    ids = conflict.states.ids.tolist()
    cur, last = start, None
    for step in path.steps:
        assert step.source == cur
        assert step.actor != last
        a, b = ids[step.source], ids[step.target]
        if len(step.actor) == 1:
            assert b in oracle.R(step.actor[0], a, improving=moves != "any")
        else:
            assert b in oracle.coalition_improvements(frozenset(step.actor), a)
        cur, last = step.target, step.actor


@PROPERTY
@given(
    small_conflicts(max_dms=4, max_options=6, graph=True),
    st.sampled_from(["improvements", "any", "coalitions"]),
    st.data(),
)
def test_paths_match_the_oracle(conflict: Conflict, moves: str, data: st.DataObject) -> None:
    ids = conflict.states.ids.tolist()
    start = data.draw(st.integers(0, len(ids) - 1))
    result = status_quo_paths(conflict, ids[start], moves=moves, concepts="nash,gmr")  # type: ignore[arg-type]
    oracle = Oracle(conflict)
    groups = [frozenset(c) for c in coalitions_of(conflict)]
    expected = oracle.path_lengths(ids[start], moves, groups)
    got = {ids[s]: len(p) for s, p in result.paths.items()}
    assert got == expected
    for s, path in result.paths.items():
        _check_path(oracle, conflict, start, path, moves)
        assert (path.steps[-1].target if path.steps else start) == s
    for s, alts in result.alternatives.items():
        best = result.paths[s]
        assert len(alts) <= 3
        seen = {str(_compact(conflict, best))}
        for alt in alts:
            _check_path(oracle, conflict, start, alt, moves)
            assert alt.steps[-1].target == s
            assert s not in alt.states[:-1]
            assert len(best) <= len(alt) <= len(best) + 1
            key = str(_compact(conflict, alt))
            assert key not in seen
            seen.add(key)
