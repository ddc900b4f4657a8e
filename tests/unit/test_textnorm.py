"""analysis_view: the one-for-one folding, and its shortcut for texts with nothing to fold."""

from __future__ import annotations

from transreview.text.textnorm import _TABLE, analysis_view


def test_folds_typographic_variants_one_for_one() -> None:
    text = "“Shanxi’s” 3\u00a0000 – 5\u2009000 • ok"
    view = analysis_view(text)
    assert view == "\"Shanxi's\" 3 000 - 5 000   ok"
    assert len(view) == len(text)


def test_the_shortcut_answers_as_translating_for_every_character() -> None:
    """A text the pre-search finds nothing to fold in comes back as it is; that must be what
    translating it gives, whatever character it holds (alone, and beside ASCII and Han)."""
    differ = [
        cp
        for cp in range(0x110000)
        for t in (chr(cp), f"a{chr(cp)}山")
        if analysis_view(t) != t.translate(_TABLE)
    ]
    assert differ == []


def test_nothing_to_fold_gives_the_text_back() -> None:
    assert analysis_view("plain ASCII, 3,000") == "plain ASCII, 3,000"
    assert analysis_view("山西省「太原」") == "山西省「太原」"
