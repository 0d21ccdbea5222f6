"""Reading and writing GMCR+ ``.gmcr`` files (tests/cases/README.md §4)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from accord import (
    AccordWarning,
    Conflict,
    DecisionMaker,
    FormatError,
    GraphForm,
    GraphState,
    ModelError,
    Option,
    Problem,
    Ranking,
    Statements,
)
from accord.core.language import evaluate_on_codes, names_in, parse_condition, to_text
from accord.io.gmcr import generate_gmcr, parse_gmcr, read_gmcr, write_gmcr
from accord.io.gmcr._locate import Locator, model_to_file
from accord.io.gmcr._raw import validate
from cases.loader import CASE_DIR, load_case, option_order
from strategies import conditions, small_conflicts

GMCR_CASES = sorted(p.stem for p in CASE_DIR.glob("*.gmcr"))


def _read(name: str) -> Conflict:
    return read_gmcr(CASE_DIR / f"{name}.gmcr")


def _gmcr(**changes: object) -> str:
    """A small valid .gmcr text (two DMs, three options), with top-level keys replaced."""
    data: dict[str, object] = {
        "options": [
            {"name": "Attack", "permittedDirection": "both"},
            {"name": "Retreat", "permittedDirection": "fwd"},
            {"name": "Talk", "permittedDirection": "back"},
        ],
        "decisionMakers": [
            {"name": "Red", "options": [0, 1], "preferences": [[[0, "N"]]]},
            {"name": "Blue", "options": [2], "preferences": [[[2, "Y"], [0, "N"]]]},
        ],
        "infeasibles": [[[0, "Y"], [1, "Y"]]],
        "useManualPreferenceRanking": False,
    }
    data.update(changes)
    return json.dumps(data)


def _same_model(a: Conflict, b: Conflict) -> None:
    """Same decision makers, options, reversibility, states (ids and codes) and payoffs."""
    assert a.dm_names == b.dm_names
    assert [dm.name for dm in a.decision_makers] == [dm.name for dm in b.decision_makers]
    for dm_a, dm_b in zip(a.decision_makers, b.decision_makers, strict=True):
        assert [o.name for o in dm_a.options] == [o.name for o in dm_b.options]
    assert [o.reversibility for o in a.options] == [o.reversibility for o in b.options]
    assert a.states.ids.tolist() == b.states.ids.tolist()
    assert a.states.codes.tolist() == b.states.codes.tolist()
    for dm in a.dm_names:
        assert a.payoffs[dm].tolist() == b.payoffs[dm].tolist(), dm
    assert a.coalitions == b.coalitions
    assert dict(a.misperceptions) == dict(b.misperceptions)


def _truth(text: str, names: tuple[str, ...]) -> list[bool]:
    codes = np.arange(1 << len(names), dtype=np.int64)
    bits = {n: t for t, n in enumerate(names)}
    return evaluate_on_codes(parse_condition(text), codes, bits).tolist()


# -- the shipped files against their JSON twins ------------------------------------------------


@pytest.mark.parametrize("name", GMCR_CASES)
def test_gmcr_file_matches_its_json_twin(name: str) -> None:
    conflict = _read(name)
    twin, case = load_case(name)
    renamed = case["gmcr"].get("renamed_options", {})
    assert conflict.dm_names == twin.dm_names
    assert [o.label for o in conflict.options] == [renamed.get(n, n) for n in option_order(case)]
    assert [o.reversibility for o in conflict.options] == [o.reversibility for o in twin.options]
    # The same states under the same ids ...
    assert conflict.states.ids.tolist() == twin.states.ids.tolist()
    assert conflict.states.codes.tolist() == twin.states.codes.tolist()
    # ... and every fixture state, found by id, has the fixture's option pattern.
    space = conflict.states
    for state in case["states"]:
        index = space.index_of_id(state["id"])
        assert index is not None
        # option by option, in bit order (labels were matched to fixture names above)
        taken = space.taken(index)
        found = ["Y" if taken[o.name] else "N" for o in conflict.options]
        assert found == [state["options"][n] for n in option_order(case)], state["id"]
    for dm in conflict.dm_names:
        assert np.array_equal(conflict.payoffs[dm], twin.payoffs[dm]), dm


@pytest.mark.parametrize("name", GMCR_CASES)
def test_gmcr_round_trip_is_exact(name: str) -> None:
    conflict = _read(name)
    again = parse_gmcr(generate_gmcr(conflict), filename=f"{name}.gmcr")
    _same_model(conflict, again)
    assert [o.label for o in again.options] == [o.label for o in conflict.options]
    assert again.name == conflict.name


@pytest.mark.parametrize("name", GMCR_CASES)
def test_native_identifiers_survive_a_round_trip(name: str) -> None:
    twin, _ = load_case(name)  # identifiers derived from the fixture's names
    again = parse_gmcr(generate_gmcr(twin), filename=f"{name}.gmcr")
    _same_model(twin, again)


def test_write_and_read_a_file(tmp_path: Path) -> None:
    conflict = _read("cuban_missile_crisis")
    target = tmp_path / "cuban.gmcr"
    write_gmcr(conflict, target)
    again = read_gmcr(target)
    _same_model(conflict, again)
    assert again.name == "cuban"
    assert json.loads(target.read_text(encoding="utf-8"))["program"] == "accord"


def test_a_lone_surrogate_is_written_escaped(tmp_path: Path) -> None:
    # A native JSON file may say "\ud800"; the .gmcr written from it must still be UTF-8.
    red = DecisionMaker("Red", (Option("a", label="A \ud800"),))
    blue = DecisionMaker("Blue", (Option("b"),))
    conflict = Conflict(
        name="odd",
        decision_makers=(red, blue),
        preferences={"Red": Statements(("a",)), "Blue": Statements(("b",))},
    )
    write_gmcr(conflict, tmp_path / "odd.gmcr")
    assert '"A \\ud800"' in (tmp_path / "odd.gmcr").read_text(encoding="utf-8")
    with pytest.raises(FormatError, match="invalid \\\\u escape"):
        read_gmcr(tmp_path / "odd.gmcr")


def test_name_and_metadata_come_from_the_file() -> None:
    conflict = _read("elmira_gmcrpy_12state")
    assert conflict.name == "elmira_gmcrpy_12state"
    assert conflict.metadata.extra["program"] == "gmcr-py"
    assert conflict.metadata.extra["version"] == "0.3.6"
    assert parse_gmcr(_gmcr()).name == "gmcr"


# -- statements ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["cuban_missile_crisis", "elmira_prioritization", "milk_river", "syria_iraq"]
)
def test_statements_read_as_the_fixture_writes_them(name: str) -> None:
    conflict = _read(name)
    twin, _ = load_case(name)
    for dm in conflict.dm_names:
        pref, expected = conflict.preferences[dm], twin.preferences[dm]
        assert isinstance(pref, Statements)
        assert isinstance(expected, Statements)
        assert pref.texts == expected.texts, dm


def test_typed_if_and_iff_are_recovered() -> None:
    conflict = _read("elmira_prioritization")
    moe = conflict.preferences["MoE"]
    lg = conflict.preferences["Local Government"]
    assert isinstance(moe, Statements)
    assert isinstance(lg, Statements)
    assert moe.texts[3] == "modify IFF -insist"  # members [-M&I, M&-I]
    assert lg.texts[3] == "-modify IF -insist"  # members [p&q, -p&q, -p&-q]
    assert lg.texts[2] == "accept IF -modify"  # members [p&q, -p&-q, -p&q]


TYPED = [
    # members over options 0 (a = attack) and 2 (t = talk): [p&q, -p&q, -p&-q]
    ([[[0, "Y"], [2, "Y"]], [[0, "N"], [2, "Y"]], [[0, "N"], [2, "N"]]], "talk IF attack"),
    ([[[0, "N"], [2, "N"]], [[0, "N"], [2, "Y"]], [[0, "Y"], [2, "Y"]]], "-attack IF -talk"),
    # the order the shipped files also use: [p&q, -p&-q, -p&q]
    ([[[0, "Y"], [2, "Y"]], [[0, "N"], [2, "N"]], [[0, "Y"], [2, "N"]]], "attack IF talk"),
    ([[[0, "Y"], [2, "Y"]], [[0, "N"], [2, "N"]]], "attack IFF talk"),
    ([[[0, "N"], [2, "Y"]], [[0, "Y"], [2, "N"]]], "attack IFF -talk"),
    ([[[0, "N"], [2, "N"]], [[0, "Y"], [2, "Y"]]], "attack IFF talk"),
    # other orders and shapes stay a DNF
    (
        [[[0, "N"], [2, "Y"]], [[0, "Y"], [2, "Y"]], [[0, "N"], [2, "N"]]],
        "-attack & talk | attack & talk | -attack & -talk",
    ),
    ([[[0, "Y"], [2, "Y"]], [[0, "Y"], [2, "N"]]], "attack & talk | attack & -talk"),
    ([[[0, "Y"], [1, "N"]], [[2, "Y"]]], "attack & -retreat | talk"),
    ([[[0, "Y"]]], "attack"),
]


@pytest.mark.parametrize(("members", "text"), TYPED, ids=[text for _, text in TYPED])
def test_compound_conditions_read_as_text(members: list[list[list[object]]], text: str) -> None:
    blue = {"name": "Blue", "options": [2], "preferences": [{"compound": True, "members": members}]}
    conflict = parse_gmcr(_gmcr(decisionMakers=[_gmcr_red(), blue]))
    pref = conflict.preferences["Blue"]
    assert isinstance(pref, Statements)
    assert pref.texts == (text,)
    # The text means what the members mean (file order is bit order here).
    union = [
        any(all(bool(code >> int(i) & 1) == (v == "Y") for i, v in member) for member in members)
        for code in range(8)
    ]
    assert _truth(text, conflict.option_names) == union


def _gmcr_red() -> dict[str, object]:
    return {"name": "Red", "options": [0, 1], "preferences": []}


def test_empty_conditions_are_true_and_empty_compounds_false() -> None:
    blue = {
        "name": "Blue",
        "options": [2],
        "preferences": [[], {"compound": True, "members": []}],
    }
    conflict = parse_gmcr(_gmcr(decisionMakers=[_gmcr_red(), blue]))
    pref = conflict.preferences["Blue"]
    assert isinstance(pref, Statements)
    assert conflict.states.mask(pref.texts[0]).all()
    assert not conflict.states.mask(pref.texts[1]).any()


def _two_dm(statements: tuple[str, ...], infeasible: tuple[str, ...] = ()) -> Conflict:
    return Conflict(
        "t",
        (
            DecisionMaker("A", (Option("a"), Option("b"), Option("c"))),
            DecisionMaker("B", (Option("d"), Option("e"))),
        ),
        {"A": Statements(statements), "B": Statements(("d",))},
        infeasible=infeasible,
    )


def test_typed_statements_are_written_in_gmcr_py_member_order() -> None:
    conflict = _two_dm(("b IF a", "-c IF -a", "a IFF -e", "a & -c", "-b"))
    data = json.loads(generate_gmcr(conflict))
    prefs = data["decisionMakers"][0]["preferences"]
    assert prefs[0] == {
        "compound": True,
        "members": [[[0, "Y"], [1, "Y"]], [[0, "N"], [1, "Y"]], [[0, "N"], [1, "N"]]],
    }
    assert prefs[1] == {
        "compound": True,
        "members": [[[0, "N"], [2, "N"]], [[0, "Y"], [2, "N"]], [[0, "Y"], [2, "Y"]]],
    }
    assert prefs[2] == {"compound": True, "members": [[[0, "Y"], [4, "N"]], [[0, "N"], [4, "Y"]]]}
    assert prefs[3] == [[0, "Y"], [2, "N"]]
    assert prefs[4] == [[1, "N"]]
    again = parse_gmcr(json.dumps(data))
    pref = again.preferences["A"]
    assert isinstance(pref, Statements)
    assert pref.texts == ("b IF a", "-c IF -a", "a IFF -e", "a & -c", "-b")


def test_other_statements_are_written_as_a_dnf() -> None:
    statements = ("a & (b | -c)", "a IF b | c", "(a IFF b) IFF c", "-(a & d)", "a | -a", "a & -a")
    conflict = _two_dm(statements)
    data = json.loads(generate_gmcr(conflict))
    prefs = data["decisionMakers"][0]["preferences"]
    assert prefs[4] == {"compound": True, "members": [[[0, "Y"]], [[0, "N"]]]}
    assert prefs[5] == {"compound": True, "members": []}  # false everywhere
    again = parse_gmcr(json.dumps(data))
    pref = again.preferences["A"]
    assert isinstance(pref, Statements)
    names = conflict.option_names
    for before, after in zip(statements, pref.texts, strict=True):
        assert _truth(before, names) == _truth(after, names), (before, after)
    _same_model(conflict, again)


def test_a_statement_true_everywhere_is_the_empty_condition() -> None:
    data = json.loads(generate_gmcr(_two_dm(("a IF a", "(a IF b) & -a & b"))))
    assert data["decisionMakers"][0]["preferences"] == [[], {"compound": True, "members": []}]


def test_infeasible_conditions_are_split_into_ands() -> None:
    conflict = _two_dm(("a",), infeasible=("a IF b", "c & d | -e", "a & -a"))
    data = json.loads(generate_gmcr(conflict))
    assert all(isinstance(c, list) for c in data["infeasibles"])
    assert data["infeasibles"] == [[[1, "N"]], [[0, "Y"]], [[2, "Y"], [3, "Y"]], [[4, "N"]]]
    _same_model(conflict, parse_gmcr(json.dumps(data)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_conflicts(graph=False))
def test_random_models_round_trip(conflict: Conflict) -> None:
    _same_model(conflict, parse_gmcr(generate_gmcr(conflict)))


@settings(max_examples=100, deadline=None)
@given(conditions(("a", "b", "c", "d", "e"), max_leaves=6))
def test_random_statements_keep_their_truth_table(expr: object) -> None:
    text = to_text(expr)  # type: ignore[arg-type]
    again = parse_gmcr(generate_gmcr(_two_dm((text,))))
    pref = again.preferences["A"]
    assert isinstance(pref, Statements)
    names = ("a", "b", "c", "d", "e")
    assert _truth(text, names) == _truth(pref.texts[0], names)
    assert set(names_in(parse_condition(pref.texts[0]))) <= set(names)


# -- rankings ------------------------------------------------------------------------------


def test_manual_rankings_are_read_as_rankings() -> None:
    conflict = _read("garrison_diversion_unit")  # legacy keys: useManualPreferenceVectors
    pref = conflict.preferences["US Support"]
    assert isinstance(pref, Ranking)
    assert pref.groups[:3] == ((3,), (7,), (1, 2))


def test_any_ranking_makes_every_dm_ranked_on_export() -> None:
    base = _two_dm(("a", "-b"))
    n = len(base.states)
    conflict = base.replace(
        preferences={
            "A": base.preferences["A"],
            "B": Ranking(((*range(1, n, 2),), (*range(2, n + 1, 2),))),
        }
    )
    data = json.loads(generate_gmcr(conflict))
    assert data["useManualPreferenceRanking"] is True
    first, second = data["decisionMakers"]
    assert second["preferenceRanking"] == [list(range(1, n, 2)), list(range(2, n + 1, 2))]
    assert first["preferences"] == [[[0, "Y"]], [[1, "N"]]]  # statements are kept
    ranked = sorted(
        s for g in first["preferenceRanking"] for s in (g if isinstance(g, list) else [g])
    )
    assert ranked == list(range(1, n + 1))
    _same_model(conflict, parse_gmcr(json.dumps(data)))


def test_graph_form_cannot_be_written() -> None:
    conflict, _ = load_case("elmira")
    with pytest.raises(ModelError, match=r"graph-form model cannot be saved as \.gmcr"):
        generate_gmcr(conflict)


def test_graph_form_built_by_hand_cannot_be_written() -> None:
    conflict = Conflict(
        "g",
        (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
        {"A": Ranking(((1,), (2,))), "B": Ranking(((2,), (1,)))},
        graph=GraphForm(
            (GraphState(1, taken=frozenset()), GraphState(2, taken=frozenset({"a"}))),
            {"A": ((1, 2),)},
        ),
    )
    with pytest.raises(ModelError, match="no explicit moves"):
        generate_gmcr(conflict)


# -- names, misperceptions, coalitions -----------------------------------------------------


def test_duplicate_option_names_get_unique_identifiers() -> None:
    conflict = _read("garrison_diversion_unit")
    assert conflict.dm("US Support").options[0].name == "us_support_full"
    assert conflict.dm("US Support").options[1].name == "us_support_reduced"
    assert conflict.dm("IJC").options[0].name == "ijc_full"
    assert conflict.dm("IJC").options[1].name == "ijc_reduced"
    assert [o.label for o in conflict.dm("IJC").options] == [
        "Full",
        "Reduced",
        "Lonetree",
        "Suspend",
    ]
    assert conflict.option("legal_challenge").label == "Legal Challenge"
    data = json.loads(generate_gmcr(conflict))
    assert [o["name"] for o in data["options"]][:2] == ["Full", "Reduced"]


def test_options_are_regrouped_by_decision_maker() -> None:
    # Options interleaved in the file: gmcr-py numbers states in DM-grouped order.
    text = _gmcr(
        decisionMakers=[
            {"name": "Red", "options": [2, 0], "preferences": [[[2, "Y"]]]},
            {"name": "Blue", "options": [1], "preferences": [[[1, "N"]]]},
        ],
        infeasibles=[],
    )
    conflict = parse_gmcr(text)
    assert conflict.option_names == ("talk", "attack", "retreat")
    assert conflict.states.codes.tolist() == list(range(8))
    pref = conflict.preferences["Red"]
    assert isinstance(pref, Statements)
    assert pref.texts == ("talk",)


def test_misperceptions_are_kept_with_a_warning() -> None:
    red = {"name": "Red", "options": [0, 1], "preferences": [], "misperceptions": [[[2, "Y"]]]}
    blue = {"name": "Blue", "options": [2], "preferences": [[[2, "Y"]]]}
    text = _gmcr(decisionMakers=[red, blue])
    with pytest.warns(AccordWarning, match="misperceptions of 'Red'"):
        conflict = parse_gmcr(text)
    assert conflict.misperceptions == {"Red": ("talk",)}
    with pytest.warns(AccordWarning, match="does not analyse misperceptions"):
        again = parse_gmcr(generate_gmcr(conflict))
    assert again.misperceptions == conflict.misperceptions


def test_coalitions_are_kept() -> None:
    dms = [
        {"name": "Red", "options": [0], "preferences": []},
        {"name": "Green", "options": [1], "preferences": []},
        {"name": "Blue", "options": [2], "preferences": []},
    ]
    conflict = parse_gmcr(_gmcr(decisionMakers=dms, coalitions=[[0, 2], 1]))
    assert conflict.coalitions == (("Red", "Blue"), ("Green",))
    data = json.loads(generate_gmcr(conflict))
    assert data["coalitions"] == [[0, 2], 1]
    assert _read("elmira_gmcrpy_12state").coalitions == (
        ("MoE",),
        ("Uniroyal",),
        ("Local Government",),
    )


def test_unknown_keys_are_ignored() -> None:
    text = _gmcr(coalitionsFull=[{"name": "x"}], somethingNew={"a": 1})
    assert parse_gmcr(text).dm_names == ("Red", "Blue")


# -- errors --------------------------------------------------------------------------------


def test_malformed_json_gives_line_and_column() -> None:
    text = '{\n  "options": [],\n  "decisionMakers": [1 2]\n}\n'
    with pytest.raises(FormatError) as info:
        parse_gmcr(text, filename="broken.gmcr")
    (problem,) = info.value.problems
    assert problem.file == "broken.gmcr"
    assert (problem.line, problem.column) == (3, 24)
    assert problem.excerpt == '  "decisionMakers": [1 2]'
    assert "valid JSON" in problem.message
    assert "Traceback" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        # JSON that Python's parser reads but pydantic's does not
        ('{\n  "options": ["\\ud800"]\n}', "invalid \\u escape", 2),
        ('{"options": ' + "[" * 300 + "]" * 300 + "}", "nested too deeply", 1),
        # and JSON that neither reads
        ('{"options": [' + "1" * 5000 + "]}", "too many digits", None),
        ("[" * 100_000, "nested too deeply", None),
    ],
    ids=["escaped-surrogate", "nested-300", "long-number", "nested-100000"],
)
def test_json_that_cannot_be_read_is_a_format_error(
    text: str, message: str, line: int | None
) -> None:
    with pytest.raises(FormatError) as info:
        parse_gmcr(text, filename="odd.gmcr")
    (problem,) = info.value.problems
    assert problem.file == "odd.gmcr"
    assert problem.line == line
    assert message in problem.message
    assert problem.message.startswith(("the file must be valid JSON", "the JSON"))


def test_a_lone_surrogate_in_the_text_is_located() -> None:
    # Only a caller's str can hold one (a file is decoded as UTF-8), e.g. bytes decoded with
    # errors="surrogateescape"; the excerpt shows it as U+FFFD so that it can be printed.
    with pytest.raises(FormatError) as info:
        parse_gmcr('{\n  "options": ["\udc80"]\n}')
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 16)
    assert "U+DC80" in problem.message
    assert problem.excerpt == '  "options": ["\ufffd"]'
    problem.format().encode("utf-8")


def test_empty_text_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="empty"):
        parse_gmcr("  \n")


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_gmcr(tmp_path / "nowhere.gmcr")


def test_not_an_object() -> None:
    with pytest.raises(FormatError) as info:
        parse_gmcr("[1, 2]", filename="list.gmcr")
    (problem,) = info.value.problems
    assert problem.path == ()
    assert "must be an object" in problem.message
    assert "found a list of 2 items" in problem.message


def test_every_structural_problem_is_reported() -> None:
    text = _gmcr(
        options=[
            {"name": 5, "permittedDirection": "both"},
            {"name": "Retreat", "permittedDirection": "fwd"},
            {"name": "Talk", "permittedDirection": "back"},
        ],
        decisionMakers=[
            {"name": "Red", "options": [0, 1], "preferences": [[[0, "X"]]]},
            {"name": "Blue", "options": [2], "preferences": []},
        ],
    )
    with pytest.raises(FormatError) as info:
        parse_gmcr(text, filename="two.gmcr")
    problems = info.value.problems
    assert len(problems) == 2
    assert {p.path for p in problems} == {
        ("options", 0, "name"),
        ("decisionMakers", 0, "preferences", 0, 0, 1),
    }
    assert all(p.file == "two.gmcr" for p in problems)
    by_path = {p.path: p.message for p in problems}
    assert by_path[("options", 0, "name")] == (
        "an option's 'name' must be text in double quotes; found the number 5"
    )
    assert by_path[("decisionMakers", 0, "preferences", 0, 0, 1)] == (
        "the value of a literal must be 'Y' or 'N'; found the text 'X'"
    )


def test_missing_keys_are_reported_together() -> None:
    with pytest.raises(FormatError) as info:
        parse_gmcr('{"infeasibles": []}')
    messages = sorted(p.message for p in info.value.problems)
    assert messages == [
        "a .gmcr file needs the key 'decisionMakers'; it is missing",
        "a .gmcr file needs the key 'options'; it is missing",
    ]


BAD_SHAPES = [
    (
        {
            "decisionMakers": [
                {"name": "Red", "options": [0, 1], "preferences": [7]},
                {"name": "Blue", "options": [2], "preferences": []},
            ]
        },
        ("decisionMakers", 0, "preferences", 0),
        "a condition must be a list of [option index",
    ),
    (
        {
            "decisionMakers": [
                {"name": "Red", "options": [0, 1], "preferences": [[[0]]]},
                {"name": "Blue", "options": [2], "preferences": []},
            ]
        },
        ("decisionMakers", 0, "preferences", 0, 0),
        'a literal must be a pair [option index, "Y" or "N"]; found a list of 1 item',
    ),
    (
        {
            "decisionMakers": [
                {"name": "Red", "options": [0, "1"], "preferences": []},
                {"name": "Blue", "options": [2], "preferences": []},
            ]
        },
        ("decisionMakers", 0, "options", 1),
        "an option index must be a whole number; found the text '1'",
    ),
    (
        {"useManualPreferenceRanking": "yes"},
        ("useManualPreferenceRanking",),
        "must be true or false; found the text 'yes'",
    ),
    (
        {"options": [{"name": "A", "permittedDirection": "up"}, {"name": "B"}, {"name": "C"}]},
        ("options", 0, "permittedDirection"),
        "must be 'both', 'fwd' or 'back'; found the text 'up'",
    ),
    (
        {
            "decisionMakers": [
                {"name": "Red", "options": [0, 1], "preferences": [{"compound": True}]},
                {"name": "Blue", "options": [2], "preferences": []},
            ]
        },
        ("decisionMakers", 0, "preferences", 0),
        "a condition needs the key 'members'; it is missing",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "message"), BAD_SHAPES, ids=[m for _, _, m in BAD_SHAPES]
)
def test_wrong_shapes_are_explained(
    changes: dict[str, object], path: tuple[object, ...], message: str
) -> None:
    with pytest.raises(FormatError) as info:
        parse_gmcr(_gmcr(**changes))
    (problem,) = info.value.problems
    assert problem.path == path
    assert message in problem.message


def test_bad_references_are_reported_together() -> None:
    text = _gmcr(
        decisionMakers=[
            {"name": "Red", "options": [0, 1, 7], "preferences": [[[9, "Y"]]]},
            {"name": "Blue", "options": [1], "preferences": []},
        ],
        infeasibles=[{"compound": True, "members": [[[-1, "N"]]]}],
        coalitions=[[0, 3]],
    )
    with pytest.raises(FormatError) as info:
        parse_gmcr(text, filename="refs.gmcr")
    by_path = {p.path: p.message for p in info.value.problems}
    assert set(by_path) == {
        ("decisionMakers", 0, "options", 2),
        ("decisionMakers", 0, "preferences", 0, 0, 0),
        ("infeasibles", 0, "members", 0, 0, 0),
        ("decisionMakers", 1, "options", 0),
        ("options", 2),
        ("coalitions", 0, 1),
    }
    assert by_path[("decisionMakers", 0, "options", 2)].startswith(
        "option index 7 is out of range: the file has 3 options"
    )
    assert "owned by both 'Red' and 'Blue'" in by_path[("decisionMakers", 1, "options", 0)]
    assert "option 2 ('Talk') belongs to no decision maker" in by_path[("options", 2)]
    assert "decision-maker index 3 is out of range" in by_path[("coalitions", 0, 1)]
    assert all(p.file == "refs.gmcr" for p in info.value.problems)


def test_manual_ranking_missing_for_a_dm() -> None:
    text = _gmcr(
        useManualPreferenceRanking=True,
        decisionMakers=[
            {"name": "Red", "options": [0, 1], "preferences": [], "preferenceRanking": [1]},
            {"name": "Blue", "options": [2], "preferences": []},
        ],
    )
    with pytest.raises(FormatError) as info:
        parse_gmcr(text)
    (problem,) = info.value.problems
    assert problem.path == ("decisionMakers", 1)
    assert "'Blue' has no 'preferenceRanking'" in problem.message


def test_model_errors_carry_the_file_name() -> None:
    text = _gmcr(
        useManualPreferenceRanking=True,
        decisionMakers=[
            {"name": "Red", "options": [0, 1], "preferences": [], "preferenceRanking": [1, 99]},
            {
                "name": "Blue",
                "options": [2],
                "preferences": [],
                "preferenceRanking": [[1, 2, 3, 4, 5, 77]],
            },
        ],
    )
    with pytest.raises(ModelError) as info:
        parse_gmcr(text, filename="model.gmcr")
    assert not isinstance(info.value, FormatError)
    problems = info.value.problems
    assert len(problems) >= 2  # states 99 (Red) and 77 (Blue) unknown
    assert all(p.file == "model.gmcr" for p in problems)
    assert any("99" in p.message for p in problems)


# -- where errors are: line, column and the line itself --------------------------------------

LAYOUTS = pytest.mark.parametrize("indent", [None, 2], ids=["one-line", "pretty"])


def _laid_out(indent: int | None, **changes: object) -> str:
    """:func:`_gmcr` on one line (as gmcr-py writes it) or pretty-printed."""
    return json.dumps(json.loads(_gmcr(**changes)), indent=indent)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``text[offset]``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _pointed(problem: Problem) -> str:
    """The text a problem underlines, read from its excerpt."""
    assert problem.excerpt is not None
    assert problem.column is not None
    return problem.excerpt[problem.column - 1 : problem.column - 1 + problem.width]


def _under_carets(problem: Problem) -> str:
    """What the carets of the printed message stand under (the excerpt may be windowed)."""
    excerpt, caret = problem.format().split("\n")[1:3]
    start = caret.index("^")
    return excerpt[start : start + caret.count("^")]


def _only(text: str, error: type[ModelError] = FormatError) -> Problem:
    with pytest.raises(error) as info:
        parse_gmcr(text, filename="x.gmcr")
    (problem,) = info.value.problems
    assert problem.file == "x.gmcr"
    return problem


def _check_at(problem: Problem, text: str, offset: int, pointed: str) -> None:
    """``problem`` sits at ``text[offset]``, underlines ``pointed`` and prints it so."""
    assert (problem.line, problem.column) == _line_column(text, offset)
    assert problem.line is not None
    assert problem.excerpt == text.split("\n")[problem.line - 1]
    assert _pointed(problem) == pointed
    under = _under_carets(problem)
    assert under
    assert pointed.startswith(under)  # the whole of it, unless cut at the window's end
    head = problem.format().split("\n")[0]
    assert head.startswith(f"x.gmcr:{problem.line}:{problem.column}: error: ")


@LAYOUTS
def test_a_bad_direction_is_located(indent: int | None) -> None:
    options = [
        {"name": "Attack", "permittedDirection": "both"},
        {"name": "Retreat", "permittedDirection": "sideways"},
        {"name": "Talk", "permittedDirection": "back"},
    ]
    text = _laid_out(indent, options=options)
    problem = _only(text)
    assert problem.path == ("options", 1, "permittedDirection")
    _check_at(problem, text, text.index('"sideways"'), '"sideways"')


@LAYOUTS
def test_an_option_index_out_of_range_is_located(indent: int | None) -> None:
    dms = [
        {"name": "Red", "options": [0, 1], "preferences": [[[0, "N"]]]},
        {"name": "Blue", "options": [2], "preferences": [[[2, "Y"], [17, "N"]]]},
    ]
    text = _laid_out(indent, decisionMakers=dms)
    problem = _only(text)
    assert problem.path == ("decisionMakers", 1, "preferences", 0, 1, 0)
    assert "option index 17 is out of range" in problem.message
    _check_at(problem, text, text.index("17"), "17")


@LAYOUTS
def test_a_wrong_type_is_located(indent: int | None) -> None:
    dms = [
        {"name": "Red", "options": [0, "1"], "preferences": []},
        {"name": "Blue", "options": [2], "preferences": []},
    ]
    text = _laid_out(indent, decisionMakers=dms)
    problem = _only(text)
    assert problem.path == ("decisionMakers", 0, "options", 1)
    _check_at(problem, text, text.index('"1"'), '"1"')


@LAYOUTS
def test_a_missing_key_points_at_its_object(indent: int | None) -> None:
    dms = [
        {"name": "Red", "options": [0, 1], "preferences": []},
        {"name": "Blue", "preferences": []},
    ]
    text = _laid_out(indent, decisionMakers=dms)
    problem = _only(text)
    assert "needs the key 'options'" in problem.message
    offset = text.rindex("{", 0, text.index('"name": "Blue"'))
    assert (problem.line, problem.column) == _line_column(text, offset)
    assert _pointed(problem).startswith("{")


@LAYOUTS
def test_malformed_json_is_located_in_a_long_line(indent: int | None) -> None:
    good = _laid_out(indent, infeasibles=[[[0, "Y"], [1, "Y"]]] * 8)
    offset = good.index('"decisionMakers"') + len('"decisionMakers"')
    text = good[:offset] + good[offset + 1 :]  # drop the ':' after the key
    problem = _only(text)
    assert "expected ':' after a key" in problem.message
    bracket = text.index("[", offset)  # JSON points past the spaces, at what it found instead
    _check_at(problem, text, bracket, "[")
    if indent is None:  # the whole model on one line: the excerpt is shown as a window
        excerpt, caret = problem.format().split("\n")[1:3]
        assert excerpt.startswith("    …")
        assert excerpt.endswith("…")
        assert len(excerpt) < 100
        assert excerpt[len(caret) - 1] == "["


def test_structural_problems_are_sorted_by_position() -> None:
    options = [
        {"name": 5, "permittedDirection": "both"},
        {"name": "Retreat", "permittedDirection": "up"},
        {"name": "Talk", "permittedDirection": "back"},
    ]
    text = _laid_out(None, options=options, useManualPreferenceRanking="no")
    with pytest.raises(FormatError) as info:
        parse_gmcr(text)
    assert all(p.line == 1 for p in info.value.problems)
    columns = [p.column or 0 for p in info.value.problems]
    assert columns == sorted(columns)
    assert [_pointed(p) for p in info.value.problems] == ["5", '"up"', '"no"']


def test_a_key_written_twice_is_located_at_the_value_kept() -> None:
    # json.loads, like gmcr-py, keeps the last of two equal keys; so does the location.
    text = _gmcr().replace(
        '"permittedDirection": "fwd"', '"permittedDirection": "fwd", "permittedDirection": "up"'
    )
    problem = _only(text)
    _check_at(problem, text, text.index('"up"'), '"up"')


def test_lines_are_counted_as_json_counts_them() -> None:
    # a lone CR and U+2028 break lines for YAML, whose parser gives the positions, not for JSON
    text = (
        _laid_out(
            2,
            options=[
                {"name": "A\u2028B", "permittedDirection": "both"},
                {"name": "Retreat", "permittedDirection": "up"},
                {"name": "Talk", "permittedDirection": "back"},
            ],
        )
        .replace("\\u2028", "\u2028")
        .replace('\n  "decisionMakers"', '\r  "decisionMakers"')
    )
    problem = _only(text)
    _check_at(problem, text, text.index('"up"'), '"up"')


# semantic problems, found while the conflict is built, point at the file's part they are about


def _manual(red: list[object], blue: list[object]) -> dict[str, object]:
    return {
        "useManualPreferenceRanking": True,
        "decisionMakers": [
            {"name": "Red", "options": [0, 1], "preferences": [], "preferenceRanking": red},
            {"name": "Blue", "options": [2], "preferences": [], "preferenceRanking": blue},
        ],
    }


@LAYOUTS
def test_a_ranking_that_is_not_a_permutation_is_located(indent: int | None) -> None:
    # six feasible states; Red lists 1 twice and misses 6, Blue leaves 6 out
    text = _laid_out(indent, **_manual([1, [2, 3], 4, 5, 1], [[1, 2, 3, 4, 5]]))
    with pytest.raises(ModelError) as info:
        parse_gmcr(text, filename="x.gmcr")
    assert not isinstance(info.value, FormatError)
    by_path = {p.path: p for p in info.value.problems}
    assert set(by_path) == {
        ("preferences", "Red", "ranking", 4),
        ("preferences", "Red"),
        ("preferences", "Blue"),
    }
    twice = by_path["preferences", "Red", "ranking", 4]
    assert "state 1 is listed twice" in twice.message
    _check_at(twice, text, text.rindex("1", 0, text.index('"Blue"')), "1")
    first_ranking = text.index('"preferenceRanking"')
    missing = by_path["preferences", "Red"]
    assert "must list every feasible state exactly once" in missing.message
    _check_at(missing, text, first_ranking, '"preferenceRanking"')
    blue = by_path["preferences", "Blue"]
    _check_at(blue, text, text.rindex('"preferenceRanking"'), '"preferenceRanking"')
    assert [p.path for p in info.value.problems] == [  # in the order of the file
        ("preferences", "Red"),
        ("preferences", "Red", "ranking", 4),
        ("preferences", "Blue"),
    ]


@LAYOUTS
def test_an_unknown_state_in_a_tie_is_located(indent: int | None) -> None:
    text = _laid_out(indent, **_manual([1, 2, 3, 4, 5, 6], [1, 2, 3, [4, 5, 6, 9]]))
    problem = _only(text, ModelError)
    assert problem.path == ("preferences", "Blue", "ranking", 3, 3)
    assert "no feasible state has id 9" in problem.message
    _check_at(problem, text, text.index("9"), "9")


@LAYOUTS
def test_an_infeasible_condition_everywhere_true_is_located(indent: int | None) -> None:
    text = _laid_out(indent, infeasibles=[[[0, "Y"], [1, "Y"]], []])
    problem = _only(text, ModelError)
    assert problem.path == ("infeasible",)
    assert "no feasible state" in problem.message
    _check_at(problem, text, text.index('"infeasibles"'), '"infeasibles"')


@LAYOUTS
def test_a_decision_maker_named_twice_is_located(indent: int | None) -> None:
    dms = [
        {"name": "Red", "options": [0, 1], "preferences": []},
        {"name": "Red", "options": [2], "preferences": []},
    ]
    text = _laid_out(indent, decisionMakers=dms)
    problem = _only(text, ModelError)
    assert problem.path == ("decision_makers", "Red")
    _check_at(problem, text, text.rindex('"Red"'), '"Red"')  # the second one


@LAYOUTS
def test_a_coalition_listing_a_dm_twice_is_located(indent: int | None) -> None:
    text = _laid_out(indent, coalitions=[1, [0, 0]])
    problem = _only(text, ModelError)
    assert problem.path == ("coalitions", 1, 1)
    _check_at(problem, text, text.rindex("0"), "0")


def _statement_problem(path: tuple[str | int, ...], indent: int | None = None) -> Problem:
    """A problem the core could report about ``path``, located in the :func:`_gmcr` file."""
    text = _laid_out(indent)
    data, problems = validate(text)
    assert data is not None
    assert not problems
    names = ["attack", "retreat", "talk"]
    locator = Locator(text, json.loads(text), "x.gmcr")
    # a problem inside the text of a condition, as the core words it
    problem = Problem("unknown option 'x'", path=path, column=3, excerpt="a & x", width=1)
    (located,) = locator.in_model([problem], data, names)
    assert located.path == path  # the path in the model is kept
    return located


@LAYOUTS
def test_a_statement_is_located_at_its_condition(indent: int | None) -> None:
    text = _laid_out(indent)
    problem = _statement_problem(("preferences", "Blue", 0), indent)
    # Blue's preferences: the list of conditions, then its first condition
    conditions = text.index("[", text.rindex('"preferences"'))
    first = text.index("[", conditions + 1)
    assert (problem.line, problem.column) == _line_column(text, first)
    assert problem.excerpt == text.split("\n")[_line_column(text, first)[0] - 1]
    assert _pointed(problem) == ('[[2, "Y"], [0, "N"]]' if indent is None else "[")


@pytest.mark.parametrize(
    ("model_path", "file_path"),
    [
        (("preferences", "Blue", 0), ("decisionMakers", 1, "preferences", 0)),
        (("preferences", "Red"), ("decisionMakers", 0, "preferences")),
        (("preferences",), ("decisionMakers",)),
        (("infeasible", 0), ("infeasibles", 0)),
        (("infeasible",), ("infeasibles",)),
        (("misperceptions", "Red", 1), ("decisionMakers", 0, "misperceptions", 1)),
        (("decision_makers", "Blue"), ("decisionMakers", 1, "name")),
        (("decision_makers", "Red", "options", "retreat"), ("decisionMakers", 0, "options", 1)),
        (
            ("decision_makers", "Red", "options", "retreat", "reversibility"),
            ("options", 1, "permittedDirection"),
        ),
        (("decision_makers", "Nobody"), ("decisionMakers",)),
        (("coalitions", 0, 1), ("coalitions", 0, 1)),
        (("name",), None),
        (("status_quo",), None),
    ],
)
def test_model_paths_map_to_file_paths(
    model_path: tuple[str | int, ...], file_path: tuple[str | int, ...] | None
) -> None:
    data, _ = validate(_gmcr(coalitions=[[0, 1]]))
    assert data is not None
    assert model_to_file(model_path, data, ["attack", "retreat", "talk"]) == file_path


def test_a_ranking_path_follows_the_key_the_file_uses() -> None:
    text = _gmcr(**_manual([1], [1]))
    data, _ = validate(text.replace("preferenceRanking", "preferenceVector"))
    assert data is not None
    assert model_to_file(("preferences", "Red", "ranking", 2, 1), data, ["a", "b", "c"]) == (
        "decisionMakers",
        0,
        "preferenceVector",
        2,
        1,
    )
    assert model_to_file(("preferences", "Red"), data, ["a", "b", "c"]) == (
        "decisionMakers",
        0,
        "preferenceVector",
    )


def test_a_problem_with_no_place_in_the_file_keeps_the_file_name() -> None:
    problem = _statement_problem(("status_quo",))
    assert (problem.file, problem.line) == ("x.gmcr", None)
    assert problem.format().startswith("x.gmcr: error: status_quo: ")
