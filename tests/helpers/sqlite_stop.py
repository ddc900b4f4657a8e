"""SQLite statements that run until they are stopped, and a way to stop one from another
thread: for the tests of interrupted reads (the review UI's stale counts, split searches)."""

from __future__ import annotations

import threading
import time
from typing import Any

# A statement that runs until it is interrupted (a counter that never ends).
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
# Long (half a minute or so), not endless: a test that waits for it fails, not hangs.
LONG = FOREVER.replace("FROM c)", "FROM c WHERE x < 300000000)")


def stopped(read: Any, interrupt: Any, begun: threading.Event | None = None) -> BaseException | None:
    """Run ``read`` in a thread and ``interrupt`` (again every 10 ms: with no statement
    running yet it does nothing) until it ends, once ``begun`` is set if given (a read
    stopped before its statement begins is never run); what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            read()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            raised.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    if begun is not None:
        assert begun.wait(timeout=30), "the read never began"
    deadline = time.monotonic() + 30
    while thread.is_alive() and time.monotonic() < deadline:
        interrupt()
        thread.join(timeout=0.01)
    assert not thread.is_alive(), "the read was never stopped"
    return raised[0] if raised else None
