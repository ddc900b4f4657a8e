"""Review decisions written back: XLIFF 1.2 ``approved="yes"`` on approved units, TMX
``changedate``/``changeid`` on the target variants a reviewer changed, and on no other."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from lxml import etree

from transreview.export import export_project
from transreview.formats import tmx, xliff
from transreview.project import import_inputs
from transreview.review import ReviewSession

DATA = Path(__file__).resolve().parents[1] / "data" / "xml"
N12 = "{urn:oasis:names:tc:xliff:document:1.2}"


def _c14n(el: etree._Element) -> bytes:
    return etree.tostring(copy.deepcopy(el), method="c14n")


def test_xliff12_approved_unit_gets_approved_yes(tmp_path: Path) -> None:
    out = tmp_path / "out.xlf"
    xliff.write_patched(DATA / "sample12.xlf", out, {}, reviewed=[0])
    before = list(etree.parse(str(DATA / "sample12.xlf")).getroot().iter(f"{N12}trans-unit"))
    after = list(etree.parse(str(out)).getroot().iter(f"{N12}trans-unit"))
    assert before[0].get("approved") is None and after[0].get("approved") == "yes"
    assert after[0].find(f"{N12}target").get("state") == "signed-off"
    assert [_c14n(u) for u in before[1:]] == [_c14n(u) for u in after[1:]]


def test_xliff12_unit_without_a_translation_is_not_approved(tmp_path: Path) -> None:
    out = tmp_path / "out.xlf"
    xliff.write_patched(DATA / "sample12.xlf", out, {}, reviewed=[2])  # body-2 has no <target>
    after = list(etree.parse(str(out)).getroot().iter(f"{N12}trans-unit"))
    assert after[2].get("approved") is None


def test_tmx_changed_variant_gets_changedate_and_changeid(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    changes = {0: ("2026-12-06T22:41:00.123456+00:00", "alice")}
    tmx.write_patched(DATA / "sample.tmx", out, {0: "一个山西代表团来访。", 2: "5 < 6"}, changes=changes)
    before = list(etree.parse(str(DATA / "sample.tmx")).getroot().iter("tu"))
    after = list(etree.parse(str(out)).getroot().iter("tu"))
    zh = after[0].findall("tuv")[1]
    assert (zh.get("changedate"), zh.get("changeid")) == ("20261206T224100Z", "alice")
    # the unchanged target of the third unit (same text) and every other unit keep theirs
    assert [_c14n(t) for t in before[1:]] == [_c14n(t) for t in after[1:]]
    assert _c14n(before[0].findall("tuv")[0]) == _c14n(after[0].findall("tuv")[0])


def test_tmx_date_conversion() -> None:
    assert tmx.tmx_date("2026-12-06T23:41:00+01:00") == "20261206T224100Z"
    assert tmx.tmx_date("2026-12-06T22:41:00") == "20261206T224100Z"  # no zone: UTC
    assert len(tmx.tmx_date("not a date")) == 16  # unreadable: the time of the write


def test_tmx_export_stamps_the_reviewers_correction_only(tmp_path: Path) -> None:
    src = tmp_path / "sample.tmx"
    shutil.copy(DATA / "sample.tmx", src)
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    with ReviewSession.open(db, "alice") as s:
        rows = s.queue_page(0, 10)
        view = s.pair(rows[0].pair_id)
        s.save_correction(rows[0].pair_id, view.current_target.replace("陕西", "山西"), view.version)
        s.approve(rows[2].pair_id)
    out = tmp_path / "out.tmx"
    export_project(db, fmt="tmx", output=out)
    after = list(etree.parse(str(out)).getroot().iter("tu"))
    zh = after[0].findall("tuv")[1]
    assert zh.get("changeid") == "alice" and len(zh.get("changedate", "")) == 16
    assert all(t.get("changedate") is None for tu in after[1:] for t in tu.findall("tuv"))
