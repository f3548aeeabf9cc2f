"""Fixtures for the web tests: the app in-process, a hostile world, and a real server on a free port."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from lscp.api.http import create_app
from lscp.loaders import load

BASE = Path(__file__).resolve().parent.parent / "bad_data" / "_base"
HOSTILE = "<script>alert(1)</script>"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def graph():
    return load()


@pytest.fixture(scope="session")
def app(graph):
    return create_app(graph)


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


HOSTILE_YAML = f"""\
edition: test-2020
bodies:
  - id: test.hostile
    name: "{HOSTILE} Group"
    aliases: ["{HOSTILE}"]
    body_kind: subgroup
    partnership: test.tscp
    purpose: "{HOSTILE}"
    src: "doc:5"
  - {{id: test.hostile-board, name: "{HOSTILE} Board", body_kind: board, partnership: test.hostile-partnership, editions: [hostile-2021], src: "doc:4"}}
posts:
  - id: test.hostile-chair
    name: "{HOSTILE} Chair"
    within: test.tscp
    src: "doc:6"
relations:
  - {{type: reports_to, from: test.hostile, to: test.board, note: "{HOSTILE}", src: "doc:5"}}
  - {{type: chairs, from: test.hostile-chair, to: test.hostile, src: "doc:6"}}
  - {{type: escalates_to, from: test.hostile, to: test.chair, condition: split-decision, src: "doc:6"}}
  - {{type: chairs, from: test.chair, to: test.board, src: "doc:6"}}
  - {{type: partner_of, from: test-council, to: test.tscp, src: "doc:3"}}
  - {{type: partner_of, from: test-council, to: test.hostile-partnership, editions: [hostile-2021], src: "doc:3"}}
  - {{type: covers, from: test.hostile-partnership, to: testshire, editions: [hostile-2021], src: "doc:2"}}
  - {{type: works_with, from: test.hostile-partnership, to: test.tscp, editions: [hostile-2021], src: "doc:2"}}
partnerships:
  - {{id: test.hostile-partnership, name: "{HOSTILE} Partnership", partnership_kind: safeguarding-children-partnership, src: "doc:2"}}
editions:
  - {{id: hostile-2021, name: "{HOSTILE} arrangements", partnership: test.hostile-partnership, date: 2021, edition_kind: arrangements, source: doc, src: "doc:1"}}
"""


@pytest.fixture()
def base_world(tmp_path) -> Path:
    """A copy of the loader tests' small valid world."""
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def hostile_world(tmp_path_factory) -> Path:
    """The loader tests' small world plus a body, a post and relations named with a <script> tag."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(BASE, data)
    (data / "hostile.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    return data


@pytest.fixture(scope="session")
def hostile_client(hostile_world):
    with TestClient(create_app(load(hostile_world)), raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def unused_port() -> int:
    return free_port()


def wait_until_serving(port: int, server: uvicorn.Server, timeout: float = 30.0) -> None:
    """Poll until the port accepts connections and uvicorn reports it started (not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.started:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"the app did not start serving on port {port} within {timeout:.0f}s")


@pytest.fixture(scope="session")
def live_url(app):
    """The real app served by uvicorn in a background thread on a free port."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until_serving(port, server)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, live_url):
    context = browser.new_context(base_url=live_url, accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.console_errors = errors  # a test that opens an error page on purpose clears what that logs
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"
