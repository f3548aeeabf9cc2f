"""The partnership report behind the partnership page (issue 13 items 3-5, page side).

  004:160-176  "The relevant agencies for the SSCP arrangements are named as:" then 14 numbered
               items, "1. All mainstream, special, independent, academies, and free schools ..."
               to "14. Sports and activities clubs' representation".
  004:267      "... the group member for each safeguarding partner will escalate this to either
               their own senior safeguarding partner representative or the SSCP Safeguarding
               Partners Executive including the Independent Chair."  -- three partners, two
               places each: six routes, the only escalation the Southampton text states.
  000:531      "... this group will report to the HIPS Executive ..." (the HIPS CDOP)
  000:481, 000:520  the HIPS Executive and its four-area subgroups cover Hampshire and the
               Isle of Wight, whose own arrangements are not among the sources.
"""
from __future__ import annotations

import pytest

from lscp.loaders import load
from lscp.queries import escalation, partnership
from lscp.model import UsageError


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def test_southampton_counts_from_the_text(graph):
    report = partnership(graph, "southampton.sscp")
    assert report.counts.relevant_agencies == 14
    assert report.counts.escalation_routes == 6


def test_counts_agree_with_escalate(graph):
    report = partnership(graph, "southampton.sscp")
    starts = ["southampton.sscp", *[row.body.id for row in report.bodies]]
    assert report.counts.escalation_routes == sum(len(escalation(graph, s, edition=report.edition).routes) for s in starts)


def test_each_agency_listed_once(graph):
    for pid in ("portsmouth.pscp", "plymouth.pscp", "southampton.sscp"):
        report = partnership(graph, pid)
        listed = [r.source for rows in report.agencies.values() for r in rows]
        assert len(listed) == len(set(listed)) == report.counts.relevant_agencies


def test_hips_cdop_line_is_stated(graph):
    report = partnership(graph, "hips", "hips-2019")
    (row,) = [r for r in report.bodies if r.body.id == "hips.cdop"]
    assert row.line.status == "stated"
    assert [r.target for r in row.line.relations] == ["hips.executive"]
    assert "000:531" in {c.citation for r in row.line.relations for c in r.sources}


@pytest.mark.parametrize("pid", ["iow.iowscp", "hampshire.hscp"])
def test_area_without_its_own_document_leads_with_the_hips_bodies(graph, pid):
    report = partnership(graph, pid)
    assert not report.document.held and "not among the sources" in report.document.message
    assert "missing" not in report.document.message.lower()
    assert report.document.would_answer
    assert {"hips.executive", "hips.health-group"} <= {b.id for b in report.wider_bodies}


def test_only_partnerships(graph):
    with pytest.raises(UsageError):
        partnership(graph, "southampton.silg")
