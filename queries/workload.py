"""Load, vacancy and the RACI matrix: what one post or person carries, and what breaks without it."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph

from .words import a
from lscp.model import UsageError

from .accountability import chains, lead_representatives
from .findings import Finding, finding, ordered
from .gaps import arrangements_editions, bodies_of, members_for, partners_of
from .results import Cited, cite_all
from .scope import check_area, in_area
from .view import View, view_at, view_for, visible


class Seat(BaseModel):
    body: str
    body_name: str
    role: str
    meetings_per_year: int | None = None
    editions: list[str] = []
    sources: list[Cited] = []


class LoadAnswer(BaseModel):
    target: str
    target_name: str
    summary: str
    chairs: int
    seats: int
    meetings_per_year: int
    meetings_not_stated: int
    roles: list[Seat]


def _holders(graph: Graph, target: str) -> list[str]:
    """The target itself and, for an organisation or person, the posts through which it sits."""
    entity = graph.by_id[target]
    if entity.kind == "organisation":
        return [target, *[p.id for p in graph.entities("post") if p.within == target]]
    if entity.kind == "person":
        return [target, *[r.target for r in graph.relations("holds", source=target)]]
    return [target]


def load(graph: Graph, target: str) -> LoadAnswer:
    """Seats, chairs and meetings per year a person, post or organisation carries, across all areas."""
    entity = graph.entity(target)
    if entity.kind not in ("person", "post", "organisation"):
        raise UsageError(f"{target} is {a(entity.kind)}; ask about a person, post or organisation")
    roles = []
    for holder in _holders(graph, target):
        for relation in graph.relations(("chairs", "vice_chairs", "member_of"), source=holder):
            body = graph.by_id[relation.target]
            meetings = body.meetings.per_year if getattr(body, "meetings", None) else None
            role = {"chairs": "chair", "vice_chairs": "vice-chair"}.get(relation.type, relation.capacity or "member")
            if holder != target:
                role += f" (as {graph.by_id[holder].name})"
            roles.append(Seat(body=body.id, body_name=body.name, role=role, meetings_per_year=meetings,
                              editions=list(relation.editions), sources=cite_all(graph, relation.src, False)))
    roles.sort(key=lambda s: (s.body, s.role))
    chairs = sum(1 for s in roles if s.role.startswith("chair"))
    per_year = {s.body: s.meetings_per_year for s in roles}
    total = sum(v for v in per_year.values() if v)
    unknown = sum(1 for v in per_year.values() if v is None)
    summary = (f"{entity.name} holds {len(roles)} role(s) on {len(per_year)} bodies, chairing {chairs}; "
               f"{total} meetings a year where stated ({unknown} bodies' frequency not stated).")
    return LoadAnswer(target=target, target_name=entity.name, summary=summary, chairs=chairs,
                      seats=len(roles) - chairs, meetings_per_year=total, meetings_not_stated=unknown, roles=roles)


class VacancyAnswer(BaseModel):
    target: str
    target_name: str
    summary: str
    findings: list[Finding]


def _without(graph: Graph, view: View, node: str, removed: str) -> bool:
    """Does `node` still reach a lead representative once `removed` is gone?"""
    return any(removed not in {e.target for e in path} for path in chains(graph, view, node))


def vacancy(graph: Graph, post: str, edition: str | None = None) -> VacancyAnswer:
    """What a vacancy in this post breaks: chairs lost, quoracy lost, accountability chains cut."""
    entity = graph.entity(post)
    if entity.kind not in ("post", "person"):
        raise UsageError(f"{post} is {a(entity.kind)}; ask about a post (or a person)")
    view = view_for(graph, entity, edition)
    found = []
    for relation in visible(graph, view, type="chairs", source=post):
        others = [r for r in visible(graph, view, type="chairs", target=relation.target) if r.source != post]
        if not others:
            found.append(finding(graph, "vacancy-chair-lost", "vacancy", "high", relation.target,
                                 f"{graph.by_id[relation.target].name} loses its chair.", relation.src))
    for body in [graph.by_id[r.target] for r in visible(graph, view, type="member_of", source=post)]:
        if body.kind == "body" and body.quorum and body.quorum.rule == "all-partners":
            present = members_for(graph, view, body.id)
            for org, members in present.items():
                if members == [post] and org in partners_of(graph, view, body.partnership):
                    found.append(finding(graph, "vacancy-quorum-lost", "vacancy", "high", body.id,
                                         f"{body.name} can no longer be quorate: {entity.name} is the only member "
                                         f"for {graph.by_id[org].name}, and all three partners must be present.",
                                         body.quorum.src))
    for subject in [b.id for b in graph.entities("body") if view.sees(b)]:
        paths = chains(graph, view, subject)
        if paths and any(post in {e.target for e in p} for p in paths) and not _without(graph, view, subject, post):
            found.append(finding(graph, "vacancy-chain-cut", "vacancy", "high", subject,
                                 f"Every accountability chain from {graph.by_id[subject].name} passes through {entity.name}."))
    found = ordered(found)
    summary = (f"If {entity.name} falls vacant: {len(found)} consequence(s)." if found
               else f"A vacancy in {entity.name} breaks no chair, quorum or accountability chain in the data.")
    return VacancyAnswer(target=post, target_name=entity.name, summary=summary, findings=found)


class RaciRow(BaseModel):
    function: str
    function_name: str
    responsible: list[str]
    accountable: list[str]
    flag: str | None = None
    sources: list[Cited] = []


class RaciMatrix(BaseModel):
    area: str
    editions: list[str]
    summary: str
    rows: list[RaciRow]


def raci(graph: Graph, area: str) -> RaciMatrix:
    """Functions against the bodies and posts responsible (R) and the lead representatives accountable (A)."""
    check_area(graph, area)
    editions = [e for e in arrangements_editions(graph) if in_area(graph, graph.by_id[e.partnership], area)]
    if not editions:
        raise UsageError(f"no partnership edition covers area {area!r}")
    rows = []
    for function in graph.entities("function"):
        responsible, accountable, cited = set(), set(), []
        for edition in editions:
            view = view_at(graph, edition.id)
            leads = lead_representatives(graph, view)
            local = {b.id for b in bodies_of(graph, view, edition.partnership)}
            for relation in visible(graph, view, type="responsible_for", target=function.id):
                if relation.source in local or relation.source == edition.partnership or graph.by_id[relation.source].kind == "post":
                    responsible.add(graph.by_id[relation.source].name)
                    cited += relation.src
                    for path in chains(graph, view, relation.source):
                        accountable.add(graph.by_id[path[-1].target].name)
                    if relation.source in leads:
                        accountable.add(graph.by_id[relation.source].name)
        flag = None
        if responsible and not accountable:
            flag = "no accountable party"
        elif not responsible:
            flag = "no responsible body"
        elif len(accountable) > 3:
            flag = "several accountable parties"
        rows.append(RaciRow(function=function.id, function_name=function.name, responsible=sorted(responsible),
                            accountable=sorted(accountable), flag=flag, sources=cite_all(graph, cited, False)))
    flagged = sum(1 for r in rows if r.flag)
    return RaciMatrix(area=area, editions=[e.id for e in editions], rows=rows,
                      summary=f"{len(rows)} functions for {area}; {flagged} flagged.")
