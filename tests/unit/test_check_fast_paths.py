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


# --- punctuation -------------------------------------------------------------------------

from transreview.checks import punctuation  # noqa: E402

_HAN = segment.HAN_CLASS
_OLD_HALF = re.compile(rf"[,:;?!()]|(?<=[{_HAN}])\.(?![.0-9A-Za-z])")
_EVERY_CHAR = [chr(cp) for cp in range(0x110000)]


def test_the_half_width_marks_are_found_as_with_the_look_behind_first() -> None:
    texts = [t for c in _EVERY_CHAR for t in (f"{c}.{c}", f"山.{c}")]
    texts += list(_page_strings())
    differ = [t for t in texts if [m.span() for m in punctuation._HALF.finditer(t)] != [m.span() for m in _OLD_HALF.finditer(t)]]
    assert differ == []


def test_the_abbreviation_end_is_found_as_by_searching_the_whole_text() -> None:
    shapes = ["{c}Inc.", "x{c}Prof.", "A.{c}B.", "x{c}A.B.C.D.", "{c}A.B.", "A{c}.B.C.", "U.S{c}.", "I like{c} etc."]
    texts = [shape.format(c=c) for shape in shapes for c in _EVERY_CHAR[:0x3000]]
    texts += [t.rstrip() for t in _page_strings()] + ["A.B.C.D.E.F.G.H.", "xA.B.", "x A.B.", "Corp.", "Mrs."]
    differ = [t for t in texts if punctuation._abbreviation_end(t) != bool(punctuation._ABBREV_END.search(t))]
    assert differ == []
    assert punctuation._abbreviation_end("Apple Inc.") and not punctuation._abbreviation_end("Apple xInc.")


def test_the_list_comma_looks_back_as_on_the_text_before_it() -> None:
    old = re.compile(rf"(?:^|[^{_HAN}])([{_HAN}]{{1,{punctuation._LIST_ITEM_MAX + 1}}})$")
    texts = [t for c in _EVERY_CHAR[:0x3100] for t in (f"{c}上海,深圳和晋城", f"上{c}海,深圳", f"\n上{c}\n,深圳")]
    texts += [t for t in _page_strings() if "," in t]

    def plain(text: str, i: int) -> bool:
        left = old.search(text[:i])
        if left is None or len(left.group(1)) > punctuation._LIST_ITEM_MAX:
            return False
        return bool(punctuation._LIST_END.match(text, i + 1))

    commas = [(t, i) for t in texts for i, ch in enumerate(t) if ch == ","]
    differ = [(t, i) for t, i in commas if punctuation._list_comma(t, i) != plain(t, i)]
    assert differ == []


# --- untranslated ------------------------------------------------------------------------

from transreview.checks import untranslated  # noqa: E402


def test_the_norm_is_the_regex_norm_for_every_character() -> None:
    def plain(text: str) -> str:
        return untranslated._SPACE.sub(" ", text).strip().casefold()

    texts = [t for c in _EVERY_CHAR for t in (f"{c}a{c}{c}B{c}", f" {c} ")] + list(_page_strings())
    assert [t for t in texts if untranslated._norm(t) != plain(t)] == []


def test_case_folding_neither_makes_nor_removes_a_han_character() -> None:
    """What lets the equality test answer False when one side has Han and the other not."""
    from transreview.text.chinese import has_han

    assert [c for c in _EVERY_CHAR if has_han(c.casefold()) != has_han(c)] == []
    texts = list(_page_strings())
    pairs = [(a, b) for a in texts[:60] for b in texts[:60]] + [(t, t.upper()) for t in texts] + [("山西 X", "山西  x")]
    differ = [(a, b) for a, b in pairs if untranslated._same_text(a, b) != (untranslated._norm(a) == untranslated._norm(b))]
    assert differ == []
    assert untranslated._same_text("山西  Shanxi", "山西 shanxi")


