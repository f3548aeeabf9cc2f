"""A name containing <script>alert(1)</script> is shown as text on every page, never as markup."""
from __future__ import annotations

from urllib.parse import quote

import pytest

HOSTILE = "<script>alert(1)</script>"  # as named in conftest.HOSTILE_YAML

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

PAGES = [
    "/",
    f"/search?q={quote(HOSTILE)}",
    "/search?q=script",
    "/entities/test.hostile",
    "/entities/test.hostile-chair",
    "/entities/test.board",
    "/entities/test.tscp",
    "/partnerships/test.tscp",
    "/partnerships/test.hostile-partnership",
    "/ask?question=accountable&id=test.hostile",
    "/ask?question=escalate&id=test.hostile&when=split-decision",
    f"/ask?q={quote(HOSTILE)}",
    "/ask?q=script",
    "/compare?p=test.tscp&p=test.hostile-partnership",
    "/changes?before=hostile-2021&after=hostile-2021",  # one partnership: diff refuses two
    f"/entities/{quote(HOSTILE, safe='')}",
    f"/ask?id={quote(HOSTILE, safe='')}",
]


@pytest.mark.parametrize("url", PAGES)
def test_hostile_names_render_as_text(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code in (200, 404), response.text[:300]
    assert HOSTILE not in response.text
    assert ESCAPED in response.text


def test_every_page_with_the_hostile_name_was_visited(hostile_client):
    # The body, its chair and its relations are what the pages above show: make sure the
    # hostile world really loaded them, so the test above is not vacuous.
    body = hostile_client.get("/api/entities/test.hostile").json()
    assert body["name"] == f"{HOSTILE} Group"
    assert {r["type"] for r in body["outgoing"]} == {"reports_to", "escalates_to"}


@pytest.mark.parametrize("url", [
    "/api/charts/test.tscp.svg",
    "/api/charts/test.hostile-partnership.svg",
    "/api/charts/test.tscp.svg?highlight=test.hostile",
    "/api/charts/test.tscp.svg?route=test.hostile&when=split-decision",
    "/api/charts/test.tscp.svg?highlight=test.hostile&alone=true",
])
def test_hostile_names_in_charts_are_text(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert HOSTILE.encode() not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
