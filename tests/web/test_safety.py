"""What a request can never do: exceed the limits, run code, read files, or crash the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import accord


def _body(text: str, **params: object) -> dict[str, object]:
    return {"text": text, "format": "yaml", **params}


def test_a_request_over_the_size_limit_is_refused(tmp_path: Path, new_client: Any) -> None:
    with new_client(tmp_path, max_request_bytes=10_000, seed_examples=False) as c:
        r = c.post("/api/check", json=_body("x" * 20_000))
        assert 413 == r.status_code
        assert "10,000 bytes" in r.json()["error"]["message"]
        # A body sent in pieces without a declared length is counted as it arrives.
        r = c.post(
            "/api/check",
            content=iter([b'{"text": "', b"y" * 12_000, b'"}']),
            headers={"content-type": "application/json"},
        )
        assert 413 == r.status_code


def test_a_model_over_the_size_limits_is_refused(
    tmp_path: Path, new_client: Any, elmira_text: str
) -> None:
    with new_client(tmp_path, max_model_bytes=1_000, seed_examples=False) as c:
        r = c.post("/api/analyze", json=_body(elmira_text))
        assert 413 == r.status_code
        assert "at most 1,000 bytes" in r.json()["error"]["message"]
    states = len(accord.parse_model(elmira_text).states)
    with new_client(tmp_path, max_states=states - 1, seed_examples=False) as c:
        r = c.post("/api/analyze", json=_body(elmira_text))
        assert 422 == r.status_code
        expected = f"at most {states - 1} feasible states (this one has {states})"
        assert expected in r.json()["error"]["message"]


def test_an_analysis_over_the_time_limit_stops_with_a_clear_message(
    tmp_path: Path, new_client: Any, flagship_text: str
) -> None:
    with new_client(tmp_path, time_limit=0.05, seed_examples=False) as c:
        r = c.post("/api/coalitions", json=_body(flagship_text))
        assert 504 == r.status_code
        message = r.json()["error"]["message"]
        assert "time limit of 0.05 s" in message
        assert "command line" in message
        assert 200 == c.get("/api/health").status_code  # the server carries on


def test_a_model_cannot_run_code(client: TestClient, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    r = client.post("/api/check", json=_body(text))
    assert 200 == r.status_code
    assert r.json()["ok"] is False
    assert not marker.exists()
    r = client.post("/api/analyze", json=_body(text))
    assert 422 == r.status_code
    assert not marker.exists()


def test_a_model_cannot_read_files(client: TestClient, elmira_text: str) -> None:
    secret = "/etc/hostname"
    text = elmira_text + f"sources:\n  - {{id: s1, title: t, path: {secret}}}\n"
    r = client.post("/api/check", json=_body(text))
    assert Path(secret).read_text() not in r.text


def test_errors_are_json_in_the_user_s_words(client: TestClient) -> None:
    r = client.post(
        "/api/check", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert 422 == r.status_code
    assert {"status", "message", "problems"} <= set(r.json()["error"])
    r = client.post("/api/check", json={"text": "x", "format": "docx"})
    assert 422 == r.status_code
    assert r.json()["error"]["message"].startswith("format:")
    r = client.post("/api/check", json={"text": "x", "script": "rm -rf /"})
    assert 422 == r.status_code
    assert "script" in r.json()["error"]["message"]
    r = client.get("/api/nothing-here")
    assert 404 == r.status_code
    assert "no such page" in r.json()["error"]["message"]


def test_static_files_stay_in_their_directory(client: TestClient) -> None:
    for path in ("/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml"):
        r = client.get(path)
        assert r.status_code in (404, 400), path
        assert "[project]" not in r.text


def test_the_page_and_the_api_documentation_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert 200 == page.status_code
    assert "script-src 'self'" in page.headers["content-security-policy"]
    docs = client.get("/docs")
    assert 200 == docs.status_code
    assert "cdn" not in docs.text
    assert "//" not in docs.text.replace("http://testserver", "")  # nothing from elsewhere
    assert 200 == client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code
    assert 404 == client.get("/redoc").status_code
    schema = client.get("/openapi.json").json()
    assert {"/api/check", "/api/analyze", "/api/models", "/api/robustness"} <= set(schema["paths"])
    js = client.get("/static/vendor/plotly.min.js")
    assert 200 == js.status_code
    assert len(js.content) > 1_000_000


def test_a_loopback_server_answers_only_to_loopback_names(tmp_path: Path, new_client: Any) -> None:
    with new_client(tmp_path, allowed_hosts=["127.0.0.1", "localhost"], seed_examples=False) as c:
        r = c.get("/api/health")  # addressed to "testserver"
        assert 400 == r.status_code
        assert "answers requests for 127.0.0.1, localhost only" in r.json()["error"]["message"]
        for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST"):
            assert 200 == c.get("/api/health", headers={"host": host}).status_code, host
        assert 400 == c.get("/", headers={"host": "rebound.example:8000"}).status_code


def test_a_body_that_is_not_json_is_refused_in_plain_words(client: TestClient) -> None:
    r = client.post("/api/check", content=b'{"text": "x"}', headers={"content-type": "text/plain"})
    assert 422 == r.status_code
    assert "must be a JSON object, sent as application/json" in r.json()["error"]["message"]
