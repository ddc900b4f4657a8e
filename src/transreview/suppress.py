"""Inline suppressions: a comment in the file itself that silences a check on one unit.

For formats with comments a team writes beside a string, like ruff's ``# noqa``::

    # transreview: ignore punctuation, repetition
    msgid "Hello, world"
    msgstr "你好,世界"

    <trans-unit id="greeting">
      <source>Hello, world</source><target>你好,世界</target>
      <note>transreview: ignore punctuation</note>
    </trans-unit>

Read from a PO entry's translator comments (``#``, ``Pair.meta["tcomment"]``; not the
``#.`` comments extracted from the program's source, which translators do not write) and
from XLIFF ``<note>`` elements (``Pair.meta["notes"]``). One marker per line; check names
separated by commas or spaces; ``all`` silences every check. A name that is no check
silences nothing, so a typo shows itself by the finding staying. The notes transreview's own
export writes (``transreview: major Accuracy/…``) never start with ``ignore``, so they are
never taken for a marker.

A suppressed finding is dropped from the run, as ``# noqa`` drops a ruff finding: it is
neither reported nor written to a baseline, and it does not fail the gate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from transreview.model import Pair, PairResult

MARKER = re.compile(r"^\s*transreview:\s*ignore\b(?P<names>[^\n]*)$", re.IGNORECASE | re.MULTILINE)
ALL = "all"


def _comments(pair: Pair) -> Iterable[str]:
    meta = pair.meta or {}
    tcomment = meta.get("tcomment")
    if isinstance(tcomment, str):
        yield tcomment
    notes = meta.get("notes")
    if isinstance(notes, list | tuple):
        yield from (n for n in notes if isinstance(n, str))


def suppressed_checks(pair: Pair) -> frozenset[str]:
    """The checks the pair's comments silence (``all`` for every check); empty if none."""
    names: set[str] = set()
    for text in _comments(pair):
        for m in MARKER.finditer(text):
            names.update(n.lower() for n in re.split(r"[\s,]+", m.group("names")) if n)
    return frozenset(names)


def without_suppressed(result: PairResult) -> PairResult:
    """``result`` without the findings its pair's inline markers silence."""
    if not result.findings:
        return result
    silenced = suppressed_checks(result.pair)
    if not silenced:
        return result
    if ALL in silenced:
        return replace(result, findings=())
    return replace(result, findings=tuple(f for f in result.findings if f.check not in silenced))


__all__ = ["MARKER", "suppressed_checks", "without_suppressed"]
