"""Anchoring: does the place an evidence item cites still hold what it recorded?

An evidence item cites a source by a quote (with its character span and block number) or,
for a paraphrase, by a block number alone.  Source texts change (a correction, an added
paragraph, a reflowed line), so each item is checked against the text the user supplies and
given one status, without guessing:

``anchored``
    the recorded span still holds the quote exactly;
``moved``
    the span does not hold it (or no span was recorded), but the quote occurs exactly once
    in the text, possibly with different whitespace: the new span and block are reported;
``orphaned``
    the quote no longer occurs, or occurs more than once so the place is ambiguous (no
    occurrence is picked), or the cited block does not exist;
``paragraph``
    a paraphrase without a quote, citing a block that exists;
``judgement``
    no source: the analyst's judgement;
``unchecked``
    the source text was not supplied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from accord.core.provenance import Evidence
from accord.evidence.text import Block, block_at, blocks, normalise_newlines, quote_occurrences

__all__ = [
    "ANCHOR_STATUSES",
    "MAX_QUOTE_WORDS",
    "AnchorStatus",
    "Anchoring",
    "Finding",
    "anchor",
]

AnchorStatus = Literal["anchored", "moved", "orphaned", "paragraph", "judgement", "unchecked"]

#: Every anchoring status, from the best kept to the least checked.
ANCHOR_STATUSES: tuple[AnchorStatus, ...] = (
    "anchored",
    "moved",
    "orphaned",
    "paragraph",
    "judgement",
    "unchecked",
)

#: The longest quote, in words, that the project's evidence may carry.
MAX_QUOTE_WORDS = 12

#: At most this many places of an ambiguous quote are named in its detail.
_SHOWN_PLACES = 5


@dataclass(frozen=True)
class Finding:
    """Something suspect about an evidence item that does not change its status.

    Parameters
    ----------
    code
        ``long_quote`` (more than :data:`MAX_QUOTE_WORDS` words), ``paragraph_mismatch``
        (the recorded block is not where the quote is), ``span_without_quote`` (a span that
        nothing can check), ``no_place`` (a source cited without a block or a quote) or, from
        :func:`accord.evidence.review`, ``source_changed`` (a paraphrase of a block of a
        source whose hash no longer matches).
    message
        The finding in a sentence.
    severity
        Always ``"warning"``: the item is kept and listed.
    """

    code: str
    message: str
    severity: Literal["warning"] = "warning"


@dataclass(frozen=True)
class Anchoring:
    """Where an evidence item stands against its source text.

    Parameters
    ----------
    status
        One of :data:`ANCHOR_STATUSES` (see the module docstring).
    span
        Offsets ``(start, end)`` of the quote in the text when it was found (``anchored``,
        ``moved``); otherwise ``None``.
    block
        The block holding the quote (``anchored``, ``moved``) or the block cited by a
        paraphrase (``paragraph``); otherwise ``None``.
    reason
        For ``orphaned``: ``missing`` (the quote does not occur), ``ambiguous`` (it occurs
        more than once) or ``no_block`` (the cited block does not exist); otherwise ``""``.
    occurrences
        How many times the quote occurs in the text, runs of whitespace counting as equal
        (0 when no text was searched).
    reflowed
        Whether the quote was found only by treating runs of whitespace as equal.
    detail
        The status in a sentence, for a reader.
    findings
        Warnings that leave the status as it is.
    """

    status: AnchorStatus
    span: tuple[int, int] | None = None
    block: int | None = None
    reason: str = ""
    occurrences: int = 0
    reflowed: bool = False
    detail: str = ""
    findings: tuple[Finding, ...] = ()


def _quote_findings(ev: Evidence) -> list[Finding]:
    out: list[Finding] = []
    n = len(ev.quote.split())
    if n > MAX_QUOTE_WORDS:
        out.append(
            Finding(
                "long_quote",
                f"the quote has {n} words; quote at most {MAX_QUOTE_WORDS} and paraphrase the rest",
            )
        )
    if ev.span is not None and not ev.quote.strip():
        out.append(
            Finding(
                "span_without_quote",
                "a span is recorded without a quote, so nothing can check it; add the quote",
            )
        )
    return out


def _blocks_in(places: Sequence[tuple[int, int]], found: Sequence[Block]) -> str:
    numbers = []
    for start, _ in places:
        block = block_at(found, start)
        if block is not None and block.number not in numbers:
            numbers.append(block.number)
    shown = ", ".join(str(n) for n in numbers[:_SHOWN_PLACES])
    more = "…" if len(numbers) > _SHOWN_PLACES else ""
    return f"block{'s' if len(numbers) > 1 else ''} {shown}{more}"


def anchor(
    evidence: Evidence, text: str | None, *, text_blocks: Sequence[Block] | None = None
) -> Anchoring:
    """Check one evidence item against the text of the source it cites.

    Parameters
    ----------
    evidence
        The item.
    text
        The cited source's text, or ``None`` when it was not supplied (the item is then
        ``unchecked``).  Line endings are normalised first; offsets refer to the result.
    text_blocks
        The blocks of ``text`` when already computed (as :func:`blocks` returns them).

    Returns
    -------
    Anchoring
        The status, where the quote is now, and any findings.

    Examples
    --------
    >>> text = "Headline\\n\\nThe talks resumed on Monday."
    >>> anchor(Evidence("A", "s1", 2, (10, 27), "The talks resumed"), text).status
    'anchored'
    >>> moved = anchor(Evidence("A", "s1", 2, (10, 27), "The talks resumed"), "New " + text)
    >>> moved.status, moved.span
    ('moved', (14, 31))
    """
    findings = _quote_findings(evidence)
    if not evidence.source:
        return Anchoring(
            "judgement", detail="an analyst's judgement (no source)", findings=tuple(findings)
        )
    if text is None:
        return Anchoring(
            "unchecked",
            detail=f"the text of source {evidence.source!r} was not supplied",
            findings=tuple(findings),
        )
    text = normalise_newlines(text)
    found = tuple(text_blocks) if text_blocks is not None else blocks(text)
    if not evidence.quote.strip():
        return _paraphrase(evidence, found, findings)
    return _quoted(evidence, text, found, findings)


def _paraphrase(ev: Evidence, found: Sequence[Block], findings: list[Finding]) -> Anchoring:
    if ev.paragraph is None:
        findings.append(
            Finding("no_place", "cites neither a block nor a quote; give at least the block")
        )
        return Anchoring(
            "paragraph", detail="cites the source as a whole", findings=tuple(findings)
        )
    if ev.paragraph > len(found):
        return Anchoring(
            "orphaned",
            reason="no_block",
            detail=f"block {ev.paragraph} does not exist: the text has {len(found)} block"
            + ("" if len(found) == 1 else "s"),
            findings=tuple(findings),
        )
    return Anchoring(
        "paragraph",
        block=ev.paragraph,
        detail=f"a paraphrase of block {ev.paragraph}",
        findings=tuple(findings),
    )


def _quoted(ev: Evidence, text: str, found: Sequence[Block], findings: list[Finding]) -> Anchoring:
    places = quote_occurrences(ev.quote, text)
    span = ev.span
    if span is not None and 0 <= span[0] <= span[1] <= len(text) and text[slice(*span)] == ev.quote:
        return _located(ev, "anchored", span, len(places), False, found, findings)
    if not places:
        return Anchoring(
            "orphaned",
            reason="missing",
            detail="the quote no longer occurs in the text",
            findings=tuple(findings),
        )
    if len(places) > 1:
        return Anchoring(
            "orphaned",
            reason="ambiguous",
            occurrences=len(places),
            detail=f"the quote occurs {len(places)} times ({_blocks_in(places, found)}); "
            "record the span of the one meant",
            findings=tuple(findings),
        )
    reflowed = text[slice(*places[0])] != ev.quote.strip()
    return _located(ev, "moved", places[0], 1, reflowed, found, findings)


def _located(
    ev: Evidence,
    status: AnchorStatus,
    span: tuple[int, int],
    occurrences: int,
    reflowed: bool,
    found: Sequence[Block],
    findings: list[Finding],
) -> Anchoring:
    holder = block_at(found, span[0])
    number = None if holder is None else holder.number
    if ev.paragraph is not None and number is not None and ev.paragraph != number:
        findings.append(
            Finding(
                "paragraph_mismatch",
                f"paragraph {ev.paragraph} is recorded, but the quote is in block {number}",
            )
        )
    where = f"[{span[0]}, {span[1]})" + ("" if number is None else f" in block {number}")
    if status == "anchored":
        detail = f"the quote is at {where}, as recorded"
    elif ev.span is None:
        detail = f"no span was recorded; the quote occurs once, at {where}"
    else:
        detail = f"the recorded span [{ev.span[0]}, {ev.span[1]}) no longer holds the quote; it is now at {where}"
    if reflowed:
        detail += " (with different whitespace)"
    return Anchoring(
        status,
        span=span,
        block=number,
        occurrences=occurrences,
        reflowed=reflowed,
        detail=detail,
        findings=tuple(findings),
    )
