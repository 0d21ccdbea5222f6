"""The flagship's report: every section there, and the findings the analyses give."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from accord import analyze, read_model
from accord.reports.document import SECTIONS, Report, build_report, render_markdown

FLAGSHIP = Path(__file__).resolve().parents[2] / "examples" / "ukraine-peace-talks-2026.yaml"


@cache
def report() -> Report:
    return build_report(read_model(FLAGSHIP))


def test_every_section_has_content() -> None:
    r = report()
    text = render_markdown(r, graph_file="flagship.graph.svg")
    for ident, heading in SECTIONS:
        start = text.index(f'<a id="{ident}"></a>')
        body = text[start:].split("\n## ", 2)[1]
        assert body.startswith(heading), ident
        assert len(body.split()) > 20, ident  # words, not an empty shell


def test_the_brief_states_the_findings_of_the_analyses() -> None:
    r = report()
    result = analyze(read_model(FLAGSHIP))
    assert all(1 in result.equilibrium_ids(c) for c in result.concepts)
    brief = " ".join(r.question.brief)
    assert "state 1, holds under Nash, GMR, SMR and SEQ" in brief
    assert "state 198, holds under GMR and SMR but not under Nash or SEQ" in brief
    assert "if US put “press Moscow while it keeps striking” before “no costly pressure" in brief


def test_the_leverage_section_varies_every_decision_maker() -> None:
    lev = report().leverage
    joined = " ".join(lev.summary)
    assert "changing any decision maker's priorities" in joined
    assert "The smallest change takes 1 edit; 2 changes of that size work." in joined
    assert 2 == len(lev.blocks)
