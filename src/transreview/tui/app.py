"""``transreview review``: the Textual app, built from a ReviewSession.

The app owns nothing but the session and the keymap; the review screen does the work.
Everything the reviewer decides is written by the session at once, so quitting (or a
crash, or ``kill -9``) loses nothing that the screen showed as done.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.screen import Screen

from transreview.errors import TransreviewError
from transreview.review import ReviewSession
from transreview.tui.bindings import Keymap, load_keymap
from transreview.tui.palette import use_palette
from transreview.tui.screens.review import ReviewScreen


class ReviewApp(App):
    """The review UI over one open :class:`ReviewSession` (the caller closes it)."""

    CSS_PATH = "app.tcss"
    TITLE = "transreview"
    # ctrl+p: every key of the screen by name (what `?` lists), besides Textual's own commands
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, session: ReviewSession, keymap: Keymap | None = None, *, freeze_gc: bool = False
    ) -> None:
        super().__init__()
        self.session = session
        self.keymap: Keymap = dict(keymap or {})
        self.crash: BaseException | None = None
        self.freeze_gc = freeze_gc

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, except on Linux/macOS the one whose escape key arrives in ~25 ms
        (:mod:`transreview.tui.driver`; it imports termios, so not on Windows)."""
        driver_class = super().get_driver_class()
        if sys.platform == "win32":
            return driver_class
        from transreview.tui.driver import faster_escape

        return faster_escape(driver_class)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p): each binding of the screen that has a description,
        by that description (so a reviewer finds "fix all" without remembering ``S``), with its
        key as the help; then Textual's own commands (theme, keys, quit)."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description, f"key: {binding.key_display or key}",
                partial(self.run_action, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled error ends the app with exit code 1 (Textual's own handling) but
        without Textual's traceback, which shows local variables (segment text, the
        session, a connection string): :func:`run_review` reports it in one line."""
        self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(ReviewScreen(self.session, self.keymap))
        if self.freeze_gc:
            self.call_after_refresh(self._freeze_gc)

    def _freeze_gc(self) -> None:
        """Move what start-up made (textual, the widgets, the stylesheet: ~60,000 objects)
        out of the garbage collector's sight: they live as long as the process, and each
        full collection walked them all, 10-15 ms in the middle of a key press a few times
        a minute (measured in tmux). The review screen freezes once more when it has laid
        its filter dialog out unseen. Only for ``transreview review``, whose process ends
        with the app; an app made in a test leaves its objects collectable."""
        gc.freeze()


def run_review(
    target: str | Path,
    *,
    reviewer: str | None = None,
    config: str | Path | None = None,
    source_lang: str = "en",
    target_lang: str = "zh",
    import_options: Mapping[str, Any] | None = None,
    palette: str = "default",
) -> None:
    """Open the review UI on a project file, or on an input file (project made beside it).

    The key config is read and the project prepared *before* the terminal switches to the
    full-screen app, so a bad config or input ends with one line on stderr (exit 2).
    ``import_options`` (check_params, check_names, severities) set the checks of that import.
    """
    from transreview.project import is_db_url, prepare_review

    keymap = load_keymap(config)
    use_palette(palette)
    if not is_db_url(str(target)) and Path(target).suffix != ".db":
        # Importing runs every check: say why the screen has not appeared yet.
        print(f"transreview: preparing the project for {target} …", file=sys.stderr, flush=True)
    db = prepare_review(target, reviewer=reviewer, source_lang=source_lang, target_lang=target_lang,
                        **(import_options or {}))
    with ReviewSession.open(db, reviewer) as session:
        app = ReviewApp(session, keymap, freeze_gc=True)
        app.run()
    if app.crash is not None or (app.return_code or 0) != 0:
        raise TransreviewError(crash_line(app.crash))


def crash_line(error: BaseException | None) -> str:
    """One line for a review UI that stopped on an error: the error's own message when it
    is one a user can act on (a damaged project, a server gone), else its type and first
    line, marked as a bug."""
    if isinstance(error, TransreviewError):
        return f"the review UI stopped: {str(error).splitlines()[0] if str(error) else type(error).__name__}"
    if error is None:
        return "the review UI stopped with an error"
    first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return f"the review UI crashed (a bug, please report it): {type(error).__name__}: {first}"
