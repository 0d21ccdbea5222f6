"""accord diff: model changes, equilibria matched by meaning across revisions, reports, CLI.

Every edited model is the text of an example with one change made in the test.  The
equilibria changes are checked against an independent computation: the equilibria of each
model under ``analyze``, compared by the options taken there (an option a model lacks is not
taken in it).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from accord.core.analysis.diff import ModelDiff, diff_models
from accord.core.analysis.stability import analyze
from accord.core.model import Conflict
from accord.io import parse_model
from accord.reports.diff import FORMAT, diff_dict, diff_lines, diff_markdown
from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
FLAGSHIP = ROOT / "examples" / "ukraine-peace-talks-2026.yaml"
CONCEPTS = ("nash", "gmr", "smr", "seq")

ELMIRA_TEXT = ELMIRA.read_text(encoding="utf-8")
FLAGSHIP_TEXT = FLAGSHIP.read_text(encoding="utf-8")

FORCE = "    - {statement: -force, label: no Western troops in Ukraine}\n"
ECON = "    - {statement: econ_zone, label: a special economic regime in contested areas}\n"
MOE_UNMODIFIED = "    - {statement: -modify, label: the order stands unmodified}\n"
MOE_LAST = (
    "    - {statement: modify IFF -insist, label: modify only if the local government does "
    "not insist}\n"
)
ABANDON = (
    "      abandon:\n        label: Abandon the Elmira plant\n        reversibility: take_only\n"
)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced (fails loudly otherwise)."""
    assert 1 == text.count(old), old
    return text.replace(old, new)


def model(text: str) -> Conflict:
    return parse_model(text, filename="<test>")


def moved_force() -> str:
    """The flagship with Russia's “-force” moved from 3rd to last (8th)."""
    return edit(edit(FLAGSHIP_TEXT, FORCE, ""), ECON, ECON + FORCE)


def taken_at(conflict: Conflict, state_id: int) -> frozenset[str]:
    index = conflict.states.index_of_id(state_id)
    assert index is not None
    return frozenset(n for n, on in conflict.states.taken(index).items() if on)


def equilibria_by_options(conflict: Conflict, concept: str) -> dict[frozenset[str], int]:
    """Each equilibrium as the set of options taken there, with its id."""
    eq = analyze(conflict, [concept]).results[concept].equilibria
    ids = conflict.states.ids
    return {
        frozenset(n for n, on in conflict.states.taken(int(i)).items() if on): int(ids[i])
        for i in np.flatnonzero(eq)
    }


def id_of(conflict: Conflict, taken: frozenset[str]) -> int | None:
    """The id of the state taking exactly ``taken``, or None when it is not a state here."""
    for i in range(len(conflict.states)):
        if frozenset(n for n, on in conflict.states.taken(i).items() if on) == taken:
            return int(conflict.states.ids[i])
    return None


def check_against_analyze(d: ModelDiff, concepts: tuple[str, ...] = CONCEPTS) -> None:
    """The reported equilibria changes are exactly the set differences of the equilibria,
    compared by the options taken, with each state's id in both models."""
    for concept in concepts:
        before = equilibria_by_options(d.old, concept)
        after = equilibria_by_options(d.new, concept)
        became = {(id_of(d.old, k), after[k]) for k in after.keys() - before.keys()}
        stopped = {(before[k], id_of(d.new, k)) for k in before.keys() - after.keys()}
        c = d.concept(concept)
        assert became == {(s.old_id, s.new_id) for s in c.became}, concept
        assert stopped == {(s.old_id, s.new_id) for s in c.stopped}, concept
        assert len(after.keys() & before.keys()) == c.unchanged, concept
        assert (len(before), len(after)) == (c.before, c.after)


# -- model changes ----------------------------------------------------------------------------


def test_identical_models() -> None:
    d = diff_models(model(ELMIRA_TEXT), model(ELMIRA_TEXT))
    assert d.identical
    assert () == d.changes
    assert [4, 9, 9, 4] == [c.unchanged for c in d.equilibria]
    assert not any(c.became or c.stopped for c in d.equilibria)
    assert (12, 12) == (d.states_before, d.states_after)


