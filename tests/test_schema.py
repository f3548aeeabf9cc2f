"""The published JSON Schema against a real validator (check-jsonschema, the command editors'
users run): every bundled data file passes, and copies broken the ways the loader refuses fail.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lscp.loaders import default_data_dir

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "lscp-data.schema.json"
BAD = Path(__file__).parent / "bad_data"
CHECK = Path(sys.executable).parent / "check-jsonschema"


def check(*files: Path) -> dict:
    """check-jsonschema's JSON report over FILES: {filename: [messages]}."""
    run = subprocess.run([str(CHECK), "-o", "JSON", "--schemafile", str(SCHEMA), *map(str, files)],
                         capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(run.stdout)
    found: dict[str, list[str]] = {}
    for error in report.get("errors", []) + report.get("parse_errors", []):
        found.setdefault(Path(error["filename"]).name, []).append(error["message"])
    assert (run.returncode == 0) == (not found), run.stderr
    return found


def test_every_bundled_data_file_is_valid():
    files = sorted(default_data_dir().rglob("*.yaml"))
    assert len(files) >= 16
    assert check(*files) == {}


def test_the_schema_has_an_id_and_is_2020_12():
    schema = json.loads(SCHEMA.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("tag:lscp,")


# The loader refuses every file of tests/bad_data (tests/test_loader.py). These break a rule a
# schema can state: a word outside a vocabulary, a field, an id, a citation or date shape, a
# range, an attribute on a type it does not apply to ('share' only on funds), YAML itself. The
# rest need the whole data set (ids, documents, cycles) or a calendar (30 February): only the
# loader checks those.
SCHEMA_REFUSES = {
    "bad_date_format", "bad_id", "citation_malformed", "duplicate_key", "empty_citation",
    "missing_citation", "not_stated_unknown_field", "share_on_wrong_type", "share_out_of_range",
    "unknown_field", "unknown_relation_type", "unknown_section", "unknown_sector", "yaml_syntax",
}


def test_broken_copies_fail_where_a_schema_can_say_so():
    cases = sorted(BAD.glob("*.yaml"))
    found = check(BAD / "_base" / "base.yaml", *cases)
    assert "base.yaml" not in found
    assert {Path(name).stem for name in found} == SCHEMA_REFUSES


def test_the_forms_the_loader_accepts(tmp_path):
    """Shorthand and list citations, a citation's object form, year-only, year-month and full
    dates (unquoted, as YAML reads them), one `represents` id or a list."""
    accepted = tmp_path / "forms.yaml"
    accepted.write_text(
        "edition: test-2020\n"
        "organisations:\n"
        "  - id: test-council\n"
        "    name: Testshire Council\n"
        "    sector: local-authority\n"
        "    src: ['doc:3', 'doc:4-5', 'https://example.org/council']\n"
        "    names: [{name: Old Council, since: 2019, until: 2021-03, src: {doc: doc, start: 3, end: 3}}]\n"
        "relations:\n"
        "  - {type: member_of, from: test-council, to: test.board, src: 'doc:6', since: 2020-04-01, represents: test-council}\n"
        "  - {type: member_of, from: test-council, to: test.board, src: 'doc:6', since: '2020-04', represents: [test-council]}\n"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "relations:\n"
        "  - {type: chairs, from: a.b, to: c.d, src: 'doc:0'}\n"        # lines count from 1
        "  - {type: chairs, from: a.b, to: c.d, src: 'doc:6', since: 2020-13}\n"  # no month 13
        "  - {type: chairs, from: a.b, to: c.d, src: 'doc:6', since: 20}\n"       # not a year
        "  - {type: chairs, from: a.b, to: c.d, src: null}\n"           # a relation needs a citation
    )
    found = check(accepted, broken)
    assert "forms.yaml" not in found
    assert len(found["broken.yaml"]) == 4, found
