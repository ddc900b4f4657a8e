"""User glossaries (term bases): CSV and TBX readers.

A glossary entry is one concept with its English and Chinese terms and, optionally,
renderings that must not be used; or a term that must stay untranslated (a brand name:
``Firefox`` must not become 火狐). Readers are strict about structure (a bad file raises
:class:`~transreview.errors.InputError` located as FILE:LINE before any check runs) and
lenient about spelling (header names in any case, ``source``/``target`` instead of
``en``/``zh``, UTF-8 with or without BOM, UTF-16 with BOM).

CSV
    Header ``en,zh`` (or ``source,target``: which column is Chinese is decided by the
    script of its terms, so the file works in either direction), optional ``forbidden``
    (``|``-separated renderings that must not be used, in either language) and ``note``.
    A cell may hold alternatives separated by ``|``; the first is the preferred term.
    ``.tsv`` files are read the same way with tabs. Blank lines and lines starting with
    ``#`` are skipped (so ``## section`` titles are).
Do not translate, forbidden renderings (every CSV/TSV/OmegaT form)
    A term kept as it is, or ``zh`` equal to ``en`` (``Firefox,Firefox``), marks a term
    that must stay untranslated; so does an optional ``status``/``flags`` column holding
    ``untranslatable``, ``do-not-translate``, ``dnt`` or ``read-only`` (Weblate's flag), or a
    ``translate`` column holding ``no`` (ITS); with such a flag the ``zh`` cell may be
    empty. A term prefixed with ``!`` in any term cell is a forbidden rendering
    (``Firefox,Firefox|!火狐``): the one way to list one where there is no ``forbidden``
    column, as in a headerless file.
Headerless CSV/TSV (glossaries as people keep them)
    When the first row names no column but holds an English and a Chinese term
    (``Shaped, 有序``), the file has no header: the columns are the two terms (which one is
    Chinese decided by script) and an optional note. A Chinese cell may list alternatives
    with full-width commas (``服务端，服务器``), and rows with the same English term
    (``Smelt, 烧炼, 概括`` / ``Smelt, 冶炼, 矿物``: one rendering per context) are one
    entry whose renderings are all accepted: requiring each of them would flag every
    correct translation of the other contexts. A row with one side empty (a term not
    translated yet) is skipped.
OmegaT ``.txt``/``.utf8``
    Tab-separated and headerless (``term<TAB>translation<TAB>comment``), in UTF-8 or UTF-16
    (with a byte-order mark, or big/little endian without one).
TBX
    TBX v2 (``martif`` root, ``termEntry/langSet/tig|ntig/term``) and TBX-Basic v3 (``tbx``
    root, ``conceptEntry/langSec/termSec/term``), languages from ``xml:lang`` by base (en,
    en-US; zh, zh-CN, zh-TW, zh-Hans). A term whose ``administrativeStatus`` or
    ``normativeAuthorization`` says deprecated, superseded, obsolete or forbidden
    (``deprecatedTerm-admn-sts``, ``supersededTerm-admn-sts``) is a forbidden rendering.
    An entry is "do not translate" when it holds ``<descrip type="Translation needed">No``
    (what Weblate reads and writes for untranslatable terms), an element with ITS
    ``translate="no"``, or Chinese terms equal to its English ones; its Chinese terms may
    then be missing. Parsed with entities unresolved and no network, as the file is untrusted.
    Entries without both an English and a Chinese term are skipped (multilingual term bases),
    and so are empty ``<term/>`` elements: Weblate exports every untranslated term that way.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from transreview.errors import InputError, xml_parser_message
from transreview.model import is_chinese
from transreview.text.chinese import has_han


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One concept: allowed terms per language (preferred first) and forbidden renderings."""

    en: tuple[str, ...]
    zh: tuple[str, ...]
    forbidden_en: tuple[str, ...] = ()
    forbidden_zh: tuple[str, ...] = ()
    note: str = ""
    where: str = ""  # "FILE:LINE", for messages
    #: Do not translate: the term must appear unchanged in the target (``zh`` equals ``en``).
    keep: bool = False

    def terms(self, chinese: bool) -> tuple[str, ...]:
        return self.zh if chinese else self.en

    def forbidden(self, chinese: bool) -> tuple[str, ...]:
        return self.forbidden_zh if chinese else self.forbidden_en


@dataclass(frozen=True, slots=True)
class Glossary:
    """The entries of one glossary file and a short digest of its bytes (for signatures)."""

    path: str
    entries: tuple[GlossaryEntry, ...]
    digest: str


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(t for t in (part.strip() for part in cell.split("|")) if t)


