"""``accord evidence`` and the evidence warnings of ``accord check``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from accord.core.validate import element_refs
from accord.io import read_model
from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"

# A short dispatch written for these tests.
DISPATCH = (
    "Valley Dispatch\n"
    "\n"
    "Talks resume at the border post\n"
    "\n"
    "The northern side said it would never withdraw its troops from the valley.\n"
    "\n"
    "The southern side offered a ceasefire if the troops stay behind the river.\n"
)
RED_LINE = "would never withdraw its troops"
OFFER = "offered a ceasefire"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _model(tmp_path: Path, *, sha: str = "", second: bool = False) -> Path:
    at = DISPATCH.index(RED_LINE)
    extra = "\n  - {id: memo, title: Internal memo}" if second else ""
    text = f"""\
accord: 1
name: valley
decision_makers:
  North: {{options: [withdraw]}}
  South: {{options: [ceasefire]}}
preferences:
  North: ["-withdraw", "ceasefire"]
  South: ["withdraw", "ceasefire"]
status_quo: "-withdraw & -ceasefire"
sources:
  - {{id: wire, title: Talks resume, sha256: "{sha}"}}{extra}
evidence:
  - about: "North.preferences[0]"
    source: wire
    paragraph: 3
    span: [{at}, {at + len(RED_LINE)}]
    quote: {RED_LINE}
    claim: red_line
  - {{about: South.ceasefire, source: wire, paragraph: 4, quote: {OFFER}, claim: position}}
  - {{about: status_quo, claim: judgement, note: "both sides hold their ground"}}
  - {{about: South, note: ""}}
