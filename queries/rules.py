"""Statutory rule packs, WT2018 and WT2023, built from docs/statutory-requirements.md.

Each rule is a small function over one partnership edition that returns findings citing
its requirement id. The pack is chosen by the edition's date unless the user names one."""
from __future__ import annotations

from collections.abc import Callable

from lscp.loaders import Graph
from lscp.model.entities import Edition

from .findings import Finding, finding
from .view import View, visible

WT2023_IN_FORCE = "2023-12-15"
ICB_FROM = "2022-07-01"

Rule = Callable[[Graph, View, Edition], list[Finding]]


def pack_for(edition: Edition) -> str:
    """WT2023 applies to editions dated on or after 15 December 2023, else WT2018."""
    return "wt2023" if (edition.date or "") >= WT2023_IN_FORCE else "wt2018"


def _partners(graph: Graph, view: View, partnership: str) -> dict[str, str]:
    return {r.source: graph.by_id[r.source].sector for r in visible(graph, view, type="partner_of", target=partnership)}


def _gap(graph, edition, requirement, message, severity="high") -> list[Finding]:
    return [finding(graph, f"rule-{requirement.lower()}", "statutory", severity, edition.partnership, message,
                    partnership=edition.partnership, requirement=requirement)]


def three_partners(graph, view, edition) -> list[Finding]:
    """WT18-01: the local authority, the health commissioner and the chief officer of police."""
    sectors = set(_partners(graph, view, edition.partnership).values())
    missing = [s for s in ("local-authority", "health-commissioner", "police") if s not in sectors]
    if not missing:
        return []
    return _gap(graph, edition, "WT18-01",
                f"The arrangements do not record a safeguarding partner for: {', '.join(missing)} "
                "(the law names the local authority, the CCG/ICB and the chief officer of police).")


def icb_not_ccg(graph, view, edition) -> list[Finding]:
    """WT18-07: from 1 July 2022 the health partner is an ICB, not a CCG."""
    if (edition.date or "") < ICB_FROM[:7]:  # a year alone ("2022") may predate July: not flagged
        return []
    ccgs = [o for o, s in _partners(graph, view, edition.partnership).items()
            if s == "health-commissioner" and _is_ccg(graph.by_id[o].all_names())]
    return [f for o in ccgs for f in _gap(graph, edition, "WT18-07",
            f"{graph.by_id[o].name} is recorded as the health partner in an edition dated {edition.date}; "
            "CCGs were replaced by integrated care boards on 1 July 2022.", "medium")]


def _is_ccg(names: list[str]) -> bool:
    return any("clinical commissioning" in n.lower() or n.upper().split()[-1:] == ["CCG"] for n in names)


def lead_representatives_named(graph, view, edition) -> list[Finding]:
    """WT18-05 / WT23-01: each partner has a lead representative."""
    leads = {r.target for r in visible(graph, view, type="lead_representative_of")}
    requirement = "WT23-01" if pack_for(edition) == "wt2023" else "WT18-05"
    return [f for o in _partners(graph, view, edition.partnership) if o not in leads
            for f in _gap(graph, edition, requirement, f"No lead representative is recorded for {graph.by_id[o].name}.")]


def delegates_named(graph, view, edition) -> list[Finding]:
    """WT23-03: each lead safeguarding partner appoints a named delegated safeguarding partner."""
    found = []
    partners = _partners(graph, view, edition.partnership)
    for rel in visible(graph, view, type="lead_representative_of"):
        if rel.target not in partners:
            continue
        delegates = [d.target for d in visible(graph, view, type="delegates_to", source=rel.source)]
        named = [d for d in delegates if visible(graph, view, type="holds", target=d)]
        if not named:
            found += _gap(graph, edition, "WT23-03",
                          f"{graph.by_id[rel.source].name} has no named delegated safeguarding partner "
                          "(a delegate post held by a named person).", "medium")
    return found


def _function_held(graph, view, edition, function_id) -> bool:
    holders = _near(graph, "responsible_for", edition.partnership, function_id)
    return any(view.sees(r) for r in holders)


def _belongs(graph, node, partnership) -> bool:
    from .scope import partnership_of

    entity = graph.by_id[node]
    if entity.kind == "organisation":
        return True
    return partnership_of(graph, entity) == partnership


def function_rule(function_id: str, requirement: str, what: str, severity: str = "high") -> Rule:
    def rule(graph, view, edition):
        if _function_held(graph, view, edition, function_id):
            return []
        return _gap(graph, edition, requirement, f"No body or post is recorded as responsible for {what}.", severity)

    rule.__doc__ = f"{requirement}: someone is responsible for {what}."
    return rule


