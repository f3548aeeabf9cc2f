"""What the queries, the charts and the API read from a graph, whichever backend answers.

`Graph` is the interface (a Protocol: nothing subclasses it); `MemoryGraph` (the data files,
held in memory) and `Neo4jGraph` (a Neo4j database) implement it side by side, and both take
the lookups every backend answers the same way from `Lookups`. What differs between backends
is declared, not sniffed: `io_bound` says whether an answer waits on the network.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from lscp.model import Entity, NotFound, Relation, UsageError
from lscp.model.entities import Edition, Source
from lscp.model.suggest import closest

from ..reader import Origin

E = TypeVar("E", bound=Entity)


class Graph(Protocol):
    """Entities by id and typed relations in data order, each with where it was written."""

    @property
    def io_bound(self) -> bool:
        """True when answers wait on a database over the network (the web app then answers
        from its thread pool); False when they are CPU work on memory."""
        ...

    @property
    def by_id(self) -> Mapping[str, Entity]: ...

    @property
    def relation_list(self) -> Sequence[Relation]:
        """Every relation, in data order."""
        ...

    @property
    def origins(self) -> Mapping[str, Origin]:
        """Where each entity was written (file:line:column of its YAML record)."""
        ...

    @property
    def relation_origins(self) -> Sequence[Origin | None]:
        """Where each relation of `relation_list` was written, in the same order."""
        ...

    @property
    def sources_dir(self) -> Path | None: ...

    @property
    def cache(self) -> dict[Any, Any]:
        """Answers derived from the graph, kept by the queries for the life of the graph."""
        ...

    def entity(self, entity_id: str) -> Entity: ...

    def entities(self, kind: str | None = None) -> list[Entity]: ...

    def entities_of(self, cls: type[E]) -> list[E]:
        """The entities of one class (`Body`, `Edition`, ...), sorted by id, typed as such."""
        ...

    def entity_of(self, entity_id: str, cls: type[E]) -> E:
        """The entity with this id, which must be a `cls`."""
        ...

    def relations(self, type: str | tuple[str, ...] | None = None, source: str | None = None,
                  target: str | None = None, edition: str | None = None) -> list[Relation]: ...

    def entities_matching(self, words: list[str]) -> list[Entity]:
        """Entities whose name, an alias or the id contains every (lower-case) word, by id."""
        ...

    def ranked_matches(self, words: list[str], text: str, limit: int) -> list[tuple[int, Entity, str]]:
        """The `limit` best (score, entity, matched name) for a search, best first."""
        ...

    def suggest(self, text: str, n: int = 3) -> list[str]: ...

    def edition(self, edition_id: str) -> Edition: ...

    def source_lines(self, doc: str, start: int, end: int) -> list[tuple[int, str]]: ...


class Lookups:
    """The lookups both backends answer alike, from `by_id`, `entities` and `sources_dir`."""

    sources_dir: Path | None
    _source_lines: dict[str, list[str]]

    if TYPE_CHECKING:  # a field of MemoryGraph, a property of Neo4jGraph
        @property
        def by_id(self) -> Mapping[str, Entity]: ...

    def entities(self, kind: str | None = None) -> list[Entity]:
        raise NotImplementedError

    def entities_of(self, cls: type[E]) -> list[E]:
        """`entities(cls.kind)`, typed: every entity of a kind is of that kind's class."""
        return cast("list[E]", self.entities(cls.kind))

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id, or NotFound naming the closest ids."""
        try:
            return self.by_id[entity_id]
        except KeyError:
            raise NotFound(entity_id, self.suggest(entity_id)) from None

    def entity_of(self, entity_id: str, cls: type[E]) -> E:
        """The entity with this id, which must be a `cls` (else UsageError saying what it is)."""
        entity = self.entity(entity_id)
        if not isinstance(entity, cls):
            raise UsageError(f"{entity_id} is {entity.kind}, not {cls.kind}")
        return entity

    def suggest(self, text: str, n: int = 3) -> list[str]:
        return closest(text, self.by_id, n=n)

    def edition(self, edition_id: str) -> Edition:
        entity = self.entity(edition_id)
        if not isinstance(entity, Edition):
            raise NotFound(edition_id, [e.id for e in self.entities("edition")][:3])
        return entity

    def source_lines(self, doc: str, start: int, end: int) -> list[tuple[int, str]]:
        """The cited lines of a bundled source document, numbered."""
        if doc not in self._source_lines:
            source = self.by_id.get(doc)
            if not isinstance(source, Source) or not source.file or self.sources_dir is None:
                return []
            from ..sources import source_text

            self._source_lines[doc] = source_text(self.sources_dir, source.file).splitlines()
        lines = self._source_lines[doc]
        return [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)]
