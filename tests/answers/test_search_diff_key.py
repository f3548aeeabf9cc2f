"""Answer key for search, name resolution and diff (issue 13 items 7; the search/diff part of
"Verified by"). Each expected answer is read from the source lines quoted here:

  002:174  "The Plymouth Safeguarding Children Partnership (PSCP) has been structured to meet the
            requirements of Working Together to Safeguard Children 2018."
  002:233  "Quality Assurance Group"
  002:235  "The PSCP has created and is responsible for a Quality Assurance Group which is chaired
            by its appointed Independent Quality Assurer."
  002:565  "The Child Death partners for Plymouth ... already have effective South West Peninsula
            CDOP arrangements in place."
  000:144  "The Portsmouth Safeguarding Children Partnership (PSCP) has been developed out of the
            previous LSCB"
  000:317  "a. PSCP Board meeting dates ... There will be four PSCP meetings per year"
  000:382  "3. Monitoring, Evaluation and Scrutiny Committee (MESC)"
  000:481  "Hampshire, Isle of Wight, Portsmouth & Southampton (HIPS) Safeguarding Children
            Partnership Executive Group Arrangements"
  000:509  "Health, represented by Clinical Commissioning Groups (CCGs) of West Hampshire CCG,
            Hampshire and Isle of Wight CCG, Portsmouth CCG and Southampton CCG."
  000:520  "The HIPS Executive will convene four standing subgroups ... across the HIPS area:"
  000:529  "- Child Exploitation group The purpose of this group is ..."
  000:530  "- Procedures group ... and lead on the Section 11 self-assessment audit."
  000:531  "- Child Death Overview Panel This Group will perform the functions of the Child Death
            Overview Panel ... this group will report to the HIPS Executive ..."
  004:49   "... this also acts as the terms of reference for the SSCP."
  004:124  "- Health, HIOW Integrated Care Board."
  004:136  "The HIPS Executive has three standing subgroups ..." (Health, Strategic Child
            Exploitation, Procedures: 004:138-144; no Child Death Overview Panel)
  004:143  "- Strategic Child Exploitation group The purpose of this group is ..."
  004:146  "The Partnership Managers and teams play a pivotal role in ensuring strategic
            collaboration and this includes leading on the Keeping Children Safe, S11
            Self-Assessment audit"
  004:243  "Serious Incidents and Learning Group"
  registry: the Isle of Wight is one of the four HIPS areas (000:481), so a HIPS-wide body serves it.
"""
from __future__ import annotations

import pytest

from lscp.api.cli import main
from lscp.loaders import load
from lscp.model import NotFound
from lscp.queries import diff, search
from lscp.queries.lookup import Ambiguous, resolve


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def first(graph, text: str) -> str:
    return search(graph, text)[0].id


# --- search: area words combine with names ------------------------------------------------

def test_plymouth_quality_assurance_group(graph):
    # 002:233-235: Plymouth's PSCP has a Quality Assurance Group.
    assert first(graph, "Plymouth Quality Assurance Group") == "plymouth.qa-group"


def test_child_death_isle_of_wight_finds_the_hips_panel(graph):
    # 000:531 the HIPS CDOP; the Isle of Wight is a HIPS area (000:481).
    hits = search(graph, "child death isle of wight")
    assert [h.id for h in hits] == ["hips.cdop"]


def test_child_death_plymouth_finds_the_peninsula_panel(graph):
    # 002:565 "South West Peninsula CDOP arrangements" serve Plymouth.
    assert "sw-peninsula.cdop" in [h.id for h in search(graph, "child death plymouth")]
    assert "hips.cdop" not in [h.id for h in search(graph, "child death plymouth")]


def test_portsmouth_board(graph):
    # 000:317 "PSCP Board" (2019); the 2017 business plan (001) has the predecessor LSCB's Board:
    # Portsmouth has had two boards, and both are offered.
    assert {"portsmouth.board", "portsmouth.pscb.board"} <= {h.id for h in search(graph, "Portsmouth Board")[:3]}


# --- a bare area name ranks its partnerships first ----------------------------------------

def test_plymouth_alone_lists_the_plymouth_partnership_first(graph):
    # 002:174 "The Plymouth Safeguarding Children Partnership (PSCP)"
    assert first(graph, "Plymouth") == "plymouth.pscp"


def test_isle_of_wight_alone_lists_its_partnership_first(graph):
    hits = search(graph, "Isle of Wight")
    assert hits[0].id == "iow.iowscp"
    assert "hips" in [h.id for h in hits[:3]]  # the HIPS arrangements cover it too (000:481)


