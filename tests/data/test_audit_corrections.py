"""Corrections from the independent audit of issue 13 (item 6), each checked against the lines.

The expected values are read from the source lines quoted here, not from the YAML:
  000:491  "the intention is that new ways of working are based on the following principles:"
  000:494  " - provide a clear route for escalation of any system-wide issues and an agreed forum
            for the Safeguarding Partners to collectively fulfil their statutory duties"
  004:108  "- Provide a clear route for escalation of any system-wide issues ..." (the same list)
  002:129  "... in light of the dissolution of the joint arrangement and Director of Children's
            Services in January 2020 ... They have concluded that they need a single strategic
            safeguarding partnership."
  002:131  "Accordingly, this document sets out the new multi-agency safeguarding arrangements to
            be implemented within the city of Plymouth."
  002:419  "• Deliver qualitative written reports and/or presentations on impact and outcomes for
            children and young people directly to the PTSCP."
  002:214  "- hold local arrangements to account;"
  004:182  " - an agreed local authority Education Services representative for mainstream and
            special schools"
  004:184  " - For academies, independent and free schools' representation via the local
            authority Education Services representation will be agreed."
  000:531  "... this group will report to the HIPS Executive until such time as the Pan Hampshire
            and Isle of Wight Sustainability and Transformation Partnership (STP)_is fully
            established ..."
  003:284  "... safeguarding arrangements within Practices continued to be overseen by the CCG and
            arrangements were made that any concerns (of which there were none) would be
            reported to the PSCP Executive."
  003:270  "The PSCP Training Team are now standing members of the PSCP Learning from Cases
            Committee ..."
  003:310  "... the PSCP has developed a new 'Re-think' approach ..."
  003:312  "help practitioners and managers across the Portsmouth Safeguarding Children
            Partnership resolve disagreements or concerns in a constructive, restorative way"
  003:538  "There needs to be better awareness of the HIPS Escalation Protocol ..."
  003:546  "3. Work with partner agencies to raise awareness of the Escalation Protocol and
            Re-Think Process ..."
  003:678  "The PSCP therefore developed a new approach to dealing with conflict or challenges
            within cases, called Re-think. ... This was launched in February 2021."
  000:881  "- 7. Contribute where possible to the PSCP training pool as a multi-agency resource"
  public-facts.md section 2: "John Coughlan, HCC Chief Executive (2016–17; previously DCS)",
            http://democracy.hants.gov.uk/ieListDocuments.aspx?CId=642&MId=4181&Ver=4
"""
from __future__ import annotations

import pytest

from lscp.loaders import load
from lscp.queries import escalation, overview, show

LOCAL = ("hampshire.hscp", "iow.iowscp", "portsmouth.pscp", "southampton.sscp")
HCC_PAPERS = "http://democracy.hants.gov.uk/ieListDocuments.aspx?CId=642&MId=4181&Ver=4"


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


@pytest.mark.parametrize("partnership", LOCAL)
def test_system_wide_escalation_principle_is_no_route(graph, partnership):
    # 000:491/494, 004:108: a principle the arrangements should meet, not a route from each LSCP.
    answer = escalation(graph, partnership, condition="system-wide-issue")
    assert answer.routes == []
    principle = [r for r in graph.entity("hips.executive").rules if r.topic == "principle - escalation"]
    assert principle and {str(c) for c in principle[0].src} == {"000:494", "004:108"}


def test_plymouth_wider_partnership_does_not_report_to_its_predecessor(graph):
    # 002:419 names the PTSCP; 002:129-131 say the joint arrangement was dissolved.
    assert graph.relations(type="reports_to", source="plymouth.wider-partnership") == []
    wider = graph.entity("plymouth.wider-partnership")
    (gap,) = [n for n in wider.not_stated if n.field == "reports-to"]
    assert "PTSCP" in gap.note and "dissolved" in gap.note
    assert {str(c) for c in gap.src} == {"002:419", "002:129-131"}
    assert any(r.topic == "reporting (as printed)" and "PTSCP" in r.text for r in wider.rules)


def test_plymouth_role_holds_local_arrangements_to_account(graph):
    # 002:214
    roles = [r for r in graph.entity("plymouth.strategic-partners").rules if r.topic == "role"]
    assert roles and "hold local arrangements to account" in roles[0].text


def test_southampton_school_route_is_for_mainstream_and_special_schools_only(graph):
    # 004:182 states the route for mainstream and special schools; 004:184 "will be agreed".
    routes = graph.relations(type="represented_by", target="southampton.scc.education-services-representative")
    assert {r.source for r in routes} == {"southampton.mainstream-special-schools"}
    assert graph.relations(type="represented_by", source="southampton.schools") == []
    schools = graph.entity("southampton.schools")
    assert [str(c) for n in schools.not_stated if n.field == "representation" for c in n.src] == ["004:184"]


def test_hips_cdop_reports_to_the_executive(graph):
    # 000:531
    (line,) = graph.relations(type="reports_to", source="hips.cdop")
    assert line.target == "hips.executive" and [str(c) for c in line.src] == ["000:531"]
    detail = show(graph, "hips.cdop")
    assert "reports-to" not in {n.field for n in detail.not_stated}


def test_portsmouth_rethink_and_hips_escalation_protocol(graph):
    # 003:310-312, 003:678 (Re-think), 003:538, 003:546 (HIPS Escalation Protocol)
    (rel,) = graph.relations(type="responsible_for", source="portsmouth.pscp",
                             target="fn.escalation-resolution", edition="portsmouth-2021")
    assert {str(c) for c in rel.src} == {"003:310-312", "003:538", "003:546", "003:678"}
    assert "Re-think" in rel.note and "HIPS Escalation Protocol" in rel.note


def test_ccg_oversight_of_gp_practices_reports_to_the_executive(graph):
    # 003:284
    rules = [r for r in graph.entity("portsmouth.executive").rules if r.topic.startswith("GP practices")]
    assert len(rules) == 1 and [str(c) for c in rules[0].src] == ["003:284"]
    assert "overseen by the CCG" in rules[0].text and "PSCP Executive" in rules[0].text


def test_learning_from_cases_membership_names_standing_members(graph):
    # 003:270: the Training Team are standing members; the rest is not stated.
    committee = graph.entity("portsmouth.learning-from-cases")
    (gap,) = [n for n in committee.not_stated if n.field == "membership"]
    assert "003:270" in {str(c) for c in gap.src} and "Training Team" in gap.note
    assert graph.relations(type="member_of", source="portsmouth.training-team", target=committee.id)


def test_portsmouth_board_member_role_has_seven_responsibilities(graph):
    # 000:875-881: seven numbered responsibilities; the seventh is at 881.
    (role,) = [r for r in graph.entity("portsmouth.board").rules if r.topic == "member role"]
    assert "7. to contribute where possible to the PSCP training pool" in role.text
    assert [str(c) for c in role.src] == ["000:867-881"]


def test_hampshire_county_council_chief_executive_named_in_public_facts(graph):
    (held,) = graph.relations(type="holds", target="hampshire.hcc.chief-executive")
    assert held.source == "hampshire.person.john-coughlan"
    assert [str(c) for c in held.src] == [HCC_PAPERS]
    assert graph.entity("hampshire.hcc.chief-executive").within == "hampshire-county-council"


def test_overview_lists_each_area_once(graph):
    # Hampshire's partnership covers Hampshire (stated on the web page and in the registry).
    rows = {p.id: p.areas for p in overview(graph).partnerships}
    assert rows["hampshire.hscp"] == ["hampshire"]
    assert all(len(areas) == len(set(areas)) for areas in rows.values())
