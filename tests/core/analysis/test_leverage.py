"""Leverage against a brute force written from the definition, and on published cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord import Conflict, Statements
from accord.core.analysis.leverage import Statement, leverage, parse_candidates
from accord.core.language import to_text
from accord.errors import AnalysisError, ModelError, StateReferenceError
from oracle import Oracle
from strategies import conditions, small_conflicts

CONCEPTS = ("nash", "gmr", "smr", "seq")


def brute_force(
    oracle: Oracle,
    base: dict[str, tuple[str, ...]],
    candidates: dict[str, tuple[str, ...]],
    target: int,
    budget: int,
    concept: str,
) -> tuple[int | None, set[tuple[tuple[str, ...], ...]]]:
    """Every edit sequence of at most ``budget`` edits, straight from the definition; the
    fewest edits that make ``target`` an equilibrium and every resulting list at that count."""
    dms = list(base)
    fewest: dict[tuple[tuple[str, ...], ...], int] = {}

    def edits(lst: tuple[str, ...], dm: str) -> list[tuple[str, ...]]:
        out = []
        for j in range(len(lst)):
            if j > 0:  # one place up
                out.append((*lst[: j - 1], lst[j], lst[j - 1], *lst[j + 1 :]))
            if j < len(lst) - 1:  # one place down
                out.append((*lst[:j], lst[j + 1], lst[j], *lst[j + 2 :]))
            out.append(lst[:j] + lst[j + 1 :])  # drop
        for c in candidates.get(dm, ()):
            if c not in lst:  # add a candidate not already there, anywhere
                out.extend((*lst[:p], c, *lst[p:]) for p in range(len(lst) + 1))
        return out

    def walk(config: tuple[tuple[str, ...], ...], used: int) -> None:
        if fewest.get(config, budget + 1) <= used:
            return
        fewest[config] = used
        if used == budget:
            return
        for d, dm in enumerate(dms):
            for new in edits(config[d], dm):
                walk((*config[:d], new, *config[d + 1 :]), used + 1)

    walk(tuple(base[dm] for dm in dms), 0)
    for k in range(budget + 1):
        hits = set()
        for config, used in fewest.items():
            if used != k:
                continue
            o = oracle.with_statements(dict(zip(dms, config, strict=True)))
            if all(o.is_stable(concept, dm, target) for dm in o.dms):
                hits.add(config)
        if hits:
            return k, hits
    return None, set()


@st.composite
def problems(
    draw: st.DrawFn,
) -> tuple[Conflict, int, list[str], dict[str, tuple[str, ...]], int, str]:
    from accord.core.analysis.stability import analyze

    conflict = draw(small_conflicts(max_dms=3, max_options=4, rankings=False))
    pool = conflict.option_names
    statement = conditions(pool, max_leaves=3).map(to_text)
    # one to three statements each, so that most states are unstable for someone
    prefs = {
        dm: Statements(tuple(draw(st.lists(statement, min_size=1, max_size=3))))
        for dm in conflict.dm_names
    }
    conflict = conflict.replace(preferences=prefs)
    concept = CONCEPTS[3 - draw(st.integers(0, 3))]  # shrinks towards seq
    ids = conflict.states.ids.tolist()
    table = analyze(conflict, concept)
    unsettled = sorted(set(ids) - set(table.equilibrium_ids(concept)))
    target = draw(st.sampled_from(unsettled if unsettled and draw(st.integers(0, 9)) else ids))
    # mostly vary a DM for which the target is unstable, sometimes any
    shaky = [d for d in conflict.dm_names if target not in table.stable_ids(concept, d)]
    first = draw(st.sampled_from(shaky if shaky and draw(st.integers(0, 4)) else conflict.dm_names))
    vary = [first, *draw(st.lists(st.sampled_from(conflict.dm_names), max_size=1))]
    vary = list(dict.fromkeys(vary))
    cands = {
        dm: tuple(dict.fromkeys(draw(st.lists(statement, min_size=0, max_size=2)))) for dm in vary
    }
    budget = (2 if len(vary) == 1 else 1) - draw(st.integers(0, 1))
    return conflict, target, vary, cands, budget, concept


@settings(max_examples=220, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_minimal_answers_match_brute_force(problem) -> None:  # type: ignore[no-untyped-def]
    conflict, target, vary, cands, budget, concept = problem
    result = leverage(
        conflict, target, vary, candidates=cands, budget=budget, concept=concept, max_answers=10**6
    )
    base = {}
    for dm in vary:
        pref = conflict.preferences[dm]
        assert isinstance(pref, Statements)
        base[dm] = pref.texts
    oracle = Oracle(conflict)
    k, hits = brute_force(oracle, base, cands, target, budget, concept)
    event(f"edits: {k}, concept: {concept}")
    assert k == result.edits
    got = {tuple(tuple(s.text for s in a.preferences[dm]) for dm in vary) for a in result.answers}
    assert len(got) == len(result.answers) == result.count
    assert hits == got
    unstable = tuple(d for d in conflict.dm_names if not oracle.is_stable(concept, d, target))
    assert unstable == result.unstable_before
    for answer in result.answers:
        assert len(answer.edits) == k
        assert answer.explanation
    if result.closest is not None:
        config = {dm: pref.texts for dm, pref in conflict.preferences.items() if dm in vary}
        # replay the closest variant's edits and confirm what is left unstable
        for e in result.closest.edits:
            lst = list(config[e.dm])
            if e.index_before is not None:
                assert lst.pop(e.index_before) == e.statement.text
            if e.index_after is not None:
                lst.insert(e.index_after, e.statement.text)
            config[e.dm] = tuple(lst)
        o = oracle.with_statements(config)
        left = tuple(d for d in o.dms if not o.is_stable(concept, d, target))
        assert left == result.closest.unstable
        assert len(left) < len(unstable)


def _case(name: str) -> Conflict:
    from cases.loader import load_case

    conflict, _ = load_case(name)
    return conflict


def test_elmira_state_2_needs_two_edits_of_uniroyal() -> None:
    """Elmira (option prioritisation): state 2 is not SEQ-stable (Uniroyal and Local
    Government improve from it); two edits of Uniroyal's statements make it an equilibrium,
    in two ways."""
    conflict = _case("elmira_prioritization")
    result = leverage(conflict, 2, ["MoE", "Uniroyal", "Local Government"], budget=2)
    assert ("Uniroyal", "Local Government") == result.unstable_before
    assert 2 == result.edits
    assert 2 == result.count
    after = {a.preferences["Uniroyal"] for a in result.answers}
    texts = {tuple(s.text for s in lst) for lst in after}
    assert {
        ("-insist", "delay IFF -insist"),
        ("-insist", "modify IFF accept", "delay IFF -insist"),
    } == texts
    for answer in result.answers:
        assert {"Uniroyal"} == {e.dm for e in answer.edits}
        assert answer.preferences["MoE"] == conflict.preferences["MoE"].items  # type: ignore[union-attr]
    # independently: the oracle agrees each is an equilibrium, and no single edit is
    oracle = Oracle(conflict)
    for lst in texts:
        o = oracle.with_statements({"Uniroyal": lst})
        assert all(o.is_stable("seq", dm, 2) for dm in o.dms)
    one = leverage(conflict, 2, ["MoE", "Uniroyal", "Local Government"], budget=1)
    assert one.edits is None
    first = result.answers[0].explanation
    assert first[0].startswith("If Uniroyal dropped 'modify IFF accept'; and Uniroyal dropped")
    assert "Local Government's move to state 8 (takes 'Insist') is answered by Uniroyal" in first[2]


def test_already_stable_and_stuck_dms() -> None:
    conflict = _case("elmira_prioritization")
    done = leverage(conflict, 7, ["MoE"])
    assert 0 == done.edits
    assert done.already_stable
    assert 1 == done.count
    assert () == done.answers[0].edits
    assert "already SEQ-stable" in done.answers[0].explanation[0]
    # under GMR, varying MoE cannot help a state unstable for Local Government
    stuck = leverage(conflict, 6, ["MoE"], concept="gmr")
    assert stuck.edits is None
    assert "Local Government is not GMR-stable at state 6" in stuck.notes[0]


def test_candidates_are_added_and_labels_used() -> None:
    conflict = _case("elmira_prioritization")
    cands = parse_candidates(
        {"Local Government": [{"statement": "-insist", "label": "stay out of court"}]}, conflict
    )
    result = leverage(conflict, 1, ["Local Government"], candidates=cands, budget=1)
    assert 1 == result.edits
    kinds = {(e.kind, e.statement.text) for a in result.answers for e in a.edits}
    assert ("drop", "insist") in kinds
    assert any(k == "add" for k, _ in kinds)
    words = "\n".join(line for a in result.answers for line in a.explanation)
    assert "added 'stay out of court'" in words


def test_bad_requests_and_candidates_are_user_errors() -> None:
    conflict = _case("elmira_prioritization")
    with pytest.raises(AnalysisError, match="did you mean 'MoE'"):
        leverage(conflict, 1, ["Moe"])
    with pytest.raises(StateReferenceError, match="no feasible state has id 99"):
        leverage(conflict, 99, ["MoE"])
    with pytest.raises(AnalysisError, match="leverage aims at"):
        leverage(conflict, 1, ["MoE"], concept="nm")
    with pytest.raises(AnalysisError, match="budget"):
        leverage(conflict, 1, ["MoE"], budget=-1)
    with pytest.raises(AnalysisError, match=r"would test [\d,]+ preference variants"):
        leverage(conflict, 2, ["MoE", "Uniroyal"], budget=3, max_variants=100)
    with pytest.raises(ModelError) as info:
        parse_candidates(
            {"Uniroyl": ["accept"], "MoE": ["acept", "accept &", 3, {"statment": "x"}]}, conflict
        )
    messages = [p.format() for p in info.value.problems]
    assert "did you mean 'Uniroyal'?" in messages[0]
    assert "unknown option 'acept'" in messages[1]
    assert "did you mean 'accept'?" in messages[1]
    assert "MoE[1]" in messages[2]
    assert "MoE[2]" in messages[3]
    assert "did you mean 'statement'?" in messages[4]
    with pytest.raises(ModelError, match="must map each decision maker"):
        parse_candidates(["accept"], conflict)


def test_ranking_preferences_cannot_vary() -> None:
    conflict = _case("elmira")  # published rankings, no statements
    with pytest.raises(AnalysisError, match="not prioritised statements"):
        leverage(conflict, 1, ["MoE"])


def test_statement_objects_accepted_as_candidates() -> None:
    conflict = _case("cuban_missile_crisis")
    result = leverage(conflict, 4, ["US", "USSR"], candidates={"US": [Statement("blockade")]})
    assert result.edits == 2


def test_evidence_on_a_dropped_statement_does_not_stop_the_search() -> None:
    """Evidence cites statements by position; an answer that drops the last statement of a
    DM must still be built (the hypothetical model carries no evidence)."""
    from accord import Evidence

    conflict = _case("elmira_prioritization")
    last = len(conflict.preferences["Uniroyal"].items) - 1  # type: ignore[union-attr]
    cited = conflict.replace(evidence=(Evidence(f"Uniroyal.preferences[{last}]", note="n"),))
    plain = leverage(conflict, 2, ["Uniroyal"], budget=2)
    result = leverage(cited, 2, ["Uniroyal"], budget=2)
    assert plain.count == result.count
    assert [a.preferences for a in plain.answers] == [a.preferences for a in result.answers]
    assert any(e.kind == "drop" for a in result.answers for e in a.edits)
