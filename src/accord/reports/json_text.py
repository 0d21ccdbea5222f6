"""JSON documents as text: indented for reading when small, one line per top-level key when
large (indenting megabytes takes the pure-Python encoder and several times the space)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["PRETTY_LIMIT", "json_text"]

#: Documents up to this many characters (written compactly) are indented throughout.
PRETTY_LIMIT = 200_000


def json_text(doc: Any) -> str:
    """``doc`` as JSON text ending in a newline (see the module docstring)."""
    compact = json.dumps(doc, ensure_ascii=False)
    if len(compact) <= PRETTY_LIMIT:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if not isinstance(doc, dict) or not doc:
        return compact + "\n"
    lines = [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in doc.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"
