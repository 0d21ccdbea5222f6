"""Evidence listings: a rich table for a terminal, Markdown, and a JSON-ready dict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from accord.core.model import Conflict
    from accord.evidence import (
        Anchoring,
        CoverageStatus,
        ElementReview,
        EvidenceReview,
        SourceCheck,
        Support,
    )

__all__ = [
    "MAX_COVERAGE_WARNINGS",
    "SCHEMA",
    "coverage_warnings",
    "evidence_dict",
    "evidence_markdown",
    "evidence_table",
    "summary_lines",
]

#: The name and version of the JSON layout (documented in docs/results-schema.md).
SCHEMA = "accord-evidence/1"

_STYLES = {
    "anchored": "green",
    "moved": "yellow",
    "orphaned": "bold red",
    "paragraph": "cyan",
    "judgement": "magenta",
    "unchecked": "dim",
}

_COVERAGE_WORDS: dict[CoverageStatus, str] = {
    "evidence": "with evidence",
    "judgement": "with only a judgement note",
    "none": "with neither evidence nor a judgement note",
}


def _title(review: EvidenceReview) -> str:
    c = review.conflict
    return c.metadata.title or c.name


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def summary_lines(review: EvidenceReview) -> list[str]:
    """Counts in sentences: elements by coverage, items by anchoring, warnings."""
    cov = review.coverage_counts()
    n = len(review.elements)
    lines = [
        f"{_plural(n, 'element')}: "
        + ", ".join(f"{cov[k]:,} {words}" for k, words in _COVERAGE_WORDS.items())
        + "."
    ]
    items = review.support
    if items:
        shown = ", ".join(f"{v:,} {k}" for k, v in review.anchoring_counts().items() if v)
        lines.append(f"{_plural(len(items), 'evidence item')}: {shown}.")
    else:
        lines.append("No evidence items.")
    if review.findings:
        lines.append(f"{_plural(review.findings, 'warning')} about the items (see above).")
    return lines


def _source_name(check: SourceCheck, files: Mapping[str, str]) -> str:
    s = check.source
    name = s.id + (f" — {s.title}" if s.title else "")
    if s.id in files:
        name += f" ({files[s.id]})"
    return name


def _place(support: Support) -> str:
    """Where the item points: the recorded block, and where the quote is found if elsewhere."""
    ev, a = support.evidence, support.anchoring
    recorded = "" if ev.paragraph is None else str(ev.paragraph)
    if a.block is not None and a.block != ev.paragraph:
        return f"{recorded}→{a.block}" if recorded else f"→{a.block}"
    return recorded


def _cites(support: Support) -> str:
    """The source and block on one line, the claim on the next."""
    ev = support.evidence
    place = _place(support)
    head = (ev.source or "judgement") + (f", block {place}" if place else "")
    return head + (f"\n{ev.claim}" if ev.claim else "")


def _cited(support: Support) -> str:
    """The quote in quotation marks, then the note; or the note alone."""
    ev = support.evidence
    parts = []
    if ev.quote.strip():
        parts.append(f"“{' '.join(ev.quote.split())}”")
    if ev.note.strip():
        parts.append(ev.note.strip())
    return " — ".join(parts)


def _status_text(a: Anchoring) -> str:
    return "\n".join([a.detail, *(f"warning: {f.message}" for f in a.findings)])


def _missing(entry: ElementReview) -> str:
    if entry.support:
        return "no evidence; its judgement items have no note"
    return "no evidence and no judgement note"


def evidence_table(
    review: EvidenceReview, files: Mapping[str, str] | None = None
) -> RenderableType:
    """The sources, each element with its support, and the counts, for a terminal.

    Parameters
    ----------
    review
        The checked evidence.
    files
        Source id → the file its text was read from, shown beside the source.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    files = files or {}
    parts: list[RenderableType] = []
    if review.sources:
        sources = Table(title=f"{_title(review)}: sources")
        sources.add_column("source")
        sources.add_column("blocks", justify="right")
        sources.add_column("text")
        for check in review.sources:
            style = "bold red" if check.status == "changed" else None
            sources.add_row(
                Text(_source_name(check, files)),
                "" if check.blocks is None else str(check.blocks),
                Text(check.words, style=style or ""),
            )
        parts.append(sources)
    table = Table(
        title=f"{_title(review)}: evidence per element",
        caption="block: as recorded, →where the quote is found when that differs",
    )
    table.add_column("element", overflow="fold")
    table.add_column("source, block, claim")
    table.add_column("quote or paraphrase")
    table.add_column("anchoring")
    for entry in review.elements:
        if entry.coverage == "none":
            table.add_row(
                Text(entry.element, style="bold"), "", Text(_missing(entry), style="bold red"), ""
            )
        for k, s in enumerate(entry.support):
            first = k == 0 and entry.coverage != "none"
            table.add_row(
                Text(entry.element if first else "", style="bold"),
                Text(_cites(s)),
                Text(_cited(s)),
                Text(
                    s.anchoring.status + "\n" + _status_text(s.anchoring),
                    style=_STYLES[s.anchoring.status],
                ),
            )
    parts += [table, Text("\n".join(summary_lines(review)))]
    return Group(*parts)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def evidence_markdown(review: EvidenceReview, files: Mapping[str, str] | None = None) -> str:
    """The listing in Markdown: the sources, one table row per item, and the counts."""
    files = files or {}
    out = [f"## {_title(review)}: evidence", ""]
    if review.sources:
        out += ["| source | blocks | text |", "|---|---:|---|"]
        for check in review.sources:
            blocks = "" if check.blocks is None else str(check.blocks)
            words = f"**{check.words}**" if check.status == "changed" else check.words
            out.append(_row([_cell(_source_name(check, files)), blocks, words]))
        out.append("")
    out += [
        "| element | source | block | claim | quote or paraphrase | anchoring |",
        "|---|---|---:|---|---|---|",
    ]
    for entry in review.elements:
        element = f"`{entry.element}`"
        if entry.coverage == "none":
            out.append(_row([element, "", "", "", f"**{_missing(entry)}**", ""]))
        for s in entry.support:
            a = s.anchoring
            status = "<br>".join(
                [f"**{a.status}**: {_cell(a.detail)}"]
                + [f"warning: {_cell(f.message)}" for f in a.findings]
            )
            ev = s.evidence
            out.append(
                _row(
                    [
                        element,
                        _cell(ev.source or "judgement"),
                        _place(s),
                        _cell(ev.claim),
                        _cell(_cited(s)),
                        status,
                    ]
                )
            )
    out += ["", *(f"- {line}" for line in summary_lines(review))]
    return "\n".join(out) + "\n"


