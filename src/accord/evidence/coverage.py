"""Coverage: which elements of a model are supported by evidence, or by a judgement note.

An element (a decision maker, an option, a preference statement or ranking, an
infeasibility, the status quo) is

``evidence``
    when at least one evidence item citing a source supports it;
``judgement``
    when it has no such item but at least one judgement item with a note saying why;
``none``
    otherwise: no item at all, or only judgement items without a note.

A *judgement item* cites no source, or has the claim ``judgement``.  Its note is the
analyst's reason; a judgement item with an empty note does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from accord.core.provenance import Evidence

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "COVERAGE_STATUSES",
    "Coverage",
    "CoverageStatus",
    "ElementCoverage",
    "counts",
    "coverage",
    "element_of",
    "is_judgement",
]

CoverageStatus = Literal["evidence", "judgement", "none"]

#: Every coverage status, best supported first.
COVERAGE_STATUSES: tuple[CoverageStatus, ...] = ("evidence", "judgement", "none")


def is_judgement(evidence: Evidence) -> bool:
    """Whether an item is the analyst's judgement: it cites no source, or claims ``judgement``."""
    return not evidence.source.strip() or evidence.claim == "judgement"


def counts(evidence: Evidence) -> bool:
    """Whether an item supports its element: sourced evidence, or a judgement with a note.

    Examples
    --------
    >>> counts(Evidence("A", source="s1")), counts(Evidence("A", note="  "))
    (True, False)
    >>> counts(Evidence("A", note="no outlet reports it; inferred from the vote"))
    True
    """
    return not is_judgement(evidence) or bool(evidence.note.strip())


def element_of(conflict: Conflict, about: str) -> str:
    """The element an ``about`` names, as :func:`accord.core.validate.element_refs` spells it.

    A bare option name (``relocate``) becomes ``DM.relocate``; anything else is returned as
    written.
    """
    from accord.core.validate import element_refs

    if about in element_refs(conflict):
        return about
    return _qualified(conflict, about)


def _qualified(conflict: Conflict, about: str) -> str:
    try:
        return f"{conflict.owner(about)}.{about}"
    except KeyError:
        return about


@dataclass(frozen=True)
class ElementCoverage:
    """The evidence items about one element.

    Parameters
    ----------
    element
        The element, as :func:`accord.core.validate.element_refs` names it.
    indices
        The positions of its items in ``conflict.evidence``, in model order.
    items
        The items themselves, in the same order.
    status
        ``evidence``, ``judgement`` or ``none`` (see the module docstring).
    """

    element: str
    indices: tuple[int, ...]
    items: tuple[Evidence, ...]
    status: CoverageStatus

    @property
    def covered(self) -> bool:
        """Whether the element has evidence or a judgement note."""
        return self.status != "none"

    @property
    def uncounted(self) -> tuple[Evidence, ...]:
        """Its judgement items without a note, which do not count."""
        return tuple(ev for ev in self.items if not counts(ev))


@dataclass(frozen=True)
class Coverage:
    """Every element of a model with the evidence about it, in model order."""

    elements: tuple[ElementCoverage, ...]

    @property
    def uncovered(self) -> tuple[ElementCoverage, ...]:
        """The elements with neither evidence nor a judgement note."""
        return tuple(e for e in self.elements if not e.covered)

    def count(self, status: CoverageStatus) -> int:
        """How many elements have this status."""
        return sum(1 for e in self.elements if e.status == status)


def _status(items: tuple[Evidence, ...]) -> CoverageStatus:
    if any(not is_judgement(ev) for ev in items):
        return "evidence"
    if any(counts(ev) for ev in items):
        return "judgement"
    return "none"


def coverage(conflict: Conflict) -> Coverage:
    """Which elements of a model have evidence, only a judgement note, or nothing.

    Parameters
    ----------
    conflict
        The model; its evidence items were checked when it was built.

    Returns
    -------
    Coverage
        One entry per element, in the order of
        :func:`accord.core.validate.element_refs`.

    Examples
    --------
    >>> from accord.core.model import Conflict, DecisionMaker, Option, Statements
    >>> c = Conflict(
    ...     "m",
    ...     (DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
    ...     {"A": Statements(("a",)), "B": Statements(("b",))},
    ...     evidence=(Evidence("a", note="my reading of the talks"),),
    ... )
    >>> [(e.element, e.status) for e in coverage(c).elements if e.covered]
    [('A.a', 'judgement')]
    >>> [e.element for e in coverage(c).uncovered][:3]
    ['A', 'A.preferences[0]', 'B']
    """
    from accord.core.validate import element_refs

    refs = element_refs(conflict)
    found: dict[str, list[int]] = {ref: [] for ref in refs}
    for i, ev in enumerate(conflict.evidence):
        ref = ev.about if ev.about in found else _qualified(conflict, ev.about)
        if ref in found:
            found[ref].append(i)
    elements = []
    for ref in refs:
        items = tuple(conflict.evidence[i] for i in found[ref])
        elements.append(ElementCoverage(ref, tuple(found[ref]), items, _status(items)))
    return Coverage(tuple(elements))
