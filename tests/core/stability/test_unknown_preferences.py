"""Unknown preferences (gmcr-spec §6.1): extensions a–d of Nash, GMR, SMR and SEQ.

The engine is checked against the oracle's literal definitions on random models with random
unknown pairs, reduces to the plain concepts without pairs, and nests a ⊆ b ⊆ d, a ⊆ c ⊆ d.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.analysis.stability import analyze
from accord.core.moves import unilateral_moves
from accord.core.stability.context import Context
from accord.core.stability.unknown import EXTENSIONS, UnknownPreferences
from accord.errors import AnalysisError
from oracle import Oracle
from strategies import small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def with_unknown(draw: st.DrawFn, **kwargs: Any) -> tuple[Any, dict[str, list[tuple[int, int]]]]:
    """A small conflict and, per DM, a few unknown pairs of state indices: some between the
    ends of someone's move (those change stability most), some between states the DM finds
    equally good, some at random (mostly ordered strictly by the payoffs)."""
    conflict = draw(small_conflicts(**kwargs))
    n = len(conflict.states)
    arcs = []
    for dm in conflict.dm_names:
        moves = unilateral_moves(conflict, dm)
        arcs.extend(zip(moves.src.tolist(), moves.dst.tolist(), strict=True))
    unknown: dict[str, list[tuple[int, int]]] = {}
    for dm in conflict.dm_names:
        pay = conflict.payoffs[dm]
        ties = [
            (a, b) for a in range(min(n, 40)) for b in range(a + 1, min(n, 40)) if pay[a] == pay[b]
        ]
        kinds = st.sampled_from(["move", "move", "tie", "random"])
        pairs = []
        for kind in draw(st.lists(kinds, max_size=4)):
            if kind == "move" and arcs:
                pairs.append(draw(st.sampled_from(arcs)))
            elif kind == "tie" and ties:
                pairs.append(draw(st.sampled_from(ties)))
            elif n >= 2:
                a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
                pairs.append((a, b))
        unknown[dm] = pairs
    return conflict, unknown


def _ids(conflict: Any, unknown: dict[str, list[tuple[int, int]]]) -> dict[str, list[Any]]:
    ids = conflict.states.ids.tolist()
    return {dm: [(ids[a], ids[b]) for a, b in pairs] for dm, pairs in unknown.items()}


@SETTINGS
@given(with_unknown(max_dms=4, max_options=5, graph=True))
def test_every_extension_equals_the_oracle_and_they_nest(case) -> None:  # type: ignore[no-untyped-def]
    conflict, unknown = case
    oracle = Oracle(conflict)
    by_id = _ids(conflict, unknown)
    ctx = Context(conflict)
    results = {}
    for ext in EXTENSIONS:
        result = analyze(conflict, CONCEPTS, context=ctx, unknown=unknown, extension=ext)
        for dm in conflict.dm_names:
            for concept in CONCEPTS:
                expected = oracle.stable_ids_u(concept, ext, dm, by_id)
                assert expected == result.stable_ids(concept, dm), (ext, concept, dm)
        results[ext] = result.results
    for concept in CONCEPTS:
        for dm in conflict.dm_names:
            a, b, c, d = (results[ext][concept].stable[dm] for ext in EXTENSIONS)
            assert not (a & ~b).any()
            assert not (b & ~d).any()
            assert not (a & ~c).any()
            assert not (c & ~d).any()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_unknown(min_dms=3, max_dms=5, max_options=8))
def test_larger_option_form_models_equal_the_oracle(case) -> None:  # type: ignore[no-untyped-def]
    conflict, unknown = case
    oracle = Oracle(conflict)
    by_id = _ids(conflict, unknown)
    for ext in ("a", "d"):
        result = analyze(conflict, CONCEPTS, unknown=unknown, extension=ext)
        for dm in conflict.dm_names:
            for concept in CONCEPTS:
                expected = oracle.stable_ids_u(concept, ext, dm, by_id)
                assert expected == result.stable_ids(concept, dm), (ext, concept, dm)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(max_dms=4, max_options=5, graph=True))
def test_without_pairs_every_extension_is_the_plain_concept(conflict) -> None:  # type: ignore[no-untyped-def]
    """Empty pairs take the plain path; and the exact recomputation, forced on every state
    with no pairs, gives the plain answer under every extension too."""
    ctx = Context(conflict)
    plain = analyze(conflict, CONCEPTS, context=ctx)
    empty = {dm: [] for dm in conflict.dm_names}
    every = list(range(len(conflict.states)))
    nothing = np.zeros(len(every), dtype=bool)
    for ext in EXTENSIONS:
        fast = analyze(conflict, CONCEPTS, context=ctx, unknown=empty, extension=ext)
        assert "extension" not in fast.provenance.parameters
        forced = UnknownPreferences(ctx, {}, ext)
        forced.touched = lambda _dm: every  # type: ignore[method-assign]
        for concept in CONCEPTS:
            for dm in conflict.dm_names:
                expected = plain.results[concept].stable[dm]
                assert np.array_equal(expected, fast.results[concept].stable[dm])
                got = forced.stable(concept, dm, nothing)
                assert np.array_equal(expected, got), (ext, concept, dm)


def _prisoners_dilemma() -> Any:
    from accord import Conflict, DecisionMaker, Option, PayoffVector

    dms = (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),)))
    # states by index: 0 = CC, 1 = DC (A defects), 2 = CD (B defects), 3 = DD
    prefs = {
        "A": PayoffVector(np.array([2, 3, 0, 1])),
        "B": PayoffVector(np.array([2, 0, 3, 1])),
    }
    conflict = Conflict("pd", dms, prefs)
    assert conflict.states.ids.tolist() == [1, 2, 3, 4]
    return conflict


def test_a_sanction_of_unknown_order_on_the_prisoners_dilemma() -> None:
    """A does not know whether it prefers mutual defection (DD) to mutual cooperation (CC).
    From CC its defection to DC is answered by B's defection, to DD: a sanction only when
    states of unknown order count (c, d)."""
    conflict = _prisoners_dilemma()
    assert 1 in analyze(conflict, CONCEPTS).stable_ids("gmr", "A")
    unknown = {"A": [(0, 3)]}
    r = {ext: analyze(conflict, CONCEPTS, unknown=unknown, extension=ext) for ext in EXTENSIONS}
    for ext in ("a", "b"):
        assert 1 not in r[ext].stable_ids("gmr", "A")
        assert 1 not in r[ext].stable_ids("seq", "A")
    for ext in ("c", "d"):
        assert 1 in r[ext].stable_ids("gmr", "A")
        assert 1 in r[ext].stable_ids("seq", "A")  # B's defection improves B's position
    assert r["a"].provenance.parameters["extension"] == "a"
    assert r["a"].provenance.parameters["unknown"] == {"A": [[0, 3]]}


def test_a_move_of_unknown_order_on_the_prisoners_dilemma() -> None:
    """A cannot order CD against DD: its move between them must be deterred under a and c,
    and is ignored under b and d."""
    conflict = _prisoners_dilemma()
    unknown = {"A": [(2, 3)]}
    r = {ext: analyze(conflict, CONCEPTS, unknown=unknown, extension=ext) for ext in EXTENSIONS}
    for sid in (3, 4):  # CD and DD
        for ext in ("a", "c"):
            assert sid not in r[ext].stable_ids("nash", "A")
        for ext in ("b", "d"):
            assert sid in r[ext].stable_ids("nash", "A")
    # From DD, A's move to CD can only be answered by B's return to CC, which A knows it
    # prefers to DD: no sanction, under a or c.
    assert 4 not in r["a"].stable_ids("gmr", "A")
    assert 4 not in r["c"].stable_ids("gmr", "A")


def test_pairs_are_checked() -> None:
    from cases.loader import load_case

    conflict, _ = load_case("elmira")
    with pytest.raises(AnalysisError, match="did you mean 'MoE'"):
        analyze(conflict, unknown={"Moe": [(0, 1)]})
    with pytest.raises(AnalysisError, match="state indices run from 0"):
        analyze(conflict, unknown={"MoE": [(0, 99)]})
    with pytest.raises(AnalysisError, match="as good as itself"):
        analyze(conflict, unknown={"MoE": [(1, 1)]})
    with pytest.raises(AnalysisError, match="two state indices"):
        analyze(conflict, unknown={"MoE": [(1, 2, 3)]})  # type: ignore[list-item]
    with pytest.raises(AnalysisError, match="a, b, c and d"):
        analyze(conflict, unknown={"MoE": [(0, 1)]}, extension="e")


def test_limited_move_concepts_ignore_the_pairs_with_a_note() -> None:
    conflict = _prisoners_dilemma()
    plain = analyze(conflict, ("lh:2",))
    r = analyze(conflict, ("lh:2",), unknown={"A": [(2, 3)]})
    assert r.stable_ids("lh:2", "A") == plain.stable_ids("lh:2", "A")
    assert any("unknown preference pairs" in n for n in r.results["lh:2"].notes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_unknown(max_dms=4, max_options=5, graph=True), st.sampled_from(EXTENSIONS))
def test_explanations_follow_the_extension(case, ext) -> None:  # type: ignore[no-untyped-def]
    """Explanations agree with the tables; the moves listed are the ones the extension
    deters, uncertain ones marked; each sanction is a legal sequence ending in a state that
    sanctions under the extension."""
    from accord.core.analysis.explain import explain

    conflict, unknown = case
    oracle = Oracle(conflict)
    by_id = _ids(conflict, unknown)
    u = {dm: {frozenset(p) for p in pairs} for dm, pairs in by_id.items()}
    ids = conflict.states.ids.tolist()
    ctx = Context(conflict)
    generated = Context(conflict)  # as for large models: a pass first finds the sanctions
    generated.LISTED_UP_TO = 0
    result = analyze(conflict, CONCEPTS, context=ctx, unknown=unknown, extension=ext)
    for dm in conflict.dm_names:
        pay = oracle.payoff[dm]
        for concept in CONCEPTS:
            stable = set(result.stable_ids(concept, dm))
            for sid in ids:
                why = explain(
                    conflict, sid, dm, concept, context=ctx, unknown=unknown, extension=ext
                )
                assert why.extension == (ext if any(unknown.values()) else None)
                assert why.stable == (sid in stable)
                again = explain(
                    conflict, sid, dm, concept, context=generated, unknown=unknown, extension=ext
                )
                assert again.stable == why.stable
                assert [d.sanction is None for d in again.improvements] == [
                    d.sanction is None for d in why.improvements
                ]
                listed = sorted(ids[d.target] for d in why.improvements)
                assert listed == sorted(oracle.R_u(dm, sid, by_id, known=ext in "bd"))
                for d in why.improvements:
                    s1 = ids[d.target]
                    assert d.uncertain == (frozenset((s1, sid)) in u.get(dm, set()))
                    if d.sanction is None:
                        continue
                    assert d.sanction[0].source == d.target
                    last = dm
                    for step in d.sanction:
                        assert step.mover not in (dm, last)
                        x, y = ids[step.source], ids[step.target]
                        allowed = (
                            oracle.R_u(step.mover, x, by_id)
                            if concept == "seq"
                            else oracle.R(step.mover, x)
                        )
                        assert y in allowed
                        last = step.mover
                    end = ids[d.sanction[-1].target]
                    unsure = frozenset((end, sid)) in u.get(dm, set())
                    assert d.outcome_uncertain == unsure
                    assert (pay[end] <= pay[sid] and not unsure) or (unsure and ext in "cd")


def test_the_models_own_pairs_are_the_default() -> None:
    """A model that declares unknown pairs is analysed (and explained) with them unless told
    otherwise; explicit empty pairs give the plain concepts."""
    from accord.core.analysis.explain import explain
    from accord.core.uncertainty import Uncertainty

    base = _prisoners_dilemma()
    conflict = base.replace(uncertainty={"A": Uncertainty(unknown=((1, 4),))})  # ids CC, DD
    assert conflict.unknown_pairs("A") == ((0, 3),)
    declared = analyze(conflict, CONCEPTS, extension="b")
    explicit = analyze(base, CONCEPTS, unknown={"A": [(0, 3)]}, extension="b")
    plain = analyze(conflict, CONCEPTS, unknown={})
    assert declared.provenance.parameters["unknown"] == {"A": [[0, 3]]}
    assert "unknown" not in plain.provenance.parameters
    for concept in CONCEPTS:
        for dm in conflict.dm_names:
            assert declared.stable_ids(concept, dm) == explicit.stable_ids(concept, dm)
            assert plain.stable_ids(concept, dm) == analyze(base, CONCEPTS).stable_ids(concept, dm)
    assert 1 not in declared.stable_ids("gmr", "A")
    assert 1 in plain.stable_ids("gmr", "A")
    assert not explain(conflict, 1, "A", "gmr", extension="b").stable
    assert explain(conflict, 1, "A", "gmr", unknown={}).stable
