"""The state graph: drawn for the flagship, and a click on a state gives its reasons."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flows import expect, open_flagship

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_click_a_state_in_the_graph_to_see_why(page: Page, screenshots: Path) -> None:
    open_flagship(page)
    page.get_by_role("tab", name="Graph").click()
    page.get_by_role("button", name="Draw the graph").click()
    expect(page.locator("#graph-note")).to_contain_text("of 960 states")
    label = page.locator("#graph .textpoint text", has_text="198").first
    expect(label).to_be_visible()
    box = label.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    reasons = page.locator("#reasons")
    expect(reasons).to_contain_text("Reasons for state 198")
    expect(reasons).to_contain_text("Russia")
    expect(reasons).to_contain_text("Halt the strikes and accept a ceasefire")  # labels
    page.screenshot(path=str(screenshots / "e2e-graph.png"))