def _bang(terms: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(allowed, forbidden): a term written ``!term`` is a forbidden rendering."""
    allowed = tuple(t for t in terms if not t.startswith("!"))
    forbidden = tuple(b for b in (t[1:].strip() for t in terms if t.startswith("!")) if b)
    return allowed, forbidden


def _same_terms(en: tuple[str, ...], zh: tuple[str, ...]) -> bool:
    """Whether the "Chinese" terms are the English ones kept as they are (``Firefox,Firefox``)."""
    lower_en = {t.lower() for t in en}
    return bool(zh) and not any(has_han(t) for t in zh) and all(t.lower() in lower_en for t in zh)


_KEEP_FLAGS = ("untranslatable", "do-not-translate", "donottranslate", "do not translate", "dnt", "read-only")


def _keep_flag(status: str, translate: str) -> bool:
    """Whether a ``status``/``flags`` cell or a ``translate`` cell says "do not translate"."""
    words = {w.strip() for w in status.lower().replace(";", ",").split(",")}
    return bool(words & set(_KEEP_FLAGS)) or translate.strip().lower() in ("no", "false", "0", "n")


def _keep_entry(
    path: Path, line: int | None, en: tuple[str, ...], zh: tuple[str, ...], flagged: bool
) -> tuple[tuple[str, ...], bool]:
    """(Chinese terms, keep) of an entry; InputError when a flagged term has a Chinese rendering."""
    if flagged and any(has_han(t) for t in zh):
        han = next(t for t in zh if has_han(t))
        raise InputError(
            path, line,
            f"{en[0]!r} is marked do-not-translate but has the Chinese term {han!r}: "
            "list it as forbidden ('!' prefix or the forbidden column) or drop the flag",
        )
    if flagged:
        return en, True
    return zh, _same_terms(en, zh)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-be``/``utf-16-le`` for text whose every other byte is NUL (ASCII in UTF-16
    without a byte-order mark: OmegaT writes glossaries so), else None."""
    head = raw[:200]
    if len(head) < 4 or len(raw) % 2:
        return None
    if head[0::2].count(0) * 2 > len(head) // 2 and 0 not in head[1::2][:4]:
        return "utf-16-be"
    if head[1::2].count(0) * 2 > len(head) // 2 and 0 not in head[0::2][:4]:
        return "utf-16-le"
    return None


def _decode(path: Path, raw: bytes) -> str:
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        bare = _utf16_without_bom(raw)
        if bare is not None:
            return raw.decode(bare)
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(path, line, f"not valid UTF-8 (byte {e.start})") from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, "no such glossary file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a glossary file") from None
    except OSError as e:
        raise InputError(path, None, f"cannot read glossary: {e.strerror or e}") from None


# --- CSV ------------------------------------------------------------------------------

_EN_NAMES = ("en", "english", "en-us", "en-gb")
_ZH_NAMES = ("zh", "chinese", "zh-cn", "zh-hans", "zh-tw", "zh-hant", "cn")


_KNOWN_NAMES = frozenset(
    (*_EN_NAMES, *_ZH_NAMES, "source", "src", "target", "tgt", "forbidden", "note", "notes", "comment",
     "status", "flags", "translate")
)


def _is_term_row(row: list[str]) -> bool:
    """Whether a first row is terms, not a header: no known column name, one Chinese term
    and one term without Chinese among its first two cells."""
    cells = [c.strip() for c in row]
    if any(c.lower() in _KNOWN_NAMES for c in cells) or len(cells) < 2:
        return False
    if cells[0] and cells[0] == cells[1]:
        return True  # a term kept as it is (``Firefox, Firefox``)
    return has_han(cells[0]) != has_han(cells[1]) and all(cells[:2])


