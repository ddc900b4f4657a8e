"""JSON i18n files (i18next, vue-i18n…): ``en.json`` + ``zh-CN.json``, keys by dotted path.

Two monolingual files make one input (:mod:`transreview.formats.pairing`): ``zh-CN.json``
finds ``en.json`` beside it; ``zh-CN/translation.json`` finds ``en/translation.json``; a
flat name ending in the language (``app_zh-CN.json``) finds ``app_en.json``; both files can
be named, or the folder that holds them.

Every string leaf is a pair, its id the dotted key path (``labels.paste``; a list item
``items[2]``); numbers, booleans and nulls are not text. Interpolations (``{{count}}``)
and inline tags (``<bold>``) stay in the text, so the placeholder and tag checks see
them. A key in the source but not in the translation is a pair with an empty target (the
checks report it untranslated), except the i18next plural forms (``_one``, ``_few``…) a
one-form language leaves out when it has the ``_other`` form; a key only in the
translation is a pair with an empty source and ``meta["orphan"]``.

Export patches the translation's text: a corrected value's string token is replaced and a
missing key is added to its object (created if need be), everything else byte for byte.
JSON has no comments, so reviewer notes are not written; an export filter that would leave
keys out is refused (a patched file keeps every key).

:mod:`transreview.formats.arb` (Flutter) builds on the same pieces.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import json_scan, pairing
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob
from transreview.model import Pair

NAME = "json"

_LANG = r"(?:en|zh)(?:[-_][A-Za-z]{2,4})*"
_FLAT_LANG = re.compile(rf"(?:^|[_.-])({_LANG})$")
_PLURAL_SUFFIX = re.compile(r"_(zero|one|two|few|many)$")


# --------------------------------------------------------------------------- layout


def _lang(path: Path) -> str | None:
    m = _FLAT_LANG.search(path.stem)
    if m:
        return m.group(1)
    if re.fullmatch(_LANG, path.parent.name):
        return path.parent.name
    return None


def role(path: Path) -> pairing.Role:
    lang = _lang(path)
    if lang is None:
        return None
    return ("source", None) if lang.lower().startswith("en") else ("target", lang)


def sources_for(target: Path) -> list[Path]:
    m = _FLAT_LANG.search(target.stem)
    if m:
        stem = target.stem[: m.start(1)]
        return [target.with_name(f"{stem}en{target.suffix}")]
    if re.fullmatch(_LANG, target.parent.name):
        return [target.parent.parent / "en" / target.name]
    return []


def doc_name(target: Path) -> str:
    if _FLAT_LANG.search(target.stem) is None and re.fullmatch(_LANG, target.parent.name):
        return f"{target.parent.name}_{target.name}"
    return target.name


def discover_with(ending: str) -> Callable[[Path], list[Path]]:
    def discover(directory: Path) -> list[Path]:
        found = []
        for f in sorted(directory.rglob(f"*{ending}")):
            r = role(f)
            if r is not None and r[0] == "target" and (r[1] or "").lower().startswith("zh"):
                if any(s.exists() for s in sources_for(f)):
                    found.append(f)
        return found

    return discover


LAYOUT = pairing.Layout("JSON i18n", role, sources_for, doc_name, "locales/zh-CN.json")


def group(paths: Sequence[Path]) -> list[tuple[str, tuple[Path, ...]]]:
    return pairing.group(LAYOUT, paths)


# --------------------------------------------------------------------------- units


def key_id(path: json_scan.Key) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Unit:
    key: json_scan.Key
    src: json_scan.Leaf | None
    tgt: json_scan.Leaf | None

    @property
    def pair_id(self) -> str:
        return key_id(self.key)


@dataclass(frozen=True)
class Side:
    path: Path
    text: str
    value: Any
    scan: json_scan.Scan


def load(path: Path, data: bytes | None = None) -> Side:
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    text, value = json_scan.load(data, path)
    if not isinstance(value, dict):
        raise InputError(path, 1, "not an i18n JSON file: the top level is not an object")
    return Side(path, text, value, json_scan.scan(text))


def _effective(leaves: list[json_scan.Leaf], keep: Keep) -> dict[json_scan.Key, json_scan.Leaf]:
    """The leaves by key; a key written twice is the last one (what every JSON reader,
    and so the app, uses), listed where it first appeared."""
    out: dict[json_scan.Key, json_scan.Leaf] = {}
    for leaf in leaves:
        if keep(leaf.path):
            out[leaf.path] = leaf
    return out


Keep = Callable[[json_scan.Key], bool]


def paired(source: Side, target: Side, keep: Keep = lambda k: True) -> list[Unit]:
    """Source order, then keys only the translation has; ``keep`` filters keys (ARB: no ``@``)."""
    tgt = _effective(target.scan.leaves, keep)
    src_keys = set()
    units: list[Unit] = []
    for leaf in _effective(source.scan.leaves, keep).values():
        src_keys.add(leaf.path)
        t = tgt.get(leaf.path)
        if t is None and _one_form_leaves_out(leaf.path, tgt):
            continue
        units.append(Unit(leaf.path, leaf, t))
    units += [Unit(k, None, t) for k, t in tgt.items() if k not in src_keys]
    return units


def _one_form_leaves_out(path: json_scan.Key, tgt: Mapping[json_scan.Key, Any]) -> bool:
    """``key_one`` missing from a translation that has ``key_other``: a language with one
    plural form (Chinese) has no ``_one`` form to give."""
    last = path[-1] if path else None
    if not isinstance(last, str):
        return False
    m = _PLURAL_SUFFIX.search(last)
    if m is None:
        return False
    return (*path[:-1], last[: m.start()] + "_other") in tgt


def read_with(paths: Sequence[Path], opts: ReadOptions | None, fmt: str, keep: Keep,
              extra: Callable[[Unit, Side, Side], dict[str, Any]] | None = None) -> Iterator[Pair]:
    opts = opts or ReadOptions()
    src_path, tgt_path = (Path(p) for p in paths)
    source, target = load(src_path), load(tgt_path)
    name = doc_name(tgt_path)
    for index, u in enumerate(paired(source, target, keep)):
        meta: dict[str, Any] = {"format": fmt, "key": [*u.key],
                                "source_line": u.src.line if u.src else None}
        if u.tgt is None:
            meta["missing"] = True
        if u.src is None:
            meta["orphan"] = True
        if extra is not None:
            meta.update(extra(u, source, target))
        yield Pair(
            id=u.pair_id, source=u.src.value if u.src else "", target=u.tgt.value if u.tgt else "",
            doc=name, index=index, line=u.tgt.line if u.tgt else (u.src.line if u.src else None),
            src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, meta=meta,
        )


def read(paths: Sequence[Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The pairs of a (source, translation) pair of i18n JSON files."""
    return read_with(paths, opts, NAME, lambda k: True)


