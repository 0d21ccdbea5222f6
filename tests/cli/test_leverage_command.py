"""The leverage command: formats, candidates files, and located messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run

CASES = Path(__file__).resolve().parents[1] / "cases"
ELMIRA = CASES / "elmira_prioritization.gmcr"


ALL = ("--vary", "MoE", "--vary", "Uniroyal", "--vary", "Local Government")


def test_table_lists_answers_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "leverage", ELMIRA, "--target", "2", *ALL)
    assert 0 == code, err
    assert "State 2 becomes a SEQ equilibrium with 2 edits to the statements of" in out
    assert "(2 ways;" in out
    assert "Answer 2:" in out
    assert "Uniroyal's statements now:" in out
    assert "is answered by Uniroyal" in out


def test_vary_takes_names_separated_by_commas(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "leverage", ELMIRA, "--target", "2", *ALL)
    assert 0 == code, err
    code, joined, err = run(
        capsys, "leverage", ELMIRA, "--target", "2", "--vary", "MoE, Uniroyal,Local Government"
    )
    assert 0 == code, err
    assert out == joined


def test_json_and_markdown_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "lev.json"
    code, _, err = run(
        capsys, "leverage", ELMIRA, "-t", "2", *ALL, "--format", "json", "-o", target
    )
    assert 0 == code, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert 2 == data["edits"]
    assert 2 == data["count"]
    assert 0 == data["more"]
    assert {"dm", "kind", "statement", "index_before", "index_after", "words"} <= set(
        data["answers"][0]["edits"][0]
    )
    assert "Uniroyal" in data["answers"][0]["preferences"]
    assert ["Uniroyal", "Local Government"] == data["unstable_before"]
    code, out, _ = run(capsys, "leverage", ELMIRA, "-t", "2", *ALL, "--format", "markdown")
    assert 0 == code
    assert out.startswith("**State 2 becomes a SEQ equilibrium")
    assert "### Answer 1" in out


def test_cap_says_how_many_more(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "leverage", ELMIRA, "-t", "2", *ALL, "--max-answers", "1")
    assert 0 == code
    assert "… and 1 more" in out
    assert "Answer 2:" not in out


def test_no_answer_and_already_stable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "leverage", ELMIRA, "-t", "2", *ALL, "--budget", "1")
    assert 0 == code
    assert "No change of at most 1 edit(s)" in out
    assert "Now state 2 is unstable for Uniroyal and Local Government." in out
    assert "Closest: if" in out
    code, out, _ = run(capsys, "leverage", ELMIRA, "-t", "7", "--vary", "MoE")
    assert 0 == code
    assert "state 7 is already a SEQ equilibrium" in out


def test_candidates_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cands = tmp_path / "c.yaml"
    cands.write_text(
        "Local Government:\n  - {statement: '-insist', label: stay out of court}\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "leverage", ELMIRA, "-t", "1", "--vary", "Local Government",
        "--candidates", cands, "--budget", "1",
    )  # fmt: skip
    assert 0 == code, err
    assert "added 'stay out of court'" in out


def test_bad_candidates_are_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cands = tmp_path / "c.yaml"
    cands.write_text(
        "Uniroyl:\n  - accept\nMoE:\n  - acept\n  - 'accept &'\n  - {statment: x}\n",
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "leverage", ELMIRA, "-t", "1", "--vary", "MoE", "--candidates", cands
    )
    assert 1 == code
    assert "c.yaml:1:1:" in err
    assert "did you mean 'Uniroyal'?" in err
    assert "c.yaml:4:5:" in err
    assert "unknown option 'acept'" in err
    assert "did you mean 'accept'?" in err
    assert "c.yaml:5:" in err
    assert "did you mean 'statement'?" in err
    assert "Traceback" not in err
    code, _, err = run(
        capsys,
        "leverage",
        ELMIRA,
        "-t",
        "1",
        "--vary",
        "MoE",
        "--candidates",
        tmp_path / "none.yaml",
    )
    assert 1 == code
    assert "no such file" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-t", "1", "--vary", "Moe"), "did you mean 'MoE'"),
        (("-t", "99", "--vary", "MoE"), "no feasible state has id 99"),
        (("-t", "1", "--vary", "MoE", "--concept", "nm"), "leverage aims at"),
        (("-t", "1", "--vary", "MoE", "--budget", "-1"), "budget"),
        (("-t", "accept", "--vary", "MoE"), "matches"),
    ],
)
def test_bad_requests_exit_1(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "leverage", ELMIRA, *args)
    assert 1 == code
    assert message in err
    assert "Traceback" not in err
