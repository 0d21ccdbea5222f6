"""The report as data: frozen sections that the templates render as HTML or Markdown.

Every piece of text here is plain text in the analyst's words; escaping is the renderer's
job.  Footnote marks are note numbers (see :class:`Note`); a :class:`Marked` text carries
the marks of the notes that support it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SECTIONS",
    "Block",
    "Bullet",
    "CoalitionsSection",
    "ConceptEntry",
    "DMEntry",
    "EquilibriaSection",
    "EquilibriumRow",
    "GraphEdge",
    "GraphNode",
    "GraphSection",
    "LeverageSection",
    "Marked",
    "ModelSection",
    "Note",
    "OptionEntry",
    "PathsSection",
    "QuestionSection",
    "Report",
    "SourceEntry",
    "SourcesSection",
    "StabilitySection",
]

#: The sections of every report, in order: (id, heading).  Ids and headings are stable.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("question", "1. The question"),
    ("model", "2. The model"),
    ("stability", "3. Stability"),
    ("equilibria", "4. The equilibria in words"),
    ("paths", "5. Where the status quo can lead"),
    ("coalitions", "6. What coalitions change"),
    ("leverage", "7. What would make the focus state stable"),
    ("graph", "8. The graph"),
    ("sources", "9. Sources and evidence"),
)


@dataclass(frozen=True)
class Marked:
    """Text with footnote marks; ``detail`` is an optional formal rendering (a condition)."""

    text: str
    notes: tuple[int, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class Bullet:
    """One item of a list, with optional sub-items."""

    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A titled paragraph followed by a list (numbered for the steps of a route); any part
    may be empty."""

    title: str = ""
    text: str = ""
    bullets: tuple[Bullet, ...] = ()
    numbered: bool = False


@dataclass(frozen=True)
class QuestionSection:
    """Section 1: the question the model answers, the focus state if there is one, and the
    answer in brief (one sentence per finding, each pointing to its section)."""

    text: str
    given: bool
    focus: str = ""
    brief: tuple[str, ...] = ()


@dataclass(frozen=True)
class OptionEntry:
    """One option: what it means, whether it can be undone, and its value at two states.

    ``status_quo`` and ``focus`` are ``None`` when there is no such state or the state has no
    option pattern (graph form).
    """

    name: str
    title: Marked
    description: str
    reversibility: str
    status_quo: bool | None
    focus: bool | None


@dataclass(frozen=True)
class DMEntry:
    """One decision maker: who it is, what it can do, and what it wants, most important first."""

    name: Marked
    label: str
    description: str
    options: tuple[OptionEntry, ...]
    wants: tuple[Marked, ...]
    wants_intro: str


@dataclass(frozen=True)
class ModelSection:
    """Section 2: the model in words and as a table."""

    summary: str
    dms: tuple[DMEntry, ...]
    impossible: tuple[Marked, ...]
    irreversible: tuple[str, ...]
    status_quo: Marked | None
    focus: str
    n_states: int
    n_options: int
    graph_form: bool


@dataclass(frozen=True)
class ConceptEntry:
    """One solution concept: what it assumes, its rule, and its equilibria (state ids)."""

    key: str
    title: str
    assumption: str
    rule: str
    equilibria: tuple[int, ...]
    sentence: str


@dataclass(frozen=True)
class EquilibriumRow:
    """A row of the table of equilibria: the state, in words, and one flag per concept."""

    state: int
    words: str
    concepts: tuple[bool, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class StabilitySection:
    """Section 3: the concepts and the equilibria under each."""

    concepts: tuple[ConceptEntry, ...]
    rows: tuple[EquilibriumRow, ...]
    omitted: str


@dataclass(frozen=True)
class EquilibriaSection:
    """Section 4: each equilibrium described, and why the status quo holds or not."""

    equilibria: tuple[Block, ...]
    status_quo: Block
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PathsSection:
    """Section 5: where unilateral improvements lead from the status quo."""

    summary: tuple[str, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CoalitionsSection:
    """Section 6: what coalitions can do that single decision makers cannot.

    ``sticking`` lists the joint moves the others cannot answer, as (from, to, coalition)
    with state indices, for the graph; ``headline`` is the finding in one sentence.
    """

    summary: tuple[str, ...]
    blocks: tuple[Block, ...]
    skipped: str
    sticking: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    headline: str = ""


@dataclass(frozen=True)
class LeverageSection:
    """Section 7: the smallest change of priorities that would make the focus state stable;
    ``headline`` is the finding in one sentence (empty when there is none)."""

    question: str
    summary: tuple[str, ...]
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]
    headline: str = ""


@dataclass(frozen=True)
class GraphNode:
    """A state drawn in the graph: its id, role and words."""

    state: int
    role: str
    words: str
    concepts: str


@dataclass(frozen=True)
class GraphEdge:
    """A step drawn in the graph (state ids) and who takes it.

    ``kind`` is ``improvement`` (the mover gains), ``other`` (a move on the way to the focus
    state that does not improve the mover's position) or ``joint`` (a coalition's joint move
    that the others cannot answer).
    """

    source: int
    target: int
    mover: str
    kind: str


@dataclass(frozen=True)
class GraphSection:
    """Section 8: the drawing (SVG text, empty when not drawn) and what it shows."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    svg: str
    caption: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    """A numbered note: one evidence item, and the element it supports."""

    number: int
    about: str
    source: str
    where: str
    claim: str
    quote: str
    text: str
    judgement: bool
    url: str


@dataclass(frozen=True)
class SourceEntry:
    """A source as the reader needs it: title, outlet, date, link, and how often it is cited."""

    id: str
    title: str
    outlet: str
    published: str
    url: str
    note: str
    cited: int


@dataclass(frozen=True)
class SourcesSection:
    """Section 9: the notes, the sources, and the elements no evidence supports."""

    summary: str
    notes: tuple[Note, ...]
    sources: tuple[SourceEntry, ...]
    unsupported: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """A whole report, ready to render.

    Attributes
    ----------
    title
        The model's title (or name).
    name
        The model's short name.
    description
        The model's description, if any.
    version, model_hash
        The accord version and the model's fingerprint, for the record.
    concepts
        The concepts analysed, in order.
    question, model, stability, equilibria, paths, coalitions, leverage, graph, sources
        The nine sections, in the order of :data:`SECTIONS`.
    """

    title: str
    name: str
    description: str
    version: str
    model_hash: str
    concepts: tuple[str, ...]
    question: QuestionSection
    model: ModelSection
    stability: StabilitySection
    equilibria: EquilibriaSection
    paths: PathsSection
    coalitions: CoalitionsSection
    leverage: LeverageSection
    graph: GraphSection
    sources: SourcesSection

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        """(id, heading) of every section, in order."""
        return SECTIONS
