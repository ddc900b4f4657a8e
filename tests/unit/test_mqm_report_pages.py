"""The HTML report of a large project: summary and worst pairs inline, every pair in linked
pages beside it (each self-contained, escaped, no script), written whole or not at all.

The limits are lowered here (2 pairs inline, 3 per page, 2 worst) so a seven-pair project
shows the paging that a 100,000-pair one gets with the real limits."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from transreview.errors import UsageError
from transreview.mqm import html, model
from transreview.mqm.write import pages_folder, write_mqm_report
from transreview.project import import_inputs

HOSTILE = "<script>alert(1)</script>"
# Seven pairs, each with a number the target changed (a numbers finding): the more pairs
# changed, the more findings; pair n7 has three wrong numbers and is the worst.
ROWS = [
    (f"n{k}", f"In {2000 + k} there were {k} {HOSTILE}.", f"{2100 + k}年有{k}个{HOSTILE}。")
    for k in range(1, 7)
] + [("n7", "In 2007, 7 of 9 were seen.", "2107年，9个中的8个被看到，共6次。")]


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "INLINE_PAIRS", 2)
    monkeypatch.setattr(html, "PAGE_PAIRS", 3)
    monkeypatch.setattr(model, "WORST_PAIRS", 2)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "seven.tsv"
    src.write_text("id\tsource\ttarget\n" + "".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    db = tmp_path / "seven.transreview.db"
    import_inputs(inputs=[src], db=db)
    return db


def keys_in(text: str) -> list[str]:
    return re.findall(r'<div class="pair" id="pair-([^"]+)">', text)


def test_pages_hold_every_pair_and_the_report_the_worst(small_limits, project: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    write_mqm_report(project, output=out)
    main = out.read_text(encoding="utf-8")
    folder = pages_folder(out)
    assert folder == tmp_path / "r_files"
    pages = sorted(folder.iterdir())
    assert [p.name for p in pages] == ["doc1-page1.html", "doc1-page2.html", "doc1-page3.html"]
    # the worst two inline, the worst first (n7 has the most penalty points)
    assert keys_in(main)[0] == "n7" and len(keys_in(main)) == 2
    # every pair exactly once over the pages, in document order, three a page
    per_page = [keys_in(p.read_text(encoding="utf-8")) for p in pages]
    assert per_page == [["n1", "n2", "n3"], ["n4", "n5", "n6"], ["n7"]]
    assert 'href="r_files/doc1-page3.html#pair-n7"' in main  # the worst pair links to its page
    for p in [out, *pages]:
        text = p.read_text(encoding="utf-8")
        assert "<script" not in text  # the segments' <script> is text
        assert "default-src 'none'" in text and "<style>" in text  # self-contained, as the report
    shown = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert shown.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6  # n1..n6, both sides
    page2 = pages[1].read_text(encoding="utf-8")
    assert 'href="../r.html#doc-1"' in page2
    assert 'href="doc1-page1.html"' in page2 and 'href="doc1-page3.html"' in page2


def test_a_small_report_stays_one_file(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    write_mqm_report(project, output=out)  # real limits: seven pairs are shown inline
    assert len(keys_in(out.read_text(encoding="utf-8"))) == 7
    assert not pages_folder(out).exists()


def test_stdout_gets_one_page_with_everything(small_limits, project: Path, monkeypatch, capsys) -> None:
    write_mqm_report(project, output=None)
    assert len(keys_in(capsys.readouterr().out)) == 7


def test_writing_again_replaces_the_pages(small_limits, project: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "r.html"
    write_mqm_report(project, output=out)
    monkeypatch.setattr(html, "PAGE_PAIRS", 7)
    write_mqm_report(project, output=out)
    assert [p.name for p in pages_folder(out).iterdir()] == ["doc1-page1.html"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".transreview-")]  # no staging left


def test_a_pages_folder_with_other_files_is_refused(small_limits, project: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    folder = pages_folder(out)
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="did not write"):
        write_mqm_report(project, output=out)
    assert not out.exists()
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_json_streamed_is_the_dict_dumped(project: Path) -> None:
    import json

    from transreview.mqm.write import write_json

    report = model.build_mqm_report(project)
    buf = io.StringIO()
    write_json(report, buf)
    assert buf.getvalue() == json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(buf.getvalue())["documents"][0]["items"]) == 7
