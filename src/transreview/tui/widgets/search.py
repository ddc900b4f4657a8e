"""The search bar: ``/`` opens one line at the bottom of the review screen, as in vim or less.

Why not the filter dialog: a dialog is a screen of its own, and Textual draws a modal screen
over the whole terminal (the review screen behind it dimmed, every cell rewritten, 90 KB at
120x40) when it opens and again when it closes: 60-110 ms at 100,000 pairs in a real
terminal, against a goal of 50 ms a key. The bar is part of the review screen, mounted once
and hidden; it covers the footer's line while it is open (a layer of its own, so nothing
else moves) and only that line is drawn. It edits only the text of the queue filter; ``f`` (the dialog) still sets every
field, the text among them.

While the reviewer types, the bar shows how many pairs the search would find, right of
the text ("12,844 pairs", "no pairs", "counting…"), as a browser's find bar does: the
screen reads, in a thread, what enter will need for each text typed (``tui/ahead.py``),
so that enter usually finds it read. Only where that thread has a connection of its own
(SQLite); on PostgreSQL the place is hidden (see ``ReviewScreen._read_ahead``).

The bar decides nothing: it posts :class:`SearchBar.Changed` (each text typed),
:class:`SearchBar.Submitted` (the text) or :class:`SearchBar.Closed`, and the screen
applies the filter and tells the bar what to show as the count.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from transreview.tui.bindings import DIALOG_KEYS

PROMPT = "Search source and target:"
COUNTING = "counting…"
NOT_COUNTED = "not counted"


def count_text(count: int) -> str:
    """What the bar says a search would find: "no pairs", "1 pair", "12,844 pairs"."""
    if count == 0:
        return "no pairs"
    return f"{count:,} pair{'' if count == 1 else 's'}"


class SearchBar(Horizontal):
    """A prompt and a one-line input; enter (or ctrl+s) searches, esc closes it unchanged."""

    DEFAULT_CSS = """
    SearchBar {
        layer: searchbar;
        dock: bottom;
        height: 1;
        display: none;
        background: $primary-background;
    }
    SearchBar > Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    SearchBar > Input {
        width: 1fr;
    }
    SearchBar > #search-count {
        width: 18;  /* "12,345,678 pairs" and the padding: the same width whatever it says */
        padding: 0 1;
        text-align: right;
        color: $text-muted;
    }
    """

    # The dialogs' keys (ids dialog_save / dialog_cancel), so a remapped cancel key
    # closes the bar as it closes a dialog. Not in the footer: the bar covers it, and a
    # footer that changed would be rebuilt (see widgets/footer.py) at every open and close.
    BINDINGS = [
        Binding(s.keys, s.action, s.description, show=False, id=s.id) for s in DIALOG_KEYS
    ]

    class Submitted(Message):
        """Search for ``text`` (empty: no text filter)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The bar was closed without a search."""

    class Changed(Message):
        """The text in the bar is now ``text`` (not stripped), typed or set."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Label(PROMPT)
        # The id is the filter dialog's text field's: the same field of the same filter.
        yield Input(placeholder="text in either side · enter: search · esc: back", id="f-text", compact=True)
        yield Static("", id="search-count")

    @property
    def input(self) -> Input:
        return self.query_one("#f-text", Input)

    @property
    def is_open(self) -> bool:
        return self.display

    @property
    def count_shown(self) -> str:
        """What the place of the count says now (empty: nothing)."""
        return str(self._count_label.content)

    @property
    def _count_label(self) -> Static:
        return self.query_one("#search-count", Static)

    def _show(self, text: str) -> None:
        # Plain text, never markup; its width is fixed, so only this line is drawn again.
        self._count_label.update(Text(text), layout=False)

    def show_count(self, count: int | None) -> None:
        """The search in the bar would find ``count`` pairs; None: say nothing."""
        self._show("" if count is None else count_text(count))

    def hide_count(self) -> None:
        """No count in this bar (PostgreSQL: see ``ReviewScreen._read_ahead``): its place
        goes to the search field instead of staying empty."""
        self._count_label.display = False

    def show_counting(self) -> None:
        self._show(COUNTING)

    def show_not_counted(self) -> None:
        """The count failed: said quietly here; enter reads the search again, and reports."""
        self._show(NOT_COUNTED)

    def open(self, text: str) -> None:
        """Show the bar with ``text`` (the current search) and take the focus."""
        field = self.input
        field.value = text
        field.cursor_position = len(text)
        self.show_count(None)
        self.display = True
        field.focus()

    def close(self) -> None:
        self.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.post_message(self.Submitted(self.input.value.strip()))

    def action_cancel(self) -> None:
        self.post_message(self.Closed())

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # The focus went elsewhere (tab, a click on the queue): the bar closes as esc does,
        # so it never stays open with keys going somewhere else.
        if self.display:
            self.post_message(self.Closed())
