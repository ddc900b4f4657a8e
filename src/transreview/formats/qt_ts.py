"""Qt Linguist ``.ts``: ``<context>/<message>`` with ``<source>`` and ``<translation>``.

One pair per message, or per ``<numerusform>`` of a ``numerus="yes"`` message (Chinese
has one form). The id is ``context|source`` (``|comment`` added when the message has a
disambiguating ``<comment>``; ``[n]`` for a numerus form after the first). Messages whose
translation is ``type="vanished"`` or ``type="obsolete"`` are skipped: the program no
longer has them. ``type="unfinished"`` is kept in ``meta["state"]`` and reviewed like any
other (a corrected or approved message loses it on export). ``<comment>``,
``<extracomment>`` and ``<translatorcomment>`` go into ``meta``. ``&`` accelerators
(``&File`` → ``文件(&F)``) are text as written; ``meta["accelerators"]`` lists the
accelerator letter on each side so a check can compare them.

Reading streams the messages (``iterparse``). Export patches the original text: only the
content of corrected ``<translation>`` elements changes, so an unchanged export is
byte-identical; a reviewer's notes go into the message's ``<translatorcomment>``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import xmlsafe as xs
from transreview.formats.base import (
    Format,
    PatchJob,
    ReadOptions,
    WriteJob,
    apply_edits,
    marked_note,
    one_file,
)
from transreview.model import Pair

NAME = "ts"
_SKIPPED = frozenset({"vanished", "obsolete"})
_ACCEL = re.compile(r"&([^&\s])")


def accelerator(text: str) -> str | None:
    """The accelerator letter of a Qt text (``&File`` → ``F``; ``&&`` is a literal ``&``)."""
    m = _ACCEL.search(text.replace("&&", ""))
    return m.group(1).upper() if m else None


@dataclass(frozen=True)
class Unit:
    context: str
    message: etree._Element
    translation: etree._Element | None
    form: int | None  # numerus form, else None
    source: str
    target: str
    pair_id: str


def _text(el: etree._Element | None) -> str:
    return "".join(el.itertext()) if el is not None else ""


def _child_text(el: etree._Element, tag: str) -> str | None:
    child = el.find(tag)
    return _text(child) if child is not None else None


def message_units(context: str, msg: etree._Element) -> list[Unit]:
    """The units of one ``<message>``; none for a vanished or obsolete one."""
    tr = msg.find("translation")
    if tr is not None and tr.get("type") in _SKIPPED:
        return []
    source = _child_text(msg, "source") or ""
    comment = _child_text(msg, "comment")
    base = f"{context}|{source}" + (f"|{comment}" if comment else "")
    if msg.get("numerus") == "yes":
        forms = tr.findall("numerusform") if tr is not None else []
        plural = _child_text(msg, "source") or ""
        if not forms:
            return [Unit(context, msg, tr, 0, plural, "", base)]
        return [Unit(context, msg, tr, k, plural, _text(f), base if k == 0 else f"{base}[{k}]")
                for k, f in enumerate(forms)]
    return [Unit(context, msg, tr, None, source, _text(tr), base)]


def _meta(u: Unit) -> dict[str, Any]:
    msg, tr = u.message, u.translation
    meta: dict[str, Any] = {
        "format": NAME,
        "context": u.context,
        "state": tr.get("type") if tr is not None else "unfinished",
        "comment": _child_text(msg, "comment"),
        "extracomment": _child_text(msg, "extracomment"),
        "translatorcomment": _child_text(msg, "translatorcomment"),
        "locations": [f"{loc.get('filename', '')}:{loc.get('line', '')}" for loc in msg.findall("location")],
        "accelerators": [accelerator(u.source), accelerator(u.target)],
    }
    if u.form is not None:
        meta["numerus_form"] = u.form
    return meta


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of a ``.ts`` file, message by message."""
    path = Path(path)
    opts = opts or ReadOptions()
    index = 0
    context = ""
    seen: dict[str, int] = {}
    root_checked = False
    for event, el in xs.iterparse(path):
        if event == "start":
            if not root_checked:
                if el.tag != "TS":
                    raise InputError(path, el.sourceline,
                                     f"not a Qt Linguist file: the root is {xs.qname_for_humans(str(el.tag))}")
                root_checked = True
            continue
        if el.tag == "name" and el.getparent() is not None and el.getparent().tag == "context":
            context = _text(el)
        elif el.tag == "message":
            for u in message_units(context, el):
                line = el.sourceline
                if u.pair_id in seen:
                    raise InputError(path, line, f"message {u.pair_id!r} twice (first on line {seen[u.pair_id]})")
                seen[u.pair_id] = line or 0
                yield Pair(id=u.pair_id, source=u.source, target=u.target, doc=path.name, index=index,
                           line=line, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, meta=_meta(u))
                index += 1
            el.clear(keep_tail=True)
        elif el.tag == "context":
            el.clear(keep_tail=True)


