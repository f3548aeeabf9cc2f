"""`lscp diagram`: draw a chart of a partnership, an area or HIPS, in any of six formats."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lscp.model import UsageError

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "drawio")


def read_steps(path: Path) -> list:
    """Steps from a JSON file: a list of [source, type, target, label] or of
    {"source", "type", "target", "label"} objects."""
    try:
        steps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read steps from {path}: {exc}; give a JSON list of "
                         f'[source, type, target, label] or {{"source", "type", "target", "label"}}') from None
    if not isinstance(steps, list):
        raise UsageError(f"{path} holds a JSON {type(steps).__name__}; give a list of steps")
    return steps


def _route_parts(route: str | None) -> tuple[str | None, str | None]:
    """escalation:ID[:CONDITION] -> (ID, CONDITION)."""
    if not route:
        return None, None
    kind, _, rest = route.partition(":")
    start, _, condition = rest.partition(":")
    if kind != "escalation" or not start:
        raise UsageError(f"--route takes escalation:ID or escalation:ID:CONDITION, not {route!r}")
    return start, condition or None


def _route_start(route: str | None) -> str | None:
    return _route_parts(route)[0]


def _query_steps(graph, highlight: str | None, route: str | None, edition: str | None) -> list:
    """The steps of an accountability answer or of escalation routes (diagrams.steps_for)."""
    from lscp.diagrams.highlight import steps_for

    start, condition = _route_parts(route)
    return steps_for(graph, highlight, start, condition, edition)


def _write_stdout(body: bytes) -> None:
    """Bytes to standard output (a PNG or PDF as much as DOT text)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream: text formats still go through
        click.echo(body.decode("utf-8"), nl=False)
        return
    sys.stdout.flush()
    stream.write(body)
    stream.flush()


@click.command()
@click.argument("target", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="svg", show_default=True,
              help="svg, png or pdf (drawn by graphviz dot), dot (its text), mermaid, or drawio (editable).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (default: stdout).")
@click.option("--edition", help="Draw this edition (default: the current arrangements).")
@click.option("--highlight-steps", "steps_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="JSON list of steps [source, type, target, label] to highlight on the chart.")
@click.option("--flow", is_flag=True, help="Draw the highlighted steps alone, as a numbered flow.")
@click.option("--diff", nargs=2, metavar="E1 E2", help="What changed from edition E1 to edition E2.")
@click.option("--compare", nargs=2, metavar="A B", help="Two partnerships (or areas) side by side.")
@click.option("--all-agencies", is_flag=True, help="One box per relevant agency instead of counts by sector.")
@click.option("--orientation", type=click.Choice(["TB", "LR"]),
              help="Top to bottom or left to right (default: TB; LR for --flow).")
@click.option("--depth", type=click.IntRange(min=0), help="Tiers of groups to show (0: board and executive only).")
@click.option("--kinds", metavar="LIST",
              help="Parts to include, comma-separated: partners, bodies, posts, agencies, external (default: all).")
@click.option("--highlight", "highlight", metavar="ID",
              help="Highlight who is accountable for ID: its chains up to the lead representatives.")
@click.option("--route", "route", metavar="escalation:ID[:CONDITION]",
              help="Highlight the escalation routes from ID (under CONDITION, e.g. split-decision).")
@click.option("--no-key", is_flag=True, help="Leave out the key.")
@click.option("--no-fit", is_flag=True, help="Natural size instead of fitting an A4 landscape page.")
@click.pass_context
def diagram(ctx, target, fmt, output, edition, steps_file, flow, diff, compare, all_agencies, orientation,
            depth, kinds, highlight, route, no_key, no_fit):
    """Draw the structure chart of TARGET: a partnership id, an area id, or hips.

    \b
    lscp diagram southampton --format svg -o southampton.svg
    lscp diagram hips --edition hips-2019 --format pdf -o hips-2019.pdf
    lscp diagram hips --diff hips-2019 hips-2022 --format png -o hips-changes.png
    lscp diagram --compare southampton plymouth --format svg -o compared.svg
    """
    from lscp.diagrams import ChartOptions, draw, parse_kinds
    from lscp.diagrams.highlight import chart_edition

    from ..cli import _graph
    from ..output import write_file

    graph = _graph(ctx)
    options = ChartOptions(orientation=orientation or ("LR" if flow else "TB"), depth=depth, kinds=parse_kinds(kinds),
                           all_agencies=all_agencies,
                           legend=not no_key, page=None if no_fit else ChartOptions().page)
    steps = read_steps(steps_file) if steps_file else None
    if highlight or route:
        edition = chart_edition(graph, target, highlight or _route_start(route), edition)
        steps = (steps or []) + _query_steps(graph, highlight, route, edition)
    if flow and steps is None:
        raise UsageError("--flow draws highlighted steps alone; give them with --highlight-steps FILE")
    body = draw(graph, target, fmt, edition=edition, options=options, steps=steps, flow=flow,
                diff=tuple(diff) if diff else None, compare=tuple(compare) if compare else None)
    if output is None:
        _write_stdout(body)
    else:
        write_file(output, body)
        click.echo(f"Wrote {output}", err=True)
