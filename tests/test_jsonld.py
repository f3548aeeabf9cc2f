"""`lscp export --format jsonld`, read by rdflib and asked questions in SPARQL; the expected
answers are written from the source lines they cite."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from lscp.api.cli import main
from lscp.loaders.jsonld import context_text, vocabulary_text

DOCS = Path(__file__).resolve().parent.parent / "docs" / "jsonld"
PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX lscp: <tag:lscp,2026:vocab#>
PREFIX id: <tag:lscp,2026:id:>
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("jsonld") / "lscp.jsonld"
    assert main(["export", "--format", "jsonld", "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def rdf(exported):
    graph = rdflib.Graph()
    graph.parse(exported, format="json-ld")
    return graph


def ask(rdf, query: str) -> list[tuple]:
    return [tuple(str(v) for v in row) for row in rdf.query(PREFIXES + query)]


def holds(rdf, pattern: str) -> bool:
    return rdf.query(PREFIXES + "ASK { " + pattern + " }").askAnswer


def test_who_chairs_the_serious_incidents_and_learning_group(rdf):
    """004:252: "A subgroup is in place in Southampton ... This group is chaired by the
    Designated Doctor for Southampton." (the Serious Incidents and Learning Group, 004:243)."""
    found = ask(rdf, """
        SELECT ?name ?cited ?text WHERE {
          ?group skos:prefLabel "Serious Incidents and Learning Group" .
          ?membership a org:Membership ; org:organization ?group ; org:role lscp:chair ;
                      org:member ?chair ; dcterms:source ?citation .
          ?chair skos:prefLabel ?name .
          ?citation skos:prefLabel ?cited ; lscp:citedText ?text .
        }""")
    assert len(found) == 1
    name, cited, text = found[0]
    assert name == "Designated Doctor for Southampton" and cited == "004:252"
    assert "This group is chaired by the Designated Doctor for Southampton." in text


def test_an_escalation_keeps_its_condition_and_source(rdf):
    """004:267: "Should there be disagreement regarding decision in this [...] the group member for
    each safeguarding partner will escalate this to either their own senior safeguarding partner
    representative or the SSCP Safeguarding Partners Executive including the Independent Chair"."""
    found = ask(rdf, """
        SELECT ?condition ?cited ?text WHERE {
          ?relation lscp:relationType "escalates_to" ; lscp:from id:southampton.icb.silg-representative ;
                    lscp:to id:southampton.partners-executive ; lscp:condition ?condition ;
                    lscp:edition id:southampton-2022 ; dcterms:source ?citation .
          ?citation skos:prefLabel ?cited ; lscp:citedText ?text .
          id:southampton.icb.silg-representative lscp:escalatesTo id:southampton.partners-executive .
        }""")
    assert [(condition, cited) for condition, cited, _ in found] == [("disputed-rapid-review", "004:267")]
    assert "the SSCP Safeguarding Partners Executive including the Independent Chair" in found[0][2]


def test_org_terms_for_reporting_lines_units_and_posts(rdf):
    """004:291: the Operational Child Exploitation Group has "regular direct reporting of local
    trends and issues to the SSCP" (data/southampton/2022.yaml:591 records it as a reporting line
    to the partnership board); a body is a unit of its partnership; a post is in its body."""
    assert holds(rdf, "id:southampton.oceg org:reportsTo id:southampton.partnership-board")
    assert holds(rdf, """id:southampton.silg a org:OrganizationalUnit ; org:unitOf id:southampton.sscp ;
                         org:subOrganizationOf id:southampton.sscp . id:southampton.sscp a org:Organization""")
    assert holds(rdf, "id:southampton.designated-doctor a org:Post ; org:postIn ?where")
    assert not holds(rdf, "id:southampton.partnership-board org:reportsTo id:southampton.oceg")


def test_every_fact_has_a_source(rdf):
    unsourced = ask(rdf, """
        SELECT ?fact WHERE {
          { ?fact a lscp:Relation } UNION { ?fact a org:Organization } UNION { ?fact a org:Post }
          UNION { ?fact a org:OrganizationalUnit } UNION { ?fact a foaf:Person }
          FILTER NOT EXISTS { ?fact dcterms:source ?source }
        }""")
    assert unsourced == []


def test_the_export_is_byte_identical(exported, tmp_path):
    again = tmp_path / "again.jsonld"
    assert main(["export", "--format", "jsonld", "-o", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()


def test_the_published_context_and_vocabulary_are_current():
    hint = "run: python -m lscp.loaders.jsonld"
    assert (DOCS / "context.jsonld").read_text() == context_text(), hint
    assert (DOCS / "vocabulary.jsonld").read_text() == vocabulary_text(), hint
