"""Stability tables: for a terminal (rich), Markdown, and the summary of large models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from accord._types import BoolArray

if TYPE_CHECKING:
    from rich.console import RenderableType

    from accord.core.results import StabilityAnalysis

__all__ = ["MAX_TABLE_ROWS", "markdown_table", "rich_table", "row_indices", "summary_lines"]

#: Past this many rows a terminal gets a summary instead of a table.
MAX_TABLE_ROWS = 200

_TITLES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ", "nm": "NM"}


def concept_title(concept: str) -> str:
    """``GMR``, ``L_3`` ..."""
    if concept.startswith("lh:"):
        return f"L_{concept[3:]}"
    return _TITLES.get(concept, concept)


def row_indices(analysis: StabilityAnalysis, where: BoolArray | None = None) -> Iterator[int]:
    """State indices to show, in id order."""
    n = len(analysis.conflict.states)
    mask = np.ones(n, dtype=bool) if where is None else where
    ids = analysis.conflict.states.ids
    yield from (int(i) for i in np.flatnonzero(mask)[np.argsort(ids[mask], kind="stable")])


def _marks(analysis: StabilityAnalysis, concept: str, index: int) -> tuple[str, bool]:
    result = analysis.results[concept]
    marks = "".join("✓" if result.stable[dm][index] else "·" for dm in analysis.conflict.dm_names)
    return marks, bool(result.equilibria[index])


def rich_table(analysis: StabilityAnalysis, where: BoolArray | None = None) -> RenderableType:
    """The stability table for a terminal: one row per state, equilibria highlighted."""
    from rich.table import Table

    c = analysis.conflict
    space = c.states
    dms = c.dm_names
    table = Table(
        title=f"{c.metadata.title or c.name}: stability",
        caption="Per concept, one mark per decision maker in the order "
        + ", ".join(dms)
        + ": ✓ stable, · unstable; ★ equilibrium (stable for all)",
    )
    table.add_column("state", justify="right")
    for dm in dms:
        table.add_column(dm, justify="center")
    table.add_column("payoffs", justify="right")
    for concept in analysis.concepts:
        table.add_column(concept_title(concept), justify="center")
    for i in row_indices(analysis, where):
        pattern = space.pattern(i).split(" ") if space.codes[i] >= 0 else ["-"] * len(dms)
        cells = [str(int(space.ids[i])), *pattern]
        cells.append(" ".join(str(int(c.payoffs[dm][i])) for dm in dms))
        any_eq = False
        for concept in analysis.concepts:
            marks, eq = _marks(analysis, concept, i)
            any_eq |= eq
            cells.append(f"[bold green]{marks} ★[/]" if eq else f"{marks}  ")
        table.add_row(*cells, style="bold" if any_eq else None)
    return table


def markdown_table(analysis: StabilityAnalysis, where: BoolArray | None = None) -> str:
    """The stability table in Markdown, with equilibria in bold and a legend."""
    c = analysis.conflict
    space = c.states
    dms = c.dm_names
    head = ["state", *dms, "payoffs", *(concept_title(k) for k in analysis.concepts)]
    lines = [
        f"## {c.metadata.title or c.name}: stability",
        "",
        "Options per decision maker as Y/N in model order; payoffs in the order "
        + ", ".join(dms)
        + " (higher is better). Per concept one mark per decision maker: ✓ stable, "
        "· unstable; ★ marks an equilibrium.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---:" if k == 0 else ":---:" for k in range(len(head))) + "|",
    ]
    for i in row_indices(analysis, where):
        pattern = space.pattern(i).split(" ") if space.codes[i] >= 0 else ["-"] * len(dms)
        cells = [str(int(space.ids[i])), *pattern]
        cells.append(" ".join(str(int(c.payoffs[dm][i])) for dm in dms))
        for concept in analysis.concepts:
            marks, eq = _marks(analysis, concept, i)
            cells.append(f"**{marks} ★**" if eq else marks)
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *summary_lines(analysis, markdown=True)]
    return "\n".join(lines) + "\n"


def summary_lines(
    analysis: StabilityAnalysis, *, markdown: bool = False, limit: int = 50
) -> list[str]:
    """Per concept: how many states are stable for each DM, and the equilibria."""
    c = analysis.conflict
    n = len(c.states)
    out = ["### Equilibria" if markdown else "Equilibria"]
    for concept in analysis.concepts:
        result = analysis.results[concept]
        ids = analysis.equilibrium_ids(concept)
        shown = ", ".join(map(str, ids[:limit])) + (
            f", … ({len(ids)} in all)" if len(ids) > limit else ""
        )
        counts = ", ".join(f"{dm} {int(result.stable[dm].sum()):,}" for dm in c.dm_names)
        bullet = "- " if markdown else "  "
        out.append(
            f"{bullet}{concept_title(concept)}: {len(ids):,} of {n:,} states"
            + (f" — {shown}" if ids else "")
            + f" (stable per DM: {counts})"
        )
        out.extend(f"{bullet}  note: {note}" for note in result.notes)
    return out
