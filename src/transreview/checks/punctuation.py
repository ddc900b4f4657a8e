"""Punctuation: the wrong width for the language, unbalanced pairs, a changed sentence end.

Existing QA tools (pofilter, Okapi, OpusFilter) know only ASCII punctuation: they miss
（）“”。？！ entirely.
Four rules, each on characters rather than words:

1. *Half-width marks in Chinese* (target in Chinese): ``, : ; ? ! ( )`` and a final ``.``
   next to Han characters should be ``，：；？！（）。`` (GB/T 15834). A mark counts as
   Chinese when the nearest non-space character on either side is Han; so "Wyoming, USA",
   "9:30", "3.5", "Mr. Smith" and URLs inside Chinese text stay quiet. A half-width bracket
   pair whose content has no Han character ("国际(3 US)", "集团(TZ)") is not an error: strict
   typography wants （）, but Latin content in half-width brackets is widely accepted. It is
   shown as MQM *neutral* (0 points), spanning the whole bracket, with （…） as the
   suggestion, when the bracket follows Han text. One finding per mark, so every span can
   be fixed in place. A half-width comma between short items of a list (上海,深圳和晋城:
   items of at most four Han characters, with another list comma or 和/与/及/等 next)
   gets the list comma ``、`` as its suggestion, not ``，``.
2. *Full-width marks in English* (target in English): ``，。：；？！（）、`` etc. should be
   ASCII, except next to Han characters (a quoted Chinese title keeps its 《》).
3. *Unbalanced pairs* (both sides): “” 「」 『』 （） 《》 〈〉 【】 [] () {}, and ‘’ in Chinese
   (in English ’ is also the apostrophe, so ‘’ cannot be counted there); half- and
   full-width round brackets count as one family, so "（3 US)" is reported once (by rule 1)
   not twice. List numbering "1)" and emoticons are not closers.
4. *Terminal punctuation*: "." ≡ "。", "?" ≡ "？", "!" ≡ "！", ";" ≡ "；" ≈ ".". A question
   that became a statement (or the reverse) fires; so does an exclamation or colon that
   became something else, and a sentence whose full stop was dropped. A target that *adds*
   a full stop to a title or bullet, or two sides that both have none, do not fire.
"""

from __future__ import annotations

import re
from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, Side, is_chinese
from transreview.text.addresses import address_spans
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import HAN_CLASS, has_han, is_han

# --- rule 1: half-width marks in Chinese ----------------------------------------------

_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# (the full stop led by itself, its Han neighbour looked behind: the engine skips to the marks)
_HALF = re.compile(rf"[,:;?!()]|\.(?<=[{HAN_CLASS}]\.)(?![.0-9A-Za-z])")
_NAMES = {
    ",": "comma",
    ":": "colon",
    ";": "semicolon",
    "?": "question mark",
    "!": "exclamation mark",
    "(": "bracket",
    ")": "bracket",
    ".": "full stop",
}

# --- rule 2: full-width marks in English ----------------------------------------------

_TO_HALF = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "？": "?",
    "！": "!",
    "（": "(",
    "）": ")",
    "、": ",",
    "【": "[",
    "】": "]",
}
_FULL = re.compile("[" + "".join(_TO_HALF) + "「」『』《》]")

# --- rule 3: balance ------------------------------------------------------------------

# closer -> opener; ( and （ share a family so a mixed pair is one (width) error, not two.
_FAMILY = {"（": "(", "(": "(", "）": ")", ")": ")"}
_PAIRS_ZH = {"”": "“", "’": "‘", "」": "「", "』": "『", ")": "(", "》": "《", "〉": "〈", "】": "【", "]": "[", "}": "{"}
_PAIRS_EN = {k: v for k, v in _PAIRS_ZH.items() if k != "’"}
_BRACKETS_ZH = re.compile("[" + re.escape("“”‘’「」『』（）()《》〈〉【】[]{}") + "]")
_BRACKETS_EN = re.compile("[" + re.escape("“”「」『』（）()《》〈〉【】[]{}") + "]")
_OPENERS_ZH = frozenset(_PAIRS_ZH.values())
_OPENERS_EN = frozenset(_PAIRS_EN.values())
# "1) first 2) second", "a) ..." and ":)" are not closing brackets.
_NOT_CLOSER = re.compile(r"(?:^|[\s(（])[0-9A-Za-z]{1,2}$|[:;]$")

