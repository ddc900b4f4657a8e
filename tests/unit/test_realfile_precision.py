"""False-alarm classes read by hand on the shared real localization files: each string below
was shipped by its project, is a correct translation, and once gave a major finding.

Sources and licences (strings copied verbatim, test data only):

- AntennaPod ``ui/i18n/src/main/res/values{,-zh-rCN}/strings.xml`` @ b7ee12cc, GPL-3.0;
- flutter/gallery ``lib/l10n/intl_{en,zh_CN}.arb`` @ cfcb9dbd, BSD-3-Clause;
- excalidraw ``packages/excalidraw/locales/{en,zh-CN}.json`` @ 4872083c, MIT;
- sphinx ``sphinx/locale/zh_CN/LC_MESSAGES/sphinx.po`` @ e44a40eb, BSD-2-Clause;
- exelban/stats ``Stats/Supporting Files/{en,zh-Hans}.lproj/Localizable.strings`` @ 1ab6adb5, MIT;
- keepassxc ``share/translations/keepassxc_zh_CN.ts`` @ 95bae837, GPL-2.0/3.0;
- Whisky ``Whisky/Localizable.xcstrings`` @ fd5480a7, GPL-3.0;
- MicrosoftDocs/Dynamics-365-Operations.zh-cn column-definitions-financial-reports @ b3bcc76f,
  CC-BY-4.0;
- Tatoeba sentences (cmn.txt via manythings.org), CC BY 2.0 FR.

Real errors found on the same files stay found (the ``REAL`` table).
"""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh
from transreview.checks import build_checks
from transreview.checks.numbers import NumbersCheck
from transreview.checks.omission import OmissionCheck
from transreview.checks.placeholders import PlaceholdersCheck
from transreview.checks.untranslated import UntranslatedCheck
from transreview.checks.urls import UrlsCheck
from transreview.model import Pair, Severity
from transreview.pipeline import run_checks
from transreview.text.analysis import analyse

GATE = (Severity.MAJOR, Severity.CRITICAL)


def _omission(pair: Pair) -> list:
    check = OmissionCheck()
    # Judged against the prior band (a single pair has no run statistics) and against a
    # run whose median is that of the real file (3.12 English characters per Han character
    # on the Microsoft file): a calm run of 30 pairs of that ratio around the pair.
    calm = [en_zh("The report shows the values for each period of the year.", "报表显示一年中各期间的值。", id=f"c{i}")
            for i in range(30)]
    pairs = [*calm, pair]
    found = check.judge_corpus(pairs, [check.measure(p, analyse(p)) for p in pairs])
    return found[-1]


