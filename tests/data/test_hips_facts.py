"""Worked facts of the HIPS Executive Group arrangements (2019: source 000, Appendix 1; 2022:
source 004, lines 96-148) and of the Hampshire and Isle of Wight public record.

Expected values are typed from the source text (line numbers in the comments) and from
docs/public-facts.md, not copied from the YAML:
  000:504  "4. Membership and frequency of 4LSCB Executive"   (no frequency follows, 506-511)
  000:507  "Directors of Children's Services from each of the represented local authorities.
            Directors of Children's Services will represent education establishments (those who
            are maintained by the Local Authority), including Early Years services."
  000:508  "Hampshire Constabulary, represented through the Chief Superintendent with lead
            safeguarding responsibility."
  000:509  "Health, represented by Clinical Commissioning Groups (CCGs) of West Hampshire CCG,
            Hampshire and Isle of Wight CCG, Portsmouth CCG and Southampton CCG."
  000:510  "... invited the Regional Schools Commissioner to attend the group to represent
            Academy educational establishments."
  000:516  "The HIPS Executive will be chaired by an Independent Chair newly recruited by the
            Safeguarding Partners for this role."
  000:520  "The HIPS Executive will convene four standing subgroups ..."
  000:530  "Procedures group ... lead on the Section 11 self-assessment audit."
  000:531  "... this group will report to the HIPS Executive until such time as the Pan Hampshire
            and Isle of Wight Sustainability and Transformation Partnership (STP) is fully
            established ..."
  000:545  "... will be reviewed by the Safeguarding Partners in September 2020."
  004:124  "Health, HIOW Integrated Care Board."
  004:131  "The HIPS Executive is chaired by an Independent Chair"
  004:136  "The HIPS Executive has three standing subgroups ..."
  004:146  "The Partnership Managers and teams ... leading on the Keeping Children Safe, S11
            Self-Assessment audit ... LSCPs commission and carry out their own local Child
            Safeguarding Practice Reviews."
"""
from __future__ import annotations

import pytest

from lscp.loaders import load

EXEC = "hips.executive"
LOCAL_PARTNERSHIPS = {"hampshire.hscp", "iow.iowscp", "portsmouth.pscp", "southampton.sscp"}


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def sources(graph, **filters) -> set[str]:
    return {r.source for r in graph.relations(**filters)}


def targets(graph, **filters) -> set[str]:
    return {r.target for r in graph.relations(**filters)}


def not_stated_fields(entity) -> set[str]:
    return {n.field for n in entity.not_stated}


# --- the Executive and its names --------------------------------------------------------

def test_executive_is_one_body_in_both_editions_with_4lscb_alias(graph):
    executive = graph.entity(EXEC)
    assert executive.body_kind == "executive"
    assert executive.partnership == "hips"
    assert set(executive.editions) >= {"hips-2019", "hips-2022"}
    assert "4LSCB Executive" in executive.aliases  # 000:504, 000:506


def test_frequency_of_executive_is_not_stated_despite_heading(graph):
    # 000:504 and 004:118 are headed "Membership and frequency"; neither states a frequency.
    executive = graph.entity(EXEC)
    assert executive.meetings is None
    assert "frequency" in not_stated_fields(executive)
    assert "quorum" in not_stated_fields(executive)


# --- membership 2019 (000:506-510) ---------------------------------------------------------

def test_2019_members_are_four_dcs_police_four_ccgs_and_invited_rsc(graph):
    members = sources(graph, type="member_of", target=EXEC, edition="hips-2019")
    assert {"hampshire.hcc.dcs", "iow.council.dcs", "portsmouth.pcc.dcs", "southampton.scc.dcs"} <= members
    assert "hips.police.chief-superintendent" in members
    ccgs = {m for m in members if graph.entity(m).kind == "organisation"
            and graph.entity(m).sector == "health-commissioner"}
    assert len(ccgs) == 4  # 000:509: West Hampshire, "Hampshire and Isle of Wight", Portsmouth, Southampton
    assert {"west-hampshire-ccg", "portsmouth-ccg", "southampton-city-ccg"} <= ccgs
    assert "hiow-icb" not in members


