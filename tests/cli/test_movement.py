"""The paths and coalitions commands: formats, files, and messages a user can act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
INSIST = "'Insist that the original control order be applied'"


def test_paths_table_speaks_the_analysts_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paths", ELMIRA)
    assert 0 == code
    assert f"Local Government (takes {INSIST}): state 1 → state 7, its payoff 8 → 9" in out
    assert "state 10 (Nash, GMR, SMR, SEQ equilibrium): not reachable" in out


def test_paths_with_coalitions_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paths", ELMIRA, "--moves", "coalitions", "--to", "10", "-f", "json")
    assert 0 == code
    doc = json.loads(out)
    assert doc["schema"] == "accord-paths/1"
    assert doc["from"] == 1
    assert doc["to"] == 10
    assert doc["moves"] == "coalitions"
    assert doc["reachable"]["10"] == [["Local Government", 1, 7], ["MoE+Uniroyal", 7, 10]]
    (target,) = doc["targets"]
    assert target["id"] == 10
    assert target["steps"] == 2
    step = target["path"][1]
    assert step["members"] == ["MoE", "Uniroyal"]
    assert [m["mover"] for m in step["moves"]] == ["MoE", "Uniroyal"]
    assert step["payoffs"] == {"MoE": [7, 8], "Uniroyal": [8, 9]}


def test_paths_any_markdown_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "paths.md"
    code, _, err = run(
        capsys,
        "paths",
        ELMIRA,
        "--moves",
        "any",
        "--from",
        "1",
        "-k",
        "1",
        "--format",
        "markdown",
        "-o",
        out_file,
    )
    assert 0 == code
    assert "wrote" in err
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("## From state 1")
    assert "alternative 1" in text
    assert "alternative 2" not in text


def test_paths_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bare = tmp_path / "bare.yaml"
    bare.write_text(
        "accord: 1\nname: x\ndecision_makers:\n  A: {options: [a]}\n  B: {options: [b]}\n"
        'preferences:\n  A: ["a"]\n  B: ["b"]\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "paths", bare)
    assert 1 == code
    assert "the model has no status_quo; give --from STATE" in err
    code, out, _ = run(capsys, "paths", bare, "--from", "a & -b")
    assert 0 == code
    assert "From state 2" in out
    code, _, err = run(capsys, "paths", ELMIRA, "--moves", "fly")
    assert 1 == code
    assert "--moves" in err
    code, _, err = run(capsys, "paths", ELMIRA, "--to", "99")
    assert 1 == code
    assert "no feasible state has id 99" in err
    code, _, err = run(capsys, "paths", ELMIRA, "--concept", "nm")
    assert 1 == code


def test_coalitions_with_a_class(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "coalitions", ELMIRA, "--class", "MoE + Uniroyal, Local Government", "-f", "json"
    )
    assert 0 == code
    doc = json.loads(out)
    assert doc["schema"] == "accord-coalitions/1"
    assert doc["class"] == ["MoE+Uniroyal", "Local Government"]
    assert doc["equilibria"]["nash"] == [9, 10, 11, 12]
    assert doc["improvements"]["MoE+Uniroyal"]["7"] == [10]
    (entry,) = [e for e in doc["scan"] if e["state"] == 7]
    assert entry["coalition"] == "MoE+Uniroyal"
    assert entry["improvements"][0]["sanctioned_by_individuals"] is False
    code, out, _ = run(capsys, "coalitions", ELMIRA, "--class", "MoE+Uniroyal")
    assert 0 == code
    assert "CNash equilibria: 9, 10, 11, 12" in out
    assert "MoE + Uniroyal can improve on it:" in out
    code, out, _ = run(capsys, "coalitions", ELMIRA, "-f", "markdown")
    assert 0 == code
    assert out.startswith("## Coalition analysis")


def test_coalitions_unknown_member(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "coalitions", ELMIRA, "--class", "MoE+Uniroyl")
    assert 1 == code
    assert "did you mean 'Uniroyal'?" in err


def test_many_unreachable_equilibria_are_summarised(capsys: pytest.CaptureFixture[str]) -> None:
    flagship = Path(__file__).resolve().parents[2] / "examples" / "ukraine-peace-talks-2026.yaml"
    code, out, err = run(capsys, "paths", flagship)
    assert 0 == code, err
    assert ": not reachable" not in out
    line = next(x for x in out.splitlines() if "other equilibria are not reachable" in x)
    from accord import analyze, read_model

    result = analyze(read_model(flagship))
    union = set().union(*(set(result.equilibrium_ids(c)) for c in result.concepts))
    assert f"{len(union) - 1} other equilibria" in line
