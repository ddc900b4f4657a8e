"""Time the review UI in a real terminal: ``transreview review`` inside tmux, keys by send-keys.

Usage::

    .venv/bin/python benchmarks/bench_tui_tmux.py                      # 100,000 pairs, 1 round
    .venv/bin/python benchmarks/bench_tui_tmux.py --db /tmp/big.db --rounds 3
    .venv/bin/python benchmarks/bench_tui_tmux.py --pairs 20000 --moves 50 --pause 0.2
    .venv/bin/python benchmarks/bench_tui_tmux.py --db /tmp/big.db --src /tmp/old/src  # another checkout

The project is built once by the real import (``build`` of :mod:`bench_review`, on a TSV from
:mod:`gen_pairs`) and kept at ``--db``. Each round then starts the real command,
``transreview review DB --reviewer tmux-bench``, in a detached tmux session of 120x40 on a
private socket (``tmux -L``), with ``TERM=xterm-256color``: the app runs in a pty with
Textual's own Linux driver, as in a terminal window, not under ``App.run_test()``.

How a key is timed: ``tmux pipe-pane -O`` copies every byte the app writes to the terminal
into a FIFO that a thread of this script reads, stamping each chunk as it arrives. A key is
sent with ``tmux send-keys`` (the clock starts just before that command is run, so the
tmux client's own start, about 3 ms, is counted against the app); its *redraw burst* is the
output that follows, ended by ``--quiet-ms`` (40 ms) of silence. Reported per key:

- *last byte*: from just before ``send-keys`` to the last byte of the burst;
- *last change*: to the last chunk that changed a cell of the screen (character or style).
  A small model of the terminal (:class:`Cells`) replays the output: after a move to
  another pair Textual lays the screen out again for the pair view's new height and
  repaints the scroll bars, frames that rewrite cells with what they already hold. This
  is when the reviewer has the new screen; *last byte* is when the terminal is quiet;
- *first byte*: when the app starts answering.

A burst counts only when ``tmux capture-pane -p`` then shows what the key must lead to (the
queue position in the top bar and the pair line ``#N id``, the order, the filter), so no
no-op is timed; a key whose screen never comes stops the run with the screen printed. The
cell model is checked against that capture every time (the count of disagreements is
printed; 0 expected).

What is measured, each round:

- *first screen*: from starting the app (its ``exec`` is released by a key) to the last
  byte of the first quiet screen showing pair 1 of the whole queue;
- *next pair*: ``--moves`` presses of ``j``, ``--pause`` seconds apart; median, 95th
  percentile and worst;
- the worst cases a reviewer can cause, ``--repeats`` times each: ``end`` (the last pair,
  a queue page near row 100,000), ``home``, ``o`` twice (order by risk, then back by
  position), ``/`` (the search bar opens; in a checkout before it, ``--src``, the filter
  dialog), a search (``陕西``: every pair filtered by text, 12,844 hits at 100,000 pairs;
  timed until the top bar shows the exact count), ``F`` (the filter cleared), and a search
  without a hit (``zzqx``: every pair read, nothing to show early). Each search is timed
  two ways. *Typed*: the text is sent, its screen waited for, and ``enter`` sent after
  ``--pause``; the search bar counts while the text is typed (a thread reads what enter
  needs, ~27 ms at 100,000 pairs), so its count has usually come by then and enter shows
  it at once. *Pasted with enter*: the text and a carriage return in one ``send-keys -l``,
  so the app reads them at once and nothing can be read ahead: enter reads the search
  itself (the first hits at once, ``≥101`` until a thread has counted the rest), the
  honest worst case. With ``--more-keys`` also ``esc``
  closing the search bar, ``f`` (the filter dialog opens) and ``esc`` closing it. A lone
  escape byte may be the start of a key's sequence, so the app waits for the rest: with
  Textual's own Linux driver 100 ms, seen only when its input thread wakes from a 100 ms
  ``select`` (``esc`` took 107-123 ms whatever the app did); the review UI's driver
  (``transreview.tui.driver``) waits 10 ms unless ``ESCDELAY`` is set.

Each round starts the reviewer at the top of the queue (the project remembers a reviewer's
place), so rounds are alike; with ``--rounds R`` the table adds min / median / max of each
round's figure. The tmux server is killed at the end (also on an error or Ctrl-C), so no
process is left behind.

Goal (issue 16): worst-case key to screen under 50 ms at 100,000 pairs in a real terminal.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.cells import get_character_cell_size

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_review import build  # noqa: E402

SESSION = "bench"
REVIEWER = "tmux-bench"
TOPBAR = re.compile(r"(\d+) of (\d+) · reviewed")
PAIR_LINE = re.compile(r"#(\d+) id ")
MISSING = "zzqx"  # in no generated pair
# What ``/`` opens: the search bar (its prompt), or in a checkout before it (``--src``) the
# filter dialog (its title); the search's screen shows neither.
SEARCH_OPEN = ("Search source and target:", "Filter the queue")


def search_open(text: str) -> bool:
    return any(s in text for s in SEARCH_OPEN)


class Output:
    """Reads the FIFO that ``pipe-pane`` writes to, stamping each chunk with its arrival."""

    def __init__(self, fifo: Path) -> None:
        # O_RDWR: opening never blocks and the FIFO never reads as closed between writers.
        self.fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        self.chunks: list[tuple[float, bytes]] = []
        self.cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                continue
            now = time.perf_counter()
            with self.cond:
                self.chunks.append((now, data))
                self.cond.notify_all()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        os.close(self.fd)

    def burst_end(self, start: int, quiet: float, deadline: float) -> int | None:
        """Wait until output came at or after chunk ``start`` and then stopped for ``quiet``
        seconds; the index after the burst's last chunk, or None at the deadline."""
        with self.cond:
            while True:
                now = time.perf_counter()
                if len(self.chunks) > start:
                    wait = self.chunks[-1][0] + quiet - now
                    if wait <= 0:
                        return len(self.chunks)
                else:
                    wait = deadline - now
                if now >= deadline:
                    return None
                self.cond.wait(timeout=min(wait, deadline - now))


