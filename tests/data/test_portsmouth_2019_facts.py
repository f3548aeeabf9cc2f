"""Worked facts of the Portsmouth Safeguarding Children Partnership Arrangements 2019-2020
(source 000: covering report 1-105, main text 106-478, appendices headed 3, 4 and 5 at 829-880).

Expected values are typed from the source text (line numbers in the comments), not copied
from the YAML:
  000:187-191  lead representatives for 2019-20: David Williams, Chief Executive, Portsmouth City
               Council; Dr Linda Collie, Accountable Officer, Portsmouth CCG; Tony Rawlinson,
               Chief Superintendent, Hampshire Constabulary
  000:193      "the lead representatives are able to delegate their functions although they
               retain accountability for any actions taken on behalf of their agency"
  000:195-197  Alison Jeffery (Director, Children, Families & Education), Tina Scarborough (Deputy
               Director of Quality & Safeguarding), Steve Burridge (Portsmouth District Commander)
  000:205-222  sixteen named relevant agencies
  000:224      "The Lead Member for Children (Portsmouth City Council) will be a participating
               observer of the PSCP."
  000:281      Board of partners and relevant agencies; independent chairperson as 'scrutineer';
               chair appointed jointly with Southampton partners, chairing both Partnerships
  000:297      "The Chair is accountable to the Chief Executive of the Local Authority ... but the
               Chair is not a decision-maker."
  000:305      "The PSCB Vice-Chair is appointed by the PSCP Chair in consultation with Board Members"
  000:317      "There will be four PSCP meetings per year and an additional development day"
  000:320      urgent decisions delegated to the Chair (or Vice Chair)
  000:324      "quorate if there is attendance by all three statutory safeguarding partners"
  000:331      persistent non-attendance: "the Independent Chair will make relevant enquiries"
  000:345      disputes to minutes raised with the Chair within two weeks
  000:351      "The Chair will challenge and escalate matters where non-completion of an action ..."
  000:358      split decision / failure to decide: "the Chair will escalate issues to the lead
               representatives of the three statutory safeguarding partners"
  000:372      "For 2019 - 2020, there are six key multi-agency groups"
  000:384      "The MESC will manage ... reporting to the Executive"
  000:392      MASH steering group "will report into the PSCP arrangements (via the Executive)"
  000:398      the three partners lead (including chairing) the committees, networks and groups
  000:410      Health and Wellbeing Board, Adult Safeguarding Board, Channel Panel, Local Family
               Justice Board, MAPPA
  000:412      "The PSCP's role is to scrutinise and challenge the work of the Children's Trust partners."
  000:426      Learning from Cases "will report quarterly into the Executive and the Board"
  000:475      annual report to Council Cabinet, the Health & Wellbeing Board, the Safeguarding
               Adults Board (and the Police and Crime Commissioner for Hampshire)
  000:833-851  Board membership (appendix headed "Appendix 3"): 2 x Headteacher Representative,
               Post-16 Education Representative, NHS England, Inter-Faith Forum ...
  000:853      the appendix headed "Appendix 4" is the section 11 duty
"""
from __future__ import annotations

import pytest

from lscp.loaders import load

ED = "portsmouth-2019"
PSCP = "portsmouth.pscp"
BOARD = "portsmouth.board"
CHAIR = "portsmouth.independent-chair"
EXEC = "portsmouth.executive"
LEAD_REPS = {
    "portsmouth.pcc.chief-executive",
    "portsmouth.ccg.accountable-officer",
    "portsmouth.police.chief-superintendent",
}
PARTNERS = {"portsmouth-city-council", "portsmouth-ccg", "hiow-constabulary"}


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def _cites(relation, start, end=None):
    end = end or start
    return any(c.doc == "000" and start <= c.start and c.end <= end for c in relation.src)


def _ed(graph, **filters):
    return graph.relations(edition=ED, **filters)


# --- partners, lead representatives and delegation ----------------------------------------
def test_three_statutory_partners(graph):
    partners = {r.source for r in _ed(graph, type="partner_of", target=PSCP) if any(c.doc == "000" for c in r.src)}
    assert partners == PARTNERS


def test_lead_representatives_and_holders(graph):
    expected = {  # 000:189-191
        "portsmouth.pcc.chief-executive": ("portsmouth-city-council", "David Williams"),
        "portsmouth.ccg.accountable-officer": ("portsmouth-ccg", "Dr Linda Collie"),
        "portsmouth.police.chief-superintendent": ("hiow-constabulary", "Tony Rawlinson"),
    }
    for post, (org, person) in expected.items():
        assert {r.target for r in _ed(graph, type="lead_representative_of", source=post)} == {org}
        holders = {graph.entity(r.source).name for r in _ed(graph, type="holds", target=post)}
        assert person in holders
    # Hampshire Constabulary (000:191) is the registry's renamed force
    assert "Hampshire Constabulary" in graph.entity("hiow-constabulary").aliases


