"""A lone escape key in ~10 ms instead of 100-200 ms: the review UI's terminal driver on Linux/macOS.

A terminal sends the escape key as one ESC byte, and every other special key (arrows, alt+key,
mouse, bracketed paste, focus reports) as a sequence that *starts* with ESC. Textual's parser
therefore holds a lone ESC until ``ESCDELAY`` ms (default 100) pass without a further byte.
Its Linux input thread, though, looks at that deadline only when ``select`` returns, and it
waits in ``select`` up to 100 ms: the escape key reached the app 100-200 ms after the key
(107-123 ms to the redraw, measured in tmux), and `esc` closes the search bar and every
dialog, far over the review UI's goal of 50 ms a key.

:class:`EscapeDriver` is Textual's :class:`LinuxDriver` with one change to its input loop
(:class:`InputPump`): ``select`` waits no longer than the parser's pending deadline, and that
deadline is :data:`ESCAPE_DELAY` after the last byte read instead of 100 ms, unless the user
set ``ESCDELAY`` (then Textual's value, read from it, stands). 10 ms is tmux's own wait for
the rest of a sequence since tmux 3.5 (``escape-time``, 500 ms before), which every key of a
terminal inside tmux passes through. A sequence arriving in pieces still parses as one key
when its pieces come within 10 ms of each other, as a terminal's single write (or one SSH
packet) does; input already waiting is always read before the deadline is looked at, so a
busy machine that is slow to wake this thread does not split a sequence either.

Why a copy of the loop: Textual has no setting for its poll. The copy is the input loop only
(``run_input_thread``, the same from Textual 8.0 to 8.2.8) and it reads and lowers one
private field, ``Parser._timeout_time`` (the pending deadline, there since Textual 0.76). If
a Textual drops that field the driver runs Textual's own loop unchanged; and the app chooses
this driver only where Textual chose its stock ``LinuxDriver`` (not on Windows, not under
``TEXTUAL_DRIVER``, not in tests, which run headless).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from textual import constants
from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

ESCAPE_DELAY = 0.010
"""Seconds after the last byte before a lone ESC is the escape key, unless ``ESCDELAY`` is set."""

POLL = 0.1
"""Textual's own wait in ``select`` when no key is half-read (to see the exit flag)."""

READ_SIZE = 4096


def escape_delay(environ: Mapping[str, str] = os.environ) -> float:
    """The wait for the rest of a sequence: ours, or Textual's when the user set ``ESCDELAY``."""
    return float(constants.ESCAPE_DELAY) if "ESCDELAY" in environ else ESCAPE_DELAY


def has_deadline(parser: object) -> bool:
    """Does this Textual's parser keep its pending deadline where the pump reads it?"""
    return "_timeout_time" in vars(parser)


class InputPump:
    """What the input thread does with each ``select`` result: read, parse, hand the keys on,
    and say how long the next ``select`` may wait."""

    def __init__(
        self,
        parser: XTermParser,
        read: Callable[[], bytes],
        deliver: Callable[[Message], None],
        delay: float,
        clock: Callable[[], float] = get_time,
    ) -> None:
        self.parser = parser
        self.read = read
        self.deliver = deliver
        self.delay = delay
        self.clock = clock
        self._decode = getincrementaldecoder("utf-8")().decode

    def wait(self) -> float:
        """Seconds ``select`` may wait: up to the pending escape deadline, else :data:`POLL`."""
        deadline: float | None = self.parser._timeout_time
        if deadline is None:
            return POLL
        return min(POLL, max(0.0, deadline - self.clock()))

    def step(self, events: Sequence[tuple[Any, int]], final: bool = False) -> None:
        """Textual's ``process_selector_events``, plus the shorter deadline after a read."""
        parser = self.parser
        fed = False
        for last, (_key, mask) in loop_last(events):
            if mask & selectors.EVENT_READ:
                text = self._decode(self.read(), final=final and last)
                if not text:  # stdin piped and at its end
                    break
                fed = True
                self._hand_on(parser.feed(text))
        if fed and parser._timeout_time is not None:
            parser._timeout_time = min(parser._timeout_time, self.clock() + self.delay)
        self._hand_on(parser.tick())

    def _hand_on(self, messages: Iterable[Message]) -> None:
        for message in messages:
            self.deliver(message)


class EscapeDriver(LinuxDriver):
    """:class:`LinuxDriver` whose input thread delivers a lone escape after :func:`escape_delay`."""

    def run_input_thread(self) -> None:
        parser = XTermParser(self._debug)
        if not has_deadline(parser):  # a Textual whose parser changed: its own loop
            super().run_input_thread()
            return
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        pump = InputPump(
            parser, lambda: os.read(fileno, READ_SIZE), self.process_message, escape_delay()
        )
        try:
            while not self.exit_event.is_set():
                pump.step(selector.select(pump.wait()))
            selector.unregister(fileno)
            pump.step(selector.select(POLL), final=True)
        finally:
            selector.close()
            try:
                for _ in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def faster_escape(driver_class: type[Any]) -> type[Any]:
    """:class:`EscapeDriver` in place of Textual's stock Linux driver; any other unchanged."""
    return EscapeDriver if driver_class is LinuxDriver else driver_class