class Cells:
    """Just enough of a terminal to tell whether output changed what the screen shows.

    Textual draws with absolute cursor moves, SGR styles and text (wide characters taking
    two cells); this keeps each cell's character and style, so a chunk that rewrites cells
    with what they already hold (a repaint that changes nothing) counts 0 changed cells.
    Checked against ``tmux capture-pane`` after every key.
    """

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}
        self.x = self.y = 0
        self.sgr = ""
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self._esc = ""  # an escape sequence not yet complete (a chunk may end inside one)

    def feed(self, data: bytes) -> int:
        """Apply ``data``; the number of cells whose character or style changed."""
        changed = 0
        for ch in self._decode(data):
            if self._esc:
                self._esc += ch
                changed += self._escape()
            elif ch == "\x1b":
                self._esc = ch
            elif ch == "\r":
                self.x = 0
            elif ch == "\n":
                self.y = min(self.y + 1, self.height - 1)
            elif ch == "\b":
                self.x = max(0, self.x - 1)
            elif ch >= " ":
                width = get_character_cell_size(ch)
                if width:
                    changed += self._put(ch)
                    if width == 2:
                        changed += self._put("")
        return changed

    def _put(self, ch: str) -> int:
        if self.x >= self.width:
            return 0
        key = (self.y, self.x)
        self.x += 1
        if self.cells.get(key, (" ", "")) == (ch, self.sgr):
            return 0
        self.cells[key] = (ch, self.sgr)
        return 1

    def _clear(self, keys: list[tuple[int, int]]) -> int:
        changed = 0
        for key in keys:
            if self.cells.pop(key, (" ", "")) != (" ", ""):
                changed += 1
        return changed

    def _escape(self) -> int:
        seq = self._esc
        kind = seq[1:2]
        if kind == "[":  # CSI: parameters, then a final byte @..~
            final = seq[-1]
            if len(seq) < 3 or not "@" <= final <= "~":
                return 0
            self._esc = ""
            return self._csi(seq[2:-1], final)
        if kind in ("]", "P", "_", "^"):  # OSC, DCS ...: up to BEL or ST
            if seq.endswith("\x07") or seq.endswith("\x1b\\"):
                self._esc = ""
            return 0
        if kind in ("(", ")", "#", "%") and len(seq) < 3:
            return 0
        self._esc = ""
        return 0

    def _csi(self, params: str, final: str) -> int:
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?<=>").split(";")]
        n = nums[0] or 1
        if final in "Hf":
            self.y = min(max(1, nums[0] or 1), self.height) - 1
            self.x = min(max(1, nums[1] if len(nums) > 1 and nums[1] else 1), self.width) - 1
        elif final == "m":
            if params in ("", "0"):
                self.sgr = ""
            elif params.startswith("0;"):
                self.sgr = params[2:]
            else:
                self.sgr = f"{self.sgr};{params}" if self.sgr else params
        elif final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.height - 1, self.y + n)
        elif final == "C":
            self.x = min(self.width - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final == "G":
            self.x = min(n, self.width) - 1
        elif final == "K":
            start, end = {0: (self.x, self.width), 1: (0, self.x + 1)}.get(nums[0], (0, self.width))
            return self._clear([(self.y, x) for x in range(start, end)])
        elif final == "X":
            return self._clear([(self.y, x) for x in range(self.x, min(self.width, self.x + n))])
        elif final == "J" or (final in "hl" and params in ("?1049", "?47", "?1047")):
            return self._clear(list(self.cells))
        return 0

    def text(self) -> list[str]:
        return ["".join(self.cells.get((y, x), (" ", ""))[0] for x in range(self.width)).rstrip()
                for y in range(self.height)]


@dataclass
class Timing:
    key_ms: float  # to the last byte of the burst that showed the expected screen
    first_ms: float  # to the first byte after the key
    changed_ms: float  # to the last byte that changed a cell of the screen
    bytes: int
    bursts: int  # > 1: the expected screen came only after a pause of at least quiet


@dataclass
class Round:
    first_screen: Timing | None = None
    score_s: float | None = None
    send_ms: list[float] = field(default_factory=list)
    keys: dict[str, list[Timing]] = field(default_factory=dict)
    stray_bytes: int = 0  # output while nothing was pressed (pauses between keys)
    hits: int = 0
    mismatches: int = 0


class Terminal:
    """One detached tmux session on a private socket, running the review UI."""

    def __init__(
        self, tmp: Path, db: Path, *, width: int, height: int, quiet: float, src: Path | None = None
    ) -> None:
        self.socket = f"transreview-bench-{os.getpid()}"
        self.quiet = quiet
        self.cells = Cells(width, height)
        self.fed = 0  # chunks applied to ``cells``
        self.mismatches = 0  # screens where ``cells`` and capture-pane disagree
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        self.env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
        self.env.pop("LC_ALL", None)
        if src is not None:  # another checkout's code, first on the path
            self.env["PYTHONPATH"] = os.pathsep.join(
                [str(src.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]
            )
        self.fifo = tmp / "out.fifo"
        if not self.fifo.exists():
            os.mkfifo(self.fifo)
        exe = Path(sys.executable).parent / "transreview"
        # The app waits for one line before it starts, so that the pipe is in place first
        # and the clock starts with the app's own start (no echo of that line).
        command = ["sh", "-c", 'stty -echo; read _; exec "$0" "$@"',
                   str(exe), "review", str(db), "--reviewer", REVIEWER]
        self.out: Output | None = None
        self.tmux("new-session", "-d", "-s", SESSION, "-x", str(width), "-y", str(height), *command)
        try:
            self.out = Output(self.fifo)
            self.tmux("pipe-pane", "-O", "-t", SESSION, f"cat >> {self.fifo}")
        except BaseException:
            self.kill()  # the server is up: never leave it behind
            raise

    def tmux(self, *args: str) -> str:
        r = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                           env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:2])}: {r.stderr.strip()}")
        return r.stdout

    @property
    def output(self) -> Output:
        assert self.out is not None, "the terminal is closed"
        return self.out

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", SESSION)

    def alive(self) -> bool:
        r = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", SESSION],
                           env=self.env, capture_output=True)
        return r.returncode == 0

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True)
        if self.out is not None:
            self.out.close()
            self.out = None

    def press(self, key: str, expect: Callable[[str], bool], *, literal: bool = False,
              timeout: float = 30.0) -> tuple[Timing, float, str]:
        """Send ``key`` and time the redraw until the screen satisfies ``expect``.

        Returns the timing, how long ``send-keys`` itself took, and the screen text."""
        out = self.output
        start = len(out.chunks)
        args = ["send-keys", "-t", SESSION] + (["-l"] if literal else []) + [key]
        t0 = time.perf_counter()
        self.tmux(*args)
        sent = time.perf_counter() - t0
        deadline = t0 + timeout
        bursts = 0
        text = ""
        since = start
        while True:
            end = out.burst_end(since, self.quiet, deadline)
            if end is None:
                raise RuntimeError(f"the screen after {key!r} never came; last screen:\n{text or self.screen()}")
            bursts += 1
            text = self.screen()
            if len(out.chunks) == end and expect(text):
                break
            since = end
        chunks = out.chunks[start:end]
        changed_at = t0
        for n, (t, data) in enumerate(out.chunks[self.fed:end], self.fed):
            if self.cells.feed(data) and n >= start:
                changed_at = t
        self.fed = end
        if [line.rstrip() for line in text.splitlines()] != self.cells.text()[: len(text.splitlines())]:
            self.mismatches += 1
        timing = Timing(key_ms=(chunks[-1][0] - t0) * 1000, first_ms=(chunks[0][0] - t0) * 1000,
                        changed_ms=(changed_at - t0) * 1000,
                        bytes=sum(len(data) for _, data in chunks), bursts=bursts)
        return timing, sent * 1000, text


