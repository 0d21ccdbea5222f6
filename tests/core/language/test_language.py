"""The condition language: text round trips, evaluation, and error positions."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.core.language import (
    And,
    Expr,
    If,
    Iff,
    Name,
    Not,
    Or,
    evaluate_on_codes,
    parse_condition,
    to_text,
)
from accord.errors import ConditionSyntaxError
from oracle import plain_truth
from strategies import NAMES, conditions


@settings(max_examples=300)
@given(conditions())
def test_text_round_trip(expr: Expr) -> None:
    assert expr == parse_condition(to_text(expr))


def _respell(text: str, data: st.DataObject) -> str:
    """Write the same condition with keyword operators, other letter case and spacing."""
    out = []
    for token in re.findall(r"IFF|IF|[A-Za-z_][A-Za-z0-9_]*|[-&|()]", text):
        if token in {"IF", "IFF"}:
            token = data.draw(st.sampled_from([token, token.lower(), token.title()]))
        elif token == "&":
            token = data.draw(st.sampled_from(["&", "and", "AND"]))
        elif token == "|":
            token = data.draw(st.sampled_from(["|", "or", "Or"]))
        elif token == "-":
            token = data.draw(st.sampled_from(["-", "not ", "NOT "]))
        out.append(token)
    return " ".join(out)


@settings(max_examples=200)
@given(conditions(), st.data())
def test_keyword_spellings_parse_the_same(expr: Expr, data: st.DataObject) -> None:
    assert expr == parse_condition(_respell(to_text(expr), data))


@settings(max_examples=300)
@given(conditions())
def test_vectorised_evaluation_equals_per_state(expr: Expr) -> None:
    bits = {name: t for t, name in enumerate(NAMES)}
    codes = np.arange(1 << len(NAMES), dtype=np.int64)
    mask = evaluate_on_codes(expr, codes, bits)
    for code in range(0, 1 << len(NAMES), 7):
        taken = {name: bool(code >> t & 1) for name, t in bits.items()}
        assert plain_truth(expr, taken) == bool(mask[code])


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("a IF b", {(0, 0): True, (1, 0): True, (0, 1): False, (1, 1): True}),
        ("a IFF b", {(0, 0): True, (1, 0): False, (0, 1): False, (1, 1): True}),
        ("-a | b", {(0, 0): True, (1, 0): False, (0, 1): True, (1, 1): True}),
    ],
    ids=["if-is-material-implication", "iff", "not-or"],
)
def test_truth_tables(text: str, table: dict[tuple[int, int], bool]) -> None:
    mask = evaluate_on_codes(parse_condition(text), np.arange(4), {"a": 0, "b": 1})
    for (a, b), expected in table.items():
        assert expected == bool(mask[a | b << 1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b | c", Or((And((Name("a"), Name("b"))), Name("c")))),
        ("a | b & c", Or((Name("a"), And((Name("b"), Name("c")))))),
        ("-a & b", And((Not(Name("a")), Name("b")))),
        ("a | b IF c & d", If(Or((Name("a"), Name("b"))), And((Name("c"), Name("d"))))),
        ("a IFF (b IF c)", Iff(Name("a"), If(Name("b"), Name("c")))),
        ("not (a or b)", Not(Or((Name("a"), Name("b"))))),
    ],
    ids=["and-binds-tighter-than-or", "or-right", "not-tightest", "if-loosest", "parens", "words"],
)
def test_precedence(text: str, expected: Expr) -> None:
    assert expected == parse_condition(text)


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("a IF b IF c", 8, "do not chain"),
        ("a & & b", 5, "expected"),
        ("a b", 3, "found 'b'"),
        ("a &", 4, "ends too early"),
        ("a + b", 3, "unexpected character '+'"),
        ("(a & b", 7, "expected ')'"),
        ("", 1, "must not be empty"),
        ("a)", 2, "found ')'"),
    ],
    ids=[
        "chained-if",
        "double-and",
        "missing-operator",
        "dangling-and",
        "bad-char",
        "open-paren",
        "empty",
        "close-paren",
    ],
)
def test_syntax_errors_say_where(text: str, column: int, words: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert column == info.value.column
    assert words in str(info.value) or words in (info.value.problems[0].hint or "")


def test_every_two_option_formula_over_if_iff_keeps_its_table() -> None:
    for left, right in itertools.product(["a", "-a"], ["b", "-b"]):
        for op, fn in (("IF", lambda x, y: y <= x), ("IFF", lambda x, y: x == y)):
            mask = evaluate_on_codes(
                parse_condition(f"{left} {op} {right}"), np.arange(4), {"a": 0, "b": 1}
            )
            for code in range(4):
                x = bool(code & 1) != left.startswith("-")
                y = bool(code >> 1 & 1) != right.startswith("-")
                assert fn(x, y) == bool(mask[code])
