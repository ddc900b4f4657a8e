"""gettext ``.po`` / ``.pot``: one pair per translation (per plural form), read with polib.

What a pair is. An entry's ``msgid`` is the source and its ``msgstr`` the target. The
pair id is the msgid, prefixed by ``msgctxt|`` when the entry has a context (gettext keys
an entry by context *and* msgid, so two entries may share a msgid). A plural entry gives
one pair per form the header's ``Plural-Forms: nplurals=N`` asks for (ids end in ``[n]``
when N > 1); form 0 is the singular ``msgid``, the others ``msgid_plural``. A language
with one form (Chinese: ``nplurals=1``) translates every count with that form, so its
one pair's source is ``msgid_plural``, the text that names the count generically.

Kept in ``Pair.meta``: ``fuzzy`` (the translator was unsure; the unit is reviewable like
any other), ``flags`` (``python-format``, ``c-format``… tell a placeholder check which
syntax to expect), ``comment`` (``#.`` extracted), ``tcomment`` (``#`` translator
comments), ``occurrences`` (``#:``), ``msgctxt``, ``msgid_plural``, ``plural_form``.
Obsolete ``#~`` entries are skipped: they are no longer in the program. The header entry
is not a pair.

polib reads the whole file (it has no streaming API); PO files are small (a large one is
a few MB). Export patches the original text line by line (:func:`write_patched`): only
the ``msgstr`` lines of corrected entries change, so an unchanged export is byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob, marked_note, one_file
from transreview.model import Pair

NAME = "po"

_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_POLIB_LINE = re.compile(r"\(line (\d+)\)")


# --------------------------------------------------------------------------- reading


def _charset(data: bytes) -> str:
    """The header's declared charset (``CHARSET`` in a fresh template means UTF-8)."""
    head = data[:8192]
    found = _CHARSET.search(head)
    name = found.group(1).decode("ascii") if found else "utf-8"
    if name.upper() == "CHARSET":
        return "utf-8"
    return name


def _decode(data: bytes, where: str | Path) -> str:
    charset = _charset(data)
    try:
        text = data.decode(charset)
    except LookupError:
        raise InputError(where, None, f"unknown charset {charset!r} in the PO header") from None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            where, line, f"bytes that are not {charset} (as the PO header declares)"
        ) from None
    return text.removeprefix("\ufeff")


def _parse(text: str, where: str | Path) -> polib.POFile:
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as e:
        msg = str(e)
        found = _POLIB_LINE.search(msg)
        line = int(found.group(1)) if found else None
        detail = msg.split("): ", 1)[1] if "): " in msg else "syntax error"
        raise InputError(where, line, f"not a valid PO file: {detail}") from None


def nplurals(po: polib.POFile) -> int:
    """``nplurals`` of the ``Plural-Forms`` header; 2 (the gettext default) when absent."""
    found = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    return max(1, int(found.group(1))) if found else 2


@dataclass(frozen=True)
class Unit:
    """One translatable text of a PO file: an entry, or one plural form of an entry."""

    entry: polib.POEntry
    ordinal: int  # the entry's position among the live (non-obsolete, non-header) entries
    form: int | None  # plural form, None for a singular entry
    pair_id: str
    source: str
    target: str
    line: int


def units(po: polib.POFile, where: str | Path, lines: list[int] | None = None) -> Iterator[Unit]:
    """Every unit in file order; the order :func:`read` numbers pairs by (their ``index``).

    ``lines``: the first line of each live entry, as :func:`_locate` finds them."""
    forms = nplurals(po)
    seen: dict[str, int] = {}
    ordinal = 0
    for entry in po:
        if entry.obsolete:
            continue
        key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        line = lines[ordinal] if lines and ordinal < len(lines) else entry.linenum
        if key in seen:
            raise InputError(
                where, line, f"duplicate entry {key!r} (first on line {seen[key]}): msgfmt refuses it"
            )
        seen[key] = line
        if entry.msgid_plural:
            have = entry.msgstr_plural
            count = max(forms, max(have, default=-1) + 1)
            for n in range(count):
                source = entry.msgid if n == 0 and count > 1 else entry.msgid_plural
                pid = f"{key}[{n}]" if count > 1 else key
                yield Unit(entry, ordinal, n, pid, source, have.get(n, ""), line)
        else:
            yield Unit(entry, ordinal, None, key, entry.msgid, entry.msgstr, line)
        ordinal += 1


