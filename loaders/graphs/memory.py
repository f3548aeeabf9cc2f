"""The `Graph` held in memory: the loaded arrangements as typed entities and relations.

The graph is read-only once built. Lookups by source, target and type are built with it;
the per-kind lists and the name index behind search are built on first use and never
pickled, so a cached graph loads fast."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lscp.model import Entity, Relation

from ..names import NameIndex
from ..reader import Origin
from .protocol import Lookups


@dataclass
class MemoryGraph(Lookups):
    """Entities by id and relations in data order, indexed by source, target and type."""

    by_id: dict[str, Entity]
    relation_list: list[Relation]
    origins: dict[str, Origin] = field(default_factory=dict)
    relation_origins: list[Origin] = field(default_factory=list)
    sources_dir: Path | None = None
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    io_bound = False  # CPU work on memory: the web app answers in its event loop

    def __post_init__(self) -> None:
        self._by_source: dict[str, list[int]] = defaultdict(list)
        self._by_target: dict[str, list[int]] = defaultdict(list)
        self._by_type: dict[str, list[int]] = defaultdict(list)
        self._by_type_source: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._by_type_target: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, relation in enumerate(self.relation_list):
            self._by_source[relation.source].append(index)
            self._by_target[relation.target].append(index)
            self._by_type[relation.type].append(index)
            self._by_type_source[relation.type, relation.source].append(index)
            self._by_type_target[relation.type, relation.target].append(index)
        self._source_lines: dict[str, list[str]] = {}
        self._derived: dict = {}  # built on first use, dropped when pickled

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_derived"] = {}
        return state

    # -- entities -------------------------------------------------------------------
    def entities(self, kind: str | None = None) -> list[Entity]:
        """Entities of a kind (all when None), sorted by id."""
        kinds = self._derived.get("kinds")
        if kinds is None:
            kinds = {None: [e for _, e in sorted(self.by_id.items())]}
            for entity in kinds[None]:
                kinds.setdefault(entity.kind, []).append(entity)
            self._derived["kinds"] = kinds
        return list(kinds.get(kind, ()))

    def entities_matching(self, words: list[str]) -> list[Entity]:
        """Entities whose name, an alias or the id contains every (lower-case) word, by id
        (what `queries.search` scores; a database backend answers the same question)."""
        return self._names().matching(words)

    def ranked_matches(self, words: list[str], text: str, limit: int) -> list[tuple[int, Entity, str]]:
        """The `limit` best (score, entity, matched name) for a search (see `loaders.names`)."""
        index = self._names()
        return [(hit.score, index.entities[hit.position], hit.matched) for hit in index.ranked(words, text, limit)]

    def _names(self) -> NameIndex:
        if "names" not in self._derived:
            self._derived["names"] = NameIndex(self.entities())
        return self._derived["names"]

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
        types = (type,) if isinstance(type, str) else type
        if types is not None and len(set(types)) == len(types) and (source is not None or target is not None):
            # Relations of these types at this end: a partnership's few partners, not its
            # hundreds of relevant agencies.
            for by_end, end in ((self._by_type_source, source), (self._by_type_target, target)):
                if end is not None:
                    typed = [by_end.get((t, end), []) for t in types]
                    pools.append(typed[0] if len(typed) == 1 else sorted(i for pool in typed for i in pool))
        else:
            if source is not None:
                pools.append(self._by_source.get(source, []))
            if target is not None:
                pools.append(self._by_target.get(target, []))
            if types is not None:
                typed = [self._by_type.get(t, []) for t in types]
                if not pools or sum(map(len, typed)) < min(map(len, pools)):
                    pools.append(typed[0] if len(typed) == 1 else sorted(i for pool in typed for i in pool))
        # Every pool holds indexes in data order, so filtering the smallest gives the same answer.
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

