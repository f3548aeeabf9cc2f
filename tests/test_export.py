"""`lscp export`: CSV read back with Python's RFC 4180 reader, GraphML read with networkx and
igraph (python-igraph from PyPI), edge ids stable when a relation is added, byte-identical output."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import igraph
import networkx as nx
import pytest
import yaml
from lscp.api.cli import main
from lscp.loaders import default_data_dir

BASE = Path(__file__).parent / "bad_data" / "_base"

# data/southampton/2022.yaml writes the fact of 004:252, "This group is chaired by the
# Designated Doctor for Southampton" (the Serious Incidents and Learning Group, 004:243).
CHAIRS = ("southampton.designated-doctor", "chairs", "southampton.silg")
# data/portsmouth/2017.yaml:122 cites two lines for one fact: 000:144 "The Portsmouth
# Safeguarding Children Partnership (PSCP) has been developed out of the previous LSCB" and
# 003:341 "the PSCP (formally the Portsmouth Safeguarding Children Board)".
SUCCEEDED = ("portsmouth.pscb", "succeeded_by", "portsmouth.pscp")


def export(tmp_path: Path, *args: str, data: Path | None = None) -> Path:
    out = tmp_path / "out"
    tmp_path.mkdir(parents=True, exist_ok=True)
    prefix = ["--data", str(data)] if data else []
    assert main([*prefix, "export", *args, "-o", str(out)]) == 0
    return out


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def split(cell: str) -> list[str]:
    """docs/exports.md: '; '-joined, '\\;' and '\\\\' escaped."""
    values, current, chars = [], "", iter(cell)
    for char in chars:
        if char == "\\":
            current += next(chars)
        elif char == ";":
            values.append(current)
            current = ""
            assert next(chars) == " "
        else:
            current += char
    return [*values, current] if cell else []


@pytest.fixture(scope="module")
def csv_dir(tmp_path_factory):
    return export(tmp_path_factory.mktemp("csv"), "--format", "csv")


def test_csv_edges_carry_their_citations(csv_dir):
    edges = rows(csv_dir / "edges.csv")
    chairs = [e for e in edges if (e["from"], e["type"], e["to"]) == CHAIRS]
    assert [split(e["src"]) for e in chairs] == [["004:252"]]
    succeeded = [e for e in edges if (e["from"], e["type"], e["to"]) == SUCCEEDED]
    assert [split(e["src"]) for e in succeeded] == [["000:144", "003:341"]]
    assert split(succeeded[0]["editions"]) == ["portsmouth-2019", "portsmouth-2021"]
    assert len({e["id"] for e in edges}) == len(edges)


def test_csv_names_with_commas_survive(csv_dir):
    sources = yaml.safe_load((default_data_dir() / "registry" / "sources.yaml").read_text())["sources"]
    written = {item["id"]: item["name"] for item in sources}
    nodes = {n["id"]: n for n in rows(csv_dir / "nodes.csv")}
    with_commas = [i for i, name in written.items() if "," in name]
    assert with_commas
    for ident in with_commas:
        assert nodes[ident]["name"] == written[ident]


def test_csv_is_rfc_4180_and_a_bom_only_when_asked(csv_dir, tmp_path):
    plain = (csv_dir / "edges.csv").read_bytes()
    assert plain.startswith(b"id,from,type,to,src,") and b"\r\n" in plain and b"\n" not in plain.replace(b"\r\n", b"")
    with_bom = export(tmp_path, "--format", "csv", "--bom")
    assert (with_bom / "edges.csv").read_bytes() == b"\xef\xbb\xbf" + plain


def test_csv_needs_a_directory(capsys):
    assert main(["export", "--format", "csv"]) == 2
    assert "give -o DIRECTORY" in capsys.readouterr().err


@pytest.fixture(scope="module")
def graphml(tmp_path_factory):
    return export(tmp_path_factory.mktemp("graphml"), "--format", "graphml")


def test_graphml_reads_in_networkx_with_labels_and_metadata(graphml):
    graph = nx.read_graphml(graphml, force_multigraph=True)
    assert graph.nodes["southampton.silg"]["label"] == "Serious Incidents and Learning Group"
    chairs = [(k, d) for u, v, k, d in graph.edges(keys=True, data=True) if (u, d["type"], v) == CHAIRS]
    assert len(chairs) == 1
    key, data = chairs[0]
    assert key == data["relation_id"] and key.startswith("southampton.designated-doctor:chairs:southampton.silg:")
    assert data["label"] == "chairs" and data["src"] == "004:252"
    assert "southampton-2022" in graph.graph["editions"].split("; ") and len(graph.graph["data_version"]) == 16
    assert "generated_at" not in graph.graph


def test_graphml_reads_in_igraph(graphml):
    graph = igraph.Graph.Read_GraphML(str(graphml))
    silg = graph.vs.find(id="southampton.silg")
    assert silg["label"] == "Serious Incidents and Learning Group"
    edges = [e for e in graph.es if (graph.vs[e.source]["id"], e["type"], graph.vs[e.target]["id"]) == CHAIRS]
    assert [e["src"] for e in edges] == ["004:252"]
    assert "hips-2019" in graph["editions"].split("; ")


def test_exports_are_byte_identical_and_the_time_only_when_asked(graphml, tmp_path):
    again = export(tmp_path, "--format", "graphml")
    assert again.read_bytes() == graphml.read_bytes()
    stamped = export(tmp_path / "s", "--format", "graphml", "--generated-at")
    assert "generated_at" in nx.read_graphml(stamped).graph


def test_edge_ids_do_not_change_when_a_relation_is_added(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    with (data / "base.yaml").open("a") as file:
        file.write("relations:\n"
                   '  - {type: chairs, from: test.chair, to: test.board, src: "doc:6"}\n'
                   '  - {type: member_of, from: test-council, to: test.tscp, src: "doc:3"}\n')
    first = nx.read_graphml(export(tmp_path / "1", "--format", "graphml", data=data), force_multigraph=True)
    before = {d["relation_id"]: (u, v) for u, v, d in first.edges(data=True)}
    with (data / "base.yaml").open("a") as file:  # sorted first by (from, type, to): numbering would shift
        file.write('  - {type: funds, from: test-council, to: test.tscp, src: "doc:3"}\n')
    second = nx.read_graphml(export(tmp_path / "2", "--format", "graphml", data=data), force_multigraph=True)
    after = {d["relation_id"]: (u, v) for u, v, d in second.edges(data=True)}
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert all(after[ident] == ends for ident, ends in before.items())


def test_an_option_of_another_format_is_refused(capsys):
    assert main(["export", "--format", "json", "--bom"]) == 2
    assert main(["export", "--format", "csv", "--generated-at", "-o", "unused"]) == 2
    assert "--bom is for --format csv" in capsys.readouterr().err