def _read_csv(path: Path, text: str, delimiter: str) -> list[GlossaryEntry]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    headerless = False
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None and not headerless:
                if _is_term_row(row):
                    headerless = True
                else:
                    header = [c.strip().lower() for c in row]
                    header_line = reader.line_num
                    continue
            rows.append((reader.line_num, row))
    except csv.Error as e:
        raise InputError(path, reader.line_num, f"bad CSV: {e}") from None
    if headerless:
        return _headerless(path, rows)
    if header is None:
        raise InputError(path, None, "empty glossary: expected a header row such as 'en,zh'")

    def col(*names: str) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    en_i, zh_i = col(*_EN_NAMES), col(*_ZH_NAMES)
    if en_i is None or zh_i is None:
        src_i, tgt_i = col("source", "src"), col("target", "tgt")
        if src_i is None or tgt_i is None:
            raise InputError(
                path,
                header_line,
                f"header {','.join(header)!r} names no term columns: expected 'en,zh' or 'source,target'",
            )
        # Which column is Chinese: the one whose terms are mostly Han.
        han_src = sum(1 for _, r in rows if src_i < len(r) and has_han(r[src_i]))
        han_tgt = sum(1 for _, r in rows if tgt_i < len(r) and has_han(r[tgt_i]))
        zh_i, en_i = (src_i, tgt_i) if han_src > han_tgt else (tgt_i, src_i)
    forb_i, note_i = col("forbidden"), col("note", "notes", "comment")
    status_i, translate_i = col("status", "flags"), col("translate")
    entries: list[GlossaryEntry] = []
    for line, row in rows:

        def cell(i: int | None, row: list[str] = row) -> str:
            return row[i] if i is not None and i < len(row) else ""

        en, bad_en = _bang(_split(cell(en_i)))
        zh, bad_zh = _bang(_split(cell(zh_i)))
        flagged = _keep_flag(cell(status_i), cell(translate_i))
        if not en or not (zh or flagged):
            missing = header[en_i] if not en else header[zh_i]
            raise InputError(path, line, f"glossary row has no {missing!r} term")
        zh, keep = _keep_entry(path, line, en, zh, flagged)
        forbidden = (*_split(cell(forb_i)), *bad_en, *bad_zh)
        entries.append(
            GlossaryEntry(
                en=en,
                zh=zh,
                forbidden_en=tuple(f for f in forbidden if not has_han(f)),
                forbidden_zh=tuple(f for f in forbidden if has_han(f)),
                note=cell(note_i).strip(),
                where=f"{path.name}:{line}",
                keep=keep,
            )
        )
    return entries


def _headerless(path: Path, rows: list[tuple[int, list[str]]]) -> list[GlossaryEntry]:
    """Entries of a glossary without a header (see the module doc): term, term, note."""
    han_first = sum(1 for _, r in rows if has_han(r[0]))
    han_second = sum(1 for _, r in rows if len(r) > 1 and has_han(r[1]))
    zh_i, en_i = (0, 1) if han_first > han_second else (1, 0)
    by_en: dict[tuple[str, ...], dict[str, list[str] | str]] = {}
    for line, row in rows:
        if len(row) < 2 or not row[en_i].strip() or not row[zh_i].strip():
            continue  # a term not translated yet (``Nitro-Carbon,``): nothing to hold a target to
        en, bad_en = _bang(_split(row[en_i]))
        zh, bad_zh = _bang(_split(row[zh_i].replace("，", "|")))
        if not en or not zh:
            continue  # only forbidden renderings: no rendering to require
        note = ", ".join(c.strip() for c in row[2:] if c.strip())
        seen = by_en.setdefault(en, {"zh": [], "bad": [], "notes": [], "where": f"{path.name}:{line}"})
        zh_list, bad, notes = seen["zh"], seen["bad"], seen["notes"]
        assert isinstance(zh_list, list) and isinstance(bad, list) and isinstance(notes, list)
        zh_list.extend(t for t in zh if t not in zh_list)
        bad.extend(t for t in (*bad_en, *bad_zh) if t not in bad)
        if note:
            notes.append(f"{'/'.join(zh)}: {note}")
    entries = []
    for en, v in by_en.items():
        terms, renderings = tuple(v["zh"]), tuple(v["bad"])
        entries.append(
            GlossaryEntry(
                en=en,
                zh=terms,
                forbidden_en=tuple(f for f in renderings if not has_han(f)),
                forbidden_zh=tuple(f for f in renderings if has_han(f)),
                note="; ".join(v["notes"]),
                where=str(v["where"]),
                keep=_same_terms(en, terms),
            )
        )
    return entries


# --- TBX ------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_WORDS = ("deprecated", "superseded", "forbidden", "notrecommended", "obsolete")
_ITS_TRANSLATE = "{http://www.w3.org/2005/11/its}translate"
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization"}


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rsplit("}", 1)[-1]


def _lang_of(el) -> str:
    return (el.get(_XML_LANG) or el.get("lang") or "").strip()


