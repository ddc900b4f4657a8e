"""Where ``transreview check`` writes its report(s): ``-o FMT:PATH``, ``-o PATH``, ``-o -``.

One run can write several reports (``-o sarif:findings.sarif -o text:-``), each in its own
format, so a CI job gets the SARIF file for code scanning and the text in its log without
running the checks twice. A plain ``PATH`` takes ``--format`` when given, else the format
its ending names (:data:`REPORT_ENDINGS`: ``.sarif`` SARIF, ``.json`` JSON, ``.xml`` JUnit,
``.txt`` text), else the default (text, or github under GitHub Actions). ``-`` is standard
output; at most one report may go there. A prefix that is not a report format is part of
the path (``a:b.json`` is a file), so no existing file name changes meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from transreview.ci.report import WRITERS
from transreview.errors import UsageError

STDOUT = "-"

#: file ending -> the report format it names
REPORT_ENDINGS: dict[str, str] = {".sarif": "sarif", ".json": "json", ".xml": "junit", ".txt": "text"}


@dataclass(frozen=True)
class OutputSpec:
    """One report to write: its format and its file (``None``: standard output)."""

    fmt: str
    path: Path | None

    @property
    def to_stdout(self) -> bool:
        return self.path is None


def split_output(value: str) -> tuple[str | None, str]:
    """``"sarif:x.sarif"`` -> ``("sarif", "x.sarif")``; ``"x.json"`` -> ``(None, "x.json")``."""
    head, sep, rest = value.partition(":")
    if sep and head in WRITERS and rest:
        return head, rest
    return None, value


def format_from_ending(path: str) -> str | None:
    """The report format a file's ending names (``.sarif`` -> sarif), or None."""
    if path == STDOUT:
        return None
    return REPORT_ENDINGS.get(Path(path).suffix.lower())


def resolve_outputs(values: Sequence[str | Path], fmt: str | None, default: Callable[[], str]) -> list[OutputSpec]:
    """The reports to write for the ``-o`` values and ``--format`` (``default()`` gives the
    format when neither says one). No ``-o`` at all: one report on standard output."""
    if not values:
        return [OutputSpec(fmt or default(), None)]
    specs: list[OutputSpec] = []
    for raw in values:
        given, path = split_output(str(raw))
        chosen = given or fmt or format_from_ending(path) or default()
        specs.append(OutputSpec(chosen, None if path == STDOUT else Path(path)))
    if sum(s.to_stdout for s in specs) > 1:
        raise UsageError("-o: only one report can go to standard output ('-')")
    paths = [s.path.resolve() for s in specs if s.path is not None]
    if len(paths) != len(set(paths)):
        raise UsageError("-o: the same file is named twice")
    return specs


__all__ = ["REPORT_ENDINGS", "STDOUT", "OutputSpec", "format_from_ending", "resolve_outputs", "split_output"]
