"""The evidence of a whole model: its sources' hashes, and each element with its anchored support."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from accord.core.provenance import Evidence, Source
from accord.evidence.anchor import ANCHOR_STATUSES, Anchoring, AnchorStatus, Finding, anchor
from accord.evidence.coverage import CoverageStatus, coverage
from accord.evidence.text import Block, blocks, content_hash, normalise_newlines

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "HASH_STATUSES",
    "ElementReview",
    "EvidenceReview",
    "HashStatus",
    "SourceCheck",
    "Support",
    "check_source",
    "review",
]

HashStatus = Literal["unchanged", "changed", "no_hash", "unchecked"]

#: Every result of comparing a source's recorded hash with its supplied text.
HASH_STATUSES: tuple[HashStatus, ...] = ("unchanged", "changed", "no_hash", "unchecked")

_HASH_WORDS: dict[HashStatus, str] = {
    "unchanged": "unchanged",
    "changed": "changed since the model was written",
    "no_hash": "no hash recorded",
    "unchecked": "text not supplied",
}


@dataclass(frozen=True)
class SourceCheck:
    """A source, and whether the text supplied for it is the text the model was written from.

    Parameters
    ----------
    source
        The source as the model records it.
    status
        ``unchanged`` (the recorded sha256 equals the text's), ``changed`` (it does not),
        ``no_hash`` (none recorded) or ``unchecked`` (no text supplied).
    actual
        The sha256 of the supplied text (:func:`accord.evidence.text.content_hash`), or
        ``""`` when no text was supplied.
    blocks
        How many blocks the supplied text has, or ``None``.
    """

    source: Source
    status: HashStatus
    actual: str = ""
    blocks: int | None = None

    @property
    def words(self) -> str:
        """The status for a reader: ``changed since the model was written`` ..."""
        return _HASH_WORDS[self.status]


def check_source(source: Source, text: str | None) -> SourceCheck:
    """Compare a source's recorded sha256 with the hash of the text supplied for it.

    The recorded hash is compared without regard to case or surrounding spaces.

    Examples
    --------
    >>> check_source(Source("s1", sha256=content_hash("text")), "text").status
    'unchanged'
    >>> check_source(Source("s1", sha256=content_hash("text")), "text, corrected").words
    'changed since the model was written'
    >>> check_source(Source("s1"), "text").status, check_source(Source("s1"), None).status
    ('no_hash', 'unchecked')
    """
    if text is None:
        return SourceCheck(source, "unchecked")
    actual = content_hash(text)
    n = len(blocks(text))
    recorded = source.sha256.strip().lower()
    if not recorded:
        return SourceCheck(source, "no_hash", actual, n)
    return SourceCheck(source, "unchanged" if recorded == actual else "changed", actual, n)


@dataclass(frozen=True)
class Support:
    """One evidence item about an element, and how it anchors in its source's text.

    Parameters
    ----------
    index
        The item's position in ``conflict.evidence`` (from 0).
    evidence
        The item.
    anchoring
        Its anchoring status against the supplied text.
    """

    index: int
    evidence: Evidence
    anchoring: Anchoring


@dataclass(frozen=True)
class ElementReview:
    """One element of the model with every item that supports it.

    Parameters
    ----------
    element
        The element, as :func:`accord.core.validate.element_refs` names it.
    coverage
        ``evidence``, ``judgement`` or ``none`` (see :mod:`accord.evidence.coverage`).
    support
        Its items, in model order.
    """

    element: str
    coverage: CoverageStatus
    support: tuple[Support, ...]


@dataclass(frozen=True)
class EvidenceReview:
    """The evidence of a model checked against the source texts supplied.

    Parameters
    ----------
    conflict
        The model.
    sources
        One check per source of the model, in model order.
    elements
        One entry per element, in the order of :func:`accord.core.validate.element_refs`.
    """

    conflict: Conflict
    sources: tuple[SourceCheck, ...]
    elements: tuple[ElementReview, ...]

    @property
    def uncovered(self) -> tuple[str, ...]:
        """The elements with neither evidence nor a judgement note."""
        return tuple(e.element for e in self.elements if e.coverage == "none")

    def coverage_counts(self) -> dict[CoverageStatus, int]:
        """Elements per coverage status: ``evidence``, ``judgement``, ``none``."""
        out: dict[CoverageStatus, int] = {"evidence": 0, "judgement": 0, "none": 0}
        for e in self.elements:
            out[e.coverage] += 1
        return out

    def anchoring_counts(self) -> dict[AnchorStatus, int]:
        """Evidence items per anchoring status, every status listed (0 when unused)."""
        out: dict[AnchorStatus, int] = dict.fromkeys(ANCHOR_STATUSES, 0)
        for s in self.support:
            out[s.anchoring.status] += 1
        return out

    @property
    def support(self) -> tuple[Support, ...]:
        """Every evidence item about an element, in model order."""
        return tuple(sorted((s for e in self.elements for s in e.support), key=lambda s: s.index))

    @property
    def findings(self) -> int:
        """How many warnings the items carry."""
        return sum(len(s.anchoring.findings) for s in self.support)


def review(conflict: Conflict, texts: Mapping[str, str]) -> EvidenceReview:
    """Check a model's evidence against the source texts supplied.

    Parameters
    ----------
    conflict
        The model.
    texts
        Source id → the text of that source.  Sources without a text are ``unchecked``.

    Returns
    -------
    EvidenceReview
        The hash check of every source, and every element with its anchored support.

    Raises
    ------
    ModelError
        When ``texts`` names a source the model does not have.
    """
    ids = [s.id for s in conflict.sources]
    unknown = [k for k in texts if k not in ids]
    if unknown:
        from accord.core.validate import suggest
        from accord.errors import ModelError, Problem

        known = ", ".join(repr(i) for i in ids) or "none"
        raise ModelError(
            [
                Problem(
                    f"the model has no source {k!r} (its sources: {known})",
                    path=("sources",),
                    hint=suggest(k, ids),
                )
                for k in unknown
            ]
        )
    normal = {k: normalise_newlines(v) for k, v in texts.items()}
    split: dict[str, tuple[Block, ...]] = {k: blocks(v) for k, v in normal.items()}
    checks = tuple(check_source(s, normal.get(s.id)) for s in conflict.sources)
    changed = {c.source.id for c in checks if c.status == "changed"}
    elements = []
    for entry in coverage(conflict).elements:
        support = []
        for i, ev in zip(entry.indices, entry.items, strict=True):
            found = anchor(ev, normal.get(ev.source), text_blocks=split.get(ev.source))
            if found.status == "paragraph" and found.block is not None and ev.source in changed:
                found = _recheck(found)
            support.append(Support(i, ev, found))
        elements.append(ElementReview(entry.element, entry.status, tuple(support)))
    return EvidenceReview(conflict, checks, tuple(elements))


def _recheck(found: Anchoring) -> Anchoring:
    """A paraphrase of a source that changed: only a reader can tell if its block still fits."""
    from dataclasses import replace

    note = Finding(
        "source_changed",
        f"the source changed since the model was written; re-read block {found.block} to "
        "confirm the paraphrase",
    )
    return replace(found, findings=(*found.findings, note))