def test_a_moved_statement_is_reported_with_its_positions() -> None:
    d = diff_models(model(FLAGSHIP_TEXT), model(moved_force()))
    assert not d.identical
    (moved,) = [c for c in d.changes if c.kind == "statement_moved"]
    assert ("Russia", "-force", 3, 8) == (moved.dm, moved.subject, moved.before, moved.after)
    assert "moved from position 3 to position 8" in moved.text
    # The statements after it shifted up by one, but kept their order: not reported.
    kinds = [c.kind for c in d.changes]
    assert ["statement_moved", "evidence"] == kinds
    # The uncertainty names statements by text, so it means the same; the evidence names
    # Russia's statements 2-7 by position, and now points at other statements.
    (evidence,) = [c for c in d.changes if c.kind == "evidence"]
    assert "8 items name a statement or condition by its position" in evidence.text
    check_against_analyze(d)
    assert d.concept("seq").became  # the move matters: SEQ gains and loses equilibria
    assert d.concept("seq").stopped


def test_an_insertion_above_does_not_move_the_others() -> None:
    text = edit(
        ELMIRA_TEXT,
        "  MoE:\n    - {statement: accept",
        "  MoE:\n    - {statement: -delay, label: no delay}\n    - {statement: accept",
    )
    d = diff_models(model(ELMIRA_TEXT), model(text))
    assert [("statement_added", "MoE", "-delay", None, 1)] == [
        (c.kind, c.dm, c.subject, c.before, c.after) for c in d.changes
    ]
    check_against_analyze(d)


def test_removed_and_swapped_statements() -> None:
    text = edit(ELMIRA_TEXT, MOE_UNMODIFIED, "")
    text = edit(
        text,
        "    - {statement: -delay, label: no delay}\n    - {statement: insist, label: insist "
        "on the original order}\n",
        "    - {statement: insist, label: insist on the original order}\n"
        "    - {statement: -delay, label: no delay}\n",
    )
    d = diff_models(model(ELMIRA_TEXT), model(text))
    rows = [(c.kind, c.dm, c.subject, c.before, c.after) for c in d.changes]
    assert ("statement_removed", "MoE", "-modify", 3, None) in rows
    (swap,) = [r for r in rows if r[0] == "statement_moved"]
    assert swap[1] == "Local Government"
    assert (swap[3], swap[4]) in {(5, 6), (6, 5)}
    assert 2 == len(rows)
    check_against_analyze(d)


def test_an_added_option_shifts_ids_but_equilibria_keep_their_meaning() -> None:
    # Both revisions start where the local government insists (old state 7).
    sq = "status_quo: delay & -modify & -insist"
    before = edit(ELMIRA_TEXT, sq, "status_quo: delay & -modify & insist")
    lobby = ABANDON + "      lobby:\n        label: Lobby the province\n"
    after = edit(
        edit(ELMIRA_TEXT, ABANDON, lobby), sq, "status_quo: delay & -modify & insist & -lobby"
    )
    old, new = model(before), model(after)
    d = diff_models(old, new)
    kinds = {c.kind for c in d.changes}
    assert {"option_added", "states", "status_quo"} == kinds
    (moved_sq,) = [c for c in d.changes if c.kind == "status_quo"]
    assert "names the same state" in moved_sq.text
    assert moved_sq.before == 7
    assert moved_sq.after == id_of(new, frozenset({"delay", "insist"}))
    assert moved_sq.after != 7
    check_against_analyze(d)
    # Nothing prefers lobbying or not, so every equilibrium stays one; the states where
    # Uniroyal lobbies are new, and equilibria too.
    for c in d.equilibria:
        assert () == c.stopped
        assert c.before == c.unchanged
        assert all(s.old_id is None and "lobby" in taken_at(new, s.new_id) for s in c.became)
    # Old state 7 (Uniroyal delays, the local government insists) has a new id, and is still
    # a Nash equilibrium there: the matching follows the options, not the id.
    seven = id_of(new, taken_at(old, 7))
    assert seven is not None
    assert seven != 7
    assert seven in equilibria_by_options(new, "nash").values()


def test_a_removed_option_leaves_the_states_that_took_it_without_counterpart() -> None:
    text = edit(ELMIRA_TEXT, ABANDON, ABANDON + "      lobby:\n        label: Lobby the province\n")
    text = edit(
        text,
        "status_quo: delay & -modify & -insist",
        "status_quo: delay & -modify & -insist & -lobby",
    )
    old, new = model(text), model(ELMIRA_TEXT)
    d = diff_models(old, new)
    assert {"option_removed", "states", "status_quo"} == {c.kind for c in d.changes}
    check_against_analyze(d)
    for c in d.equilibria:
        assert () == c.became
        assert c.stopped
        assert all(s.new_id is None and "lobby" in taken_at(old, s.old_id) for s in c.stopped)
        assert c.after == c.unchanged


