"""The OpenAPI document says what the API accepts: closed vocabularies as enums (each value
answered), a length limit on every string parameter (422 naming it), examples the API answers,
and schemathesis finding no spec-valid request rejected and no server error."""
from __future__ import annotations

from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from lscp.api.deps import MAX_LENGTH
from lscp.api.routes.openapi import EXAMPLE_ITEMS
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance


@pytest.fixture(scope="module")
def document(client):
    return client.get("/openapi.json").json()


def operations(document):
    return {op["operationId"]: (path, op) for path, item in document["paths"].items() for op in item.values()}


def string_schemas(schema):
    """The string schemas a parameter may take (optional ones are anyOf string/null)."""
    return [s for s in schema.get("anyOf", [schema]) if s.get("type") == "string"]


def test_every_string_parameter_has_a_length_limit(document):
    checked = 0
    for _, op in operations(document).values():
        for parameter in op.get("parameters", []):
            schema = parameter["schema"]
            if parameter["name"] == "chart":  # the chart's exploded object: each of its strings
                strings = [p for mode in schema["oneOf"] for p in mode["properties"].values() if p["type"] == "string"]
            elif schema.get("type") == "array":
                strings = [schema["items"]]
            else:
                strings = string_schemas(schema)
            for string in strings:
                assert 0 < string.get("maxLength", 0) <= MAX_LENGTH or "maxLength" not in string and "enum" in string, \
                    (op["operationId"], parameter["name"])
                checked += 1
    assert checked >= 30


@pytest.mark.parametrize("url", [
    "/api/search?q={long}", "/api/entities/{long}", "/api/entities?kind={long}", "/api/gaps?area={long}",
    "/api/escalate/southampton.silg?when={long}", "/api/compare?p={long}&p=portsmouth.pscp",
    "/api/charts/hips.dot?highlight={long}", "/api/diff?before={long}&after=hips-2022",
])
def test_a_value_over_the_limit_is_422_naming_the_limit(client, url):
    response = client.get(url.format(long="a" * (MAX_LENGTH + 1)))
    assert response.status_code == 422
    assert f"at most {MAX_LENGTH} characters" in response.json()["error"]["message"]


def enum_of(op, name):
    parameter = next(p for p in op["parameters"] if p["name"] == name)
    return next(s["enum"] for s in string_schemas(parameter["schema"]) if "enum" in s)


@pytest.mark.parametrize("operation, name, path, expected", [
    ("list_entities", "kind", "/api/entities?kind={}", {"bodies", "posts", "people", "areas", "sources"}),
    ("escalate", "when", "/api/escalate/southampton.silg?when={}", {"split-decision"}),
    ("gaps", "rules", "/api/gaps?rules={}", {"wt2018", "wt2023"}),
    ("gaps", "edition", "/api/gaps?edition={}", {"hips-2019", "hips-2022", "southampton-2022", "plymouth-2020"}),
    ("gaps", "area", "/api/gaps?area={}", {"southampton", "portsmouth", "plymouth", "isle-of-wight", "hampshire"}),
    ("raci", "area", "/api/raci?area={}", {"southampton", "portsmouth", "plymouth"}),
    ("coverage", "doc", "/api/coverage?doc={}", {"000", "001", "002", "003", "004"}),
    ("diff", "before", "/api/diff?before={0}&after={0}", {"hips-2019", "portsmouth-2019"}),
])
def test_every_value_of_a_closed_vocabulary_is_answered(client, document, operation, name, path, expected):
    values = enum_of(operations(document)[operation][1], name)
    assert expected <= set(values)
    for value in values:
        response = client.get(path.format(quote(value)))
        assert response.status_code == 200, (value, response.text[:300])


def test_the_chart_format_is_an_enum(document):
    _, op = operations(document)["chart"]
    fmt = next(p for p in op["parameters"] if p["name"] == "fmt")
    assert {"svg", "dot", "mermaid", "drawio"} <= set(fmt["schema"]["enum"])


def example_url(path, op, extra=None):
    """The operation's URL with every parameter at its example."""
    query = []
    for parameter in op.get("parameters", []):
        example = parameter["schema"].get("examples", [None])[0]
        if parameter["in"] == "path" and example is not None:
            path = path.replace("{" + parameter["name"] + "}", quote(str(example)))
        elif example is not None:
            values = example if isinstance(example, list) else [example]
            query += [f"{parameter['name']}={quote(str(v))}" for v in values]
    query += [f"{k}={quote(str(v))}" for k, v in (extra or {}).items()]
    return path + ("?" + "&".join(query) if query else "")


