"""Against a running server: concurrent saves of one model never lose a revision."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from live import running_server

CLIENTS = 8
SAVES = 5


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("live") / "ws.sqlite") as url:
        yield url


def _save_many(url: str, model_id: int, text: str, client_no: int) -> list[int]:
    numbers = []
    with httpx.Client(base_url=url, timeout=120) as http:
        for k in range(SAVES):
            r = http.post(
                f"/api/models/{model_id}/revisions",
                json={
                    "text": text,
                    "note": f"client {client_no} save {k}",
                    "author": f"c{client_no}",
                },
            )
            assert 201 == r.status_code, r.text
            numbers.append(r.json()["number"])
    return numbers


def test_concurrent_saves_of_one_model_keep_every_revision(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as http:
        model = next(m for m in http.get("/api/models").json()["data"] if m["name"] == "elmira")
        text = http.get(f"/api/models/{model['id']}/revisions/1").json()["text"]
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(_save_many, server, model["id"], text, c) for c in range(CLIENTS)]
        answered = sorted(n for f in futures for n in f.result())
    total = CLIENTS * SAVES
    assert list(range(2, total + 2)) == answered  # each save got its own number
    with httpx.Client(base_url=server, timeout=60) as http:
        detail = http.get(f"/api/models/{model['id']}").json()
    revisions = detail["revisions"]
    assert total + 1 == detail["model"]["revisions"] == len(revisions)
    assert list(range(total + 1, 0, -1)) == [r["number"] for r in revisions]
    notes = {r["note"] for r in revisions}
    assert {f"client {c} save {k}" for c in range(CLIENTS) for k in range(SAVES)} <= notes


def test_the_server_answers_the_page_and_the_docs(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as http:
        port = server.rsplit(":", 1)[1]
        foreign = http.get("/api/models", headers={"host": f"rebound.example:{port}"})
        assert 400 == foreign.status_code  # a name that is not this machine's
        assert 200 == http.get("/").status_code
        assert 200 == http.get("/docs").status_code
        r = http.post("/api/check", json={"text": "accord: 1\n", "format": "yaml"})
        assert 200 == r.status_code
        assert r.json()["ok"] is False


def _serve(tmp_path: Path, port: str) -> subprocess.CompletedProcess[str]:
    """``accord serve --port PORT`` that is expected to stop at once."""
    command = [sys.executable, "-m", "accord", "serve", "--port", port]
    command += ["--database", f"sqlite:///{tmp_path / 'ws.sqlite'}"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_serve_refuses_a_bad_port(tmp_path: Path) -> None:
    r = _serve(tmp_path, "70000")
    assert 1 == r.returncode
    assert "--port must be between 1 and 65535" in r.stderr
    assert "Traceback" not in r.stderr


def test_serve_refuses_a_port_in_use(server: str, tmp_path: Path) -> None:
    port = server.rsplit(":", 1)[1]
    r = _serve(tmp_path, port)
    assert 1 == r.returncode
    assert f"cannot listen on 127.0.0.1:{port}: the port is in use" in r.stderr
    assert "Traceback" not in r.stderr
