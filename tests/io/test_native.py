"""Reading and writing native model files: forms, canonical output and exact round trips."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.language import Expr, to_text
from accord.core.language.parser import RESERVED_WORDS
from accord.core.model import (
    REVERSIBILITIES,
    Conflict,
    DecisionMaker,
    GraphForm,
    GraphState,
    Infeasibility,
    Option,
    Ranking,
    Statement,
    Statements,
)
from accord.core.provenance import CLAIM_TYPES, Evidence, Metadata, Source
from accord.core.validate import element_refs
from accord.io.native import generate_model, parse_model, read_model, write_model
from strategies import conditions

DOCS = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"

PRISONERS = """\
accord: 1
name: prisoners-dilemma
metadata:
  title: Prisoner's dilemma
  date: 2026-11-20
  author: "someone: with a colon"
  tags: [classic]
  venue: {city: Geneva, year: 1950}
decision_makers:
  Row:
    label: Row player
    description: ...
    options:
      row_defects:
        label: Row defects
        description: ...
        reversibility: both
      row_waits: Row waits
  Col:
    options: [col_defects]
infeasible:
  - row_defects & row_waits
preferences:
  Row: ["-col_defects", {statement: row_defects, label: defect myself}]
  Col:
    ranking: [6, [1, 2], "row_defects & col_defects", 3, 4]
status_quo: "-row_defects & -col_defects & -row_waits"
coalitions: [[Row, Col]]
misperceptions: {Row: ["col_defects"]}
sources: [{id: s1, title: A book, outlet: Press, published: 2026-01-10, url: "https://x.org/a",
           sha256: abc, note: n}]
evidence:
  - {about: "Row.preferences[0]", source: s1, paragraph: 4, span: [120, 180], quote: "...",
     note: paraphrase, claim: position, added_by: analyst}
"""


def _doc_examples() -> list[tuple[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```(yaml|json)\n(.*?)```", text, re.S)
    return [(kind, body) for kind, body in blocks if body.lstrip().startswith(("accord", "{"))]


# -- reading -------------------------------------------------------------------------------


def test_reads_every_section() -> None:
    c = parse_model(PRISONERS)
    assert c.name == "prisoners-dilemma"
    assert c.metadata.date == dt.date(2026, 11, 20)
    assert c.metadata.author == "someone: with a colon"
    assert dict(c.metadata.extra) == {"venue": {"city": "Geneva", "year": 1950}}
    row, col = c.decision_makers
    assert row.label == "Row player"
    assert row.options == (
        Option("row_defects", "Row defects", "...", "both"),
        Option("row_waits", "Row waits"),
    )
    assert col.options == (Option("col_defects"),)
    assert c.infeasible == (Infeasibility("row_defects & row_waits"),)
    assert c.preferences["Row"] == Statements(
        (Statement("-col_defects"), Statement("row_defects", "defect myself"))
    )
    assert c.preferences["Col"] == Ranking(
        ((6,), (1, 2), ("row_defects & col_defects",), (3,), (4,))
    )
    assert c.status_quo == "-row_defects & -col_defects & -row_waits"
    assert c.coalitions == (("Row", "Col"),)
    assert dict(c.misperceptions) == {"Row": ("col_defects",)}
    assert c.sources == (
        Source("s1", "A book", "Press", dt.date(2026, 1, 10), "https://x.org/a", "abc", "n"),
    )
    assert c.evidence == (
        Evidence(
            "Row.preferences[0]", "s1", 4, (120, 180), "...", "paraphrase", "position", "analyst"
        ),
    )
    assert len(c.states) == 6


def test_short_and_long_forms_give_the_same_model() -> None:
    short = """\
accord: 1
name: m
decision_makers:
  A: {options: [a1, a2]}
  B: {options: {b1: Label}}
infeasible: [a1 & a2]
preferences:
  A: [a1, -b1]
  B: [b1]
"""
    long = """\
accord: 1
name: m
decision_makers:
  A:
    options:
      a1: {}
      a2:
  B:
    options:
      b1: {label: Label, reversibility: both}
infeasible:
  - condition: a1 & a2
preferences:
  A:
    statements: [{statement: a1}, "-b1"]
  B: {statements: [b1]}
"""
    assert parse_model(short) == parse_model(long)


def test_keys_are_names_as_written() -> None:
    text = """\
accord: 1
name: "2026"
decision_makers:
  No: {options: [x]}
  2026: {options: [y]}
  "null": {options: [z]}
