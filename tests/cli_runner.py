"""Drive the command line in tests: exit code, standard output and standard error."""

from __future__ import annotations

import pytest

from accord.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run ``accord ARGS`` in-process and return (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
