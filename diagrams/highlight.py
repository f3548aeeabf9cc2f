"""Steps highlighted on a chart (an accountability chain, an escalation route), or drawn alone."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lscp.loaders import Graph
from lscp.model import UsageError
from lscp.model.relations import ENDPOINTS

from .chart import Chart, Edge
from .common import ChartOptions, check_ids, entity_node, humanise
from .dot import chart_to_dot
from .structure import FOOTNOTE
from .targets import base_chart, resolve_target


# Relation types, and `part_of` (a body within its partnership), which accountability chains use.
STEP_TYPES = frozenset(ENDPOINTS) | {"part_of"}


@dataclass(frozen=True)
class Step:
    """One step of a route: `source` -type-> `target`, with the words to print on it."""

    source: str
    type: str
    target: str
    label: str | None = None


def as_steps(steps: Iterable[Any]) -> list[Step]:
    """Steps from tuples (source, type, target[, label]), dicts, or objects with .source, .type,
    .target and optionally .label or .condition (the query results of queries/escalation.py).

    >>> as_steps([("a", "escalates_to", "b", "split decision")])
    [Step(source='a', type='escalates_to', target='b', label='split decision')]
    """
    found = []
    for index, item in enumerate(steps, start=1):
        if isinstance(item, Step):
            step = item
        elif isinstance(item, (tuple, list)) and len(item) in (3, 4):
            source, kind, target, *rest = item
            step = Step(str(source), str(kind), str(target), None if not rest or rest[0] is None else str(rest[0]))
        elif isinstance(item, dict):
            try:
                step = Step(str(item.get("source", item.get("from"))), str(item["type"]),
                            str(item.get("target", item.get("to"))), item.get("label") or item.get("condition"))
            except KeyError:
                raise UsageError(f"step {index} has no 'type'; give source, type, target and optionally "
                                 f"label") from None
        elif all(hasattr(item, name) for name in ("source", "type", "target")):
            # A query's step: its condition says more on the line than its label ("escalates to").
            condition = getattr(item, "condition", None)
            label = humanise(condition) if condition else getattr(item, "label", None)
            step = Step(str(item.source), str(item.type), str(item.target), label or None)
        else:
            raise UsageError(f"step {index} is not (source, type, target[, label]): {item!r}")
        if step.type not in STEP_TYPES:
            raise UsageError(f"step {index} has unknown relation type {step.type!r}; "
                             f"use one of: {', '.join(sorted(STEP_TYPES))}")
        found.append(step)
    if not found:
        raise UsageError("no steps to highlight")
    return found


def steps_for(graph: Graph, highlight: str | None = None, route: str | None = None,
              condition: str | None = None, edition: str | None = None) -> list:
    """The steps to highlight for the accountability chains of `highlight` and the escalation
    routes from `route` (under `condition`), each stated relation once, in order of first
    appearance: the one answer the CLI (`--highlight`, `--route`) and the HTTP charts share."""
    from lscp.queries import accountable, escalation

    found = []
    if highlight:
        found += [s for chain in accountable(graph, highlight, edition=edition).chains for s in chain.steps]
    if route:
        found += [s for r in escalation(graph, route, condition=condition, edition=edition).routes for s in r.steps]
    unique: dict[tuple, Any] = {}
    for step in found:
        # A step read against its relation ("is chaired by") is the relation itself, once.
        key = (step.relation_from or step.source, step.type, step.relation_to or step.target, step.condition)
        unique.setdefault(key, step)
    return list(unique.values())


def chart_edition(graph: Graph, target: str | None, subject: str | None, edition: str | None) -> str | None:
    """The edition a chart highlighting `subject`'s chains or routes is drawn in: the one asked
    for; else the one the answer about `subject` is given in (queries.view.default_edition) when
    it is an edition of the charted partnership, so the chart draws the text the steps come from."""
    from lscp.queries.view import default_edition

    if edition or target is None or subject is None or subject not in graph.by_id or target not in graph.by_id:
        return edition
    chosen = default_edition(graph, graph.by_id[subject])
    if chosen and graph.edition(chosen).partnership == resolve_target(graph, target):
        return chosen
    return edition


def _step_label(number: int, step: Step) -> str:
    return f"{number}. {step.label}" if step.label else f"{number}. {humanise(step.type)}"


def highlight_steps(graph: Graph, chart: Chart, steps: Iterable[Any], editions=None) -> Chart:
    """Lay numbered steps over a chart: their lines in the highlight style (added where the chart
    has none), their boxes outlined (added where missing)."""
    steps = as_steps(steps)
    check_ids(graph, [i for s in steps for i in (s.source, s.target)])
    for number, step in enumerate(steps, start=1):
        for entity_id in (step.source, step.target):
            if entity_id not in chart.nodes:
                entity = graph.by_id[entity_id]
                chart.add_node(entity_node(graph, entity, editions, order=(5, entity.name)))
            chart.nodes[entity_id].highlight = True
        edges = chart.find_edges(step.source, step.type, step.target) \
            or chart.find_edges(step.target, step.type, step.source)  # a step read against the relation
        if not edges:
            stated_backwards = not graph.relations(step.type, source=step.source, target=step.target) \
                and graph.relations(step.type, source=step.target, target=step.source)
            ends = (step.target, step.source) if stated_backwards else (step.source, step.target)
            edge = chart.add_edge(Edge(*ends, step.type))
            edges = [edge] if edge else []
        for edge in edges:
            # The first step on a line replaces its plain label (the condition) with the numbered
            # one; a second step on the same line adds its number.
            plain = None if edge.highlight else chart.codes.get(edge.label or "", edge.label)
            words = step.label or plain or chart.folded.get(step.type) or humanise(step.type)
            edge.label = _join(edge.label, f"{number}. {words}") if edge.highlight else f"{number}. {words}"
            edge.highlight = True
    return chart


def _join(existing: str | None, text: str) -> str:
    if not existing:
        return text
    return existing if text in existing.split("; ") else f"{existing}; {text}"


def flow_chart(graph: Graph, steps: Iterable[Any], title: str = "Steps", orientation: str = "LR",
               options: ChartOptions | None = None) -> Chart:
    """The steps alone as a flow, left to right, each line numbered and labelled."""
    steps = as_steps(steps)
    check_ids(graph, [i for s in steps for i in (s.source, s.target)])
    options = options or ChartOptions(orientation=orientation)
    chart = Chart(title=title, subtitle=[FOOTNOTE], orientation=options.orientation, legend=options.legend,
                  page=options.page)
    order = []
    for step in steps:
        for entity_id in (step.source, step.target):
            if entity_id not in order:
                order.append(entity_id)
    for index, entity_id in enumerate(order):
        chart.add_node(entity_node(graph, graph.by_id[entity_id], None, order=(index,)))
    for number, step in enumerate(steps, start=1):
        edge = chart.add_edge(Edge(step.source, step.target, step.type, label=_step_label(number, step),
                                   highlight=True, upward=False, constraint=True))
        if edge is not None and edge.label != _step_label(number, step):
            edge.label = _join(edge.label, _step_label(number, step))
    chart.key_below = order[-1] if order else None
    return chart


def highlight_chart(graph: Graph, target: str | None, steps: Iterable[Any], *, edition: str | None = None,
                    options: ChartOptions | None = None, alone: bool = False, title: str | None = None) -> Chart:
    """The steps on the chart of `target`, or alone as a flow (`alone=True`, or no target)."""
    steps = as_steps(steps)
    if alone or target is None:
        return flow_chart(graph, steps, title or "Steps", options=options)
    chart = base_chart(graph, target, edition, options)
    if title:
        chart.subtitle.insert(0, f"Highlighted: {title}")
    return highlight_steps(graph, chart, steps)


def highlight_steps_to_dot(graph: Graph, target: str | None, steps: Iterable[Any], *, edition: str | None = None,
                           options: ChartOptions | None = None, alone: bool = False,
                           title: str | None = None) -> str:
    """DOT text of steps highlighted on a target's chart (or alone): the public entry for routes.

    `steps` are (source, type, target[, label]) tuples or objects with .source, .type, .target
    and .condition, such as the results of the accountability and escalation queries.
    """
    return chart_to_dot(highlight_chart(graph, target, steps, edition=edition, options=options,
                                        alone=alone, title=title))
