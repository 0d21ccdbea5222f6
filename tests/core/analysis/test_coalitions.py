"""Coalition analysis: the Elmira published results, and brute force on random models."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import Conflict, DecisionMaker, Option, Statements
from accord.core.analysis.coalitions import (
    MAX_SCAN_STATES,
    MAX_TABLE_STATES,
    Coalitions,
    analyze_coalitions,
    coalition_class,
    coalition_improvements,
    coalition_moves,
    coalition_stability,
    coalition_table,
    coalitions_of,
    parse_class,
    scan,
    unit_name,
)
from accord.core.analysis.stability import analyze
from accord.errors import AnalysisError
from cases.loader import load_case
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ids(conflict: Conflict, indices: object) -> list[int]:
    ids = conflict.states.ids
    return sorted(int(ids[i]) for i in indices)  # type: ignore[attr-defined]


def test_elmira_coalitional_improvements_match_the_fixture() -> None:
    conflict, case = load_case("elmira")
    table = coalition_table(conflict)
    got = {
        unit_name(unit): {
            str(int(conflict.states.ids[s])): _ids(conflict, q) for s, q in rows.items()
        }
        for unit, rows in table.items()
    }
    assert got == case["expected"]["coalition"]["improvements"]


def test_elmira_moe_and_ur_improve_5_to_8_unsanctioned() -> None:
    conflict, _ = load_case("elmira")
    index = conflict.states.index_of_id
    s5, s8 = index(5), index(8)
    assert s5 is not None
    assert s8 is not None
    assert _ids(conflict, coalition_improvements(conflict, ("MoE", "UR"), s5)) == [8]
    assert _ids(conflict, coalition_moves(conflict, ("UR", "MoE"), s5)) == [6, 7, 8, 9]
    entries = scan(conflict, [s5], [("MoE", "UR")])
    assert [(e.coalition, [i.target for i in e.improvements]) for e in entries] == [
        (("MoE", "UR"), [s8])
    ]
    imp = entries[0].improvements[0]
    assert [(m.mover, int(conflict.states.ids[m.target])) for m in imp.moves] == [
        ("MoE", 6),
        ("UR", 8),
    ]
    assert not imp.blocked
    assert not imp.blocked_by_class


def test_elmira_cnash_of_the_published_class() -> None:
    conflict, _ = load_case("elmira")
    result = coalition_stability(conflict, [("MoE", "UR"), ("LG",)])
    assert _ids(conflict, result.equilibria("nash").nonzero()[0]) == [7, 8, 9]


def test_elmira_full_analysis_scans_the_equilibria() -> None:
    conflict, case = load_case("elmira")
    result = analyze_coalitions(conflict, parse_class(conflict, " MoE + UR "))
    assert result.units == (("MoE", "UR"), ("LG",))
    for c in CONCEPTS:
        assert (
            _ids(conflict, result.equilibria[c].nonzero()[0]) == case["expected"][c]["equilibria"]
        )
    states = {int(conflict.states.ids[e.state]) for e in result.scan}
    assert 5 in states
    assert result.stability is not None


def test_class_parsing_and_errors() -> None:
    conflict, _ = load_case("elmira")
    assert parse_class(conflict, "LG, MoE+UR") == [("LG",), ("MoE", "UR")]
    assert coalition_class(conflict, [("UR",)]) == [("UR",), ("MoE",), ("LG",)]
    with pytest.raises(AnalysisError, match="did you mean 'UR'"):
        parse_class(conflict, "MoE+Ur, LG")
    with pytest.raises(AnalysisError, match="partition"):
        parse_class(conflict, "MoE+UR, UR+LG")
    with pytest.raises(AnalysisError, match="no coalition"):
        parse_class(conflict, " , ")
    with pytest.raises(AnalysisError, match="concepts"):
        analyze_coalitions(conflict, concepts="lh:2")


def _wide(n_options: int) -> Conflict:
    opts = tuple(Option(f"o{t}") for t in range(n_options))
    half = n_options // 2
    dms = (DecisionMaker("A", opts[:half]), DecisionMaker("B", opts[half:]))
    return Conflict("wide", dms, {"A": Statements(("o0",)), "B": Statements(("o1",))})


def test_too_large_models_are_refused() -> None:
    big = _wide(14)
    assert len(big.states) > MAX_TABLE_STATES
    with pytest.raises(AnalysisError, match="at most 8,192 states"):
        coalition_stability(big)
    huge = _wide(17)
    assert len(huge.states) > MAX_SCAN_STATES
    with pytest.raises(AnalysisError, match="at most 65,536 states"):
        analyze_coalitions(huge)


@PROPERTY
@given(small_conflicts(max_dms=4, max_options=6, graph=True))
def test_coalitional_moves_and_improvements_match_the_oracle(conflict: Conflict) -> None:
    oracle = Oracle(conflict)
    eng = Coalitions(conflict)
    ids = conflict.states.ids.tolist()
    for unit in coalitions_of(conflict, 1):
        h = frozenset(unit)
        for s, sid in enumerate(ids):
            assert _ids(conflict, eng.moves(unit, s)) == sorted(oracle.reach(h, sid))
            assert _ids(conflict, eng.improvements(unit, s)) == sorted(
                oracle.coalition_improvements(h, sid)
            )
            for q in eng.improvements(unit, s).tolist():  # the member path is legal
                path = eng.path(unit, s, q)
                assert path[0].source == s
                assert path[-1].target == q
                for a, b in itertools.pairwise(path):
                    assert a.mover != b.mover
                    assert a.target == b.source
                for m in path:
                    assert ids[m.target] in oracle.R(m.mover, ids[m.source])


@PROPERTY
@given(small_conflicts(max_dms=4, max_options=6, graph=True), st.data())
def test_coalition_stability_matches_the_oracle(conflict: Conflict, data: st.DataObject) -> None:
    names = list(conflict.dm_names)
    order = data.draw(st.permutations(names))
    cut = data.draw(st.integers(1, len(names)))
    units = [tuple(order[:cut])] + [(d,) for d in order[cut:]]
    result = coalition_stability(conflict, units)
    oracle = Oracle(conflict)
    cls = [frozenset(u) for u in result.units]
    ids = conflict.states.ids.tolist()
    for concept in CONCEPTS:
        for unit, mask in result.stable[concept].items():
            expected = [sid for sid in ids if oracle.c_stable(cls, frozenset(unit), concept, sid)]
            assert _ids(conflict, mask.nonzero()[0]) == expected, (concept, unit)


@PROPERTY
@given(small_conflicts(max_dms=4, max_options=6, graph=True))
def test_singleton_class_reduces_to_the_individual_concepts(conflict: Conflict) -> None:
    singles = [(d,) for d in conflict.dm_names]
    result = coalition_stability(conflict, singles)
    engine = analyze(conflict, CONCEPTS)
    for concept in CONCEPTS:
        for dm in conflict.dm_names:
            assert _ids(conflict, result.stable[concept][(dm,)].nonzero()[0]) == engine.stable_ids(
                concept, dm
            ), (concept, dm)


@PROPERTY
@given(small_conflicts(max_dms=4, max_options=6, graph=True))
def test_scan_sanctions_match_the_definition(conflict: Conflict) -> None:
    result = analyze_coalitions(conflict, concepts="nash,gmr")
    oracle = Oracle(conflict)
    ids = conflict.states.ids.tolist()
    pay = oracle.payoff
    eq = {s for m in result.equilibria.values() for s in m.nonzero()[0].tolist()}
    found = {(e.state, e.coalition) for e in result.scan}
    for s in eq:
        for unit in coalitions_of(conflict):
            imps = oracle.coalition_improvements(frozenset(unit), ids[s])
            assert ((s, unit) in found) == bool(imps)
    for entry in result.scan:
        e = ids[entry.state]
        h = frozenset(entry.coalition)
        singles = [frozenset([d]) for d in oracle.dms if d not in h]
        rest = [frozenset(u) - h for u in result.units if frozenset(u) - h and frozenset(u) != h]
        for imp in entry.improvements:
            q = ids[imp.target]
            for responders, got in ((singles, imp.blocked), (rest, imp.blocked_by_class)):
                ends = oracle.unit_reach(responders, q) if responders else set()
                expected = any(not all(pay[k][x] > pay[k][e] for k in h) for x in ends)
                assert got == expected
            if imp.by_individuals:
                last = imp.by_individuals[-1][2]
                assert not all(pay[k][ids[last]] > pay[k][e] for k in h)
