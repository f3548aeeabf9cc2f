"""The graph as JSON-LD in W3C Organization Ontology (ORG) and Popolo terms, with the domain's
own relations in a small vocabulary of the project's (docs/jsonld/).

Partnerships and organisations are org:Organization, bodies org:OrganizationalUnit (a unit of
their partnership: org:unitOf, org:subOrganizationOf), posts org:Post (org:postIn), people
foaf:Person (org:holds). Names are skos:prefLabel and aliases skos:altLabel, as Popolo writes
them. Every relation is also a node of its own (lscp:Relation; memberships, chairs and partners
an org:Membership with its org:role and org:memberDuring) carrying what a bare triple cannot:
its `dcterms:source` citations, each with the cited lines, its editions, dates and condition.
Every entity carries its own citations the same way.
"""
from __future__ import annotations

import json
import re

from lscp.model.citation import Citation

from lscp import __version__

from .export import data_version, edge_id, to_data
from .graphs import Graph

ID = "tag:lscp,2026:id:"  # an entity's IRI is ID + its id (a tag URI, RFC 4151: no web page claimed)
VOCAB = "tag:lscp,2026:vocab#"

CONTEXT: dict = {
    "@version": 1.1,
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "lscp": VOCAB,
    "id": "@id",
    "type": "@type",
    "name": "skos:prefLabel",
    "other_names": "skos:altLabel",
    "classification": "org:classification",
    "note": "rdfs:comment",
    "sources": {"@id": "dcterms:source", "@type": "@id", "@container": "@set"},
    "text": "lscp:citedText",
    "document": {"@id": "dcterms:isPartOf", "@type": "@id"},
    "start_line": {"@id": "lscp:startLine", "@type": "xsd:integer"},
    "end_line": {"@id": "lscp:endLine", "@type": "xsd:integer"},
    "url": {"@id": "foaf:page", "@type": "@id"},
    "parent": {"@id": "org:subOrganizationOf", "@type": "@id"},
    "unit_of": {"@id": "org:unitOf", "@type": "@id"},
    "post_in": {"@id": "org:postIn", "@type": "@id"},
    "member": {"@id": "org:member", "@type": "@id"},
    "organization": {"@id": "org:organization", "@type": "@id"},
    "role": {"@id": "org:role", "@type": "@id"},
    "member_during": "org:memberDuring",
    "start": "time:hasBeginning",
    "end": "time:hasEnd",
    "from": {"@id": "lscp:from", "@type": "@id"},
    "to": {"@id": "lscp:to", "@type": "@id"},
    "relation": "lscp:relationType",
    "editions": {"@id": "lscp:edition", "@type": "@id", "@container": "@set"},
    "condition": "lscp:condition",
    "order": {"@id": "lscp:order", "@type": "xsd:integer"},
    "capacity": "lscp:capacity",
    "share": {"@id": "lscp:sharePercent", "@type": "xsd:decimal"},
    "authority": "lscp:authority",
    "since": "lscp:since",
    "until": "lscp:until",
    "via": {"@id": "lscp:via", "@type": "@id"},
    "on": {"@id": "lscp:on", "@type": "@id"},
    "represents": {"@id": "lscp:represents", "@type": "@id", "@container": "@set"},
    "rotating": {"@id": "lscp:rotating", "@type": "xsd:boolean"},
}

# Each kind of entity: its classes.
CLASSES = {
    "partnership": ["org:Organization", "lscp:Partnership"],
    "organisation": ["org:Organization"],
    "body": ["org:OrganizationalUnit", "lscp:Body"],
    "post": ["org:Post"],
    "person": ["foaf:Person"],
    "area": ["dcterms:Location", "lscp:Area"],
    "edition": ["lscp:Edition"],
    "source": ["dcterms:BibliographicResource"],
    "function": ["lscp:Function"],
}

