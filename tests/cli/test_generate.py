"""`accord generate`, the progress line, and `analyze` run one concept at a time."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from rich.console import Console

from accord.core.analysis.stability import analyze
from accord.io import read_model, write_model
from accord.reports.json_results import iter_json
from accord.reports.progress import Progress
from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
CASES = ROOT / "tests" / "cases"


SMALL = ("--dms", "3", "--options", "3")


def test_generated_file_checks_clean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "g.yaml"
    code, out, err = run(capsys, "generate", "-o", target, *SMALL)
    assert 0 == code
    assert "" == err
    assert out.startswith(f"wrote {target} — 3 decision makers, 9 options, ")
    assert "feasible states (statements, seed 0)" in out
    code, out, err = run(capsys, "check", target)
    assert 0 == code
    assert [f"{target}: warning: no element has evidence"] == [
        e.split(" (")[0] for e in err.splitlines()
    ]
    assert "ok — 3 decision makers, 9 options" in out


def test_defaults_are_four_dms_with_five_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "g.json"
    code, out, _ = run(capsys, "generate", "-o", target)
    assert 0 == code
    assert "4 decision makers, 20 options" in out
    conflict = read_model(target)
    assert 20 == len(conflict.option_names)
    assert 2 == sum(o.reversibility != "both" for o in conflict.options)
    assert all(len(p.items) == 5 for p in conflict.preferences.values())  # type: ignore[union-attr]
    assert 0 < len(conflict.states) < 1 << 20


def test_same_seed_same_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    texts = []
    for name, seed in [("a.yaml", "7"), ("b.yaml", "7"), ("c.yaml", "8")]:
        assert 0 == run(capsys, "generate", "-o", tmp_path / name, *SMALL, "--seed", seed)[0]
        texts.append((tmp_path / name).read_text(encoding="utf-8"))
    assert texts[0] == texts[1]
    assert texts[0] != texts[2]


def test_gmcr_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    native, gmcr = tmp_path / "g.yaml", tmp_path / "g.gmcr"
    assert 0 == run(capsys, "generate", "-o", native, *SMALL, "--seed", "3")[0]
    code, out, _ = run(capsys, "generate", "-o", gmcr, *SMALL, "--seed", "3")
    assert 0 == code
    assert f"wrote {gmcr}" in out
    assert 0 == run(capsys, "check", gmcr)[0]
    a, b = read_model(native), read_model(gmcr)
    assert a.states.codes.tolist() == b.states.codes.tolist()
    for dm in a.dm_names:
        assert a.payoffs[dm].tolist() == b.payoffs[dm].tolist()


def test_ranking_payoffs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "r.gmcr"
    code, out, _ = run(
        capsys, "generate", "-o", target, *SMALL, "--payoffs", "ranking", "--levels", "4"
    )
    assert 0 == code
    assert "(ranking, seed 0)" in out
    conflict = read_model(target)
    assert all(int(p.max()) <= 3 for p in conflict.payoffs.values())


def test_analysis_of_a_generated_file_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target, results = tmp_path / "g.yaml", tmp_path / "r.json"
    assert 0 == run(capsys, "generate", "-o", target, "--dms", "4", "--options", "3")[0]
    code, _, err = run(capsys, "analyze", target, "-f", "json", "-o", results)
    assert 0 == code
    assert f"wrote {results}\n" == err  # no progress output when stderr is not a terminal
    doc = json.loads(results.read_text(encoding="utf-8"))
    assert ["nash", "gmr", "smr", "seq"] == doc["concepts"]
    assert {"nash", "gmr", "smr", "seq"} == set(doc["equilibria"])
    assert len(read_model(target).states) == len(doc["states"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--dms", "1"), "--dms: a conflict needs at least two decision makers (got 1)"),
        (("--options", "0"), "--options: each decision maker needs at least one option"),
        (("--options", "-2"), "(got -2)"),
        (("--infeasible", "-0.1"), "--infeasible: a share of the states from 0 to 0.9"),
        (("--infeasible", "1"), "--infeasible"),
        (("--irreversible", "-1"), "--irreversible: a number of options, at least 0"),
        (("--irreversible", "21"), "--irreversible: at most the number of options, 20"),
        (("--statements", "-1"), "--statements"),
        (("--seed", "-1"), "--seed: a whole number, at least 0"),
        (("--levels", "3"), "--levels: only for --payoffs ranking"),
        (("--payoffs", "ranking", "--levels", "0"), "--levels: a number of payoff levels"),
        (("--dms", "8"), "40 options make 2^40 states"),
        (("--payoffs", "ranking"), "use --payoffs statements"),
    ],
)
def test_bad_arguments_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "g.yaml"
    code, out, err = run(capsys, "generate", "-o", target, *args)
    assert 1 == code
    assert message in err
    assert "" == out
    assert "Traceback" not in err
    assert not target.exists()


def test_bad_extension_and_missing_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "generate", "-o", tmp_path / "g.txt")
    assert 1 == code
    assert "unknown model file type '.txt'" in err
    code, _, err = run(capsys, "generate")
    assert 1 == code
    assert "--output" in err
    code, _, err = run(capsys, "generate", "-o", tmp_path / "g.yaml", "--payoffs", "scores")
    assert 1 == code
    assert "--payoffs" in err


def test_ranking_is_refused_above_2_to_16_states(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "generate", "-o", tmp_path / "g.yaml", "--dms", "2", "--options", "9",
        "--payoffs", "ranking",
    )  # fmt: skip
    assert 1 == code
    assert "18 options make 262,144 states, too many to list in a file (at most 65,536)" in err


# -- analyze, one concept at a time, gives what one call gives ---------------------------


def _cli_json(capsys: pytest.CaptureFixture[str], model: Path, concepts: str) -> str:
    code, out, _ = run(capsys, "analyze", model, "-c", concepts, "-f", "json")
    assert 0 == code
    return out


@pytest.mark.parametrize(
    ("model", "concepts"),
    [
        (ELMIRA, "nash,gmr,smr,seq"),
        (ELMIRA, "seq,nash"),
        (CASES / "chicken.gmcr", "nash,gmr,smr,seq,lh:2,nm"),
        (CASES / "prisoners_dilemma.gmcr", "nm,lh:3,gmr"),
    ],
)
def test_phased_analysis_matches_one_call(
    capsys: pytest.CaptureFixture[str], model: Path, concepts: str
) -> None:
    expected = "".join(iter_json(analyze(read_model(model), concepts)))
    assert expected == _cli_json(capsys, model, concepts)


def test_phased_analysis_matches_one_call_graph_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from cases.loader import load_case

    conflict, _ = load_case("elmira")
    assert conflict.is_graph_form
    model = tmp_path / "graph.yaml"
    write_model(conflict, model)
    expected = "".join(iter_json(analyze(read_model(model), "nash,gmr,smr,seq")))
    assert expected == _cli_json(capsys, model, "nash,gmr,smr,seq")


def test_generated_analysis_matches_one_call(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = tmp_path / "g.gmcr"
    assert 0 == run(capsys, "generate", "-o", model, "--dms", "3", "--options", "4")[0]
    expected = "".join(iter_json(analyze(read_model(model), "nash,gmr,smr,seq")))
    assert expected == _cli_json(capsys, model, "nash,gmr,smr,seq")


def test_unknown_concept_is_reported_before_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "analyze", tmp_path / "missing.yaml", "-c", "nash,gmrr")
    assert 1 == code
    assert "unknown solution concept 'gmrr'" in err


# -- the progress line -----------------------------------------------------------------


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=80), buffer


def test_progress_is_silent_off_a_terminal() -> None:
    buffer = io.StringIO()
    progress = Progress(console=Console(file=buffer, force_terminal=False), delay=0)
    assert not progress.enabled
    with progress.phase("computing payoffs"):
        time.sleep(0.05)
    assert "" == buffer.getvalue()


def test_progress_shows_only_slow_phases() -> None:
    console, buffer = _terminal()
    patient = Progress(console=console, delay=60)
    assert patient.enabled
    with patient.phase("quick phase"):
        time.sleep(0.05)
    progress = Progress(console=console, delay=0.02)
    with progress.phase("slow [phase]"):
        time.sleep(0.3)
    with progress.phase("hidden", show=False):
        time.sleep(0.1)
    text = buffer.getvalue()
    assert "quick phase" not in text
    assert "hidden" not in text
    assert "slow [phase]: " in text  # markup in labels is shown as written


def test_progress_ends_the_spinner_on_errors() -> None:
    console, buffer = _terminal()
    progress = Progress(console=console, delay=0.01)

    def fail() -> None:
        with progress.phase("failing"):
            time.sleep(0.2)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    assert "failing: " in buffer.getvalue()
    with progress.phase("next"):  # a spinner left running would refuse a second one
        time.sleep(0.2)
    assert "next: " in buffer.getvalue()
