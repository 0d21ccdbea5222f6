"""Reading a ``.gmcr`` file: its conditions as accord condition text, its parts as a Conflict."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path as FilePath

from accord.core.language import is_identifier
from accord.core.model import (
    Conflict,
    DecisionMaker,
    Infeasibility,
    Option,
    Preference,
    Ranking,
    Statement,
    Statements,
)
from accord.core.provenance import Metadata
from accord.errors import AccordWarning, FormatError, ModelError
from accord.io._files import read_text
from accord.io.gmcr._locate import Locator
from accord.io.gmcr._raw import FROM_DIRECTION, AndCondition, Compound, RawFile, load_json, validate
from accord.io.gmcr._references import reference_problems
from accord.io.names import unique_identifiers

__all__ = ["parse_gmcr", "read_gmcr"]


def read_gmcr(path: str | os.PathLike[str]) -> Conflict:
    """Read a GMCR+ ``.gmcr`` file.

    Parameters
    ----------
    path
        The file to read.

    Returns
    -------
    Conflict
        The model in option form, named after the file.

    Raises
    ------
    FormatError
        When the file cannot be read, is not JSON, or is not a ``.gmcr`` model.
    ModelError
        When the model it describes is not valid.

    Warns
    -----
    AccordWarning
        When the file has misperceptions, which accord keeps but does not yet analyse.
    """
    return parse_gmcr(read_text(path), filename=str(path))


def parse_gmcr(text: str, *, filename: str = "<gmcr>") -> Conflict:
    """Build a conflict from the text of a GMCR+ ``.gmcr`` file.

    Options are regrouped by decision maker (gmcr-py's internal order), so that accord's
    state ids equal gmcr-py's ordered state numbers.  Option names become identifiers
    (:func:`accord.io.names.unique_identifiers`) and the text as written is kept as each
    option's label.  With ``useManualPreferenceRanking`` (or the older
    ``useManualPreferenceVectors``) each decision maker gets its ranking; otherwise its
    conditions become prioritised statements.

    Parameters
    ----------
    text
        The JSON text.
    filename
        Shown in error messages; its stem names the conflict.

    Returns
    -------
    Conflict
        The model in option form.

    Raises
    ------
    FormatError
        When the text is not JSON or not a ``.gmcr`` model; lists every problem found, each
        with its path in the file, its line and column, and the line itself.
    ModelError
        When the model is not valid; every problem carries ``filename``, its path in the
        model, and the line and column of the part of the file it is about when there is one.

    Warns
    -----
    AccordWarning
        When the file has misperceptions, which accord keeps but does not yet analyse.
    """
    text = text.removeprefix("\ufeff")
    raw = load_json(text, filename)
    data, problems = validate(text)
    problems += reference_problems(raw)
    locator = Locator(text, raw, filename)
    if data is None or problems:
        raise FormatError(locator.in_file(problems))
    return _build(data, filename, locator)


# -- conditions as text ----------------------------------------------------------------------


def _literal_text(name: str, value: str) -> str:
    return name if value == "Y" else f"-{name}"


def _and_text(condition: AndCondition, names: Sequence[str]) -> str:
    if not condition:  # no literal to fail: true everywhere
        return f"{names[0]} | -{names[0]}" if names else ""
    return " & ".join(_literal_text(names[idx], value) for idx, value in condition)


def _typed_form(members: Sequence[AndCondition], names: Sequence[str]) -> str | None:
    """``q IF p`` or ``a IFF b`` when the members spell a two-literal implication or equivalence.

    README §4.4: ``q if p`` is stored as ``[p&q, -p&q, -p&-q]`` and ``q iff p`` as
    ``[p&q, -p&-q]``, p and q being literals over two different options.  The first member
    is ``p&q``; the member that differs from it in one option only is ``-p&q`` and names
    ``p``.  The shipped files also list an implication as ``[p&q, -p&-q, -p&q]`` (Cuban
    missile crisis, Elmira), which this order recovers just as well.  Anything else (other
    shapes, other orders) is left to the caller, which writes the members as a DNF; the
    truth table is the same either way.
    """
    if len(members) not in (2, 3) or any(len(m) != 2 for m in members):
        return None
    tables = [dict(m) for m in members]
    options = set(tables[0])
    if len(options) != 2 or any(set(t) != options for t in tables):
        return None
    first = tables[0]
    differ = [{o for o in options if t[o] != first[o]} for t in tables[1:]]
    if len(members) == 2:
        if len(differ[0]) != 2:
            return None
        (a, va), (b, vb) = members[0]
        if va == "N":  # -a IFF b is a IFF -b: keep the first side un-negated
            va, vb = "Y", ("Y" if vb == "N" else "N")
        return f"{_literal_text(names[a], va)} IFF {_literal_text(names[b], vb)}"
    if sorted(len(d) for d in differ) != [1, 2]:
        return None
    (p,) = differ[0] if len(differ[0]) == 1 else differ[1]
    (q,) = options - {p}
    return f"{_literal_text(names[q], first[q])} IF {_literal_text(names[p], first[p])}"


def _condition_text(condition: AndCondition | Compound, names: Sequence[str]) -> str:
    """A .gmcr condition (file option indices mapped to ``names``) as accord condition text."""
    if isinstance(condition, list):
        return _and_text(condition, names)
    members = condition.members
    if not members:  # an empty OR: true nowhere
        return f"{names[0]} & -{names[0]}" if names else ""
    typed = _typed_form(members, names)
    if typed is not None:
        return typed
    return " | ".join(_and_text(m, names) for m in members)


# -- the conflict ----------------------------------------------------------------------------


def _option_names(data: RawFile, order: list[int]) -> list[str]:
    """Identifiers in internal order: the file's own ``accordName`` or ones derived from text."""
    own = [data.options[idx].accord_name for idx in order]
    if all(n is not None and is_identifier(n) for n in own) and len(set(own)) == len(own):
        return [n for n in own if n is not None]
    owner = {idx: dm.name for dm in data.decision_makers for idx in dm.options}
    return unique_identifiers([(owner[idx], data.options[idx].name) for idx in order])


