"""A vacancy answer shows the inference caveat of every inferred relation it relies on, in JSON,
in the CLI's text and on the vacancy page, as accountable and escalate steps do.

000:366 "The PSCP may delegate functions as it considers appropriate to its Executive Group,
group or committees" is permissive: the data reads it as a delegation to the Executive and marks
the relation `inferred: true` (data/portsmouth/2019.yaml). The Executive's accountability to the
Portsmouth lead representatives (000:187-191, 000:193) runs through that delegation, so what the
chief executive's vacancy says about the Executive rests on an inference. Portsmouth City
Council's lead representative role (000:187-189) is stated: that finding carries no caveat."""
from __future__ import annotations

import subprocess
import sys

from lscp.loaders import load
from lscp.queries import vacancy

GRAPH = load()
POST = "portsmouth.pcc.chief-executive"  # 000:189 "David Williams  Chief Executive  Portsmouth City Council"


def _by_subject(findings) -> dict:
    return {f.subject: f for f in findings}


def test_the_json_answer_carries_the_caveat_of_the_may_delegate_reading():
    found = _by_subject(vacancy(GRAPH, POST).findings)
    executive = found["portsmouth.executive"]
    assert any("'may delegate functions as it considers appropriate to its Executive Group'" in c
               for c in executive.caveats), executive.caveats
    assert found["portsmouth-city-council"].caveats == []  # stated (000:187-189), not inferred


def test_the_api_the_cli_and_the_page_show_it(client):
    answer = client.get(f"/api/vacancy/{POST}").json()
    executive = next(f for f in answer["findings"] if f["subject"] == "portsmouth.executive")
    assert any("may delegate" in c for c in executive["caveats"])
    text = subprocess.run([sys.executable, "-c", "import sys; from lscp.api.cli import main; sys.exit(main())",
                           "vacancy", POST], capture_output=True, text=True, timeout=120).stdout
    lines = text.splitlines()
    said = f"  [{executive['severity']}] {executive['message']}"
    at = next(i for i, line in enumerate(lines) if line.startswith(said))
    assert lines[at + 1].startswith("    inferred, not stated: 366 only says the PSCP 'may delegate")
    page = client.get(f"/vacancy/{POST}")
    assert page.status_code == 200
    assert "Inferred, not stated:</strong> 366 only says the PSCP &#39;may delegate" in page.text
