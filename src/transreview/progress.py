"""The progress line of long commands (check, import, export, report): rich, on stderr.

Shown only where someone watches: on a terminal (stderr a TTY), never with ``--quiet``,
never in a pipe or a CI log, where a redrawn line would be garbage. ``--progress`` /
``--no-progress`` (``check``) decide over the TTY rule. The pair counter of check and import
appears only once a run has taken a second, so quick runs show nothing; the spinner of
export and report is transient (erased when the step ends).

The pair counter is refreshed by hand (``auto_refresh=False``): rich's refresh thread would
be running while the process pool of ``check --jobs`` forks its workers.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

AFTER_S = 1.0  # a run shorter than this never shows a progress line


def progress_wanted(flag: bool | None = None, *, quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """Whether to show progress: the explicit flag if given, else not when quiet, else only
    when ``stream`` (stderr) is a terminal."""
    if flag is not None:
        return flag
    if quiet:
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-less stream
        return False


def _console(console: Any) -> Any:
    if console is not None:
        return console
    from rich.console import Console

    return Console(stderr=True)


class PairProgress:
    """``VERB 12,345 pairs  0:00:07`` on stderr, updated with the number of pairs done."""

    def __init__(self, enabled: bool, verb: str = "checked", *, after: float = AFTER_S,
                 console: Any = None) -> None:
        self.enabled = enabled
        self.verb = verb
        self.after = after
        self.start = time.monotonic()
        self._console = console
        self._progress: Any = None
        self._task: Any = None
        self._last = 0.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._progress is None:
            if now - self.start < self.after:
                return
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn(self.verb + " {task.completed:,.0f} pairs"),
                TimeElapsedColumn(),
                console=_console(self._console),
                transient=True,
                auto_refresh=False,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.verb, total=None)
        if now - self._last >= 0.1:
            self._progress.update(self._task, completed=done)
            self._progress.refresh()
            self._last = now

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextmanager
def working(enabled: bool, what: str, *, console: Any = None) -> Iterator[None]:
    """A spinner ``WHAT …  0:00:03`` on stderr while the block runs (steps without a pair
    counter: writing an export, building a report). Transient: gone when the block ends."""
    if not enabled:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    # stdout is left alone: a report written to it must not pass through the stderr console
    with Progress(SpinnerColumn(), TextColumn(what + " …"), TimeElapsedColumn(),
                  console=_console(console), transient=True, redirect_stdout=False) as bar:
        bar.add_task(what, total=None)
        bar.refresh()
        yield


__all__ = ["AFTER_S", "PairProgress", "progress_wanted", "working"]