def _build(data: RawFile, filename: str, locator: Locator) -> Conflict:
    # README §4.2: internal order = each DM's option list, DMs in file order.  The file has
    # been checked: every option is listed by exactly one decision maker.
    order = [idx for dm in data.decision_makers for idx in dm.options]
    names = [""] * len(data.options)
    for idx, ident in zip(order, _option_names(data, order), strict=True):
        names[idx] = ident
    dms = tuple(
        DecisionMaker(
            dm.name,
            tuple(
                Option(
                    names[idx],
                    label=data.options[idx].name,
                    reversibility=FROM_DIRECTION[data.options[idx].permitted_direction],
                )
                for idx in dm.options
            ),
        )
        for dm in data.decision_makers
    )
    preferences: dict[str, Preference] = {}
    for dm in data.decision_makers:
        ranking = (
            dm.preference_ranking if dm.preference_ranking is not None else dm.preference_vector
        )
        if data.manual and ranking is not None:
            preferences[dm.name] = Ranking(
                tuple((e,) if isinstance(e, int) else tuple(e) for e in ranking)
            )
        else:
            preferences[dm.name] = Statements(
                tuple(Statement(_condition_text(c, names)) for c in dm.preferences)
            )
    misperceptions = {
        dm.name: tuple(_condition_text(c, names) for c in dm.misperceptions)
        for dm in data.decision_makers
        if dm.misperceptions
    }
    coalitions = tuple(
        (data.decision_makers[e].name,)
        if isinstance(e, int)
        else tuple(data.decision_makers[i].name for i in e)
        for e in data.coalitions or ()
    )
    extra = {
        k: v for k, v in (("program", data.program), ("version", data.version)) if v is not None
    }
    try:
        conflict = Conflict(
            name=FilePath(filename).stem.strip("<>") or "gmcr",
            decision_makers=dms,
            preferences=preferences,
            infeasible=tuple(Infeasibility(_condition_text(c, names)) for c in data.infeasibles),
            coalitions=coalitions,
            misperceptions=misperceptions,
            metadata=Metadata(extra=extra),
        )
    except ModelError as err:
        raise err.with_problems(locator.in_model(err.problems, data, names)) from None
    if misperceptions:
        who = ", ".join(repr(dm) for dm in misperceptions)
        warnings.warn(
            f"{filename}: misperceptions of {who} are kept in the model but accord does not "
            "analyse misperceptions yet; results treat every decision maker as perceiving "
            "every state",
            AccordWarning,
            stacklevel=3,
        )
    return conflict
