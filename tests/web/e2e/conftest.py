"""The browser tests of the page: a real ``accord serve`` and Debian's Chromium, driven by Playwright.

Chromium is the system's (``/usr/bin/chromium``); Playwright's own browser downloads are never
used.  A missing Chromium or Playwright skips these tests, unless ``ACCORD_REQUIRE_ALL=1`` is
set, in which case it fails them: a run that must cover everything cannot pass by skipping.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from live import running_server

from needs import unavailable

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: Where the screenshots go, relative to the repository's root.
SCREENSHOTS = Path(__file__).resolve().parents[3] / "out" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: A screen an analyst might have.
VIEWPORT = {"width": 1440, "height": 900}


def chromium_path() -> str | None:
    for candidate in ("chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of ``accord serve`` on a fresh SQLite workspace (the examples seeded)."""
    with running_server(tmp_path_factory.mktemp("e2e") / "ws.sqlite") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, with no network of its own (no updates, no sync)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install 'playwright>=1.45')")
    executable = chromium_path()
    if executable is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class PageWatch:
    """What went wrong in the page: script errors, console errors, requests to elsewhere."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def on_request(self, request: Any) -> None:
        url: str = request.url
        if not url.startswith((self.base_url, "blob:", "data:", "about:")):
            self.foreign_requests.append(url)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def watch(server: str) -> PageWatch:
    return PageWatch(server)


@pytest.fixture
def page(browser: Browser, server: str, watch: PageWatch) -> Iterator[Page]:
    """A fresh page (its own context) on the server; fails the test on any script error."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    opened = context.new_page()
    opened.set_default_timeout(20_000)
    opened.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    opened.on("console", watch.on_console)
    opened.on("request", watch.on_request)
    yield opened
    context.close()
    assert [] == watch.page_errors, "the page raised script errors"
    assert [] == watch.foreign_requests, "the page asked for something outside the server"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
