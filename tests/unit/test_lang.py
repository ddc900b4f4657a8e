"""Paragraph language: Han share first, langdetect only for long mixed paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transreview.text.lang import detect_paragraph_lang, is_mostly_chinese


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese, including machine translation full of Latin acronyms (Shanxi seed)
        ("谅解备忘录风电设备制造签署。", "zh"),
        ("JHCGA帮助TZ评估怀俄明州的市场机会。", "zh"),
        ("杰克逊 - 忻州市可持续能源伙伴关系。 JHCGA会见了市委领导。", "zh"),
        ("山西", "zh"),  # langdetect says ko
        ("晋城是山西的一个城市。", "zh"),
        # English, with NBSP, bullets and curly quotes
        ("September\u00a02016, Shanxi, China", "en"),
        ("  \u2022 Tian Xizhao, Special Representative, JHCGA", "en"),
        ("(November 22, 2012)", "en"),
        ("Skip to main Content", "en"),
        ("JHCGA\u2019s goal was to set the 2016-2017 agenda.", "en"),
        # English mentioning a Chinese name: far below the Han threshold
        ("Jincheng (晋城) is a prefecture-level city of Shanxi province in northern China.", "en"),
        ("晋城 Jincheng", "en"),  # 2 Han x 3 < 8 letters; langdetect says de
        # nothing to decide on
        ("", "other"),
        ("   \u00a0 ", "other"),
        ("2016-2017", "other"),
        ("\u2022 \u2022 \u2022", "other"),
        ("Москва — столица России.", "other"),
    ],
)
def test_detect_paragraph_lang(text: str, expected: str) -> None:
    assert detect_paragraph_lang(text) == expected


# A long paragraph whose weighted scripts are a close call: 14 Han (x3 = 42) vs 41 letters.
CLOSE_CALL = "代表团在太原会见了发改委官员 The delegation met the officials in Taiyuan city."
# Long and mixed but clear by weight: 18 Han (x3 = 54) vs 41 letters, Chinese grammar.
CLEAR_ZH = "我们使用了Microsoft Office、Adobe Photoshop和Google Chrome浏览器进行设计和开发工作。"


@pytest.mark.parametrize(
    ("text", "detector_says", "expected", "asked"),
    [
        (CLOSE_CALL, "zh-cn", "zh", True),
        (CLOSE_CALL, "en", "en", True),
        (CLOSE_CALL, "pt", "zh", True),  # neither: back to the weights, 42 >= 41
        (CLEAR_ZH, "en", "zh", False),  # langdetect would say en: it is never asked
        ("晋城 Jincheng", "zh-cn", "en", False),  # too short for langdetect
        ("JHCGA帮助TZ评估怀俄明州的市场机会。", "en", "zh", False),  # Han share >= 0.3
    ],
)
def test_langdetect_breaks_only_long_close_calls(
    monkeypatch: pytest.MonkeyPatch, text: str, detector_says: str, expected: str, asked: bool
) -> None:
    import transreview.text.lang as lang

    calls: list[str] = []

    def fake(t: str) -> str:
        calls.append(t)
        return detector_says

    monkeypatch.setattr(lang, "_langdetect", fake)
    assert lang.detect_paragraph_lang(text) == expected
    assert bool(calls) is asked


def test_real_langdetect_is_seeded_and_deterministic() -> None:
    from transreview.text.lang import _langdetect

    text = "The delegation met officials of the Shanxi Provincial Development Reform Commission."
    assert {_langdetect(text) for _ in range(5)} == {"en"}
    assert _langdetect(
        "作为JHCGA更广泛议程的一部分,以促进碳密集型的经济体的气候变化行动的合作。"
    ) in {
        "zh-cn",
        "zh-tw",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("晋城是山西的一个城市。", True),
        ("JHCGA帮助TZ评估怀俄明州的市场机会。", True),
        ("MOU signed in wind power equipment manufacture.", False),
        ("The visit (访问) resulted in several MOUs.", False),
        ("", False),
    ],
)
def test_is_mostly_chinese(text: str, expected: bool) -> None:
    assert is_mostly_chinese(text) is expected


# --- the counts, by the regex engine, are the character loop's ------------------------


def _loop_counts(text: str) -> tuple[int, int, int]:
    """The reference: every character asked in turn, as _counts once did."""
    from transreview.text.addresses import without_addresses
    from transreview.text.chinese import is_han
    from transreview.text.lang import _latin_letter

    total = han = latin = 0
    for ch in without_addresses(text):
        if ch.isspace():
            continue
        total += 1
        if is_han(ch):
            han += 1
        elif _latin_letter(ch):
            latin += 1
    return total, han, latin


_ALPHABET = (
    "abcXYZéüāǎɐɏɑ²½¹ⅫΩж_09０９ \t\n\u3000\u00a0\u2028\u200b〇山西晋城𠮷豈,.:/@-"
)


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60) | st.text(max_size=40))
def test_counts_are_the_character_loops(text: str) -> None:
    from transreview.text.lang import _counts

    assert _counts(text) == _loop_counts(text)


@pytest.mark.parametrize(
    "text",
    ["联系我们：info@example.org 或 https://example.cn/路径", "x² + ½ = Ω", "", "  ", "ɏɐ ǅ ǈ 〇〇 𠮷"],
)
def test_counts_of_hand_picked_text(text: str) -> None:
    from transreview.text.lang import _counts

    assert _counts(text) == _loop_counts(text)
