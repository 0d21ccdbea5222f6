"""accord robustness: formats, Ctrl-C, and clear messages for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli_runner import run

HERE = Path(__file__).parent
FERRY = HERE / "ferry.yaml"
ELMIRA = HERE.parents[0] / "cases" / "elmira_prioritization.gmcr"


def test_table_reads_as_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "robustness", FERRY, "--samples", 20, "--seed", 3, "-w", 1)
    assert 0 == code, err
    assert out.startswith("The ferry strike: robustness over 20 variants sampled of 32 (seed 3)")
    assert (
        "Uncertain items: Operator.unordered[0] (2 ways), Operator.probable[0] (kept 50 %)" in out
    )
    assert "SEQ: " in out
    assert "95 % CI" in out
    assert "(status quo)" in out
    assert "(focus)" in out
    assert "is an SEQ equilibrium in" in out
    assert "; fixing " in out
    assert "" == err


def test_an_enumeration_says_its_shares_are_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "robustness", FERRY, "--samples", 32, "--concepts", "gmr", "-w", 1)
    assert 0 == code, err
    assert "robustness over all 32 variants, each with its probability" in out
    assert "95 % CI" not in out
    assert "State 1 (status quo) is a GMR equilibrium in 37.5 % of variants (exactly" in out
    assert (
        "fixing Union.unordered[0] as 'no agency crews > strike IF -raise_pay' raises it to 75 %"
        in out
    )


def test_json_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, _, err = run(
        capsys, "robustness", FERRY, "-n", 20, "-s", 3, "-w", 2, "--format", "json", "-o", target
    )
    assert 0 == code, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "accord-robustness/1" == data["format"]
    assert (False, "sampled", 20, 3, 32, 20) == (
        data["partial"], data["method"], data["samples"], data["seed"], data["space_size"],
        data["variants"],
    )  # fmt: skip
    assert ["nash", "gmr", "smr", "seq"] == data["concepts"]
    assert 5 == len(data["items"])
    assert {"key", "dm", "kind", "ways", "weights"} == set(data["items"][0])
    first = data["states"]["seq"][0]
    assert ["status quo"] == first["roles"]
    assert {
        "id",
        "roles",
        "status",
        "count",
        "variants",
        "share",
        "interval",
        "sensitivity",
    } == set(first)
    assert all(address.startswith("process ") for address in data["workers"])
    assert os.getpid() not in {int(a.split()[1]) for a in data["workers"]}
    assert data["run"]["tasks"] == sum(data["workers"].values())
    assert "local" == data["run"]["runner"]
    assert data["provenance"]["parameters"] == {
        "samples": 20, "seed": 3, "concepts": ["nash", "gmr", "smr", "seq"], "extension": "a"
    }  # fmt: skip
    hinging = [s for s in data["states"]["gmr"] if s["status"] == "sometimes"]
    assert hinging
    effect = hinging[0]["sensitivity"][0]
    assert {"item", "swing", "significant", "shares", "variants"} == set(effect)
    item = next(i for i in data["items"] if i["key"] == effect["item"])
    assert len(item["ways"]) == len(effect["shares"]) == len(effect["variants"])
    assert 20 == sum(effect["variants"])


def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "robustness", FERRY, "-n", 20, "--format", "markdown", "-w", 1)
    assert 0 == code, err
    assert out.startswith("**The ferry strike: robustness over 20 variants")
    assert "### SEQ" in out
    assert "| state | role | share | 95 % CI | swung most by |" in out


def test_the_same_seed_gives_the_same_json_whatever_the_workers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = []
    for workers in (1, 2):
        code, out, err = run(
            capsys, "robustness", FERRY, "-n", 25, "-s", 9, "-w", workers, "-f", "json"
        )
        assert 0 == code, err
        data = json.loads(out)
        outputs.append({k: data[k] for k in ("states", "robust", "hinging", "items", "variants")})
    assert outputs[0] == outputs[1]


def test_ctrl_c_prints_what_finished(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from accord.reports.robustness import VariantProgress

    def interrupt(self: VariantProgress, done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    monkeypatch.setattr(VariantProgress, "update", interrupt)
    code, out, err = run(capsys, "robustness", FERRY, "-n", 20, "-w", 2, "-f", "json")
    assert 130 == code
    data = json.loads(out)
    assert data["partial"]
    assert 0 < data["variants"] < 20
    assert f"interrupted: the results cover {data['variants']} of 20 variants" in err


def test_a_model_without_uncertainty_has_nothing_to_vary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "robustness", ELMIRA)
    assert 1 == code
    assert "" == out
    assert "the model declares no uncertainty: nothing to vary" in err


def test_unknown_pairs_alone_give_one_variant(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = FERRY.read_text(encoding="utf-8")
    head = text[: text.index("uncertainty:")]
    model = tmp_path / "pairs.yaml"
    model.write_text(head + "uncertainty:\n  Ministry:\n    unknown: [[1, 2], [3, 9]]\n", "utf-8")
    code, out, err = run(capsys, "robustness", model, "-f", "json", "-e", "c")
    assert 0 == code, err
    data = json.loads(out)
    assert (1, "enumerated", [], "c") == (
        data["variants"], data["method"], data["items"], data["extension"]
    )  # fmt: skip
    assert all(s["status"] in ("always", "never") for c in data["states"].values() for s in c)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--samples", "0"), "the number of samples must be at least 1 (got 0)"),
        (("--seed", "-1"), "the seed must be 0 or more (got -1)"),
        (("--workers", "0"), "the number of workers must be at least 1 (got 0)"),
        (("--scheduler", "nowhere"), "a scheduler address is written tcp://HOST:PORT"),
        (("--concepts", "nahs"), "unknown solution concept 'nahs'"),
        (("--extension", "e"), "the extensions for unknown preferences are a, b, c and d"),
    ],
)
def test_bad_input_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "robustness", FERRY, *args)
    assert 1 == code
    assert "" == out
    assert message in err
    assert "Traceback" not in err


def test_an_unreachable_scheduler_fails_within_seconds(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    pytest.importorskip("distributed")
    monkeypatch.setattr("accord.runners.dask.CONNECT_TIMEOUT", 1.0)
    start = time.perf_counter()
    code, _out, err = run(capsys, "robustness", FERRY, "--scheduler", "tcp://127.0.0.1:9")
    assert 1 == code
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert time.perf_counter() - start < 10


def test_a_missing_model_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "robustness", tmp_path / "none.yaml")
    assert 1 == code
    assert "none.yaml" in err


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    import io

    from rich.console import Console

    from accord.reports.robustness import VariantProgress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    with VariantProgress(console=console, delay=0) as bar:
        bar.update(0, 10)
        bar.update(4, 10)
        bar.update(10, 10)
    assert "evaluating variants" in screen.getvalue()
    quiet = VariantProgress(enabled=False, delay=0)
    quiet.update(4, 10)  # draws nothing, raises nothing
    assert quiet._bar is None
