"""The schema of record: entities, relations and citations of safeguarding arrangements."""
from .citation import Citation, parse_citation
from .entities import (
    ENTITY_TYPES,
    SECTIONS,
    Area,
    Body,
    Edition,
    Entity,
    Function,
    Mention,
    NotStated,
    Organisation,
    Partnership,
    Person,
    Post,
    Source,
)
from .errors import DataError, LscpError, NotFound, Problem, Unavailable, UsageError
from .relations import ATTRIBUTES, ENDPOINTS, Relation

__all__ = [
    "ATTRIBUTES", "ENDPOINTS", "ENTITY_TYPES", "SECTIONS", "Area", "Body", "Citation",
    "DataError", "Edition", "Entity", "Function", "LscpError", "Mention", "NotFound", "NotStated",
    "Organisation", "Partnership", "Person", "Post", "Problem", "Relation", "Source", "Unavailable",
    "UsageError", "parse_citation",
]
