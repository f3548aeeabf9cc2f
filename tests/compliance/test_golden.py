"""The bundled editions' verdicts under each pack, against a reviewed golden file.

Regenerate with `LSCP_REGOLD=1 pytest tests/compliance/test_golden.py`, then review every changed
"not-met" line by reading its cited lines (the file's header says how the last review was done)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lscp.loaders import load
from lscp.queries.compliance import check

GOLDEN = Path(__file__).parent / "golden" / "verdicts.txt"
AS_AT_UNDATED = "2026-06-01"  # the public records are undated: a fixed date keeps the file stable


def render(graph) -> str:
    lines = []
    for edition in graph.entities("edition"):
        as_at = None if edition.date else AS_AT_UNDATED
        for rules in ("wt2018", "wt2023", "cwsa2026"):
            report = check(graph, edition.id, rules=rules, as_at=as_at, commencement="2027-09-01" if rules == "cwsa2026" else None)
            lines.append(f"{edition.id} {rules}: {report.summary}")
            for r in report.results:
                if r.verdict == "not-applicable":
                    continue
                cited = ",".join(sorted({s.citation for e in r.evidence for s in e.sources if not s.url}))
                lines.append(f"  {r.id:9} {r.verdict:13} {r.severity:6} {cited}")
    return "\n".join(lines) + "\n"


def _header() -> str:
    text = GOLDEN.read_text(encoding="utf-8")
    return text[:text.index("\n\n") + 2]


def test_bundled_verdicts_match_the_reviewed_golden_file():
    body = render(load())
    if os.environ.get("LSCP_REGOLD"):
        GOLDEN.write_text(_header() + body, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == _header() + body


@pytest.mark.parametrize("edition", ["portsmouth-2019", "southampton-2022"])
def test_portsmouth_2019_and_southampton_2022_differ_between_wt2018_and_wt2023(edition):
    """000:281 and 004:203: an independent chair who is also the scrutineer (WT23-05 not met);
    000:190 and 004:62: the health lead is the CCG accountable officer in Portsmouth (WT23-01)."""
    graph = load()
    wt18 = {r.id: r.verdict for r in check(graph, edition, rules="wt2018").results}
    wt23 = {r.id: r.verdict for r in check(graph, edition, rules="wt2023").results}
    assert wt23["WT23-05"] == "not-met" and "WT23-05" not in wt18
    assert wt18 != wt23
