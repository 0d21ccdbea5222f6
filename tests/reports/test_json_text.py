"""Large JSON documents are written one top-level key per line; small ones indented."""

from __future__ import annotations

import json

from accord.reports.json_text import PRETTY_LIMIT, json_text


def test_small_documents_are_indented() -> None:
    doc = {"a": [1, 2], "b": {"c": "é"}}
    text = json_text(doc)
    assert json.dumps(doc, indent=2, ensure_ascii=False) + "\n" == text
    assert doc == json.loads(text)


def test_large_documents_keep_their_content_one_key_per_line() -> None:
    doc = {"format": "x", "rows": [{"id": k, "name": f"état {k}"} for k in range(20_000)]}
    assert len(json.dumps(doc)) > PRETTY_LIMIT
    text = json_text(doc)
    assert doc == json.loads(text)
    assert 4 == len(text.splitlines())  # {, "format", "rows", }
    assert "état" in text  # not escaped


def test_large_lists_are_written_compactly() -> None:
    doc = list(range(100_000))
    assert doc == json.loads(json_text(doc))
    assert 1 == len(json_text(doc).splitlines())