def position(text: str) -> tuple[int, int] | None:
    m = TOPBAR.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def shows(pos: int, count: int | None = None, pair: int | None = None,
          also: Callable[[str], bool] = lambda _: True) -> Callable[[str], bool]:
    """The check of a screen: queue position ``pos`` (of ``count``), pair line ``#pair``."""

    def check(text: str) -> bool:
        p = position(text)
        if p is None or p[0] != pos or (count is not None and p[1] != count):
            return False
        m = PAIR_LINE.search(text)
        if pair is not None and (m is None or int(m.group(1)) != pair):
            return False
        return also(text)

    return check


def reset_place(db: Path) -> None:
    """Put the bench reviewer back at the top of the queue by position."""
    from transreview.review import ReviewSession

    with ReviewSession.open(db, REVIEWER) as session:
        session.remember_place("position", None)


def one_round(db: Path, args: argparse.Namespace) -> Round:
    reset_place(db)
    r = Round()
    tmp = Path(tempfile.mkdtemp(prefix="transreview-tmux-"))
    term = Terminal(
        tmp, db, width=args.width, height=args.height, quiet=args.quiet_ms / 1000, src=args.src
    )
    try:
        count = run_keys(term, r, args)
        r.hits = count
        # Quit as a reviewer does; the server is killed below in any case.
        term.tmux("send-keys", "-t", SESSION, "q")
        deadline = time.perf_counter() + 10
        while term.alive() and time.perf_counter() < deadline:
            time.sleep(0.05)
        r.mismatches = term.mismatches
    finally:
        term.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return r


