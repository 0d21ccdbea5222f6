"""Reading and writing files safely: bounded reads, atomic writes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from accord.errors import FormatError, Problem

__all__ = ["MAX_MODEL_BYTES", "atomic_write_chunks", "atomic_write_text", "read_text"]

#: The largest model file accord reads (a hand-written model is a few kilobytes).
MAX_MODEL_BYTES = 16 * 1024 * 1024


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_MODEL_BYTES) -> str:
    """Read a UTF-8 text file of at most ``max_bytes``.

    Raises
    ------
    FormatError
        When the file is missing, unreadable, too large, or not UTF-8 text.
    """
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise FormatError(
                [
                    Problem(
                        f"the file is {size:,} bytes; a model file may have at most "
                        f"{max_bytes:,} bytes",
                        file=name,
                    )
                ]
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise FormatError([Problem("no such file", file=name)]) from None
    except IsADirectoryError:
        raise FormatError([Problem("this is a directory, not a model file", file=name)]) from None
    except PermissionError:
        raise FormatError([Problem("permission denied", file=name)]) from None
    if len(data) > max_bytes:
        raise FormatError([Problem(f"the file has more than {max_bytes:,} bytes", file=name)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FormatError(
            [
                Problem(
                    f"the file must be UTF-8 text; byte {err.start} is not "
                    f"(0x{data[err.start]:02x})",
                    file=name,
                    line=line,
                )
            ]
        ) from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half."""
    atomic_write_chunks(path, [text])


def atomic_write_chunks(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write text given piece by piece; readers see the old file or the new, never half."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