def units(root: etree._Element) -> list[Unit]:
    out: list[Unit] = []
    for ctx in root.iter("context"):
        name = _child_text(ctx, "name") or ""
        for msg in ctx.iter("message"):
            out.extend(message_units(name, msg))
    return out


# --------------------------------------------------------------------------- patching


def _escape(text: str) -> str:
    """Text as lupdate writes it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


_TR_OPEN = re.compile(r"<translation\b[^>]*?(/?)>")
_FORM_OPEN = re.compile(r"<numerusform\b[^>]*?(/?)>")
_TYPE_ATTR = re.compile(r"""\s+type\s*=\s*(["'])unfinished\1""")


def write_patched(original: bytes, out: Path, targets: Mapping[int, str], *, name: str = "file.ts",
                  reviewed: Collection[int] = (), notes: Mapping[int, list[str]] | None = None,
                  ) -> dict[str, int]:
    """The file with new text for the pairs (by ``index``) in ``targets``; corrected and
    approved messages lose ``type="unfinished"``. ``notes`` (reviewer notes, by ``index``)
    go into the message's ``<translatorcomment>``, Qt Linguist's place for the translator's
    own remarks: appended on lines of their own to one already there, else a new element
    before ``<translation>``. Nothing else changes."""
    tree = xs.parse_bytes(original, name)
    all_units = units(tree.getroot())
    notes = {i: texts for i, texts in (notes or {}).items() if texts}
    bad = sorted(i for i in [*targets, *reviewed, *notes] if not 0 <= i < len(all_units))
    if bad:
        raise TransreviewError(f"{name}: no message at position {bad[0]} (the file has {len(all_units)})")
    encoding = tree.docinfo.encoding or "utf-8"
    text = original.decode(encoding)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    # the units touched, by message: message start line -> [(unit, new text)]
    by_message: dict[int, list[tuple[Unit, str]]] = {}
    for i in sorted({*targets, *reviewed}):
        u = all_units[i]
        new = targets.get(i, u.target)
        changed = new != u.target
        unfinished = u.translation is not None and u.translation.get("type") == "unfinished"
        if changed or unfinished:
            by_message.setdefault(id(u.message), []).append((u, new))
    edits: list[tuple[int, int, str]] = []
    stats = {"changed": 0, "finished": 0, "notes": 0}
    noted: dict[int, tuple[Unit, list[str]]] = {}
    for i in sorted(notes):
        u = all_units[i]
        noted.setdefault(id(u.message), (u, []))[1].extend(notes[i])
    for u0, texts in noted.values():
        edits.append(_translatorcomment_edit(text, starts, u0, texts, name))
        stats["notes"] += len(texts)
    for touched in by_message.values():
        u0 = touched[0][0]
        if u0.translation is None:
            raise TransreviewError(f"{name}: message {u0.pair_id!r} has no <translation> to patch")
        m = _TR_OPEN.search(text, starts[(u0.message.sourceline or 1) - 1])
        if m is None:
            raise TransreviewError(f"{name}: cannot locate the <translation> of {u0.pair_id!r}")
        self_closing = bool(m.group(1))
        close = m.end() if self_closing else text.find("</translation>", m.end())
        content = "" if self_closing else text[m.end():close]
        open_tag = _TYPE_ATTR.sub("", m.group(0), count=1)
        stats["finished"] += open_tag != m.group(0)
        if self_closing:
            open_tag = open_tag[:-2].rstrip() + ">"
        for u, new in touched:
            if new == u.target:
                continue
            stats["changed"] += 1
            if u.form is None:
                content = _escape(new)
                continue
            forms = list(_FORM_OPEN.finditer(content))
            if u.form >= len(forms) or forms[u.form].group(1):
                raise TransreviewError(f"{name}: cannot locate numerus form {u.form} of {u.pair_id!r}")
            fm = forms[u.form]
            fend = content.find("</numerusform>", fm.end())
            content = content[: fm.end()] + _escape(new) + content[fend:]
        end = m.end() if self_closing else close + len("</translation>")
        edits.append((m.start(), end, f"{open_tag}{content}</translation>"))
    with atomic_write(Path(out), "wb") as handle:
        handle.write(apply_edits(text, edits).encode(encoding))
    return stats


_TC_OPEN = re.compile(r"<translatorcomment\b[^>]*?(/?)>")


def _translatorcomment_edit(text: str, starts: list[int], u: Unit, notes: list[str],
                            name: str) -> tuple[int, int, str]:
    """The edit that adds ``notes`` to the message's ``<translatorcomment>``."""
    begin = starts[(u.message.sourceline or 1) - 1]
    tr = _TR_OPEN.search(text, begin)
    if tr is None:
        raise TransreviewError(f"{name}: message {u.pair_id!r} has no <translation> to note beside")
    body = "\n".join(_escape(marked_note(n)) for n in notes)
    tc = _TC_OPEN.search(text, begin, tr.start())
    if tc is None:
        line_start = text.rfind("\n", 0, tr.start()) + 1
        indent = text[line_start:tr.start()]
        indent = indent if indent.strip() == "" else ""
        return tr.start(), tr.start(), f"<translatorcomment>{body}</translatorcomment>\n{indent}"
    if tc.group(1):  # <translatorcomment/>
        return tc.start(), tc.end(), f"{tc.group(0)[:-2].rstrip()}>{body}</translatorcomment>"
    close = text.find("</translatorcomment>", tc.end())
    old = text[tc.end():close]
    return tc.end(), close, f"{old}\n{body}" if old else body


def write_new(path: Path, pairs: Sequence[Pair], *, tgt_lang: str = "zh") -> int:
    """A new ``.ts`` file: pairs grouped into their ``<context>`` (pairs of other formats go
    into one context named ``transreview``); pairs without a target are ``unfinished``."""
    contexts: dict[str, list[Pair]] = {}
    for pair in pairs:
        meta = pair.meta or {}
        ctx = str(meta.get("context")) if meta.get("format") == NAME else "transreview"
        contexts.setdefault(ctx, []).append(pair)
    lang = "zh_CN" if tgt_lang.lower() in ("zh", "zh-cn", "zh-hans") else tgt_lang.replace("-", "_")
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n',
             f'<TS version="2.1" language="{_escape(lang)}">\n']
    for ctx, items in contexts.items():
        parts.append(f"<context>\n    <name>{_escape(ctx)}</name>\n")
        for pair in items:
            kind = ' type="unfinished"' if not pair.target else ""
            notes = [str(n) for n in (pair.meta or {}).get("notes") or ()]
            comment = ("        <translatorcomment>" + "\n".join(_escape(marked_note(n)) for n in notes)
                       + "</translatorcomment>\n") if notes else ""
            parts.append(f"    <message>\n        <source>{_escape(pair.source)}</source>\n{comment}"
                         f"        <translation{kind}>{_escape(pair.target)}</translation>\n    </message>\n")
        parts.append("</context>\n")
    parts.append("</TS>\n")
    body = "".join(parts)
    xs.check_xml_chars(body, str(path))
    with atomic_write(Path(path), "w", encoding="utf-8") as handle:
        handle.write(body)
    return len(pairs)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs, tgt_lang=job.tgt_lang)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(job.original, path, job.targets, name=job.name, reviewed=job.reviewed,
                  notes=job.notes)


FORMAT = Format(
    NAME, (".ts",), read=one_file(read), write=_write_job, patch=_patch_job, order=41, one_file_per_document=True,
    unit="message",
    summary="Qt Linguist .ts: contexts, unfinished, numerus forms; vanished/obsolete skipped",
    patch_notes=True, write_notes=True,
)


__all__ = ["FORMAT", "accelerator", "read", "units", "write_new", "write_patched"]
