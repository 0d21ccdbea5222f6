"""Tasks on a Dask distributed cluster: the same tasks and function as on this machine.

The cluster is reached through its scheduler's address (``tcp://HOST:PORT``).  Tasks carry
everything they need (the model travels as text), so the workers read nothing from their
own disks; they need the same version of accord and its dependencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from accord.runners.base import Runner, RunnerError, Stream, Task

__all__ = ["CONNECT_TIMEOUT", "DaskRunner", "check_address"]

#: Seconds to wait for the scheduler to answer, and then for a first worker.
CONNECT_TIMEOUT = 5.0

_ADDRESS = re.compile(
    r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(?P<port>\d+)$"
)


def check_address(address: str) -> str:
    """A scheduler address as ``tcp://HOST:PORT`` (``HOST:PORT`` alone means TCP).

    Raises
    ------
    RunnerError
        When the address is not of that form or the port is out of range.

    Examples
    --------
    >>> check_address("10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    """
    text = address.strip()
    found = _ADDRESS.match(text)
    if found is None or found["scheme"] not in (None, "tcp", "tls"):
        raise RunnerError(
            f"a scheduler address is written tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786 "
            f"(got {address!r})"
        )
    port = int(found["port"])
    if not 0 < port < 65536:
        raise RunnerError(f"the scheduler's port must be between 1 and 65535 (got {port})")
    return f"{found['scheme'] or 'tcp'}://{found['host']}:{port}"


class DaskRunner(Runner):
    """Run tasks on the workers of a Dask distributed cluster.

    Parameters
    ----------
    address
        The scheduler's address, ``tcp://HOST:PORT``.
    client
        An existing ``distributed.Client`` to use instead (it is not closed at the end).
    timeout
        Seconds to wait for the scheduler, and then for at least one worker (by default
        :data:`CONNECT_TIMEOUT`).

    Raises
    ------
    RunnerError
        On :meth:`start`, when the address is malformed, the scheduler does not answer
        within ``timeout`` or no worker joins it.
    """

    kind = "dask"

    def __init__(
        self,
        address: str | None = None,
        *,
        client: Any = None,
        timeout: float | None = None,
    ) -> None:
        if (address is None) == (client is None):
            raise ValueError("give either a scheduler address or a client")
        self._address = check_address(address) if address is not None else None
        self._client: Any = client
        self._own = client is None
        self.timeout = CONNECT_TIMEOUT if timeout is None else timeout

    @property
    def client(self) -> Any:
        """The connected client (after :meth:`start`)."""
        if self._client is None:
            raise RunnerError("the Dask runner is not started")
        return self._client

    @property
    def address(self) -> str | None:
        """The scheduler's address."""
        if self._address is None and self._client is not None:
            return str(self._client.scheduler.address)
        return self._address

    def start(self) -> None:
        """Connect to the scheduler and wait for a worker."""
        if self._client is None:
            try:
                import importlib

                distributed: Any = importlib.import_module("distributed")
            except ImportError as error:  # pragma: no cover - depends on the installation
                raise RunnerError(
                    "running on a Dask cluster needs the distributed package: "
                    'pip install "dask[distributed]"'
                ) from error
            try:
                self._client = distributed.Client(
                    self._address, timeout=self.timeout, set_as_default=False
                )
            except (OSError, TimeoutError) as error:
                raise RunnerError(
                    f"cannot reach the Dask scheduler at {self._address} within "
                    f"{self.timeout:g} s; is `dask scheduler` running there, and is its port "
                    "open to this machine?"
                ) from error
        try:
            self.client.wait_for_workers(1, timeout=self.timeout)
        except (OSError, TimeoutError) as error:
            self.close()
            raise RunnerError(
                f"the Dask scheduler at {self.address} has no workers; start some with "
                f"`dask worker {self.address}`"
            ) from error

    def close(self) -> None:
        """Disconnect (an existing client passed in stays open)."""
        if self._client is not None and self._own:
            self._client.close(timeout=self.timeout)
            self._client = None

    @property
    def workers(self) -> int:
        """How many tasks the cluster runs at once: its workers' threads."""
        info = self.client.scheduler_info(n_workers=-1)["workers"]
        return max(1, sum(int(w.get("nthreads", 1)) for w in info.values()))

    def worker_addresses(self) -> list[str]:
        """The addresses of the cluster's workers."""
        return sorted(self.client.scheduler_info(n_workers=-1)["workers"])

    def stream(self, fn: Callable[..., Any], tasks: Sequence[Task]) -> Stream:
        """Submit every task; yield ``(position, result)`` as each completes."""
        import importlib

        as_completed: Any = importlib.import_module("distributed").as_completed
        client = self.client
        futures = [client.submit(fn, *task, pure=False) for task in tasks]
        position = {future.key: k for k, future in enumerate(futures)}
        try:
            for future in as_completed(futures, loop=client.loop):
                yield position[future.key], future.result()
        finally:
            client.cancel([f for f in futures if not f.done()])
