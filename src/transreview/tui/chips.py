"""Inline codes on screen: each protected token drawn as a visible, distinct chip.

The text of a pair read from XLIFF or TMX holds one private-use character per inline code
(:mod:`transreview.codes`). Drawn raw, that character is an empty box or nothing at all,
so a reviewer could neither see a code nor keep it. The pair view and the diffs show a chip
label (``⟦1⟧`` a standalone code, ``⟦1›``/``‹1⟧`` the two ends of a pair) in a chip style;
the correction editor, where one character must stay one cell so the cursor lines up, shows
a one-cell numbered glyph (``①``) in the same style, with a legend saying which code it is.
"""

from __future__ import annotations

from rich.text import Text

from transreview import codes
from transreview.codes import CodeTable
from transreview.sanitize import visible

CHIP_STYLE = {"ph": "bold black on cyan", "open": "bold black on green", "close": "bold black on magenta"}
_GLYPHS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def style_of(token: str, table: CodeTable) -> str:
    return CHIP_STYLE.get(str(table[token].get("role")), CHIP_STYLE["ph"])


def glyph(token: str, table: CodeTable) -> str:
    """One cell for the editor: the chip's number circled (``◆`` past 20)."""
    n = table[token].get("n")
    return _GLYPHS[n - 1] if isinstance(n, int) and 1 <= n <= len(_GLYPHS) else "◆"


def chip_text(text: Text, table: CodeTable) -> Text:
    """``text`` with every token replaced by its chip label, keeping the styles around it
    (a finding's span over a code still shows on the chip). Call it last: the labels are
    longer than the token, so offsets into the text no longer fit afterwards."""
    if not table:
        return text
    plain = text.plain
    at = [i for i, ch in enumerate(plain) if ch in table]
    if not at:
        return text
    cuts = sorted({i for i in at} | {i + 1 for i in at})
    out = Text(style=text.style, end=text.end, justify=text.justify, overflow=text.overflow)
    for part in text.divide(cuts):
        token = part.plain
        if len(token) == 1 and token in table:
            chip = Text(codes.label(table[token]), style=style_of(token, table))
            for span in part.spans:
                chip.stylize(span.style)
            out.append_text(chip)
        else:
            out.append_text(part)
    return out


def legend(table: CodeTable) -> Text:
    """What each chip stands for, the XML as the file has it (shown as text, never markup)."""
    out = Text()
    for token, entry in table.items():
        if out:
            out.append("  ")
        out.append(glyph(token, table), style=style_of(token, table))
        out.append(f" {codes.label(entry)} ")
        out.append(visible(codes.describe(entry)), style="dim")
    return out


__all__ = ["CHIP_STYLE", "chip_text", "glyph", "legend", "style_of"]