def _meta(unit: Unit) -> dict[str, Any]:
    e = unit.entry
    meta: dict[str, Any] = {
        "format": NAME,
        "fuzzy": "fuzzy" in e.flags,
        "flags": [f for f in e.flags if f != "fuzzy"],
        "msgctxt": e.msgctxt,
        "comment": e.comment or None,
        "tcomment": e.tcomment or None,
        "occurrences": [f"{p}:{n}" if n else p for p, n in e.occurrences],
    }
    if unit.form is not None:
        meta["msgid"] = e.msgid
        meta["msgid_plural"] = e.msgid_plural
        meta["plural_form"] = unit.form
    if "fuzzy" in e.flags:
        meta["state"] = "fuzzy"
    return meta


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The pairs of a PO or POT file, in file order (see the module docstring).

    Raises :class:`InputError` for undecodable bytes, a syntax error (with its line as
    polib reports it) and a duplicate entry.
    """
    path = Path(path)
    opts = opts or ReadOptions()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    text = _decode(data, path)
    return _pairs(path, _parse(text, path), _entry_lines(text), opts)


def _entry_lines(text: str) -> list[int]:
    """The 1-based first line of each live entry (polib's ``linenum`` is off by one after
    some layouts, e.g. an entry that follows an obsolete one)."""
    return [e.start + 1 for e in _live(_locate(_split_lines(text)))]


def _pairs(path: Path, po: polib.POFile, lines: list[int], opts: ReadOptions) -> Iterator[Pair]:
    for index, unit in enumerate(units(po, path, lines)):
        yield Pair(
            id=unit.pair_id,
            source=unit.source,
            target=unit.target,
            doc=path.name,
            index=index,
            line=unit.line,
            src_lang=opts.src_lang,
            tgt_lang=opts.tgt_lang,
            meta=_meta(unit),
        )


# --------------------------------------------------------------------------- the file's lines


@dataclass
class _Entry:
    """Where one live entry sits in the file's lines (0-based, end exclusive)."""

    start: int
    msgid_raw: list[str] = field(default_factory=list)
    has_ctxt: bool = False
    flags_line: int | None = None
    blocks: dict[int, tuple[int, int]] = field(default_factory=dict)  # form -> lines
    end: int = 0
    plural: bool = False

    def msgid(self) -> str:
        return polib.unescape("".join(self.msgid_raw))


