"""Tables that fit: the terminal table wraps to COLUMNS and cuts nothing; Markdown and CSV hold
every cell whole; CSV joins several values so commas inside names survive, keeps the gaps'
citations, and has a byte order mark when asked (csv-bom)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from lscp.api.cli import main

COMMANDS = [
    ["gaps", "--area", "plymouth"], ["list", "bodies", "--area", "plymouth"], ["diff", "hips-2019", "hips-2022"],
    ["raci", "--area", "southampton"], ["compare", "southampton", "portsmouth"], ["coverage"],
    ["load", "plymouth.independent-quality-assurer"], ["search", "safeguarding", "partnership"],
]


def run(capsys, args: list[str]) -> str:
    main(args)
    return capsys.readouterr().out


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_the_table_fits_the_terminal_and_cuts_nothing(capsys, monkeypatch, args, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    out = run(capsys, args)
    summary = out.split("\n\n", 1)[0] if args[0] in ("gaps", "diff", "load", "compare") else ""
    table = out[len(summary):]
    assert max(len(line) for line in table.splitlines()) <= columns
    assert "…" not in out
    words = set(re.split(r"\s+|(?<=-)", table))
    for row in csv.reader(io.StringIO(run(capsys, [*args, "--format", "csv"]))):
        for cell in row:  # every word of every cell is in the wrapped table (a line breaks after a hyphen)
            for word in re.split(r"\s+|(?<=-)", cell.replace("\\;", ";").strip()):
                assert word in words or len(word) > 20, word


@pytest.mark.parametrize("fmt", ["markdown", "csv", "csv-bom"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_file_formats_cut_nothing(capsys, args, fmt):
    assert "…" not in run(capsys, [*args, "--format", fmt])


def test_several_values_survive_commas_in_names(capsys):
    """004:5-10 names the three safeguarding partners' lead representatives; in the RACI CSV the
    accountable parties, names with commas in them ("Chief Executive, Southampton City Council"),
    split back exactly on '; '."""
    rows = {r["function_name"]: r for r in csv.DictReader(io.StringIO(run(capsys, ["raci", "--area", "southampton", "--format", "csv"])))}
    answer = json.loads(run(capsys, ["raci", "--area", "southampton", "--json"]))
    for row in answer["rows"]:
        if row["accountable"]:
            assert rows[row["function_name"]]["accountable"].split("; ") == row["accountable"]
    assert any("," in name for row in answer["rows"] for name in row["accountable"])


def test_the_gaps_csv_keeps_the_citations(capsys):
    """004:272 describes the Safeguarding Practice Improvement Group and says who chairs it, not
    how often it meets: the not-stated finding on its frequency cites that line."""
    rows = list(csv.DictReader(io.StringIO(run(capsys, ["gaps", "--area", "southampton", "--format", "csv"]))))
    spig = [r for r in rows if r["subject"] == "southampton.spig" and r["message"].startswith("Not stated: frequency")]
    assert spig and spig[0]["facts"] == "004:272"
    answer = json.loads(run(capsys, ["gaps", "--area", "southampton", "--json"]))
    assert [r["facts"] for r in rows] == ["; ".join(c["citation"] for c in f["facts"]) for f in answer["findings"]]


def test_csv_bom_is_for_excel(capsys):
    out = run(capsys, ["list", "bodies", "--area", "southampton", "--format", "csv-bom"])
    assert out.startswith("\ufeffid,name,subkind,chair,editions\r\n")
    assert not run(capsys, ["list", "bodies", "--area", "southampton", "--format", "csv"]).startswith("\ufeff")


@pytest.mark.parametrize("columns", ["40", "60", "100"])
def test_ids_are_never_cut_so_they_can_be_copied_into_the_next_command(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    ids = [e["id"] for e in json.loads(run(capsys, ["list", "posts", "--area", "southampton", "--json"]))]
    words = set(run(capsys, ["list", "posts", "--area", "southampton"]).split())
    assert ids and all(i in words for i in ids)
