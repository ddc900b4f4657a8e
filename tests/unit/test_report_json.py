"""The JSON writer: the contract's shape, streamed, every pair in order, spans that hold."""

from __future__ import annotations

import io
import json

import pytest

from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report
from transreview.ci.report.model import Report, ReportBuilder
from transreview.model import Severity


def render(report: Report) -> dict:
    out = io.StringIO()
    write_ci_report(report, "json", out)
    return json.loads(out.getvalue())


def test_top_level_keys_and_summary() -> None:
    d = render(build())
    assert list(d)[:3] == ["transreview", "signature", "summary"]
    assert list(d)[-1] == "pairs"
    assert d["signature"] == "checks:omission@1,places@2,punctuation@1|sacrebleu:2.6.0"
    s = d["summary"]
    assert (s["pairs"], s["findings"]) == (4, 3)
    assert s["by_severity"] == {"critical": 1, "major": 1, "minor": 1, "neutral": 0}
    assert s["by_category"] == {"Accuracy/Omission": 1, "Fluency/Punctuation": 1, "Terminology": 1}
    assert s["failing"] == 2 and s["baselined"] == 0
    assert d["gate"] == {"fail_on": "major", "passed": False, "reasons": ["2 findings at or above major"]}


def test_every_pair_in_input_order_with_contract_fields() -> None:
    pairs = render(build())["pairs"]
    assert [(p["doc"], p["id"], p["index"]) for p in pairs] == [
        ("a.tsv", "p1", 0), ("a.tsv", "p2", 1), ("a.tsv", "p3", 2), ("b.txt", "q1", 0)]
    p1 = pairs[0]
    assert p1["source"] == "Jincheng is a city in Shanxi." and p1["target"] == "晋城是陕西的一个城市。"
    assert p1["findings"] == [{
        "check": "places", "category": "Terminology", "severity": "critical", "side": "target",
        "start": 3, "end": 5, "text": "陕西", "message": "source 'Shanxi' is 山西; 陕西 is Shaanxi",
        "suggestion": "山西"}]
    assert p1["scores"] == {"bleu": 70.17, "chrf": 60.63, "ter": 9.09}
    assert p1["risk"] == 100.0  # one open critical: weight 25 x confidence 4
    assert pairs[2]["findings"] == [] and "scores" not in pairs[2] and pairs[2]["risk"] == 0.0
    whole = pairs[3]["findings"][0]
    assert (whole["start"], whole["end"], whole["text"]) == (None, None, None)


def test_spans_index_their_side() -> None:
    for p in render(build())["pairs"]:
        for f in p["findings"]:
            if f["start"] is not None:
                assert p[f["side"]][f["start"]:f["end"]] == f["text"]


def test_notices_name_the_untranslated_document() -> None:
    assert render(build())["notices"] == ["b.txt: no Chinese text at all — 1 paragraph has no translation"]


def test_a_baselined_finding_is_marked_and_not_failing() -> None:
    d = render(build(baselined=frozenset({0})))
    assert d["pairs"][0]["findings"][0]["baselined"] is True
    assert "baselined" not in d["pairs"][1]["findings"][0]
    assert d["summary"]["baselined"] == 1 and d["summary"]["failing"] == 1


@pytest.mark.parametrize("fail_on,failing", [(Severity.MINOR, 3), (Severity.MAJOR, 2), (Severity.CRITICAL, 1), (None, 0)])
def test_failing_count_follows_fail_on(fail_on: Severity | None, failing: int) -> None:
    assert render(build(fail_on=fail_on))["summary"]["failing"] == failing


@pytest.mark.parametrize("rendered", [False, True])
def test_an_empty_report_is_valid_json(rendered: bool) -> None:
    from transreview.ci.report.json import pair_line

    builder = ReportBuilder("checks:|sacrebleu:2.6.0", Severity.MAJOR, render=pair_line if rendered else None)
    out = io.StringIO()
    write_ci_report(builder.finish(), "json", out)
    assert out.getvalue().endswith(' "pairs": []\n}\n')
    d = json.loads(out.getvalue())
    assert d["pairs"] == [] and d["summary"]["pairs"] == 0


def test_non_ascii_is_written_as_is_one_pair_per_line() -> None:
    out = io.StringIO()
    write_ci_report(build(), "json", out)
    text = out.getvalue()
    assert "陕西" in text and "\\u" not in text
    assert sum(1 for line in text.splitlines() if line.startswith('  {"id"')) == 4


@pytest.mark.parametrize("baselined", [frozenset(), frozenset({0})])
@pytest.mark.parametrize("block", [1, 2, 7, 150, 1 << 20])
def test_pair_lines_made_as_entries_come_give_the_same_document(
    baselined: frozenset[int], block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON-only run renders each pair's line when its entry is added: the document is the
    one rendered from the entries afterwards, character for character; no entry is kept. The
    lines are copied in blocks: blocks that end inside a line, on its newline, or hold
    everything give the same text."""
    from tests.helpers.report_fixtures import build as build_report
    from transreview.ci.report import json as json_report

    monkeypatch.setattr(json_report, "_BLOCK", block)

    later, rendered = io.StringIO(), io.StringIO()
    write_ci_report(build_report(baselined=baselined), "json", later)
    report = build_report(baselined=baselined, rendered=True)
    assert list(report.entries) == [] and report.rendered is not None
    write_ci_report(report, "json", rendered)
    assert rendered.getvalue() == later.getvalue()
    write_ci_report(report, "json", again := io.StringIO())  # the lines can be read twice
    assert again.getvalue() == later.getvalue()
    report.close()


def test_rendered_lines_keep_line_and_paragraph_separators_inside_their_pair() -> None:
    """Text with U+2028/U+2029, CR and NEL stays one line of the temporary file each."""
    from transreview.ci.report.json import pair_line
    from transreview.ci.report.model import Entry
    from transreview.model import Pair, PairResult

    texts = ["a\u2028b", "c\u2029d", "e\rf", "g\x85h", "i\r\nj"]
    builders = [ReportBuilder("sig", Severity.MAJOR), ReportBuilder("sig", Severity.MAJOR, render=pair_line)]
    outs = []
    for b in builders:
        for k, t in enumerate(texts):
            b.add(Entry(PairResult(Pair(f"p{k}", t, t, index=k), ())))
        out = io.StringIO()
        report = b.finish()
        write_ci_report(report, "json", out)
        report.close()
        outs.append(out.getvalue())
    assert outs[0] == outs[1]
    assert [p["source"] for p in json.loads(outs[1])["pairs"]] == texts
