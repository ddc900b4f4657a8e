"""Hand-built results shared by the report writer tests (not a test module)."""

from __future__ import annotations

from transreview.ci.report.model import DocInfo, Entry, Report, ReportBuilder
from transreview.model import Finding, Pair, PairResult, Severity

SHANXI = Pair("p1", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。", doc="a.tsv", index=0, line=2)
COMMA = Pair("p2", "Hello, world", "你好,世界", doc="a.tsv", index=1, line=3)
CLEAN = Pair("p3", "Thanks.", "谢谢。", doc="a.tsv", index=2, line=4)
EMPTY = Pair("q1", "Skip to main content", "", doc="b.txt", index=0, line=1)

PLACE = Finding.at("places", "Terminology", Severity.CRITICAL, "source 'Shanxi' is 山西; 陕西 is Shaanxi",
                   side="target", text_of_side=SHANXI.target, start=3, end=5, suggestion="山西")
HALF = Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "half-width comma ',' in Chinese text",
                  side="target", text_of_side=COMMA.target, start=2, end=3, suggestion="，")
OMIT = Finding("omission", "Accuracy/Omission", Severity.MAJOR, "no Chinese counterpart (the target is empty)")


def build(fail_on: Severity | None = Severity.MAJOR, baselined: frozenset[int] = frozenset(),
          rendered: bool = False) -> Report:
    """a.tsv: p1 (critical place), p2 (minor comma), p3 clean; b.txt: q1 (omission, untranslated doc).

    ``rendered``: the builder makes the JSON pair lines as entries come (a JSON-only run)."""
    from transreview.ci.report.json import pair_line

    b = ReportBuilder("checks:omission@1,places@2,punctuation@1|sacrebleu:2.6.0", fail_on,
                      render=pair_line if rendered else None)
    b.add_doc(DocInfo(name="a.tsv", path="data/a.tsv", format="tsv"))
    b.add_doc(DocInfo(name="b.txt", path="data/b.txt", format="page"))
    b.add(Entry(PairResult(SHANXI, (PLACE,), {"bleu": 70.17, "chrf": 60.63, "ter": 9.09}), baselined, 0))
    b.add(Entry(PairResult(COMMA, (HALF,)), frozenset(), 0))
    b.add(Entry(PairResult(CLEAN, ()), frozenset(), 0))
    b.add(Entry(PairResult(EMPTY, (OMIT,)), frozenset(), 1))
    failing = b.summary.failing
    return b.finish(passed=failing == 0, reasons=[f"{failing} findings at or above major"] if failing else [])
