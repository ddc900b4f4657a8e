"""How many units of each real localization file carry a note for the reviewer, by kind.

    .venv/bin/python benchmarks/file_notes_census.py [INPUT ...]

Without arguments: the real files in tests/data (one per format). Prints, per input, the
pairs read and the notes ``transreview.unitnotes.file_notes`` finds by kind, with one example
of each kind, so a change to a reader or to the note table shows up as a changed count.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from transreview.formats import read_inputs
from transreview.sanitize import visible
from transreview.unitnotes import FileNote, file_notes

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
DEFAULT = [
    DATA / "l10n" / "po_sphinx_zh_CN.po",
    DATA / "l10n" / "android-antennapod" / "res",
    DATA / "l10n" / "ios-stats",
    DATA / "l10n" / "xcstrings-whisky" / "Localizable.xcstrings",
    DATA / "l10n" / "arb-gallery",
    DATA / "l10n" / "ts-keepassxc" / "ts_keepassxc_zh_CN.ts",
    DATA / "realfiles" / "firefox-ios.zh-CN.xliff",
]


def census(inp: Path) -> tuple[int, Counter[str], dict[str, tuple[str, FileNote]]]:
    pairs = 0
    kinds: Counter[str] = Counter()
    example: dict[str, tuple[str, FileNote]] = {}
    for pair in read_inputs([inp]):
        pairs += 1
        for note in file_notes(pair):
            kinds[note.kind] += 1
            example.setdefault(note.kind, (pair.id, note))
    return pairs, kinds, example


def main(argv: list[str]) -> int:
    for inp in [Path(a) for a in argv] or DEFAULT:
        pairs, kinds, example = census(inp)
        counts = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "no notes"
        print(f"{inp.name}: {pairs} pairs; {counts}")
        for kind, (pid, note) in sorted(example.items()):
            shown_id, shown = visible(pid, keep="")[:40], visible(note.text, keep="")[:70]
            print(f"    {kind:<10} {note.where:<20} {shown_id}: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