def test_a_removed_option_and_its_conditions() -> None:
    text = edit(ELMIRA_TEXT, ABANDON, "")
    text = edit(
        text,
        "  - condition: delay & abandon\n    label: Uniroyal cannot both delay and abandon\n"
        "  - condition: accept & abandon\n    label: Uniroyal cannot both accept and abandon\n"
        "  - condition: -delay & -accept & -abandon\n",
        "  - condition: -delay & -accept\n",
    )
    for line in (
        "    - {statement: -abandon, label: Uniroyal stays in Elmira}\n",
        "    - {statement: -abandon, label: keep the plant}\n",
        "    - {statement: -abandon, label: Uniroyal stays}\n",
    ):
        text = edit(text, line, "")
    d = diff_models(model(ELMIRA_TEXT), model(text))
    rows = {(c.kind, c.subject) for c in d.changes}
    assert ("option_removed", "abandon") in rows
    assert ("infeasible_added", "-delay & -accept") in rows
    assert ("infeasible_removed", "accept & abandon") in rows
    assert 3 == sum(1 for c in d.changes if c.kind == "statement_removed")
    assert (12, 8) == (d.states_before, d.states_after)
    check_against_analyze(d)
    # States where Uniroyal abandons the plant have no counterpart any more.
    nash = d.concept("nash")
    assert {11, 12} == {s.old_id for s in nash.stopped if s.new_id is None}
    assert [(9, 7)] == [(s.old_id, s.new_id) for s in nash.became]


def test_an_added_infeasibility_removes_states() -> None:
    text = edit(
        ELMIRA_TEXT,
        "preferences:\n",
        "  - condition: modify & delay\n    label: no modification during an appeal\npreferences:\n",
    )
    d = diff_models(model(ELMIRA_TEXT), model(text))
    assert [("infeasible_added", "modify & delay"), ("states", "")] == [
        (c.kind, c.subject) for c in d.changes
    ]
    (states,) = [c for c in d.changes if c.kind == "states"]
    assert (12, 10) == (states.before, states.after)
    assert "from 12 to 10" in states.text
    check_against_analyze(d)


def test_a_changed_status_quo() -> None:
    text = edit(
        ELMIRA_TEXT, "status_quo: delay & -modify & -insist", "status_quo: delay & -modify & insist"
    )
    d = diff_models(model(ELMIRA_TEXT), model(text))
    (sq,) = d.changes
    assert ("status_quo", 1, 7) == (sq.kind, sq.before, sq.after)
    assert "now takes “Insist that the original control order be applied”" in sq.text
    assert not any(c.changed for c in d.equilibria)
    assert not d.identical


def test_elmira_when_moe_cares_less_about_an_unmodified_order() -> None:
    """A sensitivity change in the style of the published Elmira analyses: MoE puts keeping
    the order unmodified last.  SEQ then also settles at state 3, where Uniroyal accepts the
    original order and neither MoE nor the local government acts."""
    text = edit(edit(ELMIRA_TEXT, MOE_UNMODIFIED, ""), MOE_LAST, MOE_LAST + MOE_UNMODIFIED)
    d = diff_models(model(ELMIRA_TEXT), model(text))
    (c,) = d.changes
    assert ("statement_moved", "MoE", "-modify", 3, 4) == (
        c.kind,
        c.dm,
        c.subject,
        c.before,
        c.after,
    )
    seq = d.concept("seq")
    assert [(3, 3)] == [(s.old_id, s.new_id) for s in seq.became]
    assert () == seq.stopped
    assert (4, 5, 4) == (seq.before, seq.after, seq.unchanged)
    for concept in ("nash", "gmr", "smr"):
        assert not d.concept(concept).changed
    check_against_analyze(d)


def test_options_moved_relabelled_and_made_irreversible() -> None:
    text = edit(
        ELMIRA_TEXT,
        "        label: Modify the control order\n        reversibility: take_only\n",
        "        label: Amend the control order\n",
    )
    d = diff_models(model(ELMIRA_TEXT), model(text))
    rows = [(c.kind, c.subject, c.before, c.after) for c in d.changes]
    assert [
        ("option_label", "modify", "Modify the control order", "Amend the control order"),
        ("option_reversibility", "modify", "take_only", "both"),
    ] == rows
    check_against_analyze(d)


