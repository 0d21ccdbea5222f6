"""Where a problem sits in a ``.gmcr`` file: its line, its column and the line itself.

The positions of the keys and values come from the native reader's JSON machinery
(:func:`accord.io.native.loader.json_positions`), computed only once a problem has to be
located.  A problem about the file's structure carries its path in the file; one found while
the conflict is built carries its path in accord's model (``("preferences", "Red", 2)``),
which :func:`model_to_file` translates into the file's (``decisionMakers[0].preferences[2]``).
A problem whose place cannot be told keeps the file name alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from yaml.nodes import ScalarNode

from accord.errors import FormatError, Path, Problem
from accord.io.gmcr._raw import RawDecisionMaker, RawFile, is_int
from accord.io.native.loader import json_positions
from accord.io.native.positions import Document, source_lines

__all__ = ["Locator", "model_to_file"]


class Locator:
    """Locates the problems of one ``.gmcr`` text.

    Parameters
    ----------
    text
        The JSON text (without its byte-order mark), as parsed.
    raw
        Its JSON value, as :func:`json.loads` reads it (the last of two equal keys wins).
    filename
        Shown in messages.
    """

    def __init__(self, text: str, raw: Any, filename: str) -> None:
        self.text = text
        self.raw = raw
        self.filename = filename

    @cached_property
    def doc(self) -> Document | None:
        """The position of every key and value; ``None`` past the native loader's limits."""
        doc = Document(
            data=self.raw,
            text=self.text,
            filename=self.filename,
            lines=source_lines(self.text, yaml_breaks=False),
        )
        try:
            json_positions(doc, last_wins=True)
        except FormatError:
            return None
        return doc

    def in_file(self, problems: Sequence[Problem]) -> list[Problem]:
        """Problems whose paths are paths in the file, located and sorted by position."""
        return _sorted([self.at(p, p.path) for p in problems])

    def in_model(
        self, problems: Sequence[Problem], data: RawFile, names: Sequence[str]
    ) -> list[Problem]:
        """Problems whose paths are paths in accord's model, located and sorted by position.

        ``names`` are the option identifiers in file order.  Each problem keeps its model path;
        only its location changes.
        """
        out = []
        for p in problems:
            where = None if p.line is not None else model_to_file(p.path, data, names)
            if where is None:  # located already, or nothing in the file corresponds
                out.append(p if p.file else p.located(file=self.filename))
            else:
                out.append(self.at(p, where))
        return _sorted(out)

    def at(self, problem: Problem, path: Path) -> Problem:
        """``problem`` located at ``path`` in the file (or at the deepest part of it found).

        A scalar is underlined; a list or an object is pointed at by its key, or, as an item
        of a list, underlined from its opening bracket.  A path the file does not hold all
        of points at the deepest value it does hold.
        """
        if problem.line is not None:  # a syntax error: located already
            return problem if problem.file else problem.located(file=self.filename)
        doc = self.doc
        if doc is None:
            return problem.located(file=self.filename)
        exact = True
        while path and path not in doc.entries:
            path, exact = path[:-1], False
        entry = doc.entries.get(path)
        if entry is None:
            return problem.located(file=self.filename)
        scalar = isinstance(entry.node, ScalarNode)
        span = entry.key if entry.key is not None and not (exact and scalar) else entry.value
        if not path:  # the whole file: its first character
            return doc.at(problem, span.line, span.column)
        return doc.at_span(problem, span)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def _last(dms: Sequence[RawDecisionMaker], name: Any) -> int | None:
    """The index of the last decision maker called ``name`` (the one the model keeps)."""
    found = [i for i, dm in enumerate(dms) if dm.name == name]
    return found[-1] if found else None


def model_to_file(path: Path, data: RawFile, names: Sequence[str]) -> Path | None:
    """The path in the ``.gmcr`` file of what a path in accord's model names.

    ``names`` are the option identifiers in file order.  ``None`` when nothing in the file
    corresponds (the model's name, which is the file's, or its status quo, which a
    ``.gmcr`` file does not hold).  A path that goes deeper than the file is cut where the
    file ends.
    """
    if not path:
        return ()
    head, rest = path[0], path[1:]
    dms = data.decision_makers
    if head == "decision_makers":
        i = _last(dms, rest[0]) if rest else None
        if i is None:
            return ("decisionMakers",)
        if len(rest) < 3 or rest[1] != "options":
            return ("decisionMakers", i, "name")
        option = rest[2]
        if option not in names:
            return ("decisionMakers", i, "options")
        idx = names.index(option)
        if len(rest) > 3:  # a field of the option: its reversibility or its label
            return ("options", idx, "permittedDirection" if rest[3] == "reversibility" else "name")
        owned = dms[i].options
        return ("decisionMakers", i, "options", len(owned) - 1 - owned[::-1].index(idx))
    if head in ("preferences", "misperceptions"):
        i = _last(dms, rest[0]) if rest else None
        if i is None:
            return ("decisionMakers",)
        dm = dms[i]
        # as the reader chooses: the ranking when manual, under either key, else the statements
        ranking = "preferenceRanking" if dm.preference_ranking is not None else "preferenceVector"
        has_ranking = dm.preference_ranking is not None or dm.preference_vector is not None
        ranked = head == "preferences" and data.manual and has_ranking
        if rest[1:2] == ("ranking",):
            return ("decisionMakers", i, ranking, *rest[2:])
        if len(rest) == 1:
            return ("decisionMakers", i, ranking if ranked else head)
        return ("decisionMakers", i, head, *rest[1:])
    if head == "infeasible":
        return ("infeasibles", *rest)
    if head == "coalitions":
        coalitions = data.coalitions or []
        c = rest[0] if rest else None
        if isinstance(c, int) and 0 <= c < len(coalitions) and is_int(coalitions[c]):
            return ("coalitions", c)  # one decision maker, not a list of them
        return ("coalitions", *rest)
    return None
