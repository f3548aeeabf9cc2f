"""Worked facts: Southampton Safeguarding Children Partnership Arrangements 2022 (source "004").

Every expected value below is typed from the source text
(data/sources/004_b0d740625acd562b.txt), read line by line, not from the YAML. The line the
fact comes from is given in each test.
"""
from __future__ import annotations

from collections import Counter

import pytest

from lscp.loaders import load

DOC = "004"
EDITION = "southampton-2022"
SSCP = "southampton.sscp"
BOARD = "southampton.partnership-board"
SCC, ICB, POLICE = "southampton-city-council", "hiow-icb", "hiow-constabulary"
PARTNERS = {SCC, ICB, POLICE}
LOST_DIAGRAM_LINES = {148, 197, 261, 281}


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def _targets(graph, type_, source, **kw):
    return {r.target for r in graph.relations(type=type_, source=source, **kw)}


def _sources(graph, type_, target, **kw):
    return {r.source for r in graph.relations(type=type_, target=target, **kw)}


def _cites(relation, line):
    return any(c.doc == DOC and c.start <= line <= c.end for c in relation.src)


def _text(graph, start, end=None):
    return " ".join(text for _, text in graph.source_lines(DOC, start, end or start))


# --- Partners, lead representatives and delegates (lines 55-63, 84-90) ----------------------

def test_three_safeguarding_partners(graph):
    # 59-63: 'the three safeguarding partners': Southampton City Council, HIOWS ICS, Hampshire Constabulary
    assert _sources(graph, "partner_of", SSCP, edition=EDITION) == PARTNERS


def test_each_partner_has_one_lead_representative(graph):
    # 55: 'the local authority chief executive, the accountable officer ... and a chief officer of police'
    leads = {}
    for relation in graph.relations(type="lead_representative_of", edition=EDITION):
        leads.setdefault(relation.target, []).append(relation.source)
    assert set(leads) == PARTNERS
    assert all(len(posts) == 1 for posts in leads.values())
    assert "chief executive" in graph.entity(leads[SCC][0]).name.lower()
    assert "chief officer" in graph.entity(leads[POLICE][0]).name.lower()


def test_delegation_to_named_senior_officers(graph):
    # 84-90: senior officers 'delegated by their Chief Officer'; authority to make decisions,
    # commit to policy, resourcing, or practice matters, and hold to account.
    delegated = {}
    for relation in graph.relations(type="delegates_to", edition=EDITION):
        lead = graph.relations(type="lead_representative_of", source=relation.source)
        if lead and "full participation" in relation.authority:
            assert lead[0].target not in delegated
            delegated[lead[0].target] = relation
    assert set(delegated) == PARTNERS
    for relation in delegated.values():
        text = relation.authority.lower()
        for word in ("decisions", "policy", "resourcing", "practice", "account"):
            assert word in text
        assert _cites(relation, 90)
    # 86-88: the three named officers
    holders = {
        r.source: r.target
        for r in graph.relations(type="holds", edition=EDITION)
        if r.target in {d.target for d in delegated.values()}
    }
    names = {graph.entity(person).name for person in holders}
    assert {"Robert Henderson", "Matthew Richardson", "Phil Lamb"} <= names
    assert graph.entity(delegated[ICB].target).name.startswith("Deputy Director of Quality and Nursing")
    assert "District Commander" in graph.entity(delegated[POLICE].target).name
    # the delegate is never made accountable: no accountable_to from a delegate post
    for relation in delegated.values():
        assert not graph.relations(type="accountable_to", source=relation.target)


def test_delegates_represent_their_organisation_at_hips_executive(graph):
    # 90: 'The named individuals above will represent their organisation ... at the HIPS executive group'
    members = graph.relations(type="member_of", target="hips.executive", edition=EDITION)
    represented = set()
    for relation in members:
        assert _cites(relation, 90)
        represented.update(relation.represents)
    assert represented == PARTNERS
    assert len(members) == 3


# --- The SSCP partnership meeting (199-213, 179-193) ----------------------------------------

def test_board_meets_four_times_a_year_and_is_quorate_with_all_three_partners(graph):
    board = graph.entity(BOARD)
    assert board.meetings.per_year == 4                                   # 203 'four times per year'
    assert board.quorum.rule == "all-partners"                            # 203 'three safeguarding partners are present'
    assert _sources(graph, "member_of", BOARD) >= PARTNERS                # 203 'membership from 3 safeguarding partners'


def test_lead_member_is_participating_observer(graph):
    # 191: 'The Lead Member for Children and Families ... will be a participating observer of the SSCP'
    [relation] = [
        r for r in graph.relations(type="member_of", target=BOARD)
        if "Lead Member" in graph.entity(r.source).name
    ]
    assert relation.capacity == "participating-observer"
    assert graph.entity(relation.source).within == SCC


