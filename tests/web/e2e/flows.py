"""Steps every page test shares: opening the flagship, finding a line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests, or fails them (ACCORD_REQUIRE_ALL)
    expect = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from playwright.sync_api import Page

FLAGSHIP = "ukraine-peace-talks-2026"
#: A preference statement of the flagship's electorate, and the same with a misspelt option.
STATEMENT = "approve IFF -cede_donetsk"
MISSPELT = "aprove IFF -cede_donetsk"


def open_flagship(page: Page) -> str:
    """Open the flagship's latest revision from the workspace; return the editor's text."""
    page.goto("/")
    page.locator(f"#model-list button[data-name='{FLAGSHIP}']").click()
    expect(page.locator("#check-summary")).to_have_text(re.compile(r"^ok — "))
    return page.locator("#editor").input_value()


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if fragment in line)
