"""Run an analysis in a child process with a time limit, and long runs as jobs with progress.

Every model the web app reads is read and analysed in a child process started from a
*forkserver* that has accord's modules loaded, so a start costs a fork, not an import.  When
the time limit passes the child is killed and the request fails with a clear message; the
server itself never runs an analysis, so one runaway model cannot stall it.

A job (a robustness run) runs the same way but reports its progress through a pipe; a
thread of the server reads it, and the page polls the job.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from accord.errors import AccordError

__all__ = ["Failure", "Job", "Jobs", "TimeLimit", "run_limited", "warm_up"]

#: Modules the forkserver loads once, so each child starts with them in memory.
PRELOAD = ["accord.web.service", "accord.core.analysis.stability", "accord.io"]


class TimeLimit(AccordError):
    """The analysis did not finish within the time limit."""


@dataclass(frozen=True)
class Failure(Exception):
    """The child reported an error: an :class:`AccordError` (``kind == "input"``) or a bug."""

    kind: str
    message: str
    problems: list[dict[str, Any]]


_context: Any = None
_lock = threading.Lock()


def _ctx() -> Any:
    global _context
    with _lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                server = multiprocessing.get_context("forkserver")
                server.set_forkserver_preload(PRELOAD)
                _context = server
            else:  # Windows: each child imports accord itself
                _context = multiprocessing.get_context("spawn")
        return _context


def _call(conn: Connection, function: str, kwargs: dict[str, Any], progress: bool) -> None:
    """The child's work: call ``service.<function>(**kwargs)`` and send back what happened."""
    from accord.web import modeltext, service

    try:
        if progress:
            last = [0.0]

            def report(done: int, total: int) -> None:
                now = time.monotonic()
                if now - last[0] > 0.2 or done >= total:
                    last[0] = now
                    conn.send(("progress", done, total))

            kwargs = {**kwargs, "progress": report}
        result = getattr(service, function)(**kwargs)
        conn.send(("ok", result))
    except AccordError as error:
        message, problems = modeltext.error_json(error)
        conn.send(("input", message, problems))
    except MemoryError:
        conn.send(("input", "the analysis needs more memory than this server has", []))
    except BaseException as error:  # a bug: report it without a traceback
        conn.send(("bug", f"{type(error).__name__}: {error}", []))
    finally:
        conn.close()


def _start(function: str, kwargs: dict[str, Any], progress: bool) -> tuple[Any, Connection]:
    ctx = _ctx()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_call, args=(child, function, kwargs, progress), daemon=True)
    process.start()
    child.close()
    return process, parent


def _stop(process: Any) -> None:
    if process.is_alive():
        process.kill()
    process.join(5)


def _outcome(message: tuple[Any, ...]) -> Any:
    if message[0] == "ok":
        return message[1]
    raise Failure(message[0], message[1], message[2])


def run_limited(function: str, seconds: float, **kwargs: Any) -> Any:
    """``service.<function>(**kwargs)`` in a child process; at most ``seconds`` of wall time.

    Raises
    ------
    TimeLimit
        When the child did not answer in time (it is killed).
    Failure
        When the child reported an error.
    """
    process, conn = _start(function, kwargs, progress=False)
    try:
        if not conn.poll(seconds):
            raise TimeLimit(
                f"the analysis stopped at the time limit of {seconds:g} s; try a smaller "
                "model or fewer concepts here, or the command line, which has no limit"
            )
        try:
            message = conn.recv()
        except EOFError:
            raise Failure(
                "bug", "the analysis process ended without an answer (out of memory?)", []
            ) from None
        return _outcome(message)
    finally:
        conn.close()
        _stop(process)


@dataclass
class Job:
    """A long analysis running in a child process; ``status`` moves from running to an end."""

    id: str
    status: str = "running"
    done: int = 0
    total: int | None = None
    result: Any = None
    error: dict[str, Any] | None = None
    started: float = field(default_factory=time.monotonic)
    process: Any = None

    def public(self) -> dict[str, Any]:
        """What the page sees."""
        return {
            "id": self.id,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "result": self.result,
            "error": self.error,
        }


class Jobs:
    """The jobs of one server: started, polled, cancelled; finished ones kept a while."""

    def __init__(self, keep: int = 20) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def start(self, function: str, seconds: float, **kwargs: Any) -> Job:
        """Start ``service.<function>(progress=..., **kwargs)`` as a job with a time limit."""
        job = Job(uuid.uuid4().hex)
        process, conn = _start(function, kwargs, progress=True)
        job.process = process
        with self._lock:
            self._jobs[job.id] = job
            self._forget()
        threading.Thread(target=self._follow, args=(job, conn, seconds), daemon=True).start()
        return job

    def _follow(self, job: Job, conn: Connection, seconds: float) -> None:
        deadline = job.started + seconds
        try:
            while job.status == "running":
                left = deadline - time.monotonic()
                if left <= 0:
                    self._end(job, "failed", error=_limit(seconds, job))
                    break
                if not conn.poll(min(left, 0.5)):
                    continue
                try:
                    message = conn.recv()
                except EOFError:
                    if job.status == "running":
                        self._end(job, "failed", error={"message": "the run ended unexpectedly"})
                    break
                if message[0] == "progress":
                    job.done, job.total = int(message[1]), int(message[2])
                    continue
                try:
                    self._end(job, "done", result=_outcome(message))
                except Failure as failure:
                    error = {"message": failure.message, "problems": failure.problems}
                    self._end(job, "failed", error=error)
        finally:
            conn.close()
            _stop(job.process)

    def _end(self, job: Job, status: str, **values: Any) -> None:
        with self._lock:
            if job.status != "running":
                return
            for key, value in values.items():
                setattr(job, key, value)
            job.status = status

    def get(self, job_id: str) -> Job | None:
        """The job with this id, if the server still knows it."""
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        """Stop a running job (its child is killed); return it."""
        job = self.get(job_id)
        if job is not None:
            self._end(job, "cancelled")
            if job.process is not None and job.process.is_alive():
                job.process.kill()
        return job

    def _forget(self) -> None:
        ended = [j for j in self._jobs.values() if j.status != "running"]
        for job in ended[: max(0, len(ended) - self._keep)]:
            del self._jobs[job.id]

    def close(self) -> None:
        """Stop every running job."""
        for job in list(self._jobs.values()):
            self.cancel(job.id)


def _limit(seconds: float, job: Job) -> dict[str, Any]:
    of = f" after {job.done:,} of {job.total:,} variants" if job.total else ""
    return {
        "message": f"the run stopped at the time limit of {seconds:g} s{of}; ask for fewer "
        "samples, or use `accord robustness` on the command line, which has no limit",
        "problems": [],
    }


def warm_up() -> None:
    """Start the forkserver and one child now, so the first request does not wait for them."""
    run_limited("ping", 120.0)
