"""Plain-English renderings of results for the terminal."""
from __future__ import annotations

from queries.browse import EntityDetail
from queries.overview import Overview
from queries.results import Cited, RelationView


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


def detail(d: EntityDetail) -> str:
    out = [f"{d.name}  ({d.kind}, {d.id})"]
    if d.aliases:
        out.append(f"Also called: {', '.join(d.aliases)}")
    for key, value in sorted(d.fields.items()):
        out.append(f"{key}: {value}")
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
                    out.append(f"      note: {view.note}")
                for cited in view.sources:
                    out += citation_lines(cited)
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
