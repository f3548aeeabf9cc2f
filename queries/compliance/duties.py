"""Checks of the partnership's duties: scrutiny, agencies, functions, CDR, routes, reports, and
what a federation promises."""
from __future__ import annotations

from lscp.model import Relation
from lscp.model.entities import Edition, Organisation, Post

from ..escalation import partnership_routes
from .footprint import ancestors, areas_of_partnership
from .leadership import lead_posts, partners
from .outcome import Fact, Outcome, facts, met, names, not_met, unknown
from .scope import Scope, first_day, last_day

EDUCATION = {"school": "schools", "early-years": "early years settings", "further-education": "colleges and post-16 providers"}
SHOWN = 8  # facts shown for a long list (a partnership's hundreds of agencies): the count says the rest


def _some(scope: Scope, relations: list) -> list[Fact]:
    return facts(scope.graph, relations[:SHOWN])


def scrutineers(scope: Scope) -> list:
    """Independent posts stated as scrutinising the partnership."""
    return [r for r in scope.rels("scrutinises", target=scope.partnership.id)
            if getattr(scope.graph.by_id[r.source], "independent", False)]


def independent_scrutiny(scope: Scope) -> Outcome:
    found = scrutineers(scope)
    if found:
        return met(f"{names(scope.graph, sorted({r.source for r in found}))} scrutinises the arrangements independently.",
                   facts(scope.graph, found))
    held = scope.rels("responsible_for", target="fn.independent-scrutiny")
    return unknown(scope, "an independent person who scrutinises the arrangements",
                   "The arrangements naming the independent scrutineer and their role.", _some(scope, held))


def _agencies(scope: Scope) -> list:
    return scope.rels("relevant_agency_of", target=scope.partnership.id)


def agency_organisations(relations: list) -> list[str]:
    """The relevant agencies named: distinct organisations, however often the documents list one
    (what `check`, `compare` and the partnership page count)."""
    return sorted({r.source for r in relations})


def relevant_agencies(scope: Scope) -> Outcome:
    """Counted as distinct organisations, as `compare` and the partnership page count them (one
    organisation listed twice is one agency)."""
    found = _agencies(scope)
    if found:
        return met(f"{len(agency_organisations(found))} relevant agencies are named.", _some(scope, found))
    return unknown(scope, "which relevant agencies are named", "The arrangements' list of relevant agencies.")


def _by_sector(scope: Scope, sectors) -> dict[str, list]:
    found: dict[str, list] = {}
    for relation in _agencies(scope):  # hundreds for a partnership, thousands nationally: cheap per relation
        sector = scope.graph.entity_of(relation.source, Organisation).sector
        if sector in sectors:
            found.setdefault(sector, []).append(relation)
    return found


def education_included(scope: Scope) -> Outcome:
    found = _by_sector(scope, EDUCATION)
    shown = [f for relations in found.values() for f in _some(scope, relations[:2])]
    missing = [words for sector, words in EDUCATION.items() if sector not in found]
    if not missing:
        return met("Schools, early years settings and colleges are named as relevant agencies.", shown)
    agencies = _agencies(scope)
    if scope.holds_arrangements and len(agencies) >= 5:
        return not_met(f"The held arrangements list {len(agencies)} relevant agencies but none of: {', '.join(missing)}.",
                       shown + _some(scope, agencies))
    return unknown(scope, f"how {', '.join(missing)} are included", "The arrangements' list of relevant agencies.", shown)


def custody_and_homes(scope: Scope) -> Outcome:
    graph = scope.graph
    homes = _by_sector(scope, ("residential-care", "youth-justice"))
    subjects = [scope.partnership, *scope.bodies()]
    said = [Fact(f"{s.name}: {rule.text}", list(rule.src)) for s in subjects for rule in getattr(s, "rules", [])
            if any(w in f"{rule.topic} {rule.text}".lower() for w in ("custody", "residential home"))]
    shown = said + [f for relations in homes.values() for f in facts(graph, relations[:2])]
    if shown:
        return met("The arrangements say how youth custody or residential children's homes are included.", shown)
    return unknown(scope, "how youth custody and residential children's homes are included",
                   "The arrangements' section on youth custody and residential homes.")


