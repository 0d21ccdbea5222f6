"""Candidate statements: parsing and checking a candidates file's content."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from accord.core.model import Statement
from accord.core.validate import suggest
from accord.errors import ConditionSyntaxError, ModelError, Problem

if TYPE_CHECKING:
    from accord.core.model import Conflict

__all__ = ["as_statement", "parse_candidates"]


def _check_condition(text: str, path: tuple[str | int, ...], conflict: Conflict) -> list[Problem]:
    """Problems of one statement: syntax, and option names the model does not have."""
    from accord.core.language import names_in, parse_condition

    try:
        expr = parse_condition(text)
    except ConditionSyntaxError as err:
        return [p.shifted(path) for p in err.problems]
    problems = []
    options = conflict.option_names
    for name in names_in(expr):
        if name not in options:
            column = text.find(name)
            problems.append(
                Problem(
                    f"unknown option {name!r} in a candidate statement",
                    path=path,
                    hint=suggest(name, options),
                    column=column + 1 if column >= 0 else None,
                    excerpt=text,
                    width=len(name),
                )
            )
    return problems


def parse_candidates(data: Any, conflict: Conflict) -> dict[str, tuple[Statement, ...]]:
    """Candidate statements per DM from plain data (a YAML or JSON file's content).

    The data maps each decision maker's name to a list of statements, each a condition
    written as text or a mapping ``{statement: TEXT, label: TEXT}``.

    Raises
    ------
    ModelError
        Listing every problem, each with its path in the data (``DM[2].statement``):
        unknown decision makers (with a did-you-mean hint), entries of the wrong shape,
        statements that do not parse, unknown option names.
    """
    if not isinstance(data, Mapping):
        raise ModelError(
            [
                Problem(
                    "the candidates must map each decision maker to a list of statements "
                    f"(got {type(data).__name__})",
                    hint="write e.g.  Russia: ['-resume_strikes', {statement: 'ceasefire', label: 'keep the ceasefire'}]",
                )
            ]
        )
    problems: list[Problem] = []
    out: dict[str, tuple[Statement, ...]] = {}
    for dm, entries in data.items():
        if dm not in conflict.dm_names:
            hint = suggest(str(dm), conflict.dm_names)
            problems.append(
                Problem(
                    f"unknown decision maker {dm!r}; the model has {', '.join(conflict.dm_names)}",
                    path=(str(dm),),
                    hint=hint,
                )
            )
            continue
        if not isinstance(entries, list):
            problems.append(
                Problem(
                    f"the candidates of {dm} must be a list of statements "
                    f"(got {type(entries).__name__})",
                    path=(dm,),
                )
            )
            continue
        found: list[Statement] = []
        for i, entry in enumerate(entries):
            text: Any
            label: Any = ""
            where: tuple[str | int, ...] = (dm, i)
            if isinstance(entry, Mapping):
                extra = sorted(str(k) for k in entry if k not in ("statement", "label"))
                for key in extra:
                    problems.append(
                        Problem(
                            f"unknown key {key!r} in a candidate statement; "
                            "the keys are 'statement' and 'label'",
                            path=(dm, i, key),
                            hint=suggest(key, ("statement", "label")),
                        )
                    )
                text = entry.get("statement")
                label = entry.get("label", "")
                if "statement" not in entry:
                    if not extra:
                        problems.append(
                            Problem("a candidate needs a 'statement' (a condition)", path=where)
                        )
                    continue
                where = (dm, i, "statement")
                if not isinstance(label, str):
                    problems.append(
                        Problem(
                            f"a label is text (got {label!r})",
                            path=(dm, i, "label"),
                        )
                    )
                    label = ""
            else:
                text = entry
            if not isinstance(text, str):
                problems.append(
                    Problem(
                        f"a candidate statement is a condition written as text (got {text!r})",
                        path=where,
                    )
                )
                continue
            bad = _check_condition(text, where, conflict)
            problems.extend(bad)
            if not bad:
                found.append(Statement(text, label))
        out[dm] = tuple(found)
    if problems:
        raise ModelError(problems)
    return out


def as_statement(s: Statement | str) -> Statement:
    return s if isinstance(s, Statement) else Statement(s)
