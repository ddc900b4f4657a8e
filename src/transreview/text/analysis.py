"""What is known about one pair, computed at most once and only when a check asks.

Several checks look at the same facts of a pair: the numbers and repetition checks both
compare the two sides' quantities, the omission check and the import both align the
sentences, the urls, punctuation and untranslated checks all skip the pair's addresses,
and the glossary and places checks both read the Chinese side in simplified characters.
A :class:`PairAnalysis` is built once per pair (in the worker, :func:`transreview.workers.process_pair`)
and handed to every check, so each such fact is computed on first use and then shared.

Every fact is lazy: building an analysis costs nothing, and a run of one check computes only
what that check asks for. The object takes what it depends on as parameters — the
:class:`~transreview.text.segment.Tokenizer` and the
:class:`~transreview.text.align.anchors.AnchorNames` — instead of reaching for a process-wide
getter, so two analyses built with the same parameters always agree.

What is shared, and with whom (a fact used by one check only stays in that check):

========================  ==========================================================
``numbers``               numbers (findings), repetition (stray digits)
``sentences(side)``       omission (sentence counts), ``alignment``
``alignment``             omission (lost sentences), import (stored for the review UI)
``addresses(side)``       urls (compared), ``address_spans``
``address_spans(side)``   punctuation (both sides), untranslated (target), ``numbers``
``simplified(side)``      glossary, places (the Chinese side in simplified characters)
``tokenizer``             glossary, places, repetition (words of what they look at)
========================  ==========================================================
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from transreview.model import Pair, SentenceAlignment, Side, Span

# light modules (regular expressions and tables) asked about every pair: imported once here
# rather than at each question; segment (a run imports it for its tokenizer anyway) and
# compare (the numbers check imports it anyway) as modules, their functions looked up at
# each call, so a test can count the calls
from transreview.text import segment
from transreview.text.addresses import find_addresses, may_have_address
from transreview.text.align.anchors import DEFAULT_ANCHOR_NAMES, AnchorNames
from transreview.text.chinese import to_simplified
from transreview.text.numbers import compare

if TYPE_CHECKING:
    from transreview.text.addresses import Address
    from transreview.text.numbers.compare import Comparison
    from transreview.text.segment import Tokenizer

class PairAnalysis:
    """One pair's shared facts, each computed on first use and kept for the pair's checks.

    Not thread-safe and not meant to outlive the pair's trip through the checks: a worker
    builds one per pair and drops it when the pair is done.
    """

    def __init__(self, pair: Pair, tokenizer: Tokenizer, anchors: AnchorNames = DEFAULT_ANCHOR_NAMES) -> None:
        self.pair = pair
        self.tokenizer = tokenizer
        self.anchors = anchors
        self._sentences: dict[str, list[Span]] = {}
        self._addresses: dict[str, list[Address]] = {}
        self._address_spans: dict[str, list[tuple[int, int]]] = {}
        self._simplified: dict[str, str] = {}

    def sentences(self, side: Side) -> list[Span]:
        """The sentences of one side, as spans into its text."""
        found = self._sentences.get(side)
        if found is None:
            found = self._sentences[side] = segment.split_sentences(self.pair.text(side), self.pair.lang(side))
        return found

    @cached_property
    def alignment(self) -> SentenceAlignment:
        """The sentence alignment of the pair (raises what the aligner raises; not cached then)."""
        from transreview.text.align.sentences import align_sentences

        return align_sentences(
            self.pair, self.anchors, src_spans=self.sentences("source"), tgt_spans=self.sentences("target")
        )

    @cached_property
    def numbers(self) -> Comparison:
        """The quantities of both sides compared (:func:`~transreview.text.numbers.compare.compare_pair`)."""
        return compare.compare_pair(self.pair, self.address_spans)

    def addresses(self, side: Side) -> list[Address]:
        """URLs, e-mail addresses and handles of one side (:func:`~transreview.text.addresses.find_addresses`)."""
        found = self._addresses.get(side)
        if found is None:
            found = self._addresses[side] = find_addresses(self.pair.text(side))
        return found

    def address_spans(self, side: Side) -> list[tuple[int, int]]:
        """What :func:`~transreview.text.addresses.address_spans` gives for one side (one list
        per side, shared by every caller: read it, do not change it)."""
        found = self._address_spans.get(side)
        if found is None:
            text = self.pair.text(side)
            found = [(a.start, a.end) for a in self.addresses(side)] if may_have_address(text) else []
            self._address_spans[side] = found
        return found

    def simplified(self, side: Side) -> str:
        """One side in simplified characters (:func:`~transreview.text.chinese.to_simplified`)."""
        found = self._simplified.get(side)
        if found is None:
            found = self._simplified[side] = to_simplified(self.pair.text(side))
        return found


def analyse(pair: Pair, tokenizer: Tokenizer | None = None) -> PairAnalysis:
    """An analysis of ``pair`` with ``tokenizer``, or the project's tokenizer when none is given.

    The convenience for callers that check one pair on its own (tests, ``Check.run``); a run
    builds its analyses with the tokenizer it was given.
    """
    if tokenizer is None:
        from transreview.text.segment import project_tokenizer

        tokenizer = project_tokenizer()
    return PairAnalysis(pair, tokenizer)


__all__ = ["PairAnalysis", "analyse"]
