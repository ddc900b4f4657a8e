"""XLIFF 1.2 and 2.0/2.1: a streaming reader and two writers.

The version is told by the root's namespace (``...:document:1.2`` or ``...:document:2.0``,
which 2.1 and 2.2 share, told apart by ``version``). The two versions differ in shape:

* 1.2: ``<file source-language target-language>/<body>/<trans-unit id>`` with
  ``<source>``, ``<target state>`` and ``<note>``: one pair per ``<trans-unit>``.
* 2.x: ``<xliff srcLang trgLang>/<file>/<unit id>/<segment id state>/<source>,<target>``
  with ``<notes>/<note>`` on the unit: one pair per ``<segment>``; the pair id is the unit
  id, or ``unit#segment`` when a unit has several segments.

Inline codes (1.2 ``<x/> <bx/> <ex/> <ph> <bpt> <ept> <it>``, wrapping ``<g> <mrk>``; 2.x
``<ph/> <sc/> <ec/> <sm/> <em/>``, wrapping ``<pc> <mrk>``) are protected tokens in the text,
one private-use character each (a wrapper gives an opening and a closing token), with the
table in ``Pair.meta["codes"]`` (see :mod:`transreview.codes` and
:mod:`transreview.formats.inline`); the writers put each code back where its token stands.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from lxml import etree

from transreview import codes as tokens
from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import inline
from transreview.formats import xmlsafe as xs
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob, one_file
from transreview.model import Pair

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS11 = "urn:oasis:names:tc:xliff:document:1.1"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NAME = "xliff"

CODE_TAGS_1 = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut"})
CODE_TAGS_2 = frozenset({"ph", "sc", "ec", "sm", "em"})

#: XLIFF version of new files (2.1 shares 2.0's namespace and core schema).
NEW_FILE_VERSION = "2.1"

#: State given to a corrected unit unless the caller says otherwise.
REVIEWED_STATE = {1: "signed-off", 2: "reviewed"}


class _Dialect:
    """What differs between the versions: namespace, inline codes, the version label."""

    def __init__(self, major: int, ns: str, version: str) -> None:
        self.major = major
        self.ns = ns
        self.version = version
        self.codes = CODE_TAGS_1 if major == 1 else CODE_TAGS_2
        self.inline = inline.XLIFF1 if major == 1 else inline.XLIFF2

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name


def _dialect(path: Path, root: etree._Element) -> _Dialect:
    """Tell the version from the root element, or raise a clear :class:`InputError`."""
    if xs.local(root.tag) != "xliff":
        raise InputError(
            path,
            root.sourceline,
            f"not an XLIFF file: the root element is {xs.qname_for_humans(root.tag)}, expected <xliff>",
        )
    ns = xs.namespace(root.tag)
    version = (root.get("version") or "").strip()
    if ns in (NS12, NS11) or (ns == "" and version.startswith("1.")):
        if version and not version.startswith("1."):
            raise InputError(path, root.sourceline, f"XLIFF 1.x namespace but version={version!r}")
        return _Dialect(1, ns, version or "1.2")
    if ns == NS20 or (ns == "" and version.startswith("2.")):
        if version and not version.startswith("2."):
            raise InputError(path, root.sourceline, f"XLIFF 2 namespace but version={version!r}")
        return _Dialect(2, ns, version or "2.0")
    found = f"namespace {ns!r}" if ns else "no namespace"
    raise InputError(
        path,
        root.sourceline,
        f"unknown XLIFF version: {found}, version={version or 'none'!r}; "
        f"expected the namespace {NS12} (1.2) or {NS20} (2.0/2.1)",
    )


def _check_langs(
    path: Path, line: int | None, src: str | None, tgt: str | None, opts: ReadOptions
) -> None:
    """Refuse a file in other languages than asked, saying so plainly when it is reversed."""
    src_ok = not src or xs.lang_matches(src, opts.src_lang)
    tgt_ok = not tgt or xs.lang_matches(tgt, opts.tgt_lang)
    if src_ok and tgt_ok:
        return
    reversed_ = (src and xs.lang_matches(src, opts.tgt_lang)) and (
        not tgt or xs.lang_matches(tgt, opts.src_lang)
    )
    if reversed_:
        raise InputError(
            path,
            line,
            f"the file translates {src} → {tgt or '?'}, the reverse of the review direction "
            f"{opts.src_lang} → {opts.tgt_lang}; run with --source-lang {xs.lang_base(src or '')} "
            f"--target-lang {xs.lang_base(tgt or opts.src_lang)}",
        )
    if not src_ok:
        raise InputError(path, line, f"source language is {src!r}, expected {opts.src_lang!r}")
    raise InputError(path, line, f"target language is {tgt!r}, expected {opts.tgt_lang!r}")


def _text(elem: etree._Element | None) -> str:
    return "".join(elem.itertext()) if elem is not None else ""


def _release(elem: etree._Element) -> None:
    """Free a processed element and the siblings before it."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


