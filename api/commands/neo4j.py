"""`lscp neo4j load|status`: put the graph into a Neo4j 5 database and see what it holds."""
from __future__ import annotations

import functools

import click

from lscp.loaders.graphs.neo4j_server import DEFAULT_DATABASE, DEFAULT_URI, DEFAULT_USER, Settings

from ..output import to_json


def connection_options(func):
    """--uri, --user, --password, --database, each also read from its NEO4J_* variable."""

    @click.option("--uri", envvar="NEO4J_URI", default=DEFAULT_URI, show_default=True,
                  help="Bolt address of the server [env NEO4J_URI].")
    @click.option("--user", envvar="NEO4J_USER", default=DEFAULT_USER, show_default=True,
                  help="User name [env NEO4J_USER].")
    @click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                  help="Password [env NEO4J_PASSWORD]; omit for a server without authentication.")
    @click.option("--database", envvar="NEO4J_DATABASE", default=DEFAULT_DATABASE, show_default=True,
                  help="Database name [env NEO4J_DATABASE].")
    @functools.wraps(func)
    def wrapper(*args, uri, user, password, database, **kwargs):
        return func(*args, settings=Settings(uri=uri, user=user, password=password, database=database), **kwargs)

    return wrapper


@click.group("neo4j")
def neo4j():
    """Load the graph into a Neo4j 5 database, and see what is loaded there."""


@neo4j.command("load", short_help="Write the data into the database.")
@connection_options
@click.option("--edition", help="Replace only what this edition alone states (e.g. hips-2022); the rest stays.")
@click.option("-v", "--verbose", is_flag=True, help="Report each batch on stderr as it is written.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_context
def load_(ctx: click.Context, settings: Settings, edition: str | None, verbose: bool, as_json: bool):
    """Validate the data and write it into the database in one transaction (a failure writes nothing)."""
    from lscp.loaders import load
    from lscp.loaders.graphs.neo4j_load import load_graph

    graph = load((ctx.obj or {}).get("data"))
    report = _report_batch if verbose else None
    record = load_graph(graph, settings, edition=edition, progress=report)
    click.echo(to_json(record) if as_json else _loaded_text(record), nl=False)


@neo4j.command(short_help="What the database holds.")
@connection_options
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def status(settings: Settings, as_json: bool):
    """Editions loaded, counts and load time of the database."""
    from lscp.loaders.graphs.neo4j_load import load_status

    record = load_status(settings)
    click.echo(to_json(record) if as_json else _status_text(record), nl=False)


def _report_batch(batch) -> None:
    click.echo(f"  {batch.number}/{batch.total} {batch.phase} {batch.label}: {batch.rows}", err=True)


def _where(record) -> str:
    return f"database {record.database!r} at {record.uri} ({record.server})"


def _loaded_text(record) -> str:
    if record.mode == "edition":
        head = (f"Replaced edition {record.edition} in {_where(record)}: wrote {record.written_entities} entities "
                f"and {record.written_relations} relations in {record.seconds:.2f} s.")
    else:
        head = (f"Loaded {record.written_entities} entities and {record.written_relations} relations into "
                f"{_where(record)} in {record.seconds:.2f} s.")
    return head + "\n" + _holdings(record)


def _status_text(record) -> str:
    if not record.loaded:
        return f"Nothing is loaded in {_where(record)}: run `lscp neo4j load`.\n"
    if record.mode == "full":
        when = f"Loaded {record.loaded_at} (full load, {record.seconds:.2f} s)."
    else:
        when = (f"Loaded {record.full_loaded_at} (full load); edition {record.edition} replaced {record.loaded_at} "
                f"({record.seconds:.2f} s).")
    return f"{_where(record)}\n{when}\n" + _holdings(record)


def _holdings(record) -> str:
    kinds = ", ".join(f"{n} {kind}" for kind, n in record.by_kind.items())
    return (f"Editions: {', '.join(record.editions) or 'none'}\n"
            f"Entities: {record.entities} ({kinds})\nRelations: {record.relations}\n")
