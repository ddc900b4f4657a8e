"""The JUnit writer, read back with junitparser (what CI servers use)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report
from transreview.ci.report.model import report_from_results
from transreview.model import Finding, Pair, PairResult, Severity


def read_back(report, tmp_path: Path) -> JUnitXml:
    out = io.StringIO()
    write_ci_report(report, "junit", out)
    path = tmp_path / "report.xml"
    path.write_text(out.getvalue(), encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def failures(case) -> list[Failure]:
    return [r for r in case.result if isinstance(r, Failure)]


def test_one_suite_per_document_one_case_per_pair(tmp_path: Path) -> None:
    xml = read_back(build(), tmp_path)
    suites = list(xml)
    assert [s.name for s in suites] == ["a.tsv", "b.txt"]
    assert [[c.name for c in s] for s in suites] == [["p1", "p2", "p3"], ["q1"]]
    assert [s.tests for s in suites] == [3, 1]
    assert [s.failures for s in suites] == [1, 1]  # failing test cases per suite


@pytest.mark.parametrize("fail_on,expected", [
    (Severity.MINOR, {"p1": 1, "p2": 1, "p3": 0, "q1": 1}),
    (Severity.MAJOR, {"p1": 1, "p2": 0, "p3": 0, "q1": 1}),
    (Severity.CRITICAL, {"p1": 1, "p2": 0, "p3": 0, "q1": 0}),
    (None, {"p1": 0, "p2": 0, "p3": 0, "q1": 0}),
])
def test_a_failure_per_finding_at_or_above_fail_on(tmp_path: Path, fail_on, expected) -> None:
    xml = read_back(build(fail_on=fail_on), tmp_path)
    got = {c.name: len(failures(c)) for s in xml for c in s}
    assert got == expected


def test_failure_carries_message_type_and_span(tmp_path: Path) -> None:
    case = next(iter(next(iter(read_back(build(), tmp_path)))))
    (f,) = failures(case)
    assert f.message == "critical: source 'Shanxi' is 山西; 陕西 is Shaanxi"
    assert f.type == "Terminology"
    assert "target[3:5]: 陕西" in f.text and "suggestion: 山西" in f.text
    assert case.classname == "a.tsv"


def test_below_threshold_findings_go_to_system_out(tmp_path: Path) -> None:
    cases = {c.name: c for s in read_back(build(), tmp_path) for c in s}
    assert failures(cases["p2"]) == []
    assert "half-width comma" in cases["p2"].system_out


def test_baselined_findings_do_not_fail(tmp_path: Path) -> None:
    cases = {c.name: c for s in read_back(build(baselined=frozenset({0})), tmp_path) for c in s}
    assert failures(cases["p1"]) == []
    assert "(baselined)" in cases["p1"].system_out


def test_file_and_line_attributes(tmp_path: Path) -> None:
    out = io.StringIO()
    write_ci_report(build(), "junit", out)
    root = ET.fromstring(out.getvalue())
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("file") == "data/a.tsv" and case.get("line") == "2"
    assert root.get("tests") == "4" and root.get("failures") == "2"


def test_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    pair = Pair("c\x01", "a\x00b <&>", "x\x1by", doc="ctl.tsv")
    f = Finding("c", "Fluency", Severity.MAJOR, 'bad \x0b "quote" <tag> & more')
    xml = read_back(report_from_results([PairResult(pair, (f,))]), tmp_path)
    (case,) = [c for s in xml for c in s]
    # controls are shown as their Control Pictures (the sanitiser every terminal output uses)
    assert case.name == "c\u2401"
    assert failures(case)[0].message == 'major: bad \u240b "quote" <tag> & more'
