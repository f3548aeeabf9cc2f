"""What is missing: structural gaps, unmet statutory rules, facts not stated, key-person risk."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model.entities import Body, Edition, Organisation, Post

from .accountability import chains, has_arrangements, is_lscb, lead_representatives, lscb_note, member_partnerships
from .findings import Finding, finding, ordered
from .compliance import pack, statutory_findings
from .editions import seen_in
from .scope import check_area, check_edition, in_area
from .view import View, view_at, visible

TOP_KINDS = ("board", "executive")
SEAT_LIMIT = 4


class GapsReport(BaseModel):
    area: str | None
    rules: str | None
    editions: list[str]
    summary: str
    counts: dict[str, int]
    findings: list[Finding]


def arrangements_editions(graph: Graph, area: str | None = None) -> list[Edition]:
    """The latest edition of each partnership with arrangements, in the area if given."""
    latest: dict[str, Edition] = {}
    for edition in graph.entities_of(Edition):
        partnership = graph.by_id[edition.partnership]
        if area and not in_area(graph, partnership, area):
            continue
        current = latest.get(edition.partnership)
        if current is None or (edition.date or "") > (current.date or ""):
            latest[edition.partnership] = edition
    return [latest[p] for p in sorted(latest)]


def gaps(graph: Graph, area: str | None = None, rules: str | None = None, edition: str | None = None) -> GapsReport:
    """Every finding for the partnerships of an area (all when None), most severe first."""
    check_area(graph, area)
    if rules is not None:
        pack(rules)  # an unknown pack is a usage error before any work
    check_edition(graph, edition)
    editions = [graph.edition(edition)] if edition else arrangements_editions(graph, area)
    found: list[Finding] = []
    for ed in editions:
        view = view_at(graph, ed.id)
        found += partnership_findings(graph, view, ed.partnership)
        found += statutory_findings(graph, ed, rules)
    found += key_person_findings(graph, editions)
    found = _dedupe(ordered(found))
    counts: defaultdict[str, int] = defaultdict(int)
    for f in found:
        counts[f.severity] += 1
    summary = (f"{len(found)} finding(s) over {len(editions)} partnership edition(s): "
               + ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low", "info") if counts[s]))
    return GapsReport(area=area, rules=rules, editions=[e.id for e in editions], summary=summary,
                      counts=dict(counts), findings=found)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.code, f.subject, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def bodies_of(graph: Graph, view: View, partnership: str) -> list[Body]:
    """The partnership's bodies that its own editions in the view state: a body another
    partnership's edition names (the Isle of Wight's web page names the HIPS CDOP) is not
    thereby in an edition of its own partnership that leaves it out (hips-2022, 004:136)."""
    own = [e for e in view.editions if graph.edition(e).partnership == partnership]
    return [b for b in _by_partnership(graph)[0].get(partnership, []) if seen_in(b, own or view.editions)]


def _by_partnership(graph: Graph) -> tuple[dict[str | None, list[Body]], dict[str | None, list[Post]]]:
    """Bodies and posts grouped by their partnership, in id order (the same for every view, so
    worked out once per graph: a national scan asks for them per partnership)."""
    if "gaps.by_partnership" not in graph.cache:
        from .scope import partnership_of

        bodies: defaultdict[str | None, list[Body]] = defaultdict(list)
        posts: defaultdict[str | None, list[Post]] = defaultdict(list)
        for body in graph.entities_of(Body):
            bodies[body.partnership].append(body)
        for post in graph.entities_of(Post):
            posts[partnership_of(graph, post)].append(post)
        graph.cache["gaps.by_partnership"] = (dict(bodies), dict(posts))
    return graph.cache["gaps.by_partnership"]


def partnership_findings(graph: Graph, view: View, partnership: str) -> list[Finding]:
    found = []
    lscb = is_lscb(graph, partnership)
    for body in bodies_of(graph, view, partnership):
        found += body_findings(graph, view, body, partnership, partners=not lscb)
    found += [_lscb_note(graph, partnership)] if lscb else partner_findings(graph, view, partnership)
    found += representation_findings(graph, view, partnership)
    found += not_stated_findings(graph, view, partnership)
    if not has_arrangements(graph, partnership):
        return [f if f.knowledge else _not_in_sources(graph, f, partnership) for f in found]
    return [f if f.knowledge else f.model_copy(update={"knowledge": "not-stated"}) for f in found]


# What each structural finding would ask of an arrangements document we do not hold, so that the
# answer says what is unknown rather than what the partnership lacks.
UNKNOWN = {
    "no-chair": "who chairs {subject}",
    "no-reporting-line": "whom {subject} reports to",
    "quorum-partner-missing": "which members of {subject} come from each safeguarding partner",
    "no-accountability-chain": "how {subject} is accountable to the lead representatives of the safeguarding partners",
    "no-partners": "who the safeguarding partners of {subject} are",
    "no-lead-representative": "who is the lead representative of {subject} for {partnership}",
    "no-delegate": "to whom the lead representative of {subject} for {partnership} delegates",
    "agency-not-represented": "how these relevant agencies are represented on the bodies of {partnership}: {agencies}",
}


def _lscb_note(graph: Graph, partnership: str) -> Finding:
    return finding(graph, "lscb", "structural", "info", partnership,
                   lscb_note(graph, partnership) + " The rules for safeguarding partners are not applied to it.",
                   partnership=partnership).model_copy(update={"knowledge": "stated"})


def _not_in_sources(graph: Graph, found: Finding, partnership: str, public_record: bool = True) -> Finding:
    """A structural gap that the arrangements document of `partnership`, not among our sources,
    would settle is a gap in our sources, not in the partnership: said so, as information.
    `public_record`: the finding is about that partnership itself, known from its public record."""
    name = graph.by_id[partnership].name
    if found.code in UNKNOWN:
        agencies = found.message.rsplit(": ", 1)[-1].rstrip(".")  # the names an agency finding lists last
        topic = UNKNOWN[found.code].format(subject=found.subject_name, partnership=name, agencies=agencies)
        message = f"Not known from our sources: {topic}."
    else:
        held = ", in the public record we hold" if public_record else ""
        message = f"{found.message.rstrip('.')}{held}."
    return found.model_copy(update={
        "severity": "info", "category": "data", "knowledge": "not-in-sources",
        "message": f"{message} Not a finding about the partnership: {name}'s arrangements document, which would "
                   f"state this, is not among our sources."})


def _not_stated(entity, field: str):
    return next((n for n in entity.not_stated if n.field == field), None)


def body_findings(graph: Graph, view: View, body: Body, partnership: str, partners: bool = True) -> list[Finding]:
    """Chair and reporting line; with `partners` (not for an LSCB's bodies), the all-partners
    quorum and a chain up to a lead representative."""
    found = []
    chaired = visible(graph, view, type="chairs", target=body.id)
    if not chaired and not _not_stated(body, "chair"):
        found.append(finding(graph, "no-chair", "structural", "medium", body.id,
                             f"{body.name} has no chair recorded, and the data does not mark the chair as not stated.",
                             partnership=partnership))
    lines = visible(graph, view, type=("reports_to", "feeds_into"), source=body.id)
    if not lines and body.body_kind not in TOP_KINDS and not _not_stated(body, "reports-to"):
        found.append(finding(graph, "no-reporting-line", "structural", "medium", body.id,
                             f"{body.name} has no reporting line: nothing says whom it reports to.",
                             partnership=partnership))
    if not partners:
        return found
    if body.quorum and body.quorum.rule == "all-partners":
        found += quorum_findings(graph, view, body, partnership)
    if body.id in _unaccountable(graph, view, [body.id]):
        found.append(finding(graph, "no-accountability-chain", "structural", "high", body.id,
                             f"No chain from {body.name} reaches a lead representative of a safeguarding partner.",
                             partnership=partnership))
    return found


def _unaccountable(graph: Graph, view: View, nodes: list[str]) -> set[str]:
    return {n for n in nodes if not chains(graph, view, n, limit=1)}  # one chain is enough to know


def members_for(graph: Graph, view: View, body_id: str) -> dict[str, list[str]]:
    """Which organisations are present at a body, through which members (org, posts, people)."""
    present: dict[str, list[str]] = defaultdict(list)
    for member in visible(graph, view, type="member_of", target=body_id):
        for org in _organisations_behind(graph, view, member.source) | set(member.represents):
            present[org].append(member.source)
    return present


def _organisations_behind(graph: Graph, view: View, node: str) -> set[str]:
    entity = graph.by_id[node]
    if isinstance(entity, Organisation):
        return {node}
    if isinstance(entity, Post):
        within = graph.by_id[entity.within]
        return {within.id} if isinstance(within, Organisation) else set()
    if entity.kind == "person":
        return set().union(*[_organisations_behind(graph, view, r.target)
                             for r in visible(graph, view, type="holds", source=node)] or [set()])
    return set()


def partners_of(graph: Graph, view: View, partnership: str) -> list[str]:
    return sorted({r.source for r in visible(graph, view, type="partner_of", target=partnership)})


def quorum_findings(graph: Graph, view: View, body: Body, partnership: str) -> list[Finding]:
    present = members_for(graph, view, body.id)
    missing = [p for p in partners_of(graph, view, partnership) if p not in present]
    if not missing:
        return []
    names = ", ".join(graph.by_id[m].name for m in missing)
    assert body.quorum is not None  # asked only of a body whose quorum needs all partners
    return [finding(graph, "quorum-partner-missing", "structural", "high", body.id,
                    f"{body.name} is quorate only when all three safeguarding partners are present, "
                    f"but no member is recorded for: {names}.",
                    citations=body.quorum.src, partnership=partnership)]


def partner_findings(graph: Graph, view: View, partnership: str) -> list[Finding]:
    found = []
    entity = graph.by_id[partnership]
    partners = partners_of(graph, view, partnership)
    if not partners and not _not_stated(entity, "partners"):
        found.append(finding(graph, "no-partners", "structural", "high", partnership,
                             f"{entity.name} has no safeguarding partners recorded.", partnership=partnership))
    leads = lead_representatives(graph, view)
    for partner in partners:
        # cited by the lines naming it a partner of this partnership, not the organisation's
        # lines in every document (a constabulary is named by four partnerships)
        cited = [c for r in visible(graph, view, type="partner_of", source=partner, target=partnership) for c in r.src]
        reps = [post for post, org in leads.items() if org == partner]
        if not reps:
            if not _not_stated(entity, "lead-representative"):
                gap = finding(graph, "no-lead-representative", "structural", "high", partner,
                              f"{graph.by_id[partner].name} has no lead representative recorded for {entity.name}.",
                              citations=cited or None, partnership=partnership)
                unheld = _unheld_member(graph, view, partnership, partner)
                found.append(_not_in_sources(graph, gap, unheld, public_record=False) if unheld else gap)
            continue
        if not any(visible(graph, view, type="delegates_to", source=r) for r in reps) and not _not_stated(entity, "delegate"):
            found.append(finding(graph, "no-delegate", "structural", "medium", partner,
                                 f"{graph.by_id[partner].name} names no delegate for its lead representative in {entity.name}.",
                                 citations=cited or None, partnership=partnership))
    return found


def _unheld_member(graph: Graph, view: View, partnership: str, partner: str) -> str | None:
    """The member partnership of a multi-area arrangement whose own arrangements would name this
    partner's lead representative, when that document is not among our sources (HIPS: Hampshire
    County Council's lead is for the Hampshire partnership to name)."""
    members = set(member_partnerships(graph, partnership))
    own = sorted({r.target for r in visible(graph, view, type="partner_of", source=partner)} & members)
    if own and not any(has_arrangements(graph, m) for m in own):
        return own[0]
    return None


def representation_findings(graph: Graph, view: View, partnership: str) -> list[Finding]:
    """Relevant agencies with no route onto any body; individual agencies count as covered
    when a collective of their sector (all schools...) has a route."""
    listed = visible(graph, view, type="relevant_agency_of", target=partnership)
    agencies = sorted({r.source for r in listed})
    org = {a: graph.entity_of(a, Organisation) for a in agencies}  # a relevant agency is an organisation
    bodies = {b.id for b in bodies_of(graph, view, partnership)}
    routes = _Routes(graph, view, bodies)
    routed = {a for a in agencies if routes.has_route(a)}
    covered_sectors = ({org[a].sector for a in routed if org[a].collective}
                       | _sector_seats(graph, view, bodies))
    unrouted = [a for a in agencies if a not in routed and org[a].sector not in covered_sectors]
    by_sector: dict[str, list[str]] = defaultdict(list)
    for agency in unrouted:
        by_sector[org[agency].sector].append(agency)
    found = []
    for sector, members in sorted(by_sector.items()):
        names = ", ".join(graph.by_id[m].name for m in members[:5]) + (" …" if len(members) > 5 else "")
        found.append(finding(graph, "agency-not-represented", "structural", "medium", members[0],
                             f"{len(members)} relevant agenc{'y' if len(members) == 1 else 'ies'} in sector "
                             f"{sector} ha{'s' if len(members) == 1 else 've'} no stated route of representation "
                             f"onto any body of {graph.by_id[partnership].name}: {names}.",
                             citations=[c for r in listed if r.source in members for c in r.src],
                             partnership=partnership))
    return found


def _sector_seats(graph: Graph, view: View, bodies: set[str]) -> set[str]:
    """Sectors with a seat of their own on a body (a membership row for a whole sector, such as
    Plymouth's "Community, voluntary and charitable sector", 002:470): a route for that sector's
    agencies even where the seat is not itself a relevant agency."""
    members = (graph.by_id[r.source] for r in visible(graph, view, type="member_of") if r.target in bodies)
    return {m.sector for m in members if isinstance(m, Organisation) and m.collective}


class _Routes:
    """Whether an agency has a route onto `bodies`: represented by someone, a member itself or
    through one of its posts, or named in a member's `represents`. What the relations and posts
    say is gathered once, so asking for each of thousands of agencies stays cheap."""

    def __init__(self, graph: Graph, view: View, bodies: set[str]):
        self.graph, self.view, self.bodies = graph, view, bodies
        if "gaps.routes" not in graph.cache:
            posts: defaultdict[str, list[str]] = defaultdict(list)
            for post in graph.entities_of(Post):
                posts[post.within].append(post.id)
            graph.cache["gaps.routes"] = (
                {r.source for r in graph.relations(("represented_by", "member_of"))},  # may have a route
                dict(posts),
                [r for r in graph.relations("member_of") if r.represents],
            )
        self.sources, self.posts, with_represents = graph.cache["gaps.routes"]
        self.represented = {a for r in with_represents if r.target in bodies and view.sees(r) for a in r.represents}

    def has_route(self, agency: str) -> bool:
        graph, view = self.graph, self.view
        if agency in self.sources and visible(graph, view, type="represented_by", source=agency):
            return True
        for member in (agency, *self.posts.get(agency, ())):
            if member in self.sources and any(r.target in self.bodies
                                              for r in visible(graph, view, type="member_of", source=member)):
                return True
        return agency in self.represented


def not_stated_findings(graph: Graph, view: View, partnership: str) -> list[Finding]:
    found = []
    subjects = [graph.by_id[partnership], *bodies_of(graph, view, partnership)]
    subjects += [p for p in _by_partnership(graph)[1].get(partnership, []) if view.sees(p)]
    for subject in subjects:
        for note in subject.not_stated:
            found.append(finding(graph, f"not-stated-{note.field}", "data", "info", subject.id,
                                 f"Not stated: {note.field.replace('-', ' ')} of {subject.name}. {note.note}",
                                 citations=note.src or subject.src, partnership=partnership))
    return found


def key_person_findings(graph: Graph, editions: list[Edition]) -> list[Finding]:
    """Posts or people holding many chairs or seats across the partnerships in view."""
    views = {e.id: view_at(graph, e.id) for e in editions}
    chairs, seats = defaultdict(set), defaultdict(set)
    if views:
        # A relation is seen in some view exactly when it is seen in their union (a view sees a
        # relation when their editions meet): one pass instead of one per edition.
        view = View(frozenset().union(*(v.editions for v in views.values())))
        for relation in visible(graph, view, type=("chairs", "vice_chairs")):
            chairs[relation.source].add(relation.target)
        for relation in visible(graph, view, type="member_of"):
            if graph.by_id[relation.source].kind in ("post", "person"):
                seats[relation.source].add(relation.target)
    local = {e.partnership for e in editions}
    found = []
    for holder in sorted(set(chairs) | set(seats)):
        load = len(chairs[holder]) + len(seats[holder])
        here = any(getattr(graph.by_id[b], "partnership", b) in local for b in chairs[holder] | seats[holder])
        if here and graph.by_id[holder].kind in ("post", "person") and (len(chairs[holder]) >= 3 or load >= SEAT_LIMIT):
            found.append(finding(graph, "key-person-load", "key-person", "low", holder,
                                 f"{graph.by_id[holder].name} chairs {len(chairs[holder])} and sits on "
                                 f"{len(seats[holder])} bodies: {_if_vacant(graph, holder)}").model_copy(
                update={"knowledge": "stated"}))
    return found


def _if_vacant(graph: Graph, holder: str) -> str:
    """What a vacancy would leave uncovered, in the words of `vacancy` itself, so that the two
    agree: a single point of failure only where the vacancy leaves something without cover."""
    from .workload import vacancy

    findings = vacancy(graph, holder).findings
    uncovered = [f for f in findings if f.severity == "high"]
    if uncovered:
        return (f"a single point of failure: if it falls vacant, {len(uncovered)} thing(s) are left without "
                f"cover ({len(findings)} consequence(s) in all; see vacancy).")
    return (f"a heavy load; if it falls vacant, {len(findings)} consequence(s), none left without cover "
            f"(see vacancy).")
