"""iOS/macOS ``.strings``: ``en.lproj/Localizable.strings`` + ``zh-Hans.lproj/Localizable.strings``.

Two monolingual files make one input, paired by key (see :mod:`transreview.formats.pairing`
for how the files are found: the ``.lproj`` folders, both files named, or a folder holding
them; a flat name ending in the language, ``app_zh-Hans.strings``, counts too).

The file is ``"key" = "value";`` entries with ``/* */`` and ``//`` comments, UTF-8 or
UTF-16 (with its BOM). Values are read with their escapes decoded (``\\"``, ``\\n``,
``\\U00e9``…). The comment before an entry goes into ``Pair.meta["comment"]`` and one on
the entry's own line after the ``;`` into ``meta["line_comment"]`` (some projects name
there the tool that wrote the translation). A key missing from the translation is a pair with an empty target; a key
only in the translation a pair with an empty source and ``meta["orphan"]``.

Export patches the translation's text: only corrected values change (an unchanged export
is byte-identical, in the file's own encoding); a missing key is appended.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import pairing
from transreview.formats.base import (
    Format,
    PatchJob,
    ReadOptions,
    WriteJob,
    apply_edits,
    marked_note,
)
from transreview.model import Pair

NAME = "strings"

_SOURCE_LANGS = ("en", "base")
_FLAT = re.compile(r"[_.-]((?:en|Base|zh)(?:[-_][A-Za-z]+)*)$")


# --------------------------------------------------------------------------- layout


def _lang_of(path: Path) -> str | None:
    if path.parent.suffix == ".lproj":
        return path.parent.stem
    m = _FLAT.search(path.stem)
    return m.group(1) if m else None


def role(path: Path) -> pairing.Role:
    lang = _lang_of(path)
    if lang is None:
        return None
    if lang.lower().split("-")[0].split("_")[0] in _SOURCE_LANGS:
        return "source", None
    return "target", lang


def _sources_for(target: Path) -> list[Path]:
    if target.parent.suffix == ".lproj":
        base = target.parent.parent
        return [base / "en.lproj" / target.name, base / "Base.lproj" / target.name]
    m = _FLAT.search(target.stem)
    if not m:
        return []
    stem = target.stem[: m.start(1)]
    return [target.with_name(f"{stem}en{target.suffix}"), target.with_name(f"{stem}Base{target.suffix}")]


def doc_name(target: Path) -> str:
    """``zh-Hans.lproj_Localizable.strings``: every translation has the same file name."""
    if target.parent.suffix == ".lproj":
        return f"{target.parent.name}_{target.name}"
    return target.name


LAYOUT = pairing.Layout("iOS .strings", role, _sources_for, doc_name,
                        "zh-Hans.lproj/Localizable.strings")


def group(paths: Sequence[Path]) -> list[tuple[str, tuple[Path, ...]]]:
    return pairing.group(LAYOUT, paths)


def discover(directory: Path) -> list[Path]:
    """Chinese ``.strings`` under a folder, each with an ``en``/``Base`` source beside it."""
    found: list[Path] = []
    for lproj in sorted(directory.rglob("*.lproj")):
        if not lproj.is_dir() or not lproj.stem.lower().startswith("zh"):
            continue
        for f in sorted(lproj.glob("*.strings")):
            if any(s.exists() for s in _sources_for(f)):
                found.append(f)
    return found


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Entry:
    key: str
    value: str
    line: int
    start: int  # the entry's first character (its key)
    value_start: int  # the value token, quotes included
    value_end: int
    end: int  # after the ';'
    comment: str | None  # the comment just before the entry
    trailing: str | None = None  # a comment on the entry's own line, after the ';'


_ESC = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'", "0": "\0"}
_BARE = re.compile(r"[A-Za-z0-9_.$:/-]+")


def decode_bytes(data: bytes, where: str | Path) -> tuple[str, str]:
    """(text, codec): UTF-16 by its BOM, else UTF-8 (a BOM allowed)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1 if codec != "utf-16" else None
        raise InputError(where, line, f"bytes that are not {codec.upper()}: a .strings file is UTF-8 "
                         "or UTF-16 with a BOM") from None


