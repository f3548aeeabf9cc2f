"""A connection to a Neo4j 5 server (or one that speaks its Bolt protocol), checked up front.

Every failure a user can fix (wrong password, server unreachable, database missing, server
too old) becomes a one-line `BackendError` naming the cause and the fix, before anything is
read or written. Both the loader and the Neo4j-backed graph connect through here.
"""
from __future__ import annotations

import logging
import os
import re
from urllib.parse import urlsplit
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from lscp.limits import seconds
from lscp.model import Unavailable

try:  # the driver is the optional `neo4j` extra
    import neo4j
    from neo4j import exceptions as neo4j_errors
except ImportError:  # pragma: no cover - exercised only without the extra
    neo4j = None  # type: ignore[assignment]

# The driver logs a broken connection itself before raising; the error it raises is reported
# here, in one line, so its own lines are not printed (a handler stops the last-resort one).
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
MINIMUM_MAJOR = 5
DOCKER_HINT = "docker run -p7687:7687 -e NEO4J_AUTH=neo4j/secret neo4j:5"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class BackendError(Unavailable):
    """The Neo4j backend cannot do what was asked; the message says why and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Where the database is and how to log in (defaults from NEO4J_* environment variables)."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str = DEFAULT_DATABASE
    # From lscp.limits, or the environment variable of the same name:
    connect_timeout: float = field(default_factory=lambda: seconds("NEO4J_CONNECT_SECONDS"))
    timeout: float = field(default_factory=lambda: seconds("NEO4J_QUERY_SECONDS"))  # any one reply (`_reply_deadline`)
    load_timeout: float = field(default_factory=lambda: seconds("NEO4J_LOAD_SECONDS"))  # the load's transaction

    @classmethod
    def from_env(cls, **given: str | None) -> Settings:
        """Given values first, then NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE."""
        env = {name: os.environ.get(f"NEO4J_{name.upper()}") for name in ("uri", "user", "password", "database")}
        values: dict[str, Any] = {name: given.get(name) if given.get(name) is not None else env[name] for name in env}
        return cls(**{name: value for name, value in values.items() if value is not None})


_AGENT_VERSION = re.compile(r"Neo4j/v?(\d+)\.(\d+)")


def server_version(agent: str) -> tuple[int, int] | None:
    """The Neo4j version an agent string claims: 'Neo4j/5.26.0 compatible (ArcadeDB ...)' -> (5, 26).

    >>> server_version("Neo4j/4.4.12")
    (4, 4)
    """
    match = _AGENT_VERSION.search(agent or "")
    return (int(match[1]), int(match[2])) if match else None


def check_agent(agent: str, settings: Settings) -> None:
    """Refuse servers older than Neo4j 5 (the Cypher used here is Neo4j 5 Cypher)."""
    version = server_version(agent)
    if version is None:
        raise BackendError(f"the server at {settings.uri} reports {agent!r}, not a Neo4j version; "
                           f"lscp needs Neo4j {MINIMUM_MAJOR} or later: point --uri at a Neo4j {MINIMUM_MAJOR} server.")
    if version[0] < MINIMUM_MAJOR:
        raise BackendError(f"the server at {settings.uri} is {agent}, too old: lscp needs Neo4j {MINIMUM_MAJOR} "
                           f"or later; upgrade it (for example: {DOCKER_HINT}).")


@dataclass
class Server:
    """An open, checked connection: the driver, what the server says it is, and the settings."""

    driver: Any  # neo4j.Driver, from the optional extra
    settings: Settings
    agent: str

    def session(self, write: bool = False):
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.settings.database, default_access_mode=mode)

    def read(self, query: str, **params) -> list[dict]:
        """Records of one parameterised read query, as dicts (the server stops it after the timeout)."""
        with translate_errors(self.settings), self.session() as session:
            return session.run(neo4j.Query(query, timeout=self.settings.timeout), params).data()

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def connect(settings: Settings) -> Server:
    """Open and check a connection: reachable, logged in, Neo4j 5 or later, the database exists."""
    if neo4j is None:
        raise BackendError("the Neo4j driver is not installed: pip install 'lscp[neo4j]'.")
    bad_address = BackendError(f"{settings.uri!r} is not a Bolt address: use --uri bolt://HOST:7687 "
                               "(or neo4j://HOST:7687).")
    try:
        scheme = urlsplit(settings.uri).scheme
    except ValueError:
        scheme = None
    if scheme not in SCHEMES:
        raise bad_address
    with translate_errors(settings):
        try:
            auth = (settings.user, settings.password) if settings.password is not None else None
            _reply_deadline(settings.timeout)
            driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=settings.connect_timeout,
                                                # the driver waits for the Bolt handshake until this deadline
                                                # (connection_timeout bounds only the TCP connect, which a
                                                # frozen server's kernel still accepts): the one bound to connect
                                                connection_acquisition_timeout=settings.connect_timeout,
                                                max_transaction_retry_time=5.0)
        except (ValueError, neo4j_errors.ConfigurationError):
            raise bad_address from None
    try:
        with translate_errors(settings):
            driver.verify_connectivity()
            agent = driver.get_server_info().agent
        check_agent(agent, settings)
        server = Server(driver, settings, agent)
        server.read("RETURN 1 AS ok")  # fails here, not half-way through a load, if the database is missing
        return server
    except BaseException:
        driver.close()
        raise


def _reply_deadline(seconds: float) -> None:
    """Give every Bolt socket the driver opens a read timeout: the driver has no setting for it
    (a server that is frozen, not gone, was waited for forever), only a server's own hint, which
    still wins when a server sends one. Set on the driver's socket class, for new sockets."""
    from neo4j._async_compat.network import _bolt_socket

    base: Any = _bolt_socket.BoltSocketBase  # the driver's private class, patched in place
    original = base.__dict__.get("_lscp_init") or base.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self._read_timeout = seconds

    base._lscp_init = original
    base.__init__ = init