def test_hampshire_and_iow_ccg_recorded_as_written(graph):
    # 000:509 names "Hampshire and Isle of Wight CCG": kept as written, not mapped elsewhere.
    (other,) = {m for m in sources(graph, type="member_of", target=EXEC, edition="hips-2019")
                if m not in {"west-hampshire-ccg", "portsmouth-ccg", "southampton-city-ccg"}
                and graph.entity(m).kind == "organisation"
                and graph.entity(m).sector == "health-commissioner"}
    assert graph.entity(other).name == "Hampshire and Isle of Wight CCG"
    assert other not in {"hsiow-ccg", "hiow-icb"}


def test_dcs_represent_maintained_education_and_early_years(graph):
    # 000:507 / 004:122
    for edition in ("hips-2019", "hips-2022"):
        (rel,) = [r for r in graph.relations(type="member_of", source="hampshire.hcc.dcs", target=EXEC)
                  if edition in r.editions]
        sectors = {graph.entity(i).sector for i in rel.represents if graph.entity(i).kind == "organisation"}
        assert {"school", "early-years", "local-authority"} <= sectors


def test_police_represented_through_chief_superintendent(graph):
    # 000:508 / 004:123
    post = graph.entity("hips.police.chief-superintendent")
    assert post.within == "hiow-constabulary"
    assert "lead safeguarding responsibility" in post.name
    rels = graph.relations(type="represented_by", source="hiow-constabulary", target=post.id)
    assert {r.on for r in rels} == {EXEC}
    assert {e for r in rels for e in r.editions} >= {"hips-2019", "hips-2022"}


def test_regional_schools_commissioner_invited_for_academies(graph):
    # 000:510 / 004:125
    rels = graph.relations(type="member_of", source="regional-schools-commissioner", target=EXEC)
    assert len(rels) == 2
    for rel in rels:
        assert rel.capacity == "invited"
        assert graph.entity(rel.represents[0]).name.startswith("Academy")


# --- membership 2022: ICB instead of CCGs (004:124) ---------------------------------------

def test_2022_health_member_is_the_icb_not_ccgs(graph):
    members = sources(graph, type="member_of", target=EXEC, edition="hips-2022")
    assert "hiow-icb" in members
    assert not {"west-hampshire-ccg", "portsmouth-ccg", "southampton-city-ccg"} & members


# --- chairing (000:516, 004:131) -----------------------------------------------------------

def test_independent_chair_chairs_in_both_editions_holder_not_stated(graph):
    chair = graph.entity("hips.independent-chair")
    assert chair.independent is True
    editions = {e for r in graph.relations(type="chairs", source=chair.id, target=EXEC) for e in r.editions}
    assert editions == {"hips-2019", "hips-2022"}
    assert "holder" in not_stated_fields(chair)
    assert not graph.relations(type="holds", target=chair.id)


# --- subgroups -----------------------------------------------------------------------------

def test_four_standing_subgroups_in_2019_three_in_2022(graph):
    sub_2019 = {s for s in sources(graph, type="supports", target=EXEC, edition="hips-2019")
                if graph.entity(s).kind == "body"}
    sub_2022 = {s for s in sources(graph, type="supports", target=EXEC, edition="hips-2022")
                if graph.entity(s).kind == "body"}
    assert sub_2019 == {"hips.health-group", "hips.child-exploitation-group", "hips.procedures-group", "hips.cdop"}
    assert sub_2022 == {"hips.health-group", "hips.strategic-child-exploitation-group", "hips.procedures-group"}


def test_cdop_reports_to_executive_only_in_2019_until_stp(graph):
    (rel,) = graph.relations(type="reports_to", source="hips.cdop", target=EXEC)
    assert rel.editions == ["hips-2019"]
    assert "STP" in rel.note and "until such time" in rel.note
    assert "hips-2022" not in graph.entity("hips.cdop").editions


def test_exploitation_group_renamed(graph):
    (rel,) = graph.relations(type="succeeded_by", source="hips.child-exploitation-group")
    assert graph.entity(rel.target).name == "HIPS Strategic Child Exploitation Group"


def test_subgroup_chairs_not_stated(graph):
    for body in ("hips.health-group", "hips.child-exploitation-group", "hips.procedures-group",
                 "hips.cdop", "hips.strategic-child-exploitation-group"):
        assert "chair" in not_stated_fields(graph.entity(body)), body
        assert not graph.relations(type="chairs", target=body), body


