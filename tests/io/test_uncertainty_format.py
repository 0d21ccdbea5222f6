"""Uncertain preferences in native files: reading, located errors, round trips, .gmcr export."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from accord import AccordWarning, Conflict, PayoffVector, Statement, Statements
from accord.core.uncertainty import Alternative, Probable, Uncertainty
from accord.errors import ModelError, Problem
from accord.io.gmcr import generate_gmcr, parse_gmcr
from accord.io.native import generate_model, parse_model
from strategies import uncertain_conflicts

FILE = "model.yaml"

# Line numbers below refer to this text (line 1 is 'accord: 1').
BASE = """\
accord: 1
name: talks
decision_makers:
  US: {options: [pressure, aid]}
  RU: {options: [ceasefire]}
preferences:
  US:
    - ceasefire
    - pressure IF -ceasefire
    - {statement: aid, label: more aid}
    - -pressure
    - aid & ceasefire
  RU: {ranking: [[1, 2, 3, 4], [5, 6, 7, 8]]}
uncertainty:
  US:
    unordered:
      - [1, "-pressure"]
    probable:
      - {statement: aid & ceasefire, probability: 0.5}
    alternatives:
      - weight: 0.3
        label: pressure first
        statements: [pressure, {statement: ceasefire, label: calm}]
    unknown:
      - [1, "pressure & aid & ceasefire"]
  RU:
    unknown: [[2, 3]]
