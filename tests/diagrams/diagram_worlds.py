"""Tiny synthetic worlds, named by scenario, built directly as a MemoryGraph (no YAML, no citations to check)."""
from __future__ import annotations

from lscp.loaders import MemoryGraph
from lscp.model import Area, Body, Edition, Organisation, Partnership, Post, Relation
from lscp.model.entities import NotStated, Source

HOSTILE = '<script>alert(1)</script> & "x"'
SRC = ["doc:1"]


def rel(type_: str, source: str, target: str, editions=("test-2020",), **extra) -> Relation:
    return Relation(type=type_, source=source, target=target, src=SRC, editions=list(editions), **extra)


def build_testshire(learning_name: str = "Learning Group") -> MemoryGraph:
    """A partnership with three partners, a board and executive, two tiers of groups, an
    independent chair, a group shared with the adults board, relevant agencies, a later annual
    report that adds a hub, and a multi-area arrangement above it and a neighbour."""
    e20, e21 = ["test-2020"], ["test-2021"]
    entities = [
        Source(id="doc", name="Test arrangements", file="doc.txt", src=SRC),
        Area(id="footprint", name="Test footprint", area_kind="footprint", src=SRC),
        Area(id="testshire", name="Testshire", area_kind="local-authority-area", within=["footprint"], src=SRC),
        Area(id="otherton", name="Otherton", area_kind="local-authority-area", within=["footprint"], src=SRC),
        Partnership(id="test.tscp", name="Testshire Safeguarding Children Partnership",
                    partnership_kind="safeguarding-children-partnership", src=SRC),
        Partnership(id="test.adults", name="Testshire Safeguarding Adults Board",
                    partnership_kind="safeguarding-adults-board", src=SRC),
        Partnership(id="other.ocp", name="Otherton Safeguarding Children Partnership",
                    partnership_kind="safeguarding-children-partnership", src=SRC),
        Partnership(id="multi", name="Footprint Executive arrangements", partnership_kind="multi-area-arrangement",
                    src=SRC),
        Edition(id="test-2020", name="Testshire arrangements 2020", partnership="test.tscp", date="2020",
                edition_kind="arrangements", source="doc", src=SRC),
        Edition(id="test-2021", name="Testshire annual report 2021", partnership="test.tscp", date="2021",
                edition_kind="annual-report", source="doc", supplements="test-2020", src=SRC),
        Edition(id="other-2020", name="Otherton arrangements 2020", partnership="other.ocp", date="2020",
                edition_kind="arrangements", source="doc", src=SRC),
        Edition(id="multi-2020", name="Footprint arrangements 2020", partnership="multi", date="2020",
                edition_kind="arrangements", source="doc", src=SRC),
        Edition(id="multi-2022", name="Footprint arrangements 2022", partnership="multi", date="2022",
                edition_kind="arrangements", source="doc", src=SRC),
        Organisation(id="test-council", name="Testshire Council", sector="local-authority", area="testshire", src=SRC),
        Organisation(id="test-icb", name="Testshire Integrated Care Board", sector="health-commissioner", src=SRC),
        Organisation(id="test-police", name="Testshire Police", sector="police", src=SRC),
        Organisation(id="test-schools", name="All schools in Testshire", sector="school", collective=True, src=SRC),
        Organisation(id="test-academy", name="Testshire Academy", sector="school", src=SRC),
        Organisation(id="test-charity", name="Testshire Children's Charity", sector="voluntary-community", src=SRC),
        Post(id="test.ceo", name="Chief Executive, Testshire Council", within="test-council", editions=e20, src=SRC),
        Post(id="test.dcs", name="Director of Children's Services", within="test-council", editions=e20, src=SRC),
        Post(id="test.icb-ceo", name="Chief Executive, Testshire ICB", within="test-icb", editions=e20, src=SRC),
        Post(id="test.chief-constable", name="Chief Constable, Testshire Police", within="test-police",
             editions=e20, src=SRC),
        Post(id="test.chair", name="Independent Chair", within="test.tscp", independent=True, editions=e20, src=SRC),
        Post(id="test.doctor", name="Designated Doctor", within="test.tscp", editions=e20, src=SRC),
        Body(id="test.board", name="Testshire Partnership Board", body_kind="board", partnership="test.tscp",
             editions=e20 + e21, src=SRC),
        Body(id="test.exec", name="Partners Executive", body_kind="executive", partnership="test.tscp",
             editions=e20, src=SRC,
             not_stated=[NotStated(field="chair", note="Not stated.")]),
        Body(id="test.learning", name=learning_name, body_kind="subgroup", partnership="test.tscp",
             editions=e20 + e21, src=SRC),
        Body(id="test.audit", name="Audit Panel", body_kind="panel", partnership="test.tscp", editions=e20, src=SRC),
        Body(id="test.business", name="Business Group", body_kind="group", partnership="test.tscp", editions=e20,
             src=SRC, not_stated=[NotStated(field="reports-to", note="Not stated.")]),
        Body(id="test.hub", name="Improvement Hub", body_kind="hub", partnership="test.tscp", editions=e21, src=SRC),
        Body(id="multi.exec", name="Footprint Executive", body_kind="executive", partnership="multi",
             editions=["multi-2020", "multi-2022"], src=SRC),
        Body(id="multi.group", name="Footprint Procedures Group", body_kind="subgroup", partnership="multi",
             editions=["multi-2020"], src=SRC),
        Body(id="multi.new-group", name="Footprint Exploitation Group", body_kind="subgroup", partnership="multi",
             editions=["multi-2022"], src=SRC),
    ]
    relations = [
        rel("covers", "test.tscp", "testshire", ()), rel("covers", "other.ocp", "otherton", ()),
        rel("covers", "multi", "footprint", ()),
        rel("partner_of", "test-council", "test.tscp"), rel("partner_of", "test-icb", "test.tscp"),
        rel("partner_of", "test-police", "test.tscp"),
        rel("lead_representative_of", "test.ceo", "test-council"),
        rel("lead_representative_of", "test.icb-ceo", "test-icb"),
        rel("lead_representative_of", "test.chief-constable", "test-police"),
        rel("delegates_to", "test.ceo", "test.dcs", authority="Full participation"),
        rel("chairs", "test.chair", "test.board"),
        rel("chairs", "test.doctor", "test.learning", ("test-2020", "test-2021")),
        rel("reports_to", "test.learning", "test.board", ("test-2020", "test-2021")),
        rel("feeds_into", "test.audit", "test.learning"),
        rel("escalates_to", "test.learning", "test.exec", condition="split-decision", order=1),
        rel("scrutinises", "test.chair", "test.tscp"),
        rel("accountable_to", "test.chair", "test.ceo"),
        rel("shared_with", "test.business", "test.adults"),
        rel("chairs", "test.chair", "test.business", rotating=True),
        rel("feeds_into", "test.hub", "test.board", ("test-2021",)),
        rel("relevant_agency_of", "test-schools", "test.tscp"),
        rel("relevant_agency_of", "test-academy", "test.tscp"),
        rel("relevant_agency_of", "test-charity", "test.tscp"),
        rel("supports", "multi.group", "multi.exec", ("multi-2020",)),
        rel("supports", "multi.new-group", "multi.exec", ("multi-2022",)),
        rel("member_of", "test.dcs", "multi.exec"),
        rel("feeds_into", "test.learning", "multi.group"),
        rel("escalates_to", "test.tscp", "multi.exec", ("multi-2020",), condition="system-wide-issue"),
    ]
    return MemoryGraph(by_id={e.id: e for e in entities}, relation_list=relations)
