"""Xcode string catalogs (``.xcstrings``): one JSON file holding every language.

The source is the catalog's ``sourceLanguage`` localization (else the key itself, as
Xcode does when no source value was written); the target is the Chinese localization
(``zh-Hans`` first for ``zh``; a regional target language such as ``zh-Hant`` picks that
one). One pair per key, or, when the translation has ``variations`` (``plural``,
``device``), one per variation: id ``key#plural.other``, ``key#device.mac.plural.one``…
The variation's source is the same variation of the source localization, else its
``other``, else the source's plain value. ``shouldTranslate: false`` keys are skipped.

``meta["state"]`` keeps the translator's state (``translated``, ``needs_review``,
``new``, ``stale``): every state is reviewed, and a unit a reviewer corrected or approved
becomes ``translated`` on export. A key with no Chinese localization is a pair with an
empty target.

The file is read whole (JSON). Export rewrites it in Xcode's own layout (two-space
indent, ``" : "``), which gives back an Xcode-written catalog byte for byte, so an
unchanged export is identical and a correction changes only its unit's lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError
from transreview.formats import xmlsafe as xs
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob, one_file
from transreview.model import Pair

NAME = "xcstrings"
_PREFERRED_ZH = ("zh-Hans", "zh-CN", "zh", "zh-Hant", "zh-TW", "zh-HK")
_DONE_STATES = frozenset({"needs_review", "new", "stale"})


def _load(data: bytes, where: str | Path) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError(where, data[: e.start].count(b"\n") + 1, "bytes that are not UTF-8") from None
    except json.JSONDecodeError as e:
        raise InputError(where, e.lineno, f"not valid JSON: {e.msg}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("strings"), dict):
        raise InputError(where, None, "not an Xcode string catalog: no \"strings\" object")
    return doc


def target_locale(doc: Mapping[str, Any], tgt_lang: str) -> str:
    """The localization the target language reads: exact, else the preferred Chinese one."""
    present: set[str] = set()
    for entry in doc["strings"].values():
        if isinstance(entry, dict):
            present.update((entry.get("localizations") or {}).keys())
    if tgt_lang in present:
        return tgt_lang
    for loc in _PREFERRED_ZH:
        if loc in present and xs.lang_matches(loc, tgt_lang):
            return loc
    for loc in sorted(present):
        if xs.lang_matches(loc, tgt_lang):
            return loc
    return "zh-Hans" if tgt_lang.lower().startswith("zh") else tgt_lang


def _leaves(node: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(variation path, stringUnit) of a localization, variations flattened in file order."""
    unit = node.get("stringUnit")
    if isinstance(unit, dict):
        yield path, unit
    for kind, cases in (node.get("variations") or {}).items():
        if isinstance(cases, dict):
            for case, sub in cases.items():
                if isinstance(sub, dict):
                    yield from _leaves(sub, (*path, kind, case))


def _lookup(node: Mapping[str, Any] | None, path: tuple[str, ...]) -> str | None:
    """The value at a variation path; a plural case falls back to ``other``, then up."""
    if not node:
        return None
    cur: Mapping[str, Any] = node
    for k in range(0, len(path), 2):
        cases = (cur.get("variations") or {}).get(path[k]) or {}
        nxt = cases.get(path[k + 1]) or cases.get("other")
        if not isinstance(nxt, dict):
            break
        cur = nxt
    unit = cur.get("stringUnit")
    return unit.get("value") if isinstance(unit, dict) else None


@dataclass(frozen=True)
class Unit:
    key: str
    path: tuple[str, ...]
    source: str
    target: str
    state: str | None
    comment: str | None

    @property
    def pair_id(self) -> str:
        return f"{self.key}#{'.'.join(self.path)}" if self.path else self.key


def units(doc: Mapping[str, Any], locale: str) -> Iterator[Unit]:
    src_lang = str(doc.get("sourceLanguage") or "en")
    for key, entry in doc["strings"].items():
        if not isinstance(entry, dict) or entry.get("shouldTranslate") is False:
            continue
        locs = entry.get("localizations") or {}
        src_node, tgt_node = locs.get(src_lang), locs.get(locale)
        comment = entry.get("comment")
        leaves = list(_leaves(tgt_node)) if isinstance(tgt_node, dict) else []
        if not leaves:  # untranslated: one pair per source variation (or one)
            paths = [p for p, _ in _leaves(src_node)] if isinstance(src_node, dict) else []
            for path in paths or [()]:
                source = _lookup(src_node, path) or key
                yield Unit(key, path, source, "", None, comment)
            continue
        for path, unit in leaves:
            source = _lookup(src_node, path) or key
            yield Unit(key, path, source, str(unit.get("value", "")), unit.get("state"), comment)


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The pairs of a catalog, in its key order."""
    path = Path(path)
    opts = opts or ReadOptions()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    doc = _load(data, path)
    locale = target_locale(doc, opts.tgt_lang)
    lines = _key_lines(data)
    for index, u in enumerate(units(doc, locale)):
        meta: dict[str, Any] = {"format": NAME, "key": u.key, "variation": list(u.path),
                                "state": u.state, "comment": u.comment, "locale": locale}
        if u.state is None:
            meta["missing"] = True
        yield Pair(id=u.pair_id, source=u.source, target=u.target, doc=path.name, index=index,
                   line=lines.get(u.key), src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, meta=meta)


_KEY_LINE = re.compile(rb'^    ("(?:[^"\\]|\\.)*") : \{', re.M)


def _key_lines(data: bytes) -> dict[str, int]:
    """The line of each key in Xcode's layout (keys of ``strings`` at four spaces)."""
    found: dict[str, int] = {}
    line, pos = 1, 0
    for m in _KEY_LINE.finditer(data):
        line += data.count(b"\n", pos, m.start())
        pos = m.start()
        try:
            found.setdefault(json.loads(m.group(1).decode("utf-8")), line)
        except (ValueError, UnicodeDecodeError):
            continue
    return found


