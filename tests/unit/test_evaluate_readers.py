"""Readers of human annotations (issue 14), on small files written here by hand in the
published layouts: Google MQM TSV, WMT ESA Appraise CSV with its txt/ folder, merged ESA
JSONL, and a transreview project's reviewer decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transreview.errors import InputError, UsageError
from transreview.evaluate.evaluation import ALL, evaluate
from transreview.evaluate.model import AnnotatedSegment, HumanSpan
from transreview.evaluate.readers import (
    detect_kind,
    mqm_weight,
    read_annotations,
    read_esa_csv,
    read_esa_jsonl,
    read_mqm_tsv,
    read_project,
    utf16_to_index,
)
from transreview.model import Finding, Pair, Severity

MQM = (
    "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
    "sysA\ttalk.1\t1\t10\tr1\t我喜欢猫。\tI like <v>dogs</v>.\tAccuracy/Mistranslation\tMajor\n"
    "sysA\ttalk.1\t1\t10\tr1\t我喜欢猫。\tI like dogs<v>.</v>\tFluency/Punctuation\tMinor\n"
    "sysA\ttalk.1\t1\t10\tr1\t<v>我</v>喜欢猫。\tI like dogs.\tAccuracy/Omission\tMinor\n"
    "sysB\ttalk.1\t1\t10\tr2\t我喜欢猫。\tI like \"cats\".\tNo-error\tNo-error\n"
    "sysB\ttalk.1\t2\t11\tr2\t<v>他</v>来了。\tHe came.\tSource error\tMinor\n"
)


def test_mqm_tsv_groups_lines_into_segments_with_spans_and_penalty(tmp_path: Path) -> None:
    p = tmp_path / "m.tsv"
    p.write_text(MQM, encoding="utf-8")
    a, b, c = read_mqm_tsv(p)
    assert (a.pair.source, a.pair.target, a.pair.src_lang, a.pair.tgt_lang) == ("我喜欢猫。", "I like dogs.", "zh", "en")
    assert a.spans == (
        HumanSpan("target", 7, 11, "major", "Accuracy/Mistranslation"),
        HumanSpan("target", 11, 12, "minor", "Fluency/Punctuation"),
        HumanSpan("source", 0, 1, "minor", "Accuracy/Omission"),
    )
    assert a.pair.target[7:11] == "dogs"
    assert a.quality == pytest.approx(-(5 + 0.1 + 1))
    assert a.has_error and a.has_major and a.system == "sysA"
    assert b.pair.target == 'I like "cats".' and b.spans == () and b.quality == 0 and not b.has_error
    # a source error describes the source: no span, no penalty
    assert c.pair.source == "他来了。" and c.spans == () and c.quality == 0


def test_mqm_weights() -> None:
    assert mqm_weight("Major", "Accuracy/Mistranslation") == 5
    assert mqm_weight("Minor", "Fluency/Punctuation") == 0.1
    assert mqm_weight("Minor", "Fluency/Grammar") == 1
    assert mqm_weight("Major", "Non-translation!") == 25
    assert mqm_weight("Minor", "Source error") == 0
    assert mqm_weight("No-error", "No-error") == 0


def test_mqm_tsv_bad_header_and_short_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text("system\tdoc\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column doc_id"):
        read_mqm_tsv(p)
    p.write_text(MQM.splitlines()[0] + "\nsysA\ttalk.1\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_mqm_tsv(p)
    assert e.value.line == 2


def test_utf16_units_to_code_points() -> None:
    # U+1F600 takes two UTF-16 units: unit 2 is the code point 1
    assert utf16_to_index("\U0001f600你好", 2) == 1
    assert utf16_to_index("abc", 1) == 1
    assert utf16_to_index("abc", 9) == 3


def _esa_folder(tmp_path: Path) -> Path:
    txt = tmp_path / "txt"
    (txt / "sources").mkdir(parents=True)
    (txt / "references").mkdir()
    (txt / "system-outputs" / "en-zh").mkdir(parents=True)
    (txt / "sources" / "en-zh.txt").write_text("\nHello world.\n", encoding="utf-8")
    (txt / "references" / "en-zh.refA.txt").write_text("\n你好，世界。\n", encoding="utf-8")
    (txt / "system-outputs" / "en-zh" / "sysA.txt").write_text("\n \U0001f600你好世界。 \n", encoding="utf-8")
    return txt


MAJOR_AT_2_3 = '"[{""start_i"":2,""end_i"":3,""severity"":""major"",""error_type"":null}]"'
MISSING = '"[{""start_i"":""missing"",""end_i"":""missing"",""severity"":""minor"",""error_type"":null}]"'


def test_esa_csv_reads_texts_by_line_and_converts_inclusive_utf16_spans(tmp_path: Path) -> None:
    _esa_folder(tmp_path)
    (tmp_path / "humeval").mkdir()
    csv_path = tmp_path / "humeval" / "esa.csv"
    csv_path.write_text(
        f"u1,sysA,1,TGT,eng,zho,70,doc1,False,{MAJOR_AT_2_3},1.0,2.0\r\n"
        f"u2,refA,1,TGT,eng,zho,95,doc1,False,{MISSING},1.0,2.0\r\n"
        "u3,sysA,1,BAD,eng,zho,10,doc1,False,[],1.0,2.0\r\n",
        encoding="utf-8",
    )
    a, b = read_esa_csv(csv_path)  # the BAD attention check is left out
    assert (a.pair.source, a.pair.target) == ("Hello world.", "\U0001f600你好世界。")  # stripped
    (span,) = a.spans
    assert a.pair.target[span.start : span.end] == "你好"
    assert (span.severity, span.category, a.quality, a.has_major) == ("major", "ESA/major", 70.0, True)
    assert b.pair.target == "你好，世界。" and b.system == "refA"
    assert b.spans == (HumanSpan("target", None, None, "minor", "ESA/missing"),)
    assert b.has_error and not b.has_major and b.quality == 95.0


def test_esa_csv_errors_name_file_and_line(tmp_path: Path) -> None:
    txt = _esa_folder(tmp_path)
    p = tmp_path / "short.csv"
    p.write_text("u1,sysA,1,TGT\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_esa_csv(p, txt)
    assert e.value.line == 1 and "12" in e.value.message
    p.write_text(f"u1,sysA,7,TGT,eng,zho,70,doc1,False,{MAJOR_AT_2_3},1.0,2.0\n", encoding="utf-8")
    with pytest.raises(InputError, match="line_id 7 is past the end"):
        read_esa_csv(p, txt)
    with pytest.raises(InputError, match="no txt/ folder"):
        read_esa_csv(p, tmp_path / "nowhere")


def test_esa_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "esa.jsonl"
    rec = {"langs": "en-zh", "line_id": 1, "src": "Hello world.", "tgt": " \U0001f600你好世界。",
           "esa_spans": [{"start_i": 2, "end_i": 3, "severity": "minor", "error_type": None}],
           "esa_score": 80, "system": "sysA", "annotator": "u1"}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n\n", encoding="utf-8")
    (a,) = read_esa_jsonl(p)
    (span,) = a.spans
    assert a.pair.target[span.start : span.end] == "你好" and span.severity == "minor"
    assert (a.quality, a.system, a.pair.tgt_lang) == (80.0, "sysA", "zh")
    p.write_text('{"src": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="needs src, tgt and esa_spans"):
        read_esa_jsonl(p)


def test_detect_kind(tmp_path: Path) -> None:
    assert detect_kind("a.tsv") == "mqm-tsv"
    assert detect_kind("a.csv") == "esa-csv"
    assert detect_kind("a.jsonl") == "esa-jsonl"
    assert detect_kind("postgresql://h/db") == "project"
    other = tmp_path / "a.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="--kind"):
        detect_kind(other)
    with pytest.raises(InputError, match="no such file"):
        read_annotations(tmp_path / "gone.tsv")


def test_project_decisions(tmp_path: Path) -> None:
    from transreview.store import Store

    db = tmp_path / "p.db"
    with Store.open(db) as store:
        doc = store.add_document(name="d.tsv", format="tsv", path="d.tsv", sha256="x", content=b"",
                                 src_lang="en", tgt_lang="zh")
        p1, p2, p3 = store.add_pairs(doc, [Pair("1", "Shanxi", "陕西"), Pair("2", "Hi, all", "大家好,"),
                                           Pair("3", "Hello", "你好")])
        f1 = store.add_finding(p1, Finding.at("places", "Terminology", Severity.CRITICAL, "m", side="target",
                                              text_of_side="陕西", start=0, end=2))
        f2 = store.add_finding(p2, Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "m",
                                              side="target", text_of_side="大家好,", start=3, end=4))
        store.add_finding(p3, Finding("omission", "Accuracy/Omission", Severity.MAJOR, "m"))  # never reviewed
        store.set_finding_status(f1, "confirmed", "rev")
        store.set_finding_status(f2, "dismissed", "rev")
        store.add_finding(p2, Finding.at("", "Fluency/Grammar", Severity.MAJOR, "reviewer's mark", side="target",
                                         text_of_side="大家好,", start=0, end=2), origin="reviewer", actor="rev")
    segs = read_project(db)
    assert [s.pair.id for s in segs] == ["1", "2"]  # the unreviewed pair is left out
    one, two = segs
    assert one.spans == (HumanSpan("target", 0, 2, "major", "Terminology"),)  # the confirmed finding
    assert one.quality == -5 and len(one.findings or ()) == 1
    assert two.spans == (HumanSpan("target", 0, 2, "major", "Fluency/Grammar"),)
    assert [st for _, st in two.decisions] == ["dismissed"]
    report = evaluate(segs, [list(s.findings or ()) for s in segs], resamples=0)
    rows = {r["check"]: r for r in report["checks"]}
    assert rows["places"]["reviewer_precision"] == 1.0
    assert rows["punctuation"]["reviewer_precision"] == 0.0
    assert (rows[ALL]["reviewer_confirmed"], rows[ALL]["reviewer_dismissed"]) == (1, 1)


def _seg(key: str, target: str, spans: tuple[HumanSpan, ...], quality: float) -> AnnotatedSegment:
    return AnnotatedSegment(key, Pair(key, "src", target), spans, quality, bool(spans),
                            any(s.severity == "major" for s in spans))


def test_evaluate_by_hand() -> None:
    s1 = _seg("1", "abcdefghij", (HumanSpan("target", 0, 4, "major", "Accuracy/Mistranslation"),), -5)
    s2 = _seg("2", "klmnopqrst", (), 0)
    x1 = Finding.at("x", "c", Severity.MAJOR, "m", side="target", text_of_side=s1.pair.target, start=2, end=6)
    x2 = Finding.at("x", "c", Severity.MINOR, "m", side="target", text_of_side=s2.pair.target, start=0, end=2)
    y2 = Finding("y", "c", Severity.MINOR, "whole pair")
    report = evaluate([s1, s2], [[x1], [x2, y2]], resamples=10, seed=3)
    rows = {r["check"]: r for r in report["checks"]}
    x = rows["x"]
    assert (x["findings"], x["spanned"], x["segments_flagged"]) == (2, 2, 2)
    assert x["segment_precision"] == 0.5 and x["segment_precision_random"] == 0.5
    assert x["major_segments_flagged"] == 1 and x["major_segment_precision"] == 1.0
    assert x["flags_major_marked"] == 1.0 and x["flags_error_free"] == 1.0
    # predicted chars 2-5 and 0-1 (6); the human marked 0-3: shared 2, 3
    assert x["span"]["predicted_chars"] == 6
    assert x["span"]["precision"] == pytest.approx(2 / 6) and x["span"]["recall"] == 0.5
    assert x["span"]["wmt23_precision"] == pytest.approx(2 / 6)  # both major: full credit
    assert x["span_random"]["predicted_chars"] == pytest.approx(6)
    y = rows["y"]
    assert (y["spanned"], y["segments_flagged"], y["segment_precision"]) == (0, 1, 0.0)
    assert y["span"]["precision"] is None
    assert rows[ALL]["findings"] == 3
    (cat,) = report["categories"]
    assert (cat["category"], cat["marks"], cat["touched"], cat["recall"]) == ("Accuracy/Mistranslation", 1, 1, 1.0)
    assert cat["by_check"] == {"x": 1}
    # risk 5 against 2: the worse-scored segment has the higher risk
    assert report["risk"]["risk"]["kendall_tau_b"]["value"] == 1.0
    assert report["risk"]["risk"]["pairwise_accuracy"]["value"] == 1.0


def test_neutral_findings_are_counted_but_claim_no_error() -> None:
    s1 = _seg("1", "abcdefghij", (HumanSpan("target", 0, 4, "major", "Accuracy/Mistranslation"),), -5)
    n = Finding.at("x", "c", Severity.NEUTRAL, "a name?", side="target", text_of_side=s1.pair.target, start=0, end=4)
    row = {r["check"]: r for r in evaluate([s1], [[n]], resamples=0)["checks"]}["x"]
    assert (row["findings"], row["neutral"], row["segments_flagged"], row["spanned"]) == (1, 1, 0, 0)
    assert row["span"]["precision"] is None


def test_segment_scores_are_correlated_by_name() -> None:
    """A score a run attaches to segments (a quality-estimation backend's) is correlated like the risk."""
    segs = [_seg(str(i), "abc", (), q) for i, q in enumerate([-5.0, -1.0, 0.0])]
    report = evaluate(segs, [[], [], []], resamples=0, scores=[{"qe": 0.1}, {"qe": 0.5}, {}])
    qe = report["risk"]["scores"]["qe"]
    assert qe["segments"] == 2  # the third segment has no score
    assert qe["kendall_tau_b"]["value"] == 1.0 and qe["pairwise_accuracy"]["value"] == 1.0
    assert "scores" not in evaluate(segs, [[], [], []], resamples=0)["risk"]
