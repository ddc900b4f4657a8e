"""The GitHub writer: workflow commands, escaping, the per-level limit, the step summary."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report
from transreview.ci.report.github import PER_LEVEL, command, escape_data, escape_property
from transreview.ci.report.model import report_from_results
from transreview.model import Finding, Pair, PairResult, Severity


@pytest.mark.parametrize("raw,data,prop", [
    ("plain", "plain", "plain"),
    ("50% done", "50%25 done", "50%25 done"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("k: v, w", "k: v, w", "k%3A v%2C w"),
    ("%0A literal", "%250A literal", "%250A literal"),
    ("陕西,山西", "陕西,山西", "陕西%2C山西"),
])
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_command_line_shape() -> None:
    assert command("error", "m: 1,2", file="a,b.tsv", line=3, title="t:x") == \
        "::error file=a%2Cb.tsv,line=3,title=t%3Ax::m: 1,2"
    assert command("notice", "hi") == "::notice::hi"


def render(report, summary: Path | None = None) -> list[str]:
    out = io.StringIO()
    write_ci_report(report, "github", out, summary_path=str(summary) if summary else "")
    return out.getvalue().splitlines()


def test_annotations_for_the_fixture() -> None:
    lines = render(build())
    assert lines[0] == "::notice title=transreview::b.txt: no Chinese text at all — 1 paragraph has no translation"
    assert lines[1] == ("::error file=data/a.tsv,line=2,title=critical Terminology [places]::p1: source 'Shanxi' "
                        "is 山西; 陕西 is Shaanxi (target: «陕西») → suggestion: 山西")
    assert lines[2].startswith("::warning file=data/a.tsv,line=3,title=minor Fluency/Punctuation [punctuation]::p2:")
    assert lines[3].startswith("::error file=data/b.txt,line=1,title=major Accuracy/Omission [omission]::q1:")
    assert lines[-1] == "transreview: 4 pairs, 3 findings; gate FAILED (--fail-on major)"


def test_baselined_findings_are_not_annotated() -> None:
    assert not any("p1:" in line for line in render(build(baselined=frozenset({0}))))


def _many(n_major: int, n_minor: int, n_critical: int = 0) -> list[PairResult]:
    out = []
    for i in range(n_major + n_minor + n_critical):
        pair = Pair(f"p{i}", "s", "好,", doc="m.tsv", line=i + 2)
        sev = Severity.MAJOR if i < n_major else Severity.MINOR if i < n_major + n_minor else Severity.CRITICAL
        out.append(PairResult(pair, (Finding("c", "Fluency", sev, f"finding {i}"),)))
    return out


def test_first_ten_per_level_the_rest_in_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    lines = render(report_from_results(_many(13, 12, 2)), summary)
    errors = [ln for ln in lines if ln.startswith("::error")]
    warnings = [ln for ln in lines if ln.startswith("::warning")]
    assert len(errors) == PER_LEVEL == 10 and len(warnings) == 10
    # the two critical findings (the last pairs) are annotated before the majors fill the rest
    assert any("p25:" in ln for ln in errors) and any("p26:" in ln for ln in errors)
    assert not any("p8:" in ln for ln in errors)  # 8 majors only: p0..p7
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## transreview")  # appended, not replaced
    assert "| 27 | 27 | 2 | 13 | 12 | 0 |" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| m.tsv |")]
    assert len(rows) == 7  # 5 majors + 2 minors not annotated
    assert lines[-1].endswith("; 7 more findings in the step summary")


def test_without_a_step_summary_the_rest_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = io.StringIO()
    write_ci_report(report_from_results(_many(12, 0)), "github", out)
    assert out.getvalue().splitlines()[-1].endswith("; 2 more findings not annotated")


def test_summary_cells_escape_pipes(tmp_path: Path) -> None:
    pair = Pair("p|1", "s", "t", doc="d.tsv", line=1)
    results = [PairResult(pair, tuple(Finding("c", "Fluency", Severity.MINOR, f"a|b {i}") for i in range(11)))]
    summary = tmp_path / "s.md"
    render(report_from_results(results), summary)
    (row,) = [ln for ln in summary.read_text(encoding="utf-8").splitlines() if ln.startswith("| d.tsv")]
    assert "p\\|1" in row and "a\\|b 10" in row
