"""A compiled graph cached on disk as plain data, keyed by a hash of the data, so answers start fast.

The cache holds JSON only: the loaded records, read back through the same pydantic models that
validated them, so bytes someone else planted can at worst be refused, never run. The key
covers every data and source file (names and bytes) and the code that builds the graph, and
is stored inside the entry and checked on read. The directory is created private (0700) and
is not used when someone else owns it or others may write to it (a warning says so; the
answer is only slower). Writes are atomic; old entries and abandoned temporary files are
removed. `LSCP_CACHE_DIR` names the directory; set it empty to turn the cache off."""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from pathlib import Path
from types import GenericAlias
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ValidationError, create_model

from lscp.limits import CACHE_KEEP, CACHE_TEMP_AGE, MAX_CACHE_BYTES
from lscp.model import ENTITY_TYPES, Relation

from .graphs import MemoryGraph as Graph
from .reader import Origin, data_files, no_cycle_collection

VERSION: Final = "3"  # 3: JSON instead of pickle
_PACKAGE = Path(__file__).resolve().parent
# The code that decides what a graph holds: a change to any of it invalidates every cache.
_CODE = sorted([*(_PACKAGE.parent / "model").glob("*.py"),
                *(_PACKAGE / name for name in ("__init__.py", "cache.py", "checks.py", "reader.py", "yamlpos.py")),
                *(_PACKAGE / "graphs").glob("*.py")])
PREFIX, SUFFIX, TEMP = "graph-", ".json", ".tmp-graph-"

OriginRow = tuple[str, int, int]
# Entities grouped by kind, each list validated by its kind's model. The fields are made from
# ENTITY_TYPES at run time, so a type checker sees only a model.
if TYPE_CHECKING:
    _Entities = BaseModel
else:
    _Entities = create_model("_Entities", **{kind: (GenericAlias(list, (cls,)), []) for kind, cls in ENTITY_TYPES.items()})


class Entry(BaseModel):
    """One cached graph: what `Graph` holds, as data."""

    model_config = {"extra": "forbid"}
    version: Literal["3"]
    key: str
    entities: _Entities
    order: list[str]  # entity ids in the order the loader met them
    origins: list[OriginRow]  # aligned with `order`
    relations: list[Relation]
    relation_origins: list[OriginRow]


def data_key(root: Path) -> str:
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    for path in _CODE:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    files, _ = data_files(root, (".yaml", ".yml", ".txt"))
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """Where cached graphs live; None when LSCP_CACHE_DIR is set empty (no cache)."""
    if "LSCP_CACHE_DIR" in os.environ:
        given = os.environ["LSCP_CACHE_DIR"]
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lscp"


def load_cached(root: Path, build) -> Graph:
    """The graph for `root` from the cache, or built by `build(root)` and then cached."""
    directory = private_dir(cache_dir())
    if directory is None:
        return build(root)
    try:
        key = data_key(root)
    except OSError:  # an unreadable file: the build reports it, located
        return build(root)
    path = directory / f"{PREFIX}{key}{SUFFIX}"
    graph = _read(path, key, root)
    if graph is None:
        graph = build(root)
        _store(path, key, graph)
        _clean(directory)
    return graph


def private_dir(directory: Path | None) -> Path | None:
    """The directory, created 0700 if missing; None (with a warning) if others could write to it."""
    if directory is None:
        return None
    why = _unsafe(directory)
    if why is None:
        return directory
    print(f"lscp: warning: not using the cache directory {directory}: {why}. Answers are the same, only "
          "slower; set LSCP_CACHE_DIR to a private directory, or to nothing to turn the cache off.", file=sys.stderr)
    return None


def _unsafe(directory: Path) -> str | None:
    """Why the directory (created 0700 if missing) must not hold the cache, or None when it may."""
    try:
        if not directory.exists():
            directory.parent.mkdir(parents=True, exist_ok=True)
            directory.mkdir(mode=0o700, exist_ok=True)
        info = directory.stat()
    except OSError as exc:
        return f"it cannot be created or read ({exc.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a directory"
    if info.st_uid != os.geteuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"others may write to it (mode {stat.S_IMODE(info.st_mode):o}); make it private: chmod 700 {directory}"
    return None


def _read(path: Path, key: str, root: Path) -> Graph | None:
    """The cached graph, or None when there is none or it is not exactly what this key stands for."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022 \
                or info.st_size > MAX_CACHE_BYTES:
            return None
        try:
            data = handle.read(MAX_CACHE_BYTES + 1)
        except OSError:
            return None
    with no_cycle_collection():
        try:
            entry = Entry.model_validate_json(data)
        except (ValidationError, ValueError):
            return None
        if entry.key != key or len(entry.origins) != len(entry.order) \
                or len(entry.relation_origins) != len(entry.relations):
            return None
        return _graph(entry, root)


def _graph(entry: Entry, root: Path) -> Graph | None:
    by_id = {entity.id: entity for kind in ENTITY_TYPES for entity in getattr(entry.entities, kind)}
    if sorted(by_id) != sorted(entry.order):
        return None
    return Graph(by_id={i: by_id[i] for i in entry.order}, relation_list=entry.relations,
                 origins={i: Origin(*o) for i, o in zip(entry.order, entry.origins)},
                 relation_origins=[Origin(*o) for o in entry.relation_origins], sources_dir=root / "sources")


def _entry(key: str, graph: Graph) -> Entry:
    grouped: dict[str, list[Any]] = {kind: [] for kind in ENTITY_TYPES}
    for entity in graph.by_id.values():
        grouped[entity.kind].append(entity)
    origin = lambda o: (o.file, o.line, o.column)  # noqa: E731
    return Entry.model_construct(
        version=VERSION, key=key, entities=_Entities.model_construct(_fields_set=None, **grouped), order=list(graph.by_id),
        origins=[origin(graph.origins[i]) for i in graph.by_id], relations=graph.relation_list,
        relation_origins=[origin(o) for o in graph.relation_origins])


def _store(path: Path, key: str, graph: Graph) -> None:
    """Write atomically (a private temporary file, then a rename); a cache that cannot be written
    is simply not used."""
    import tempfile  # only when writing: reading a cached graph should import as little as it can

    try:
        body = _entry(key, graph).model_dump_json(by_alias=True).encode()
    except (ValueError, TypeError):  # a graph made by hand may hold what JSON cannot
        return
    temp = None
    try:
        fd, temp = tempfile.mkstemp(prefix=TEMP, dir=path.parent)  # created 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _clean(directory: Path) -> None:
    """Keep the CACHE_KEEP newest entries; remove older ones, those of older formats (pickles,
    which are never read) and temporary files abandoned by an interrupted write."""
    now = time.time()
    entries = []
    try:
        for path in directory.iterdir():
            name = path.name
            if name.startswith(PREFIX) and name.endswith(SUFFIX):
                entries.append((path.lstat().st_mtime, path))
            elif name.startswith(PREFIX) and name.endswith(".pickle") or \
                    name.startswith(TEMP) and now - path.lstat().st_mtime > CACHE_TEMP_AGE:
                path.unlink(missing_ok=True)
        for _, path in sorted(entries, reverse=True)[CACHE_KEEP:]:
            path.unlink(missing_ok=True)
    except OSError:
        pass
