"""One place for output formats: JSON, tables, Markdown and CSV over typed results.

A table for the terminal wraps its cells to fit the width (COLUMNS, else the terminal's) and
never cuts one short; Markdown and CSV, meant for files, hold every cell whole. Several values
in one cell are `; `-joined (in CSV with `\\;` and `\\\\` escaped, docs/exports.md). Every cell
is made inert for where it goes (lscp.loaders.inert): no terminal escapes, no HTML in Markdown,
no spreadsheet formulas in CSV.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from lscp.loaders.inert import LIST_SEPARATOR, csv_cell, joined, markdown_text, terminal_text

FORMATS = ("table", "markdown", "csv", "csv-bom")  # csv-bom: CSV with a byte order mark, for Excel
GAP = "  "
MIN_WIDTH = 12  # the narrowest a block's values wrap to
_WORDS = re.compile(r"\s+|(?<=-)")  # where textwrap may break a line: spaces, after hyphens
MAX_WORD = 20  # a longer word (a URL) may be cut in two rather than force the block layout
WHOLE = frozenset({"id", "subject", "requirement"})  # ids are copied into the next command: never cut


def plain(value: Any) -> Any:
    """Typed results to plain JSON-able data."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


_JSON_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def to_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text. json escapes C0 controls;
    DEL and the C1 controls (a terminal reads \x9b as ESC [) are escaped too."""
    text = json.dumps(plain(value), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return _JSON_UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class InertStream:
    """A text stream that writes control characters as visible escapes (terminal_text), so a
    name in the data can never drive the terminal it is printed on."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def __getattr__(self, name: str):  # flush, buffer (binary output), encoding, isatty...
        return getattr(self._stream, name)


@contextlib.contextmanager
def inert_output():
    """stdout and stderr as InertStreams for the duration."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _values(value: Any) -> list[str]:
    """A cell's values as text: a list gives several, a citation its `004:252`."""
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _values(item)]
    if value is None:
        return []
    citation = getattr(value, "citation", None)
    return [citation if isinstance(citation, str) else str(value)]


def _get(item: Any, column: str) -> Any:
    return item.get(column) if isinstance(item, dict) else getattr(item, column)


def rows_of(items: Sequence[Any], columns: Sequence[str], join=LIST_SEPARATOR.join) -> list[list[str]]:
    """Cells of models or dicts, by column name, several values joined by `join`."""
    return [[join(_values(_get(item, column))) for column in columns] for item in items]


def table(items: Sequence[Any], columns: Sequence[str], fmt: str = "table", width: int | None = None) -> str:
    """Render rows as a text table fitting `width` (default: the terminal's), Markdown or CSV."""
    if fmt in ("csv", "csv-bom"):
        return _csv(list(columns), rows_of(items, columns, joined), bom=fmt == "csv-bom")
    if fmt == "markdown":
        rows = rows_of(items, columns)
        lines = ["| " + " | ".join(markdown_text(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    rows = [[terminal_text(c) for c in row] for row in rows_of(items, columns)]
    return _text_table(list(columns), rows, width or shutil.get_terminal_size().columns)


def _csv(header: list[str], rows: list[list[str]], bom: bool) -> str:
    """RFC 4180 quoting; CRLF line ends and a byte order mark for Excel (csv-bom)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if bom else "\n")
    writer.writerow(header)
    writer.writerows([[csv_cell(c) for c in row] for row in rows])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def fitted_widths(natural: list[int], floors: list[int], width: int) -> list[int]:
    """Column widths within `width` (with GAP between): a column narrower than an equal share
    stays whole; the others share the rest in proportion to their natural widths, none below
    its floor, so long text wraps most.

    >>> fitted_widths([6, 39, 320, 47], [6, 20, 16, 20], 80)
    [6, 20, 28, 20]
    """
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    narrow = {i for i, n in enumerate(natural) if n <= room / len(natural)}
    if sum(natural[i] if i in narrow else f for i, f in enumerate(floors)) <= room:  # else all give way
        floors = [natural[i] if i in narrow else f for i, f in enumerate(floors)]
    else:
        narrow = set()
    at_floor: set[int] = set(narrow)
    while True:
        free = [i for i in range(len(natural)) if i not in at_floor]
        share = (room - sum(floors[i] for i in at_floor)) / max(1, sum(natural[i] for i in free))
        below = {i for i in free if natural[i] * share < floors[i]}
        if not below or below == set(free):
            at_floor |= below
            break
        at_floor |= below
    exact = {i: natural[i] * share for i in range(len(natural)) if i not in at_floor}
    widths = [floors[i] if i in at_floor else int(exact[i]) for i in range(len(natural))]
    spare = room - sum(widths)
    for i in sorted(exact, key=lambda i: (-(exact[i] % 1), i))[:max(0, spare)]:
        widths[i] += 1
    return widths


def _text_table(columns: list[str], rows: list[list[str]], width: int) -> str:
    """Columns side by side, each cell wrapped at spaces; when even that is too wide for the
    terminal (no word cut in two), each row as a block of `column  value` lines instead."""
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(columns)]
    floors = [n if h in WHOLE else min(n, max([len(h)] + [min(len(w), MAX_WORD) for r in rows for w in _WORDS.split(r[i])]))
              for i, (n, h) in enumerate(zip(natural, columns))]
    if sum(floors) + len(GAP) * (len(columns) - 1) > width:
        return _blocks(columns, rows, width)
    widths = fitted_widths(natural, floors, width)
    wrapped = [[_wrap(c, w) for c, w in zip(row, widths)] for row in rows]
    spaced = any(len(lines) > 1 for row in wrapped for lines in row)  # a blank line between wrapped rows

    def line(cells: list[str]) -> str:
        return GAP.join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    for index, row in enumerate(wrapped):
        if spaced and index:
            out.append("")
        depth = max(len(lines) for lines in row)
        out += [line([lines[i] if i < len(lines) else "" for lines in row]) for i in range(depth)]
    return "\n".join(out) + "\n"


def _blocks(columns: list[str], rows: list[list[str]], width: int) -> str:
    label = max(len(c) for c in columns)
    room = max(width - label - len(GAP), MIN_WIDTH)
    out = []
    for index, row in enumerate(rows):
        if index:
            out.append("")
        for column, cell in zip(columns, row):
            lines = [cell] if column in WHOLE else _wrap(cell, room)
            out.append((column.ljust(label) + GAP + lines[0]).rstrip())
            out += [" " * (label + len(GAP)) + more for more in lines[1:]]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def write_file(path, body: str | bytes) -> None:
    """Write an answer to `path`; a path that cannot be written is a UsageError in one line
    (missing directory, a directory, /proc, a full disk), never a traceback."""
    from lscp.model import UsageError

    data = body.encode("utf-8") if isinstance(body, str) else body
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        hint = {"No such file or directory": "create the directory first or give another path",
                "Is a directory": "give a file name, not a directory"}.get(reason, "give a path you can write to")
        raise UsageError(f"cannot write {path}: {reason}; {hint}") from None