# Relations that are memberships in ORG's sense, and the org:role each gives the member.
MEMBERSHIP_ROLES = {
    "member_of": "lscp:member", "chairs": "lscp:chair", "vice_chairs": "lscp:vice-chair",
    "partner_of": "lscp:safeguarding-partner", "relevant_agency_of": "lscp:relevant-agency",
}
# The bare triple each relation also gives (ORG's where it has one, the project's otherwise).
PROPERTIES = {"holds": "org:holds", "reports_to": "org:reportsTo", "member_of": "org:memberOf"}

# The project's vocabulary: what each of its terms means (docs/jsonld/vocabulary.jsonld).
TERMS = {
    "Partnership": "Safeguarding arrangements of statutory partners for an area (an org:Organization).",
    "Body": "A board, group, panel or other unit of a partnership (an org:OrganizationalUnit).",
    "Area": "A local authority area, footprint or other place a partnership covers.",
    "Edition": "One dated document describing a partnership's arrangements.",
    "Function": "A duty or function, statutory or local.",
    "Relation": "One cited relation between two entities, with its citations, editions, dates and condition.",
    "Citation": "Lines of a source document (or a web page) that state a fact.",
    "delegatesTo": "A post, body or partnership delegates (a function or authority) to a post or body; accountability stays.",
    "accountableTo": "Is accountable to a post, body or organisation.",
    "escalatesTo": "A matter goes from here to there when people disagree or it is stuck, under lscp:condition.",
    "scrutinises": "Scrutinises the work of a body, partnership, organisation or post.",
    "chairs": "A post, person or organisation chairs a body or partnership.",
    "condition": "The condition under which an escalation applies (split-decision, stuck-case, ...).",
    "citedText": "The text of the cited lines, as the source document has it.",
}


def _iri(ident: str) -> str:
    return ID + ident


def _camel(word: str) -> str:
    head, *rest = word.split("_")
    return head + "".join(part.title() for part in rest)


def _date(text: str | None) -> dict | None:
    """A partial date as its XSD type: 2022 gYear, 2022-07 gYearMonth, 2022-07-01 date."""
    if not text:
        return None
    kind = {4: "gYear", 7: "gYearMonth"}.get(len(text), "date")
    return {"@value": text, "@type": f"xsd:{kind}"}


def _instant(text: str | None) -> dict | None:
    value = _date(text)
    if value is None:
        return None
    return {"type": "time:Instant", f"time:inXSD{value['@type'][4:].replace('date', 'Date')}": value}


