"""Tags: the inline codes of the source (XLIFF ``<x/>``, ``<bpt>/<ept>``, ``<g>``; TMX
``<bpt>/<ept>``, ``<ph>``, ``<hi>``) must all come through the translation, each once, paired.

The readers of XLIFF and TMX put one protected token per code in the text, with a table on
the pair (:mod:`transreview.codes`); the same code on both sides has the same token. So this
check compares tokens, never XML. What it reports:

- a code of the source missing from the target (major, spanned in the source): a deleted
  ``<x id="INTERPOLATION"/>`` loses the value the program fills in, a deleted ``<ept>``
  leaves its ``<bpt>`` unclosed;
- a code in the target that the source does not have (major, spanned in the target);
- one missing and one extra code of the same kind: a *renamed* code (``INTERPOLATION`` →
  ``INTERPOLATION_1``; major, one finding instead of two);
- an opening code after its own closing (``<ept>`` before ``<bpt>``): unbalanced (major);
- the same codes in another order: *moved* (neutral: shown, never counted). Chinese word
  order legitimately moves codes: on the Microsoft Dynamics 365 docs file, all 8 moved
  codes were clauses reordered by the translator, none an error.

No suggestion: where a code belongs in a rewritten sentence is the reviewer's call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar

from transreview import codes
from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.analysis import PairAnalysis

#: (table, source tokens, target tokens), each token list as (offset, token) in text order.
Measured = tuple[Mapping[str, Mapping[str, Any]], tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]


class TagsCheck(Check):
    """Inline codes (XLIFF/TMX tags) of the source missing, extra, renamed, unbalanced or moved."""

    name: ClassVar[str] = "tags"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "Inline codes (XLIFF/TMX tags such as <x/>, <bpt>/<ept>, <g>) of the source missing, added, renamed, unbalanced or moved in the target."
    #: XLIFF inline markup as a file has it (the reader makes the codes tokens).
    example: ClassVar[tuple[tuple[str, str], ...]] = (
        ('Slide <x id="INTERPOLATION"/> of <x id="INTERPOLATION_1"/>', '第<x id="INTERPOLATION"/>张'),
    )

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Measured | None:
        table = codes.table_of(pair.meta)
        if not table or not pair.target.strip():
            return None  # no codes, or untranslated: the omission check's business
        return table, tuple(codes.tokens(pair.source, table)), tuple(codes.tokens(pair.target, table))

    def judge(self, pair: Pair, raw: Measured | None) -> list[Finding]:
        if raw is None:
            return []
        table, src, tgt = raw
        s_count = Counter(t for _, t in src)
        t_count = Counter(t for _, t in tgt)
        missing = _unmatched(src, s_count - t_count)
        extra = _unmatched(tgt, t_count - s_count)
        found: list[Finding] = []
        for s_at, s_tok in list(missing):
            entry = table[s_tok]
            same_kind = [
                (t_at, t_tok) for t_at, t_tok in extra
                if (table[t_tok].get("kind"), table[t_tok].get("role")) == (entry.get("kind"), entry.get("role"))
            ]
            if len(same_kind) == 1 and sum(
                (table[t].get("kind"), table[t].get("role")) == (entry.get("kind"), entry.get("role")) for _, t in missing
            ) == 1:
                t_at, t_tok = same_kind[0]
                missing.remove((s_at, s_tok))
                extra.remove((t_at, t_tok))
                found.append(self.finding(
                    pair,
                    f"inline code {codes.describe(entry)} of the source is {codes.describe(table[t_tok])} in the target",
                    side="target", start=t_at, end=t_at + 1,
                ))
        for s_at, s_tok in missing:
            entry = table[s_tok]
            message = f"inline code {codes.describe(entry)} is missing from the target"
            partner = _partner(s_tok, table)
            if partner is not None and t_count[partner]:
                message += f" (its {'opening' if entry.get('role') == 'close' else 'closing'} is there: unbalanced)"
            found.append(self.finding(pair, message, side="source", start=s_at, end=s_at + 1))
        for t_at, t_tok in extra:
            found.append(self.finding(
                pair, f"inline code {codes.describe(table[t_tok])} is not in the source",
                side="target", start=t_at, end=t_at + 1,
            ))
        found.extend(self._order(pair, table, src, tgt, s_count, t_count))
        return found

    def _order(
        self,
        pair: Pair,
        table: Mapping[str, Mapping[str, Any]],
        src: tuple[tuple[int, str], ...],
        tgt: tuple[tuple[int, str], ...],
        s_count: Counter[str],
        t_count: Counter[str],
    ) -> list[Finding]:
        """Unbalanced (a closing before its opening) and moved codes, among shared ones."""
        found: list[Finding] = []
        first_src = {t: i for i, (_, t) in reversed(list(enumerate(src)))}
        first_tgt = {t: (i, at) for i, (at, t) in reversed(list(enumerate(tgt)))}
        unbalanced = False
        for tok, entry in table.items():
            if entry.get("role") != "close":
                continue
            opening = _partner(tok, table)
            if opening is None or not (t_count[tok] and t_count[opening] and s_count[tok] and s_count[opening]):
                continue
            if first_src[opening] < first_src[tok] and first_tgt[tok][0] < first_tgt[opening][0]:
                unbalanced = True
                at = first_tgt[tok][1]
                found.append(self.finding(
                    pair,
                    f"inline code {codes.describe(entry)} comes before its opening {codes.describe(table[opening])}",
                    side="target", start=at, end=at + 1,
                ))
        if unbalanced:
            return found
        shared = [t for _, t in src if t_count[t]]
        order = [t for _, t in tgt if s_count[t]]
        if Counter(shared) == Counter(order) and shared != order:
            k = next(i for i, (a, b) in enumerate(zip(shared, order, strict=True)) if a != b)
            at = [at for at, t in tgt if s_count[t]][k]
            found.append(self.finding(
                pair,
                f"inline code {codes.describe(table[order[k]])} is in another place than in the source",
                side="target", start=at, end=at + 1, severity=Severity.NEUTRAL,
            ))
        return found


def _partner(tok: str, table: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The token at the other end of a paired code (an opening's closing and back)."""
    entry = table[tok]
    role, pair = entry.get("role"), entry.get("pair")
    if role not in ("open", "close") or pair is None:
        return None
    want = "close" if role == "open" else "open"
    n = entry.get("n")
    for other, e in table.items():
        if other != tok and e.get("role") == want and e.get("pair") == pair and e.get("n") == n:
            return other
    return None


def _unmatched(items: tuple[tuple[int, str], ...], wanted: Counter[str]) -> list[tuple[int, str]]:
    """The last ``wanted[token]`` occurrences of each token, in text order."""
    need = Counter(wanted)
    out: list[tuple[int, str]] = []
    for at, tok in reversed(items):
        if need[tok] > 0:
            need[tok] -= 1
            out.append((at, tok))
    return sorted(out)
