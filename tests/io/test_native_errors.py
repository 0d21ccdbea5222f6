"""Bad native model files: every problem is reported, located, and explained in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import FormatError, ModelError, Problem
from accord.io.native import generate_model, loader, parse_model, read_model

FILE = "model.yaml"

# Line numbers below refer to this text (line 1 is 'accord: 1').
BASE = """\
accord: 1
name: ukraine-talks
decision_makers:
  Ukraine:
    options:
      cede_donetsk: {label: Cede Donetsk}
      ceasefire: Agree to a ceasefire
  Russia:
    options: [withdraw, attack]
preferences:
  Ukraine: ["-cede_donetsk", "ceasefire & -attack"]
  Russia:
    statements:
      - cede_donetsk
      - {statement: "-withdraw", label: stay}
"""


def problems(text: str, filename: str = FILE, **kwargs: int) -> tuple[Problem, ...]:
    """The problems of a text that must not load, each checked to be fully located."""
    with pytest.raises(ModelError) as info:
        parse_model(text, filename=filename, **kwargs)
    found = info.value.problems
    for p in found:
        assert p.file == filename
        assert p.line is not None, p
        assert p.column is not None, p
        assert p.excerpt is not None, p
        assert not p.message.endswith("."), p
    return found


def one(text: str, filename: str = FILE, **kwargs: int) -> Problem:
    found = problems(text, filename, **kwargs)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def column_of(text: str, line: int, needle: str, nth: int = 1) -> int:
    """1-based column of the ``nth`` occurrence of ``needle`` on a line of ``text``."""
    source = text.splitlines()[line - 1]
    index = -1
    for _ in range(nth):
        index = source.index(needle, index + 1)
    return index + 1


def test_the_base_model_is_valid() -> None:
    assert parse_model(BASE).dm_names == ("Ukraine", "Russia")


# -- syntax ----------------------------------------------------------------------------------


def test_yaml_tab_indentation() -> None:
    text = "accord: 1\nname: x\ndecision_makers:\n\tUkraine: {}\n"
    with pytest.raises(FormatError) as info:
        parse_model(text, filename=FILE)
    (p,) = info.value.problems
    assert (p.line, p.column) == (4, 1)
    assert "tab character" in p.message
    assert "spaces" in p.message
    assert p.hint == "replace the tab with spaces"


def test_yaml_unclosed_quote_points_at_the_opening_quote() -> None:
    text = 'accord: 1\nname: "ukraine\ndecision_makers: {}\n'
    p = one(text)
    assert (p.line, p.column) == (2, 7)
    assert p.message == 'this quoted text is never closed: the closing " is missing'


def test_yaml_bad_indentation() -> None:
    text = (
        "accord: 1\nname: x\ndecision_makers:\n"
        "    Ukraine: {options: [a]}\n  Russia: {options: [b]}\n"
    )
    p = one(text)
    assert (p.line, p.column) == (5, 3)
    assert p.message.startswith("wrong indentation: found a key that does not fit the mapping")
    assert p.hint is not None
    assert "same column" in p.hint


def test_yaml_colon_inside_a_value() -> None:
    p = one("accord: 1\nname: Note: this\n")
    assert (p.line, p.column) == (2, 11)
    assert "must be quoted" in p.message


def test_yaml_unquoted_brackets_inside_a_flow_mapping() -> None:
    p = one("accord: 1\nevidence: [{about: Russia.preferences[0]}]\n")
    assert (p.line, p.column) == (2, 12)
    assert "not closed" in p.message
    assert p.hint is not None
    assert "must be quoted" in p.hint


def test_yaml_two_documents() -> None:
    p = one("accord: 1\n---\nname: x\n")
    assert (p.line, p.column) == (2, 1)
    assert "more than one YAML document" in p.message


def test_control_character() -> None:
    p = one("accord: 1\nname: a\x07b\n")
    assert (p.line, p.column) == (2, 8)
    assert "control character U+0007" in p.message


def test_json_syntax_error_uses_json_positions() -> None:
    text = '{\n  "accord": 1,\n  "name": "x",\n}\n'
    with pytest.raises(FormatError) as info:
        parse_model(text, filename="model.json")
    (p,) = info.value.problems
    assert (p.file, p.line, p.column) == ("model.json", 4, 1)
    assert p.message == "JSON syntax error: expected a key in double quotes"
    assert p.hint is not None
    assert "no ',' after the last item" in p.hint


def test_json_unclosed_text() -> None:
    p = one('{"accord": 1, "name": "x\n}', filename="model.json")
    assert (p.line, p.column) == (1, 25)
    assert "raw line break" in p.message


def test_json_nan_is_refused() -> None:
    p = one('{"accord": 1, "name": NaN}', filename="model.json")
    assert (p.line, p.column) == (1, 23)
    assert "NaN" in p.message


# -- not a model, versions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- a\n- b\n", "(got a list of 2 items)"),
        ("hello\n", "(got the text 'hello')"),
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        (
            'version: "3.8"\nservices:\n  web:\n    image: nginx\n',
            "(found the keys 'version', 'services')",
        ),
    ],
    ids=["list", "scalar", "empty", "comment", "docker-compose"],
)
def test_not_a_model(text: str, words: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_model(text, filename=FILE)
    (p,) = info.value.problems
    assert p.message.startswith("not an accord model: ")
    assert "'accord: 1'" in p.message
    assert words in p.message
    assert (p.line, p.column) == (1, 1)
    assert p.hint is not None
    assert "docs/file-format.md" in p.hint


def test_missing_version() -> None:
    p = one(BASE.replace("accord: 1\n", ""))
    assert (p.line, p.column) == (1, 1)
    assert p.message == "the format version is missing: a model file starts with 'accord: 1'"
    assert p.hint == "add the line 'accord: 1' at the top of the file"


def test_future_version() -> None:
    with pytest.raises(FormatError) as info:
        parse_model(BASE.replace("accord: 1", "accord: 2"), filename=FILE)
    (p,) = info.value.problems
    assert (p.line, p.column) == (1, 9)
    assert p.message == "this file is accord format version 2; this accord reads version 1"
    assert p.hint == "upgrade accord to read this file"


def test_version_written_as_text() -> None:
    p = one(BASE.replace("accord: 1", 'accord: "1"'))
    assert (p.line, p.column) == (1, 9)
    assert "'accord' must be the format version, the whole number 1" in p.message
    assert "(got the text '1')" in p.message


# -- structure ---------------------------------------------------------------------------------


def test_wrong_types_are_all_reported_with_their_positions() -> None:
    text = (
        BASE.replace("name: ukraine-talks", "name: 2026")
        .replace("{label: Cede Donetsk}", "{label: yes, reversibility: forward}")
        .replace("options: [withdraw, attack]", "options: 3")
    )
    found = problems(text)
    assert [(p.line, p.column) for p in found] == [(2, 7), (6, 29), (6, 49), (9, 14)]
    name, label, reversibility, options = found
    assert name.message == "'name' must be text (got the number 2026)"
    assert name.hint == "put it in quotes to make it text"
    assert label.message == (
        "'label' of option 'cede_donetsk' of decision maker 'Ukraine' must be text "
        "(got the boolean true)"
    )
    assert label.hint is not None
    assert "quotes" in label.hint
    assert "yes" in label.hint
    assert reversibility.message == (
        "'reversibility' of option 'cede_donetsk' of decision maker 'Ukraine' must be one of "
        "both, take_only, withdraw_only (got the text 'forward')"
    )
    assert reversibility.width == len("forward")
    assert options.message == (
        "'options' of decision maker 'Russia' must be a mapping or a list of names "
        "(got the number 3)"
    )


def test_decision_makers_written_as_a_list() -> None:
    text = "accord: 1\nname: x\ndecision_makers:\n  - Ukraine\n  - Russia\n"
    p = one(text)
    assert (p.line, p.column) == (3, 1)
    assert p.message == (
        "'decision_makers' must be a mapping from each decision maker's name to its details "
        "(got a list of 2 items)"
    )
    assert p.hint == "write each name as a key ('Ukraine:'), not as a list item ('- Ukraine')"


def test_decision_maker_with_an_empty_value() -> None:
    p = one(BASE.replace("    options: [withdraw, attack]\n", "").replace("-attack", "-ceasefire"))
    assert (p.line, p.column) == (8, 3)
    assert p.message == (
        "decision maker 'Russia' must be a mapping with the keys label, description, options "
        "(got an empty value)"
    )
    assert p.hint == "give the decision maker its 'options'"


def test_misspelt_choice_gets_a_suggestion() -> None:
    p = one(BASE.replace("{label: Cede Donetsk}", "{reversibility: take-only}"))
    assert p.hint == "did you mean 'take_only'?"


def test_unknown_top_level_key_with_suggestion() -> None:
    text = BASE.replace("preferences:", "preference:")
    found = problems(text)
    assert (found[0].line, found[0].column) == (10, 1)
    assert found[0].message == "unknown key 'preference' at the top level"
    assert found[0].hint == "did you mean 'preferences'?"
    assert found[0].width == len("preference")


def test_unknown_nested_key_points_at_the_key() -> None:
    text = BASE.replace("{label: Cede Donetsk}", "{lable: Cede Donetsk}")
    p = one(text)
    assert (p.line, p.column) == (6, 22)
    assert p.message == "unknown key 'lable' in option 'cede_donetsk' of decision maker 'Ukraine'"
    assert p.hint == "did you mean 'label'?"


def test_unknown_key_without_a_near_match_lists_the_allowed_keys() -> None:
    p = one(BASE + "zzz: 1\n")
    assert p.hint is not None
    assert p.hint.startswith("the keys allowed here are accord, name")


def test_missing_required_key() -> None:
    text = BASE.replace('{statement: "-withdraw", label: stay}', "{label: stay}")
    p = one(text)
    assert (p.line, p.column) == (15, 9)
    assert p.message == "statement [1] of 'Russia' needs 'statement'"


def test_shape_of_preferences() -> None:
    text = BASE.replace("    statements:\n", "    statement:\n")
    p = one(text)
    assert (p.line, p.column) == (12, 3)
    assert p.message == (
        "the preferences of 'Russia' must be a list of statements, a mapping "
        "{statements: [...]}, or a mapping {ranking: [...]} (got a mapping with keys "
        "'statement')"
    )


def test_bad_dates() -> None:
    text = BASE.replace("name: ukraine-talks", "name: t\nmetadata: {date: 2026-13-45}")
    p = one(text)
    assert (p.line, p.column) == (3, 18)
    assert "looks like a date but is not a valid one" in p.message
    text = BASE.replace("name: ukraine-talks", 'name: t\nmetadata: {date: "Nov 2026"}')
    p = one(text)
    assert (
        p.message
        == "'date' of 'metadata' must be a date written YYYY-MM-DD (got the text 'Nov 2026')"
    )


def test_evidence_span_and_paragraph() -> None:
    text = BASE + "evidence: [{about: Russia, span: [9, 3], paragraph: 0}]\n"
    span, paragraph = problems(text)
    assert (span.line, span.column) == (16, column_of(text, 16, "span"))
    assert span.message == "a span is [start, end] with 0 ≤ start ≤ end (got [9, 3])"
    assert (paragraph.line, paragraph.column) == (16, column_of(text, 16, "0}"))
    assert paragraph.message == "paragraphs are numbered from 1 (got 0)"


def test_anchors_and_aliases_are_refused() -> None:
    text = BASE.replace("name: ukraine-talks", "name: &n ukraine-talks\ntitle: *n")
    with pytest.raises(FormatError) as info:
        parse_model(text, filename=FILE)
    (p,) = info.value.problems
    assert (p.line, p.column) == (2, 7)
    assert "anchors ('&n') are not allowed" in p.message


def test_tags_are_refused_once() -> None:
    p = one(BASE.replace("name: ukraine-talks", "name: !!python/name:os.system x"))
    assert (p.line, p.column) == (2, 7)
    assert "'!!python/name:os.system' is not supported" in p.message


def test_node_and_depth_limits() -> None:
    with pytest.raises(FormatError, match="more than 10 values"):
        loader.load(BASE, FILE, max_nodes=10)
    with pytest.raises(FormatError, match="nested more than 3 levels"):
        loader.load(BASE, FILE, max_depth=3)


# -- names ---------------------------------------------------------------------------------


def test_duplicate_decision_maker_key() -> None:
    text = BASE.replace("  Russia:\n", "  Ukraine:\n", 1)
    p = one(text)
    assert (p.line, p.column) == (8, 3)
    assert p.message == "decision maker 'Ukraine' is defined twice (first at line 4, column 3)"
    assert p.hint == "merge the two entries, or give one of them another name"


def test_duplicate_option_key() -> None:
    text = BASE.replace("      ceasefire: Agree", "      cede_donetsk: Agree")
    p = one(text)
    assert (p.line, p.column) == (7, 7)
    assert p.message == (
        "option 'cede_donetsk' of decision maker 'Ukraine' is defined twice "
        "(first at line 6, column 7)"
    )


def test_duplicate_key_in_json() -> None:
    data = {
        "accord": 1,
        "name": "t",
        "decision_makers": {"A": {"options": ["a"]}, "B": {"options": ["b"]}},
        "preferences": {"A": ["a"], "B": ["b"]},
    }
    text = json.dumps(data)[:-1] + ', "name": "u"}'
    p = one(text, filename="model.json")
    assert (p.line, p.column) == (1, column_of(text, 1, '"name"', 2))
    assert p.message == "the key 'name' appears twice at the top level (first at line 1, column 15)"


def test_duplicate_option_in_a_list_points_at_the_second() -> None:
    text = BASE.replace("[withdraw, attack]", "[withdraw, attack, withdraw]")
    p = one(text)
    assert (p.line, p.column) == (9, column_of(text, 9, "withdraw", 2))
    assert p.message == "option 'withdraw' is listed 2 times under 'Russia'"


def test_option_owned_by_two_decision_makers() -> None:
    text = BASE.replace("[withdraw, attack]", "[withdraw, attack, ceasefire]")
    p = one(text)
    assert (p.line, p.column) == (9, column_of(text, 9, "ceasefire"))
    assert p.message == (
        "option 'ceasefire' is owned by 'Ukraine' and 'Russia'; each option belongs to exactly "
        "one decision maker"
    )


def test_decision_maker_without_options() -> None:
    text = BASE.replace("[withdraw, attack]", "[]").replace("-attack", "-ceasefire")
    text = text.replace('- {statement: "-withdraw", label: stay}', "- ceasefire")
    p = one(text)
    assert (p.line, p.column) == (8, 3)
    assert p.message == "decision maker 'Russia' must control at least one option (got none)"
    assert p.hint == "give it an option, or remove it from the model"


def test_option_name_that_is_not_an_identifier() -> None:
    text = BASE.replace("[withdraw, attack]", "[withdraw, attack, pull back]")
    p = one(text)
    assert (p.line, p.column) == (9, column_of(text, 9, "pull back"))
    assert "is not an identifier" in p.message
    assert p.hint is not None
    assert "'pull_back'" in p.hint


# -- conditions ------------------------------------------------------------------------------


def test_unknown_option_in_a_quoted_statement() -> None:
    text = BASE.replace('"ceasefire & -attack"', '"ceasefire & -cede_donets"')
    p = one(text)
    assert (p.line, p.column) == (11, column_of(text, 11, "cede_donets", 2))
    assert p.width == len("cede_donets")
    assert p.message == "unknown option 'cede_donets' in a statement of Ukraine"
    assert p.hint == "did you mean 'cede_donetsk'?"
    rendered = str(p)
    assert rendered.startswith("model.yaml:11:44: error: preferences.Ukraine[1]: unknown option")
    assert "\n    " + " " * 43 + "^" * 11 + "\n" in rendered
    assert rendered.endswith("hint: did you mean 'cede_donetsk'?")


def test_unknown_option_inside_a_statement_mapping_with_escapes() -> None:
    text = BASE.replace('"-withdraw"', '"\\u002dwithdrw"')
    p = one(text)
    assert (p.line, p.column) == (15, column_of(text, 15, "withdrw"))
    assert p.hint == "did you mean 'withdraw'?"


def test_unknown_option_in_json() -> None:
    data = {
        "accord": 1,
        "name": "t",
        "decision_makers": {"A": {"options": ["a"]}, "B": {"options": ["b"]}},
        "preferences": {"A": ["a"], "B": ['b & "" & bb']},
    }
    text = json.dumps(data, indent=2)
    p = problems(text, filename="model.json")[0]
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "bb" in s)
    assert (p.line, p.column) == (line, column_of(text, line, '\\"'))
    assert "unexpected character '\"'" in p.message


def test_statement_syntax_error_at_its_column() -> None:
    text = BASE.replace('"ceasefire & -attack"', '"ceasefire & & attack"')
    p = one(text)
    assert (p.line, p.column) == (11, column_of(text, 11, "&", 2))
    assert p.message == "expected '(', '-' or an option name, found '&'"


def test_statement_ending_too_early_in_a_folded_block() -> None:
    text = BASE.replace(
        '  Ukraine: ["-cede_donetsk", "ceasefire & -attack"]',
        "  Ukraine:\n    - -cede_donetsk\n    - |\n      ceasefire & (\n      -attack",
    )
    p = one(text)
    assert p.line == 15
    assert "ends too early" in p.message


def test_chained_if_gets_a_hint() -> None:
    text = BASE.replace('"ceasefire & -attack"', "ceasefire IF attack IF withdraw")
    p = one(text)
    assert (p.line, p.column) == (11, column_of(text, 11, "IF", 2))
    assert p.hint == "IF and IFF do not chain: add parentheses, e.g. 'a IF (b IF c)'"


# -- states, rankings, status quo -----------------------------------------------------------

RANKED = BASE.replace(
    '  Russia:\n    statements:\n      - cede_donetsk\n      - {statement: "-withdraw", label: stay}\n',
    "  Russia:\n    ranking: [1, 2, [3, 4], 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\n",
)


def test_a_complete_ranking_is_valid() -> None:
    assert len(parse_model(RANKED).states) == 16


def test_ranking_with_a_missing_state() -> None:
    p = one(RANKED.replace(", 16]", "]"))
    assert (p.line, p.column) == (12, 3)
    assert p.message == (
        "the ranking of Russia must list every feasible state exactly once; 1 of 16 missing: 16"
    )
    assert p.hint == "add the missing states, or put states that tie in one inner list"


def test_ranking_with_a_state_listed_twice() -> None:
    text = RANKED.replace("15, 16]", "15, 16, 15]")
    p = one(text)
    assert (p.line, p.column) == (13, column_of(text, 13, "15", 2))
    assert p.message == "state 15 is listed twice in the ranking of Russia"


def test_unknown_option_in_a_ranking_condition() -> None:
    text = RANKED.replace("16]", '"attack & -ceasefir & withdraw & cede_donetsk"]')
    p = one(text)
    assert (p.line, p.column) == (13, column_of(text, 13, "ceasefir"))
    assert p.width == len("ceasefir")
    assert p.path == ("preferences", "Russia", "ranking", 14)
    assert p.message == "unknown option 'ceasefir' in a ranking entry"
    assert p.hint == "did you mean 'ceasefire'?"


def test_ranking_item_inside_a_tie() -> None:
    text = RANKED.replace("[3, 4]", "[3, 40, 4]")
    found = problems(text)
    assert any(
        (p.line, p.column) == (13, column_of(text, 13, "40"))
        and "no feasible state has id 40" in p.message
        for p in found
    )


def test_empty_feasible_set() -> None:
    p = one(BASE + "infeasible:\n  - ceasefire | -ceasefire\n")
    assert (p.line, p.column) == (16, 1)
    assert p.message == "the model has no feasible state: all 16 assignments are infeasible"
    assert p.hint == "infeasible[0] ('ceasefire | -ceasefire') holds in every state"


def test_status_quo_that_is_infeasible() -> None:
    text = BASE + (
        "infeasible: [ceasefire & attack]\n"
        'status_quo: "ceasefire & attack & -withdraw & -cede_donetsk"\n'
    )
    p = one(text)
    assert (p.line, p.column) == (17, 13)
    assert p.message == (
        "the status quo 'ceasefire & attack & -withdraw & -cede_donetsk' is infeasible: it is "
        "removed by infeasible[0] ('ceasefire & attack')"
    )


def test_status_quo_matching_several_states() -> None:
    p = one(BASE + "status_quo: ceasefire & -attack\n")
    assert (p.line, p.column) == (16, 13)
    assert p.message == (
        "the condition 'ceasefire & -attack' must match exactly one feasible state; it matches 4 "
        "(states 3, 4, 7, 8)"
    )
    assert p.hint == "add options to the condition until one state is left"


def test_unknown_option_in_the_status_quo() -> None:
    text = BASE + "status_quo: ceasefire & -atack & withdraw & -cede_donetsk\n"
    p = one(text)
    assert (p.line, p.column) == (16, column_of(text, 16, "atack"))
    assert p.width == len("atack")
    assert p.message == "unknown option 'atack' in the status quo"
    assert p.hint == "did you mean 'attack'?"


def test_status_quo_unknown_id() -> None:
    p = one(BASE + "status_quo: 17\n")
    assert (p.line, p.column) == (16, 13)
    assert p.message == "no feasible state has id 17"
    assert p.hint == "state ids run from 1 to 16"


def test_graph_form_problems() -> None:
    text = BASE + (
        "states:\n  - {id: 1, taken: [ceasefir]}\n  - {id: 2, taken: []}\n"
        "moves:\n  Russia: [[1, 2], [2, 9]]\n"
    )
    taken, move = problems(text)
    assert (taken.line, taken.column) == (17, column_of(text, 17, "ceasefir"))
    assert taken.message == "state 1: unknown option 'ceasefir'"
    assert taken.hint == "did you mean 'ceasefire'?"
    assert (move.line, move.column) == (20, column_of(text, 20, "[2, 9]"))
    assert move.message == "move 2 → 9 of Russia: there is no state 9"


# -- cross references ------------------------------------------------------------------------


def test_preferences_for_an_unknown_decision_maker() -> None:
    p = one(BASE + "  Rusia: [attack]\n")
    assert (p.line, p.column) == (16, 3)
    assert p.message == "preferences are given for 'Rusia', which is not a decision maker"
    assert p.hint == "did you mean 'Russia'?"


def test_evidence_about_an_unknown_element() -> None:
    text = BASE + "evidence:\n  - about: Ukraine.cede_donetsk\n  - about: Ukraine.cede_donets\n"
    p = one(text)
    assert (p.line, p.column) == (18, 12)
    assert p.message == (
        "evidence is about 'Ukraine.cede_donets', which is not an element of the model"
    )
    assert p.hint == "did you mean 'Ukraine.cede_donetsk'?"


def test_evidence_with_a_misspelt_claim() -> None:
    text = BASE + "evidence:\n  - {about: Russia, claim: red-line}\n"
    p = one(text)
    assert (p.line, p.column) == (17, column_of(text, 17, "red-line"))
    assert p.width == len("red-line")
    assert p.path == ("evidence", 0, "claim")
    assert p.message == (
        "the claim of an evidence item must be one of position, red_line, condition, event, "
        "status_quo, judgement (got 'red-line')"
    )
    assert p.hint == "did you mean 'red_line'?"


def test_coalition_member_unknown() -> None:
    p = one(BASE + "coalitions: [[Ukraine, Rusia]]\n")
    assert (p.line, p.column) == (16, 24)
    assert p.hint == "did you mean 'Russia'?"


def test_semantic_problems_are_all_reported_together() -> None:
    text = (
        BASE.replace('"ceasefire & -attack"', '"ceasefire & -atack"').replace(
            "- cede_donetsk", "- cede_donetsk &"
        )
        + "  Belarus: [attack]\n"
    )
    found = problems(text)
    assert [p.line for p in found] == [11, 14, 16]


# -- files -----------------------------------------------------------------------------------


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_model(path, max_bytes=100)
    (p,) = info.value.problems
    assert p.file == str(path)
    assert p.message == f"the file is {len(BASE):,} bytes; a model file may have at most 100 bytes"
    with pytest.raises(FormatError, match="at most 100 bytes"):
        parse_model(BASE, max_bytes=100)
    assert read_model(path, max_bytes=len(BASE)).name == "ukraine-talks"


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("ukraine-talks", "café").encode("latin-1"))
    with pytest.raises(FormatError) as info:
        read_model(path)
    (p,) = info.value.problems
    assert (p.line, p.column) == (2, 10)
    assert p.message.startswith("the file must be UTF-8 text")
    assert p.excerpt == "name: caf\ufffd"
    assert p.hint is not None
    assert "UTF-8" in p.hint


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_model(tmp_path / "absent.yaml")


def test_focus_state_is_checked_like_the_status_quo() -> None:
    text = BASE.replace(
        "name: ukraine-talks\n", "name: ukraine-talks\nmetadata:\n  focus: ceasefire & -atack\n"
    )
    p = one(text)
    assert p.path == ("metadata", "focus")
    assert p.message == "unknown option 'atack' in the focus state"
    assert (p.line, p.column) == (4, column_of(text, 4, "atack"))
    p = one(
        BASE.replace(
            "name: ukraine-talks\n", "name: ukraine-talks\nmetadata:\n  focus: ceasefire\n"
        )
    )
    assert p.message.startswith("the condition 'ceasefire' must match exactly one feasible state")


def test_focus_and_question_round_trip() -> None:
    text = BASE.replace(
        "name: ukraine-talks\n",
        "name: ukraine-talks\nmetadata:\n  question: Can a ceasefire hold?\n"
        "  focus: ceasefire & -attack & -withdraw & -cede_donetsk\n",
    )
    conflict = parse_model(text)
    assert conflict.metadata.question == "Can a ceasefire hold?"
    again = parse_model(generate_model(conflict))
    assert again.metadata.focus == conflict.metadata.focus
    assert again.metadata.question == conflict.metadata.question
    assert conflict.metadata.focus is not None
    assert conflict.states.resolve(conflict.metadata.focus) == 2  # code 0b0010: state 3
