"""The README tells the truth: every command documented, every worked example current."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from lscp.api.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    ctx = click.Context(cli)
    missing = [name for name in cli.list_commands(ctx) if f"lscp {name}" not in readme]
    assert missing == []


def test_worked_examples_are_current():
    spec = importlib.util.spec_from_file_location("examples", ROOT / "docs" / "examples.py")
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    assert examples.main(["--check"]) == 0, "run: make readme"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
