"""A real Xcode XLIFF 1.2 export (Firefox for iOS, zh-CN): ids repeat across ``<file>``s.

XLIFF requires unit ids to be unique per ``<file>`` only: ``Cancel`` is in four files. The
file must import (it was refused: "pair id 'Cancel' is used twice"), review and export;
an export without changes is C14N-equal to the original.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from transreview.export import export_project
from transreview.formats.xliff import read
from transreview.project import import_inputs
from transreview.review import ReviewSession

DATA = Path(__file__).resolve().parents[1] / "data" / "realfiles" / "firefox-ios.zh-CN.xliff"


def _c14n(path: Path) -> bytes:
    return etree.tostring(etree.parse(str(path)), method="c14n")


def test_ids_repeated_across_files_get_their_file() -> None:
    pairs = list(read(DATA))
    assert len(pairs) == 1341
    ids = [p.id for p in pairs]
    assert len(set(ids)) == len(ids)
    cancels = [p.id for p in pairs if p.meta["unit_id"] == "Cancel"]
    assert len(cancels) == 4 and all(c.endswith("::Cancel") for c in cancels)
    # an id that occurs in one file only keeps the id the file gives it
    assert "Tab %@ of %@" in ids


def test_imports_reviews_and_exports(tmp_path: Path) -> None:
    src = tmp_path / DATA.name
    shutil.copy(DATA, src)
    db = tmp_path / "ff.db"
    summary = import_inputs(inputs=[src], db=db)
    (doc,) = summary.documents
    assert doc.pairs == 1341

    unchanged = tmp_path / "unchanged.xliff"
    export_project(db, fmt="xliff", output=unchanged)
    assert _c14n(unchanged) == _c14n(DATA)

    with ReviewSession.open(db) as session:
        pid = next(r.pair_id for r in session.queue_page(0, 2000) if r.pair_key.endswith("::Cancel"))
        view = session.pair(pid)
        session.save_correction(pid, "取消操作", view.version)
    changed = tmp_path / "changed.xliff"
    export_project(db, fmt="xliff", output=changed)
    targets = etree.parse(str(changed)).getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}target")
    assert sum(t.text == "取消操作" for t in targets) == 1

