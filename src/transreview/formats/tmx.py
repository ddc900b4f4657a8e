"""TMX 1.4b translation memories: a streaming reader and two writers.

Reading streams ``<tu>`` by ``<tu>`` with ``iterparse`` and drops each one once it is a
:class:`Pair`, so a memory of millions of units is never held whole. Languages are matched
by base language (``en-GB`` is ``en``, ``zh_CN`` and ``zh-Hant`` are ``zh``) because TMX
files in the wild spell them every way.

Two writers, because they serve two needs: :func:`write_new` builds a fresh TMX from pairs
of any format; :func:`write_patched` changes the target text of chosen units of an existing
TMX and leaves every other byte of meaning (props, notes, other languages, inline codes,
comments) as it was, so a corrected memory can go back to the tool that made it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from transreview import __version__
from transreview import codes as tokens
from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import inline
from transreview.formats import xmlsafe as xs
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob, one_file
from transreview.model import Pair

#: Inline elements holding native code: their content is not text a reviewer reads.
CODE_TAGS = frozenset({"ph", "bpt", "ept", "it", "ut"})
NAME = "tmx"


# --------------------------------------------------------------------------- reading


def _tuv_lang(tuv: etree._Element) -> str | None:
    """``xml:lang`` (TMX 1.4) or the legacy ``lang`` (TMX 1.1)."""
    return tuv.get(xs.XML_LANG) or tuv.get("lang")


def _check_root(path: Path, root: etree._Element) -> None:
    if root.tag != "tmx":
        raise InputError(
            path,
            root.sourceline,
            f"not a TMX file: the root element is {xs.qname_for_humans(root.tag)}, expected <tmx>",
        )
    version = root.get("version")
    if version is not None and not version.strip().startswith("1."):
        raise InputError(
            path, root.sourceline, f"unsupported TMX version {version!r} (expected 1.x)"
        )


def _pick(
    tuvs: list[tuple[str, etree._Element]], want: str, exclude: Any = None
) -> etree._Element | None:
    """The variant in language ``want``: an exact tag first, else the first by base language."""
    norm = want.strip().replace("_", "-").lower()
    for lang, tuv in tuvs:
        if tuv is not exclude and lang.strip().replace("_", "-").lower() == norm:
            return tuv
    for lang, tuv in tuvs:
        if tuv is not exclude and xs.lang_matches(lang, want):
            return tuv
    return None


def _tu_parts(
    path: Path, tu: etree._Element, src_lang: str, tgt_lang: str
) -> tuple[etree._Element | None, etree._Element | None, list[tuple[str, etree._Element]]]:
    """(source tuv, target tuv, every (lang, tuv)) of a ``<tu>``; malformed ones raise."""
    tuvs: list[tuple[str, etree._Element]] = []
    for tuv in tu:
        if tuv.tag != "tuv":
            continue
        lang = _tuv_lang(tuv)
        if not lang:
            raise InputError(path, tuv.sourceline, "<tuv> has no xml:lang attribute")
        if tuv.find("seg") is None:
            raise InputError(path, tuv.sourceline, f"<tuv xml:lang={lang!r}> has no <seg>")
        tuvs.append((lang, tuv))
    if not tuvs:
        raise InputError(path, tu.sourceline, "<tu> has no <tuv>")
    src = _pick(tuvs, src_lang)
    tgt = _pick(tuvs, tgt_lang, exclude=src)
    return src, tgt, tuvs


def _release(elem: etree._Element) -> None:
    """Free a processed element and the siblings before it (iterparse keeps them otherwise)."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _require_languages(path: Path, src_lang: str, tgt_lang: str) -> None:
    """Raise when no ``<tu>`` at all has the source or the target language.

    Called only when a ``<tu>`` lacking one of them is met before any complete ``<tu>``, so
    a normal file is parsed once. A second streaming pass (stopping as soon as both
    languages are seen) keeps memory flat where buffering pairs would not.
    """
    found: dict[str, None] = {}
    has_src = has_tgt = False
    with closing(xs.iterparse(path, events=("end",))) as events:
        for _, el in events:
            if el.tag == "tuv":
                lang = _tuv_lang(el)
                if lang:
                    found.setdefault(lang, None)
                    has_src = has_src or xs.lang_matches(lang, src_lang)
                    has_tgt = has_tgt or xs.lang_matches(lang, tgt_lang)
            elif el.tag == "tu":
                if has_src and has_tgt:
                    return
                _release(el)
    langs = ", ".join(found) or "none"
    for ok, role, want in ((has_tgt, "target", tgt_lang), (has_src, "source", src_lang)):
        if not ok:
            raise InputError(
                path,
                None,
                f"no <tu> has a <tuv> in the {role} language {want!r} (languages found: {langs})",
            )


