"""The CLI (`lscp diagram --highlight/--route`) and the HTTP charts highlight the same steps, for
every escalation route and accountability chain the bundled data states: both ask
diagrams.highlight.steps_for, so the DOT they draw is the same, byte for byte."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from lscp.api.commands.diagram import diagram
from lscp.api.http import create_app
from lscp.loaders import load
from lscp.queries import accountable, escalation
from lscp.queries.escalation import CONDITIONS
from lscp.queries.scope import partnership_of

GRAPH = load()


def _starts():
    """Every start with a stated escalation route, with each condition it is stated under."""
    for entity in GRAPH.entities():
        if entity.kind not in ("body", "post", "partnership"):
            continue
        conditions = {s.condition for r in escalation(GRAPH, entity.id).routes for s in r.steps if s.condition}
        if conditions:
            yield entity.id, None
            yield from ((entity.id, c) for c in sorted(conditions) if c in CONDITIONS)


ROUTES = list(_starts())
CHAINED = [e.id for e in GRAPH.entities() if e.kind == "body" and partnership_of(GRAPH, e)]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(GRAPH), raise_server_exceptions=False) as test_client:
        yield test_client


def _cli(*args: str) -> str:
    result = CliRunner().invoke(diagram, ["--format", "dot", *args], obj={"data": None}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _http(client, target: str, **params) -> str:
    response = client.get(f"/api/charts/{target}.dot", params={k: v for k, v in params.items() if v})
    assert response.status_code == 200, response.text
    return response.text


def _target(entity_id: str) -> str:
    return partnership_of(GRAPH, GRAPH.by_id[entity_id]) or entity_id


def test_there_are_routes_and_chains_to_compare():
    assert len(ROUTES) >= 8 and len(CHAINED) >= 30  # SILG's six routes (004:267), Portsmouth's Board (000:331-358)


@pytest.mark.parametrize("start,condition", ROUTES)
def test_cli_and_http_highlight_the_same_escalation_steps(client, start, condition):
    target = _target(start)
    route = f"escalation:{start}" + (f":{condition}" if condition else "")
    cli = _cli(target, "--route", route)
    http = _http(client, target, route=start, when=condition)
    assert cli == http
    assert "highlighted steps (numbered)" in cli  # the key row drawn only when a step is highlighted


def test_cli_and_http_highlight_the_same_accountability_steps(client):
    for body in CHAINED:
        target = _target(body)
        cli = _cli(target, "--highlight", body)
        assert cli == _http(client, target, highlight=body), body
        assert ("highlighted steps (numbered)" in cli) == bool(accountable(GRAPH, body).chains), body