# --------------------------------------------------------------------------- patching


def _indent_unit(text: str) -> str:
    m = re.search(r"\n([ \t]+)\"", text)
    return m.group(1) if m else "  "


def _nested(rest: json_scan.Key, value: str) -> Any:
    node: Any = value
    for part in reversed(rest):
        node = {part: node}
    return node


def patch_with(originals: tuple[bytes, bytes], out: Path, targets: Mapping[int, str], *,
               name: str, keep: Keep, drop: Collection[int] = ()) -> dict[str, int]:
    """The translation with new values for the pairs (by ``index``) in ``targets``."""
    source = load(Path("source.json"), originals[0])
    target = load(Path(name), originals[1])
    units = paired(source, target, keep)
    bad = sorted(i for i in targets if not 0 <= i < len(units))
    if bad:
        raise TransreviewError(f"{name}: no string at position {bad[0]} (the file has {len(units)})")
    if drop:
        raise TransreviewError(
            f"{name}: an export filter cannot leave keys out of a patched JSON file "
            "(every key stays); export as tsv or jsonl to filter"
        )
    text = target.text
    unit_str = _indent_unit(text)
    eol = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, int, str]] = []  # (start, end, order, text)
    stats = {"changed": 0, "created": 0}
    for i in sorted(targets):
        u, new = units[i], targets[i]
        if u.tgt is not None:
            if new != u.tgt.value:
                edits.append((u.tgt.start, u.tgt.end, i, json_scan.quote(new)))
                stats["changed"] += 1
            continue
        if not new:
            continue
        if any(isinstance(p, int) for p in u.key):
            raise TransreviewError(f"{name}: cannot add the list item {u.pair_id!r}: translate the list in the file")
        depth = len(u.key) - 1
        while depth > 0 and u.key[:depth] not in target.scan.objects:
            depth -= 1
        obj = target.scan.objects[u.key[:depth]]
        rest = u.key[depth:]
        level = unit_str * (depth + 1)
        value_json = json.dumps(_nested(rest[1:], new), ensure_ascii=False, indent=len(unit_str))
        value_json = value_json.replace("\n", eol + level)
        entry = f"{level}{json_scan.quote(str(rest[0]))}: {value_json}"
        if obj.empty:
            body = f"{eol}{entry}{eol}{unit_str * depth}"
            edits.append((obj.start + 1, obj.end, i, body))
            target.scan.objects[u.key[:depth]] = json_scan.Obj(obj.path, obj.start, obj.end, False)
        else:
            last = len(text[: obj.end].rstrip())
            edits.append((last, last, i, f",{eol}{entry}"))
        stats["changed"] += 1
        stats["created"] += 1
    result: list[str] = []
    pos = 0
    for a, b, _, new_text in sorted(edits, key=lambda e: (e[0], e[2])):
        if a < pos:
            continue
        result.append(text[pos:a])
        result.append(new_text)
        pos = max(pos, b)
    result.append(text[pos:])
    bom = b"\xef\xbb\xbf" if originals[1].startswith(b"\xef\xbb\xbf") else b""
    with atomic_write(Path(out), "wb") as handle:
        handle.write(bom + "".join(result).encode("utf-8"))
    return stats


def write_new_with(path: Path, pairs: Sequence[Pair], fmt: str) -> int:
    """A new translation file: each pair's target under its key (nested by the key path for
    pairs read from this format, else flat by id)."""
    doc: dict[str, Any] = {}
    n = 0
    for pair in pairs:
        if not pair.target:
            continue
        meta: Mapping[str, Any] = pair.meta or {}
        key = [str(k) for k in meta.get("key") or []] if meta.get("format") == fmt else [pair.id]
        node = doc
        for part in key[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[key[-1] if key else pair.id] = pair.target
        n += 1
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return n


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new_with(path, job.pairs, NAME)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    if job.companion is None:
        raise TransreviewError(f"{job.name}: the project has no copy of the translation file")
    patch_with((job.original, job.companion), path, job.targets, name=job.name,
               keep=lambda k: True, drop=job.drop)


FORMAT = Format(
    NAME, (".json",), read=read, write=_write_job, patch=_patch_job, order=39,
    one_file_per_document=True, unit="string", group=group, discover=discover_with(".json"),
    summary="i18n JSON (i18next, vue-i18n): en.json + zh-CN.json, keys by dotted path",
)


__all__ = ["FORMAT", "Unit", "key_id", "load", "paired", "patch_with", "read", "read_with",
           "role", "sources_for", "write_new_with"]
