"""Issue 13 on the web: inferences shown as inferences, names resolved, vacancy and
accountabilities pages, the partnership page counting from the query functions."""
from __future__ import annotations

import re

import pytest


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


# --- Ask about an area: never an error --------------------------------------------------

def test_ask_about_plymouth_offers_its_partnerships_and_bodies(client):
    # 002:174 the Plymouth Safeguarding Children Partnership; 002:233 its Quality Assurance Group.
    page = html(client, "/ask?q=Plymouth")
    assert 'href="/partnerships/plymouth.pscp"' in page
    text = text_of(page)
    assert "Plymouth is an area: ask about one of its partnerships or bodies" in text
    assert "Quality Assurance Group" in text and "Nothing matches" not in text


def test_ask_about_the_isle_of_wight_offers_the_hips_bodies(client):
    # No Isle of Wight arrangements document is held; the HIPS-wide bodies cover it (000:481,
    # 000:531 the HIPS Child Death Overview Panel).
    text = text_of(html(client, "/ask?q=Isle+of+Wight"))
    assert "Isle of Wight Safeguarding Children Partnership" in text
    assert "HIPS Child Death Overview Panel" in text


def test_ask_with_an_ambiguous_abbreviation_lists_both_with_areas(client):
    page = html(client, "/ask?q=PSCP")
    assert 'id=plymouth.pscp' in page and 'id=portsmouth.pscp' in page
    assert "Which one do you mean?" in page


def test_ask_about_an_edition_says_so_without_an_error_page(client):
    response = client.get("/ask?id=hips-2019")
    assert response.status_code == 200 and "hips-2019 is an edition" in text_of(response.text)


# --- vacancy and accountabilities pages --------------------------------------------------

def test_vacancy_page_answers_in_plain_words_with_the_line(client):
    # 004:252 "This group is chaired by the Designated Doctor for Southampton."
    page = html(client, "/vacancy/southampton.designated-doctor")
    text = text_of(page)
    assert (text.index("If the Designated Doctor for Southampton post falls vacant:")
            < text.index("Serious Incidents and Learning Group loses its chair"))
    assert "<details" in page and "This group is chaired by the Designated Doctor for Southampton" in text


def test_accountabilities_page_lists_and_caveats(client):
    text = text_of(html(client, "/accountabilities/portsmouth.pcc.chief-executive"))
    assert "What Chief Executive, Portsmouth City Council is accountable for" in text
    assert "Monitoring, Evaluation and Scrutiny Committee" in text and "Inferred, not stated:" in text


def test_ask_offers_vacancy_and_accountabilities(client):
    page = html(client, "/ask")
    assert 'value="vacancy"' in page and 'value="accountabilities"' in page
    response = client.get("/ask?question=vacancy&q=Designated+Doctor+for+Southampton", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/vacancy/southampton.designated-doctor"


@pytest.mark.parametrize("entity, vacancy", [
    ("southampton.designated-doctor", True),      # a post
    ("hampshire.person.john-coughlan", True),     # a person
    ("southampton-city-council", False),          # an organisation
])
def test_post_person_and_organisation_pages_link_the_questions(client, entity, vacancy):
    page = html(client, f"/entities/{entity}")
    assert f'href="/accountabilities/{entity}"' in page
    assert (f'href="/vacancy/{entity}"' in page) is vacancy


# --- names where ids are taken ----------------------------------------------------------

def test_entity_page_takes_an_abbreviation(client):
    assert "Serious Incidents and Learning Group" in text_of(html(client, "/entities/SILG"))


def test_api_lists_candidates_for_an_ambiguous_name(client):
    response = client.get("/api/accountable/PSCP")
    assert response.status_code == 404
    error = response.json()["error"]
    assert set(error["suggestions"]) == {"plymouth.pscp", "portsmouth.pscp"}
    assert "plymouth" in error["message"] and "portsmouth" in error["message"]


def test_search_page_shows_area_and_partnership(client):
    page = html(client, "/search?q=Plymouth+Quality+Assurance+Group")
    assert 'href="/entities/plymouth.qa-group"' in page
    assert 'href="/entities/plymouth.pscp">Plymouth Safeguarding Children Partnership</a>' in page


# --- the partnership page renders queries.partnership -----------------------------------

def test_hips_page_shows_the_cdop_line(client):
    # 000:531 "this group will report to the HIPS Executive"
    page = html(client, "/partnerships/hips?edition=hips-2019")
    row = page[page.index('href="/entities/hips.cdop"'):]
    row = row[:row.index("</tr>")]
    assert "reports to" in text_of(row) and "HIPS Executive Group" in text_of(row)
    assert "Not stated" not in text_of(row.split("</td>")[-2])  # the reports-to cell


def test_isle_of_wight_page_leads_with_what_is_known(client):
    text = text_of(html(client, "/partnerships/iow.iowscp"))
    assert "are not among the sources" in text
    assert text.index("What is known: bodies serving this area") < text.index("Safeguarding partners Partner")
    assert "HIPS Executive Group" in text
    assert "What the sources held do not state" in text


def test_partnership_page_counts(client):
    # 004:160-176: 14 relevant agencies; 004:267: six escalation routes.
    text = text_of(html(client, "/partnerships/southampton.sscp"))
    assert "6 escalation routes stated from the partnership and its bodies" in text
    assert "14 relevant agencies named" in text
