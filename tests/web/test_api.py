"""The JSON API in-process: every endpoint's answer, unknown ids (404 + suggestions), bad
parameters (422), and one error shape everywhere."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lscp.api.http import create_app
from lscp.loaders import load

ERROR_KEYS = {"status", "message", "suggestions"}


def error_of(response, status: int) -> dict:
    """The body of a failed request, checked against the one error shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["suggestions"], list)
    return body["error"]


def ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


# --- the error shape, pinned ---------------------------------------------------------------

def test_the_error_shape_is_pinned(base_world):
    # The loader tests' small world: its ids are stable, so the whole body can be pinned.
    client = TestClient(create_app(load(base_world)))
    response = client.get("/api/entities/test.bord")
    assert response.status_code == 404
    assert response.json() == {"error": {
        "status": 404,
        "message": "No entity with id 'test.bord'. Did you mean: test.board?",
        "suggestions": ["test.board"],
    }}
    response = client.get("/api/search")
    assert response.status_code == 422
    assert response.json() == {"error": {
        "status": 422, "message": "Bad request: query parameter 'q': Field required.", "suggestions": []}}


def test_unknown_paths_and_methods_answer_in_the_same_shape(client):
    response = client.get("/api/nowhere")
    assert error_of(response, 404)["message"].startswith("Nothing here: /api/nowhere")
    assert response.headers["x-content-type-options"] == "nosniff"
    error_of(client.post("/api/overview"), 405)
    error_of(client.delete("/api/entities/southampton.silg"), 405)


def test_an_unexpected_failure_is_a_500_in_the_same_shape_without_details(graph, monkeypatch):
    from lscp import queries
    from fastapi.testclient import TestClient

    from lscp.api.http import create_app

    monkeypatch.setattr(queries, "overview", lambda graph: 1 / 0)
    with TestClient(create_app(graph), raise_server_exceptions=False) as fresh:  # no answer cached yet
        error = error_of(fresh.get("/api/overview"), 500)
    assert error["message"] == "Something went wrong on our side; the error has been logged."


