"""Benchmark of ``accord robustness`` on the flagship: local processes and a Dask cluster.

For each runner (local processes, a Dask ``LocalCluster`` on this machine) and each number
of workers (1 and 2 by default) this script times the whole command as a user runs it,

    python -m accord robustness MODEL --samples 10000 --seed 1 -w K -f json -o OUT
    python -m accord robustness MODEL --samples 10000 --seed 1 --scheduler ADDRESS ...

once to warm up and then ``--runs`` times, in a fresh process each time, and reports the
median wall time, the speed-up from 1 to 2 workers, and per sample: the wall time, the
engine's own time (summed over the tasks, from the JSON ``run`` block) and the rest — the
overhead of starting, parsing, planning, timing the engine, shipping tasks and results,
and aggregating.  The Dask cluster is started once per worker count, before its runs, and
is not timed: a real cluster is already running.  Its workers keep their imports and
compiled code between runs (caches warm); each run's model text differs by a comment, so
the model itself is parsed and prepared afresh, as for a new analysis.

It also times, in this process, the engine's cost per variant against a plain analysis
that builds each variant's model and calls ``analyze`` (the ``plain`` route).

The flagship's own ``uncertainty`` block is used when it has one; otherwise the model is
copied to a temporary directory with a stand-in block (printed with the results, never
written into the project).

Progress goes to stderr, the Markdown tables to stdout.

Usage::

    python benchmarks/robustness.py [--samples 10000] [--runs 3] [--workers 1,2]
                                    [--runners local,dask] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "ukraine-peace-talks-2026.yaml"

#: Used only when the flagship declares no uncertainty of its own.
STAND_IN = """
uncertainty:
  Ukraine:
    unordered: [[2, 3, 4, 5]]
  Russia:
    unordered: [[1, 2, 3]]
    probable: [{statement: 4, probability: 0.7}]
  US:
    unordered: [[2, 3]]
    probable: [{statement: 4, probability: 0.6}]
  Europe:
    alternatives:
      - weight: 0.3
        label: Europe accepts binding guarantees
        statements: [ceasefire, force IFF ceasefire, us_guarantee, binding, pressure, -long_term]
  Electorate:
    unordered: [[1, 2, 3]]
"""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def model_with_uncertainty(path: Path, workdir: Path) -> tuple[Path, bool]:
    """The model to benchmark, and whether a stand-in uncertainty block was added."""
    from accord.io import read_model

    if read_model(path).uncertainty:
        return path, False
    copy = workdir / path.name
    copy.write_text(path.read_text(encoding="utf-8") + STAND_IN, encoding="utf-8")
    return copy, True


def run_command(args: list[str], out: Path) -> tuple[float, dict[str, Any]]:
    """Run ``accord ARGS -f json -o OUT`` in a fresh process; its wall time and result."""
    cmd = [sys.executable, "-m", "accord", *args, "--format", "json", "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return seconds, data


@contextmanager
def dask_cluster(workers: int) -> Iterator[str]:
    """A Dask cluster of ``workers`` single-threaded worker processes; its address."""
    from distributed import LocalCluster

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
    try:
        yield str(cluster.scheduler_address)
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cluster.close()


def measure(
    model: Path, samples: int, seed: int, runs: int, runner: str, workers: int, out: Path
) -> dict[str, Any]:
    """Median wall time and the engine's time of ``runs`` runs after one warm-up."""
    results: list[tuple[float, dict[str, Any]]] = []
    text = model.read_text(encoding="utf-8")

    def one(k: int, extra: list[str]) -> tuple[float, dict[str, Any]]:
        # A distinct text per run: a Dask worker's prepared models (and their memos) are
        # keyed by the text's hash, so each run starts with the model cold, as a new
        # analysis would, while imports and compiled code stay warm.
        path = out.with_name(f"run-{runner}-{workers}-{k}{model.suffix}")
        path.write_text(f"{text}\n# benchmark run {k}\n", encoding="utf-8")
        args = ["robustness", str(path), "--samples", str(samples), "--seed", str(seed)]
        return run_command(args + extra, out)

    def series(extra: list[str]) -> None:
        one(0, extra)  # warm-up
        for k in range(1, runs + 1):
            log(f"  {runner}, {workers} worker(s), run {k} of {runs} …")
            results.append(one(k, extra))
            log(f"    {results[-1][0]:.1f} s")

    if runner == "local":
        series(["--workers", str(workers)])
    else:
        with dask_cluster(workers) as address:
            series(["--scheduler", address])
    walls = [s for s, _ in results]
    median = statistics.median(walls)
    data = results[walls.index(median)][1] if median in walls else results[0][1]
    engine = statistics.median(d["run"]["engine_seconds"] for _, d in results)
    return {
        "runner": runner,
        "workers": workers,
        "wall": median,
        "walls": walls,
        "engine": engine,
        "tasks": data["run"]["tasks"],
        "batch": data["run"]["batch_size"],
        "per_worker": data["workers"],
        "variants": data["variants"],
        "result": {k: data[k] for k in ("states", "robust", "hinging")},
    }


