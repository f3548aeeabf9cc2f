"""Keep the README's worked examples true: each is the real output of its command.

    python docs/examples.py          # rewrite the examples in README.md
    python docs/examples.py --check  # exit 1 if any example is stale (the test suite runs this)

An example is written in README.md as

    <!-- example: lscp accountable southampton.silg | 20 -->
    ...generated...
    <!-- /example -->

where the optional `| N` keeps the first N lines of the output.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- example: (?P<command>.+?) -->\n)(?P<body>.*?)(<!-- /example -->)", re.S)


def run(command: str) -> str:
    """The output of one `lscp ...` command, run in-process, cut to the requested lines."""
    from lscp.api.cli import main

    command, _, keep = command.partition("|")
    args = shlex.split(command)[1:]
    out, err = io.StringIO(), io.StringIO()
    # Tables wrap to the terminal's width: the examples are as a 100-column terminal shows them.
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _columns("100"):
        main(args)
    lines = (out.getvalue() + err.getvalue()).rstrip("\n").splitlines()
    limit = int(keep) if keep.strip() else None
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"… ({len(lines) - limit} more lines)"]
    return "\n".join(line.rstrip() for line in lines)


@contextlib.contextmanager
def _columns(width: str):
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def render(text: str) -> str:
    def replace(match: re.Match) -> str:
        command = match["command"]
        return f"{match.group(1)}```console\n$ {command.partition('|')[0].strip()}\n{run(command)}\n```\n{match.group(4)}"

    return BLOCK.sub(replace, text)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        return 0 if fresh == current else 1
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