"""
    path = tmp_path / "valley.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "dispatch.txt"
    source.write_text(DISPATCH, encoding="utf-8")
    return _model(tmp_path, sha=_sha(DISPATCH)), source


def _json(capsys: pytest.CaptureFixture[str], *args: object) -> dict[str, object]:
    code, out, err = run(capsys, "evidence", *args, "--format", "json")
    assert 0 == code, err
    return json.loads(out)  # type: ignore[no-any-return]


def _items(doc: dict[str, object]) -> dict[str, list[str]]:
    return {
        e["element"]: [i["anchoring"]["status"] for i in e["evidence"]]
        for e in doc["elements"]  # type: ignore[attr-defined]
    }


# -- accord evidence -------------------------------------------------------------------------


def test_json_lists_every_element_with_its_support(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    model, source = files
    doc = _json(capsys, model, "--source", f"wire={source}")
    assert "accord-evidence/1" == doc["format"]
    assert element_refs(read_model(model)) == [e["element"] for e in doc["elements"]]  # type: ignore[attr-defined]
    items = _items(doc)
    assert ["anchored"] == items["North.preferences[0]"]
    assert ["moved"] == items["South.ceasefire"]  # quoted without a span: located once
    assert ["judgement"] == items["status_quo"]
    assert [] == items["North.withdraw"]
    coverage = {e["element"]: e["coverage"] for e in doc["elements"]}  # type: ignore[attr-defined]
    assert ("evidence", "judgement", "none", "none") == (
        coverage["North.preferences[0]"],
        coverage["status_quo"],
        coverage["South"],  # its only item is a judgement without a note
        coverage["North.withdraw"],
    )
    moved = next(e for e in doc["elements"] if e["element"] == "South.ceasefire")["evidence"][0]  # type: ignore[attr-defined]
    start = DISPATCH.index(OFFER)
    assert [start, start + len(OFFER)] == moved["anchoring"]["span"]
    assert 4 == moved["anchoring"]["block"]
    summary = doc["summary"]
    assert 4 == summary["items"]  # type: ignore[index]
    assert sum(1 for v in coverage.values() if v == "none") == summary["coverage"]["none"]  # type: ignore[index]
    assert {"anchored": 1, "moved": 1, "orphaned": 0, "paragraph": 0, "judgement": 2} == {
        k: v
        for k, v in summary["anchoring"].items()  # type: ignore[index]
        if k != "unchecked"
    }
    (wire,) = doc["sources"]  # type: ignore[misc]
    assert ("unchanged", _sha(DISPATCH), 4) == (
        wire["sha256"]["status"],
        wire["sha256"]["actual"],
        wire["blocks"],
    )
    assert str(source) == wire["file"]


def test_without_sources_every_quote_is_unchecked(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    doc = _json(capsys, files[0])
    assert ["unchecked"] == _items(doc)["North.preferences[0]"]
    assert "unchecked" == doc["sources"][0]["sha256"]["status"]  # type: ignore[index]


def test_edited_source_is_reported_changed_and_quotes_rechecked(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    model, _ = files
    edited = tmp_path / "edited.txt"
    edited.write_text(
        DISPATCH.replace("Talks resume", "Talks resume, late,").replace(OFFER, "made an offer"),
        encoding="utf-8",
    )
    doc = _json(capsys, model, "--source", f"wire={edited}")
    assert "changed" == doc["sources"][0]["sha256"]["status"]  # type: ignore[index]
    items = _items(doc)
    assert ["moved"] == items["North.preferences[0]"]
    assert ["orphaned"] == items["South.ceasefire"]


def test_plain_file_maps_to_the_only_source(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    model, source = files
    assert _json(capsys, model, "--source", f"wire={source}") == _json(
        capsys, model, "--source", source
    )


def test_plain_file_maps_to_the_source_with_its_hash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: tuple[Path, Path]
) -> None:
    _, source = files
    model = _model(tmp_path, sha=_sha(DISPATCH), second=True)
    doc = _json(capsys, model, "--source", source)
    assert ["unchanged", "unchecked"] == [s["sha256"]["status"] for s in doc["sources"]]  # type: ignore[attr-defined]
    assert ["anchored"] == _items(doc)["North.preferences[0]"]


def test_plain_file_matching_no_source_is_an_error_naming_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: tuple[Path, Path]
) -> None:
    _, source = files
    model = _model(tmp_path, sha="", second=True)
    code, out, err = run(capsys, "evidence", model, "--source", source)
    assert 1 == code
    assert "" == out
    assert "cannot tell which source this is" in err
    assert "(wire, memo)" in err
    assert f"--source ID={source}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: f"wires={d / 'dispatch.txt'}", "the model has no source 'wires'"),
        (lambda d: f"wire={d / 'missing.txt'}", "missing.txt: error: no such file"),
        (lambda d: f"wire={d}", "this is a directory, not a source text"),
        (lambda d: str(d / "latin1.txt"), "latin1.txt:1: error: the file must be UTF-8 text"),
    ],
    ids=["unknown-id", "missing-file", "directory", "not-utf8"],
)
def test_bad_sources_exit_1_with_a_message(
    capsys: pytest.CaptureFixture[str],
    files: tuple[Path, Path],
    tmp_path: Path,
    make: object,
    expected: str,
) -> None:
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    code, out, err = run(capsys, "evidence", files[0], "--source", make(tmp_path))  # type: ignore[operator]
    assert 1 == code
    assert "" == out
    assert expected in err
    assert "Traceback" not in err


def test_unknown_source_id_lists_the_sources_and_suggests(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    code, _, err = run(capsys, "evidence", files[0], "--source", f"wir={files[1]}")
    assert 1 == code
    assert "(its sources: wire)" in err
    assert "did you mean 'wire'?" in err


def test_source_for_a_model_without_sources_is_an_error(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    code, out, err = run(capsys, "evidence", ELMIRA, "--source", files[1])
    assert (1, "") == (code, out)
    assert "the model has no sources" in err


def test_same_source_twice_is_an_error(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    model, source = files
    code, _, err = run(capsys, "evidence", model, "--source", source, "--source", source)
    assert 1 == code
    assert "source 'wire' is given twice" in err


def test_missing_model_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "evidence", tmp_path / "nope.yaml")
    assert 1 == code
    assert "no such file" in err


def test_table_shows_statuses_and_flags_elements_without_evidence(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    model, source = files
    target = tmp_path / "listing.txt"
    code, out, err = run(capsys, "evidence", model, "--source", f"wire={source}", "-o", target)
    assert 0 == code
    assert "" == out
    assert f"wrote {target}" in err
    text = target.read_text(encoding="utf-8")
    for word in ("anchored", "moved", "judgement", "unchanged", "North.withdraw", RED_LINE):
        assert word in text
    assert "no evidence and no judgement note" in text
    assert "no evidence; its judgement items have no note" in text  # South
    n = len(element_refs(read_model(model)))
    assert f"{n} elements: 2 with evidence, 1 with only a judgement note, {n - 3} with" in text
    assert "4 evidence items: 1 anchored, 1 moved, 2 judgement." in text


def test_table_on_standard_output(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    code, out, _ = run(capsys, "evidence", files[0])
    assert 0 == code
    assert "unchecked" in out
    assert "4 evidence items: 2 judgement, 2 unchecked." in out


def test_markdown(capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]) -> None:
    model, source = files
    code, out, _ = run(capsys, "evidence", model, "--source", source, "--format", "markdown")
    assert 0 == code
    assert "| element | source | block | claim | quote or paraphrase | anchoring |" in out
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert len(rows) == len(element_refs(read_model(model))) + 1  # South has two rows
    assert any(r.startswith("| `North.preferences[0]` | wire | 3 | red_line |") for r in rows)
    assert any("**anchored**: the quote is at" in r for r in rows)
    assert any(r.startswith("| `South.ceasefire` | wire | 4 |") and "**moved**" in r for r in rows)
    assert "| `North.withdraw` |  |  |  | **no evidence and no judgement note** |  |" in rows


def test_json_to_a_file(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "e.json"
    target.parent.mkdir()
    code, _, err = run(capsys, "evidence", files[0], "--format", "json", "-o", target)
    assert 0 == code
    assert f"wrote {target}" in err
    assert "accord-evidence/1" == json.loads(target.read_text(encoding="utf-8"))["format"]


# -- accord check ----------------------------------------------------------------------------


def test_check_warns_about_each_element_without_evidence(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    model = files[0]
    code, out, err = run(capsys, "check", model)
    assert 0 == code
    assert "ok — 2 decision makers" in out
    covered = {"North.preferences[0]", "South.ceasefire", "status_quo"}
    expected = [
        f"{model}: warning: {ref} has no evidence and no judgement note"
        for ref in element_refs(read_model(model))
        if ref not in covered
    ]
    assert expected == err.splitlines()
    assert f"{model}: warning: South has no evidence and no judgement note" in expected


def test_check_gives_one_summary_for_a_model_without_evidence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    gmcr = tmp_path / "elmira.gmcr"
    assert 0 == run(capsys, "convert", ELMIRA, gmcr)[0]
    for path in (ELMIRA, gmcr):
        code, _, err = run(capsys, "check", path)
        assert 0 == code
        n = len(element_refs(read_model(path)))
        assert [
            f"{path}: warning: no element has evidence ({n} elements); "
            f"'accord evidence {path}' lists them"
        ] == err.splitlines()


def test_check_caps_the_list_of_elements_without_evidence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from accord.reports.evidence import MAX_COVERAGE_WARNINGS

    options = ", ".join(f"o{k}" for k in range(MAX_COVERAGE_WARNINGS + 5))
    model = tmp_path / "wide.yaml"
    model.write_text(
        f"accord: 1\nname: wide\ndecision_makers:\n  A: {{options: [{options}]}}\n"
        "  B: {options: [b]}\npreferences:\n  A: [o0]\n  B: [b]\n"
        "evidence:\n  - {about: A, note: the only element with a note}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "check", model)
    assert 0 == code
    lines = err.splitlines()
    assert MAX_COVERAGE_WARNINGS + 1 == len(lines)
    total = len(element_refs(read_model(model))) - 1
    assert f"… and {total - MAX_COVERAGE_WARNINGS} more elements" in lines[-1]
