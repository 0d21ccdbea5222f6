"""The all-origins coalition analyses against the searches from one origin at a time.

``method="fast"`` (the default) condenses walk graphs and answers for every origin at once;
``method="search"`` is the search written straight from the definitions.  Their results
must be identical, paths and sanction sequences included (the fast path reproduces the
searches' order), on random models with infeasible states, irreversible options, tied
payoffs and graph-form moves.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import Conflict
from accord.core.analysis.coalitions import (
    MAX_SCAN_STATES,
    CoalitionAnalysis,
    Coalitions,
    analyze_coalitions,
    coalition_stability,
    coalitions_of,
    parse_class,
    scan,
)
from accord.core.analysis.coalitions.walks import Walk
from accord.core.analysis.stability import analyze
from accord.core.generate import random_conflict
from accord.core.stability.context import Context
from oracle import Oracle
from strategies import small_conflicts

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _a_class(conflict: Conflict, data: st.DataObject) -> list[tuple[str, ...]]:
    """A random class: one coalition and singletons, or two coalitions."""
    names = list(conflict.dm_names)
    order = data.draw(st.permutations(names))
    if len(names) >= 4 and data.draw(st.booleans()):
        return [tuple(order[:2]), tuple(order[2:])]
    cut = data.draw(st.integers(1, len(names)))
    return [tuple(order[:cut])] + [(d,) for d in order[cut:]]


def _same(fast: CoalitionAnalysis, slow: CoalitionAnalysis) -> None:
    assert fast.units == slow.units
    assert fast.table.keys() == slow.table.keys()
    for unit, rows in fast.table.items():
        assert {s: q.tolist() for s, q in rows.items()} == {
            s: q.tolist() for s, q in slow.table[unit].items()
        }, unit
    assert (fast.stability is None) == (slow.stability is None)
    if fast.stability is not None and slow.stability is not None:
        for concept, masks in fast.stability.stable.items():
            for unit, mask in masks.items():
                assert mask.tolist() == slow.stability.stable[concept][unit].tolist()
    assert fast.scan == slow.scan


@PROPERTY
@given(small_conflicts(max_dms=4, max_options=5, graph=True), st.data())
def test_fast_analysis_equals_the_search(conflict: Conflict, data: st.DataObject) -> None:
    """The whole analysis (table, C-stability, scan), then the scan and the improvements of
    a few states asked about alone — with the (state, last unit) walk forced on some
    option-form models."""
    units = _a_class(conflict, data)
    general = not conflict.is_graph_form and data.draw(st.booleans())
    ctx = Context(conflict, method="general") if general else Context(conflict)
    _same(
        analyze_coalitions(conflict, units, context=ctx),
        analyze_coalitions(conflict, units, method="search"),
    )
    n = len(conflict.states)
    states = data.draw(st.lists(st.integers(0, n - 1), max_size=4))
    fast = Coalitions(conflict, ctx)
    slow = Coalitions(conflict, method="search")
    assert scan(conflict, states, units, engine=fast) == scan(
        conflict, states, units, engine=slow, method="search"
    )
    for unit in coalitions_of(conflict):
        src, dst = Coalitions(conflict, ctx).improvement_arcs(unit, states)
        for s in sorted(set(states)):
            assert dst[src == s].tolist() == slow.improvements(unit, s).tolist()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(max_dms=4, max_options=5, graph=True), st.data())
def test_walks_end_where_legal_sequences_end(conflict: Conflict, data: st.DataObject) -> None:
    """The (state, last mover) walk lists exactly R_H(s), s itself included when a legal
    sequence returns to it; the plain walk (option form) the same states but s."""
    oracle = Oracle(conflict)
    ids = conflict.states.ids.tolist()
    n = len(ids)
    unit = tuple(data.draw(st.sets(st.sampled_from(conflict.dm_names), min_size=1)))
    ctx = Context(conflict)
    origins = np.arange(n, dtype=np.int64)
    walks = [(Walk(n, [ctx.moves[d] for d in unit], general=True), True)]
    if not conflict.is_graph_form:
        walks.append((Walk(n, [ctx.moves[d] for d in unit], general=False), False))
    for walk, exact in walks:
        src, dst = walk.reach_pairs(origins)
        for s, sid in enumerate(ids):
            expected = oracle.reach(frozenset(unit), sid)
            if not exact:
                expected = expected - {sid}
            assert sorted(ids[q] for q in dst[src == s].tolist()) == sorted(expected)


def test_a_model_far_beyond_the_old_limits() -> None:
    """4,096 states (the searches were limited to 512 for C-stability): with every DM a
    unit of its own, C-stability is the engine's individual stability."""
    conflict = random_conflict(4, 3, infeasible=0.05, irreversible=3, seed=3)
    assert 2_000 < len(conflict.states) <= 4_096
    singles = [(d,) for d in conflict.dm_names]
    result = coalition_stability(conflict, singles)
    engine = analyze(conflict, ("nash", "gmr", "smr", "seq"))
    for concept in ("nash", "gmr", "smr", "seq"):
        for dm in conflict.dm_names:
            got = result.stable[concept][(dm,)]
            assert got.tolist() == engine.results[concept].stable[dm].tolist()


def test_the_scan_of_a_larger_model_equals_the_search() -> None:
    """768 states, five DMs, a class of two coalitions: a few equilibria scanned both ways."""
    conflict = random_conflict(5, [3, 3, 2, 2, 2], infeasible=0.77, irreversible=2, seed=0)
    units = parse_class(conflict, "DM1+DM2, DM3+DM4")
    equilibria = np.flatnonzero(analyze(conflict, ("gmr",)).results["gmr"].equilibria)
    chosen = equilibria[:: max(1, equilibria.size // 4)][:4].tolist()
    fast = scan(conflict, chosen, units)
    assert fast == scan(conflict, chosen, units, method="search")
    assert len(conflict.states) <= MAX_SCAN_STATES
