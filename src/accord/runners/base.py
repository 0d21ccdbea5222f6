"""The one interface every runner offers: run tasks, stream results, stop cleanly.

A *runner* evaluates independent tasks — calls of one top-level, picklable function — in
some set of workers, and hands back each task's result as soon as it completes, tagged with
the task's position.  :func:`run_tasks` drives any runner: it stores each result, tells the
caller, and on ``KeyboardInterrupt`` (Ctrl-C, or raised by the caller's callback) cancels
what has not started, waits for nothing more, and returns what finished.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, Self

from accord.errors import AccordError

__all__ = ["Outcome", "Runner", "RunnerError", "Stream", "Task", "run_tasks"]

#: One task: the positional arguments of the function.
Task = tuple[Any, ...]
#: What :meth:`Runner.stream` returns: ``(position, result)`` pairs as tasks complete.
Stream = Generator[tuple[int, Any], None, None]


class RunnerError(AccordError, RuntimeError):
    """A runner cannot run: a bad scheduler address, an unreachable or empty cluster, or
    workers that run another version of accord."""


class Runner(ABC):
    """Where tasks run: start it (``with runner:``), stream tasks through it, close it."""

    #: ``"local"`` or ``"dask"``.
    kind: ClassVar[str]

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:  # noqa: B027 - runners without set-up need not override it
        """Acquire the workers (a pool, a connection); a no-op when there is nothing to do."""

    def close(self) -> None:  # noqa: B027 - runners without set-up need not override it
        """Release what :meth:`start` acquired."""

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many tasks can run at once (after :meth:`start`)."""

    @property
    def address(self) -> str | None:
        """The scheduler's address, for runners that have one."""
        return None

    @abstractmethod
    def stream(self, fn: Callable[..., Any], tasks: Sequence[Task]) -> Stream:
        """Run ``fn(*task)`` for every task; yield ``(position, result)`` as each completes.

        Closing the generator early (or an exception inside it) cancels the tasks that have
        not started.
        """


@dataclass
class Outcome:
    """What :func:`run_tasks` brings back: each finished task's result, by position."""

    results: dict[int, Any] = field(default_factory=dict)
    interrupted: bool = False


def run_tasks(
    runner: Runner,
    fn: Callable[..., Any],
    tasks: Sequence[Task],
    on_result: Callable[[int, Any], None] | None = None,
) -> Outcome:
    """Run every task on a started runner, in completion order.

    Parameters
    ----------
    runner
        A started runner.
    fn
        A top-level function (picklable by reference).
    tasks
        The arguments of each call.
    on_result
        Called with ``(position, result)`` after each result is stored; it may raise
        ``KeyboardInterrupt`` to stop the run.

    Returns
    -------
    Outcome
        The results that finished, and whether the run was interrupted.
    """
    outcome = Outcome()
    stream = runner.stream(fn, tasks)
    try:
        for position, result in stream:
            outcome.results[position] = result
            if on_result is not None:
                on_result(position, result)
    except KeyboardInterrupt:
        outcome.interrupted = True
    finally:
        stream.close()  # cancels what has not started
    return outcome
