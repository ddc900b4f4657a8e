"""Keyboard span selection (by character, by English word, by jieba word) and the char diff."""

from __future__ import annotations

import pytest

from transreview.model import Span
from transreview.tui.diff import DELETE_STYLE, INSERT_STYLE, char_diff, diff_text
from transreview.tui.spans import Selection, word_spans

ZH = "晋城是陕西的一个城市。"
EN = "Jincheng is a city in JHCGA's Shanxi."


def test_english_words_keep_inner_apostrophes() -> None:
    words = [w.of(EN) for w in word_spans(EN, "en")]
    assert words == ["Jincheng", "is", "a", "city", "in", "JHCGA's", "Shanxi"]


def test_chinese_words_come_from_jieba_without_punctuation() -> None:
    words = [w.of(ZH) for w in word_spans(ZH, "zh")]
    assert "。" not in words and "".join(words) == ZH[:-1]
    assert "陕西" in words and "晋城" in words


def test_char_moves_collapse_and_extend() -> None:
    sel = Selection.of(ZH, "zh")
    sel = sel.move(3)
    assert (sel.anchor, sel.cursor, sel.empty) == (3, 3, True)
    sel = sel.move(2, extend=True)
    assert sel.span() == Span(3, 5) and sel.span().of(ZH) == "陕西"
    sel = sel.move(1)
    assert sel.empty and sel.cursor == 6
    assert Selection.of(ZH, "zh").move(-5).cursor == 0
    assert Selection.of(ZH, "zh").move(99).cursor == len(ZH)


def test_word_moves_and_word_extension() -> None:
    sel = Selection.of(EN, "en").word(1)
    assert sel.cursor == 9 and sel.empty  # start of "is"
    sel = sel.word(1, extend=True).word(1, extend=True)  # "is a"
    assert sel.span().of(EN) == "is a"
    back = Selection.of(EN, "en", at=12).word(-1)
    assert back.cursor == 9


def test_an_empty_selection_marks_the_word_under_the_cursor() -> None:
    assert Selection.of(ZH, "zh", at=4).span().of(ZH) == "陕西"
    assert Selection.of(EN, "en", at=24).span().of(EN) == "JHCGA's"
    # on punctuation: that one character
    assert Selection.of(ZH, "zh", at=10).span() == Span(10, 11)
    # at the very end: the last character
    assert Selection.of(ZH, "zh", at=len(ZH)).span() == Span(10, 11)
    assert Selection.of("", "zh").span() is None


@pytest.mark.parametrize(
    ("old", "new", "ops"),
    [
        ("晋城是陕西的", "晋城是山西的", [("equal", "晋城是"), ("delete", "陕"), ("insert", "山"), ("equal", "西的")]),
        ("a,b", "a，b", [("equal", "a"), ("delete", ","), ("insert", "，"), ("equal", "b")]),
        ("abc", "abc", [("equal", "abc")]),
        ("", "新", [("insert", "新")]),
    ],
)
def test_char_diff(old: str, new: str, ops: list) -> None:
    assert char_diff(old, new) == ops


def test_diff_text_colours_insertions_and_deletions() -> None:
    text = diff_text("陕西", "山西")
    assert text.plain == "陕山西"
    styles = {(s.start, s.end): str(s.style) for s in text.spans}
    assert styles == {(0, 1): DELETE_STYLE, (1, 2): INSERT_STYLE}
