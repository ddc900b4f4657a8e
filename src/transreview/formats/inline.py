"""Inline codes of XLIFF and TMX segments: read as protected tokens, written back as they were.

:func:`tokenize` reads a source and a target segment element into text in which every inline
code stands as one private-use character (see :mod:`transreview.codes` for why), plus the
side table that says what each token is. The same code on both sides (same kind, same id) gets
the same token, so a check compares tokens, and a reviewer's correction carries them.
:func:`rebuild` is the way back: it refills a segment element from text with tokens, putting
a copy of each code's original element where its token stands. Atomic codes (``<x/>``,
``<bpt>…</bpt>``, ``<ph>``) come back whole with their content; wrapping elements (``<g>``,
``<pc>``, ``<mrk>``, ``<hi>``) are two tokens, an opening and a closing, and come back around
whatever text the reviewer left between them.

A code a reviewer deleted stays deleted (it was an explicit act, and the ``tags`` check
reports it); a code nobody touched is never lost. A closing token without its opening, or an
opening left unclosed, cannot be nested as XML: :func:`rebuild` drops the stray closing and
closes the opening at the end of the segment, and counts both as *repaired* so the export
summary says so.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from transreview import codes as tokens
from transreview.errors import InputError
from transreview.formats import xmlsafe as xs


def _attr(*names: str) -> Callable[[etree._Element], str | None]:
    def get(el: etree._Element) -> str | None:
        for name in names:
            value = el.get(name)
            if value is not None:
                return value
        return None

    return get


@dataclass(frozen=True)
class Dialect:
    """Which elements of a format are codes and how a code is identified.

    ``atomic``: codes whose content is native code (a token each; content kept, not text).
    Any other element inside a segment wraps text and becomes an opening and a closing
    token. ``opens``/``closes``: atomic codes that begin or end a paired code. ``ident``:
    the identity of a code (matched between source and target); ``pair_key``: what ties an
    opening to its closing (``<bpt id="p1">`` to ``<ept id="p1">``; TMX ``i``; XLIFF 2
    ``startRef``). ``group`` maps a closing kind to its opening kind.
    """

    atomic: frozenset[str]
    opens: frozenset[str]
    closes: frozenset[str]
    group: dict[str, str]
    ident: Callable[[etree._Element], str | None]
    pair_key: Callable[[etree._Element], str | None]
    cp: bool = False


XLIFF1 = Dialect(
    atomic=frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut"}),
    opens=frozenset({"bx", "bpt"}),
    closes=frozenset({"ex", "ept"}),
    group={"ex": "bx", "ept": "bpt"},
    ident=_attr("id", "mid"),
    pair_key=_attr("rid", "id", "mid"),
)
XLIFF2 = Dialect(
    atomic=frozenset({"ph", "sc", "ec", "sm", "em"}),
    opens=frozenset({"sc", "sm"}),
    closes=frozenset({"ec", "em"}),
    group={"ec": "sc", "em": "sm"},
    ident=_attr("id", "startRef"),
    pair_key=_attr("startRef", "id"),
    cp=True,
)
TMX = Dialect(
    atomic=frozenset({"ph", "bpt", "ept", "it", "ut"}),
    opens=frozenset({"bpt"}),
    closes=frozenset({"ept"}),
    group={"ept": "bpt"},
    ident=_attr("i", "x"),
    pair_key=_attr("i", "x"),
)


@dataclass
class _Code:
    element: etree._Element
    kind: str
    role: str  # ph | open | close
    wrapper: bool


@dataclass
class Tokenized:
    """Both sides of a unit as text with tokens, the table, and each token's element."""

    source: str
    target: str
    table: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: token → (element to copy, is a wrapper); the target's element where it has one
    templates: dict[str, tuple[etree._Element, bool]] = field(default_factory=dict)


def _pieces(
    elem: etree._Element | None, d: Dialect, path: str | Path
) -> list[str | _Code]:
    out: list[str | _Code] = []
    if elem is not None:
        _walk(elem, d, out, path, xs.namespace(elem.tag))
    return out


def _walk(elem: etree._Element, d: Dialect, out: list[str | _Code], path: str | Path, ns: str) -> None:
    """The pieces of ``elem``: text, and codes. An element of another namespace than the
    segment's (an ``<xi:include/>``, never processed) is opaque: one code, content kept."""
    out.append(elem.text or "")
    for child in elem:
        if child.tag is etree.Entity:
            raise InputError(
                path,
                child.sourceline or elem.sourceline,
                f"entity reference {child.text} cannot be resolved: external DTDs are never "
                "read; write the character itself or a numeric reference (&#...;)",
            )
        name = xs.local(child.tag)
        if not name:
            pass  # comment or processing instruction: not text, not a code
        elif name == "cp" and d.cp and child.get("hex"):
            try:
                out.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                pass
        elif xs.namespace(child.tag) != ns:
            out.append(_Code(child, name, "ph", False))
        elif name in d.atomic:
            role = "open" if name in d.opens else "close" if name in d.closes else "ph"
            out.append(_Code(child, name, role, False))
        else:
            out.append(_Code(child, name, "open", True))
            _walk(child, d, out, path, ns)
            out.append(_Code(child, name, "close", True))
        out.append(child.tail or "")


