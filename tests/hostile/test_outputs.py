"""An output path that cannot be written is one line and exit 2, in every command that writes."""
from __future__ import annotations

import pytest

from .conftest import lscp, one_line_error

COMMANDS = [["export", "--format", "json"], ["export", "--format", "graphml"], ["schema"],
            ["diagram", "southampton", "--format", "mermaid"]]
PATHS = {
    "/nonexistent-dir/out.txt": "No such file or directory; create the directory first or give another path",
    "/proc/lscp-out": "No such file or directory; create the directory first or give another path",
    "/dev/full": "No space left on device; give a path you can write to",
}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("path", PATHS)
def test_an_unwritable_output_path(command, path):
    err = one_line_error(lscp(*command, "-o", path))
    assert err == f"Error: cannot write {path}: {PATHS[path]}\n"


@pytest.mark.parametrize("command", COMMANDS[:3], ids=lambda c: " ".join(c[:2]))
def test_a_directory_as_the_output(command, tmp_path):
    err = one_line_error(lscp(*command, "-o", str(tmp_path)))
    assert err == f"Error: cannot write {tmp_path}: Is a directory; give a file name, not a directory\n"


def test_diagram_refuses_a_directory_before_drawing(tmp_path):
    err = one_line_error(lscp("diagram", "southampton", "-o", str(tmp_path)))
    assert f"'{tmp_path}' is a directory" in err