def test_each_lead_representative_delegates_and_keeps_accountability(graph):
    delegates = {  # 000:195-197
        "portsmouth.pcc.chief-executive": "Alison Jeffery",
        "portsmouth.ccg.accountable-officer": "Tina Scarborough",
        "portsmouth.police.chief-superintendent": "Steve Burridge",
    }
    for post, person in delegates.items():
        (delegation,) = _ed(graph, type="delegates_to", source=post)
        assert "speak on behalf of the safeguarding partner" in delegation.authority  # 000:199
        assert "retain accountability" in delegation.note  # 000:193
        assert _cites(delegation, 193)
        holders = {graph.entity(r.source).name for r in _ed(graph, type="holds", target=delegation.target)}
        assert person in holders
    # the delegate is never made accountable
    delegate_posts = {r.target for r in _ed(graph, type="delegates_to") if r.source in LEAD_REPS}
    assert not [r for r in graph.relations(type="accountable_to") if r.source in delegate_posts]


# --- relevant agencies (main text) ------------------------------------------------------------
def test_sixteen_relevant_agencies_named_in_main_text(graph):
    named = [r for r in graph.relations(type="relevant_agency_of", target=PSCP) if _cites(r, 205, 222)]
    assert len(named) == 16  # 000:207-222, one per line
    sources = {r.source for r in named}
    for org in ("portsmouth-hospitals-trust", "solent-nhs-trust", "south-central-ambulance-service",
                "hiow-crc", "portsmouth.all-schools", "portsmouth.sports-clubs",
                "portsmouth.hampshire-probation-trust", "portsmouth.care-uk"):
        assert org in sources


def test_relevant_agency_sectors_and_collectives(graph):
    named = {r.source for r in graph.relations(type="relevant_agency_of", target=PSCP) if _cites(r, 205, 222)}
    sectors = [graph.entity(o).sector for o in named]
    assert sectors.count("nhs-provider") == 3  # hospital trust, ambulance, Solent (210, 213, 215)
    assert sectors.count("primary-care") == 2  # GP practices, Primary Care Alliance (211, 214)
    assert sectors.count("probation") == 2  # Probation Trust, CRC (220, 221)
    assert sectors.count("voluntary-community") == 2  # PVSA, voluntary and community orgs (218, 219)
    collectives = {o for o in named if graph.entity(o).collective}
    assert collectives == {
        "portsmouth.all-schools", "portsmouth.all-early-years-settings", "portsmouth.post-16-providers",
        "portsmouth.all-gp-practices", "portsmouth.voluntary-community-organisations",
        "portsmouth.sports-clubs", "portsmouth.faith-organisations",
    }


def test_lead_member_is_participating_observer(graph):
    (rel,) = _ed(graph, type="member_of", source="portsmouth.pcc.lead-member-children")
    assert rel.target == PSCP and rel.capacity == "participating-observer"  # 000:224


# --- the Board and its chair -------------------------------------------------------------------
def test_board_meets_four_times_a_year_and_is_quorate_with_all_partners(graph):
    board = graph.entity(BOARD)
    assert board.meetings.per_year == 4  # 000:317
    assert "development day" in board.meetings.text
    assert board.quorum.rule == "all-partners"  # 000:324
    topics = {rule.topic for rule in board.rules}
    assert {"extraordinary meetings", "urgent decisions", "confidentiality", "decision-making"} <= topics
    extraordinary = next(r for r in board.rules if r.topic == "extraordinary meetings")
    assert "10 working days" in extraordinary.text  # 000:319


def test_independent_chair_chairs_board_and_is_shared_with_southampton(graph):
    chairs = {r.target for r in _ed(graph, type="chairs", source=CHAIR)}
    assert {BOARD, PSCP} <= chairs  # 000:281
    assert {r.target for r in _ed(graph, type="shared_with", source=CHAIR)} == {"southampton.sscp"}
    appointers = {r.source for r in _ed(graph, type="appoints", target=CHAIR)}
    assert appointers == {PSCP, "southampton.sscp"}  # jointly, 000:281
    assert graph.entity(CHAIR).independent
    holders = {graph.entity(r.source).name for r in _ed(graph, type="holds", target=CHAIR)}
    assert "Derek Benson" in holders  # covering report 000:49