def dumps(doc: Any) -> str:
    """Xcode's layout of a catalog."""
    return json.dumps(doc, indent=2, separators=(",", " : "), ensure_ascii=False)


def _set(entry: dict[str, Any], locale: str, path: tuple[str, ...], value: str, state: str | None) -> None:
    locs = entry.setdefault("localizations", {})
    if locale not in locs:
        locs[locale] = {}
        entry["localizations"] = dict(sorted(locs.items()))
    node = entry["localizations"][locale]
    for k in range(0, len(path), 2):
        node = node.setdefault("variations", {}).setdefault(path[k], {}).setdefault(path[k + 1], {})
    unit = node.setdefault("stringUnit", {"state": "translated", "value": ""})
    unit["value"] = value
    if state is not None:
        unit["state"] = state


def write_patched(
    original: bytes, out: Path, targets: Mapping[int, str], *, name: str = "catalog.xcstrings",
    reviewed: Collection[int] = (), tgt_lang: str = "zh",
) -> dict[str, int]:
    """The catalog with new values for the pairs (by ``index``) in ``targets``; corrected and
    approved units that were ``needs_review``/``new``/``stale`` become ``translated``."""
    doc = _load(original, name)
    locale = target_locale(doc, tgt_lang)
    all_units = list(units(doc, locale))
    bad = sorted(i for i in [*targets, *reviewed] if not 0 <= i < len(all_units))
    if bad:
        raise TransreviewError(f"{name}: no string at position {bad[0]} (the catalog has {len(all_units)})")
    stats = {"changed": 0, "states": 0}
    for i in sorted({*targets, *reviewed}):
        u = all_units[i]
        new = targets.get(i, u.target)
        state = "translated" if (u.state in _DONE_STATES or u.state is None) else None
        if new == u.target and (state is None or u.state is None):
            continue
        if u.state is None and not new:
            continue
        _set(doc["strings"][u.key], locale, u.path, new, state)
        stats["changed"] += new != u.target
        stats["states"] += state is not None
    if not stats["changed"] and not stats["states"]:
        data = original
    else:
        text = original.decode("utf-8-sig")
        body = dumps(doc) + ("\n" if text.endswith("\n") else "")
        data = body.encode("utf-8")
    with atomic_write(Path(out), "wb") as handle:
        handle.write(data)
    return stats


def write_new(path: Path, pairs: Sequence[Pair], *, src_lang: str = "en", tgt_lang: str = "zh",
              reviewed: Collection[str] = ()) -> int:
    """A new catalog from pairs: source and target localizations per key (variations of
    pairs read from a catalog come back as variations)."""
    locale = "zh-Hans" if tgt_lang.lower() in ("zh", "zh-cn", "zh-hans") else tgt_lang
    doc: dict[str, Any] = {"sourceLanguage": src_lang, "strings": {}, "version": "1.0"}
    for pair in pairs:
        meta: Mapping[str, Any] = pair.meta or {}
        same = meta.get("format") == NAME
        key = str(meta.get("key")) if same else pair.id
        variation = tuple(meta.get("variation") or ()) if same else ()
        entry = doc["strings"].setdefault(key, {})
        if same and meta.get("comment"):
            entry["comment"] = meta["comment"]
        _set(entry, src_lang, variation, pair.source, "translated")
        if pair.target:
            state = meta.get("state") if same and pair.id not in reviewed else None
            _set(entry, locale, variation, pair.target, state or "translated")
    doc["strings"] = dict(sorted(doc["strings"].items()))
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        out.write(dumps(doc))
    return len(pairs)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write_new(path, job.pairs, src_lang=job.src_lang, tgt_lang=job.tgt_lang, reviewed=job.reviewed)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    write_patched(job.original, path, job.targets, name=job.name, reviewed=job.reviewed,
                  tgt_lang=job.tgt_lang)


FORMAT = Format(
    NAME, (".xcstrings",), read=one_file(read), write=_write_job, patch=_patch_job, order=38,
    one_file_per_document=True, unit="string",
    summary="Xcode string catalogs: the Chinese localization, states, plural/device variations",
)


__all__ = ["FORMAT", "dumps", "read", "target_locale", "units", "write_new", "write_patched"]