def test_southampton_alone(graph):
    # 004:49 "the SSCP"
    assert first(graph, "southampton") == "southampton.sscp"


# --- results say where each hit belongs ---------------------------------------------------

def test_hits_show_area_and_partnership(graph):
    (hit,) = [h for h in search(graph, "Quality Assurance Group") if h.id == "plymouth.qa-group"]
    assert hit.areas == ["plymouth"] and hit.partnership == "plymouth.pscp"
    assert hit.partnership_name == "Plymouth Safeguarding Children Partnership"


# --- abbreviations used in the documents are aliases --------------------------------------

@pytest.mark.parametrize("abbreviation, expected", [
    ("MESC", "portsmouth.mesc"),          # 000:382
    ("SSCP", "southampton.sscp"),         # 004:49
    ("SILG", "southampton.silg"),         # 004:243 (the group's common abbreviation)
    ("HIPS", "hips"),                     # 000:481
])
def test_abbreviation_finds_the_body(graph, abbreviation, expected):
    exact = [h.id for h in search(graph, abbreviation) if h.score == 100]
    assert expected in exact


def test_pscp_is_both_plymouths_and_portsmouths(graph):
    # 002:174 and 000:144 both use "(PSCP)".
    exact = {h.id for h in search(graph, "PSCP") if h.score == 100}
    assert exact == {"plymouth.pscp", "portsmouth.pscp"}


def test_cdop_names_the_hips_panel(graph):
    # 000:531 "Child Death Overview Panel"
    assert "hips.cdop" in {h.id for h in search(graph, "CDOP") if h.score == 100}


# --- names resolve where ids are taken ----------------------------------------------------

def test_a_full_name_resolves(graph):
    assert resolve(graph, "Serious Incidents and Learning Group") == "southampton.silg"  # 004:243


def test_an_area_and_a_name_resolve(graph):
    assert resolve(graph, "Plymouth Quality Assurance Group") == "plymouth.qa-group"  # 002:233


def test_an_ambiguous_abbreviation_lists_candidates_with_areas(graph):
    with pytest.raises(Ambiguous) as raised:
        resolve(graph, "PSCP")
    assert {c.id for c in raised.value.candidates} == {"plymouth.pscp", "portsmouth.pscp"}
    assert "plymouth" in str(raised.value) and "portsmouth" in str(raised.value)


def test_nothing_matching_is_not_found(graph):
    with pytest.raises(NotFound):
        resolve(graph, "no such group anywhere")


def test_cli_accountable_takes_a_name(capsys):
    assert main(["accountable", "Serious Incidents and Learning Group"]) == 0
    assert capsys.readouterr().out.startswith("Accountable for Serious Incidents and Learning Group:")


def test_cli_lists_candidates_and_exits_2(capsys):
    assert main(["accountable", "PSCP"]) == 2
    err = capsys.readouterr().err
    assert "plymouth.pscp" in err and "portsmouth.pscp" in err and "Traceback" not in err


def test_cli_diff_takes_edition_names(capsys):
    assert main(["diff", "HIPS 2019", "hips 2022", "--json"]) == 0
    assert '"before": "hips-2019"' in capsys.readouterr().out


# --- diff: HIPS 2019 -> 2022 --------------------------------------------------------------

@pytest.fixture(scope="module")
def hips_changes(graph):
    return diff(graph, "hips-2019", "hips-2022").changes


def test_diff_cdop_is_the_only_body_not_restated(hips_changes):
    # four standing subgroups in 2019 (000:520-531), three in 2022 (004:136-144): no CDOP. The
    # 2022 text is silent on it, not saying it ended: "not restated", never "removed".
    removed = {c.subject for c in hips_changes if c.change == "not-restated" and c.kind == "body"}
    assert removed == {"hips.cdop"}


def test_diff_child_exploitation_group_renamed(hips_changes):
    # 000:529 "Child Exploitation group" -> 004:143 "Strategic Child Exploitation group"
    renamed = [c for c in hips_changes if c.change == "renamed"]
    assert [c.subject for c in renamed] == ["hips.child-exploitation-group"]
    assert "HIPS Strategic Child Exploitation Group" in renamed[0].detail


def test_diff_partnership_managers_added(hips_changes):
    # 004:146 "The Partnership Managers and teams play a pivotal role"
    added = {c.subject for c in hips_changes if c.change == "added" and c.kind in ("body", "post")}
    assert added == {"hips.partnership-managers"}


