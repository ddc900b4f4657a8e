"""Read-only screens: the help (every binding with its id and current key) and a pair's
correction history with the character diff against the original."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from transreview.records import Correction
from transreview.sanitize import visible
from transreview.tui.bindings import (
    ALL_KEYS,
    DIALOG_KEYS,
    Keymap,
    display_keys,
    effective_keys,
    textual_bindings,
)
from transreview.tui.diff import diff_text

SCOPES = {"app": "main", "mark": "marking", "dialog": "dialog"}


def bindings_table(keymap: Keymap) -> Table:
    table = Table(expand=True, show_edge=False, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("key", no_wrap=True, style="bold cyan")
    table.add_column("action", ratio=1)
    table.add_column("where", style="dim")
    table.add_column("id (for --config)", style="dim", no_wrap=True)
    for spec in ALL_KEYS:
        table.add_row(display_keys(effective_keys(spec, keymap)), spec.description,
                      SCOPES[spec.scope], spec.id)
    return table


class HelpScreen(ModalScreen):
    """Every binding: key (after the user's remapping), what it does, where, and its id."""

    BINDINGS = textual_bindings(DIALOG_KEYS)

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            # A Static, not a Label: it wraps, so the header is whole at 80 columns.
            yield Static(Text("Keys (esc closes). main: the review screen; marking: after m; "
                              "dialog: any dialog", style="bold"))
            with VerticalScroll():
                yield Static(bindings_table(self.keymap), id="help-table")
                yield Static(Text(
                    "In the finding dialog: type to search the categories, enter for the severity "
                    "(arrows and enter, or 1 minor / 2 major / 3 critical). In the queue: up/down, "
                    "page up/down, home/end, or click a row. Tab moves the focus to the pair view "
                    "(arrows and page up/down scroll it) and the findings. The search bar (/) "
                    "sets the text filter only: enter searches, esc closes it.\n\n"
                    "Reviewed means corrected or approved: a pair score (p) alone does not count.\n\n"
                    "Remap keys in a TOML file passed with --config:\n[bindings]\napprove = \"A\"\n"
                    "next_pair = \"j,down\"", style="dim"))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.dismiss(None)


class HistoryScreen(ModalScreen):
    """Diff of the current text against the original, then every saved/undone version."""

    BINDINGS = textual_bindings(DIALOG_KEYS)

    def __init__(self, original: str, current: str, history: list[Correction]) -> None:
        super().__init__()
        self.original = original
        self.current = current
        self.history = history

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history"):
            yield Label(Text("Current target against the original (esc closes)", style="bold"))
            with VerticalScroll():
                yield Static(diff_text(self.original, self.current), id="history-diff")
                n = len(self.history)
                yield Label(Text(f"History: {n} {'entry' if n == 1 else 'entries'}", style="bold"))
                previous = self.original
                for n, c in enumerate(self.history, 1):
                    head = Text(f"{n}. {c.kind} by {visible(c.reviewer or '?')} at {c.created_at[:19]}", style="dim")
                    yield Static(Text.assemble(head, "\n", diff_text(previous, c.text)))
                    previous = c.text

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.dismiss(None)
