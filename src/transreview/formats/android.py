"""Android string resources: ``values/strings.xml`` (source) + ``values-zh-rCN/strings.xml``.

Two monolingual files make one input, paired by key. The target file is found by its
resource directory (``values-zh-rCN``, ``values-zh-rTW``, ``values-b+zh+Hans``…), the
source in the sibling ``values`` directory under the same file name; both files can also
be named explicitly, and a flat file name that carries the directory
(``app_values-zh-rCN_strings.xml``) counts the same. A ``res`` directory on the command
line is searched for every Chinese ``values-zh*`` folder.

Units: ``<string name>`` (id = the name), each ``<item quantity>`` of ``<plurals>``
(id ``name#quantity``; Chinese has only ``other``) and each ``<item>`` of
``<string-array>`` (id ``name[i]``). ``translatable="false"`` resources are skipped (they
are not translated). Inline ``<xliff:g>`` and HTML markup stay in the file; their text is
part of the pair's text, so the placeholder they protect (``%1$s``) is checked. The text is
Android's (escapes decoded, quotes and whitespace as aapt reads them,
:mod:`transreview.formats.android_text`) and re-encoded on export.

A key in the source but not in the target is a pair with an empty target (the checks
report it untranslated); a key only in the target is a pair with an empty source and
``meta["orphan"]`` (the source no longer has it).

Export patches the target file's text in place: only the corrected strings' content
changes (an unchanged export is byte-identical), a missing ``<string>``/``<plurals>`` is
added before ``</resources>``. Both files are parsed whole (resource files are small).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import android_text, pairing
from transreview.formats import xmlsafe as xs
from transreview.formats.base import (
    Format,
    PatchJob,
    ReadOptions,
    WriteJob,
    apply_edits,
    marked_note,
)
from transreview.model import Pair

NAME = "android"

# ``values-zh-rCN``, ``values-b+zh+Hans``, ``values-zh``; the first qualifier is a language
_TARGET_DIR = re.compile(r"values-((?:[a-z]{2,3}(?:-r[A-Z]{2})?)|(?:b\+[A-Za-z0-9+]+))(?:-[\w+-]*)?$")
_FLAT_TARGET = re.compile(r"(?:^|[_.])values-((?:[a-z]{2,3}(?:-r[A-Z]{2})?)|(?:b\+[A-Za-z0-9+]+))[_.]")
_FLAT_SOURCE = re.compile(r"(?:^|[_.])values[_.]")


# --------------------------------------------------------------------------- files and roles


def _qualifier_lang(q: str) -> str:
    """``zh-rCN`` → ``zh-CN``, ``b+zh+Hans`` → ``zh-Hans``."""
    if q.startswith("b+"):
        return "-".join(q[2:].split("+"))
    return q.replace("-r", "-")


def role(path: Path) -> tuple[str, str | None] | None:
    """(``"source"``, None) or (``"target"``, language) by Android's layout; None if unknown."""
    parent = path.parent.name
    if parent == "values":
        return "source", None
    m = _TARGET_DIR.fullmatch(parent)
    if m:
        return "target", _qualifier_lang(m.group(1))
    m = _FLAT_TARGET.search(path.name)
    if m:
        return "target", _qualifier_lang(m.group(1))
    if _FLAT_SOURCE.search(path.name):
        return "source", None
    return None


def _sources_for(target: Path) -> list[Path]:
    if _TARGET_DIR.fullmatch(target.parent.name):
        return [target.parent.parent / "values" / target.name]
    flat = _FLAT_TARGET.sub(lambda m: m.group(0).replace(f"-{m.group(1)}", ""), target.name, count=1)
    return [target.with_name(flat)]


def doc_name(target: Path) -> str:
    """``values-zh-rCN_strings.xml``: one name per translation (every target is strings.xml)."""
    if _TARGET_DIR.fullmatch(target.parent.name):
        return f"{target.parent.name}_{target.name}"
    return target.name


LAYOUT = pairing.Layout("Android", role, _sources_for, doc_name, "res/values-zh-rCN/strings.xml")


def group(paths: Sequence[Path]) -> list[tuple[str, tuple[Path, ...]]]:
    """The inputs among Android files named on the command line: (name, (source, target))."""
    return pairing.group(LAYOUT, paths)