# --- rule 4: terminal punctuation -----------------------------------------------------

_END_CLASS = {
    ".": ".",
    "。": ".",
    "．": ".",
    ";": ".",  # a list item ending in ';' is rendered with 。 and the reverse
    "；": ".",
    "?": "?",
    "？": "?",
    "!": "!",
    "！": "!",
    ":": ":",
    "：": ":",
    "…": "…",
}
_TRAILING_CLOSERS = "\"'”’」』）)》〉】]"
_ZH_END = {".": "。", "?": "？", "!": "！", ":": "：", "…": "……"}
_EN_END = {".": ".", "?": "?", "!": "!", ":": ":", "…": "..."}
_CLASS_NAMES = {
    ".": "a full stop",
    "?": "a question mark",
    "!": "an exclamation mark",
    ":": "a colon",
    "…": "an ellipsis",
    "": "no end punctuation",
}
# A final '.' that belongs to an abbreviation ("Apple Inc.", "the U.S.") ends no sentence.
_ABBREV_END = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Ltd|Co|Corp|etc|Jr|Sr|St|No|Dr|Mr|Mrs|Ms|Prof)\.)$"
)
# Where a search for it need start: a word is at most five characters ("Prof."), and where a
# run of initials ("A.B.C.D.") matches, its last two ("C.D.") match too (\b and look-behinds
# see the text before the start of a search).
_ABBREV_REACH = 5


def _abbreviation_end(text: str) -> bool:
    """Whether ``_ABBREV_END`` is found in ``text`` (searched only near its end)."""
    return _ABBREV_END.search(text, max(0, len(text) - _ABBREV_REACH)) is not None


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character from ``i`` in direction ``step`` ('' at an edge)."""
    while 0 <= i < len(text):
        if not text[i].isspace():
            return text[i]
        i += step
    return ""


def _han(ch: str) -> bool:
    return bool(ch) and is_han(ch)


def _in_spans(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _bracket_has_han(text: str, i: int) -> bool | None:
    """For the bracket at ``i``: whether the bracketed content has Han (None if unpaired)."""
    if text[i] in "(（":
        depth, j = 0, i
        while j < len(text):
            c = text[j]
            if c in "(（":
                depth += 1
            elif c in ")）":
                depth -= 1
                if depth == 0:
                    return has_han(text[i + 1 : j])
            j += 1
        return None
    depth, j = 0, i
    while j >= 0:
        c = text[j]
        if c in ")）":
            depth += 1
        elif c in "(（":
            depth -= 1
            if depth == 0:
                return has_han(text[j + 1 : i])
        j -= 1
    return None


def half_width_in_chinese(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, str]]:
    """(offset, mark) of each half-width mark that stands in Chinese text."""
    if not has_han(text):
        return []
    if skip is None:
        skip = address_spans(text)
    out: list[tuple[int, str]] = []
    for m in _HALF.finditer(text):
        i, mark = m.start(), m.group()
        if skip and _in_spans(i, skip):
            continue
        if mark in "()":
            inner_han = _bracket_has_han(text, i)
            if inner_han is False:
                continue  # Latin-only content: accepted (see module docstring)
            if inner_han is None and not (_han(_neighbour(text, i - 1, -1)) or _han(_neighbour(text, i + 1, 1))):
                continue
            out.append((i, mark))
            continue
        left, right = _neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1)
        if mark in ",:" and left.isdigit() and right.isdigit():
            continue  # 1,000 and 9:30
        if _han(left) or _han(right):
            out.append((i, mark))
    return out


_LATIN_BRACKET = re.compile(r"\(([^()（）\n]{1,40})\)")


def latin_brackets(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each half-width bracket pair right after Han text whose content is
    Latin only ("集团(TZ)", "国际(3 US)"), nested ones left out."""
    out: list[tuple[int, int]] = []
    if skip is None:
        skip = address_spans(text)
    if "(" not in text:
        return out
    for m in _LATIN_BRACKET.finditer(text):
        i, j = m.span()
        if skip and _in_spans(i, skip):
            continue
        inner = m.group(1)
        if has_han(inner) or not any(ch.isalpha() for ch in inner):
            continue
        if _han(_neighbour(text, i - 1, -1)):
            out.append((i, j))
    return out


