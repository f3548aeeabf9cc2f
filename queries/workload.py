"""Load, vacancy and the RACI matrix: what one post or person carries, and what breaks without it."""
from __future__ import annotations

from pydantic import BaseModel

from lscp.loaders import Graph

from .words import a
from lscp.model import Relation, UsageError
from lscp.model.entities import Body, Post

from .accountability import SEATS, carried, chains, directly, lead_representatives, posts_of
from .findings import Finding, Severity, finding, ordered
from .editions import editions_of, seen_in
from .gaps import arrangements_editions, bodies_of, members_for, partners_of
from .results import Cited, cite_all
from .scope import check_area, in_area, partnership_of
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
        return [target, *[p.id for p in graph.entities_of(Post) if p.within == target]]
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
        for relation in graph.relations(SEATS, source=holder):
            body = graph.by_id[relation.target]
            meetings = body.meetings.per_year if isinstance(body, Body) and body.meetings else None
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
    posts: list[str] = []  # the posts that fall vacant (a person's: the posts they hold)


def vacancy(graph: Graph, post: str, edition: str | None = None) -> VacancyAnswer:
    """What a vacancy in this post breaks, the mirror of `accountabilities`: every accountability
    it carries (at the top of chains and on the way), the chairs, seats, functions and
    delegations it holds, the quoracy it breaks and the statutory roles it leaves empty.
    A person's vacancy is that of the posts they hold."""
    entity = graph.entity(post)
    if entity.kind not in ("post", "person"):
        raise UsageError(f"{post} is {a(entity.kind)}; ask about a post (or a person)")
    view = view_for(graph, entity, edition)
    posts = sorted(posts_of(graph, view, post)) if entity.kind == "person" else [post]
    found = [f for p in posts for f in _post_vacancy(graph, view, p, as_held=entity.kind == "person")]
    if entity.kind == "person":  # a person's own seats and chairs, beside their posts'
        found += _direct_findings(graph, view, post, entity.name)
    found = [f.model_copy(update={"knowledge": "stated"}) for f in ordered(_dedupe(found))]
    return VacancyAnswer(target=post, target_name=entity.name, summary=_vacancy_summary(graph, entity, posts, found),
                         findings=found, posts=posts)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    return list({(f.code, f.subject, f.message): f for f in findings}.values())


def _post_vacancy(graph: Graph, view: View, post: str, as_held: bool = False) -> list[Finding]:
    name = graph.by_id[post].name
    found = []
    top, through = carried(graph, view, {post})
    # A chain may end at a post a text makes accountable (004:217's chief executives) without
    # any document we hold making it a lead representative: say what it is, no more.
    who = "lead representative" if post in lead_representatives(graph, view) else "post"
    for c in top:
        subject = graph.by_id[c.subject].name
        found.append(finding(
            graph, "vacancy-accountability-vacant", "vacancy", "high" if c.every_chain else "medium", c.subject,
            (f"{subject} has no {who} left accountable for it: every chain ends at {name}." if c.every_chain
             else f"{subject} loses one of the {who}s accountable for it ({name})."),
            _path_citations(c), relations=_path_relations(c)))
    for c in through:
        subject = graph.by_id[c.subject].name
        found.append(finding(
            graph, "vacancy-chain-cut" if c.every_chain else "vacancy-chain-weakened", "vacancy",
            "high" if c.every_chain else "low", c.subject,
            (f"Every accountability chain from {subject} passes through {name}." if c.every_chain
             else f"One of the accountability chains from {subject} passes through {name}."),
            _path_citations(c), relations=_path_relations(c)))
    found += _direct_findings(graph, view, post, name)
    found += _quorum_findings(graph, view, post, name)
    found += _statutory_role_findings(graph, view, post, name)
    found += _scrutiny_findings(graph, view, post, name)
    return found


def _path_citations(c) -> list:
    return [x for e in c.path if e.relation for x in e.relation.src]


