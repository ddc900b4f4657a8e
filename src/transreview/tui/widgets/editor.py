"""The correction editor: a TextArea that edits the real text but never shows a raw control,
and never drops an inline code by accident.

The document keeps every character of the target (ESC included: the reviewer may be
removing it, and a save must not change what was not edited); only the drawn lines go
through :func:`visible_in_place`, so an escape sequence in a segment shows as ``␛[2J``
instead of clearing the reviewer's screen. A control drawn as a visible character is one
cell wider than the zero-width raw one, so on such a line the cursor may sit one cell
off: a small price on hostile text, and none on any other.

Inline codes (XLIFF/TMX tags, one protected token each, see :mod:`transreview.codes`) are
drawn as one-cell chips (``①``). Typing, backspace, delete, cut or typing over a selection
that would remove a chip is refused with a message: markup is lost only when the reviewer
asks for it, with :meth:`SafeTextArea.delete_code` (``ctrl+t`` in the correction dialog),
and the ``tags`` check then reports the missing code.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.document._document import Location
from textual.document._edit import EditResult
from textual.strip import Strip
from textual.widgets import TextArea

from transreview import codes
from transreview.codes import CodeTable
from transreview.sanitize import visible, visible_in_place
from transreview.tui.chips import glyph, style_of


class SafeTextArea(TextArea):
    """A :class:`TextArea` whose rendered lines show terminal and bidi controls visibly and
    whose inline-code tokens (``codes``) are chips that typing cannot delete."""

    def __init__(self, *args: Any, codes: CodeTable | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes: CodeTable = dict(codes or {})

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        table = self.codes
        if all(
            seg.control or (visible_in_place(seg.text) == seg.text and not any(ch in table for ch in seg.text))
            for seg in segments
        ):
            return strip
        out: list[Segment] = []
        for seg in segments:
            if seg.control:
                out.append(seg)
                continue
            text = visible_in_place(seg.text)
            if not any(ch in table for ch in text):
                out.append(Segment(text, seg.style))
                continue
            run = ""
            for ch in text:
                if ch in table:
                    if run:
                        out.append(Segment(run, seg.style))
                        run = ""
                    chip = Style.parse(style_of(ch, table))
                    out.append(Segment(glyph(ch, table), (seg.style or Style()) + chip))
                else:
                    run += ch
            if run:
                out.append(Segment(run, seg.style))
        return Strip(out).crop_extend(0, strip.cell_length, None)

    # --- keeping the codes ------------------------------------------------------------

    def _codes_in(self, start: Location, end: Location) -> list[str]:
        if not self.codes:
            return []
        start, end = sorted((start, end))
        return [ch for ch in self.get_text_range(start, end) if ch in self.codes]

    def _refuse(self, tokens: list[str]) -> None:
        entry = self.codes[tokens[0]]
        more = f" and {len(tokens) - 1} more" if len(tokens) > 1 else ""
        self.app.bell()
        self.notify(
            f"{codes.label(entry)} is an inline code ({visible(codes.describe(entry))}){more}: "
            "it is kept. To delete a code, put the cursor after it and press ctrl+t.",
            severity="warning", timeout=6, markup=False,
        )

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        tokens = self._codes_in(start, end)
        if tokens:
            self._refuse(tokens)
            return None
        return super()._delete_via_keyboard(start, end)

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        tokens = [ch for ch in self._codes_in(start, end) if ch not in insert]
        if tokens:
            self._refuse(tokens)
            return None
        return super()._replace_via_keyboard(insert, start, end)

    def delete_code(self) -> bool:
        """Delete the code just before the cursor (else the one under it): the explicit way.
        False (and a message) when there is none next to the cursor."""
        row, col = self.cursor_location
        lines = self.text.split("\n")
        for c in (col - 1, col):
            line = lines[row] if row < len(lines) else ""
            if 0 <= c < len(line) and line[c] in self.codes:
                entry = self.codes[line[c]]
                self.delete((row, c), (row, c + 1))
                self.notify(
                    f"inline code {codes.label(entry)} deleted ({visible(codes.describe(entry))}); "
                    "the tags check will report it, ctrl+z brings it back",
                    timeout=6, markup=False,
                )
                return True
        self.app.bell()
        self.notify("no inline code next to the cursor", severity="warning", timeout=4, markup=False)
        return False


__all__ = ["SafeTextArea"]