def found(t: str) -> bool:
    """The search for 陕西 done: its first hit and its exact count (a "≥" is not a number)."""
    return "filter: “陕西”" in t and not search_open(t) and (position(t) or (0,))[0] == 1


def none_found(t: str) -> bool:
    """The search without a hit done: every pair's text read, nothing could be shown early."""
    return f"filter: “{MISSING}”" in t and not search_open(t) and position(t) == (0, 0)


def run_keys(term: Terminal, r: Round, args: argparse.Namespace) -> int:
    """The keys of one round; returns the number of pairs a search for 陕西 found."""

    def key(kind: str, k: str, expect: Callable[[str], bool], **kw) -> str:
        before = len(term.output.chunks)
        time.sleep(args.pause)
        r.stray_bytes += sum(len(data) for _, data in term.output.chunks[before:])
        timing, sent, text = term.press(k, expect, **kw)
        r.keys.setdefault(kind, []).append(timing)
        r.send_ms.append(sent)
        return text

    first = shows(1, pair=1, also=lambda t: "by position" in t)
    timing, _, text = term.press("Enter", first, timeout=60)
    r.first_screen = timing
    p = position(text)
    assert p is not None
    total = p[1]
    # The MQM score comes from a worker (on a new project it first counts the source
    # words): wait for it, so the moves do not share the CPU with that one-off count.
    t = time.perf_counter()
    while not re.search(r"MQM \d", text) and time.perf_counter() - t < 30:
        time.sleep(0.05)
        text = term.screen()
    r.score_s = timing.key_ms / 1000 + time.perf_counter() - t
    for i in range(1, args.moves + 1):
        key("next pair (j)", "j", shows(i + 1, total, pair=i + 1))
    hits = 0
    for _ in range(args.repeats):
        key("last pair (end)", "End", shows(total, total, pair=total))
        key("first pair (home)", "Home", shows(1, total, pair=1))
        key("order by risk (o)", "o", shows(1, total, also=lambda t: "by risk" in t))
        key("order by position (o)", "o", shows(1, total, pair=1, also=lambda t: "by position" in t))
        clear = shows(1, total, pair=1, also=lambda t: "filter:" not in t)
        key("search opens (/)", "/", search_open)
        term.press("陕西", lambda t: "陕西" in t, literal=True)  # typing into the field
        text = key("search 陕西 typed, enter", "Enter", found)
        hits = (position(text) or (0, 0))[1]
        key("clear filter (F)", "F", clear)
        key("search opens (/)", "/", search_open)
        key("search 陕西 pasted+enter", "陕西\r", found, literal=True)
        key("clear filter (F)", "F", clear)
        if args.more_keys:
            key("search opens (/)", "/", search_open)
            key("search closes (esc)", "Escape", shows(1, total, pair=1, also=lambda t: not search_open(t)))
        key("search opens (/)", "/", search_open)
        term.press(MISSING, lambda t: MISSING in t, literal=True)
        key(f"search {MISSING} typed, enter", "Enter", none_found)
        key("clear filter (F)", "F", clear)
        key("search opens (/)", "/", search_open)
        key(f"search {MISSING} pasted+enter", MISSING + "\r", none_found, literal=True)
        key("clear filter (F)", "F", clear)
        if args.more_keys:
            key("filter dialog (f)", "f", lambda t: "Filter the queue" in t)
            key("filter dialog closes (esc)", "Escape",
                shows(1, total, pair=1, also=lambda t: "Filter the queue" not in t))
    return hits


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[max(0, int(len(s) * q) - 1)]


