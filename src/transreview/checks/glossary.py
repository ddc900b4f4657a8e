"""Glossary terms: a source term requires one of its target terms; forbidden renderings fire.

Glossaries are the check's one parameter, ``glossaries`` (file paths; ``--glossary`` on the
command line). They are read once per check instance (:mod:`transreview.text.glossary`) and
indexed into one regular expression per language, so a pair costs one scan per side however
large the glossary. The signature names their contents (a digest), not their paths.

Matching, both directions:

* English: case-insensitive on word boundaries, hyphen or space between words, simple
  plurals (s, es, y→ies) and possessives; an all-capital term (an acronym such as "US")
  is matched case-sensitively so that it does not fire on the pronoun "us".
* Chinese: on the simplified view of the text (traditional input is converted with OpenCC
  character for character, so spans stay exact), glossary terms simplified too. A bare
  substring is not enough: 西安 (Xi'an) occurs inside 陕西安康 (Ankang, Shaanxi). jieba words
  alone are too strict: jieba keeps 山西省 whole, which does contain the term 山西, and splits
  碳捕获 into 碳 + 捕获. So a substring hit counts unless a jieba word *crosses* one of its
  edges (overlaps it without containing it or being contained in it): 西安 in 陕西|安康 is
  crossed and rejected, 山西 in 山西省 and 碳捕获 in 碳|捕获 are kept. A one-character term
  must be a jieba word by itself. jieba runs only when a Chinese text has a hit.
* Whether a required Chinese term is *present* in the target is a plain substring test:
  for a requirement, leniency is the safe side (a missed requirement is a false alarm).

Findings (major): a required term missing is spanned on the source term (the message names
the required rendering); a forbidden rendering in the target is spanned in the target,
whether or not the required term is also there, with the approved term as the suggestion
only when there is exactly one (with two, which one fits is the reviewer's call).

Do-not-translate terms (``GlossaryEntry.keep``: brand names such as Firefox, Pocket, Edge)
must appear unchanged in the target. In the source such a term is matched with its case
when it has a capital letter ("Pocket" the product, not "your pocket"; "Edge", not
"cutting-edge"), in the target leniently (any case, also inside a longer Latin word), as
for any requirement. When it is missing the finding is spanned on the source term with no
suggestion: where its translation sits in the target is not known. A listed forbidden
rendering (火狐) is spanned in the target and suggests the source term as written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from transreview.checks.base import Check
from transreview.errors import InputError
from transreview.model import Finding, Pair, Severity, Side, is_chinese
from transreview.text.analysis import PairAnalysis
from transreview.text.chinese import to_simplified
from transreview.text.glossary import Glossary, GlossaryEntry, read_glossaries
from transreview.text.textnorm import analysis_view

if TYPE_CHECKING:
    from transreview.text.segment import Tokenizer

_SEP = re.compile(r"[\s\-‐‑–]+")
_VOWELS = "aeiou"
_EN_TOKEN = re.compile(r"[a-z0-9]+")

Hit = tuple[int, int, int]  # (entry index, start, end)


def _en_key(text: str) -> str:
    return _SEP.sub(" ", text.replace("’", "'")).strip().lower()


def _en_pattern(term: str) -> str:
    """Regex for an English term: flexible separators, plural and possessive endings."""
    term = term.replace("’", "'")  # texts are matched on their analysis view
    words = [w for w in _SEP.split(term.strip()) if w]
    last = words[-1]
    if last.isalpha() and len(last) > 2 and last[-1].lower() == "y" and last[-2].lower() not in _VOWELS:
        tail = re.escape(last[:-1]) + "(?:y|ies)"
    elif last[-1:].isalpha():
        tail = re.escape(last) + "(?:e?s)?"
    else:
        tail = re.escape(last)
    body = r"[\s\-‐‑–]+".join([*map(re.escape, words[:-1]), tail]) + r"(?:['’]s)?"
    if term.isupper() and len(term) > 1:
        return body  # an acronym: case matters
    return f"(?i:{body})"


class _Index:
    """All terms of the loaded glossaries, by language, with one scanning regex each."""

    def __init__(self, entries: tuple[GlossaryEntry, ...]) -> None:
        self.entries = entries
        self.en_allowed: dict[str, list[int]] = {}
        self.en_forbidden: dict[str, list[int]] = {}
        self.zh_allowed: dict[str, list[int]] = {}
        self.zh_forbidden: dict[str, list[int]] = {}
        en_terms: set[str] = set()
        zh_terms: set[str] = set()
        for i, e in enumerate(entries):
            for t in e.en:
                self.en_allowed.setdefault(_en_key(t), []).append(i)
                en_terms.add(t)
            for t in e.forbidden_en:
                self.en_forbidden.setdefault(_en_key(t), []).append(i)
                en_terms.add(t)
            for t in e.zh:
                self.zh_allowed.setdefault(to_simplified(t), []).append(i)
                zh_terms.add(to_simplified(t))
            for t in e.forbidden_zh:
                self.zh_forbidden.setdefault(to_simplified(t), []).append(i)
                zh_terms.add(to_simplified(t))
        # English: one small regex per first word, run only when the text has that word
        # (a single alternation of every term costs ~60 µs a sentence at 500 terms).
        groups: dict[str, list[str]] = {}
        self.first_words: dict[str, str] = {}
        for t in en_terms:
            tokens = _EN_TOKEN.findall(t.lower())
            first = tokens[0] if tokens else ""  # "" (no letter or digit): always tried
            groups.setdefault(first, []).append(t)
            variants = {first}
            if len(tokens) == 1:
                variants |= {first + "s", first + "es", first[:-1] + "ies"}
            for v in variants:
                self.first_words.setdefault(v, first)
        self.en_rx = {
            first: re.compile(
                r"(?<![A-Za-z0-9_])(?:"
                + "|".join(map(_en_pattern, sorted(terms, key=len, reverse=True)))
                + r")(?![A-Za-z0-9_])"
            )
            for first, terms in groups.items()
        }
        # Chinese: terms by first character, longest first, tried where that character occurs.
        self.zh_by_first: dict[str, list[str]] = {}
        for t in sorted(zh_terms, key=len, reverse=True):
            self.zh_by_first.setdefault(t[0], []).append(t)
        self.zh_simplified = {i: tuple(to_simplified(t) for t in e.zh) for i, e in enumerate(entries)}
        # Do-not-translate terms with a capital letter: matched in the source with their case.
        self.keep_cased = {
            i: tuple(_SEP.sub(" ", t.replace("’", "'")).strip() for t in e.en)
            for i, e in enumerate(entries)
            if e.keep and any(ch.isupper() for t in e.en for ch in t)
        }

    def _case_ok(self, i: int, matched: str) -> bool:
        """Whether a do-not-translate term's hit has the term's case (others: always)."""
        cased = self.keep_cased.get(i)
        if cased is None:
            return True
        text = _SEP.sub(" ", matched.replace("’", "'")).strip()
        return any(text.startswith(t) for t in cased)

    def _en_lookup(self, matched: str, table: dict[str, list[int]]) -> list[int]:
        key = _en_key(matched)
        if key.endswith("'s"):
            key = key[:-2]
        for cand in (key, key[:-1], key[:-2], key[:-3] + "y" if key.endswith("ies") else None):
            if cand and cand in table:
                return table[cand]
        return []

    def find(self, analysis: PairAnalysis, side: Side, chinese: bool, forbidden: bool) -> list[Hit]:
        """Hits of allowed (or forbidden) terms in one side of the analysed pair."""
        hits = self._find(analysis, side, chinese, forbidden)
        if side == "source" and self.keep_cased and not chinese:
            text = analysis_view(analysis.pair.text(side))
            hits = [h for h in hits if self._case_ok(h[0], text[h[1] : h[2]])]
        return hits

    def _find(self, analysis: PairAnalysis, side: Side, chinese: bool, forbidden: bool) -> list[Hit]:
        if chinese:
            table = self.zh_forbidden if forbidden else self.zh_allowed
            if not table:
                return []
            return self._find_zh(analysis.simplified(side), table, analysis.tokenizer)
        text = analysis.pair.text(side)
        table = self.en_forbidden if forbidden else self.en_allowed
        if not table:
            return []
        view = analysis_view(text)
        firsts = {self.first_words.get(w) for w in _EN_TOKEN.findall(view.lower())}
        firsts.discard(None)
        if "" in self.en_rx:
            firsts.add("")
        hits: list[Hit] = []
        for first in firsts:
            for m in self.en_rx[first].finditer(view):  # type: ignore[index]
                hits.extend((i, m.start(), m.end()) for i in self._en_lookup(m.group(), table))
        hits.sort(key=lambda h: (h[1], h[0]))
        return hits

    def _find_zh(self, simple: str, table: dict[str, list[int]], tokenizer: Tokenizer) -> list[Hit]:
        """Hits in ``simple`` (the text in simplified characters) that jieba's words do not cut."""
        by_first = self.zh_by_first
        matches: list[tuple[int, int, list[int]]] = []
        i, n = 0, len(simple)
        while i < n:
            terms = by_first.get(simple[i])
            if terms:
                term = next((t for t in terms if simple.startswith(t, i)), None)
                if term is not None:
                    if term in table:
                        matches.append((i, i + len(term), table[term]))
                    i += len(term)
                    continue
            i += 1
        if not matches:
            return []
        words = [(w.start, w.end) for w in tokenizer.words(simple)]
        hits: list[Hit] = []
        for s, e, idx in matches:
            if e - s == 1:
                ok = (s, e) in words
            else:
                ok = not any(ws < s < we or ws < e < we for ws, we in words if not (ws <= s and e <= we))
            if ok:
                hits.extend((i, s, e) for i in idx)
        return hits

    def has_target_term(self, i: int, text: str, chinese: bool, en_hits: set[int] | None) -> bool:
        if chinese:
            simple = to_simplified(text)
            if self.entries[i].keep:  # a Latin term kept: any case will do
                lower = simple.lower()
                return any(t.lower() in lower for t in self.zh_simplified[i])
            return any(t in simple for t in self.zh_simplified[i])
        return en_hits is not None and i in en_hits


