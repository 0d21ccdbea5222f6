"""The status quo search a level at a time against the search one node at a time.

Both must give the same shortest paths (the same steps, movers and coalitions' inner
moves) and the same alternatives, for every kind of step, coalitional steps included.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import Conflict
from accord.core.analysis.coalitions import Coalitions
from accord.core.analysis.paths import StatusQuoAnalysis, status_quo_paths
from accord.core.generate import random_conflict
from strategies import small_conflicts

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(fast: StatusQuoAnalysis, slow: StatusQuoAnalysis) -> None:
    assert list(fast.paths) == list(slow.paths)
    assert fast.paths == slow.paths
    assert list(fast.alternatives) == list(slow.alternatives)
    assert fast.alternatives == slow.alternatives
    assert fast.coalitions == slow.coalitions


@PROPERTY
@given(
    small_conflicts(max_dms=4, max_options=6, graph=True),
    st.sampled_from(["improvements", "any", "coalitions"]),
    st.data(),
)
def test_fast_paths_equal_the_search(conflict: Conflict, moves: str, data: st.DataObject) -> None:
    ids = conflict.states.ids.tolist()
    start = ids[data.draw(st.integers(0, len(ids) - 1))]
    target = ids[data.draw(st.integers(0, len(ids) - 1))]
    count = data.draw(st.integers(0, 4))
    groups = None
    if moves == "coalitions" and data.draw(st.booleans()):
        names = data.draw(st.permutations(list(conflict.dm_names)))
        groups = [tuple(names[:2])]
    kwargs = {
        "moves": moves,
        "concepts": "nash,gmr",
        "alternatives": count,
        "target": target,
        "coalitions": groups,
    }
    _same(
        status_quo_paths(conflict, start, **kwargs),  # type: ignore[arg-type]
        status_quo_paths(conflict, start, method="search", **kwargs),  # type: ignore[arg-type]
    )


def test_coalitional_steps_on_a_larger_model() -> None:
    """768 states and 26 coalitions of two or more (the search was limited to 512): every
    step of every path is a legal step, as the per-origin search finds them."""
    conflict = random_conflict(5, [3, 3, 2, 2, 2], infeasible=0.77, irreversible=2, seed=0)
    result = status_quo_paths(conflict, 1, moves="coalitions", concepts="gmr")
    assert len(result.paths) > 100
    search = Coalitions(conflict, method="search")
    steps = {
        (step.actor, step.source, step.target): step
        for path in (
            *result.paths.values(),
            *(p for ps in result.alternatives.values() for p in ps),
        )
        for step in path.steps
    }
    assert any(step.coalitional for step in steps.values())
    for (actor, source, target), step in steps.items():
        if len(actor) == 1:
            assert target in search.ctx.improvements[actor[0]].targets(source).tolist()
        else:
            assert target in search.improvements(actor, source).tolist()
            assert step.moves == search.path(actor, source, target)