def test_the_api_is_read_only(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {method for operations in paths.values() for method in operations} == {"get"}


# --- every endpoint: happy path ------------------------------------------------------------

def test_overview(client):
    body = ok(client, "/api/overview")
    assert "southampton.sscp" in [p["id"] for p in body["partnerships"]]
    assert body["counts"]["body"] > 0


def test_list_entities(client):
    rows = ok(client, "/api/entities?kind=bodies&area=southampton")
    silg = next(r for r in rows if r["id"] == "southampton.silg")
    assert silg["chairs"] == ["Designated Doctor for Southampton"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert all(r["kind"] == "edition" for r in ok(client, "/api/entities?kind=editions"))
    assert "hips.health-group" in [r["id"] for r in ok(client, "/api/entities?kind=bodies&edition=hips-2019")]


def test_show_entity(client):
    body = ok(client, "/api/entities/southampton.silg")
    assert body["name"] == "Serious Incidents and Learning Group"
    chair = next(r for r in body["incoming"] if r["type"] == "chairs")
    assert chair["source"] == "southampton.designated-doctor"
    cited = chair["sources"][0]
    assert cited["citation"] == "004:252" and "Designated Doctor" in cited["lines"][0][1]


def test_search(client):
    hits = ok(client, "/api/search?q=serious%20incidents")
    assert hits[0]["id"] == "southampton.silg"
    assert ok(client, "/api/search?q=SILG")[0]["id"] == "southampton.silg"  # an alias
    assert len(ok(client, "/api/search?q=group&limit=2")) == 2


def test_accountable(client):
    body = ok(client, "/api/accountable/southampton.silg")
    accountable = {p["name"] for p in body["accountable"]}
    assert "Chief Executive, Southampton City Council" in accountable
    assert "Designated Doctor for Southampton" in {p["name"] for p in body["acting"]}
    assert body["summary"].startswith("Accountable for Serious Incidents and Learning Group")
    assert body["chains"] and all(c["steps"] for c in body["chains"])


def test_accountabilities(client):
    body = ok(client, "/api/accountabilities/southampton.designated-doctor")
    assert "southampton.silg" in [x["subject"] for x in body["responsible_for"]]


def test_escalate(client):
    body = ok(client, "/api/escalate/portsmouth.board?when=split-decision")
    assert body["condition"] == "split-decision"
    assert {r["ends_at_name"] for r in body["routes"]} >= {"Chief Executive, Portsmouth City Council"}
    assert "000:358" in [c["citation"] for c in body["sources"]]


def test_gaps(client):
    body = ok(client, "/api/gaps?area=southampton&rules=wt2018")
    assert body["area"] == "southampton" and body["rules"] == "wt2018"
    assert body["findings"] and {f["severity"] for f in body["findings"]} <= {"high", "medium", "low", "info"}


def test_vacancy(client):
    body = ok(client, "/api/vacancy/southampton.designated-doctor")
    assert body["target"] == "southampton.designated-doctor"
    assert "southampton.silg" in [f["subject"] for f in body["findings"]]


def test_compare(client):
    body = ok(client, "/api/compare?p=southampton&p=portsmouth&p=plymouth.pscp")
    assert body["partnerships"] == ["southampton.sscp", "portsmouth.pscp", "plymouth.pscp"]
    assert "safeguarding partners" in [r["feature"] for r in body["rows"]]


def test_diff(client):
    body = ok(client, "/api/diff?before=hips-2019&after=hips-2022")
    assert (body["before"], body["after"]) == ("hips-2019", "hips-2022")
    assert body["changes"]


def test_diff_of_two_partnerships_is_404_naming_both(client):
    # compare, not diff, sets two partnerships side by side; the earlier one's editions are offered.
    error = error_of(client.get("/api/diff?before=hips-2019&after=plymouth-2020"), 404)
    assert error["message"].startswith("hips-2019 is an edition of hips and plymouth-2020 of plymouth.pscp")
    assert error["suggestions"] == ["hips-2022"]


def test_load(client):
    body = ok(client, "/api/load/southampton.designated-doctor")
    assert body["chairs"] >= 1 and "southampton.silg" in [s["body"] for s in body["roles"]]


def test_raci(client):
    body = ok(client, "/api/raci?area=southampton")
    assert "fn.rapid-review" in [r["function"] for r in body["rows"]]


def test_coverage(client):
    body = ok(client, "/api/coverage?doc=004")
    assert [d["doc"] for d in body] == ["004"] and 0 < body[0]["cited_share"] <= 100


MAGIC = {"svg": b"<svg", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph", "mermaid": b"flowchart",
         "drawio": b"<mxfile"}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_chart_in_every_format(client, fmt):
    response = client.get(f"/api/charts/southampton.sscp.{fmt}")
    assert response.status_code == 200, response.text[:300]
    assert MAGIC[fmt] in response.content[:400]
    assert response.headers["content-disposition"].startswith('inline; filename="southampton.sscp.')
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("query", [
    "highlight=southampton.silg", "route=southampton.silg&when=disputed-rapid-review",
    "highlight=fn.rapid-review&alone=true", "edition=southampton-2022",
])
def test_chart_with_a_chain_or_route_highlighted(client, query):
    plain = client.get("/api/charts/southampton.sscp.dot").text
    response = client.get(f"/api/charts/southampton.sscp.dot?{query}")
    assert response.status_code == 200, response.text[:300]
    assert ("1. " in response.text) == ("edition" not in query)  # numbered highlighted steps
    assert (response.text != plain) == ("edition" not in query)


def test_chart_of_changes_and_of_two_side_by_side(client):
    assert client.get("/api/charts/hips.svg?before=hips-2019&after=hips-2022").status_code == 200
    assert client.get("/api/charts/southampton.sscp.svg?beside=portsmouth.pscp").status_code == 200


# --- every endpoint: unknown id -> 404 with the closest ids ----------------------------------

@pytest.mark.parametrize("url, suggested", [
    ("/api/entities/southampton.silgg", "southampton.silg"),
    ("/api/accountable/southampton.silgg", "southampton.silg"),
    ("/api/accountabilities/southampton.designated-doctr", "southampton.designated-doctor"),
    ("/api/escalate/portsmouth.bord", "portsmouth.board"),
    ("/api/vacancy/southampton.designated-doctr", "southampton.designated-doctor"),
    ("/api/load/southampton.designated-doctr", "southampton.designated-doctor"),
    ("/api/compare?p=southampton&p=portsmuth", "portsmouth"),
    ("/api/charts/southampton.sscpp.svg", "southampton.sscp"),
    ("/api/charts/southampton.sscp.svg?highlight=southampton.silgg", "southampton.silg"),
])
def test_unknown_id_is_404_with_suggestions(client, url, suggested):
    error = error_of(client.get(url), 404)
    assert suggested in error["suggestions"]
    assert "Did you mean" in error["message"]


# --- every endpoint: bad parameter -> 422 ----------------------------------------------------

@pytest.mark.parametrize("url, message", [
    ("/api/entities", "query parameter 'kind': Field required"),
    ("/api/entities?kind=bogus", "unknown kind 'bogus'"),
    ("/api/entities?kind=bodies&area=nowhere", "unknown area 'nowhere'"),
    ("/api/entities?kind=bodies&edition=nowhere", "unknown edition 'nowhere'"),
    ("/api/search", "query parameter 'q': Field required"),
    ("/api/search?q=x&limit=0", "query parameter 'limit'"),
    ("/api/search?q=x&limit=many", "query parameter 'limit'"),
    ("/api/accountable/southampton", "southampton is an area"),
    ("/api/gaps?edition=hips-2021", "unknown edition 'hips-2021'"),
    ("/api/accountable/southampton.silg?edition=nowhere", "unknown edition 'nowhere'"),
    ("/api/accountabilities/fn.rapid-review", "is a function"),
    ("/api/escalate/portsmouth.board?when=never", "unknown condition 'never'"),
    ("/api/escalate/southampton", "escalation starts from a body, post or partnership"),
    ("/api/gaps?rules=wt2099", "unknown rule pack 'wt2099'"),
    ("/api/gaps?area=nowhere", "unknown area 'nowhere'"),
    ("/api/vacancy/southampton.silg", "ask about a post"),
    ("/api/compare", "query parameter 'p': Field required"),
    ("/api/compare?p=southampton", "compare needs at least two"),
    ("/api/diff?before=hips-2019", "query parameter 'after': Field required"),
    ("/api/diff?before=hips-2019&after=hips-2099", "unknown edition 'hips-2099'"),
    ("/api/load/southampton", "ask about a person, post or organisation"),
    ("/api/raci", "query parameter 'area': Field required"),
    ("/api/raci?area=nowhere", "unknown area 'nowhere'"),
    ("/api/coverage?doc=999", "unknown document '999'"),
    ("/api/charts/southampton.sscp.gif", "path parameter 'fmt'"),
    ("/api/charts/southampton.silg.svg", "southampton.silg is a body"),
    ("/api/charts/southampton.sscp.svg?route=southampton.silg&when=never", "unknown condition 'never'"),
    ("/api/charts/hips.svg?before=hips-2019", "give both `before` and `after`"),
    ("/api/charts/hips.svg?alone=perhaps", "query parameter 'alone'"),
])
def test_bad_parameter_is_422(client, url, message):
    assert message in error_of(client.get(url), 422)["message"]


# --- the OpenAPI document ----------------------------------------------------------------------

OPERATIONS = ["accountabilities", "accountable", "chart", "check", "compare", "coverage", "diff", "escalate", "gaps",
              "list_entities", "load", "overview", "raci", "search", "show_entity", "vacancy"]


def test_operation_ids_are_stable_and_every_operation_is_documented(client):
    document = client.get("/openapi.json").json()
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert sorted(op["operationId"] for op in operations) == OPERATIONS
    for op in operations:
        assert op["summary"] and op["description"] and "\n" not in op["description"].strip()
        assert {"200", "404", "422"} <= set(op["responses"])
        assert op["responses"]["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
        assert op["responses"]["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}


def test_the_openapi_document_validates(app):
    import schemathesis

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.validate()  # against the OpenAPI 3.1 meta-schema; raises on any violation
    operations = list(schema.get_all_operations())
    assert len(operations) == len(OPERATIONS)
    assert all(op.ok() for op in operations)


def test_docs_page_is_served(client):
    response = client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()