def test_section_11_lead_moves_from_procedures_group_to_partnership_managers(graph):
    # 000:530 (2019) vs 004:146 (2022)
    leads_2019 = sources(graph, type="responsible_for", target="fn.section-11-audit", edition="hips-2019")
    leads_2022 = sources(graph, type="responsible_for", target="fn.section-11-audit", edition="hips-2022")
    assert "hips.procedures-group" in leads_2019
    assert "hips.procedures-group" not in leads_2022
    assert "hips.partnership-managers" in leads_2022


def test_iow_health_subgroup_chair_attends_hips_health_group(graph):
    # 000:524-527 / 004:140-142
    chair = "iow.health-subgroup.chair"
    assert targets(graph, type="chairs", source=chair) == {"iow.health-subgroup"}
    rels = graph.relations(type="member_of", source=chair, target="hips.health-group")
    assert {r.capacity for r in rels} == {"attendee"}


# --- local partnerships: escalation, learning, conduits ----------------------------------

def test_system_wide_escalation_is_a_principle_not_a_route(graph):
    # 000:494 / 004:108 "provide a clear route for escalation of any system-wide issues" is one
    # of the principles the arrangements should meet (000:491, 004:104); neither text says that
    # a local partnership escalates to the Executive (see tests/data/test_audit_corrections.py).
    for edition in ("hips-2019", "hips-2022"):
        rels = [r for r in graph.relations(type="escalates_to", target=EXEC, edition=edition)
                if r.source in LOCAL_PARTNERSHIPS]
        assert rels == []


def test_local_partnerships_commission_own_reviews_in_2022(graph):
    lscps = sources(graph, type="responsible_for", target="fn.practice-reviews", edition="hips-2022")
    assert LOCAL_PARTNERSHIPS <= lscps


def test_learning_feeds_executive_in_2019(graph):
    # 000:541: "feed into both the local partnerships and the HIPS Executive"
    assert LOCAL_PARTNERSHIPS <= sources(graph, type="feeds_into", target=EXEC, edition="hips-2019")


def test_funding_within_existing_resources_and_review_september_2020(graph):
    executive = graph.entity(EXEC)
    funding = [r for r in executive.rules if r.topic == "funding"]
    assert funding and "additional cost" in funding[0].text
    assert graph.relations(type="funds", target=EXEC) == []
    review = [r for r in executive.rules if r.topic == "review"]
    assert review and "September 2020" in review[0].text
    assert graph.edition("hips-2019").review_date == "2020-09"


# --- Hampshire and the Isle of Wight (public-facts.md sections 2 and 3) --------------------

def test_hampshire_and_iow_partners(graph):
    assert {"hampshire-county-council", "hiow-constabulary", "hiow-icb"} <= sources(
        graph, type="partner_of", target="hampshire.hscp")
    assert {"iow-council", "hiow-constabulary", "hiow-icb"} <= sources(
        graph, type="partner_of", target="iow.iowscp")


def test_hampshire_and_iow_lead_representatives_not_stated(graph):
    for edition in ("hampshire-public", "iow-public"):
        gaps = not_stated_fields(graph.edition(edition))
        assert {"lead-representative", "delegate", "scrutiny", "subgroups",
                "relevant-agencies", "funding", "membership"} <= gaps, edition
    for partnership in ("hampshire.hscp", "iow.iowscp"):
        partners = sources(graph, type="partner_of", target=partnership)
        for partner in partners:
            assert not [r for r in graph.relations(type="lead_representative_of", target=partner)
                        if r.editions and set(r.editions) & {"hampshire-public", "iow-public"}]


def test_hampshire_relevant_agencies_are_the_truncated_three(graph):
    agencies = sources(graph, type="relevant_agency_of", target="hampshire.hscp")
    assert len(agencies) == 3  # MoD; district/borough/city councils; Cafcass (list truncated)
    assert "cafcass" in agencies
    assert sources(graph, type="relevant_agency_of", target="iow.iowscp") == set()


def test_joint_dcs_with_isle_of_wight_2013_to_january_2024(graph):
    (rel,) = graph.relations(type="represented_by", source="iow-council", target="hampshire.hcc.dcs")
    assert rel.since == "2013" and rel.until == "2024-01-31"
    coughlan = [r for r in graph.relations(type="holds", target="iow.council.dcs")]
    assert [graph.entity(r.source).name for r in coughlan] == ["John Coughlan"]
    assert {graph.entity(r.source).name for r in graph.relations(type="holds", target="hampshire.hcc.dcs")} == {
        "John Coughlan", "Steve Crocker"}
