"""Plain-English renderings of results for the terminal."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lscp.model import Citation
from lscp.model.entities import DatedName, Meetings, Quorum, Rule

if TYPE_CHECKING:  # hints only: a command imports the result models it answers with, no others
    from lscp.queries import (
        AccountabilitiesAnswer, AccountabilityAnswer, Comparison, DocumentCoverage, EscalationAnswer, VacancyAnswer,
    )
    from lscp.queries.accountability import Step
    from lscp.queries.browse import EntityDetail, FieldValue
    from lscp.queries.overview import Overview
    from lscp.queries.results import Cited, RelationView


def citation_lines(cited: Cited, indent: str = "      ") -> list[str]:
    out = [f"{indent}[{cited.citation}]"]
    out += [f"{indent}  {n:>4}  {line.strip()}" for n, line in cited.lines if line.strip()]
    return out


def relation_line(view: RelationView, outgoing: bool) -> str:
    verb = view.type.replace("_", " ")
    other = f"{view.target_name} ({view.target})" if outgoing else f"{view.source_name} ({view.source})"
    attrs = "".join(f"; {k}: {v}" for k, v in sorted(view.attributes.items()))
    editions = f"  [{', '.join(view.editions)}]" if view.editions else ""
    return f"  {verb} -> {other}{attrs}{editions}" if outgoing else f"  <- {verb} {other}{attrs}{editions}"


def _cites(src: Iterable[Citation]) -> str:
    return ", ".join(map(str, src))


def _field(key: str, value: FieldValue) -> list[str]:
    """Structured fields (rules, meetings, quorum, dated names) as readable lines with sources."""
    if isinstance(value, (Meetings, Quorum)):
        return [f"{key}: {value.text}  [{_cites(value.src)}]"]
    if isinstance(value, list):
        items = [item for item in value if isinstance(item, (Rule, DatedName))]
        if items:
            return [f"{key}:", *map(_item_line, items)]
        return [f"{key}: {', '.join(map(str, value))}"]
    return [f"{key}: {value}"]


def _item_line(item: Rule | DatedName) -> str:
    """A rule (topic: text) or a dated name (name (since ..., until ...)), with its sources."""
    if isinstance(item, Rule):
        head, body, dates = item.topic, item.text, ""
    else:
        head, body = item.name, ""
        dates = " ".join(f"{k} {v}" for k, v in (("since", item.since), ("until", item.until)) if v)
    return f"  - {head}{': ' if head and body else ''}{body}{' (' + dates + ')' if dates else ''}  [{_cites(item.src)}]"


def detail(d: EntityDetail) -> str:
    out = [f"{d.name}  ({d.kind}, {d.id})"]
    if d.aliases:
        out.append(f"Also called: {', '.join(d.aliases)}")
    for key, value in sorted(d.fields.items()):
        out += _field(key, value)
    if d.editions:
        out.append(f"Stated in editions: {', '.join(d.editions)}")
    if d.absent_from:
        out.append(f"Absent from editions: {', '.join(d.absent_from)}")
    for note in d.not_stated:
        out.append(f"Not stated: {note.field} — {note.note}")
    sections = (("Relations out:", d.outgoing, True), ("Relations in:", d.incoming, False))
    for title, views, outgoing in sections:
        if views:
            out.append(title)
            for view in views:
                out.append(relation_line(view, outgoing))
                if view.note:
                    out.append(f"      {'inferred' if view.inferred else 'note'}: {view.note}")
                for cited in view.sources:
                    out += citation_lines(cited)
    for more in d.omitted:
        out.append(f"  … and {more.total - more.listed:,} more {more.direction} {more.type} "
                   f"({more.listed:,} of {more.total:,} listed; --all lists every one)")
    out.append("Sources:")
    for cited in d.sources:
        out += citation_lines(cited, "  ")
    return "\n".join(out) + "\n"


def overview(o: Overview) -> str:
    out = ["Areas: " + ", ".join(o.areas), ""]
    for p in o.partnerships:
        out.append(f"{p.name} ({p.id}) — {p.kind}")
        out.append(f"  areas: {', '.join(p.areas) or 'not stated'}")
        out.append(f"  editions: {', '.join(p.editions)}")
        out.append(f"  partners: {', '.join(p.partners) or 'not stated'}")
        out.append(f"  bodies ({len(p.bodies)}): {', '.join(p.bodies) or 'none recorded'}")
        out.append("")
    out.append("Loaded: " + ", ".join(f"{n} {k}" for k, n in o.counts.items()))
    return "\n".join(out) + "\n"


def _steps(steps: Iterable[Step], indent: str = "    ") -> list[str]:
    out = []
    for step in steps:
        when = f" (when: {step.condition.replace('-', ' ')})" if step.condition else ""
        cites = ", ".join(c.citation for c in step.sources)
        out.append(f"{indent}{step.source_name} {step.label} {step.target_name}{when}  [{cites}]")
        if step.caveat:
            out.append(f"{indent}  inferred, not stated: {step.caveat}")
    return out


def _sources(sources: Iterable[Cited]) -> list[str]:
    out = ["Sources:"]
    for cited in sources:
        out += citation_lines(cited, "  ")
    return out


def accountability(a: AccountabilityAnswer) -> str:
    out = [a.summary, ""]
    for number, chain in enumerate(a.chains, 1):
        out.append(f"Chain {number} (accountable: {chain.accountable_name}):")
        out += _steps(chain.steps)
    out.append("")
    return "\n".join(out + _sources(a.sources)) + "\n"


def accountabilities(a: AccountabilitiesAnswer) -> str:
    out = [a.summary, ""]
    if a.accountable_for:
        out.append("Accountable for:")
        for x in a.accountable_for:
            out.append(f"  {x.subject_name}: {x.via}")
            out += [f"    inferred, not stated: {c}" for c in x.caveats]
    if a.responsible_for:
        out.append("Directly responsible for:")
        for x in a.responsible_for:
            out.append(f"  {x.via}: {x.subject_name}  [{', '.join(c.citation for c in x.sources)}]")
            out += [f"    inferred, not stated: {c}" for c in x.caveats]
    return "\n".join(out) + "\n"


def escalation(e: EscalationAnswer) -> str:
    out = [e.summary, ""]
    for number, route in enumerate(e.routes, 1):
        flag = "  (dead end)" if route.dead_end else ""
        if route.ends_with:
            flag += f" ({route.ends_with}: {', '.join(c.citation for c in route.ends_with_sources)})"
        out.append(f"Route {number}, ending at {route.ends_at_name}{flag}:")
        out += _steps(route.steps)
    out.append("")
    return "\n".join(out + _sources(e.sources)) + "\n"


def vacancy(v: VacancyAnswer) -> str:
    out = [v.summary]
    for f in v.findings:
        out.append(f"  [{f.severity}] {f.message}  ({', '.join(c.citation for c in f.facts)})")
        out += [f"    inferred, not stated: {c}" for c in f.caveats]
    return "\n".join(out) + "\n"


def comparison(c: Comparison, fmt: str = "table") -> str:
    from .output import table as render_table

    rows = [{"feature": r.feature, **{p: cell.value for p, cell in r.values.items()}} for r in c.rows]
    body = render_table(rows, ["feature", *c.partnerships], fmt)
    return (c.summary + "\n\n" if fmt == "table" else "") + body


def coverage(report: list[DocumentCoverage], fmt: str = "table", ranges: bool = True) -> str:
    from .output import table as render_table

    rows = [{"doc": d.doc, "document": d.name, "cited share": f"{d.cited_share:.1f}%", "text lines": d.text_lines,
             "cited": d.cited_text_lines, "uncited ranges": ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in d.uncited)}
            for d in report]
    columns = ["doc", "document", "cited share", "text lines", "cited"] + (["uncited ranges"] if ranges else [])
    return render_table(rows, columns, fmt)
