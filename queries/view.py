"""Which editions a question is answered over, and the relations visible in them."""
from __future__ import annotations

from dataclasses import dataclass

from lscp.loaders import Graph
from lscp.model import Entity, Relation
from lscp.model.entities import Edition, Versioned

from .editions import seen_in, with_supplements
from .scope import check_edition, current_editions


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
    editions = with_supplements(graph, edition)
    latest: dict[str, Edition] = {}
    for other in graph.entities_of(Edition):
        if other.partnership == chosen.partnership or (other.date or "") > (chosen.date or ""):
            continue
        current = latest.get(other.partnership)
        if current is None or (other.date or "") > (current.date or ""):
            latest[other.partnership] = other
    for other in latest.values():
        editions |= with_supplements(graph, other.id)
    return View(frozenset(editions))


def view_for(graph: Graph, entity: Entity | None = None, edition: str | None = None) -> View:
    """The view a question about `entity` is answered in: the edition asked for; else the
    current view, unless the entity only exists in older editions (then its latest one)."""
    if edition:
        return view_at(graph, edition)
    current = View(frozenset(current_editions(graph)))
    if isinstance(entity, Versioned) and entity.editions and not current.sees(entity):
        dated = sorted(entity.editions, key=lambda e: (graph.edition(e).date or "", e))
        return view_at(graph, dated[-1])
    return current


def visible(graph: Graph, view: View, **filters) -> list[Relation]:
    """graph.relations(...) restricted to the view."""
    return [r for r in graph.relations(**filters) if view.sees(r)]
