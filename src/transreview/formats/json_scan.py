"""Where things are in a JSON text: every string leaf and every object, by key path.

The standard ``json`` module gives values but not positions; a patch that changes one
string must know where that string's token sits, so the rest of the file (its key order,
indentation, escapes the author chose) stays byte for byte. The text is first validated by
``json.loads`` (its error messages and line numbers); this scanner then walks the same
grammar recording spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from transreview.errors import InputError

Key = tuple[str | int, ...]

_WS = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


@dataclass(frozen=True)
class Leaf:
    path: Key
    value: str
    start: int  # the string token, quotes included
    end: int
    line: int


@dataclass(frozen=True)
class Obj:
    path: Key
    start: int  # '{'
    end: int  # the closing '}'
    empty: bool


@dataclass
class Scan:
    leaves: list[Leaf] = field(default_factory=list)
    objects: dict[Key, Obj] = field(default_factory=dict)


def load(data: bytes, where: str | Path) -> tuple[str, object]:
    """(text, value) of a UTF-8 JSON file (a BOM allowed); bad input names its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(where, data[: e.start].count(b"\n") + 1, "bytes that are not UTF-8") from None
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(where, e.lineno, f"not valid JSON: {e.msg}") from None
    except RecursionError:
        raise InputError(where, None, "JSON nested too deeply to read") from None


def scan(text: str) -> Scan:
    """Spans of every string leaf and object of a text ``json.loads`` accepted."""
    out = Scan()
    line_at = _LineCounter(text)

    def ws(i: int) -> int:
        m = _WS.match(text, i)
        return m.end() if m else i

    def value(i: int, path: Key) -> int:
        i = ws(i)
        c = text[i]
        if c == "{":
            start = i
            i = ws(i + 1)
            empty = text[i] == "}"
            while text[i] != "}":
                m = _STRING.match(text, i)
                assert m is not None
                key = json.loads(m.group(0))
                i = ws(m.end())
                i = value(i + 1, (*path, key))  # past ':'
                i = ws(i)
                if text[i] == ",":
                    i = ws(i + 1)
            out.objects[path] = Obj(path, start, i, empty)
            return i + 1
        if c == "[":
            i = ws(i + 1)
            k = 0
            while text[i] != "]":
                i = ws(value(i, (*path, k)))
                k += 1
                if text[i] == ",":
                    i = ws(i + 1)
            return i + 1
        if c == '"':
            m = _STRING.match(text, i)
            assert m is not None
            out.leaves.append(Leaf(path, json.loads(m.group(0)), i, m.end(), line_at(i)))
            return m.end()
        for word in ("true", "false", "null"):
            if text.startswith(word, i):
                return i + len(word)
        m = _NUMBER.match(text, i)
        assert m is not None
        return m.end()

    value(0, ())
    return out


class _LineCounter:
    """Line numbers of increasing offsets, counted incrementally."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def __call__(self, i: int) -> int:
        if i < self.pos:
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, i)
        self.pos = i
        return self.line


def quote(text: str) -> str:
    """A JSON string token in the style most i18n files use (non-ASCII kept as is)."""
    return json.dumps(text, ensure_ascii=False)


__all__ = ["Key", "Leaf", "Obj", "Scan", "load", "quote", "scan"]