def function_held(function: str, what: str, settle: str):
    def check(scope: Scope) -> Outcome:
        held = scope.rels("responsible_for", target=function)
        if held:
            holders = list(dict.fromkeys(r.source for r in held))
            return met(f"{names(scope.graph, holders)} {'is' if len(holders) == 1 else 'are'} responsible for {what}.",
                       _some(scope, held))
        return unknown(scope, f"who is responsible for {what}", settle)

    check.__doc__ = f"Someone stated for this partnership is responsible for {what}."
    return check


def rapid_review(scope: Scope) -> Outcome:
    """WT18-24: rapid reviews, and whether the decision on a local review is stated as the partners'
    (their joint decision, research table item k)."""
    outcome = function_held("fn.rapid-review", "rapid reviews of serious incidents",
                            "The arrangements' section on rapid reviews.")(scope)
    if outcome.verdict != "met":
        return outcome
    graph = scope.graph
    deciding = scope.rels("responsible_for", target="fn.rapid-review-decision")
    # each party stated as deciding (003:644 "... the Safeguarding Partners and the Independent
    # Chair"), but not a partner's delegate, who decides for a partner already named (004:267)
    leads = {r.source for found in lead_posts(scope).values() for r in found}
    delegated = {d.target for r in deciding for d in scope.rels("delegates_to", target=r.source) if d.source in leads}
    by_partners = [r for r in deciding if r.source not in delegated]
    if by_partners:
        outcome.message += (f" The decision on a local review is stated as taken by "
                            f"{names(graph, list(dict.fromkeys(r.source for r in by_partners)))}.")
        outcome.facts += _some(scope, by_partners)
    else:
        outcome.message += " Who takes the decision on a local review is not stated in the held documents."
    return outcome


def funding(scope: Scope) -> Outcome:
    graph, p = scope.graph, scope.partnership.id
    targets = {p, *(b.id for b in scope.bodies())}
    stated = [r for t in sorted(targets) for r in scope.rels("funds", target=t)]
    funders = {r.source for r in stated}
    missing = [r.source for r in partners(scope) if r.source not in funders]
    if stated and not missing:
        shares = [f"{graph.by_id[r.source].name} {r.share:g}%" for r in stated if r.share is not None]
        return met("All the partners contribute" + (f" ({', '.join(shares)})." if shares else "."), facts(graph, stated))
    held = scope.rels("responsible_for", target="fn.funding")
    what = f"a contribution from {names(graph, missing)}" if stated else "which partners contribute to the funding"
    return unknown(scope, what, "The budget: each partner's contribution (the yearly report usually gives it).",
                   facts(graph, stated) + _some(scope, held))


def yearly_report(scope: Scope) -> Outcome:
    graph, p = scope.graph, scope.partnership.id
    reports = [e for e in graph.entities_of(Edition) if e.partnership == p and e.edition_kind == "annual-report"
               and e.date and first_day(e.date) <= scope.as_at]
    recent = [e for e in reports if e.date and last_day(e.date) >= _year_before(scope.as_at)]
    held = scope.rels("responsible_for", target="fn.annual-report")
    shown = [Fact(f"{e.name} ({e.date})", list(e.src)) for e in recent] + _some(scope, held)
    if recent:
        return met(f"A yearly report within the 12 months to {scope.as_at} is held: {recent[-1].name}.", shown)
    if held:
        holders = list(dict.fromkeys(r.source for r in held))
        return met(f"{names(graph, holders)} {'is' if len(holders) == 1 else 'are'} responsible for the yearly report "
                   "(the arrangements commit to it; no report of the last 12 months is among the held sources).", shown)
    return unknown(scope, "a yearly report", "The yearly report of the last 12 months.")


