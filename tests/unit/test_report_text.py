"""The text writer: notices on top, spans in context, plain unless on a colour terminal."""

from __future__ import annotations

import io

import pytest

from tests.helpers.report_fixtures import build
from transreview.ci.report import write_ci_report
from transreview.ci.report.text import excerpt
from transreview.model import Finding, Pair, Severity


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def render(color: bool | None = False, out: io.StringIO | None = None, **kw) -> str:
    out = out if out is not None else io.StringIO()
    write_ci_report(build(**kw), "text", out, color=color)
    return out.getvalue()


def test_notices_come_first() -> None:
    lines = render().splitlines()
    assert lines[0].startswith("transreview ")
    assert lines[1] == "! b.txt: no Chinese text at all — 1 paragraph has no translation"


def test_a_finding_shows_pair_severity_span_message_and_suggestion() -> None:
    text = render()
    assert "p1 (line 2)" in text
    assert "CRITICAL Terminology [places] target: 晋城是«陕西»的一个城市。" in text
    assert "source 'Shanxi' is 山西; 陕西 is Shaanxi" in text
    assert "suggestion: 山西" in text


def test_clean_pairs_and_untranslated_documents_are_not_listed_pair_by_pair() -> None:
    text = render()
    assert "p3" not in text
    assert "q1" not in text  # the notice says it once; JSON keeps the per-pair omission
    assert "nothing is translated" in text


def test_summary_and_verdict_at_the_end() -> None:
    lines = render().splitlines()
    assert "Summary: 4 pairs, 3 findings (1 critical, 1 major, 1 minor)" in lines
    assert lines[-2] == "Gate: FAILED (--fail-on major): 2 findings at or above major"
    assert lines[-1].startswith("signature: checks:omission@1")


def test_plain_output_has_no_escape_codes() -> None:
    assert "\x1b[" not in render(color=False)


def test_colour_when_asked() -> None:
    assert "\x1b[" in render(color=True)


@pytest.mark.parametrize("no_color,coloured", [(None, True), ("1", False)])
def test_terminal_colour_respects_no_color(monkeypatch: pytest.MonkeyPatch, no_color: str | None, coloured: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert ("\x1b[" in render(color=None, out=Tty())) == coloured


def test_markup_in_user_text_is_printed_verbatim() -> None:
    from transreview.ci.report.model import report_from_results
    from transreview.model import PairResult

    pair = Pair("m", "[bold]x[/bold]", "[red]好,[/red]", doc="m.tsv")
    f = Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "msg [b]", side="target",
                   text_of_side=pair.target, start=6, end=7)
    out = io.StringIO()
    write_ci_report(report_from_results([PairResult(pair, (f,))]), "text", out, color=False)
    assert "[red]好«,»[/red]" in out.getvalue() and "msg [b]" in out.getvalue()


@pytest.mark.parametrize("text,start,end,expected", [
    ("abcdef", 2, 3, ("ab", "c", "def")),
    ("x" * 40 + "Y" + "z" * 40, 40, 41, ("…" + "x" * 24, "Y", "z" * 24 + "…")),
    ("line1\nline2", 6, 11, ("line1 ", "line2", "")),
])
def test_excerpt(text: str, start: int, end: int, expected: tuple[str, str, str]) -> None:
    pair = Pair("e", "", text)
    f = Finding.at("c", "Fluency", Severity.MINOR, "m", side="target", text_of_side=text, start=start, end=end)
    assert excerpt(pair, f) == expected


def test_findings_repeated_in_a_pair_are_printed_once_with_a_count() -> None:
    from transreview.ci.report.model import DocInfo, Entry, ReportBuilder
    from transreview.model import PairResult

    pair = Pair("p1", "Shanxi, Jincheng, Taiyuan, and Datong", "山西,晋城,太原,大同", doc="a.tsv", index=0, line=2)
    commas = tuple(
        Finding.at("punctuation", "Fluency/Punctuation", Severity.MINOR, "half-width comma ',' in Chinese text: use '，'",
                   side="target", text_of_side=pair.target, start=i, end=i + 1, suggestion="，")
        for i in (2, 5, 8)
    )
    b = ReportBuilder("checks:punctuation@2", Severity.MAJOR)
    b.add_doc(DocInfo(name="a.tsv", path="a.tsv", format="tsv"))
    b.add(Entry(PairResult(pair, commas), frozenset(), 0))
    out = io.StringIO()
    write_ci_report(b.finish(passed=True, reasons=[]), "text", out)
    text = out.getvalue()
    assert text.count("half-width comma") == 1
    assert "(×3 in this pair" in text


def test_inline_code_tokens_are_shown_as_chips() -> None:
    # a private-use token shows as nothing in a terminal or a CI log: the reader must see
    # where the <bpt>/<ept> codes are, numbered as in the review UI
    from transreview.ci.report.model import finding_message
    from transreview.ci.report.text import excerpt
    from transreview.model import Finding, Pair, Severity

    table = {
        "\ue000": {"kind": "bpt", "role": "open", "id": "1", "pair": "1", "src": "<bpt/>", "tgt": "<bpt/>", "n": 1},
        "\ue001": {"kind": "ept", "role": "close", "id": "1", "pair": "1", "src": "<ept/>", "tgt": "<ept/>", "n": 1},
    }
    pair = Pair("p1", "Click \ue000Column definition\ue001.", "单击\ue000列定义\ue001。", meta={"codes": table})
    f = Finding("untranslated", "Accuracy/Untranslated", Severity.MINOR, "m", side="target", start=2, end=7,
                text="\ue000列定义\ue001")
    before, span, after = excerpt(pair, f)
    assert (before, span, after) == ("单击", "⟦1›列定义‹1⟧", "。")
    assert "«⟦1›列定义‹1⟧»" in finding_message(pair, f)
    assert "\ue000" not in finding_message(pair, f)


def test_a_page_finding_points_at_the_chinese_line() -> None:
    # a bilingual page pairs the English paragraph on line 8 with the Chinese one on line 32:
    # a finding in the Chinese text is on line 32 (and on the second line of a paragraph, 33)
    from transreview.ci.report.model import finding_line

    pair = Pair("p4", "Jincheng is in Shanxi.", "晋城在陕西。\n\n第二段\n陕西", line=8,
                meta={"src_lines": [8], "tgt_lines": [32, 40]})
    on = lambda side, start: Finding("places", "Terminology", Severity.MAJOR, "m", side=side,  # noqa: E731
                                     start=start, end=None if start is None else start + 2)
    assert finding_line(pair, on("target", 3)) == 32
    assert finding_line(pair, on("target", 12)) == 41  # paragraph 2 (line 40), its second line
    assert finding_line(pair, on("target", None)) == 32
    assert finding_line(pair, on("source", 0)) == 8
    assert finding_line(Pair("t", "a", "b", line=5), on("target", 0)) == 5  # not a page: the pair's line