def independent_scrutiny(graph, view, edition) -> list[Finding]:
    """WT18-16 / WT23-09: independent scrutiny of the arrangements."""
    if _function_held(graph, view, edition, "fn.independent-scrutiny"):
        return []
    independent = [p for p in graph.entities("post") if p.independent and view.sees(p)
                   and _belongs(graph, p.id, edition.partnership)]
    if any(visible(graph, view, type="scrutinises", source=p.id) for p in independent):
        return []
    requirement = "WT23-09" if pack_for(edition) == "wt2023" else "WT18-16"
    return _gap(graph, edition, requirement, "No independent scrutiny is recorded (no independent post that scrutinises).")


def relevant_agencies_named(graph, view, edition) -> list[Finding]:
    """WT18-10: the arrangements name their relevant agencies, including education (WT18-14)."""
    agencies = [r.source for r in visible(graph, view, type="relevant_agency_of", target=edition.partnership)]
    if not agencies:
        return _gap(graph, edition, "WT18-10", "No relevant agencies are named.", "medium")
    education = {"school", "early-years", "further-education", "education-other"}
    if not any(graph.by_id[a].sector in education for a in agencies):
        return _gap(graph, edition, "WT18-14", "No school, college or early years setting is named as a relevant agency.", "medium")
    return []


def escalation_route(graph, view, edition) -> list[Finding]:
    """WT18-30: a route for escalating disagreements between agencies and partners."""
    routes = [r for r in _near(graph, "escalates_to", edition.partnership) if view.sees(r)]
    if routes:
        return []
    return _gap(graph, edition, "WT18-30", "No escalation route for disagreements is recorded.", "medium")


def _near(graph: Graph, relation_type: str, partnership: str, target: str | None = None) -> list:
    """Relations of a type (to `target` when given) from something that `_belongs` to the
    partnership, in data order: grouped once per graph, because a national scan asks this of
    every partnership, and the type's relations from all of them are many."""
    key = ("rules.near", relation_type, target is not None)
    if key not in graph.cache:
        from .scope import partnership_of

        grouped: dict[tuple, list] = {}
        for index, relation in enumerate(graph.relations(relation_type)):
            source = graph.by_id[relation.source]
            owner = "*" if source.kind == "organisation" else partnership_of(graph, source)
            grouped.setdefault((relation.target if target is not None else None, owner), []).append((index, relation))
        graph.cache[key] = grouped
    grouped = graph.cache[key]
    found = grouped.get((target, "*"), []) + grouped.get((target, partnership), [])
    return [r for _, r in sorted(found, key=lambda item: item[0])]


def partnership_chair(graph, view, edition) -> list[Finding]:
    """WT23-05: a partnership chair."""
    bodies = [b.id for b in graph.entities("body") if b.partnership == edition.partnership and view.sees(b)]
    chaired = visible(graph, view, type="chairs", target=edition.partnership)
    chaired += [r for b in bodies if graph.by_id[b].body_kind in ("board", "executive")
                for r in visible(graph, view, type="chairs", target=b)]
    if chaired:
        return []
    return _gap(graph, edition, "WT23-05", "No partnership chair is recorded.", "medium")


COMMON: list[Rule] = [
    three_partners,
    icb_not_ccg,
    lead_representatives_named,
    independent_scrutiny,
    relevant_agencies_named,
    escalation_route,
    function_rule("fn.rapid-review", "WT18-24", "rapid reviews of serious incidents"),
    function_rule("fn.practice-reviews", "WT18-25", "commissioning local child safeguarding practice reviews"),
    function_rule("fn.child-death-review", "WT18-27", "child death review", "medium"),
    function_rule("fn.annual-report", "WT18-19", "the yearly report"),
    function_rule("fn.thresholds", "WT18-17", "the threshold document", "medium"),
    function_rule("fn.funding", "WT18-18", "funding the arrangements", "medium"),
]

PACKS: dict[str, list[Rule]] = {
    "wt2018": COMMON,
    "wt2023": [*COMMON, delegates_named, partnership_chair],
}


def statutory_findings(graph: Graph, view: View, edition: Edition, pack: str) -> list[Finding]:
    found = []
    for rule in PACKS[pack]:
        found += rule(graph, view, edition)
    if pack != pack_for(edition):
        for f in found:
            f.message += f" (checked against {pack.upper()}; the edition is dated {edition.date}.)"
    return found
