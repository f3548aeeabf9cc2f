"""End to end in headless Chromium against the real app served by uvicorn on a free port.

A strategic lead's two questions, as they would ask them: who is accountable for the Serious
Incidents and Learning Group in Southampton, and where a split decision of the Portsmouth
board escalates. Screenshots of every page go to /tmp/lscp-shots/ for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SHOTS = Path("/tmp/lscp-shots")

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ask(page, question: str, typed: str, pick: str, when: str | None = None) -> None:
    """Fill the Ask form as a person would: choose the question, type, pick a suggestion."""
    page.get_by_label(question).check()
    box = page.get_by_label("Group, post, duty or organisation")
    box.fill("")
    box.press_sequentially(typed, delay=20)
    # Search-as-you-type: the suggestions come from /api/search into the <datalist>.
    expect(page.locator(f'#q-options option[value="{pick}"]')).to_have_count(1)
    box.fill(pick)
    if when:
        page.get_by_label("In which situation?").select_option(label=when)
    box.press("Enter")


def download(page, link_name: str, suffix: str) -> bytes:
    with page.expect_download() as caught:
        page.get_by_role("link", name=link_name, exact=True).first.click()
    done = caught.value
    assert done.suggested_filename.endswith(suffix)
    return Path(done.path()).read_bytes()


def test_who_is_accountable_for_the_serious_incidents_and_learning_group(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who is accountable")
    shot(page, "home")

    page.get_by_role("link", name="Southampton Safeguarding Children Partnership").first.click()
    expect(page).to_have_url(re.compile(r"/partnerships/southampton\.sscp$"))
    expect(page.get_by_role("heading", name="Safeguarding partners")).to_be_visible()
    bodies = page.get_by_role("region", name="Boards and groups")
    expect(bodies.get_by_role("row").filter(has_text="Serious Incidents and Learning Group")).to_contain_text(
        "Designated Doctor for Southampton")
    shot(page, "partnership-southampton")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask").click()
    ask(page, "Who is accountable for…?", "Serious Inc", "Serious Incidents and Learning Group")
    answer = page.locator("section.answer")
    expect(answer.locator(".summary")).to_contain_text("Accountable for Serious Incidents and Learning Group")
    expect(answer).to_contain_text("Designated Doctor for Southampton")
    for lead in ("Chief Executive, Southampton City Council", "Chief Officer of Police, Hampshire Constabulary",
                 "Chief Executive (Accountable Officer), HIOW Integrated Care Board"):
        expect(answer.get_by_role("link", name=lead).first).to_be_visible()
    expect(answer.locator(".chain li").first).to_contain_text("Serious Incidents and Learning Group")

    # A step's source reference opens the cited lines; so does clicking the citation itself.
    page.get_by_role("link", name="004:252", exact=True).first.click()
    lines = page.locator("#cite-004-252 pre.lines")
    expect(lines).to_be_visible()
    expect(lines).to_contain_text("This group is chaired by the Designated Doctor for Southampton")
    citation = page.locator("#cite-004-243")
    citation.locator("summary").click()
    expect(citation.locator("pre.lines")).to_contain_text("Serious Incidents and Learning Group")
    shot(page, "ask-accountable-silg")

    svg = download(page, "SVG", ".svg")
    assert b"<svg" in svg and b"Serious Incidents" in svg


def test_where_a_split_decision_of_the_portsmouth_board_escalates(page):
    page.goto("/")
    page.get_by_role("link", name="Portsmouth Safeguarding Children Partnership").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portsmouth Safeguarding Children Partnership")
    shot(page, "partnership-portsmouth")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask").click()
    ask(page, "Where does this escalate?", "PSCP Bo", "PSCP Board", when="Split decision")
    answer = page.locator("section.answer")
    expect(answer.locator(".summary")).to_contain_text("From PSCP Board when there is a split decision")
    for end in ("Chief Executive, Portsmouth City Council", "Chief Superintendent, Hampshire Constabulary",
                "Accountable Officer, Portsmouth Clinical Commissioning Group"):
        expect(answer.locator(".chain-head").filter(has_text=end)).to_have_count(1)
    expect(answer.locator(".chain li").filter(has_text="Independent Chair").first).to_contain_text("split decision")

    citation = page.locator("#cite-000-358")
    citation.locator("summary").click()
    expect(citation.locator("pre.lines")).to_contain_text("In the event of a split decision")
    shot(page, "ask-escalate-portsmouth-board")

    svg = download(page, "SVG", ".svg")
    assert b"<svg" in svg and b"PSCP Board" in svg


def test_the_other_pages_in_the_browser(page):
    page.goto("/entities/southampton.silg")
    citation = page.locator("details.cite").first
    citation.locator("summary").click()
    expect(citation.locator("pre.lines")).to_be_visible()
    shot(page, "entity-silg")

    page.goto("/compare")
    page.get_by_label("First partnership").select_option(label="Southampton Safeguarding Children Partnership")
    page.get_by_label("Second partnership").select_option(label="Portsmouth Safeguarding Children Partnership")
    page.get_by_label("Third (optional) partnership").select_option(label="Plymouth Safeguarding Children Partnership")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(page.locator("table.compare thead th")).to_have_count(4)
    shot(page, "compare")

    page.goto("/changes")
    page.get_by_label("Earlier edition").select_option(value="hips-2019")
    page.get_by_label("Later edition").select_option(value="hips-2022")
    page.get_by_role("button", name="Show changes").click()
    expect(page.locator("main")).to_contain_text("From hips-2019 to hips-2022")
    shot(page, "changes")

    page.goto("/search?q=rapid+review")
    expect(page.get_by_role("link", name="Rapid review of serious incidents")).to_be_visible()
    shot(page, "search")

    page.goto("/partnerships/hips")
    shot(page, "partnership-hips")
    page.goto("/partnerships/plymouth.pscp")
    shot(page, "partnership-plymouth")

    page.goto("/entities/southampton.silgg")
    expect(page.get_by_role("alert")).to_contain_text("No entity with id 'southampton.silgg'")
    expect(page.get_by_role("link", name="southampton.silg", exact=True)).to_be_visible()
    shot(page, "error-not-found")
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    page.console_errors.clear()  # the one 404 asked for above


def test_the_ask_page_works_from_the_keyboard(page):
    page.goto("/ask")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Who is accountable for…?")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Group, post, duty or organisation")).to_be_focused()
    page.keyboard.type("rapid review")
    page.keyboard.press("Enter")
    expect(page.locator("section.answer .summary")).to_contain_text("Accountable for Rapid review of serious incidents")
    expect(page.locator("section.answer")).to_contain_text("Serious Incidents and Learning Group")
    shot(page, "ask-rapid-review")


def test_ask_about_plymouth_then_what_breaks_if_a_post_falls_vacant(page):
    """Issue 13: Ask about an area offers its partnerships and bodies (never an error page), and
    a post's page leads to what breaks if it falls vacant, each consequence with its lines.
    002:233-235 Plymouth's Quality Assurance Group; 004:252 'This group is chaired by the
    Designated Doctor for Southampton.'"""
    page.goto("/ask")
    page.get_by_label("Who is accountable for…?").check()
    box = page.get_by_label("Group, post, duty or organisation")
    box.press_sequentially("Plymouth", delay=20)
    expect(page.locator('#q-options option[value="Plymouth Safeguarding Children Partnership"]')).to_have_count(1)
    box.press("Enter")
    offer = page.get_by_role("region", name="Plymouth is an area: ask about one of its partnerships or bodies")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("link", name="Plymouth Safeguarding Children Partnership").first).to_be_visible()
    expect(page.locator(".error")).to_have_count(0)
    shot(page, "ask-plymouth")

    offer.get_by_role("link", name="Quality Assurance Group", exact=True).click()
    expect(page.locator("section.answer .summary")).to_contain_text("Quality Assurance Group")

    page.goto("/entities/southampton.designated-doctor")
    page.get_by_role("link", name="What breaks if this post falls vacant?").click()
    expect(page).to_have_url(re.compile(r"/vacancy/southampton\.designated-doctor$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("If Designated Doctor for Southampton falls vacant")
    breaks = page.get_by_role("region", name=re.compile("What breaks"))
    expect(breaks).to_contain_text("Serious Incidents and Learning Group loses its chair")
    breaks.locator("details summary").first.click()
    expect(breaks.locator("pre.lines").first).to_contain_text("This group is chaired by the Designated Doctor for Southampton")
    shot(page, "vacancy-designated-doctor")
