"""``transreview check -``: the pairs come from standard input.

The readers take files (they stream; a run sniffs a file before reading it), so standard input is
copied once into a private temporary folder as ``stdin.<ending>`` and read from there;
error messages then name ``stdin.tsv`` and the line. The format is ``--stdin-format`` when
given, else sniffed from the first line: a line starting with ``{`` is JSONL, a tab makes
it TSV, a comma CSV, anything else a bilingual page (``.txt``). Only these streamable text
formats are accepted: XML formats (TMX, XLIFF) need their file.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from transreview.errors import UsageError

STDIN = "-"
#: --stdin-format choices -> the file ending the readers know them by
STDIN_FORMATS: dict[str, str] = {"tsv": ".tsv", "csv": ".csv", "jsonl": ".jsonl", "txt": ".txt"}


def sniff_ending(head: bytes) -> str:
    """The ending for input starting with ``head`` (see the module docstring)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    first = text.split(b"\n", 1)[0]
    if text.startswith(b"{"):
        return ".jsonl"
    if b"\t" in first:
        return ".tsv"
    if b"," in first:
        return ".csv"
    return ".txt"


@contextmanager
def materialize_stdin(
    inputs: Sequence[Path], stdin_format: str | None = None, stream: BinaryIO | None = None
) -> Iterator[tuple[Path, ...]]:
    """``inputs`` with ``-`` replaced by a temporary copy of standard input (removed on exit)."""
    if not any(str(p) == STDIN for p in inputs):
        yield tuple(inputs)
        return
    if sum(str(p) == STDIN for p in inputs) > 1:
        raise UsageError("'-' (standard input) can be given once")
    if stdin_format is not None and stdin_format not in STDIN_FORMATS:
        raise UsageError(f"--stdin-format: expected one of {', '.join(STDIN_FORMATS)}, not {stdin_format!r}")
    source = stream if stream is not None else sys.stdin.buffer
    folder = Path(tempfile.mkdtemp(prefix="transreview-stdin-"))
    try:
        head = source.read(65536)
        ending = STDIN_FORMATS[stdin_format] if stdin_format else sniff_ending(head)
        target = folder / f"stdin{ending}"
        with open(target, "wb") as f:
            f.write(head)
            shutil.copyfileobj(source, f)
        yield tuple(target if str(p) == STDIN else p for p in inputs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["STDIN", "STDIN_FORMATS", "materialize_stdin", "sniff_ending"]
