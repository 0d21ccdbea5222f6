"""Robustness results: plain text for a terminal, Markdown, JSON, and a progress bar.

Each concept gets a table of the states that are an equilibrium in some variant — the
status quo and the focus state first, then by share — with the share, its interval and the
items that swing it most; then the robust conclusions; then the most telling ones in words:
"state 198 is an SEQ equilibrium in 34 % of variants (95 % CI 31–37 %); fixing
US.unordered[0] as 'press Moscow … > no costly pressure …' raises it to 100 %, the other
way 0 %".
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from accord.reports.progress import DELAY
from accord.reports.stability import concept_title

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

    from accord.core.analysis.robustness.aggregate import (
        ItemEffect,
        Robustness,
        StateShare,
        WayShare,
    )

__all__ = [
    "FORMAT",
    "SHOW",
    "VariantProgress",
    "percent",
    "robustness_dict",
    "robustness_lines",
    "robustness_markdown",
    "state_sentence",
]

#: Identifies the layout of the JSON document.
FORMAT = "accord-robustness/1"
#: How many hinging states a table lists per concept, unless told otherwise.
SHOW = 15
#: How many items a table row names.
ITEMS_PER_ROW = 2
#: How many states per concept are described in words, beyond the status quo and focus.
IN_WORDS = 3
#: A way's label is cut to this many characters in tables and sentences.
WAY_WIDTH = 60


# -- numbers and words ------------------------------------------------------------------
def percent(x: float, *, exact: bool = False) -> str:
    """A share as a percentage for readers: ``34 %``, ``<1 %``, ``>99 %``, ``12.5 %``.

    Shares strictly between 0 and 1 never print as 0 % or 100 %.

    Examples
    --------
    >>> percent(0.344), percent(0.001), percent(0.9999), percent(0.125, exact=True)
    ('34 %', '<1 %', '>99 %', '12.5 %')
    """
    if x <= 0:
        return "0 %"
    if x >= 1:
        return "100 %"
    value = x * 100
    text = f"{value:.1f}".removesuffix(".0") if exact else f"{value:.0f}"
    if float(text) <= 0:
        return "<1 %" if not exact else "<0.1 %"
    if float(text) >= 100:
        return ">99 %" if not exact else ">99.9 %"
    return f"{text} %"


def _range(low: float, high: float, exact: bool) -> str:
    a, b = percent(low, exact=exact), percent(high, exact=exact)
    return a if a == b else f"{a.removesuffix(' %')}–{b}"


def _cut(text: str, width: int = WAY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _exact(result: Robustness) -> bool:
    return result.record.enumerated


def _bounds_title(result: Robustness) -> str:
    """The interval column's title; none for a finished enumeration, whose shares are exact."""
    if not result.record.enumerated:
        return "95 % CI"
    return "bounds" if result.record.partial else ""


def _interval_words(share: StateShare, exact: bool, partial: bool) -> str:
    if exact and not partial:
        return "exactly, over every variant with its probability"
    if exact:
        return f"between {_range(share.low, share.high, True)} whatever the unfinished variants say"
    return f"95 % CI {_range(share.low, share.high, False)}"


def _effect_short(effect: ItemEffect, exact: bool) -> str:
    low, high = effect.lowest, effect.highest
    return (
        f"{effect.item} ({percent(low.share or 0.0, exact=exact)} ↔ "
        f"{percent(high.share or 0.0, exact=exact)})"
    )


def _way_phrase(way: WayShare, share: float, exact: bool) -> str:
    value = way.share or 0.0
    shown = percent(value, exact=exact)
    if percent(share, exact=exact) == shown:
        return f"leaves it at {shown}"
    return f"raises it to {shown}" if value > share else f"lowers it to {shown}"


def _effect_words(effect: ItemEffect, share: float, exact: bool) -> str:
    high, low = effect.highest, effect.lowest
    first = f"fixing {effect.item} as '{_cut(high.way)}' {_way_phrase(high, share, exact)}"
    seen = [w for w in effect.ways if w.share is not None]
    if len(seen) == 2:
        return f"{first}, the other way {percent(low.share or 0.0, exact=exact)}"
    return f"{first}; as '{_cut(low.way)}' it {_way_phrase(low, share, exact)}"


