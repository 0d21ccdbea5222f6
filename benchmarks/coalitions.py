"""Benchmarks of the coalition analyses on random conflicts with five decision makers.

For each model this script times, in a fresh process per run,

* ``analyze_coalitions`` (what ``accord coalitions`` computes: the table of every state's
  coalitional improvements and C-stability up to 8,192 states, and the scan of the
  individual equilibria of Nash, GMR, SMR and SEQ), and
* ``status_quo_paths(..., moves="coalitions")`` from state 1 (what ``accord paths -m
  coalitions`` computes: every state reachable by unilateral and coalitional improvements
  of the 26 coalitions of two or more, shortest paths and up to 3 alternatives),

each with ``method="fast"`` (all origins at once, the default) and ``method="search"`` (one
origin at a time, the implementation the fast one replaced; the same results).  A run that
takes longer than ``--timeout`` seconds is stopped and reported as such.

Models: the flagship (``examples/ukraine-peace-talks-2026.yaml``, when present; paths from
its status quo) and ``random_conflict`` with 5 DMs, 5 prioritised statements each, 2
irreversible options: 12 options with about 75 % of the assignments infeasible (seed 1,
1,024 states), 14 options with about 5 % infeasible (seed 0, 15,376 states) and, with
``--large``, 16 options (seed 0, 61,504 states).  Building the model and importing accord
are not timed; the analysis is timed with ``time.perf_counter`` in the child process.

Progress goes to stderr, the Markdown table to stdout.

Usage::

    python benchmarks/coalitions.py [--runs 3] [--timeout 900] [--large] [--no-search]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: The flagship model, benchmarked when present.
FLAGSHIP = ROOT / "examples" / "ukraine-peace-talks-2026.yaml"
#: name → (options per DM, infeasible share, seed)
MODELS: dict[str, tuple[list[int], float, int]] = {
    "1k": ([3, 3, 2, 2, 2], 0.75, 1),
    "16k": ([3, 3, 3, 3, 2], 0.05, 0),
    "64k": ([4, 3, 3, 3, 3], 0.05, 0),
}
CASES = ("coalitions", "paths")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def make_conflict(name: str) -> Any:
    from accord.core.generate import random_conflict

    if name == "flagship":
        from accord.io import read_model

        return read_model(FLAGSHIP)
    options, infeasible, seed = MODELS[name]
    return random_conflict(
        5, options, infeasible=infeasible, irreversible=2, statements=5, seed=seed
    )


def worker(model: str, case: str, method: str) -> None:
    """Time one analysis in this process; print a JSON line."""
    from accord.core.analysis.coalitions import analyze_coalitions
    from accord.core.analysis.paths import status_quo_paths

    conflict = make_conflict(model)
    began = time.perf_counter()
    if case == "coalitions":
        result = analyze_coalitions(conflict, method=method)  # type: ignore[arg-type]
        size = sum(len(e.improvements) for e in result.scan)
        what = f"{len(result.scan):,} (equilibrium, coalition) pairs, {size:,} improvements"
    else:
        origin = None if model == "flagship" else 1  # the flagship's status quo
        paths = status_quo_paths(conflict, origin, moves="coalitions", method=method)  # type: ignore[arg-type]
        what = f"{len(paths.paths):,} states reached"
    seconds = time.perf_counter() - began
    print(json.dumps({"states": len(conflict.states), "seconds": seconds, "what": what}))


def run(model: str, case: str, method: str, timeout: float) -> dict[str, Any] | None:
    cmd = [sys.executable, __file__, "--worker", model, case, method]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measured runs after one warm-up")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--large", action="store_true", help="also the 61,504-state model")
    parser.add_argument(
        "--no-search", action="store_true", help="skip the one-origin-at-a-time method"
    )
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    models = [
        *(["flagship"] if FLAGSHIP.exists() else []),
        "1k",
        "16k",
        *(["64k"] if args.large else []),
    ]
    methods = ["fast"] if args.no_search else ["fast", "search"]
    rows = []
    for model in models:
        for case in CASES:
            times: dict[str, str] = {}
            medians: dict[str, float] = {}
            states, what = 0, ""
            for method in methods:
                # the slow method runs once (no warm-up) when the fast one is given runs
                runs = args.runs if method == "fast" else 1
                seconds: list[float] = []
                if method == "fast":
                    run(model, case, method, args.timeout)  # warm-up
                for _ in range(runs):
                    log(f"{model} {case} {method} ...")
                    got = run(model, case, method, args.timeout)
                    if got is None:
                        break
                    seconds.append(got["seconds"])
                    states = got["states"]
                    what = what or got["what"]
                if seconds:
                    medians[method] = statistics.median(seconds)
                    times[method] = f"{medians[method]:.2f}"
                else:
                    times[method] = f"> {args.timeout:.0f}"
                log(f"  {times[method]} s")
            ratio = ""
            if "search" in medians and "fast" in medians:
                ratio = f"{medians['search'] / medians['fast']:.0f}×"
            elif "search" in times and "fast" in medians:
                ratio = f"> {args.timeout / medians['fast']:.0f}×"
            rows.append(
                [model, f"{states:,}", case, what, times["fast"], times.get("search", ""), ratio]
            )
    head = ["model", "states", "analysis", "result", "fast (s)", "search (s)", "search / fast"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
