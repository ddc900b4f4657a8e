"""Untrusted text shown on a terminal stays text: the one sanitiser for every user string.

Segment text, pair ids, file names and reviewer names come from files anyone can write. A
terminal interprets some characters as commands: ESC starts sequences that set the window
title, write the clipboard (OSC 52), clear the screen or move the cursor to paint a fake
"All checks passed"; C1 controls (U+0080–U+009F, e.g. U+009B, the one-character CSI) do
the same on terminals that honour them; bidirectional overrides and isolates
(U+202A–U+202E, U+2066–U+2069) reorder what is shown, so a reversed "12" reads as "21"
(the "Trojan Source" trick). :func:`visible` turns each of them into a visible stand-in:

* C0 controls (U+0000–U+001F) become their Control Pictures (ESC → ``␛``, NUL → ``␀``,
  LF → ``␊``), DEL becomes ``␡``; tab is kept (and any character listed in ``keep``);
* C1 controls become ``⟨U+009B⟩``;
* bidi embeddings, overrides and isolates become their names: ``⟨RLO⟩``, ``⟨PDI⟩``…;
  the line and paragraph separators U+2028/U+2029 become ``⟨LS⟩``/``⟨PS⟩`` (a log reader
  would break the line there).

Every other character, Chinese included, is unchanged, so a clean string is shown exactly
as it is. The text report, the import and export summaries, the one-line errors and the
review UI all call :func:`visible`; files written for machines (JSON, TSV, exports) keep
the text byte-exact.

:func:`no_workflow_command` is the second terminal rule: GitHub Actions reads a log line
whose first non-blank characters are ``::`` as a workflow command (``::add-mask::``,
``::stop-commands::``), so a line of the text report that would start with a pair id or
file name beginning with ``::`` gets a visible ``›`` in front.
"""

from __future__ import annotations

import re

BIDI_NAMES = {
    0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
    0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
    0x2028: "LS", 0x2029: "PS",
}


def _table() -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
    table[0x7F] = "\u2421"
    table.update({c: f"⟨U+{c:04X}⟩" for c in range(0x80, 0xA0)})
    table.update({c: f"⟨{name}⟩" for c, name in BIDI_NAMES.items()})
    return table


_TABLE = _table()
_IN_PLACE = {
    **{c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"},
    0x7F: "\u2421",
    **{c: "\ufffd" for c in range(0x80, 0xA0)},
    **{c: "\u21c4" for c in BIDI_NAMES if c not in (0x2028, 0x2029)},
    0x2028: "\u21b5", 0x2029: "\u21b5",
}
_TABLES: dict[str, dict[int, str]] = {}


def visible(text: str, keep: str = "\t") -> str:
    """``text`` with every terminal control and bidi control shown as a visible stand-in.

    ``keep`` lists the characters passed through (tab by default; ``"\\t\\n"`` for text
    that is meant to span lines, such as a multi-line summary).
    """
    table = _TABLES.get(keep)
    if table is None:
        table = {c: s for c, s in _TABLE.items() if chr(c) not in keep}
        _TABLES[keep] = table
    return text.translate(table)


def visible_in_place(text: str) -> str:
    """Like :func:`visible`, one character for one: where offsets into the text matter
    (the review UI styles finding spans and the reviewer's selection by offset). C0
    controls become their Control Pictures, C1 controls ``�``, bidi controls ``⇄``, the
    line/paragraph separators ``↵``; tab and line feed are kept."""
    return text.translate(_IN_PLACE)


def _json_table() -> dict[int, str]:
    table = {c: f"\\u{c:04x}" for c in range(0x80, 0xA0)}
    table.update({c: f"\\u{c:04x}" for c in BIDI_NAMES})
    table.update({c: f"\\u{c:04x}" for c in range(0xD800, 0xE000)})
    return table


_JSON_TABLE = _json_table()
# The same characters as a class: searching a line for one is some fifty times faster than
# translating it, and almost every line of a report holds none.
_JSON_UNSAFE = re.compile(
    "[\x80-\x9f\ud800-\udfff" + "".join(re.escape(chr(c)) for c in sorted(BIDI_NAMES)) + "]"
)


def json_safe(document: str) -> str:
    """A JSON text with C1 controls, bidi controls and lone surrogates written as ``\\uXXXX``.

    Those characters can only occur inside JSON strings, where the escape means the same
    character: the document parses to exactly the same data, but no raw C1 byte reaches a
    terminal that shows it, and a lone surrogate (which UTF-8 cannot encode) no longer
    stops the writer half-way through the document. C0 controls are escaped by
    :func:`json.dumps` itself.
    """
    return document.translate(_JSON_TABLE) if _JSON_UNSAFE.search(document) else document


def no_workflow_command(line: str) -> str:
    """``line`` with a ``›`` in front when GitHub Actions would take it for a workflow command."""
    return "›" + line if line.lstrip().startswith("::") else line


def is_clean(text: str) -> bool:
    """Whether ``text`` holds no character :func:`visible` would replace (besides tab and LF)."""
    return visible(text, "\t\n") == text


__all__ = ["BIDI_NAMES", "is_clean", "json_safe", "visible_in_place", "no_workflow_command", "visible"]
