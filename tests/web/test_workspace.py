"""The workspace through the API: the examples on first start, revisions, import, export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

import accord


def _flagship(client: TestClient) -> dict[str, object]:
    models = client.get("/api/models").json()["data"]
    return next(m for m in models if m["name"] == "ukraine-peace-talks-2026")


def test_the_flagship_is_there_on_first_start(client: TestClient, flagship_text: str) -> None:
    model = _flagship(client)
    detail = client.get(f"/api/models/{model['id']}").json()
    first = detail["revisions"][-1]
    assert 1 == first["number"]
    assert "5 decision makers, 12 options, 960 feasible states" in first["summary"]
    text = client.get(f"/api/models/{model['id']}/revisions/1").json()["text"]
    assert flagship_text == text


def test_examples_are_seeded_once(tmp_path: Path, new_client: Any) -> None:
    for _ in range(2):
        with new_client(tmp_path) as c:
            names = [m["name"] for m in c.get("/api/models").json()["data"]]
    assert 1 == names.count("ukraine-peace-talks-2026")


def test_every_save_is_a_new_revision_with_its_note(client: TestClient, elmira_text: str) -> None:
    created = client.post(
        "/api/models", json={"name": "elmira-copy", "text": elmira_text, "note": "start"}
    )
    assert 201 == created.status_code
    model_id = created.json()["model"]["id"]
    edited = elmira_text.replace("label: Uniroyal accepts the order", "label: UR accepts")
    saved = client.post(
        f"/api/models/{model_id}/revisions",
        json={"text": edited, "note": "shorter label", "author": "ana", "parent": 1},
    )
    assert 201 == saved.status_code
    assert (2, "shorter label", "ana", 1) == tuple(
        saved.json()[k] for k in ("number", "note", "author", "parent")
    )
    detail = client.get(f"/api/models/{model_id}").json()
    assert [2, 1] == [r["number"] for r in detail["revisions"]]
    assert 2 == detail["model"]["latest"]
    assert edited == client.get(f"/api/models/{model_id}/revisions/2").json()["text"]


def test_an_invalid_model_is_not_saved(client: TestClient, elmira_text: str) -> None:
    model_id = client.post(
        "/api/models", json={"name": "elmira-bad", "text": elmira_text, "note": "start"}
    ).json()["model"]["id"]
    broken = elmira_text.replace("status_quo: delay", "status_quo: delayy")
    r = client.post(f"/api/models/{model_id}/revisions", json={"text": broken, "note": "oops"})
    assert 422 == r.status_code
    error = r.json()["error"]
    assert error["message"].startswith("not saved:")
    assert any(p["line"] for p in error["problems"])
    assert 1 == client.get(f"/api/models/{model_id}").json()["model"]["revisions"]
    r = client.post(f"/api/models/{model_id}/revisions", json={"text": elmira_text, "note": " "})
    assert 422 == r.status_code
    assert "note" in r.json()["error"]["message"]


def test_export_and_import_round_trip(client: TestClient) -> None:
    model = _flagship(client)
    base = f"/api/models/{model['id']}/revisions/1/export"
    conflict = accord.parse_model(client.get(f"{base}?format=yaml").text)
    for fmt in ("json", "gmcr"):
        r = client.get(f"{base}?format={fmt}")
        assert 200 == r.status_code
        assert f'filename="ukraine-peace-talks-2026-r1.{fmt}"' in r.headers["content-disposition"]
        again = accord.parse_model(r.text, format=fmt)
        assert len(conflict.states) == len(again.states)
        assert conflict.dm_names == again.dm_names
    gmcr = client.get(f"{base}?format=gmcr").text
    imported = client.post("/api/models", json={"filename": "talks.gmcr", "text": gmcr})
    assert 201 == imported.status_code
    body = imported.json()
    assert ("talks", "yaml") == (body["model"]["name"], body["revision"]["format"])
    assert body["revision"]["note"].startswith("imported from talks.gmcr")
    stored = client.get(f"/api/models/{body['model']['id']}/revisions/1").json()["text"]
    assert "name: talks" in stored
    assert "960 feasible states" in body["revision"]["summary"]
    assert json.loads(gmcr)  # the export is JSON


def test_import_refuses_an_unknown_extension(client: TestClient, elmira_text: str) -> None:
    r = client.post("/api/models", json={"filename": "notes.txt", "text": elmira_text})
    assert 422 == r.status_code
    assert "notes.txt" in r.json()["error"]["message"]


def test_diff_between_two_revisions(client: TestClient, elmira_text: str) -> None:
    model_id = client.post(
        "/api/models", json={"name": "elmira-diff", "text": elmira_text, "note": "start"}
    ).json()["model"]["id"]
    lines = elmira_text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "{statement: accept," in line)
    lines[first], lines[first + 1] = lines[first + 1], lines[first]
    client.post(f"/api/models/{model_id}/revisions", json={"text": "".join(lines), "note": "swap"})
    r = client.get(f"/api/models/{model_id}/diff?old=1&new=2")
    assert 200 == r.status_code, r.text
    data = r.json()
    assert data.get("identical") is False
    assert "accept" in json.dumps(data)
    assert 422 == client.get(f"/api/models/{model_id}/diff?old=0&new=2").status_code


def test_delete_and_not_found(client: TestClient, elmira_text: str) -> None:
    model_id = client.post(
        "/api/models", json={"name": "gone", "text": elmira_text, "note": "start"}
    ).json()["model"]["id"]
    assert 204 == client.delete(f"/api/models/{model_id}").status_code
    r = client.get(f"/api/models/{model_id}")
    assert 404 == r.status_code
    assert str(model_id) in r.json()["error"]["message"]
    assert 404 == client.get("/api/models/1/revisions/999").status_code
