"""The `lscp` command line: each command parses, calls one query, formats. Nothing else."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from lscp import __version__
from lscp.model import DataError, LscpError, NotFound, UsageError

from . import text
from .output import FORMATS, inert_output, table, to_json, write_file

EXIT_FINDINGS, EXIT_ERROR = 1, 2


def _graph(ctx: click.Context):
    """The graph every command answers from: the data files (cached), or Neo4j."""
    if ctx.obj.get("backend") == "neo4j":
        from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph

        data = ctx.obj["data"]
        graph = open_neo4j_graph(sources_dir=Path(data) / "sources" if data else None)
        ctx.call_on_close(graph.close)
        return graph
    from lscp.loaders import load_fast

    return load_fast(ctx.obj["data"])


def _id(graph, text: str | None, *kinds: str) -> str | None:
    """An id as typed, or a name or abbreviation resolved through search, of these kinds when
    given (several matches: an error listing them with their areas)."""
    if text is None:
        return None
    from lscp.queries.lookup import resolve

    return resolve(graph, text, kinds)


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
edition_option = click.option("--edition", help="Answer as stated in this edition (default: the current one).")


def output_options(func):
    """--json and --format on every command that prints a result."""

    @json_option
    @click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table",
                  show_default=True, help="Layout of tabular answers (csv-bom: CSV with a byte order mark, for Excel).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


class LazyGroup(click.Group):
    """Commands whose modules import heavy libraries (graphviz, uvicorn, the neo4j driver)
    are imported only when used, so every other answer starts fast."""

    lazy = {
        "check": "lscp.api.commands.check:check",
        "diagram": "lscp.api.commands.diagram:diagram",
        "serve": "lscp.api.commands.serve:serve",
        "neo4j": "lscp.api.commands.neo4j:neo4j",
    }

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx, name):
        if name in self.lazy:
            import importlib

            module, _, attribute = self.lazy[name].partition(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", type=click.Path(path_type=Path), default=None, envvar="LSCP_DATA",
              help="Data directory (default: the bundled data/).")
@click.option("--backend", type=click.Choice(["memory", "neo4j"]), default="memory", show_default=True,
              envvar="LSCP_BACKEND",
              help="Answer from the data files, or from Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).")
@click.version_option(__version__, prog_name="lscp")
@click.pass_context
def cli(ctx: click.Context, data: Path | None, backend: str):
    """Who is accountable for what in children's safeguarding partnerships."""
    ctx.obj = {"data": data, "backend": backend}


@cli.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@json_option
@click.pass_context
def validate(ctx, directory, as_json):
    """Check a data directory; report every problem with file:line:column."""
    from lscp.loaders import load

    graph = load(directory or ctx.obj["data"])
    summary = {"entities": len(graph.by_id), "relations": len(graph.relation_list), "problems": []}
    click.echo(to_json(summary) if as_json else f"OK: {summary['entities']} entities, {summary['relations']} relations.")


@cli.command("list")
@click.argument("kind")
@click.option("--area", help="Only what belongs to this area (e.g. plymouth, hips-area).")
@click.option("--edition", help="Only what this edition states (e.g. hips-2019).")
@output_options
@click.pass_context
def list_(ctx, kind, area, edition, as_json, fmt):
    """List entities of a KIND: bodies, posts, organisations, partnerships, editions, ..."""
    from lscp.queries import list_entities

    graph = _graph(ctx)
    rows = list_entities(graph, kind, area=_id(graph, area, "area"), edition=_id(graph, edition, "edition"))
    if as_json:
        click.echo(to_json(rows))
    else:
        click.echo(table(rows, ["id", "name", "subkind", "chair", "editions"], fmt), nl=False)


@cli.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
@output_options
@click.pass_context
def search(ctx, words, limit, as_json, fmt):
    """Find entities by name, alias or id."""
    from lscp.queries import search as search_query

    hits = search_query(_graph(ctx), " ".join(words), limit=limit)
    click.echo(to_json(hits) if as_json else table(hits, ["id", "kind", "name", "areas", "partnership", "matched"], fmt, width=48),
               nl=False)


@cli.command()
@click.argument("entity_id")
@click.option("--all", "everything", is_flag=True,
              help="List every relation, not only the first 100 of each type and direction.")
