"""Relations between entities, each with its citation, edition and dates."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from .citation import Cited
from .entities import ID_PATTERN, Id, PartialDate, Strict, empty
from .vocabulary import Capacity, Condition

RelationType = Literal[
    "partner_of",
    "relevant_agency_of",
    "lead_representative_of",
    "delegates_to",
    "holds",
    "member_of",
    "chairs",
    "vice_chairs",
    "reports_to",
    "feeds_into",
    "accountable_to",
    "escalates_to",
    "scrutinises",
    "responsible_for",
    "represented_by",
    "funds",
    "covers",
    "shared_with",
    "succeeded_by",
    "works_with",
    "appoints",
    "supports",
]

_ANY = ("area", "organisation", "partnership", "body", "post", "person", "function", "edition")
_ACTORS = ("organisation", "partnership", "body", "post", "person")

# (allowed kinds of `from`, allowed kinds of `to`) for each type.
ENDPOINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "partner_of": (("organisation",), ("partnership",)),
    "relevant_agency_of": (("organisation",), ("partnership",)),
    "lead_representative_of": (("post",), ("organisation",)),
    "delegates_to": (("post", "body", "partnership"), ("post", "body")),
    "holds": (("person",), ("post",)),
    "member_of": (_ACTORS, ("body", "partnership")),
    "chairs": (("post", "person", "organisation"), ("body", "partnership")),
    "vice_chairs": (("post", "person", "organisation"), ("body", "partnership")),
    "reports_to": (("body", "post"), ("body", "post", "partnership")),
    "feeds_into": (("body", "post", "partnership"), ("body", "partnership")),
    "accountable_to": (("post", "body", "partnership"), ("post", "body", "organisation")),
    "escalates_to": (("body", "post", "partnership"), ("body", "post", "partnership")),
    "scrutinises": (("post", "body", "partnership"), ("body", "partnership", "organisation", "post")),
    "responsible_for": (_ACTORS, ("function",)),
    "represented_by": (("organisation",), ("post", "body", "organisation")),
    "funds": (("organisation",), ("partnership", "body")),
    "covers": (("partnership", "body", "organisation"), ("area",)),
    "shared_with": (("body", "post"), ("partnership", "body")),
    "succeeded_by": (_ANY, _ANY),
    "works_with": (("partnership", "body"), ("partnership", "body")),
    "appoints": (("post", "body", "partnership"), ("post",)),
    "supports": (("post", "body", "organisation"), ("body", "partnership")),
}

# Attributes that only make sense on some types.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "capacity": ("member_of",),
    "represents": ("member_of",),
    "condition": ("escalates_to",),
    "order": ("escalates_to",),
    "share": ("funds",),
    "authority": ("delegates_to", "lead_representative_of"),
    "rotating": ("chairs", "vice_chairs"),
    "via": ("represented_by", "reports_to", "feeds_into"),
    "on": ("represented_by",),
}


def _attribute_rules(schema: dict) -> None:
    """ATTRIBUTES in the JSON Schema: on any other type, each attribute absent or empty."""
    schema["allOf"] = [
        {"if": {"properties": {"type": {"not": {"enum": list(types)}}}},
         "then": {"properties": {attribute: {"enum": [None, [], False]}}}}
        for attribute, types in ATTRIBUTES.items()
    ]


class Relation(Strict):
    """A typed, cited edge: `from` --type--> `to`."""

    type: RelationType
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    src: Cited
    editions: list[Id] = empty()
    since: PartialDate = None
    until: PartialDate = None
    note: str | None = None
    # True when the relation is read into the text rather than stated by it; `note` then says
    # what was read and why, and every answer using the relation shows that caveat.
    inferred: bool = False
    capacity: Capacity | None = None
    # One id or a list of them (the validator below makes a list).
    represents: Annotated[list[Id], WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": ID_PATTERN}, {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}]})] = empty()
    condition: Condition | None = None
    order: int | None = Field(default=None, ge=1)
    share: float | None = Field(default=None, ge=0, le=100)
    authority: str | None = None
    rotating: bool = False
    via: Id | None = None
    on: Id | None = None

    model_config = {**Strict.model_config, "populate_by_name": True, "json_schema_extra": _attribute_rules}

    @field_validator("src")
    @classmethod
    def _cited(cls, value):
        if not value:
            raise ValueError("every relation needs a citation: src: 'DOC:START-END' or a URL")
        return value

    @field_validator("represents", mode="before")
    @classmethod
    def _listed(cls, value):
        return value if isinstance(value, list) else [value]

    @model_validator(mode="after")
    def _inference_explained(self):
        if self.inferred and not self.note:
            raise ValueError("an inferred relation needs a 'note' saying what is read into the text")
        return self

    @model_validator(mode="after")
    def _attributes_fit_type(self):
        for attribute, types in ATTRIBUTES.items():
            value = getattr(self, attribute)
            if value not in (None, [], False) and self.type not in types:
                raise ValueError(f"'{attribute}' applies only to {', '.join(types)}, not {self.type}")
        return self

    @property
    def key(self) -> str:
        """Stable identity used for diffs and graph edge keys."""
        extra = self.condition or self.capacity or ""
        return f"{self.source}|{self.type}|{self.target}|{extra}"