def _path_relations(c) -> list:
    return [e.relation for e in c.path]


def _direct_findings(graph: Graph, view: View, post: str, name: str) -> list[Finding]:
    """Chairs, vice-chairs, seats, functions and delegations the post holds itself."""
    found = []
    for relation in directly(graph, view, post):
        other = graph.by_id[relation.target]
        shared = any(r.source != post for r in visible(graph, view, type=relation.type, target=relation.target))
        said = _direct_effect(relation.type, other.name, name, shared)
        if said:
            code, severity, message = said
            found.append(finding(graph, code, "vacancy", severity, other.id, message, relation.src,
                                 relations=[relation]))
    return found


def _direct_effect(kind: str, other: str, name: str, shared: bool) -> tuple[str, Severity, str] | None:
    """What losing one direct relation of the post does: code, severity, words (`shared`: others
    hold the same relation to the same body or function)."""
    if kind == "chairs":
        return (("vacancy-co-chair-lost", "medium", f"{other} loses one of its chairs ({name}).") if shared
                else ("vacancy-chair-lost", "high", f"{other} loses its chair."))
    if kind == "responsible_for":
        return (("vacancy-function-uncovered", "medium", f"{other} loses one of those responsible for it ({name}).")
                if shared else ("vacancy-function-uncovered", "high", f"{other} is left with no one responsible for it."))
    effects: dict[str, tuple[str, Severity, str]] = {
        "vice_chairs": ("vacancy-vice-chair-lost", "low", f"{other} loses its vice-chair ({name})."),
        "member_of": ("vacancy-seat-empty", "low", f"{name}'s seat on {other} is empty."),
        "delegates_to": ("vacancy-delegation-lost", "medium", f"What {name} delegated to {other} has no delegator."),
    }
    return effects.get(kind)


def _quorum_findings(graph: Graph, view: View, post: str, name: str) -> list[Finding]:
    found = []
    for seat in visible(graph, view, type="member_of", source=post):
        body = graph.by_id[seat.target]
        # a body of no partnership has no partners whose presence its quorum needs
        if isinstance(body, Body) and body.partnership and body.quorum and body.quorum.rule == "all-partners":
            for org, members in members_for(graph, view, body.id).items():
                if members == [post] and org in partners_of(graph, view, body.partnership):
                    found.append(finding(graph, "vacancy-quorum-lost", "vacancy", "high", body.id,
                                         f"{body.name} can no longer be quorate: {name} is the only member "
                                         f"for {graph.by_id[org].name}, and all three partners must be present.",
                                         body.quorum.src, relations=[seat]))
    return found


def _statutory_role_findings(graph: Graph, view: View, post: str, name: str) -> list[Finding]:
    """The partnership's statutory roles the post holds: a partner's lead representative, a
    lead representative's delegate."""
    found = []
    for r in visible(graph, view, type="lead_representative_of", source=post):
        partnership = _naming_partnership(graph, r)
        where = f" in {graph.by_id[partnership].name}" if partnership else ""
        found.append(finding(graph, "vacancy-statutory-role", "vacancy", "high", r.target,
                             f"{graph.by_id[r.target].name} has no lead representative{where} (a statutory role: "
                             f"the lead safeguarding partner).", r.src, partnership=partnership, relations=[r]))
    leads = lead_representatives(graph, view)
    for r in visible(graph, view, type="delegates_to", target=post):
        if r.source in leads:
            found.append(finding(graph, "vacancy-statutory-role", "vacancy", "medium", r.source,
                                 f"{graph.by_id[r.source].name} has no delegate in post ({name}: the delegated "
                                 f"safeguarding partner).", r.src, relations=[r]))
    return found