@json_option
@click.pass_context
def show(ctx, entity_id, everything, as_json):
    """An entity, its relations in and out, and each citation with its lines."""
    from lscp.queries.browse import SHOW_LIMIT, show as show_query

    graph = _graph(ctx)
    detail = show_query(graph, _id(graph, entity_id), limit=None if everything else SHOW_LIMIT)
    click.echo(to_json(detail) if as_json else text.detail(detail), nl=False)


@cli.command()
@json_option
@click.pass_context
def overview(ctx, as_json):
    """Areas, partnerships, editions and bodies loaded."""
    from lscp.queries import overview as overview_query

    result = overview_query(_graph(ctx))
    click.echo(to_json(result) if as_json else text.overview(result), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "csv", "jsonld"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (default: stdout); for csv, the directory to write nodes.csv and edges.csv in.")
@click.option("--bom", is_flag=True, help="csv: start each file with a byte order mark, so Excel reads UTF-8.")
@click.option("--generated-at", "stamp", is_flag=True,
              help="graphml: record the time of export (then two exports of the same data differ).")
@click.pass_context
def export(ctx, fmt, output, bom, stamp):
    """Export the whole graph as JSON, GraphML, CSV (nodes.csv and edges.csv) or JSON-LD (W3C ORG
    and Popolo terms); see docs/exports.md."""
    from lscp.loaders import export as formats

    if bom and fmt != "csv" or stamp and fmt != "graphml":
        raise UsageError("--bom is for --format csv, --generated-at for --format graphml")
    graph = _graph(ctx)
    if fmt == "csv":
        if output is None:
            raise UsageError("--format csv writes two files, nodes.csv and edges.csv: give -o DIRECTORY")
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot write to the directory {output}: {exc.strerror or exc}") from None
        for name, body in formats.to_csv_files(graph, bom=bom).items():
            _write(body, output / name)
        return
    if fmt == "graphml":
        import datetime as dt

        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else None
        _write(formats.to_graphml(graph, generated_at=now), output)
        return
    if fmt == "jsonld":
        from lscp.loaders.jsonld import to_jsonld_text

        _write(to_jsonld_text(graph), output)
        return
    _write(formats.to_json_text(graph), output)


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (default: stdout).")
def schema(output):
    """Print the JSON Schema of the data format (for editors)."""
    from lscp.loaders.schema import data_schema_text

    _write(data_schema_text(), output)


@cli.command("lint-citations")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.pass_context
def lint_citations(ctx, directory):
    """Flag citations whose lines contain no significant word of what they cite."""
    from lscp.loaders import load
    from lscp.loaders.lint import citation_findings

    findings = citation_findings(load(directory or ctx.obj["data"]))
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"{len(findings)} citation finding(s).")
    if findings:
        ctx.exit(EXIT_FINDINGS)


def _answer(result, as_json: bool, render) -> None:
    click.echo(to_json(result) if as_json else render(result), nl=False)


def _report(result, rows, columns: list[str], fmt: str, as_json: bool) -> None:
    """A summary line then a table (the summary only in the plain table format)."""
    if as_json:
        click.echo(to_json(result), nl=False)
        return
    body = table(rows, columns, fmt)
    click.echo((result.summary + "\n\n" if fmt == "table" else "") + body, nl=False)


@cli.command("accountable")
@click.argument("target")
@edition_option
@json_option
@click.pass_context
def accountable_(ctx, target, edition, as_json):
    """Who is accountable for TARGET (a body, post, function or organisation)."""
    from lscp.queries import accountable

    graph = _graph(ctx)
    _answer(accountable(graph, _id(graph, target), edition=_id(graph, edition, "edition")), as_json, text.accountability)


@cli.command()
@click.argument("target")
@edition_option
@json_option
@click.pass_context
def accountabilities(ctx, target, edition, as_json):
    """Everything TARGET (a post, person or organisation) is accountable or responsible for."""
    from lscp.queries import accountabilities as query

    graph = _graph(ctx)
    _answer(query(graph, _id(graph, target), edition=_id(graph, edition, "edition")), as_json, text.accountabilities)


@cli.command()
@click.argument("start")
@click.option("--when", "condition", help="The condition: split-decision, disputed-rapid-review, ...")
@edition_option
@json_option
@click.pass_context
def escalate(ctx, start, condition, edition, as_json):
    """Where a matter goes from START when people disagree or it is stuck."""
    from lscp.queries import escalation

    graph = _graph(ctx)
    _answer(escalation(graph, _id(graph, start), condition=condition, edition=_id(graph, edition, "edition")), as_json,
            text.escalation)


