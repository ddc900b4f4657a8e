"""The footer, recomposed only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` rebuilds its key widgets (mounts, styles,
renders each) whenever the screen's bindings are refreshed, which includes every change of
focus, even when it would show the very same keys. On the review screen that is 20-40 ms
of a key press (opening and closing the search bar move the focus; measured in tmux at
100,000 pairs), for a line that does not change. This footer first compares what it would
show with what it shows, and while it is covered (``held``: the search bar lies over it and
its input takes the printable keys, which hides their bindings) it does not rebuild at all.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class StableFooter(Footer):
    """A :class:`Footer` that skips a rebuild that would show the same keys."""

    _shown: tuple[Hashable, ...] | None = None
    held = False
    """Covered: changes of bindings are ignored until the next one after ``held`` is unset."""

    def _keys(self, screen: Screen) -> tuple[Hashable, ...]:
        """What :meth:`Footer.compose` reads: each shown binding, in order, with its state."""
        app = self.app
        shown: list[Hashable] = [
            (b.key, app.get_key_display(b), b.description, b.action, enabled, tooltip,
             None if b.group is None else (b.group.description, b.group.compact))
            for _, b, enabled, tooltip in screen.active_bindings.values()
            if b.show
        ]
        palette = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        shown.append((self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                      None if palette is None else (palette[1].key, palette[2], palette[3])))
        return tuple(shown)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self.held:
            return
        if (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._keys(screen) == self._shown
        ):
            return
        super().bindings_changed(screen)