def _with_article(title: str) -> str:
    """``a Nash``, ``a GMR``, ``an SMR``, ``an SEQ``, ``an L_2``, ``an NM``."""
    spoken_vowel = title[:1] in "AEFHILMNORSX" and title != "Nash"
    return f"{'an' if spoken_vowel else 'a'} {title}"


def _state_name(share: StateShare) -> str:
    roles = f" ({', '.join(share.roles)})" if share.roles else ""
    return f"state {share.state}{roles}"


def state_sentence(result: Robustness, share: StateShare) -> str:
    """One conclusion in words: its share, interval, and the item that swings it most."""
    exact = _exact(result)
    partial = result.record.partial
    title = _with_article(concept_title(share.concept))
    name = _state_name(share)
    name = name[0].upper() + name[1:]
    if share.variants == 0:
        return f"{name}: no variant was evaluated."
    if share.status == "always":
        return f"{name} is {title} equilibrium in every variant evaluated."
    if share.status == "never":
        return f"{name} is {title} equilibrium in no variant evaluated."
    text = (
        f"{name} is {title} equilibrium in {percent(share.share, exact=exact)} of variants "
        f"({_interval_words(share, exact, partial)})"
    )
    clear = [e for e in share.effects if e.significant]
    if clear:
        text += "; " + _effect_words(clear[0], share.share, exact)
        if len(clear) > 1:
            text += f"; next {clear[1].item} ({percent(clear[1].swing, exact=exact)} swing)"
    elif share.effects:
        text += "; no single item moves it beyond sampling noise"
    return text + "."


def _headline(result: Robustness) -> str:
    r = result.record
    title = result.conflict.metadata.title or result.conflict.name
    if r.enumerated:
        how = f"all {r.planned:,} variants, each with its probability"
    else:
        how = f"{r.planned:,} variants sampled of {r.space_size:,} (seed {r.seed})"
    if r.partial:
        how += f" — interrupted: {r.evaluated:,} of {r.planned:,} evaluated"
    return f"{title}: robustness over {how}"


def _items_line(result: Robustness) -> str:
    if not result.items:
        return "No uncertain items: one variant, with the model's unknown state pairs."
    parts = []
    for item in result.items:
        if item.kind == "probable":
            parts.append(f"{item.key} (kept {percent(item.weights[0])})")
        else:
            parts.append(f"{item.key} ({len(item.ways)} ways)")
    return "Uncertain items: " + ", ".join(parts) + "."


def _runner_line(result: Robustness) -> str:
    r = result.record
    where = f"Dask scheduler {r.scheduler}" if r.runner == "dask" else "local processes"
    if r.runner == "local" and len(r.workers) <= 1:
        where = "one process"
    workers = len(r.workers)
    repeats = "" if r.enumerated else f" ({r.distinct:,} distinct variants)"
    return (
        f"Ran {r.tasks:,} tasks{repeats} of up to {r.batch_size:,} variants on {where} "
        f"({workers} worker{'s' if workers != 1 else ''}) in {r.seconds:.1f} s; "
        f"the engine took {r.seconds_per_variant * 1000:.1f} ms per variant."
    )


def _summary(result: Robustness, concept: str) -> str:
    rows = result.states[concept]
    some = [s for s in rows if s.count > 0]
    always = result.robust(concept)
    hinging = result.hinging(concept)
    title = concept_title(concept)
    return (
        f"{title}: {len(some):,} state(s) are equilibria in some variant; "
        f"{len(always):,} in every variant (robust), {len(hinging):,} hinge on the uncertain items."
    )


def _shown(result: Robustness, concept: str, show: int) -> tuple[list[StateShare], int]:
    """The rows a table lists: roles first, then hinging states, by share, up to ``show``."""
    rows = result.states[concept]
    keep = [s for s in rows if s.roles]
    rest = [s for s in rows if not s.roles and s.status == "sometimes"]
    listed = keep + rest[:show]
    return listed, len(rest) - len(rest[:show])


