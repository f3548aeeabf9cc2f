"""Every hostile or careless data file is refused with a located one-line error and exit 2 —
no traceback, no hang, nothing skipped — within a small time and memory bound."""
from __future__ import annotations

import io
import os
import pwd
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest

from lscp.api.cli import main
from lscp.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING_CHARS
from .conftest import BASE

SECONDS, MEGABYTES = 5.0, 64  # bound on each refusal

LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def at(text: str, needle: str, file: str = "case.yaml") -> str:
    """'file:line:column' of the first `needle` in `text` (1-based), read off the text itself."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return f"{file}:{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def relation(extra: str) -> str:
    return f'relations:\n  - {{type: chairs, from: test.chair, to: test.board, src: "doc:6", {extra}}}\n'


def refused(world, capsys) -> list[str]:
    """Run `lscp validate` on the world: exit 2, no traceback, within the bounds; the problem lines."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        code = main(["validate", str(world)])
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.monotonic() - started < SECONDS
    assert peak < MEGABYTES * 2**20
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    lines = err.splitlines()
    assert lines[-1].startswith("Error: ") and " problem" in lines[-1]
    return lines[:-1]


DATE_OF = {"day": "2023-02-30", "month": "2023-13-01", "hour": "2023-01-01 25:00:00"}
DATE_WHY = {"day": "day is out of range for month", "month": "month must be in 1..12", "hour": "hour must be in 0..23"}


@pytest.mark.parametrize("part", DATE_OF)
def test_an_impossible_unquoted_date(world, capsys, part):
    text = relation(f"since: {DATE_OF[part]}")
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [f"{at(text, DATE_OF[part])}: {DATE_OF[part]!r} is not a valid date or time "
                                      f"({DATE_WHY[part]}); quote it if it is text"]


@pytest.mark.parametrize("value, expected", [
    ("order: !!int abc", "'abc' is not a valid integer (invalid literal for int() with base 10: 'abc')"),
    ("share: !!float abc", "'abc' is not a valid number (could not convert string to float: 'abc')"),
    ("since: !!timestamp abc", "'abc' is not a valid date or time"),
])
def test_a_bad_explicit_tag_value(world, capsys, value, expected):
    text = relation(value)
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [f"{at(text, '!!')}: {expected}; quote it if it is text"]


@pytest.mark.parametrize("text, kind", [("? [a, b]\n: c\n", "list"), ("{a: 1}: c\n", "mapping")])
def test_a_complex_key(world, capsys, text, kind):
    (world / "case.yaml").write_text(text)
    needle = "[" if kind == "list" else "{"
    assert refused(world, capsys) == [f"{at(text, needle)}: a key must be a plain value (a field name), not a {kind}"]


@pytest.mark.parametrize("value, kind", [("[test-2020, test-2021]", "list"), ("{id: test-2020}", "mapping")])
def test_edition_given_as_a_list_or_mapping(world, capsys, value, kind):
    text = f"edition: {value}\n" + relation("since: 2022")
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [f"case.yaml:1:1: edition: must be one edition id (a string), not a {kind}"]


def test_very_deep_nesting(world, capsys):
    text = "bodies: " + "[" * 5000 + "]" * 5000 + "\n"
    (world / "case.yaml").write_text(text)
    [line] = refused(world, capsys)
    assert line.startswith("case.yaml:1:") and line.endswith(f"values are nested more than {MAX_DEPTH} levels deep "
                                                             "(MAX_DEPTH)")


def test_deep_block_nesting(world, capsys):
    text = "bodies:\n" + "".join("  " * depth + f"- k{depth}:\n" for depth in range(1, 60))
    (world / "case.yaml").write_text(text)
    [line] = refused(world, capsys)
    assert line.endswith(f"values are nested more than {MAX_DEPTH} levels deep (MAX_DEPTH)")


def test_billion_laughs_fails_fast(world, capsys):
    assert len(LAUGHS.encode()) < 400  # nine levels of nine: 387,420,489 strings if expanded
    (world / "case.yaml").write_text(LAUGHS)
    [line] = refused(world, capsys)
    assert line.startswith("case.yaml:")
    assert line.endswith(f"aliases (*name) expand to more than {MAX_ALIAS_VALUES:,} values (MAX_ALIAS_VALUES); "
                         "write the values out")


