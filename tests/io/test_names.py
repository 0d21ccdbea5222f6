"""Option identifiers derived from free text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core.language import is_identifier
from accord.io.names import to_identifier, unique_identifiers

EXAMPLES = [
    ("Air Strike", "air_strike"),
    ("Cease-fire", "cease_fire"),
    ("  US  Full!! ", "us_full"),
    ("Legal Challenge", "legal_challenge"),
    ("already_an_id", "already_an_id"),
    ("__private__", "private"),
    ("2nd round", "o_2nd_round"),
    ("42", "o_42"),
    ("", "o_"),
    ("---", "o_"),
    ("Ünïcode näme", "n_code_n_me"),
    ("If", "if_"),
    ("IFF", "iff_"),
    ("and", "and_"),
    ("Not", "not_"),
    ("or", "or_"),
    ("iffy", "iffy"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[repr(t) for t, _ in EXAMPLES])
def test_to_identifier(text: str, expected: str) -> None:
    assert to_identifier(text) == expected


@given(st.text())
def test_to_identifier_always_gives_an_identifier(text: str) -> None:
    assert is_identifier(to_identifier(text))


def test_unique_names_are_left_alone() -> None:
    items = [("US", "Air Strike"), ("US", "Blockade"), ("USSR", "Withdraw")]
    assert unique_identifiers(items) == ["air_strike", "blockade", "withdraw"]


def test_colliding_names_are_qualified_by_their_decision_maker() -> None:
    items = [
        ("US Support", "Full"),
        ("US Support", "Reduced"),
        ("US Support", "Appease"),
        ("IJC", "Full"),
        ("IJC", "Reduced"),
        ("IJC", "Lonetree"),
    ]
    assert unique_identifiers(items) == [
        "us_support_full",
        "us_support_reduced",
        "appease",
        "ijc_full",
        "ijc_reduced",
        "lonetree",
    ]


def test_names_differing_only_in_punctuation_collide() -> None:
    assert unique_identifiers([("A", "Cease-fire"), ("B", "cease fire")]) == [
        "a_cease_fire",
        "b_cease_fire",
    ]


def test_remaining_collisions_get_numbered() -> None:
    items = [("A", "x"), ("A", "x"), ("A", "x")]
    assert unique_identifiers(items) == ["a_x", "a_x_2", "a_x_3"]


def test_numbering_skips_identifiers_in_use() -> None:
    items = [("A", "x"), ("A", "x"), ("B", "a_x_2")]
    assert unique_identifiers(items) == ["a_x", "a_x_3", "a_x_2"]


def test_qualified_name_may_meet_a_plain_one() -> None:
    items = [("US", "Full"), ("IJC", "Full"), ("X", "US Full")]
    assert unique_identifiers(items) == ["us_full", "ijc_full", "us_full_2"]


def test_empty_input() -> None:
    assert unique_identifiers([]) == []


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "a b", "1"]), st.text(max_size=6))))
def test_unique_identifiers_are_unique_identifiers(items: list[tuple[str, str]]) -> None:
    out = unique_identifiers(items)
    assert len(out) == len(items)
    assert len(set(out)) == len(out)
    assert all(is_identifier(name) for name in out)