def test_every_operation_answers_its_own_examples(client, document):
    for operation_id, (path, op) in operations(document).items():
        if operation_id == "chart":
            continue
        response = client.get(example_url(path, op))
        assert response.status_code == 200, (operation_id, response.text[:300])


def test_every_kind_of_chart_answers_its_examples(client, document):
    path, op = operations(document)["chart"]
    (chart,) = [p for p in op["parameters"] if p["name"] == "chart"]
    assert [mode["title"] for mode in chart["schema"]["oneOf"]] == ["structure", "changes", "side by side"]
    for mode in chart["schema"]["oneOf"]:
        examples = {name: p["examples"][0] for name, p in mode["properties"].items() if "examples" in p}
        response = client.get(example_url(path, {"parameters": [p for p in op["parameters"] if p["in"] == "path"]},
                                          examples).replace("{fmt}", "dot"))
        assert response.status_code == 200, (mode["title"], response.text[:300])


def trimmed(value):
    if isinstance(value, list):
        return [trimmed(v) for v in value[:EXAMPLE_ITEMS]]
    if isinstance(value, dict):
        return {k: trimmed(v) for k, v in value.items()}
    return value


def test_each_answer_example_is_what_the_api_answers(client, document):
    for operation_id, (path, op) in operations(document).items():
        if operation_id == "chart":
            continue
        required = {**op, "parameters": [p for p in op.get("parameters", []) if p["required"]]}
        answered = client.get(example_url(path, required)).json()
        assert op["responses"]["200"]["content"]["application/json"]["example"] == trimmed(answered), operation_id


def test_the_vacancy_example_is_the_source_s_answer(document):
    """004:252: 'This group is chaired by the Designated Doctor for Southampton.' (the Serious
    Incidents and Learning Group, 004:243): if the post falls vacant, the group loses its chair."""
    _, op = operations(document)["vacancy"]
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert example["target"] == "southampton.designated-doctor"
    lost = [f for f in example["findings"] if f["subject"] == "southampton.silg"]
    assert lost and "chair" in lost[0]["message"] and lost[0]["facts"][0]["citation"] == "004:252"


def _positive_run(operation, rejected: list) -> int:
    """schemathesis' valid requests for one operation; every rejection or server error noted."""
    sent = 0

    @settings(max_examples=30, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE))
    def requests(case):
        nonlocal sent
        response = case.call()
        sent += 1
        try:
            case.validate_response(response, checks=[not_a_server_error, positive_data_acceptance])
        except (AssertionError, FailureGroup) as failure:  # collected: the report names every one
            rejected.append((operation.label, response.status_code, case.path_parameters, case.query, str(failure)[:200]))

    requests()
    return sent


def test_no_spec_valid_request_is_rejected_and_none_fails(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    rejected: list = []
    sent = sum(_positive_run(result.ok(), rejected) for result in schema.get_all_operations())
    assert sent >= 300
    assert rejected == []


def test_the_document_builds_over_other_data(base_world):
    """The examples name bundled ids; over other data the document still builds, with the
    other data's vocabularies and no answer example that could not be made."""
    from fastapi.testclient import TestClient
    from lscp.api.http import create_app
    from lscp.loaders import load

    with TestClient(create_app(load(base_world))) as other:
        response = other.get("/openapi.json")
    assert response.status_code == 200
    document = operations(response.json())
    assert enum_of(document["gaps"][1], "edition") == ["test-2020"]
    assert "example" not in document["show_entity"][1]["responses"]["200"]["content"]["application/json"]
    assert "example" in document["overview"][1]["responses"]["200"]["content"]["application/json"]


def test_an_edition_of_another_partnership_is_no_such_chart(client):
    response = client.get("/api/charts/hips.dot", params={"edition": "southampton-2022"})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["message"] == "hips has no edition 'southampton-2022'; its editions are: hips-2019, hips-2022"
    assert error["suggestions"] == ["hips-2019", "hips-2022"]


@pytest.mark.parametrize("query", [{"before": "hips-2019"}, {"beside": "portsmouth.pscp", "edition": "hips-2022"}])
def test_a_mixture_the_modes_do_not_allow_is_422(client, query):
    assert client.get("/api/charts/hips.dot", params=query).status_code == 422
