"""Worked facts: the PSCB Business Plan 2017-2019 (source 001) and the PSCP Annual Report
2020-21 (source 003), with the succession from the 2019 arrangements (source 000).

Expected values are typed from the source text, read line by line, not from the YAML:
  001:38  "... themed multi agency audits of key priority areas as set by the PSCB Chair"
  001:42  "... working with other boards, such as the Children's Trust; Portsmouth Safeguarding
           Adults Board; Corporate Parenting Board; Safer Portsmouth Partnership; and Health &
           Wellbeing Board"
  001:83  "The PSCB has a well-established sub-committee ... This committee reports annually to
           the Board"
  001:114 "... relating to each of the 3 priority areas"
  001:120 "... lead members providing updates on progress against the action plans quarterly to
           the PSCB Executive Committee"
  000:144 "The Portsmouth Safeguarding Children Partnership (PSCP) has been developed out of the
           previous LSCB"
  000:426 "The Learning from Cases Committee will report quarterly into the Executive and the Board"
  003:78  "Superintendent Clare Jenkins, Portsmouth District Commander, Hampshire Constabulary"
  003:94  "Derek Benson, Independent Chair of Portsmouth Safeguarding Children Partnership"
  003:268 "... this is escalated to the PSCP Executive for a challenge to be raised"
  003:270 "The PSCP Training Team are now standing members of the PSCP Learning from Cases Committee"
  003:278 "... tracked centrally by the ... (MESC) ... by regularly reporting this to the PSCP Executive"
  003:420 "... full Partnership meeting ... 72% from 56% ... MESC ... from 67.5% in 2019-20 to 75%
           ... Learning from Cases Committee has been at 84%"
  003:490-505 the recommendation tracking table (start / completed / new / outstanding)
  003:644 "All decisions are agreed by the Learning from Cases Committee, the Safeguarding
           Partners and the Independent Chair."
  003:732 "Working closely with the PSCP Monitoring, Evaluation & Scrutiny Committee (MESC), the
           Portsmouth Safeguarding Improvement Hub ..."
  003:850 "The PSCP also works closely with the HIPS Child Death Overview Panel"
  003:856-858 "Portsmouth Local Authority 82.7%", "Portsmouth Clinical Commissioning Group (CCG)
           11.61%", "Hampshire Constabulary 5.64%"
"""
from __future__ import annotations

import re

import pytest

from lscp.loaders import load

PSCB, PSCP = "portsmouth.pscb", "portsmouth.pscp"
ED17, ED21 = "portsmouth-2017", "portsmouth-2021"


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def _cites(relation, text: str) -> bool:
    return any(str(c) == text for c in relation.src)


def _one(graph, **filters):
    found = graph.relations(**filters)
    assert len(found) == 1, f"expected one relation for {filters}, found {found}"
    return found[0]


# --- 2017: the PSCB Business Plan ------------------------------------------------------------

def test_pscb_is_an_lscb_succeeded_by_the_pscp_in_2019(graph):
    assert graph.entity(PSCB).partnership_kind == "lscb"
    succession = _one(graph, type="succeeded_by", source=PSCB, target=PSCP)
    assert succession.since == "2019"
    assert _cites(succession, "000:144")


def test_met_sub_committee_reports_annually_to_the_board(graph):
    line = _one(graph, type="reports_to", source="portsmouth.pscb.met-subcommittee")
    assert line.target == "portsmouth.pscb.board"
    assert _cites(line, "001:83")
    assert "annually" in (line.note or "").lower()
    met = graph.entity("portsmouth.pscb.met-subcommittee")
    assert met.partnership == PSCB
    assert ED17 in met.editions


def test_pscb_chair_is_named_as_an_office_but_not_its_holder(graph):
    chair = _one(graph, type="chairs", target="portsmouth.pscb.board")
    assert chair.source == "portsmouth.pscb.chair"
    assert _cites(chair, "001:38")
    post = graph.entity("portsmouth.pscb.chair")
    assert any(n.field == "holder" for n in post.not_stated)
    assert graph.relations(type="holds", target="portsmouth.pscb.chair") == []


