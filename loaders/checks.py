"""Whole-dataset checks: ids, references, kinds, citations, reporting cycles."""
from __future__ import annotations

from pathlib import Path

from lscp.model import ENDPOINTS, Entity, Problem, Relation
from lscp.model.citation import Citation
from lscp.model.suggest import closest_one as _closest
from lscp.model.entities import Edition, Source, Versioned

from .sources import read_source, source_path
from .reader import Origin, Raw


class Checker:
    """Runs every cross-record check over what the reader produced."""

    def __init__(self, raw: Raw, sources_dir: Path):
        self.raw = raw
        self.sources_dir = sources_dir
        self.problems: list[Problem] = list(raw.problems)
        self.entities: dict[str, Entity] = {}
        self.origins: dict[str, Origin] = {}
        self.line_counts: dict[str, int | str | None] = {}

    # -- entities -------------------------------------------------------------------
    def index_entities(self) -> None:
        for entity, origin, _located, _path in self.raw.entities:
            if entity.id in self.entities:
                first = self.origins[entity.id]
                self._add(origin, f"duplicate id; first defined at {first.file}:{first.line}", entity.id)
                continue
            self.entities[entity.id] = entity
            self.origins[entity.id] = origin

    def apply_mentions(self) -> None:
        for mention, edition, origin in self.raw.mentions:
            entity = self.entities.get(mention.id)
            if entity is None:
                self._dangling(origin, mention.id, mention.id, "mentions")
                continue
            if not isinstance(entity, Versioned):
                self._add(origin, f"only bodies and posts belong to editions; {mention.id} is a {entity.kind}", mention.id)
                continue
            editions = entity.editions + ([edition] if edition not in entity.editions else [])
            aliases = entity.aliases + ([mention.name] if mention.name and mention.name not in entity.all_names() else [])
            self.entities[mention.id] = entity.model_copy(
                update={"editions": editions, "aliases": aliases, "src": entity.src + list(mention.src)}
            )

    def check_entity_refs(self) -> None:
        for entity, origin, located, path in self.raw.entities:
            if self.entities.get(entity.id) is not entity and self.origins.get(entity.id) != origin:
                continue  # a duplicate, already reported
            for field_name, kinds in type(entity).refs.items():
                value = getattr(entity, field_name)
                for index, ref in enumerate(value) if isinstance(value, list) else [(None, value)]:
                    if ref is not None:
                        where = _at(origin, located, (*path, field_name, index) if index is not None else (*path, field_name))
                        self._ref(where, entity.id, ref, kinds, field_name)

    # -- relations ------------------------------------------------------------------
    def check_relations(self) -> list[tuple[Relation, Origin]]:
        valid = []
        for relation, origin, located, path in self.raw.relations:
            from_kinds, to_kinds = ENDPOINTS[relation.type]
            key = relation.key
            def at(*field: str | int) -> Origin:  # the value's own line
                return _at(origin, located, (*path, *field))  # noqa: B023 - called in this iteration only

            ok = self._ref(at("from"), key, relation.source, from_kinds, f"{relation.type} from")
            ok &= self._ref(at("to"), key, relation.target, to_kinds, f"{relation.type} to")
            for index, ref in enumerate(relation.represents):
                ok &= self._ref(at("represents", index), key, ref, ("organisation", "partnership", "body", "post"), "represents")
            for name in ("via", "on"):
                if getattr(relation, name):
                    ok &= self._ref(at(name), key, getattr(relation, name), ("body", "post", "partnership"), name)
            for index, edition in enumerate(relation.editions):
                ok &= self._ref(at("editions", index), key, edition, ("edition",), "editions")
            if ok:
                valid.append((relation, origin))
        return valid

    def check_reporting_cycles(self, relations: list[tuple[Relation, Origin]]) -> None:
        import networkx as nx  # here, not at the top: a cached CLI answer never loads networkx

        lines: nx.DiGraph[str] = nx.DiGraph()
        for relation, origin in relations:
            if relation.type == "reports_to":
                lines.add_edge(relation.source, relation.target, origin=origin)
        for cycle in sorted(nx.simple_cycles(lines), key=lambda c: sorted(c)):
            first = min(cycle)
            start = cycle.index(first)
            ordered = cycle[start:] + cycle[:start]
            origin = lines.edges[ordered[0], ordered[1 % len(ordered)]]["origin"]
            path = " -> ".join([*ordered, ordered[0]])
            self._add(origin, f"reporting lines form a cycle: {path}", first)

    # -- citations ------------------------------------------------------------------
    def check_citations(self, relations: list[tuple[Relation, Origin]]) -> None:
        for entity_id, entity in self.entities.items():
            for citation in _citations_of(entity):
                self._citation(self.origins[entity_id], entity_id, citation)
        for relation, origin in relations:
            for citation in relation.src:
                self._citation(origin, relation.key, citation)

    def _citation(self, origin: Origin, ident: str, citation: Citation) -> None:
        if citation.doc is None or citation.end is None:  # a URL
            return
        source = self.entities.get(citation.doc)
        if not isinstance(source, Source) or not source.file:
            docs = [e.id for e in self.entities.values() if isinstance(e, Source) and e.file]
            self._add(origin, f"citation {citation} names unknown document {citation.doc!r}", ident, _closest(citation.doc, docs))
            return
        count = self._line_count(source)
        if isinstance(count, str):
            self._add(origin, f"source file {source.file!r} of document {source.id!r} {count}", ident)
        elif count is None:
            self._add(origin, f"source file {source.file!r} of document {source.id!r} is missing from {self.sources_dir}", ident)
        elif citation.end > count:
            self._add(origin, f"citation {citation} is past the last line of {source.file} ({count} lines)", ident)

    def _line_count(self, source: Source) -> int | str | None:
        """The source's number of lines, None if it is missing, or why it cannot be read."""
        if source.id not in self.line_counts and source.file:
            self.line_counts[source.id] = _count_lines(self.sources_dir, source.file)
        return self.line_counts.get(source.id)

    def check_editions(self) -> None:
        for entity_id, entity in self.entities.items():
            if isinstance(entity, Edition) and entity.supplements == entity_id:
                self._add(self.origins[entity_id], "an edition cannot supplement itself", entity_id)

    # -- helpers --------------------------------------------------------------------
    def _ref(self, origin: Origin, ident: str, ref: str, kinds: tuple[str, ...], what: str) -> bool:
        target = self.entities.get(ref)
        if target is None:
            self._dangling(origin, ident, ref, what, kinds)
            return False
        if target.kind not in kinds:
            self._add(origin, f"{what}: {ref!r} is a {target.kind}, but a {' or '.join(kinds)} is required", ident)
            return False
        return True

    def _dangling(self, origin: Origin, ident: str, ref: str, what: str, kinds=None) -> None:
        pool = [i for i, e in self.entities.items() if kinds is None or e.kind in kinds]
        self._add(origin, f"{what}: no entity has id {ref!r}", ident, _closest(ref, pool))

    def _add(self, origin: Origin, message: str, ident: str | None = None, suggestion: str | None = None) -> None:
        self.problems.append(Problem(origin.file, origin.line, origin.column, message, ident, suggestion))


def _at(origin: Origin, located, path: tuple) -> Origin:
    """Where the value at `path` was written (the record's own place when it was not written)."""
    line, column = located.where(path)
    return Origin(origin.file, line, column)


def _count_lines(sources_dir: Path, file: str) -> int | str | None:
    path = source_path(sources_dir, file)
    if path is None:
        return f"is outside the sources directory {sources_dir}: name a file inside it"
    if not path.exists():
        return None
    try:
        return len(read_source(path).splitlines())
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    except ValueError as exc:
        return f"cannot be used: {exc}"


def _citations_of(entity: Entity):
    # Fields read from __dict__: a missing attribute costs a pydantic __getattr__ and an exception.
    fields = entity.__dict__
    yield from entity.src
    for note in entity.not_stated:
        yield from note.src
    for name in ("meetings", "quorum"):
        part = fields.get(name)
        if part is not None:
            yield from part.src
    for rule in fields.get("rules", ()):
        yield from rule.src
    for dated in fields.get("names", ()):
        yield from dated.src
