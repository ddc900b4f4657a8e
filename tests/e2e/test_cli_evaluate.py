"""``transreview evaluate`` end to end on a small Google MQM TSV written here by hand."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import assert_refused, run_cli

TSV = (
    "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
    "sysA\ttalk.1\t1\t1\tr1\t我有三只猫。\tI have <v>two</v> cats.\tAccuracy/Mistranslation\tMajor\n"
    "sysA\ttalk.1\t2\t2\tr1\t我喜欢猫。\tI like cats.\tNo-error\tNo-error\n"
    "sysB\ttalk.1\t1\t1\tr2\t我有三只猫。\tI have three cats.\tNo-error\tNo-error\n"
    "sysB\ttalk.1\t2\t2\tr2\t我喜欢猫。\tI like cats cats.\tFluency/Grammar\tMinor\n"
)


def test_evaluate_json_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text(TSV, encoding="utf-8")
    run = run_cli("evaluate", "m.tsv", "--format", "json", "-o", "out.json", "--resamples", "20", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    (report,) = doc["reports"]
    assert (report["kind"], report["segments"], report["with_errors"], report["with_major"]) == ("mqm-tsv", 4, 2, 1)
    rows = {r["check"]: r for r in report["checks"]}
    # the numbers check finds "two" for 三: one flagged segment, which the rater marked major
    assert rows["numbers"]["segments_flagged"] == 1
    assert rows["numbers"]["major_segment_precision"] == 1.0
    assert doc["signature"].startswith("checks:")

    text = run_cli("evaluate", "m.tsv", "--resamples", "0", "--checks", "numbers", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "m.tsv (mqm-tsv): 4 segments" in text.stdout and "numbers" in text.stdout
    assert "signature: checks:numbers@" in text.stdout
    md = run_cli("evaluate", "m.tsv", "--resamples", "0", "--format", "md", cwd=tmp_path)
    assert md.returncode == 0 and md.stdout.startswith("# transreview evaluate")
    assert "| check | findings (neutral) |" in md.stdout


def test_evaluate_refuses_bad_input(tmp_path: Path) -> None:
    (tmp_path / "bad.tsv").write_text("system\tdoc\n", encoding="utf-8")
    assert_refused(run_cli("evaluate", "bad.tsv", "-o", "out.txt", cwd=tmp_path), "bad.tsv", line=1,
                   problem=["no column"], cwd=tmp_path, absent=["out.txt"])