def report(rounds: list[Round], args: argparse.Namespace, pairs: int) -> None:
    print(f"{pairs:,} pairs, {args.width}x{args.height}, {len(rounds)} round(s), "
          f"quiet {args.quiet_ms:.0f} ms, pause {args.pause * 1000:.0f} ms; load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    many = len(rounds) > 1

    def spread(values: list[float], fmt: str = "{:.1f}") -> str:
        if not many:
            return fmt.format(values[0])
        return "/".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))

    def row(label: str, values: list[str], width: int) -> str:
        return f"{label:<28}" + "".join(f"{v:>{width}}" for v in values)

    first = [r.first_screen.key_ms for r in rounds if r.first_screen]
    first_changed = [r.first_screen.changed_ms for r in rounds if r.first_screen]
    print(f"first screen: last byte {spread(first, '{:.0f}')} ms, last change "
          f"{spread(first_changed, '{:.0f}')} ms" + ("   (min/median/max of rounds)" if many else ""))
    scores = [r.score_s * 1000 for r in rounds if r.score_s is not None]
    if scores:
        print(f"  MQM score shown by {spread(scores, '{:.0f}')} ms")
    worst: dict[str, float] = {}
    width = 18 if many else 9
    for what, attr in (("last byte", "key_ms"), ("last change", "changed_ms"), ("first byte", "first_ms")):
        print(f"\nkey to {what}, ms" + (" (each: min/median/max of the rounds' figure)" if many else ""))
        print(row("key", ["n", "median", "p95", "worst"], width) + ("      KB" if attr == "key_ms" else ""))
        for kind in rounds[0].keys:
            per = [[getattr(t, attr) for t in r.keys[kind]] for r in rounds]
            worst[attr] = max(worst.get(attr, 0.0), *(max(v) for v in per))
            kb = statistics.median(t.bytes for r in rounds for t in r.keys[kind]) / 1024
            print(row(kind, [str(sum(len(v) for v in per)), spread([statistics.median(v) for v in per]),
                             spread([pct(v, 0.95) for v in per]), spread([max(v) for v in per])], width)
                  + (f"{kb:>8.1f}" if attr == "key_ms" else ""))
    late = sum(t.bursts > 1 for r in rounds for ts in r.keys.values() for t in ts)
    if late:
        print(f"({late} keys drew the expected screen only after a pause of at least {args.quiet_ms:.0f} ms)")
    sends = [s for r in rounds for s in r.send_ms]
    print(f"\nsend-keys itself (tmux client start to key in the pty): median {statistics.median(sends):.1f} ms, "
          f"worst {max(sends):.1f} ms (counted in the figures above)")
    print(f"search '陕西' hits {rounds[-1].hits:,}; output while no key was pending: "
          f"{sum(r.stray_bytes for r in rounds)} bytes; screens where the cell model and "
          f"capture-pane disagree: {sum(r.mismatches for r in rounds)}")
    for what, attr in (("last byte", "key_ms"), ("last change", "changed_ms")):
        print(f"worst key to {what} {worst[attr]:.1f} ms: goal (< 50 ms) "
              + ("met" if worst[attr] < 50 else "NOT met"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100_000, help="pairs of the project built (default 100,000)")
    ap.add_argument("--db", type=Path, default=None, help="project file to build or reuse")
    ap.add_argument("--moves", type=int, default=100, help="j presses a round (default 100)")
    ap.add_argument("--repeats", type=int, default=3, help="times each worst-case key is pressed a round")
    ap.add_argument("--rounds", type=int, default=1, help="app starts (default 1)")
    ap.add_argument("--pause", type=float, default=0.1, help="seconds between a screen and the next key")
    ap.add_argument("--quiet-ms", type=float, default=40.0, help="silence that ends a redraw burst")
    ap.add_argument("--src", type=Path, default=None,
                    help="another checkout's src, first on PYTHONPATH (to measure it: before/after)")
    ap.add_argument("--more-keys", action="store_true",
                    help="also time esc closing the search bar, f (the filter dialog opens) and esc "
                         "closing it")
    ap.add_argument("--width", type=int, default=120)
    ap.add_argument("--height", type=int, default=40)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("bench_tui_tmux: tmux is not installed")
    # A kill of this script ends the tmux server too (the finally clauses run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    db = args.db or Path(tempfile.gettempdir()) / f"transreview-bench-{args.pairs}.db"
    built = build(db, args.pairs)
    if built:
        print(f"built {db} ({args.pairs:,} pairs) in {built:.1f} s", flush=True)
    rounds = [one_round(db, args) for _ in range(args.rounds)]
    from transreview.review import ReviewSession

    with ReviewSession.open(db, REVIEWER) as session:
        pairs = session.progress()[1]
    report(rounds, args, pairs)


if __name__ == "__main__":
    main()
