"""Names everywhere an id is taken: compare, charts (and their edition, highlight, route, before,
after, beside), the Compare and Changes pages, `lscp check`, /api/check and the compliance page,
all read through queries.lookup. One match answers as the id would; several answer with the
candidates and their areas (404 / exit 2); an area stands for its one safeguarding children
partnership, and the answer says so."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

LSCP = [sys.executable, "-c", "import sys; from lscp.api.cli import main; sys.exit(main())"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*LSCP, *args], capture_output=True, text=True, timeout=120)


def test_compare_takes_names_as_the_ids_they_name(client):
    by_id = client.get("/api/compare", params={"p": ["southampton.sscp", "portsmouth.pscp"]})
    by_name = client.get("/api/compare", params={"p": ["SSCP", "Portsmouth Safeguarding Children Partnership"]})
    assert by_id.status_code == by_name.status_code == 200
    assert by_name.json() == by_id.json()


def test_an_abbreviation_of_two_partnerships_lists_both_with_their_areas(client):
    answer = client.get("/api/compare", params={"p": ["PSCP", "SSCP"]})
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert set(error["suggestions"]) == {"plymouth.pscp", "portsmouth.pscp"}
    assert "(Plymouth Safeguarding Children Partnership, plymouth)" in error["message"]
    assert "(Portsmouth Safeguarding Children Partnership, portsmouth)" in error["message"]


@pytest.mark.parametrize("by_id, by_name", [
    ("/api/charts/southampton.sscp.dot?highlight=southampton.silg",
     "/api/charts/SSCP.dot?highlight=Serious%20Incidents%20and%20Learning%20Group"),
    ("/api/charts/hips.dot?route=hips.executive", "/api/charts/hips.dot?route=HIPS%20Executive"),
    ("/api/charts/hips.dot?edition=hips-2019", "/api/charts/hips.dot?edition=HIPS%202019"),
    ("/api/charts/hips.dot?before=hips-2019&after=hips-2022", "/api/charts/hips.dot?before=HIPS%202019&after=HIPS%202022"),
    ("/api/charts/southampton.sscp.dot?beside=plymouth.pscp",
     "/api/charts/SSCP.dot?beside=Plymouth%20Safeguarding%20Children%20Partnership"),
])
def test_a_chart_asked_by_names_is_the_chart_asked_by_ids(client, by_id, by_name):
    expected, answer = client.get(by_id), client.get(by_name)
    assert expected.status_code == 200, expected.text
    assert answer.status_code == 200, answer.text
    assert answer.content == expected.content


def test_a_chart_parameter_naming_several_lists_them(client):
    answer = client.get("/api/charts/hips.dot", params={"highlight": "PSCP"})
    assert answer.status_code == 404
    assert set(answer.json()["error"]["suggestions"]) >= {"plymouth.pscp", "portsmouth.pscp"}


def test_the_compare_and_changes_pages_take_names(client):
    page = client.get("/compare", params={"p": ["SSCP", "portsmouth.pscp"]})
    assert page.status_code == 200
    assert 'value="southampton.sscp" selected' in page.text  # the name read as the id it names
    changes = client.get("/changes", params={"before": "HIPS 2019", "after": "hips-2022"})
    assert changes.status_code == 200
    assert 'value="hips-2019" selected' in changes.text
    assert client.get("/compare", params={"p": ["PSCP", "SSCP"]}).status_code == 404


# Southampton: one safeguarding children partnership covers the area (data/registry/partnerships.yaml).
def test_check_of_an_area_answers_for_its_one_partnership_and_says_so(client):
    by_area = client.get("/api/check/southampton").json()
    by_id = client.get("/api/check/southampton.sscp").json()
    assert by_area["partnership"] == "southampton.sscp"
    assert "Southampton is an area" in by_area["note"] and by_id["note"] is None
    assert by_area["results"] == by_id["results"]
    page = client.get("/partnerships/southampton/compliance")
    assert page.status_code == 200 and "Southampton is an area" in page.text
    assert client.get("/api/check/PSCP").status_code == 404


def test_lscp_check_takes_an_area_a_name_and_refuses_an_ambiguous_one():
    area = run("check", "southampton")
    assert area.returncode == 0, area.stderr
    assert area.stdout.splitlines()[0].startswith("Southampton is an area: answered for its safeguarding children "
                                                  "partnership, Southampton Safeguarding Children Partnership")
    named = run("check", "Isle of Wight Safeguarding Children Partnership", "--json")
    assert named.returncode == 0 and json.loads(named.stdout)["partnership"] == "iow.iowscp"
    both = run("check", "PSCP")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    assert "plymouth.pscp (Plymouth Safeguarding Children Partnership, plymouth)" in both.stderr
    body = run("check", "Serious Incidents and Learning Group")
    assert body.returncode == 2 and "'southampton.silg' is a body, not a partnership" in body.stderr


def test_an_area_with_only_a_succeeded_partnership_besides_its_own_takes_its_own():
    # 002:129-131: the joint Plymouth and Torbay partnership gave way to Plymouth's own.
    from lscp.loaders import load
    from lscp.queries.lookup import current_partnerships

    assert [p.id for p in current_partnerships(load(), "plymouth")] == ["plymouth.pscp"]
