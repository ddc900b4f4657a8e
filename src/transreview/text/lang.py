"""Which language is a paragraph in: English, Chinese or something else.

The share of Han characters decides almost every case, and decides it better than a
statistical detector: langdetect (seeded with 0) calls ``山西`` Korean and ``晋城 Jincheng``
German. langdetect is kept only for the case a character count cannot settle: a long
paragraph that mixes scripts. It is the only module that imports langdetect, imported
lazily and seeded once, because unseeded it gives different answers on different runs.
"""

from __future__ import annotations

import re
import threading
from typing import Literal

from transreview.text.addresses import without_addresses
from transreview.text.chinese import HAN_CLASS, han_ratio

Lang = Literal["en", "zh", "other"]

#: Han share at or above which a paragraph is Chinese whatever else it contains: Chinese
#: text quoting Latin names (JHCGA, TZ, PDRC) stays well above it.
ZH_HAN_RATIO = 0.3
#: Share of Latin letters among non-space characters above which a Han-free paragraph is
#: English ("(November 22, 2012)" has 0.47; "2016-2017" has none).
EN_LATIN_RATIO = 0.3
#: Below this many non-space characters a mixed paragraph is too short for langdetect.
LANGDETECT_MIN_CHARS = 40
#: A Han character carries about as much text as this many Latin letters (EN ≈ 3 × ZH).
HAN_WEIGHT = 3.0
#: Weighted Han / Latin letters inside which a mixed paragraph counts as a close call. Only
#: then is langdetect asked: on mixed text it mostly follows the Latin letters (it calls
#: "我们使用了Microsoft Office、Adobe Photoshop和Google Chrome浏览器…" English), so
#: it is a tie-breaker, not a judge.
AMBIGUOUS_BAND = (0.8, 1.25)

_lock = threading.Lock()
_detect = None


def _latin_letter(ch: str) -> bool:
    """ASCII letters and the Latin-1/Latin Extended letters (é, ü, ā in pinyin)."""
    return ch.isalpha() and ord(ch) < 0x0250


def _ranges(chars: list[str]) -> str:
    """``chars`` (in code-point order) as the body of a character class, runs as ranges."""
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        out.append(re.escape(chars[i]) if i == j else f"{re.escape(chars[i])}-{re.escape(chars[j])}")
        i = j + 1
    return "".join(out)


# Runs of the characters _latin_letter accepts (listed, not [^\W\d_]: that class also takes
# ² and ½, which are not letters) and of Han characters, counted by the regex engine.
_LATIN_RUN = re.compile("[" + _ranges([chr(c) for c in range(0x0250) if _latin_letter(chr(c))]) + "]+")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def _counts(text: str) -> tuple[int, int, int]:
    """(non-space characters, Han characters, Latin letters), addresses left out.

    Counted by the regular-expression engine rather than character by character in Python
    (a run asks it of 200 pairs per document before it starts): ``str.split()`` cuts at
    exactly what ``str.isspace()`` accepts, and Han characters and Latin letters are
    disjoint, so the counts are those of a loop over the characters."""
    # Web addresses and e-mail addresses are Latin in every language:
    # "联系我们：info@example.org" is Chinese.
    text = without_addresses(text)
    total = sum(map(len, text.split()))
    han = sum(map(len, _HAN_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    return total, han, latin


#: Pairs read to tell a document's direction.
DIRECTION_SAMPLE = 200


def looks_reversed(sources: list[str], targets: list[str]) -> bool:
    """Whether pairs declared English→Chinese are Chinese→English: the sources, taken
    together, are mostly Han (weighted, see HAN_WEIGHT) and the targets mostly Latin.

    Summed over a sample of pairs rather than voted pair by pair, so short UI strings and
    untranslated units do not swing it; both sides must agree, so an English file with
    Chinese glosses, or an untranslated Chinese target, is not taken for reversed.
    """
    def weights(texts: list[str]) -> tuple[float, int]:
        han = latin = 0
        for t in texts:
            _, h, la = _counts(t)
            han, latin = han + h, latin + la
        return han * HAN_WEIGHT, latin

    s_han, s_latin = weights(sources)
    t_han, t_latin = weights(targets)
    return s_han > 2 * s_latin and t_latin > 2 * t_han and t_latin > 0


def _langdetect(text: str) -> str | None:
    """langdetect's best language code, or None when it cannot tell."""
    global _detect
    if _detect is None:
        with _lock:
            if _detect is None:
                from langdetect import DetectorFactory, detect  # type: ignore[import-untyped]

                DetectorFactory.seed = 0
                _detect = detect
    try:
        return _detect(text)
    except Exception:  # langdetect raises LangDetectException on featureless text
        return None


def detect_paragraph_lang(text: str) -> Lang:
    """``"zh"``, ``"en"`` or ``"other"`` for a whole paragraph of a published page.

    Clear cases are decided by counting characters: a Han share of at least 0.3 is Chinese,
    no Han and mostly Latin letters is English, no letters at all (numbers, rules, bullets
    alone) is "other". A paragraph mixing both scripts below those shares is decided by
    weighing Han characters (×3) against Latin letters; only when that is a close call on a
    long paragraph does langdetect (seeded) break the tie.
    """
    total, han, latin = _counts(text)
    if total == 0:
        return "other"
    if han / total >= ZH_HAN_RATIO:
        return "zh"
    if han == 0:
        return "en" if latin / total >= EN_LATIN_RATIO else "other"
    if latin == 0:
        return "zh"
    weighted_han = han * HAN_WEIGHT
    close = AMBIGUOUS_BAND[0] <= weighted_han / latin <= AMBIGUOUS_BAND[1]
    if close and total >= LANGDETECT_MIN_CHARS:
        code = _langdetect(text)
        if code is not None and code.startswith("zh"):
            return "zh"
        if code == "en":
            return "en"
    return "zh" if weighted_han >= latin else "en"


def is_mostly_chinese(text: str) -> bool:
    """True when Han characters make up at least 0.3 of the non-space characters.

    Cheap (one pass, no detector): for checks that ask per segment whether a side is
    Chinese, e.g. to spot an untranslated target.
    """
    return han_ratio(text) >= ZH_HAN_RATIO


__all__ = ["Lang", "detect_paragraph_lang", "is_mostly_chinese"]
