"""A whole robustness run: plan the variants, cut them into tasks, run them, aggregate.

The steps, whatever the runner:

1. read the model's variant space and plan the variants (all of them when there are at
   most ``samples``, else ``samples`` drawn with ``seed``);
2. time the engine on the first few variants — here for a local run, so that a forked pool
   inherits the prepared engine; as the first task on a cluster — and choose a batch size
   (:func:`~accord.core.analysis.robustness.ensemble.batch_size`);
3. cut the plan into contiguous batches and run :func:`~accord.runners.batch.run_batch` on
   each, through the runner, as results stream back;
4. put each batch's answers at its variants' positions and aggregate in plan order.

A variant drawn several times is evaluated once (its answers are copied to each draw).

The result therefore depends on the model, the seed, the samples and the concepts only —
not on the runner, the number of workers, the batch size or the order in which tasks end.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord.core.analysis.robustness.aggregate import Robustness, RunRecord, aggregate
from accord.core.analysis.robustness.ensemble import (
    BatchResult,
    batch_size,
    batches,
    check_plan,
    evaluate_batch,
    plan_variants,
)
from accord.core.stability import DEFAULT_CONCEPTS, parse_concepts
from accord.errors import AnalysisError
from accord.runners.base import Runner, RunnerError, run_tasks
from accord.runners.batch import prepared, run_batch

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["NO_UNCERTAINTY", "PROBE", "WARM", "run_robustness"]

#: The message for a model with nothing to vary.
NO_UNCERTAINTY = "the model declares no uncertainty: nothing to vary"
#: The engine is timed on this many variants, after ...
PROBE = 16
#: ... this many that fill its memos: the first variants of a run cost about twice the
#: later ones, and timing them alone would make tasks too short.
WARM = 32

Progress = Callable[[int, int], None]


def run_robustness(
    model_text: str,
    model_format: str = "yaml",
    *,
    samples: int,
    seed: int,
    concepts: str | Sequence[str] = DEFAULT_CONCEPTS,
    extension: str = "a",
    runner: Runner | None = None,
    progress: Progress | None = None,
    conflict: Conflict | None = None,
) -> Robustness:
    """How the equilibria of a model change over the variants of its uncertain preferences.

    Parameters
    ----------
    model_text, model_format
        The model file's text and its format (``yaml``, ``json`` or ``gmcr``): the text is
        what travels to the workers.
    samples
        How many variants to sample; when the model has at most this many, all of them are
        evaluated with their probabilities instead.
    seed
        The seed of the sample (0 or more).
    concepts
        Solution concepts, as for :func:`~accord.core.analysis.stability.analyze`.
    extension
        For unknown state pairs: the extension ``a``–``d`` of each concept.
    runner
        Where the variants are evaluated; by default one worker, in this process.  The run
        starts and closes it.
    progress
        Called with (variants finished, variants planned) as results arrive; it may raise
        ``KeyboardInterrupt`` to stop the run.
    conflict
        The model already parsed from ``model_text`` (saves parsing it again here).

    Returns
    -------
    Robustness
        Per concept, the states that are an equilibrium in some variant, with shares,
        intervals and the items they hinge on.  When the run is interrupted (Ctrl-C), the
        result covers the variants that finished and ``record.partial`` is true.

    Raises
    ------
    AnalysisError
        For samples below 1, a negative seed, an unknown concept or extension, or a model
        that declares no uncertainty.
    RunnerError
        When the runner cannot start, or its workers run another version of accord.
    """
    from accord import __version__
    from accord.core.analysis.robustness.engine import unknown_pairs
    from accord.core.analysis.robustness.variants import variant_space
    from accord.core.results import model_hash
    from accord.core.stability.unknown import check_extension

    started = time.perf_counter()
    names = parse_concepts(concepts if isinstance(concepts, str) else list(concepts))
    ext = check_extension(extension)
    check_plan(samples, seed)
    if conflict is None:
        conflict = _parse(model_text, model_format)
    space = variant_space(conflict)
    if not space.items and not unknown_pairs(conflict):
        raise AnalysisError(NO_UNCERTAINTY)
    plan = plan_variants(space, samples, seed)
    n = len(plan)
    runner = runner if runner is not None else _in_process()

    # Each distinct variant is evaluated once: a sample draws many twice, and evaluating a
    # repeat elsewhere would only repeat work.  Tasks take the distinct variants in order of
    # first appearance; the answers are copied back to every variant before counting.
    distinct, first_seen, back = np.unique(
        plan.choices, axis=0, return_index=True, return_inverse=True
    )[:3]
    order = np.argsort(first_seen, kind="stable")
    distinct = distinct[order]
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    back = rank[np.asarray(back).reshape(-1)]
    copies = np.bincount(back, minlength=len(distinct))
    m = len(distinct)

    width = (len(conflict.states) + 7) // 8
    packed = {c: np.zeros((m, width), dtype=np.uint8) for c in names}
    done = np.zeros(m, dtype=bool)
    tally: Counter[str] = Counter()
    spent = {"engine": 0.0, "setup": 0.0, "variants": 0}

    def choice(k: int) -> tuple[int, ...]:
        return tuple(int(v) for v in distinct[k])

    def task(piece: range) -> tuple[object, ...]:
        return (model_text, model_format, [choice(k) for k in piece], names, ext)

    def keep(piece: range, result: BatchResult) -> None:
        if result.accord_version != __version__:
            raise RunnerError(
                f"worker {result.worker} runs accord {result.accord_version or '?'}, this "
                f"machine {__version__}: install the same version everywhere"
            )
        for c in names:
            packed[c][piece.start : piece.stop] = result.equilibria[c]
        done[piece.start : piece.stop] = True
        tally[result.worker] += 1
        spent["engine"] += result.seconds
        spent["setup"] += result.setup_seconds
        spent["variants"] += int(copies[piece.start : piece.stop].sum())
        if progress is not None:
            progress(int(spent["variants"]), n)

    # Time the engine on the first variants.  A local run does it here, before the pool
    # starts, so that forked workers inherit the prepared engine; a cluster runs them as its
    # first task, whose answers count like any other's.
    here = runner.kind == "local"
    first = range(min(m, WARM + PROBE))
    seconds_per_variant = 0.0
    if here:
        engine, _ = prepared(model_text, model_format, ext, conflict)
        warm = evaluate_batch(engine, [choice(k) for k in first[:WARM]], names)
        timed = first[WARM:]
        if timed:
            probe = evaluate_batch(engine, [choice(k) for k in timed], names)
            seconds_per_variant = probe.seconds / len(timed)
        else:
            seconds_per_variant = warm.seconds / len(first)
    interrupted = False
    pieces: list[range] = []
    with runner:
        if progress is not None:
            progress(0, n)
        if not here:
            outcome = run_tasks(runner, run_batch, [task(first)], lambda _, r: keep(first, r))
            interrupted = outcome.interrupted
            if 0 in outcome.results:
                seconds_per_variant = outcome.results[0].seconds / len(first)
            pieces.append(first)
        rest = m - (0 if here else len(first))
        size = batch_size(seconds_per_variant, rest, runner.workers)
        more = [range(r.start + m - rest, r.stop + m - rest) for r in batches(rest, size)]
        pieces += more
        if not interrupted and more:
            outcome = run_tasks(
                runner,
                run_batch,
                [task(piece) for piece in more],
                lambda position, r: keep(more[position], r),
            )
            interrupted = outcome.interrupted
        kind, address = runner.kind, runner.address
    variant_done = done[back]
    record = RunRecord(
        model_hash=model_hash(conflict),
        accord_version=__version__,
        seed=seed,
        samples=samples,
        enumerated=plan.enumerated,
        space_size=plan.space_size,
        planned=n,
        evaluated=int(variant_done.sum()),
        distinct=int(done.sum()),
        concepts=names,
        extension=ext,
        runner=kind,
        scheduler=address,
        workers=dict(sorted(tally.items())),
        tasks=len(pieces),
        batch_size=size,
        seconds=time.perf_counter() - started,
        engine_seconds=spent["engine"],
        setup_seconds=spent["setup"],
        seconds_per_variant=seconds_per_variant,
        partial=interrupted or not bool(done.all()),
    )
    every = {c: rows[back] for c, rows in packed.items()}
    return aggregate(conflict, space.items, plan, every, variant_done, record)


def _parse(model_text: str, model_format: str) -> Conflict:
    import warnings

    from accord.io import parse_model

    with warnings.catch_warnings():  # a caller that wants them reads the model itself
        warnings.simplefilter("ignore")
        return parse_model(model_text, format=model_format)  # type: ignore[arg-type]


def _in_process() -> Runner:
    from accord.runners.local import LocalRunner

    return LocalRunner(workers=1)
