"""`check`: one partnership's arrangements against a rule pack, requirement by requirement."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from lscp.loaders import Graph
from lscp.model import LscpError, NotFound, UsageError
from lscp.model.entities import Edition

from ..findings import Finding, finding
from ..words import a
from ..results import Cited, Knowledge, cite_all
from .checks import CHECKS
from .outcome import Outcome, Verdict
from .packs import COMMENCEMENT, PACK_IDS, Pack, Requirement, RequirementSource, Severity, pack
from .scope import Scope, last_day

VERDICT_WORDS = {"met": "met", "not-met": "not met", "not-evidenced": "not evidenced in the documents held",
                 "not-applicable": "not applicable"}
TRANSITION = " (WT2023 transition: full implementation was expected by 31 December 2024, so severity is low.)"
UNCERTAIN = "To review: this may not meet the requirement (the guidance wording is uncertain). "


class Evidence(BaseModel):
    text: str
    sources: list[Cited] = []


class RequirementResult(BaseModel):
    id: str
    title: str
    duty: str
    source: RequirementSource
    basis: Literal["law", "guidance", "local"]
    severity: Severity
    verdict: Verdict
    message: str
    evidence: list[Evidence] = []
    to_settle: str | None = None
    to_review: bool = False  # not met on guidance whose wording is uncertain: severity info, "may not meet"
    knowledge: Knowledge | None = None  # stated (met, not met), or which kind of not-known; None if not applicable


class ComplianceReport(BaseModel):
    partnership: str
    partnership_name: str
    partnership_kind: str
    edition: str
    edition_name: str
    edition_date: str | None
    as_at: str
    as_at_reason: str  # why this date: asked, the edition's date, or today because the record is undated
    pack: str
    pack_name: str
    pack_choice: str
    commencement: str | None
    summary: str
    counts: dict[Verdict, int]
    results: list[RequirementResult]
    note: str | None = None  # how the target typed was read (an area taken as its one partnership)


def check(graph: Graph, target: str, rules: str | None = None, as_at: str | None = None,
          commencement: str | None = None) -> ComplianceReport:
    """TARGET (a partnership or one of its editions) against a pack: by default the pack in force
    on the edition's date (or the date asked)."""
    from ..lookup import resolve_partnership

    for name, value in (("as-at date", as_at), ("commencement date", commencement)):
        _check_date(name, value)
    target, note = resolve_partnership(graph, target)  # a name, an abbreviation, an area's one partnership
    edition = _edition(graph, target, as_at)
    date = as_at or checked_on(edition)
    chosen = pack(rules or default_pack(date, commencement))
    scope = Scope(graph, edition, date)
    results = [_result(scope, chosen, r, commencement, explicit=rules is not None) for r in chosen.requirements]
    partnership = scope.partnership
    counts = {v: sum(r.verdict == v for r in results) for v in VERDICT_WORDS}
    return ComplianceReport(
        partnership=partnership.id, partnership_name=partnership.name, partnership_kind=partnership.partnership_kind,
        edition=edition.id, edition_name=edition.name, edition_date=edition.date, as_at=date,
        as_at_reason=_as_at_reason(edition, as_at), pack=chosen.id,
        pack_name=chosen.name, pack_choice=_choice(chosen, date, edition, as_at, rules, commencement),
        commencement=commencement, summary=_summary(counts, sum(r.to_review for r in results)), counts=counts,
        results=results, note=note)


def checked_on(edition: Edition) -> str:
    """The date a check reads an edition at, unless asked: its own (latest day), else today."""
    return last_day(edition.date) if edition.date else dt.date.today().isoformat()


def default_pack(date: str, commencement: str | None = None) -> str:
    """The newest pack in force on the date (WT2018 before WT2023 came in)."""
    for pack_id in reversed(PACK_IDS):
        start = pack(pack_id).in_force_on(commencement)
        if start and start <= date:
            return pack_id
    return PACK_IDS[0]


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date YYYY-MM-DD (e.g. 2025-06-01)") from None


def _edition(graph: Graph, target: str, as_at: str | None) -> Edition:
    entity = graph.entity(target)
    if isinstance(entity, Edition):
        return entity
    if entity.kind != "partnership":
        raise _not_a_partnership(graph, target, entity.kind)
    editions = [e for e in graph.entities_of(Edition) if e.partnership == target
                and (as_at is None or not e.date or e.date[:len(as_at)] <= as_at[:len(e.date)])]
    if not editions:
        raise NothingToCheck(f"no edition of {target} is dated on or before {as_at}" if as_at else
                             f"no edition of {target}'s arrangements is loaded, so there is nothing to check")
    return max(editions, key=lambda e: (e.date or "", e.id))


def _not_a_partnership(graph: Graph, target: str, kind: str) -> UsageError:
    """Names the partnerships to check instead (links on the web, ids on the command line): no
    command-line instruction, which a web page cannot follow."""
    ids = sorted(p.id for p in graph.entities("partnership") if any(e.partnership == p.id for e in graph.entities_of(Edition)))
    error = UsageError(f"{target!r} is {a(kind)}, not a partnership or an edition; partnerships to check: {', '.join(ids)}")
    error.suggestions = ids
    return error


class NothingToCheck(NotFound):
    """A partnership with no edition to check (at the date asked): that check does not exist."""

    def __init__(self, message: str):
        LscpError.__init__(self, message)
        self.what, self.suggestions = message, []


