"""`lscp check`: a partnership against a rule pack, one line per requirement."""
from __future__ import annotations

import click

from ..output import to_json

VERDICT = {"met": "met", "not-met": "NOT MET", "not-evidenced": "not evidenced", "not-applicable": "n/a"}


@click.command()
@click.argument("partnership")
@click.option("--rules", type=click.Choice(["wt2018", "wt2023", "cwsa2026"]),
              help="Rule pack (default: the pack in force on the edition's date, or on --as-at).")
@click.option("--as-at", "as_at", metavar="DATE",
              help="Check as at this date (YYYY-MM-DD): the edition then current, dated facts then in force.")
@click.option("--commencement", metavar="DATE", help="The commencement date of the CWSA 2026 duties (not in force without one).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_context
def check(ctx, partnership, rules, as_at, commencement, as_json):
    """Is PARTNERSHIP (or one of its editions) compliant? Met, not met, not evidenced, per requirement."""
    from lscp.api.cli import EXIT_FINDINGS, _graph
    from lscp.queries.compliance import check as query

    report = query(_graph(ctx), partnership, rules=rules, as_at=as_at, commencement=commencement)
    click.echo(to_json(report) if as_json else render(report), nl=not as_json)
    if report.counts["not-met"]:
        ctx.exit(EXIT_FINDINGS)


def render(report) -> str:
    dated = f"dated {report.edition_date}" if report.edition_date else "undated"
    lines = [report.note] if report.note else []
    lines += [f"{report.partnership_name} ({report.edition}, {dated}), "
              f"as at {report.as_at} ({report.as_at_reason}).",
              f"Pack: {report.pack_choice}",
              f"{report.summary}.", ""]
    for r in report.results:
        cited = sorted({s.citation for e in r.evidence for s in e.sources})
        where = f"  [{', '.join(cited[:6])}{', …' if len(cited) > 6 else ''}]" if cited else ""
        severity = f" ({r.severity})" if r.verdict == "not-met" else ""
        label = "TO REVIEW" if r.to_review else VERDICT[r.verdict]
        lines.append(f"{label:<14} {r.id:<9} {r.title}{severity}: {r.message}{where}")
    return "\n".join(lines)
