"""The synthetic England the benchmarks use loads clean, is shaped like the real data, and is
the same every time for a seed."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from lscp.loaders import load

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("lscp_bench_synthetic", ROOT / "benchmarks" / "synthetic.py")
synthetic = sys.modules.setdefault(SPEC.name, importlib.util.module_from_spec(SPEC))  # benchmarks/ is not installed
SPEC.loader.exec_module(synthetic)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("england") / "data"
    synthetic.generate(out, scale=0.01, seed=synthetic.SEED)
    return out


def test_scale_001_loads_clean_with_the_counts_asked_for(small):
    graph = load(small)
    sectors = Counter(e.sector for e in graph.entities("organisation") if not e.collective)
    expected = synthetic.counts(0.01)
    assert sectors["school"] == expected["schools"] == 245
    assert sectors["early-years"] == expected["early_years"] == 610
    assert sectors["local-authority"] == expected["local_authorities"]
    assert len(graph.entities("partnership")) == expected["partnerships"]


def test_each_partnership_has_its_partners_leads_delegates_and_tiers(small):
    graph = load(small)
    for partnership in graph.entities("partnership"):
        partners = [r.source for r in graph.relations("partner_of", target=partnership.id)]
        sectors = {graph.by_id[p].sector for p in partners}
        assert {"local-authority", "health-commissioner", "police"} <= sectors
        for partner in partners:
            leads = [r.source for r in graph.relations("lead_representative_of", target=partner)]
            assert leads and all(graph.relations("delegates_to", source=lead) for lead in leads)
        bodies = [b for b in graph.entities("body") if b.partnership == partnership.id]
        assert 6 <= len(bodies) <= 15
        assert any(graph.relations("reports_to", source=b.id) for b in bodies)
        assert graph.relations("escalates_to", source=partnership.id)


def test_the_same_seed_writes_the_same_files(tmp_path):
    first = synthetic.England(0.01, seed=7).build()
    again = synthetic.England(0.01, seed=7).build()
    other = synthetic.England(0.01, seed=8).build()
    assert first == again
    assert first != other


def test_it_only_replaces_a_directory_it_made(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        synthetic.generate(tmp_path, scale=0.01)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def _queries(graph) -> list[str]:
    """Searches of every shape: each name's first word, first two words, a word cut short,
    a whole name, an exact id, single letters, repeated words and punctuation."""
    import random

    rng = random.Random(5)
    asked = ["a", "s", "st", "primary school", "school school", "st. peter's", "church of", "nursery",
             "safeguarding children partnership", "x y z", "01"]
    for entity in rng.sample(graph.entities(), min(300, len(graph.by_id))):
        words = entity.name.lower().split()
        asked += [words[0], " ".join(words[:2]), words[-1][:3], entity.name, entity.id, " ".join(words[1:3])]
    return asked


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_ranked_search_gives_what_scoring_every_match_gives(which, small):
    """The name index ranks from its postings and stops early; scoring every candidate and
    sorting (what a database backend does) must give the same hits in the same order. (This is
    the plain name search under `search`; the area words it adds are tested in tests/answers.)"""
    from lscp.loaders.names import rank_by_score
    from lscp.queries.browse import name_hits

    graph = load(ROOT / "data" if which == "bundled" else small)
    for text in _queries(graph):
        for limit in (1, 20, 50):
            words = __import__("re").findall(r"[a-z0-9]+", text.lower())
            expected = [(points, entity.id, matched) for points, entity, matched
                        in rank_by_score(graph.entities_matching(words), words, text, limit)]
            got = [(points, entity.id, matched) for points, entity, matched in name_hits(graph, words, text, limit)]
            assert got == expected, text


def test_lscp_show_of_a_large_partnership_counts_what_it_does_not_list(small):
    """A national partnership has more relevant agencies than a page should list: `lscp show`
    lists the first SHOW_LIMIT and says how many more there are; --all lists every one."""
    import json
    import subprocess

    from lscp.queries.browse import SHOW_LIMIT

    graph = load(small)
    counts = Counter(r.target for r in graph.relation_list if r.type == "relevant_agency_of")
    partnership, total = counts.most_common(1)[0]
    assert total > SHOW_LIMIT
    lscp = [sys.executable, "-c", "import sys; from lscp.api.cli import main; sys.exit(main())", "--data", str(small)]
    shown = subprocess.run([*lscp, "show", partnership], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert f"… and {total - SHOW_LIMIT:,} more incoming relevant_agency_of ({SHOW_LIMIT} of {total:,} listed" in shown.stdout
    every = json.loads(subprocess.run([*lscp, "show", partnership, "--all", "--json"], capture_output=True, text=True,
                                      timeout=120).stdout)
    assert sum(r["type"] == "relevant_agency_of" for r in every["incoming"]) == total and every["omitted"] == []


def test_the_entity_page_of_a_large_partnership_links_to_every_relation(small):
    from fastapi.testclient import TestClient

    from lscp.api.http import create_app
    from lscp.queries.browse import SHOW_LIMIT

    graph = load(small)
    partnership, total = Counter(r.target for r in graph.relation_list if r.type == "relevant_agency_of").most_common(1)[0]
    with TestClient(create_app(graph)) as client:
        paged = client.get(f"/entities/{partnership}")
        every = client.get(f"/entities/{partnership}?all=1")
    assert paged.status_code == every.status_code == 200
    assert f"{SHOW_LIMIT} of {total:,} “relevant agency of” relations to this partnership are listed" in paged.text
    assert 'href="?all=1"' in paged.text and "are listed" not in every.text
    assert every.text.count("relevant agency of") > paged.text.count("relevant agency of")


def test_the_api_pages_relations_the_same_way(small):
    from fastapi.testclient import TestClient

    from lscp.api.http import create_app
    from lscp.queries.browse import SHOW_LIMIT

    graph = load(small)
    partnership, total = Counter(r.target for r in graph.relation_list if r.type == "relevant_agency_of").most_common(1)[0]
    with TestClient(create_app(graph)) as client:
        paged = client.get(f"/api/entities/{partnership}").json()
        every = client.get(f"/api/entities/{partnership}", params={"all": "true"}).json()
    assert paged["omitted"] == [{"direction": "incoming", "type": "relevant_agency_of", "listed": SHOW_LIMIT, "total": total}]
    assert sum(r["type"] == "relevant_agency_of" for r in every["incoming"]) == total and every["omitted"] == []
