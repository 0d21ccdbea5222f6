"""The analyses of the API give what the library gives for the same text."""

from __future__ import annotations

import time

import numpy as np
from fastapi.testclient import TestClient

import accord
from accord.core.analysis.explain import explain


def _body(text: str, **params: object) -> dict[str, object]:
    return {"text": text, "format": "yaml", **params}


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_check_valid_flagship_gives_the_summary(client: TestClient, flagship_text: str) -> None:
    r = client.post("/api/check", json=_body(flagship_text))
    assert 200 == r.status_code
    data = r.json()
    assert data["ok"] is True
    assert "5 decision makers, 12 options, 960 feasible states" in data["summary"]
    assert ["Ukraine", "Russia", "US", "Europe", "Electorate"] == data["decision_makers"]
    assert "Halt the strikes and accept a ceasefire" == data["labels"]["ceasefire"]
    assert [] == [p for p in data["problems"] if p["severity"] == "error"]


def test_check_places_a_misspelt_option_at_its_line(client: TestClient, elmira_text: str) -> None:
    statement, option = "{statement: modify IFF -insist,", "insist"
    line = _line_of(elmira_text, statement)
    broken = elmira_text.replace(statement, statement.replace(option, option + "x"), 1)
    data = client.post("/api/check", json=_body(broken)).json()
    assert data["ok"] is False
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert errors, data
    assert line == errors[0]["line"]
    assert f"{option}x" in errors[0]["message"]
    assert errors[0]["text"].startswith(f"model:{line}:")  # the CLI's message
    assert option in (errors[0]["hint"] or "")


def test_check_warns_like_accord_check(client: TestClient, elmira_text: str) -> None:
    data = client.post("/api/check", json=_body(elmira_text)).json()
    assert data["ok"] is True
    warnings = [p["message"] for p in data["problems"] if p["severity"] == "warning"]
    assert any("no element has evidence" in w for w in warnings), warnings
    assert not any("accord evidence" in w for w in warnings)  # no pointer to a command


def test_analyze_equals_the_library(client: TestClient, flagship_text: str) -> None:
    r = client.post("/api/analyze", json=_body(flagship_text))
    assert 200 == r.status_code
    data = r.json()
    analysis = accord.analyze(accord.parse_model(flagship_text))
    conflict = analysis.conflict
    for concept in ("nash", "gmr", "smr", "seq"):
        expected = sorted(
            int(conflict.states.ids[i])
            for i in np.flatnonzero(analysis.results[concept].equilibria)
        )
        assert expected == sorted(data["equilibria"][concept]), concept


def test_analyze_where_narrows_the_table(client: TestClient, flagship_text: str) -> None:
    everything = client.post("/api/analyze", json=_body(flagship_text)).json()
    some = client.post("/api/analyze", json=_body(flagship_text, where="ceasefire")).json()
    assert 0 < len(some["states"]) < len(everything["states"])
    assert all(s["options"]["ceasefire"] for s in some["states"])


def test_analyze_refuses_a_where_with_an_unknown_option(
    client: TestClient, flagship_text: str
) -> None:
    r = client.post("/api/analyze", json=_body(flagship_text, where="ceasfire"))
    assert 422 == r.status_code
    error = r.json()["error"]
    assert "unknown option 'ceasfire'" in error["message"]
    assert "ceasefire" in (error["problems"][0]["hint"] or "")


def test_explain_gives_every_decision_makers_reasons(
    client: TestClient, flagship_text: str
) -> None:
    data = client.post("/api/explain", json=_body(flagship_text, state=198, concept="seq")).json()
    conflict = accord.parse_model(flagship_text)
    assert 198 == data["state"]
    assert list(conflict.dm_names) == [e["dm"] for e in data["explanations"]]
    for entry in data["explanations"]:
        assert explain(conflict, 198, entry["dm"], "seq").stable is entry["stable"]
    assert not next(e for e in data["explanations"] if e["dm"] == "Russia")["stable"]


