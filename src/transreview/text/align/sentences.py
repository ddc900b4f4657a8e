"""Aligning the sentences of one pair (the omission check's and the import's view)."""

from __future__ import annotations

from collections.abc import Sequence

from transreview.model import Pair, SentenceAlignment, Span
from transreview.text.align.anchors import DEFAULT_ANCHOR_NAMES, AnchorNames, anchor_terms
from transreview.text.align.beads import align, unit_length


def align_sentences(
    pair: Pair,
    names: AnchorNames = DEFAULT_ANCHOR_NAMES,
    *,
    src_spans: Sequence[Span] | None = None,
    tgt_spans: Sequence[Span] | None = None,
) -> SentenceAlignment:
    """Split both sides of ``pair`` into sentences and align them.

    The length ratio is the pair's own (both sides translate each other as a whole); a
    1-0 or 0-1 bead marks a sentence with no counterpart. ``names`` are the names that
    anchor beads; ``src_spans``/``tgt_spans`` are the sides' sentences when the caller has
    split them already (:class:`transreview.text.analysis.PairAnalysis` does).
    """
    from transreview.text.segment import split_sentences
    from transreview.text.textnorm import analysis_view

    if src_spans is None:
        src_spans = split_sentences(pair.source, pair.src_lang)
    if tgt_spans is None:
        tgt_spans = split_sentences(pair.target, pair.tgt_lang)

    def measure(text: str, spans: Sequence[Span], lang: str) -> tuple[list[int], list[frozenset[str]]]:
        lens = [unit_length(s.of(text)) for s in spans]
        anchors = [anchor_terms(analysis_view(s.of(text)), lang, names) for s in spans]
        return lens, anchors

    s_lens, s_anchors = measure(pair.source, src_spans, pair.src_lang)
    t_lens, t_anchors = measure(pair.target, tgt_spans, pair.tgt_lang)
    beads = align(s_lens, t_lens, src_anchors=s_anchors, tgt_anchors=t_anchors)
    return SentenceAlignment(tuple(src_spans), tuple(tgt_spans), tuple(beads))


__all__ = ["align_sentences"]
