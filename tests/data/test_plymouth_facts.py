"""Worked facts of the Plymouth 2020 arrangements (source "002"), typed from the source text.

Each expected value below was read from data/sources/002_0a98fd78e0d597cc.txt (line numbers
in the comments), not copied from the YAML.
"""
from __future__ import annotations

import pytest

from lscp.loaders import load

PSCP = "plymouth.pscp"
STRATEGIC = "plymouth.strategic-partners"
WIDER = "plymouth.wider-partnership"
IQA = "plymouth.independent-quality-assurer"


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def sources(graph, **filters) -> set[str]:
    return {r.source for r in graph.relations(**filters)}


def targets(graph, **filters) -> set[str]:
    return {r.target for r in graph.relations(**filters)}


def names(graph, ids) -> set[str]:
    return {graph.entity(i).name for i in ids}


# --- partners, lead representatives, delegation (155-170) ----------------------------------

def test_three_safeguarding_partners(graph):
    # 157-159: Plymouth City Council, NEW Devon CCG, Devon & Cornwall Police
    assert sources(graph, type="partner_of", target=PSCP) == {
        "plymouth-city-council", "devon-ccg", "devon-cornwall-police"}


def test_ccg_is_one_organisation_with_both_names(graph):
    # 158 "NEW Devon Clinical Commissioning Group"; 163 "NHS Devon Clinical Commissioning Group"
    ccg = graph.entity("devon-ccg")
    assert {"NEW Devon Clinical Commissioning Group", "NHS Devon Clinical Commissioning Group"} <= set(ccg.all_names())


def test_lead_representatives(graph):
    # 157-159: Chief Executive; Accountable Officer; Chief Officer (Assistant Chief Constable)
    leads = {r.target: graph.entity(r.source) for r in graph.relations(type="lead_representative_of")
             if r.source.startswith("plymouth.")}
    assert set(leads) == {"plymouth-city-council", "devon-ccg", "devon-cornwall-police"}
    assert "Chief Executive" in leads["plymouth-city-council"].all_names()
    assert "Accountable Officer" in leads["devon-ccg"].all_names()
    assert "Chief Officer (Assistant Chief Constable)" in leads["devon-cornwall-police"].all_names()
    # 161: "These lead representatives remain accountable for actions and decisions taken on behalf of their agency."
    for post in leads.values():
        assert any(rule.topic == "accountability" and "remain accountable" in rule.text for rule in post.rules)


def test_police_delegate_to_two_officers(graph):
    # 164: police column lists "Head of Public Protection Unit" and "BCU Commander"
    delegates = targets(graph, type="delegates_to", source="plymouth.police.chief-officer")
    assert len(delegates) == 2
    all_names = set().union(*(graph.entity(d).all_names() for d in delegates))
    assert {"Head of Public Protection Unit", "BCU Commander"} <= all_names


def test_la_and_ccg_delegates(graph):
    # 164: "Director of Children Services"; "Executive Officer (Executive Safeguarding Lead)"
    (la,) = targets(graph, type="delegates_to", source="plymouth.pcc.chief-executive")
    (ccg,) = targets(graph, type="delegates_to", source="plymouth.ccg.accountable-officer")
    assert "Director of Children Services" in graph.entity(la).all_names()
    assert "Executive Officer (Executive Safeguarding Lead)" in graph.entity(ccg).all_names()
    # delegation keeps accountability: no delegate is a lead representative
    delegates = {la, ccg} | targets(graph, type="delegates_to", source="plymouth.police.chief-officer")
    assert not delegates & sources(graph, type="lead_representative_of")
    for r in graph.relations(type="delegates_to", source="plymouth.pcc.chief-executive"):
        assert r.authority and "delegated their functions" in r.authority


def test_area_is_plymouth(graph):
    # 149: "based upon the Plymouth Local Authority boundaries"
    assert targets(graph, type="covers", source=PSCP) == {"plymouth"}


# --- strategic PSCP and wider partnership (403-447) -----------------------------------------

def test_strategic_chair_rotates_among_the_three_partners(graph):
    # 407: "Chair: Rotation of Strategic Partners"
    chairs = graph.relations(type="chairs", target=STRATEGIC)
    assert {r.source for r in chairs} == {"plymouth-city-council", "devon-ccg", "devon-cornwall-police"}
    assert all(r.rotating for r in chairs)


def test_strategic_meets_quarterly(graph):
    # 413: "Meeting frequency Quarterly"
    body = graph.entity(STRATEGIC)
    assert body.meetings.per_year == 4 and body.meetings.text == "Quarterly"