def _year_before(date: str) -> str:
    return f"{int(date[:4]) - 1:04d}{date[4:]}"


def serious_incident_notification(scope: Scope) -> Outcome:
    graph = scope.graph
    held = scope.rels("responsible_for", target="fn.serious-incident-notification")
    councils = {r.source for r in partners(scope) if graph.entity_of(r.source, Organisation).sector == "local-authority"}
    by_council = [r for r in held if r.source in councils]
    if by_council:
        return met(f"{names(graph, [r.source for r in by_council])} notifies serious incidents.", facts(graph, by_council))
    # A subgroup that recommends or submits notifications may act for the local authority: that the
    # local authority notifies is then not stated, which is not evidence that it does not.
    what = "who notifies serious incidents for the local authority"
    if held:
        what += (f" (the held documents give a part in notification to {names(graph, [r.source for r in held])}; "
                 "s16C places the duty on the local authority)")
    return unknown(scope, what, "The arrangements' section on serious incident notification.", facts(graph, held))


def child_death_review(scope: Scope) -> Outcome:
    """CDR through an arrangement covering the area, with the LA and ICB(s) as CDR partners. The
    coverage is read the same way for every partnership: a `covers` relation seen in the view of
    the edition checked, from a CDR arrangement (a panel stated in any edition as responsible for
    child death review, or a CDR partnership), whichever document states the coverage."""
    graph = scope.graph
    areas = set().union(*[ancestors(scope, a) for a in areas_of_partnership(scope)] or [set()])
    own = scope.rels("responsible_for", target="fn.child-death-review")
    if own:
        return met(f"{names(graph, list(dict.fromkeys(r.source for r in own)))} is responsible for child death review.", facts(graph, own))
    for arrangement_id, roles in _cdr_arrangements(graph).items():
        covering = [r for r in graph.relations("covers", source=arrangement_id) if scope.current(r) and r.target in areas]
        if covering:
            return _cdr_met(scope, graph.by_id[arrangement_id], roles, covering)
    aside, earlier = _not_restated(scope, areas)
    return unknown(scope, "a child death review arrangement covering the area" + aside,
                   "The CDR partners' published child death review arrangements for the area.", earlier)


def _cdr_arrangements(graph) -> dict[str, list]:
    """CDR arrangements by id, with the relations (in any edition) that make them one."""
    found: dict[str, list] = {p.id: [] for p in graph.entities("partnership") if p.partnership_kind == "child-death-review"}
    for relation in graph.relations("responsible_for", target="fn.child-death-review"):
        found.setdefault(relation.source, []).append(relation)
    return found


def _cdr_met(scope: Scope, arrangement, roles: list, covering: list) -> Outcome:
    graph = scope.graph
    cdr_partners = [r for r in graph.relations("partner_of", target=arrangement.id) if scope.current(r)]
    shown = facts(graph, [*[r for r in roles if scope.current(r)], *covering, *cdr_partners])
    sectors = {graph.entity_of(r.source, Organisation).sector for r in cdr_partners}
    if cdr_partners and not {"local-authority", "health-commissioner"} <= sectors:
        return not_met(f"{arrangement.name} covers the area, but its CDR partners are not the local authority and the ICB.", shown)
    shown += [Fact(f"{arrangement.name}: not stated: {n.note}", list(n.src)) for n in arrangement.not_stated if n.field == "partners"]
    partners_words = (f"its CDR partners are {names(graph, [r.source for r in cdr_partners])}" if cdr_partners else
                      "its CDR partners are not named in the held sources (by law the local authority and the ICB: inference)")
    return met(f"{arrangement.name} covers the area; {partners_words}.", shown)