def test_the_code_like_test_is_the_letters_test_for_every_word() -> None:
    def plain(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True
        return any(c.isupper() for c in word[1:])

    alphabet = [c for c in _EVERY_CHAR[:0x250] if untranslated._LATIN_WORD.fullmatch(c)]
    words = [a + b for a in alphabet for b in alphabet] + [a + "’s" for a in alphabet] + ["iPhone", "JHCGA", "ǅx", "xǅ"]
    words += [m.group() for t in _page_strings() for m in untranslated._LATIN_WORD.finditer(t)]
    assert len(alphabet) > 300
    assert [w for w in words if untranslated._is_code_like(w) != plain(w)] == []


def test_every_literal_holds_a_character_of_the_pre_test() -> None:
    shapes = ["x{c}y{c}z", "{c}{c}", "<{c}>", "&{c};", "{c}_{c}", "a{c}.b", "`{c}`", "a/{c}"]
    texts = [shape.format(c=c) for shape in shapes for c in _EVERY_CHAR[:0x3100]] + list(_page_strings())
    found = [m.group() for t in texts for m in untranslated._LITERAL.finditer(t)]
    assert len(found) > 10000
    assert [f for f in found if not untranslated._LITERAL_HINT.search(f)] == []


# --- whitespace --------------------------------------------------------------------------

from transreview.checks import whitespace  # noqa: E402
from transreview.model import Pair  # noqa: E402


def test_the_ends_are_what_the_patterns_matched_for_every_character() -> None:
    texts = [t for c in _EVERY_CHAR for t in (f"{c}a{c}", f"a{c}\n", f"\n{c}a")] + list(_page_strings())
    differ = [
        t
        for t in texts
        if (whitespace._lead(t), whitespace._trail(t))
        != (whitespace._LEAD.match(t).group(), whitespace._TRAIL.search(t).group())  # type: ignore[union-attr]
    ]
    assert differ == []


def test_whitespace_measures_as_without_its_pre_tests() -> None:
    def plain(src: str, tgt: str) -> whitespace.Spaces | None:
        if not src.strip() or not tgt.strip():
            return None
        doubles = () if whitespace._DOUBLE.search(src) else tuple(m.span() for m in whitespace._DOUBLE.finditer(tgt))
        escapes = []
        for literal, real, what in whitespace._ESCAPES:
            ls, lt = src.count(literal), tgt.count(literal)
            rs, rt = src.count(real), tgt.count(real)
            if ls != lt and ls + rs == lt + rt:
                escapes.append((literal, what, ls, lt))
        return whitespace.Spaces(
            whitespace._LEAD.match(src).group(), whitespace._LEAD.match(tgt).group(),  # type: ignore[union-attr]
            whitespace._TRAIL.search(src).group(), whitespace._TRAIL.search(tgt).group(),  # type: ignore[union-attr]
            doubles, tuple(escapes),
        )

    texts = list(_page_strings())[:80] + ["a  b", " a\\nb ", "a\nb", "a\\tb\\n", "x\u3000 \u3000y", "  ", "a \\ b"]
    check = whitespace.WhitespaceCheck()
    differ = [(s, t) for s in texts for t in texts if check.measure(Pair("1", s, t), None) != plain(s, t)]  # type: ignore[arg-type]
    assert differ == []


# --- world places ------------------------------------------------------------------------

from transreview.text import world_places  # noqa: E402


def test_english_world_places_are_what_the_pattern_finds() -> None:
    """The English scanner finds what one alternation of every name, longest first, found."""
    import re

    world = world_places.load_world()
    longest_first = sorted(world.en_index, key=len, reverse=True)
    rx = re.compile(r"(?<![\w\-])(?=[^\W\d_a-z])(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w])(?!-\w)")

    def plain(text: str) -> list[world_places.Mention]:
        return [
            world_places.Mention(m.start(), m.end(), tuple(world.en_index[m.group()]))
            for m in rx.finditer(text)
            if world.en_index[m.group()]
        ]

    chars = [chr(cp) for cp in range(0x180)] + list("\u00a0\u2019—山Å")
    names = list(world.en_index)
    texts = [f"x{c}{n}{c}y" for n in names for c in chars[::3]] + [f"{n}{c}-{c}{n}" for n in names[::7] for c in chars]
    texts += [f"{a} {b}" for a in names[::5] for b in names[::5]] + list(_page_strings())
    assert sum(bool(plain(t)) for t in texts) > 1000
    assert [t for t in texts if world.english(t) != plain(t)] == []


def test_chinese_world_places_are_what_the_character_loop_finds() -> None:
    """The Chinese scanner finds what a loop over the characters, longest name first, found."""
    world = world_places.load_world()
    by_first: dict[str, list[str]] = {}
    for name in sorted(world.zh_index, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)

    def plain(simple: str) -> list[world_places.Mention]:
        found, i, n = [], 0, len(simple)
        while i < n:
            names = by_first.get(simple[i])
            if names:
                name = next((t for t in names if simple.startswith(t, i)), None)
                if name is not None:
                    if world.zh_index[name]:
                        found.append(world_places.Mention(i, i + len(name), tuple(world.zh_index[name])))
                    i += len(name)
                    continue
            i += 1
        return found

    names = list(world.zh_index)
    firsts = "".join(by_first)
    texts = [f"{c}{n}{c}{n[:-1]}" for n in names for c in firsts[::4] + "的a "] + [a + b for a in names[::9] for b in names[::9]]
    texts += list(_page_strings())
    assert sum(bool(plain(t)) for t in texts) > 1000
    assert [t for t in texts if world.chinese(t) != plain(t)] == []


# --- repetition --------------------------------------------------------------------------

from transreview.checks import repetition  # noqa: E402
from transreview.text.numbers import chinese as zh_numbers  # noqa: E402


def test_short_digits_are_found_as_with_the_look_behind_first() -> None:
    old = re.compile("(?<![0-9０-９.,])[0-9０-９]{1,2}(?![0-9０-９.,])")
    shapes = ["{c}5{c}", "{c}55{c}", "{c}555", "5{c}5", "{c}１２{c}3", "3{c}45.", ",7{c}"]
    texts = [shape.format(c=c) for shape in shapes for c in _EVERY_CHAR[:0x3100] + list("０９１山")]
    texts += list(_page_strings())
    spans = [(t, [m.span() for m in zh_numbers._SHORT_DIGITS.finditer(t)], [m.span() for m in old.finditer(t)]) for t in texts]
    assert [t for t, new, was in spans if new != was] == []
    assert sum(bool(was) for _, _, was in spans) > 10000


def test_stray_letters_are_found_as_with_the_look_behind_first() -> None:
    old = re.compile(f"(?<=[{_HAN}])[A-Za-z](?=[{_HAN}])")
    texts = [t for c in _EVERY_CHAR for t in (f"{c}a{c}", f"山{c}山")] + list(_page_strings())
    differ = [t for t in texts if [m.span() for m in repetition._STRAY_LETTER.finditer(t)] != [m.span() for m in old.finditer(t)]]
    assert differ == []


def test_doubled_english_words_are_found_as_without_the_pre_test() -> None:
    def plain(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in repetition._DOUBLE_EN.finditer(text)]

    shapes = ["the{c}the", "{c}the the{c}", "ſ{c}S", "K{c}k", "a{c}\u00a0a", "İ{c}i"]
    texts = [shape.format(c=c) for shape in shapes for c in _EVERY_CHAR[:0x3100]] + list(_page_strings())
    texts += ["the the", "K\u212a", "ı ı", "the\u3000the"]
    found = [(t, plain(t)) for t in texts]
    assert sum(bool(spans) for _, spans in found) > 1000
    differ = [t for t, spans in found if spans and repetition._LETTER_SPACE_LETTER.search(t) is None]
    assert differ == []


# --- lengths -----------------------------------------------------------------------------


def test_unit_length_counts_the_non_space_characters_for_every_character() -> None:
    from transreview.text.align.beads import unit_length

    texts = [t for c in _EVERY_CHAR for t in (c, f"a{c}b{c}{c}")] + list(_page_strings())
    assert [t for t in texts if unit_length(t) != len(t) - sum(map(str.isspace, t))] == []


from transreview.checks import omission  # noqa: E402


def test_omission_lengths_and_copies_are_as_the_plain_ways() -> None:
    """The lengths without copying the pair, the shared code tokens after a look for each
    in the English text, and the copy test after comparing first characters."""
    from collections import Counter
    from dataclasses import replace

    def plain_shared(pair: Pair) -> tuple[int, int]:
        zh = pair.zh_side
        if zh is None:
            return 0, 0
        zh_text = pair.text(zh)
        zh_codes = omission._CODE.findall(zh_text) if omission._LATIN.search(zh_text) else []
        en_text = pair.source if zh == "target" else pair.target
        shared = set(zh_codes).intersection(omission._CODE.findall(en_text))
        zh_count = Counter(t for t in zh_codes if t in shared)
        en_count = Counter(t for t in omission._CODE.findall(en_text) if t in shared)
        n = sum(len(tok) * min(zh_count[tok], en_count[tok]) for tok in shared)
        return n, n

    def plain_lengths(pair: Pair) -> tuple[int, int]:
        src_len, tgt_len = omission._nonspace(pair.source), omission._nonspace(pair.target)
        if not (src_len and tgt_len):
            return src_len, tgt_len
        if "%" in pair.source + pair.target or "{" in pair.source + pair.target:
            pair = replace(pair, source=omission._without_placeholders(pair.source),
                           target=omission._without_placeholders(pair.target))
            src_len, tgt_len = omission._nonspace(pair.source), omission._nonspace(pair.target)
        if not (src_len and tgt_len):
            return src_len, tgt_len
        a, b = plain_shared(pair)
        return max(src_len - a, 1), max(tgt_len - b, 1)

    def plain_copy(pair: Pair) -> bool:
        return " ".join(pair.source.split()) == " ".join(pair.target.split())

    texts = list(_page_strings())[::3] + ["{name} 50%", "%1$s 个", "@Fiscal 期间 @Fiscal", "x@y.org", " ", "JHCGA JHCGA"]
    texts += [f"{c}JHCGA 会见" for c in _EVERY_CHAR[:0x250:7]]
    pairs = [Pair("1", s, t, tgt_lang="zh") for s in texts for t in texts[::4]]
    pairs += [Pair("1", t, s, src_lang="zh", tgt_lang="en") for s in texts[::4] for t in texts[::5]]
    chars = _EVERY_CHAR[:0x250:3] + list("\u00a0山。，@/{}_=#~!")
    tokens = ["@Fiscal", "{n}", "a_b", "x@y.org", "https://x.org/a"]
    pairs += [
        Pair("1", f"{c}{tok}{c} and {tok}{c}", f"用{c}{tok}{c}和{tok}", tgt_lang="zh") for tok in tokens for c in chars
    ]
    pairs += [Pair("1", f"a{tok}b {tok}", f"{tok}{tok} 个", tgt_lang="zh") for tok in tokens]
    assert sum(plain_shared(p) != (0, 0) for p in pairs) > 500
    assert [p for p in pairs if omission._shared_code_len(p) != plain_shared(p)] == []
    assert [p for p in pairs if omission._lengths(p) != plain_lengths(p)] == []
    assert [p for p in pairs if omission._is_copy(p) != plain_copy(p)] == []
    assert sum(plain_copy(p) for p in pairs) > 50


# --- consistency -------------------------------------------------------------------------


def test_the_consistency_key_is_the_regex_key_for_every_character() -> None:
    import unicodedata

    from transreview.checks import consistency

    def plain(text: str) -> str:
        return consistency._SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()

    texts = [t for c in _EVERY_CHAR for t in (f"{c}a{c}{c}B{c}", f" {c} ")] + list(_page_strings())
    texts += [chr(a) + chr(b) for a in range(128) for b in range(128)]  # ASCII is NFKC as it is
    assert [t for t in texts if consistency.normalise(t) != plain(t)] == []
    assert [t for t in texts if consistency._has_letter(t) != any(ch.isalpha() for ch in t)] == []


def test_unbalanced_without_brackets_or_quotes_is_empty_and_with_them_is_read() -> None:
    """The pre-test returns early only where the scan would find nothing to balance."""
    assert punctuation.unbalanced("山西的风电场有109台风机。", True, []) == []
    assert punctuation.unbalanced("He said “yes.", False, []) == [(8, "“", "unclosed")]
    assert punctuation.unbalanced('He said "yes.', False, []) == [(8, '"', "unclosed")]
    assert punctuation.unbalanced("见（附件。", True, []) == [(1, "（", "unclosed")]


def test_the_sentence_count_bounds_hold() -> None:
    """Omission skips splitting when the English source can have no more sentences than the
    Chinese target: the bounds must never be on the wrong side of the splitter's counts."""
    texts = _sentence_texts() + [
        "A. B.", "Visit example.org. Then go.", "x.\n\nY", "• A.  • B.", "Mr. Smith came. He left!", "a!?” B"
    ]
    over = [t for t in texts if segment.en_sentences_at_most(t) < len(segment.split_sentences(t, "en"))]
    under = [t for t in texts if segment.zh_sentences_at_least(t) > len(segment.split_sentences(t, "zh"))]
    assert (over, under) == ([], [])
    assert segment.en_sentences_at_most("Visit example.org for more. Thanks.") == 2
    assert segment.zh_sentences_at_least("见 example.org 。谢谢！好!a") == 2


def test_omission_finds_the_same_beads_with_and_without_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    from transreview.text.analysis import analyse

    texts = [t for t in _page_strings() if t.strip()][::2]
    zh = [t for t in texts if re.search(f"[{_HAN}]", t)] + ["一。二。三。", "一句。", "甲！乙？"]
    en = [t for t in texts if not re.search(f"[{_HAN}]", t)] + ["One. Two. Three.", "One.", "A! B? C."]
    pairs = [Pair("1", s, t, tgt_lang="zh") for s in en[:40] for t in zh[:40]]
    fast = [omission._sentence_beads(p, analyse(p)) for p in pairs]
    monkeypatch.setattr(omission, "en_sentences_at_most", lambda text: 10**9)
    assert [omission._sentence_beads(p, analyse(p)) for p in pairs] == fast
    assert sum(bool(lost or merged) for lost, merged in fast) > 10


def test_urls_are_found_as_with_the_look_behind_first() -> None:
    old = re.compile(rf"(?<![A-Za-z0-9_@.])(?:(?:https?|ftp)://|www\.){addresses._URL_CHAR}+", re.IGNORECASE)
    shapes = ["{c}http://x.org{c}", "{c}WWW.x{c}", "x{c}ftp://y", "{c}HTTPſ://a", "h{c}ttp://a", "{c}ww{c}.x"]
    texts = [shape.format(c=c) for shape in shapes for c in _EVERY_CHAR[:0x3100]] + list(_page_strings())
    found = [(t, [m.span() for m in old.finditer(t)]) for t in texts]
    assert sum(bool(spans) for _, spans in found) > 10000
    assert [t for t, spans in found if [m.span() for m in addresses._URL.finditer(t)] != spans] == []