def test_committees_update_the_executive_committee_quarterly(graph):
    line = _one(graph, type="reports_to", source="portsmouth.pscb.committees")
    assert line.target == "portsmouth.pscb.executive"
    assert _cites(line, "001:120")
    assert graph.entity("portsmouth.pscb.executive").body_kind == "executive"


def test_pscb_works_with_five_other_boards(graph):
    partners = {r.target for r in graph.relations(type="works_with", source=PSCB)}
    assert partners == {
        "portsmouth.childrens-trust",
        "portsmouth.safeguarding-adults-board",
        "portsmouth.corporate-parenting-board",
        "portsmouth.safer-portsmouth-partnership",
        "portsmouth.health-and-wellbeing-board",
    }
    kinds = {p: graph.entity(p).partnership_kind for p in partners}
    assert kinds["portsmouth.safeguarding-adults-board"] == "safeguarding-adults-board"
    assert kinds["portsmouth.health-and-wellbeing-board"] == "health-and-wellbeing-board"
    assert kinds["portsmouth.childrens-trust"] == "childrens-trust"


def test_business_plan_has_three_priority_areas(graph):
    board = graph.entity("portsmouth.pscb.board")
    priorities = [r for r in board.rules if re.match(r"priority \d", r.topic)]
    assert len(priorities) == 3
    assert any("neglect" in r.text.lower() for r in priorities)
    assert any("trafficked" in r.text.lower() for r in priorities)
    assert any("domestic abuse" in r.text.lower() for r in priorities)


def test_pscb_board_membership_and_frequency_not_stated(graph):
    fields = {n.field for n in graph.entity("portsmouth.pscb.board").not_stated}
    assert {"membership", "frequency", "funding"} <= fields


# --- 2020-21: the PSCP Annual Report ---------------------------------------------------------

@pytest.mark.parametrize(
    "funder, share",
    [("portsmouth-city-council", 82.7), ("portsmouth-ccg", 11.61), ("hiow-constabulary", 5.64)],
)
def test_funding_shares_as_printed(graph, funder, share):
    funding = _one(graph, type="funds", source=funder, target=PSCP, edition=ED21)
    assert funding.share == pytest.approx(share)


def test_three_funders_whose_printed_shares_sum_to_99_95(graph):
    funding = [r for r in graph.relations(type="funds", target=PSCP, edition=ED21) if ED21 in r.editions]
    assert len(funding) == 3
    assert sum(r.share for r in funding) == pytest.approx(99.95)


def test_mesc_reports_to_the_executive_in_2021(graph):
    line = _one(graph, type="reports_to", source="portsmouth.mesc", target="portsmouth.executive", edition=ED21)
    assert _cites(line, "003:278")
    assert ED21 in graph.entity("portsmouth.mesc").editions


def test_mesc_escalates_unfinished_actions_to_the_executive(graph):
    escalation = _one(graph, type="escalates_to", source="portsmouth.mesc", edition=ED21)
    assert escalation.target == "portsmouth.executive"
    assert escalation.condition == "action-not-completed"
    assert _cites(escalation, "003:268")


def test_learning_from_cases_reports_to_both_executive_and_board(graph):
    targets = {r.target for r in graph.relations(type="reports_to", source="portsmouth.learning-from-cases")}
    assert {"portsmouth.executive", "portsmouth.board"} <= targets
    for target in ("portsmouth.executive", "portsmouth.board"):
        lines = graph.relations(type="reports_to", source="portsmouth.learning-from-cases", target=target)
        assert any(c.doc == "000" and c.start <= 426 <= c.end for r in lines for c in r.src)


def test_rapid_review_decisions_agreed_by_committee_partners_and_chair(graph):
    deciders = {r.source for r in graph.relations(type="responsible_for", target="fn.rapid-review-decision", edition=ED21)
                if ED21 in r.editions}
    assert deciders == {
        "portsmouth.learning-from-cases",
        "portsmouth.independent-chair",
        "portsmouth-city-council",
        "portsmouth-ccg",
        "hiow-constabulary",
    }