def _not_restated(scope: Scope, areas: set[str]) -> tuple[str, list[Fact]]:
    """A CDR arrangement an earlier document stated as covering the area, not restated in the
    documents of the time checked: said, so the reader knows where the earlier statement is."""
    graph = scope.graph
    for arrangement_id in _cdr_arrangements(graph):
        earlier = [r for r in graph.relations("covers", source=arrangement_id) if r.target in areas and not scope.current(r)]
        if earlier:
            cited = ", ".join(str(c) for r in earlier for c in r.src)
            return (f" (the {graph.by_id[arrangement_id].name} is stated as covering it in an earlier text, {cited}, "
                    "not restated in the documents of this edition's time)"), facts(graph, earlier)
    return "", []


def _routes(scope: Scope) -> list:
    return scope.around("escalates_to")


def disagreement_route(scope: Scope) -> Outcome:
    """Routes counted as `escalate` walks them from the partnership and its bodies (the count
    `compare` and the partnership page give), the steps shown as evidence."""
    routes = sum(partnership_routes(scope.graph, scope.partnership.id, scope.edition.id).values())
    if routes:
        return met(f"{routes} escalation route(s) are stated.", _some(scope, _routes(scope)))
    return unknown(scope, "a route for disagreements between agencies and partners", "The arrangements' escalation procedure.",
                   field="escalation")


def scrutiny_in_route(scope: Scope) -> Outcome:
    graph = scope.graph
    routes, independent = _routes(scope), {r.source for r in scrutineers(scope)}
    if not routes:
        return unknown(scope, "a route for disagreements", "The arrangements' escalation procedure.", field="escalation")
    if not independent:
        return unknown(scope, "an independent scrutineer", "The arrangements naming the scrutineer.", _some(scope, routes))
    seated = {r.target: r for s in independent for r in scope.rels("member_of", source=s)}
    through = [r for r in routes if r.source in independent or r.target in independent or r.target in seated]
    if through:
        extra = [seated[r.target] for r in through if r.target in seated][:1]
        return met(f"{names(graph, sorted(independent))} is in the route for disagreements.", _some(scope, through) + facts(graph, extra))
    return not_met(f"{len(routes)} escalation step(s) are stated and none reaches the independent scrutineer "
                   f"({names(graph, sorted(independent))}).", _some(scope, routes))


def refreshed(scope: Scope) -> Outcome:
    graph, p = scope.graph, scope.partnership.id
    editions = [e for e in graph.entities_of(Edition) if e.partnership == p and e.edition_kind == "arrangements"
                and e.date and "2023-12-15" <= last_day(e.date) and first_day(e.date) <= scope.as_at]
    if editions:
        return met(f"{editions[-1].name} ({editions[-1].date}) postdates WT2023.", [Fact(editions[-1].name, list(editions[-1].src))])
    return unknown(scope, "arrangements republished under WT2023 (dated on or after 15 December 2023)",
                   "The partnership's current published arrangements.")


def education_strategic(scope: Scope) -> Outcome:
    graph = scope.graph
    tops = {b.id for b in scope.bodies(("board", "executive"))}
    members = [r for b in tops for r in scope.rels("member_of", target=b)]
    seats = [r for r in members if _education(scope, r.source)]
    seats += [r for a in _agencies(scope) if _education(scope, a.source)
              for r in scope.rels("represented_by", source=a.source) if r.on in tops]
    if seats:
        return met("An education representative sits at the top table: "
                   + "; ".join(f"{graph.by_id[r.source].name}" for r in seats[:3]) + ".", _some(scope, seats))
    if scope.holds_arrangements and len(members) >= 5:
        return not_met(f"The held arrangements list {len(members)} members of {names(graph, sorted(tops))}, none from education.",
                       _some(scope, members))
    return unknown(scope, "an education or childcare representative on the top decision-making body",
                   "The membership of the partnership's board or executive.", _some(scope, members))


def _education(scope: Scope, node: str) -> bool:
    entity = scope.graph.by_id[node]
    if isinstance(entity, Post):
        return _education(scope, entity.within) if scope.graph.by_id[entity.within].kind == "organisation" else False
    return getattr(entity, "sector", None) in ("school", "early-years", "further-education", "education-other")


