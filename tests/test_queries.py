"""Worked examples: expected answers are written from the source text, not the code's output."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from lscp.loaders import load
from lscp.model import NotFound, UsageError
from lscp.queries import accountabilities, accountable, compare, diff, escalation, gaps, load as load_of, raci, vacancy

COMPLETE = Path(__file__).parent / "fixtures" / "complete"


@pytest.fixture(scope="module")
def graph():
    return load()


@pytest.fixture()
def complete(tmp_path):
    shutil.copytree(COMPLETE, tmp_path / "data")
    return tmp_path / "data"


def _cited(answer) -> set[str]:
    return {c.citation for c in answer.sources}


# --- Escalation ---------------------------------------------------------------------------

def test_southampton_disputed_rapid_review_route(graph):
    # 004:267: "the group member for each safeguarding partner will escalate this to either their
    # own senior safeguarding partner representative or the SSCP Safeguarding Partners Executive
    # including the Independent Chair" -> three partners x two alternatives.
    answer = escalation(graph, "southampton.silg", "disputed-rapid-review")
    assert len(answer.routes) == 6
    assert "004:267" in _cited(answer)
    ends = [r.ends_at for r in answer.routes]
    assert ends.count("southampton.partners-executive") == 3
    assert all(r.steps[0].label == "has as a member" for r in answer.routes)
    assert all(s.condition in (None, "disputed-rapid-review") for r in answer.routes for s in r.steps)


def test_portsmouth_split_decision_goes_through_the_chair_to_the_three_lead_representatives(graph):
    # 000:358: "In the event of a split decision ... the Chair will escalate issues to the lead
    # representatives of the three statutory safeguarding partners"; 000:189-191 name them.
    answer = escalation(graph, "portsmouth.board", "split-decision")
    ends = {graph.entity(r.ends_at).name for r in answer.routes}
    assert ends == {
        "Chief Executive, Portsmouth City Council",
        "Accountable Officer, Portsmouth Clinical Commissioning Group",
        "Chief Superintendent, Hampshire Constabulary",
    }
    assert all(any(s.target == "portsmouth.independent-chair" for s in r.steps) for r in answer.routes)
    assert answer.dead_ends == 0
    assert "000:358" in _cited(answer)


def test_escalation_refuses_an_unknown_condition(graph):
    with pytest.raises(UsageError, match="unknown condition 'argument'"):
        escalation(graph, "portsmouth.board", "argument")


# --- Accountability ------------------------------------------------------------------------

def test_silg_is_chaired_by_the_designated_doctor_and_answers_to_the_lead_representatives(graph):
    # 004:252 "This group is chaired by the Designated Doctor for Southampton"; 004:61-63 the
    # three partners' chief officers; 004:55 lead representatives retain accountability.
    answer = accountable(graph, "southampton.silg")
    assert "southampton.designated-doctor" in {p.id for p in answer.acting}
    organisations = {graph.entity(p.id).within for p in answer.accountable}
    assert organisations == {"southampton-city-council", "hiow-icb", "hiow-constabulary"}
    assert not answer.dead_end
    assert "Designated Doctor" in answer.summary


def test_mesc_reports_to_the_executive_and_accountability_rests_with_portsmouth_partners(graph):
    # 000:384 MESC "reporting to the Executive"; 000:366 the PSCP may delegate functions to its
    # Executive; 000:193 the lead representatives retain accountability; 000:189-191.
    answer = accountable(graph, "portsmouth.mesc")
    via_executive = [c for c in answer.chains if c.steps[0].target == "portsmouth.executive"]
    assert via_executive and via_executive[0].steps[0].label == "reports to"
    assert {c.accountable for c in answer.chains} == {
        "portsmouth.pcc.chief-executive", "portsmouth.ccg.accountable-officer", "portsmouth.police.chief-superintendent",
    }
    assert "000:384" in _cited(answer)
    # Delegation never moves accountability: no delegate is ever the accountable party.
    delegates = {r.target for r in graph.relations("delegates_to")}
    assert not delegates & {p.id for p in answer.accountable}


def test_plymouth_practice_review_decision_rests_with_the_strategic_partners(graph):
    # 002:561: "The Strategic safeguarding Partners shall make the final documented decision ...
    # supported and advised by the Independent Quality Assurer".
    matrix = raci(graph, "plymouth")
    row = next(r for r in matrix.rows if r.function == "fn.rapid-review-decision")
    assert row.responsible == [graph.entity("plymouth.strategic-partners").name]
    advice = graph.relations("supports", source="plymouth.independent-quality-assurer", target="plymouth.strategic-partners")
    assert advice and "002:561" in {str(c) for c in advice[0].src}
    assert row.accountable  # the lead representatives of Plymouth's partners


def test_accountabilities_of_a_lead_representative_include_the_groups_below(graph):
    answer = accountabilities(graph, "portsmouth.pcc.chief-executive")
    assert "portsmouth.mesc" in {a.subject for a in answer.accountable_for}


def test_unknown_id_suggests_the_closest(graph):
    with pytest.raises(NotFound) as missing:
        accountable(graph, "southampton.silgg")
    assert "southampton.silg" in missing.value.suggestions


# --- Diff and compare ----------------------------------------------------------------------

def test_hips_2019_to_2022(graph):
    # 000:530 the CDOP is one of four 2019 subgroups; 004:136 three standing subgroups in 2022;
    # the Child Exploitation group became the Strategic Child Exploitation group (004:143);
    # health was the CCGs in 2019 (000:509) and the ICB in 2022 (004:124).
    changes = diff(graph, "hips-2019", "hips-2022").changes
    removed = {c.subject for c in changes if c.change == "not-restated" and c.kind == "body"}
    renamed = {c.subject for c in changes if c.change == "renamed"}
    assert removed == {"hips.cdop"}
    assert renamed == {"hips.child-exploitation-group"}
    replaced = [c.detail for c in changes if c.change == "replaced"]
    assert any("Portsmouth Clinical Commissioning Group member of HIPS Executive" in d
               and "Integrated Care Board member of HIPS Executive" in d for d in replaced)


def test_compare_three_partnerships(graph):
    result = compare(graph, "southampton", "portsmouth", "plymouth")
    assert result.partnerships == ["southampton.sscp", "portsmouth.pscp", "plymouth.pscp"]
    quoracy = next(r for r in result.rows if r.feature == "quoracy rules")
    assert "not stated" != quoracy.values["portsmouth.pscp"].value  # 000:324
    with pytest.raises(UsageError):
        compare(graph, "southampton")


# --- Load and vacancy ----------------------------------------------------------------------

def test_load_of_the_designated_doctor(graph):
    answer = load_of(graph, "southampton.designated-doctor")
    assert any(s.body == "southampton.silg" and s.role == "chair" for s in answer.roles)


# --- Gaps -------------------------------------------------------------------------------------

def test_complete_synthetic_area_has_no_structural_or_statutory_findings(complete):
    report = gaps(load(complete))
    alarms = [f for f in report.findings if f.category in ("structural", "statutory", "key-person")]
    assert alarms == []


def test_broken_copy_finds_the_missing_chair_and_the_unrepresented_agency(complete):
    world = yaml.safe_load((complete / "world.yaml").read_text())
    world["relations"] = [r for r in world["relations"]
                          if not (r["type"] == "chairs" and r["to"] == "test.case-review-group")
                          and not (r["type"] == "represented_by" and r["from"] == "test.early-years")]
    (complete / "world.yaml").write_text(yaml.safe_dump(world, sort_keys=False))
    findings = gaps(load(complete)).findings
    codes = {(f.code, f.subject) for f in findings}
    assert ("no-chair", "test.case-review-group") in codes
    assert ("agency-not-represented", "test.early-years") in codes


def test_vacancy_of_a_sole_partner_member_breaks_quoracy(complete):
    answer = vacancy(load(complete), "test.nursing")
    codes = {(f.code, f.subject) for f in answer.findings}
    assert ("vacancy-quorum-lost", "test.board") in codes  # doc:8, the ICB's only member
    assert ("vacancy-chair-lost", "test.case-review-group") in codes  # doc:10


def test_wt2023_findings_on_a_2020_edition_are_labelled(complete):
    world = yaml.safe_load((complete / "world.yaml").read_text())
    world["relations"] = [r for r in world["relations"] if r["type"] != "holds"]  # no named delegates
    (complete / "world.yaml").write_text(yaml.safe_dump(world, sort_keys=False))
    graph = load(complete)
    assert [f for f in gaps(graph).findings if f.category == "statutory"] == []  # WT2018 by date
    statutory = [f for f in gaps(graph, rules="wt2023").findings if f.category == "statutory"]
    # doc:5 names the delegates by post only (the holds relations of doc:6 removed); doc:7 "chaired by
    # the Independent Chair, who scrutinises"; no business unit and no sign-off record in doc.txt.
    assert {(f.requirement, f.severity) for f in statutory} == {
        ("WT23-03", "medium"), ("WT23-05", "info"), ("WT23-02", "info"), ("WT23-11", "info")}
    assert all("checked against WT2023; the edition is dated 2020" in f.message for f in statutory)


def test_portsmouth_2019_gaps_name_what_the_text_leaves_out(graph):
    # 000:398: the partners lead (including chairing) the groups, but no chair is named.
    findings = gaps(graph, edition="portsmouth-2019").findings
    assert ("not-stated-chair", "portsmouth.mesc") in {(f.code, f.subject) for f in findings}


def test_a_2022_edition_with_a_ccg_partner_is_flagged(complete):
    world = (complete / "world.yaml").read_text()
    world = world.replace("date: 2020", "date: 2022-09").replace("name: Testshire ICB", "name: Testshire Clinical Commissioning Group")
    (complete / "world.yaml").write_text(world)
    findings = gaps(load(complete), rules="wt2018").findings
    assert [f.requirement for f in findings if f.category == "statutory"] == ["WT18-07"]


def test_show_lists_the_first_relations_of_each_type_and_counts_the_rest(graph):
    from lscp.queries.browse import show

    # Appendix 2 of 000 and the later editions' lists; an organisation 000 lists twice in one
    # edition (Solent NHS Trust at 000:215 and 000:561) is one relevant agency, cited twice.
    stated = [r for r in graph.relation_list if r.type == "relevant_agency_of" and r.target == "portsmouth.pscp"]
    agencies = [source for source, _ in dict.fromkeys((r.source, tuple(r.editions)) for r in stated)]
    assert len(agencies) > 100 and len(agencies) < len(stated)
    paged = show(graph, "portsmouth.pscp", limit=100)
    listed = [r.source for r in paged.incoming if r.type == "relevant_agency_of"]
    assert listed == agencies[:100]
    assert [(o.direction, o.type, o.listed, o.total) for o in paged.omitted] == [
        ("incoming", "relevant_agency_of", 100, len(agencies))]
    everything = show(graph, "portsmouth.pscp", limit=None)
    assert [r.source for r in everything.incoming if r.type == "relevant_agency_of"] == agencies
    assert everything.omitted == []


def test_an_organisation_listed_twice_in_one_document_is_one_agency_with_both_citations(graph):
    from lscp.queries.browse import show

    # 000:215 "Solent NHS Trust" (list of relevant agencies) and 000:561 (Appendix 2) repeat one fact.
    every = show(graph, "portsmouth.pscp", limit=None)
    solent = [r for r in every.incoming if r.type == "relevant_agency_of" and r.source == "solent-nhs-trust"]
    assert len(solent) == 1
    assert {c.citation for c in solent[0].sources} == {"000:215", "000:561"}


def test_an_unrepresented_agency_finding_cites_the_partnerships_own_list(graph):
    """004:173-174 list "11. National Probation Service" and "12. Hampshire and Isle of Wight CRC"
    among Southampton's relevant agencies; Portsmouth's list (000:221) names the CRC too, but a
    Southampton finding cites Southampton's document only."""
    from lscp.queries import gaps

    [probation] = [f for f in gaps(graph, area="southampton").findings
                   if f.code == "agency-not-represented" and f.subject == "hiow-crc"]
    assert [c.citation for c in probation.facts] == ["004:173", "004:174"]


def test_plymouths_escalation_names_the_policy_that_states_it(graph):
    """002:611-613 'The existing and respective escalation and resolution policies within Plymouth are
    maintained and found at: <...2019-04-23-PSCB-Escalation-FINAL.pdf>': a document not among ours."""
    from lscp.queries import escalation

    answer = escalation(graph, "plymouth.pscp")
    assert answer.routes == [] and answer.knowledge == "not-in-sources"
    assert "the PSCB escalation policy" in answer.summary and "(002:611-613)" in answer.summary
    assert "The sources state no escalation route" not in answer.summary


def test_a_vacancy_never_calls_a_post_a_lead_representative_no_document_makes_one(graph):
    """004:217 'The chair will be accountable to the Chief Executives of the Local Authorities': Hampshire's
    chief executive is accountable for the chair's work, but no document we hold names it a lead
    representative (Hampshire's arrangements are not among our sources)."""
    from lscp.queries import vacancy

    answer = vacancy(graph, "hampshire.hcc.chief-executive")
    assert answer.findings and all("lead representative" not in f.message for f in answer.findings)
    assert "lead representative" not in answer.summary
