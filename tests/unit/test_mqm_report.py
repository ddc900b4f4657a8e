"""The MQM report: figures, HTML (parsed with lxml.html), JSON, Markdown, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
import sacrebleu

from tests.helpers.mqm import shanxi_review
from transreview.model import Finding, Pair, Severity
from transreview.mqm import html as report_html
from transreview.mqm import markdown
from transreview.mqm.model import FindingItem, build_mqm_report
from transreview.mqm.write import write_mqm_report
from transreview.review import count_source_words
from transreview.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"


@pytest.fixture(scope="module")
def shanxi(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("report") / "shanxi.db"
    return db, shanxi_review(db)


# --- figures ---------------------------------------------------------------------------------


def test_figures_of_the_reviewed_shanxi_page(shanxi) -> None:
    db, _ = shanxi
    report = build_mqm_report(db, threshold=100)
    (doc,) = report.documents
    # by hand: the import found 1 critical, 9 major, 31 minor (101 points); the review
    # dismissed one minor (-1) and added one major (+5): 1/10/30 and 105 points; the two
    # half-width brackets around Latin text, (3 US) and (TZ), are neutral: shown, 0 points
    assert doc.by_severity == {"critical": 1, "major": 10, "minor": 30, "neutral": 2}
    assert doc.penalty == 25 + 10 * 5 + 30 == 105
    assert doc.dismissed == 1
    words = sum(count_source_words(p.source, "en") for p in _pairs(db))
    assert doc.words == words
    assert doc.score == pytest.approx(105_000 / words)
    assert doc.passed is False and report.failed == [doc]
    assert (doc.reviewed, doc.pairs, doc.corrected) == (5, 13, 3)  # p4 p5 p9 corrected, p6 p8 approved
    assert doc.by_category["Accuracy/Mistranslation"] == 1


def _pairs(db: Path) -> list[Pair]:
    with Store.open(db, create=False) as st:
        return [p for _, p in st.iter_pairs(st.documents()[0].id)]


def test_post_edit_effort_matches_sacrebleu(shanxi) -> None:
    db, texts = shanxi
    (doc,) = build_mqm_report(db).documents
    item = next(i for i in doc.items if i.key == "p9")
    chrf = sacrebleu.sentence_chrf(texts["p9"], [texts["p9*"]]).score
    ter = sacrebleu.metrics.TER(normalized=True, asian_support=True).sentence_score(
        texts["p9"], [texts["p9*"]]
    ).score
    assert item.chrf == pytest.approx(chrf, abs=1e-3)
    assert item.ter == pytest.approx(ter, abs=1e-3)
    assert 0 < item.ter < 10 and 90 < item.chrf < 100  # a two-character edit of a paragraph
    # the document figure covers the five reviewed pairs; the approved ones are unedited
    assert 0 < doc.effort["ter"] < item.ter


def test_threshold_and_exit_codes(shanxi, tmp_path) -> None:
    db, _ = shanxi
    score = build_mqm_report(db).documents[0].score
    assert write_mqm_report(db, output=tmp_path / "a.html", threshold=score + 1) == 0
    assert write_mqm_report(db, output=tmp_path / "b.html", threshold=score - 1) == 1
    assert write_mqm_report(db, output=tmp_path / "c.html") == 0


# --- HTML ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(shanxi, tmp_path_factory) -> lxml.html.HtmlElement:
    db, _ = shanxi
    out = tmp_path_factory.mktemp("html") / "r.html"
    write_mqm_report(db, output=out, threshold=100)
    return lxml.html.fromstring(out.read_bytes())


def test_html_is_self_contained(page, shanxi, tmp_path) -> None:
    assert page.xpath("//script") == [] and page.xpath("//link") == []
    assert page.xpath("//@src") == [] and page.xpath("//*[local-name()='image']") == []
    assert all(h.startswith("#") for h in page.xpath("//@href"))
    css = " ".join(page.xpath("//style/text()"))
    assert "url(" not in css and "@import" not in css
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]


def test_html_document_section(page) -> None:
    (sec,) = page.xpath("//section[@class='doc']")
    assert sec.xpath("string(.//h2)") == "jhcga-shanxi-2016.txt"
    assert sec.xpath("string(.//span[contains(@class,'badge')])") == "FAIL > 100"
    values = [v.text_content() for v in sec.xpath(".//div[@class='kpi']/div[contains(@class,'value')]")]
    assert values[1:3] == ["43", "5 / 13"]  # 41 findings and the 2 neutral ones
    assert values[0] == f"{float(values[0]):.1f}" and float(values[0]) > 100


def test_html_charts_show_the_counts(page) -> None:
    sev, cat = page.xpath("//svg[@class='bars']")
    labels = ["".join(t.xpath("text()")) for t in sev.xpath("./*[local-name()='text']")]
    assert labels == ["critical", "1", "major", "10", "minor", "30", "neutral", "2"]
    widths = [int(r.get("width")) for r in sev.xpath("./*[local-name()='rect']")]
    assert widths[2] > widths[1] > widths[0] > 0  # 30 > 10 > 1
    cat_labels = ["".join(t.xpath("text()")) for t in cat.xpath("./*[local-name()='text']")][::2]
    assert cat_labels[0] == "Fluency/Punctuation" and "Terminology" in cat_labels


def test_html_highlights_spans_and_the_edit(page) -> None:
    p4 = page.xpath("//div[@id='pair-p4']")[0]
    crit = p4.xpath(".//mark[@class='critical']")
    assert [m.text for m in crit] == ["陕西"]
    assert p4.xpath("string(.//del[@class='fix'])") == "陕"
    assert p4.xpath("string(.//ins[@class='fix'])") == "山"
    rows = p4.xpath(".//table[@class='findings']/tbody/tr")
    assert len(rows) == 15
    first = [td.text_content() for td in rows[0]]
    assert first[1:4] == ["critical", "Terminology", "陕西"] and first[-1] == "confirmed"
    dismissed = page.xpath("//div[@id='pair-p5']//tr[@class='dismissed']")
    assert len(dismissed) == 1


def test_html_escapes_untrusted_text(tmp_path) -> None:
    db = tmp_path / "x.db"
    src, tgt = "Hello <b>world</b> & co", "<script>alert(1)</script>你好"
    with Store.open(db) as st, st.atomic():
        doc = st.add_document(name="<img src=x onerror=alert(1)>.tsv", format="tsv", path="x",
                              sha256="h", content=b"", src_lang="en", tgt_lang="zh")
        (pid,) = st.add_pairs(doc, [Pair("a\"'<", src, tgt)])
        st.add_finding(pid, Finding.at("x", "Terminology", Severity.MAJOR, "<i>msg</i>",
                                       side="target", text_of_side=tgt, start=0, end=8))
    out = tmp_path / "x.html"
    write_mqm_report(db, output=out)
    raw = out.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(raw)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == [] and tree.xpath("//i") == []
    assert "".join(tree.xpath("//mark/text()")) == "<script>"
    assert "alert(1)&lt;/script&gt;你好" in raw and "<script>" not in raw
    assert tree.xpath("string(//h2)") == "<img src=x onerror=alert(1)>.tsv"


def test_highlight_splits_overlapping_spans() -> None:
    def f(n: int, a: int, b: int, sev: str) -> FindingItem:
        return FindingItem(n, "c", "check", "open", "Terminology", sev, "target", a, b,
                           None, "m", None, None)

    got = report_html.highlight("ab<de", [f(1, 1, 3, "minor"), f(2, 2, 4, "critical")])
    assert got == (
        'a<mark class="minor" data-findings="1" title="1: minor Terminology">b</mark>'
        '<mark class="critical" data-findings="1,2" title="1: minor Terminology; 2: critical '
        'Terminology">&lt;<sup>1</sup></mark>'
        '<mark class="critical" data-findings="2" title="2: critical Terminology">d<sup>2</sup></mark>e'
    )


def test_diff_marks_only_the_changed_characters() -> None:
    assert report_html.diff_html("晋城是陕西的", "晋城是山西的") == (
        '晋城是<del class="fix">陕</del><ins class="fix">山</ins>西的'
    )
    assert report_html.diff_html("a<b", "a<b!") == 'a&lt;b<ins class="fix">!</ins>'


# --- JSON and Markdown -----------------------------------------------------------------------


def test_json_report(shanxi, tmp_path) -> None:
    db, _ = shanxi
    out = tmp_path / "r.json"
    assert write_mqm_report(db, output=out, fmt="json", threshold=100) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert data["failed"] == ["jhcga-shanxi-2016.txt"] and doc["passed"] is False
    assert doc["by_severity"] == {"critical": 1, "major": 10, "minor": 30, "neutral": 2}
    assert data["signatures"]["chrf"].startswith("nrefs:1|") and "version:" in data["signatures"]["ter"]
    p4 = next(i for i in doc["items"] if i["key"] == "p4")
    assert p4["corrected"].count("山西省发展改革委") == 1


def test_markdown_report(shanxi, tmp_path) -> None:
    db, _ = shanxi
    out = tmp_path / "r.md"
    write_mqm_report(db, output=out, fmt="md", threshold=1000)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    head = lines.index("| document | MQM score | result | critical | major | minor | reviewed | post-edit effort |")
    row = lines[head + 2]
    assert row.startswith("| jhcga-shanxi-2016.txt | ") and "✅ pass" in row and "| 1 | 10 | 30 | 5/13 |" in row
    # the worst finding comes first in the findings table
    first = next(line for line in lines if line.startswith("| p") and not line.startswith("| pair"))
    assert first.startswith("| p4 | critical | Terminology | 陕西 |")


def test_markdown_cells_are_escaped() -> None:
    assert markdown.cell("a|b `c`\nd") == "a\\|b \\`c\\` d"
    assert len(markdown.cell("x" * 200)) == 80


def test_quality_estimation_scores_are_reported(tmp_path) -> None:
    # scores stored by `transreview qe` appear per document: the mean over the scored pairs
    # (a pair whose answer had no score does not count), in HTML, Markdown and JSON
    db = tmp_path / "qe.db"
    shanxi_review(db)
    with Store.open(db) as s:
        doc = s.documents()[0].id
        pids = [pid for pid, _ in s.iter_pairs(doc)][:3]
        for pid, score in zip(pids, (0.5, 0.9, None), strict=True):
            s.set_qe_result(pid, backend="llm", model="m", version="1", score=score, native=None,
                            notice=None if score is not None else "malformed answer", findings=())
    report = build_mqm_report(db)
    (d,) = report.documents
    assert (d.qe_mean, d.qe_scored) == (0.7, 2)
    page = lxml.html.fromstring(report_html.render(report))
    kpi = [k.text_content() for k in page.xpath("//div[@class='kpi']") if "Quality estimation" in k.text_content()]
    assert len(kpi) == 1 and "0.70" in kpi[0] and f"2 of {d.pairs} pairs scored" in kpi[0]
    assert f"Quality estimation: mean 0.70 (0–1, higher is better) over 2 of {d.pairs} pairs." in markdown.render(report)
    assert report.to_dict()["documents"][0]["qe_mean"] == 0.7


def test_no_quality_estimation_line_without_scores(shanxi) -> None:
    report = build_mqm_report(shanxi[0])
    assert report.documents[0].qe_mean is None
    assert "Quality estimation" not in report_html.render(report)
    assert "Quality estimation" not in markdown.render(report)