_LIST_ITEM_MAX = 4
_LIST_END = re.compile(rf"[{HAN_CLASS}]{{1,{_LIST_ITEM_MAX}}}(?:和|与|及|以及|等|、|,|，)")


_LIST_START = re.compile(rf"(?:^|[^{HAN_CLASS}])([{HAN_CLASS}]{{1,{_LIST_ITEM_MAX + 1}}})$")


def _list_comma(text: str, i: int) -> bool:
    """Whether the half-width comma at ``i`` separates short items of a list."""
    left = _LIST_START.search(text, 0, i)
    if left is None or len(left.group(1)) > _LIST_ITEM_MAX:
        return False
    return bool(_LIST_END.match(text, i + 1))


def full_width_in_english(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of each full-width mark in English text not next to Han characters."""
    out: list[tuple[int, str]] = []
    for m in _FULL.finditer(text):
        i = m.start()
        if _han(_neighbour(text, i - 1, -1)) or _han(_neighbour(text, i + 1, 1)):
            continue
        out.append((i, m.group()))
    return out


def unbalanced(text: str, chinese: bool, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, str, str]]:
    """(offset, mark, problem) for each bracket or quote without its partner.

    problem is ``"unclosed"`` or ``"unopened"``. Straight quotes '"' count by parity.
    """
    rx = _BRACKETS_ZH if chinese else _BRACKETS_EN
    if '"' not in text and rx.search(text) is None:
        return []  # no bracket and no quote: nothing to balance
    pairs = _PAIRS_ZH if chinese else _PAIRS_EN
    openers = _OPENERS_ZH if chinese else _OPENERS_EN
    if skip is None:
        skip = address_spans(text)
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    for m in rx.finditer(text):
        i, ch = m.start(), m.group()
        if skip and _in_spans(i, skip):
            continue
        fam = _FAMILY.get(ch, ch)
        if fam in openers:
            stack.append((i, fam))
            continue
        opener = pairs[fam]
        if stack and stack[-1][1] == opener:
            stack.pop()
            continue
        if fam == ")" and _NOT_CLOSER.search(text, 0, i):
            continue
        if any(o == opener for _, o in stack):
            # close the matching opener; those above it were never closed
            while stack[-1][1] != opener:
                j, _o = stack.pop()
                out.append((j, text[j], "unclosed"))
            stack.pop()
            continue
        out.append((i, ch, "unopened"))
    out.extend((j, text[j], "unclosed") for j, _o in stack)
    quotes = [m.start() for m in re.finditer('"', text) if not (skip and _in_spans(m.start(), skip))] if '"' in text else []
    if len(quotes) % 2:
        out.append((quotes[-1], '"', "unclosed"))
    out.sort()
    return out


def terminal(text: str) -> tuple[str, int | None, int | None]:
    """(class, start, end) of the text's end punctuation, closing quotes/brackets skipped.

    class is one of ``. ? ! : …`` or ``""`` for none (then start and end are None).
    """
    end = len(text.rstrip())
    while end > 0 and text[end - 1] in _TRAILING_CLOSERS:
        end -= 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
    if end == 0:
        return "", None, None
    ch = text[end - 1]
    if ch == "…" or text.endswith("...", 0, end):
        start = end - 1
        while start > 0 and text[start - 1] in "….":
            start -= 1
        return "…", start, end
    cls = _END_CLASS.get(ch, "")
    return (cls, end - 1, end) if cls else ("", None, None)


class PunctuationCheck(Check):
    """Width, balance and sentence-end punctuation, both directions."""

    name: ClassVar[str] = "punctuation"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Fluency/Punctuation"
    severity: ClassVar[Severity] = Severity.MINOR
    catches: ClassVar[str] = "Punctuation of the wrong width for the language, unbalanced brackets or quotes, a changed sentence end."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Hello, world", "你好,世界"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> dict[str, list]:
        zh_target = is_chinese(pair.tgt_lang)
        raw: dict[str, list] = {"width": [], "balance": [], "end": [], "latin_brackets": []}
        if pair.target:
            if zh_target:
                skip = analysis.address_spans("target")
                raw["width"] = half_width_in_chinese(pair.target, skip)
                raw["latin_brackets"] = latin_brackets(pair.target, skip)
            else:
                raw["width"] = full_width_in_english(pair.target)
        for side in ("source", "target"):
            text = pair.text(side)  # type: ignore[arg-type]
            if text:
                chinese = is_chinese(pair.lang(side))  # type: ignore[arg-type]
                found = unbalanced(text, chinese, analysis.address_spans(side))  # type: ignore[arg-type]
                if found:
                    raw["balance"].extend((side, *u) for u in found)
        if pair.source.strip() and pair.target.strip():
            src_cls, _, _ = terminal(pair.source)
            if src_cls == "." and _abbreviation_end(pair.source.rstrip()):
                src_cls = ""
            raw["end"] = [(src_cls, *terminal(pair.target))]
        return raw

    def judge(self, pair: Pair, raw: dict[str, list]) -> list[Finding]:
        findings: list[Finding] = []
        zh_target = is_chinese(pair.tgt_lang)
        reported: set[tuple[str, int]] = set()
        for i, mark in raw["width"]:
            reported.add(("target", i))
            if zh_target:
                full = "、" if mark == "," and _list_comma(pair.target, i) else _TO_FULL[mark]
                what = "list comma" if full == "、" else _NAMES[mark]
                findings.append(
                    self.finding(
                        pair,
                        f"half-width {what} '{mark}' in Chinese text: use '{full}'",
                        start=i,
                        end=i + 1,
                        suggestion=full,
                    )
                )
            else:
                half = _TO_HALF.get(mark)
                findings.append(
                    self.finding(
                        pair,
                        f"full-width '{mark}' in English text"
                        + (f": use '{half}'" if half else ": use English quotation marks or italics"),
                        start=i,
                        end=i + 1,
                        suggestion=half,
                    )
                )
        for i, j in raw.get("latin_brackets", []):
            inner = pair.target[i + 1 : j - 1]
            findings.append(
                self.finding(
                    pair,
                    "half-width brackets around Latin text: widely accepted; GB/T 15834 uses （）",
                    start=i,
                    end=j,
                    suggestion=f"（{inner}）",
                    severity=Severity.NEUTRAL,
                )
            )
        for side, i, mark, problem in raw["balance"]:
            if (side, i) in reported:
                continue
            what = "is never closed" if problem == "unclosed" else "closes nothing"
            findings.append(
                self.finding(pair, f"'{mark}' {what}: unbalanced brackets or quotes", side=side, start=i, end=i + 1)
            )
        for src_cls, tgt_cls, tgt_start, tgt_end in raw["end"]:
            finding = self._judge_end(pair, src_cls, tgt_cls, tgt_start, tgt_end, zh_target)
            if finding is not None:
                findings.append(finding)
        return findings

    def _judge_end(
        self,
        pair: Pair,
        src_cls: str,
        tgt_cls: str,
        tgt_start: int | None,
        tgt_end: int | None,
        zh_target: bool,
    ) -> Finding | None:
        if src_cls == tgt_cls:
            return None
        if src_cls == "" and tgt_cls == ".":
            return None  # a full stop added to a title or bullet is harmless
        if src_cls == "" and tgt_cls not in ("?", "!"):
            return None
        if src_cls == "…" or tgt_cls == "…":
            # an ellipsis against a full stop is a style choice; only a lost question counts
            if "?" not in (src_cls, tgt_cls):
                return None
        want = (_ZH_END if zh_target else _EN_END).get(src_cls) if src_cls else None
        side: Side = "target"
        if src_cls == "?":
            message = f"the source is a question but the target ends with {_CLASS_NAMES[tgt_cls]}"
        elif tgt_cls == "?":
            message = "the target is a question but the source is not"
        else:
            message = f"the source ends with {_CLASS_NAMES[src_cls]}, the target with {_CLASS_NAMES[tgt_cls]}"
        if tgt_start is None or tgt_end is None:
            return self.finding(pair, message + (f": add '{want}'" if want else ""), side=side)
        return self.finding(pair, message, side=side, start=tgt_start, end=tgt_end, suggestion=want)
