"""The bundled source texts: confined to the sources directory, bounded, UTF-8 or a clear refusal."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from lscp.limits import MAX_SOURCE_BYTES


def source_path(sources_dir: Path, file: str) -> Path | None:
    """The path of a source's `file:` inside `sources_dir`, or None if it would lead outside it."""
    base = sources_dir.resolve()
    path = (base / file).resolve()
    return path if path.is_relative_to(base) and path != base else None


def read_source(path: Path) -> str:
    """A source text: a regular file of at most MAX_SOURCE_BYTES of UTF-8 (ValueError otherwise)."""
    with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK)) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("it is not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            raise ValueError(f"it is {info.st_size:,} bytes, over the limit of {MAX_SOURCE_BYTES:,} (MAX_SOURCE_BYTES)")
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); save it as UTF-8") from None


def source_text(sources_dir: Path, file: str) -> str:
    """The text for display: empty when the file is outside the directory, missing or unusable
    (validated when loaded; changed since: show nothing, never fail)."""
    path = source_path(sources_dir, file)
    try:
        return read_source(path) if path is not None else ""
    except (OSError, ValueError):
        return ""