def test_training_team_are_standing_members_of_learning_from_cases(graph):
    membership = _one(graph, type="member_of", source="portsmouth.training-team")
    assert membership.target == "portsmouth.learning-from-cases"
    assert _cites(membership, "003:270")


def test_safeguarding_improvement_hub_works_with_mesc(graph):
    hub = graph.entity("portsmouth.safeguarding-improvement-hub")
    assert hub.body_kind == "hub"
    assert hub.partnership == PSCP
    link = _one(graph, type="works_with", source=hub.id)
    assert link.target == "portsmouth.mesc"
    assert _cites(link, "003:732")


def test_new_2021_bodies_belong_only_to_the_2021_edition(graph):
    for body in ("portsmouth.exploitation-strategy-delivery-group", "portsmouth.safeguarding-improvement-hub",
                 "portsmouth.mash-strategic-board"):
        assert graph.entity(body).editions == [ED21]


def test_mash_strategic_board_not_asserted_as_successor_of_steering_group(graph):
    assert graph.relations(type="succeeded_by", source="portsmouth.mash-steering-group") == []
    fields = {n.field for n in graph.entity("portsmouth.mash-strategic-board").not_stated}
    assert {"reports-to", "name"} <= fields


def test_exploitation_strategy_delivery_group_chair_not_stated(graph):
    group = graph.entity("portsmouth.exploitation-strategy-delivery-group")
    assert group.partnership == PSCP
    assert {"chair", "reports-to"} <= {n.field for n in group.not_stated}


def test_2019_committees_are_mentioned_in_2021(graph):
    for body in ("portsmouth.board", "portsmouth.executive", "portsmouth.learning-from-cases",
                 "portsmouth.mesc", "portsmouth.met-operational-group"):
        assert ED21 in graph.entity(body).editions, body


def test_district_commander_in_2021_is_clare_jenkins(graph):
    holds = [r for r in graph.relations(type="holds", edition=ED21) if ED21 in r.editions]
    by_person = {graph.entity(r.source).name: r.target for r in holds}
    post = graph.entity(by_person["Clare Jenkins"])
    assert post.within == "hiow-constabulary"
    assert "District Commander" in post.name
    chair = graph.entity(by_person["Derek Benson"])
    assert chair.id == "portsmouth.independent-chair"


def test_recommendation_tracking_rows(graph):
    rules = {r.topic: r.text for r in graph.entity("portsmouth.business-unit").rules}
    assert "7 at start of year; 1 completed in year; 3 new, added in year; 9 outstanding" in \
        rules["recommendation tracking - Hampshire Constabulary"]
    assert "37 at start of year; 6 completed in year; 4 new, added in year; 35 outstanding" in \
        rules["recommendation tracking - Children's Social Care"]
    assert "78 at start of year; 30 completed in year; 45 new, added in year; 93 outstanding" in \
        rules["recommendation tracking - total"]
    rows = [t for k, t in rules.items() if k.startswith("recommendation tracking - ") and not k.endswith("total")]
    assert len(rows) == 11
    columns = [list(map(int, re.findall(r"(\d+) (?:at start|completed|new|outstanding)", t))) for t in rows]
    assert [sum(c[i] for c in columns) for i in range(4)] == [78, 30, 45, 93]


def test_attendance_rates(graph):
    texts = " ".join(r.text for r in graph.entity("portsmouth.business-unit").rules if r.topic.startswith("attendance"))
    assert "72%" in texts and "56%" in texts
    assert "67.5%" in texts and "75%" in texts
    assert "84%" in texts


def test_pscp_works_with_hips_cdop_and_exploitation_group(graph):
    targets = {r.target for r in graph.relations(type="works_with", source=PSCP, edition=ED21) if ED21 in r.editions}
    assert {"hips.cdop", "hips.child-exploitation-group", "hips.executive"} <= targets
    assert {"hampshire.hscp", "iow.iowscp", "southampton.sscp"} <= targets
