"""The answer key for `gaps`: what is missing, asked as a strategic lead would, each expected
finding (or expected absence of one) written by reading the source lines quoted beside it
(document:line), never from the program's output. Each test checks that `gaps` names exactly
those subjects for the question asked: no more, no fewer.

Documents: 000 Portsmouth 2019 arrangements (with the HIPS 2019 text), 002 Plymouth 2020,
003 Portsmouth 2020-21 annual report, 004 Southampton 2022 (with the HIPS 2022 text). Hampshire
and the Isle of Wight: no arrangements document is among our sources (docs/public-facts.md
sections 2 and 3), so what `gaps` says of them is about our sources, not the partnership."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from lscp.loaders import load
from lscp.queries import gaps

GRAPH = load()
REPORTS = {area: gaps(GRAPH, area) for area in ("southampton", "portsmouth", "plymouth", "hampshire", "isle-of-wight")}
REPORTS["hips"] = gaps(GRAPH, edition="hips-2022")


def subjects(area: str, *codes: str, severity: str | None = None) -> Callable[[], set[str]]:
    """The subjects of the area's findings with one of these codes (a trailing '*' is a prefix)."""
    def matches(code: str) -> bool:
        return any(code.startswith(c[:-1]) if c.endswith("*") else code == c for c in codes)
    return lambda: {f.subject for f in REPORTS[area].findings
                    if matches(f.code) and (severity is None or f.severity == severity)}


def unrouted_agencies(area: str) -> Callable[[], set[str]]:
    """Every agency named by the area's "no stated route of representation" findings (the
    message lists each sector's agencies after the partnership's name)."""
    def ask() -> set[str]:
        names: set[str] = set()
        for f in REPORTS[area].findings:
            if f.code == "agency-not-represented":
                listed = re.search(r"Partnership: (.*)\.$", f.message).group(1)
                assert "…" not in listed, f.message  # every name is listed, none cut short
                names |= _split(listed)
        return names
    return ask


def _split(listed: str) -> set[str]:
    """The organisation names a comma-separated list is made of (some names hold commas),
    checking that nothing but the names and their separators is left."""
    found, rest = set(), listed
    for name in sorted({o.name for o in GRAPH.entities("organisation")}, key=len, reverse=True):
        if name in rest:
            found.add(name)
            rest = rest.replace(name, "")
    assert not rest.replace(",", "").strip(), f"unknown names in {listed!r}: {rest!r}"
    return found


def above_info(area: str) -> Callable[[], set[tuple[str, str]]]:
    return lambda: {(f.code, f.subject) for f in REPORTS[area].findings if f.severity not in ("info", "low")}


def not_in_sources_only(area: str) -> Callable[[], set[str]]:
    """The knowledge of the area's findings about structure (statutory ones are the compliance
    pack's, checked by the property in tests/properties)."""
    return lambda: {f.knowledge for f in REPORTS[area].findings if f.category != "statutory"}


@dataclass(frozen=True)
class Q:
    question: str
    ask: Callable[[], object]
    expected: object
    lines: str


