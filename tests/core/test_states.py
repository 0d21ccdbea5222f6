"""Selecting states by a condition: an unknown option is the user's mistake, named as such."""

from __future__ import annotations

import pytest

import accord
from accord.errors import StateReferenceError, UnknownOptionError

ELMIRA = "examples/elmira.yaml"


def test_mask_names_an_unknown_option_and_the_closest_one() -> None:
    space = accord.read_model(ELMIRA).states
    with pytest.raises(UnknownOptionError) as caught:
        space.mask("delay & -modifyy")
    assert "modifyy" == caught.value.name
    assert "unknown option 'modifyy'" == caught.value.problems[0].message
    assert "did you mean 'modify'?" == caught.value.problems[0].hint
    assert isinstance(caught.value, StateReferenceError)


def test_resolve_reports_an_unknown_option_too() -> None:
    space = accord.read_model(ELMIRA).states
    with pytest.raises(UnknownOptionError):
        space.resolve("insit")
