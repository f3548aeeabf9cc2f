"""`lscp serve`: prints the URL and runs the app with uvicorn on the data asked for."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import click
from click.testing import CliRunner

from lscp.api import server
from lscp.api.commands.serve import serve


def test_serve_prints_the_url_and_runs_uvicorn_on_the_data_given(monkeypatch, base_world):
    ran = {}
    monkeypatch.setattr(server, "run_server", lambda app, sock: ran.update(app=app, address=sock.getsockname()))
    result = CliRunner().invoke(serve, ["--port", "8123", "--data", str(base_world)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("lscp is serving at http://127.0.0.1:8123/")
    assert ran["address"] == ("127.0.0.1", 8123)
    assert ran["app"].state.graph.entity("test.board").name == "Testshire Board"


def test_serve_takes_the_data_directory_of_the_group(monkeypatch, base_world):
    ran = {}
    monkeypatch.setattr(server, "run_server", lambda app, sock: ran.update(app=app))
    group = click.Group(commands={"serve": serve}, params=[])
    result = CliRunner().invoke(group, ["serve"], obj={"data": base_world})
    assert result.exit_code == 0, result.output
    assert "test.board" in ran["app"].state.graph.by_id


def test_serve_refuses_a_bad_port():
    result = CliRunner().invoke(serve, ["--port", "0"])
    assert result.exit_code == 2 and "Invalid value for '--port'" in result.output


def test_serve_really_serves(unused_port):
    port = unused_port
    code = f"from lscp.api.commands.serve import serve; serve(['--port', '{port}'])"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:  # poll until the app answers (readiness, not a fixed sleep)
            assert process.poll() is None, process.stdout.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "lscp serve did not answer within 60s"
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b"Who is accountable" in response.read()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert f"lscp is serving at http://127.0.0.1:{port}/" in output
