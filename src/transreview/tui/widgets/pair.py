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
from transreview.sanitize import visible, visible_in_place
from transreview.tui.chips import chip_text
from transreview.tui.messages import MarkingDone, SpanChosen
from transreview.tui.palette import LETTER, severity_style
from transreview.tui.spans import Selection, find_next

SELECTED_STYLE = "underline bold"
DISMISSED_STYLE = "dim strike"
MARK_STYLE = "reverse bold"
# While marking the target, the source sentence(s) aligned with the marked span: the words
# the reviewer is judging the translation against.
ALIGNED_STYLE = "underline"


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

    def action_search(self, needle: str) -> bool:
        """Select the next occurrence of ``needle`` after the cursor (wrapping); False if
        the text does not hold it."""
        if self.selection is None or self.view is None:
            return False
        span = find_next(self.view.pair.text(self.side), needle, min(self.selection.anchor, self.selection.cursor))
        if span is None:
            return False
        self._update(self.selection.select(span.start, span.end))
        return True

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
            style = DISMISSED_STYLE if not sf.live else severity_style(f.severity)
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

    def _row_letter(self, view: PairView, side_spans: dict[str, tuple[Span, ...]],
                    rows: dict[str, tuple[int, ...]]) -> Text:
        """The worst live severity spanned in this row, as a letter (C M m n) in its colour:
        severities differ by letter, not only by colour."""
        worst: Severity | None = None
        for sf in view.findings:
            f = sf.finding
            if not sf.live or f.start is None or f.end is None:
                continue
            spans = side_spans[f.side]
            if any(i < len(spans) and spans[i].start < f.end and f.start < spans[i].end
                   for i in rows[f.side]):
                worst = f.severity if worst is None else max(worst, f.severity)
        if worst is None:
            return Text("")
        return Text(LETTER[worst], style=severity_style(worst))

    def _aligned_bead(self, view: PairView) -> int | None:
        """While marking one side: the bead (row) holding the start of the marked span."""
        al = view.alignment
        if not self.marking or self.selection is None or al is None:
            return None
        span = self.selection.span()
        if span is None:
            return None
        spans = al.tgt_spans if self.side == "target" else al.src_spans
        for n, bead in enumerate(al.beads):
            for i in bead.tgt if self.side == "target" else bead.src:
                if i < len(spans) and spans[i].start <= span.start < max(spans[i].end, spans[i].start + 1):
                    return n
        return None

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return Text("no pair selected", style="dim")
        table = self._table(view)
        notes = self._file_notes(view)
        return Group(table, notes) if notes is not None else table

    @staticmethod
    def _file_notes(view: PairView) -> Text | None:
        """The comments the file holds about the unit (a developer's context, a translator's
        note), under the pair: what a translator reads before changing a string. File text,
        so shown through the sanitiser."""
        notes = view.file_notes
        if not notes:
            return None
        text = Text()
        for k, note in enumerate(notes):
            who = note.kind if note.author is None else f"{note.kind}, {note.author}"
            text.append("\n" if k else "")
            text.append(f"  {visible(who)} ({visible(note.where)}): ", style="dim")
            text.append(visible(note.text, keep="\t\n"), style="italic")
        return text

    def _table(self, view: PairView) -> Table:
        pair = view.pair
        src, tgt = self._styled(view, "source"), self._styled(view, "target")
        marking = {"source": "", "target": ""}
        if self.marking:
            marking[self.side] = " ◀ marking"
        table = Table(
            box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, padding=(0, 1),
            header_style="bold",
        )
        table.add_column("#", justify="right", style="dim", no_wrap=True, width=4)
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
            return table
        aligned = self._aligned_bead(view)
        other = "source" if self.side == "target" else "target"
        side_spans = {"source": al.src_spans, "target": al.tgt_spans}
        for n, bead in enumerate(al.beads):
            cells = {"source": self._join(src, al.src_spans, bead.src),
                     "target": self._join(tgt, al.tgt_spans, bead.tgt)}
            if n == aligned:
                cells[other].stylize(ALIGNED_STYLE)
            gutter = Text.assemble(self._row_letter(view, side_spans, {"source": bead.src, "target": bead.tgt}),
                                   (str(n + 1), "dim"))
            table.add_row(gutter, chip_text(cells["source"], codes), chip_text(cells["target"], codes))
        return table
