"""What a check returns: a verdict, its words, the facts it rests on, and what would settle it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lscp.loaders import Graph
from lscp.model import Citation, Relation

from ..results import Knowledge
from .scope import Scope

Verdict = Literal["met", "not-met", "not-evidenced", "not-applicable"]

VERBS = {
    "partner_of": "is a safeguarding partner of", "lead_representative_of": "is the lead representative of",
    "delegates_to": "delegates to", "holds": "holds", "chairs": "chairs", "member_of": "is a member of",
    "scrutinises": "scrutinises", "responsible_for": "is responsible for", "funds": "funds",
    "covers": "covers", "escalates_to": "escalates to", "relevant_agency_of": "is a relevant agency of",
    "represented_by": "is represented by", "supports": "supports", "works_with": "works with",
    "accountable_to": "is accountable to", "appoints": "appoints", "feeds_into": "feeds into",
}


@dataclass
class Fact:
    """One cited fact: a relation, or a statement about an entity (a rule, a not-stated note)."""

    text: str
    citations: list[Citation]
    relation: Relation | None = None


@dataclass
class Outcome:
    verdict: Verdict
    message: str
    facts: list[Fact] = field(default_factory=list)
    settle: str | None = None
    severity: str | None = None  # when the check lowers the pack's severity (guidance uncertain)
    knowledge: Knowledge = "stated"  # for not-evidenced: which kind of not-known
    uncertain: bool = False  # not met only on a reading of guidance whose wording was not retrieved: to review


def fact(graph: Graph, relation: Relation) -> Fact:
    words = f"{graph.by_id[relation.source].name} {VERBS.get(relation.type, relation.type)} {graph.by_id[relation.target].name}"
    if relation.condition:
        words += f" (when: {relation.condition.replace('-', ' ')})"
    if relation.inferred:  # read into the text: the evidence says so, with how it was read
        words += f" (inferred, not stated: {relation.note})"
    return Fact(words, list(relation.src), relation)


def facts(graph: Graph, relations: list[Relation]) -> list[Fact]:
    return [fact(graph, r) for r in relations]


def met(message: str, found: list[Fact]) -> Outcome:
    return Outcome("met", message, found)


def not_met(message: str, found: list[Fact], severity: str | None = None, uncertain: bool = False) -> Outcome:
    return Outcome("not-met", message, found, severity=severity, uncertain=uncertain)


def unknown(scope: Scope, what: str, settle: str, found: list[Fact] | None = None, field: str | None = None) -> Outcome:
    """Not evidenced: silence in a document we hold, or the document that would state it is not
    among our sources (the arrangements, or a document the held text names: a `not_stated` entry
    of the partnership or its bodies with `stated_in`). Never worded as a failing of the partnership."""
    named = elsewhere(scope, field) if field else []
    if named:
        entry = named[0]
        cited = ", ".join(str(c) for c in entry.src)
        where = f"the document that states it ({entry.stated_in}, {cited}) is not among our sources"
        found = [*(found or []), Fact(f"Not stated in the held text: {entry.note}", list(entry.src))]
        return Outcome("not-evidenced", f"Not evidenced in the held sources: {what}; {where}.", found,
                       f"{entry.stated_in[0].upper()}{entry.stated_in[1:]}.", knowledge="not-in-sources")
    knowledge: Knowledge
    if scope.holds_arrangements:
        where, knowledge = "the held documents of this partnership do not state it", "not-stated"
    else:
        where = "the partnership's arrangements document is not among our sources (only a public record is held)"
        knowledge = "not-in-sources"
    return Outcome("not-evidenced", f"Not evidenced in the held sources: {what}; {where}.", found or [], settle,
                   knowledge=knowledge)


def elsewhere(scope: Scope, field: str) -> list:
    """`not_stated` entries on a field that name the document, not among our sources, stating it."""
    return [n for s in [scope.partnership, *scope.bodies()] for n in getattr(s, "not_stated", [])
            if n.field == field and n.stated_in]


def names(graph: Graph, ids) -> str:
    return ", ".join(graph.by_id[i].name for i in ids)
