"""The workspace column: a revision's exports and its report are a click away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows import expect, open_flagship

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_a_revision_links_its_exports_and_its_report(page: Page) -> None:
    open_flagship(page)
    links = page.locator("#export-links")
    expect(links).to_contain_text("Export revision 1")
    for fmt in ("YAML", "JSON", "GMCR"):
        href = links.get_by_role("link", name=fmt).get_attribute("href")
        assert href is not None
        assert 200 == page.request.get(href).status
    report = links.get_by_role("link", name="its report")
    href = report.get_attribute("href")
    assert href is not None
    answer = page.request.get(href)
    assert 200 == answer.status
    assert "The 2026 Ukraine peace talks" in answer.text()
