"""The ``accord`` command line: a thin layer that reads input, calls the library, prints.

Exit codes: 0 success; 1 the user's input is wrong (every problem is printed, located);
2 an internal error (a short "this is a bug" message; the traceback only with ``--debug``).
Each topic's commands live in their own module and register on one app.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from accord.cli._common import app, err, fail, state
from accord.errors import AccordError

__all__ = ["app", "main", "run"]

# Every public module of this package holds commands, which register on import; the
# order of the first ones is the order of `accord --help`, any later module follows.
_ORDER = ("models", "stability", "movement", "inverse", "leverage")
for _name in (
    *_ORDER,
    *sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in _ORDER),
):
    if not _name.startswith("_"):
        importlib.import_module(f"{__name__}.{_name}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (used by the ``accord`` script)."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        args = ["--help"]
    try:
        result = app(args=args, prog_name="accord", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        err("aborted")
        return 130
    except typer.TyperException as error:  # usage errors: the user's input is wrong
        err(f"usage error: {error.format_message()}")
        err("run 'accord --help' for the commands and their options")
        return 1
    except AccordError as error:
        try:
            fail(error)
        except typer.Exit as done:
            return int(done.exit_code)
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except Exception:
        if state["debug"] or "--debug" in args:
            raise
        err(
            "internal error: this is a bug in accord, not a problem with your input. "
            "Run the same command with --debug for the traceback and report it."
        )
        return 2
    return result if isinstance(result, int) else 0


def run() -> None:  # pragma: no cover - console entry point
    """Entry point of the ``accord`` script."""
    sys.exit(main())
