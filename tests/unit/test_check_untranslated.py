"""The untranslated check: whole targets and words left in the source language."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.untranslated import UntranslatedCheck
from transreview.model import Pair, Severity
from transreview.text.analysis import analyse

CHECK = UntranslatedCheck()
MAJ, MIN = Severity.MAJOR, Severity.MINOR




# (pair, [(start, text, severity)], words the first message must contain); start None = whole pair
FIRES = [
    pytest.param(
        en_zh("The visit resulted in several MOUs.", "The visit resulted in several MOUs."),
        [(None, None, MAJ)], "is the source",
        id="equal",
    ),
    pytest.param(en_zh("Energy efficiency", "energy  efficiency"), [(None, None, MAJ)], "is the source", id="equal-case-space"),
    pytest.param(zh_en("今天下雨。", "今天下雨。"), [(None, None, MAJ)], "is the source", id="zh-en-equal"),
    pytest.param(
        en_zh("The visit resulted in several MOUs.", "The visit led to several MOUs."),
        [(None, None, MAJ)], "in English",
        id="chinese-target-in-english",
    ),
    pytest.param(
        zh_en("今天我们开会讨论。", "今天我们开会讨论 today."), [(None, None, MAJ)], "in Chinese", id="english-target-in-chinese"
    ),
    pytest.param(en_zh("Energy efficiency matters.", "energy效率很重要。"), [(0, "energy", MIN)], "'energy'", id="word"),
    pytest.param(
        en_zh("Today I met the director.", "Today我会见了主任。"), [(0, "Today", MIN)], "English 'Today'",
        id="capitalised-common-word",
    ),
    pytest.param(
        en_zh("We need wind power.", "我们需要wind power。"), [(4, "wind", MIN), (9, "power", MIN)], "'wind'",
        id="two-words",
    ),
    pytest.param(en_zh("This plan is good.", "這個plan很好。"), [(2, "plan", MIN)], "'plan'", id="traditional-word"),
    pytest.param(zh_en("我们在晋城开会。", "We met in 晋城."), [(10, "晋城", MIN)], "Chinese '晋城'", id="zh-en-han-left"),
    pytest.param(zh_en("我們在晉城開會。", "We met in 晉城."), [(10, "晉城", MIN)], "'晉城'", id="zh-en-traditional-han-left"),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "expected", "words"), FIRES)
def test_fires(pair: Pair, expected: list[tuple], words: str) -> None:
    found = CHECK.run(pair)
    assert [(f.start, f.text, f.severity) for f in found] == expected
    for f in found:
        assert f.category == "Accuracy/Untranslated"
        assert f.side == "target"
        assert f.suggestion is None
        if f.start is not None:
            assert pair.target[f.start : f.end] == f.text
    assert words in found[0].message


QUIET = [
    pytest.param(en_zh("JHCGA met TZ in the US.", "JHCGA在美国会见了TZ。"), id="acronyms"),
    pytest.param(en_zh("Phil Cameron visited Wyoming.", "Phil Cameron访问了Wyoming。"), id="names-from-source"),
    pytest.param(en_zh("Wyoming’s goal.", "Wyoming的目标。"), id="possessive-name"),
    pytest.param(en_zh("It is 5 kilometres.", "有5km。"), id="unit"),
    pytest.param(en_zh("A-shares rose.", "A股上涨。"), id="single-letter"),
    pytest.param(en_zh("Buy an iPhone.", "买一部iPhone。"), id="brand-inner-capital"),
    pytest.param(en_zh("Molly Web's SMART2020 blog", "Molly Web的SMART2020博客"), id="code-with-digits"),
    pytest.param(en_zh("See www.example.com/energy now.", "见www.example.com/energy。"), id="url"),
    pytest.param(en_zh("Mail info@energy.org.", "邮件info@energy.org。"), id="email"),
    pytest.param(en_zh("2016-2017", "2016-2017"), id="numbers-equal"),
    pytest.param(en_zh("SMART 2020", "SMART 2020"), id="code-equal"),
    pytest.param(en_zh("iPhone", "iPhone"), id="one-word-brand-equal"),
    pytest.param(zh_en("晋城很美。", "Jincheng (晋城) is beautiful."), id="han-gloss-in-brackets"),
    pytest.param(en_zh("Hello there.", ""), id="empty-target-is-omission"),
    pytest.param(
        en_zh("JHCGA’s goal was set with PDRC.", "JHCGA的目标是与PDRC一起设定的。"), id="shanxi-style-acronyms"
    ),
    pytest.param(en_zh("Phil Cameron spoke.", "Phil Cameron發言了。"), id="traditional-names"),
    pytest.param(zh_en("今天下雨。", "It rains today."), id="zh-en-clean"),
    pytest.param(en_zh("He left.", "他走了。"), id="en-zh-clean"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


def test_byline_equal_to_source_is_not_untranslated() -> None:
    assert CHECK.run(en_zh("Phil Cameron", "Phil Cameron")) == []


# ------------------------------------------------------------------ parameters


def test_a_parameter_changes_the_judgement_not_the_measurement() -> None:
    """The whole-target limits apply in judging: one measurement, two verdicts."""
    pair = en_zh("The visit resulted in several MOUs.", "The visit led to several MOUs.")
    raw = CHECK.measure(pair, analyse(pair))
    assert [f.message for f in CHECK.judge(pair, raw)] == ["the target is in English, not translated"]
    lenient = UntranslatedCheck(zh_target_min_latin_words=10)
    found = lenient.judge(pair, raw)
    assert found and all(f.severity == MIN for f in found)  # word by word, no longer the whole target
    assert lenient.signature() == "untranslated@3[zh_target_min_latin_words=10]"
    assert CHECK.signature() == "untranslated@3"


def test_english_target_limits_are_parameters() -> None:
    pair = zh_en("今天下雨了。", "It rains 今天下雨了 today.")
    raw = CHECK.measure(pair, analyse(pair))
    assert [f.text for f in CHECK.judge(pair, raw)] == ["今天下雨了"]
    strict = UntranslatedCheck(en_target_min_han_ratio=0.1)
    # 今天下雨了 is 5 of the target's 18 non-space characters: partly
    assert [f.message for f in strict.judge(pair, raw)] == ["the target is partly in Chinese, not translated"]
    assert strict.signature() == "untranslated@3[en_target_min_han_ratio=0.1]"


# False alarms on professional files, verbatim: Chinese with ICU syntax, code or placeholders.
QUIET_REAL_CODE = [
    pytest.param("{VAR_PLURAL, plural, one {topic} other {topics}}", "{VAR_PLURAL, plural, one { 个主题} other { 个主题}}",
                 id="autowp-icu-plural"),
    pytest.param("{VAR_PLURAL, plural, one {picture} other {pictures}}",
                 "{VAR_PLURAL, plural, one { 张图片} other { 张图片}}", id="autowp-icu-pictures"),
    pytest.param("Hello %(user_name)s, see {count} items", "你好 %(user_name)s，查看 {count} 个项目", id="python-and-brace"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "tgt"), QUIET_REAL_CODE)
def test_placeholder_syntax_is_not_english(src: str, tgt: str) -> None:
    assert UntranslatedCheck().run(en_zh(src, tgt)) == []


def test_an_untranslated_icu_message_is_still_reported() -> None:
    """autowp 8703067378271945384: the plural message copied unchanged is a real major."""
    text = "{VAR_PLURAL, plural, one { vehicle} other { vehicles}}"
    (f,) = UntranslatedCheck().run(en_zh(text, text))
    assert f.severity is Severity.MAJOR and "untranslated" in f.message


# The common-English-word signal (issue 14): strings written for this test.
NEU = Severity.NEUTRAL
WORD_KINDS = [
    # common English words in a Chinese sentence: minor
    pytest.param(en_zh("in different market segments", "在不同的市场 segment 工作"), [("segment", MIN)], id="common-word"),
    pytest.param(en_zh("Yeah, all good.", "yeah，一切都好。"), [("yeah", MIN)], id="common-interjection"),
    # rarer than once in ten million English words: a term, name or code kept on purpose
    pytest.param(en_zh("Internal zlib error", "内部 zlib 错误"), [("zlib", NEU)], id="rare-term"),
    pytest.param(en_zh("Sync with gpodder failed", "同步 gpodder 失败"), [("gpodder", NEU)], id="rare-name"),
    # a title-case run is a name or a title
    pytest.param(
        en_zh("Their album is out.", "他们的专辑《Too Hot To Handle》发行了。"),
        [("Too", NEU), ("Hot", NEU), ("To", NEU), ("Handle", NEU)], id="title-run",
    ),
    pytest.param(en_zh("Save the script.", "保存 Native Messaging 脚本"), [("Native", NEU), ("Messaging", NEU)],
                 id="title-pair"),
    # a capitalised common word alone is still untranslated
    pytest.param(en_zh("Today I met the director.", "Today我会见了主任。"), [("Today", MIN)], id="alone-capitalised"),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "expected"), WORD_KINDS)
def test_common_english_words_minor_names_and_terms_neutral(pair: Pair, expected: list[tuple]) -> None:
    assert [(f.text, f.severity) for f in CHECK.run(pair)] == expected


def test_min_zipf_is_a_parameter_in_the_signature() -> None:
    pair = en_zh("in different market segments", "在不同的市场 segment 工作")
    strict = UntranslatedCheck(min_zipf=5.0)  # "segment" is 4.3: rarer than that
    assert [f.severity for f in strict.run(pair)] == [NEU]
    assert strict.signature() == "untranslated@3[min_zipf=5.0]"


def test_title_runs_can_be_judged_as_words() -> None:
    pair = en_zh("Save the script.", "保存 Native Messaging 脚本")
    plain = UntranslatedCheck(title_neutral=False)
    assert [f.severity for f in plain.run(pair)] == [MIN, MIN]
    assert plain.signature() == "untranslated@3[title_neutral=False]"


def test_han_ratio_counts_as_its_definition_says() -> None:
    # han_ratio counts with the regex engine; it must agree with the definition, character by
    # character: Han (is_han) among the characters that are not spaces (str.isspace)
    import random

    from transreview.text.chinese import han_ratio, is_han

    def by_definition(text: str) -> float:
        kept = [ch for ch in text if not ch.isspace()]
        return sum(map(is_han, kept)) / len(kept) if kept else 0.0

    rng = random.Random(7)
    alphabet = [*"ab 山西〇,。1\t\n\u3000\xa0\u3400\uf900", "\U00020000", "\U0002fa1f", "\U0002fa20", "\u9fff", "\ua000"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert han_ratio(text) == by_definition(text), repr(text)
    assert han_ratio("晋城 is 山西") == 4 / 6  # 晋城 is 山西: six non-space characters, four Han


def test_a_target_left_mostly_in_english_says_so() -> None:
    """autowp 7695425444792866548 (verbatim): a Markdown help text translated only in its
    heading (使用指南) is still a target left in English, major, but "the target is in
    English" read as if nothing had been translated."""
    source = (
        "Markdown syntax.\n\n  Few manuals:\n  [1](https://en.wikipedia.org/wiki/Markdown),\n"
        "  [2](https://guides.github.com/features/mastering-markdown/),\n"
        "  [3](https://daringfireball.net/projects/markdown/basics),\n\n"
        "  Internal hyperlinks must be relative: ~~http://autowp.ru/bmw/~~ */bmw/*"
    )
    target = (
        "Markdown syntax.\n\n使用指南:\n[1](https://en.wikipedia.org/wiki/Markdown),\n"
        "[2](https://guides.github.com/features/mastering-markdown/),\n"
        "[3](https://daringfireball.net/projects/markdown/basics),\n\n"
        "Internal hyperlinks must be relative: ~~http://autowp.ru/bmw/~~ */bmw/*"
    )
    (f,) = CHECK.run(en_zh(source, target))
    assert f.severity == Severity.MAJOR
    assert f.message == "the target is mostly in English, not translated"


def test_a_target_left_all_in_chinese_says_so_punctuation_and_all() -> None:
    """Full-width punctuation is no English: an English target left all in Chinese is "in
    Chinese", not "mostly"."""
    (f,) = CHECK.run(zh_en("我们周一抵达太原，并在中午会见了省长。", "我们周一抵达太原，并在中午会见了该省省长。"))
    assert f.message == "the target is in Chinese, not translated"
