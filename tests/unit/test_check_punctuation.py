"""The punctuation check: width for the language, balance, sentence ends; both directions."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.punctuation import PunctuationCheck, terminal
from transreview.model import Pair, Severity

CHECK = PunctuationCheck()




# (pair, expected findings as (side, start, text, suggestion)), all minor
FIRES = [
    pytest.param(en_zh("We came, we saw.", "我们来了,我们看到了。"), [("target", 4, ",", "，")], id="comma"),
    pytest.param(en_zh("Time: tomorrow.", "时间:明天。"), [("target", 2, ":", "：")], id="colon"),
    pytest.param(en_zh("A; B.", "甲;乙。"), [("target", 1, ";", "；")], id="semicolon"),
    pytest.param(en_zh("Is it ready?", "准备好了吗?"), [("target", 5, "?", "？")], id="question-mark"),
    pytest.param(en_zh("Great!", "太好了!"), [("target", 3, "!", "！")], id="exclamation"),
    pytest.param(en_zh("He left.", "他走了."), [("target", 3, ".", "。")], id="full-stop-after-han"),
    pytest.param(
        en_zh("Taiyuan Heavy (Group) Co", "太原重型(集团)公司"),
        [("target", 4, "(", "（"), ("target", 7, ")", "）")],
        id="brackets-around-han",
    ),
    pytest.param(en_zh("We came, we saw.", "我們來了,我們看到了。"), [("target", 4, ",", "，")], id="traditional"),
    pytest.param(
        en_zh("In 2017, Wyoming.", "在2017,怀俄明州。"), [("target", 5, ",", "，")], id="comma-after-digit-before-han"
    ),
    pytest.param(zh_en("我们来了，我们看到了。", "We came，we saw."), [("target", 7, "，", ",")], id="zh-en-full-comma"),
    pytest.param(
        zh_en("见报告（2016）。", "See the report（2016）."),
        [("target", 14, "（", "("), ("target", 19, "）", ")")],
        id="zh-en-full-brackets",
    ),
    pytest.param(zh_en("他走了。", "He left。"), [("target", 7, "。", ".")], id="zh-en-ideographic-stop"),
    pytest.param(en_zh('He said "hi".', "他说“你好。"), [("target", 2, "“", None)], id="unclosed-curly-quote"),
    pytest.param(en_zh("Read the People's Daily.", "阅读《人民日报。"), [("target", 2, "《", None)], id="unclosed-title-mark"),
    pytest.param(en_zh("He left.", "他走了）。"), [("target", 3, "）", None)], id="unopened-bracket"),
    pytest.param(en_zh("See (note.", "见注释。"), [("source", 4, "(", None)], id="unclosed-in-source"),
    pytest.param(zh_en("他说：「好。", "He said: fine."), [("source", 3, "「", None)], id="unclosed-corner-in-zh-source"),
    pytest.param(en_zh("Is it ready?", "准备好了。"), [("target", 4, "。", "？")], id="question-as-statement"),
    pytest.param(zh_en("你好吗？", "How are you."), [("target", 11, ".", "?")], id="zh-en-question-as-statement"),
    pytest.param(en_zh("It is ready.", "准备好了吗？"), [("target", 5, "？", "。")], id="statement-as-question"),
    pytest.param(en_zh("Stop!", "停下。"), [("target", 2, "。", "！")], id="exclamation-lost"),
    pytest.param(en_zh("He left.", "他走了"), [("target", None, None, None)], id="full-stop-dropped"),
]


@pytest.mark.parametrize(("pair", "expected"), FIRES)
def test_fires(pair: Pair, expected: list[tuple]) -> None:
    found = CHECK.run(pair)
    got = [(f.side, f.start, f.text, f.suggestion) for f in found]
    assert got == expected
    for f in found:
        assert f.severity is Severity.MINOR
        assert f.category == "Fluency/Punctuation"
        if f.start is not None:
            assert pair.text(f.side)[f.start : f.end] == f.text


def test_dropped_full_stop_message_says_what_to_add() -> None:
    (f,) = CHECK.run(en_zh("He left.", "他走了"))
    assert "add '。'" in f.message


QUIET = [
    pytest.param(en_zh("It costs 3.5 dollars at 9:30.", "9:30花费3.5美元。"), id="decimal-and-time"),
    pytest.param(en_zh("A total of 1,000 people.", "共1,000人。"), id="thousands-separator"),
    pytest.param(
        en_zh("Visit https://example.com/a?b=1,2 now.", "请访问https://example.com/a?b=1,2。"), id="url-in-chinese"
    ),
    pytest.param(en_zh("Welcome, Mr. Smith.", "欢迎Mr. Smith。"), id="english-inside-chinese"),
    pytest.param(en_zh("Wyoming, USA is far.", "Wyoming, USA很远。"), id="latin-comma-inside-chinese"),
    pytest.param(en_zh("Wait...", "等等……"), id="ellipsis"),
    pytest.param(en_zh("Wait...", "等等..."), id="half-width-ellipsis"),
    pytest.param(en_zh("Annual Report", "年度报告"), id="title-none-none"),
    pytest.param(en_zh("Annual Report", "年度报告。"), id="title-stop-added"),
    pytest.param(en_zh("Apple Inc.", "苹果公司"), id="abbreviation-final-dot"),
    pytest.param(en_zh("First item;", "第一项。"), id="semicolon-as-stop"),
    pytest.param(en_zh("He said “hi”.", "他说“你好”。"), id="balanced-quotes"),
    pytest.param(en_zh("(Draft) Plan.", "（草案）计划。"), id="full-width-brackets-ok"),
    pytest.param(zh_en("他的书。", "It’s John’s book."), id="apostrophes-not-quotes"),
    pytest.param(zh_en("第一，第二。", "1) first, 2) second."), id="list-numbering"),
    pytest.param(zh_en("见《红楼梦》。", "See 《红楼梦》."), id="full-width-next-to-han-in-english"),
    pytest.param(zh_en("他走了。", "He left."), id="zh-en-clean"),
    pytest.param(en_zh("He left.", ""), id="empty-target"),
    pytest.param(en_zh("Is it ready?", "準備好了嗎？"), id="traditional-clean"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Done.", (".", 4, 5)),
        ("完成。", (".", 2, 3)),
        ("他说：“好吗？”", ("?", 6, 7)),
        ("Really?!", ("!", 7, 8)),
        ("Wait...", ("…", 4, 7)),
        ("等等……", ("…", 2, 4)),
        ("No end", ("", None, None)),
        ("", ("", None, None)),
    ],
)
def test_terminal(text: str, expected: tuple) -> None:
    assert terminal(text) == expected


# Shanxi page (jhcga-shanxi-2016): Latin text in half-width brackets is accepted by many,
# so it is shown as neutral (0 points), never as a minor error.
@pytest.mark.parametrize(("src", "tgt", "span", "suggestion"), [
    ("four international (3 US) speakers", "四个国际(3 US)音箱", "(3 US)", "（3 US）"),
    ("Jincheng Group (TZ)", "晋城集团(TZ)", "(TZ)", "（TZ）"),
])
def test_latin_in_half_width_brackets_is_neutral(src: str, tgt: str, span: str, suggestion: str) -> None:
    (f,) = CHECK.run(en_zh(src, tgt))
    assert (f.severity, f.text, f.suggestion) == (Severity.NEUTRAL, span, suggestion)


def test_half_width_comma_in_a_list_suggests_the_list_comma() -> None:
    """The Shanxi page lists cities: 上海、深圳、晋城 is how Chinese writes the list."""
    found = CHECK.run(en_zh("Shanghai, Shenzhen and Jincheng", "上海,深圳和晋城"))
    assert [(f.text, f.suggestion, f.severity) for f in found] == [(",", "、", Severity.MINOR)]
    (f,) = CHECK.run(en_zh("We went to Shanghai, then to Shenzhen.", "我们去了上海,然后去了深圳。"))
    assert f.suggestion == "，"  # a clause comma, not a list
