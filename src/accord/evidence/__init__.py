"""Sources, quotes and their anchoring in source text; which model elements have evidence.

Pure functions on text and models: nothing here reads a file.  The command line reads the
source texts and hands them over as strings.

- :mod:`accord.evidence.text`: blocks numbered from 1, line endings, the content hash, quotes;
- :mod:`accord.evidence.anchor`: whether an evidence item's quote is still where it says;
- :mod:`accord.evidence.coverage`: which elements have evidence or a judgement note;
- :mod:`accord.evidence.review`: all of it for a whole model, with each source's hash check.
"""

from __future__ import annotations

from accord.evidence.anchor import (
    ANCHOR_STATUSES,
    MAX_QUOTE_WORDS,
    Anchoring,
    AnchorStatus,
    Finding,
    anchor,
)
from accord.evidence.coverage import (
    COVERAGE_STATUSES,
    Coverage,
    CoverageStatus,
    ElementCoverage,
    counts,
    coverage,
    element_of,
    is_judgement,
)
from accord.evidence.review import (
    HASH_STATUSES,
    ElementReview,
    EvidenceReview,
    HashStatus,
    SourceCheck,
    Support,
    check_source,
    review,
)
from accord.evidence.text import (
    Block,
    block_at,
    blocks,
    content_hash,
    normalise_newlines,
    quote_occurrences,
)

__all__ = [
    "ANCHOR_STATUSES",
    "COVERAGE_STATUSES",
    "HASH_STATUSES",
    "MAX_QUOTE_WORDS",
    "AnchorStatus",
    "Anchoring",
    "Block",
    "Coverage",
    "CoverageStatus",
    "ElementCoverage",
    "ElementReview",
    "EvidenceReview",
    "Finding",
    "HashStatus",
    "SourceCheck",
    "Support",
    "anchor",
    "block_at",
    "blocks",
    "check_source",
    "content_hash",
    "counts",
    "coverage",
    "element_of",
    "is_judgement",
    "normalise_newlines",
    "quote_occurrences",
    "review",
]
