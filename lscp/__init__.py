"""lscp: who is accountable for what in England's children's safeguarding partnerships.

The folders of the repository are the subpackages: `lscp.model` (the schema of record),
`lscp.loaders` (YAML to a validated graph), `lscp.queries` (the questions), `lscp.diagrams`
(structure charts) and `lscp.api` (the command line and the HTTP API). The names below are the
Python API, imported the first time they are used so that `lscp --version` stays quick.

>>> import lscp
>>> graph = lscp.load()
>>> graph.entity("southampton.silg").name
'Serious Incidents and Learning Group'
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lscp import queries
    from lscp.loaders import Graph, default_data_dir, load, load_fast

_LAZY = {
    "Graph": "lscp.loaders",
    "default_data_dir": "lscp.loaders",
    "load": "lscp.loaders",
    "load_fast": "lscp.loaders",
}

__all__ = ["Graph", "__version__", "default_data_dir", "load", "load_fast", "queries"]


def __getattr__(name: str) -> Any:
    if name == "queries":
        return importlib.import_module("lscp.queries")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'lscp' has no attribute {name!r}")
