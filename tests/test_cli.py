"""The command line: exit codes, messages pinned, JSON on every command, no tracebacks."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from lscp.api.cli import main
from lscp.loaders import default_data_dir

LSCP = [sys.executable, "-c", "import sys; from lscp.api.cli import main; sys.exit(main())"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*LSCP, *args], capture_output=True, text=True, timeout=120)


def test_search_then_show_the_serious_incidents_group():
    found = run("search", "Serious Incidents", "--json")
    assert found.returncode == 0
    hits = json.loads(found.stdout)
    assert hits[0]["id"] == "southampton.silg"
    shown = json.loads(run("show", "southampton.silg", "--json").stdout)
    chairs = [r for r in shown["incoming"] if r["type"] == "chairs"]
    assert [c["source_name"] for c in chairs] == ["Designated Doctor for Southampton"]
    assert "004:252" in {s["citation"] for c in chairs for s in c["sources"]}
    assert all(s["lines"] for c in chairs for s in c["sources"])  # each citation carries its lines


def test_validate_names_the_misspelt_reference_and_the_closest_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "southampton" / "2022.yaml"
    text = path.read_text()
    assert "to: southampton.silg," in text
    path.write_text(text.replace("to: southampton.silg,", "to: southampton.slig,", 1))
    line = next(n for n, text_line in enumerate(path.read_text().splitlines(), 1) if "southampton.slig" in text_line)
    result = run("validate", str(data))
    assert result.returncode == 2
    assert f"southampton/2022.yaml:{line}:" in result.stderr
    assert "no entity has id 'southampton.slig' (did you mean 'southampton.silg'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_ok_and_json():
    result = run("validate", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["problems"] == []


def test_unknown_id_exits_2_with_suggestion_and_no_traceback():
    result = run("show", "southampton.silgg")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: No entity with id 'southampton.silgg'. Did you mean: southampton.silg")
    assert "Traceback" not in result.stderr


def test_unknown_kind_is_a_usage_error(capsys):
    assert main(["list", "bodys"]) == 2
    assert "unknown kind 'bodys'" in capsys.readouterr().err


def test_bad_option_is_a_usage_error(capsys):
    assert main(["gaps", "--rules", "wt2099"]) == 2


def test_gaps_exits_1_with_findings():
    assert run("gaps", "--area", "southampton").returncode == 1


@pytest.mark.parametrize("args", [
    ["list", "bodies", "--area", "plymouth"], ["overview"], ["accountable", "southampton.silg"],
    ["escalate", "portsmouth.board", "--when", "split-decision"], ["diff", "hips-2019", "hips-2022"],
    ["compare", "southampton", "portsmouth"], ["load", "southampton.designated-doctor"],
    ["raci", "--area", "southampton"], ["vacancy", "southampton.designated-doctor"], ["coverage"],
    ["accountabilities", "portsmouth.pcc.chief-executive"],
])
def test_every_command_answers_in_json(args, capsys):
    code = main([*args, "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)


def test_list_bodies_in_plymouth_shows_chairs(capsys):
    assert main(["list", "bodies", "--area", "plymouth", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["plymouth.qa-group"]["chairs"] == ["Independent Quality Assurer"]


def test_markdown_and_csv_formats(capsys):
    assert main(["list", "bodies", "--area", "southampton", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "id,name,subkind,chair,editions"
    assert main(["raci", "--area", "southampton", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| function_name | responsible | accountable | flag |")