def test_an_option_moved_to_another_decision_maker() -> None:
    insist = "      insist:\n        label: Insist that the original control order be applied\n"
    lobby = "      lobby: Lobby the province\n"
    text = edit(
        ELMIRA_TEXT,
        "status_quo: delay & -modify & -insist",
        "status_quo: delay & -modify & -insist & -lobby",
    )
    with_local = edit(text, insist, insist + lobby)
    with_moe = edit(text, "      modify:\n", lobby + "      modify:\n")
    d = diff_models(model(with_local), model(with_moe))
    rows = [(c.kind, c.subject, c.before, c.after) for c in d.changes]
    assert [("option_moved", "lobby", "Local Government", "MoE")] == rows
    # The option is now bit 0, so every id changes; the equilibria do not.
    assert not any(c.changed for c in d.equilibria)
    check_against_analyze(d)


def test_metadata_coalitions_misperceptions_and_uncertainty() -> None:
    text = edit(ELMIRA_TEXT, "name: elmira\n", "name: elmira-2\n")
    text = edit(
        text,
        "  title: Elmira groundwater contamination\n",
        "  title: Elmira\n  question: Will Uniroyal accept?\n",
    )
    text += "coalitions: [[MoE, Local Government]]\n"
    text += "misperceptions: {Uniroyal: [insist]}\n"
    text += 'uncertainty:\n  MoE:\n    unordered: [[accept, "-abandon"]]\n'
    d = diff_models(model(ELMIRA_TEXT), model(text))
    kinds = [c.kind for c in d.changes]
    assert ["name", "title", "question", "uncertainty", "coalitions", "misperceptions"] == kinds
    (unc,) = [c for c in d.changes if c.kind == "uncertainty"]
    assert "unordered groups" in unc.text
    assert not any(c.changed for c in d.equilibria)


def test_an_explicit_ranking_change() -> None:
    base = """accord: 1
name: two
decision_makers:
  A: {options: [a]}
  B: {options: [b]}
preferences:
  A: {ranking: [1, 2, 3, 4]}
  B: {ranking: [4, 3, 2, 1]}
"""
    d = diff_models(model(base), model(base.replace("[1, 2, 3, 4]", "[2, 1, 3, 4]")))
    (c,) = d.changes
    assert ("ranking", "A") == (c.kind, c.dm)
    assert 2 == c.before  # two states changed place
    check_against_analyze(d)
    same = diff_models(model(base), model(base.replace("[1, 2, 3, 4]", "[1, 2, 3, a & b]")))
    (c,) = same.changes
    assert "written differently" in c.text
    assert not any(x.changed for x in same.equilibria)


def test_graph_form_matches_states_by_id() -> None:
    base = """accord: 1
name: g
decision_makers:
  A: {options: []}
  B: {options: []}
states:
  - {id: 1, label: start}
  - {id: 5, label: deal}
  - {id: 9, label: walk out}
moves:
  A: [[1, 5], [5, 9]]
  B: [[5, 1], [9, 1]]
preferences:
  A: {ranking: [5, 1, 9]}
  B: {ranking: [1, 5, 9]}
"""
    new = base.replace("A: {ranking: [5, 1, 9]}", "A: {ranking: [9, 5, 1]}")
    d = diff_models(model(base), model(new))
    assert "id" == d.matching
    assert ["ranking"] == [c.kind for c in d.changes]
    for concept in CONCEPTS:
        a = set(analyze(d.old, [concept]).equilibrium_ids(concept))
        b = set(analyze(d.new, [concept]).equilibrium_ids(concept))
        c = d.concept(concept)
        assert b - a == {s.new_id for s in c.became}
        assert a - b == {s.old_id for s in c.stopped}
        assert all(s.old_id == s.new_id for s in (*c.became, *c.stopped))


# -- reports ----------------------------------------------------------------------------------


