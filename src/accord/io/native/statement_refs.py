"""Statements of a decision maker named in ``uncertainty`` by index or by text."""

from __future__ import annotations

from accord.core.validate import suggest
from accord.errors import Path, Problem

__all__ = ["StatementRefs"]


class StatementRefs:
    """Statements of one decision maker named by index or by text, resolved to indices."""

    def __init__(self, dm: str, texts: tuple[str, ...] | None, problems: list[Problem]) -> None:
        self.dm = dm
        self.texts = texts
        self.problems = problems

    def index(self, ref: int | str, path: Path) -> int | None:
        """The index ``ref`` names, or ``None`` after reporting a text that names none."""
        if isinstance(ref, int):
            return ref  # the core checks the range
        if self.texts is None:
            # The decision maker is unknown, or has no statements: the core reports that,
            # and ignores the entries, so any index stands in for the text.
            return 0
        hits = [i for i, text in enumerate(self.texts) if text == ref]
        if len(hits) == 1:
            return hits[0]
        if hits:
            numbers = ", ".join(map(str, hits[:-1])) + f" and {hits[-1]}"
            self.problems.append(
                Problem(
                    f"the text {ref!r} matches statements {numbers} of {self.dm}; a "
                    "statement named by text must be the only one written so",
                    path=path,
                    hint=f"name the statement by its index, e.g. {hits[0]}",
                )
            )
            return None
        hint = suggest(ref, self.texts)
        if hint is None and ref.strip().isdigit():
            hint = "remove the quotes to name a statement by its index"
        self.problems.append(
            Problem(
                f"{self.dm} has no statement {ref!r}: a statement named by text must be "
                "written exactly as in its preferences",
                path=path,
                hint=hint or "name the statement by its index, counted from 0",
            )
        )
        return None