def business_support(scope: Scope) -> Outcome:
    units = scope.bodies(("business-unit",))
    support = scope.rels("supports", target=scope.partnership.id)  # support of the partnership, not a board's subgroups
    if units or support:
        shown = [Fact(f"{b.name} (business unit)", list(b.src)) for b in units] + _some(scope, support)
        return met(f"Business support: {names(scope.graph, dict.fromkeys([b.id for b in units] or [r.source for r in support]))}.", shown)
    return unknown(scope, "a business unit or analytical support", "The arrangements' section on business support.")


def designated_education(scope: Scope) -> Outcome:
    """CWSA26-02: schools, early years and colleges take part: named, with a route onto a body."""
    taking_part: dict[str, list] = {}
    for sector, relations in _by_sector(scope, EDUCATION).items():
        routes = [r for a in relations for r in scope.rels(("represented_by", "member_of"), source=a.source)]
        if routes:
            taking_part[sector] = relations[:1] + routes[:1]
    shown = [f for relations in taking_part.values() for f in facts(scope.graph, relations)]
    if len(taking_part) == len(EDUCATION):
        return met("Schools, early years settings and colleges take part, each with a route onto the partnership's bodies "
                   "(which agencies the regulations designate is not yet known: inference).", shown)
    missing = [words for sector, words in EDUCATION.items() if sector not in taking_part]
    return unknown(scope, f"the participation of {', '.join(missing)} (named, with a route onto a body)",
                   "The arrangements after the designation regulations.", shown)


def macpt(scope: Scope) -> Outcome:
    teams = [b for b in scope.bodies() if any("child protection team" in n.lower() or "macpt" in n.lower() for n in b.all_names())]
    if teams:
        return met(f"{names(scope.graph, [b.id for b in teams])} is a multi-agency child protection team.",
                   [Fact(b.name, list(b.src)) for b in teams])
    return unknown(scope, "a multi-agency child protection team", "The arrangements establishing the team and its members.")


def system_wide_route(scope: Scope) -> Outcome:
    routes = [r for r in _routes(scope) if r.condition == "system-wide-issue" and scope.belongs(r.target)]
    if routes:
        return met(f"{len(routes)} partnership(s) escalate system-wide issues to the federation.", _some(scope, routes))
    return unknown(scope, "a route for system-wide issues", "The federation's arrangements.")


def members_named(scope: Scope) -> Outcome:
    """FED-02: the partnerships the federation's own text joins to it or its bodies (004:100 "work
    alongside the four local partnerships"), from the lines of the edition checked: a member's own
    document (000:428 for Portsmouth) does not say what the federation names."""
    graph = scope.graph
    joined = [r for t in ("member_of", "escalates_to", "feeds_into", "works_with") for r in scope.around(t)
              if scope.own.intersection(r.editions) and _member_end(scope, r)]
    if joined:
        members = sorted({m for r in joined if (m := _member_end(scope, r))}, key=lambda m: graph.by_id[m].name)
        return met(f"Members: {names(graph, members)}.", _some(scope, _one_each(scope, joined)))
    return unknown(scope, "which partnerships are members", "The federation's arrangements.")


def _member_end(scope: Scope, relation) -> str | None:
    """The other partnership a relation joins to the federation (either direction), if any."""
    graph = scope.graph
    for mine, other in ((relation.target, relation.source), (relation.source, relation.target)):
        if scope.belongs(mine) and not scope.belongs(other) and graph.by_id[other].kind == "partnership":
            return other
    return None


def _one_each(scope: Scope, relations: list[Relation]) -> list[Relation]:
    """One relation per member, so every member's line is shown."""
    first: dict[str | None, Relation] = {}
    for relation in relations:
        first.setdefault(_member_end(scope, relation), relation)
    return list(first.values())