def _result(scope: Scope, chosen: Pack, req: Requirement, commencement: str | None, explicit: bool) -> RequirementResult:
    outcome = _applies(scope, chosen, req, commencement) or _unheld(scope, CHECKS[req.id](scope))
    severity = outcome.severity or req.severity
    message = outcome.message
    in_transition = req.transition_until and (chosen.in_force_on(commencement) or "9") <= scope.as_at <= req.transition_until
    to_review = outcome.verdict == "not-met" and outcome.uncertain
    if to_review:
        severity, message = "info", UNCERTAIN + message
    elif outcome.verdict == "not-met" and in_transition:
        severity, message = "low", message + TRANSITION
    if outcome.verdict == "not-evidenced" and not scope.holds_arrangements:
        severity = "info"  # a gap in our sources, not a weight against the partnership
    return RequirementResult(
        id=req.id, title=req.title, duty=req.duty, source=req.source, basis=req.basis, severity=severity,
        verdict=outcome.verdict, message=message, to_settle=outcome.settle, to_review=to_review,
        knowledge=None if outcome.verdict == "not-applicable" else outcome.knowledge,
        evidence=[Evidence(text=f.text, sources=cite_all(scope.graph, f.citations)) for f in outcome.facts])


def _applies(scope: Scope, chosen: Pack, req: Requirement, commencement: str | None) -> Outcome | None:
    """Not applicable: another kind of partnership, or a date the requirement has not reached
    (a pack asked for before it was in force is checked as if it were: only later dates gate)."""
    kind = scope.partnership.partnership_kind
    if kind not in req.applies_to:
        return Outcome("not-applicable", f"Applies to {', '.join(k.replace('-', ' ') for k in req.applies_to)}; "
                                         f"this is a {kind.replace('-', ' ')}.")
    if req.applies_from == COMMENCEMENT:
        if commencement is None:
            return Outcome("not-applicable", "Not in force: it starts on a day set by commencement regulations, and no "
                                             "commencement date was given (--commencement DATE).")
        start = commencement
    else:
        start = req.applies_from
    if start > scope.as_at and start > (chosen.in_force_on(commencement) or start):
        return Outcome("not-applicable", f"Applies from {start}; the check is as at {scope.as_at}.")
    return None


def _unheld(scope: Scope, outcome: Outcome) -> Outcome:
    """Without the partnership's arrangements document, what a public record states never makes a
    requirement not met: the document that would settle it is not among our sources."""
    if outcome.verdict != "not-met" or scope.holds_arrangements:
        return outcome
    return Outcome("not-evidenced", f"Not evidenced in the held sources: the public record held states that {outcome.message[0].lower()}"
                   f"{outcome.message[1:]} The partnership's arrangements document, which would settle it, is not among our sources.",
                   outcome.facts, "The partnership's published arrangements.")


def _as_at_reason(edition: Edition, as_at: str | None) -> str:
    if as_at:
        return "the date asked"
    if edition.date:
        return f"the last day of the edition's date, {edition.date}"
    return "today, because the record is undated"


def _choice(chosen: Pack, date: str, edition: Edition, as_at, rules, commencement) -> str:
    when = "the date asked" if as_at else ("the edition's date" if edition.date else "today (the edition is undated)")
    start = chosen.in_force_on(commencement)
    if rules is None and (start is None or start > date):
        return f"No rule pack was in force on {date} ({when}); {chosen.name}, the earliest, is shown."
    if rules is None:
        return f"{chosen.name}: the pack in force on {date}, {when}."
    if start is None or start > date:
        since = f"from {start}" if start else "from a commencement date not given"
        return f"{chosen.name}, as asked; not in force on {date} ({when}; in force {since}): checked as if it were."
    return f"{chosen.name}, as asked; in force on {date} ({when})."


def _summary(counts: dict[str, int], to_review: int = 0) -> str:
    applicable = sum(n for v, n in counts.items() if v != "not-applicable")
    if not applicable:
        return f"None of the {counts['not-applicable']} requirements applies to this partnership at this date"
    review = f" ({to_review} of them to review: the guidance wording is uncertain)" if to_review else ""
    text = (f"{counts['met']} of {applicable} requirements met, {counts['not-met']} not met{review}, "
            f"{counts['not-evidenced']} not evidenced in the documents held")
    return text + (f" ({counts['not-applicable']} not applicable)" if counts["not-applicable"] else "")


def statutory_findings(graph: Graph, edition: Edition, rules: str | None = None) -> list[Finding]:
    """The statutory findings of `lscp gaps`: what `check` finds not met (at the requirement's
    severity) and not evidenced (info), one implementation for both."""
    report = check(graph, edition.id, rules=rules)
    aside = f" (checked against {report.pack.upper()}; the edition is dated {edition.date}.)" \
        if rules and rules != default_pack(report.as_at) else ""
    found = []
    for result in report.results:
        if result.verdict not in ("not-met", "not-evidenced"):
            continue
        citations = [c for e in result.evidence for c in e.sources]
        found.append(finding(graph, f"rule-{result.id.lower()}", "statutory",
                             result.severity if result.verdict == "not-met" else "info", edition.partnership,
                             f"{result.title}: {result.message}{aside}", citations=[], partnership=edition.partnership,
                             requirement=result.id).model_copy(update={"facts": _unique(citations)}))
    return found


def _unique(cited: list[Cited]) -> list[Cited]:
    seen, out = set(), []
    for c in cited:
        if c.citation not in seen:
            seen.add(c.citation)
            out.append(c.model_copy(update={"lines": []}))
    return out