def test_iqa_sits_non_voting_on_strategic_and_wider(graph):
    # 294 "non-voting strategic critical friend"; 298 "a member of the Strategic PSCP"; 425 "Independent (non-voting)"
    iqa = graph.entity(IQA)
    assert iqa.independent is True
    for body in (STRATEGIC, WIDER):
        (membership,) = graph.relations(type="member_of", source=IQA, target=body)
        assert membership.capacity == "non-voting"


def test_wider_partnership_chair_and_members(graph):
    # 420: "Chair: Rotation of representatives from three safeguarding partners"
    chairs = graph.relations(type="chairs", target=WIDER)
    assert len(chairs) == 3 and all(r.rotating for r in chairs)
    members = sources(graph, type="member_of", target=WIDER)
    # 427 University Hospital Plymouth NHS Trust - Chief Nurse; 435 PCC Lead Portfolio Holder; 442 CAFCASS Service Manager
    assert "plymouth.uhp.chief-nurse" in members
    assert "plymouth.pcc.lead-portfolio-holder" in members
    assert "plymouth.cafcass.service-manager" in members
    assert {"nspcc", "barnardos", "action-for-children", "cafcass", "hmpps"} <= members
    # 446: "Quarterly (minimum)"
    assert graph.entity(WIDER).meetings.text == "Quarterly (minimum)"


# --- groups (233-290, 449-531) --------------------------------------------------------------

def test_iqa_chairs_qa_and_cspr_groups(graph):
    # 235, 296, 454, 479
    assert targets(graph, type="chairs", source=IQA) == {"plymouth.qa-group", "plymouth.cspr-group"}


def test_group_chairs(graph):
    # 496: "Chair: PSCP Lead Officer for Learning and Development"
    (wdg_chair,) = sources(graph, type="chairs", target="plymouth.mawdg")
    assert graph.entity(wdg_chair).name == "PSCP Lead Officer for Learning and Development"
    # 519: "Chair: Strategic Member of Voluntary/Community Sector"; 521: the PSCP shall "appoint the initial Chair"
    (mce_chair,) = sources(graph, type="chairs", target="plymouth.smce-group")
    assert "Strategic Member of Voluntary/Community Sector" in graph.entity(mce_chair).all_names()
    assert PSCP in sources(graph, type="appoints", target=mce_chair)


def test_four_standing_groups_meet_at_least_quarterly(graph):
    # 471, 488, 511, 530: "Quarterly (minimum)"
    for group in ("plymouth.qa-group", "plymouth.cspr-group", "plymouth.mawdg", "plymouth.smce-group"):
        body = graph.entity(group)
        assert body.meetings.per_year == 4 and "Quarterly (minimum)" == body.meetings.text
        assert any(rule.topic == "venue" and "Plymouth/Microsoft Team" in rule.text for rule in body.rules)


def test_reporting_lines(graph):
    # 253/478 CSPR and 267/495 Workforce Development report to the PSCP
    assert targets(graph, type="reports_to", source="plymouth.cspr-group") == {PSCP}
    assert targets(graph, type="reports_to", source="plymouth.mawdg") == {PSCP}
    # 252: CSPR recommendations go to the Quality Assurance and Workforce Development Groups
    assert targets(graph, type="feeds_into", source="plymouth.cspr-group") == {"plymouth.qa-group", "plymouth.mawdg"}
    # QA and Missing/Child Exploitation groups: no reporting line printed
    for group in ("plymouth.qa-group", "plymouth.smce-group"):
        assert not graph.relations(type="reports_to", source=group)
        assert any(n.field == "reports-to" for n in graph.entity(group).not_stated)


def test_qa_group_has_care_leaver_lay_member(graph):
    # 318: "a young person lay member ... shall be a care leaver"; 463
    members = sources(graph, type="member_of", target="plymouth.qa-group")
    assert "plymouth.qa-lay-member" in members
    assert "care leaver" in graph.entity("plymouth.qa-lay-member").name.lower()
    # 465 "Youth Offending", 464 "Public Health"
    assert {"plymouth.youth-offending-team", "plymouth.public-health"} <= members


# --- decisions and functions (561-573) ---------------------------------------------------------

def test_final_decision_on_practice_review(graph):
    # 561: "The Strategic safeguarding Partners shall make the final documented decision regarding carrying
    # out a child safeguarding practice review, and shall be supported and advised by the Independent Quality Assurer."
    assert sources(graph, type="responsible_for", target="fn.rapid-review-decision") >= {STRATEGIC}
    assert IQA not in sources(graph, type="responsible_for", target="fn.rapid-review-decision")
    assert STRATEGIC in targets(graph, type="supports", source=IQA)
    # 561: the CSPR Group "shall oversee rapid reviews, submit notifications to National Panel"
    cspr = targets(graph, type="responsible_for", source="plymouth.cspr-group")
    assert {"fn.rapid-review", "fn.serious-incident-notification", "fn.practice-reviews"} <= cspr


