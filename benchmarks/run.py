"""Benchmarks of ``accord analyze`` on random conflicts: the whole process, and its phases.

For each size (total options; 2^size assignments before infeasibility) this script

1. generates a random conflict (4 DMs, 5 prioritised statements each, infeasible ≈ 0.05,
   2 irreversible options, seed 0) with :func:`accord.core.generate.random_conflict` and
   writes it as native YAML and as ``.gmcr``;
2. runs ``python -m accord analyze FILE -o OUT`` in a subprocess, once to warm
   up and then ``--runs`` times, and reports the median wall time and the peak RSS (from
   ``os.wait4``, the child's own ``ru_maxrss``); the same with ``--concepts nash`` (the floor:
   reading, payoffs, one concept, writing) and the ratio full / Nash;
3. runs the phases one by one in a fresh process (``--phases-of FILE``) and reports each
   phase's time (``time.perf_counter``) and the process's peak RSS after it
   (``resource.getrusage``): import (of accord and numpy), load, states, payoffs, nash, gmr, smr, seq,
   equilibria, output (the summary a terminal gets: counts per concept and the equilibria).

Random payoffs: ``random_conflict(payoffs="ranking")`` gives every DM a random payoff vector
with ties (:class:`~accord.PayoffVector`), generated in-process at the largest size.

Everything goes to stderr as it runs; the Markdown tables go to stdout at the end.

Usage::

    python benchmarks/run.py [--sizes 16,20,24] [--runs 3] [--formats yaml,gmcr] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

DMS = 4
STATEMENTS = 5
INFEASIBLE = 0.05
IRREVERSIBLE = 2
SEED = 0
DEFAULT_SIZES = (16, 20, 24)
QUICK_SIZES = (12, 16)
CONCEPTS = ("nash", "gmr", "smr", "seq")
#: Random payoff vectors are generated in-process: any size the engine handles.
RANDOM_PAYOFF_LIMIT = 26
PHASES = ("import", "load", "states", "payoffs", *CONCEPTS, "equilibria", "output")

MB = 1024 * 1024


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def split(total: int, dms: int = DMS) -> list[int]:
    """``total`` options over ``dms`` decision makers, as evenly as possible."""
    base, extra = divmod(total, dms)
    return [base + (1 if d < extra else 0) for d in range(dms)]


def make_conflict(total: int, payoffs: str = "statements", seed: int = SEED) -> Any:
    from accord.core.generate import random_conflict

    return random_conflict(
        DMS,
        split(total),
        infeasible=INFEASIBLE,
        irreversible=IRREVERSIBLE,
        statements=STATEMENTS,
        payoffs=payoffs,
        seed=seed,
    )


def peak_rss() -> int:
    """This process's peak resident set size so far, in bytes (Linux reports KiB)."""
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


# -- the phases, in a fresh process ------------------------------------------------------


def phases_worker(source: str, output: str) -> None:
    """Run the phases one by one and print ``{phase: [seconds, peak RSS bytes]}`` as JSON.

    ``source`` is a model file, or ``random:SIZE`` for random payoffs generated here.
    """
    start = time.perf_counter()
    from accord.core.analysis.stability import analyze
    from accord.core.stability import Context
    from accord.io import read_model
    from accord.reports.stability import summary_lines

    out: dict[str, list[float]] = {"import": [time.perf_counter() - start, peak_rss()]}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = fn()
        out[name] = [time.perf_counter() - start, peak_rss()]
        return value

    if source.startswith("random:"):
        conflict = timed("load", lambda: make_conflict(int(source[7:]), payoffs="ranking"))
    else:
        conflict = timed("load", lambda: read_model(source))
    timed("states", lambda: conflict.states)
    timed("payoffs", lambda: conflict.payoffs)
    context = Context(conflict)
    clock: dict[str, float] = {}

    @contextmanager
    def phase(name: str) -> Iterator[None]:
        clock[name] = time.perf_counter()
        yield
        out[name] = [time.perf_counter() - clock[name], peak_rss()]

    result = analyze(conflict, CONCEPTS, context=context, phase=phase)
    timed("equilibria", lambda: [result.equilibrium_ids(name) for name in CONCEPTS])

    def write() -> None:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write("\n".join(summary_lines(result)) + "\n")

    timed("output", write)
    print(json.dumps(out))


# -- the whole process -------------------------------------------------------------------


@dataclass
class Runs:
    """Wall times (s) and peak RSS (bytes) of repeated runs of one command."""

    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> int:
        return max(self.rss)


def run_once(cmd: Sequence[str], workdir: Path) -> tuple[float, int, str]:
    """Run ``cmd``; its wall time, its peak RSS (bytes) and its standard output."""
    out_path, err_path = workdir / "stdout.txt", workdir / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode != 0:
        detail = err_path.read_text(encoding="utf-8", errors="replace").strip()
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{detail}")
    scale = 1 if sys.platform == "darwin" else 1024
    return wall, usage.ru_maxrss * scale, out_path.read_text(encoding="utf-8")


def measure(cmd: Sequence[str], runs: int, workdir: Path, label: str) -> Runs:
    """One warm-up run, then ``runs`` measured runs."""
    result = Runs()
    for k in range(runs + 1):
        wall, rss, _ = run_once(cmd, workdir)
        what = "warm-up" if k == 0 else f"run {k}/{runs}"
        log(f"  {label}: {what}: {wall:.2f} s, {rss / MB:.0f} MB")
        if k:
            result.times.append(wall)
            result.rss.append(rss)
    return result


