"""Source texts: blocks numbered from 1, line endings, and the content hash."""

from __future__ import annotations

import hashlib

import pytest

from accord.evidence import block_at, blocks, content_hash, normalise_newlines

TEXT = "Harbour News\n\nPort talks stall\n\nThe cooperative spoke.\nThe council replied.\n"


def _texts(text: str) -> list[str]:
    return [text[b.start : b.end] for b in blocks(text)]


def test_blocks_are_numbered_from_one_with_their_spans() -> None:
    found = blocks(TEXT)
    assert [1, 2, 3] == [b.number for b in found]
    assert [
        "Harbour News",
        "Port talks stall",
        "The cooperative spoke.\nThe council replied.",
    ] == _texts(TEXT)
    assert (TEXT.index("Port"), TEXT.index("Port") + len("Port talks stall")) == found[1].span


def test_several_blank_lines_and_whitespace_only_lines_separate_one_block() -> None:
    text = "\n\n  \none\n \t \n\n\ntwo\nthree\n\n\n"
    assert ["one", "two\nthree"] == _texts(text)


def test_text_without_blocks() -> None:
    assert () == blocks("")
    assert () == blocks("\n  \n\t\n")


def test_last_block_without_a_final_line_break() -> None:
    assert ["a", "b c"] == _texts("a\n\nb c")


def test_windows_line_endings_give_the_same_blocks_as_unix_ones() -> None:
    windows = TEXT.replace("\n", "\r\n")
    assert blocks(TEXT) == blocks(windows)
    assert TEXT == normalise_newlines(windows)
    assert "a\nb\n" == normalise_newlines("a\rb\r")


def test_block_at_offsets() -> None:
    found = blocks(TEXT)
    assert 1 == block_at(found, 0).number  # type: ignore[union-attr]
    assert block_at(found, len("Harbour News")) is None  # the line break after block 1
    assert 3 == block_at(found, TEXT.index("council")).number  # type: ignore[union-attr]
    assert block_at(found, len(TEXT) + 5) is None


@pytest.mark.parametrize("text", ["", TEXT, "é ü — 漢字\n\nlast"])
def test_content_hash_is_the_sha256_of_the_utf8_text(text: str) -> None:
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == content_hash(text)


def test_content_hash_ignores_line_endings_only() -> None:
    assert content_hash(TEXT) == content_hash(TEXT.replace("\n", "\r\n"))
    assert content_hash(TEXT) != content_hash(TEXT.replace("stall", "stalls"))
    assert content_hash(TEXT) != content_hash(TEXT + " ")
