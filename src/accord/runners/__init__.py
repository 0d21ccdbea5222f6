"""Where ensembles run: in this process, a local process pool, or a Dask cluster.

Every runner offers one interface (:class:`Runner`): start it, stream tasks through it —
results come back as tasks complete — and close it; :func:`run_tasks` stops cleanly on
Ctrl-C and returns what finished.  :func:`run_robustness` runs a whole robustness analysis
on any runner, with the same result for the same seed.

Importing this package loads neither a process pool nor Dask: :class:`LocalRunner` and
:class:`DaskRunner` import them when started.
"""

from __future__ import annotations

from accord.runners.base import Outcome, Runner, RunnerError, run_tasks
from accord.runners.batch import run_batch
from accord.runners.dask import DaskRunner, check_address
from accord.runners.local import LocalRunner
from accord.runners.robustness import NO_UNCERTAINTY, run_robustness

__all__ = [
    "NO_UNCERTAINTY",
    "DaskRunner",
    "LocalRunner",
    "Outcome",
    "Runner",
    "RunnerError",
    "check_address",
    "run_batch",
    "run_robustness",
    "run_tasks",
]