def _key(code: _Code, d: Dialect, seen: dict[tuple[str, str], int]) -> tuple[str, str, str]:
    ident = d.ident(code.element)
    if ident is None:
        n = seen.get((code.kind, code.role), 0) + 1
        seen[(code.kind, code.role)] = n
        ident = f"#{n}"
    return code.kind, code.role, ident


def _xml(code: _Code) -> str:
    """The code as XML without the segment's namespace (an opening or closing tag alone for
    a wrapper), for display and for writing a new file."""
    el = code.element
    ns = xs.namespace(el.tag) if isinstance(el.tag, str) else ""
    if code.wrapper:
        if code.role == "close":
            return f"</{xs.local(el.tag)}>"
        shell = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
        raw = _serialize(shell, ns)
        return raw[:-2] + ">" if raw.endswith("/>") else raw[: raw.index(">") + 1]
    clone = copy.deepcopy(el)
    clone.tail = None
    return _serialize(clone, ns)


def _serialize(el: etree._Element, ns: str) -> str:
    if ns:
        for node in el.iter():
            if isinstance(node.tag, str) and xs.namespace(node.tag) == ns:
                node.tag = xs.local(node.tag)
        etree.cleanup_namespaces(el)
    return etree.tostring(el, encoding="unicode", with_tail=False)


def tokenize(
    source: etree._Element | None,
    target: etree._Element | None,
    d: Dialect,
    path: str | Path = "<xml>",
) -> Tokenized:
    """Source and target as text with one token per inline code, and the table."""
    src = _pieces(source, d, path)
    tgt = _pieces(target, d, path)
    if not any(isinstance(p, _Code) for p in (*src, *tgt)):
        return Tokenized("".join(p for p in src if isinstance(p, str)),
                         "".join(p for p in tgt if isinstance(p, str)))
    keyed: list[list[tuple[str, str, str] | str]] = []
    order: list[tuple[str, str, str]] = []
    found: dict[tuple[str, str, str], dict[str, _Code]] = {}
    for side, pieces in (("src", src), ("tgt", tgt)):
        seen: dict[tuple[str, str], int] = {}
        opened: dict[int, str] = {}  # a wrapper's closing takes its opening's identity
        keys: list[tuple[str, str, str] | str] = []
        for piece in pieces:
            if isinstance(piece, str):
                keys.append(piece)
                continue
            if piece.wrapper and piece.role == "close":
                key = (piece.kind, "close", opened[id(piece.element)])
            else:
                key = _key(piece, d, seen)
                if piece.wrapper:
                    opened[id(piece.element)] = key[2]
            if key not in found:
                found[key] = {}
                order.append(key)
            found[key].setdefault(side, piece)
            keys.append(key)
        keyed.append(keys)
    avoid = "".join(p for p in (*src, *tgt) if isinstance(p, str))
    avoid += "".join("".join(c.element.itertext()) for c in (*src, *tgt) if isinstance(c, _Code))
    chars = tokens.allocate(len(order), set(avoid))
    char_of = dict(zip(order, chars, strict=True))
    numbers: dict[tuple[str, str], int] = {}
    result = Tokenized("", "")
    for key in order:
        kind, role, _ = key
        side_codes = found[key]
        first = side_codes.get("tgt") or side_codes["src"]
        pair = d.pair_key(first.element) if role != "ph" or first.wrapper else None
        if first.wrapper:
            pair = f"{kind}:{key[2]}"
        group = (d.group.get(kind, kind), pair) if pair is not None else (kind, f"{role}:{key[2]}")
        n = numbers.setdefault(group, len(numbers) + 1)
        ch = char_of[key]
        result.table[ch] = {
            "kind": kind,
            "role": role,
            "id": key[2],
            "pair": pair,
            "n": n,
            "src": _xml(side_codes["src"]) if "src" in side_codes else None,
            "tgt": _xml(side_codes["tgt"]) if "tgt" in side_codes else None,
        }
        result.templates[ch] = (first.element, first.wrapper)
    result.source, result.target = (
        "".join(k if isinstance(k, str) else char_of[k] for k in keys)
        for keys in keyed
    )
    return result


