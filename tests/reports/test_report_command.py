"""The report command: formats from the extension, the drawing beside Markdown, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
HARBOUR = Path(__file__).with_name("harbour.yaml")


def test_html_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "elmira.html"
    code, stdout, stderr = run(capsys, "report", ELMIRA, "-o", out)
    assert 0 == code, stderr
    assert "" == stdout
    assert f"wrote {out}" in stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert '<section id="sources">' in page
    assert not list(tmp_path.glob("*.svg"))  # HTML embeds its drawing


def test_htm_and_format_override(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "report", ELMIRA, "-o", tmp_path / "r.htm")
    assert 0 == code
    assert (tmp_path / "r.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, _ = run(capsys, "report", ELMIRA, "-o", tmp_path / "r.txt", "--format", "markdown")
    assert 0 == code
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("# Elmira")
    assert (tmp_path / "r.txt.graph.svg").exists()


def test_markdown_file_with_the_drawing_beside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    code, _, stderr = run(capsys, "report", HARBOUR, "-o", out)
    assert 0 == code, stderr
    text = out.read_text(encoding="utf-8")
    drawing = tmp_path / "report.graph.svg"
    assert "](report.graph.svg)" in text
    assert f"wrote {drawing}" in stderr
    svg = drawing.read_text(encoding="utf-8")
    assert svg.startswith("<?xml")
    assert 'id="state-1"' in svg
    first = svg
    code, _, _ = run(capsys, "report", HARBOUR, "-o", out)
    assert 0 == code
    assert first == drawing.read_text(encoding="utf-8")  # same bytes on a second run


def test_markdown_to_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, stdout, _ = run(capsys, "report", ELMIRA, "--focus", "9")
    assert 0 == code
    assert stdout.startswith("# Elmira groundwater contamination")
    assert "## 7. What would make the focus state stable" in stdout
    assert "state 9" in stdout
    assert "saved to a Markdown file" in stdout


def test_concepts_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "report", ELMIRA, "--concepts", "nash,seq")
    assert 0 == code
    assert "### SEQ" in stdout
    assert "### GMR" not in stdout


def test_a_missing_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, stdout, stderr = run(capsys, "report", tmp_path / "nothing.yaml")
    assert 1 == code
    assert "" == stdout
    assert "nothing.yaml: error: no such file" in stderr


def test_a_broken_model_exits_1_with_its_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ELMIRA.read_text(encoding="utf-8").replace("accept IF -modify", "accept IF"))
    code, _, stderr = run(capsys, "report", bad, "-o", tmp_path / "r.html")
    assert 1 == code
    assert "bad.yaml:" in stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "r.txt"], "cannot tell the report format from the extension '.txt'"),
        (["--focus", "modify & insist"], "--focus: error: the condition 'modify & insist'"),
        (["--focus", "99"], "--focus: error: no feasible state has id 99"),
        (["--focus", "nonsense"], "--focus: unknown option 'nonsense'"),
        (["--concepts", "nm"], "a report covers the concepts nash, gmr, smr, seq"),
        (["--format", "pdf"], "usage error"),
    ],
)
def test_user_errors_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    fixed = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    code, stdout, stderr = run(capsys, "report", ELMIRA, *fixed)
    assert 1 == code
    assert "" == stdout
    assert message in stderr
