"""Option identifiers derived from the free-text names found in other programs' files."""

from __future__ import annotations

import re
from collections import Counter

from accord.core.language.parser import RESERVED_WORDS

__all__ = ["to_identifier", "unique_identifiers"]

_NOT_IDENTIFIER = re.compile(r"[^a-z0-9_]+")


def to_identifier(text: str) -> str:
    """Turn free text into an option identifier.

    The text is lower-cased, every run of characters other than ``a-z``, ``0-9`` and ``_``
    becomes one ``_``, and leading and trailing ``_`` are dropped.  A result that is empty or
    starts with a digit gets the prefix ``o_``; a reserved word of the condition language gets
    a trailing ``_``.

    Parameters
    ----------
    text
        The name as written, e.g. ``"Air Strike"``.

    Returns
    -------
    str
        An identifier accepted by :func:`accord.core.language.is_identifier`.

    Examples
    --------
    >>> to_identifier("Air Strike")
    'air_strike'
    >>> to_identifier("Cease-fire!")
    'cease_fire'
    >>> to_identifier("2nd round")
    'o_2nd_round'
    >>> to_identifier("If")
    'if_'
    """
    ident = _NOT_IDENTIFIER.sub("_", text.lower()).strip("_")
    if not ident or ident[0].isdigit():
        ident = "o_" + ident
    if ident in RESERVED_WORDS:
        ident += "_"
    return ident


def unique_identifiers(items: list[tuple[str, str]]) -> list[str]:
    """Identifiers for options given as ``(decision maker, option text)`` pairs, all distinct.

    Each option gets :func:`to_identifier` of its text.  Options whose identifiers would
    collide are qualified by their decision maker instead (``US Support`` and ``Full`` give
    ``us_support_full``).  Any identifier still used more than once keeps its first use;
    later uses get ``_2``, ``_3``, … (the first suffix not already taken).

    Parameters
    ----------
    items
        ``(dm_name, option_text)`` pairs, in the order the identifiers are wanted.

    Returns
    -------
    list of str
        One identifier per pair, in the same order.

    Examples
    --------
    >>> unique_identifiers([("US Support", "Full"), ("IJC", "Full"), ("IJC", "Lonetree")])
    ['us_support_full', 'ijc_full', 'lonetree']
    """
    plain = [to_identifier(text) for _, text in items]
    counts = Counter(plain)
    wanted = [
        to_identifier(f"{dm} {text}") if counts[ident] > 1 else ident
        for (dm, text), ident in zip(items, plain, strict=True)
    ]
    taken = set(wanted)
    seen: set[str] = set()
    out: list[str] = []
    for ident in wanted:
        if ident in seen:
            k = 2
            while f"{ident}_{k}" in taken:
                k += 1
            ident = f"{ident}_{k}"
            taken.add(ident)
        seen.add(ident)
        out.append(ident)
    return out
