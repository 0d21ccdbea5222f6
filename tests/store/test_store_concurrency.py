"""Saves at the same moment never lose a revision: from many threads sharing a store, and
from many processes each with its own, on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.synchronize import Barrier

from accord.store import Store

THREADS = 8
PROCESSES = 4
SAVES = 10
#: The longest wait for the other workers, in seconds.
WAIT = 60


def assert_every_save_kept(store: Store, model_id: int, notes: set[str]) -> None:
    """Revisions 1..N exactly once each, and every note saved is among them."""
    revisions = store.revisions(model_id)
    numbers = [r.number for r in revisions]
    assert list(range(len(notes) + 1, 0, -1)) == numbers
    assert notes | {"first"} == {r.note for r in revisions}
    info = store.model(model_id)
    assert (len(notes) + 1, len(notes) + 1) == (info.latest, info.revisions)


def save_many(url: str, name: str, worker: int, opened: Barrier, ready: Barrier) -> None:
    """Open a store of one's own, then save ``SAVES`` revisions of the model ``name``.

    Every worker opens the workspace at about the same moment, before it exists, as web
    workers starting together would; the saves start together once the model exists.
    """
    with Store(url) as store:
        opened.wait(timeout=WAIT)
        ready.wait(timeout=WAIT)
        model = store.find(name)
        assert model is not None
        for k in range(SAVES):
            store.add_revision(model.id, f"text {worker}.{k}", "yaml", f"p{worker}-{k}")


def test_threads_saving_at_once_lose_nothing(database_url: str) -> None:
    with Store(database_url) as store:
        model, _ = store.create_model("Busy threads", "text", "yaml", "first")
        start = threading.Barrier(THREADS)
        failures: list[BaseException] = []

        def save(worker: int) -> None:
            try:
                start.wait(timeout=WAIT)
                for k in range(SAVES):
                    store.add_revision(model.id, f"text {worker}.{k}", "yaml", f"t{worker}-{k}")
            except BaseException as exc:  # reported below, in the test's own thread
                failures.append(exc)

        threads = [threading.Thread(target=save, args=(w,)) for w in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=WAIT)

        assert [] == failures
        expected = {f"t{w}-{k}" for w in range(THREADS) for k in range(SAVES)}
        assert_every_save_kept(store, model.id, expected)
        assert 81 == store.model(model.id).latest


def test_processes_saving_at_once_lose_nothing(database_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    opened, ready = context.Barrier(PROCESSES + 1), context.Barrier(PROCESSES + 1)
    name = "Busy processes"
    workers = [
        context.Process(target=save_many, args=(database_url, name, w, opened, ready))
        for w in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    try:
        opened.wait(timeout=WAIT)
        with Store(database_url) as store:
            model, _ = store.create_model(name, "text", "yaml", "first")
        ready.wait(timeout=WAIT)
    except BaseException:
        opened.abort()  # release the workers at once rather than at their timeout
        ready.abort()
        raise
    finally:
        for worker in workers:
            worker.join(timeout=WAIT)
            if worker.is_alive():
                worker.kill()
                worker.join(timeout=5)

    assert [0] * PROCESSES == [w.exitcode for w in workers]
    with Store(database_url) as store:
        expected = {f"p{w}-{k}" for w in range(PROCESSES) for k in range(SAVES)}
        assert_every_save_kept(store, model.id, expected)
