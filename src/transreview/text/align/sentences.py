"""Aligning the sentences of one pair (the omission check's and the import's view)."""

from __future__ import annotations

from collections.abc import Sequence

from transreview.model import Pair, SentenceAlignment
from transreview.text.align.anchors import anchor_terms
from transreview.text.align.beads import align, unit_length


def align_sentences(pair: Pair) -> SentenceAlignment:
    """Split both sides of ``pair`` into sentences and align them.

    The length ratio is the pair's own (both sides translate each other as a whole); a
    1-0 or 0-1 bead marks a sentence with no counterpart.
    """
    from transreview.text.segment import split_sentences
    from transreview.text.textnorm import analysis_view

    src_spans = split_sentences(pair.source, pair.src_lang)
    tgt_spans = split_sentences(pair.target, pair.tgt_lang)

    def measure(text: str, spans: Sequence, lang: str) -> tuple[list[int], list[frozenset[str]]]:
        lens = [unit_length(s.of(text)) for s in spans]
        anchors = [anchor_terms(analysis_view(s.of(text)), lang) for s in spans]
        return lens, anchors

    s_lens, s_anchors = measure(pair.source, src_spans, pair.src_lang)
    t_lens, t_anchors = measure(pair.target, tgt_spans, pair.tgt_lang)
    beads = align(s_lens, t_lens, src_anchors=s_anchors, tgt_anchors=t_anchors)
    return SentenceAlignment(tuple(src_spans), tuple(tgt_spans), tuple(beads))


__all__ = ["align_sentences"]