QUESTIONS = [
    # --- Southampton (004) ------------------------------------------------------------------
    Q("Which bodies of Southampton have no stated reporting line?",
      subjects("southampton", "no-reporting-line", "not-stated-reports-to"),
      {"southampton.business-group", "southampton.partners-executive", "southampton.safeguarding-partnerships-team",
       "southampton.silg", "southampton.spig"},
      "Stated: 004:291 the OCEG, 'with regular direct reporting of local trends and issues to the SSCP'; the "
      "partnership meeting is the top (004:203). Not stated: 004:236 the Business Group 'will be chaired on rotation "
      "... will meet every 6 months to oversee joint strategic work' (no line); 004:252 the SILG oversees the work 'on "
      "behalf of the safeguarding partners', 004:257 'presentation of findings to the partnership' (findings fed in, "
      "no line); 004:279 the SPIG 'Agreeing recommendations for further work on the topic with the SSCP'; 004:267 "
      "'the SSCP Safeguarding Partners Executive including the Independent Chair' (no line); 004:315 the team is "
      "'based within Southampton City Council Children and Learning Service for their line management' (staff line "
      "management, not a reporting line to a body). 004:67 says reporting lines are 'apparent' in Diagrams 2 and 3, "
      "which are pictures, not text."),
    Q("Which bodies of Southampton have no stated chair?",
      subjects("southampton", "no-chair", "not-stated-chair"),
      {"southampton.partners-executive", "southampton.safeguarding-partnerships-team"},
      "Stated: 004:203 'The SSCP has an independent chair'; 004:236 Business Group 'chaired on rotation by the "
      "Independent Chair of the SSCP and the SSAB'; 004:252 SILG 'chaired by the Designated Doctor'; 004:272 SPIG "
      "'chaired by the Head of Service for Quality Assurance'; 004:291 OCEG 'chaired and coordinated by the Local "
      "Authority'. Not stated: 004:267 the Executive 'including the Independent Chair' (a member, not its chair); "
      "004:315 the Safeguarding Partnerships Team (a staff team)."),
    Q("Which Southampton bodies have no chain of accountability to a lead representative?",
      subjects("southampton", "no-accountability-chain"), set(),
      "004:55 'these lead representatives are able to delegate their functions although they retain "
      "accountability'; 004:61-63 the three lead representatives; 004:203 the partnership and its subgroups "
      "('Meetings of the partnership and its subgroups are quorate providing the three safeguarding partners are "
      "present'): every body of the SSCP answers to them."),
    Q("Which of Southampton's safeguarding partners have no lead representative or no delegate recorded?",
      subjects("southampton", "no-lead-representative", "no-delegate"), set(),
      "004:61 'Southampton City Council Chief Executive', 004:62 'Chief Executive of the ICB', 004:63 'Hampshire "
      "Constabulary, Chief Officer'; 004:84-88 'the following senior officers ... are delegated by their Chief "
      "Officer': Robert Henderson, Matthew Richardson, Phil Lamb."),
    Q("Which relevant agencies of Southampton have no stated route of representation?",
      unrouted_agencies("southampton"),
      {"All mainstream, special, independent, academies and free schools in Southampton", "NHS England",
       "Southampton City Council Public Health, ICB, Housing, Regulatory Services, Adults Services",
       "Southampton Standing Advisory Committee for Religious Education",
       "Southampton Voluntary Services and other community organisations", "National Probation Service",
       "Hampshire and Isle of Wight Community Rehabilitation Company", "CAFCASS",
       "Sports and activities clubs (Southampton)"},
      "004:160-176 the fourteen named relevant agencies against notes a)-f) 004:181-189. Routed: early years "
      "(185 'via a Local Authority education / early years representative'), post-16 (186), NHS providers (187), "
      "non-NHS health providers (188), independent residential units (189). Schools: 182 'an agreed local authority "
      "Education Services representative for mainstream and special schools', but 184 'For academies, independent "
      "and free schools' representation via the local authority Education Services representation will be agreed' "
      "(not yet agreed), so the all-schools entry (162) has no stated route as a whole. No note at all for: NHS "
      "England (168), the council's other services (169), SACRE (171), Southampton Voluntary Services (172), the "
      "National Probation Service (173), the CRC (174), CAFCASS (175), sports and activities clubs (176). (CAFCASS "
      "sits on Plymouth's partnership, 002:442: a seat elsewhere is no route onto a Southampton body.)"),
    # --- Portsmouth (000, 003) ----------------------------------------------------------------
    Q("Which of Portsmouth's safeguarding partners have no lead representative or no delegate recorded?",
      subjects("portsmouth", "no-lead-representative", "no-delegate"), set(),
      "000:187-191 'For Portsmouth the lead representatives for 2019-20 are: David Williams Chief Executive ... Dr "
      "Linda Collie Accountable Officer ... Tony Rawlinson Chief Superintendent'; 000:193 'the lead representatives "
      "have identified the following senior officers ... who have responsibility and authority', 000:195 on."),
    Q("Is it a structural failing that the 2020-21 report names no chair for the PSCP Business Unit, Training "
      "Team or task and finish groups? No: the report does not state one (they are a staff team, a training team "
      "and groups commissioned as needed), so each is 'not stated', not 'has no chair'.",
      subjects("portsmouth", "no-chair", "no-reporting-line"), set(),
      "003:488 'centrally recorded by the PSCP Business Unit'; 003:238 'the training team worked to adapt "
      "practice'; 003:270 'The PSCP Training Team are now standing members of the PSCP Learning from Cases "
      "Committee'; 003:842 'The PSCP also commissions task and finish groups as necessary to deliver actions.' "
      "None of these lines names a chair or a reporting line."),
    Q("…and those three are reported as chairs not stated in the held report.",
      lambda: subjects("portsmouth", "not-stated-chair")() & {
          "portsmouth.business-unit", "portsmouth.training-team", "portsmouth.task-and-finish-groups"},
      {"portsmouth.business-unit", "portsmouth.training-team", "portsmouth.task-and-finish-groups"},
      "003:223, 003:488 (Business Unit); 003:238, 003:270 (Training Team); 003:268, 003:842 (task and finish "
      "groups): no chair named."),
    # --- Plymouth (002) -----------------------------------------------------------------------
    Q("Which relevant agencies of Plymouth have no route of representation onto any PSCP body?",
      unrouted_agencies("plymouth"),
      {"NHS England", "Regional Adoption Agency", "Registered providers of fostering agencies",
       "British Transport Police", "Port Police Force (Plymouth)", "Local Border Force/Customs & Excise",
       "Drug and alcohol support services (Plymouth)", "Domestic abuse services (Plymouth)",
       "Community and Social Housing providers (Plymouth)", "Sexual Assault Referral Centres",
       "Devon & Somerset Fire and Rescue Service", "Ministry of Defence",
       "Community Sports and Leisure Groups (Plymouth)", "Plymouth Argyle Football Club",
       "Plymouth Albion Rugby Club", "Torquay United Football Club", "Religious and faith groups (Plymouth)"},
      "Appendix 1 (002:640-717) against the membership tables (002:403-529) and 002:340, 002:348. Routed: every "
      "education and early years entry (002:642-653) through the Education Reference Group, 'a wide representation "
      "from the early years and education arena, including independent and language schools' (002:340), and the "
      "Education and Early Years rows (002:461-462); NHS Hospital Trusts and the South West Ambulance NHS Foundation "
      "Trust through the 'NHS Trusts' row (002:460); Public Health 002:440; Livewell 002:426; CAFCASS 002:442; HMPPS "
      "002:444; the CRC 002:445; Youth Offending 002:465; the OPCC 002:439; NSPCC 002:431; Barnardo's 002:432; "
      "Action4Children 002:434; LA Commissioning 002:441; POP+ 002:443; The Children's Society, Young Devon, British "
      "Red Cross (002:685-687) and Asylum Seeker/Refugee support services (002:715) through the 'Community, "
      "voluntary and charitable sector' row (002:470, 002:510, 002:529). No row for: NHS England 002:657, Regional "
      "Adoption Agency 002:663, fostering agencies 002:664, British Transport Police 002:676, Port Police 002:677, "
      "Border Force 002:678, drug and alcohol 002:690, domestic abuse 002:691, housing providers 002:692, SARCs "
      "002:693, Fire and Rescue 002:698, Ministry of Defence 002:699, the sports clubs 002:703-709 ('The PSCP shall "
      "identify lead representation for Community Sports and Leisure Groups': to be identified, not stated), and "
      "'Religious and faith groups' 002:717 (the sector row names community, voluntary and charitable, not faith)."),
    Q("Which of Plymouth's safeguarding partners have no lead representative or no delegate recorded?",
      subjects("plymouth", "no-lead-representative", "no-delegate"), set(),
      "002:157 'Plymouth City Council – Chief Executive', 002:158 'NEW Devon Clinical Commissioning Group – "
      "Accountable Officer', 002:159 'Devon & Cornwall Police – Chief Officer (Assistant Chief Constable).'; "
      "002:161 'they have delegated their functions to the following senior officers', 002:163 on."),
    Q("Which Plymouth posts chair three bodies or hold four or more chairs and seats?",
      subjects("plymouth", "key-person-load"),
      {"plymouth.designated-doctor", "plymouth.designated-nurse", "plymouth.independent-quality-assurer",
       "plymouth.training-and-development"},
      "Designated Doctor and Designated Nurse: 002:344 'shall, as a minimum, be representatives at PSCP', 002:456 "
      "(Quality Assurance Group), 002:481 (CSPR Group), 002:521 (Missing and Child Exploitation Group): four seats "
      "each. Independent Quality Assurer: chairs the Quality Assurance Group (002:454) and the CSPR Group (002:479), "
      "member of the Strategic PSCP (002:298, 002:412) and the PSCP (002:425): four. PSCP Training and Development: "
      "002:466, 002:486, 002:504, 002:527: four seats. The Learning and Development lead chairs one group (002:496) "
      "and sits on the PSCP (002:430): two."),
    # --- HIPS (the HIPS text of 004) ------------------------------------------------------------
    Q("Does HIPS leave Hampshire County Council or the Isle of Wight Council without a lead representative? "
      "Not as far as our sources can tell: the HIPS text names the partners of the four areas, and each area's own "
      "arrangements name its lead representatives; those of Hampshire and the Isle of Wight are not held.",
      subjects("hips", "no-lead-representative", severity="high"), set(),
      "004:120 'the membership of the HIPS Executive is the three Safeguarding Partners across each of the four "
      "LSCP areas'; 004:122 'Directors of Children's Services from each of the represented local authorities'; "
      "004:61 and 000:189 name the Southampton and Portsmouth chief executives; no held line names the Hampshire "
      "or Isle of Wight council's lead representative (docs/public-facts.md sections 2-3: documents not held)."),
    Q("…so those two are reported as unknown from our sources, as information.",
      lambda: {f.subject for f in REPORTS["hips"].findings
               if f.code == "no-lead-representative" and (f.severity, f.knowledge) == ("info", "not-in-sources")},
      {"hampshire-county-council", "iow-council"},
      "As above: 004:120-122, and the Hampshire and Isle of Wight arrangements are not among our sources."),
    # --- Hampshire and the Isle of Wight (no arrangements document held) -----------------------
    Q("Is anything structurally missing for the Isle of Wight? No: its document is not held, so nothing is "
      "above information.",
      above_info("isle-of-wight"), set(),
      "docs/public-facts.md section 3: the Isle of Wight SCP's arrangements document is not among our sources "
      "(data/registry/sources.yaml holds 000-004 only); 004:96-100 names the area as part of HIPS."),
    Q("…and every finding about the Isle of Wight is about our sources, not the partnership.",
      not_in_sources_only("isle-of-wight"), {"not-in-sources"},
      "As above: what would state the lead representatives and bodies (the IoW arrangements) is not held."),
    Q("Is anything structurally missing for Hampshire? No: its document is not held either.",
      above_info("hampshire"), set(),
      "docs/public-facts.md section 2: the Hampshire SCP is known from its public web pages only; its "
      "arrangements document is not among our sources."),
    Q("…and every finding about Hampshire is about our sources.",
      not_in_sources_only("hampshire"), {"not-in-sources"},
      "As above."),
]


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.question[:70] for q in QUESTIONS])
def test_gaps_answers_what_the_lines_say(q):
    assert q.ask() == q.expected, q.lines


def test_the_key_asks_across_every_area():
    asked = " ".join(q.question for q in QUESTIONS)
    for area in ("Southampton", "Portsmouth", "Plymouth", "HIPS", "Hampshire", "Isle of Wight"):
        assert area in asked
    assert len(QUESTIONS) >= 10
