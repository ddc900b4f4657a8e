"""Export and report reach a project through project.open_project: a file or PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from transreview.export import export_project
from transreview.formats import ReadOptions, tsv
from transreview.mqm.write import write_mqm_report
from transreview.project import import_inputs
from transreview.review import ReviewSession

SHANXI = Path(__file__).resolve().parents[2] / "corpora" / "jhcga-shanxi-2016.txt"


def test_shanxi_correction_exports_and_reports_on_every_backend(new_db, tmp_path, capsys):
    db = new_db("shanxi.db")
    import_inputs(inputs=[SHANXI], db=db, reviewer="alice")
    with ReviewSession.open(db, "alice") as s:
        pid = next(r.pair_id for r in s.queue_page(0, 100) if r.pair_key == "p4")
        fid = next(f.id for f in s.pair(pid).findings if f.finding.text == "陕西")
        s.apply_suggestion(fid)

    out = tmp_path / "fixed.tsv"
    export_project(db, fmt="tsv", output=out)
    targets = {p.id: p.target for p in tsv.read(out, ReadOptions())}
    assert "作为山西省发展改革委客人" in targets["p4"]  # by hand: the page's one 陕西
    assert "陕西" not in "".join(targets.values())
    assert len(targets) == 13

    report = tmp_path / "r.json"
    assert write_mqm_report(db, output=report, fmt="json") == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert "jhcga-shanxi-2016.txt" in json.dumps(data, ensure_ascii=False)
    capsys.readouterr()
