"""Issue 13 on the web: inferences shown as inferences, names resolved, vacancy and
accountabilities pages, the partnership page counting from the query functions."""
from __future__ import annotations

import re


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return response.text


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace("&#39;", "'")


def test_ask_shows_the_inference_on_a_delegation_step(client):
    # 000:366 "may delegate" is read as the PSCP delegating to the MESC (000:384).
    page = text_of(html(client, "/ask?question=accountable&id=portsmouth.mesc"))
    assert "Inferred, not stated: 'The MESC will manage the detail" in page


def test_entity_page_marks_the_inferred_relation(client):
    page = text_of(html(client, "/entities/plymouth.erg-chair"))
    assert "Inferred, not stated: Implied by the wider partnership's row" in page
