"""A compiled graph cached on disk, keyed by a hash of the data, so answers start fast.

The key covers every file under the data directory (names and bytes) and the source of the
code that builds the graph (model/ and the loader), so any change to the data, the schema or
the loader invalidates it. A corrupt or stale cache is ignored."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .graphs import MemoryGraph
from .reader import no_cycle_collection

VERSION = "2"
_PACKAGE = Path(__file__).resolve().parent
# The code that decides what a graph holds: a change to any of it invalidates every cache.
_CODE = sorted([*(_PACKAGE.parent / "model").glob("*.py"),
                *(_PACKAGE / name for name in ("__init__.py", "cache.py", "checks.py", "reader.py", "yamlpos.py")),
                *(_PACKAGE / "graphs").glob("*.py")])


def data_key(root: Path) -> str:
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    for path in _CODE:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    base = os.environ.get("LSCP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lscp" if "LSCP_CACHE_DIR" not in os.environ else Path(base)


def load_cached(root: Path, build) -> MemoryGraph:
    """The graph for `root` from the cache, or built by `build(root)` and then cached."""
    key = data_key(root)
    path = cache_dir() / f"graph-{key}.pickle"
    try:
        with path.open("rb") as handle, no_cycle_collection():
            graph = pickle.load(handle)
        if isinstance(graph, MemoryGraph):
            return graph
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    graph = build(root)
    _store(path, graph)
    return graph


def _store(path: Path, graph: MemoryGraph) -> None:
    """Write atomically; a cache that cannot be written is simply not used."""
    import tempfile  # only when writing: reading a cached graph should import as little as it can

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
