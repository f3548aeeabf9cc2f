"""CSV cells a spreadsheet would run as formulas get a leading `'` (OWASP's rule: a cell
starting with =, +, -, @, tab or carriage return), in `lscp export --format csv` and in every
`--format csv` / `csv-bom` table."""
from __future__ import annotations

import csv
import io

import pytest

from lscp.api.cli import main

from .test_outputs_world import hostile_world

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return hostile_world(tmp_path_factory.mktemp("hostile"))


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")) for cell in row]


def test_the_export_neutralises_every_formula(world, tmp_path):
    assert main(["--data", str(world), "export", "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    nodes = (tmp_path / "out" / "nodes.csv").read_bytes().decode("utf-8")  # CRs as written
    edges = (tmp_path / "out" / "edges.csv").read_bytes().decode("utf-8")
    written = cells(nodes) + cells(edges)
    assert not [c for c in written if c.startswith(FORMULA_START)]
    names = set(cells(nodes))
    for name in ['=HYPERLINK("http://evil.example","Board")', "+1 Group", "-2 Group", "@SUM(A1) Group",
                 "\tTab Group", "\rReturn Group"]:
        assert "'" + name in names  # the text kept whole, behind the apostrophe
    notes = set(cells(edges))
    assert "'-2 Group" in notes


@pytest.mark.parametrize("fmt", ["csv", "csv-bom"])
@pytest.mark.parametrize("args", [["list", "bodies"], ["search", "group"]])
def test_tables_neutralise_every_formula(world, capsys, args, fmt):
    assert main(["--data", str(world), *args, "--format", fmt]) == 0
    written = cells(capsys.readouterr().out)
    assert not [c for c in written if c.startswith(FORMULA_START)]
    assert "'+1 Group" in written and "'@SUM(A1) Group" in written
