"""Which editions a question is answered over, and the relations visible in them."""
from __future__ import annotations

from collections.abc import Callable

from dataclasses import dataclass

from lscp.loaders import Graph
from lscp.model import Entity, Relation
from lscp.model.entities import Edition, Versioned

from .editions import seen_in, with_supplements
from .scope import check_edition, current_editions, partnership_of


@dataclass(frozen=True)
class View:
    """A set of editions; relations and entities outside it are not seen."""

    editions: frozenset[str]

    def sees(self, item: Entity | Relation) -> bool:
        return seen_in(item, self.editions)


def view_at(graph: Graph, edition: str) -> View:
    """One edition (with what it supplements) and, for every other partnership, its
    latest edition dated no later than this one."""
    check_edition(graph, edition)
    chosen = graph.edition(edition)
    return view_of_time(graph, chosen, lambda other: (other.date or "") > (chosen.date or ""))


def view_of_time(graph: Graph, edition: Edition, too_late: Callable[[Edition], bool]) -> View:
    """The edition (with what it supplements) and, for every other partnership, its latest
    edition that is not `too_late`: the documents of that time (compliance asks as at a date)."""
    editions = with_supplements(graph, edition.id)
    latest: dict[str, Edition] = {}
    for other in graph.entities_of(Edition):
        if other.partnership == edition.partnership or too_late(other):
            continue
        current = latest.get(other.partnership)
        if current is None or (other.date or "") > (current.date or ""):
            latest[other.partnership] = other
    for other in latest.values():
        editions |= with_supplements(graph, other.id)
    return View(frozenset(editions))


def view_for(graph: Graph, entity: Entity | None = None, edition: str | None = None) -> View:
    """The view a question about `entity` is answered in: the edition asked for, else
    `default_edition`'s, else the current view."""
    chosen = edition or default_edition(graph, entity)
    return view_at(graph, chosen) if chosen else View(frozenset(current_editions(graph)))


def default_edition(graph: Graph, entity: Entity | None) -> str | None:
    """The edition a question about `entity` is answered in when none is asked for: None (the
    current view) unless no current edition states it; then the latest edition that does,
    preferring its own partnership's (the HIPS CDOP of hips-2019, 000:531, is not in hips-2022,
    004:136, but a public web page of the Isle of Wight names it: its answer is the 2019 text's,
    not the 2022 text's). One rule for every verb, chart and page."""
    if not isinstance(entity, Versioned) or not entity.editions:
        return None
    current = set(current_editions(graph))
    home = partnership_of(graph, entity)
    own = [e for e in entity.editions if graph.edition(e).partnership == home] or list(entity.editions)
    if current & set(own):
        return None
    return max(own, key=lambda e: (graph.edition(e).date or "", e))


def visible(graph: Graph, view: View, **filters) -> list[Relation]:
    """graph.relations(...) restricted to the view."""
    return [r for r in graph.relations(**filters) if view.sees(r)]
