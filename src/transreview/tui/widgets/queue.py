"""The review queue: a virtual list over pages loaded from the store.

A ``DataTable`` holding every row costs 9 s and 176 MB at 100,000 pairs (measured with Textual 8), so this
widget draws only the lines on screen (Textual's line API) and asks a loader for pages of
rows as they come into view. The loader is a plain callable ``(offset, limit) -> rows``: the
widget knows nothing about the session or SQL.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from transreview.model import Severity
from transreview.records import QueueRow
from transreview.sanitize import visible
from transreview.tui.messages import QueueHighlighted
from transreview.tui.palette import severity_style

PAGE = 100
MAX_PAGES = 30

SEVERITY_SHORT: dict[Severity | None, str] = {
    Severity.CRITICAL: "CRIT", Severity.MAJOR: "MAJ", Severity.MINOR: "min", Severity.NEUTRAL: "neu", None: "",
}
STATUS_MARK = {"unreviewed": ("·", "dim"), "flagged": ("!", "bold magenta"),
               "corrected": ("✎", "bold cyan"), "approved": ("✓", "bold green")}

Loader = Callable[[int, int], list[QueueRow]]
Counter = Callable[[], int | None]  # the queue's length; None when it cannot be counted now


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class QueueView(ScrollView, can_focus=True):
    """One line per pair: position, status, worst severity, risk, source │ target."""

    DEFAULT_CSS = """
    QueueView { background: $surface; overflow-x: hidden; }
    """
    BINDINGS = [
        Binding("down", "cursor(1)", "down", show=False),
        Binding("up", "cursor(-1)", "up", show=False),
        Binding("pagedown", "cursor(10)", "page down", show=False),
        Binding("pageup", "cursor(-10)", "page up", show=False),
        Binding("home", "to(0)", "first", show=False),
        Binding("end", "to(-1)", "last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, loader: Loader, count: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self._loader = loader
        self.count = count
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._counter: Counter | None = None
        self.virtual_size = Size(0, count)

    # --- data ------------------------------------------------------------------------

    def reload(
        self,
        loader: Loader | None = None,
        count: int | None = None,
        *,
        keep: bool = True,
        first_page: list[QueueRow] | None = None,
        counter: Counter | None = None,
    ) -> None:
        """Drop cached pages (the store changed); keep the cursor's index where possible.

        ``first_page``: rows 0 to PAGE - 1 of the new queue when the caller has just read
        them (to learn the count), so they are not asked for twice. ``counter``: ``count``
        is only a lower bound while the caller counts the queue (it calls :meth:`set_count`
        with the length); ``end`` meanwhile asks ``counter`` for it at once."""
        if loader is not None:
            self._loader = loader
        if count is not None:
            self.count = count
            self.virtual_size = Size(0, count)
            self._counter = counter
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page[:PAGE]
        index = min(self.cursor, max(0, self.count - 1)) if keep else 0
        self.set_cursor(index)
        self.refresh()

    @property
    def counting(self) -> bool:
        """``count`` is a lower bound: the length is still being counted."""
        return self._counter is not None

    def set_count(self, count: int) -> None:
        """The queue's length, once counted; the rows read and the cursor stay.

        A longer queue that had its scroll bar already (a full first page is more rows than
        the widget shows) only changes the bar's thumb: that is redrawn alone, without the
        layout of the whole screen that setting ``virtual_size`` asks for (and the frame
        after it that repaints the scroll bars with what they hold: ~10 ms in tmux)."""
        self._counter = None
        old = self.count
        self.count = count
        height = self.scrollable_content_region.height
        if count >= old > height > 0 and self.show_vertical_scrollbar:
            self.set_reactive(QueueView.virtual_size, Size(0, count))
            self.vertical_scrollbar.window_virtual_size = count
        else:
            self.virtual_size = Size(0, count)
        if self.cursor >= count:
            self.set_cursor(count - 1)
        self.refresh()

    def exact_count(self) -> int:
        """The queue's length, counted now if the caller's count has not come yet."""
        if self._counter is not None:
            count = self._counter()
            if count is not None:
                self.set_count(count)
        return self.count

    def refresh_rows(self) -> None:
        """Redraw after a decision without moving (the counts did not change)."""
        self._pages.clear()
        self.refresh()

    def row(self, index: int) -> QueueRow | None:
        if not 0 <= index < self.count:
            return None
        page_no, at = divmod(index, PAGE)
        page = self._pages.get(page_no)
        if page is None:
            page = self._loader(page_no * PAGE, PAGE)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[at] if at < len(page) else None

    @property
    def current(self) -> QueueRow | None:
        return self.row(self.cursor)

    # --- cursor ----------------------------------------------------------------------

    def set_cursor(self, index: int) -> None:
        if index >= self.count and self.counting:
            # Beyond the rows known while the length is being counted (a kept or chosen
            # pair past a search's first page): count now rather than stop at the bound.
            self.exact_count()
        self.cursor = max(0, min(index, self.count - 1)) if self.count else 0

    def watch_cursor(self, index: int) -> None:
        if self.count:
            top = int(self.scroll_y)
            height = max(1, self.scrollable_content_region.height)
            if index < top:
                self.scroll_to(y=index, animate=False, immediate=True)
            elif index >= top + height:
                self.scroll_to(y=index - height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(QueueHighlighted(index, self.row(index)))

    def action_cursor(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    def action_to(self, index: int) -> None:
        self.set_cursor(index if index >= 0 else self.exact_count() - 1)

    def on_click(self, event: events.Click) -> None:
        self.set_cursor(int(self.scroll_y) + event.y)

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        row = self.row(index)
        if row is None:
            if index == 0 and self.count == 0:
                return Strip([Segment(" no pairs match the filters".ljust(width), Style(dim=True))])
            return Strip.blank(width, self.rich_style)
        text = self._line(row, width)
        if index == self.cursor:
            text.stylize("reverse" if self.has_focus else "underline")
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    @staticmethod
    def _line(row: QueueRow, width: int) -> Text:
        mark, mark_style = STATUS_MARK.get(row.status, ("?", ""))
        sev = row.max_severity
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{row.position + 1:>5} ", "dim")
        text.append(mark, mark_style)
        text.append(" ")
        text.append(f"{SEVERITY_SHORT[sev]:<4}", "dim" if sev is None else severity_style(sev))
        text.append(f" {row.risk:>3} ", "bold" if row.risk else "dim")
        rest = max(10, width - text.cell_len - 3)
        src = Text(_one_line(row.source) or "∅", style="" if row.source else "dim")
        tgt = Text(_one_line(row.target) or "∅", style="" if row.target else "dim")
        src.truncate(rest // 2, overflow="ellipsis", pad=True)
        tgt.truncate(rest - rest // 2, overflow="ellipsis")
        text.append_text(src)
        text.append(" │ ", "dim")
        text.append_text(tgt)
        text.truncate(width)
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
