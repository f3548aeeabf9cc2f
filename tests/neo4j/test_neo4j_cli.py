"""`lscp neo4j load|status` and their errors, through the CLI's own entry point."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from lscp.api import cli as cli_module
from lscp.api.commands.neo4j import neo4j
from lscp.loaders import load

pytestmark = pytest.mark.neo4j

COMPLETE = Path(__file__).resolve().parent.parent / "fixtures" / "complete"


@pytest.fixture()
def lscp(monkeypatch, capsys, bolt_server):
    """Run `lscp ...` in-process; the neo4j group is registered as api/cli.py registers it."""
    monkeypatch.setitem(cli_module.cli.commands, "neo4j", neo4j)
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        code = cli_module.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def settings(bolt_server):
    return bolt_server.database("lscp_cli")


def test_load_and_status(lscp, settings, monkeypatch):
    login = ["--uri", settings.uri, "--user", settings.user, "--password", settings.password, "--database", settings.database]
    code, out, err = lscp("--data", str(COMPLETE), "neo4j", "load", *login, "--json")
    assert (code, err) == (0, "")
    loaded = json.loads(out)
    graph = load(COMPLETE)
    assert (loaded["entities"], loaded["relations"], loaded["editions"], loaded["mode"]) == \
        (len(graph.by_id), len(graph.relation_list), ["test-2020"], "full")

    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_USER", settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", settings.database)
    code, out, err = lscp("--data", str(COMPLETE), "neo4j", "load", "--edition", "test-2020", "-v")
    assert code == 0
    assert out.startswith(f"Replaced edition test-2020 in database {settings.database!r} at {settings.uri} (")
    assert "relations" in err  # one progress line per batch

    code, out, err = lscp("neo4j", "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"database {settings.database!r} at {settings.uri} (")
    assert lines[1].startswith("Loaded ") and "(full load); edition test-2020 replaced" in lines[1]
    kinds = Counter(e.kind for e in graph.entities())
    assert lines[2:] == ["Editions: test-2020",
                         f"Entities: {len(graph.by_id)} ({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})",
                         f"Relations: {len(graph.relation_list)}"]


def test_errors_exit_2_with_one_line(lscp, settings):
    code, out, err = lscp("neo4j", "status", "--uri", settings.uri, "--user", "lscp-nobody", "--password", "wrong")
    assert (code, out) == (2, "")
    assert err == (f"Error: Neo4j at {settings.uri} refused user 'lscp-nobody': wrong user or password; "
                   "pass --user and --password (or set NEO4J_USER and NEO4J_PASSWORD).\n")
    code, out, err = lscp("neo4j", "load", "--uri", settings.uri, "--user", settings.user, "--password",
                          settings.password, "--database", "lscpmissing")
    assert code == 2 and err.startswith(f"Error: Neo4j at {settings.uri} has no database 'lscpmissing'")
    assert err.count("\n") == 1


def test_status_of_an_empty_database(lscp, bolt_server):
    empty = bolt_server.database("lscp_cli_empty")
    code, out, _ = lscp("neo4j", "status", "--uri", empty.uri, "--user", empty.user, "--password", empty.password,
                        "--database", empty.database)
    assert code == 0
    assert out.startswith(f"Nothing is loaded in database {empty.database!r} at {empty.uri} (")