def test_section_11_oversight_via_iqa(graph):
    # 573: "The oversight and assurance of these functions shall be via the Independent Quality Assurer."
    assert "fn.section-11-audit" in targets(graph, type="responsible_for", source=IQA)


def test_cdop_is_peninsula_wide_and_monitored_by_qa(graph):
    # 565: "The South West Peninsula covers ... Devon, Plymouth, Torbay, Cornwall and Isles of Scilly"
    cdop = graph.entity("sw-peninsula.cdop")
    assert cdop.partnership_kind == "child-death-review"
    assert targets(graph, type="covers", source="sw-peninsula.cdop") == {"south-west-peninsula"}
    # 207/243: monitored, reviewed and actioned; QA group receives its reports
    assert "sw-peninsula.cdop" in targets(graph, type="scrutinises", source="plymouth.qa-group")


def test_wider_partnerships(graph):
    # 183-190: seven partnerships the PSCP links into
    linked = names(graph, targets(graph, type="works_with", source=PSCP))
    expected = {"Health and Wellbeing Board", "Community Safety Partnership", "Safeguarding Adults Board",
                "Children and Young People's Partnership", "Local Family Justice Board", "Channel Panel",
                "Multi-Agency Public Protection Arrangements"}
    assert {name.split(" (Plymouth)")[0] for name in linked} == expected


# --- funding, escalation ----------------------------------------------------------------------

def test_funding_shares_not_printed(graph):
    # 619-626: pooled funding, no share per partner
    funders = graph.relations(type="funds", target=PSCP)
    assert {r.source for r in funders} == {"plymouth-city-council", "devon-ccg", "devon-cornwall-police"}
    assert all(r.share is None for r in funders)
    assert any(n.field == "share" for n in graph.entity(STRATEGIC).not_stated)


def test_no_escalation_route_stated(graph):
    # 609-615: existing escalation policies kept by link; no route between bodies
    plymouth_bodies = {e.id for e in graph.entities("body") if e.id.startswith("plymouth.")}
    assert not [r for r in graph.relations(type="escalates_to") if r.source in plymouth_bodies]
    assert any(n.field == "escalation" for n in graph.entity(STRATEGIC).not_stated)


# --- relevant agencies (Appendix 1, 632-717) -------------------------------------------------

def test_relevant_agency_counts(graph):
    agencies = sources(graph, type="relevant_agency_of", target=PSCP)
    # 12 + 7 + 5 + 3 + 13 (Misc & Charitable without 'Lay member' and 'Children & Young People member')
    # + 4 + 3 organisations
    assert len(agencies) == 47
    sport = {graph.entity(a).name for a in agencies if graph.entity(a).sector == "sports-activities"}
    # 703-709
    assert {"Plymouth Argyle Football Club", "Plymouth Albion Rugby Club", "Torquay United Football Club"} <= sport
    assert len(sport) == 4
    # 640-653 "Educational and Childcare": schools as collective classes
    assert graph.entity("plymouth.primary-schools").collective is True
    # 348: "The Youth Offending Team is a nominated relevant agency"
    assert "plymouth.youth-offending-team" in agencies
    assert {"cafcass", "nhs-england", "british-transport-police", "nspcc"} <= agencies


# --- predecessors (125-131) ----------------------------------------------------------------

def test_succession_from_joint_plymouth_torbay_partnership(graph):
    # 125: the two LSCBs replaced by one Plymouth and Torbay joint partnership, published 29 September 2019 (127)
    for lscb in ("plymouth.lscb", "torbay.lscb"):
        (r,) = graph.relations(type="succeeded_by", source=lscb)
        assert r.target == "plymouth-torbay.ptscp" and r.since == "2019-09-29"
    # 129-131: Torbay evaluated the joint arrangement "in light of the dissolution of the joint arrangement and
    # Director of Children's Services in January 2020"; 131: arrangements for the city of Plymouth. January 2020
    # dates the joint DCS arrangement's end, not the succession: no date for the succession is stated.
    (r,) = graph.relations(type="succeeded_by", source="plymouth-torbay.ptscp")
    assert r.target == PSCP and r.since is None
    assert any(n.field == "date" for n in graph.entity("plymouth-torbay.ptscp").not_stated)
    assert "torbay-council" in sources(graph, type="partner_of", target="plymouth-torbay.ptscp")