evidence:
  - {about: US.uncertainty, note: the analyst's reading of two briefings}
"""


def problems(text: str) -> tuple[Problem, ...]:
    """The problems of a text that must not load, each checked to be fully located."""
    with pytest.raises(ModelError) as info:
        parse_model(text, filename=FILE)
    found = info.value.problems
    for p in found:
        assert FILE == p.file
        assert p.line is not None, p
        assert p.column is not None, p
        assert p.excerpt is not None, p
    return found


def one(text: str) -> Problem:
    found = problems(text)
    assert 1 == len(found), "\n".join(map(str, found))
    return found[0]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def column_of(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


# -- reading and writing ---------------------------------------------------------------------


def test_reads_every_part_and_resolves_texts_to_indices() -> None:
    c = parse_model(BASE)
    assert {
        "US": Uncertainty(
            unordered=((1, 3),),
            probable=(Probable(4, 0.5),),
            alternatives=(
                Alternative(
                    Statements(("pressure", Statement("ceasefire", "calm"))), 0.3, "pressure first"
                ),
            ),
            unknown=((1, "pressure & aid & ceasefire"),),
        ),
        "RU": Uncertainty(unknown=((2, 3),)),
    } == dict(c.uncertainty)
    assert ((0, 7),) == c.unknown_pairs("US")


def test_a_label_does_not_name_a_statement() -> None:
    p = one(edit('[1, "-pressure"]', '[1, "more aid"]'))
    assert (17, 13) == (p.line, p.column)
    assert p.message == (
        "US has no statement 'more aid': a statement named by text must be written exactly "
        "as in its preferences"
    )


def test_canonical_yaml_and_exact_round_trip() -> None:
    c = parse_model(BASE)
    text = generate_model(c)
    section = text[text.index("uncertainty:") : text.index("evidence:")]
    assert section == (
        "uncertainty:\n"
        "  US:\n"
        "    unordered:\n"
        "      - [1, 3]\n"
        "    probable:\n"
        "      - {statement: 4, probability: 0.5}\n"
        "    alternatives:\n"
        "      - weight: 0.3\n"
        "        label: pressure first\n"
        "        statements:\n"
        "          - pressure\n"
        "          - statement: ceasefire\n"
        "            label: calm\n"
        "    unknown:\n"
        "      - [1, pressure & aid & ceasefire]\n"
        "  RU:\n"
        "    unknown:\n"
        "      - [2, 3]\n"
    )
    assert text.index("preferences:") < text.index("uncertainty:") < text.index("evidence:")
    assert c == parse_model(text)
    assert c == parse_model(generate_model(c, format="json"), filename="m.json")


def test_an_empty_block_and_whole_number_probabilities() -> None:
    text = edit("  RU:\n    unknown: [[2, 3]]\n", "  RU: {}\n")
    text = edit("probability: 0.5", "probability: 1", text)
    c = parse_model(text)
    assert Uncertainty() == c.uncertainty["RU"]
    assert Probable(4, 1.0) == c.uncertainty["US"].probable[0]
    assert c == parse_model(generate_model(c))


def _same(a: Conflict, b: Conflict) -> None:
    assert dict(a.uncertainty) == dict(b.uncertainty)
    if not any(isinstance(p, PayoffVector) for p in a.preferences.values()):
        assert a == b  # payoff vectors are written as rankings, an equal model otherwise


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(uncertain_conflicts(max_dms=3, max_options=6))
def test_random_uncertainty_round_trips(c: Conflict) -> None:
    text = generate_model(c)
    again = parse_model(text)
    _same(c, again)
    assert text == generate_model(again)
    _same(c, parse_model(generate_model(c, format="json"), filename="m.json"))


# -- located errors --------------------------------------------------------------------------


def test_unknown_decision_maker() -> None:
    p = one(edit("  RU:\n    unknown", "  Ru:\n    unknown"))
    assert (26, 3) == (p.line, p.column)
    assert "uncertainty is given for 'Ru', which is not a decision maker" == p.message
    assert "did you mean 'RU'?" == p.hint


def test_a_ranking_takes_only_unknown_pairs() -> None:
    p = one(edit("    unknown: [[2, 3]]\n", "    unknown: [[2, 3]]\n    unordered: [[0, 1]]\n"))
    assert (28, 5) == (p.line, p.column)
    assert p.message.startswith("'unordered' needs prioritised statements, but the pref")


def test_statement_index_out_of_range() -> None:
    text = edit('[1, "-pressure"]', "[1, 7]")
    p = one(text)
    assert (17, column_of(text, 17, "7")) == (p.line, p.column)
    assert "US has no statement 7: its statements are numbered 0 to 4" == p.message


def test_statement_text_not_found_or_ambiguous() -> None:
    text = edit('[1, "-pressure"]', '[1, "-presure"]')
    p = one(text)
    assert (17, 13) == (p.line, p.column)
    assert "did you mean '-pressure'?" == p.hint
    text = edit("    - aid & ceasefire\n", "    - aid & ceasefire\n    - ceasefire\n")
    p = one(edit("{statement: aid & ceasefire,", "{statement: ceasefire,", text))
    assert (20, 21) == (p.line, p.column)
    assert p.message.startswith("the text 'ceasefire' matches statements 0 and 5 of US")
    assert "name the statement by its index, e.g. 0" == p.hint
    p = one(edit('[1, "-pressure"]', '[1, "3"]'))
    assert "remove the quotes to name a statement by its index" == p.hint


def test_unresolved_texts_and_other_problems_are_reported_together() -> None:
    text = edit(
        '      - [1, "-pressure"]\n',
        '      - [1, "-presure"]\n      - [0, 2]\n      - [2, 4]\n',
    )
    found = problems(text)
    assert [(17, 13), (19, 10)] == [(p.line, p.column) for p in found]
    # the core checked the second and third groups: the overlap is in the file's group [2]
    assert ("uncertainty", "US", "unordered", 2, 0) == found[1].path
    assert "statement 2 ('aid') is in two groups of US" in found[1].message


def test_overlapping_and_small_groups() -> None:
    found = problems(edit('[1, "-pressure"]', '[1, "-pressure"]\n      - [3, 4]\n      - [0]'))
    assert [(18, 10), (19, 9)] == [(p.line, p.column) for p in found]
    assert "groups of unordered statements must not overlap" in found[0].message
    assert "needs at least 2 statements (got 1)" in found[1].message


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("1.5", "a probability must be a number greater than 0 and at most 1 (got 1.5)", None),
        ("0", "a probability must be a number greater than 0 and at most 1 (got 0.0)", None),
        (
            '"0.5"',
            "'probability' of probable statement [0] in the uncertainty of 'US' must be a "
            "number (got the text '0.5')",
            "write a plain decimal number without quotes, such as 0.5",
        ),
    ],
)
def test_probability(value: str, message: str, hint: str | None) -> None:
    text = edit("probability: 0.5", f"probability: {value}")
    p = one(text)
    assert (19, column_of(text, 19, value)) == (p.line, p.column)
    assert message == p.message
    if hint is not None:
        assert hint == p.hint


def test_weights() -> None:
    text = edit("weight: 0.3", "weight: 0")
    p = one(text)
    assert (21, 17) == (p.line, p.column)
    assert "the weight of an alternative must be a number greater than 0 and at most 1" in p.message
    text = edit(
        "        statements: [pressure, {statement: ceasefire, label: calm}]\n",
        "        statements: [pressure, {statement: ceasefire, label: calm}]\n"
        "      - {weight: 0.8, statements: []}\n",
    )
    p = one(text)
    assert (20, 5) == (p.line, p.column)
    assert p.message.startswith("the weights of the alternatives of US sum to 1.1;")


def test_alternative_statements_are_checked_in_place() -> None:
    text = edit("statements: [pressure,", "statements: [presure | aid &,")
    p = one(text)
    assert (23, column_of(text, 23, "&,") + 1) == (p.line, p.column)
    text = edit("statements: [pressure,", "statements: [aid | presure,")
    p = one(text)
    assert (23, column_of(text, 23, "presure")) == (p.line, p.column)
    assert "unknown option 'presure' in a statement of an alternative of US" == p.message
    assert "did you mean 'pressure'?" == p.hint


@pytest.mark.parametrize(
    ("pair", "needle", "words"),
    [
        ("[2, 2]", "[2, 2]", "the two states of an unknown pair must differ (both are state 2)"),
        ("[2, 9]", "9", "no feasible state has id 9"),
        ("[2, aid]", "aid", "it matches 4 (states 3, 4, 7, 8)"),
        ("[2, 3, 4]", "[2, 3, 4]", "must be a pair of two states, each an id or a condition"),
        ("[2, yes]", "yes", "must be a state id (a whole number) or a condition (text)"),
    ],
)
def test_unknown_pairs(pair: str, needle: str, words: str) -> None:
    text = edit("unknown: [[2, 3]]", f"unknown: [{pair}]")
    p = one(text)
    assert (27, column_of(text, 27, needle)) == (p.line, p.column)
    assert words in p.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "hint"),
    [
        (
            "    probable:",
            "    probabl:",
            18,
            "unknown key 'probabl' in the uncertainty of 'US'",
            "did you mean 'probable'?",
        ),
        (
            "probability: 0.5",
            "chance: 0.5",
            19,
            "unknown key 'chance' in probable statement [0] in the uncertainty of 'US'",
            "the keys allowed here are statement, probability",
        ),
        (
            "        label: pressure first",
            "        lable: pressure first",
            22,
            "unknown key 'lable' in alternative [0] in the uncertainty of 'US'",
            "did you mean 'label'?",
        ),
    ],
)
def test_unknown_keys(old: str, new: str, line: int, message: str, hint: str) -> None:
    text = edit(old, new)
    found = problems(text)
    p = next(p for p in found if "unknown key" in p.message)
    assert (line, column_of(text, line, new.strip().split(":")[0])) == (p.line, p.column)
    assert message == p.message
    assert hint == p.hint


def test_uncertainty_must_map_names() -> None:
    p = one(BASE[: BASE.index("uncertainty:")] + "uncertainty: [US, RU]\n")
    assert (14, 1) == (p.line, p.column)
    assert p.message == (
        "'uncertainty' must be a mapping from each decision maker's name to what is uncertain "
        "about its preferences (got a list of 2 items)"
    )
    assert "write each name as a key ('Ukraine:'), not as a list item ('- Ukraine')" == p.hint


# -- GMCR+ -----------------------------------------------------------------------------------


def test_gmcr_export_drops_uncertainty_with_a_warning() -> None:
    c = parse_model(BASE).replace(evidence=())
    with pytest.warns(AccordWarning, match="uncertain preferences of 'US', 'RU' are dropped"):
        text = generate_gmcr(c)
    back = parse_gmcr(text)
    assert {} == dict(back.uncertainty)
    assert c.states.codes.tolist() == back.states.codes.tolist()
    for dm in c.dm_names:
        assert c.payoffs[dm].tolist() == back.payoffs[dm].tolist()