def plain_versus_engine(model: Path, variants: int, seed: int) -> tuple[float, float, float]:
    """Per variant, in this process: the engine, the engine without memos, and plain."""
    from accord.core.analysis.robustness.engine import VariantEngine
    from accord.core.analysis.robustness.variants import variant_space
    from accord.io import read_model

    conflict = read_model(model)
    space = variant_space(conflict)
    choices = [tuple(int(v) for v in row) for row in space.sample(variants, seed)]
    concepts = ("nash", "gmr", "smr", "seq")
    out = []
    for route, memo in (("auto", True), ("auto", False), ("plain", False)):
        engine = VariantEngine(conflict, space, route=route, memo=memo)  # type: ignore[arg-type]
        engine.equilibria(choices[0], concepts)  # compiled code and moves loaded
        start = time.perf_counter()
        for choice in choices:
            engine.equilibria(choice, concepts)
        out.append((time.perf_counter() - start) / len(choices))
    return out[0], out[1], out[2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=FLAGSHIP)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="measured runs after one warm-up")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--runners", default="local,dask", help="local, dask or both")
    parser.add_argument("--plain", type=int, default=200, help="variants for the plain route")
    args = parser.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    runners = [r.strip() for r in args.runners.split(",") if r.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        model, stand_in = model_with_uncertainty(args.model, workdir)
        log(f"model {model}{' (stand-in uncertainty block)' if stand_in else ''}")
        log(f"engine versus plain analysis, {args.plain} variants …")
        engine, fresh, plain = plain_versus_engine(model, args.plain, args.seed)
        rows = []
        for runner in runners:
            for workers in counts:
                log(f"{runner}, {workers} worker(s)")
                rows.append(
                    measure(
                        model,
                        args.samples,
                        args.seed,
                        args.runs,
                        runner,
                        workers,
                        workdir / "out.json",
                    )
                )
    same = all(r["result"] == rows[0]["result"] for r in rows)
    import accord

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; accord {accord.__version__}.  Model: "
        f"{args.model.name}{' with a stand-in uncertainty block' if stand_in else ''}; "
        f"{args.samples:,} samples, seed {args.seed}; median of {args.runs} run(s) after one "
        "warm-up, whole process."
    )
    print()
    print(
        f"Engine per variant (in-process, {args.plain} sampled variants, Nash+GMR+SMR+SEQ): "
        f"{engine * 1000:.2f} ms with its memos, {fresh * 1000:.2f} ms computing every "
        f"variant in full, {plain * 1000:.1f} ms building and analysing each variant's model "
        f"(plain); {plain / fresh:.0f}× less work per variant."
    )
    print()
    head = [
        "runner",
        "workers",
        "wall (s)",
        "speed-up",
        "tasks × variants",
        "tasks per worker",
        "wall × workers / sample (ms)",
        "engine / sample (ms)",
        "the rest / sample (ms)",
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" if k else "---" for k in range(len(head))) + "|")
    base = {r["runner"]: r["wall"] for r in rows if r["workers"] == 1}
    for r in rows:
        n = r["variants"]
        occupied = r["wall"] * r["workers"] / n * 1000
        engine_ms = r["engine"] / n * 1000
        speed = base[r["runner"]] / r["wall"] if r["runner"] in base else float("nan")
        print(
            "| "
            + " | ".join(
                [
                    r["runner"],
                    str(r["workers"]),
                    f"{r['wall']:.1f} ({', '.join(f'{w:.1f}' for w in r['walls'])})",
                    f"{speed:.2f}×",
                    f"{r['tasks']} × {r['batch']}",
                    ", ".join(str(v) for v in sorted(r["per_worker"].values())),
                    f"{occupied:.2f}",
                    f"{engine_ms:.2f}",
                    f"{occupied - engine_ms:.2f}",
                ]
            )
            + " |"
        )
    print()
    print(f"Identical results across every runner and worker count: {'yes' if same else 'NO'}.")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
