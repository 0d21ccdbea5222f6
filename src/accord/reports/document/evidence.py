"""Footnotes: number the evidence items as the report first mentions their elements.

Each model element (decision maker, option, statement, ranking, infeasible condition, status
quo) may have evidence items.  The first time the report mentions an element, its items get
the next note numbers; later mentions reuse them.  Items about elements the report never
mentions are numbered at the end, so every item appears once in the notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.core.model import Statements
from accord.core.validate import element_refs
from accord.reports.document.data import Note, SourceEntry, SourcesSection
from accord.reports.document.phrases import condition_words, count, ordinal, possessive, quoted

if TYPE_CHECKING:
    from accord.core.model import Conflict
    from accord.core.provenance import Evidence

__all__ = ["CLAIM_WORDS", "Footnotes", "element_words"]

#: Claim types as a reader says them.
CLAIM_WORDS = {
    "position": "stated position",
    "red_line": "red line",
    "condition": "condition",
    "event": "reported event",
    "status_quo": "current situation",
    "judgement": "analyst judgement",
}


def element_words(conflict: Conflict, ref: str) -> str:
    """An element reference in words: ``Uniroyal's 2nd priority: “keep the plant”``."""
    if ref == "status_quo":
        return "the status quo"
    if ref.startswith("infeasible["):
        inf = conflict.infeasible[int(ref[len("infeasible[") : -1])]
        what = inf.label or condition_words(conflict, inf.condition)
        return f"impossible combination: {what}"
    if ref in conflict.dm_names:
        return f"decision maker {ref}"
    owner, _, tail = ref.rpartition(".")
    if tail == "uncertainty" and owner in conflict.dm_names:
        return f"what is uncertain about {possessive(owner)} priorities"
    dm, _, rest = ref.rpartition(".preferences")
    if dm and dm in conflict.dm_names:
        pref = conflict.preferences[dm]
        if rest.startswith("[") and isinstance(pref, Statements):
            k = int(rest[1:-1])
            item = pref.items[k]
            what = quoted(item.label) if item.label else condition_words(conflict, item.text)
            return f"{possessive(dm)} {ordinal(k + 1)} priority: {what}"
        return f"{possessive(dm)} ranking of the states"
    name = ref.rpartition(".")[2]
    return f"{possessive(conflict.owner(name))} option {quoted(conflict.option(name).title)}"


def _canonical(conflict: Conflict, about: str) -> str:
    """``relocate`` → ``Vendors.relocate`` (evidence may name an option alone)."""
    if about in conflict.option_names and about not in conflict.dm_names:
        return f"{conflict.owner(about)}.{about}"
    return about


def _date(value: object) -> str:
    return str(value) if value is not None else "unknown"


def _sentence(text: str) -> str:
    """Text that ends like a sentence (a full stop added when it has none)."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…" else text + "."


def _known(text: str) -> str:
    """A field as given, or ``unknown`` (also when the model says so itself)."""
    return text if text.strip() and text.strip().lower() != "unknown" else "unknown"


class Footnotes:
    """Note numbers for the evidence of a conflict, assigned in order of first mention."""

    def __init__(self, conflict: Conflict) -> None:
        self.conflict = conflict
        self.items: dict[str, list[Evidence]] = {}
        for ev in conflict.evidence:
            self.items.setdefault(_canonical(conflict, ev.about), []).append(ev)
        self.numbers: dict[str, tuple[int, ...]] = {}
        self.notes: list[Note] = []

    def marks(self, ref: str) -> tuple[int, ...]:
        """The note numbers of an element's evidence (numbering them on first mention)."""
        if ref not in self.numbers:
            numbers = []
            for ev in self.items.get(ref, ()):
                number = len(self.notes) + 1
                self.notes.append(self._note(number, ref, ev))
                numbers.append(number)
            self.numbers[ref] = tuple(numbers)
        return self.numbers[ref]

    def _note(self, number: int, ref: str, ev: Evidence) -> Note:
        source = next((s for s in self.conflict.sources if s.id == ev.source), None)
        judgement = ev.claim == "judgement" or not ev.source
        if source is None:
            title, where, url = "", "", ""
        else:
            title = source.title or source.id
            where = f"outlet {_known(source.outlet)}, date {_date(source.published)}"
            url = source.url
        place = f"block {ev.paragraph}" if ev.paragraph is not None else ""
        return Note(
            number=number,
            about=element_words(self.conflict, ref),
            source=title,
            where=", ".join(p for p in (where, place) if p),
            claim=CLAIM_WORDS.get(ev.claim, ev.claim),
            quote=ev.quote,
            text=_sentence(ev.note),
            judgement=judgement,
            url=url,
        )

    def section(self) -> SourcesSection:
        """Section 9: every note (numbering the rest), the sources, the unsupported elements."""
        refs = element_refs(self.conflict)
        for ref in [*refs, *self.items]:
            self.marks(ref)
        unsupported = tuple(element_words(self.conflict, r) for r in refs if not self.items.get(r))
        cited: dict[str, int] = {}
        for ev in self.conflict.evidence:
            if ev.source:
                cited[ev.source] = cited.get(ev.source, 0) + 1
        sources = tuple(
            SourceEntry(
                id=s.id,
                title=s.title or s.id,
                outlet=_known(s.outlet),
                published=_date(s.published),
                url=s.url,
                note=s.note,
                cited=cited.get(s.id, 0),
            )
            for s in self.conflict.sources
        )
        supported = len(refs) - len(unsupported)
        judgements = sum(1 for n in self.notes if n.judgement)
        if not self.conflict.evidence:
            summary = (
                "The model cites no evidence: every modelling choice below rests on the "
                "analyst's judgement alone."
            )
        else:
            share = (
                f"all {len(refs)}" if supported == len(refs) else f"{supported} of the {len(refs)}"
            )
            summary = (
                f"{count(len(self.notes), 'note')} support {share} elements of the model "
                f"(decision makers, options, priorities, impossible combinations, status quo); "
                f"{count(judgements, 'note')} "
                f"{'is an' if judgements == 1 else 'are'} analyst "
                f"{'judgement' if judgements == 1 else 'judgements'} rather than a "
                "report from a source."
            )
        return SourcesSection(summary, tuple(self.notes), sources, unsupported)