def test_explain_an_unknown_state_is_a_clear_error(client: TestClient, flagship_text: str) -> None:
    r = client.post("/api/explain", json=_body(flagship_text, state=99999, concept="seq"))
    assert 422 == r.status_code
    assert "no feasible state has id 99999" in r.json()["error"]["message"]


def test_leverage_finds_the_one_us_edit(client: TestClient, flagship_text: str) -> None:
    data = client.post(
        "/api/leverage", json=_body(flagship_text, state=198, concept="seq", budget=2)
    ).json()
    assert 1 == data["edits"]
    assert data["answers"]
    assert all(e["dm"] == "US" for answer in data["answers"] for e in answer["edits"])


def test_paths_and_coalitions_and_inverse_answer(client: TestClient, elmira_text: str) -> None:
    paths = client.post("/api/paths", json=_body(elmira_text)).json()
    assert "accord-paths/1" == paths["schema"]
    coalitions = client.post("/api/coalitions", json=_body(elmira_text)).json()
    assert "accord-coalitions/1" == coalitions["schema"]
    inverse = client.post(
        "/api/inverse", json=_body(elmira_text, state=5, concept="nash", vary=["MoE"])
    ).json()
    assert 5 == inverse["target"]["id"]


def test_coalitions_are_cut_for_the_page(client: TestClient, flagship_text: str) -> None:
    data = client.post("/api/coalitions", json=_body(flagship_text)).json()
    states = {e["state"] for e in data["scan"]}
    assert {1, 198} <= states or 198 in states
    assert len(states) <= 20
    assert all(len(e["improvements"]) <= 3 <= e["count"] or e["count"] <= 3 for e in data["scan"])
    assert any("`accord coalitions` gives them all" in n for n in data["notes"])
    assert all(isinstance(v, int) for v in data["improvements"].values())


def test_graph_marks_roles_and_equilibria(client: TestClient, flagship_text: str) -> None:
    data = client.post("/api/graph", json=_body(flagship_text, concept="seq", around=198)).json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "status quo" in nodes[1]["roles"]
    assert "focus" in nodes[198]["roles"]
    analysis = accord.analyze(accord.parse_model(flagship_text))
    for node in data["nodes"]:
        index = analysis.conflict.states.index_of_id(node["id"])
        for concept in ("nash", "gmr", "smr", "seq"):
            assert bool(analysis.results[concept].equilibria[index]) is node["equilibrium"][concept]
    ids = set(nodes)
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert any(e["source"] == 198 and e["dm"] == "Russia" for e in data["edges"])
    assert len(nodes) <= 60
    assert "of 960 states" in data["note"]


def test_report_is_html_without_scripts(client: TestClient, flagship_text: str) -> None:
    r = client.post("/api/report", json=_body(flagship_text))
    assert 200 == r.status_code
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "The 2026 Ukraine peace talks" in r.text
    assert "<script" not in r.text.lower()


def _wait(client: TestClient, job_id: str, seconds: float = 120.0) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, object] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] != "running":
            return job
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_robustness_job_reports_progress_and_the_result(
    client: TestClient, flagship_text: str
) -> None:
    from accord.reports.robustness import robustness_dict
    from accord.runners import run_robustness

    r = client.post("/api/robustness", json=_body(flagship_text, samples=40, seed=3))
    assert 202 == r.status_code
    job = _wait(client, r.json()["id"])
    assert "done" == job["status"], job
    assert job["done"] == job["total"] == 40
    expected = robustness_dict(run_robustness(flagship_text, "yaml", samples=40, seed=3))
    result = job["result"]
    assert isinstance(result, dict)
    assert expected["concepts"] == result["concepts"]


def test_a_robustness_job_can_be_cancelled(client: TestClient, flagship_text: str) -> None:
    r = client.post("/api/robustness", json=_body(flagship_text, samples=20_000, seed=1))
    job_id = r.json()["id"]
    cancelled = client.delete(f"/api/jobs/{job_id}").json()
    assert "cancelled" == cancelled["status"]
    assert "cancelled" == client.get(f"/api/jobs/{job_id}").json()["status"]
    assert 404 == client.get("/api/jobs/nope").status_code