# --------------------------------------------------------------------------- reading


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of an XLIFF 1.2 or 2.x file, in file order.

    ``Pair.meta`` keeps ``format`` ("xliff"), ``xliff_version``, ``file_id`` /
    ``file_original``, ``unit_id``, ``segment_id`` (2.x), ``state``, ``notes`` (texts),
    ``note_authors`` (each note's 1.2 ``from`` / 2.x ``category``, None without), ``translate``. A unit id that repeats across ``<file>`` elements (XLIFF requires ids
    unique per file only) gets its file in the pair id: ``Client/en.lproj/X.strings::Cancel``.
    ``src_lang_tag``/``tgt_lang_tag`` and the inner XML of source and target
    (``src_seg_xml``/``tgt_seg_xml``; None when there is no ``<target>``).
    """
    return _read(Path(path), opts or ReadOptions())


def _repeated_ids(path: Path) -> set[str]:
    """Unit ids that occur in more than one ``<file>`` of the document.

    XLIFF requires ids to be unique per ``<file>`` only: an Xcode export has a ``Cancel``
    in many files. Those ids alone get their file in the pair id (see :func:`_pair_id`),
    so every other pair keeps the id the file gives it. A cheap first pass (ids only).
    """
    seen: dict[str, int] = {}
    repeated: set[str] = set()
    file_no = -1
    for event, el in xs.iterparse(path):
        name = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if event == "start":
            if name == "file":
                file_no += 1
            continue
        if name in ("trans-unit", "unit"):
            uid = el.get("id")
            if uid is not None:
                if seen.setdefault(uid, file_no) != file_no:
                    repeated.add(uid)
            _release(el)
    return repeated


def _pair_id(uid: str, file_info: Mapping[str, Any]) -> str:
    """``uid``, or ``<file original or id>::uid`` when the id repeats across files."""
    if uid not in file_info.get("repeated", ()):
        return uid
    where = file_info.get("file_original") or file_info.get("file_id") or str(file_info.get("file_no", 0) + 1)
    return f"{where}::{uid}"


def _read(path: Path, opts: ReadOptions) -> Iterator[Pair]:
    d: _Dialect | None = None
    index = 0
    repeated = _repeated_ids(path)
    file_no = -1
    file_info: dict[str, Any] = {}
    root_langs: tuple[str | None, str | None] = (None, None)
    for event, el in xs.iterparse(path):
        if d is None:
            d = _dialect(path, el)
            if d.major == 2:
                root_langs = (el.get("srcLang"), el.get("trgLang"))
                _check_langs(path, el.sourceline, *root_langs, opts)
            continue
        tag = el.tag
        if event == "start":
            if tag == d.q("file"):
                file_no += 1
                file_info = {"file_id": el.get("id"), "file_original": el.get("original"),
                             "file_no": file_no, "repeated": repeated}
                if d.major == 1:
                    langs = (el.get("source-language"), el.get("target-language"))
                    _check_langs(path, el.sourceline, *langs, opts)
                    file_info["langs"] = langs
                else:
                    file_info["langs"] = root_langs
            continue
        if d.major == 1 and tag == d.q("trans-unit"):
            yield _pair_1(path, d, el, index, file_info, opts)
            index += 1
            _release(el)
        elif d.major == 2 and tag == d.q("unit"):
            for pair in _pairs_2(path, d, el, index, file_info, opts):
                yield pair
                index += 1
            _release(el)
        elif tag in (d.q("group"), d.q("file")):
            _release(el)  # its units are gone already; drop the empty shell too
    if d is not None and index == 0:
        what = "<trans-unit>" if d.major == 1 else "<unit>/<segment>"
        raise InputError(path, None, f"no {what} in the file: nothing to review")


def _base_meta(d: _Dialect, file_info: Mapping[str, Any]) -> dict[str, Any]:
    src_tag, tgt_tag = file_info.get("langs", (None, None))
    return {
        "format": NAME,
        "xliff_version": d.version,
        "file_id": file_info.get("file_id"),
        "file_original": file_info.get("file_original"),
        "src_lang_tag": src_tag,
        "tgt_lang_tag": tgt_tag,
    }


def _pair_1(
    path: Path,
    d: _Dialect,
    tu: etree._Element,
    index: int,
    file_info: Mapping[str, Any],
    opts: ReadOptions,
) -> Pair:
    uid = tu.get("id")
    source = tu.find(d.q("source"))
    if source is None:
        raise InputError(path, tu.sourceline, f"<trans-unit id={uid!r}> has no <source>")
    target = tu.find(d.q("target"))
    meta = _base_meta(d, file_info)
    meta.update(
        unit_id=uid,
        state=target.get("state") if target is not None else None,
        state_qualifier=target.get("state-qualifier") if target is not None else None,
        approved=tu.get("approved"),
        translate=tu.get("translate"),
        notes=[_text(n) for n in tu.findall(d.q("note"))],
        note_authors=[n.get("from") for n in tu.findall(d.q("note"))],
        src_seg_xml=xs.inner_xml(source),
        tgt_seg_xml=xs.inner_xml(target),
    )
    tok = inline.tokenize(source, target, d.inline, path)
    if tok.table:
        meta[tokens.META_KEY] = tok.table
    return Pair(
        id=_pair_id(uid, file_info) if uid else str(index + 1),
        source=tok.source,
        target=tok.target,
        doc=path.name,
        index=index,
        line=tu.sourceline,
        src_lang=opts.src_lang,
        tgt_lang=opts.tgt_lang,
        meta=meta,
    )


def _pairs_2(
    path: Path,
    d: _Dialect,
    unit: etree._Element,
    index: int,
    file_info: Mapping[str, Any],
    opts: ReadOptions,
) -> Iterator[Pair]:
    uid = unit.get("id")
    segments = [c for c in unit if c.tag == d.q("segment")]
    if not segments:
        raise InputError(path, unit.sourceline, f"<unit id={uid!r}> has no <segment>")
    notes_el = unit.find(d.q("notes"))
    note_els = notes_el.findall(d.q("note")) if notes_el is not None else []
    notes = [_text(n) for n in note_els]
    note_authors = [n.get("category") for n in note_els]
    unit_key = _pair_id(uid, file_info) if uid else str(index + 1)
    for k, seg in enumerate(segments):
        source = seg.find(d.q("source"))
        if source is None:
            raise InputError(
                path, seg.sourceline, f"<segment> of <unit id={uid!r}> has no <source>"
            )
        target = seg.find(d.q("target"))
        sid = seg.get("id")
        pid = unit_key if len(segments) == 1 else f"{unit_key}#{sid or k + 1}"
        meta = _base_meta(d, file_info)
        meta.update(
            unit_id=uid,
            segment_id=sid,
            segment_count=len(segments),
            state=seg.get("state"),
            sub_state=seg.get("subState"),
            translate=unit.get("translate"),
            notes=notes,
            note_authors=note_authors,
            src_seg_xml=xs.inner_xml(source),
            tgt_seg_xml=xs.inner_xml(target),
        )
        tok = inline.tokenize(source, target, d.inline, path)
        if tok.table:
            meta[tokens.META_KEY] = tok.table
        yield Pair(
            id=pid,
            source=tok.source,
            target=tok.target,
            doc=path.name,
            index=index + k,
            line=seg.sourceline,
            src_lang=opts.src_lang,
            tgt_lang=opts.tgt_lang,
            meta=meta,
        )


# --------------------------------------------------------------------------- writing new

_NOT_NMTOKEN = re.compile(r"[^\w.\-:·]")


def _nmtoken(value: str) -> str:
    """XLIFF 2 ids are NMTOKENs: other characters become ``_``."""
    return _NOT_NMTOKEN.sub("_", value) or "_"


def _strip_ns(elem: etree._Element, ns: str) -> etree._Element:
    """Move an element tree out of the XLIFF namespace (see :func:`write_new` for why)."""
    for el in elem.iter():
        if isinstance(el.tag, str) and xs.namespace(el.tag) == ns:
            el.tag = xs.local(el.tag)
    etree.cleanup_namespaces(elem)
    return elem


def _contents(pair: Pair, d: _Dialect, same: bool, what: str) -> tuple[etree._Element, etree._Element | None]:
    """``<source>`` and ``<target>`` (None when there is none to write) of a pair: the kept
    inline XML with the codes where the tokens stand when the pair came from XLIFF of this
    version, else plain text (tokens of another format's codes left out)."""
    meta = pair.meta or {}
    xs.check_xml_chars(pair.source + pair.target, what)
    kept = (meta.get("src_seg_xml"), meta.get("tgt_seg_xml")) if same else (None, None)
    src, tgt = inline.from_kept(kept, (pair.source, pair.target), ("source", "target"), {None: d.ns}, d.inline)
    if src is None:
        table = tokens.table_of(meta)
        src = _plain("source", tokens.strip(pair.source, table), what)
        tgt = _plain("target", tokens.strip(pair.target, table), what) if pair.target else None
        return src, tgt
    return _strip_ns(src, d.ns), _strip_ns(tgt, d.ns) if tgt is not None else None


def _plain(name: str, text: str, what: str) -> etree._Element:
    xs.check_xml_chars(text, what)
    el = etree.Element(name)
    el.text = text or None
    return el


def _same_version(pair: Pair, major: int) -> bool:
    meta = pair.meta or {}
    return meta.get("format") == NAME and str(meta.get("xliff_version", "")).startswith(
        f"{major}."
    )


def _unique(wanted: str, used: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}-{n}"
    used.add(candidate)
    return candidate


def _notes_of(pair: Pair) -> list[str]:
    return [str(n) for n in (pair.meta or {}).get("notes") or ()]


def _trans_unit(pair: Pair, uid: str, d: _Dialect, reviewed: Collection[str] = ()) -> etree._Element:
    what = f"pair {pair.id!r}"
    xs.check_xml_chars(pair.id, what)
    same = _same_version(pair, 1)
    meta = pair.meta or {}
    tu = etree.Element("trans-unit", id=uid)
    source, target = _contents(pair, d, same, what)
    children = [source]
    if target is not None:
        state = meta.get("state") if same else None
        if pair.target and pair.id in reviewed:
            state = REVIEWED_STATE[1]
        if state or pair.target:
            target.set("state", state or "translated")
        children.append(target)
    for note in _notes_of(pair):
        xs.check_xml_chars(note, what)
        el = etree.Element("note")
        el.text = note
        children.append(el)
    _indent(tu, children, "\n        ", "\n      ")
    return tu


def _unit(group: list[Pair], uid: str, d: _Dialect, reviewed: Collection[str] = ()) -> etree._Element:
    first = group[0]
    what = f"pair {first.id!r}"
    unit = etree.Element("unit", id=uid)
    children: list[etree._Element] = []
    notes = _notes_of(first)
    if notes:
        notes_el = etree.Element("notes")
        note_els = []
        for note in notes:
            xs.check_xml_chars(note, what)
            el = etree.Element("note")
            el.text = note
            note_els.append(el)
        _indent(notes_el, note_els, "\n        ", "\n      ")
        children.append(notes_el)
    used: set[str] = set()
    for pair in group:
        what = f"pair {pair.id!r}"
        same = _same_version(pair, 2)
        meta = pair.meta or {}
        seg = etree.Element("segment")
        sid = meta.get("segment_id") if same else None
        if sid:
            seg.set("id", _unique(_nmtoken(str(sid)), used))
        source, target = _contents(pair, d, same, what)
        parts = [source]
        if target is not None:
            parts.append(target)
            state = meta.get("state") if same else None
            state = state or ("translated" if pair.target else None)
            if pair.target and pair.id in reviewed:
                state = REVIEWED_STATE[2]
            if state:
                seg.set("state", state)
            if same and meta.get("sub_state"):
                seg.set("subState", str(meta["sub_state"]))
        _indent(seg, parts, "\n        ", "\n      ")
        children.append(seg)
    _indent(unit, children, "\n      ", "\n    ")
    return unit


def _indent(
    parent: etree._Element, children: list[etree._Element], inner: str, closing: str
) -> None:
    """Append ``children`` one per line; never touches text inside the children."""
    parent.text = inner
    for child in children:
        child.tail = inner
        parent.append(child)
    if children:
        children[-1].tail = closing


def _segment_of_unit(pair: Pair) -> bool:
    """Whether the pair was one of several segments of an XLIFF 2 unit."""
    meta = pair.meta or {}
    return (
        _same_version(pair, 2)
        and (meta.get("segment_count") or 1) > 1
        and bool(meta.get("unit_id"))
    )


def _groups(pairs: Iterable[Pair]) -> Iterator[list[Pair]]:
    """Consecutive pairs that were segments of one XLIFF 2 unit go back into one unit."""
    group: list[Pair] = []
    key: Any = None
    for pair in pairs:
        meta = pair.meta or {}
        k = None
        if _segment_of_unit(pair):
            k = (pair.doc, meta.get("file_id"), meta["unit_id"])
        if group and (k is None or k != key):
            yield group
            group = []
        group.append(pair)
        key = k
    if group:
        yield group


def _open_file(
    xf: Any, d: _Dialect, doc: str, number: int, src_lang: str, tgt_lang: str
) -> ExitStack:
    """Open ``<file>`` (and 1.2's ``<body>``); closing the stack closes them, indented."""
    stack = ExitStack()
    xf.write("\n  ")
    if d.major == 1:
        attrs = {
            "original": doc or "transreview",
            "source-language": src_lang,
            "target-language": tgt_lang,
            "datatype": "plaintext",
        }
        stack.enter_context(xf.element(d.q("file"), attrs))
        stack.callback(xf.write, "\n  ")  # runs after </body>, before </file>
        xf.write("\n    ")
        stack.enter_context(xf.element(d.q("body")))
        stack.callback(xf.write, "\n    ")  # runs first: before </body>
    else:
        attrs = {"id": f"f{number}"}
        if doc:
            attrs["original"] = doc
        stack.enter_context(xf.element(d.q("file"), attrs))
        stack.callback(xf.write, "\n  ")
    return stack


def write_new(
    path: Path,
    pairs: Iterable[Pair],
    *,
    version: str = NEW_FILE_VERSION,
    src_lang: str = "en",
    tgt_lang: str = "zh",
    reviewed: Collection[str] = (),
) -> int:
    """Write ``pairs`` as a new XLIFF file (``version`` "2.1", "2.0" or "1.2"), atomically.

    One ``<file>`` per input document (``original`` = ``Pair.doc``), ids kept (made unique
    within a file; for 2.x, characters an NMTOKEN cannot hold become ``_``). Pairs read from
    XLIFF of the same major version keep state, segment ids and, where the text is
    unchanged, inline markup; notes ride along from any format. An empty target is left
    out. Pairs whose id is in ``reviewed`` (a reviewer corrected or approved them) get the
    reviewed state (1.2 ``signed-off``, 2.x ``reviewed``). Returns how many pairs were written.

    Units are built without a namespace and written inside the root's default namespace
    declaration, so they inherit it on reading instead of repeating ``xmlns=`` on each.
    """
    if version in ("2.0", "2.1", "2.2"):
        d = _Dialect(2, NS20, version)
    elif version == "1.2":
        d = _Dialect(1, NS12, version)
    else:
        raise TransreviewError(f"unsupported XLIFF version {version!r}: choose 2.1, 2.0 or 1.2")
    count = 0
    root_attrs = {"version": d.version}
    if d.major == 2:
        root_attrs.update(srcLang=src_lang, trgLang=tgt_lang)
    with atomic_write(Path(path), "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(d.q("xliff"), root_attrs, nsmap={None: d.ns}):
            stack: ExitStack | None = None
            current_doc: str | None = None
            used: set[str] = set()
            files = 0
            try:
                for group in _groups(pairs):
                    doc = group[0].doc
                    if stack is None or doc != current_doc:
                        if stack is not None:
                            stack.close()
                        stack = _open_file(xf, d, doc, files + 1, src_lang, tgt_lang)
                        files += 1
                        current_doc, used = doc, set()
                    if d.major == 1:
                        for pair in group:
                            uid = _unique(pair.id or str(count + 1), used)
                            xf.write("\n      ", _trans_unit(pair, uid, d, reviewed))
                            count += 1
                    else:
                        meta = group[0].meta or {}
                        wanted = str(meta["unit_id"]) if _segment_of_unit(group[0]) else group[0].id
                        uid = _unique(_nmtoken(wanted or str(count + 1)), used)
                        xf.write("\n    ", _unit(group, uid, d, reviewed))
                        count += len(group)
            finally:
                # close <file> even on error, or lxml masks the error with its own
                if stack is not None:
                    stack.close()
            xf.write("\n")
    return count


# --------------------------------------------------------------------------- patching


def _positions(root: etree._Element, d: _Dialect) -> list[tuple[etree._Element, etree._Element]]:
    """(unit, segment holder) in the order :func:`read` numbers pairs."""
    if d.major == 1:
        return [(tu, tu) for tu in root.iter(d.q("trans-unit"))]
    return [
        (unit, seg) for unit in root.iter(d.q("unit")) for seg in unit if seg.tag == d.q("segment")
    ]


def write_patched(
    original: Path | bytes,
    out: Path,
    targets: Mapping[int, str],
    *,
    notes: Mapping[int, list[str]] | None = None,
    state: str | None = None,
    reviewed: Collection[int] = (),
    drop: Collection[int] = (),
    name: str | Path | None = None,
) -> dict[str, int]:
    """Re-read ``original`` and write it to ``out`` with new target text for some pairs.

    ``original`` is the file, or its bytes as a project keeps them (``name`` then names it
    in error messages). ``targets``/``notes``/``reviewed``/``drop`` are keyed by the pair
    ``index`` :func:`read` gave. A changed target gets ``state`` (default ``signed-off`` on
    a 1.2 ``<target>``, ``reviewed`` on a 2.x ``<segment>``), and so does an unchanged one
    listed in ``reviewed`` (a reviewer approved it as it is; a 1.2 ``<trans-unit>`` in
    ``reviewed`` also gets ``approved="yes"``); a new text equal to the old
    plain text changes nothing else. A change inside one run of text keeps the inline
    markup around it, otherwise the target becomes the plain new text. A missing
    ``<target>`` is created after the source. ``notes`` become ``<note from="transreview">``
    (1.2) or ``<note category="transreview">`` inside the unit's ``<notes>`` (2.x). Pairs in
    ``drop`` are left out: the ``<trans-unit>`` (1.2) or the ``<segment>`` (2.x; the unit
    goes too when no segment is left, and a ``<file>`` left without units with it, since
    the 2.0 schema requires one). Everything else is kept as it was. Returns counts:
    ``{"changed": n, "flattened": n, "created": n, "notes": n}``, plus ``"reviewed"`` and
    ``"dropped"`` when those are given.
    """
    where, tree = xs.parse_original(original, name)
    out = Path(out)
    notes = notes or {}
    root = tree.getroot()
    d = _dialect(where, root)
    units = _positions(root, d)
    bad = sorted(i for i in [*targets, *notes, *reviewed, *drop] if not 0 <= i < len(units))
    if bad:
        raise TransreviewError(
            f"{where}: no unit at position {bad[0]} (the file has {len(units)}, counted from 0)"
        )
    new_state = state or REVIEWED_STATE[d.major]
    stats = {"changed": 0, "flattened": 0, "created": 0, "notes": 0}
    stats.update({"reviewed": 0} if reviewed else {})
    stats.update({"dropped": 0} if drop else {})
    for i in sorted(targets):
        text = targets[i]
        xs.check_xml_chars(text, f"{where}: new target of unit {i}")
        _, holder = units[i]
        target = holder.find(d.q("target"))
        if target is None:
            if text == "":
                continue
            anchor = holder.find(d.q("seg-source")) if d.major == 1 else None
            if anchor is None:
                anchor = holder.find(d.q("source"))
            target = etree.SubElement(holder, d.q("target"))
            holder.remove(target)
            xs.insert_after(holder, anchor, target)
            _, repairs = inline.replace(target, holder.find(d.q("source")), text, d.inline, where)
            _count_repairs(stats, repairs)
            stats["created"] += 1
        else:
            outcome, repairs = inline.replace(target, holder.find(d.q("source")), text, d.inline, where)
            if outcome == "untouched":
                continue
            _count_repairs(stats, repairs)
            stats["flattened"] += outcome == "flattened"
        stats["changed"] += 1
        (target if d.major == 1 else holder).set("state", new_state)
    for i in sorted(set(reviewed) - set(targets)):
        _, holder = units[i]
        target = holder.find(d.q("target"))
        if target is None or not xs.plain_text(target, d.codes, where):
            continue  # nothing translated to sign off
        (target if d.major == 1 else holder).set("state", new_state)
        stats["reviewed"] += 1
    if d.major == 1:
        for i in sorted(set(reviewed)):
            unit, holder = units[i]
            target = holder.find(d.q("target"))
            if target is not None and (len(target) or xs.plain_text(target, d.codes, where)):
                unit.set("approved", "yes")  # a reviewer approved the unit as it now reads
    for i in sorted(notes):
        unit, _ = units[i]
        for text in notes[i]:
            xs.check_xml_chars(text, f"{where}: note for unit {i}")
            _add_note(unit, text, d)
            stats["notes"] += 1
    for i in sorted(set(drop)):
        unit, holder = units[i]
        xs.remove_keeping_layout(holder)
        stats["dropped"] += 1
        if d.major == 2 and unit.find(d.q("segment")) is None and unit.getparent() is not None:
            _remove_emptied(unit, d)
    xs.write_tree(tree, out, original if isinstance(original, bytes) else Path(original).read_bytes())
    return stats


def _count_repairs(stats: dict[str, int], repairs: int) -> None:
    """Unbalanced wrapping codes a correction left are counted (only when there are some)."""
    if repairs:
        stats["repaired"] = stats.get("repaired", 0) + repairs


def _remove_emptied(unit: etree._Element, d: _Dialect) -> None:
    """Remove an XLIFF 2 unit whose segments were all dropped, and a ``<file>`` left empty."""
    parent = unit.getparent()
    xs.remove_keeping_layout(unit)
    while parent is not None and parent.tag == d.q("file"):
        if parent.find(f".//{d.q('unit')}") is not None:
            return
        root = parent.getparent()
        if root is None or len(root.findall(d.q("file"))) == 1:
            raise TransreviewError("every unit of the XLIFF file was left out: nothing to write")
        xs.remove_keeping_layout(parent)
        return


def _add_note(unit: etree._Element, text: str, d: _Dialect) -> None:
    if d.major == 1:
        note = etree.SubElement(unit, d.q("note"), {"from": "transreview"})
        unit.remove(note)
        note.text = text
        existing = unit.findall(d.q("note"))
        anchor = existing[-1] if existing else (unit[-1] if len(unit) else None)
        xs.insert_after(unit, anchor, note)
        return
    notes_el = unit.find(d.q("notes"))
    if notes_el is None:
        notes_el = etree.SubElement(unit, d.q("notes"))
        unit.remove(notes_el)
        first = next(
            (c for c in unit if c.tag in (d.q("originalData"), d.q("segment"), d.q("ignorable"))),
            None,
        )
        if first is not None:
            xs.insert_before(unit, first, notes_el)
            indent = notes_el.tail or ""
            notes_el.text = indent + "  " if indent else None
        else:
            unit.append(notes_el)
    note = etree.SubElement(notes_el, d.q("note"), {"category": "transreview"})
    notes_el.remove(note)
    note.text = text
    last = notes_el[-1] if len(notes_el) else None
    if last is None:
        notes_el.append(note)
        note.tail = notes_el.tail  # </notes> sits at the indentation <notes> has
    else:
        xs.insert_after(notes_el, last, note)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(
        path, job.pairs, version=NEW_FILE_VERSION, src_lang=job.src_lang,
        tgt_lang=job.tgt_lang, reviewed=job.reviewed,
    )
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(
        job.original, path, job.targets, notes=job.notes, reviewed=job.reviewed, drop=job.drop,
        name=job.name,
    )


FORMAT = Format(
    NAME, (".xlf", ".xliff"), read=one_file(read), write=_write_job, patch=_patch_job, order=20,
    one_file_per_document=True, inline_codes=True,
    summary="XLIFF 1.2 and 2.x",
    patch_notes=True, write_notes=True,
)


__all__ = ["FORMAT", "NEW_FILE_VERSION", "NS12", "NS20", "read", "write_new", "write_patched"]
