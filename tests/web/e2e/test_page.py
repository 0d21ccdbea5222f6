"""The page as an analyst uses it: open the flagship, fix a typo, analyse, ask why."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows import FLAGSHIP, MISSPELT, STATEMENT, expect, line_of, open_flagship

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_first_screen_lists_the_workspace(page: Page, screenshots: Path) -> None:
    page.goto("/")
    flagship = page.locator(f"#model-list button[data-name='{FLAGSHIP}']")
    expect(flagship).to_be_visible()
    expect(page.locator("#check-summary")).to_contain_text("No model yet")
    expect(page.locator("#stability-intro")).to_be_visible()
    expect(page.locator("#run-analysis")).to_be_enabled()
    expect(page.get_by_role("tab", name="Stability")).to_have_attribute("aria-selected", "true")
    page.screenshot(path=str(screenshots / "first-screen.png"))


def test_fix_a_statement_then_analyse_and_explain(
    page: Page, watch: Any, screenshots: Path
) -> None:
    text = open_flagship(page)
    expect(page.locator("#current-model")).to_contain_text(FLAGSHIP)
    line = line_of(text, STATEMENT)

    # A misspelt option in a statement: the problem is listed at its line and marked in the gutter.
    page.locator("#editor").fill(text.replace(STATEMENT, MISSPELT))
    problem = page.locator(f"#problems li.error[data-line='{line}']")
    expect(problem).to_contain_text("unknown option 'aprove'")
    expect(problem).to_contain_text("did you mean 'approve'?")
    expect(page.locator(f"#gutter [data-line='{line}'].error")).to_be_visible()
    expect(page.locator("#check-summary")).to_have_text(re.compile("problems: 1 error"))

    # Clicking the problem puts the caret on its line.
    problem.click()
    caret = page.locator("#editor").evaluate("e => e.value.slice(0, e.selectionStart)")
    assert line == caret.count("\n") + 1

    # Fixed again: the summary is back to ok and the marks are gone.
    page.locator("#editor").fill(text)
    expect(page.locator("#check-summary")).to_have_text(re.compile(r"^ok — 5 decision makers"))
    expect(page.locator("#problems li.error")).to_have_count(0)
    expect(page.locator("#gutter .error")).to_have_count(0)

    # The stability analysis: the status quo (state 1) is a Nash equilibrium.
    page.locator("#run-analysis").click()
    status_quo = page.locator("#stability-table tbody tr[data-state='1']")
    expect(status_quo.locator("td[data-concept='nash']")).to_have_text("✓")
    expect(status_quo).to_have_class(re.compile(r"\bsq\b"))  # its role comes from the graph
    expect(page.locator("#stability-count")).to_contain_text("of 960 states")

    # State 198, the focus: its row opens the reasons, which name Russia.
    page.locator("#goto-state").fill("198")
    page.locator("#goto-state").press("Enter")
    page.locator("#stability-table tbody tr[data-state='198'] td.words").click()
    reasons = page.locator("#reasons")
    expect(reasons).to_be_visible()
    expect(page.locator("#reasons-title")).to_contain_text("state 198")
    russia = reasons.locator("[data-dm='Russia']")
    expect(russia).to_contain_text("Russia")
    expect(russia).to_contain_text("Deterred")
    expect(page.locator("#stability-table tr[data-state='198']")).to_have_class(
        re.compile(r"\bselected\b")
    )
    page.screenshot(path=str(screenshots / "e2e-reasons.png"))

    # The state graph was drawn with the analysis: its states are plotted.
    page.get_by_role("tab", name="Graph").click()
    expect(page.locator("#graph .scatterlayer .point").first).to_be_visible()
    expect(page.locator("#graph-note")).to_contain_text("of 960 states")
    assert [] == watch.console_errors


def test_saving_a_broken_model_shows_its_problems(page: Page, watch: Any) -> None:
    text = open_flagship(page)
    revisions = page.locator("#revision-list li")
    before = revisions.count()
    page.locator("#editor").fill(text.replace(STATEMENT, MISSPELT))
    expect(page.locator("#problems li.error")).to_have_count(1)
    page.locator("#save-note").fill("a typo on purpose")
    page.locator("#save-revision").click()
    message = page.locator("#messages .message.error")
    expect(message).to_contain_text("unknown option 'aprove'")
    expect(revisions).to_have_count(before)
    # The browser logs the refused request itself; nothing else may be logged.
    assert all("422" in error for error in watch.console_errors), watch.console_errors


def test_robustness_runs_as_a_job_with_progress(page: Page, watch: Any) -> None:
    open_flagship(page)
    page.get_by_role("tab", name="Robustness").click()
    page.locator("#robustness-samples").fill("40")
    page.locator("#run-robustness").click()
    expect(page.locator("#robustness-progress")).to_be_visible()
    expect(page.locator("#robustness-status")).to_have_text("Done: 40 variants.", timeout=60_000)
    expect(page.locator("#sensitive-items tbody tr").first).to_be_visible()
    expect(page.locator(".robustness-table tr[data-state='198']").first).to_contain_text("focus")
    assert [] == watch.console_errors