def discover(directory: Path) -> list[Path]:
    """Chinese translations under an Android ``res`` directory (or a module above it)."""
    found: list[Path] = []
    for values in sorted(directory.rglob("values-*")):
        m = _TARGET_DIR.fullmatch(values.name)
        if not values.is_dir() or not m or not _qualifier_lang(m.group(1)).startswith("zh"):
            continue
        for f in sorted(values.glob("*.xml")):
            if (values.parent / "values" / f.name).exists() and _is_strings(f):
                found.append(f)
    return found


def _is_strings(path: Path) -> bool:
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return False
    return b"<resources" in head and (b"<string" in head or b"<plurals" in head)


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Res:
    """One translatable text of a resource file."""

    key: str  # pair id
    kind: str  # "string", "plural", "array"
    name: str
    sub: str | None  # quantity or item position
    elem: etree._Element
    raw: str  # XML-unescaped, Android-escaped
    comment: str | None


def _translatable(el: etree._Element) -> bool:
    return el.get("translatable", "true").strip().lower() != "false"


def _raw(el: etree._Element, where: Path) -> str:
    return xs.plain_text(el, (), where)


def _comment_before(el: etree._Element) -> str | None:
    prev = el.getprevious()
    if prev is not None and prev.tag is etree.Comment:
        return (prev.text or "").strip() or None
    return None


def resources(root: etree._Element, where: Path) -> dict[str, Res]:
    """Every translatable unit of a ``<resources>`` root, by key, in file order."""
    if xs.local(root.tag) != "resources":
        raise InputError(where, root.sourceline,
                         f"not Android resources: the root is {xs.qname_for_humans(str(root.tag))}")
    units: dict[str, Res] = {}

    def add(res: Res) -> None:
        if res.key in units:
            first = units[res.key].elem.sourceline
            raise InputError(where, res.elem.sourceline, f"duplicate resource {res.key!r} (first on line {first})")
        units[res.key] = res

    for el in root:
        if not isinstance(el.tag, str) or not _translatable(el):
            continue
        tag, name = xs.local(el.tag), el.get("name")
        if not name:
            continue
        note = _comment_before(el)
        if tag == "string":
            add(Res(name, "string", name, None, el, _raw(el, where), note))
        elif tag == "plurals":
            for item in el:
                if isinstance(item.tag, str) and xs.local(item.tag) == "item" and item.get("quantity"):
                    q = item.get("quantity", "")
                    add(Res(f"{name}#{q}", "plural", name, q, item, _raw(item, where), note))
        elif tag == "string-array":
            items = [i for i in el if isinstance(i.tag, str) and xs.local(i.tag) == "item"]
            for k, item in enumerate(items):
                add(Res(f"{name}[{k}]", "array", name, str(k), item, _raw(item, where), note))
    return units


@dataclass(frozen=True)
class Unit:
    key: str
    src: Res | None
    tgt: Res | None


def paired(source: dict[str, Res], target: dict[str, Res]) -> list[Unit]:
    """The units in source order (a plural by the target's quantities), then target-only keys.

    A plural pairs each target quantity with the same source quantity, else the source's
    ``other``: Chinese has only ``other``, English ``one`` and ``other``.
    """
    units: list[Unit] = []
    done: set[str] = set()
    plural_done: set[str] = set()
    for key, s in source.items():
        if s.kind == "plural":
            if s.name in plural_done:
                continue
            plural_done.add(s.name)
            t_items = [t for t in target.values() if t.kind == "plural" and t.name == s.name]
            if not t_items:
                other = source.get(f"{s.name}#other", s)
                units.append(Unit(f"{s.name}#other", other, None))
                continue
            for t in t_items:
                units.append(Unit(t.key, source.get(t.key) or source.get(f"{s.name}#other") or s, t))
                done.add(t.key)
            continue
        units.append(Unit(key, s, target.get(key)))
        done.add(key)
    source_names = {s.name for s in source.values()}
    for key, t in target.items():
        if key not in done and not (t.kind == "plural" and t.name in source_names):
            units.append(Unit(key, None, t))
    return units


def _load(paths: Sequence[Path], originals: Sequence[bytes] | None = None
          ) -> tuple[list[Unit], etree._ElementTree]:
    src_path, tgt_path = paths
    trees = [xs.parse_bytes(originals[k], p) if originals else xs.parse(p)
             for k, p in enumerate(paths)]
    source = resources(trees[0].getroot(), src_path)
    target = resources(trees[1].getroot(), tgt_path)
    return paired(source, target), trees[1]


# --------------------------------------------------------------------------- reading