def _anchoring_dict(a: Anchoring) -> dict[str, Any]:
    return {
        "status": a.status,
        "span": None if a.span is None else list(a.span),
        "block": a.block,
        "reason": a.reason or None,
        "occurrences": a.occurrences,
        "reflowed": a.reflowed,
        "detail": a.detail,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message} for f in a.findings
        ],
    }


def _support_dict(s: Support) -> dict[str, Any]:
    ev = s.evidence
    return {
        "index": s.index,
        "about": ev.about,
        "source": ev.source or None,
        "claim": ev.claim or None,
        "paragraph": ev.paragraph,
        "span": None if ev.span is None else list(ev.span),
        "quote": ev.quote,
        "note": ev.note,
        "added_by": ev.added_by,
        "anchoring": _anchoring_dict(s.anchoring),
    }


def _source_dict(check: SourceCheck, files: Mapping[str, str]) -> dict[str, Any]:
    s = check.source
    return {
        "id": s.id,
        "title": s.title,
        "outlet": s.outlet,
        "published": None if s.published is None else s.published.isoformat(),
        "url": s.url,
        "file": files.get(s.id),
        "sha256": {
            "status": check.status,
            "recorded": s.sha256.strip().lower() or None,
            "actual": check.actual or None,
        },
        "blocks": check.blocks,
    }


def evidence_dict(review: EvidenceReview, files: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The listing as a JSON-ready dict (``accord-evidence/1``, in docs/results-schema.md)."""
    from accord import __version__
    from accord.core.results import model_hash

    files = files or {}
    return {
        "format": SCHEMA,
        "accord": __version__,
        "model": review.conflict.name,
        "sources": [_source_dict(c, files) for c in review.sources],
        "elements": [
            {
                "element": e.element,
                "coverage": e.coverage,
                "evidence": [_support_dict(s) for s in e.support],
            }
            for e in review.elements
        ],
        "summary": {
            "elements": len(review.elements),
            "coverage": review.coverage_counts(),
            "uncovered": list(review.uncovered),
            "items": len(review.support),
            "anchoring": review.anchoring_counts(),
            "warnings": review.findings,
        },
        "provenance": {
            "model_hash": model_hash(review.conflict),
            "accord_version": __version__,
            "parameters": {"sources": dict(files)},
        },
    }


#: ``accord check`` names at most this many elements without evidence, then gives a count.
MAX_COVERAGE_WARNINGS = 20


def coverage_warnings(conflict: Conflict, filename: str) -> list[str]:
    """The warnings ``accord check`` prints about elements without evidence or a judgement note.

    One line per such element (at most :data:`MAX_COVERAGE_WARNINGS`, then a count); a model
    without any evidence item (an imported file, a published case) gets one summary line.
    """
    from accord.evidence import coverage

    uncovered = coverage(conflict).uncovered
    if not uncovered:
        return []
    pointer = f"'accord evidence {filename}' lists them"
    if not conflict.evidence:
        n = len(uncovered)
        return [
            f"{filename}: warning: no element has evidence "
            f"({n} element{'' if n == 1 else 's'}); {pointer}"
        ]
    lines = [
        f"{filename}: warning: {entry.element} has no evidence and no judgement note"
        for entry in uncovered[:MAX_COVERAGE_WARNINGS]
    ]
    more = len(uncovered) - MAX_COVERAGE_WARNINGS
    if more > 0:
        lines.append(
            f"{filename}: warning: … and {more} more element{'' if more == 1 else 's'} "
            f"without evidence or a judgement note; {pointer}"
        )
    return lines
