"""The placeholders check: strings from real files (Firefox for iOS, Sphinx, AntennaPod,
autowp), correct as shipped and with the errors localization QA looks for planted."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh
from transreview.checks import CHECKS, build_checks
from transreview.checks.placeholders import PlaceholdersCheck
from transreview.model import Pair, Severity

CHECK = PlaceholdersCheck()

QUIET = [
    pytest.param("Tab %1$@ of %2$@", "第 %1$@ 个标签页，共 %2$@ 个", id="firefox-positional"),
    pytest.param("%1$@ of %2$@", "%2$@ 中的 %1$@", id="positional-reordered"),
    pytest.param("Downloaded %1$s of %2$s", "已下载 %1$s/%2$s", id="antennapod-positional-s"),
    pytest.param("%(filename)s is not a valid file", "%(filename)s 不是有效文件", id="sphinx-python"),
    pytest.param("Section {0}", "第 {0} 节", id="sphinx-brace-number"),
    pytest.param("{VAR_PLURAL, plural, one {topic} other {topics}}", "{VAR_PLURAL, plural, one { 个主题} other { 个主题}}",
                 id="autowp-icu"),
    pytest.param("{count, plural, one {# item} other {# items}}", "{count, plural, other {# 项}}",
                 id="icu-chinese-needs-only-other"),
    pytest.param("Revenue rose 50% last year", "去年收入增长了50%", id="percent-sign-is-not-printf"),
    pytest.param("100%% sure: %d", "百分之百确定：%d", id="escaped-percent"),
    pytest.param("Sort by %lld results, %.1f MB", "按 %lld 个结果排序，%.1f MB", id="printf-length-precision"),
    pytest.param("Hello", "你好", id="none"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt"), QUIET)
def test_quiet(src: str, tgt: str) -> None:
    assert CHECK.run(en_zh(src, tgt)) == []


# (source, target, [(side, text, suggestion)])
FIRES = [
    pytest.param("Tab %1$@ of %2$@", "第 %1$@ 个标签页", [("source", "%2$@", None)], id="deleted-positional"),
    pytest.param("Open %@ in Firefox", "在 Firefox 中打开", [("source", "%@", None)], id="deleted-at"),
    pytest.param("%d tabs", "%s 个标签页", [("target", "%s", "%d")], id="d-to-s"),
    pytest.param("Deleted %users% users", "已删除用户", [("source", "%users%", None)], id="deleted-percent-name"),
    pytest.param("%(filename)s is not a valid file", "%(文件名)s 不是有效文件", [("target", "%(文件名)s", "%(filename)s")],
                 id="python-name-translated"),
    pytest.param("Hello {{name}}", "你好 {{名字}}", [("target", "{{名字}}", "{{name}}")], id="double-brace-translated"),
    pytest.param("Found %1 items", "找到 %2 个项目", [("target", "%2", "%1")], id="qt-renumbered"),
    pytest.param("Done", "完成 %s", [("target", "%s", None)], id="extra-placeholder"),
    pytest.param("{count, plural, one {# item} other {# items}}", "{count, 复数, one {# 项} other {# 项}}",
                 [("target", "复数", "plural")], id="icu-keyword-translated"),
    pytest.param("{n, plural, one {# item} other {# items}}", "{数量, plural, other {# 项}}",
                 [("target", "数量", "n")], id="icu-argument-renamed"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt", "expected"), FIRES)
def test_fires(src: str, tgt: str, expected: list[tuple]) -> None:
    pair = en_zh(src, tgt)
    found = CHECK.run(pair)
    assert [(f.side, f.text, f.suggestion) for f in found] == expected
    for f in found:
        assert f.severity is Severity.MAJOR
        assert pair.text(f.side)[f.start : f.end] == f.text


def test_translated_plural_category_and_lost_other() -> None:
    found = CHECK.run(en_zh("{count, plural, one {# item} other {# items}}", "{count, plural, one {# 项} 其他 {# 项}}"))
    assert [(f.text, f.suggestion) for f in found] == [("其他", None), (None, None)]
    assert "not a branch" in found[0].message and "'other'" in found[1].message


def test_an_empty_side_is_left_to_omission() -> None:
    assert CHECK.run(Pair("x", "Open %@", "")) == []


def test_registered() -> None:
    assert "placeholders" in CHECKS
    assert [c.name for c in build_checks(names=["placeholders"])] == ["placeholders"]
