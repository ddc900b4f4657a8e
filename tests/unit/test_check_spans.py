"""Any text, any direction: every span a pair-level check reports is a slice of its side.

One property for the checks whose spans come from their own scanning of punctuation,
Latin words and addresses (the alphabet mixes exactly those with Han, NBSP and newlines).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transreview.checks.punctuation import PunctuationCheck
from transreview.checks.untranslated import UntranslatedCheck
from transreview.checks.urls import UrlsCheck
from transreview.model import Pair

_ALPHABET = "aZ .,:;?!()[]“”‘’\"'《》（）。，：？！…@/#0123456789 中文山西陝西\u00a0\nhttps://www.x.com"


@pytest.mark.parametrize("check", [PunctuationCheck(), UntranslatedCheck(), UrlsCheck()],
                         ids=lambda c: c.name)
@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=_ALPHABET, max_size=40),
    st.text(alphabet=_ALPHABET, max_size=40),
    st.sampled_from([("en", "zh"), ("zh", "en"), ("en", "zh-TW")]),
)
def test_any_text_gives_exact_spans(check, source: str, target: str, langs: tuple[str, str]) -> None:
    pair = Pair("t", source, target, src_lang=langs[0], tgt_lang=langs[1])
    for f in check.run(pair):
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(pair.text(f.side))
            assert pair.text(f.side)[f.start : f.end] == f.text
