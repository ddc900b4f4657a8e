"""``transreview review``: the Textual app, built from a ReviewSession.

The app owns nothing but the session and the keymap; the review screen does the work.
Everything the reviewer decides is written by the session at once, so quitting (or a
crash, or ``kill -9``) loses nothing that the screen showed as done.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App

from transreview.review import ReviewSession
from transreview.tui.bindings import Keymap, load_keymap
from transreview.tui.screens.review import ReviewScreen


class ReviewApp(App):
    """The review UI over one open :class:`ReviewSession` (the caller closes it)."""

    CSS_PATH = "app.tcss"
    TITLE = "transreview"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: ReviewSession, keymap: Keymap | None = None) -> None:
        super().__init__()
        self.session = session
        self.keymap: Keymap = dict(keymap or {})

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(ReviewScreen(self.session, self.keymap))


def run_review(
    target: str | Path,
    *,
    reviewer: str | None = None,
    config: str | Path | None = None,
    source_lang: str = "en",
    target_lang: str = "zh",
) -> None:
    """Open the review UI on a project file, or on an input file (project made beside it).

    The key config is read and the project prepared *before* the terminal switches to the
    full-screen app, so a bad config or input ends with one line on stderr (exit 2).
    """
    from transreview.project import is_db_url, prepare_review

    keymap = load_keymap(config)
    if not is_db_url(str(target)) and Path(target).suffix != ".db":
        # Importing runs every check: say why the screen has not appeared yet.
        print(f"transreview: preparing the project for {target} …", file=sys.stderr, flush=True)
    db = prepare_review(target, reviewer=reviewer, source_lang=source_lang, target_lang=target_lang)
    with ReviewSession.open(db, reviewer) as session:
        ReviewApp(session, keymap).run()
