"""A correction keeps inline codes: the review session edits text around protected tokens,
and the export puts every code back (issue 10).

Real files: an Angular i18n XLIFF with ``<x id="INTERPOLATION"/>`` (autowp, MIT; the first
40 units) and Microsoft Dynamics 365 docs with ``<bpt>/<ept>`` (CC-BY-4.0); see
``tests/data/realfiles/LICENSES.md``. Before, the correction of either unit exported without
any of its markup.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import replace
from pathlib import Path

from lxml import etree

from transreview import codes
from transreview.checks.tags import TagsCheck
from transreview.export import export_project
from transreview.project import import_inputs
from transreview.review import ReviewSession

DATA = Path(__file__).resolve().parents[1] / "data" / "realfiles"
ANGULAR = DATA / "autowp.messages.zh-CN.first40.xlf"
MICROSOFT = DATA / "d365-column-definitions-financial-reports.xlf"
N12 = "{urn:oasis:names:tc:xliff:document:1.2}"


def _c14n(el: etree._Element) -> bytes:
    return etree.tostring(copy.deepcopy(el), method="c14n")


def _units(path: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {tu.get("id"): tu for tu in root.iter(f"{N12}trans-unit")}


Edits = list[tuple[str, str]]


def _correct(tmp_path: Path, original: Path, unit: str, edits: Edits) -> tuple[Path, str]:
    """Import ``original``, make the ``edits`` (old, new) in ``unit``'s target through the
    review session (on the text the session hands out, tokens included), export; the output
    and the corrected text. Edits on both sides of a code span the markup: the old writer
    flattened such a target to plain text."""
    src = tmp_path / original.name
    shutil.copy(original, src)
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    with ReviewSession.open(db, "t") as session:
        pid = next(r.pair_id for r in session.queue_page(0, 5000) if r.pair_key == unit)
        view = session.pair(pid)
        text = view.current_target
        for old, new in edits:
            assert old in text
            text = text.replace(old, new)
        session.save_correction(pid, text, view.version)
    out = tmp_path / ("out" + original.suffix)
    export_project(db, fmt="xliff", output=out)
    return out, text


def _assert_only_text_changed(original: Path, out: Path, unit: str, edits: Edits) -> None:
    before, after = _units(original), _units(out)
    assert before.keys() == after.keys()
    for uid in before:
        if uid != unit:
            assert _c14n(before[uid]) == _c14n(after[uid]), uid
    b_tu, a_tu = before[unit], after[unit]
    for b, a in zip(b_tu, a_tu, strict=True):
        if b.tag != f"{N12}target":
            assert _c14n(b) == _c14n(a)
    expected = copy.deepcopy(b_tu.find(f"{N12}target"))
    expected.set("state", "signed-off")  # a corrected unit is signed off
    got = a_tu.find(f"{N12}target")
    want = _c14n(expected)
    for old, new in edits:
        want = want.replace(old.encode(), new.encode())
    assert _c14n(got) == want


def test_angular_correction_keeps_both_x_placeholders(tmp_path: Path) -> None:
    unit = "ngb.carousel.slide-number"
    edits = [("滑动", "幻灯片"), (" 的", "，共")]
    out, _ = _correct(tmp_path, ANGULAR, unit, edits)
    _assert_only_text_changed(ANGULAR, out, unit, edits)
    xml = etree.tostring(_units(out)[unit].find(f"{N12}target"), encoding="unicode")
    assert xml.count('<x id="INTERPOLATION"/>') == 1 and xml.count('<x id="INTERPOLATION_1"/>') == 1


def test_microsoft_correction_keeps_bpt_ept(tmp_path: Path) -> None:
    edits = [("导航窗格", "导航面板"), ("列定义", "列的定义")]
    out, _ = _correct(tmp_path, MICROSOFT, "112", edits)
    _assert_only_text_changed(MICROSOFT, out, "112", edits)


def test_microsoft_correction_inside_a_code_pair_keeps_it(tmp_path: Path) -> None:
    # the change falls between <bpt> and <ept>: the text inside the pair changes, the pair stays
    edits = [("新建", "新建项")]
    out, _ = _correct(tmp_path, MICROSOFT, "113", edits)
    _assert_only_text_changed(MICROSOFT, out, "113", edits)


def test_deleting_a_code_is_explicit_and_the_tags_check_finds_it(tmp_path: Path) -> None:
    src = tmp_path / MICROSOFT.name
    shutil.copy(MICROSOFT, src)
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    with ReviewSession.open(db, "t") as session:
        pid = next(r.pair_id for r in session.queue_page(0, 5000) if r.pair_key == "112")
        view = session.pair(pid)
        table = codes.table_of(view.pair.meta)
        ept = next(ch for ch, e in table.items() if e["kind"] == "ept")
        text = view.current_target.replace(ept, "")  # the reviewer deletes the <ept> chip
        session.save_correction(pid, text, view.version)
        (finding,) = TagsCheck().run(replace(view.pair, target=text))
        assert "unbalanced" in finding.message and '<ept id="p1">' in finding.message
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    target = _units(out)["112"].find(f"{N12}target")
    assert [e.tag for e in target] == [f"{N12}bpt"]  # exactly what the reviewer left


def test_a_format_without_codes_gets_the_plain_text(tmp_path: Path) -> None:
    src = tmp_path / MICROSOFT.name
    shutil.copy(MICROSOFT, src)
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    out = tmp_path / "out.tsv"
    export_project(db, fmt="tsv", output=out)
    text = out.read_text(encoding="utf-8")
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in text)  # no token leaks into a TSV
    assert "在报表设计器的导航窗格中，单击列定义。" in text  # as the export wrote it before codes were tokens


def test_unchanged_export_of_files_with_codes_is_c14n_equal(tmp_path: Path) -> None:
    for original in (ANGULAR, MICROSOFT):
        src = tmp_path / original.name
        shutil.copy(original, src)
        db = tmp_path / f"{original.stem}.db"
        import_inputs(inputs=[src], db=db, check_names=[])
        out = tmp_path / f"out-{original.name}"
        export_project(db, fmt="xliff", output=out)
        assert _c14n(etree.parse(str(out)).getroot()) == _c14n(etree.parse(str(original)).getroot())
