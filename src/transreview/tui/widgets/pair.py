"""The pair view: source and target side by side, sentence by sentence.

Each row is one bead of the stored sentence alignment (1-1, 2-1, 1-0 ...), so the reviewer
sees which sentences the aligner paired. Finding spans are coloured by severity; the finding
selected in the list below is underlined; while marking, the span that Enter would mark is
shown in reverse video. Rich's table wraps by terminal cells, so a Chinese character counts
two columns and lines do not overflow.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from transreview.codes import table_of
from transreview.model import Severity, Side, Span
from transreview.review import PairView
from transreview.sanitize import visible_in_place
from transreview.tui.chips import chip_text
from transreview.tui.diff import diff_text
from transreview.tui.messages import MarkingDone, SpanChosen
from transreview.tui.spans import Selection

SPAN_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.MAJOR: "bold black on dark_orange",
    Severity.MINOR: "black on yellow",
    Severity.NEUTRAL: "black on grey70",
}
SELECTED_STYLE = "underline bold"
DISMISSED_STYLE = "dim strike"
MARK_STYLE = "reverse bold"


class PairPane(Widget):
    """Renders one :class:`~transreview.review.PairView`; in marking mode it moves a
    selection (the screen's mark_* bindings call the ``action_*`` methods here, so a key
    typed right after ``m`` is never lost to a focus change) and posts :class:`SpanChosen`."""

    DEFAULT_CSS = """
    PairPane { height: auto; }
    """
    view: reactive[PairView | None] = reactive(None, always_update=True, layout=True)
    selected_finding: reactive[int | None] = reactive(None)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.marking = False
        self.side: Side = "target"
        self.selection: Selection | None = None
    # --- marking ---------------------------------------------------------------------

    def start_marking(self, side: Side | None = None) -> None:
        view = self.view
        if view is None:
            return
        if side is None:
            side = "target" if view.pair.target else "source"
        self.side = side
        self.selection = Selection.of(view.pair.text(side), view.pair.lang(side))
        self.marking = True
        self.refresh(layout=True)

    def stop_marking(self) -> None:
        self.marking = False
        self.selection = None
        self.refresh(layout=True)

    def _update(self, selection: Selection) -> None:
        self.selection = selection
        self.refresh(layout=True)

    def action_cursor(self, delta: int) -> None:
        if self.selection:
            self._update(self.selection.move(delta))

    def action_extend(self, delta: int) -> None:
        if self.selection:
            self._update(self.selection.move(delta, extend=True))

    def action_word(self, direction: int) -> None:
        if self.selection:
            self._update(self.selection.word(direction))

    def action_extend_word(self, direction: int) -> None:
        if self.selection:
            self._update(self.selection.word(direction, extend=True))

    def action_switch_side(self) -> None:
        if self.view is not None:
            self.start_marking("source" if self.side == "target" else "target")

    def action_finish(self) -> None:
        self._choose(None)

    def action_quick(self, severity: str) -> None:
        self._choose(severity)

    def _choose(self, quick: str | None) -> None:
        span = self.selection.span() if self.selection else None
        if span is None:
            self.app.bell()
            return
        self.post_message(SpanChosen(self.side, span, quick))

    def action_cancel(self) -> None:
        self.stop_marking()
        self.post_message(MarkingDone())

    def selection_line(self) -> int | None:
        """The line (within this widget) where the marked span starts, found by rendering
        the table as Textual will: Rich decides the wrapping, so only it knows the line."""
        if not self.marking or self.selection is None or self.size.width <= 0:
            return None
        console = self.app.console
        options = console.options.update_width(self.size.width)
        for n, line in enumerate(console.render_lines(self.render(), options, pad=False)):
            if any(seg.style is not None and seg.style.reverse and seg.style.bold for seg in line):
                return n
        return None

    # --- drawing ---------------------------------------------------------------------

    def _styled(self, view: PairView, side: Side) -> Text:
        text = Text(visible_in_place(view.pair.text(side)))  # offsets kept: spans still fit
        for sf in view.findings:
            f = sf.finding
            if f.side != side or f.start is None or f.end is None or f.end <= f.start:
                continue
            style = DISMISSED_STYLE if not sf.live else SPAN_STYLE[f.severity]
            text.stylize(style, f.start, f.end)
            if sf.id == self.selected_finding:
                text.stylize(SELECTED_STYLE, f.start, f.end)
        if self.marking and self.side == side and self.selection is not None:
            span = self.selection.span()
            if span is not None:
                text.stylize(MARK_STYLE, span.start, span.end)
        return text

    @staticmethod
    def _join(text: Text, spans: tuple[Span, ...], indices: tuple[int, ...]) -> Text:
        parts = [text[spans[i].start : spans[i].end] for i in indices if i < len(spans)]
        return Text(" ").join(parts) if parts else Text("—", style="dim")

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return Text("no pair selected", style="dim")
        pair = view.pair
        src, tgt = self._styled(view, "source"), self._styled(view, "target")
        marking = {"source": "", "target": ""}
        if self.marking:
            marking[self.side] = " ◀ marking"
        table = Table(
            box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, padding=(0, 1),
            header_style="bold",
        )
        table.add_column("#", justify="right", style="dim", no_wrap=True, width=3)
        table.add_column(f"source ({pair.src_lang}){marking['source']}", ratio=1, overflow="fold")
        table.add_column(f"target ({pair.tgt_lang}){marking['target']}", ratio=1, overflow="fold")
        al = view.alignment
        empty = Text("(no counterpart)", style="dim italic")
        codes = table_of(pair.meta)  # inline codes become chips last: offsets hold until then
        if al is None or not al.beads:
            table.add_row(
                "",
                chip_text(src, codes) if pair.source else empty,
                chip_text(tgt, codes) if pair.target else empty,
            )
        else:
            for n, bead in enumerate(al.beads, 1):
                table.add_row(
                    Text(str(n)),
                    chip_text(self._join(src, al.src_spans, bead.src), codes),
                    chip_text(self._join(tgt, al.tgt_spans, bead.tgt), codes),
                )
        if not view.corrected:
            return table
        correction = Text.assemble(("✎ correction (diff against the original): ", "bold cyan"))
        correction.append_text(chip_text(diff_text(pair.target, view.current_target), codes))
        return Group(table, Text(""), correction)