def _in_words(result: Robustness, concept: str) -> list[StateShare]:
    rows = result.states[concept]
    picked = [s for s in rows if s.roles]
    picked += [s for s in rows if not s.roles and s.status == "sometimes"][:IN_WORDS]
    return picked


def _ids(shares: tuple[StateShare, ...] | list[StateShare]) -> str:
    ids = sorted(s.state for s in shares)
    shown = ", ".join(map(str, ids[:40]))
    return shown + (f", … ({len(ids):,} in all)" if len(ids) > 40 else "")


# -- plain text ------------------------------------------------------------------------------
def robustness_lines(result: Robustness, show: int = SHOW) -> list[str]:
    """The result as text for a terminal: per concept a table, the robust states, in words."""
    exact = _exact(result)
    lines = [_headline(result), _items_line(result), _runner_line(result)]
    for concept in result.concepts:
        lines += ["", _summary(result, concept)]
        listed, more = _shown(result, concept, show)
        if listed:
            bounds = _bounds_title(result)
            header = ["state", "role", "share", *([bounds] if bounds else []), "swung most by"]
            table = [header]
            for s in listed:
                swung = ", ".join(
                    _effect_short(e, exact)
                    for e in [e for e in s.effects if e.significant][:ITEMS_PER_ROW]
                )
                table.append(
                    [
                        str(s.state),
                        ", ".join(s.roles),
                        percent(s.share, exact=exact),
                        *([_range(s.low, s.high, exact)] if bounds else []),
                        swung or ("—" if s.robust else "(noise only)"),
                    ]
                )
            widths = [max(len(row[k]) for row in table) for k in range(len(header))]
            right = {0, 2, 3} if bounds else {0, 2}
            for row in table:
                cells = [
                    cell.rjust(widths[k]) if k in right else cell.ljust(widths[k])
                    for k, cell in enumerate(row)
                ]
                lines.append("  " + "  ".join(cells).rstrip())
            if more:
                lines.append(f"  … and {more:,} more hinging state(s) (raise --show to list them)")
        always = result.robust(concept)
        if always:
            lines.append(f"  Robust, an equilibrium in every variant: {_ids(always)}.")
        lines.append("  In words:")
        lines += [f"  - {state_sentence(result, s)}" for s in _in_words(result, concept)]
    return lines


# -- Markdown ----------------------------------------------------------------------------------
def robustness_markdown(result: Robustness, show: int = SHOW) -> str:
    """The result in Markdown: a section per concept with its table and sentences."""
    exact = _exact(result)
    out = [f"**{_headline(result)}**", "", _items_line(result), "", _runner_line(result), ""]
    for concept in result.concepts:
        out += [f"### {concept_title(concept)}", "", _summary(result, concept), ""]
        listed, more = _shown(result, concept, show)
        if listed:
            bounds = _bounds_title(result)
            out += [
                f"| state | role | share | {bounds + ' | ' if bounds else ''}swung most by |",
                f"|---:|---|---:|{'---:|' if bounds else ''}---|",
            ]
            for s in listed:
                effects = ", ".join(
                    f"`{e.item}` ({percent(e.lowest.share or 0.0, exact=exact)} ↔ "
                    f"{percent(e.highest.share or 0.0, exact=exact)})"
                    for e in [e for e in s.effects if e.significant][:ITEMS_PER_ROW]
                )
                interval = f"{_range(s.low, s.high, exact)} | " if bounds else ""
                out.append(
                    f"| {s.state} | {', '.join(s.roles)} | {percent(s.share, exact=exact)} | "
                    f"{interval}{effects or '—'} |"
                )
            if more:
                out += ["", f"… and {more:,} more hinging state(s)."]
            out.append("")
        always = result.robust(concept)
        if always:
            out += [f"Robust, an equilibrium in every variant: {_ids(always)}.", ""]
        out += [f"- {state_sentence(result, s)}" for s in _in_words(result, concept)]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- JSON ------------------------------------------------------------------------------------
