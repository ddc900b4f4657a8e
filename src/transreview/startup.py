"""No cyclic garbage collection while ``check`` starts: start-up allocates, it makes no garbage.

A run's start-up imports some 200 modules, compiles some 200 regular expressions and builds
the gazetteer's indexes: hundreds of thousands of objects that live as long as the process.
CPython's cyclic collector still walks them every so many allocations (in a one-pair run a
full collection and some 160 younger ones, about 20 ms, a tenth of the run). So ``check``
pauses collection when it starts (:func:`pause`) and the run resumes it when its pairs
start (:func:`resume`, in :mod:`transreview.pipeline`, before any worker is forked), first
moving everything start-up made into the collector's permanent generation (``gc.freeze``,
as Python's documentation advises before a fork): later collections, in this process and in
the workers, no longer walk those objects nor write to the memory pages the workers share
copy-on-write. Reference counting frees objects as ever; only a reference cycle made during
start-up would now outlive it.

Only a pause made here is resumed: a library caller's own ``gc.disable()`` is left alone, and
a run that never pauses (the library API, other commands) resumes nothing.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop cyclic collection until :func:`resume` (if it runs at all)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what was allocated so far and collect again, if :func:`pause` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


__all__ = ["pause", "resume"]
