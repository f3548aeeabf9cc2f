"""Markdown tables carry no raw HTML (a `<script>` in a name is written `&lt;script&gt;`), a `|`
in a name cannot open a new column, and no control character gets through."""
from __future__ import annotations

import re

import pytest

from lscp.api.cli import main

from .test_outputs_world import hostile_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return hostile_world(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("args", [["list", "bodies"], ["search", "script"], ["search", "group"]])
def test_markdown_is_inert(world, capsys, args):
    main(["--data", str(world), *args, "--format", "markdown"])
    out = capsys.readouterr().out
    assert "<script" not in out.lower()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", out)
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) > 2 and len({len(re.split(r"(?<!\\)\|", row)) for row in rows}) == 1  # one column count


def test_the_script_name_is_shown_as_text(world, capsys):
    main(["--data", str(world), "list", "bodies", "--format", "markdown"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Group \\| pipe" in capsys.readouterr().out