def test_two_lay_members_and_the_partnerships_team_attend(graph):
    members = _sources(graph, "member_of", BOARD)
    lay = [m for m in members if "lay member" in graph.entity(m).name.lower()]
    assert len(lay) == 2                                                  # 192 'recruit two lay members'
    [team] = [r for r in graph.relations(type="member_of", target=BOARD)
              if r.source == "southampton.safeguarding-partnerships-team"]
    assert team.capacity == "attendee"                                    # 193 'will also attend meetings'


def test_board_leadership_functions(graph):
    # 208 assurance information, 210 workforce development, 213 annual report
    functions = _targets(graph, "responsible_for", BOARD)
    assert {"fn.quality-assurance", "fn.multi-agency-training", "fn.annual-report"} <= functions
    assert "fn.annual-report" in _targets(graph, "responsible_for", SSCP)  # 321 'publishes a report every year'


# --- Independent chair and scrutineer (203, 215-232) ----------------------------------------

def test_independent_chair_and_scrutineer(graph):
    chair = graph.entity("southampton.independent-chair")
    assert chair.independent is True                                      # 203 'independent chair and scrutineer'
    assert "southampton.independent-chair" in _sources(graph, "chairs", BOARD)
    # 217 'accountable to the Chief Executives of the Local Authorities': plural, the four HIPS
    # local authorities whose partnerships jointly recruited the chair
    assert _targets(graph, "accountable_to", chair.id) == {
        "southampton.scc.chief-executive", "portsmouth.pcc.chief-executive",
        "hampshire.hcc.chief-executive", "iow.council.chief-executive"}
    # 217 'Independent Scrutineer for all partnerships and the HIPS Executive'
    scrutinised = _targets(graph, "scrutinises", chair.id)
    assert {"hips.executive", SSCP} <= scrutinised
    assert "fn.independent-scrutiny" in _targets(graph, "responsible_for", chair.id)
    # 219-223 role and 227-232 scrutiny ways: eleven bullets
    assert len(chair.rules) == 11


def test_vice_chair_is_one_of_the_partners_but_which_is_not_stated(graph):
    # 217: 'The vice chair will be one of the three safeguarding partners.'
    [relation] = graph.relations(type="vice_chairs", target=BOARD)
    post = graph.entity(relation.source)
    assert any(n.field == "holder" for n in post.not_stated)


# --- Business Group (234-241) ---------------------------------------------------------------

def test_business_group_shared_with_adults_board_and_rotating_chairs(graph):
    group = graph.entity("southampton.business-group")
    assert group.meetings.per_year == 2                                   # 236 'every 6 months'
    assert _targets(graph, "shared_with", group.id) == {"southampton.ssab"}
    assert graph.entity("southampton.ssab").partnership_kind == "safeguarding-adults-board"
    chairs = graph.relations(type="chairs", target=group.id)
    assert len(chairs) == 2 and all(r.rotating for r in chairs)           # 236 'chaired on rotation'
    assert {r.source for r in chairs} == {"southampton.independent-chair", "southampton.ssab.independent-chair"}
    assert len(group.rules) == 4                                          # 238-241 four remit bullets


# --- Serious Incidents and Learning Group (243-267) -----------------------------------------

def test_silg_chaired_by_designated_doctor_and_owns_reviews(graph):
    assert _sources(graph, "chairs", "southampton.silg") == {"southampton.designated-doctor"}  # 252
    assert "Designated Doctor" in _text(graph, 252)
    assert {"fn.rapid-review", "fn.practice-reviews"} <= _targets(graph, "responsible_for", "southampton.silg")
    assert graph.entity("southampton.silg").quorum.rule == "all-partners"  # 265 'all three ... present'


def test_rapid_review_decision_rests_with_partners_and_is_delegated_to_their_representatives(graph):
    # 267: 'rests with the three safeguarding partners and is delegated to the representative ... at the group'
    doers = _sources(graph, "responsible_for", "fn.rapid-review-decision", edition=EDITION)
    assert {d for d in doers if graph.entity(d).kind == "organisation"} == PARTNERS
    delegations = [
        r for r in graph.relations(type="delegates_to", edition=EDITION)
        if r.authority and "Rapid Review" in r.authority
    ]
    assert len(delegations) == 3
    for relation in delegations:
        # each partner delegates to its own representative at the group
        [lead] = graph.relations(type="lead_representative_of", source=relation.source)
        [member] = graph.relations(type="member_of", source=relation.target, target="southampton.silg")
        assert member.represents == [lead.target]
        assert relation.target in doers
        # delegation keeps accountability with the lead representative
        assert not graph.relations(type="accountable_to", source=relation.target)


