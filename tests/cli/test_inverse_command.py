"""The inverse command: formats, counts, and messages a user can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.io import write_model
from cases.loader import load_case
from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"


@pytest.fixture
def syria(tmp_path: Path) -> Path:
    conflict, _ = load_case("syria_iraq")
    path = tmp_path / "syria.yaml"
    write_model(conflict, path)
    return path


def test_json_count_is_240_for_nash(capsys: pytest.CaptureFixture[str], syria: Path) -> None:
    code, out, _ = run(
        capsys, "inverse", syria, "--target", "2", "--vary", "Syria", "--count", "--format", "json"
    )
    assert 0 == code
    data = json.loads(out)
    assert 240 == data["count"]
    assert data["feasible"] is True
    assert data["exact"] is True
    assert 240 == data["lower_bound"] == data["upper_bound"]
    assert 720 == data["total"]
    assert {"Syria"} == set(data["example"])
    assert 6 == len(data["example"]["Syria"])
    assert [1, 3, 6, 2, 4, 5] == data["current"]["Syria"]
    assert 2 == data["target"]["id"]
    assert "YN N" == data["target"]["pattern"]
    assert "nash" == data["concept"]
    assert {"Syria": [[0, 6]]} == data["ranges"]
    assert "nash" == data["provenance"]["parameters"]["concept"]


@pytest.mark.parametrize(("concept", "expected"), [("gmr", 384), ("smr", 300), ("seq", 384)])
def test_json_counts_other_concepts(
    capsys: pytest.CaptureFixture[str], syria: Path, concept: str, expected: int
) -> None:
    code, out, _ = run(
        capsys,
        "inverse",
        syria,
        "-t",
        "2",
        "-v",
        "Syria",
        "--concept",
        concept,
        "--count",
        "-f",
        "json",
    )
    assert 0 == code
    assert expected == json.loads(out)["count"]


def test_json_without_count_has_no_count_key(
    capsys: pytest.CaptureFixture[str], syria: Path
) -> None:
    code, out, _ = run(capsys, "inverse", syria, "--target", "2", "--vary", "Syria", "-f", "json")
    assert 0 == code
    data = json.loads(out)
    assert "count" not in data
    assert data["feasible"] is True


def test_table_speaks_the_analysts_words(capsys: pytest.CaptureFixture[str], syria: Path) -> None:
    code, out, _ = run(
        capsys,
        "inverse",
        syria,
        "--target",
        "release_water & -attack",
        "--vary",
        "Syria",
        "--count",
    )
    assert 0 == code
    assert "Can state 2 [YN N: Release Water] be a Nash equilibrium of syria_iraq?" in out
    assert "Iraq keeps its preferences." in out
    assert "Yes: it can be a Nash equilibrium." in out
    assert "Exactly 240 of the 720 choices of rankings make it one." in out
    assert "Syria: " in out
    assert "now: 1, 3, 6, 2, 4, 5" in out


def test_two_dms_with_a_range_and_markdown_to_a_file(
    capsys: pytest.CaptureFixture[str], syria: Path, tmp_path: Path
) -> None:
    target = tmp_path / "inverse.md"
    code, _, err = run(
        capsys,
        "inverse",
        syria,
        "--target",
        "2",
        "--vary",
        "Syria",
        "--vary",
        "Iraq",
        "--range",
        "Syria:0:3",
        "--concept",
        "seq",
        "--count",
        "--format",
        "markdown",
        "-o",
        target,
    )
    assert 0 == code
    assert "wrote" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("### Can state 2")
    assert "Syria may rearrange positions 0–2 of its current ranking (0 = best)" in text


def test_infeasible_target_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "inverse", ELMIRA, "--target", "5", "--vary", "MoE", "--count", "-f", "json"
    )
    assert 0 == code
    data = json.loads(out)
    assert data["feasible"] is False
    assert 0 == data["count"]
    assert ["Local Government"] == data["blocking"]
    code, out, _ = run(capsys, "inverse", ELMIRA, "--target", "5", "--vary", "MoE")
    assert "No: no choice of rankings makes it a Nash equilibrium." in out
    assert "not Nash-stable for Local Government" in out


def test_time_limit_reports_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "inverse",
        ELMIRA,
        "--target",
        "7",
        "--vary",
        "MoE",
        "--vary",
        "Uniroyal",
        "--concept",
        "seq",
        "--count",
        "--time-limit",
        "0.5",
    )
    assert 0 == code
    assert "(not counted to the end)" in out
    assert "time limit of 0.5 s ran out" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "Syra"], "did you mean 'Syria'?"),
        (["--vary", "Syria", "--concept", "nm"], "not supported"),
        (["--vary", "Syria", "--concept", "lh:2"], "not supported"),
        (["--vary", "Syria", "--concept", "nsh"], "did you mean 'nash'?"),
        (["--vary", "Syria", "--range", "Syria:4:9"], "0 ≤ a < b ≤ 6"),
        (["--vary", "Syria", "--range", "Syria:x"], "write DM:a:b"),
        (["--vary", "Syria", "--range", "Iraq:0:2"], "vary 'Iraq' too"),
        (["--vary", "Syria", "--time-limit", "0"], "positive number of seconds"),
    ],
)
def test_bad_input_exits_1(
    capsys: pytest.CaptureFixture[str], syria: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "inverse", syria, "--target", "2", *args)
    assert 1 == code
    assert message in err
    assert "Traceback" not in err


def test_unknown_target_exits_1(capsys: pytest.CaptureFixture[str], syria: Path) -> None:
    code, _, err = run(capsys, "inverse", syria, "--target", "42", "--vary", "Syria")
    assert 1 == code
    assert "no feasible state has id 42" in err
