"""How a located problem is printed: the excerpt, windowed when its line is long."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.errors import Problem


def _excerpt_and_caret(problem: Problem) -> tuple[str, str]:
    lines = problem.format().split("\n")
    return lines[1].removeprefix("    "), lines[2].removeprefix("    ")


def _caret_target(problem: Problem) -> str:
    """The characters the carets stand under."""
    excerpt, caret = _excerpt_and_caret(problem)
    start = caret.index("^")
    return excerpt[start : start + caret.count("^")]


def test_a_short_line_is_shown_whole() -> None:
    problem = Problem("bad", file="m.yaml", line=3, column=9, excerpt="    who: Rde", width=3)
    assert problem.format() == "m.yaml:3:9: error: bad\n        who: Rde\n            ^^^"


def test_a_long_line_is_shown_around_the_column() -> None:
    line = '{"a": [' + ", ".join(str(i) for i in range(200)) + '], "b": "sideways", "c": 1}'
    column = line.index('"sideways"') + 1
    problem = Problem("bad", file="x.gmcr", line=1, column=column, excerpt=line, width=10)
    excerpt, caret = _excerpt_and_caret(problem)
    assert excerpt.startswith("…")
    assert not excerpt.endswith("…")  # the window reaches the end of the line
    assert len(excerpt) <= 2 * 40 + 10 + 2
    assert caret.strip() == "^" * 10
    assert _caret_target(problem) == '"sideways"'
    assert problem.excerpt == line  # only the rendering is cut


def test_a_long_line_is_cut_on_both_sides() -> None:
    line = "x" * 300 + "BAD" + "y" * 300
    problem = Problem("bad", line=1, column=301, excerpt=line, width=3)
    excerpt, _ = _excerpt_and_caret(problem)
    assert excerpt == "…" + "x" * 40 + "BAD" + "y" * 40 + "…"
    assert _caret_target(problem) == "BAD"


def test_near_the_start_of_a_long_line_the_window_is_not_cut_before() -> None:
    line = "BAD" + "y" * 300
    problem = Problem("bad", line=1, column=1, excerpt=line, width=3)
    excerpt, caret = _excerpt_and_caret(problem)
    assert excerpt == "BAD" + "y" * 80 + "…"
    assert caret == "^^^"


def test_a_wide_underline_is_cut_at_the_end_of_the_window() -> None:
    line = "x" * 200 + "{" + "z" * 500 + "}"
    problem = Problem("bad", line=1, column=201, excerpt=line, width=502)
    excerpt, caret = _excerpt_and_caret(problem)
    assert excerpt.endswith("…")
    assert len(caret) == len(excerpt) - 1  # the carets run to the '…'
    assert _caret_target(problem).startswith("{zzz")


def test_a_caret_past_the_end_of_a_long_line() -> None:
    line = "x" * 300
    problem = Problem("unexpected end", line=1, column=301, excerpt=line)
    excerpt, caret = _excerpt_and_caret(problem)
    assert excerpt == "…" + "x" * 81
    assert caret == " " * len(excerpt) + "^"


def test_a_long_line_without_a_column_shows_its_start() -> None:
    problem = Problem("bad", file="x.gmcr", excerpt="a" * 500)
    assert problem.format() == "x.gmcr: error: bad\n    " + "a" * 80 + "…"


def test_line_breaks_inside_an_excerpt_are_shown_as_spaces() -> None:
    problem = Problem("bad", line=1, column=5, excerpt="a\rb\u2028c d", width=1)
    excerpt, caret = _excerpt_and_caret(problem)
    assert excerpt == "a b c d"
    assert caret == "    ^"


@given(
    st.text(alphabet="abc ,{}[]", min_size=0, max_size=400),
    st.integers(min_value=1, max_value=420),
    st.integers(min_value=1, max_value=300),
)
def test_the_caret_is_always_under_the_column(text: str, column: int, width: int) -> None:
    problem = Problem("bad", line=1, column=column, excerpt=text, width=width)
    excerpt, caret = _excerpt_and_caret(problem)
    start = caret.index("^")
    target = text[column - 1 : column - 1 + width]
    shown = excerpt[start : start + caret.count("^")].rstrip("…")
    assert target.startswith(shown) or not target
    assert caret.count("^") >= 1
    if column <= len(text):
        assert excerpt[start] == text[column - 1]


@pytest.mark.parametrize("width", [0, 1])
def test_a_zero_width_underlines_one_character(width: int) -> None:
    problem = Problem("bad", line=1, column=2, excerpt="abc", width=width)
    assert _excerpt_and_caret(problem)[1] == " ^"
