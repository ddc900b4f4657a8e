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
