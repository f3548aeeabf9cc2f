"""Answers about bodies only older editions state, and gaps that must not contradict the lines
they cite. Expected answers are written from the quoted source lines, not the program's output.

000:520 "The HIPS Executive will convene four standing subgroups ..."
000:531 "Child Death Overview Panel This Group will perform the functions of the Child Death
  Overview Panel as outlined in Working Together 2018. It should be noted that this group will
  report to the HIPS Executive until such time as the Pan Hampshire and Isle of Wight
  Sustainability and Transformation Partnership (STP)_is fully established ..."
004:136 (the 2022 HIPS text) lists three standing subgroups: the CDOP is not among them.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lscp.api.cli import cli
from lscp.loaders import load
from lscp.queries import accountabilities, accountable, escalation, gaps

GRAPH = load()

# 000:187 "For Portsmouth the lead representatives for 2019-20 are:"
# 000:189 "David Williams  Chief Executive  Portsmouth City Council"
# 000:190 "Dr Linda Collie  Accountable Officer  Portsmouth Clinical Commissioning Group"
# 000:191 "Tony Rawlinson  Chief Superintendent  Hampshire Constabulary"
PORTSMOUTH_2019 = {"portsmouth.pcc.chief-executive", "portsmouth.ccg.accountable-officer",
                   "portsmouth.police.chief-superintendent"}
EDITIONS = sorted(e.id for e in GRAPH.entities("edition"))


# --- Item 1: a body only older editions state is answered in them ---------------------------

def test_cdop_is_answered_in_the_2019_text_by_default():
    default, stated = accountable(GRAPH, "hips.cdop"), accountable(GRAPH, "hips.cdop", edition="hips-2019")
    assert default.model_dump() == stated.model_dump()
    assert {p.id for p in default.accountable} == PORTSMOUTH_2019
    assert "hips-2019" in default.editions and "hips-2022" not in default.editions
    # 000:531 "this group will report to the HIPS Executive"
    first = {(s.source, s.type, s.target) for chain in default.chains for s in chain.steps[:1]}
    assert first == {("hips.cdop", "reports_to", "hips.executive")}
    assert all(c.citation == "000:531" for chain in default.chains for c in chain.steps[0].sources)
    # Southampton's only document we hold is its 2022 arrangements (004): its 2019 arrangements,
    # which would name its leads for the 2019 panel, are not among our sources (not "not stated").
    kinds = {u.partnership: u.kind for u in default.unknown}
    assert kinds == {"southampton.sscp": "not-in-sources", "hampshire.hscp": "not-in-sources",
                     "iow.iowscp": "not-in-sources"}


@pytest.mark.parametrize("ask", [
    lambda **kw: escalation(GRAPH, "hips.cdop", **kw),
    lambda **kw: accountabilities(GRAPH, "hips.cdop", **kw),
])
def test_every_verb_answers_the_cdop_in_the_2019_text(ask):
    assert ask().model_dump() == ask(edition="hips-2019").model_dump()


def test_a_body_the_current_editions_state_stays_in_the_current_view():
    # The PSCP Board of the 2019 arrangements (000:281) is stated again by the 2021 annual report
    # (003:420 "full Partnership meeting"), which supplements them: the view is only moved for
    # what no current edition of the body's own partnership states.
    assert {"portsmouth-2021", "hips-2022", "southampton-2022"} <= set(accountable(GRAPH, "portsmouth.board").editions)


def test_hips_chart_highlighting_the_cdop_draws_the_2019_text():
    result = CliRunner().invoke(cli, ["diagram", "hips", "--highlight", "hips.cdop", "--format", "dot"])
    assert result.exit_code == 0, result.output
    title = result.output.split("Drawn by lscp")[0]
    assert "2019" in title and "2022" not in title
    # 004:62 (Maggie MacIsaac, ICB) is a 2022 line: not on the 2019 chart
    assert "southampton.icb.chief-executive" not in result.output


# --- Item 2: gaps report only what the edition states, never against the cited line ---------

def test_hips_2022_gaps_do_not_report_the_cdop():
    report = gaps(GRAPH, edition="hips-2022")
    assert not [f for f in report.findings if f.subject == "hips.cdop"]


def test_the_hips_page_lists_the_cdop_in_2019_only():
    # 004:136 lists three standing subgroups in 2022; 000:520 four in 2019, the CDOP among them (000:531).
    from lscp.queries.partnership import partnership

    def listed(edition):
        return {row.body.id for row in partnership(GRAPH, "hips", edition).bodies}

    assert "hips.cdop" not in listed("hips-2022") and "hips.cdop" not in listed(None)
    assert "hips.cdop" in listed("hips-2019")


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_structural_gap_contradicts_a_stated_line(edition):
    """For every "no reporting line" / "no chair" finding of an edition: the body is stated by
    that edition (or what it supplements), no edition of its view states the relation, and no
    line the finding cites is a line stating the relation in any edition."""
    from lscp.queries.editions import with_supplements
    from lscp.queries.view import view_at

    own, view = with_supplements(GRAPH, edition), view_at(GRAPH, edition)
    types = {"no-reporting-line": ("reports_to", "feeds_into"), "no-chair": ("chairs",)}
    end = {"no-reporting-line": "source", "no-chair": "target"}
    for f in gaps(GRAPH, edition=edition).findings:
        if f.code not in types:
            continue
        body = GRAPH.by_id[f.subject]
        assert not body.editions or set(body.editions) & own, f.message
        stated = list(GRAPH.relations(types[f.code], **{end[f.code]: body.id}))
        assert not [r for r in stated if view.sees(r)], f.message
        assert not {str(c) for r in stated for c in r.src} & {c.citation for c in f.facts}, f.message


# --- Item 3: a partner whose own partnership's arrangements we lack -------------------------

def test_hips_partners_without_a_held_local_document_are_about_our_sources():
    # 004:96 "... the four local partnerships"; Hampshire's and the Isle of Wight's own
    # arrangements documents are not among our sources (public-facts.md sections 2 and 3).
    report = gaps(GRAPH, area="hips-area")
    for org in ("hampshire-county-council", "iow-council"):
        found = [f for f in report.findings if f.subject == org and f.code == "no-lead-representative"]
        assert found, org
        for f in found:
            assert f.severity == "info" and f.knowledge == "not-in-sources", f.message
            assert "Not a finding about the partnership" in f.message
            assert "arrangements document" in f.message and "is not among our sources" in f.message


# --- Item 10: the 2017 Portsmouth Board was an LSCB ------------------------------------------

def test_lscb_is_not_held_to_partnership_rules():
    # 001:5 "PSCB Business Plan 2017-2019"; 001:21 "The Portsmouth Safeguarding Children Board
    # (PSCB) Business Plan ... the statutory objectives of the PSCB": a Local Safeguarding
    # Children Board, which had no safeguarding partners.
    report = gaps(GRAPH, area="portsmouth")
    lscb = [f for f in report.findings if f.partnership == "portsmouth.pscb"]
    codes = {"no-partners", "no-lead-representative", "no-delegate", "no-accountability-chain", "quorum-partner-missing"}
    assert not [f for f in lscb if f.code in codes and f.severity != "info"]
    assert not [f for f in lscb if f.severity == "high"]
    assert [f.severity for f in lscb if f.code == "lscb"] == ["info"]


def test_an_lscb_body_is_said_to_have_no_lead_representative_because_it_is_an_lscb():
    # 001 does not name lead representatives (not stated); the answer says why: an LSCB had none.
    answer = accountable(GRAPH, "portsmouth.pscb.board")
    assert not answer.accountable
    assert [(u.partnership, u.kind) for u in answer.unknown] == [("portsmouth.pscb", "not-stated")]
    assert "Local Safeguarding Children Board" in answer.unknown[0].note


def test_the_http_chart_highlighting_the_cdop_draws_the_2019_text():
    from fastapi.testclient import TestClient

    from lscp.api.http import create_app

    with TestClient(create_app(GRAPH)) as client:
        response = client.get("/api/charts/hips.svg", params={"highlight": "hips.cdop"})
    assert response.status_code == 200
    assert "2019 text" in response.text and "2022 text" not in response.text