class _Parser:
    def __init__(self, text: str, where: str | Path) -> None:
        self.t = text
        self.i = 0
        self.where = where

    def line(self, pos: int | None = None) -> int:
        return self.t.count("\n", 0, self.i if pos is None else pos) + 1

    def fail(self, msg: str, pos: int | None = None) -> InputError:
        return InputError(self.where, self.line(pos), msg)

    def skip(self, comments: list[tuple[int, str]] | None = None) -> None:
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c in " \t\r\n\ufeff":
                self.i += 1
            elif t.startswith("/*", self.i):
                end = t.find("*/", self.i + 2)
                if end < 0:
                    raise self.fail("comment never closed (no '*/')")
                if comments is not None:
                    comments.append((self.i, t[self.i + 2 : end].strip()))
                self.i = end + 2
            elif t.startswith("//", self.i):
                end = t.find("\n", self.i)
                end = len(t) if end < 0 else end
                if comments is not None:
                    comments.append((self.i, t[self.i + 2 : end].strip()))
                self.i = end
            else:
                return

    def token(self) -> str:
        t = self.t
        if self.i < len(t) and t[self.i] == '"':
            start = self.i
            self.i += 1
            out: list[str] = []
            while True:
                if self.i >= len(t):
                    raise self.fail("string never closed (no closing '\"')", start)
                c = t[self.i]
                if c == '"':
                    self.i += 1
                    return "".join(out)
                if c == "\\" and self.i + 1 < len(t):
                    n = t[self.i + 1]
                    if n in "uU" and re.fullmatch(r"[0-9A-Fa-f]{4}", t[self.i + 2 : self.i + 6]):
                        out.append(chr(int(t[self.i + 2 : self.i + 6], 16)))
                        self.i += 6
                        continue
                    out.append(_ESC.get(n, n))
                    self.i += 2
                    continue
                out.append(c)
                self.i += 1
        m = _BARE.match(t, self.i)
        if not m:
            raise self.fail(f"expected a quoted string, found {t[self.i:self.i + 10]!r}")
        self.i = m.end()
        return m.group(0)

    def expect(self, ch: str) -> None:
        if not self.t.startswith(ch, self.i):
            found = self.t[self.i : self.i + 10] or "the end of the file"
            raise self.fail(f"expected '{ch}', found {found!r}")
        self.i += 1


def parse(text: str, where: str | Path) -> list[Entry]:
    """The entries of a ``.strings`` text, in order; a syntax error names its line."""
    p = _Parser(text, where)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    comments: list[tuple[int, str]] = []
    while True:
        p.skip(comments)
        if p.i >= len(text):
            break
        if entries and comments:
            prev = entries[-1]
            same_line = [c for c in comments if "\n" not in text[prev.end : c[0]]]
            if same_line:
                entries[-1] = Entry(**{**prev.__dict__, "trailing": same_line[0][1]})
            comments = [c for c in comments if c not in same_line]
        start = p.i
        key = p.token()
        p.skip()
        p.expect("=")
        p.skip()
        v_start = p.i
        value = p.token()
        v_end = p.i
        p.skip()
        p.expect(";")
        line = p.line(start)
        if key in seen:
            raise InputError(where, line, f"duplicate key {key!r} (first on line {seen[key]})")
        seen[key] = line
        note = comments[-1][1] if comments else None
        entries.append(Entry(key, value, line, start, v_start, v_end, p.i, note or None))
        comments = []
    if entries and comments:
        prev = entries[-1]
        same_line = [c for c in comments if "\n" not in text[prev.end : c[0]]]
        if same_line:
            entries[-1] = Entry(**{**prev.__dict__, "trailing": same_line[0][1]})
    return entries


def _load(path: Path, data: bytes | None = None) -> tuple[list[Entry], str, str]:
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    text, codec = decode_bytes(data, path)
    return parse(text, path), text, codec


@dataclass(frozen=True)
class Unit:
    key: str
    src: Entry | None
    tgt: Entry | None


def paired(source: list[Entry], target: list[Entry]) -> list[Unit]:
    """Source order, then the keys only the translation has."""
    by_key = {e.key: e for e in target}
    src_keys = {e.key for e in source}
    units = [Unit(e.key, e, by_key.get(e.key)) for e in source]
    units += [Unit(e.key, None, e) for e in target if e.key not in src_keys]
    return units


# --------------------------------------------------------------------------- reading


def read(paths: Sequence[Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    opts = opts or ReadOptions()
    src_path, tgt_path = (Path(p) for p in paths)
    source, _, _ = _load(src_path)
    target, _, _ = _load(tgt_path)
    name = doc_name(tgt_path)
    for index, u in enumerate(paired(source, target)):
        meta: dict[str, Any] = {
            "format": NAME,
            "comment": (u.tgt.comment if u.tgt else None) or (u.src.comment if u.src else None),
            "line_comment": u.tgt.trailing if u.tgt else None,
            "source_comment": u.src.comment if u.src else None,
            "source_line": u.src.line if u.src else None,
        }
        if u.tgt is None:
            meta["missing"] = True
        if u.src is None:
            meta["orphan"] = True
        yield Pair(
            id=u.key, source=u.src.value if u.src else "", target=u.tgt.value if u.tgt else "",
            doc=name, index=index, line=u.tgt.line if u.tgt else (u.src.line if u.src else None),
            src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, meta=meta,
        )


# --------------------------------------------------------------------------- writing


def quote(text: str) -> str:
    """A ``.strings`` string literal for ``text``."""
    body = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))
    return f'"{body}"'


