"""``.jsonl``: one JSON object per line, the keys of the TSV header.

``source`` and ``target`` are required strings; ``id`` (string or integer) and
``reference`` (string or null) are optional; every other key rides in
``Pair.meta["extra"]`` with its JSON value and is written back. Blank lines are skipped
(editors and ``cat a b`` leave them). Lines are split on ``\\n`` only, so a raw U+2028
inside a string (legal JSON) keeps its object whole; the writer escapes U+2028, U+2029
and U+0085 anyway, for readers that split on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from transreview import strictjson
from transreview.atomic import atomic_write
from transreview.encoding import iter_lines
from transreview.errors import InputError
from transreview.formats.base import Format, ReadOptions, WriteJob, one_file
from transreview.formats.tsv import ORIGINAL_COLUMN, IdTracker
from transreview.model import Pair

KNOWN_KEYS = ("id", "source", "target", "reference")
_JSON_SPACE = " \t\r\n"


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def read(path: Path, opts: ReadOptions | None = None) -> Iterator[Pair]:
    """Stream the pairs of a JSON Lines file, one per object, in file order.

    ``id`` is the object's ``id`` when present and non-empty, else the 1-based object
    number; ``index`` counts objects from 0; ``line`` is the physical line. An empty
    ``reference`` is None. Raises :class:`InputError` (``FILE:LINE: ...``) for invalid
    JSON, a value that is not an object, a missing or non-string ``source``/``target``,
    a bad ``id`` or ``reference`` and duplicate ids. An empty file yields nothing.
    """
    return _read(Path(path), opts or ReadOptions())


def _read(path: Path, opts: ReadOptions) -> Iterator[Pair]:
    ids = IdTracker(path)
    index = 0
    for line, text in iter_lines(path, encoding=opts.encoding):
        if not text.strip(_JSON_SPACE):
            continue
        try:
            obj = strictjson.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(path, line, f"invalid JSON: {e.msg} at column {e.colno}") from None
        except strictjson.StrictJSONError as e:
            raise InputError(path, line, f"invalid JSON: {e.msg}") from None
        except RecursionError:
            raise InputError(path, line, "invalid JSON: nested too deeply") from None
        if not isinstance(obj, dict):
            raise InputError(path, line, f"expected a JSON object, got {_json_type(obj)}")
        for key in ("source", "target"):
            if key not in obj:
                raise InputError(path, line, f"object has no {key!r} key")
            if not isinstance(obj[key], str):
                raise InputError(
                    path, line, f"{key!r} must be a string, got {_json_type(obj[key])}"
                )
        raw_id = obj.get("id")
        if raw_id is None:
            pair_id = ""
        elif isinstance(raw_id, str):
            pair_id = raw_id.strip()
        elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
            pair_id = str(raw_id)
        else:
            raise InputError(
                path, line, f"'id' must be a string or an integer, got {_json_type(raw_id)}"
            )
        pair_id = pair_id or str(index + 1)
        ids.add(pair_id, line)
        reference = obj.get("reference")
        if reference is not None and not isinstance(reference, str):
            raise InputError(
                path, line, f"'reference' must be a string or null, got {_json_type(reference)}"
            )
        yield Pair(
            id=pair_id,
            source=obj["source"],
            target=obj["target"],
            doc=path.name,
            index=index,
            line=line,
            reference=reference or None,
            src_lang=opts.src_lang,
            tgt_lang=opts.tgt_lang,
            meta={
                "format": "jsonl",
                "extra": {k: v for k, v in obj.items() if k not in KNOWN_KEYS},
            },
        )
        index += 1


def _dumps(obj: Mapping[str, Any]) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    # Legal raw in JSON strings, but str.splitlines() and JavaScript split on them.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def write(
    path: Path,
    pairs: Iterable[Pair],
    *,
    include_original: bool = False,
    originals: Mapping[str, str] | None = None,
) -> int:
    """Write ``pairs`` as JSON Lines, atomically; return how many objects were written.

    Keys: ``id``, ``source``, ``target``, ``reference`` (only when not None),
    ``original_target`` with ``include_original`` (``originals[pair.id]`` where given,
    else the pair's target), then the pair's ``meta["extra"]`` (a key that clashes with
    these is dropped: the pair's own value wins). Streams: nothing is held in memory.
    """
    originals = originals or {}
    count = 0
    with atomic_write(Path(path), "w", encoding="utf-8") as out:
        for pair in pairs:
            obj: dict[str, Any] = {"id": pair.id, "source": pair.source, "target": pair.target}
            if pair.reference is not None:
                obj["reference"] = pair.reference
            if include_original:
                obj[ORIGINAL_COLUMN] = originals.get(pair.id, pair.target)
            for key, value in ((pair.meta or {}).get("extra") or {}).items():
                if key not in KNOWN_KEYS and key not in obj:
                    obj[key] = value
            out.write(_dumps(obj) + "\n")
            count += 1
    return count


def _write_job(path: Path, job: WriteJob) -> tuple[Path, ...]:
    write(path, job.pairs, include_original=job.originals is not None, originals=job.originals)
    return (path,)


FORMAT = Format(
    "jsonl", (".jsonl",), read=one_file(read), write=_write_job, order=40, original_column=True, compressed=True,
    summary="JSON Lines, one pair per line (source, target, id, reference)",
)


__all__ = ["FORMAT", "KNOWN_KEYS", "read", "write"]
