"""Answer key for `check` (strategic-lead review items 4, 7, 9, 11 and 13), written from the cited
lines, not from program output.

Lines read:
- 000:520 "The HIPS Executive will convene four standing subgroups ..."; 000:531 "Child Death
  Overview Panel This Group will perform the functions of the Child Death Overview Panel";
- 004 (Southampton 2022): no line mentions a CDOP or child death review; 004:136 "The HIPS
  Executive has three standing subgroups" (health, child exploitation, procedures);
- iowscp.yaml:103, from iowscp.org.uk/child-death: the HIPS CDOP covers the Isle of Wight;
- 004:100 "to work alongside the four local partnerships"; 004:127 "The Safeguarding Partners will
  act as the conduits ... between the HIPS Executive and the local Safeguarding Children Partnerships";
- 002:611-613 "The existing and respective escalation and resolution policies within Plymouth are
  maintained and found at: <...2019-04-23-PSCB-Escalation-FINAL.pdf>".
"""
from __future__ import annotations

import pytest

from lscp.loaders import load
from lscp.queries import compare
from lscp.queries.compliance import check


@pytest.fixture(scope="module")
def graph():
    return load()


def _result(graph, target, requirement, rules="wt2018"):
    return next(r for r in check(graph, target, rules=rules).results if r.id == requirement)


def _cited(result) -> set[str]:
    return {c.citation for e in result.evidence for c in e.sources}


# --- item 4: child death review coverage, read one way ------------------------------------

def test_iow_cdr_met_through_its_public_record(graph):
    result = _result(graph, "iow.iowscp", "WT18-27")
    assert result.verdict == "met"
    assert "HIPS Child Death Overview Panel covers the area" in result.message
    assert "https://www.iowscp.org.uk/child-death" in _cited(result)


def test_portsmouth_cdr_met_through_the_2019_hips_text(graph):
    # Portsmouth's edition (2021 report on the 2019 arrangements) is read with the HIPS 2019 text.
    result = _result(graph, "portsmouth.pscp", "WT18-27")
    assert result.verdict == "met"
    assert {"000:520", "000:531"} <= _cited(result)


def test_southampton_2022_cdr_stated_only_in_the_2019_text(graph):
    # No 004 line states a CDOP; the HIPS CDOP covering Southampton is stated at 000:520-531 only.
    result = _result(graph, "southampton.sscp", "WT18-27")
    assert result.verdict == "not-evidenced" and result.knowledge == "not-stated"
    assert "stated as covering it in an earlier text, 000:520" in result.message
    assert "not restated" in result.message


# --- item 7: the federation's four members, from its own edition ----------------------------

def test_hips_2022_names_all_four_members_from_its_own_lines(graph):
    result = _result(graph, "hips-2022", "FED-02")
    assert result.verdict == "met"
    for name in ("Hampshire", "Isle of Wight", "Portsmouth", "Southampton"):
        assert f"{name} Safeguarding Children Partnership" in result.message
    assert _cited(result) == {"004:100", "004:127"}


def test_hips_2019_members_cite_2019_lines(graph):
    result = _result(graph, "hips-2019", "FED-02")
    assert result.message.count("Safeguarding Children Partnership") == 4
    assert _cited(result) == {"000:541"}


# --- item 9: Plymouth's route is in a document not among our sources ----------------------

def test_plymouth_route_is_in_a_named_document_not_held(graph):
    result = _result(graph, "plymouth.pscp", "WT18-30")
    assert result.verdict == "not-evidenced" and result.knowledge == "not-in-sources"
    assert "the document that states it (the PSCB escalation policy, 002:611-613) is not among our sources" in result.message
    assert "do not state it" not in result.message
    assert _cited(result) == {"002:611-613"}


def test_silence_of_a_held_document_stays_not_stated(graph):
    # Southampton 2022 holds its arrangements (004): silence there is "not stated", never "not in sources".
    assert _result(graph, "southampton.sscp", "WT18-22").knowledge == "not-stated"


# --- item 11: check counts as compare does ---------------------------------------------------

def test_portsmouth_counts_equal_compares(graph):
    cells = {r.feature: r.values["portsmouth.pscp"].value for r in compare(graph, "portsmouth", "southampton").rows}
    agencies, routes = _result(graph, "portsmouth.pscp", "WT18-10"), _result(graph, "portsmouth.pscp", "WT18-30")
    assert agencies.message == f"{cells['relevant agencies'].split()[0]} relevant agencies are named."
    assert routes.message == f"{cells['escalation routes'].split()[0]} escalation route(s) are stated."
