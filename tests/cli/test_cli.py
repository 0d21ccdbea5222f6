"""The command line: exit codes, formats, and messages a user can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
CASES = ROOT / "tests" / "cases"


def test_check_clean_model_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", ELMIRA)
    assert 0 == code
    assert "ok — 3 decision makers, 5 options, 12 feasible states" in out


def test_check_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "accord: 1\nname: x\ndecision_makers:\n  A: {options: [a]}\n  B: {options: [b]}\n"
        'preferences:\n  A: ["-bb"]\n  B: ["a &"]\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "check", bad)
    assert 1 == code
    assert "bad.yaml:7:" in err
    assert "unknown option 'bb'" in err
    assert "did you mean 'b'?" in err
    assert "bad.yaml:8:" in err
    assert "ends too early" in err
    assert "Traceback" not in err


def test_unknown_command_and_extension_are_user_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "chek", ELMIRA)
    assert 1 == code
    assert "Did you mean 'check'" in err
    code, _, err = run(capsys, "convert", ELMIRA, tmp_path / "x.txt")
    assert 1 == code
    assert "unknown model file type '.txt'" in err


def test_convert_round_trip_through_gmcr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "elmira.gmcr"
    assert 0 == run(capsys, "convert", ELMIRA, out)[0]
    back = tmp_path / "back.yaml"
    assert 0 == run(capsys, "convert", out, back)[0]
    code, text, _ = run(capsys, "analyze", back, "--format", "json")
    assert 0 == code
    assert [7, 10, 11, 12] == json.loads(text)["equilibria"]["nash"]


def test_analyze_json_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, _, err = run(capsys, "analyze", ELMIRA, "-f", "json", "-o", target)
    assert 0 == code
    assert f"wrote {target}" in err
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert {"accord", "model", "states", "stability", "equilibria"} <= set(doc)
    assert ["MoE", "Uniroyal", "Local Government"] == [
        d["name"] for d in doc["model"]["decision_makers"]
    ]
    assert 12 == len(doc["states"])
    assert {"id", "options", "payoffs"} <= set(doc["states"][0])
    assert [1, 3, 4, 5, 7, 9, 10, 11, 12] == doc["equilibria"]["gmr"]


def test_analyze_gmcr_keeps_gmcr_state_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "analyze", CASES / "garrison_diversion_unit.gmcr", "-f", "json")
    assert 0 == code
    case = json.loads((CASES / "garrison_diversion_unit.json").read_text(encoding="utf-8"))
    assert case["expected"]["gmr"]["equilibria"] == json.loads(text)["equilibria"]["gmr"]


def test_analyze_table_markdown_and_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", ELMIRA)
    assert 0 == code
    assert "★" in out
    assert "Nash: 4 of 12 states — 7, 10, 11, 12" in out
    code, out, _ = run(capsys, "analyze", ELMIRA, "-f", "markdown", "--where", "insist & -modify")
    assert 0 == code
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert ["7", "9", "11"] == [r.split("|")[1].strip() for r in rows]


def test_analyze_bad_concept_and_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", ELMIRA, "--concepts", "nash,gmrr")
    assert 1 == code
    assert "unknown solution concept 'gmrr'" in err
    code, _, err = run(capsys, "analyze", ELMIRA, "--concepts", "nm")
    assert 1 == code
    assert "defined for two decision makers" in err
    code, _, err = run(capsys, "analyze", ELMIRA, "--where", "insit")
    assert 1 == code
    assert "did you mean 'insist'" in err


def test_explain_by_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "explain", ELMIRA, "delay & -modify & -insist", "--dm", "Local Government"
    )
    assert 0 == code
    assert "state 1 is GMR-stable for Local Government" in out
    assert "MoE: state 7 → state 8 (takes 'Modify the control order')" in out
    code, out, _ = run(capsys, "explain", ELMIRA, "7", "--dm", "MoE", "-c", "nash", "-f", "json")
    assert 0 == code
    assert json.loads(out)["stable"] is True


def test_explain_ambiguous_state(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain", ELMIRA, "insist", "--dm", "MoE")
    assert 1 == code
    assert "must match exactly one feasible state; it matches 6" in err


def test_internal_error_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import accord.io

    def boom(path: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(accord.io, "read_model", boom)
    code, _, err = run(capsys, "check", ELMIRA)
    assert 2 == code
    assert "this is a bug in accord" in err
    assert "Traceback" not in err


def test_a_state_named_with_an_unknown_option_is_a_located_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in (
        ["explain", ELMIRA, "delay & -modifyy", "--dm", "MoE"],
        ["paths", ELMIRA, "--to", "insit"],
        ["leverage", ELMIRA, "--target", "insit", "--vary", "MoE"],
    ):
        code, _, err = run(capsys, *command)
        assert 1 == code, command
        assert "unknown option" in err, command
        assert "did you mean" in err, command
        assert "internal error" not in err, command
