"""Status quo paths in the analyst's words (text and Markdown) and as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.core.analysis.words import changed_options, state_name

if TYPE_CHECKING:
    from accord.core.analysis.explain import Step
    from accord.core.analysis.paths import Path, PathStep, StatusQuoAnalysis
    from accord.core.model import Conflict

__all__ = [
    "MAX_LISTED",
    "Line",
    "move_dict",
    "move_words",
    "paths_dict",
    "paths_lines",
    "paths_markdown",
    "paths_text",
    "render_lines",
    "step_dict",
    "step_words",
]

#: At most this many reachable states are listed in text; JSON lists them all.
MAX_LISTED = 60

#: A line of a report: (kind, depth, text), kind ``h`` (heading) or ``li`` (item).
Line = tuple[str, int, str]

_CONCEPT = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}
_MOVES = {
    "improvements": "unilateral improvements",
    "any": "unilateral moves (improving or not)",
    "coalitions": "unilateral and coalitional improvements",
}


def concept_names(concepts: list[str]) -> str:
    """``Nash, GMR``."""
    return ", ".join(_CONCEPT.get(c, c) for c in concepts)


def _changes(conflict: Conflict, source: int, target: int) -> str:
    taken, dropped = changed_options(conflict, source, target)
    parts = [f"takes {conflict.option(n).title!r}" for n in taken]
    parts += [f"stops {conflict.option(n).title!r}" for n in dropped]
    return "; ".join(parts)


def move_words(conflict: Conflict, step: Step) -> str:
    """``Local Government (takes 'Insist …'): state 1 → state 5``."""
    how = _changes(conflict, step.source, step.target)
    return (
        f"{step.mover}{f' ({how})' if how else ' moves'}: "
        f"{state_name(conflict, step.source)} → {state_name(conflict, step.target)}"
    )


def _who(actor: tuple[str, ...]) -> str:
    if len(actor) == 1:
        return actor[0]
    return ", ".join(actor[:-1]) + " and " + actor[-1]


def step_words(conflict: Conflict, step: PathStep) -> list[str]:
    """One step as sentences: who acts, the options it changes, what each actor gains."""
    src, dst = state_name(conflict, step.source), state_name(conflict, step.target)
    if not step.coalitional:
        dm, before, after = step.gains[0]
        how = _changes(conflict, step.source, step.target)
        return [
            f"{dm}{f' ({how})' if how else ' moves'}: {src} → {dst}, its payoff {before} → {after}"
        ]
    gains = ", ".join(f"{d} {a} → {b}" for d, a, b in step.gains)
    lines = [f"{_who(step.actor)} together: {src} → {dst}, payoffs {gains}, by"]
    lines.extend(f"   {k}. {move_words(conflict, m)}" for k, m in enumerate(step.moves, 1))
    return lines


def _path_lines(conflict: Conflict, path: Path, depth: int) -> list[Line]:
    out: list[Line] = []
    for k, step in enumerate(path.steps, 1):
        words = step_words(conflict, step)
        out.append(("li", depth, f"{k}. {words[0]}"))
        out.extend(("li", depth + 1, w.strip()) for w in words[1:])
    return out


def _steps(n: int | None) -> str:
    if n is None:
        return "unreachable"
    return "1 step" if n == 1 else f"{n} steps"


#: Past this many unreachable equilibria, they are summarised in one line.
MAX_UNREACHABLE_LISTED = 10


def _unreachable_summary(c: Conflict, states: list[int]) -> str:
    ids = [str(int(c.states.ids[s])) for s in states]
    shown = ", ".join(ids[:20]) + (", …" if len(ids) > 20 else "")
    return f"{len(ids)} other equilibria are not reachable: states {shown}"


def paths_lines(result: StatusQuoAnalysis) -> list[Line]:
    """The report as lines (headings and items)."""
    c = result.conflict
    ids = c.states.ids
    start = state_name(c, result.start)
    out: list[Line] = [
        ("h", 0, f"From {start}, by legal sequences of {_MOVES[result.moves]}"),
    ]
    if result.moves == "coalitions":
        groups = "; ".join("+".join(g) for g in result.coalitions) or "none"
        out.append(
            ("li", 0, f"coalitions that may act: {groups} (the same actor never twice in a row)")
        )
    eq = result.equilibrium_mask
    targets = (
        [result.target]
        if result.target is not None
        else sorted((int(s) for s in eq.nonzero()[0]), key=lambda s: int(ids[s]))
    )
    out.append(("h", 1, "Equilibria" if result.target is None else "Target"))
    if not targets:
        out.append(
            ("li", 0, f"no state is an equilibrium under {concept_names(list(result.concepts))}")
        )
    unreachable = [s for s in targets if s != result.start and result.distance(s) is None]
    listed = len(unreachable) <= MAX_UNREACHABLE_LISTED
    for s in targets:
        concepts = result.concepts_of(s)
        kind = f" ({concept_names(concepts)} equilibrium)" if concepts else ""
        name = state_name(c, s)
        n = result.distance(s)
        if s == result.start:
            out.append(("li", 0, f"{name}{kind}: the starting state"))
            continue
        if n is None:
            if listed:
                out.append(("li", 0, f"{name}{kind}: not reachable"))
            continue
        out.append(("li", 0, f"{name}{kind}: reachable in {_steps(n)}"))
        out.extend(_path_lines(c, result.paths[s], 1))
        for k, alt in enumerate(result.alternatives.get(s, ()), 1):
            out.append(("li", 1, f"alternative {k} ({_steps(len(alt))}):"))
            out.extend(_path_lines(c, alt, 2))
    if unreachable and not listed:
        out.append(("li", 0, _unreachable_summary(c, unreachable)))
    if result.target is None:
        out.append(("h", 1, "Every reachable state"))
        items = list(result.paths.items())
        for s, path in items[:MAX_LISTED]:
            route = " → ".join(
                [str(int(ids[result.start]))]
                + [f"{'+'.join(st.actor)}: {int(ids[st.target])}" for st in path.steps]
            )
            star = " *" if eq[s] else ""
            out.append(("li", 0, f"{state_name(c, s)}{star} ({_steps(len(path))}): {route}"))
        if len(items) > MAX_LISTED:
            out.append(
                ("li", 0, f"… and {len(items) - MAX_LISTED:,} more (use --format json for all)")
            )
        out.append(("li", 0, "* an equilibrium under one of the concepts"))
    return out


def render_lines(lines: list[Line], markdown: bool = False) -> str:
    """Text (indented) or Markdown (headings and nested lists)."""
    out: list[str] = []
    for kind, depth, text in lines:
        if kind == "h":
            if markdown:
                out.extend(["", f"{'#' * (depth + 2)} {text}", ""])
            else:
                out.append(text + (":" if depth else ""))
        elif markdown:
            out.append(f"{'  ' * depth}- {text}")
        else:
            out.append(f"{'  ' * (depth + 1)}{text}")
    return "\n".join(out).lstrip("\n") + "\n"


def paths_text(result: StatusQuoAnalysis) -> str:
    """The report as plain text."""
    return render_lines(paths_lines(result))


def paths_markdown(result: StatusQuoAnalysis) -> str:
    """The report as Markdown."""
    return render_lines(paths_lines(result), markdown=True)


def move_dict(conflict: Conflict, step: Step) -> dict[str, Any]:
    """One unilateral move: ``mover``, ``from``, ``to``, ``takes``, ``withdraws``."""
    ids = conflict.states.ids
    taken, dropped = changed_options(conflict, step.source, step.target)
    return {
        "mover": step.mover,
        "from": int(ids[step.source]),
        "to": int(ids[step.target]),
        "takes": taken,
        "withdraws": dropped,
    }


def step_dict(conflict: Conflict, step: PathStep) -> dict[str, Any]:
    """One step of a path as JSON."""
    ids = conflict.states.ids
    return {
        "actor": "+".join(step.actor),
        "members": list(step.actor),
        "from": int(ids[step.source]),
        "to": int(ids[step.target]),
        "moves": [move_dict(conflict, m) for m in step.moves],
        "payoffs": {d: [a, b] for d, a, b in step.gains},
    }


def _compact(conflict: Conflict, path: Path) -> list[list[Any]]:
    ids = conflict.states.ids
    return [["+".join(s.actor), int(ids[s.source]), int(ids[s.target])] for s in path.steps]


def paths_dict(result: StatusQuoAnalysis) -> dict[str, Any]:
    """The status quo analysis as a JSON-ready dict (docs/results-schema.md)."""
    from accord import __version__
    from accord.reports.json_results import model_json

    c = result.conflict
    ids = c.states.ids
    eq = result.equilibrium_mask
    targets = (
        [result.target]
        if result.target is not None
        else sorted((int(s) for s in eq.nonzero()[0]), key=lambda s: int(ids[s]))
    )
    prov = result.provenance
    return {
        "accord": __version__,
        "schema": "accord-paths/1",
        "model": model_json(c),
        "from": int(ids[result.start]),
        "to": None if result.target is None else int(ids[result.target]),
        "moves": result.moves,
        "coalitions": ["+".join(g) for g in result.coalitions],
        "concepts": list(result.concepts),
        "equilibria": {k: sorted(int(x) for x in ids[m]) for k, m in result.equilibria.items()},
        "reachable": {str(int(ids[s])): _compact(c, p) for s, p in result.paths.items()},
        "targets": [
            {
                "id": int(ids[s]),
                "equilibrium_of": result.concepts_of(s),
                "reachable": result.reachable(s),
                "steps": result.distance(s),
                "path": (
                    [step_dict(c, st) for st in result.paths[s].steps]
                    if result.reachable(s)
                    else None
                ),
                "alternatives": [
                    [step_dict(c, st) for st in alt.steps] for alt in result.alternatives.get(s, ())
                ],
            }
            for s in targets
        ],
        "provenance": {
            "model_hash": prov.model_hash,
            "accord_version": prov.accord_version,
            "parameters": dict(prov.parameters),
        },
    }