def analyze_cmd(model: Path, out: Path, concepts: str | None = None) -> list[str]:
    # The summary a terminal gets for a large model: counts per concept and the equilibria.
    # (A JSON document of every state is output, not analysis: 2^24 states make gigabytes.)
    cmd = [sys.executable, "-m", "accord", "analyze", str(model), "-o", str(out)]
    if concepts:
        cmd += ["--concepts", concepts]
    return cmd


def phases(source: str, workdir: Path) -> dict[str, list[float]]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phases-of", source]
    cmd += ["--phases-output", str(workdir / "phases.json")]
    wall, _, text = run_once(cmd, workdir)
    log(f"  phases of {source}: {wall:.2f} s")
    found: dict[str, list[float]] = json.loads(text.strip().splitlines()[-1])
    return found


# -- the report ----------------------------------------------------------------------------


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kib = int(fh.readline().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import numpy

    import accord

    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{mem}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, numpy {numpy.__version__}; "
        f"accord {accord.__version__} ({commit})"
    )


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="total options per model, comma-separated (2^size states before infeasibility)",
    )
    parser.add_argument("--runs", type=int, default=3, help="measured runs after one warm-up")
    parser.add_argument("--formats", default="yaml,gmcr", help="model files: yaml, gmcr or both")
    parser.add_argument(
        "--quick", action="store_true", help=f"sizes {QUICK_SIZES} and 1 run (a smoke check)"
    )
    parser.add_argument("--phases-of", help=argparse.SUPPRESS)  # worker mode
    parser.add_argument("--phases-output", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phases_of:
        phases_worker(args.phases_of, args.phases_output or os.devnull)
        return 0

    sizes = list(QUICK_SIZES) if args.quick else [int(s) for s in args.sizes.split(",") if s]
    runs = 1 if args.quick else args.runs
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if runs < 1 or not sizes or min(sizes) < DMS or not set(formats) <= {"yaml", "gmcr"}:
        parser.error("sizes ≥ 4, runs ≥ 1, formats among yaml and gmcr")

    whole: list[list[str]] = []
    phase_rows: list[tuple[str, str, dict[str, list[float]]]] = []
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        workdir = Path(tmp)
        for size in sizes:
            log(f"size {size}: generating ({DMS} DMs, options {split(size)})")
            from accord.io import write_model

            conflict = make_conflict(size)
            states = len(conflict.states)
            files: dict[str, Path] = {}
            for fmt in formats:
                files[fmt] = workdir / f"random-{size}.{fmt}"
                write_model(conflict, files[fmt])
            del conflict
            for fmt, path in files.items():
                out = workdir / "results.json"
                full = measure(analyze_cmd(path, out), runs, workdir, f"{fmt} full")
                nash = measure(analyze_cmd(path, out, "nash"), runs, workdir, f"{fmt} nash")
                whole.append(
                    [
                        str(size),
                        f"{states:,}",
                        f".{fmt} ({path.stat().st_size / 1024:,.0f} KiB)",
                        f"{full.median:.2f}",
                        f"{full.peak / MB:,.0f}",
                        f"{nash.median:.2f}",
                        f"{nash.peak / MB:,.0f}",
                        f"{full.median / nash.median:.2f}",
                    ]
                )
            source = files.get("yaml") or files[formats[0]]
            phase_rows.append((str(size), f"{states:,}", phases(str(source), workdir)))
        random_size = min(max(sizes), RANDOM_PAYOFF_LIMIT)
        log(f"size {random_size}: random payoffs (ranking), generated in-process")
        found = phases(f"random:{random_size}", workdir)
        phase_rows.append((f"{random_size} (ranking)", "", found))

    print(f"# accord benchmarks\n\nMachine: {machine()}\n")
    print(
        f"Random conflicts: {DMS} DMs, {STATEMENTS} statements each, infeasible ≈ "
        f"{INFEASIBLE}, {IRREVERSIBLE} irreversible options, seed {SEED}. Whole process: "
        f"`python -m accord analyze FILE -o OUT`, median of {runs} run(s) after "
        "one warm-up; peak RSS of the child process.\n"
    )
    print(
        table(
            [
                "options",
                "feasible states",
                "file",
                "full (s)",
                "full RSS (MB)",
                "Nash (s)",
                "Nash RSS (MB)",
                "full / Nash",
            ],
            whole,
        )
    )
    print(
        "\nPhases, in one fresh process (one run; model read from "
        f"{'.yaml' if 'yaml' in formats else '.' + formats[0]}; the ranking row generates its "
        "model in-process, so its load is generation): seconds per phase.\n"
    )
    rows: list[list[str]] = []
    for label, count, found in phase_rows:
        cells = [f"{found[p][0]:.2f}" if p in found else "" for p in PHASES]
        total = sum(found[p][0] for p in PHASES if p in found)
        rows.append([label, count or "random payoffs", *cells, f"{total:.2f}"])
    print(table(["options", "states", *PHASES, "total"], rows))
    print("\nPeak RSS of that process after each phase (MB):\n")
    rows = []
    for label, count, found in phase_rows:
        cells = [f"{found[p][1] / MB:,.0f}" if p in found else "" for p in PHASES]
        rows.append([label, count or "random payoffs", *cells])
    print(table(["options", "states", *PHASES], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
