"""The OpenAPI document as the API answers: the closed vocabularies of the loaded data (an
edition, an area or a source document lists the ones that exist) and the chart's three kinds
of request, so a client (or schemathesis) reading the spec sends only what the API can answer.
The fixed words (kind, when, rules, format) and the length limits are declared on the routes."""
from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from lscp.loaders import Graph
from lscp.model import LscpError, Source
from lscp.queries.gaps import arrangements_editions
from lscp.queries.scope import in_area

from . import browse, questions, reports
from .charts import MODE_REQUIRES, MODES

# (operation id or "*", parameter name) -> the vocabulary it takes.
PARAMETERS = {
    ("*", "edition"): "editions", ("diff", "before"): "editions", ("diff", "after"): "editions",
    ("*", "area"): "areas", ("raci", "area"): "covered areas", ("coverage", "doc"): "documents",
}


def vocabularies(graph: Graph) -> dict[str, list[str]]:
    editions = arrangements_editions(graph)
    areas = [a.id for a in graph.entities("area")]
    return {
        "editions": sorted(e.id for e in graph.entities("edition")),
        "areas": sorted(areas),
        # a RACI matrix needs a partnership edition covering the area
        "covered areas": sorted(a for a in areas if any(in_area(graph, graph.by_id[e.partnership], a) for e in editions)),
        # coverage counts the lines of the documents held as text, not of web pages
        "documents": sorted(s.id for s in graph.entities_of(Source) if s.file),
    }


def document_builder(app: FastAPI, graph: Graph) -> Callable[[], dict]:
    """app.openapi: the document, built once on first request."""

    def build() -> dict:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            words = vocabularies(graph)
            for path in document["paths"].values():
                for operation in path.values():
                    _enumerate(operation, words)
            _chart_modes(document["paths"]["/api/charts/{target}.{fmt}"]["get"])
            _answer_examples(graph, document)
            app.openapi_schema = document
        return app.openapi_schema

    return build


def _enumerate(operation: dict, words: dict[str, list[str]]) -> None:
    for parameter in operation.get("parameters", []):
        if "enum" in parameter["schema"] and "anyOf" in parameter["schema"]:  # a route's own enum
            declared = parameter["schema"].pop("enum")
            parameter["schema"] = _with_enum(parameter["schema"], declared)
        if operation["operationId"] == "chart":
            continue  # a chart's editions are the target's own: a mismatch is 404, not a spec violation
        name = parameter["name"]
        vocabulary = PARAMETERS.get((operation["operationId"], name)) or PARAMETERS.get(("*", name))
        if vocabulary and parameter["in"] == "query":
            parameter["schema"] = _with_enum(parameter["schema"], words[vocabulary])


def _with_enum(schema: dict, values: list[str]) -> dict:
    """`{"type": "string"}` or `{"anyOf": [string, null]}` narrowed to `values`."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [_with_enum(s, values) if s.get("type") == "string" else s for s in schema["anyOf"]]}
    return {**schema, "enum": values}


def _chart_modes(operation: dict) -> None:
    """The chart's query parameters as one form-exploded object that is one of the MODES
    (OpenAPI cannot say "before needs after" or "beside goes alone" of separate parameters)."""
    query = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    variants = []
    for mode, names in MODES.items():
        properties = {n: {**_plain(query[n]["schema"]), "description": query[n].get("description", "")} for n in names}
        variants.append({"type": "object", "title": mode, "properties": properties, "additionalProperties": False,
                         "required": list(MODE_REQUIRES.get(mode, ()))})
    operation["parameters"] = [p for p in operation["parameters"] if p["in"] != "query"] + [{
        "name": "chart", "in": "query", "style": "form", "explode": True, "required": False,
        "description": "What to draw besides the structure: an edition and highlights; the changes between "
                       "two editions (`before` and `after`, optionally with highlights); or another partnership "
                       "`beside` the target. Each as separate query parameters, e.g. `?before=hips-2019&after=hips-2022`.",
        "schema": {"oneOf": variants},
    }]


def _plain(schema: dict) -> dict:
    """A parameter's schema without the `null` FastAPI adds to optional ones (absent means none)."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    plain = dict(options[0]) if len(options) == 1 else dict(schema)
    for key in ("examples", "default"):
        if key in schema and key not in plain:
            plain[key] = schema[key]
    return plain


EXAMPLE_ITEMS = 2  # items kept of each list in an answer's example, so the document stays small


def _answer_examples(graph: Graph, document: dict) -> None:
    """Each JSON operation's 200 example: what it answers for its parameters' examples (the
    required ones), with every list cut to its first EXAMPLE_ITEMS items."""
    operations = {op["operationId"]: op for path in document["paths"].values() for op in path.values()}
    for route in (*browse.router.routes, *questions.router.routes, *reports.router.routes):
        assert isinstance(route, APIRoute)
        operation = operations[route.operation_id]
        examples = {p["name"]: p["schema"]["examples"][0] for p in operation.get("parameters", [])
                    if p["required"] and "examples" in p["schema"]}
        # Parameters a dependency reads (an id resolved through search) are passed by the name
        # the endpoint receives them under, which is theirs.
        own = inspect.signature(route.endpoint).parameters
        arguments = {f.name: examples[f.alias] for f in _fields(route.dependant) if f.alias in examples and f.name in own}
        try:
            answer = _call(route.endpoint, graph=graph, **arguments)
        except LscpError:  # other data than the bundled: the example ids are not in it
            continue
        content = operation["responses"]["200"]["content"]["application/json"]
        content["example"] = _trimmed(jsonable_encoder(answer))


def _fields(dependant: Dependant) -> list:
    """The path and query parameters of a route and of the dependencies it reads them through."""
    return [*dependant.path_params, *dependant.query_params, *(f for d in dependant.dependencies for f in _fields(d))]


def _call(endpoint: Callable, **arguments):
    result = endpoint(**arguments)
    if inspect.iscoroutine(result):  # the async routes: in a thread of its own, off the running loop
        with ThreadPoolExecutor(1) as pool:
            result = pool.submit(asyncio.run, result).result()
    return result


def _trimmed(value):
    if isinstance(value, list):
        return [_trimmed(v) for v in value[:EXAMPLE_ITEMS]]
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    return value
