"""Placeholders: the variables a program fills into a localized string.

A placeholder is code, not language: it must come through a translation unchanged (the
placeholders check compares the two sides), and the language checks must leave it alone
(``VAR_PLURAL, plural, one`` in a Chinese target is not untranslated English). This module
is the one place that says what a placeholder looks like.

Styles read, as localization files from Mozilla, Apple, Android, Qt, gettext and Angular
write them:

- printf, with positions, flags, width, precision and length: ``%s %d %1$s %@ %lld %.1f``
  (``%%`` is an escaped percent sign, not a placeholder; a space flag is not read, so
  "50% discount" is not ``% d``);
- Python: ``%(name)s``;  Qt: ``%1`` … ``%99``, ``%L1``, ``%n``;  ``%name%`` (``%users%``);
- braces: ``{0}``, ``{name}``, ``{{var}}``, ``${var}`` (a single brace pair holds no spaces:
  KeePassXC's "found extra { or }" is prose about brace characters, not a variable ``or``);
- ICU MessageFormat: ``{count, plural, one {# item} other {# items}}``: the argument name,
  the keyword (``plural``, ``select``, ``selectordinal``) and each branch's selector
  (``one``, ``other``, ``=0``, a select value) are read as code; the branches' text is
  language and is searched for placeholders (``#``, nested ``{name}``) in turn.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: ICU keywords of a complex argument.
ICU_KEYWORDS = frozenset({"plural", "select", "selectordinal"})
#: CLDR plural categories (and explicit ``=N``) a plural branch may be selected by.
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


class Placeholder(NamedTuple):
    """One placeholder: its kind, its exact text and span, and the key sides are compared by.

    ``kind``: printf | python | qt | percent-name | brace | icu-arg | icu-keyword |
    icu-selector. ``key`` is the text itself, except for ICU parts (the argument name, the
    keyword, the selector), whose surrounding syntax varies with spacing.
    """

    kind: str
    text: str
    start: int
    end: int
    key: str


_SIMPLE = re.compile(
    r"(?P<python>%\([^\W\d]\w*\)[-+0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])"
    r"|(?P<percentname>%[A-Za-z_][\w.-]*%)"
    r"|(?P<printf>%(?:\d+\$)?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSp@])"
    r"|(?P<qt>%L?\d{1,2}|%n)"
    r"|(?P<brace>\{\{\s*[\w.\-]+\s*\}\}|\$\{\s*[\w.\-]+\s*\}|\{[\w.\-]+\})"
    r"|(?P<escape>%%)"
)
# The head of an ICU complex argument: "{name, keyword," (the keyword as written, which
# may be a translated one: "{count, 复数,").
_ICU_HEAD = re.compile(r"\{\s*([^\W\d][\w.\-]*)\s*,\s*([^,{}]+?)\s*,")
_SELECTOR = re.compile(r"\s*(=\d+|[^\s{}]+)\s*\{")
# What every placeholder outside braces starts with (each branch of _SIMPLE but the brace
# one begins with "%" and then a character that is never whitespace): the pre-test of
# find_placeholders, which skips the full scan for "50% of the vote".
_PERCENT_ARGUMENT = re.compile(r"%\S")


def _match_brace(text: str, open_at: int) -> int:
    """Index just after the brace matching the one at ``open_at`` (len(text) if unclosed)."""
    depth = 0
    for i in range(open_at, len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _icu(text: str, start: int, end: int, out: list[Placeholder], inside: bool) -> None:
    """Read ``text[start:end]``: ICU arguments as code, their branches' text recursively."""
    pos = start
    while pos < end:
        head = _ICU_HEAD.search(text, pos, end)
        simple_end = head.start() if head else end
        _simple(text, pos, simple_end, out, inside)
        if head is None:
            return
        close = min(_match_brace(text, head.start()), end)
        out.append(Placeholder("icu-arg", text[head.start(1) : head.end(1)], head.start(1), head.end(1),
                               "{" + head.group(1) + "}"))
        out.append(Placeholder("icu-keyword", head.group(2), head.start(2), head.end(2), head.group(2)))
        p = head.end()
        while p < close - 1:
            sel = _SELECTOR.match(text, p, close - 1)
            if sel is None:
                break
            out.append(Placeholder("icu-selector", sel.group(1), sel.start(1), sel.end(1), sel.group(1)))
            branch_open = sel.end() - 1
            branch_close = _match_brace(text, branch_open)
            _icu(text, branch_open + 1, branch_close - 1, out, True)
            p = branch_close
        pos = close


def _simple(text: str, start: int, end: int, out: list[Placeholder], inside: bool) -> None:
    for m in _SIMPLE.finditer(text, start, end):
        kind = m.lastgroup or ""
        if kind == "escape":
            continue
        kind = "percent-name" if kind == "percentname" else kind
        out.append(Placeholder(kind, m.group(), m.start(), m.end(), m.group()))
    if inside:  # "#" is the number of a plural branch
        for i in range(start, end):
            if text[i] == "#":
                out.append(Placeholder("icu-number", "#", i, i + 1, "#"))


def find_placeholders(text: str) -> list[Placeholder]:
    """Every placeholder of ``text``, in order of position."""
    out: list[Placeholder] = []
    if "{" not in text and ("%" not in text or _PERCENT_ARGUMENT.search(text) is None):
        return out  # "50% of" holds none: every placeholder without braces is % and a non-space
    _icu(text, 0, len(text), out, False)
    out.sort(key=lambda p: p.start)
    return out


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are placeholder syntax, not language (for the language checks)."""
    return [(p.start, p.end) for p in find_placeholders(text) if p.kind != "icu-number"]
