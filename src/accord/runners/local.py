"""Tasks on this machine: in this process (one worker) or a pool of worker processes."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from accord.runners.base import Runner, Stream, Task

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["LocalRunner"]


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the main process, which cancels the run cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalRunner(Runner):
    """Run tasks in a pool of ``workers`` processes on this machine (in this process for 1).

    Parameters
    ----------
    workers
        How many processes; by default as many as the machine has cores.  With 1 the tasks
        run one after another in this process, without a pool.

    Examples
    --------
    >>> from accord.runners import LocalRunner, run_tasks
    >>> with LocalRunner(workers=1) as runner:
    ...     run_tasks(runner, divmod, [(7, 2), (9, 4)]).results
    {0: (3, 1), 1: (2, 1)}
    """

    kind = "local"

    def __init__(self, workers: int | None = None) -> None:
        count = (os.cpu_count() or 1) if workers is None else workers
        if count < 1:
            from accord.errors import AnalysisError

            raise AnalysisError(f"the number of workers must be at least 1 (got {count})")
        self._workers = count
        self._pool: ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        """How many processes run tasks."""
        return self._workers

    def start(self) -> None:
        """Start the pool (nothing to start for one worker)."""
        if self._workers > 1 and self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self._workers, initializer=_ignore_interrupts
            )

    def close(self) -> None:
        """Stop the pool, cancelling what has not started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def stream(self, fn: Callable[..., Any], tasks: Sequence[Task]) -> Stream:
        """Run every task; yield ``(position, result)`` as each completes."""
        if self._pool is None:
            for position, task in enumerate(tasks):
                yield position, fn(*task)
            return
        from concurrent.futures import as_completed

        pending: dict[Future[Any], int] = {
            self._pool.submit(fn, *task): position for position, task in enumerate(tasks)
        }
        try:
            for future in as_completed(pending):
                yield pending[future], future.result()
        finally:
            for future in pending:
                future.cancel()  # those not started; running ones finish on their own