def test_diff_health_partners_become_the_icb(hips_changes):
    # 000:509 four CCGs; 004:124 the ICB. No CCG is a member in 2022.
    lines = [c.detail for c in hips_changes if c.kind == "relation" and "member of HIPS Executive Group" in c.detail]
    for ccg in ("West Hampshire Clinical Commissioning Group", "Hampshire and Isle of Wight CCG",
                "NHS Southampton City Clinical Commissioning Group", "Portsmouth Clinical Commissioning Group"):
        assert any(line.startswith(ccg) for line in lines), ccg
    assert any("NHS Hampshire and Isle of Wight Integrated Care Board member of HIPS Executive Group" in line
               for line in lines)


def test_diff_section_11_audit_moves_to_the_partnership_managers(hips_changes):
    # 000:530 the Procedures group leads on it; 004:146 the Partnership Managers do.
    details = [(c.change, c.detail) for c in hips_changes if "Section 11" in c.detail]
    assert ("replaced", "HIPS Procedures Group responsible for Section 11 (Children Act 2004) self-assessment audit"
            " → Partnership Managers and teams (of the four local safeguarding children partnerships) responsible for"
            " Section 11 (Children Act 2004) self-assessment audit") in details


def test_diff_never_says_removed_where_the_later_text_is_silent(hips_changes):
    # No 2022 line (004:96-148) says any 2019 fact ended: silence is "not restated".
    assert not [c.detail for c in hips_changes if c.change == "removed"]


def test_diff_all_four_ccgs_replaced_by_the_icb(hips_changes):
    # 000:509 "Clinical Commissioning Groups (CCGs) of West Hampshire CCG, Hampshire and Isle of
    # Wight CCG, Portsmouth CCG and Southampton CCG"; 004:124 "Health, HIOW Integrated Care Board".
    for ccg in ("West Hampshire Clinical Commissioning Group", "Hampshire and Isle of Wight CCG",
                "NHS Southampton City Clinical Commissioning Group", "Portsmouth Clinical Commissioning Group"):
        change = next(c for c in hips_changes if c.detail.startswith(f"{ccg} member of HIPS Executive Group"))
        assert change.change == "replaced", ccg
        assert change.detail.endswith("→ NHS Hampshire and Isle of Wight Integrated Care Board member of HIPS Executive Group")


def test_diff_partnerships_link_to_the_executive_is_restated(hips_changes):
    # 000:541 learning "will feed into both the local partnerships and the HIPS Executive"; 004:127
    # "The Safeguarding Partners will act as the conduits ... between the HIPS Executive and the local
    # Safeguarding Children Partnerships": the link is stated, in other words.
    links = [c for c in hips_changes if "feeds into HIPS Executive Group" in c.detail]
    assert len(links) == 4 and {c.change for c in links} == {"restated"}


def test_diff_chair_stated_in_both_appointment_not_restated(hips_changes):
    # 000:516 "chaired by an Independent Chair newly recruited by the Safeguarding Partners";
    # 004:131 "The HIPS Executive is chaired by an Independent Chair" (the chair: no change);
    # who recruits the Executive's chair is not restated in the 2022 HIPS text.
    assert not [c for c in hips_changes if "chairs HIPS Executive" in c.detail]
    appoints = next(c for c in hips_changes if "appoints Independent Chair of the HIPS Executive" in c.detail)
    assert appoints.change == "not-restated"


def test_diff_refuses_editions_of_two_partnerships(graph, capsys):
    with pytest.raises(NotFound, match="hips-2019 is an edition of hips and plymouth-2020 of plymouth.pscp"):
        diff(graph, "hips-2019", "plymouth-2020")
    assert main(["diff", "hips-2019", "plymouth-2020"]) == 2
    err = capsys.readouterr().err
    assert "compare" in err and "Traceback" not in err


def test_diff_says_removed_only_where_the_data_records_an_ending(tmp_path):
    """A relation with `until` before the later edition's date ended: removed. One the later
    edition does not state, with no ending recorded: not restated (silence is not an ending)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "compliance"))
    from compliance_worlds import model_world, write

    world = model_world()
    world["editions"][0]["date"] = "2020"
    world["editions"].append({**world["editions"][0], "id": "test-2025", "name": "Testshire arrangements 2025",
                              "date": "2025"})
    partners = [r for r in world["relations"] if r["type"] == "partner_of"]
    partners[0]["until"] = "2022-03-31"  # ended before the 2025 edition
    graph = load(write(world, tmp_path / "data"))
    changes = {c.detail.split(" (ended")[0]: c.change for c in diff(graph, "test-2020", "test-2025").changes}
    names = [graph.by_id[r["from"]].name for r in partners[:2]]
    assert changes[f"{names[0]} partner of {graph.by_id['test.tscp'].name}"] == "removed"
    assert changes[f"{names[1]} partner of {graph.by_id['test.tscp'].name}"] == "not-restated"