def test_chair_accountable_to_la_chief_executive_and_not_a_decision_maker(graph):
    assert {r.target for r in _ed(graph, type="accountable_to", source=CHAIR)} == {"portsmouth.pcc.chief-executive"}
    rules = " ".join(rule.text for rule in graph.entity(CHAIR).rules)
    assert "not a decision-maker" in rules  # 000:297


def test_vice_chair_appointed_by_chair(graph):
    assert {r.source for r in _ed(graph, type="appoints", target="portsmouth.vice-chair")} == {CHAIR}  # 000:305
    assert {r.target for r in _ed(graph, type="vice_chairs", source="portsmouth.vice-chair")} == {BOARD}
    fields = {n.field for n in graph.entity("portsmouth.vice-chair").not_stated}
    assert "holder" in fields


def test_urgent_decisions_delegated_to_chair_or_vice_chair(graph):
    targets = {r.target for r in _ed(graph, type="delegates_to", source=PSCP) if _cites(r, 320)}
    assert targets == {CHAIR, "portsmouth.vice-chair"}
    for rel in _ed(graph, type="delegates_to", source=PSCP):
        if _cites(rel, 320):
            assert "urgent decisions" in rel.authority


def test_manager_is_not_a_member_but_supports(graph):
    manager = "portsmouth.partnerships-manager"
    rules = " ".join(rule.text for rule in graph.entity(manager).rules)
    assert "not a member of the Partnership" in rules  # 000:308
    assert PSCP in {r.target for r in _ed(graph, type="supports", source=manager)}
    (board_rel,) = _ed(graph, type="member_of", source=manager, target=BOARD)
    assert board_rel.capacity == "attendee"


# --- escalation ---------------------------------------------------------------------------------
def test_split_or_failed_decision_goes_to_the_three_lead_representatives(graph):
    for condition in ("split-decision", "failed-decision"):
        first = [r for r in _ed(graph, type="escalates_to", source=BOARD) if r.condition == condition]
        assert [(r.target, r.order) for r in first] == [(CHAIR, 1)]
        onward = [r for r in _ed(graph, type="escalates_to", source=CHAIR) if r.condition == condition]
        assert {r.target for r in onward} == LEAD_REPS  # 000:358
        assert {r.order for r in onward} == {2}


def test_non_attendance_minutes_and_actions_go_to_the_chair(graph):
    conditions = {r.condition for r in _ed(graph, type="escalates_to", source=BOARD, target=CHAIR)}
    assert {"persistent-non-attendance", "disputed-minutes", "action-not-completed"} <= conditions
    # where the Chair takes an uncompleted action next is not stated (000:351)
    assert "escalation" in {n.field for n in graph.entity(CHAIR).not_stated}
    assert not [r for r in _ed(graph, type="escalates_to", source=CHAIR) if r.condition == "action-not-completed"]


# --- committees, networks and groups -----------------------------------------------------------
def test_six_key_groups_support_the_board(graph):
    supporters = {r.source for r in _ed(graph, type="supports", target=BOARD)}
    six = {EXEC, "portsmouth.learning-from-cases", "portsmouth.mesc", "portsmouth.dsl-network",
           "portsmouth.mash-steering-group", "portsmouth.met-operational-group"}
    assert six <= supporters  # 000:370-372
    for body in six:
        assert graph.entity(body).partnership == PSCP


def test_reporting_lines_of_the_committees(graph):
    mesc = {r.target for r in _ed(graph, type="reports_to", source="portsmouth.mesc")}
    assert mesc == {EXEC}  # 000:384
    lfc = {r.target for r in _ed(graph, type="reports_to", source="portsmouth.learning-from-cases")}
    assert lfc == {EXEC, BOARD}  # 000:426
    (mash,) = _ed(graph, type="reports_to", source="portsmouth.mash-steering-group")
    assert (mash.target, mash.via) == (PSCP, EXEC)  # 000:392
    for body in ("portsmouth.dsl-network", "portsmouth.met-operational-group"):
        assert not _ed(graph, type="reports_to", source=body)
        assert "reports-to" in {n.field for n in graph.entity(body).not_stated}


def test_permissive_delegation_recorded_only_where_a_function_is_given(graph):
    # 000:366 "The PSCP may delegate functions ..." is permissive; the arrangements give PSCP
    # functions to the Executive (341, 376, 404), the MESC (384) and Learning from Cases (416),
    # but none to the DSL network, the MASH steering group or the MET Operational Group.
    delegated = {r.target for r in _ed(graph, type="delegates_to", source=PSCP) if not _cites(r, 320)}
    assert delegated == {EXEC, "portsmouth.mesc", "portsmouth.learning-from-cases"}


