"""The correction editor: a TextArea that edits the real text but never shows a raw control.

The document keeps every character of the target (ESC included: the reviewer may be
removing it, and a save must not change what was not edited); only the drawn lines go
through :func:`visible_in_place`, so an escape sequence in a segment shows as ``␛[2J``
instead of clearing the reviewer's screen. A control drawn as a visible character is one
cell wider than the zero-width raw one, so on such a line the cursor may sit one cell
off: a small price on hostile text, and none on any other.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from transreview.sanitize import visible_in_place


class SafeTextArea(TextArea):
    """A :class:`TextArea` whose rendered lines show terminal and bidi controls visibly."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if all(seg.control or visible_in_place(seg.text) == seg.text for seg in segments):
            return strip
        return Strip(
            [seg if seg.control else Segment(visible_in_place(seg.text), seg.style) for seg in segments]
        ).crop_extend(0, strip.cell_length, None)


__all__ = ["SafeTextArea"]
