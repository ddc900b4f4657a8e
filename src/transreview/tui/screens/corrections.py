"""The correction part of the review screen: edit, save with conflict handling, undo, history.

A mixin of :class:`~transreview.tui.screens.review.ReviewScreen` (it uses the screen's
session, ``view``, ``_sync``, ``_try`` and ``_reload_pair``), kept apart because the
conflict dialog's round trip is the one multi-step flow of the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transreview.codes import table_of
from transreview.errors import ConflictError
from transreview.review import PairView
from transreview.sanitize import visible
from transreview.tui.screens.dialogs import ConflictDialog, CorrectionDialog
from transreview.tui.screens.info import HistoryScreen

if TYPE_CHECKING:
    from transreview.tui.screens.host import ReviewHost as _Host
else:
    _Host = object


class CorrectionsMixin(_Host):
    """Actions ``edit``, ``undo`` and ``history`` of the review screen."""

    def action_edit(self, text: str | None = None) -> None:
        self._sync()
        view = self.view
        if view is None:
            return

        def done(result: str | None) -> None:
            if result is not None:
                self._save(view, result)

        self.app.push_screen(
            CorrectionDialog(view.pair.target, view.current_target if text is None else text,
                             view.pair.source, table_of(view.pair.meta)), done)

    def _save(self, view: PairView, text: str) -> None:
        try:
            saved = self._try(self.session.save_correction, view.pair_id, text, view.version)
        except ConflictError as e:
            self._conflict(view, e)
            return
        if saved is None:
            # The save failed (disk full, busy past the retry, read-only, server error) and
            # _try has said why: the editor comes back with the typed text, nothing is lost.
            self.action_edit(text)
            return
        self._reload_pair()

    def _conflict(self, view: PairView, e: ConflictError) -> None:
        mine, theirs, version = e.mine, e.theirs, e.version

        def done(choice: str | None) -> None:
            if choice == "mine":
                try:
                    saved = self._try(self.session.save_correction, view.pair_id, mine, version)
                except ConflictError as again:
                    self._conflict(view, again)
                    return
                self._reload_pair()
                if saved is None:  # the save failed and said why: back to the editor with the text
                    self.action_edit(mine)
            elif choice == "theirs":
                self._reload_pair()
            elif choice == "edit":
                self._reload_pair()
                self.action_edit(mine)

        self.app.push_screen(ConflictDialog(mine, theirs, e.theirs_by), done)

    def action_undo(self) -> None:
        """Undo the last correction of the pair *as shown*: if another reviewer saved since,
        nothing is undone; the reviewer is told and shown their text."""
        self._sync()
        view = self.view
        if view is None:
            return
        try:
            undone = self._try(self.session.undo_correction, view.pair_id, view.version)
        except ConflictError as e:
            who = e.theirs_by or "another reviewer"
            self.notify(
                visible(f"not undone: {who} changed this pair since it was shown "
                        f"(version {view.version} → {e.version}); their text is shown now"),
                severity="warning", timeout=8, markup=False,
            )
            self._reload_pair()
            return
        if undone is not None:
            self._reload_pair()

    def action_history(self) -> None:
        self._sync()
        if self.view is not None:
            self.app.push_screen(HistoryScreen(
                self.view.pair.target, self.view.current_target, self.session.history(self.view.pair_id)))
