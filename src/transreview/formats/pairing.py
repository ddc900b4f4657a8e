"""Pairing monolingual files: a source-language file and its translation make one input.

Android, iOS and JSON i18n keep each language in its own file, laid out by a platform
convention (``values/`` + ``values-zh-rCN/``, ``en.lproj/`` + ``zh-Hans.lproj/``,
``en.json`` + ``zh-CN.json``). A format describes its convention with a :class:`Layout`
and :func:`group` turns the files named on the command line into (name, (source,
target)) inputs: a translation finds its source by the convention unless a source file
was named before it; a source named alone, or a file whose role cannot be told, is
refused with a message that says what to give instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from transreview.errors import InputError

#: ("source", None) or ("target", language) of a file; None when the layout cannot tell
Role = tuple[str, str | None] | None


@dataclass(frozen=True)
class Layout:
    what: str  # "Android", "iOS": for messages
    role: Callable[[Path], Role]
    #: where the convention puts a translation's source, best first
    sources_for: Callable[[Path], list[Path]]
    doc_name: Callable[[Path], str]
    example: str  # a translation's path, for messages


def group(layout: Layout, paths: Sequence[Path]) -> list[tuple[str, tuple[Path, ...]]]:
    """The inputs among one format's files named on the command line, in their order."""
    roles = [(p, layout.role(p)) for p in paths]
    sources = [p for p, r in roles if r is not None and r[0] == "source"]
    out: list[tuple[str, tuple[Path, ...]]] = []
    used: set[Path] = set()
    last_source: Path | None = None
    for p, r in roles:
        if r is None:
            raise InputError(
                p, None,
                f"cannot tell whether this {layout.what} file is the source or a translation: "
                f"use the platform's layout (e.g. {layout.example})",
            )
        if r[0] == "source":
            last_source = p
            continue
        src = last_source or (sources[0] if len(sources) == 1 else None)
        if src is None:
            candidates = layout.sources_for(p)
            src = next((c for c in candidates if c.exists()), None)
            if src is None:
                expected = " or ".join(str(c) for c in candidates) or "a source file"
                raise InputError(
                    p, None,
                    f"no source strings for this translation: expected {expected} "
                    "(or name the source file before it)",
                )
        used.add(src)
        out.append((layout.doc_name(p), (src, p)))
    for s in sources:
        if s not in used:
            raise InputError(
                s, None,
                f"this is the {layout.what} source file alone: name the translation too "
                f"({layout.example}), or give the folder that holds both",
            )
    return out


__all__ = ["Layout", "Role", "group"]
