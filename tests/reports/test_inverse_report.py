"""Counts of rankings can be far too long to write out: JSON and sentences still work."""

from __future__ import annotations

import json
import math

from accord.reports.inverse import MAX_DIGITS, json_count


def test_ordinary_counts_stay_integers() -> None:
    assert 0 == json_count(0)
    assert 10**100 == json_count(10**100)
    assert json_count(None) is None


def test_huge_counts_are_scientific_text_with_the_right_value() -> None:
    n = math.factorial(1500)  # 4,115 digits: over MAX_DIGITS, still printable to check
    digits = str(n)
    text = json_count(n)
    assert isinstance(text, str)
    mantissa, exponent = text.split("e")
    assert len(digits) - 1 == int(exponent)
    assert abs(float(mantissa) - int(digits[:7]) / 1e6) < 1e-5
    assert isinstance(json_count(math.factorial(3000)), str)  # 9,131 digits
    assert json.loads(json.dumps({"total": text}))["total"] == text


def test_the_threshold_is_about_max_digits() -> None:
    below = 10 ** (MAX_DIGITS - 10)
    above = 10 ** (MAX_DIGITS + 10)
    assert below == json_count(below)
    assert f"1e{MAX_DIGITS + 10}" == json_count(above)
