"""The whitespace, accelerators and invisible checks on real strings (Firefox for iOS,
Microsoft Dynamics 365, autowp, KeePassXC-style menu labels), with planted errors."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh
from transreview.checks import CHECKS
from transreview.checks.accelerators import AcceleratorsCheck
from transreview.checks.invisible import InvisibleCheck
from transreview.checks.whitespace import WhitespaceCheck
from transreview.model import Severity

WS = WhitespaceCheck()
ACC = AcceleratorsCheck()
INV = InvisibleCheck()


def test_registered() -> None:
    assert {"whitespace", "accelerators", "invisible"} <= set(CHECKS)


# --- whitespace -------------------------------------------------------------------------

WS_QUIET = [
    pytest.param("Tab %1$@ of %2$@", "第 %1$@ 个标签页，共 %2$@ 个", id="firefox-inner-spaces-differ"),
    pytest.param("Voting during  to ", "在  到  期间投票 ", id="autowp-doubles-on-both-sides"),
    pytest.param("Line one\\nLine two", "第一行\\n第二行", id="literal-newline-on-both"),
    pytest.param("Line one\nLine two", "第一行\n第二行", id="real-newline-on-both"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt"), WS_QUIET)
def test_whitespace_quiet(src: str, tgt: str) -> None:
    assert WS.run(en_zh(src, tgt)) == []


# (source, target, [(start, end, message words, suggestion)])
WS_FIRES = [
    pytest.param("Specs editor of ", " 旁观编辑器", [(0, 1, "leading", None), (5, 6, "trailing", None)],
                 id="autowp-moved-space"),
    pytest.param("$2,310 – The result shows all data", "$2,310  – 结果显示所有数据", [(6, 8, "doubled", " ")],
                 id="d365-doubled-space"),
    pytest.param("Downloaded ", "已下载", [(2, 3, "trailing", None)], id="lost-trailing-space"),
    pytest.param("Line one\\nLine two", "第一行\n第二行", [(None, None, "literal '\\n' in the source", None)],
                 id="literal-to-real-newline"),
    pytest.param("Name:\tvalue", "名称：\\t值", [(None, None, "literal '\\t' in the target", None)],
                 id="real-to-literal-tab"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt", "expected"), WS_FIRES)
def test_whitespace_fires(src: str, tgt: str, expected: list[tuple]) -> None:
    found = WS.run(en_zh(src, tgt))
    assert [(f.start, f.end, f.suggestion) for f in found] == [(s, e, sug) for s, e, _, sug in expected]
    for f, (_, _, words, _) in zip(found, expected, strict=True):
        assert words in f.message
        assert f.severity is Severity.MINOR


# --- accelerators -----------------------------------------------------------------------

ACC_QUIET = [
    pytest.param("&File", "文件(&F)", id="chinese-convention"),
    pytest.param("E&xit", "退出(&X)", id="inside-word"),
    pytest.param("&Open", "打开(&D)", id="translator-chose-another-letter"),
    pytest.param("_Save", "保存(_S)", id="gtk"),
    pytest.param("Q&A and R&D", "问答与研发", id="abbreviations"),
    pytest.param("Terms & Conditions", "条款和条件", id="ampersand-before-space"),
    pytest.param("Fish &amp; chips", "炸鱼薯条", id="entity"),
    pytest.param("{VAR_PLURAL, plural, one {topic} other {topics}}", "{VAR_PLURAL, plural, other {个主题}}",
                 id="identifier-underscore"),
    pytest.param("Save &&Exit", "保存并退出", id="escaped"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt"), ACC_QUIET)
def test_accelerators_quiet(src: str, tgt: str) -> None:
    assert ACC.run(en_zh(src, tgt)) == []


def test_lost_accelerator_is_minor_on_the_source() -> None:
    (f,) = ACC.run(en_zh("&Copy Password", "复制密码"))
    assert (f.side, f.start, f.text, f.severity) == ("source", 0, "&C", Severity.MINOR)
    assert "(&C)" in f.message


def test_two_accelerators_in_the_target() -> None:
    (f,) = ACC.run(en_zh("&Copy Password", "复制(&C)密码(&P)"))
    assert (f.text, f.severity) == ("&P", Severity.MINOR)


# --- invisible and bidi controls --------------------------------------------------------


def test_bidi_override_added_is_major() -> None:
    """Trojan Source style: U+202E makes the rest of the line read right to left."""
    pair = en_zh("Price: 100 USD", "价格：\u202e001 USD")
    (f,) = INV.run(pair)
    assert (f.start, f.text, f.severity) == (3, "\u202e", Severity.MAJOR)
    assert "U+202E" in f.message


def test_zero_width_space_added_is_minor() -> None:
    (f,) = INV.run(en_zh("Open in Firefox", "在 Fire\u200bfox 中打开"))
    assert (f.start, f.severity) == (6, Severity.MINOR)


@pytest.mark.parametrize(("src", "tgt"), [
    ("Open in Firefox", "在 Firefox 中打开"),
    ("\u2068%@\u2069 tabs", "\u2068%@\u2069 个标签页"),  # the source's own isolates
])
def test_invisible_quiet(src: str, tgt: str) -> None:
    assert INV.run(en_zh(src, tgt)) == []
