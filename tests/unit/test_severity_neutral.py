"""MQM ``neutral`` severity: 0 points, shown and filterable everywhere, never fails a gate.

The pair is from the Shanxi page: a Latin-script abbreviation left in half-width brackets
in a Chinese target deserves a look but is often right.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from transreview.checks.base import Check
from transreview.ci.report import write_ci_report
from transreview.ci.report.model import DocInfo, Entry, ReportBuilder, fails, parse_fail_on
from transreview.model import Finding, Pair, PairResult, Severity, risk_score
from transreview.mqm.model import build_mqm_report
from transreview.records import QueueFilter
from transreview.review import ReviewSession
from transreview.store import Store

PAIR = Pair("p1", "Taiyuan (TZ) is the capital.", "太原(TZ)是省会。", doc="a.tsv", index=0, line=2)
NEUTRAL = Finding.at("punctuation", "Fluency/Punctuation", Severity.NEUTRAL,
                     "half-width brackets around Latin text", side="target",
                     text_of_side=PAIR.target, start=2, end=6)
MINOR = Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "half-width bracket",
                   side="target", text_of_side=PAIR.target, start=2, end=3, suggestion="（")


def test_neutral_is_below_minor_and_weighs_nothing() -> None:
    assert Severity.NEUTRAL < Severity.MINOR < Severity.MAJOR
    assert Severity.parse("neutral") is Severity.NEUTRAL and str(Severity.NEUTRAL) == "neutral"
    assert Severity.NEUTRAL.weight == 0
    assert risk_score([NEUTRAL, NEUTRAL]) == 0.0
    assert risk_score([NEUTRAL, MINOR]) == 4.0  # an open minor: weight 1 x confidence 4


def test_neutral_round_trips_through_the_json_dict() -> None:
    d = NEUTRAL.to_dict()
    assert d["severity"] == "neutral"
    assert Finding.from_dict(d) == NEUTRAL


def test_a_check_can_emit_neutral_although_the_value_is_falsy() -> None:
    class Loud(Check):
        name = "loud"
        version = 1
        category = "Style"
        severity = Severity.MAJOR

        def measure(self, pair: Pair, analysis: object) -> None:
            return None

        def judge(self, pair: Pair, raw: object) -> list[Finding]:
            return [self.finding(pair, "look", severity=Severity.NEUTRAL)]

    (f,) = Loud().run(PAIR)
    assert f.severity is Severity.NEUTRAL


@pytest.mark.parametrize("fail_on", ["minor", "major", "critical"])
def test_neutral_never_fails_a_gate(fail_on: str) -> None:
    assert not fails(NEUTRAL, parse_fail_on(fail_on))


def test_fail_on_neutral_is_refused() -> None:
    with pytest.raises(ValueError, match="never fail a gate"):
        parse_fail_on("neutral")


def _report():
    b = ReportBuilder("checks:punctuation@1", Severity.MAJOR)
    b.add_doc(DocInfo(name="a.tsv", path="data/a.tsv", format="tsv"))
    b.add(Entry(PairResult(PAIR, (NEUTRAL,)), frozenset(), 0))
    return b.finish(passed=b.summary.failing == 0, reasons=[])


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_every_report_writer_shows_a_neutral_finding(fmt: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = io.StringIO()
    write_ci_report(_report(), fmt, out)
    text = out.getvalue()
    assert "neutral" in text or "half-width brackets around Latin text" in text
    if fmt == "json":
        d = json.loads(text)
        assert d["summary"]["by_severity"]["neutral"] == 1
        assert d["summary"]["failing"] == 0 and d["gate"]["passed"] is True
        assert d["pairs"][0]["findings"][0]["severity"] == "neutral"
    if fmt == "github":
        assert text.startswith("::notice ")


def test_store_keeps_neutral_apart_from_minor_and_gives_it_no_risk(new_db) -> None:
    with Store.open(new_db()) as s:
        with s.atomic():
            doc = s.add_document(name="a.tsv", format="tsv", path="a.tsv", sha256="h", content=b"",
                                 src_lang="en", tgt_lang="zh")
            neutral_only, with_minor, clean = s.add_pairs(
                doc, [PAIR, Pair("p2", "Hello, world", "你好,世界"), Pair("p3", "Thanks.", "谢谢。")])
            s.add_finding(neutral_only, NEUTRAL)
            s.add_finding(with_minor, NEUTRAL)
            s.add_finding(with_minor, MINOR)
        assert [f.finding.severity for f in s.findings(neutral_only)] == [Severity.NEUTRAL]
        assert [f.finding.severity for f in s.findings(with_minor)] == [Severity.NEUTRAL, Severity.MINOR]
        st = s.state(neutral_only)
        assert (st.risk, st.max_severity, st.live_findings) == (0, Severity.NEUTRAL, 1)
        st = s.state(with_minor)
        assert (st.risk, st.max_severity, st.live_findings) == (4, Severity.MINOR, 2)
        assert s.state(clean).max_severity is None
        assert s.penalty(doc) == 1
        # filterable: "neutral or worse" is every pair with a live finding, not the clean one
        keys = [r.pair_key for r in s.queue(QueueFilter(min_severity=Severity.NEUTRAL))]
        assert keys == ["p1", "p2"]
        keys = [r.pair_key for r in s.queue(QueueFilter(min_severity=Severity.MINOR))]
        assert keys == ["p2"]


def test_mqm_report_counts_neutral_with_zero_points(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as s, s.atomic():
        doc = s.add_document(name="a.tsv", format="tsv", path="a.tsv", sha256="h", content=b"",
                             src_lang="en", tgt_lang="zh")
        (pid,) = s.add_pairs(doc, [PAIR])
        s.add_finding(pid, NEUTRAL)
    with ReviewSession.open(db) as session:
        assert session.mqm_score(doc) == 0.0
    report = build_mqm_report(db)
    (d,) = report.documents
    assert d.by_severity["neutral"] == 1 and d.score == 0.0