def test_json_shape() -> None:
    d = diff_models(model(FLAGSHIP_TEXT), model(moved_force()), ("nash", "seq"))
    doc = json.loads(json.dumps(diff_dict(d)))
    assert FORMAT == doc["format"] == "accord-diff/1"
    assert {
        "format",
        "accord",
        "old",
        "new",
        "identical",
        "matching",
        "concepts",
        "changes",
        "equilibria",
    } == set(doc)
    assert ["nash", "seq"] == doc["concepts"]
    assert {"name", "title", "form", "states", "model_hash"} == set(doc["old"])
    assert doc["old"]["model_hash"] != doc["new"]["model_hash"]
    change = doc["changes"][0]
    assert {
        "kind": "statement_moved",
        "dm": "Russia",
        "subject": "-force",
        "before": 3,
        "after": 8,
    } == {k: change[k] for k in ("kind", "dm", "subject", "before", "after")}
    seq = doc["equilibria"]["seq"]
    assert {"before", "after", "unchanged", "became", "stopped"} == set(seq)
    assert seq["after"] == seq["before"] + len(seq["became"]) - len(seq["stopped"])
    first = seq["became"][0]
    assert {"old_id", "new_id", "taken", "description"} == set(first)
    assert sorted(taken_at(d.new, first["new_id"])) == sorted(first["taken"])
    assert first["description"].startswith("Russia: Halt the strikes")


def test_text_and_markdown() -> None:
    text = edit(ELMIRA_TEXT, MOE_UNMODIFIED, "")
    text = edit(text, MOE_LAST, MOE_LAST + MOE_UNMODIFIED)
    d = diff_models(model(ELMIRA_TEXT), model(text))
    lines = diff_lines(d)
    assert (
        "  - MoE: statement “-modify” (the order stands unmodified) moved from position 3 to position 4."
        in lines
    )
    assert "  SEQ: 4 → 5 equilibria; unchanged: 4 equilibria under SEQ" in lines
    assert (
        "      state 3 (old id 3): Uniroyal: Accept the current control order. MoE and Local "
        "Government take none of their options."
    ) in lines
    md = diff_markdown(d)
    assert "| SEQ | 4 | 5 | 4 | 1 | 0 |" in md
    assert "#### SEQ" in md
    assert "#### Nash" not in md
    assert "Unchanged: 4 equilibria under SEQ." in md


# -- command line -----------------------------------------------------------------------------


@pytest.fixture
def revisions(tmp_path: Path) -> tuple[Path, Path]:
    new = tmp_path / "elmira-2.yaml"
    new.write_text(
        edit(edit(ELMIRA_TEXT, MOE_UNMODIFIED, ""), MOE_LAST, MOE_LAST + MOE_UNMODIFIED),
        encoding="utf-8",
    )
    return ELMIRA, new


def test_cli_table(capsys: pytest.CaptureFixture[str], revisions: tuple[Path, Path]) -> None:
    code, out, err = run(capsys, "diff", *revisions)
    assert (0, "") == (code, err)
    assert "moved from position 3 to position 4" in out
    assert "became an equilibrium (1):" in out


def test_cli_identical(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", ELMIRA, ELMIRA, "-c", "nash")
    assert 0 == code
    assert "No differences" in out
    assert "GMR" not in out


def test_cli_json_and_concepts(
    capsys: pytest.CaptureFixture[str], revisions: tuple[Path, Path]
) -> None:
    code, out, _ = run(capsys, "diff", *revisions, "--concepts", "seq", "--format", "json")
    assert 0 == code
    doc = json.loads(out)
    assert "accord-diff/1" == doc["format"]
    assert ["seq"] == list(doc["equilibria"])
    assert [3] == [s["new_id"] for s in doc["equilibria"]["seq"]["became"]]


def test_cli_markdown_to_file(
    capsys: pytest.CaptureFixture[str], revisions: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "diff.md"
    code, out, err = run(capsys, "diff", *revisions, "-f", "markdown", "-o", target)
    assert 0 == code
    assert "" == out
    assert f"wrote {target}" in err
    assert target.read_text(encoding="utf-8").startswith("## What changed in elmira")


def test_cli_bad_file_is_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        edit(ELMIRA_TEXT, "status_quo: delay & -modify & -insist", "status_quo: delay & -nothing"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "diff", ELMIRA, bad)
    assert 1 == code
    assert "" == out
    assert f"{bad}:" in err
    assert "nothing" in err
    code, _, err = run(capsys, "diff", ELMIRA, tmp_path / "missing.yaml")
    assert 1 == code
    assert "missing.yaml" in err


def test_cli_bad_concept(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", ELMIRA, ELMIRA, "-c", "nahs")
    assert 1 == code
    assert "unknown solution concept 'nahs'" in err
