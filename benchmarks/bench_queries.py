"""In-process questions on the national graph, against the same questions on the bundled data.

A seeded sample of what users ask (bodies, posts, partnerships, organisations; searches made
of two words of a real name) is asked once to warm the lazily built indexes, then three times
timed; the figure is the 95th percentile of the timed calls. The baseline is the same
procedure on the bundled data (a region of five partnerships): a ratio near 1 means the
question does not slow down as the data grows to England. The full gap scan and compare are
timed the same way (the gap scan from cold per-graph caches).
"""
from __future__ import annotations

import random
import re
import time

from .common import BUNDLED, Row, dataset, load_graph, not_measured, percentile

SECTION = "In-process queries (scale 1)"
P95_TARGET_MS, GAPS_TARGET_S, COMPARE_TARGET_MS, UNKNOWN_TARGET_MS = 5.0, 2.0, 50.0, 100.0
SEED = 8
_WORD = re.compile(r"[a-z0-9]+")


def _pick(rng: random.Random, items: list, n: int) -> list:
    return list(items) if len(items) <= n else rng.sample(items, n)


def _misspelt(graph, ident: str) -> str:
    """The id with two neighbouring letters of its last part swapped, as a person mistypes it."""
    at = max(ident.rfind(".") + 1, len(ident) - 4)
    typo = ident[:at] + ident[at + 1] + ident[at] + ident[at + 2:]
    return typo if typo not in graph.by_id else typo + "x"


def unknown(graph, typo: str) -> list[str]:
    """What a 404 answers for a mistyped id: NotFound with the closest ids."""
    from lscp import queries
    from lscp.model import NotFound

    try:
        queries.show(graph, typo)
    except NotFound as exc:
        return exc.suggestions
    raise AssertionError(f"{typo!r} was found")


def samples(graph, seed: int = SEED) -> dict[str, list]:
    """What to ask, chosen the same way on any graph."""
    from lscp import queries
    from lscp.queries.gaps import arrangements_editions

    rng = random.Random(seed)
    bodies = [e.id for e in graph.entities("body")]
    posts = [e.id for e in graph.entities("post")]
    partnerships = [e.partnership for e in arrangements_editions(graph)]
    partners = sorted({r.source for r in graph.relations("partner_of")})
    agencies = sorted({r.source for r in graph.relations("relevant_agency_of")} - set(partners))
    people = [e.id for e in graph.entities("person")]
    searches = []
    for ident in _pick(rng, bodies, 10) + _pick(rng, posts, 10) + _pick(rng, agencies, 10) + _pick(rng, partnerships, 5):
        entity = graph.by_id[ident]
        words = _WORD.findall(rng.choice([entity.name, *entity.aliases]).lower())
        start = rng.randrange(max(1, len(words) - 1))
        searches.append(" ".join(words[start:start + 2]))
    pairs = [tuple(rng.sample(partnerships, 2)) for _ in range(10)] if len(partnerships) > 1 else []
    return {
        "accountable": [(queries.accountable, (i,)) for i in _pick(rng, bodies, 30) + _pick(rng, posts, 15)
                        + _pick(rng, partnerships, 5) + _pick(rng, partners, 5)],
        "escalation": [(queries.escalation, (i,)) for i in _pick(rng, bodies, 30) + _pick(rng, posts, 10)
                       + _pick(rng, partnerships, 5)],
        "search": [(queries.search, (q,)) for q in searches],
        "show": [(queries.show, (i,)) for i in _pick(rng, bodies, 20) + _pick(rng, posts, 15) + _pick(rng, partnerships, 5)
                 + _pick(rng, agencies, 10) + _pick(rng, partners, 5) + _pick(rng, people, 5)],
        "compare": [(queries.compare, pair) for pair in pairs],
        "unknown": [(unknown, (_misspelt(graph, i),)) for i in _pick(rng, bodies, 10) + _pick(rng, posts, 10)],
    }