def test_a_huge_file(world, capsys):
    with (world / "case.yaml").open("w") as out:
        out.write(("# padding\n" * 1024) * (MAX_FILE_BYTES // 10240 + 1))
    size = (world / "case.yaml").stat().st_size
    assert refused(world, capsys) == [f"case.yaml:1:1: the file is {size:,} bytes, over the limit of "
                                      f"{MAX_FILE_BYTES:,} (MAX_FILE_BYTES); split it into several files"]


def test_a_huge_string(world, capsys):
    text = f"people:\n  - {{id: test.long, name: {'x' * (MAX_STRING_CHARS + 1)}, src: 'doc:1'}}\n"
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [f"{at(text, 'xxx')}: a string of {MAX_STRING_CHARS + 1:,} characters, over "
                                      f"the limit of {MAX_STRING_CHARS:,} (MAX_STRING_CHARS)"]


def test_a_data_file_that_is_not_utf8(world, capsys):
    (world / "case.yaml").write_bytes(b"people:\n  - {id: test.cafe, name: caf\xe9, src: 'doc:1'}\n")
    # Line 2: "  - {id: test.cafe, name: caf" is 29 characters, so the byte is at column 30.
    assert refused(world, capsys) == ["case.yaml:2:30: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"]


def test_a_source_text_that_is_not_utf8(world, capsys):
    (world / "sources" / "doc.txt").write_bytes(b"line one\n\xff\xfe line two\n")
    lines = refused(world, capsys)
    assert lines and all(line.endswith("source file 'doc.txt' of document 'doc' cannot be used: it is not UTF-8 "
                                       "text (byte 0xff on line 2); save it as UTF-8") for line in lines)


def test_a_source_file_outside_the_sources_directory(world, capsys):
    text = 'sources:\n  - {id: evil, name: Evil, file: ../../../../../../etc/passwd, src: "evil:1"}\n'
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [
        f"case.yaml:2:5: [evil] source file '../../../../../../etc/passwd' of document 'evil' is outside the sources "
        f"directory {world / 'sources'}: name a file inside it"]


def test_a_misspelt_value_is_reported_on_its_own_line(world, capsys):
    text = 'posts:\n  - id: test.secretary\n    name: Secretary\n    src: "doc:6"\n    within: test.tscpp\n'
    (world / "case.yaml").write_text(text)
    assert refused(world, capsys) == [f"{at(text, 'test.tscpp')}: [test.secretary] within: no entity has id "
                                      "'test.tscpp' (did you mean 'test.tscp'?)"]
    assert at(text, "test.tscpp") == "case.yaml:5:13"  # the value's line, not the entity's (line 2)


@pytest.mark.parametrize("name", ['"   "', '"\\t\\u200b"'])
def test_a_name_with_nothing_visible(world, capsys, name):
    text = f'people:\n  - {{id: test.blank, name: {name}, src: "doc:1"}}\n'
    (world / "case.yaml").write_text(text)
    [line] = refused(world, capsys)
    assert line.startswith(f"{at(text, name)}: [test.blank] name: a name must contain a visible character, not ")


@pytest.mark.parametrize("value", ["!custom x", "!!binary aGVsbG8=", "!!python/object:os.system {}"])
def test_an_unknown_tag(world, capsys, value):
    text = relation(f"note: {value}")
    (world / "case.yaml").write_text(text)
    tag = value.split()[0].split(":")[0] if "python" not in value else "!!python/object:os.system"
    assert refused(world, capsys) == [f"{at(text, value)}: the YAML tag {tag!r} is not allowed: data files hold "
                                      "plain text, numbers, dates, lists and mappings"]


def test_a_fifo_is_refused_without_blocking(world, capsys):
    os.mkfifo(world / "pipe.yaml")
    assert refused(world, capsys) == ["pipe.yaml:1:1: this data file is not a regular file (a FIFO, device or socket)"]


def test_a_file_that_cannot_be_read(world, capsys):
    (world / "gone.yaml").symlink_to(world / "nowhere.yaml")  # unreadable even by root
    assert refused(world, capsys) == ["gone.yaml:1:1: this data file cannot be read (No such file or directory)"]


def test_a_directory_that_cannot_be_read(tmp_path):
    """Root reads any directory, so when the suite runs as root (as CI does) the check runs in a
    forked child that has become `nobody`: in process, as the checkout itself (and its .venv)
    may sit in a folder `nobody` cannot enter."""
    world = Path(tempfile.mkdtemp(dir="/tmp" if os.geteuid() == 0 else tmp_path))
    try:
        shutil.copytree(BASE, world / "data")
        for path in (world, *world.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (world / "data" / "locked").mkdir()
        (world / "data" / "locked").chmod(0)
        code, err = _validate_unprivileged(world / "data")
        assert code == 2 and "Traceback" not in err, err
        assert err.splitlines()[:-1] == [
            "locked:1:1: cannot read this directory (Permission denied); make it "
            "readable or move it out of the data directory"]
    finally:
        shutil.rmtree(world, ignore_errors=True)


def _validate_unprivileged(data: Path) -> tuple[int, str]:
    """`lscp validate DATA` as `nobody` (when root) in a forked child: its exit code and stderr."""
    main(["validate", str(BASE)])  # every module validate uses is imported before the fork
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            os.environ["LSCP_CACHE_DIR"] = ""
            sys.stderr = io.TextIOWrapper(os.fdopen(write, "wb"), write_through=True)
            code = main(["validate", str(data)])
        except BaseException:  # anything the child meets is the test's failure
            code = 99
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as stream:
        err = stream.read()
    return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]), err


@pytest.mark.parametrize("suffix", [".yml", ".YAML"])
def test_other_yaml_suffixes_are_read_not_skipped(world, capsys, suffix):
    text = relation("since: 2022").replace("test.board", "test.bord")
    (world / f"case{suffix}").write_text(text)
    [line] = refused(world, capsys)
    assert line.startswith(f"{at(text, 'test.bord', f'case{suffix}')}: ")
