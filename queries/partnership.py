"""One partnership as a report: partners and their lead representatives, bodies with their
chairs and lines, relevant agencies, what the documents held say and do not say, and the
counts `escalate`, `list` and `show` give. The web's partnership page renders it.

Three kinds of "not known" stay apart here: a fact the held document states as not stated
(the data's not_stated), a fact nothing held records, and a partnership whose own
arrangements document is not among the sources, for which the report leads with what is
known (the partnership-wide bodies of a footprint covering its area) and names the document
that would answer the rest.
"""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import UsageError

from .browse import EntityDetail, EntitySummary, NotStatedView, list_entities, show, summarise
from .editions import editions_of
from .escalation import escalation, partnership_routes
from .findings import Finding
from .gaps import bodies_of, gaps
from .results import RelationView
from .lookup import bodies_serving
from .view import View, view_at


class Lead(BaseModel):
    relation: RelationView  # lead_representative_of, post -> partner
    delegates: list[RelationView] = []


class Partner(BaseModel):
    relation: RelationView  # partner_of, organisation -> partnership
    leads: list[Lead] = []


class Known(BaseModel):
    """A fact of a body: stated (the relations), stated elsewhere (in another edition of its
    partnership), noted as not stated by the document, or not recorded at all."""

    status: str  # stated, stated-in-other-edition, not-stated, not-recorded
    relations: list[RelationView] = []
    note: NotStatedView | None = None
    editions: list[str] = []  # where the relations are stated, when not in the edition shown


class BodyRow(BaseModel):
    body: EntitySummary
    chair: Known
    line: Known  # reports to / feeds into
    supports: list[RelationView] = []  # 'supports' without a reporting line


class Document(BaseModel):
    """Whether the partnership's own arrangements are among the sources."""

    held: bool
    edition_kind: str | None = None
    message: str
    would_answer: str | None = None


class Counts(BaseModel):
    escalation_routes: int  # as `escalate` states them from the partnership and each of its bodies
    relevant_agencies: int  # distinct organisations (`list organisations`), not relations
    chairs: int  # distinct chairs of its bodies


class PartnershipReport(BaseModel):
    detail: EntityDetail
    editions: list[EntitySummary]
    edition: str | None
    document: Document
    partners: list[Partner]
    bodies: list[BodyRow]
    wider_bodies: list[EntitySummary]  # bodies of footprint arrangements covering its area
    agencies: dict[str, list[RelationView]]  # by sector, one row per organisation
    counts: Counts
    findings: list[Finding]
    gaps_summary: str


def _seen(relation: RelationView, editions: frozenset[str] | None) -> bool:
    return editions is None or not relation.editions or bool(editions & set(relation.editions))


def _pick(relations: list[RelationView], types: tuple[str, ...], editions: frozenset[str] | None) -> list[RelationView]:
    return [r for r in relations if r.type in types and _seen(r, editions)]


def partnership(graph: Graph, partnership_id: str, edition: str | None = None) -> PartnershipReport:
    """The partnership in one edition (its latest when None)."""
    detail = show(graph, partnership_id, limit=None)  # every relevant agency, grouped by sector below
    if detail.kind != "partnership":
        raise UsageError(f"{partnership_id} is {'an' if detail.kind[0] in 'aeiou' else 'a'} {detail.kind}, not a partnership")
    editions = [summarise(graph, e) for e in editions_of(graph, partnership_id)]
    if edition is not None and edition not in [e.id for e in editions]:
        raise UsageError(f"{edition!r} is not an edition of {detail.name}; its editions are: "
                         + (", ".join(e.id for e in editions) or "none"))
    edition = edition or (editions[-1].id if editions else None)
    seen = view_at(graph, edition).editions if edition else None
    own = seen & {e.id for e in editions} if seen is not None else None
    stated = {b.id for b in bodies_of(graph, View(seen), partnership_id)} if seen is not None else None
    bodies = [b for b in list_entities(graph, "bodies") if b.partnership == partnership_id
              and (stated is None or b.id in stated)]
    rows = [_body_row(graph, b, seen) for b in bodies]
    agencies = _distinct_agencies(_pick(detail.incoming, ("relevant_agency_of",), seen))
    report = gaps(graph, edition=edition) if edition else None
    findings = [f for f in report.findings if f.partnership in (partnership_id, None)] if report else []
    document = _document(graph, partnership_id, editions)
    return PartnershipReport(
        detail=detail, editions=editions, edition=edition, document=document,
        partners=_partners(graph, detail, seen, own), bodies=rows,
        wider_bodies=_wider_bodies(graph, partnership_id) if not document.held else [],
        agencies=_by_sector(graph, agencies),
        counts=Counts(escalation_routes=_routes(graph, partnership_id, [b.id for b in bodies], edition),
                      relevant_agencies=len(agencies),
                      chairs=len({r.source for row in rows for r in row.chair.relations})),
        findings=findings,
        gaps_summary=f"{len(findings)} finding(s) for {detail.name}" + (f" in {edition}." if edition else "."),
    )


