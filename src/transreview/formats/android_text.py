"""Android string resource text: the escapes and quoting ``aapt`` applies, both ways.

A ``<string>`` holds text in Android's own syntax on top of XML: ``\\'``, ``\\"``, ``\\n``,
``\\t``, ``\\\\``, ``\\@``, ``\\?`` and ``\\uXXXX`` escapes; an unescaped ``"`` opens or closes
a quoted stretch where whitespace is kept; elsewhere a run of whitespace is one space and
the ends are trimmed. The checks must read what the user sees (``don't``, a real newline),
so :func:`decode` applies those rules and keeps, for every character it gives, where it came
from in the raw text; :func:`encode` writes a reviewer's text back so that it decodes to
exactly that text.
"""

from __future__ import annotations

_SIMPLE = {"n": "\n", "t": "\t", "'": "'", '"': '"', "\\": "\\", "@": "@", "?": "?"}


def decode(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as Android shows it, and for each of its characters the raw span it came from."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    collapsed: list[bool] = []  # the character is a run of unquoted whitespace (trimmable)
    quoted = False
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\\" and i + 1 < n:
            nxt = raw[i + 1]
            if nxt == "u" and i + 6 <= n:
                try:
                    out.append(chr(int(raw[i + 2 : i + 6], 16)))
                    spans.append((i, i + 6))
                    collapsed.append(False)
                    i += 6
                    continue
                except ValueError:
                    pass
            out.append(_SIMPLE.get(nxt, nxt))
            spans.append((i, i + 2))
            collapsed.append(False)
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
            i += 1
            continue
        if not quoted and ch in " \t\n\r":
            j = i
            while j < n and raw[j] in " \t\n\r":
                j += 1
            out.append(" ")
            spans.append((i, j))
            collapsed.append(True)
            i = j
            continue
        out.append(ch)
        spans.append((i, i + 1))
        collapsed.append(False)
        i += 1
    # trim the ends (only whitespace that came from unquoted runs)
    if collapsed and collapsed[0]:
        out.pop(0)
        spans.pop(0)
        collapsed.pop(0)
    if collapsed and collapsed[-1]:
        out.pop()
        spans.pop()
    return "".join(out), spans


def encode(text: str, *, at_start: bool = True, at_end: bool = True) -> str:
    """Raw Android text that decodes to ``text``.

    ``at_start``/``at_end``: the piece begins/ends the string, where a leading ``@``/``?``
    must be escaped (else it is a resource reference) and edge spaces would be trimmed.
    """
    parts: list[str] = []
    for k, ch in enumerate(text):
        if ch == "\\":
            parts.append("\\\\")
        elif ch == "'":
            parts.append("\\'")
        elif ch == '"':
            parts.append('\\"')
        elif ch == "\n":
            parts.append("\\n")
        elif ch == "\t":
            parts.append("\\t")
        elif ch in "@?" and k == 0 and at_start:
            parts.append("\\" + ch)
        elif ch == " " and (
            (k > 0 and text[k - 1] == " ")
            or (k == 0 and at_start)
            or (k == len(text) - 1 and at_end)
        ):
            parts.append("\\u0020")  # a space Android would collapse or trim
        else:
            parts.append(ch)
    return "".join(parts)


__all__ = ["decode", "encode"]
