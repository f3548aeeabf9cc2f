"""The red-team corpus of issue 15, kept as tests: each bounded in time and memory, loopback only."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE = Path(__file__).parent.parent / "bad_data" / "_base"


@pytest.fixture()
def world(tmp_path) -> Path:
    """A copy of the small valid world (tests/bad_data/_base) to spoil."""
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


def lscp(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command line in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "lscp", *args], capture_output=True, text=True, timeout=timeout,
                          env=env, stdin=subprocess.DEVNULL)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The run failed with exit 2 and a message, never a traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr
