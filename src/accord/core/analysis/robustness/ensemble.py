"""An ensemble of variants: which ones to evaluate, in batches, and the compact answers.

A run evaluates either *every* variant of a model, with its probability, when there are at
most as many as the samples asked for, or ``samples`` variants drawn with a seed.  Either
way the variants form one ordered :class:`Plan`; a run splits the plan into contiguous
batches, evaluates each batch wherever it likes (one process, a pool, a cluster) and puts
the answers back in plan order, so the result never depends on where or in which order the
batches ran.

A batch's answers are packed: per concept, one row of bits over the states per variant
(:class:`BatchResult`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from accord._types import BoolArray, IntArray
from accord.errors import AnalysisError

if TYPE_CHECKING:
    from accord.core.analysis.robustness.engine import VariantEngine

__all__ = [
    "TARGET_TASK_SECONDS",
    "TASKS_PER_WORKER",
    "BatchResult",
    "Plan",
    "batch_size",
    "batches",
    "check_plan",
    "evaluate_batch",
    "plan_variants",
]

#: A task should take about this long, so that the runner's own cost per task stays small.
TARGET_TASK_SECONDS = 0.5
#: ... but there should be at least this many tasks per worker, to balance the load.
TASKS_PER_WORKER = 4


class PlannedSpace(Protocol):
    """What a plan needs of a variant space."""

    @property
    def size(self) -> int:
        """The number of variants."""
        ...  # pragma: no cover - protocol

    def enumerate(self) -> Any:
        """Every variant ``(choice, probability)``."""
        ...  # pragma: no cover - protocol

    def sample(self, n: int, seed: int) -> IntArray:
        """``n`` variants drawn with ``seed``, one row each."""
        ...  # pragma: no cover - protocol


@dataclass(frozen=True, eq=False)
class Plan:
    """The variants a run evaluates, in order.

    Attributes
    ----------
    choices
        One row per variant: the value of each uncertain item.
    weights
        The probability of each variant when the space was enumerated (they sum to 1);
        ``1 / n`` each when it was sampled.
    enumerated
        Whether every variant of the space is in the plan.
    samples, seed
        What was asked for.
    space_size
        How many variants the space has.
    """

    choices: IntArray
    weights: NDArray[np.float64]
    enumerated: bool
    samples: int
    seed: int
    space_size: int

    def __len__(self) -> int:
        return int(self.choices.shape[0])

    def choice(self, k: int) -> tuple[int, ...]:
        """Variant ``k``'s choice as a tuple of ints."""
        return tuple(int(v) for v in self.choices[k])


def check_plan(samples: int, seed: int) -> None:
    """Check a sample size and seed.

    Raises
    ------
    AnalysisError
        When ``samples`` is below 1 or ``seed`` below 0.
    """
    if samples < 1:
        raise AnalysisError(f"the number of samples must be at least 1 (got {samples})")
    if seed < 0:
        raise AnalysisError(f"the seed must be 0 or more (got {seed})")


def plan_variants(space: PlannedSpace, samples: int, seed: int) -> Plan:
    """Every variant when there are at most ``samples`` of them, else ``samples`` drawn.

    Raises
    ------
    AnalysisError
        When ``samples`` is below 1 or ``seed`` below 0.
    """
    check_plan(samples, seed)
    size = int(space.size)
    if size <= samples:
        pairs = list(space.enumerate())
        width = len(pairs[0][0]) if pairs else 0
        choices = np.array([c for c, _ in pairs], dtype=np.int64).reshape(len(pairs), width)
        weights = np.array([p for _, p in pairs], dtype=np.float64)
        return Plan(choices, weights, True, samples, seed, size)
    choices = np.asarray(space.sample(samples, seed), dtype=np.int64)
    weights = np.full(samples, 1.0 / samples)
    return Plan(choices, weights, False, samples, seed, size)


def batch_size(seconds_per_variant: float, variants: int, workers: int) -> int:
    """How many variants one task evaluates.

    Enough that a task takes about :data:`TARGET_TASK_SECONDS`, but few enough that each
    worker gets at least :data:`TASKS_PER_WORKER` tasks (when there are that many variants).

    Examples
    --------
    >>> batch_size(0.004, 10_000, 2)  # 125 variants take half a second
    125
    >>> batch_size(0.004, 400, 2)  # 8 tasks of 50, not 4 of 125
    50
    """
    per_task = math.ceil(TARGET_TASK_SECONDS / max(seconds_per_variant, 1e-6))
    spread = math.ceil(variants / max(1, workers * TASKS_PER_WORKER))
    return max(1, min(per_task, spread))


def batches(n: int, size: int) -> list[range]:
    """``range(n)`` cut into consecutive pieces of ``size`` (the last may be shorter)."""
    return [range(start, min(n, start + size)) for start in range(0, n, size)]


@dataclass(frozen=True, eq=False)
class BatchResult:
    """The equilibria of a batch of variants, packed, and where and how fast they were found.

    Attributes
    ----------
    equilibria
        Per concept, an array of shape ``(variants, ceil(states / 8))``: row ``r`` holds the
        bits of the equilibria of the batch's variant ``r`` (``numpy.packbits`` order).
    n_states
        The number of states, to unpack.
    worker
        Who evaluated the batch: a Dask worker's address, or ``process <pid>``.
    seconds
        Time spent evaluating the variants.
    setup_seconds
        Time spent reading the model and preparing the engine in this call (0 when the
        process had them already).
    accord_version
        The version of accord that evaluated the batch.
    """

    equilibria: Mapping[str, NDArray[np.uint8]]
    n_states: int
    worker: str
    seconds: float
    setup_seconds: float = 0.0
    accord_version: str = ""
    memo_hits: int = field(default=0)

    def __len__(self) -> int:
        first = next(iter(self.equilibria.values()), None)
        return 0 if first is None else int(first.shape[0])

    def unpack(self, concept: str) -> BoolArray:
        """The equilibria under ``concept``: one row of booleans per variant."""
        packed = self.equilibria[concept]
        out: BoolArray = np.unpackbits(packed, axis=1, count=self.n_states).astype(bool)
        return out


def evaluate_batch(
    engine: VariantEngine,
    choices: Sequence[Sequence[int]],
    concepts: Sequence[str],
    *,
    worker: str = "",
    setup_seconds: float = 0.0,
) -> BatchResult:
    """The equilibria of each variant in ``choices``, packed into a :class:`BatchResult`."""
    from accord import __version__

    start = time.perf_counter()
    hits = engine.memo_hits
    n = engine.n_states
    width = (n + 7) // 8
    packed = {c: np.zeros((len(choices), width), dtype=np.uint8) for c in concepts}
    for r, choice in enumerate(choices):
        found = engine.equilibria(tuple(int(v) for v in choice), concepts)
        for c in concepts:
            packed[c][r] = np.packbits(found[c])
    return BatchResult(
        packed,
        n,
        worker,
        time.perf_counter() - start,
        setup_seconds,
        __version__,
        engine.memo_hits - hits,
    )
