"""Checks of who the partners are and who leads: WT18-01, WT18-07, WT18-05, WT23-01, WT23-03,
WT23-05 and WT23-02."""
from __future__ import annotations

from lscp.model import Relation
from lscp.model.entities import Organisation, Post

from .footprint import ICB_FROM, existed, is_ccg, required_partners
from .outcome import Fact, Outcome, facts, met, names, not_met, unknown
from .scope import Scope

SECTORS = {"local-authority": "the local authority", "health-commissioner": "the CCG/ICB", "police": "the chief officer of police"}


def partners(scope: Scope) -> list[Relation]:
    return scope.rels("partner_of", target=scope.partnership.id)


def lead_posts(scope: Scope) -> dict[str, list[Relation]]:
    """The lead representative relations of each partner, stated for this partnership."""
    found: dict[str, list[Relation]] = {}
    for relation in partners(scope):
        found[relation.source] = scope.rels("lead_representative_of", target=relation.source)
    return found


def three_partners(scope: Scope) -> Outcome:
    graph, stated = scope.graph, partners(scope)
    if not stated:
        return unknown(scope, "who the safeguarding partners are", "The published arrangements, which name the partners.")
    present = {r.source for r in stated}
    missing = [words for sector, words in SECTORS.items() if not any(graph.entity_of(o, Organisation).sector == sector for o in present)]
    required = {o: f for o, f in required_partners(scope).items() if o not in present}
    if not missing and not required:
        return met(f"The safeguarding partners are {names(graph, sorted(present))}.", facts(graph, stated))
    gaps = [f"no partner recorded for {', '.join(missing)}"] if missing else []
    gaps += [f"{graph.by_id[o].name}, whose area covers part of this partnership's area on {scope.as_at}, is not recorded as a partner"
             for o in sorted(required)]
    shown = facts(graph, stated) + [f for found in required.values() for f in found]
    if scope.holds_arrangements:
        return not_met("The held arrangements name the partners, but " + "; ".join(gaps) + ".", shown)
    return unknown(scope, "; ".join(gaps), "The arrangements document naming every partner.", shown)


def partners_existed(scope: Scope) -> Outcome:
    graph, stated = scope.graph, partners(scope)
    if not stated:
        return unknown(scope, "who the safeguarding partners are", "The published arrangements, which name the partners.")
    wrong = [r for r in stated if (is_ccg(graph.entity_of(r.source, Organisation)) and scope.as_at >= ICB_FROM)
             or not existed(scope, r.source)]
    if not wrong:
        return met(f"Every partner named existed on {scope.as_at}.", facts(graph, stated))
    return not_met(f"{names(graph, [r.source for r in wrong])} is named as a partner on {scope.as_at}, when it did not "
                   "exist (CCGs were replaced by integrated care boards on 1 July 2022).", facts(graph, wrong))


def _title_ok(post_name: str, org: Organisation, wt2023: bool) -> bool:
    name, sector = post_name.lower(), org.sector
    if sector == "local-authority":
        return "chief executive" in name
    if sector == "health-commissioner":
        return "chief executive" in name and not is_ccg(org) if wt2023 else ("accountable officer" in name or "chief executive" in name)
    if sector == "police":
        # WT2018 names "a chief officer of police": assistant and deputy chief constables hold
        # chief officer ranks (002:159 "Chief Officer (Assistant Chief Constable)"); WT2023's
        # lead safeguarding partner is the chief officer of police, the chief constable.
        # A superintendent is below the chief officer ranks under either.
        if "superintendent" in name or (wt2023 and ("assistant" in name or "deputy" in name)):
            return False
        return "chief constable" in name or "chief officer" in name
    return True


EXPECTED = {
    False: "the local authority chief executive, the CCG accountable officer (ICB chief executive from July 2022) "
           "and a chief officer of police (a chief constable, deputy or assistant chief constable)",
    True: "the local authority chief executive, the integrated care board chief executive "
          "and the chief officer of police (the chief constable)",
}


def _leads(scope: Scope, wt2023: bool) -> Outcome:
    graph, leads = scope.graph, lead_posts(scope)
    if not leads:
        return unknown(scope, "who the safeguarding partners are", "The published arrangements, which name the partners.")
    relations = [r for found in leads.values() for r in found]
    unnamed = [o for o, found in leads.items() if not found]
    wrong = [r for r in relations if not _title_ok(graph.by_id[r.source].name, graph.entity_of(r.target, Organisation), wt2023)]
    word = "lead safeguarding partner" if wt2023 else "lead representative"
    if wrong:
        return not_met(f"The {word}s named are not those the guidance names ({EXPECTED[wt2023]}): "
                       + "; ".join(f"{graph.by_id[r.source].name} for {graph.by_id[r.target].name}" for r in wrong) + ".",
                       facts(graph, wrong + relations))
    if unnamed:
        return unknown(scope, f"the {word} of {names(graph, unnamed)}", f"The arrangements naming the {word} of each partner.",
                       facts(graph, relations))
    return met(f"The {word}s are {names(graph, [r.source for r in relations])}.", facts(graph, relations))


def lead_representatives(scope: Scope) -> Outcome:
    return _leads(scope, wt2023=False)


def lead_safeguarding_partners(scope: Scope) -> Outcome:
    return _leads(scope, wt2023=True)