preferences: {No: [x], 2026: [y], "null": [z]}
"""
    c = parse_model(text)
    assert c.dm_names == ("No", "2026", "null")
    assert parse_model(generate_model(c)) == c


def test_json_is_read_by_name_or_by_its_first_character() -> None:
    c = parse_model(PRISONERS)
    text = generate_model(c, format="json")
    assert json.loads(text)["accord"] == 1
    assert parse_model(text, filename="m.json") == c
    assert parse_model(text) == c  # starts with '{'


def test_a_yaml_flow_mapping_is_still_yaml() -> None:
    text = "{accord: 1, name: m, decision_makers: {A: {options: [a]}, B: {options: [b]}}, "
    text += "preferences: {A: [a], B: [b]}}"
    assert parse_model(text).dm_names == ("A", "B")


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    text = "\ufeff" + PRISONERS.replace("\n", "\r\n")
    assert parse_model(text) == parse_model(PRISONERS)


@pytest.mark.parametrize(("kind", "body"), _doc_examples())
def test_documented_examples_read_and_round_trip(kind: str, body: str) -> None:
    c = parse_model(body, filename=f"example.{kind}")
    assert parse_model(generate_model(c)) == c
    assert parse_model(generate_model(c, format="json"), filename="x.json") == c


def test_documented_payoffs() -> None:
    _kind, body = _doc_examples()[0]
    c = parse_model(body)
    assert c.payoffs["City"].tolist() == [2, 3, 0, 1, 2, 4]
    assert c.payoffs["Vendors"].tolist() == [4, 0, 1, 3, 2, 2]


# -- writing -------------------------------------------------------------------------------


def test_canonical_yaml() -> None:
    c = parse_model(PRISONERS)
    text = generate_model(c)
    assert text.startswith("accord: 1\nname: prisoners-dilemma\n")
    assert "reversibility: both" not in text  # defaults are left out
    assert "col_defects: {}" in text  # options are full mappings
    assert "label: ''" not in text
    assert "&" not in text.split("infeasible")[0]  # no anchors anywhere before conditions
    data = yaml.safe_load(text)
    assert list(data)[:3] == ["accord", "name", "metadata"]
    assert data["preferences"]["Col"] == {"ranking": [6, [1, 2], "row_defects & col_defects", 3, 4]}
    assert generate_model(parse_model(text)) == text  # canonical form is a fixed point


def test_empty_sections_are_left_out() -> None:
    c = Conflict(
        name="m",
        decision_makers=(DecisionMaker("A", (Option("a"),)), DecisionMaker("B", (Option("b"),))),
        preferences={"A": Statements((Statement("a"),)), "B": Statements(())},
    )
    text = generate_model(c)
    for section in ("metadata", "infeasible", "status_quo", "coalitions", "sources", "states"):
        assert f"{section}:" not in text
    assert parse_model(text) == c


def test_write_and_read_files(tmp_path: Path) -> None:
    c = parse_model(PRISONERS)
    for name in ("m.yaml", "m.json", "m.yml"):
        target = tmp_path / name
        write_model(c, target)
        assert read_model(target) == c
    assert (tmp_path / "m.json").read_text(encoding="utf-8").startswith("{")
    write_model(c, tmp_path / "forced.txt", format="json")
    assert read_model(tmp_path / "forced.txt") == c
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forced.txt", "m.json", "m.yaml", "m.yml"]


def test_graph_form_round_trip() -> None:
    c = Conflict(
        name="graph",
        decision_makers=(
            DecisionMaker("A", (Option("a1"), Option("a2"))),
            DecisionMaker("B", (Option("b1"),)),
        ),
        preferences={
            "A": Statements((Statement("a1 IF b1"),)),
            "B": Ranking(((7,), (2, 3))),
        },
        graph=GraphForm(
            states=(
                GraphState(2, "two", frozenset({"b1", "a1"}), (frozenset({"a1", "b1"}),)),
                GraphState(7, taken=frozenset()),
                GraphState(3, "three", frozenset({"a2"}), (frozenset({"a2"}), frozenset())),
            ),
            moves={"A": ((2, 7), (7, 3)), "B": ((3, 2),)},
        ),
        status_quo=7,
    )
    text = generate_model(c)
    assert "taken: [a1, b1]" in text  # in option order
    assert "taken: []" in text
    assert parse_model(text) == c
    assert parse_model(generate_model(c, format="json")) == c


def test_unwritable_metadata_is_a_type_error() -> None:
    c = parse_model(PRISONERS)
    bad = c.replace(metadata=Metadata(extra={"x": object()}))
    with pytest.raises(TypeError, match="metadata 'x'"):
        generate_model(bad)
    with pytest.raises(ValueError, match="format must be"):
        generate_model(c, format="toml")  # type: ignore[arg-type]


# -- round trips of random models ------------------------------------------------------------

_SPECIAL_TEXT = (
    "",
    ": ",
    "a: b # c",
    "#",
    "'",
    '"',
    "- x",
    "-",
    "yes",
    "No",
    "null",
    "~",
    "1.5",
    "1",
    "0x1F",
    "true",
    "2026-01-01",
    "[a]",
    "{b}",
    "&x",
    "*y",
    "!t",
    "%",
    "@",
    "`",
    "<<",
    "?",
    "|",
    ">",
    "---",
    "...",
    " lead",
    "trail ",
    "two\nlines",
    "trailing newline\n",
    "tab\there",
    "é ü 中文 🙂",
    "line\u2028sep",
    "cr\rhere",
    "nel\x85",
    "back\\slash",
    "\x00\x07",
)

_labels = st.one_of(
    st.sampled_from(_SPECIAL_TEXT),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)
_identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s.lower() not in RESERVED_WORDS
)
_dm_names = _labels.filter(lambda s: bool(s) and s == s.strip() and not set(s) & {",", "+"})
_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _conditions(names: list[str]) -> st.SearchStrategy[Expr]:
    return conditions(tuple(names), max_leaves=6)


def _spelled(expr: Expr, draw: st.DrawFn) -> str:
    """Canonical text, sometimes with the word operators or extra spaces."""
    text = to_text(expr)
    style = draw(st.sampled_from(["canonical", "words", "tight"]))
    if style == "words":
        text = text.replace(" & ", " and ").replace(" | ", " or ").replace("-", "not ")
        text = text.replace(" IF ", " if ").replace(" IFF ", " Iff ")
    elif style == "tight":
        text = text.replace(" & ", "&").replace(" | ", "|")
    return text


def _json_values(dates: bool) -> st.SearchStrategy[Any]:
    scalars: st.SearchStrategy[Any] = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        _labels,
    )
    if dates:
        scalars = scalars | _dates
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(_identifiers.map(lambda s: "k_" + s), inner, max_size=3)
        ),
        max_leaves=6,
    )


def _full_assignment(c: Conflict, index: int) -> str:
    taken = c.states.taken(index)
    return " & ".join(name if taken[name] else f"-{name}" for name in c.option_names)


@st.composite
def option_form_conflicts(draw: st.DrawFn, json_safe: bool = False) -> Conflict:
    n_dms = draw(st.integers(2, 4))
    dm_names = draw(st.lists(_dm_names, min_size=n_dms, max_size=n_dms, unique=True))
    counts = [draw(st.integers(1, 3)) for _ in dm_names]
    names = draw(st.lists(_identifiers, min_size=sum(counts), max_size=sum(counts), unique=True))
    dms = []
    start = 0
    for dm, count in zip(dm_names, counts, strict=True):
        options = tuple(
            Option(
                name,
                label=draw(_labels),
                description=draw(_labels),
                reversibility=draw(st.sampled_from(REVERSIBILITIES)),
            )
            for name in names[start : start + count]
        )
        start += count
        dms.append(DecisionMaker(dm, options, label=draw(_labels), description=draw(_labels)))
    exprs = _conditions(names)
    infeasible = tuple(
        Infeasibility(_spelled(draw(exprs), draw), draw(_labels))
        for _ in range(draw(st.integers(0, 2)))
    )
    statements = {
        dm: Statements(
            tuple(
                Statement(_spelled(draw(exprs), draw), draw(_labels))
                for _ in range(draw(st.integers(0, 3)))
            )
        )
        for dm in dm_names
    }
    base = Conflict(name="probe", decision_makers=tuple(dms), preferences=statements)
    try:
        probe = base.replace(infeasible=infeasible)
    except Exception:  # every state removed: keep the model without infeasibilities
        infeasible, probe = (), base
    n_states = len(probe.states)
    preferences: dict[str, Statements | Ranking] = dict(statements)
    for dm in dm_names:
        if draw(st.booleans()):
            order = draw(st.permutations(list(range(n_states))))
            cuts = sorted(draw(st.sets(st.integers(1, max(1, n_states - 1)), max_size=3)))
            groups: list[tuple[int | str, ...]] = []
            previous = 0
            for cut in [*cuts, n_states]:
                if cut > previous:
                    groups.append(
                        tuple(
                            _full_assignment(probe, i) if draw(st.booleans()) else i + 1
                            for i in order[previous:cut]
                        )
                    )
                previous = cut
            preferences[dm] = Ranking(tuple(groups))
    status_quo = draw(
        st.one_of(
            st.none(),
            st.integers(1, n_states),
            st.integers(0, n_states - 1).map(lambda i: _full_assignment(probe, i)),
        )
    )
    metadata = Metadata(
        title=draw(_labels),
        date=draw(st.none() | _dates),
        author=draw(_labels),
        tags=tuple(draw(st.lists(_labels, max_size=3))),
        description=draw(_labels),
        extra=draw(
            st.dictionaries(
                _identifiers.map(lambda s: "x_" + s), _json_values(not json_safe), max_size=3
            )
        ),
    )
    sources = tuple(
        Source(
            id=sid,
            title=draw(_labels),
            outlet=draw(_labels),
            published=draw(st.none() | _dates),
            url=draw(_labels),
            sha256=draw(st.sampled_from(["", "0" * 64])),
            note=draw(_labels),
        )
        for sid in draw(st.lists(_identifiers, max_size=2, unique=True))
    )
    final = probe.replace(infeasible=infeasible, preferences=preferences, status_quo=status_quo)
    refs = [*element_refs(final), *final.option_names]
    evidence = tuple(
        Evidence(
            about=draw(st.sampled_from(refs)),
            source=draw(st.sampled_from(["", *[s.id for s in sources]])),
            paragraph=draw(st.none() | st.integers(1, 99)),
            span=draw(
                st.none()
                | st.tuples(st.integers(0, 500), st.integers(0, 500)).map(
                    lambda p: (min(p), max(p))
                )
            ),
            quote=draw(_labels),
            note=draw(_labels),
            claim=draw(st.sampled_from(("", *CLAIM_TYPES))),
            added_by=draw(_labels),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    coalitions: tuple[tuple[str, ...], ...] = ()
    if draw(st.booleans()):
        coalitions = ((dm_names[0], dm_names[1]),)
    misperceptions = {}
    if draw(st.booleans()):
        misperceptions = {dm_names[-1]: (_spelled(draw(exprs), draw),)}
    return final.replace(
        name=draw(_labels.filter(lambda s: bool(s.strip()))),
        coalitions=coalitions,
        misperceptions=misperceptions,
        metadata=metadata,
        sources=sources,
        evidence=evidence,
    )


@st.composite
def graph_form_conflicts(draw: st.DrawFn) -> Conflict:
    n_dms = draw(st.integers(2, 3))
    dm_names = draw(st.lists(_dm_names, min_size=n_dms, max_size=n_dms, unique=True))
    names = draw(st.lists(_identifiers, min_size=n_dms, max_size=2 * n_dms, unique=True))
    per = len(names) // n_dms
    names = names[: per * n_dms]
    dms = tuple(
        DecisionMaker(dm, tuple(Option(n) for n in names[i * per : (i + 1) * per]))
        for i, dm in enumerate(dm_names)
    )
    ids = draw(st.lists(st.integers(1, 40), min_size=2, max_size=6, unique=True))
    subsets = st.frozensets(st.sampled_from(names), max_size=len(names))
    with_taken = draw(st.booleans())
    states = tuple(
        GraphState(
            sid,
            label=draw(_labels),
            taken=draw(subsets) if with_taken else draw(st.none() | subsets),
            members=tuple(draw(st.lists(subsets, max_size=3))),
        )
        for sid in ids
    )
    arcs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda a: a[0] != a[1]),
            max_size=8,
            unique=True,
        )
    )
    moves: dict[str, list[tuple[int, int]]] = {}
    for arc in arcs:
        moves.setdefault(draw(st.sampled_from(dm_names)), []).append(arc)
    preferences: dict[str, Statements | Ranking] = {}
    for dm in dm_names:
        if with_taken and draw(st.booleans()):
            preferences[dm] = Statements((Statement(_spelled(draw(_conditions(names)), draw)),))
        else:
            preferences[dm] = Ranking(tuple((i,) for i in draw(st.permutations(ids))))
    return Conflict(
        name=draw(_labels.filter(lambda s: bool(s.strip()))),
        decision_makers=dms,
        preferences=preferences,
        graph=GraphForm(states, {dm: tuple(m) for dm, m in moves.items()}),
        status_quo=draw(st.none() | st.sampled_from(ids)),
    )


_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@settings(_SETTINGS, max_examples=120)
@given(option_form_conflicts())
def test_random_option_form_round_trip_yaml(c: Conflict) -> None:
    text = generate_model(c)
    assert text.startswith("accord: 1\n")
    assert parse_model(text) == c
    assert generate_model(parse_model(text)) == text


@_SETTINGS
@given(option_form_conflicts(json_safe=True))
def test_random_option_form_round_trip_json(c: Conflict) -> None:
    text = generate_model(c, format="json")
    assert parse_model(text, filename="m.json") == c


@_SETTINGS
@given(graph_form_conflicts())
def test_random_graph_form_round_trip(c: Conflict) -> None:
    assert parse_model(generate_model(c)) == c
    assert parse_model(generate_model(c, format="json"), filename="m.json") == c
