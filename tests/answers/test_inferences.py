"""Inferences are shown as inferences (issue 13 item 5): a relation read into the text carries
`inferred: true` and its note is shown wherever it is used.

000:366 "The PSCP may delegate functions as it considers appropriate to its Executive Group, group
         or committees."  -- permissive: the delegation to the MESC is read into it, with
000:384 "The MESC will manage the detail of the scrutiny and assurance work of the Partnership".
002:431 (the wider partnership's membership table) names an "Education Reference Group | Chair"
         row, which is read as that post chairing the group (the text never says "chairs").
"""
from __future__ import annotations

import json

import pytest

from lscp.api.cli import main
from lscp.diagrams.dot import INFERRED_KEY, key_rows
from lscp.loaders import load
from lscp.model import Relation
from lscp.queries import accountable, accountabilities, show


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def test_an_inferred_relation_needs_a_note():
    with pytest.raises(ValueError, match="inferred relation needs a 'note'"):
        Relation.model_validate({"type": "chairs", "from": "x.chair", "to": "x.group", "src": "000:1", "inferred": True})


def test_permissive_delegation_is_marked_inferred(graph):
    (mesc,) = graph.relations(type="delegates_to", source="portsmouth.pscp", target="portsmouth.mesc")
    assert mesc.inferred and "may delegate" in mesc.note


def test_accountable_steps_carry_the_caveat(graph):
    answer = accountable(graph, "portsmouth.mesc")
    steps = [s for c in answer.chains for s in c.steps if s.type == "delegates_to"]
    assert steps and all(s.caveat and "may delegate" in s.caveat for s in steps)
    stated = [s for c in answer.chains for s in c.steps if s.type == "lead_representative_of"]
    assert stated and not any(s.caveat for s in stated)


def test_accountabilities_list_the_caveats_on_the_way(graph):
    answer = accountabilities(graph, "portsmouth.pcc.chief-executive")
    (mesc,) = [x for x in answer.accountable_for if x.subject == "portsmouth.mesc"]
    assert any("may delegate" in c for c in mesc.caveats)


def test_cli_text_and_json_show_the_caveat(capsys):
    assert main(["accountable", "portsmouth.mesc"]) == 0
    assert "inferred, not stated: " in capsys.readouterr().out
    assert main(["show", "plymouth.erg-chair", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (chairs,) = [r for r in data["outgoing"] if r["type"] == "chairs"]
    assert chairs["inferred"] is True and "Implied" in chairs["note"]
    assert main(["show", "plymouth.erg-chair"]) == 0
    assert "inferred: Implied by the wider partnership's row" in capsys.readouterr().out


def test_show_marks_only_inferred_relations(graph):
    detail = show(graph, "portsmouth.pscp", limit=None)
    flagged = {(r.type, r.target) for r in detail.outgoing if r.inferred}
    assert ("delegates_to", "portsmouth.mesc") in flagged
    assert ("delegates_to", "portsmouth.learning-from-cases") in flagged
    assert not any(r.inferred for r in detail.outgoing if r.type == "covers")


def test_chart_key_explains_the_inferred_label(graph):
    from lscp.diagrams.structure import structure_chart
    chart = structure_chart(graph, "portsmouth.pscp")
    inferred = [e for e in chart.edges if e.inferred]
    assert inferred and all("(inferred)" in (e.label or "") for e in inferred)
    assert INFERRED_KEY in [row.text for row in key_rows(chart)]