@cli.command()
@click.option("--area", help="Only the partnerships of this area.")
@click.option("--rules", type=click.Choice(["wt2018", "wt2023", "cwsa2026"]),
              help="Rule pack (default: by the edition's date); `lscp check` gives each requirement's verdict.")
@click.option("--edition", help="Check this edition only.")
@output_options
@click.pass_context
def gaps(ctx, area, rules, edition, as_json, fmt):
    """What is missing: structural gaps, statutory rules not met, facts not stated, key-person risk."""
    from lscp.queries import gaps as query

    graph = _graph(ctx)
    report = query(graph, area=_id(graph, area, "area"), rules=rules, edition=_id(graph, edition, "edition"))
    _report(report, report.findings, ["severity", "category", "requirement", "subject", "message", "facts"], fmt, as_json)
    if report.findings:
        ctx.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("post")
@edition_option
@json_option
@click.pass_context
def vacancy(ctx, post, edition, as_json):
    """What breaks if POST falls vacant: chairs, quoracy, accountability chains."""
    from lscp.queries import vacancy as query

    graph = _graph(ctx)
    _answer(query(graph, _id(graph, post), edition=_id(graph, edition, "edition")), as_json, text.vacancy)


@cli.command()
@click.argument("partnerships", nargs=-1, required=True)
@output_options
@click.pass_context
def compare(ctx, partnerships, as_json, fmt):
    """Partnerships (or areas) side by side."""
    from lscp.queries import compare as query

    graph = _graph(ctx)
    result = query(graph, *[_id(graph, p, "partnership", "area") for p in partnerships])
    click.echo(to_json(result) if as_json else text.comparison(result, fmt), nl=False)


@cli.command()
@click.argument("before")
@click.argument("after")
@output_options
@click.pass_context
def diff(ctx, before, after, as_json, fmt):
    """What changed between two editions (e.g. hips-2019 hips-2022)."""
    from lscp.queries import diff as query

    graph = _graph(ctx)
    result = query(graph, _id(graph, before, "edition"), _id(graph, after, "edition"))
    _report(result, result.changes, ["change", "kind", "detail"], fmt, as_json)


@cli.command("load")
@click.argument("target")
@output_options
@click.pass_context
def load_(ctx, target, as_json, fmt):
    """The seats, chairs and meetings a person, post or organisation carries."""
    from lscp.queries import load

    graph = _graph(ctx)
    result = load(graph, _id(graph, target))
    _report(result, result.roles, ["body_name", "role", "meetings_per_year", "editions"], fmt, as_json)


@cli.command()
@click.option("--area", required=True, help="The area (e.g. southampton).")
@output_options
@click.pass_context
def raci(ctx, area, as_json, fmt):
    """Functions against who is responsible and who is accountable."""
    from lscp.queries import raci as query

    graph = _graph(ctx)
    result = query(graph, _id(graph, area, "area"))
    _report(result, result.rows, ["function_name", "responsible", "accountable", "flag"], fmt, as_json)


@cli.command()
@click.option("--doc", help="One document id (e.g. 004).")
@click.option("--ranges/--no-ranges", default=True, show_default=True, help="List the uncited line ranges.")
@output_options
@click.pass_context
def coverage(ctx, doc, ranges, as_json, fmt):
    """Per source document, the share of lines cited and the line ranges no fact cites."""
    from lscp.queries import coverage as query

    result = query(_graph(ctx), doc=doc)
    click.echo(to_json(result) if as_json else text.coverage(result, fmt, ranges), nl=False)


def _write(body: str, output: Path | None) -> None:
    if output is None:
        click.echo(body, nl=False)
    else:
        write_file(output, body)
        click.echo(f"Wrote {output}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point: translate the core's errors into messages and exit codes, never tracebacks.
    Names from the data (or the command line) never reach the terminal as escape sequences."""
    with inert_output():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    try:
        returned = cli.main(args=argv, prog_name="lscp", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except DataError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Error: {exc}", err=True)
        return EXIT_ERROR
    except (NotFound, UsageError, LscpError) as exc:
        click.echo(f"Error: {exc}", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        return 0
    return returned if isinstance(returned, int) else 0


if __name__ == "__main__":
    sys.exit(main())
