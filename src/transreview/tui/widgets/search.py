"""The search bar: ``/`` opens one line at the bottom of the review screen, as in vim or less.

Why not the filter dialog: a dialog is a screen of its own, and Textual draws a modal screen
over the whole terminal (the review screen behind it dimmed, every cell rewritten, 90 KB at
120x40) when it opens and again when it closes: 60-110 ms at 100,000 pairs in a real
terminal, against a goal of 50 ms a key. The bar is part of the review screen, mounted once
and hidden; it covers the footer's line while it is open (a layer of its own, so nothing
else moves) and only that line is drawn. It edits only the text of the queue filter; ``f`` (the dialog) still sets every
field, the text among them.

The bar decides nothing: it posts :class:`SearchBar.Submitted` (the text) or
:class:`SearchBar.Closed`, and the screen applies the filter.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from transreview.tui.bindings import DIALOG_KEYS

PROMPT = "Search source and target:"


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

    def compose(self) -> ComposeResult:
        yield Label(PROMPT)
        # The id is the filter dialog's text field's: the same field of the same filter.
        yield Input(placeholder="text in either side · enter: search · esc: back", id="f-text", compact=True)

    @property
    def input(self) -> Input:
        return self.query_one("#f-text", Input)

    @property
    def is_open(self) -> bool:
        return self.display

    def open(self, text: str) -> None:
        """Show the bar with ``text`` (the current search) and take the focus."""
        field = self.input
        field.value = text
        field.cursor_position = len(text)
        self.display = True
        field.focus()

    def close(self) -> None:
        self.display = False

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
