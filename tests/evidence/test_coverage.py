"""Coverage: which elements have evidence, only a judgement note, or nothing."""

from __future__ import annotations

import hashlib

import pytest

from accord.core.model import Conflict, DecisionMaker, Option, Statements
from accord.core.provenance import Evidence, Source
from accord.core.validate import element_refs
from accord.errors import ModelError
from accord.evidence import coverage, review

TEXT = "Quay Gazette\n\nThe crews will strike on Monday unless pay rises.\n"


def _model(*evidence: Evidence) -> Conflict:
    return Conflict(
        "dock",
        (
            DecisionMaker("Crews", (Option("strike"),)),
            DecisionMaker("Owners", (Option("raise_pay"),)),
        ),
        {"Crews": Statements(("strike IF -raise_pay",)), "Owners": Statements(("-strike",))},
        status_quo="-strike & -raise_pay",
        sources=(Source("gazette"),),
        evidence=evidence,
    )


def _status(c: Conflict) -> dict[str, str]:
    return {e.element: e.status for e in coverage(c).elements}


def test_every_element_is_listed_in_model_order() -> None:
    c = _model()
    assert element_refs(c) == [e.element for e in coverage(c).elements]
    assert "none" == _status(c)["status_quo"]


def test_element_without_evidence_is_flagged() -> None:
    c = _model(Evidence("Crews.strike", "gazette", 2, claim="position"))
    status = _status(c)
    assert "evidence" == status["Crews.strike"]
    uncovered = [e.element for e in coverage(c).uncovered]
    assert "Crews.strike" not in uncovered
    assert [ref for ref in element_refs(c) if ref != "Crews.strike"] == uncovered


def test_judgement_needs_a_note() -> None:
    c = _model(
        Evidence("Owners", note="the owners' side is inferred from the crews' demands"),
        Evidence("Crews", note=""),
        Evidence("status_quo", note="   \n"),
        Evidence("Owners.raise_pay", "gazette", 2, claim="judgement"),  # sourced, but no note
    )
    status = _status(c)
    assert "judgement" == status["Owners"]
    assert "none" == status["Crews"]
    assert "none" == status["status_quo"]
    assert "none" == status["Owners.raise_pay"]
    crews = next(e for e in coverage(c).elements if e.element == "Crews")
    assert (Evidence("Crews", note=""),) == crews.uncounted


def test_sourced_evidence_outranks_judgement() -> None:
    c = _model(
        Evidence("Crews.strike", note=""),
        Evidence("Crews.strike", note="a reading of the crews' mood"),
        Evidence("Crews.strike", "gazette", 2, quote="will strike on Monday"),
    )
    entry = next(e for e in coverage(c).elements if e.element == "Crews.strike")
    assert "evidence" == entry.status
    assert (0, 1, 2) == entry.indices
    assert 1 == coverage(c).count("evidence")


def test_bare_option_name_counts_for_its_qualified_element() -> None:
    c = _model(Evidence("raise_pay", "gazette", 2))
    assert "evidence" == _status(c)["Owners.raise_pay"]


def test_review_combines_coverage_anchoring_and_hashes() -> None:
    quote = "will strike on Monday"
    at = TEXT.index(quote)
    c = _model(
        Evidence("Crews.strike", "gazette", 2, (at, at + len(quote)), quote, claim="position"),
        Evidence("Owners", note="inferred"),
        Evidence("Owners.raise_pay", "gazette", 2, quote="pay rises"),
    )
    result = review(c, {"gazette": TEXT})
    assert ("no_hash",) == tuple(s.status for s in result.sources)
    statuses = {e.element: [s.anchoring.status for s in e.support] for e in result.elements}
    assert ["anchored"] == statuses["Crews.strike"]
    assert ["judgement"] == statuses["Owners"]
    assert ["moved"] == statuses["Owners.raise_pay"]
    counts = result.anchoring_counts()
    assert (1, 1, 1, 0) == (
        counts["anchored"],
        counts["moved"],
        counts["judgement"],
        counts["orphaned"],
    )
    assert len(element_refs(c)) - 3 == result.coverage_counts()["none"]
    unchecked = review(c, {})
    assert ["unchecked"] == [
        s.anchoring.status
        for e in unchecked.elements
        for s in e.support
        if e.element == "Crews.strike"
    ]
    assert ("unchecked",) == tuple(s.status for s in unchecked.sources)


def test_paraphrase_of_a_changed_source_asks_for_a_rereading() -> None:
    c = Conflict(
        "dock",
        _model().decision_makers,
        _model().preferences,
        sources=(Source("gazette", sha256=hashlib.sha256(TEXT.encode()).hexdigest()),),
        evidence=(Evidence("Crews.strike", "gazette", 2, note="the crews threaten a strike"),),
    )
    (item,) = (s for e in review(c, {"gazette": TEXT}).elements for s in e.support)
    assert ("paragraph", ()) == (item.anchoring.status, item.anchoring.findings)
    edited = TEXT.replace("Monday", "Friday")
    result = review(c, {"gazette": edited})
    assert ("changed",) == tuple(s.status for s in result.sources)
    (item,) = (s for e in result.elements for s in e.support)
    assert "paragraph" == item.anchoring.status
    assert ["source_changed"] == [f.code for f in item.anchoring.findings]
    assert "re-read block 2" in item.anchoring.findings[0].message


def test_review_rejects_texts_for_unknown_sources() -> None:
    with pytest.raises(ModelError, match="no source 'gazete'") as info:
        review(_model(), {"gazete": TEXT})
    assert "did you mean 'gazette'?" == info.value.problems[0].hint
