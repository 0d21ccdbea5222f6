"""The flagship model (examples/ukraine-peace-talks-2026.yaml): its evidence, and its results.

The equilibria are accord's own result for this model, pinned here so that a change that
moves them is noticed (and explained in its commit); every pinned set is confirmed by the
brute-force oracle, which shares only the parsed model with the engine.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pytest

from accord import Conflict, analyze, explain, leverage, read_model
from accord.core.validate import element_refs
from oracle import Oracle

FLAGSHIP = Path(__file__).resolve().parents[2] / "examples" / "ukraine-peace-talks-2026.yaml"

#: Equilibria per concept.  Nash and SEQ are listed; GMR and SMR (hundreds of states) are
#: pinned by their number and a digest of the sorted ids.
NASH = [1, 385, 488]
SEQ = [
    1, 21, 22, 23, 24, 29, 30, 31, 32, 85, 87, 149, 150, 151, 152, 157, 158, 159, 160, 213,
    214, 215, 216, 277, 278, 279, 280, 285, 286, 287, 288, 341, 342, 343, 344, 385, 386, 389,
    415, 417, 418, 420, 427, 429, 430, 432, 488, 511, 514, 607, 609, 610, 612, 619, 621, 622,
    624, 703, 705, 706, 708, 799, 801, 802, 804, 811, 813, 814, 816, 895, 897, 898, 900,
]  # fmt: skip
DIGESTS = {"gmr": (469, "9021c1495beb5146"), "smr": (286, "ca0e98292263acf7")}

#: The levers the article names, each of which must cite at least one block.
LEVERS = (
    "Ukraine.cede_donetsk",
    "Ukraine.freeze_line",
    "Ukraine.econ_zone",
    "Ukraine.referendum",
    "Russia.ceasefire",
    "Russia.znpp_oversight",
    "US.pressure",
    "US.us_guarantee",
    "Europe.force",
    "Europe.binding",
    "Europe.long_term",
)


@cache
def flagship() -> Conflict:
    return read_model(FLAGSHIP)


@cache
def oracle() -> Oracle:
    return Oracle(flagship())


def _digest(ids: list[int]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


def test_the_model_has_the_actors_and_levers_of_the_talks() -> None:
    c = flagship()
    assert ["Ukraine", "Russia", "US", "Europe", "Electorate"] == [
        d.name for d in c.decision_makers
    ]
    assert 12 == len(c.option_names)
    assert 960 == len(c.states)
    assert c.metadata.question
    assert c.metadata.focus is not None


def test_every_element_has_evidence_or_a_judgement_note() -> None:
    c = flagship()
    support: dict[str, list[str]] = {ref: [] for ref in element_refs(c)}
    for ev in c.evidence:
        about = ev.about if ev.about in support else f"{_owner(c, ev.about)}.{ev.about}"
        if ev.source:
            assert ev.paragraph is not None, ev
            assert 3 <= ev.paragraph <= 29, ev  # the article's body: blocks 3 to 29
            assert ev.claim in ("position", "red_line", "condition", "event", "status_quo"), ev
            assert ev.note, ev  # a paraphrase
            support[about].append("cited")
        else:
            assert "judgement" == ev.claim, ev
            assert len(ev.note.split()) >= 8, ev  # says why, in a sentence
            support[about].append("judgement")
    assert [] == [ref for ref, items in support.items() if not items]


def test_every_lever_cites_the_article() -> None:
    c = flagship()
    cited = {ev.about for ev in c.evidence if ev.source and ev.paragraph}
    assert [] == [lever for lever in LEVERS if lever not in cited]


def test_quotes_are_short_anchors_inside_their_span() -> None:
    c = flagship()
    quoted = [ev for ev in c.evidence if ev.quote]
    assert len(quoted) >= 10
    for ev in quoted:
        assert len(ev.quote.split()) <= 12, ev
        assert ev.span is not None, ev
        assert len(ev.quote) == ev.span[1] - ev.span[0], ev


def _owner(c: Conflict, option: str) -> str:
    return next(d.name for d in c.decision_makers if option in d.option_names)


# -- results ------------------------------------------------------------------------------------


def test_equilibria_are_pinned_and_confirmed_by_the_oracle() -> None:
    result = analyze(flagship())
    o = oracle()
    found = {k: result.equilibrium_ids(k) for k in ("nash", "gmr", "smr", "seq")}
    assert NASH == found["nash"]
    assert SEQ == found["seq"]
    for concept, (n, digest) in DIGESTS.items():
        assert (n, digest) == (len(found[concept]), _digest(found[concept])), concept
    for concept, ids in found.items():
        assert ids == [s for s in o.ids if o.is_equilibrium(concept, s)], concept


def test_the_status_quo_is_a_deadlock_no_one_breaks_alone() -> None:
    c = flagship()
    result = analyze(c)
    for concept in result.concepts:
        assert 1 in result.equilibrium_ids(concept)
    # no decision maker has any unilateral improvement from the status quo
    for dm in c.dm_names:
        assert [] == oracle().R(dm, 1, improving=True), dm
        assert () == explain(c, 1, dm, "seq").improvements


FOCUS = 198  # frozen line, ceasefire, multinational force, binding guarantees


def test_the_focus_compromise_holds_only_on_a_non_credible_us_threat() -> None:
    c = flagship()
    assert FOCUS - 1 == c.states.resolve(c.metadata.focus)
    result = analyze(c)
    assert FOCUS in result.equilibrium_ids("gmr")
    assert FOCUS in result.equilibrium_ids("smr")
    assert FOCUS not in result.equilibrium_ids("seq")
    assert ["Russia"] == [d for d in c.dm_names if not oracle().is_stable("seq", d, FOCUS)]
    why = explain(c, FOCUS, "Russia", "seq")
    assert {194, 202} == {int(c.states.ids[d.target]) for d in why.improvements}
    assert all(d.sanction is None for d in why.improvements)
    # the same compromise with US pressure kept on is SEQ-stable
    assert FOCUS + 16 in result.equilibrium_ids("seq")


def test_leverage_one_change_in_washington_makes_the_compromise_hold() -> None:
    c = flagship()
    result = leverage(c, FOCUS, ["Russia", "US", "Europe"], budget=2)
    assert 1 == result.edits
    assert 2 == result.count
    assert {"US"} == {e.dm for a in result.answers for e in a.edits}
    o = oracle()
    for answer in result.answers:
        texts = [s.text for s in answer.preferences["US"]]
        # pressing a striking Russia now outranks the cost of pressure, or the cost is gone
        assert "-pressure" not in texts or texts.index("pressure IF -ceasefire") < texts.index(
            "-pressure"
        )
        edited = o.with_statements({"US": texts})
        assert all(edited.is_stable("seq", dm, FOCUS) for dm in edited.dms)
    # and no single edit of Russia's or Europe's own statements would do
    for dm in ("Russia", "Europe"):
        alone = leverage(c, FOCUS, [dm], budget=1)
        assert alone.edits is None, dm


@pytest.mark.parametrize("dm", ["Ukraine", "US", "Europe", "Electorate"])
def test_only_russia_would_leave_the_focus(dm: str) -> None:
    assert oracle().is_stable("seq", dm, FOCUS)


def test_the_evidence_layer_finds_every_element_supported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from accord.evidence import coverage
    from cli_runner import run

    cov = coverage(flagship())
    assert () == tuple(cov.uncovered)
    assert len(element_refs(flagship())) == len(cov.elements)
    code, out, err = run(capsys, "check", FLAGSHIP)
    assert 0 == code
    assert "warning" not in err
    assert "960 feasible states" in out


def test_no_coalition_has_a_joint_improvement_on_the_status_quo() -> None:
    from itertools import combinations

    c = flagship()
    o = oracle()
    for size in range(2, len(c.dm_names) + 1):
        for members in combinations(c.dm_names, size):
            assert set() == o.coalition_improvements(frozenset(members), 1), members


def test_every_item_says_who_added_it() -> None:
    assert all(ev.added_by for ev in flagship().evidence)
