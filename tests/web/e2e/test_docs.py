"""The API's documentation renders from the server alone (no CDN), with the OpenAPI schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_api_documentation_renders_offline(page: Page) -> None:
    page.goto("/docs")
    page.get_by_text("/api/check").first.wait_for()
    assert page.get_by_text("OAS 3.1").is_visible()
    assert page.get_by_text("/api/models/{model_id}/revisions").first.is_visible()
