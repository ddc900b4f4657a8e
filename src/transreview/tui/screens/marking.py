"""Marking spans on the review screen: MQM findings and quick (ESA) spans.

A mixin of :class:`~transreview.tui.screens.review.ReviewScreen`. The marking keys are
bindings of the screen (not of the pair pane) and live only while marking
(:meth:`check_action`), so a key typed right after ``m`` never waits for a focus change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.widgets import Static

from transreview.tui.bindings import MARK_KEYS, display_keys, effective_keys
from transreview.tui.messages import MarkingDone, SpanChosen
from transreview.tui.screens.dialogs import FindingAnswer, FindingDialog, MarkSearchDialog

if TYPE_CHECKING:
    from transreview.tui.screens.host import ReviewHost as _Host
else:
    _Host = object

_MARK_BY_ID = {spec.id: spec for spec in MARK_KEYS}


class MarkingMixin(_Host):
    """Actions ``mark``, ``quick_mode`` and ``mark_*`` of the review screen."""

    def _update_hint(self) -> None:
        hint = self.query_one("#hint", Static)
        if self.pane.marking:
            def k(binding_id: str) -> str:
                return escape(display_keys(effective_keys(_MARK_BY_ID[binding_id], self.keymap)))

            enter = "quick minor span" if self.quick_mode else "MQM finding"
            hint.update(
                f"[b]MARKING {self.pane.side}[/b] {k('mark_left')} {k('mark_right')} char, "
                f"{k('mark_extend_left')} {k('mark_extend_right')} extend, "
                f"{k('mark_word_prev')} {k('mark_word_next')} word, "
                f"{k('mark_extend_word_prev')} {k('mark_extend_word_next')} extend word, "
                f"{k('mark_search')} find, {k('mark_side')} other side, {k('mark_finding')} {enter}, "
                f"{k('mark_quick_minor')} minor, {k('mark_quick_major')} major, {k('mark_cancel')} stop"
            )
            hint.display = True
        else:
            hint.display = False

    def action_mark(self) -> None:
        self._sync()
        if self.view is None:
            return
        self.queue.focus()  # away from the findings list, whose enter would eat ours
        self.pane.start_marking()
        self._update_hint()

    def action_quick_mode(self) -> None:
        self.quick_mode = not self.quick_mode
        self._update_info()
        self._update_hint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marking keys (arrows, w/b, /, enter, 1/2, esc) live only while marking; tab
        always (outside marking it moves the focus: queue, pair view, findings)."""
        if action == "mark_switch_side":
            return True
        if action.startswith("mark_"):
            return self.pane.marking
        if action == "search":  # while marking, / searches the marked side's text
            return not self.pane.marking
        return True

    def action_mark_cursor(self, delta: int) -> None:
        self.pane.action_cursor(delta)
        self._follow_selection()

    def action_mark_extend(self, delta: int) -> None:
        self.pane.action_extend(delta)
        self._follow_selection()

    def action_mark_word(self, direction: int) -> None:
        self.pane.action_word(direction)
        self._follow_selection()

    def action_mark_extend_word(self, direction: int) -> None:
        self.pane.action_extend_word(direction)
        self._follow_selection()

    def _follow_selection(self) -> None:
        """Keep the marked span in view in a long pair (scroll only when it is off screen)."""
        scroll = self.query_one("#pair-scroll")
        line = self.pane.selection_line()
        if line is None or scroll.max_scroll_y <= 0:
            return
        y = self.pane.virtual_region.y + line
        top, height = int(scroll.scroll_y), scroll.scrollable_content_region.height
        if not top <= y < top + height:
            scroll.scroll_to(y=max(0, y - height // 2), animate=False)

    def action_mark_search(self) -> None:
        def done(needle: str | None) -> None:
            if not needle:
                return
            self._mark_needle = needle
            if self.pane.action_search(needle):
                self._follow_selection()
            else:
                self.notify(f"not in the {self.pane.side}: {needle}", severity="warning", markup=False)

        self.app.push_screen(MarkSearchDialog(self.pane.side, getattr(self, "_mark_needle", "")), done)

    def action_mark_switch_side(self) -> None:
        if not self.pane.marking:
            self.focus_next()  # tab's usual job: the binding would otherwise swallow it
            return
        self.pane.action_switch_side()
        self._update_hint()

    def action_mark_finish(self) -> None:
        self.pane.action_finish()

    def action_mark_quick(self, severity: str) -> None:
        self.pane.action_quick(severity)

    def action_mark_cancel(self) -> None:
        self.pane.action_cancel()

    def on_marking_done(self, message: MarkingDone) -> None:
        self._after_marking()

    def _after_marking(self) -> None:
        self.queue.focus()
        self._update_hint()

    def on_span_chosen(self, message: SpanChosen) -> None:
        view = self.view
        if view is None:
            return
        side, span = message.side, message.span
        quick = message.quick or ("minor" if self.quick_mode else None)
        if quick is not None:
            if self._try(self.session.add_quick_span, view.pair_id, side, span.start, span.end, quick):
                self.pane.stop_marking()
                self._after_marking()
                self._reload_pair()
            return

        def done(answer: FindingAnswer | None) -> None:
            if answer is None:
                return
            added = self._try(self.session.add_finding, view.pair_id, side, span.start, span.end,
                              answer.category, answer.severity, answer.note)
            if added is not None:
                self.pane.stop_marking()
                self._after_marking()
                self._reload_pair()

        self.app.push_screen(FindingDialog(side, view.pair.text(side)[span.start:span.end]), done)
