"""The loader refuses bad data with precise, located messages, and loads good data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lscp.loaders import load
from lscp.model import DataError

BAD = Path(__file__).parent / "bad_data"
CASES = sorted(p for p in BAD.glob("*.yaml"))


def _world(tmp_path: Path, case: Path | None = None) -> Path:
    shutil.copytree(BAD / "_base", tmp_path / "data")
    if case is not None:
        shutil.copy(case, tmp_path / "data" / "case.yaml")
    return tmp_path / "data"


def _expected(case: Path) -> str:
    first = case.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name} must start with '# expect: '"
    return first.removeprefix("# expect: ")


def test_base_world_loads(tmp_path):
    graph = load(_world(tmp_path))
    assert graph.entity("test.board").name == "Testshire Board"


def test_there_are_at_least_fifteen_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_data_is_refused_with_location_and_message(tmp_path, case):
    with pytest.raises(DataError) as refused:
        load(_world(tmp_path, case))
    messages = [str(problem) for problem in refused.value.problems]
    assert messages == [_expected(case)]


def test_every_problem_is_reported_in_one_run(tmp_path):
    data = _world(tmp_path)
    for name in ("dangling_reference", "citation_past_end", "unknown_sector"):
        shutil.copy(BAD / f"{name}.yaml", data / f"{name}.yaml")
    with pytest.raises(DataError) as refused:
        load(data)
    files = sorted({p.file for p in refused.value.problems})
    assert files == ["citation_past_end.yaml", "dangling_reference.yaml", "unknown_sector.yaml"]


def test_missing_directory_is_a_data_error(tmp_path):
    with pytest.raises(DataError) as refused:
        load(tmp_path / "nowhere")
    assert "does not exist" in str(refused.value.problems[0])
