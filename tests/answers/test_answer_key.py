"""The answer key: questions a strategic lead asks, each answered by reading the source lines
quoted beside it (document:line), never from the program's output. Each test checks that the
program names exactly those parties: no more, no fewer.

Documents: 000 Portsmouth 2019 arrangements (with the HIPS 2019 text, Appendix 1), 001 Portsmouth
2017 board, 002 Plymouth 2020, 003 Portsmouth 2020-21 annual report, 004 Southampton 2022 (with
the HIPS 2022 text). Hampshire and the Isle of Wight: no arrangements document is among our
sources; what is known comes from docs/public-facts.md (sections 2 and 3)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from lscp.loaders import load
from lscp.queries import accountabilities, accountable, compare, escalation, load as load_of, raci, vacancy

GRAPH = load()

# 004:55 "the lead representatives from of the Safeguarding Partners are defined as 'the local
#   authority chief executive, the accountable officer of the clinical commissioning group and a
#   chief officer of police' ... these lead representatives are able to delegate their functions
#   although they retain accountability"
# 004:61 "Rob Henderson Executive Director Wellbeing  Southampton City Council Chief Executive"
# 004:62 "Maggie MacIsaac, Chief Executive of the ICB  HIOWS ICS, Accountable Officer"
# 004:63 "Phil lamb District Commander  Hampshire Constabulary, Chief Officer"
SOUTHAMPTON = {"southampton.scc.chief-executive", "southampton.icb.chief-executive", "southampton.police.chief-officer"}
# 000:187 "For Portsmouth the lead representatives for 2019-20 are:"
# 000:189 "David Williams  Chief Executive  Portsmouth City Council"
# 000:190 "Dr Linda Collie  Accountable Officer  Portsmouth Clinical Commissioning Group"
# 000:191 "Tony Rawlinson  Chief Superintendent  Hampshire Constabulary"
PORTSMOUTH = {"portsmouth.pcc.chief-executive", "portsmouth.ccg.accountable-officer", "portsmouth.police.chief-superintendent"}
# 002:157 "Plymouth City Council – Chief Executive"; 002:158 "NEW Devon Clinical Commissioning Group
#   – Accountable Officer"; 002:159 "Devon & Cornwall Police – Chief Officer (Assistant Chief
#   Constable)."; 002:161 "These lead representatives remain accountable for actions and
#   decisions taken on behalf of their agency."
PLYMOUTH = {"plymouth.pcc.chief-executive", "plymouth.ccg.accountable-officer", "plymouth.police.chief-officer"}
# 004:217 "The chair will be accountable to the Chief Executives of the Local Authorities" (the HIPS
#   partnerships' chair: "an independent chair ... for all partnerships and the HIPS Executive").
LA_CHIEF_EXECUTIVES = {"southampton.scc.chief-executive", "portsmouth.pcc.chief-executive",
                       "hampshire.hcc.chief-executive", "iow.council.chief-executive"}


def _names(ids) -> set[str]:
    return {GRAPH.entity(i).name for i in ids}


@dataclass(frozen=True)
class Q:
    question: str
    ask: Callable[[], object]
    expected: object
    lines: str  # the source lines the expected answer is read from


def accountable_parties(target: str, edition: str | None = None) -> Callable[[], set[str]]:
    return lambda: {p.id for p in accountable(GRAPH, target, edition).accountable}


def escalation_ends(start: str, condition: str | None = None) -> Callable[[], Counter]:
    return lambda: Counter(r.ends_at for r in escalation(GRAPH, start, condition).routes)


def vacancy_subjects(target: str) -> Callable[[], set[str]]:
    return lambda: {f.subject for f in vacancy(GRAPH, target).findings}


def load_roles(target: str) -> Callable[[], set[tuple[str, str]]]:
    return lambda: {(s.body, s.role) for s in load_of(GRAPH, target).roles}


def raci_row(area: str, function: str) -> Callable[[], tuple[set[str], set[str]]]:
    def ask():
        row = next(r for r in raci(GRAPH, area).rows if r.function == function)
        return set(row.responsible), set(row.accountable)
    return ask


def bodies_in(ids: set[str], prefix: str) -> set[str]:
    return {i for i in ids if i.startswith(prefix) and GRAPH.entity(i).kind == "body"}


SOUTHAMPTON_BODIES = {
    "southampton.partnership-board",  # 004:196-198 "Safeguarding Children Partnership ... meets formally four times per year"
    "southampton.partners-executive",  # 004:267 "the SSCP Safeguarding Partners Executive including the Independent Chair"
    "southampton.business-group",  # 004:234-236 "Business Group ... a shared business group with the local Safeguarding Adults Board"
    "southampton.silg",  # 004:243-252 "Serious Incidents and Learning Group ... A subgroup is in place in Southampton"
    "southampton.spig",  # 004:270-272 "Safeguarding Practice Improvement Group"
    "southampton.oceg",  # 004:289-291 "(Southampton) Operational Child Exploitation Group"
    "southampton.safeguarding-partnerships-team",  # 004:315 "The Southampton Safeguarding Partnerships Team are funded by this budget"
}

QUESTIONS = [
    # --- accountable: who is accountable for ... ------------------------------------------
    Q("Who is accountable for the Southampton partnership meeting?",
      accountable_parties("southampton.partnership-board"), SOUTHAMPTON,
      "004:203 'made up of a membership from 3 safeguarding partners ... The SSCP has an independent chair and "
      "scrutineer. Meetings ... are quorate providing the three safeguarding partners are present'; 004:55, 004:61-63. "
      "The chair's own accountability to the chief executives (004:217) is about the chair's work, not the meeting's."),
    Q("Who is accountable for Southampton's Serious Incidents and Learning Group?",
      accountable_parties("southampton.silg"), SOUTHAMPTON,
      "004:252 'A subgroup is in place in Southampton to oversee the work in this area on behalf of the safeguarding "
      "partners ... This group is chaired by the Designated Doctor for Southampton.'"),
    Q("Who is accountable for the Safeguarding Practice Improvement Group?",
      accountable_parties("southampton.spig"), SOUTHAMPTON,
      "004:272 'chaired by the Head of Service for Quality Assurance ... with core membership representing the three "
      "safeguarding partners'; 004:55 lead representatives retain accountability."),
    Q("Who is accountable for Southampton's Operational Child Exploitation Group?",
      accountable_parties("southampton.oceg"), SOUTHAMPTON,
      "004:291 'with regular direct reporting of local trends and issues to the SSCP. This group is chaired and "
      "coordinated by the Local Authority'; the SSCP's partners 004:61-63."),
    Q("Who is accountable for the SSCP Safeguarding Partners Executive?",
      accountable_parties("southampton.partners-executive"), SOUTHAMPTON,
      "004:267 'the SSCP Safeguarding Partners Executive including the Independent Chair'; 004:55, 004:61-63."),
    Q("To whom is the HIPS-wide independent chair (the SSCP's chair and scrutineer) accountable?",
      accountable_parties("southampton.independent-chair"), LA_CHIEF_EXECUTIVES,
      "004:217 'The HIPS Safeguarding Partnerships have jointly recruited an independent chair to provide the role of "
      "Independent Scrutineer for all partnerships and the HIPS Executive. The chair will be accountable to the Chief "
      "Executives of the Local Authorities.' (Hampshire, Isle of Wight, Portsmouth, Southampton: 004:96-100)"),
    Q("Who is accountable for Portsmouth's Monitoring, Evaluation and Scrutiny Committee?",
      accountable_parties("portsmouth.mesc"), PORTSMOUTH,
      "000:384 'The MESC will manage the detail of the scrutiny and assurance work of the Partnership, reporting to "
      "the Executive'; 000:193 lead representatives 'retain accountability'; 000:189-191."),
    Q("Who is accountable for Portsmouth's Learning from Cases Committee?",
      accountable_parties("portsmouth.learning-from-cases"), PORTSMOUTH,
      "000:416 'the partnership will oversee a Learning from Cases Committee'; 000:189-191, 000:193."),
    Q("Who is accountable for the PSCP Board?",
      accountable_parties("portsmouth.board"), PORTSMOUTH,
      "000:281 'The PSCP will have a Board made up of the statutory safeguarding partners and relevant agencies. The "
      "Board will have an independent chairperson'; 000:297 the Chair 'is accountable to the Chief Executive of the "
      "Local Authority for the effectiveness of their work as PSCP Chair' (the chair's work, not the Board's)."),
    Q("Who is accountable for Portsmouth's MASH steering group?",
      accountable_parties("portsmouth.mash-steering-group"), PORTSMOUTH,
      "000:392 'The MASH is overseen by a multi-agency steering group which itself will report into the PSCP "
      "arrangements (via the Executive).'; 000:189-191."),
    Q("Who is accountable for Portsmouth's Exploitation Strategy Delivery Group (2020-21)?",
      accountable_parties("portsmouth.exploitation-strategy-delivery-group"), PORTSMOUTH,
      "003:559 the PSCP's Exploitation Strategy Delivery Group; the Portsmouth lead representatives 000:189-191 "
      "(the 2020-21 report supplements the 2019 arrangements)."),
    Q("Whom does the Portsmouth independent chair answer to?",
      accountable_parties("portsmouth.independent-chair"), {"portsmouth.pcc.chief-executive"},
      "000:297 '(ii) The Chair is accountable to the Chief Executive of the Local Authority for the effectiveness of "
      "their work as PSCP Chair, but the Chair is not a decision-maker.' (000:320's urgent decisions delegated by the "
      "Partnership do not change the chair's own line.)"),
    Q("Who is accountable for Plymouth's Quality Assurance Group?",
      accountable_parties("plymouth.qa-group"), PLYMOUTH,
      "002:235 'The PSCP has created and is responsible for a Quality Assurance Group which is chaired by its "
      "appointed Independent Quality Assurer'; 002:157-161."),
    Q("Who is accountable for Plymouth's Child Safeguarding Practice Review Group?",
      accountable_parties("plymouth.cspr-group"), PLYMOUTH,
      "002:247 'The PSCP has created and is responsible for the Child Safeguarding Practice Review Group which is "
      "overseen by the appointed Independent Quality Assurer'; 002:157-161."),
    Q("Who is accountable for Plymouth's strategic group of the safeguarding partners?",
      accountable_parties("plymouth.strategic-partners"), PLYMOUTH,
      "002:407 'Chair: Rotation of Strategic Partners'; 002:409-411 the partners' representatives; 002:157-161 "
      "the lead representatives 'remain accountable'."),
    Q("Who is accountable for the HIPS Executive, partnership by partnership?",
      accountable_parties("hips.executive"),
      SOUTHAMPTON | {"portsmouth.pcc.chief-executive", "portsmouth.police.chief-superintendent"},
      "004:120 'the membership of the HIPS Executive is the three Safeguarding Partners across each of the four LSCP "
      "areas'; 004:122-124 local authorities, Hampshire Constabulary, the HIOW ICB. Southampton names its three "
      "(004:61-63); Portsmouth names its council's and its police lead (000:189, 000:191) but for health only its CCG "
      "(000:190), not the ICB; Hampshire's and the Isle of Wight's documents are not among our sources."),
    Q("Which police lead answers for Hampshire and Isle of Wight Constabulary, partnership by partnership?",
      accountable_parties("hiow-constabulary"),
      {"southampton.police.chief-officer", "portsmouth.police.chief-superintendent"},
      "004:63 'Hampshire Constabulary, Chief Officer' (Southampton); 000:191 'Tony Rawlinson  Chief Superintendent  "
      "Hampshire Constabulary' (Portsmouth)."),
    Q("Who is accountable for Portsmouth's Section 11 duty (and through which police lead)?",
      accountable_parties("portsmouth.section-11-duty"), PORTSMOUTH,
      "000:855-859 the section 11 duty of the council, the NHS bodies and the police, in the Portsmouth arrangements; "
      "Portsmouth's lead representatives 000:189-191, not Southampton's police lead (004:63)."),
    Q("Who is accountable for the 2017 PSCB's Missing, Exploited and Trafficked sub-committee?",
      accountable_parties("portsmouth.pscb.met-subcommittee"), set(),
      "001:83 'This committee reports annually to the Board on the progress made by partners'; the 2017 business "
      "plan of a safeguarding children board names no lead representative (there were none before WT2018)."),
    Q("Which kind of 'not known' is that?",
      lambda: {(u.partnership, u.kind) for u in accountable(GRAPH, "portsmouth.pscb.met-subcommittee").unknown},
      {("portsmouth.pscb", "not-stated")},
      "001 is among our sources and does not state it: not stated in a document we hold, not a missing document."),
    # --- accountabilities: what is this post accountable for? ------------------------------
    Q("What is Hampshire County Council's chief executive accountable for, in the documents we hold?",
      lambda: {a.subject for a in accountabilities(GRAPH, "hampshire.hcc.chief-executive").accountable_for},
      {"southampton.independent-chair", "fn.independent-scrutiny"},
      "004:217 'an independent chair to provide the role of Independent Scrutineer for all partnerships ... The chair "
      "will be accountable to the Chief Executives of the Local Authorities.': the chair, and the scrutiny it carries."),
    Q("What is the Isle of Wight Council's chief executive accountable for, in the documents we hold?",
      lambda: {a.subject for a in accountabilities(GRAPH, "iow.council.chief-executive").accountable_for},
      {"southampton.independent-chair", "fn.independent-scrutiny"}, "004:217 (as above)."),
    Q("What does Southampton's Designated Doctor do directly?",
      lambda: {a.subject for a in accountabilities(GRAPH, "southampton.designated-doctor").responsible_for},
      {"southampton.silg"}, "004:252 'This group is chaired by the Designated Doctor for Southampton.'"),
    Q("Which Southampton bodies is Southampton City Council's chief executive accountable for?",
      lambda: bodies_in({a.subject for a in accountabilities(GRAPH, "southampton.scc.chief-executive").accountable_for},
                        "southampton."),
      SOUTHAMPTON_BODIES, "004:55, 004:61: the council's lead representative; every body of the SSCP (see SOUTHAMPTON_BODIES)."),
    Q("Is Portsmouth's chief executive accountable for any Southampton body?",
      lambda: bodies_in({a.subject for a in accountabilities(GRAPH, "portsmouth.pcc.chief-executive").accountable_for},
                        "southampton."),
      set(), "000:189 is Portsmouth's lead; no line of 004 makes a Southampton body answer to Portsmouth's chief "
             "executive (004:217 is about the chair's own work)."),
    Q("Which posts is Southampton's chief officer of police accountable for?",
      lambda: {a.subject for a in accountabilities(GRAPH, "southampton.police.chief-officer").accountable_for
               if GRAPH.entity(a.subject).kind == "post"},
      {"southampton.police.district-commander", "southampton.police.silg-representative"},
      "004:84-88 'senior officers ... are delegated by their Chief Officer ... Phil Lamb  District Commander  "
      "Hampshire Constabulary'; 004:267 the rapid-review decision 'is delegated to the representative of the "
      "Safeguarding Partner at the group'. Not the chair: 004:217 names only the local authorities' chief executives."),
    # --- escalate ------------------------------------------------------------------------
    Q("In a split decision on the PSCP Board, where does it go?",
      escalation_ends("portsmouth.board", "split-decision"), Counter(PORTSMOUTH),
      "000:358 'In the event of a split decision ... the Chair will escalate issues to the lead representatives of "
      "the three statutory safeguarding partners'; 000:189-191."),
    Q("When the PSCP Board fails to reach a decision that should not be deferred?",
      escalation_ends("portsmouth.board", "failed-decision"), Counter(PORTSMOUTH),
      "000:358 '... or failure to reach a decision on a matter that should not be deferred the Chair will escalate "
      "issues to the lead representatives of the three statutory safeguarding partners'."),
    Q("Persistent non-attendance at the PSCP Board?",
      escalation_ends("portsmouth.board", "persistent-non-attendance"), Counter({"portsmouth.independent-chair": 1}),
      "000:331 'In the event of persistent non-attendance by a Partnership Member or their nominated representative, "
      "the Independent Chair will make relevant enquiries and challenge where appropriate'."),
    Q("A dispute about the PSCP Board's minutes?",
      escalation_ends("portsmouth.board", "disputed-minutes"), Counter({"portsmouth.independent-chair": 1}),
      "000:345 'Disputes to minutes or decisions should be formally raised with the Chair within two weeks'."),
    Q("An agency representative's action not completed?",
      escalation_ends("portsmouth.board", "action-not-completed"), Counter({"portsmouth.independent-chair": 1}),
      "000:351 'The Chair will challenge and escalate matters where non-completion of an action by an agency "
      "representative is a cause for concern' (to whom the Chair escalates is not stated)."),
    Q("Every route from the PSCP Board, each kept to one condition?",
      escalation_ends("portsmouth.board"),
      Counter({"portsmouth.independent-chair": 3, **{p: 2 for p in PORTSMOUTH}}),
      "000:331, 000:345, 000:351 end with the Chair; 000:358 split and failed decisions each go on from the Chair to "
      "the three lead representatives: 3 + 2 x 3 routes."),
    Q("A decision of a Portsmouth committee affecting the quality of practice?",
      escalation_ends("portsmouth.learning-from-cases", "practice-decision"), Counter({"portsmouth.executive": 1}),
      "000:404 'Decisions which impact on the quality of safeguarding practice, process or delivery can only be taken "
      "by a committee with the specific agreement of the Executive Committee.'"),
    Q("A disputed rapid review decision at Southampton's SILG?",
      lambda: Counter(GRAPH.entity(r.ends_at).kind == "body" and r.ends_at or "own senior representative"
                      for r in escalation(GRAPH, "southampton.silg", "disputed-rapid-review").routes),
      Counter({"southampton.partners-executive": 3, "own senior representative": 3}),
      "004:267 'the group member for each safeguarding partner will escalate this to either their own senior "
      "safeguarding partner representative or the SSCP Safeguarding Partners Executive including the Independent "
      "Chair': three partners, two alternatives each."),
    Q("...and does any of those routes stop short of someone who can decide?",
      lambda: escalation(GRAPH, "southampton.silg", "disputed-rapid-review").dead_ends, 0,
      "004:84-88 the senior officers 'delegated by their Chief Officer'; 004:90 'Their delegated authority includes "
      "the ability to make decisions on behalf of their organisation'."),
    Q("Is an escalation route stated in Plymouth's arrangements?",
      escalation_ends("plymouth.pscp"), Counter(),
      "002:611 'The existing and respective escalation and resolution policies within Plymouth are maintained and "
      "found at:' (a link to policies not among our sources; no route is stated in 002)."),
    Q("...and is the document that states the routes among our sources?",
      lambda: escalation(GRAPH, "plymouth.pscp").knowledge, "not-in-sources",
      "002:611-613: the routes are in Plymouth's existing escalation and resolution policies, 'maintained and found "
      "at:' a link to PSCB-Escalation-FINAL.pdf, which is not among our sources: the third kind of not-known, not a "
      "silence of 002."),
    Q("Where does a matter go from Hampshire's Child Exploitation Group, and why is it not known?",
      lambda: (len(escalation(GRAPH, "hampshire.child-exploitation-group").routes),
               escalation(GRAPH, "hampshire.child-exploitation-group").knowledge), (0, "not-in-sources"),
      "public-facts.md §2: 'HSCP has a Child Exploitation Group'; the HSCP's arrangements document is not among our "
      "sources (public-facts.md §8 'Gaps': 'HSCP and IOWSCP subgroup lists and reporting lines' not found)."),
    # --- vacancy ------------------------------------------------------------------------
    Q("If Southampton's Designated Doctor post falls vacant, what is affected?",
      vacancy_subjects("southampton.designated-doctor"), {"southampton.silg"},
      "004:252 'This group is chaired by the Designated Doctor for Southampton.'"),
    Q("If the Independent Quality Assurer post falls vacant, what is affected?",
      vacancy_subjects("plymouth.independent-quality-assurer"),
      {"plymouth.qa-group", "plymouth.cspr-group", "plymouth.strategic-partners", "plymouth.wider-partnership",
       "fn.independent-scrutiny", "fn.section-11-audit", "plymouth.pscp"},
      "002:296 'chairing the meetings' of the Quality Assurance and CSPR Groups (454, 479 'Chair: Independent Quality "
      "Assur...'); 002:298 'a member of the Strategic PSCP'; 002:425 'Independent (non-voting)  Independent Quality and "
      "Assurance Lead' on the partnership; 002:294 'The role provides scrutiny and challenge', 002:302-308 independent "
      "scrutiny comprises '... Appointment of Independent Quality Assurer role' (the PSCP loses its one independent "
      "scrutineer: the other means of 002:306-309 are boards and partnerships); 002:573 section 11 "
      "'oversight and assurance ... via the Independent Quality Assurer'."),
    Q("If the Portsmouth independent chair post falls vacant, what is affected?",
      vacancy_subjects("portsmouth.independent-chair"),
      {"portsmouth.board", "portsmouth.pscp", "fn.independent-scrutiny", "fn.rapid-review-decision", "portsmouth.vice-chair"},
      "000:281 'The Board will have an independent chairperson to act as a scrutineer ... who will chair both the "
      "Portsmouth and Southampton Partnerships'; 000:835 the Independent Chair listed among Board members; 000:306 "
      "'decision making has been delegated to the role [Vice-Chair] by the Chair'; 003:644 rapid review decisions "
      "agreed by the Independent Chair."),
    Q("If Derek Benson leaves, what is affected?",
      vacancy_subjects("portsmouth.person.derek-benson"),
      {"portsmouth.board", "portsmouth.pscp", "fn.independent-scrutiny", "fn.rapid-review-decision", "portsmouth.vice-chair"},
      "000:49 'a single independent Chair and Scrutineer for both cities. Derek Benson.'; then as above."),
    Q("If Hampshire County Council's chief executive post falls vacant, what in our documents is affected?",
      vacancy_subjects("hampshire.hcc.chief-executive"), {"southampton.independent-chair", "fn.independent-scrutiny"},
      "004:217 the chair, 'the role of Independent Scrutineer', 'will be accountable to the Chief Executives of the "
      "Local Authorities'."),
    Q("Which statutory role does the Southampton chief officer of police post hold?",
      lambda: {f.subject for f in vacancy(GRAPH, "southampton.police.chief-officer").findings if f.code == "vacancy-statutory-role"},
      {"hiow-constabulary"}, "004:55, 004:63 the chief officer of police is the constabulary's lead representative."),
    Q("Which Southampton bodies lose a lead representative if the council's chief executive post falls vacant?",
      lambda: bodies_in(vacancy_subjects("southampton.scc.chief-executive")(), "southampton."),
      SOUTHAMPTON_BODIES, "004:55, 004:61; the bodies of 004 (SOUTHAMPTON_BODIES)."),
    # --- load ---------------------------------------------------------------------------
    Q("What seats and chairs does Southampton's Designated Doctor hold?",
      load_roles("southampton.designated-doctor"), {("southampton.silg", "chair")}, "004:252."),
    Q("What seats and chairs does the Independent Quality Assurer hold?",
      load_roles("plymouth.independent-quality-assurer"),
      {("plymouth.qa-group", "chair"), ("plymouth.cspr-group", "chair"),
       ("plymouth.strategic-partners", "non-voting"), ("plymouth.wider-partnership", "non-voting")},
      "002:235, 454 QA Group 'Chair: Independent Quality Assurance Lead'; 002:479 CSPR Group 'Chair: Independent "
      "Quality Assurer'; 002:294 'a non-voting strategic critical friend', 002:298 'a member of the Strategic PSCP'; "
      "002:425 'Independent (non-voting)'."),
    Q("What seats and chairs does the Portsmouth independent chair hold?",
      load_roles("portsmouth.independent-chair"),
      {("portsmouth.board", "chair"), ("portsmouth.board", "member"), ("portsmouth.pscp", "chair")},
      "000:281 the Board's independent chairperson, who 'will chair both the Portsmouth and Southampton "
      "Partnerships'; 000:835 'Membership of the Board includes ... The Independent Chair (scrutineer)'."),
    Q("What does the HIPS independent chair chair?",
      load_roles("hips.independent-chair"), {("hips.executive", "chair")},
      "000:516 'The HIPS Executive will be chaired by an Independent Chair'; 004:131 'The HIPS Executive is chaired "
      "by an Independent Chair'."),
    # --- raci ---------------------------------------------------------------------------
    Q("Plymouth: who decides a rapid review, and who is accountable?",
      raci_row("plymouth", "fn.rapid-review-decision"),
      ({"PSCP Strategic Safeguarding Partners"}, _names(PLYMOUTH)),
      "002:561 'The Strategic safeguarding Partners shall make the final documented decision'; 002:157-161."),
    Q("Southampton: who decides a rapid review, and who is accountable?",
      raci_row("southampton", "fn.rapid-review-decision"),
      ({GRAPH.entity(i).name for i in ("southampton.scc.silg-representative", "southampton.icb.silg-representative",
                                       "southampton.police.silg-representative")}, _names(SOUTHAMPTON)),
      "004:267 'Decisions relating to the outcome of a Rapid Review rests with the three safeguarding partners and is "
      "delegated to the representative of the Safeguarding Partner at the group.'"),
    Q("Southampton: who carries independent scrutiny, and who is accountable?",
      raci_row("southampton", "fn.independent-scrutiny"),
      ({"SSCP Independent Chair and Scrutineer"}, _names(LA_CHIEF_EXECUTIVES)),
      "004:217 'an independent chair to provide the role of Independent Scrutineer ... The chair will be accountable "
      "to the Chief Executives of the Local Authorities.'"),
    Q("Portsmouth: who carries independent scrutiny, and who is accountable?",
      raci_row("portsmouth", "fn.independent-scrutiny"),
      ({"Independent Chair"}, {"Chief Executive, Portsmouth City Council"}),
      "000:281 'an independent chairperson to act as a scrutineer'; 000:297 'The Chair is accountable to the Chief "
      "Executive of the Local Authority'."),
    # --- compare ------------------------------------------------------------------------
    Q("How many relevant agencies do Southampton's arrangements name?",
      lambda: _cell("southampton.sscp", "relevant agencies").split()[0], "14",
      "004:160 'The relevant agencies for the SSCP arrangements are named as:' items 1 to 14 (004:162-176)."),
    Q("Who chairs Plymouth's strategic partnership, each named once?",
      lambda: set(_cell("plymouth.pscp", "chair of the board or executive").split("; ")),
      {"Plymouth City Council", "NHS Devon Clinical Commissioning Group", "Devon & Cornwall Police"},
      "002:407 'Chair: Rotation of Strategic Partners'; 002:420 'Chair: Rotation of representatives from three "
      "safeguarding partners'."),
    Q("Who are Plymouth's lead representatives (compare)?",
      lambda: set(_cell("plymouth.pscp", "lead representatives").split("; ")), _names(PLYMOUTH), "002:157-159."),
    Q("Who are Portsmouth's lead representatives (compare)?",
      lambda: set(_cell("portsmouth.pscp", "lead representatives").split("; ")), _names(PORTSMOUTH), "000:189-191."),
    Q("How many escalation routes does compare count from Southampton's SILG?",
      lambda: "from Serious Incidents and Learning Group: 6" in _cell("southampton.sscp", "escalation routes"), True,
      "004:267: three partners' members, each to their own senior representative or the Partners Executive."),
]


def _cell(partnership: str, feature: str) -> str:
    answer = compare(GRAPH, "southampton.sscp", "portsmouth.pscp", "plymouth.pscp")
    return next(r for r in answer.rows if r.feature == feature).values[partnership].value


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.question for q in QUESTIONS])
def test_the_program_names_exactly_the_parties_the_source_names(q: Q):
    assert q.ask() == q.expected, q.lines


def test_the_key_covers_every_verb_and_area():
    assert len(QUESTIONS) >= 40
    cited = " ".join(q.lines for q in QUESTIONS)
    assert all(f"{doc}:" in cited for doc in ("000", "001", "002", "003", "004"))


# --- areas whose arrangements are not among our sources -----------------------------------

@pytest.mark.parametrize("partnership,area_posts", [
    # public-facts.md §3: "Partners (as written under WT2018): IoW Council; CCG (now HIOW ICB); chief officer of
    # police (Hampshire [and IoW] Constabulary)"; "Reporting to council scrutiny: ... presented by the council's
    # Strategic Partnerships Manager"; "Independent chair/scrutineer, LSP/DSP names: Not retrieved".
    ("iow.iowscp", {"iow.council.dcs", "iow.council.strategic-partnerships-manager"}),
    # public-facts.md §2: "Safeguarding partners: Hampshire County Council; Hampshire and Isle of Wight
    # Constabulary; Hampshire and Isle of Wight ICB".
    ("hampshire.hscp", {"hampshire.hcc.dcs"}),
])
def test_an_area_without_its_own_document_leads_with_what_is_known(partnership, area_posts):
    answer = accountable(GRAPH, partnership)
    council = {"iow.iowscp": "iow-council", "hampshire.hscp": "hampshire-county-council"}[partnership]
    # 000:481 / 004:96-100: the HIPS Executive covers all four areas.
    assert {p.id for p in answer.known} == {council, "hiow-constabulary", "hiow-icb", "hips.executive", *area_posts}
    assert answer.accountable == []
    assert [(u.partnership, u.kind) for u in answer.unknown] == [(partnership, "not-in-sources")]
    assert answer.summary.startswith("What is known about")
    assert "do not state who is accountable" not in answer.summary
    assert "arrangements document" in answer.summary and "not among our sources" in answer.summary


def test_the_hips_executive_says_which_documents_would_name_hampshire_and_the_isle_of_wight():
    # 004:120 the partners of all four areas; Hampshire's and the Isle of Wight's documents are not held.
    answer = accountable(GRAPH, "hips.executive")
    assert {(u.partnership, u.kind) for u in answer.unknown} == {
        ("hampshire.hscp", "not-in-sources"), ("iow.iowscp", "not-in-sources")}
    assert {c.partnership for c in answer.chains} == {"southampton.sscp", "portsmouth.pscp"}
