"""The graph cache runs nothing it reads: planted pickles and junk are never executed, a
directory others may write to is refused, entries are checked against the data they stand for."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import time

from lscp.loaders import load
from lscp.loaders.cache import TEMP, data_key, load_cached

from .conftest import lscp

ANSWER = "Testshire Board"  # tests/bad_data/_base/base.yaml names test.board so


class Planted:
    """Unpickling this writes a file: proof that the cache ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _env(cache, **more) -> dict:
    return {**os.environ, "LSCP_CACHE_DIR": str(cache), **more}


def _plant(cache, key, marker) -> None:
    cache.mkdir(mode=0o700, exist_ok=True)
    payload = pickle.dumps(Planted(marker))
    for name in (f"graph-{key}.json", f"graph-{key}.pickle"):  # what this version reads, and the old name
        (cache / name).write_bytes(payload)


def test_a_planted_pickle_is_never_run(world, tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "ran"
    _plant(cache, data_key(world), marker)
    result = lscp("--data", str(world), "show", "test.board", env=_env(cache))
    assert result.returncode == 0, result.stderr
    assert ANSWER in result.stdout
    assert not marker.exists()
    assert not list(cache.glob("*.pickle"))  # old-format entries are removed, never read
    entry = json.loads((cache / f"graph-{data_key(world)}.json").read_text())  # replaced by plain data
    assert entry["key"] == data_key(world)


def test_junk_of_every_kind_in_the_cache_is_ignored(world, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("LSCP_CACHE_DIR", str(cache))
    path = cache / f"graph-{data_key(world)}.json"
    for junk in (b"", b"\x80\x05\x95", b"{", b'{"version": "3"}', b"[]" * 1000, b'{"version":"3","key":"x"}'):
        path.write_bytes(junk)
        assert load_cached(world, load).entity("test.board").name == ANSWER
    path.unlink()
    os.mkfifo(path)  # a FIFO would block a plain open()
    started = time.monotonic()
    assert load_cached(world, load).entity("test.board").name == ANSWER
    assert time.monotonic() - started < 30


def test_another_data_sets_entry_is_not_served(world, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LSCP_CACHE_DIR", str(cache))
    load_cached(world, load)
    other = tmp_path / "other"
    shutil.copytree(world, other)
    base = other / "base.yaml"
    base.write_text(base.read_text().replace("Testshire Board", "Otherby Board"))
    # The first data set's entry, under the name the second one's key would give it.
    (cache / f"graph-{data_key(world)}.json").rename(cache / f"graph-{data_key(other)}.json")
    assert load_cached(other, load).entity("test.board").name == "Otherby Board"


def test_a_directory_others_may_write_to_is_refused(world, tmp_path):
    cache, marker = tmp_path / "shared", tmp_path / "ran"
    _plant(cache, data_key(world), marker)
    cache.chmod(0o777)
    result = lscp("--data", str(world), "show", "test.board", env=_env(cache))
    assert result.returncode == 0 and ANSWER in result.stdout
    assert f"not using the cache directory {cache}: others may write to it (mode 777)" in result.stderr
    assert not marker.exists()
    assert sorted(p.name for p in cache.iterdir()) == sorted([f"graph-{data_key(world)}.json",
                                                              f"graph-{data_key(world)}.pickle"])  # untouched


def test_a_new_cache_directory_is_private(world, tmp_path):
    cache = tmp_path / "new" / "cache"
    assert lscp("--data", str(world), "show", "test.board", env=_env(cache)).returncode == 0
    assert cache.stat().st_mode & 0o777 == 0o700
    assert [p.stat().st_mode & 0o777 for p in cache.iterdir()] == [0o600]


def test_an_empty_cache_setting_turns_the_cache_off(world, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = lscp("--data", str(world), "show", "test.board", env=_env("", HOME=str(home), XDG_CACHE_HOME=""))
    assert result.returncode == 0 and ANSWER in result.stdout
    assert list(home.rglob("*")) == []  # nothing written into ~/.cache


def test_stale_entries_and_abandoned_temporary_files_are_removed(world, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("LSCP_CACHE_DIR", str(cache))
    old = time.time() - 2 * 86400
    for n in range(6):
        entry = cache / f"graph-{n:032x}.json"
        entry.write_text("{}")
        os.utime(entry, (old + n, old + n))
    abandoned, fresh = cache / f"{TEMP}abandoned", cache / f"{TEMP}being-written"
    abandoned.write_text("half")
    os.utime(abandoned, (old, old))
    fresh.write_text("half")
    load_cached(world, load)
    names = sorted(p.name for p in cache.iterdir())
    # CACHE_KEEP = 4: the new entry and the three newest old ones; a recent temporary file may be in use.
    assert names == sorted([f"graph-{data_key(world)}.json", *(f"graph-{n:032x}.json" for n in (3, 4, 5)),
                            fresh.name])
