"""The review UI's terminal driver: a lone escape is delivered at its deadline (10 ms after
the byte, not at Textual's next 100 ms poll), and sequences arriving in pieces still parse as
one key. Time is a fake clock: nothing here depends on how fast the machine is."""

from __future__ import annotations

import os
import selectors
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("termios")  # the Linux/macOS driver; Windows keeps Textual's own

import textual._parser
from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from transreview.review import ReviewSession
from transreview.tui import driver as drv
from transreview.tui.app import ReviewApp

READY = [(None, selectors.EVENT_READ)]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(textual._parser, "get_time", c)  # the parser's own deadline check
    return c


class Feed:
    """An input pump over a fake terminal: ``at(t, text)`` is ``select`` returning at time t,
    with ``text`` ready (or nothing: a timeout)."""

    def __init__(self, clock: Clock, delay: float = drv.ESCAPE_DELAY) -> None:
        self.clock = clock
        self.pending: list[bytes] = []
        self.out: list[Message] = []
        self.pump = drv.InputPump(XTermParser(), self.pending.pop, self.out.append, delay, clock=clock)

    def at(self, t: float, text: str | None = None) -> list[str]:
        self.clock.now = 100.0 + t
        if text is None:
            self.pump.step([])
        else:
            self.pending.append(text.encode())
            self.pump.step(READY)
        return self.keys()

    def keys(self) -> list[str]:
        return [m.key if isinstance(m, events.Key) else type(m).__name__ for m in self.out]


D = drv.ESCAPE_DELAY  # 10 ms: the times below are fractions and multiples of it


def test_a_lone_escape_is_delivered_at_its_deadline_and_select_waits_only_that_long(clock: Clock) -> None:
    f = Feed(clock)
    assert f.pump.wait() == drv.POLL  # nothing half-read: Textual's own poll
    assert f.at(0.0, "\x1b") == []
    assert f.pump.wait() == pytest.approx(D)  # select wakes at the deadline, not at 0.1
    assert f.at(0.75 * D) == []  # select woke early (a signal): not yet
    assert f.pump.wait() == pytest.approx(0.25 * D)
    assert f.at(D) == ["escape"]
    assert f.pump.wait() == drv.POLL


def test_split_sequences_still_parse_as_one_key(clock: Clock) -> None:
    f = Feed(clock)
    f.at(0.0, "\x1b")
    assert f.at(0.5 * D, "[A") == ["up"]  # an arrow key whose bytes came in two reads
    f.at(1.0, "\x1b[<0;10;")
    assert f.at(1.0 + 0.5 * D, "5M") == ["up", "MouseDown"]
    f.at(2.0, "\x1b[200~hel")
    f.at(2.0 + 0.5 * D, "lo\x1b")  # the paste's end marker split after its ESC
    assert f.at(2.0 + D, "[201~") == ["up", "MouseDown", "Paste"]
    assert isinstance(f.out[-1], events.Paste) and f.out[-1].text == "hello"
    assert f.at(3.0, "\x1b") == ["up", "MouseDown", "Paste"]  # and esc still works after them
    assert f.at(3.0 + 2 * D) == ["up", "MouseDown", "Paste", "escape"]


def test_each_piece_restarts_the_wait(clock: Clock) -> None:
    """The deadline counts from the last byte read, as Textual's does."""
    f = Feed(clock)
    f.at(0.0, "\x1b[")
    f.at(0.75 * D, "1;5")
    assert f.at(1.5 * D) == []  # past the first piece's deadline, not the second's
    assert f.at(1.6 * D, "A") == ["ctrl+up"]


def test_alt_key_is_escape_then_a_letter_within_the_delay(clock: Clock) -> None:
    f = Feed(clock)
    f.at(0.0, "\x1b")
    f.at(0.5 * D, "a")
    assert f.at(D) == []  # 0.5 D after the letter: it may still be a sequence
    assert f.at(2 * D) == ["alt+a"]


def test_the_delay_is_textuals_when_the_user_set_escdelay(clock: Clock) -> None:
    assert drv.escape_delay({}) == D
    assert drv.escape_delay({"PATH": "/bin"}) == D
    assert drv.escape_delay({"ESCDELAY": "300"}) == constants.ESCAPE_DELAY  # Textual read it
    # A longer delay (as a user's ESCDELAY gives): nothing at ours, the escape at its own
    # deadline, select bounded by that deadline meanwhile.
    f = Feed(clock, delay=5 * D)
    f.at(0.0, "\x1b")
    assert f.at(2 * D) == []
    assert f.pump.wait() == pytest.approx(3 * D)
    assert f.at(5 * D) == ["escape"]


def test_the_pump_never_lengthens_textuals_own_deadline(clock: Clock) -> None:
    """A delay longer than the parser's (ESCDELAY read by Textual) leaves the parser's."""
    f = Feed(clock, delay=1.0)
    f.at(0.0, "\x1b")
    assert f.at(constants.ESCAPE_DELAY) == ["escape"]


def test_the_app_chooses_the_driver_only_in_place_of_textuals_linux_driver(session: ReviewSession) -> None:
    assert drv.faster_escape(LinuxDriver) is drv.EscapeDriver
    assert drv.faster_escape(HeadlessDriver) is HeadlessDriver
    if constants.DRIVER is None and sys.platform != "win32":
        assert ReviewApp(session).driver_class is drv.EscapeDriver


def test_a_parser_without_the_deadline_field_runs_textuals_own_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard for a future Textual: the driver falls back to the stock loop."""
    assert drv.has_deadline(XTermParser())
    ran: list[str] = []
    monkeypatch.setattr(drv, "has_deadline", lambda parser: False)
    monkeypatch.setattr(LinuxDriver, "run_input_thread", lambda self: ran.append("stock"))
    d = drv.EscapeDriver.__new__(drv.EscapeDriver)  # the loop needs no terminal to choose
    d._debug = False
    d.run_input_thread()
    assert ran == ["stock"]


def test_the_input_thread_reads_a_pipe_to_keys_and_stops(tmp_path: Path) -> None:
    """The real loop, on a pipe instead of a terminal: a whole arrow sequence, then a lone
    escape (delivered by the deadline, however long the machine takes), then exit."""
    read_end, write_end = os.pipe()
    d = drv.EscapeDriver.__new__(drv.EscapeDriver)
    d._debug = False
    d.fileno = read_end
    d.exit_event = threading.Event()
    got: list[str] = []
    escaped = threading.Event()

    def process_message(message: Message) -> None:
        if isinstance(message, events.Key):
            got.append(message.key)
            if message.key == "escape":
                escaped.set()

    d.process_message = process_message  # type: ignore[method-assign]
    thread = threading.Thread(target=d.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(write_end, b"\x1b[Aj\x1b")
        assert escaped.wait(timeout=30), got
    finally:
        d.exit_event.set()
        thread.join(timeout=30)
        os.close(write_end)
        os.close(read_end)
    assert not thread.is_alive()
    assert got == ["up", "j", "escape"]
