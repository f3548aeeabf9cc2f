"""The answer cache: a repeated JSON answer is replayed byte for byte, keyed by path and query
string; errors, pages and charts are never replayed from it; the cache is bounded."""
from __future__ import annotations

import asyncio
import threading

import pytest
from fastapi.testclient import TestClient

from lscp.api.deps import Memo, answer
from lscp.api.http import create_app
from lscp.loaders import MemoryGraph

ESCALATE = "/api/escalate/portsmouth.board"


@pytest.fixture()
def fresh(graph):
    """A new app over the session's graph, so its cache starts empty."""
    app = create_app(graph)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield app.state.answer_cache, test_client


def _headers(response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k != "date"]


@pytest.mark.parametrize("url", ["/api/accountable/southampton.silg", f"{ESCALATE}?when=split-decision",
                                 "/api/entities?kind=bodies&area=southampton", "/api/overview"])
def test_a_cached_answer_is_byte_identical_to_the_uncached_one(fresh, graph, url):
    cache, client = fresh
    first = client.get(url)
    assert first.status_code == 200 and len(cache) == 1
    again = client.get(url)
    assert again.content == first.content and _headers(again) == _headers(first)
    assert again.headers["x-content-type-options"] == "nosniff"
    with TestClient(create_app(graph)) as other:  # and the same as another app's first, uncached answer
        assert other.get(url).content == first.content


def test_the_cache_key_includes_the_query_parameters(fresh):
    cache, client = fresh
    plain, split = client.get(ESCALATE), client.get(f"{ESCALATE}?when=split-decision")
    assert plain.content != split.content and len(cache) == 2
    assert client.get(f"{ESCALATE}?when=split-decision").content == split.content
    assert client.get(ESCALATE).content == plain.content


def test_errors_pages_and_charts_are_made_afresh(fresh):
    cache, client = fresh
    for _ in range(2):
        response = client.get("/api/entities/southampton.slig")
        assert response.status_code == 404 and response.json()["error"]["suggestions"]
        assert client.get("/api/escalate/portsmouth.board?when=nonsense").status_code == 422
        assert client.get("/entities/southampton.silg").status_code == 200
        assert client.get("/api/charts/southampton.sscp.mermaid").status_code in (200, 503)
    assert len(cache) == 0


def test_the_memo_is_bounded_in_count_and_bytes():
    memo = Memo(max_items=2, max_bytes=100)
    for key in "abc":
        memo.put(key, key, 10)
    assert "a" not in memo and memo.get("b") == "b" and memo.get("c") == "c"
    memo.put("big", "big", 60)  # over a quarter of the bytes: never kept
    assert "big" not in memo
    memo = Memo(max_items=10, max_bytes=100)
    for key in "abcd":
        memo.put(key, key, 25)
    memo.put("e", "e", 20)
    assert len(memo) == 4 and "a" not in memo and memo.get("e") == "e"


def _threads(graph) -> tuple[int, int]:
    """The thread `answer` ran a question in, and its event loop's thread (a loop of its own:
    the browser tests may have one running in this thread)."""
    found = {}

    async def main():
        found["loop"] = threading.get_ident()
        found["question"] = await answer(graph, lambda g: threading.get_ident())

    thread = threading.Thread(target=asyncio.run, args=(main(),))
    thread.start()
    thread.join()
    return found["question"], found["loop"]


def test_questions_over_a_database_graph_run_in_the_thread_pool(graph):
    class Remote(MemoryGraph):  # declares what the Neo4j graph declares: its answers wait on the network
        io_bound = True

    question, loop = _threads(graph)
    assert question == loop
    question, loop = _threads(Remote(by_id=graph.by_id, relation_list=graph.relation_list))
    assert question != loop
