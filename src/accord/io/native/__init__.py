"""accord's native model files: YAML, or JSON, in the layout of ``docs/file-format.md``.

Reading reports every problem of a file at once, each located at its line and column and
explained in plain words; writing produces canonical YAML (or JSON) that reads back to an
equal model.

Modules: :mod:`.loader` reads text into data with the position of every key and value
(:mod:`.positions`), explaining syntax errors (:mod:`.syntax`); :mod:`.schema` is the file
layout, checked by :mod:`.explain`; :mod:`.locate` points the problems found at the file;
:mod:`.reader` and :mod:`.writer` hold the public functions.
"""

from __future__ import annotations

from accord.io.native.reader import parse_model, read_model
from accord.io.native.schema import FORMAT_VERSION
from accord.io.native.writer import generate_model, write_model

__all__ = ["FORMAT_VERSION", "generate_model", "parse_model", "read_model", "write_model"]