def delegated_partners(scope: Scope) -> Outcome:
    """WT23-03: each lead appoints a delegated safeguarding partner named in the arrangements."""
    graph = scope.graph
    leads = [r.source for found in lead_posts(scope).values() for r in found]
    if not leads:
        return unknown(scope, "the lead safeguarding partners and their delegates", "The arrangements naming each DSP.")
    delegations = {lead: [r for r in scope.rels("delegates_to", source=lead) if graph.by_id[r.target].kind == "post"]
                   for lead in leads}
    held = {r.target: scope.rels("holds", target=r.target) for found in delegations.values() for r in found}
    shown = facts(graph, [r for found in delegations.values() for r in found] + [h for hs in held.values() for h in hs])
    none = [lead for lead, found in delegations.items() if not found]
    by_post = [lead for lead, found in delegations.items() if found and not any(held[r.target] for r in found)]
    if by_post:
        return not_met(f"The delegates of {names(graph, by_post)} are named by post only, with no person named "
                       "(WT2023: a DSP 'named in the arrangements').", shown)
    if none:
        return unknown(scope, f"a delegated safeguarding partner for {names(graph, none)}", "The arrangements naming each DSP.", shown)
    several = [lead for lead, found in delegations.items() if len(found) > 1]
    extra = f" {names(graph, several)} delegate{'s' if len(several) == 1 else ''} to more than one post." if several else ""
    return met("Each lead safeguarding partner has a delegate held by a named person." + extra, shown)


def _chair_role(scope: Scope, chair: str, leads: set[str], delegates: set[str]) -> str:
    entity = scope.graph.by_id[chair]
    if entity.kind == "organisation":
        return "a safeguarding partner (by rotation)" if chair in {r.source for r in partners(scope)} else "an organisation"
    if getattr(entity, "independent", False):
        return "independent"
    if chair in leads:
        return "a lead safeguarding partner"
    return "a delegated safeguarding partner" if chair in delegates else "neither a lead nor a delegated partner"


def partnership_chair(scope: Scope) -> Outcome:
    """WT23-05: who chairs (DSP, LSP, independent), and a chair who is also the scrutineer."""
    graph, p = scope.graph, scope.partnership.id
    tops = [b.id for b in scope.bodies(("board", "executive"))]
    chairs = scope.rels("chairs", target=p) + [r for b in tops for r in scope.rels("chairs", target=b)]
    if not chairs:
        return unknown(scope, "who chairs the partnership or its board or executive", "The arrangements naming the partnership chair.")
    leads = {r.source for found in lead_posts(scope).values() for r in found}
    delegates = {r.target for lead in leads for r in scope.rels("delegates_to", source=lead)}
    scrutiny = {r.source: r for r in scope.rels("scrutinises", target=p)}
    both = [r for r in chairs if r.source in scrutiny and getattr(graph.by_id[r.source], "independent", False)]
    if both:
        chair = graph.by_id[both[0].source]
        return not_met(f"{chair.name} chairs and is also the independent scrutineer: leadership and scrutiny are combined. "
                       "WT2023 introduces a partnership chair and practice since has the independent role become the scrutineer; "
                       "the exact WT2023 wording on who may chair was not retrieved.",
                       facts(graph, both + [scrutiny[both[0].source]]), uncertain=True)
    roles = sorted({f"{graph.by_id[r.source].name} ({_chair_role(scope, r.source, leads, delegates)})" for r in chairs})
    return met("Chaired by " + "; ".join(roles) + ".", facts(graph, chairs))


SIGN_OFF = {"fn.safeguarding-arrangements": "the published arrangements", "fn.funding": "the shared budget",
            "fn.annual-report": "the yearly report", "fn.thresholds": "the threshold document"}


def sign_off(scope: Scope) -> Outcome:
    """WT23-02: the lead partners (or the partners they lead) hold the four sign-offs."""
    graph = scope.graph
    leads = {r.source for found in lead_posts(scope).values() for r in found}
    orgs = {r.source for r in partners(scope)}
    found: list[str] = []
    shown: list[Fact] = []
    missing: list[str] = []
    for function, words in SIGN_OFF.items():
        stated = scope.rels("responsible_for", target=function)
        # Jointly: every lead (or every partner, whose lead signs for it: inference) holds it.
        held: list[Relation] | list[Fact] = [r for group in (leads, orgs) if group and group <= {r.source for r in stated}
                for r in stated if r.source in group]
        if function == "fn.safeguarding-arrangements":
            held_rules = [Fact(f"{graph.by_id[lead].name}: {rule.text}", list(rule.src)) for lead in sorted(leads)
                          for rule in graph.entity_of(lead, Post).rules if "approv" in rule.topic or "sign" in rule.topic]
            shown += held_rules
            held = held or held_rules
        (found if held else missing).append(words)
        shown += facts(graph, [r for r in held if not isinstance(r, Fact)])
    if not missing:
        return met("The partners hold " + ", ".join(found)
                   + " (a partner's responsibility is taken as its lead's sign-off: inference).", shown)
    return unknown(scope, "sign-off by the lead partners of " + ", ".join(missing),
                   "A record (minutes, the report itself) of the lead partners signing off " + ", ".join(missing) + ".", shown)
