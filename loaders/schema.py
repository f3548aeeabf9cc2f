"""The JSON Schema of a data file, generated from the pydantic models of record."""
from __future__ import annotations

import json

from pydantic import ConfigDict, create_model

from lscp.model import ENTITY_TYPES, SECTIONS, Mention, Relation


def data_schema() -> dict:
    fields = {section: (list[ENTITY_TYPES[kind]], []) for section, kind in SECTIONS.items()}
    fields["edition"] = (str | None, None)
    fields["mentions"] = (list[Mention], [])
    fields["relations"] = (list[Relation], [])
    DataFile = create_model("DataFile", __config__=ConfigDict(extra="forbid"), **fields)
    schema = DataFile.model_json_schema(by_alias=True, mode="validation")
    schema["title"] = "lscp arrangements data file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def data_schema_text() -> str:
    return json.dumps(data_schema(), indent=2, sort_keys=True) + "\n"