def _split_lines(text: str) -> list[str]:
    """The lines with their ends (only ``\n`` ends a line in PO; ``\r`` stays on it)."""
    parts = text.split("\n")
    return [ln + "\n" for ln in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _live(entries: list[_Entry]) -> list[_Entry]:
    """The entries without the header (msgid "" and no context)."""
    return [e for e in entries if e.has_ctxt or e.msgid() != ""]


_QUOTED = re.compile(r'"(.*)"\s*$')
_MSGSTR = re.compile(r"msgstr(?:\[(\d+)\])?\s")


def _locate(lines: list[str]) -> list[_Entry]:
    """The live entries (header included) in file order, by a line scan of the PO grammar.

    polib gives the texts but not where each ``msgstr`` sits; this finds the lines so that
    a patch rewrites those and nothing else.
    """
    entries: list[_Entry] = []
    cur: _Entry | None = None
    fld = ""

    def close() -> None:
        nonlocal cur
        if cur is not None and cur.blocks:
            cur.end = max(e for _, e in cur.blocks.values())
            entries.append(cur)
        cur = None

    for i, raw in enumerate(lines):
        line = raw.rstrip("\r").lstrip()
        if cur is not None and cur.blocks and not line.startswith('"'):
            close()
        if not line:
            if cur is not None and not cur.msgid_raw:
                cur = None  # comments with no entry
            fld = ""
            continue
        if line.startswith("#~"):
            cur, fld = None, ""  # an obsolete entry, with the comments before it
            continue
        if cur is None:
            cur = _Entry(start=i)
        if line.startswith("#"):
            if line.startswith("#,"):
                cur.flags_line = i
            fld = ""
        elif line.startswith("msgctxt"):
            cur.has_ctxt, fld = True, "ctxt"
        elif line.startswith("msgid_plural"):
            cur.plural, fld = True, "plural"
        elif line.startswith("msgid"):
            fld = "msgid"
            m = _QUOTED.search(line[5:])
            cur.msgid_raw.append(m.group(1) if m else "")
        elif (m := _MSGSTR.match(line + " ")) is not None:
            fld = "msgstr"
            cur.blocks[int(m.group(1) or 0)] = (i, i + 1)
        elif line.startswith('"'):
            if fld == "msgid":
                q = _QUOTED.search(line)
                cur.msgid_raw.append(q.group(1) if q else "")
            elif fld == "msgstr":
                form = max(cur.blocks)
                s, _ = cur.blocks[form]
                cur.blocks[form] = (s, i + 1)
    close()
    return entries


def _po_string(keyword: str, text: str, eol: str, one_line: bool) -> list[str]:
    """``msgstr "…"`` lines for ``text``: one line when it has no inner newline and the
    original was one line (or is short), else ``msgstr ""`` and one line per ``\\n``."""
    if "\n" not in text.rstrip("\n") and (one_line or len(text) < 60):
        return [f'{keyword} "{polib.escape(text)}"{eol}']
    parts = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return [f'{keyword} ""{eol}', *(f'"{polib.escape(p)}"{eol}' for p in parts)]


def _without_fuzzy(line: str) -> str | None:
    """The ``#,`` line without ``fuzzy``; None when no flag is left."""
    eol = line[len(line.rstrip("\r\n")):]
    flags = [f.strip() for f in line.rstrip("\r\n")[2:].split(",")]
    kept = [f for f in flags if f and f != "fuzzy"]
    return f"#, {', '.join(kept)}{eol}" if kept else None


def write_patched(
    original: bytes,
    out: Path,
    targets: Mapping[int, str],
    *,
    name: str = "",
    notes: Mapping[int, list[str]] | None = None,
    reviewed: Collection[int] = (),
    drop: Collection[int] = (),
) -> dict[str, int]:
    """Write ``original`` to ``out`` with new ``msgstr`` text for the pairs (by ``index``)
    in ``targets``; nothing else changes, so with no changes the output is the input byte
    for byte.

    A corrected or reviewer-approved entry that was ``#, fuzzy`` loses that flag (other
    flags stay): a fuzzy translation is ignored by msgfmt, so keeping the flag would
    throw the review away. ``notes`` become translator comments (``# transreview: …``) at
    the top of the entry. An entry all of whose pairs are in ``drop`` is left out. The
    text is written in the file's own charset and line endings. Returns counts.
    """
    where = name or "original"
    text = _decode(original, where)
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    po = _parse(text, where)
    all_units = list(units(po, where))
    lines = _split_lines(text)
    located = _live(_locate(lines))
    live = all_units
    n_entries = (live[-1].ordinal + 1) if live else 0
    if len(located) != n_entries or any(
        located[u.ordinal].msgid() != u.entry.msgid for u in live if u.form in (None, 0)
    ):
        raise TransreviewError(f"{where}: cannot patch: the file's layout is not one this writer knows")
    bad = sorted(i for i in [*targets, *(notes or {}), *drop] if not 0 <= i < len(live))
    if bad:
        raise TransreviewError(f"{where}: no PO unit at position {bad[0]} (the file has {len(live)})")
    stats = {"changed": 0, "unfuzzied": 0, "notes": 0, "dropped": 0}
    # line index -> replacement lines (None: removed); applied bottom-up
    edits: dict[int, tuple[int, list[str]]] = {}
    touched: set[int] = set()
    for i, new in targets.items():
        unit = live[i]
        if new == unit.target:
            continue
        loc = located[unit.ordinal]
        form = unit.form or 0
        keyword = "msgstr" if unit.form is None else f"msgstr[{form}]"
        if form in loc.blocks:
            s, e = loc.blocks[form]
            eol = "\r\n" if lines[s].endswith("\r\n") else "\n"
            edits[s] = (e, _po_string(keyword, new, eol, one_line=e - s == 1))
        else:  # a plural form the file lacks: add it after the entry's last form
            last = max(loc.blocks.values(), key=lambda b: b[1])[1]
            eol = "\r\n" if lines[last - 1].endswith("\r\n") else "\n"
            if not lines[last - 1].endswith("\n"):
                lines[last - 1] += eol
            edits[last] = (last, _po_string(keyword, new, eol, one_line=True))
        stats["changed"] += 1
        touched.add(unit.ordinal)
    touched |= {live[i].ordinal for i in reviewed if 0 <= i < len(live)}
    entry_of = {u.ordinal: u.entry for u in live}
    for ordinal in touched:
        loc = located[ordinal]
        if loc.flags_line is not None and "fuzzy" in entry_of[ordinal].flags:
            fl = loc.flags_line
            kept = _without_fuzzy(lines[fl])
            edits[fl] = (fl + 1, [kept] if kept else [])
            stats["unfuzzied"] += 1
    inserts: dict[int, list[str]] = {}
    for i, texts in (notes or {}).items():
        loc = located[live[i].ordinal]
        eol = "\r\n" if lines[loc.start].endswith("\r\n") else "\n"
        inserts.setdefault(loc.start, []).extend(
            f"# {' '.join(marked_note(t).splitlines())}{eol}" for t in texts
        )
        stats["notes"] += len(texts)
    dropped_entries = _fully_dropped(live, drop)
    for ordinal in dropped_entries:
        loc = located[ordinal]
        end = loc.end
        while end < len(lines) and not lines[end].strip():
            end += 1
        edits[loc.start] = (end, [])
        inserts.pop(loc.start, None)
        stats["dropped"] += 1
    out_lines = _apply(lines, edits, inserts)
    with atomic_write(Path(out), "wb") as handle:
        handle.write((bom + "".join(out_lines)).encode(_charset(original)))
    return stats


def _fully_dropped(live: list[Unit], drop: Collection[int]) -> list[int]:
    dropped = set(drop)
    by_entry: dict[int, list[int]] = {}
    for i, u in enumerate(live):
        by_entry.setdefault(u.ordinal, []).append(i)
    return [o for o, idx in by_entry.items() if idx and all(i in dropped for i in idx)]


def _apply(
    lines: list[str], edits: Mapping[int, tuple[int, list[str]]], inserts: Mapping[int, list[str]]
) -> list[str]:
    """The lines with ``lines[start:end]`` replaced for each edit and ``inserts[i]`` put
    before line ``i``. Edits do not overlap, except an entry dropped whole, which swallows
    the edits inside it."""
    out: list[str] = []
    i = 0
    for start in sorted({*edits, *inserts}):
        if start < i:
            continue  # inside a dropped entry
        out.extend(lines[i:start])
        out.extend(inserts.get(start, ()))
        end, new = edits.get(start, (start, []))
        out.extend(new)
        i = end
    out.extend(lines[i:])
    return out


# --------------------------------------------------------------------------- writing new


def write_new(path: Path, pairs: Iterable[Pair], *, tgt_lang: str = "zh",
              reviewed: Collection[str] = ()) -> int:
    """A new PO file from pairs of any format: msgid = source, msgstr = target.

    Pairs read from PO keep their context, flags, comments and references, and plural
    forms come back together as one entry. A reviewed pair loses ``fuzzy``. Two pairs with
    the same source and context (possible from TMX or TSV) become one entry, the first
    kept, since gettext cannot hold both. Returns how many entries were written.
    """
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": tgt_lang.replace("-", "_"),
        "Plural-Forms": "nplurals=1; plural=0;" if tgt_lang.lower().startswith("zh") else
        "nplurals=2; plural=(n != 1);",
    }
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    for pair in pairs:
        meta: Mapping[str, Any] = pair.meta or {}
        same = meta.get("format") == NAME
        ctxt = meta.get("msgctxt") if same else None
        form = meta.get("plural_form") if same else None
        msgid_plural = meta.get("msgid_plural") if same else None
        if msgid_plural is not None and form is not None:
            msgid = str(meta.get("msgid") or pair.source)
            key = (ctxt, msgid)
            entry = by_key.get(key)
            if entry is None:
                entry = polib.POEntry(msgid=msgid, msgid_plural=msgid_plural, msgctxt=ctxt,
                                      msgstr_plural={})
                _decorate(entry, meta, pair, reviewed, same)
                by_key[key] = entry
                po.append(entry)
            entry.msgstr_plural[int(form)] = pair.target
            continue
        key = (ctxt, pair.source)
        if key in by_key:
            continue
        entry = polib.POEntry(msgid=pair.source, msgstr=pair.target, msgctxt=ctxt)
        _decorate(entry, meta, pair, reviewed, same)
        by_key[key] = entry
        po.append(entry)
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        out.write(str(po) + "\n")
    return len(po)


