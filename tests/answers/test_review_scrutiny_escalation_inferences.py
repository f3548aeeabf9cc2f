"""Strategic-lead review items 5, 8 and 12, answered from the lines quoted here (document:line).

004:217 "The HIPS Safeguarding Partnerships have jointly recruited an independent chair to provide the
         role of Independent Scrutineer for all partnerships and the HIPS Executive. The chair will be
         accountable to the Chief Executives of the Local Authorities."
004:96-100 Hampshire, Isle of Wight, Portsmouth and Southampton: "the four local partnerships".
000:281 (Portsmouth) "The Board will have an independent chairperson to act as a 'scrutineer' of local
         arrangements"; 003:90 (Portsmouth's Independent Chair, 2020-21) "My role requires that I hold the
         partners to account".
000:376 "The Executive brings together the three statutory safeguarding partners"
000:404 "Decisions which impact on the quality of safeguarding practice, process or delivery can only be
         taken by a committee with the specific agreement of the Executive Committee."  (a sign-off rule)
003:268 "where insufficient or inappropriate action is taken against these, this is escalated to the PSCP
         Executive for a challenge to be raised with the respective services."
004:267 "the group member for each safeguarding partner will escalate this to either their own senior
         safeguarding partner representative or the SSCP Safeguarding Partners Executive including the
         Independent Chair."  (the senior representative is not named)
004:55  "the lead representatives ... are defined as 'the local authority chief executive, the accountable
         officer of the clinical commissioning group and a chief officer of police'"
004:63  "Phil lamb District Commander	Hampshire Constabulary, Chief Officer"  (the approvals row, 004:59)
004:84  "the following senior officers from the three safeguarding partner agencies are delegated by their
         Chief Officer"; 004:88 "Phil Lamb	District Commander	Hampshire Constabulary"
003:644 "All decisions are agreed by the Learning from Cases Committee, the Safeguarding Partners and the
         Independent Chair."
"""
from __future__ import annotations

import pytest

from lscp.api.cli import main
from lscp.loaders import load
from lscp.queries import accountable, compare, escalation, vacancy
from lscp.queries.compliance import check

CHAIR = "southampton.independent-chair"
FOUR = {"southampton.sscp", "portsmouth.pscp", "hampshire.hscp", "iow.iowscp"}


@pytest.fixture(scope="module")
def graph():
    return load()


# --- item 5: the shared independent chair's vacancy -------------------------------------------

def test_the_chairs_vacancy_loses_the_scrutineer_of_all_four_partnerships_and_the_hips_executive(graph):
    # 004:217 "Independent Scrutineer for all partnerships and the HIPS Executive"
    answer = vacancy(graph, CHAIR)
    scrutiny = {f.subject for f in answer.findings if "scrutineer" in f.message}
    assert scrutiny == FOUR | {"hips.executive"}
    assert all(any(c.citation == "004:217" for c in f.facts) for f in answer.findings if f.subject in FOUR)


def test_the_statutory_role_is_left_empty_where_check_counts_wt18_16_through_the_chair(graph):
    # Southampton, Hampshire and the Isle of Wight have no other independent scrutineer in our data;
    # Portsmouth has its own Independent Chair (000:281, 003:90), so it loses one of two.
    empty = {f.subject for f in vacancy(graph, CHAIR).findings if f.code == "vacancy-statutory-role"}
    assert empty == {"southampton.sscp", "hampshire.hscp", "iow.iowscp"}
    for partnership in FOUR:
        wt18_16 = next(r for r in check(graph, partnership).results if r.id == "WT18-16")
        assert wt18_16.verdict == "met", partnership
        only_the_chair = "SSCP Independent Chair and Scrutineer" in wt18_16.message and "," not in wt18_16.message
        assert only_the_chair == (partnership in empty), (partnership, wt18_16.message)


def test_the_vacancy_summary_counts_the_statutory_roles(graph):
    assert "3 statutory roles left empty" in vacancy(graph, CHAIR).summary


def test_compare_lists_the_independent_office_that_scrutinises_hampshire_and_the_isle_of_wight(graph):
    answer = compare(graph, "hampshire", "isle-of-wight")
    cells = next(r for r in answer.rows if r.feature == "independent offices").values
    for partnership in ("hampshire.hscp", "iow.iowscp"):
        assert cells[partnership].value == "SSCP Independent Chair and Scrutineer"
        assert [c.citation for c in cells[partnership].sources] == ["004:217"]


# --- item 8: the route to the partners' executive -------------------------------------------

def test_a_route_to_the_executive_of_the_three_partners_is_not_a_dead_end(graph):
    answer = escalation(graph, "portsmouth.mesc")
    assert answer.routes and answer.dead_ends == 0
    for route in answer.routes:
        assert route.ends_at == "portsmouth.executive"
        assert route.ends_with == "the safeguarding partners' executive"
        assert [c.citation for c in route.ends_with_sources] == ["000:376"]
    assert "the safeguarding partners' executive" in answer.summary
    assert "stop before" not in answer.summary


