"""The fixture loader reproduces every case's state table and preference orders."""

from __future__ import annotations

import numpy as np
import pytest

from accord import Ranking, Statements
from accord.core.payoffs import ranking_payoff, statement_payoff
from cases.loader import (
    CASES,
    case_json,
    case_state_ids,
    convert_statement,
    load_case,
    option_identifiers,
    option_order,
    preference_source,
    ranking,
    state_codes,
)


def test_every_fixture_is_listed() -> None:
    assert "elmira" in CASES
    assert "garrison_diversion_unit" in CASES
    assert len(CASES) == 9


@pytest.mark.parametrize("name", CASES)
def test_fixture_loads(name: str) -> None:
    conflict, case = load_case(name)
    assert conflict.name == case["name"]
    assert conflict.dm_names == tuple(dm["name"] for dm in case["decision_makers"])
    assert [o.label for o in conflict.options] == option_order(case)
    assert len(conflict.states) == len(case["states"])
    source = preference_source(case)
    for dm, pref in conflict.preferences.items():
        wanted = Statements if source == "statements" else Ranking
        assert isinstance(pref, wanted), dm


@pytest.mark.parametrize("name", CASES)
def test_fixture_ids_are_accord_ids(name: str) -> None:
    # README §2 says not to assume ids follow from the option order; in fact every fixture's
    # do (option form), and graph-form ids are kept as given.
    case = case_json(name)
    assert all(fixture == accord for fixture, accord in case_state_ids(case).items())


@pytest.mark.parametrize("name", CASES)
def test_state_table_is_reproduced(name: str) -> None:
    conflict, case = load_case(name)
    space = conflict.states
    idents = option_identifiers(case)
    codes = state_codes(case)
    for state in case["states"]:
        index = space.index_of_id(state["id"])
        assert index is not None, state["id"]
        assert int(space.codes[index]) == codes[state["id"]]
        taken = space.taken(index)
        assert {name: "Y" if taken[idents[name]] else "N" for name in state["options"]} == state[
            "options"
        ]
    if not conflict.is_graph_form:
        assert space.ids.tolist() == list(range(1, len(case["states"]) + 1))
        assert space.codes.tolist() == sorted(codes.values())


def test_graph_form_fixture() -> None:
    conflict, case = load_case("elmira")
    assert conflict.is_graph_form
    assert conflict.graph is not None
    (abandon,) = [s for s in conflict.graph.states if s.members]
    assert abandon.id == 9
    assert abandon.taken == frozenset({"abandon"})
    assert len(abandon.members) == 4
    assert all("abandon" in m for m in abandon.members)
    assert conflict.graph.moves["MoE"] == ((1, 2), (3, 4), (5, 6), (7, 8))
    assert conflict.status_quo == case["status_quo"] == 1


STATEMENT_RANKINGS = [
    (name, dm)
    for name in CASES
    for dm, pref in case_json(name)["preferences"].items()
    if preference_source(case_json(name)) == "statements" and "ranking" in pref
]


@pytest.mark.parametrize(
    ("name", "dm"), STATEMENT_RANKINGS, ids=[f"{n}-{d}" for n, d in STATEMENT_RANKINGS]
)
def test_statements_induce_the_fixture_ranking(name: str, dm: str) -> None:
    # README §2: with preference_source "statements", a ranking given too is the induced one.
    conflict, case = load_case(name)
    ids = case_state_ids(case)
    expected = ranking_payoff(ranking(case["preferences"][dm]["ranking"], ids), conflict.states)
    assert np.array_equal(conflict.payoffs[dm], expected)


def test_statements_give_the_published_elmira_rankings() -> None:
    # elmira_prioritization's notes: on the 9-state coalesced model (state 9 at its
    # representative) the statements give the published MoE and LG rankings, and UR the
    # gmcr-py version [1, 4, 8, 5, 9, 2, 3, 7, 6].
    graph, graph_case = load_case("elmira")
    _, statements_case = load_case("elmira_prioritization")
    idents = option_identifiers(graph_case)
    published = {dm: p["ranking"] for dm, p in graph_case["preferences"].items()}
    published["UR"] = [1, 4, 8, 5, 9, 2, 3, 7, 6]
    for short, long in zip(
        ("MoE", "UR", "LG"), ("MoE", "Uniroyal", "Local Government"), strict=True
    ):
        texts = [
            convert_statement(s, idents) for s in statements_case["preferences"][long]["statements"]
        ]
        payoff = statement_payoff(texts, graph.states)
        expected = ranking_payoff(
            ranking(published[short], {i: i for i in range(1, 10)}), graph.states
        )
        assert np.array_equal(payoff, expected), short


CONVERSIONS = [
    ("-Air Strike & Withdraw", "-air_strike & withdraw"),
    ("Air Strike IF Escalate", "air_strike IF escalate"),
    ("Modify IFF -Insist", "modify IFF -insist"),
    ("A & -B | Cease-fire", "a & -b | cease_fire"),
]


@pytest.mark.parametrize(("text", "expected"), CONVERSIONS, ids=[t for t, _ in CONVERSIONS])
def test_convert_statement(text: str, expected: str) -> None:
    idents = {
        "Air Strike": "air_strike",
        "Withdraw": "withdraw",
        "Escalate": "escalate",
        "Modify": "modify",
        "Insist": "insist",
        "A": "a",
        "B": "b",
        "Cease-fire": "cease_fire",
    }
    assert convert_statement(text, idents) == expected


def test_convert_statement_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="unknown option 'Nuke'"):
        convert_statement("Nuke", {"A": "a"})