def measure(graph, passes: int = 3) -> dict[str, dict]:
    """p95 and worst call per kind of question, the first search (it builds the name index),
    and the full gap scan from cold caches then warm."""
    from lscp import queries
    started = time.perf_counter()
    graph.ranked_matches(["safeguarding"], "safeguarding", 1)
    index_seconds = time.perf_counter() - started
    asked = samples(graph)
    for calls in asked.values():  # warm: lazily built indexes, source files read for citations
        for fn, args in calls:
            fn(graph, *args)
    found = {"index_seconds": index_seconds}
    for kind, calls in asked.items():
        if not calls:  # one partnership: nothing to compare
            continue
        times = []
        for _ in range(passes):
            for fn, args in calls:
                started = time.perf_counter()
                fn(graph, *args)
                times.append(time.perf_counter() - started)
        found[kind] = {"p95_ms": percentile(times, 95) * 1000, "max_ms": max(times) * 1000, "calls": len(times)}
    graph.cache.clear()
    cold = time.perf_counter()
    report = queries.gaps(graph)
    cold = time.perf_counter() - cold
    warm = time.perf_counter()
    queries.gaps(graph)
    warm = time.perf_counter() - warm
    found["gaps"] = {"cold_s": cold, "warm_s": warm, "findings": len(report.findings), "editions": len(report.editions)}
    return found


def run(scale: float = 1.0, passes: int = 3) -> list[Row]:
    national = measure(load_graph(dataset(scale)), passes)
    region = measure(load_graph(BUNDLED), passes)
    section = SECTION if scale == 1 else f"In-process queries (scale {scale:g})"
    rows = []
    for kind in ("accountable", "escalation", "search", "show"):
        n, r = national[kind], region[kind]
        note = f"{n['calls']} timed calls; worst {n['max_ms']:.1f} ms"
        if kind == "search":
            note += (f"; the first search builds the name index once per process: {national['index_seconds']:.2f} s "
                     f"(bundled {region['index_seconds'] * 1000:.0f} ms)")
        if kind == "show":
            from lscp.queries.browse import SHOW_LIMIT

            note += f"; a partnership lists the first {SHOW_LIMIT} relations of each type (`show --all` lists every one)"
        rows.append(Row(section, f"`{kind}` p95", n["p95_ms"], "ms", r["p95_ms"], "bundled data", f"p95 ≤ {P95_TARGET_MS:g} ms",
                        n["p95_ms"] <= P95_TARGET_MS, note=note))
    n, r = national["unknown"], region["unknown"]
    rows.append(Row(section, "unknown id: 404 with the closest ids p95", n["p95_ms"], "ms", r["p95_ms"], "bundled data",
                    f"≤ {UNKNOWN_TARGET_MS:g} ms", n["p95_ms"] <= UNKNOWN_TARGET_MS,
                    note=f"{n['calls']} timed calls of mistyped body and post ids (two letters swapped); "
                         f"worst {n['max_ms']:.1f} ms; rapidfuzz over every id"))
    n, r = national["gaps"], region["gaps"]
    rows.append(Row(section, f"full gap scan `gaps` ({n['editions']} editions, {n['findings']:,} findings)", n["cold_s"], "s",
                    r["cold_s"], "bundled data", f"≤ {GAPS_TARGET_S:g} s", n["cold_s"] <= GAPS_TARGET_S,
                    note=f"from cold per-graph caches; warm {n['warm_s']:.2f} s"))
    if "compare" not in national:
        return rows + [not_measured(section, "`compare` of two partnerships p95", "fewer than two partnerships",
                                    f"≤ {COMPARE_TARGET_MS:g} ms")]
    n, r = national["compare"], region["compare"]
    rows.append(Row(section, "`compare` of two partnerships p95", n["p95_ms"], "ms", r["p95_ms"], "bundled data",
                    f"≤ {COMPARE_TARGET_MS:g} ms", n["p95_ms"] <= COMPARE_TARGET_MS,
                    note=f"{n['calls']} timed calls; worst {n['max_ms']:.1f} ms"))
    return rows


if __name__ == "__main__":
    import sys

    for row in run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0):
        print(" | ".join(row.cells()), "|", row.note)