def _scrutiny_findings(graph: Graph, view: View, post: str, name: str) -> list[Finding]:
    """Every scrutiny the post carries, in every partnership it serves (004:217: one independent
    chair is "Independent Scrutineer for all partnerships and the HIPS Executive"). A partnership
    left with no independent scrutineer loses a statutory role: the one `check` counts (WT18-16)."""
    found = []
    independent = getattr(graph.by_id[post], "independent", False)
    for r in visible(graph, view, type="scrutinises", source=post):
        target = graph.by_id[r.target]
        others = [o for o in visible(graph, view, type="scrutinises", target=r.target) if o.source != post
                  and getattr(graph.by_id[o.source], "independent", False) == independent]
        kind = "independent scrutineer" if independent else "scrutineer"
        if independent and target.kind == "partnership" and not others:
            found.append(finding(graph, "vacancy-statutory-role", "vacancy", "high", r.target,
                                 f"{target.name} has no independent scrutineer left ({name}; a statutory role: "
                                 f"independent scrutiny of the arrangements).", r.src, partnership=r.target))
        else:
            found.append(finding(graph, "vacancy-scrutiny-lost", "vacancy", "medium" if others else "high", r.target,
                                 (f"{target.name} loses one of its {kind}s ({name})." if others
                                  else f"{target.name} loses its {kind} ({name})."), r.src))
    return found


def _naming_partnership(graph: Graph, relation: Relation) -> str | None:
    return graph.edition(relation.editions[0]).partnership if relation.editions else None


def _vacancy_summary(graph: Graph, entity, posts: list[str], found: list[Finding]) -> str:
    if entity.kind == "person":
        held = ", ".join(graph.by_id[p].name for p in posts) or "no post in these editions"
        lead = f"If {entity.name} leaves, the posts they hold fall vacant ({held})"
    else:
        lead = f"If the {entity.name} post falls vacant"
    if not found:
        return f"{lead}, nothing in the data depends on it: it carries no chair, seat, function or accountability."
    counts: dict[str, int] = {}
    for f in found:
        counts[f.code] = counts.get(f.code, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: _ORDER.index(kv[0]) if kv[0] in _ORDER else 99)
    parts = [f"{n} {_WORDS[code][n != 1] if code in _WORDS else code}" for code, n in ordered]
    return f"{lead}: {'; '.join(parts)}."


_WORDS = {  # code -> (one, several), as a person would say them
    "vacancy-statutory-role": ("statutory role left empty", "statutory roles left empty"),
    "vacancy-accountability-vacant": ("body, function or post losing a post accountable for it",
                                      "bodies, functions or posts losing a post accountable for them"),
    "vacancy-chain-cut": ("accountability chain cut", "accountability chains cut"),
    "vacancy-chain-weakened": ("accountability chain passing through it", "accountability chains passing through it"),
    "vacancy-chair-lost": ("body left without a chair", "bodies left without a chair"),
    "vacancy-co-chair-lost": ("body losing one of its chairs", "bodies losing one of their chairs"),
    "vacancy-vice-chair-lost": ("vice-chair lost", "vice-chairs lost"),
    "vacancy-quorum-lost": ("body unable to be quorate", "bodies unable to be quorate"),
    "vacancy-function-uncovered": ("function losing someone responsible", "functions losing someone responsible"),
    "vacancy-delegation-lost": ("delegation without a delegator", "delegations without a delegator"),
    "vacancy-scrutiny-lost": ("body or partnership losing a scrutineer", "bodies or partnerships losing a scrutineer"),
    "vacancy-seat-empty": ("seat left empty", "seats left empty"),
}
_ORDER = list(_WORDS)


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
            own = {e.id for e in editions_of(graph, edition.partnership)}
            for relation in visible(graph, view, type="responsible_for", target=function.id):
                # what this partnership's own documents say, of its own bodies and posts
                source = graph.by_id[relation.source]
                ours = relation.source in local or relation.source == edition.partnership or (
                    source.kind == "post" and partnership_of(graph, source) == edition.partnership)
                if ours and seen_in(relation, own):
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
