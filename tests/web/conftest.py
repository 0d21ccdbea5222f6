"""Fixtures of the web tests: an app on a fresh workspace, through the ASGI test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.web.app import create_app
from accord.web.config import Settings

EXAMPLES = Path(__file__).parents[2] / "src" / "accord" / "examples"
FLAGSHIP = EXAMPLES / "ukraine-peace-talks-2026.yaml"
ELMIRA = EXAMPLES / "elmira.yaml"


def make_client(tmp_path: Path, **limits: object) -> TestClient:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'ws.sqlite'}", **limits)  # type: ignore[arg-type]
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def new_client() -> object:
    """Build a client on a workspace in a given directory, with given limits."""
    return make_client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for a module's tests (the examples are seeded once)."""
    with make_client(tmp_path_factory.mktemp("web")) as c:
        yield c


@pytest.fixture(scope="session")
def flagship_text() -> str:
    return FLAGSHIP.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def elmira_text() -> str:
    return ELMIRA.read_text(encoding="utf-8")