def test_the_sign_off_rule_of_000_404_is_shown_as_an_inference(graph):
    for committee in ("portsmouth.mesc", "portsmouth.learning-from-cases"):
        (rule,) = [r for r in graph.relations("escalates_to", source=committee) if r.condition == "practice-decision"]
        assert rule.inferred and "sign-off" in rule.note
    steps = [s for r in escalation(graph, "portsmouth.mesc").routes for s in r.steps]
    by_line = {s.sources[0].citation: s for s in steps}
    assert by_line["000:404"].caveat and "sign-off" in by_line["000:404"].caveat
    assert by_line["003:268"].caveat is None  # 003:268 "this is escalated to the PSCP Executive": stated


# --- item 12: inferences shown as inferences ------------------------------------------------

READ_INTO_THE_TEXT = [
    # 004:217 names no local authority
    *[("accountable_to", CHAIR, ce) for ce in ("southampton.scc.chief-executive", "portsmouth.pcc.chief-executive",
                                               "hampshire.hcc.chief-executive", "iow.council.chief-executive")],
    # 004:267 "their own senior safeguarding partner representative", not named
    ("escalates_to", "southampton.scc.silg-representative", "southampton.scc.executive-director-children-learning"),
    ("escalates_to", "southampton.icb.silg-representative", "southampton.icb.deputy-director-quality-nursing"),
    ("escalates_to", "southampton.police.silg-representative", "southampton.police.district-commander"),
    # 004:267 "is delegated to the representative of the Safeguarding Partner at the group": by whom, not said
    ("delegates_to", "southampton.scc.chief-executive", "southampton.scc.silg-representative"),
    ("delegates_to", "southampton.icb.chief-executive", "southampton.icb.silg-representative"),
    ("delegates_to", "southampton.police.chief-officer", "southampton.police.silg-representative"),
    # 004:61 "Rob Henderson", taken as the Robert Henderson of 004:86
    ("holds", "southampton.person.robert-henderson", "southampton.scc.executive-director-wellbeing"),
    # 000:404, a sign-off rule
    ("escalates_to", "portsmouth.mesc", "portsmouth.executive"),
    ("escalates_to", "portsmouth.learning-from-cases", "portsmouth.executive"),
]


@pytest.mark.parametrize("kind,source,target", READ_INTO_THE_TEXT)
def test_a_relation_the_text_does_not_state_is_marked_inferred(graph, kind, source, target):
    found = graph.relations(kind, source=source, target=target)
    read = [r for r in found if r.inferred]
    assert read and read[0].note, (kind, source, target)
    if (kind, source) != ("escalates_to", "portsmouth.mesc"):  # 003:268 states the other MESC escalation
        assert read == found


def test_the_chairs_accountable_parties_are_not_called_stated(graph):
    answer = accountable(graph, CHAIR)
    assert {p.id for p in answer.accountable} == {"southampton.scc.chief-executive", "portsmouth.pcc.chief-executive",
                                                  "hampshire.hcc.chief-executive", "iow.council.chief-executive"}
    assert all("inferred" in p.role and "stated relation" not in p.role for p in answer.accountable)
    assert "(accountable by a stated relation)" not in answer.summary


def test_the_cli_shows_the_chairs_accountability_as_an_inference(capsys):
    assert main(["accountable", CHAIR]) == 0
    out = capsys.readouterr().out
    assert "accountable by a stated relation" not in out
    assert out.count("inferred, not stated: Line 217 says only") == 4


def test_the_disputed_rapid_review_routes_to_an_unnamed_senior_representative_are_inferences(graph):
    answer = escalation(graph, "southampton.silg", "disputed-rapid-review")
    for route in answer.routes:
        caveats = [s.caveat for s in route.steps if s.caveat]
        if route.ends_at == "southampton.partners-executive":  # named in 004:267
            assert not caveats
        else:
            assert caveats and "taken as" in caveats[0]
    assert "3 of them rest on a reading of the text" in answer.summary


def test_southamptons_police_lead_is_cited_from_what_states_it_not_the_sign_off_row(graph):
    (lead,) = graph.relations("lead_representative_of", source="southampton.police.chief-officer")
    assert {str(c) for c in lead.src} == {"004:55", "004:84"}
    assert "sign-off" in lead.note and "delegate" in lead.note
    # the District Commander is the delegate (004:84-88), not a lead representative
    assert not graph.relations("lead_representative_of", source="southampton.police.district-commander")
    assert graph.relations("delegates_to", source="southampton.police.chief-officer",
                           target="southampton.police.district-commander")


def test_portsmouth_wt18_24_names_the_independent_chair_among_those_agreeing(graph):
    result = next(r for r in check(graph, "portsmouth.pscp").results if r.id == "WT18-24")
    said = result.message.split("stated as taken by ", 1)[1]
    for party in ("Learning from Cases Committee", "Independent Chair", "Portsmouth City Council",
                  "Portsmouth Clinical Commissioning Group", "Hampshire and Isle of Wight Constabulary"):
        assert party in said


def test_southamptons_wt18_24_still_names_the_partners_not_their_delegates(graph):
    # 004:267 "rests with the three safeguarding partners and is delegated to the representative ..."
    result = next(r for r in check(graph, "southampton.sscp").results if r.id == "WT18-24")
    said = result.message.split("stated as taken by ", 1)[1]
    assert "representative" not in said
    assert all(p in said for p in ("Southampton City Council", "Integrated Care Board", "Constabulary"))