def read(paths: Sequence[Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The pairs of a (source, target) pair of resource files, in source order."""
    opts = opts or ReadOptions()
    src_path, tgt_path = (Path(p) for p in paths)
    units, _ = _load((src_path, tgt_path))
    name = doc_name(tgt_path)
    for index, u in enumerate(units):
        source = android_text.decode(u.src.raw)[0] if u.src else ""
        target = android_text.decode(u.tgt.raw)[0] if u.tgt else ""
        any_res = u.tgt or u.src
        assert any_res is not None
        meta: dict[str, Any] = {
            "format": NAME,
            "key": any_res.name,
            "kind": any_res.kind,
            "source_line": u.src.elem.sourceline if u.src else None,
            "comment": (u.src.comment if u.src else None) or (u.tgt.comment if u.tgt else None),
        }
        if any_res.sub is not None:
            meta["quantity" if any_res.kind == "plural" else "item"] = any_res.sub
        if u.tgt is None:
            meta["missing"] = True
        if u.src is None:
            meta["orphan"] = True
        yield Pair(
            id=u.key, source=source, target=target, doc=name, index=index,
            line=u.tgt.elem.sourceline if u.tgt else (u.src.elem.sourceline if u.src else None),
            src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, meta=meta,
        )


# --------------------------------------------------------------------------- patching

_TOKEN = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>|<[^>]*>", re.S)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class _Seg:
    start: int  # in the file's text
    end: int
    raw: str  # the text it contributes (unescaped)
    cdata: bool


def _segments(text: str, a: int, b: int) -> list[_Seg]:
    """The text pieces of ``text[a:b]`` (an element's content): between tags, and CDATA."""
    segs: list[_Seg] = []
    pos = a
    for m in _TOKEN.finditer(text, a, b):
        if m.start() > pos:
            segs.append(_Seg(pos, m.start(), html.unescape(text[pos:m.start()]), False))
        tok = m.group(0)
        if tok.startswith("<![CDATA["):
            segs.append(_Seg(m.start(), m.end(), tok[9:-3], True))
        pos = m.end()
    if pos < b:
        segs.append(_Seg(pos, b, html.unescape(text[pos:b]), False))
    return segs


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class _Locator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)

    def open_tag(self, el: etree._Element, pattern: str, nth: int = 0, after: int | None = None
                 ) -> re.Match[str]:
        begin = after if after is not None else self.starts[(el.sourceline or 1) - 1]
        rx = re.compile(pattern)
        for k, m in enumerate(rx.finditer(self.text, begin)):
            if k == nth:
                return m
        raise TransreviewError("cannot locate an element in the original file")

    def content(self, el: etree._Element, tag: str, m: re.Match[str]) -> tuple[int, int, bool]:
        """(start, end, empty-element) of the element's content after its open tag ``m``."""
        if m.group(0).endswith("/>"):
            return m.end(), m.end(), True
        end = self.text.find(f"</{tag}", m.end())
        if end < 0:
            raise TransreviewError(f"cannot find </{tag}> in the original file")
        return m.end(), end, False


def _open_pattern(tag: str, attr: str | None = None, value: str | None = None) -> str:
    if attr is None:
        return rf"<{tag}\b[^>]*?>"
    return rf"<{tag}\b[^>]*?\b{attr}\s*=\s*([\"']){re.escape(value or '')}\1[^>]*?>"


def _new_content(old_raw_segments: list[_Seg], text: str, a: int, b: int, new: str
                 ) -> tuple[str, str]:
    """The replacement for ``text[a:b]`` so the element reads ``new``: (content, how)."""
    raw = "".join(s.raw for s in old_raw_segments)
    old, spans = android_text.decode(raw)
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[-1 - q] == new[-1 - q]:
        q += 1
    oa, ob = p, len(old) - q
    rep = android_text.encode(new[p:len(new) - q], at_start=oa == 0, at_end=ob == len(old))
    if spans:
        ra = spans[oa][0] if oa < len(spans) else spans[-1][1]
        rb = spans[ob - 1][1] if ob > oa else ra
    else:
        ra = rb = len(raw)
    pos = 0
    for seg in old_raw_segments:
        s, e = pos, pos + len(seg.raw)
        pos = e
        if s <= ra and rb <= e and not (seg.cdata and "]]>" in rep):
            piece = seg.raw[: ra - s] + rep + seg.raw[rb - s:]
            body = f"<![CDATA[{piece}]]>" if seg.cdata else _xml_escape(piece)
            return text[a:seg.start] + body + text[seg.end:b], "kept"
    if not old_raw_segments:
        return _xml_escape(rep), "kept"
    return _xml_escape(android_text.encode(new)), "flattened"


def write_patched(
    originals: tuple[bytes, bytes],
    out: Path,
    targets: Mapping[int, str],
    *,
    names: tuple[str, str] = ("values/strings.xml", "values-zh/strings.xml"),
    notes: Mapping[int, list[str]] | None = None,
    drop: Collection[int] = (),
) -> dict[str, int]:
    """The target file with new text for the pairs (by ``index``) in ``targets``.

    Only the content of those elements changes; the rest of the file stays byte for byte.
    A change inside one text piece keeps inline markup (``<xliff:g>``, ``<b>``); one that
    spans markup makes the content plain text (counted as ``flattened``). A missing
    ``<string>``/``<plurals>`` is added before ``</resources>``. ``notes`` become
    ``<!-- transreview: … -->`` comments before the element; ``drop`` removes whole
    ``<string>`` elements (a plural or array item stays). Returns counts.
    """
    src_name, tgt_name = Path(names[0]), Path(names[1])
    units, tree = _load((src_name, tgt_name), originals)
    data = originals[1]
    encoding = tree.docinfo.encoding or "utf-8"
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode(encoding).removeprefix("\ufeff")
    bad = sorted(i for i in [*targets, *(notes or {}), *drop] if not 0 <= i < len(units))
    if bad:
        raise TransreviewError(f"{tgt_name}: no string at position {bad[0]} (the file has {len(units)})")
    loc = _Locator(text)
    edits: list[tuple[int, int, str]] = []
    stats = {"changed": 0, "flattened": 0, "created": 0, "notes": 0, "dropped": 0}
    created: dict[str, list[tuple[Unit, str]]] = {}
    for i, new in targets.items():
        u = units[i]
        if u.tgt is None:
            if new:
                created.setdefault(u.src.name if u.src else u.key, []).append((u, new))
            continue
        t = u.tgt
        if android_text.decode(t.raw)[0] == new:
            continue
        tag = "string" if t.kind == "string" else "item"
        a, b, empty, start_tag = _span(loc, t)
        if empty:
            open_tag = start_tag[:-2].rstrip() + ">"
            body = _xml_escape(android_text.encode(new))
            edits.append((a - len(start_tag), a, f"{open_tag}{body}</{tag}>"))
            how = "kept"
        else:
            body, how = _new_content(_segments(text, a, b), text, a, b, new)
            edits.append((a, b, body))
        stats["changed"] += 1
        stats["flattened"] += how == "flattened"
    for i, texts in (notes or {}).items():
        u = units[i]
        if u.tgt is None:
            continue
        el = u.tgt.elem if u.tgt.kind == "string" else u.tgt.elem.getparent()
        line_start = loc.starts[(el.sourceline or 1) - 1]
        indent = re.match(r"[ \t]*", text[line_start:]).group(0)  # type: ignore[union-attr]
        body = "".join(f"{indent}<!-- {_comment_text(marked_note(t))} -->\n" for t in texts)
        edits.append((line_start, line_start, body))
        stats["notes"] += len(texts)
    for i in sorted(set(drop)):
        u = units[i]
        if u.tgt is None or u.tgt.kind != "string":
            continue
        a, b, empty, start_tag = _span(loc, u.tgt)
        begin = a - len(start_tag)
        end = b if empty else text.find(">", b) + 1
        line_start = text.rfind("\n", 0, begin) + 1
        if not text[line_start:begin].strip():
            begin = line_start
            nl = text.find("\n", end)
            if nl >= 0 and not text[end:nl].strip():
                end = nl + 1
        edits.append((begin, end, ""))
        stats["dropped"] += 1
    if created:
        close = text.rfind("</resources")
        if close < 0:
            raise TransreviewError(f"{tgt_name}: no </resources> to add strings before")
        edits.append((close, close, _created_xml(created)))
        stats["created"] += sum(len(v) for v in created.values())
        stats["changed"] += sum(len(v) for v in created.values())
    result = apply_edits(text, edits)
    with atomic_write(Path(out), "wb") as handle:
        handle.write((b"\xef\xbb\xbf" if bom else b"") + result.encode(encoding))
    return stats


def _comment_text(text: str) -> str:
    return " ".join(text.replace("--", "- -").splitlines())


def _span(loc: _Locator, t: Res) -> tuple[int, int, bool, str]:
    """(content start, content end, empty element, the open tag) of a unit's element."""
    if t.kind == "string":
        m = loc.open_tag(t.elem, _open_pattern("string", "name", t.name))
        a, b, empty = loc.content(t.elem, "string", m)
        return a, b, empty, m.group(0)
    parent = t.elem.getparent()
    assert parent is not None
    ptag = "plurals" if t.kind == "plural" else "string-array"
    pm = loc.open_tag(parent, _open_pattern(ptag, "name", t.name))
    if t.kind == "plural":
        m = loc.open_tag(t.elem, _open_pattern("item", "quantity", t.sub), after=pm.end())
    else:
        m = loc.open_tag(t.elem, _open_pattern("item"), nth=int(t.sub or 0), after=pm.end())
    a, b, empty = loc.content(t.elem, "item", m)
    return a, b, empty, m.group(0)


def _created_xml(created: Mapping[str, list[tuple[Unit, str]]]) -> str:
    parts: list[str] = []
    for name, items in created.items():
        first = items[0][0]
        kind = first.src.kind if first.src else "string"
        if kind == "string":
            parts.append(f'    <string name="{html.escape(name)}">'
                         f"{_xml_escape(android_text.encode(items[0][1]))}</string>\n")
        elif kind == "plural":
            inner = "".join(
                f'        <item quantity="{html.escape(u.key.rsplit("#", 1)[1])}">'
                f"{_xml_escape(android_text.encode(new))}</item>\n" for u, new in items
            )
            parts.append(f'    <plurals name="{html.escape(name)}">\n{inner}    </plurals>\n')
        else:
            raise TransreviewError(
                f"cannot add an item of the string-array {name!r}: the translation has no "
                "such array; translate the whole array in the file"
            )
    return "".join(parts)


# --------------------------------------------------------------------------- writing new

_NAME_OK = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def write_new(path: Path, pairs: Sequence[Pair]) -> int:
    """A new translation ``strings.xml`` from pairs: the target of each pair under its key.

    Pairs read from Android come back as ``<string>``, ``<plurals>`` and ``<string-array>``;
    pairs of other formats become ``<string>`` named by their id (characters a resource
    name cannot hold become ``_``). Pairs without a target are left out (the source then
    shows, as Android does for a missing translation). Returns how many texts were written.
    """
    groups: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
    for pair in pairs:
        if not pair.target:
            continue
        meta: Mapping[str, Any] = pair.meta or {}
        same = meta.get("format") == NAME
        kind = str(meta.get("kind", "string")) if same else "string"
        name = str(meta.get("key")) if same else pair.id
        if not _NAME_OK.fullmatch(name):
            name = re.sub(r"[^A-Za-z0-9_.]", "_", name)
            name = name if _NAME_OK.fullmatch(name) else f"s_{name}"
        sub = meta.get("quantity") if kind == "plural" else None
        groups.setdefault((kind, name), []).append((sub, pair.target))
    lines = ['<?xml version="1.0" encoding="utf-8"?>\n', "<resources>\n"]
    count = 0
    for (kind, name), items in groups.items():
        if kind == "string":
            lines.append(f'    <string name="{name}">{_xml_escape(android_text.encode(items[0][1]))}</string>\n')
        else:
            tag = "plurals" if kind == "plural" else "string-array"
            lines.append(f'    <{tag} name="{name}">\n')
            for sub, text in items:
                attr = f' quantity="{html.escape(sub or "other")}"' if kind == "plural" else ""
                lines.append(f"        <item{attr}>{_xml_escape(android_text.encode(text))}</item>\n")
            lines.append(f"    </{tag}>\n")
        count += len(items)
    lines.append("</resources>\n")
    for line in lines:
        xs.check_xml_chars(line, str(path))
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        out.write("".join(lines))
    return count


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    if job.companion is None:
        raise TransreviewError(f"{job.name}: the project has no copy of the translation file")
    write_patched((job.original, job.companion), path, job.targets,
                  names=("values/strings.xml", job.name), notes=job.notes, drop=job.drop)


FORMAT = Format(
    NAME, (".xml",), read=read, write=_write_job, patch=_patch_job, order=36, one_file_per_document=True,
    unit="string", group=group, discover=discover,
    summary="Android strings.xml: values/ + values-zh-rCN/ (or a res/ folder), paired by key",
    patch_notes=True,
)


__all__ = ["FORMAT", "discover", "doc_name", "group", "read", "role", "write_new", "write_patched"]
