"""Entities of the arrangements: who and what the facts are about."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .citation import Cited, Sources
from .vocabulary import (
    AreaKind,
    BodyKind,
    EditionKind,
    NotStatedField,
    PartnershipKind,
    QuorumRule,
    Sector,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> str | None:
    """Accept 2022, '2022-07' or 2022-07-01 (YAML may give a date or an int)."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc})") from None
    return text


# For the JSON Schema: a year (YAML reads 2022 as a number) or a YYYY[-MM[-DD]] text (YAML reads
# an unquoted full date as a date; validators for editors see it as text).
_DATE_SCHEMA = {"anyOf": [
    {"type": "integer", "minimum": 1000, "maximum": 9999},
    {"type": "string", "pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
    {"type": "null"},
], "examples": [2022, "2022-07", "2022-07-01"]}
PartialDate = Annotated[str | None, BeforeValidator(_partial_date), WithJsonSchema(_DATE_SCHEMA, mode="validation")]


def _visible(value: str) -> str:
    """A name must show something: not empty, not only spaces or invisible characters."""
    if not any(ch.isprintable() and not ch.isspace() for ch in value):
        raise ValueError(f"a name must contain a visible character, not {value!r}")
    return value


# For the JSON Schema: at least one character that is not a space.
Name = Annotated[str, AfterValidator(_visible), WithJsonSchema({"type": "string", "pattern": r"\S"}, mode="validation")]
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def empty() -> Any:
    """An empty list by default: a factory, not a shared `[]` that pydantic deep-copies for
    every record (a tenth of validating the national data), still shown as `[]` in the schema."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NotStated(Strict):
    """What the sources leave out, said explicitly: never guessed."""

    field: NotStatedField
    note: str
    src: Sources = empty()
    # The named document, not among our sources, that the held text says states it (e.g. "the
    # PSCB escalation policy"): the third kind of not-known, not a silence of the held text.
    stated_in: str | None = None


class Rule(Strict):
    """An operating rule of a body (meetings, quoracy, decisions...), quoted in plain words."""

    topic: str
    text: str
    src: Sources


class Meetings(Strict):
    per_year: int | None = Field(default=None, ge=0, le=366)
    text: str
    src: Sources


class Quorum(Strict):
    rule: QuorumRule
    text: str
    src: Sources


class DatedName(Strict):
    name: Name
    since: PartialDate = None
    until: PartialDate = None
    src: Sources


class Entity(Strict):
    """Common to every entity: a stable id, a name, and where it is stated."""

    kind: ClassVar[str] = "entity"
    refs: ClassVar[dict[str, tuple[str, ...]]] = {}

    id: Id
    name: Name
    aliases: list[Name] = empty()
    src: Cited
    not_stated: list[NotStated] = empty()
    note: str | None = None

    @field_validator("src")
    @classmethod
    def _cited(cls, value):
        if not value:
            raise ValueError("every entity needs a citation: src: 'DOC:START-END' or a URL")
        return value

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class Source(Entity):
    """A source document: a bundled seed text (`file`) or a public web page (`url`)."""

    kind: ClassVar[str] = "source"
    file: str | None = None
    url: str | None = None
    date: PartialDate = None
    area: str | None = None


class Area(Entity):
    kind: ClassVar[str] = "area"
    refs: ClassVar = {"within": ("area",)}
    area_kind: AreaKind
    within: list[Id] = empty()


class Organisation(Entity):
    """A real organisation, or a collective one ('all schools in Portsmouth')."""

    kind: ClassVar[str] = "organisation"
    refs: ClassVar = {"area": ("area",)}
    sector: Sector
    collective: bool = False
    area: Id | None = None
    names: list[DatedName] = empty()


class Partnership(Entity):
    kind: ClassVar[str] = "partnership"
    partnership_kind: PartnershipKind


class Edition(Entity):
    """One dated document describing a partnership's arrangements."""

    kind: ClassVar[str] = "edition"
    refs: ClassVar = {"partnership": ("partnership",), "source": ("source",), "supplements": ("edition",)}
    partnership: Id
    date: PartialDate = None
    edition_kind: EditionKind
    source: Id
    supplements: Id | None = None
    review_date: PartialDate = None

    @model_validator(mode="after")
    def _dated(self):
        if self.date is None and not any(n.field == "date" for n in self.not_stated):
            raise ValueError("an edition needs a date, or a not_stated entry for 'date'")
        return self


class Versioned(Entity):
    """An entity that belongs to one or more editions (defaults to its file's edition)."""

    editions: list[Id] = empty()


class Mention(Strict):
    """A body or post of another file stated again by this file's edition (or `editions`): it
    joins them, the name used here becomes an alias, and these lines a further citation."""

    id: str
    name: str | None = None
    src: Sources
    editions: list[str] = empty()


class Body(Versioned):
    kind: ClassVar[str] = "body"
    refs: ClassVar = {"partnership": ("partnership",), "editions": ("edition",)}
    body_kind: BodyKind
    partnership: Id | None = None
    purpose: str | None = None
    meetings: Meetings | None = None
    quorum: Quorum | None = None
    rules: list[Rule] = empty()


class Post(Versioned):
    """An office held within an organisation, body or partnership."""

    kind: ClassVar[str] = "post"
    refs: ClassVar = {"within": ("organisation", "body", "partnership"), "editions": ("edition",)}
    within: Id
    independent: bool = False
    rules: list[Rule] = empty()


class Person(Entity):
    kind: ClassVar[str] = "person"


class Function(Entity):
    """A duty or function, statutory (with requirement ids) or local."""

    kind: ClassVar[str] = "function"
    statutory: bool = False
    requirements: list[str] = empty()
    description: str | None = None


ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.kind: cls
    for cls in (Source, Area, Organisation, Partnership, Edition, Body, Post, Person, Function)
}

# The top-level section of a data file that holds each kind.
SECTIONS: dict[str, str] = {
    "sources": "source",
    "areas": "area",
    "organisations": "organisation",
    "partnerships": "partnership",
    "editions": "edition",
    "bodies": "body",
    "posts": "post",
    "people": "person",
    "functions": "function",
}