def _pair(
    path: Path,
    tu: etree._Element,
    index: int,
    src: etree._Element | None,
    tgt: etree._Element | None,
    tuvs: list[tuple[str, etree._Element]],
    opts: ReadOptions,
) -> Pair:
    src_seg = src.find("seg") if src is not None else None
    tgt_seg = tgt.find("seg") if tgt is not None else None
    tuid = tu.get("tuid")
    meta: dict[str, Any] = {
        "format": NAME,
        "tuid": tuid,
        "tu_attrs": dict(tu.attrib),
        "props": [(p.get("type", ""), p.text or "") for p in tu if p.tag == "prop"],
        "notes": [n.text or "" for n in tu if n.tag == "note"],
        "src_lang_tag": _tuv_lang(src) if src is not None else None,
        "tgt_lang_tag": _tuv_lang(tgt) if tgt is not None else None,
        "src_seg_xml": xs.inner_xml(src_seg),
        "tgt_seg_xml": xs.inner_xml(tgt_seg),
        "other_tuvs": [
            etree.tostring(tuv, encoding="unicode", with_tail=False)
            for _, tuv in tuvs
            if tuv is not src and tuv is not tgt
        ],
    }
    tok = inline.tokenize(src_seg, tgt_seg, inline.TMX, path)
    if tok.table:
        meta[tokens.META_KEY] = tok.table
    return Pair(
        id=tuid if tuid else str(index + 1),
        source=tok.source,
        target=tok.target,
        doc=path.name,
        index=index,
        line=tu.sourceline,
        src_lang=opts.src_lang,
        tgt_lang=opts.tgt_lang,
        meta=meta,
    )


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of a TMX file, one per ``<tu>``, in file order.

    A ``<tu>`` without a target variant gives an empty target (untranslated: the checks say
    so); a file where no ``<tu>`` has the target language raises :class:`InputError`
    naming the languages it does have. ``Pair.meta`` keeps what a round trip needs:
    ``tuid``, ``tu_attrs``, ``props`` [(type, value)], ``notes``, ``other_tuvs`` (XML),
    ``src_lang_tag``/``tgt_lang_tag`` and the inner XML of both ``<seg>`` elements
    (``src_seg_xml``/``tgt_seg_xml``, None when the variant is missing).
    """
    return _read(Path(path), opts or ReadOptions())


def _read(path: Path, opts: ReadOptions) -> Iterator[Pair]:
    index = 0
    root_seen = False
    languages_known = False
    for event, el in xs.iterparse(path):
        if event == "start":
            if not root_seen:
                _check_root(path, el)
                root_seen = True
            continue
        if el.tag != "tu":
            continue
        src, tgt, tuvs = _tu_parts(path, el, opts.src_lang, opts.tgt_lang)
        if src is not None and tgt is not None:
            languages_known = True
        elif not languages_known:
            _require_languages(path, opts.src_lang, opts.tgt_lang)
            languages_known = True
        yield _pair(path, el, index, src, tgt, tuvs, opts)
        index += 1
        _release(el)
    if index == 0:
        raise InputError(path, None, "no <tu> in the file: nothing to review")


# --------------------------------------------------------------------------- writing new


def _segs(pair: Pair, same: bool, what: str) -> tuple[etree._Element, etree._Element | None]:
    """Source and target ``<seg>`` (target None when there is none to write): the kept
    inline XML with the codes where the tokens stand for a pair read from TMX, else plain
    text (tokens of another format's codes left out)."""
    meta: Mapping[str, Any] = pair.meta or {}
    xs.check_xml_chars(pair.source + pair.target, what)
    kept = (meta.get("src_seg_xml"), meta.get("tgt_seg_xml")) if same else (None, None)
    src, tgt = inline.from_kept(kept, (pair.source, pair.target), ("seg", "seg"), None, inline.TMX)
    if src is None:
        table = tokens.table_of(meta)
        src = etree.Element("seg")
        src.text = tokens.strip(pair.source, table) or None
        tgt = None
        if pair.target:
            tgt = etree.Element("seg")
            tgt.text = tokens.strip(pair.target, table)
    return src, tgt


def _tuv(lang: str, seg: etree._Element) -> etree._Element:
    tuv = etree.Element("tuv", {xs.XML_LANG: lang})
    tuv.text = "\n        "
    seg.tail = "\n      "
    tuv.append(seg)
    return tuv


def _tu_element(pair: Pair, src_lang: str, tgt_lang: str) -> etree._Element:
    what = f"pair {pair.id!r}"
    xs.check_xml_chars(pair.id, what)
    meta: Mapping[str, Any] = pair.meta or {}
    same = meta.get("format") == NAME
    tu = etree.Element("tu")
    if same:
        for key, value in (meta.get("tu_attrs") or {}).items():
            if key != "tuid":
                tu.set(key, value)
    tu.set("tuid", pair.id)
    children: list[etree._Element] = []
    for note in meta.get("notes") or ():
        xs.check_xml_chars(str(note), what)
        el = etree.Element("note")
        el.text = str(note)
        children.append(el)
    if same:
        for ptype, value in meta.get("props") or ():
            xs.check_xml_chars(f"{ptype}{value}", what)
            el = etree.Element("prop", type=ptype)
            el.text = value
            children.append(el)
    src_seg, tgt_seg = _segs(pair, same, what)
    children.append(_tuv(src_lang, src_seg))
    if tgt_seg is not None:
        children.append(_tuv(tgt_lang, tgt_seg))
    if same:
        for xml in meta.get("other_tuvs") or ():
            other = xs.parse_fragment(xml, "x")
            if other is not None and len(other) == 1:
                children.append(other[0])
    tu.text = "\n      "
    for child in children:
        child.tail = "\n      "
        tu.append(child)
    children[-1].tail = "\n    "
    return tu


def write_new(
    path: Path, pairs: Iterable[Pair], *, src_lang: str = "en", tgt_lang: str = "zh"
) -> int:
    """Write ``pairs`` as a new TMX 1.4 file, atomically; return how many ``<tu>`` were written.

    Streams (``etree.xmlfile``), so a large corpus is never built in memory. ``tuid`` is
    the pair's id. Notes ride along from any format; pairs read from TMX also keep their
    props, ``<tu>`` attributes, other language variants and, where the text is unchanged,
    their inline codes. An empty target is left out (the unit is untranslated).

    Every source and target variant is tagged exactly ``src_lang``/``tgt_lang`` (the
    header's ``srclang`` is ``src_lang``), whatever spelling the input used: tools such as
    translate-toolkit match ``srclang`` exactly, so one file must use one spelling. Pass
    ``src_lang="en-US"`` to get regional tags.
    """
    count = 0
    with atomic_write(Path(path), "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            header = etree.Element(
                "header",
                {
                    "creationtool": "transreview",
                    "creationtoolversion": __version__,
                    "segtype": "sentence",
                    "o-tmf": "transreview",
                    "adminlang": "en",
                    "srclang": src_lang,
                    "datatype": "plaintext",
                },
            )
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                for pair in pairs:
                    xf.write("\n    ", _tu_element(pair, src_lang, tgt_lang))
                    count += 1
                xf.write("\n  ")
            xf.write("\n")
    return count


# --------------------------------------------------------------------------- patching


def _target_tag(root: etree._Element, tgt_lang: str) -> str:
    """How this file spells the target language (``zh-CN``), for a variant we create."""
    for tuv in root.iter("tuv"):
        lang = _tuv_lang(tuv)
        if lang and xs.lang_matches(lang, tgt_lang):
            return lang
    return tgt_lang


def _check_positions(original: Path, positions: Iterable[int], count: int) -> None:
    bad = sorted(i for i in positions if not 0 <= i < count)
    if bad:
        raise TransreviewError(
            f"{original}: no <tu> at position {bad[0]} (the file has {count}, counted from 0)"
        )


def write_patched(
    original: Path | bytes,
    out: Path,
    targets: Mapping[int, str],
    *,
    notes: Mapping[int, list[str]] | None = None,
    drop: Collection[int] = (),
    name: str | Path | None = None,
    src_lang: str = "en",
    tgt_lang: str = "zh",
    changes: Mapping[int, tuple[str | None, str | None]] | None = None,
) -> dict[str, int]:
    """Re-read ``original`` and write it to ``out`` with new target text for some ``<tu>``.

    ``original`` is the file, or its bytes as a project keeps them (``name`` then names it
    in error messages). ``targets``, ``notes`` and ``drop`` are keyed by the pair ``index``
    :func:`read` gave (0-based ``<tu>`` position). Only those targets change; a new text
    equal to the old plain text leaves the ``<seg>`` untouched, and a change inside one run
    of text keeps the inline codes around it (otherwise the ``<seg>`` becomes the plain new
    text). A missing target variant is created in the file's spelling of ``tgt_lang``.
    ``notes`` are added as ``<note>`` elements before the ``<tuv>``s. The ``<tu>`` listed
    in ``drop`` are left out (an export filter). A changed target variant gets
    ``changedate`` (and ``changeid`` when known) from ``changes`` ``{index: (ISO 8601 time,
    who)}``, the time of the write when none is given; units not changed keep theirs.
    Everything else is kept. Returns counts:
    ``{"changed": n, "flattened": n, "created": n, "notes": n}``, plus ``"dropped"`` when
    ``drop`` is given.
    """
    where, tree = xs.parse_original(original, name)
    out = Path(out)
    notes = notes or {}
    root = tree.getroot()
    _check_root(where, root)
    tus = list(root.iter("tu"))
    _check_positions(where, list(targets) + list(notes) + list(drop), len(tus))
    stats = {"changed": 0, "flattened": 0, "created": 0, "notes": 0}
    if drop:
        stats["dropped"] = 0
    new_tag: str | None = None
    for i in sorted(targets):
        text = targets[i]
        xs.check_xml_chars(text, f"{where}: new target of <tu> {i}")
        tu = tus[i]
        src, tgt, tuvs = _tu_parts(where, tu, src_lang, tgt_lang)
        src_seg = src.find("seg") if src is not None else None
        if tgt is not None:
            seg = tgt.find("seg")
            outcome, repairs = inline.replace(seg, src_seg, text, inline.TMX, where)
            if outcome != "untouched":
                stats["changed"] += 1
                stats["flattened"] += outcome == "flattened"
                if repairs:
                    stats["repaired"] = stats.get("repaired", 0) + repairs
                _stamp(tgt, (changes or {}).get(i))
            continue
        if text == "":
            continue  # still untranslated: nothing to create
        if new_tag is None:
            new_tag = _target_tag(root, tgt_lang)
        model = src if src is not None else tuvs[-1][1]
        attr = xs.XML_LANG if model.get(xs.XML_LANG) or model.get("lang") is None else "lang"
        tuv = etree.Element("tuv", {attr: new_tag})
        seg = etree.SubElement(tuv, "seg")
        inline.replace(seg, src_seg, text, inline.TMX, where)
        model_seg = model.find("seg")
        tuv.text = model.text if model.text is not None and not model.text.strip() else None
        seg.tail = model_seg.tail if model_seg is not None and model_seg.getnext() is None else None
        xs.insert_after(tu, tuvs[-1][1], tuv)
        _stamp(tuv, (changes or {}).get(i))
        stats["changed"] += 1
        stats["created"] += 1
    for i in sorted(notes):
        tu = tus[i]
        first_tuv = tu.find("tuv")
        for text in notes[i]:
            xs.check_xml_chars(text, f"{where}: note for <tu> {i}")
            note = etree.Element("note")
            note.text = text
            if first_tuv is not None:
                xs.insert_before(tu, first_tuv, note)
            else:
                tu.append(note)
            stats["notes"] += 1
    for i in sorted(set(drop)):
        xs.remove_keeping_layout(tus[i])
        stats["dropped"] += 1
    xs.write_tree(tree, out, original if isinstance(original, bytes) else Path(original).read_bytes())
    return stats


def tmx_date(when: str | None) -> str:
    """An ISO 8601 time (the project's) as TMX writes dates: ``20261206T224100Z`` (UTC);
    now when ``when`` is None or unreadable."""
    moment = datetime.now(UTC)
    if when:
        try:
            parsed = datetime.fromisoformat(when)
            moment = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _stamp(tuv: etree._Element, change: tuple[str | None, str | None] | None) -> None:
    """``changedate``/``changeid`` of a target variant a reviewer changed."""
    when, who = change or (None, None)
    tuv.set("changedate", tmx_date(when))
    if who:
        xs.check_xml_chars(who, "reviewer name")
        tuv.set("changeid", who)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs, src_lang=job.src_lang, tgt_lang=job.tgt_lang)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(
        job.original, path, job.targets, notes=job.notes, drop=job.drop, name=job.name,
        src_lang=job.src_lang, tgt_lang=job.tgt_lang, changes=job.changes,
    )


FORMAT = Format(
    NAME, (".tmx",), read=one_file(read), write=_write_job, patch=_patch_job, order=10,
    one_file_per_document=True, inline_codes=True,
    summary="TMX 1.4b translation memory",
    patch_notes=True, write_notes=True,
)


__all__ = ["CODE_TAGS", "FORMAT", "read", "write_new", "write_patched"]
