"""Every bound on input the tool enforces, in one place; each error names the one it hit.

Generous for real arrangements (the national synthetic data's largest file is well under a
megabyte, its deepest value six levels down), small enough that hostile input fails fast.
"""
from __future__ import annotations

import math
import os

from lscp.model import UsageError

# -- YAML data files (loaders/yamlpos.py, loaders/reader.py) ------------------------------
MAX_FILE_BYTES = 16 * 2**20  # one data file
MAX_DEPTH = 32  # nesting of mappings and sequences in one document
MAX_STRING_CHARS = 100_000  # one scalar (a name, a note, a quoted rule)
MAX_ALIAS_VALUES = 10_000  # values that aliases (*name) may add beyond those written out
MAX_SOURCE_BYTES = 64 * 2**20  # one bundled source text (sources/*.txt)

# -- the on-disk cache of compiled graphs (loaders/cache.py) -------------------------------
MAX_CACHE_BYTES = 2 * 2**30  # one cached graph (the national one is a few hundred MB)
CACHE_KEEP = 4  # cached graphs kept (several data directories may be in use)
CACHE_TEMP_AGE = 3600  # seconds after which an abandoned temporary file is removed

# -- search (queries/browse.py) --------------------------------------------------------------
MAX_SEARCH_CHARS = 200  # a search text: longer ones are cut to this many characters
MAX_SEARCH_WORDS = 12  # words of a search text that are matched

# -- the HTTP server (api/commands/serve.py) ---------------------------------------------------
KEEP_ALIVE_SECONDS = 5  # an idle keep-alive connection is closed after this
HEADER_SECONDS = 10  # a request's headers must arrive within this (slow clients are cut off)
MAX_CONNECTIONS = 4096  # open connections at once; beyond it a request is answered 503 (fds permitting)
MAX_HEADER_BYTES = 16 * 2**10  # request line and headers together
SHUTDOWN_SECONDS = 5  # open requests get this long to finish on Ctrl+C

# -- Neo4j (loaders/graphs/neo4j_server.py) ----------------------------------------------------
# Each may be set in the environment under its own name (a slow server, or a quick test): `seconds`.
NEO4J_CONNECT_SECONDS = 5.0  # to open a connection
NEO4J_QUERY_SECONDS = 30.0  # one read query, and a socket read in general
NEO4J_LOAD_SECONDS = 600.0  # the one transaction of `lscp neo4j load`
MAX_WAIT_SECONDS = 86_400.0  # the longest any of them may be set to


def seconds(name: str) -> float:
    """The limit `name` (NEO4J_*_SECONDS), from the environment variable of that name when set."""
    default, text = globals()[name], os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_WAIT_SECONDS:  # also refuses nan
        raise UsageError(f"{name}={text!r} is not a number of seconds: give one above 0 and at most "
                         f"{MAX_WAIT_SECONDS:g}, or unset it for the default {default:g}.")
    return value
