"""The wheel works on its own: built, installed into a fresh virtualenv outside the repository,
beside a top-level `diagrams` package of someone else's (PyPI's `diagrams` is a popular one)."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the built wheel; its dependencies are read from the test venv's
    site-packages through a path file (that adds the folder, not the editable install's hook)."""
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                  "-w", str(work / "dist"), str(ROOT)], cwd=work)
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("lscp-*.whl"))
    env = work / "env"
    venv.create(env, with_pip=False)
    site = next((env / "lib").glob("python*/site-packages"))
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    shadow = site / "diagrams"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("raise ImportError('not the lscp diagrams package')\n")
    unpacked = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                     "--target", str(site), str(wheel)], cwd=work)
    assert unpacked.returncode == 0, unpacked.stderr
    return env


def test_wheel_carries_the_data_and_the_cli_works_outside_the_repository(installed, tmp_path):
    python = str(installed / "bin" / "python")
    overview = _run([python, "-m", "lscp", "overview"], cwd=tmp_path)
    assert overview.returncode == 0, overview.stderr
    assert "Southampton Safeguarding Children Partnership (southampton.sscp)" in overview.stdout
    version = _run([python, "-m", "lscp", "--version"], cwd=tmp_path)
    assert version.stdout.strip() == "lscp, version 0.1.0"
    chart = _run([python, "-m", "lscp", "diagram", "southampton", "--format", "dot", "-o", "s.dot"], cwd=tmp_path)
    assert chart.returncode == 0, chart.stderr
    assert (tmp_path / "s.dot").read_text().startswith("digraph")


def test_readme_python_api_examples_run_against_the_installed_wheel(installed, tmp_path):
    python = str(installed / "bin" / "python")
    code = ("import doctest, sys, lscp; assert 'site-packages' in lscp.__file__, lscp.__file__; "
            f"r = doctest.testfile({str(ROOT / 'README.md')!r}, module_relative=False); "
            "sys.exit(1 if r.failed or not r.attempted else 0)")
    ran = _run([python, "-c", code], cwd=tmp_path)
    assert ran.returncode == 0, ran.stdout + ran.stderr
