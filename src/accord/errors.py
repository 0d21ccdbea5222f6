"""Every exception and warning accord raises, in one tree.

::

    AccordError                       base of everything accord raises on purpose
     ├── ModelError (ValueError)      the model is wrong; ``.problems`` lists every problem found
     │    ├── FormatError             the input cannot be read as a model at all
     │    │                           (syntax, not a model, too large, unknown extension)
     │    ├── ConditionSyntaxError    a condition or statement does not parse
     │    └── StateReferenceError (LookupError)
     │         │                      a state named by id or condition matches no state or several
     │         └── UnknownOptionError a condition naming a state (or selecting states) uses an
     │                                option the model does not have
     ├── AnalysisError (ValueError)   a valid request that the method cannot answer
     │                                (a concept not defined for this many decision makers)
     └── StoreError                   the workspace database cannot be opened or used,
          │                           or a value to be saved is not acceptable
          └── NotFoundError (LookupError)
                                      no model with that id, or no revision with that number

    AccordWarning (UserWarning)       valid but suspect input, or data kept but not analysed

Every problem is a :class:`Problem`: what must hold, what was found, where (file, line,
column, and the path inside the model), and a hint when one exists.  A command-line run
prints each problem and exits 1; anything else is a bug and exits 2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "AccordError",
    "AccordWarning",
    "AnalysisError",
    "ConditionSyntaxError",
    "FormatError",
    "ModelError",
    "NotFoundError",
    "Path",
    "Problem",
    "StateReferenceError",
    "StoreError",
    "UnknownOptionError",
]

#: Where a value sits inside a model: keys and list indices from the top, e.g.
#: ``("preferences", "Ukraine", 2)``.
Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a model path the way a user reads it: ``preferences.Ukraine[2]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    Parameters
    ----------
    message
        What must hold and what was found, in the user's terms.
    path
        Where in the model the problem sits (keys and indices from the top).
    hint
        A suggested fix, e.g. ``did you mean 'cede_donetsk'?``.
    file, line, column
        Location in the source text, 1-based; filled in by the reader of a file.
    excerpt
        The offending source line, shown under the message.
    width
        How many characters of the excerpt to underline.
    severity
        ``"error"`` stops the model from loading; ``"warning"`` does not.
    """

    message: str
    path: Path = ()
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    excerpt: str | None = None
    width: int = 1
    severity: Literal["error", "warning"] = "error"

    def located(self, **changes: object) -> Problem:
        """Return a copy with location fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def shifted(self, base: Path) -> Problem:
        """Return a copy whose path is prefixed by ``base``."""
        return replace(self, path=base + self.path)

    def format(self) -> str:
        """Render as ``file:line:col: error: message`` with excerpt, caret and hint (just
        ``error: message`` for a problem that has no place in a file)."""
        if self.file is None and self.line is None:  # not from a file: an argument, a call
            head = f"{self.severity}: "
        else:
            where = self.file or "<model>"
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            head = f"{where}: {self.severity}: "
        if self.path:
            head += f"{format_path(self.path)}: "
        lines = [head + self.message]
        if self.excerpt is not None:
            text, column, width = _window(self.excerpt.rstrip("\n"), self.column, self.width)
            lines.append(f"    {text}")
            if column is not None:
                lines.append("    " + " " * (column - 1) + "^" * width)
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


#: Characters a terminal may show as a line break; an excerpt shows them as spaces.
_BREAKS = re.compile("[\r\v\f\x85\u2028\u2029]")
#: An excerpt longer than this is shown as a window around its column ...
_LONG_EXCERPT = 100
#: ... with this many characters on either side of what is underlined.
_CONTEXT = 40


def _window(text: str, column: int | None, width: int) -> tuple[str, int | None, int]:
    """The part of a source line to show, and the column and width of the caret in it.

    A long line (a JSON file written on one line) is cut to about ``2 * _CONTEXT``
    characters around the column, with '…' where it was cut; the underline is cut at the
    window's end.
    """
    width = max(1, width)
    text = _BREAKS.sub(" ", text)  # one character for one, so that the caret stays put
    if len(text) <= _LONG_EXCERPT:
        return text, column, width
    if column is None:
        return text[: 2 * _CONTEXT] + "…", None, width
    at = min(max(column - 1, 0), len(text))
    underline = min(width, _CONTEXT)
    size = 2 * _CONTEXT + underline
    start = max(0, min(at - _CONTEXT, len(text) - size))
    end = min(len(text), start + size)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shown = prefix + text[start:end] + suffix
    return shown, len(prefix) + at - start + 1, max(1, min(width, end - at))


class AccordError(Exception):
    """Base class of every error accord raises on purpose."""


class ModelError(AccordError, ValueError):
    """The model is wrong. Carries every problem found, not just the first.

    Attributes
    ----------
    problems
        The problems, each with its location.
    """

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def with_problems(self, problems: Sequence[Problem]) -> ModelError:
        """A new error of the same class with the problems replaced (e.g. located)."""
        new = type(self).__new__(type(self))
        ModelError.__init__(new, problems)
        new.__dict__.update({k: v for k, v in self.__dict__.items() if k != "problems"})
        return new


class FormatError(ModelError):
    """The input cannot be read as a model: bad YAML/JSON, not a model, too large."""


class ConditionSyntaxError(ModelError):
    """A condition or preference statement does not parse.

    Attributes
    ----------
    text
        The statement as written.
    column
        1-based column of the offending character inside ``text``.
    """

    def __init__(self, problems: Sequence[Problem] | str, text: str = "", column: int = 1) -> None:
        super().__init__(problems)
        self.text = text
        self.column = column


class StateReferenceError(ModelError, LookupError):
    """A state named by id or by a condition matches no state, or several."""


class UnknownOptionError(StateReferenceError):
    """A condition that names or selects states uses an option the model does not have.

    ``name`` is the unknown option; the problem's hint suggests the closest option.
    """

    def __init__(self, name: str, hint: str | None = None) -> None:
        super().__init__([Problem(f"unknown option {name!r}", hint=hint)])
        self.name = name


class AnalysisError(AccordError, ValueError):
    """A valid request that the method cannot answer for this model."""


class StoreError(AccordError):
    """The workspace database cannot be opened or used, or a value to be saved is refused.

    When the database itself fails, the message names it by its URL (any password masked)
    and gives the reason.
    """


class NotFoundError(StoreError, LookupError):
    """No model with the given id, or no revision with the given number."""


class AccordWarning(UserWarning):
    """Valid but suspect input, or data that accord keeps but does not yet analyse."""
