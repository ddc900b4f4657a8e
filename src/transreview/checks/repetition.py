"""Repetition: doubled words and characters, stray digits and letters, in the target.

Existing checkers know only ASCII words (pofilter misses 计划计划). Four rules, each
conservative, because Chinese reduplicates on purpose (常常, 人人, 看看, 研究研究, 高高兴兴):

1. *Doubled characters*: 的的, 在在, 是是, 有有 … when jieba cuts both as one-character
   words, so that a reduplicated word jieba knows (谢谢, 看看, 常常, 仅仅, 慢慢) and a
   character shared by two words (做梦梦见 = 做梦 + 梦见, 为了了解, 说的的确) stay quiet, as do
   AABB forms (实实在在, 的的确确) and the verbs and measure words that reduplicate freely
   (:data:`AA_OK`: 说说, 找找, 年年, 件件). ``any_char=False`` limits the rule to the
   function characters of :data:`FUNCTION_CHARS` (version 1's rule).
2. *Doubled n-grams*: a Han run of 2 to ``max_unit`` characters written twice in a row
   (计划计划, 我们要我们要) when both copies start and end on jieba word boundaries (so
   是不是不想 is not 是不 twice); ABAB reduplication of verbs and adjectives in
   :data:`ABAB_OK` (研究研究, 雪白雪白), 一X一X (一个一个, 一步一步) and onomatopoeia (哈哈哈哈,
   滴答滴答) are fine. jieba runs only on the rare text a regex already suspects, so the
   check stays fast.
3. *Doubled English words* ("the the"), except those English doubles on purpose (had had,
   that that, bye bye) and repeated capitalised names (Walla Walla).
4. *Stray digits and letters* in a Chinese target: a digit glued to a Chinese numeral or
   wedged between Han words with no counterpart in the source (the "1" of 音箱1几百与会者,
   found by :func:`transreview.text.numbers.compare.compare_pair`, which keeps it out of the numbers
   check so it is reported once), and a lone Latin letter between Han characters that the
   source does not have (A股, X光, T恤 and the like are words).

The span covers both copies and the suggestion is one copy; a stray character is spanned
alone, with no suggestion (delete it, or restore what it stood for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, is_chinese
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import HAN_CLASS
from transreview.text.numbers.chinese import may_have_stray_digit

if TYPE_CHECKING:
    from transreview.text.segment import Tokenizer

FUNCTION_CHARS = "的了是在和与與及地得着著把被对對从從向为為将將也都就而或但并並于於以之其这這那"
_DOUBLE_CHAR = re.compile(f"([{FUNCTION_CHARS}])\\1")
_DOUBLE_HAN = re.compile(f"([{HAN_CLASS}])\\1")
#: The longest n-gram looked for written twice in a row (the parameter's default).
MAX_UNIT = 6
_DOUBLE_EN = re.compile(r"\b([A-Za-z]+)(\s+)\1\b", re.IGNORECASE)
# What a doubled English word holds (a letter, spaces, a letter; letters as the pattern reads
# them): a text without it, as most Chinese targets, is not scanned word by word.
_LETTER_SPACE_LETTER = re.compile(r"[A-Za-z]\s+[A-Za-z]", re.IGNORECASE)
# (led by the letter, its Han neighbours looked behind and ahead: the engine skips to letters)
_STRAY_LETTER = re.compile(f"[A-Za-z](?<=[{HAN_CLASS}][A-Za-z])(?=[{HAN_CLASS}])")


@lru_cache(maxsize=8)
def _doubled_ngram(max_unit: int) -> re.Pattern[str]:
    """A Han n-gram of 2 to ``max_unit`` characters written twice in a row (built once)."""
    return re.compile(f"([{HAN_CLASS}]{{2,{max_unit}}})\\1")

# ABAB reduplication that is good Chinese: "try doing X a little", "very X".
ABAB_OK = frozenset(
    "研究 讨论 討論 考虑 考慮 商量 休息 学习 學習 了解 打扫 打掃 锻炼 鍛煉 介绍 介紹 认识 認識 "
    "活动 活動 收拾 准备 準備 检查 檢查 整理 练习 練習 放松 放鬆 思考 琢磨 比较 比較 尝试 嘗試 "
    "体验 體驗 交流 沟通 溝通 溜达 溜達 打听 打聽 打扮 说明 說明 分析 调查 調查 意思 表示 热闹 "
    "熱鬧 暖和 凉快 涼快 高兴 高興 轻松 輕鬆 清醒 开心 開心 关心 關心 帮助 幫助 照顾 照顧 教育 "
    "批评 批評 表扬 表揚 总结 總結 联系 聯繫 参观 參觀 欣赏 欣賞 观察 觀察 品尝 品嚐 散步 "
    "雪白 通红 通紅 冰凉 冰涼 笔直 筆直 火热 火熱 漆黑 碧绿 碧綠 金黄 金黃 滚烫 滾燙 煞白 "
    "瓦蓝 瓦藍 鲜红 鮮紅 蜡黄 蠟黃 乌黑 烏黑 雪亮 冰冷 喷香 噴香 热乎 熱乎 谢谢 謝謝 "
    "滴答 嘀嗒 哗啦 嘩啦 叮当 叮噹 扑通 撲通 咕噜 咕嚕 呼噜 呼嚕 噼啪 咔嚓 轰隆 轟隆 叽喳 嘰喳".split()
)
# Verbs ("try doing a little": 说说, 找找) and measure words ("every": 年年, 件件) that
# reduplicate freely as AA, where jieba's dictionary does not list the pair as a word.
AA_OK = frozenset(
    "说說找揉听聽想试試走问問聊谈談等看尝嘗闻聞洗练練跑跳玩逛坐躺歇转轉瞧比数數算猜写寫读讀画畫唱笑"
    "动動摸拍学學查修擦扫掃搓捏敲碰抱亲親望翻挑选選理弄收改补補拉推踢晒曬泡吹遛溜逗哄劝勸帮幫教讲講"
    "念背记記夸誇搞做干幹用试逛揉捶按量想商"
    "年件个個天人次条條张張片点點层層句步声聲家户戶样樣事处處代世月日"
    "谁誰某"  # 爱谁谁 "who cares", 谁谁 / 某某 "so-and-so"
)
# English words doubled on purpose
EN_DOUBLE_OK = frozenset(
    "had that is was do did bye so no ha haha yeah knock tut chop pooh there hush "
    "now well very many far".split()
)
_EN_FUNCTION = frozenset(
    "the a an of to in on at for and or but with by from as is are was were be this that "
    "it its we they he she i you our their his her".split()
)
# Han characters after which a lone Latin letter is a word: A股, B超, X光, T恤, K线, U盘, Q版
_LETTER_WORDS = frozenset("股超光恤线線盘盤版型字形")


def _zh_single_tokens(text: str, i: int, tokenizer: Tokenizer) -> bool:
    """Whether jieba cuts ``text[i]`` and ``text[i+1]`` as two one-character words."""
    lo = max(0, i - 8)
    window = text[lo : i + 10]
    cuts = {(s.start + lo, s.end + lo) for s in tokenizer.words(window)}
    return (i, i + 1) in cuts and (i + 1, i + 2) in cuts


def _aabb(text: str, i: int) -> bool:
    """text[i] == text[i+1] is half of an AABB form (实实在在, 是是非非, 的的确确)."""
    before = i >= 2 and text[i - 2] == text[i - 1] and text[i - 1] != text[i]
    after = i + 3 < len(text) and text[i + 2] == text[i + 3] and text[i + 2] != text[i]
    return before or after


def _zh_on_boundaries(text: str, start: int, unit: int, tokenizer: Tokenizer) -> bool:
    """Whether jieba cuts ``text`` at ``start``, ``start+unit`` and ``start+2*unit`` (both
    copies of the n-gram are whole words or runs of whole words) and the copy holds a word of
    two or more characters: 的 + 列 written twice (要限制的列的列限制) is two one-character
    words that happen to meet, not a phrase said twice."""
    lo = max(0, start - 8)
    window = text[lo : start + 2 * unit + 8]
    words = [(s.start + lo, s.end + lo) for s in tokenizer.words(window)]
    bounds = {b for w in words for b in w}
    long_word = any(start <= a and b <= start + unit and b - a >= 2 for a, b in words)
    return long_word and {start, start + unit, start + 2 * unit} <= bounds


def doubled_zh(
    text: str, tokenizer: Tokenizer, *, max_unit: int = MAX_UNIT, any_char: bool = True
) -> list[tuple[int, int, str]]:
    """(start, end, single copy) of each doubled character or n-gram (words cut by ``tokenizer``)."""
    out: list[tuple[int, int, str]] = []
    for m in (_DOUBLE_HAN if any_char else _DOUBLE_CHAR).finditer(text):
        i, ch = m.start(), m.group(1)
        if ch in AA_OK and ch not in FUNCTION_CHARS:
            continue
        if _aabb(text, i) or not _zh_single_tokens(text, i, tokenizer):
            continue
        out.append((i, i + 2, ch))
    if max_unit < 2:
        return out
    for m in _doubled_ngram(max_unit).finditer(text):
        unit = m.group(1)
        if unit in ABAB_OK or len(set(unit)) == 1 or unit[0] in "一壹":
            continue
        if not _zh_on_boundaries(text, m.start(), len(unit), tokenizer):
            continue
        out.append((m.start(), m.end(), unit))
    return out


def doubled_en(text: str) -> list[tuple[int, int, str]]:
    """(start, end, single copy) of each word written twice in a row ("the the")."""
    out: list[tuple[int, int, str]] = []
    if _LETTER_SPACE_LETTER.search(text) is None:
        return out
    for m in _DOUBLE_EN.finditer(text):
        first = m.group(1)
        second = text[m.end(2) : m.end()]
        word = first.lower()
        if word in EN_DOUBLE_OK:
            continue
        if first[0].isupper() and second[0].isupper() and word not in _EN_FUNCTION:
            continue  # Walla Walla, Sirhan Sirhan
        if "\n\n" in m.group(2):
            continue  # a heading repeated as the paragraph's first word
        out.append((m.start(), m.end(), first))
    return out


def stray_letters(source: str, target: str) -> list[tuple[int, int]]:
    """Lone Latin letters between Han characters of ``target`` that ``source`` does not have."""
    out: list[tuple[int, int]] = []
    for m in _STRAY_LETTER.finditer(target):
        letter = m.group(0)
        if m.end() < len(target) and target[m.end()] in _LETTER_WORDS:
            continue
        if re.search(rf"(?<![A-Za-z]){letter}(?![A-Za-z])", source):
            continue  # Plan B → B计划
        out.append(m.span())
    return out


@dataclass(frozen=True, kw_only=True)
class RepetitionCheck(Check):
    """Doubled words or characters, stray digits or letters, in the target."""

    name: ClassVar[str] = "repetition"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Fluency"
    severity: ClassVar[Severity] = Severity.MINOR
    cuts_words: ClassVar[bool] = True
    catches: ClassVar[str] = "Doubled function words or characters (的的), stray digits or letters glued to the target text."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("the park of the city", "城市的的公园"),)

    #: The longest Han n-gram looked for written twice in a row (rule 2; below 2: off).
    max_unit: int = MAX_UNIT
    #: Rule 1 for any Han character (True), or only for the function characters (False).
    any_char: bool = True

    def measure(self, pair: Pair, analysis: PairAnalysis) -> list[tuple[str, int, int, str | None]] | None:
        """(kind, start, end, suggestion) in the target; kind: doubled, digit or letter."""
        text = pair.target
        if not text.strip():
            return None
        found: list[tuple[str, int, int, str | None]] = []
        if is_chinese(pair.tgt_lang):
            found += [
                ("doubled", s, e, one)
                for s, e, one in doubled_zh(text, analysis.tokenizer, max_unit=self.max_unit, any_char=self.any_char)
            ]
            if pair.source.strip() and may_have_stray_digit(text):
                found += [("digit", q.start, q.end, None) for q in analysis.numbers.stray]
            found += [("letter", s, e, None) for s, e in stray_letters(pair.source, text)]
        found += [("doubled", s, e, one) for s, e, one in doubled_en(text)]
        found.sort(key=lambda f: f[1])
        return found or None

    def judge(self, pair: Pair, raw: list[tuple[str, int, int, str | None]] | None) -> list[Finding]:
        if not raw:
            return []
        out: list[Finding] = []
        for kind, start, end, suggestion in raw:
            text = pair.target[start:end]
            if kind == "doubled":
                message = f"'{suggestion}' written twice"
            elif kind == "digit":
                message = f"stray digit '{text}' glued to Chinese text, with no counterpart in the source"
            else:
                message = f"stray letter '{text}' between Chinese characters, not in the source"
            out.append(self.finding(pair, message, start=start, end=end, suggestion=suggestion))
        return out
