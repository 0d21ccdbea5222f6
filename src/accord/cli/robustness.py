"""The robustness command: how the equilibria change over the variants of uncertain preferences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from accord.cli._common import (
    FormatOpt,
    OutputFormat,
    OutputOpt,
    app,
    emit_report,
    err,
    fail,
    load,
)
from accord.errors import AccordError


@app.command()
def robustness(
    model: Annotated[Path, typer.Argument(help="Model file (.yaml, .yml, .json, .gmcr).")],
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            "-n",
            help="Variants to sample; when the model has at most this many, all are evaluated.",
        ),
    ] = 1000,
    seed: Annotated[
        int,
        typer.Option("--seed", "-s", help="Seed of the sample (the same seed, the same result)."),
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on a Dask cluster: its scheduler's address, tcp://HOST:PORT.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            help="Local worker processes (default: one per core; 1 runs in this process).",
        ),
    ] = None,
    concepts: Annotated[
        str, typer.Option("--concepts", "-c", help="Solution concepts, e.g. nash,gmr,smr,seq.")
    ] = "nash,gmr,smr,seq",
    extension: Annotated[
        str,
        typer.Option(
            "--extension",
            "-e",
            help="For unknown state pairs: extension a, b, c or d of each concept.",
        ),
    ] = "a",
    show: Annotated[
        int, typer.Option("--show", help="Hinging states listed per concept in a table.")
    ] = 15,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """How sure are the equilibria? Evaluate the variants the model's uncertainty defines.

    Per concept: the states that are an equilibrium in some variant, with share and 95 % interval.
    Which conclusions are robust, and which uncertain items swing the others most.
    --samples variants are drawn with --seed, or every variant is evaluated when there are fewer.
    Local processes by default, a Dask cluster with --scheduler: the same seed, the same result.
    Ctrl-C stops the run and prints what finished.
    """
    from accord.core.analysis.robustness.ensemble import check_plan
    from accord.runners import DaskRunner, LocalRunner, Runner, check_address, run_robustness

    try:
        check_plan(samples, seed)
        address = check_address(scheduler) if scheduler is not None else None
        if workers is not None and workers < 1:
            raise AccordError(f"the number of workers must be at least 1 (got {workers})")
    except AccordError as error:
        fail(error)
    if address is not None and workers is not None:
        err("note: --workers applies to local runs; the cluster's workers are used")
    conflict = load(model)
    from accord.io import format_of
    from accord.io._files import read_text
    from accord.reports import robustness as report

    runner: Runner = DaskRunner(address) if address is not None else LocalRunner(workers)
    try:
        with report.VariantProgress() as bar:
            result = run_robustness(
                read_text(model),
                format_of(model),
                samples=samples,
                seed=seed,
                concepts=concepts,
                extension=extension,
                runner=runner,
                progress=bar.update,
                conflict=conflict,
            )
    except AccordError as error:
        fail(error)
    emit_report(
        fmt,
        output,
        as_json=lambda: report.robustness_dict(result),
        as_markdown=lambda: report.robustness_markdown(result, show),
        as_text=lambda: "\n".join(report.robustness_lines(result, show)) + "\n",
    )
    record = result.record
    if record.partial:
        err(f"interrupted: the results cover {record.evaluated:,} of {record.planned:,} variants")
        raise typer.Exit(130)
