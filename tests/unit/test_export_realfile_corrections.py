"""Every localization format, end to end through the library, on the real files in
tests/data (sources and licences in tests/data/l10n/SOURCES.md and
tests/data/realfiles/LICENSES.md): import into a project, one correction through
``ReviewSession``, export, and only that unit's text changed; the rest of the file is byte
for byte what it was (so an XML file is C14N-equal too).

Then the reviewer's notes: a format with a place for them (PO translator comments, Android
and iOS comments, XLIFF ``<note>``, Qt ``<translatorcomment>``) gets the note there and
nothing else changes, and reading the export back shows it as a ``reviewer`` file note; a
format without one (JSON, ARB, xcstrings) leaves the file as it was and the export summary
says the note was left out.

Checks are off at import (``check_names=[]``): the round trip is the subject here, and the
checks' findings on these files are tested elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.realfile_cases import CASES, L10N, NEW, REVIEW_MARK
from transreview.export import export_project
from transreview.formats import read_inputs
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.unitnotes import file_notes

# format -> (input to import, the file export patches, pair key, its target as in the file).
# The units were chosen by hand: a target on one line of its file, found once in it, with no
# character the format escapes, so the expected file is the original with that one line changed.


def _import(tmp_path: Path, fmt: str) -> tuple[Path, Path]:
    """The project of the case's input (copied, so the test never writes near tests/data)."""
    inp, _, _, _ = CASES[fmt]
    src = L10N / inp
    copy = tmp_path / "in" / src.name
    if src.is_dir():
        shutil.copytree(src, copy)
    else:
        copy.parent.mkdir()
        shutil.copy(src, copy)
    db = tmp_path / "p.db"
    import_inputs(inputs=[copy], db=db, check_names=[])
    return db, copy


def _pair_id(s: ReviewSession, key: str) -> int:
    rows = [r for r in s.queue_page(0, 5000) if r.pair_key == key or r.pair_key.endswith(f"::{key}")]
    assert len(rows) == 1, key
    return rows[0].pair_id


def _changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    a, b = before.decode("utf-8").split("\n"), after.decode("utf-8").split("\n")
    assert len(a) == len(b), "lines were added or removed"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_one_correction_changes_only_that_units_text(tmp_path: Path, fmt: str) -> None:
    _, patched, key, old = CASES[fmt]
    original = (L10N / patched).read_bytes()
    assert original.decode("utf-8").count(old) == 1  # the case holds what its comment says
    db, copy = _import(tmp_path, fmt)
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, key)
        assert s.pair(pid).pair.target == old
        s.save_correction(pid, old + NEW, s.pair(pid).version)
    out = tmp_path / f"out{Path(patched).suffix}"
    summary = export_project(db, fmt=fmt, output=out)
    assert [(d.how, d.corrected) for d in summary.documents] == [("patched", 1)]
    after = out.read_bytes()
    (line,) = _changed_lines(original, after)
    mark_from, mark_to = REVIEW_MARK.get(fmt, ("", ""))
    assert old in line[0] and line[1] == line[0].replace(old, old + NEW).replace(mark_from, mark_to)
    back = after.replace((old + NEW).encode(), old.encode()).replace(mark_to.encode(), mark_from.encode())
    assert back == original


def _reread(fmt: str, copy: Path, out: Path, tmp_path: Path) -> list:
    """The exported file read back as the format's input (a two-file format: the source
    file of the copy beside the exported translation)."""
    if fmt == "android":
        res = tmp_path / "back" / "res"
        shutil.copytree(copy, res)
        shutil.copy(out, res / "values-zh-rCN" / "strings.xml")
        return list(read_inputs([res]))
    if fmt == "strings":
        root = tmp_path / "back"
        shutil.copytree(copy, root)
        shutil.copy(out, root / "zh-Hans.lproj" / "Localizable.strings")
        return list(read_inputs([root]))
    return list(read_inputs([out]))


@pytest.mark.parametrize("fmt", ["po", "android", "strings", "xliff", "ts"])
def test_a_reviewer_note_goes_where_the_format_keeps_notes(tmp_path: Path, fmt: str) -> None:
    _, patched, key, old = CASES[fmt]
    original = (L10N / patched).read_bytes()
    db, copy = _import(tmp_path, fmt)
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, key)
        s.add_finding(pid, "target", 0, 2, "Terminology", "major", "use the product's term")
    out = tmp_path / f"out{Path(patched).suffix}"
    summary = export_project(db, fmt=fmt, output=out)
    assert [(d.notes, d.notes_left_out) for d in summary.documents] == [(1, 0)]
    after = out.read_bytes().decode("utf-8").split("\n")
    before = original.decode("utf-8").split("\n")
    # only lines added, and every added line holds the note (the rest is byte for byte)
    added = [line for line in after if line not in before]
    assert len(after) > len(before) and [line for line in after if line in before] == before
    assert added and all("transreview: major Terminology" in line or not line.strip() for line in added)
    back = {p.id.split("::")[-1]: p for p in _reread(fmt, copy, out, tmp_path)}
    notes = file_notes(back[key])
    reviewer = [n for n in notes if n.kind == "reviewer"]
    assert len(reviewer) == 1 and "use the product's term" in reviewer[0].text
    assert back[key].target == old


@pytest.mark.parametrize("fmt", ["json", "arb", "xcstrings"])
def test_a_format_without_a_place_for_notes_says_it_left_them_out(tmp_path: Path, fmt: str) -> None:
    _, patched, key, _ = CASES[fmt]
    db, _ = _import(tmp_path, fmt)
    with ReviewSession.open(db, "alice") as s:
        s.add_finding(_pair_id(s, key), "target", 0, 2, "Terminology", "major", "wrong term")
    out = tmp_path / f"out{Path(patched).suffix}"
    summary = export_project(db, fmt=fmt, output=out)
    (doc,) = summary.documents
    assert (doc.notes, doc.notes_left_out) == (0, 1)
    assert "1 reviewer note left out" in str(doc)
    assert out.read_bytes() == (L10N / patched).read_bytes()
