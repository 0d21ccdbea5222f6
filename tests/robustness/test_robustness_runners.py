"""Runners: the same result whatever runs the variants; Ctrl-C keeps what finished.

One Dask ``LocalCluster`` (two worker processes) serves every Dask test of this module.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from accord.core.analysis.robustness.aggregate import Robustness
from accord.runners import (
    DaskRunner,
    LocalRunner,
    Runner,
    RunnerError,
    run_robustness,
    run_tasks,
)
from accord.runners.base import Stream, Task

FERRY = Path(__file__).with_name("ferry.yaml")
TEXT = FERRY.read_text(encoding="utf-8")


def conclusions(result: Robustness) -> dict[str, Any]:
    """Everything a result concludes (not how or where it ran)."""
    r = result.record
    return {
        "states": dict(result.states),
        "what": (r.seed, r.samples, r.enumerated, r.space_size, r.planned, r.evaluated),
    }


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. a port already in use: Dask picks another
        cluster = distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = distributed.Client(cluster, set_as_default=False)
    yield client
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def sampled_in_process() -> Robustness:
    return run_robustness(TEXT, "yaml", samples=24, seed=11, runner=LocalRunner(1))


def test_one_local_process_runs_in_this_process(sampled_in_process: Robustness) -> None:
    import os

    record = sampled_in_process.record
    assert {f"process {os.getpid()}": record.tasks} == dict(record.workers)
    assert not record.enumerated
    assert 24 == record.evaluated
    assert not record.partial


def test_two_local_processes_give_the_same_result(sampled_in_process: Robustness) -> None:
    import os

    pooled = run_robustness(TEXT, "yaml", samples=24, seed=11, runner=LocalRunner(2))
    assert conclusions(sampled_in_process) == conclusions(pooled)
    workers = pooled.record.workers
    assert f"process {os.getpid()}" not in workers
    assert pooled.record.tasks == sum(workers.values())
    assert pooled.record.tasks >= 8  # at least four tasks per worker


def test_dask_workers_give_the_same_result(cluster: Any, sampled_in_process: Robustness) -> None:
    on_cluster = run_robustness(
        TEXT, "yaml", samples=24, seed=11, runner=DaskRunner(client=cluster)
    )
    assert conclusions(sampled_in_process) == conclusions(on_cluster)
    record = on_cluster.record
    assert "dask" == record.runner
    assert record.scheduler == cluster.scheduler.address
    # The tasks ran on the cluster's workers, and every task is counted once.
    assert set(record.workers) <= set(cluster.scheduler_info(n_workers=-1)["workers"])
    assert record.tasks == sum(record.workers.values())


def test_dask_and_local_agree_on_a_whole_enumeration(cluster: Any) -> None:
    here = run_robustness(TEXT, "yaml", samples=100, seed=0, runner=LocalRunner(1))
    there = run_robustness(TEXT, "yaml", samples=100, seed=0, runner=DaskRunner(client=cluster))
    assert here.record.enumerated
    assert conclusions(here) == conclusions(there)


def test_a_dask_runner_reaches_the_cluster_by_address(cluster: Any) -> None:
    address = cluster.scheduler.address
    runner = DaskRunner(address)
    with runner:
        assert 2 == runner.workers
        assert sorted(cluster.scheduler_info(n_workers=-1)["workers"]) == runner.worker_addresses()
        outcome = run_tasks(runner, divmod, [(7, 2), (9, 4), (1, 1)])
    assert {0: (3, 1), 1: (2, 1), 2: (1, 0)} == outcome.results


def test_an_unreachable_scheduler_fails_quickly() -> None:
    import time

    pytest.importorskip("distributed")
    start = time.perf_counter()
    with pytest.raises(RunnerError, match="cannot reach the Dask scheduler"):
        DaskRunner("tcp://127.0.0.1:9", timeout=1).start()
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("address", ["localhost", "http://host:8786", "tcp://host:99999", "a b:1"])
def test_bad_scheduler_addresses(address: str) -> None:
    with pytest.raises(RunnerError, match="scheduler"):
        DaskRunner(address)


def test_sampling_approaches_the_enumeration() -> None:
    exact = run_robustness(TEXT, "yaml", samples=32, seed=0)
    sampled = run_robustness(TEXT, "yaml", samples=31, seed=5)
    drawn = run_robustness(TEXT, "yaml", samples=3000, seed=5)
    assert exact.record.enumerated
    assert not sampled.record.enumerated
    for concept in exact.concepts:
        shares = {s.state: s.share for s in exact.states[concept]}
        for s in drawn.states[concept]:
            assert abs(shares.get(s.state, 0.0) - s.share) < 0.05, (concept, s.state)
            # the exact share lies in the sample's interval (widened a little for rare misses)
            assert s.low - 0.02 <= shares.get(s.state, 0.0) <= s.high + 0.02


# -- Ctrl-C ------------------------------------------------------------------------------------
def test_ctrl_c_in_the_progress_callback_keeps_what_finished() -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > 0:
            raise KeyboardInterrupt

    result = run_robustness(
        TEXT, "yaml", samples=32, seed=0, runner=LocalRunner(2), progress=progress
    )
    record = result.record
    assert record.partial
    assert 0 < record.evaluated < record.planned
    assert seen[-1] == record.evaluated
    assert record.tasks > sum(record.workers.values())
    # the shares cover the finished variants; the enumeration's bounds cover the rest
    for row in result.states["seq"]:
        assert row.variants == record.evaluated
        assert row.low <= row.share <= row.high


class _StubRunner(Runner):
    """Runs tasks here, in order, and is interrupted after ``stop_after`` results."""

    kind = "local"

    def __init__(self, stop_after: int) -> None:
        self.stop_after = stop_after
        self.closed = False
        self.cancelled = False

    @property
    def workers(self) -> int:
        return 2

    def close(self) -> None:
        self.closed = True

    def stream(self, fn: Callable[..., Any], tasks: Sequence[Task]) -> Stream:
        try:
            for position, task in enumerate(tasks):
                if position == self.stop_after:
                    raise KeyboardInterrupt
                yield position, fn(*task)
        finally:
            self.cancelled = True


def test_ctrl_c_inside_a_runner_returns_partial_results() -> None:
    runner = _StubRunner(stop_after=3)
    result = run_robustness(TEXT, "yaml", samples=20, seed=4, runner=runner)
    assert runner.closed
    assert runner.cancelled
    assert result.record.partial
    assert 3 * result.record.batch_size == result.record.distinct
    assert result.record.distinct <= result.record.evaluated < result.record.planned


def test_run_tasks_closes_the_stream_when_the_callback_stops_it() -> None:
    runner = _StubRunner(stop_after=99)

    def stop(position: int, result: Any) -> None:
        raise KeyboardInterrupt

    with runner:
        outcome = run_tasks(runner, divmod, [(7, 2), (9, 4)], stop)
    assert outcome.interrupted
    assert {0: (3, 1)} == outcome.results
    assert runner.cancelled