@dataclass(frozen=True, kw_only=True)
class GlossaryCheck(Check):
    """Source terms must get their glossary rendering; forbidden renderings must not appear."""

    name: ClassVar[str] = "glossary"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Terminology"
    severity: ClassVar[Severity] = Severity.MAJOR
    cuts_words: ClassVar[bool] = True
    catches: ClassVar[str] = (
        "A glossary term without its required rendering, a do-not-translate term translated, "
        "or a forbidden rendering (needs --glossary)."
    )
    example: ClassVar[tuple[tuple[str, str], ...]] = (("carbon capture innovation", "碳捕获创新"),)

    #: Glossary files (CSV/TSV or TBX), in order; none: the check finds nothing.
    glossaries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Paths as plain strings (picklable, comparable); a missing file fails at once,
        # before any input is read.
        paths = tuple(str(g) for g in self.glossaries)
        object.__setattr__(self, "glossaries", paths)
        for g in paths:
            if not Path(g).exists():
                raise InputError(g, None, "glossary file not found")
            if Path(g).is_dir():
                raise InputError(g, None, "is a directory, not a glossary file")

    @cached_property
    def loaded(self) -> list[Glossary]:
        """The glossaries of ``glossaries``, read on first use (InputError if bad)."""
        return read_glossaries(self.glossaries)

    @cached_property
    def index(self) -> _Index:
        entries = tuple(e for g in self.loaded for e in g.entries)
        return _Index(entries)

    def show_param(self, name: str, value: Any) -> str:
        if name != "glossaries":
            return super().show_param(name, value)
        digest = hashlib.sha256("|".join(g.digest for g in self.loaded).encode()).hexdigest()[:8]
        return f"glossary:{digest}"

    def measure(self, pair: Pair, analysis: PairAnalysis) -> tuple[list[Hit], list[Hit], list[Hit]] | None:
        """(source term hits, target allowed hits, target forbidden hits), or None."""
        if not self.glossaries or not pair.source or not pair.target:
            return None
        zh_src, zh_tgt = is_chinese(pair.src_lang), is_chinese(pair.tgt_lang)
        if zh_src == zh_tgt:
            return None
        index = self.index
        src_hits = index.find(analysis, "source", zh_src, forbidden=False)
        if not src_hits:
            return None
        tgt_forbidden = index.find(analysis, "target", zh_tgt, forbidden=True)
        # In Chinese a substring test decides presence (in judge); the spans of allowed
        # terms are needed only to tell a forbidden term inside an allowed one.
        need_allowed = not zh_tgt or tgt_forbidden
        tgt_allowed = index.find(analysis, "target", zh_tgt, forbidden=False) if need_allowed else []
        return src_hits, tgt_allowed, tgt_forbidden

    def judge(self, pair: Pair, raw: tuple[list[Hit], list[Hit], list[Hit]] | None) -> list[Finding]:
        if raw is None:
            return []
        src_hits, tgt_allowed, tgt_forbidden = raw
        index = self.index
        zh_tgt = is_chinese(pair.tgt_lang)
        en_present = None if zh_tgt else {i for i, _, _ in tgt_allowed}
        allowed_spans = [(s, e) for _, s, e in tgt_allowed]
        findings: list[Finding] = []
        done: set[int] = set()
        for i, s, e in src_hits:
            if i in done:
                continue
            done.add(i)
            entry = index.entries[i]
            want = entry.terms(zh_tgt)[0]
            src_term = pair.source[s:e]
            note = f" ({entry.note})" if entry.note else ""
            # The fix is sure only with one approved rendering; a kept term is the source's own.
            if entry.keep:
                fix: str | None = src_term
                rule = f"'{src_term}' stays untranslated (glossary {entry.where})"
            else:
                fix = want if len(entry.terms(zh_tgt)) == 1 else None
                options = " or ".join(f"'{t}'" for t in entry.terms(zh_tgt))
                rule = f"the glossary ({entry.where}) requires {options}"
            bad = [
                (fs, fe)
                for j, fs, fe in tgt_forbidden
                if j == i and not any(a <= fs and fe <= b for a, b in allowed_spans)
            ]
            for fs, fe in bad:
                findings.append(
                    self.finding(
                        pair,
                        f"'{pair.target[fs:fe]}' is a forbidden rendering of '{src_term}': {rule}{note}",
                        start=fs,
                        end=fe,
                        suggestion=fix,
                    )
                )
            if bad or index.has_target_term(i, pair.target, zh_tgt, en_present):
                continue
            if entry.keep:
                message = f"'{src_term}' must stay untranslated: it is missing from the target (glossary {entry.where}){note}"
            else:
                options = " or ".join(f"'{t}'" for t in entry.terms(zh_tgt))
                message = f"'{src_term}' must be translated as {options} (glossary {entry.where}){note}"
            findings.append(
                self.finding(
                    pair,
                    message,
                    side="source",
                    start=s,
                    end=e,
                )
            )
        return findings