def test_committee_chairs_not_stated(graph):
    for body in (EXEC, "portsmouth.learning-from-cases", "portsmouth.mesc", "portsmouth.dsl-network",
                 "portsmouth.mash-steering-group", "portsmouth.met-operational-group"):
        assert not graph.relations(type="chairs", target=body, edition=ED)
        chair_gaps = [n for n in graph.entity(body).not_stated if n.field == "chair"]
        assert chair_gaps and any(c.start == 398 for n in chair_gaps for c in n.src)


def test_executive_is_the_three_partners_and_agrees_practice_decisions(graph):
    members = {r.source for r in _ed(graph, type="member_of", target=EXEC)}
    assert members == PARTNERS  # 000:376
    assert {r.target for r in _ed(graph, type="works_with", source=EXEC)} == {"hips.executive"}
    for committee in ("portsmouth.learning-from-cases", "portsmouth.mesc"):
        rels = [r for r in _ed(graph, type="escalates_to", source=committee) if r.condition == "practice-decision"]
        assert [r.target for r in rels] == [EXEC]  # 000:404


def test_learning_from_cases_recommends_notifications_only(graph):
    targets = {r.target for r in _ed(graph, type="responsible_for", source="portsmouth.learning-from-cases")}
    assert {"fn.practice-reviews", "fn.serious-incident-notification"} <= targets  # 000:416-422
    assert "fn.rapid-review" not in targets  # section 3 does not mention rapid reviews


# --- partnerships, annual report, appendices ---------------------------------------------------
def test_works_alongside_five_partnerships_and_scrutinises_childrens_trust(graph):
    alongside = {r.target for r in _ed(graph, type="works_with", source=PSCP) if _cites(r, 410)}
    assert alongside == {
        "portsmouth.health-and-wellbeing-board", "portsmouth.safeguarding-adults-board",
        "portsmouth.channel-panel", "portsmouth.local-family-justice-board", "portsmouth.mappa",
    }
    assert graph.entity("portsmouth.mappa").name == "MAPPA"
    scrutinised = {r.target for r in _ed(graph, type="scrutinises", source=PSCP) if _cites(r, 412)}
    assert scrutinised == {"portsmouth.childrens-trust"}


def test_annual_report_recipients(graph):
    recipients = {r.target for r in _ed(graph, type="feeds_into", source=PSCP) if _cites(r, 475)}
    assert recipients == {"portsmouth.pcc.cabinet", "portsmouth.health-and-wellbeing-board",
                          "portsmouth.safeguarding-adults-board"}
    annual = [r for r in graph.entity(BOARD).rules if r.topic == "annual report"]
    assert any("Police and Crime Commissioner for Hampshire" in r.text for r in annual)


def test_board_membership_appendix(graph):
    members = {r.source for r in _ed(graph, type="member_of", target=BOARD) if _cites(r, 835, 851)}
    for org in ("portsmouth-city-council", "hiow-constabulary", "portsmouth-ccg", "nhs-england",
                "national-probation-service", "hiow-crc", "portsmouth.inter-faith-forum",
                "portsmouth.rnrm-welfare", "portsmouth.voluntary-sector-alliance"):
        assert org in members
    head = [r for r in _ed(graph, type="member_of", source="portsmouth.headteacher-representative")]
    assert head and head[0].represents == ["portsmouth.all-schools"]
    # early years settings are a relevant agency with no stated route onto the Board
    assert "representation" in {n.field for n in graph.entity("portsmouth.all-early-years-settings").not_stated}


def test_section_11_duty_appendix(graph):
    duty = graph.entity("portsmouth.section-11-duty")
    assert duty.statutory
    holders = {r.source for r in _ed(graph, type="responsible_for", target="portsmouth.section-11-duty")}
    assert {"portsmouth-city-council", "portsmouth-ccg", "hiow-constabulary", "national-probation-service",
            "hiow-crc", "portsmouth.all-gp-practices"} <= holders  # 000:857-861
    assert "portsmouth.all-schools" not in holders  # schools are not in the 'applies to' list


def test_funding_shares_not_stated_in_2019(graph):
    assert not [r for r in graph.relations(type="funds", target=PSCP) if any(c.doc == "000" for c in r.src)]
    fields = {n.field for n in graph.entity(BOARD).not_stated}
    assert {"funding", "share"} <= fields  # 000:469