def _decorate(entry: polib.POEntry, meta: Mapping[str, Any], pair: Pair,
              reviewed: Collection[str], same: bool) -> None:
    if same:
        flags = list(meta.get("flags") or [])
        if meta.get("fuzzy") and pair.id not in reviewed:
            flags.insert(0, "fuzzy")
        entry.flags = flags
        entry.comment = meta.get("comment") or ""
        entry.tcomment = meta.get("tcomment") or ""
        entry.occurrences = [tuple(o.rsplit(":", 1)) if ":" in o else (o, "")
                             for o in meta.get("occurrences") or ()]
    notes = [str(n) for n in meta.get("notes") or ()]
    if notes:
        extra = "\n".join(marked_note(n) for n in notes)
        entry.tcomment = f"{entry.tcomment}\n{extra}" if entry.tcomment else extra


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs, tgt_lang=job.tgt_lang, reviewed=job.reviewed)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(job.original, path, job.targets, name=job.name, notes=job.notes,
                  reviewed=job.reviewed, drop=job.drop)


FORMAT = Format(
    NAME, (".po", ".pot"), read=one_file(read), write=_write_job, patch=_patch_job, order=35,
    one_file_per_document=True, unit="entry",
    summary="gettext PO/POT: msgctxt, plural forms, fuzzy, flags and comments",
    patch_notes=True, write_notes=True,
)


__all__ = ["FORMAT", "nplurals", "read", "units", "write_new", "write_patched"]
