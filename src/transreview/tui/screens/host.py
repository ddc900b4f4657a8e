"""What the review screen's mixins take from the screen that hosts them.

:class:`~transreview.tui.screens.marking.MarkingMixin` and
:class:`~transreview.tui.screens.corrections.CorrectionsMixin` are parts of
:class:`~transreview.tui.screens.review.ReviewScreen` kept in modules of their own. They use
the screen's session, the pair it shows and a few of its helpers; :class:`ReviewHost` states
that contract, so the type checker checks both sides of it: the mixins against what is
declared here, the screen against these declarations (it overrides every one of them).

The mixins derive from :class:`ReviewHost` only while type checking; at run time they derive
from ``object``. Textual builds a screen's CSS type names and merged ``BINDINGS`` by walking
its method resolution order, so a real extra ``Screen`` base would change the screen's class
hierarchy as Textual sees it; this way it stays what it was.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import TypeVar

from textual.screen import Screen

from transreview.review import PairView, ReviewSession
from transreview.tui.bindings import Keymap
from transreview.tui.widgets.pair import PairPane
from transreview.tui.widgets.queue import QueueView

T = TypeVar("T")


class ReviewHost(Screen):
    """The review screen as its mixins see it (used as a base while type checking only)."""

    session: ReviewSession
    keymap: Keymap
    view: PairView | None
    """The pair on screen; None while the queue is empty."""
    quick_mode: bool
    """Enter on a marked span records a quick minor span instead of opening the MQM dialog."""

    @property
    @abstractmethod
    def pane(self) -> PairPane:
        """The pair view widget."""

    @property
    @abstractmethod
    def queue(self) -> QueueView:
        """The queue widget."""

    @abstractmethod
    def _sync(self) -> None:
        """Show the pair under the queue cursor before an action acts on it."""

    @abstractmethod
    def _try(self, fn: Callable[..., T], *args: object) -> T | None:
        """``fn(*args)``; a user error becomes a notification and None (a conflict is raised)."""

    @abstractmethod
    def _reload_pair(self, *, reveal: bool = False) -> None:
        """After a decision: re-read the pair and the queue rows, recompute the score."""

    @abstractmethod
    def _update_info(self) -> None:
        """Redraw the top bar and the pair's info line."""
