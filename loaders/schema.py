"""The JSON Schema of a data file, generated from the pydantic models of record.

The models carry the schema of each form the loader accepts (a citation as `"004:217"` or a
list, a year-only or year-month date, one `represents` id or a list), so the schema accepts
what `lscp validate` accepts and refuses, where a schema can say it, what the loader refuses
(unknown fields, words outside a vocabulary, malformed ids, dates and citations). What needs
the whole data set (dangling ids, cited lines past a document's end) only the loader checks.
"""
from __future__ import annotations

import json
from types import GenericAlias
from typing import Any

from lscp.model import ENTITY_TYPES, SECTIONS, Mention, Relation
from lscp.model.entities import Id
from pydantic import ConfigDict, create_model

SCHEMA_ID = "tag:lscp,2026:schema/data-file"


def data_schema() -> dict:
    # (annotation, default) of each field; the sections' list types are made at run time
    fields: dict[str, Any] = {section: (GenericAlias(list, (ENTITY_TYPES[kind],)), []) for section, kind in SECTIONS.items()}
    fields["edition"] = (Id | None, None)
    fields["mentions"] = (list[Mention], [])
    fields["relations"] = (list[Relation], [])
    data_file = create_model("DataFile", __config__=ConfigDict(extra="forbid"), **fields)
    schema = data_file.model_json_schema(by_alias=True, mode="validation")
    schema["title"] = "lscp arrangements data file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def data_schema_text() -> str:
    return json.dumps(data_schema(), indent=2, sort_keys=True) + "\n"