@contextmanager
def translate_errors(settings: Settings) -> Iterator[None]:
    """Driver and server errors -> one-line BackendErrors naming the cause and the fix."""
    if neo4j is None:  # pragma: no cover
        yield
        return
    try:
        yield
    except neo4j_errors.AuthError:
        raise BackendError(f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password; "
                           "pass --user and --password (or set NEO4J_USER and NEO4J_PASSWORD).") from None
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        if _timed_out(exc):
            raise BackendError(f"Neo4j at {settings.uri} stopped answering: no reply within {settings.connect_timeout:g} s "
                               f"to connect (NEO4J_CONNECT_SECONDS) or {settings.timeout:g} s to a statement "
                               "(NEO4J_QUERY_SECONDS); check that the server is running and not overloaded, "
                               "then try again.") from None
        if isinstance(exc, neo4j_errors.SessionExpired) or "defunct" in str(exc):
            raise BackendError(f"the connection to Neo4j at {settings.uri} broke (the server stopped or was killed): "
                               "start it again, then try again.") from None
        raise BackendError(f"cannot reach a Neo4j server at {settings.uri} ({_unreachable(exc)}): start it "
                           f"(for example: {DOCKER_HINT}) or pass --uri (or set NEO4J_URI).") from None
    except neo4j_errors.UnsupportedServerProduct as exc:
        raise BackendError(f"the server at {settings.uri} is not a Neo4j server ({_first_line(exc)}): "
                           "point --uri at a Neo4j 5 server.") from None
    except neo4j_errors.Neo4jError as exc:
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise BackendError(f"Neo4j at {settings.uri} has no database {settings.database!r}: create it "
                               f"(CREATE DATABASE {settings.database}) or pass --database (or set NEO4J_DATABASE)."
                               ) from None
        raise BackendError(f"Neo4j at {settings.uri} refused a statement ({exc.code}: "
                           f"{_first_line(exc.message)}).") from None
    except neo4j_errors.DriverError as exc:
        raise BackendError(f"the connection to Neo4j at {settings.uri} failed ({type(exc).__name__}: "
                           f"{_first_line(exc)}); check the server and try again.") from None


def _timed_out(exc: BaseException) -> bool:
    """Whether a read timeout is somewhere in the causes of a driver error."""
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 10:
        if isinstance(cause, TimeoutError) or "timed out" in str(cause):
            return True
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def _first_line(value) -> str:
    text = str(value or "").strip()
    return text.splitlines()[0] if text else "no detail"


def _unreachable(exc: Exception) -> str:
    text = str(exc)
    for needle, reason in (("refused", "connection refused"), ("looks like HTTP", "that port speaks HTTP, not Bolt"),
                           ("timed out", "timed out"), ("Name or service not known", "unknown host"),
                           ("name resolution", "unknown host"), ("nodename nor servname", "unknown host")):
        if needle.lower() in text.lower():
            return reason
    return _first_line(text)
