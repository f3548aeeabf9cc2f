"""Property-based run over the OpenAPI document (schemathesis, in-process over ASGI): no
generated request, valid or not, gets a server error, and every answer matches its schema."""
from __future__ import annotations

import time

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_MODE = 45  # per operation, for valid and for invalid requests: about 1,100 requests in all
AT_LEAST = 1000
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _run(operation, mode, sent: list[int]) -> None:
    @settings(max_examples=EXAMPLES_PER_MODE, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def requests(case):
        response = case.call()
        sent.append(response.status_code)
        case.validate_response(response, checks=CHECKS)
        if response.status_code >= 400:
            error = response.json()["error"]
            assert set(error) == {"status", "message", "suggestions"} and error["status"] == response.status_code

    requests()


def test_no_generated_request_gets_a_server_error(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    sent: list[int] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        _run(operation, schemathesis.GenerationMode.POSITIVE, sent)
        try:
            _run(operation, schemathesis.GenerationMode.NEGATIVE, sent)
        except Unsatisfiable:
            pass  # no request can break the schema: no parameters, or only a free-text path parameter
    print(f"schemathesis: {len(sent)} requests in {time.monotonic() - started:.1f}s; "
          f"statuses: {dict(sorted((s, sent.count(s)) for s in set(sent)))}")
    assert len(sent) >= AT_LEAST
    assert all(status < 500 for status in sent)
