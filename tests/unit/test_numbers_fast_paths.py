"""The number readers' shortcuts answer as the plain ways they replaced.

Each shortcut (one regex instead of a loop, a pre-test that skips work) is compared with a
plain reference written here, over every character next to the words it is about.
"""

from __future__ import annotations

import re

import pytest

from transreview.model import Pair, Side
from transreview.text.addresses import address_spans
from transreview.text.analysis import analyse
from transreview.text.numbers.compare import _masked, compare_pair
from transreview.text.numbers.english import _EN_AFTER, _EN_MONTH
from transreview.text.numbers.months import MONTHS

# every code point up to the end of the Greek and Cyrillic blocks, and a few beyond
_CHARS = [chr(cp) for cp in range(0x530)] + list("\u00a0\u2013\u2019“”山西〇０９ａＭ\U0001d400")


def _months_by_words(view: str) -> list[tuple[int, int]]:
    """The replaced way: every capitalised word [ADFJMNOS][a-z]+, looked up in MONTHS."""
    return [m.span() for m in re.finditer("[ADFJMNOS][a-z]+", view) if m.group(0) in MONTHS]


def test_the_month_scan_finds_what_looking_up_every_capitalised_word_found() -> None:
    names = [*MONTHS, "Ma", "Mayday", "Septe", "Junes", "Augusta", "Octo", "Decem"]
    texts = [
        text
        for name in names
        for ch in _CHARS
        for text in (f"{ch}{name}{ch}", f"{name}{ch}", f"{ch}{name}", f"{name[:-1]}{ch}{name[-1:]}")
    ]
    texts += ["May 3, June and July", "SeptemberOctober", "JanFeb 3", "in Mar. 2016", "AMay", "Dec-2019"]
    differ = [t for t in texts if [m.span() for m in _EN_MONTH.finditer(t)] != _months_by_words(t)]
    assert differ == []


# What followed the digits, as four patterns matched in turn before they became one.
_SCALE_AFTER = re.compile(r"(\s*-?\s*)(hundred|thousand|million|billion|trillion|mln|mn|bn)\b", re.IGNORECASE)
_IN_TURN = (
    ("scale", _SCALE_AFTER),
    ("currency", re.compile(r"([mMkK])\b")),
    ("ordinal", re.compile(r"(?:st|nd|rd|th)\b")),
    ("decade", re.compile(r"'?s\b")),
)


def _after_texts() -> list[str]:
    tails = ["th", "st", "nd", "rd", "s", "'s", "m", "M", "k", "K", "mn", "mln", "bn", " million",
             " - Billion", "-thousand", "thousand", "hundreds", "tH", "ST", " th", "ms", "kb", ""]
    return [f"5{tail}{ch}" for tail in tails for ch in _CHARS] + [f"5{ch}{tail}" for tail in tails for ch in _CHARS]


def test_what_follows_the_digits_is_read_as_matching_the_four_patterns_in_turn() -> None:
    """The one pattern finds what the first of the four that matched found (name and end)."""
    differ = []
    for text in _after_texts():
        first = next(((name, m.end()) for name, rx in _IN_TURN if (m := rx.match(text, 1))), None)
        m = _EN_AFTER.match(text, 1)
        if first != ((m.lastgroup, m.end()) if m else None):
            differ.append(text)
    assert differ == []


def test_at_most_one_of_the_suffixes_after_the_scale_matches() -> None:
    """So the currency letter, which counts only after a currency sign, hides no ordinal or
    decade suffix the reader would have tried next."""
    both = [t for t in _after_texts() if sum(bool(rx.match(t, 1)) for _, rx in _IN_TURN[1:]) > 1]
    assert both == []


def test_the_code_letter_set_is_latin_or_underscore_for_every_character() -> None:
    from transreview.text.numbers.quantity import _LATIN_OR_UNDERSCORE, is_latin

    differ = [cp for cp in range(0x110000) if (chr(cp) in _LATIN_OR_UNDERSCORE) != (is_latin(chr(cp)) or cp == 0x5F)]
    assert differ == []


_ADDRESS_PAIRS = [
    # an address in both sides, read as they are: the analysis' spans serve
    ("See https://example.org/2016 for 3 reports.", "3份报告见 https://example.org/2016 。"),
    # a placeholder inside the address: blanking it ends the URL early, so the 5 after it is
    # a number of the blanked text, and the spans of the text as written are not asked
    ("Open http://x.org/{id}5 now, 2 times", "打开 http://x.org/{id}5 两次"),
    # a no-break space folded to a space: the reader's view is not the text
    ("Visit www.x.org\u00a07 days a week", "每周7天访问 www.x.org"),
    # a curly apostrophe folded to ': the URL of the view runs on over the 5, the URL of the
    # text as written stops before it
    ("See www.x.org’5 now", "见 www.x.org’5"),
    ("Mail me@x.org about 12 items", "发邮件 me@x.org 询问12件"),
]


@pytest.mark.parametrize(("source", "target"), _ADDRESS_PAIRS)
def test_the_comparison_with_the_analysis_address_spans_is_the_comparison_alone(source: str, target: str) -> None:
    pair = Pair("a", source, target)
    asked: list[str] = []
    analysis = analyse(pair)

    def spans(side: Side) -> list[tuple[int, int]]:
        asked.append(side)
        return analysis.address_spans(side)

    assert compare_pair(pair, spans) == compare_pair(pair)
    unmasked = [side for side in ("source", "target") if _masked(pair.text(side)) is pair.text(side)]
    assert asked == unmasked


def test_a_blanked_placeholder_is_why_the_spans_of_the_text_are_not_asked() -> None:
    """The case that makes the rule: the URL of the text as written holds the 5; the URL of
    the blanked text does not, so the 5 is a number there."""
    pair = Pair("a", "Open http://x.org/{id}5 now", "打开")
    assert address_spans(pair.source) == [(5, 23)]
    assert [q.text for q in compare_pair(pair).source] == ["5"]


def test_the_placeholder_pre_test_skips_only_texts_the_full_scan_finds_nothing_in() -> None:
    """A text the pre-test turns away (no brace, no % before a non-space) is one the full
    scan finds no placeholder in, whatever character follows the %."""
    from transreview.text.placeholders import Placeholder, _icu, find_placeholders

    def full_scan(text: str) -> list[Placeholder]:
        out: list[Placeholder] = []
        _icu(text, 0, len(text), out, False)
        return out

    skipped = [t for cp in range(0x110000) if not find_placeholders(t := f"5%{chr(cp)}1d %")]
    assert len(skipped) > 20  # the whitespace characters, at least
    assert [t for t in skipped if full_scan(t)] == []
    assert [p.text for p in find_placeholders("50% of %1 and %s.")] == ["%1", "%s"]
