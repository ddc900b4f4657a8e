"""Character diff of a correction against the original, as styled Rich text.

Characters, not words: a Chinese correction changes one or two characters (陕 → 山) and a
word diff would hide that inside a whole jieba word.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

from rich.text import Text

from transreview.sanitize import visible_in_place

Op = tuple[Literal["equal", "insert", "delete"], str]

INSERT_STYLE = "bold black on green"
DELETE_STYLE = "strike white on red"


def char_diff(old: str, new: str) -> list[Op]:
    """``old`` → ``new`` as equal / delete / insert runs (a replace is a delete then an insert)."""
    ops: list[Op] = []
    sm = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("delete", old[i1:i2]))
        if j2 > j1:
            ops.append(("insert", new[j1:j2]))
    return ops


def diff_text(old: str, new: str) -> Text:
    """The diff as one line of Rich text: deletions struck on red, insertions on green;
    controls in the text shown visibly (:func:`visible_in_place`)."""
    out = Text()
    for op, raw in char_diff(old, new):
        chunk = visible_in_place(raw)
        if op == "equal":
            out.append(chunk)
        elif op == "insert":
            out.append(chunk, style=INSERT_STYLE)
        else:
            out.append(chunk, style=DELETE_STYLE)
    return out


def diff_hunks(old: str, new: str, *, context: int = 6) -> Text:
    """Only the changed places, each with ``context`` characters either side, joined by
    ``…``: a one-character fix deep in a long paragraph (陕 → 山 at character 81) fits on one
    line, so the reviewer sees it without scrolling through the whole paragraph."""
    ops = char_diff(old, new)
    out = Text()
    pieces: list[Text] = []
    current = Text()
    for n, (op, raw) in enumerate(ops):
        chunk = visible_in_place(raw)
        if op == "insert":
            current.append(chunk, style=INSERT_STYLE)
        elif op == "delete":
            current.append(chunk, style=DELETE_STYLE)
        else:
            first, last = n == 0, n == len(ops) - 1
            if len(chunk) <= 2 * context and not first and not last:
                current.append(chunk)
                continue
            if not first:
                current.append(chunk[:context] + ("…" if len(chunk) > context else ""))
            if current.plain:
                pieces.append(current)
            current = Text()
            if not last:
                current.append(("…" if len(chunk) > context else "") + chunk[-context:])
    if current.plain and any(op != "equal" for op, _ in ops):
        pieces.append(current)
    for n, piece in enumerate(pieces):
        if n:
            out.append("  ")
        out.append_text(piece)
    return out