def plain(elem: etree._Element | None, d: Dialect) -> str:
    """The text of ``elem`` with its own codes as tokens, read alone (no counterpart side);
    used to tell whether a kept segment still reads as a pair's text."""
    return tokenize(None, elem, d).target


def rebuild(
    elem: etree._Element,
    text: str,
    templates: dict[str, tuple[etree._Element, bool]],
    table: tokens.CodeTable,
) -> int:
    """Refill ``elem`` with ``text``, each token becoming a copy of its code; the repairs.

    Copies are taken before ``elem`` is emptied (a template may be one of its children).
    A closing token whose opening is not the innermost open wrapper is dropped; an opening
    never closed wraps the rest of the segment. Each counts as one repair.
    """
    parts: list[tuple[str, etree._Element | None, str]] = []  # (kind, element, text)
    for ch in text:
        if ch in templates:
            template, wrapper = templates[ch]
            role = table[ch].get("role", "ph")
            if wrapper and role == "open":
                shell = copy.copy(template)
                for child in list(shell):
                    shell.remove(child)
                shell.text = None
                shell.tail = None
                parts.append(("open", shell, ch))
            elif wrapper:
                parts.append(("close", None, ch))
            else:
                clone = copy.deepcopy(template)
                clone.tail = None
                parts.append(("code", clone, ch))
        else:
            parts.append(("text", None, ch))
    for child in list(elem):
        elem.remove(child)
    elem.text = None
    repairs = 0
    # stack of [container, last child appended, pair of the opening token]
    stack: list[list[Any]] = [[elem, None, None]]

    def add_text(s: str) -> None:
        frame = stack[-1]
        if frame[1] is None:
            frame[0].text = (frame[0].text or "") + s
        else:
            frame[1].tail = (frame[1].tail or "") + s

    for kind, node, value in parts:
        if kind == "text":
            add_text(value)
        elif kind == "code":
            stack[-1][0].append(node)
            stack[-1][1] = node
        elif kind == "open":
            stack[-1][0].append(node)
            stack[-1][1] = node
            stack.append([node, None, table[value].get("pair")])
        else:
            if len(stack) > 1 and stack[-1][2] == table[value].get("pair"):
                stack.pop()
            else:
                repairs += 1
    repairs += len(stack) - 1
    return repairs




def replace(
    target: etree._Element,
    source: etree._Element | None,
    text: str,
    d: Dialect,
    path: str | Path = "<xml>",
) -> tuple[str, int]:
    """Make ``target`` read as ``text`` (with tokens, as :func:`tokenize` gave them).

    Returns the outcome and the repairs. A segment pair without codes goes through
    :func:`xmlsafe.replace_text` as before (``"untouched"``, ``"kept"``, ``"flattened"``);
    with codes, an unchanged text is ``"untouched"`` and anything else is rebuilt around the
    codes (``"kept"``). Tokens of codes only the source has (a reviewer put a missing code
    back) become copies of the source's element.
    """
    tok = tokenize(source, target, d, path)
    if not _carries_tokens(text, tok):
        return xs.replace_text(target, text, d.atomic, path), 0
    if tok.target == text:
        return "untouched", 0
    return "kept", rebuild(target, text, tok.templates, tok.table)


def from_kept(
    kept: tuple[Any, Any],
    texts: tuple[str, str],
    names: tuple[str, str],
    nsmap: dict[str | None, str] | None,
    d: Dialect,
) -> tuple[etree._Element | None, etree._Element | None]:
    """Source and target elements for a new file from the inline XML a pair kept.

    ``kept`` holds the kept XML of each side (None when missing), ``texts`` the pair's text
    with tokens. Sides whose kept XML is missing or broken come back None (the caller writes
    plain text); a side whose text changed is rebuilt around the codes, so the tokens of the
    pair's table (allocated the same way at reading) come back as their elements.
    """
    els: list[etree._Element | None] = []
    for xml, name in zip(kept, names, strict=True):
        els.append(xs.parse_fragment(xml, name, nsmap) if isinstance(xml, str) else None)
    src, tgt = els
    if src is None:
        return None, None
    if tgt is None and texts[1]:
        tgt = xs.parse_fragment("", names[1], nsmap)
    tok = tokenize(src, tgt, d)
    for el, old, new in ((src, tok.source, texts[0]), (tgt, tok.target, texts[1])):
        if el is None or old == new:
            continue
        if _carries_tokens(new, tok):
            rebuild(el, new, tok.templates, tok.table)
        else:
            xs.replace_text(el, new, d.atomic)
    return src, tgt


def _carries_tokens(text: str, tok: Tokenized) -> bool:
    return bool(tok.table) and any(ch in tok.table for ch in text)


__all__ = ["TMX", "XLIFF1", "XLIFF2", "Dialect", "Tokenized", "from_kept", "plain", "rebuild", "replace", "tokenize"]
