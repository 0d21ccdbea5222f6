"""The report as data and as pages: sections, equilibria, footnotes, escaping, the drawing."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from markupsafe import escape

from accord.core.analysis.stability import analyze
from accord.core.generate import random_conflict
from accord.core.model import Conflict
from accord.core.provenance import Metadata
from accord.errors import AnalysisError, StateReferenceError
from accord.io import read_model
from accord.reports.document import (
    SECTIONS,
    Report,
    build_report,
    graph_path,
    render_html,
    render_markdown,
)
from cases.loader import CASES, load_case

ROOT = Path(__file__).resolve().parents[2]
ELMIRA = ROOT / "examples" / "elmira.yaml"
HARBOUR = Path(__file__).with_name("harbour.yaml")
FLAGSHIP = ROOT / "examples" / "ukraine-peace-talks-2026.yaml"
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}


def read(path: Path) -> Conflict:
    """Read a model; the harbour model leaves elements without evidence on purpose."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_model(path)


@pytest.fixture(scope="module")
def elmira() -> Conflict:
    return read(ELMIRA)


@pytest.fixture(scope="module")
def harbour() -> Conflict:
    return read(HARBOUR)


@pytest.fixture(scope="module")
def harbour_report(harbour: Conflict) -> Report:
    return build_report(harbour)


