"""A progress line on stderr for the slow phases of a command; silent unless it is a terminal.

The command line wraps each phase of its work (reading the model, computing payoffs, each
solution concept, writing the output) in :meth:`Progress.phase`.  A phase that ends within
``delay`` seconds shows nothing; a longer one shows a spinner with its name after ``delay``
seconds and, when it ends, a line with its duration.  Nothing at all is printed unless the
console is a terminal, so pipes, files and tests stay clean.  The core never imports this
module: it knows nothing of terminals.

Examples
--------
>>> progress = Progress()
>>> with progress.phase("computing payoffs"):
...     pass
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.live import Live

__all__ = ["DELAY", "Progress"]

#: Seconds a phase runs before the progress line appears.
DELAY = 1.0


class _Shown:
    """One running phase: whether it ended, and its spinner once shown."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.done = False
        self.live: Live | None = None


class Progress:
    """Spinner lines on stderr for phases that take longer than ``delay`` seconds.

    Parameters
    ----------
    console
        Where to draw; by default a rich console on stderr, created on first use.
    enabled
        Force drawing on or off; by default only when the console (or stderr) is a terminal.
    delay
        Seconds a phase runs silently before its line appears.
    """

    def __init__(
        self,
        *,
        console: Console | None = None,
        enabled: bool | None = None,
        delay: float = DELAY,
    ) -> None:
        if enabled is None:
            enabled = console.is_terminal if console is not None else _stderr_is_terminal()
        self.enabled = enabled
        self.delay = delay
        self._console = console
        self._lock = threading.Lock()
        self._depth = 0

    def _get_console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    @contextmanager
    def phase(self, label: str, *, show: bool = True) -> Iterator[None]:
        """Run the body as the phase ``label``, shown if it lasts longer than the delay.

        ``show=False`` keeps this phase silent (e.g. while the results are printed to the
        same terminal).  Phases inside a phase are silent: only the outermost is shown.
        """
        if not self.enabled or not show or self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        shown = _Shown(label)
        start = time.perf_counter()
        timer = threading.Timer(self.delay, self._show, args=(shown,))
        timer.daemon = True
        self._depth += 1
        timer.start()
        try:
            yield
        finally:
            self._depth -= 1
            timer.cancel()
            with self._lock:
                shown.done = True
                live = shown.live
            if live is not None:
                live.stop()
                elapsed = time.perf_counter() - start
                self._get_console().print(
                    f"[dim]{_escape(label)}: {elapsed:.1f} s[/dim]", highlight=False
                )

    def _show(self, shown: _Shown) -> None:
        """Start the spinner (on the timer's thread) unless the phase already ended."""
        with self._lock:
            if shown.done:
                return
            from rich.live import Live
            from rich.spinner import Spinner

            # Standard output is left alone: it may carry the results to a pipe or file.
            live = Live(
                Spinner("dots", f"{_escape(shown.label)}…"),
                console=self._get_console(),
                transient=True,
                refresh_per_second=12.5,
                redirect_stdout=False,
            )
            live.start()
            shown.live = live


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
