"""`lscp diagram` on a tiny YAML world: formats, files, stdout, and refusals without tracebacks."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from lscp.api.commands.diagram import diagram
from lscp.model import NotFound, UsageError

WORLD = Path(__file__).parent / "fixtures" / "world"


def run(*args: str):
    return CliRunner().invoke(diagram, list(args), obj={"data": WORLD}, catch_exceptions=True)


@pytest.fixture
def lscp(monkeypatch):
    """The real entry point with the command registered, as api/cli.py will register it."""
    from lscp.api import cli as cli_module

    monkeypatch.setitem(cli_module.cli.commands, "diagram", diagram)
    return cli_module.main


def test_dot_to_stdout():
    result = run("test.tscp", "--format", "dot")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("digraph lscp {")
    assert "<script>" not in result.stdout


def test_area_target_and_mermaid():
    result = run("testshire", "--format", "mermaid")
    assert result.exit_code == 0
    assert result.stdout.startswith("flowchart TB")
    assert "<script" not in result.stdout


@pytest.mark.graphviz
@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_rendered_formats_to_a_file(tmp_path, dot_binary, fmt, magic):
    out = tmp_path / f"chart.{fmt}"
    result = run("test.tscp", "--format", fmt, "-o", str(out), "--orientation", "LR", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert f"Wrote {out}" in result.stderr


@pytest.mark.graphviz
def test_drawio_file(tmp_path, dot_binary):
    out = tmp_path / "chart.drawio"
    assert run("test.tscp", "--format", "drawio", "-o", str(out)).exit_code == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag == "mxfile" and "<script" not in out.read_text(encoding="utf-8")


def test_highlight_steps_file(tmp_path):
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps([["test.learning", "escalates_to", "test.board", "split decision"],
                                 {"source": "test.chair", "type": "chairs", "target": "test.board"}]))
    result = run("test.tscp", "--format", "dot", "--highlight-steps", str(steps))
    assert result.exit_code == 0, result.output
    assert "1. split decision" in result.stdout and "2. chairs" in result.stdout
    flow = run("--format", "dot", "--highlight-steps", str(steps), "--flow")
    assert flow.exit_code == 0 and 'rankdir="LR"' in flow.stdout


@pytest.mark.parametrize("args, error, message", [
    (["nowhere"], NotFound, "No entity with id 'nowhere'"),
    (["test.board"], UsageError, "test.board is a body"),
    (["test.tscp", "--edition", "test-2099"], UsageError, "edition 'test-2099' is not an edition of test.tscp"),
    (["test.tscp", "--kinds", "everything"], UsageError, "unknown kind(s) everything"),
    (["--flow"], UsageError, "--flow draws highlighted steps alone"),
    ([], UsageError, "give a TARGET"),
])
def test_bad_input_raises_the_core_errors(args, error, message):
    result = run(*args)
    assert isinstance(result.exception, error)
    assert message in str(result.exception)


def test_bad_steps_file(tmp_path):
    steps = tmp_path / "steps.json"
    steps.write_text("{not json")
    result = run("test.tscp", "--highlight-steps", str(steps))
    assert isinstance(result.exception, UsageError) and "cannot read steps" in str(result.exception)


def test_main_prints_errors_not_tracebacks(lscp, capsys):
    assert lscp(["--data", str(WORLD), "diagram", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: No entity with id 'nowhere'") and "Traceback" not in err
    assert lscp(["--data", str(WORLD), "diagram", "test.tscp", "--format", "gif"]) == 2