def _term_forbidden(container) -> bool:
    """Whether a tig/ntig/termSec carries a deprecated/forbidden status.

    TBX v2 and TBX-Basic write ``<termNote type="administrativeStatus">``; the TBX v3 DCT
    style writes an element named ``administrativeStatus``: both are accepted.
    """
    for el in container.iter():
        if el.get("type") in _STATUS_TYPES or _local(el.tag) in _STATUS_TYPES:
            value = "".join(el.itertext()).lower().replace(" ", "")
            if any(w in value for w in _FORBIDDEN_WORDS):
                return True
    return False


def _tbx_keep(entry) -> bool:
    """Whether a TBX entry says "do not translate": Weblate's
    ``<descrip type="Translation needed">No</descrip>`` or ITS ``translate="no"``."""
    for el in entry.iter():
        if (el.get("translate") or el.get(_ITS_TRANSLATE) or "").strip().lower() == "no":
            return True
        kind = (el.get("type") or "").strip().lower()
        if _local(el.tag) == "descrip" and kind == "translation needed":
            if "".join(el.itertext()).strip().lower() in ("no", "false"):
                return True
    return False


def _read_tbx(path: Path, raw: bytes) -> list[GlossaryEntry]:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as e:
        line = e.lineno if e.lineno else None
        raise InputError(path, line, xml_parser_message(e.msg)) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputError(
            path, root.sourceline, f"root element <{_local(root.tag)}> is not a TBX root (<martif> or <tbx>)"
        )
    entries: list[GlossaryEntry] = []
    found_entry = False
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        found_entry = True
        terms: dict[str, list[str]] = {"en": [], "zh": []}
        forbidden: dict[str, list[str]] = {"en": [], "zh": []}
        for lang_el in entry:
            if _local(lang_el.tag) not in ("langSet", "langSec"):
                continue
            lang = _lang_of(lang_el)
            if not lang:
                raise InputError(path, lang_el.sourceline, f"<{_local(lang_el.tag)}> has no xml:lang")
            key = "zh" if is_chinese(lang) else "en" if lang.replace("_", "-").split("-")[0].lower() == "en" else None
            if key is None:
                continue
            for term_el in lang_el.iter():
                if _local(term_el.tag) != "term":
                    continue
                text = " ".join("".join(term_el.itertext()).split())
                if not text:
                    continue  # an untranslated term (Weblate writes <term/>)
                container = term_el.getparent()
                if container is not None and _local(container.tag) == "termGrp":
                    container = container.getparent()  # ntig/termGrp/term
                bad = container is not None and container is not lang_el and _term_forbidden(container)
                (forbidden if bad else terms)[key].append(text)
        flagged = _tbx_keep(entry)
        if terms["en"] and (terms["zh"] or flagged):
            en = tuple(terms["en"])
            zh, keep = _keep_entry(path, entry.sourceline, en, tuple(terms["zh"]), flagged)
            note = ""
            for el in entry.iter():
                if _local(el.tag) in ("note", "descrip") and (el.get("type") or "").lower() != "translation needed":
                    note = " ".join("".join(el.itertext()).split())
                    break
            entries.append(
                GlossaryEntry(
                    en=en,
                    zh=zh,
                    forbidden_en=tuple(forbidden["en"]),
                    forbidden_zh=tuple(forbidden["zh"]),
                    note=note,
                    where=f"{path.name}:{entry.sourceline}",
                    keep=keep,
                )
            )
    if not found_entry:
        raise InputError(path, root.sourceline, "no <termEntry> or <conceptEntry> in this TBX file")
    return entries


# --- entry point ----------------------------------------------------------------------


def read_glossary(path: str | Path) -> Glossary:
    """Read a CSV/TSV or TBX glossary; InputError (FILE:LINE: message) when it is malformed."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv", ".tbx", ".xml", ".txt", ".utf8"):
        raise InputError(
            path, None,
            f"unknown glossary format {suffix or '(none)'!r}: expected .csv, .tsv, .tbx or OmegaT .txt/.utf8",
        )
    raw = _read_bytes(path)
    if suffix in (".tbx", ".xml"):
        entries = _read_tbx(path, raw)
    else:
        entries = _read_csv(path, _decode(path, raw), "," if suffix == ".csv" else "\t")
    if not entries:
        raise InputError(path, None, "the glossary has no entry with both an English and a Chinese term")
    return Glossary(str(path), tuple(entries), hashlib.sha256(raw).hexdigest()[:12])


def read_glossaries(paths: tuple[str, ...] | list[str]) -> list[Glossary]:
    """Every glossary of ``paths``, in order."""
    return [read_glossary(p) for p in paths]


__all__ = ["Glossary", "GlossaryEntry", "read_glossaries", "read_glossary"]
