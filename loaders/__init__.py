"""Load a directory of YAML arrangements into a validated, typed graph."""
from __future__ import annotations

from pathlib import Path

from lscp.model import DataError

from .checks import Checker
from .graphs import Graph, MemoryGraph
from .reader import no_cycle_collection, read_directory

__all__ = ["Graph", "MemoryGraph", "load", "load_fast", "default_data_dir"]


def default_data_dir() -> Path:
    """The bundled data: `data/` beside the packages."""
    return Path(__file__).resolve().parent.parent / "data"


def load(root: str | Path | None = None) -> MemoryGraph:
    """Read, validate and build the graph; raise DataError listing every problem found.

    >>> load().entity("southampton.sscp").name
    'Southampton Safeguarding Children Partnership'
    """
    root = Path(root) if root is not None else default_data_dir()
    if not root.is_dir():
        raise DataError([_missing(root)])
    with no_cycle_collection():  # the checks too: a national load swept its records for 3 s in them
        return _check_and_build(root)


def _check_and_build(root: Path) -> MemoryGraph:
    checker = Checker(read_directory(root), root / "sources")
    checker.index_entities()
    checker.apply_mentions()
    checker.check_entity_refs()
    checker.check_editions()
    relations = checker.check_relations()
    checker.check_reporting_cycles(relations)
    checker.check_citations(relations)
    if checker.problems:
        raise DataError(checker.problems)
    return MemoryGraph(
        by_id=checker.entities,
        relation_list=[r for r, _ in relations],
        origins=checker.origins,
        relation_origins=[o for _, o in relations],
        sources_dir=root / "sources",
    )


def load_fast(root: str | Path | None = None) -> MemoryGraph:
    """`load`, through the on-disk cache of compiled graphs (used by the CLI and the server)."""
    from .cache import load_cached

    root = Path(root) if root is not None else default_data_dir()
    if not root.is_dir():
        raise DataError([_missing(root)])
    return load_cached(root, load)


def _missing(root: Path):
    from lscp.model import Problem

    return Problem(str(root), 1, 1, "data directory does not exist")
