"""One place for output formats: JSON, tables, Markdown and CSV over typed results."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from pydantic import BaseModel


def plain(value: Any) -> Any:
    """Typed results to plain JSON-able data."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def to_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text."""
    return json.dumps(plain(value), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if value is None:
        return ""
    return str(value)


def _get(item: Any, column: str) -> Any:
    return item.get(column) if isinstance(item, dict) else getattr(item, column)


def rows_of(items: Sequence[Any], columns: Sequence[str]) -> list[list[str]]:
    """Cells of models or dicts, by column name."""
    return [[_cell(_get(item, column)) for column in columns] for item in items]


def table(items: Sequence[Any], columns: Sequence[str], fmt: str = "table", width: int = 60) -> str:
    """Render rows as an aligned text table, a Markdown table or CSV."""
    rows = rows_of(items, columns)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":
        escape = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in clipped]) for i, h in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in clipped]
    return "\n".join(out) + "\n"


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