def _partners(graph: Graph, detail: EntityDetail, seen, own) -> list[Partner]:
    """Partners with the lead representatives this partnership's own editions name: a partner
    such as the constabulary has a different lead representative in each partnership."""
    partners = []
    for relation in _pick(detail.incoming, ("partner_of",), seen):
        partner = Partner(relation=relation)
        for lead in _pick(show(graph, relation.source).incoming, ("lead_representative_of",), own):
            partner.leads.append(Lead(relation=lead, delegates=_pick(show(graph, lead.source).outgoing, ("delegates_to",), seen)))
        partners.append(partner)
    return partners


def _body_row(graph: Graph, body: EntitySummary, seen) -> BodyRow:
    found = show(graph, body.id, limit=None)
    chair = _known(found, _pick(found.incoming, ("chairs", "vice_chairs"), None), seen, "chair")
    line = _known(found, _pick(found.outgoing, ("reports_to", "feeds_into"), None), seen, "reports-to")
    return BodyRow(body=body, chair=chair, line=line, supports=_pick(found.outgoing, ("supports",), seen))


def _known(found: EntityDetail, relations: list[RelationView], seen, field: str) -> Known:
    """Stated in the edition shown; else stated in another edition of the body (the HIPS CDOP's
    line to the Executive is stated in 2019, 000:531); else the document's own 'not stated';
    else nothing recorded."""
    here = [r for r in relations if _seen(r, seen)]
    if here:
        return Known(status="stated", relations=here)
    if relations:
        return Known(status="stated-in-other-edition", relations=relations,
                     editions=sorted({e for r in relations for e in r.editions}))
    note = next((n for n in found.not_stated if n.field == field), None)
    return Known(status="not-stated" if note else "not-recorded", note=note)


def _distinct_agencies(relations: list[RelationView]) -> list[RelationView]:
    """One row per organisation: two lists of one document naming it are one fact, with both
    citations."""
    merged: dict[str, RelationView] = {}
    for relation in relations:
        kept = merged.get(relation.source)
        if kept is None:
            merged[relation.source] = relation.model_copy(update={"sources": list(relation.sources)})
        else:
            kept.sources += [c for c in relation.sources if c.citation not in {k.citation for k in kept.sources}]
    return list(merged.values())


def _by_sector(graph: Graph, agencies: list[RelationView]) -> dict[str, list[RelationView]]:
    grouped: dict[str, list[RelationView]] = defaultdict(list)
    for relation in sorted(agencies, key=lambda r: r.source_name.lower()):
        grouped[getattr(graph.by_id[relation.source], "sector", None) or "other"].append(relation)
    return dict(sorted(grouped.items()))


def _routes(graph: Graph, partnership_id: str, bodies: list[str], edition: str | None) -> int:
    """The routes `escalate` states from the partnership and from each of its bodies: in an
    edition, the very count `compare` gives (escalation.partnership_routes)."""
    if edition is not None:
        return sum(partnership_routes(graph, partnership_id, edition).values())
    return sum(len(escalation(graph, start).routes) for start in [partnership_id, *bodies])


def _document(graph: Graph, partnership_id: str, editions: list[EntitySummary]) -> Document:
    name = graph.by_id[partnership_id].name
    kinds = {graph.edition(e.id).edition_kind for e in editions}
    if "arrangements" in kinds:
        return Document(held=True, edition_kind="arrangements",
                        message=f"The published arrangements of {name} are among the sources: each fact cites their lines.")
    if not editions:
        return Document(held=False, message=f"No document of {name} is among the sources; only what other documents "
                                            "state about it is shown.",
                        would_answer=f"the documents of {name}")
    kind = sorted(kinds)[0]
    what = "public web pages" if kind == "public-record" else f"its {kind.replace('-', ' ')}"
    return Document(held=False, edition_kind=kind,
                    message=f"The multi-agency safeguarding arrangements of {name} are not among the sources. "
                            f"What is known comes from {what} and from the documents of the arrangements that "
                            "cover its area, listed first below.",
                    would_answer=f"the published multi-agency safeguarding arrangements of {name}")


def _wider_bodies(graph: Graph, partnership_id: str) -> list[EntitySummary]:
    """The bodies of other partnerships that serve this one's area (the HIPS-wide groups for
    Hampshire and the Isle of Wight)."""
    areas = sorted({r.target for r in graph.relations("covers", source=partnership_id)})
    found = {b.id: b for area in areas for b in bodies_serving(graph, area) if b.partnership != partnership_id}
    return [summarise(graph, b) for b in sorted(found.values(), key=lambda b: (b.partnership or "", b.name.lower()))]
