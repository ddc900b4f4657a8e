"""The checks' shortcuts answer as the plain ways they replaced.

Each shortcut (a pre-test that skips work, one pass instead of several) is compared with a
plain reference written here, over every code point where it is about characters, and over
the seed pages' strings (and variants of them) where it is about text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from transreview.text import addresses

_ROOT = Path(__file__).resolve().parents[2]


@cache
def _page_strings() -> tuple[str, ...]:
    """Lines and paragraphs of the seed pages, and variants with full-width forms, 。 for
    dots and addresses glued in: the strings the shortcuts are compared on."""
    found: list[str] = []
    for page in sorted((_ROOT / "corpora").glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        found += [line for line in text.splitlines() if line.strip()]
        found += [p for p in text.split("\n\n") if p.strip()]
    extra = [
        "Visit https://example.org/8 for the full report.", "完整报告见 https://example.org/8 。",
        "请通过 info@example.org 联系办公室。", "访问ｗｗｗ。example。com了解", "ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯＭ",
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｏｒｇ／ａ", "写信给ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｏｒｇ", "关注＠ShanxiGov", "@jhcga 说",
        "see (https://en.wikipedia.org/wiki/Jincheng_(city)).", "mail me@x.org, or @bob_1", "http://, https://",
        "wWw.x.cn", "www", "ww w.x", "a:／/b", "a：//b", "a　b：c", "“引号”（括号）。", "3.5 和 9:30",
    ]
    found += extra
    variants = []
    for s in found:
        variants.append(s.replace(".", "。"))
        variants.append(s.translate({cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}))
        variants.append(s + " info@example.org")
    return tuple(found + variants)


# --- addresses ---------------------------------------------------------------------------


def _plain_find_addresses(text: str) -> list[addresses.Address]:
    """find_addresses before its shortcuts: fold by translate, run all three patterns."""
    if not text:
        return []
    folded = text.translate(addresses._FOLD)
    found: list[addresses.Address] = []
    taken: list[tuple[int, int]] = []
    for m in addresses._URL.finditer(folded):
        s, e = m.start(), addresses._trim(folded, m.start(), m.end())
        key = addresses._url_key(folded[s:e])
        if e - s <= 4 or not key:
            continue
        found.append(addresses.Address("URL", key, s, e, text[s:e] != folded[s:e]))
        taken.append((s, e))
    for kind, rx in (("e-mail address", addresses._EMAIL), ("handle", addresses._HANDLE)):
        for m in rx.finditer(folded):
            s, e = m.span()
            if all(e <= a or s >= b for a, b in taken):
                found.append(addresses.Address(kind, folded[s:e].lower(), s, e, text[s:e] != folded[s:e]))
                taken.append((s, e))
    found.sort(key=lambda a: a.start)
    return found


def test_find_addresses_answers_as_folding_and_running_every_pattern() -> None:
    differ = [t for t in _page_strings() if addresses.find_addresses(t) != _plain_find_addresses(t)]
    assert differ == []
    assert sum(bool(addresses.find_addresses(t)) for t in _page_strings()) > 20  # some have addresses


def test_the_folding_shortcut_is_translate_for_every_character() -> None:
    differ = [
        cp
        for cp in range(0x110000)
        for t in (chr(cp), f"a{chr(cp)}。山")
        if addresses._folded(t) != t.translate(addresses._FOLD)
    ]
    assert differ == []


@pytest.mark.parametrize(
    ("cls", "folds_to"),
    [(addresses._AT, "@"), (addresses._COLON, ":"), (addresses._SLASH, "/"), (addresses._W, "wW"), (addresses._DOT, ".")],
)
def test_the_find_pre_test_classes_hold_every_character_that_folds_to_theirs(cls: str, folds_to: str) -> None:
    """The pre-test runs on the text as it is: each of its classes must hold exactly the
    characters whose folded form the patterns look for (and, for w, only w and W match
    ``w`` under IGNORECASE, checked too)."""
    rx = re.compile(f"[{cls}]")
    differ = [cp for cp in range(0x110000) if bool(rx.fullmatch(chr(cp))) != (chr(cp).translate(addresses._FOLD) in folds_to)]
    assert differ == []
    if folds_to == "wW":
        assert [cp for cp in range(0x110000) if re.fullmatch("w", chr(cp), re.IGNORECASE)] == [0x57, 0x77]


def test_the_find_pre_test_says_no_only_where_no_pattern_can_match() -> None:
    """Texts the pre-test turns away have no address by the plain way; texts it lets
    through with nothing to find are fine (it is a pre-test)."""
    texts = [*_page_strings(), "ｗｗｗ", "ＷwＷ．", "a：／／", "＠x"]
    missed = [t for t in texts if addresses._MAY_FIND.search(t) is None and _plain_find_addresses(t)]
    assert missed == []


# --- sentences ---------------------------------------------------------------------------

from transreview.text import segment  # noqa: E402

_OLD_EN_END = re.compile(r"(?:\.\.\.|…|[.!?])+[" + re.escape(segment._CLOSERS) + r"]*")
_OLD_ZH_END = re.compile(r"(?:……|…|[。！？；!?])+[" + re.escape(segment._CLOSERS) + r"]*")
_OLD_ZH_HALF_DOT = re.compile(rf"(?<=[{segment.HAN_CLASS}])\.(?![0-9A-Za-z.])")
_OLD_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _plain_en_is_boundary(text: str, m: re.Match[str]) -> bool:
    """segment._en_is_boundary before its shortcuts (copies of the rest, a search from 0)."""
    end = m.end()
    rest = text[end:]
    if not rest.strip():
        return True
    if not rest[0].isspace():
        return False
    nxt = rest.lstrip()[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in segment._OPENERS or segment.is_han(nxt)):
        return False
    punct = m.group(0)
    if "." not in punct or punct.rstrip(segment._CLOSERS) != "." or punct.endswith(tuple(segment._CLOSERS)):
        return True
    word_m = _OLD_WORD_BEFORE.search(text, 0, m.start())
    if word_m is None:
        return True
    word = word_m.group(1).rstrip(".")
    if word in segment._NEVER_END:
        return False
    if len(word) == 1 and word.isupper():
        return False
    if word in segment._MAY_END or segment._DOTTED.fullmatch(word):
        m2 = re.match(r"\s*([A-Za-z]+)", text[end:])
        return (m2.group(1) if m2 else "") in segment._STARTERS
    return True


def _plain_zh_is_boundary(text: str, m: re.Match[str]) -> bool:
    punct = m.group(0).rstrip(segment._CLOSERS)
    if any(ch in "。！？；…" for ch in punct):
        return True
    nxt = text[m.end() : m.end() + 1]
    return not (nxt.isascii() and nxt.isalnum())


def _plain_split(text: str, chinese: bool) -> list[tuple[int, int]]:
    ends = [m.end() for m in segment._PARA_BREAK.finditer(text)]
    if chinese:
        ends += [m.end() for m in _OLD_ZH_END.finditer(text) if _plain_zh_is_boundary(text, m)]
        ends += [m.end() for m in _OLD_ZH_HALF_DOT.finditer(text)]
    else:
        ends += [m.end() for m in _OLD_EN_END.finditer(text) if _plain_en_is_boundary(text, m)]
    spans, start = [], 0
    for end in sorted(set(ends)) + [len(text)]:
        if end <= start:
            continue
        span = segment._trimmed(text, start, end)
        if span is not None:
            spans.append((span.start, span.end))
        start = end
    return spans


def _sentence_texts() -> list[str]:
    chars = [chr(cp) for cp in range(0x250)] + list("\u00a0\u2003\u3000\u2028“”‘’「」（）《》•山〇０Ａ")
    shapes = ["Mr{c}. Smith", "U.S.{c} The", "end.{c}Next", "end.{c} next", "Hello\n{c}. World", "etc{c}. The",
              "A{c}.. B", "x!{c}?” Y", "wait…{c} what", "J. R{c}. R. Tolkien", "2016{c}. Then", "a.{c}",
              "山西{c}.x", "山西.{c}", "你好{c}!", "你好!{c}a", "好。{c}」下", "问？{c}?b", "好……{c}", "甲；{c}\n\n乙"]
    return [shape.format(c=c) for shape in shapes for c in chars] + list(_page_strings())


def test_sentences_split_as_the_plain_rules_do() -> None:
    differ = [
        (t, chinese)
        for t in _sentence_texts()
        for chinese in (False, True)
        if [(s.start, s.end) for s in segment.split_sentences(t, "zh" if chinese else "en")] != _plain_split(t, chinese)
    ]
    assert differ == []


def test_the_regex_space_is_str_isspace_for_every_character() -> None:
    """The splitter looks for the next non-space with ``\\S`` where it stripped with str methods."""
    differ = [cp for cp in range(0x110000) if bool(segment._NON_SPACE.match(chr(cp))) == chr(cp).isspace()]
    assert differ == []