def test_disputed_rapid_review_escalates_to_either_of_two_routes(graph):
    # 267: 'escalate this to either their own senior safeguarding partner representative or the
    # SSCP Safeguarding Partners Executive including the Independent Chair'
    routes = graph.relations(type="escalates_to", edition=EDITION)
    by_member = {}
    for relation in routes:
        assert relation.condition == "disputed-rapid-review"
        by_member.setdefault(relation.source, []).append(relation)
    assert len(by_member) == 3
    for _member, relations in by_member.items():
        assert len(relations) == 2
        assert len({r.order for r in relations}) == 1                     # alternatives, not steps
        assert "southampton.partners-executive" in {r.target for r in relations}
    executive = graph.entity("southampton.partners-executive")
    assert "southampton.independent-chair" in _sources(graph, "member_of", executive.id)
    assert {"membership", "chair"} <= {n.field for n in executive.not_stated}


# --- SPIG (270-287) and OCEG (289-291) -----------------------------------------------------

def test_spig_chair_and_section_11_oversight(graph):
    [chair] = _sources(graph, "chairs", "southampton.spig")
    post = graph.entity(chair)
    assert post.within == SCC and "Quality Assurance" in post.name       # 272
    assert "fn.section-11-audit" in _targets(graph, "responsible_for", "southampton.spig")  # 285
    assert any(n.field == "reports-to" for n in graph.entity("southampton.spig").not_stated)


def test_oceg_chaired_by_local_authority_feeds_hips_and_reports_to_sscp(graph):
    assert _sources(graph, "chairs", "southampton.oceg") == {SCC}         # 291 'chaired ... by the Local Authority'
    [feed] = graph.relations(type="feeds_into", source="southampton.oceg")
    assert feed.target == "hips.strategic-child-exploitation-group" and _cites(feed, 291)
    assert "HIPS Child Exploitation Group" in _text(graph, 291)
    assert _targets(graph, "reports_to", "southampton.oceg") == {BOARD}
    assert _sources(graph, "member_of", "southampton.oceg") == PARTNERS


# --- Relevant agencies (160-193) ------------------------------------------------------------

def test_fourteen_relevant_agencies_by_sector(graph):
    agencies = _sources(graph, "relevant_agency_of", SSCP, edition=EDITION)
    assert len(agencies) == 14                                            # 162-176 numbered 1-14
    sectors = Counter(graph.entity(a).sector for a in agencies)
    assert sectors["probation"] == 2                                      # 173 NPS, 174 HIOW CRC
    assert sectors["school"] == 1 and sectors["early-years"] == 1 and sectors["cafcass"] == 1
    assert {"nhs-england", "cafcass", "national-probation-service", "hiow-crc"} <= agencies
    # 162, 163: classes of organisation
    assert graph.entity("southampton.schools").collective
    assert graph.entity("southampton.early-years-settings").collective


def test_representation_routes_on_the_board(graph):
    def routes(agency):
        return {r.target for r in graph.relations(type="represented_by", source=agency) if r.on == BOARD}
    # 187 NHS providers via their Chief Nurse / Head of Safeguarding
    [nurse] = routes("southampton.nhs-providers")
    assert "Chief Nurse" in graph.entity(nurse).name
    # 189 Independent Residential Units via the Local Authority and ICS representatives: two routes
    assert len(routes("southampton.independent-residential-units")) == 2
    # 185 early years via a Local Authority education / early years representative
    [early] = routes("southampton.early-years-settings")
    assert graph.entity(early).within == SCC
    # 168 NHS England: no note gives a route
    assert routes("nhs-england") == set()


def test_no_youth_custody_rule(graph):
    # 190: 'There are no youth custody facilities within the geographical boundaries of the partnership.'
    assert any("youth custody" in r.text for r in graph.entity(BOARD).rules)


# --- Funding (311-317) ---------------------------------------------------------------------

def test_pooled_budget_shares_not_stated(graph):
    funders = graph.relations(type="funds", target=SSCP, edition=EDITION)
    assert {r.source for r in funders} == PARTNERS                        # 313 'funded by the safeguarding partners'
    assert all(r.share is None for r in funders)                          # 313 formula not given
    assert any(n.field == "share" for n in graph.entity(BOARD).not_stated)
    # 315 the team is shared with the LSAB
    assert "southampton.ssab" in _targets(graph, "shared_with", "southampton.safeguarding-partnerships-team")


# --- Citations ------------------------------------------------------------------------------

def test_nothing_cites_the_lost_diagrams(graph):
    cited = [e for e in graph.entities() if e.id.startswith("southampton.")]
    cited += graph.relations(edition=EDITION)
    for item in cited:
        for citation in item.src:
            if citation.doc == DOC:
                assert not LOST_DIAGRAM_LINES & set(range(citation.start, citation.end + 1)), item