class _Citations:
    """Citation nodes, each once, with the cited lines."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.nodes: dict[str, dict] = {}

    def __call__(self, records: list[dict]) -> list[str]:
        found: list[str] = []
        for record in records:
            citation = Citation(**record)
            if citation.url is not None:
                found.append(citation.url)
                continue
            doc, start, end = citation.doc, citation.start, citation.end
            assert doc is not None and start is not None and end is not None  # not a URL: lines of a document
            ident = f"{_iri(doc)}#lines-{start}-{end}"
            if ident not in self.nodes:
                lines = self.graph.source_lines(doc, start, end)
                self.nodes[ident] = {"id": ident, "type": "lscp:Citation", "document": _iri(doc),
                                     "start_line": start, "end_line": end,
                                     "name": str(citation), "text": "\n".join(text for _, text in lines)}
            found.append(ident)
        return found


def _entity(item: dict, cite: _Citations) -> dict:
    node = {"id": _iri(item["id"]), "type": CLASSES[item["kind"]], "name": item["name"],
            "sources": cite(item["src"])}
    if item.get("aliases"):
        node["other_names"] = item["aliases"]
    kind = next((item[k] for k in ("body_kind", "sector", "partnership_kind", "area_kind", "edition_kind") if k in item), None)
    if kind:
        node["classification"] = kind
    if item["kind"] == "body" and item.get("partnership"):
        node["unit_of"] = node["parent"] = _iri(item["partnership"])
    if item["kind"] == "post":
        node["post_in"] = _iri(item["within"])
    if item.get("editions"):
        node["editions"] = [_iri(e) for e in item["editions"]]
    if item.get("url"):
        node["url"] = item["url"]
    if item.get("note"):
        node["note"] = item["note"]
    return node


def _relation(ident: str, item: dict, cite: _Citations) -> tuple[dict, tuple[str, str, str]]:
    """The relation's own node, and the bare triple it also gives."""
    kind = item["type"]
    node = {"id": _iri("relation:" + ident), "type": ["lscp:Relation"], "relation": kind,
            "from": _iri(item["from"]), "to": _iri(item["to"]), "sources": cite(item["src"])}
    if kind in MEMBERSHIP_ROLES:
        node["type"].append("org:Membership")
        node.update(member=_iri(item["from"]), organization=_iri(item["to"]), role=MEMBERSHIP_ROLES[kind])
        if item.get("since") or item.get("until"):
            interval = {"type": "time:Interval", "start": _instant(item.get("since")), "end": _instant(item.get("until"))}
            node["member_during"] = {k: v for k, v in interval.items() if v is not None}
    for field in ("condition", "order", "capacity", "share", "authority", "rotating", "note"):
        if field in item:
            node[field] = item[field]
    for field in ("since", "until"):
        if item.get(field):
            node[field] = _date(str(item[field]))
    for field in ("via", "on"):
        if item.get(field):
            node[field] = _iri(item[field])
    for field in ("editions", "represents"):
        if item.get(field):
            node[field] = [_iri(e) for e in item[field]]
    prop = PROPERTIES.get(kind, f"lscp:{_camel(kind)}")
    return node, (_iri(item["from"]), prop, _iri(item["to"]))


def to_jsonld(graph: Graph) -> dict:
    data = to_data(graph)
    cite = _Citations(graph)
    nodes = {e["id"]: _entity(e, cite) for e in data["entities"]}
    relations = []
    for record in data["relations"]:
        node, (_, prop, target) = _relation(edge_id(record), record, cite)
        relations.append(node)
        entity = nodes[record["from"]]
        entity[prop] = sorted({*entity.get(prop, []), target})
    for entity in nodes.values():  # the bare triples link to entities
        for prop in [p for p in entity if re.match(r"^(org|lscp):", p)]:
            entity[prop] = [{"id": target} for target in entity[prop]]
    about = {"id": _iri("export"), "type": "dcterms:Dataset",
             "editions": sorted(_iri(e.id) for e in graph.entities("edition")),
             "lscp:dataVersion": data_version(data), "lscp:lscpVersion": __version__}
    graph_nodes = [about, *nodes.values(), *sorted(relations, key=lambda n: n["id"]),
                   *sorted(cite.nodes.values(), key=lambda n: n["id"])]
    return {"@context": CONTEXT, "@graph": graph_nodes}


def to_jsonld_text(graph: Graph) -> str:
    return json.dumps(to_jsonld(graph), indent=1, ensure_ascii=False) + "\n"


def context_text() -> str:
    """docs/jsonld/context.jsonld: the context alone, for documents that refer to it."""
    return json.dumps({"@context": CONTEXT}, indent=2, ensure_ascii=False) + "\n"


def vocabulary_text() -> str:
    """docs/jsonld/vocabulary.jsonld: the project's terms, each with what it means."""
    defined = [{"@id": f"lscp:{term}", "@type": "rdfs:Class" if term[0].isupper() else "rdf:Property",
                "rdfs:label": term, "rdfs:comment": comment} for term, comment in TERMS.items()]
    document = {"@context": {"lscp": VOCAB, "rdfs": CONTEXT["rdfs"], "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
                "@graph": defined}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m lscp.loaders.jsonld: rewrite docs/jsonld/ (in the repository)
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "docs" / "jsonld"
    folder.mkdir(exist_ok=True)
    (folder / "context.jsonld").write_text(context_text(), encoding="utf-8")
    (folder / "vocabulary.jsonld").write_text(vocabulary_text(), encoding="utf-8")
