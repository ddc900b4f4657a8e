"""``transreview report`` end to end: formats, stdout, the --threshold exit code."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from tests.helpers.cli import run_cli
from tests.helpers.corpora import SHANXI
from transreview.project import import_inputs


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "shanxi.db"
    import_inputs(inputs=[SHANXI], db=db)
    return db


def test_html_report_to_a_file(project, tmp_path) -> None:
    out = tmp_path / "r.html"
    res = run_cli("report", project, "-o", out)
    assert res.returncode == 0 and res.stdout == ""
    page = lxml.html.fromstring(out.read_bytes())
    assert page.xpath("string(//h2)") == "jhcga-shanxi-2016.txt"


def test_threshold_sets_the_exit_code(project, tmp_path) -> None:
    # by hand: the import finds 1 critical, 9 major, 31 minor = 101 points
    data = json.loads(run_cli("report", project, "--format", "json").stdout)
    (doc,) = data["documents"]
    assert doc["penalty"] == 101
    words = doc["words"]
    assert doc["score"] == pytest.approx(101_000 / words, abs=0.01)
    above = run_cli("report", project, "--format", "md", "--threshold", f"{doc['score'] - 0.1:.2f}")
    below = run_cli("report", project, "--format", "md", "--threshold", f"{doc['score'] + 0.1:.2f}")
    assert (above.returncode, below.returncode) == (1, 0)
    assert "❌ fail" in above.stdout and "✅ pass" in below.stdout


def test_report_errors_exit_2(tmp_path) -> None:
    res = run_cli("report", tmp_path / "missing.db")
    assert res.returncode == 2 and "no such project" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("report", tmp_path / "missing.db", "--format", "pdf")
    assert res.returncode == 2