QUIET: list = [
    # -- numbers
    pytest.param(NumbersCheck(), en_zh("Every hour", "每 1 小时"), id="antennapod-every-1-hour"),
    pytest.param(NumbersCheck(), en_zh("Every day", "每 1 天"), id="antennapod-every-1-day"),
    pytest.param(NumbersCheck(), en_zh("Hex code", "十六进制值"), id="excalidraw-hex"),
    pytest.param(NumbersCheck(), en_zh("Hex Passwords", "十六进制密码"), id="keepassxc-hex"),
    pytest.param(NumbersCheck(), en_zh("Add non-hex letters to \"do not include\" list",
                                       "将非十六进制字母添加到“不包含”列表中"), id="keepassxc-non-hex"),
    pytest.param(NumbersCheck(), en_zh("Gray", "灰色 1"), id="stats-gray-1"),
    pytest.param(NumbersCheck(), en_zh("Every little bit helps!", "即使是一点一滴都有很大的帮助！"), id="stats-yidian-yidi"),
    pytest.param(NumbersCheck(), en_zh("%@ of %@", "%2$@ 中的 %1$@"), id="whisky-positional-not-numbers"),
    pytest.param(NumbersCheck(), en_zh("It's 3:30.", "3点半了。"), id="tatoeba-clock-half"),
    pytest.param(NumbersCheck(), en_zh("It's already 7:00.", "已经是早上七点了。"), id="tatoeba-clock-hour"),
    pytest.param(NumbersCheck(), en_zh("I'll return at 6:30.", "我六點半回來。"), id="tatoeba-clock-traditional"),
    pytest.param(NumbersCheck(), en_zh("See you in two days.", "后天见。"), id="tatoeba-in-two-days"),
    # -- placeholders
    pytest.param(PlaceholdersCheck(), en_zh("%@ of %@", "%2$@ 中的 %1$@"), id="whisky-unnumbered-vs-positional"),
    pytest.param(PlaceholdersCheck(), en_zh("Bracket imbalance detected, found extra { or }",
                                            "检测到括号不匹配，有单独的 { 或 }"), id="keepassxc-braces-are-text"),
    # -- urls
    pytest.param(UrlsCheck(), en_zh("Only entries with the same scheme (http://, https://, …) are returned.",
                                    "只返回方案（http://、https:// 等） 相同的条目。"), id="keepassxc-schemes"),
    # -- untranslated
    pytest.param(UntranslatedCheck(), en_zh("Converting `source_suffix = %r` to `source_suffix = %r`.",
                                            "正在转换 `source_suffix = %r` 为 `source_suffix = %r` 。"), id="sphinx-backticks"),
    pytest.param(UntranslatedCheck(), en_zh("graphviz_output_format must be either 'png' or 'svg', but is %r",
                                            "graphviz_output_format 必须是 'png' 或 'svg'，但为 %r"), id="sphinx-quoted-values"),
    pytest.param(UntranslatedCheck(), en_zh("Invalid math_eqref_format: %r", "无效的 math_eqref_format：%r"),
                 id="sphinx-identifier"),
    pytest.param(UntranslatedCheck(), en_zh("use make-mode for Makefile/make.bat", "Makefile/make.bat 采用 Sphinx 的 make 模式"),
                 id="sphinx-file-names"),
    pytest.param(UntranslatedCheck(), en_zh(
        'Malformed option description %r, should look like "opt", "-opt args", "--opt args", "/opt args" or "+opt args"',
        "畸形的选项描述 %r，应是“opt”、“-opt args”、“--opt args”、“/opt args”或“+opt args”形式"), id="sphinx-quoted-options"),
    pytest.param(UntranslatedCheck(), en_zh(
        'Report bugs at: <a href="https://github.com/keepassxreboot/keepassxc/issues" style="text-decoration: underline;">'
        "https://github.com</a>",
        '在此报告错误：<a href="https://github.com/keepassxreboot/keepassxc/issues" style="text-decoration: underline;">'
        "https://github.com</a>"), id="keepassxc-html-link"),
    pytest.param(UntranslatedCheck(), en_zh(
        '<html><head/><body><p><span style=" font-weight:600;">%1 </span>is requesting access to the following entries:</p></body></html>',
        '<html><head/><body><p><span style=" font-weight:600;">%1</span> 请求访问以下条目：</p></body></html>'),
        id="keepassxc-html-span"),
    pytest.param(UntranslatedCheck(), en_zh(
        "<html><head/><body><p><span style=\"\n           font-family:'-apple-system','BlinkMacSystemFont','Segoe UI',"
        "'Helvetica','Arial','sans-serif','Apple Color\n           Emoji','Segoe UI Emoji'; font-size:14px; color:#24292e; "
        'background-color:#ffffff;">This setting does\n           not override disabling recycle bin prompts</span></p></body></html>',
        "<html><head/><body><p><span style=\"\n           font-family:'-apple-system','BlinkMacSystemFont','Segoe UI',"
        "'Helvetica','Arial','sans-serif','Apple Color\n           Emoji','Segoe UI Emoji'; font-size:14px; color:#24292e; "
        'background-color:#ffffff;">此设置不会覆盖\n           禁用回收站提示</span></p></body></html>'),
        id="keepassxc-html-style"),
    pytest.param(UntranslatedCheck(), en_zh("{DB_FILENAME}.old.kdbx", "{DB_FILENAME}.old.kdbx"), id="keepassxc-file-pattern"),
    pytest.param(UntranslatedCheck(), en_zh("okon-cli", "okon-cli"), id="keepassxc-program-name"),
]  # fmt: skip


@pytest.mark.parametrize(("check", "pair"), QUIET)
def test_no_major_on_correct_real_strings(check, pair: Pair) -> None:
    found = check.run(pair)
    assert [f for f in found if f.severity in GATE] == []


