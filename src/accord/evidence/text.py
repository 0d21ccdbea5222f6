"""Source texts: line endings, blocks numbered from 1, the content hash, finding quotes.

Every offset accord records or reports counts characters (Unicode code points, not bytes)
of the source text *after* its line endings are normalised to ``\\n``: a file saved with
Windows (``\\r\\n``) or old Macintosh (``\\r``) line endings reads the same as one saved
with ``\\n``.  Nothing else is normalised.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Block",
    "block_at",
    "blocks",
    "content_hash",
    "normalise_newlines",
    "quote_occurrences",
]


@dataclass(frozen=True)
class Block:
    """One block (paragraph) of a source text.

    Parameters
    ----------
    number
        The block's number, counted from 1 in reading order.
    start, end
        Character offsets ``[start, end)`` of the block in the normalised text: from the
        start of its first line to the end of its last line, the final line break excluded.
    """

    number: int
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        """The offsets ``(start, end)``."""
        return (self.start, self.end)


def normalise_newlines(text: str) -> str:
    """Return ``text`` with ``\\r\\n`` and lone ``\\r`` line endings replaced by ``\\n``.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    """The sha256 of a source text, as 64 lowercase hex digits.

    The hash is taken of the UTF-8 encoding of the text after :func:`normalise_newlines`,
    so it equals ``sha256sum`` of a file saved as UTF-8 with ``\\n`` line endings and no
    byte-order mark.

    Examples
    --------
    >>> content_hash("") == hashlib.sha256(b"").hexdigest()
    True
    >>> content_hash("a\\r\\nb") == content_hash("a\\nb")
    True
    """
    return hashlib.sha256(normalise_newlines(text).encode("utf-8")).hexdigest()


def blocks(text: str) -> tuple[Block, ...]:
    """The blocks of a text: runs of non-blank lines separated by one or more blank lines.

    A blank line is empty or holds only whitespace.  Blank lines before the first block and
    after the last one are ignored.  Offsets are in the text after
    :func:`normalise_newlines`.

    Parameters
    ----------
    text
        The source text.

    Returns
    -------
    tuple of Block
        In reading order, numbered from 1.

    Examples
    --------
    >>> [(b.number, b.span) for b in blocks("Title\\n\\nFirst line\\nsecond line\\n\\n\\nEnd\\n")]
    [(1, (0, 5)), (2, (7, 29)), (3, (32, 35))]
    """
    text = normalise_newlines(text)
    found: list[Block] = []
    start: int | None = None  # start of the block being read
    end = 0  # end of its last non-blank line
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            if start is None:
                start = offset
            end = offset + len(line)
        elif start is not None:
            found.append(Block(len(found) + 1, start, end))
            start = None
        offset += len(line) + 1
    if start is not None:
        found.append(Block(len(found) + 1, start, end))
    return tuple(found)


def block_at(found: Sequence[Block], offset: int) -> Block | None:
    """The block holding the character at ``offset``, or ``None`` (a blank line, or outside).

    Parameters
    ----------
    found
        The text's blocks, as :func:`blocks` returns them.
    offset
        A character offset in the normalised text.

    Examples
    --------
    >>> found = blocks("one\\n\\ntwo")
    >>> block_at(found, 5).number, block_at(found, 3)
    (2, None)
    """
    lo, hi = 0, len(found)
    while lo < hi:  # the first block ending after offset
        mid = (lo + hi) // 2
        if found[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(found) and found[lo].start <= offset:
        return found[lo]
    return None


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def quote_occurrences(quote: str, text: str) -> tuple[tuple[int, int], ...]:
    """Every place the quote occurs in ``text``, runs of whitespace counting as equal.

    Overlapping occurrences are all counted: ``"a a"`` occurs twice in ``"a a a"``.

    Parameters
    ----------
    quote
        The quote; its leading and trailing whitespace is ignored.
    text
        The normalised source text (see :func:`normalise_newlines`).

    Returns
    -------
    tuple of (int, int)
        The spans ``(start, end)``, in text order; empty for a blank quote.

    Examples
    --------
    >>> quote_occurrences("far away", "so far\\n  away, so far away")
    ((3, 13), (18, 26))
    """
    pattern = _pattern(quote)
    if pattern is None:
        return ()
    found: list[tuple[int, int]] = []
    match = pattern.search(text)
    while match is not None:
        found.append(match.span())
        match = pattern.search(text, match.start() + 1)
    return tuple(found)
