"""Fixtures for the diagram tests: the worlds of diagram_worlds.py and the real `dot`."""
from __future__ import annotations

import shutil

import pytest
from diagram_worlds import HOSTILE, build_testshire

from lscp.loaders import MemoryGraph


@pytest.fixture
def world() -> MemoryGraph:
    return build_testshire()


@pytest.fixture
def hostile_world() -> MemoryGraph:
    return build_testshire(learning_name=HOSTILE)


@pytest.fixture(scope="session")
def dot_binary() -> str:
    """The real graphviz `dot`: missing is a failure, not a skip (`make test` installs it)."""
    found = shutil.which("dot")
    assert found, "graphviz 'dot' is not installed: run `make test` (it installs graphviz) or apt-get install graphviz"
    return found
