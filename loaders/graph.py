"""The loaded arrangements as a typed networkx MultiDiGraph, with lookups the queries share."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from model import Entity, NotFound, Relation
from model.suggest import closest
from model.entities import Edition, Source, Versioned

from .reader import Origin


@dataclass
class Graph:
    """Entities as nodes, relations as keyed edges; `g` is the networkx view of both."""

    by_id: dict[str, Entity]
    relation_list: list[Relation]
    origins: dict[str, Origin] = field(default_factory=dict)
    relation_origins: list[Origin] = field(default_factory=list)
    sources_dir: Path | None = None
    g: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entity_id in sorted(self.by_id):
            self.g.add_node(entity_id, kind=self.by_id[entity_id].kind)
        for index, relation in enumerate(self.relation_list):
            self.g.add_edge(relation.source, relation.target, key=index, type=relation.type)
        self._by_source: dict[str, list[int]] = defaultdict(list)
        self._by_target: dict[str, list[int]] = defaultdict(list)
        self._by_type: dict[str, list[int]] = defaultdict(list)
        for index, relation in enumerate(self.relation_list):
            self._by_source[relation.source].append(index)
            self._by_target[relation.target].append(index)
            self._by_type[relation.type].append(index)
        self._source_lines: dict[str, list[str]] = {}

    # -- entities -------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        """The entity with this id, or NotFound naming the closest ids."""
        try:
            return self.by_id[entity_id]
        except KeyError:
            raise NotFound(entity_id, self.suggest(entity_id)) from None

    def suggest(self, text: str, n: int = 3) -> list[str]:
        return closest(text, self.by_id, n=n)

    def entities(self, kind: str | None = None) -> list[Entity]:
        """Entities of a kind (all when None), sorted by id."""
        return [e for _, e in sorted(self.by_id.items()) if kind is None or e.kind == kind]

    # -- relations ------------------------------------------------------------------
    def relations(
        self,
        type: str | tuple[str, ...] | None = None,
        source: str | None = None,
        target: str | None = None,
        edition: str | None = None,
    ) -> list[Relation]:
        """Relations matching every filter given, in data order."""
        pools = []
        if source is not None:
            pools.append(self._by_source.get(source, []))
        if target is not None:
            pools.append(self._by_target.get(target, []))
        types = (type,) if isinstance(type, str) else type
        if types is not None:
            pools.append(sorted(i for t in types for i in self._by_type.get(t, [])))
        indexes = range(len(self.relation_list)) if not pools else min(pools, key=len)
        found = []
        for index in indexes:
            relation = self.relation_list[index]
            if source is not None and relation.source != source:
                continue
            if target is not None and relation.target != target:
                continue
            if types is not None and relation.type not in types:
                continue
            if edition is not None and relation.editions and edition not in relation.editions:
                continue
            found.append(relation)
        return found

    def origin_of(self, relation: Relation) -> Origin | None:
        for index in self._by_source.get(relation.source, []):
            if self.relation_list[index] is relation:
                return self.relation_origins[index] if self.relation_origins else None
        return None

    # -- editions and sources -------------------------------------------------------
    def editions_of(self, entity: Entity) -> list[str]:
        return list(entity.editions) if isinstance(entity, Versioned) else []

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
            path = self.sources_dir / source.file
            self._source_lines[doc] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        lines = self._source_lines[doc]
        return [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)]