OMISSION_QUIET = [
    pytest.param(en_zh("{accountName} account {accountNumber} with {amount}.",
                       "账号为 {accountNumber} 的{accountName}账户中的存款金额为 {amount}。"), id="gallery-placeholders"),
    pytest.param(en_zh("{billName} bill due {date} for {amount}.", "{billName}帐单的付款日期为 {date}，应付金额为 {amount}。"),
                 id="gallery-bill"),
    pytest.param(en_zh("An iOS-style button. It takes in text and/or an icon that fades out and in on touch. "
                       "May optionally have a background.",
                       "iOS 样式的按钮，这类按钮所采用的文本和/或图标会在用户轻触按钮时淡出和淡入，并可选择性地加入背景。"),
                 id="gallery-sentences-joined"),
    # Firefox for iOS (MPL-2.0): placeholders are not words; once a minor length finding.
    pytest.param(en_zh("Tab %1$@ of %2$@", "第 %1$@ 个标签页，共 %2$@ 个"), id="firefox-positional-placeholders"),
    pytest.param(en_zh("A column of the descriptions for the row definition", "行定义的描述列"), id="d365-compact"),
    pytest.param(en_zh("By default, (none) is selected.", "默认情况下，(无)处于选中状态。"), id="d365-longer"),
    pytest.param(en_zh("That's about %1$s each day until %2$d starts. Wait, what?",
                       "这相当于每天收听约 %1$s，直到 %2$d 即可听完。等等，我没看错吧？"), id="antennapod-longer"),
]  # fmt: skip


@pytest.mark.parametrize("pair", OMISSION_QUIET)
def test_no_major_omission_on_correct_real_strings(pair: Pair) -> None:
    assert [f for f in _omission(pair) if f.severity in GATE] == []


REAL = [
    # autowp (MIT): a sentence really left out (its donation sentence merged with no trace).
    pytest.param(UntranslatedCheck(), en_zh("rim width", "rim width"), id="autowp-copy"),
    pytest.param(NumbersCheck(), en_zh("on the longitudinal ¼-elliptic leaf springs", "在纵向1张4椭圆叶泉上"), id="autowp-mangled-quarter"),
    pytest.param(PlaceholdersCheck(), en_zh("Skipped first %d seconds", "已跳过开头秒"), id="planted-deleted-printf"),
    pytest.param(PlaceholdersCheck(), en_zh("%@ of %@", "%1$@ 中的"), id="planted-deleted-positional"),
    pytest.param(UrlsCheck(), en_zh("Report bugs at: https://github.com/keepassxreboot/keepassxc/issues",
                                    "在此报告错误：https://github.com/keepassxreboot/keepassxc"), id="planted-cut-url"),
]  # fmt: skip


@pytest.mark.parametrize(("check", "pair"), REAL)
def test_real_errors_stay_major(check, pair: Pair) -> None:
    assert [f for f in check.run(pair) if f.severity in GATE]


def test_sphinx_words_left_in_the_target_are_still_found() -> None:
    # sphinx.po: "忽略 invalid __all__ in 模块 %s：%r" leaves "invalid" and "in" in English.
    found = UntranslatedCheck().run(en_zh("Ignoring invalid __all__ in module %s: %r", "忽略 invalid __all__ in 模块 %s：%r"))
    assert [f.text for f in found] == ["invalid", "in"]


def _pipeline(pair: Pair) -> list:
    (result,) = run_checks([pair], build_checks())
    return list(result.findings)


@pytest.mark.parametrize(
    ("meta", "source", "target", "words"),
    [
        ({"missing": True}, "Passwords don't match", "", "missing key"),
        ({"orphan": True}, "", "已跳过开头 %d 秒", "only in the translation"),
    ],
    ids=["antennapod-missing", "antennapod-orphan"],
)
def test_keys_on_one_side_are_one_finding_below_the_gate(meta: dict, source: str, target: str, words: str) -> None:
    pair = Pair("pref_parental_control_passwords_dont_match", source, target, doc="strings.xml", meta=meta)
    (f,) = _pipeline(pair)
    assert f.severity not in GATE
    assert words in f.message
    assert f.check in ("untranslated", "omission")


def test_an_empty_json_string_is_an_untranslated_unit() -> None:
    # excalidraw zh-CN.json: "pressure": "" (Crowdin's export of a string nobody translated).
    pair = Pair("labels.pressure", "Pressure", "", doc="zh-CN.json", meta={"format": "json"})
    (f,) = _pipeline(pair)
    assert (f.check, f.severity) == ("untranslated", Severity.MINOR)
    assert "empty" in f.message


def test_an_empty_target_without_a_missing_key_is_still_a_major_omission() -> None:
    (f,) = _pipeline(Pair("x", "Passwords don't match", "", doc="a.tsv"))
    assert (f.check, f.severity) == ("omission", Severity.MAJOR)
