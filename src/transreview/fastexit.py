"""End the command-line process without Python's teardown of its modules.

When a run is over, Python's normal exit frees every object the run built, one at a time:
jieba's dictionary (half a million words), the gazetteer and its tries, the checks' caches,
the modules themselves. That takes 60–80 ms, some 15% of a one-pair ``check`` and 3% of a
20,000-pair ``check --jobs 2``, and serves nothing: the operating system takes the memory
back at once when the process ends.

:func:`exit_now` does everything else a normal exit does, in the same order, and then ends
the process with ``os._exit``:

1. the other threads are waited for: if one that is not a daemon still runs, the normal
   exit is taken instead (``SystemExit``), which waits for it;
2. the ``atexit`` functions run (logging's shutdown, multiprocessing's finalizers,
   ``weakref.finalize`` objects such as temporary directories, coverage's data), through
   CPython's ``atexit._run_exitfuncs``; where that does not exist, the normal exit is taken;
3. standard output and standard error are flushed (a closed one is skipped); when one
   cannot be (a reader that went away: ``transreview check … | head``), the status is 120,
   as Python's own exit makes it.

Only the console entry point (``transreview.cli.main``) calls it: code that calls the CLI
in-process (click's test runner, a library user) keeps Python's exit, and its process.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

#: Python's exit status when flushing standard output fails at exit.
FLUSH_FAILED = 120


def exit_status(code: object) -> int:
    """The status ``SystemExit(code)`` ends a process with: None is 0, an int is itself (one
    beyond a C long is -1, as CPython reads it), anything else is printed to standard error
    and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code if -(2**63) <= code < 2**63 else -1
    try:
        print(code, file=sys.stderr)
    except (OSError, ValueError):
        pass
    return 1


def _threads_running() -> bool:
    main = threading.main_thread()
    return any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())


def exit_now(code: object = None) -> NoReturn:
    """End the process with the status ``sys.exit(code)`` would give, skipping module teardown."""
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None or _threads_running():
        raise SystemExit(code)
    status = exit_status(code)
    run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            status = FLUSH_FAILED
    os._exit(status & 0xFF)  # what the operating system keeps of any status


__all__ = ["FLUSH_FAILED", "exit_now", "exit_status"]