def write_patched(
    originals: tuple[bytes, bytes],
    out: Path,
    targets: Mapping[int, str],
    *,
    name: str = "translation.strings",
    notes: Mapping[int, list[str]] | None = None,
    drop: Collection[int] = (),
) -> dict[str, int]:
    """The translation with new values for the pairs (by ``index``) in ``targets``; the rest
    stays byte for byte. Notes become ``/* transreview: … */`` lines before the entry;
    ``drop`` removes entries. Returns counts."""
    source, _, _ = _load(Path("source.strings"), originals[0])
    target, text, codec = _load(Path(name), originals[1])
    units = paired(source, target)
    bad = sorted(i for i in [*targets, *(notes or {}), *drop] if not 0 <= i < len(units))
    if bad:
        raise TransreviewError(f"{name}: no string at position {bad[0]} (the file has {len(units)})")
    eol = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    stats = {"changed": 0, "created": 0, "notes": 0, "dropped": 0}
    for i, new in targets.items():
        u = units[i]
        if u.tgt is None:
            if new:
                appended.append(f"{quote(u.key)} = {quote(new)};{eol}")
                stats["created"] += 1
                stats["changed"] += 1
            continue
        if new != u.tgt.value:
            edits.append((u.tgt.value_start, u.tgt.value_end, quote(new)))
            stats["changed"] += 1
    for i, texts in (notes or {}).items():
        u = units[i]
        if u.tgt is None:
            continue
        ls = text.rfind("\n", 0, u.tgt.start) + 1
        body = "".join(f"/* {marked_note(t).replace('*/', '* /')} */{eol}" for t in texts)
        edits.append((ls, ls, body))
        stats["notes"] += len(texts)
    for i in sorted(set(drop)):
        u = units[i]
        if u.tgt is None:
            continue
        a, b = u.tgt.start, u.tgt.end
        ls = text.rfind("\n", 0, a) + 1
        nl = text.find("\n", b)
        if not text[ls:a].strip() and nl >= 0 and not text[b:nl].strip():
            a, b = ls, nl + 1
        edits.append((a, b, ""))
        stats["dropped"] += 1
    body = apply_edits(text, edits)
    if appended:
        if body and not body.endswith("\n"):
            body += eol
        body += "".join(appended)
    encoded = body.encode(codec) if codec != "utf-16" else _utf16(body, originals[1])
    with atomic_write(Path(out), "wb") as handle:
        handle.write(encoded)
    return stats


def _utf16(text: str, original: bytes) -> bytes:
    """UTF-16 in the original's byte order, its BOM kept (the decoded text lost it)."""
    if original.startswith(b"\xfe\xff"):
        return b"\xfe\xff" + text.encode("utf-16-be")
    return b"\xff\xfe" + text.encode("utf-16-le")


def write_new(path: Path, pairs: Sequence[Pair]) -> int:
    """A new UTF-8 ``.strings`` translation: ``"id" = "target";`` for each pair with a target,
    its comment kept above it."""
    lines: list[str] = []
    for pair in pairs:
        if not pair.target:
            continue
        comment = (pair.meta or {}).get("comment")
        if comment:
            lines.append(f"/* {str(comment).replace('*/', '* /')} */\n")
        lines.append(f"{quote(pair.id)} = {quote(pair.target)};\n")
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        out.write("".join(lines))
    return len(lines)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    if job.companion is None:
        raise TransreviewError(f"{job.name}: the project has no copy of the translation file")
    write_patched((job.original, job.companion), path, job.targets, name=job.name,
                  notes=job.notes, drop=job.drop)


FORMAT = Format(
    NAME, (".strings",), read=read, write=_write_job, patch=_patch_job, order=37,
    one_file_per_document=True, unit="string", group=group, discover=discover,
    summary="iOS .strings: en.lproj/ + zh-Hans.lproj/ (UTF-8 or UTF-16), paired by key",
    patch_notes=True,
)


__all__ = ["FORMAT", "discover", "group", "parse", "quote", "read", "role", "write_new", "write_patched"]
