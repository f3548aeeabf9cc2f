"""Consistency properties over the whole bundled graph and the synthetic England at scale 0.01
(docs/accountability.md): every question reads accountability the same way.

- vacancy reports at least every item accountabilities reports, for every post;
- compare's counts equal those of escalate, show and list, and check's (WT18-10, WT18-30);
- no accountable party for a body of partnership P is a lead representative named by another
  partnership unless a stated, cited relation leads there (never chairing or membership);
- no finding or check result says "missing" for a fact whose document is not held."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from lscp.loaders import load
from lscp.queries import accountabilities, accountable, compare, escalation, gaps, list_entities, show, vacancy
from lscp.queries.compliance import check
from lscp.queries.accountability import member_partnerships, partnerships_of
from lscp.queries.gaps import arrangements_editions, bodies_of
from lscp.queries.view import view_at, view_for

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = importlib.util.spec_from_file_location("lscp_bench_synthetic", ROOT / "benchmarks" / "synthetic.py")
synthetic = sys.modules.setdefault(SPEC.name, importlib.util.module_from_spec(SPEC))
SPEC.loader.exec_module(synthetic)

CROSSING = ("reports_to", "accountable_to", "delegates_to")


@pytest.fixture(scope="module", params=["bundled", "synthetic-0.01"])
def graph(request, tmp_path_factory):
    if request.param == "bundled":
        return load()
    out = tmp_path_factory.mktemp("england") / "data"
    synthetic.generate(out, scale=0.01, seed=synthetic.SEED)
    return load(out)


def _items(answer) -> set[str]:
    return {a.subject for a in [*answer.accountable_for, *answer.in_chain_for, *answer.responsible_for]}


def test_vacancy_reports_every_accountability_of_every_post_and_person(graph):
    posts = graph.entities("post")
    assert posts
    for post in [*posts, *graph.entities("person")]:
        carried = _items(accountabilities(graph, post.id))
        reported = {f.subject for f in vacancy(graph, post.id).findings}
        assert carried <= reported, (post.id, sorted(carried - reported))


def test_vacancy_reports_every_scrutiny_of_every_post(graph):
    """A post's vacancy reports each body or partnership it scrutinises, in every partnership (004:217
    "Independent Scrutineer for all partnerships and the HIPS Executive"), in the view it is asked in."""
    checked = 0
    for post in graph.entities("post"):
        view = view_for(graph, post)
        scrutinised = {r.target for r in graph.relations("scrutinises", source=post.id) if view.sees(r)}
        reported = {f.subject for f in vacancy(graph, post.id).findings}
        assert scrutinised <= reported, (post.id, sorted(scrutinised - reported))
        checked += len(scrutinised)
    assert checked  # the bundled chairs and scrutineers, the synthetic partnerships' chairs


def test_a_post_carrying_something_never_reads_as_breaking_nothing(graph):
    for post in graph.entities("post"):
        answer = vacancy(graph, post.id)
        assert bool(answer.findings) == ("nothing in the data depends on it" not in answer.summary), post.id


def _partnerships(graph) -> list:
    return [e for e in arrangements_editions(graph) if graph.by_id[e.partnership].partnership_kind
            in ("safeguarding-children-partnership", "lscb")]


def test_compare_counts_equal_escalate_show_and_list(graph):
    editions = _partnerships(graph)
    assert editions  # scale 0.01 has one partnership: it is compared with itself
    for first, second in zip(editions, editions[1:] or editions):
        answer = compare(graph, first.partnership, second.partnership)
        cells = {row.feature: row.values for row in answer.rows}
        for edition in (first, second):
            p = edition.partnership
            view = view_at(graph, answer.editions[p])
            # escalate, from the partnership and each of its bodies
            starts = [p, *[b.id for b in bodies_of(graph, view, p)]]
            routes = sum(len(escalation(graph, s, edition=answer.editions[p]).routes) for s in starts)
            assert int(cells["escalation routes"][p].value.split()[0]) == routes, p
            # show: each relevant agency once, however often one document lists it
            detail = show(graph, p, limit=None)
            organisations = {r.source for r in detail.incoming if r.type == "relevant_agency_of"
                             and (not r.editions or view.editions & set(r.editions))}
            value = cells["relevant agencies"][p].value
            assert (int(value.split()[0]) if organisations else value) == (len(organisations) or "none named"), p
            # list: the chairs of the board and executive, each once
            top = [b.id for b in bodies_of(graph, view, p) if b.body_kind in ("board", "executive")]
            listed = {n for s in list_entities(graph, "body") if s.id in top for n in s.chairs}
            chairs = cells["chair of the board or executive"][p].value
            names = chairs.split("; ") if chairs != "not stated" else []
            assert len(names) == len(set(names)), p
            assert set(names) <= listed, p


def test_check_counts_equal_compares(graph):
    """WT18-10 counts the relevant agencies and WT18-30 the escalation routes as compare does,
    for every partnership, in the edition check reads by default."""
    editions = _partnerships(graph)
    compared = 0
    for first, second in zip(editions, editions[1:] or editions):
        answer = compare(graph, first.partnership, second.partnership)
        cells = {row.feature: row.values for row in answer.rows}
        for p in (first.partnership, second.partnership):
            report = check(graph, answer.editions[p], rules="wt2018")
            results = {r.id: r for r in report.results}
            agencies, routes = cells["relevant agencies"][p].value, cells["escalation routes"][p].value
            if results["WT18-10"].verdict == "met":
                assert results["WT18-10"].message.startswith(f"{agencies.split()[0]} relevant agencies"), p
            else:
                assert agencies == "none named", p
            if results["WT18-30"].verdict == "met":
                assert results["WT18-30"].message.startswith(f"{routes.split()[0]} escalation route(s)"), p
            else:
                assert routes == "0", p
            compared += 1
    assert compared


def _scope(graph, body) -> set[str]:
    own = partnerships_of(graph, body)
    return {m for p in own for m in (member_partnerships(graph, p) or [p])} | set(own)


def test_no_body_answers_to_another_partnerships_lead_without_a_stated_relation(graph):
    checked = 0
    for body in graph.entities("body"):
        scope = _scope(graph, body)
        answer = accountable(graph, body.id)
        for chain in answer.chains:
            types = {s.type for s in chain.steps}
            assert not types & {"chairs", "member_of", "vice_chairs"}, (body.id, types)
            checked += 1
            if chain.partnership is None or chain.partnership in scope:
                continue
            crossings = [s for s in chain.steps if s.type in CROSSING and s.sources]
            assert crossings, (body.id, chain.accountable, chain.partnership)
    assert checked


def test_gaps_calls_a_post_a_single_point_of_failure_only_where_vacancy_leaves_something_uncovered(graph):
    found = [f for f in gaps(graph).findings if f.code == "key-person-load"]
    for finding in found:
        uncovered = [f for f in vacancy(graph, finding.subject).findings if f.severity == "high"]
        assert ("single point of failure" in finding.message) == bool(uncovered), finding.subject
        assert vacancy(graph, finding.subject).findings, finding.subject  # a heavy load is never "nothing breaks"


def test_the_southampton_meeting_answers_to_southamptons_three_lead_representatives():
    graph = load()
    # 004:55 "Lead representatives of the safeguarding partners"; 004:61-63 the three chief officers.
    answer = accountable(graph, "southampton.partnership-board")
    assert {p.id for p in answer.accountable} == {
        "southampton.scc.chief-executive", "southampton.icb.chief-executive", "southampton.police.chief-officer"}


# Words that make silence read as a failing: what a document not held would say is never "missing".
BLAME = re.compile(r"\b(missing|lacks?|lacking|has no|have no|does not have|do not have|not met)\b", re.I)


def _not_held(graph) -> set[str]:
    from lscp.queries.accountability import has_arrangements

    return {p.id for p in graph.entities("partnership") if not has_arrangements(graph, p.id)}


def test_no_finding_blames_a_partnership_whose_document_is_not_held(graph):
    """Every finding of `gaps` (structural, statutory, data, key-person) about a partnership whose
    arrangements document is not among the sources is information about our sources: no severity
    above low, no wording of absence. Findings of partnerships we hold say which silence it is."""
    from lscp.queries.scope import partnership_of

    not_held = _not_held(graph)
    assert graph is not None and (not_held or graph.cache is not None)
    seen = 0
    for f in gaps(graph).findings:
        about = f.partnership or partnership_of(graph, graph.by_id[f.subject])
        if f.code == "lscb":  # an LSCB is not held to safeguarding-partner rules (001:5): said, as information
            assert (f.severity, f.knowledge) == ("info", "stated"), f.message
            continue
        if about not in not_held and f.knowledge != "not-in-sources":  # (a HIPS finding may rest on an area's)
            if f.category in ("structural", "data"):
                assert f.knowledge == "not-stated", (f.code, f.subject)
            continue
        seen += 1
        assert f.severity in ("info", "low"), (f.code, f.subject, f.severity)
        assert not BLAME.search(f.message), f.message
        if f.category in ("structural", "data"):
            assert f.knowledge == "not-in-sources" and "not among our sources" in f.message, (f.code, f.message)
    if graph.by_id.get("iow.iowscp"):
        assert seen  # the bundled graph has such findings: the loop above is not empty


def test_no_check_result_blames_a_partnership_whose_document_is_not_held(graph):
    """`lscp check` of such a partnership, for every pack: never 'not met', never above low."""
    from lscp.queries.compliance import PACK_IDS, check

    not_held = _not_held(graph)
    for partnership in sorted(not_held):
        if not any(e.partnership == partnership for e in graph.entities("edition")):
            continue
        for rules in PACK_IDS:
            for result in check(graph, partnership, rules=rules).results:
                assert result.verdict != "not-met", (partnership, rules, result.id)
                assert not BLAME.search(result.message), (partnership, rules, result.id, result.message)
                if result.verdict == "not-evidenced":
                    assert result.severity in ("info", "low"), (partnership, rules, result.id, result.severity)


def test_vacancy_carries_the_inference_caveats_accountabilities_shows(graph):
    """Where an accountability rests on an inferred relation, the vacancy finding that mirrors it
    says so too (results.caveat)."""
    for post in graph.entities("post"):
        caveats: dict[str, set[str]] = {}
        for f in vacancy(graph, post.id).findings:
            caveats.setdefault(f.subject, set()).update(f.caveats)
        answer = accountabilities(graph, post.id)
        for item in [*answer.accountable_for, *answer.in_chain_for, *answer.responsible_for]:
            assert set(item.caveats) <= caveats.get(item.subject, set()), (post.id, item.subject)
