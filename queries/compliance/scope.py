"""What a compliance check may count as evidence for one partnership at one date.

The fix for the `"*"` leak (statutory-update-2026.md §1.5, bug 1): a relation counts for a
partnership only when it is stated in that partnership's own editions, or when one of its ends
is the partnership or belongs to it (a body or post of it, its membership of a federation). An
organisation's relation stated in another partnership's edition never counts."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from functools import cached_property

from lscp.loaders import Graph
from lscp.model import Relation
from lscp.model.entities import Body, Edition, Partnership

from ..scope import partnership_of
from ..view import View, view_of_time


def first_day(date: str) -> str:
    """'2022' -> '2022-01-01'; '2019-06' -> '2019-06-01'."""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def last_day(date: str) -> str:
    """'2022' -> '2022-12-31'; '2019-06' -> '2019-06-30': a partial date read as its latest day."""
    parts = date.split("-")
    if len(parts) == 3:
        return date
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


@dataclass
class Scope:
    """One partnership, checked in one edition, as at one date."""

    graph: Graph
    edition: Edition
    as_at: str
    view: View = field(init=False)
    _rels: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.view = view_as_at(self.graph, self.edition, self.as_at)

    @property
    def partnership(self) -> Partnership:
        return self.graph.entity_of(self.edition.partnership, Partnership)

    @cached_property
    def own(self) -> frozenset[str]:
        """This partnership's editions in the view (the edition and what it supplements)."""
        return frozenset(e for e in self.view.editions if self.graph.edition(e).partnership == self.partnership.id)

    @cached_property
    def holds_arrangements(self) -> bool:
        """Whether an arrangements document (or a report supplementing one) of the partnership is
        among the bundled sources: else silence is 'the document is not among our sources'."""
        for edition_id in self.own:
            edition = self.graph.edition(edition_id)
            source = self.graph.by_id.get(edition.source)
            if edition.edition_kind in ("arrangements", "annual-report") and getattr(source, "file", None):
                return True
        return False

    def belongs(self, node: str) -> bool:
        entity = self.graph.by_id[node]
        return node == self.partnership.id or partnership_of(self.graph, entity) == self.partnership.id

    def current(self, relation: Relation) -> bool:
        """Seen in the view and in force at the date (its since/until, partial dates widened)."""
        if not self.view.sees(relation):
            return False
        if relation.since and first_day(relation.since) > self.as_at:
            return False
        return not (relation.until and last_day(relation.until) < self.as_at)

    def counts(self, relation: Relation) -> bool:
        """Evidence for this partnership: current, and stated in its editions or about it."""
        if not self.current(relation):
            return False
        if not relation.editions or self.own.intersection(relation.editions):
            return True
        return self.belongs(relation.source) or self.belongs(relation.target)

    def rels(self, type: str | tuple[str, ...], source: str | None = None, target: str | None = None) -> list[Relation]:
        key = (type, source, target)
        if key not in self._rels:  # several checks ask for the same relations (the agencies, the partners)
            self._rels[key] = [r for r in self.graph.relations(type, source=source, target=target) if self.counts(r)]
        return self._rels[key]

    def around(self, type: str) -> list[Relation]:
        """Relations of a type from or to the partnership, its bodies or its posts, in data order
        (grouped once per graph by the partnership at either end: a national scan asks each one)."""
        key = ("around", type)
        if key not in self._rels:
            self._rels[key] = [r for r in _around(self.graph, type).get(self.partnership.id, ()) if self.counts(r)]
        return self._rels[key]

    def bodies(self, kinds: tuple[str, ...] | None = None) -> list[Body]:
        return [b for b in _bodies(self.graph).get(self.partnership.id, ()) if self.view.sees(b)
                and (kinds is None or b.body_kind in kinds)]


def _bodies(graph: Graph) -> dict[str | None, list[Body]]:
    """Bodies by partnership, once per graph (a national scan asks for them per partnership)."""
    if "compliance.bodies" not in graph.cache:
        grouped: dict[str | None, list[Body]] = {}
        for body in graph.entities_of(Body):
            grouped.setdefault(body.partnership, []).append(body)
        graph.cache["compliance.bodies"] = grouped
    return graph.cache["compliance.bodies"]


def _around(graph: Graph, type: str) -> dict[str, list[Relation]]:
    key = ("compliance.around", type)
    if key not in graph.cache:
        grouped: dict[str, list[Relation]] = {}
        for relation in graph.relations(type):
            ends = {partnership_of(graph, graph.by_id[relation.source]), partnership_of(graph, graph.by_id[relation.target])}
            for partnership in ends:
                if partnership is not None:
                    grouped.setdefault(partnership, []).append(relation)
        graph.cache[key] = grouped
    return graph.cache[key]


def view_as_at(graph: Graph, edition: Edition, as_at: str) -> View:
    """The edition (with what it supplements) and, for every other partnership, its latest edition
    dated on or before the date (undated public records too): the documents of that time."""
    return view_of_time(graph, edition, lambda other: bool(other.date) and first_day(other.date or "") > as_at)
