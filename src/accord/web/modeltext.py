"""A model's text: reading it safely, checking it as `accord check` does, converting it.

These run in the web app's child processes (see :mod:`accord.web.sandbox`): they take and
return only picklable values.  Reading a model runs no code and opens no file: YAML is read
with the safe loader, and evidence sources are never fetched.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from accord.errors import AccordError, AccordWarning, ModelError, Problem

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = [
    "MODEL",
    "check",
    "error_json",
    "export",
    "imported",
    "load",
    "problem_json",
    "summary",
]

#: The name a model's text goes by in messages (a file name when one is known).
MODEL = "model"


def load(text: str, format: str, *, max_states: int | None = None, name: str = MODEL) -> Conflict:
    """Read a model from its text; refuse one with more than ``max_states`` feasible states.

    Warnings of the reader are raised as warnings (the caller decides what to do with them).
    """
    from accord.io import parse_model

    if format not in ("yaml", "json", "gmcr"):
        raise ModelError([Problem(f"the format is one of yaml, json, gmcr (got {format!r})")])
    conflict = parse_model(text, format=format, filename=name)  # type: ignore[arg-type]
    n = len(conflict.states)
    if max_states is not None and n > max_states:
        raise ModelError(
            [
                Problem(
                    f"the web app analyses models of at most {max_states:,} feasible states "
                    f"(this one has {n:,}); use the command line for larger models"
                )
            ]
        )
    return conflict


def summary(conflict: Conflict) -> str:
    """``5 decision makers, 12 options, 960 feasible states (option form)``."""
    form = "graph form" if conflict.is_graph_form else "option form"
    return (
        f"{len(conflict.decision_makers)} decision makers, {len(conflict.option_names)} options, "
        f"{len(conflict.states):,} feasible states ({form})"
    )


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as the page shows it; ``text`` is the command line's message."""
    from accord.errors import format_path

    return {
        "severity": problem.severity,
        "message": problem.message,
        "line": problem.line,
        "column": problem.column,
        "hint": problem.hint,
        "path": format_path(problem.path),
        "text": problem.format(),
    }


def _warning(message: str, name: str = MODEL) -> dict[str, Any]:
    return problem_json(Problem(message, file=name, severity="warning"))


def check(
    text: str, format: str, max_states: int | None = None, name: str = MODEL
) -> dict[str, Any]:
    """What ``accord check`` says about the text: every problem, with its line, or a summary.

    ``name`` is what messages call the text (a file's name when it comes from one).
    """
    from accord.reports.evidence import coverage_warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            conflict = load(text, format, max_states=max_states, name=name)
        except ModelError as error:
            return {
                "ok": False,
                "summary": None,
                "problems": [problem_json(p) for p in error.problems],
                "states": None,
                "decision_makers": [],
                "options": [],
                "labels": {},
            }
    problems = [
        _warning(str(w.message), name) for w in caught if issubclass(w.category, AccordWarning)
    ]
    prefix = f"{name}: warning: "
    pointer = f"; 'accord evidence {name}' lists them"
    for line in coverage_warnings(conflict, name):
        problems.append(_warning(line.removeprefix(prefix).replace(pointer, ""), name))
    return {
        "ok": True,
        "summary": f"ok — {summary(conflict)}",
        "problems": problems,
        "states": len(conflict.states),
        "decision_makers": list(conflict.dm_names),
        "options": list(conflict.option_names),
        "labels": {o.name: o.title for dm in conflict.decision_makers for o in dm.options},
    }


def export(text: str, format: str, target: str) -> str:
    """The model's text in another format (``yaml``, ``json`` or ``gmcr``)."""
    from accord.io import generate_model

    if target == format:
        return text
    if target not in ("yaml", "json", "gmcr"):
        raise ModelError([Problem(f"export formats are yaml, json and gmcr (got {target!r})")])
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        return generate_model(load(text, format), target)  # type: ignore[arg-type]


def imported(text: str, format: str, filename: str) -> str:
    """A GMCR+ file's model in accord's own YAML (named after the file), ready to edit."""
    from accord.io import generate_model, parse_model

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        conflict = parse_model(text, format=format, filename=filename)  # type: ignore[arg-type]
        return generate_model(conflict, "yaml")


def error_json(error: AccordError) -> tuple[str, list[dict[str, Any]]]:
    """The message and problems of an error, for a JSON error body."""
    problems = getattr(error, "problems", None) or []
    if problems:
        first = problems[0].message
        more = len(problems) - 1
        message = first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
    else:
        message = str(error)
    return message, [problem_json(p) for p in problems]
