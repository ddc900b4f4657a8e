"""Comparing the quantities of the two sides of a pair as multisets of values.

:func:`compare_pair` is what the numbers check reports on and what the repetition check
takes its stray digits from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from transreview.model import Pair, Side, is_chinese
from transreview.text.numbers.chinese import extract_zh
from transreview.text.numbers.english import extract_en
from transreview.text.numbers.quantity import BY_START, KnownAddresses, Quantity
from transreview.text.placeholders import find_placeholders


def extract(text: str, lang: str, known_addresses: KnownAddresses | None = None) -> list[Quantity]:
    """Quantities of ``text``; any Chinese language code selects the Chinese rules.

    ``known_addresses``, when given, is what ``address_spans(text)`` gives (from a cache the
    caller keeps, see :func:`compare_pair`)."""
    if not text:
        return []
    return extract_zh(text, known_addresses) if is_chinese(lang) else extract_en(text, known_addresses)


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True, slots=True)
class Comparison:
    """How the quantities of a pair's two sides correspond.

    ``missing``: required source quantities with no counterpart; ``extra``: required target
    quantities with no counterpart; ``changed``: (source, target) pairs of those two that sit
    at about the same place and so read as one number changed into another (they are not
    also listed in ``missing``/``extra``); ``stray``: unmatched stray digits of the target.
    """

    source: tuple[Quantity, ...] = ()
    target: tuple[Quantity, ...] = ()
    matched: tuple[tuple[Quantity, Quantity], ...] = ()
    missing: tuple[Quantity, ...] = ()
    extra: tuple[Quantity, ...] = ()
    changed: tuple[tuple[Quantity, Quantity], ...] = ()
    stray: tuple[Quantity, ...] = field(default=())




def _source_start(st: tuple[Quantity, Quantity]) -> int:
    return st[0].start


def _priority(q: Quantity) -> tuple[int, int, int]:
    return (q.stray, not q.required, q.start)


def compare(
    source: Sequence[Quantity],
    target: Sequence[Quantity],
    source_len: int = 0,
    target_len: int = 0,
) -> Comparison:
    """Match the two sides' quantities as multisets of values.

    Required, non-stray quantities are matched first on both sides, so that what is left
    over is what an optional word or a stray digit left. Lengths (of the two texts) place
    the leftovers, to pair a missing source number with the extra target number nearest its
    relative position as one *changed* number.
    """
    # (a list of one is its own sorted list: most sides hold one or two quantities)
    pool: dict[Decimal, list[Quantity]] = {}
    for t in sorted(target, key=_priority) if len(target) > 1 else target:
        pool.setdefault(t.value, []).append(t)
    matched: list[tuple[Quantity, Quantity]] = []
    left_src: list[Quantity] = []
    for s in sorted(source, key=_priority) if len(source) > 1 else source:
        cands = pool.get(s.value)
        if cands:
            matched.append((s, cands.pop(0)))
        else:
            left_src.append(s)
    left_tgt = [t for ts in pool.values() for t in ts]
    if len(left_tgt) > 1:
        left_tgt.sort(key=BY_START)
    missing = [s for s in left_src if s.required]
    if len(missing) > 1:
        missing.sort(key=BY_START)
    extra = [t for t in left_tgt if t.required and not t.stray]
    stray = tuple(t for t in left_tgt if t.stray) if left_tgt else ()
    changed: list[tuple[Quantity, Quantity]] = []
    if missing and extra:
        sl, tl = max(source_len, 1), max(target_len, 1)
        free = list(missing)
        for t in list(extra):
            if not free:
                break
            best = min(free, key=lambda s: abs(s.start / sl - t.start / tl))
            free.remove(best)
            extra.remove(t)
            changed.append((best, t))
        missing = free
    if len(matched) > 1:
        matched.sort(key=_source_start)
    return Comparison(
        source=tuple(source),
        target=tuple(target),
        matched=tuple(matched),
        missing=tuple(missing),
        extra=tuple(extra),
        changed=tuple(changed),
        stray=stray,
    )


def _masked(text: str) -> str:
    """``text`` with placeholder syntax blanked (offsets kept): the 2 of ``%2$@`` and the 1 of
    Qt's ``%1`` are argument positions, not quantities (Whisky's "%@ of %@" → "%2$@ 中的 %1$@"
    read as two extra numbers)."""
    found = find_placeholders(text)
    if not found:
        return text
    chars = list(text)
    for p in found:
        if p.kind in ("printf", "qt", "python", "brace", "percent-name"):
            chars[p.start : p.end] = " " * (p.end - p.start)
    return "".join(chars)


_NOTHING = Comparison()  # frozen: one object serves every pair with nothing to compare


def compare_pair(pair: Pair, address_spans: Callable[[Side], list[tuple[int, int]]] | None = None) -> Comparison:
    """:func:`compare` on the quantities of both sides of ``pair`` (empty if a side is blank);
    placeholders are not read as numbers.

    ``address_spans``: the address spans of a side's text, as
    :func:`transreview.text.addresses.address_spans` gives them, from a cache shared with
    other checks (:meth:`transreview.text.analysis.PairAnalysis.address_spans`); asked only
    for a side with no placeholder blanked, and used only when nothing of it is folded
    either, so the answer is the one the reader would have worked out itself.
    """
    if not pair.source.strip() or not pair.target.strip():
        return _NOTHING
    src = _extract_side(pair, "source", address_spans)
    tgt = _extract_side(pair, "target", address_spans)
    if not src and not tgt:
        return _NOTHING
    return compare(src, tgt, len(pair.source), len(pair.target))


def _extract_side(
    pair: Pair, side: Side, address_spans: Callable[[Side], list[tuple[int, int]]] | None
) -> list[Quantity]:
    text = pair.text(side)
    masked = _masked(text)
    known = address_spans(side) if address_spans is not None and masked is text else None
    return extract(masked, pair.lang(side), known)
