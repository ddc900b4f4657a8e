"""Flutter ARB (``intl_en.arb`` + ``intl_zh_CN.arb``): flat JSON with ``@key`` metadata.

Paired like :mod:`transreview.formats.i18n_json` (``app_zh.arb`` finds ``app_en.arb``).
Each message key is a pair; ``@@locale`` and the ``@key`` metadata are not text, but the
metadata's ``description`` goes into ``Pair.meta["comment"]`` and its ``placeholders``
(names, types, examples) into ``meta["placeholders"]``, from the source file (the
translation usually has none). An ICU message (``{count, plural, =1{…} other{…}}``) is
one pair with its whole text, so every branch is checked against the source's.
Export patches the translation like i18n JSON: only corrected values change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from transreview.errors import TransreviewError
from transreview.formats import i18n_json, json_scan, pairing
from transreview.formats.base import Format, PatchJob, ReadOptions, WriteJob
from transreview.model import Pair

NAME = "arb"


def _message(key: json_scan.Key) -> bool:
    return len(key) == 1 and isinstance(key[0], str) and not key[0].startswith("@")


def _metadata(u: i18n_json.Unit, source: i18n_json.Side, target: i18n_json.Side) -> dict[str, Any]:
    name = f"@{u.key[0]}"
    info = source.value.get(name) or target.value.get(name) or {}
    if not isinstance(info, dict):
        return {}
    out: dict[str, Any] = {}
    if isinstance(info.get("description"), str):
        out["comment"] = info["description"]
    if isinstance(info.get("placeholders"), dict):
        out["placeholders"] = info["placeholders"]
    return out


def read(paths: Sequence[Path], opts: ReadOptions | None = None) -> Iterator[Pair]:
    """The pairs of a (source, translation) pair of ARB files."""
    return i18n_json.read_with(paths, opts, NAME, _message, _metadata)


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    i18n_json.write_new_with(path, job.pairs, NAME)
    return (path,)


def _patch_job(path: Path, job: PatchJob) -> None:
    if job.companion is None:
        raise TransreviewError(f"{job.name}: the project has no copy of the translation file")
    i18n_json.patch_with((job.original, job.companion), path, job.targets, name=job.name,
                         keep=_message, drop=job.drop)


LAYOUT = pairing.Layout("Flutter ARB", i18n_json.role, i18n_json.sources_for, i18n_json.doc_name,
                        "lib/l10n/intl_zh_CN.arb")


def group(paths: Sequence[Path]) -> list[tuple[str, tuple[Path, ...]]]:
    return pairing.group(LAYOUT, paths)


FORMAT = Format(
    NAME, (".arb",), read=read, write=_write_job, patch=_patch_job, order=40,
    one_file_per_document=True, unit="message", group=group,
    discover=i18n_json.discover_with(".arb"),
    summary="Flutter ARB: intl_en.arb + intl_zh_CN.arb, @key descriptions and placeholders",
)


__all__ = ["FORMAT", "read"]