#: Shares and intervals in JSON are rounded to this many decimals (a millionth).
DECIMALS = 6


def _r(x: float) -> float:
    return round(x, DECIMALS)


def _share_dict(s: StateShare) -> dict[str, Any]:
    return {
        "id": s.state,
        "roles": list(s.roles),
        "status": s.status,
        "count": s.count,
        "variants": s.variants,
        "share": _r(s.share),
        "interval": [_r(s.low), _r(s.high)],
        "sensitivity": [
            {
                "item": e.item,
                "swing": _r(e.swing),
                "significant": e.significant,
                "shares": [None if w.share is None else _r(w.share) for w in e.ways],
                "variants": [w.variants for w in e.ways],
            }
            for e in s.effects
        ],
    }


def robustness_dict(result: Robustness) -> dict[str, Any]:
    """The result as a JSON-ready dict (``accord-robustness/1``, docs/results-schema.md)."""
    from accord import __version__
    from accord.reports.json_results import model_json

    r = result.record
    parameters = {
        "samples": r.samples,
        "seed": r.seed,
        "concepts": list(r.concepts),
        "extension": r.extension,
    }
    return {
        "format": FORMAT,
        "accord": __version__,
        "model": model_json(result.conflict),
        "partial": r.partial,
        "method": "enumerated" if r.enumerated else "sampled",
        "samples": r.samples,
        "seed": r.seed,
        "space_size": r.space_size,
        "planned": r.planned,
        "variants": r.evaluated,
        "concepts": list(r.concepts),
        "extension": r.extension,
        "items": [
            {
                "key": item.key,
                "dm": item.dm,
                "kind": item.kind,
                "ways": list(item.ways),
                "weights": list(item.weights),
            }
            for item in result.items
        ],
        "states": {c: [_share_dict(s) for s in result.states[c]] for c in result.concepts},
        "robust": {c: sorted(s.state for s in result.robust(c)) for c in result.concepts},
        "hinging": {c: [s.state for s in result.hinging(c)] for c in result.concepts},
        "workers": dict(r.workers),
        "run": {
            "runner": r.runner,
            "scheduler": r.scheduler,
            "distinct": r.distinct,
            "tasks": r.tasks,
            "batch_size": r.batch_size,
            "seconds": r.seconds,
            "engine_seconds": r.engine_seconds,
            "setup_seconds": r.setup_seconds,
            "seconds_per_variant": r.seconds_per_variant,
        },
        "provenance": {
            "model_hash": r.model_hash,
            "accord_version": r.accord_version,
            "parameters": parameters,
        },
    }


# -- progress ------------------------------------------------------------------------------
class VariantProgress:
    """A bar on stderr counting evaluated variants; silent unless stderr is a terminal.

    Like :class:`~accord.reports.progress.Progress`, it appears only once the run has lasted
    ``delay`` seconds.  Use it as a context manager and pass :meth:`update` as the run's
    progress callback.

    Parameters
    ----------
    console
        Where to draw; by default a rich console on stderr.
    enabled
        Force drawing on or off; by default only when stderr is a terminal.
    delay
        Seconds before the bar appears.
    """

    def __init__(
        self, *, console: Console | None = None, enabled: bool | None = None, delay: float = DELAY
    ) -> None:
        if enabled is None:
            enabled = console.is_terminal if console is not None else _stderr_is_terminal()
        self.enabled = enabled
        self.delay = delay
        self._console = console
        self._start = time.perf_counter()
        self._bar: Bar | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def update(self, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` variants are evaluated."""
        if not self.enabled:
            return
        if self._bar is None:
            if time.perf_counter() - self._start < self.delay or done >= total:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("evaluating variants"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=self._console or Console(stderr=True),
                transient=True,
                redirect_stdout=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("variants", total=total)
        assert self._task is not None
        self._bar.update(self._task, completed=done, total=total)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