class Checker(HTMLParser):
    """Tag balance and id uniqueness of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)


def check_page(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert [] == checker.errors
    assert [] == checker.stack
    assert len(checker.ids) == len(set(checker.ids)), "ids must be unique"
    return checker


@pytest.mark.parametrize("path", [ELMIRA, HARBOUR, FLAGSHIP], ids=["elmira", "harbour", "flagship"])
def test_every_section_in_order_in_both_formats(path: Path) -> None:
    report = build_report(read(path))
    page = render_html(report)
    text = render_markdown(report, graph_file="r.graph.svg")
    for rendered in (page, text):
        where = [rendered.index(heading) for _, heading in SECTIONS]
        assert where == sorted(where)
    for ident, _ in SECTIONS:
        assert f'<section id="{ident}">' in page
        assert f'<a id="{ident}"></a>' in text
        assert f"(#{ident})" in text


@pytest.mark.parametrize("path", [ELMIRA, HARBOUR], ids=["elmira", "harbour"])
def test_equilibria_are_those_of_the_analysis(path: Path) -> None:
    conflict = read(path)
    report = build_report(conflict)
    result = analyze(conflict)
    union: set[int] = set()
    for entry in report.stability.concepts:
        expected = result.equilibrium_ids(entry.key)
        assert tuple(expected) == entry.equilibria
        union.update(expected)
        for sid in expected:
            assert re.search(rf"\b{sid}\b", entry.sentence)
    rows = [row.state for row in report.stability.rows]
    assert len(rows) == len(set(rows))
    assert set(rows) == union  # small models: every equilibrium has a row
    for row in report.stability.rows:
        marks = {
            e.key: flag for e, flag in zip(report.stability.concepts, row.concepts, strict=True)
        }
        assert marks == {k: row.state in result.equilibrium_ids(k) for k in marks}


def test_the_status_quo_is_examined_in_words(elmira: Conflict) -> None:
    block = build_report(elmira).equilibria.status_quo
    assert "state 1" in block.title
    assert "not under Nash or SEQ" in block.text
    (move,) = [b for b in block.bullets if b.text.startswith("Local Government")]
    assert "state 7" in move.text
    words = " ".join(move.sub)
    assert "Under GMR, it is deterred: MoE moves to state 8" in words
    assert "Under SEQ, nothing deters it" in words


def test_paths_and_coalitions_tell_the_elmira_story(elmira: Conflict) -> None:
    report = build_report(elmira)
    titles = [b.title for b in report.paths.blocks]
    assert titles[0].startswith("To state 7")
    assert report.paths.blocks[0].numbered
    assert "Local Government moves to state 7" in report.paths.blocks[0].bullets[0].text
    coalition = " ".join(b.text for blk in report.coalitions.blocks for b in blk.bullets)
    assert "MoE and Uniroyal together could reach state 10" in coalition
    assert (6, 9, ("MoE", "Uniroyal")) in report.coalitions.sticking  # indices of 7 and 10


def test_footnotes_link_to_notes_and_every_evidence_item_appears(
    harbour: Conflict, harbour_report: Report
) -> None:
    notes = harbour_report.sources.notes
    assert len(harbour.evidence) == len(notes)
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    page = render_html(harbour_report)
    checker = check_page(page)
    targets = {h[1:] for h in checker.hrefs if h.startswith("#note-")}
    assert targets == {f"note-{n.number}" for n in notes}
    assert targets <= set(checker.ids)
    text = render_markdown(harbour_report)
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defs = set(re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE))
    assert refs == defs == {str(n.number) for n in notes}
    for ev in harbour.evidence:
        for piece in (ev.quote, ev.note):
            if piece:
                assert str(escape(piece)) in page
                assert piece in text
    assert "Analyst judgement: the vendors called the move final" in page
    assert "Analyst judgement: the vendors called the move final" in text


def test_marks_sit_on_the_elements_they_support(harbour_report: Report) -> None:
    model = harbour_report.model
    city, vendors = model.dms
    assert city.name.notes == (1,)
    assert vendors.name.notes == ()
    assert [o.title.notes for o in vendors.options] == [(2,), (3,)]  # 'protest' named alone
    assert model.impossible[0].notes == (4,)
    assert city.wants[1].notes == (5,)
    assert model.status_quo is not None
    assert model.status_quo.notes == (6,)


def test_elements_without_evidence_are_listed(harbour_report: Report) -> None:
    unsupported = harbour_report.sources.unsupported
    assert "decision maker Vendors" in unsupported
    assert "City's 1st priority: “no protest”" in unsupported
    assert "Vendors' 2nd priority: not “Move to the harbour site”" in unsupported
    assert "decision maker City" not in unsupported
    page = render_html(harbour_report)
    assert str(escape("City's 1st priority: “no protest”")) in page


def test_unknown_outlet_and_date(harbour_report: Report) -> None:
    leaflet = harbour_report.sources.sources[1]
    assert (leaflet.outlet, leaflet.published) == ("unknown", "unknown")
    assert any("outlet unknown, date unknown" in n.where for n in harbour_report.sources.notes)


def test_user_text_is_escaped(harbour_report: Report) -> None:
    page = render_html(harbour_report)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(" in page
    check_page(page)
    text = render_markdown(harbour_report)
    assert "<script" not in text.lower()
    assert "&lt;script&gt;" in text


def test_the_question_and_the_focus(harbour_report: Report, elmira: Conflict) -> None:
    question = harbour_report.question
    assert question.given
    assert question.text.startswith("Can the vendors")
    assert question.focus.startswith("state 6")
    built = build_report(elmira).question
    assert not built.given
    assert "Elmira groundwater contamination" in built.text


def test_leverage_names_the_change(elmira: Conflict) -> None:
    section = build_report(elmira, focus=9).leverage
    assert "state 9" in section.question
    assert any("1 edit" in line for line in section.summary)
    assert section.blocks[0].text.startswith("If Uniroyal ")
    none = build_report(elmira).leverage
    assert none.blocks == ()
    assert "names no focus state" in none.summary[0]


def test_focus_already_stable_needs_no_change(harbour_report: Report) -> None:
    assert any("nothing needs to change" in line for line in harbour_report.leverage.summary)


def test_drawing_is_deterministic_and_shows_the_story(harbour: Conflict) -> None:
    first = build_report(harbour).graph
    second = build_report(harbour).graph
    assert first.svg == second.svg
    assert first.svg.startswith("<svg")
    ET.fromstring(first.svg)  # well-formed XML
    roles = {n.state: n.role for n in first.nodes}
    assert roles[1] == "status quo"
    assert roles[6] == "focus"
    assert roles[4] == "equilibrium"
    for state in roles:
        assert f'id="state-{state}"' in first.svg
    assert "Date" not in first.svg


def test_drawing_is_skipped_on_request(harbour: Conflict) -> None:
    section = build_report(harbour, draw=False).graph
    assert "" == section.svg
    assert section.nodes
    assert "saved to a Markdown file" in render_markdown(build_report(harbour, draw=False))


def test_graph_file_name() -> None:
    assert "report.graph.svg" == graph_path("report.md")
    assert "notes.graph.svg" == graph_path("notes")


def test_concepts_can_be_narrowed(elmira: Conflict) -> None:
    report = build_report(elmira, concepts="nash,seq")
    assert ["nash", "seq"] == [c.key for c in report.stability.concepts]
    assert all(len(row.concepts) == 2 for row in report.stability.rows)
    with pytest.raises(AnalysisError, match="nash, gmr, smr, seq"):
        build_report(elmira, concepts="nm")


def test_a_bad_focus_is_refused(elmira: Conflict) -> None:
    with pytest.raises(StateReferenceError):
        build_report(elmira, focus="modify & insist")


def test_without_a_status_quo(elmira: Conflict) -> None:
    report = build_report(elmira.replace(status_quo=None))
    assert "names no status quo" in report.equilibria.status_quo.text
    assert "names no status quo" in report.paths.summary[0]
    check_page(render_html(report))


def test_a_large_model_degrades_with_reasons() -> None:
    conflict = random_conflict(3, (6, 6, 5), seed=3)  # 2^17 states
    n = len(conflict.states)
    conflict = conflict.replace(status_quo=1, metadata=Metadata(focus=n))
    report = build_report(conflict)
    assert "Coalition analysis was skipped" in report.coalitions.skipped
    assert f"{n:,} feasible states" in report.coalitions.skipped
    assert any("routes from the status quo were not searched" in s for s in report.paths.summary)
    assert "change of priorities was skipped" in report.leverage.summary[-1]
    assert "The table shows 15 of the" in report.stability.omitted
    assert 10 == len(report.graph.nodes)  # status quo, focus, 8 equilibria: not 131,072
    check_page(render_html(report))


def test_each_limit_is_stated_where_it_applies(
    elmira: Conflict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accord.reports.document import build, joint, levers, movement, verdicts

    monkeypatch.setattr(verdicts, "EXPLAIN_ALL_STATES", 4)
    monkeypatch.setattr(joint, "REPORT_SCAN_STATES", 4)
    monkeypatch.setattr(levers, "MAX_STATES", 4)
    monkeypatch.setattr(movement, "MAX_ANY_MOVE_STATES", 4)
    report = build_report(elmira, focus=2)
    sq = [b.text for b in report.equilibria.status_quo.bullets]
    assert any(t.startswith("Under SEQ, not every such move of Local Government") for t in sq)
    moves = [b for b in report.equilibria.status_quo.bullets if b.sub]
    assert all("Under SEQ" not in " ".join(b.sub) for b in moves)
    assert "a report runs it on models of at most 4 states" in report.coalitions.skipped
    assert "change of priorities was skipped" in report.leverage.summary[-1]
    focus_block = report.paths.blocks[-1]
    assert "not searched in models of more than 4 states" in focus_block.text
    monkeypatch.setattr(build, "MAX_ROUTE_STATES", 4)
    report = build_report(elmira)
    assert "routes from the status quo were not searched" in report.paths.summary[0]
    check_page(render_html(report))


@pytest.mark.parametrize("name", CASES)
def test_every_published_case_renders(name: str) -> None:
    conflict, _ = load_case(name)
    report = build_report(conflict)
    check_page(render_html(report))
    render_markdown(report)
    result = analyze(conflict)
    mask = np.zeros(len(conflict.states), dtype=bool)
    for c in result.concepts:
        mask |= result.results[c].equilibria
    assert len(report.stability.rows) == min(int(mask.sum()), 15)


def test_the_flagship_renders() -> None:
    conflict = read(FLAGSHIP)
    report = build_report(conflict)
    page = render_html(report)
    check_page(page)
    assert len(conflict.evidence) == len(report.sources.notes)
    assert report.question.given
    assert report.question.focus
