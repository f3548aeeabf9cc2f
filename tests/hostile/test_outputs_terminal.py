"""Names carrying terminal escape sequences (OSC title change, colours, C1 CSI, bell) and
control characters reach the terminal as visible `\\x1b`-style text, in every format and in
error messages, both in-process and through a real pipe."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lscp.api.cli import main

from .test_outputs_world import hostile_world

# What a terminal acts on: C0 controls but newline and tab, a CR not ending a line, DEL, C1.
ACTIVE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
LSCP = Path(sys.executable).parent / "lscp"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return hostile_world(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("args", [
    ["list", "bodies"], ["list", "bodies", "--format", "markdown"], ["list", "bodies", "--format", "csv"],
    ["search", "red"], ["show", "test.hostile-6"], ["show", "test.hostile-7"], ["accountable", "test.hostile-6"],
    ["show", "test.board", "--json"], ["export", "--format", "json"], ["export", "--format", "graphml"],
])
def test_no_control_character_reaches_the_terminal(world, capsys, args):
    main(["--data", str(world), *args])
    out, err = capsys.readouterr()
    assert not ACTIVE.search(out) and not ACTIVE.search(err)
    if "show" in args and "test.hostile-6" in args:
        assert "\\x1b]0;owned\\x07" in out and "\\x9b31m C1 \\x7f" in out  # shown, as text
    if "--json" in args:
        json.loads(out)  # still JSON: C1 and DEL as \\u escapes


def test_an_error_message_echoing_the_input_is_inert(world, capsys):
    assert main(["--data", str(world), "show", "test.board\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert not ACTIVE.search(err) and "test.board\\x1b[2J" in err


def test_through_a_real_pipe(world):
    run = subprocess.run([str(LSCP), "--data", str(world), "list", "bodies"], capture_output=True, timeout=60, check=False)
    assert run.returncode == 0
    text = run.stdout.decode("utf-8")
    assert "owned" in text and not ACTIVE.search(text)
