"""Model files: accord's native YAML/JSON format and GMCR+ ``.gmcr``, chosen by extension.

The four verbs follow networkx: ``parse_model(text)`` and ``read_model(path)`` build a
:class:`~accord.Conflict`; ``generate_model(conflict)`` and ``write_model(conflict, path)``
produce text or a file.  Native formats and ``.gmcr`` are both first-class.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from accord.core.model import Conflict
from accord.errors import FormatError, Problem

__all__ = ["FORMATS", "format_of", "generate_model", "parse_model", "read_model", "write_model"]

Format = Literal["yaml", "json", "gmcr"]
#: File extensions accord reads and writes, and the format of each.
FORMATS: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".gmcr": "gmcr"}


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format of a model file, from its extension.

    Raises
    ------
    FormatError
        For an extension accord does not know.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise FormatError(
            [
                Problem(
                    f"unknown model file type {suffix or '(no extension)'!r}: accord reads and "
                    "writes .yaml, .yml, .json (native) and .gmcr (GMCR+)",
                    file=str(path),
                )
            ]
        )
    return FORMATS[suffix]


def parse_model(text: str, *, format: Format = "yaml", filename: str | None = None) -> Conflict:
    """Build a conflict from the text of a model file in the given format."""
    if format == "gmcr":
        from accord.io.gmcr import parse_gmcr

        return parse_gmcr(text, filename=filename or "<gmcr>")
    from accord.io import native

    return native.parse_model(text, filename=filename or "<model>")


def read_model(path: str | os.PathLike[str]) -> Conflict:
    """Read a model file; the format follows from the extension."""
    fmt = format_of(path)
    if fmt == "gmcr":
        from accord.io.gmcr import read_gmcr

        return read_gmcr(path)
    from accord.io import native

    return native.read_model(path)


def generate_model(conflict: Conflict, format: Format = "yaml") -> str:
    """The text of ``conflict`` in the given format."""
    if format == "gmcr":
        from accord.io.gmcr import generate_gmcr

        return generate_gmcr(conflict)
    from accord.io import native

    return native.generate_model(conflict, format=format)


def write_model(conflict: Conflict, path: str | os.PathLike[str]) -> None:
    """Write ``conflict`` to ``path`` atomically, in the format its extension names."""
    from accord.io._files import atomic_write_text

    atomic_write_text(path, generate_model(conflict, format_of(path)))
