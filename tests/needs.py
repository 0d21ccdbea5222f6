"""Tests that need a system package skip without it — unless every test must run.

``ACCORD_REQUIRE_ALL=1`` (set by ``.ci/run``) turns each such skip into a failure: a run that
must cover everything cannot pass by skipping.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(reason: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it when every test is required to run."""
    if os.environ.get("ACCORD_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (ACCORD_REQUIRE_ALL=1 requires every test to run)")
    pytest.skip(reason)
