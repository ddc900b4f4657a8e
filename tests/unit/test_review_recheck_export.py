"""Issue 15: export filters count a reviewer's findings on corrected pairs, a correction
closes the check findings it fixed (the omission of an empty paragraph), and Moses export
leaves untranslated paragraphs out and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.corpora import SHANXI
from tests.helpers.tui import finding_of, pair_with
from transreview.export import export_project
from transreview.project import import_inputs
from transreview.review import ReviewSession


@pytest.fixture()
def shanxi(tmp_path: Path) -> Path:
    page = tmp_path / SHANXI.name
    page.write_bytes(SHANXI.read_bytes())
    db = tmp_path / "s.db"
    import_inputs(inputs=[page], db=db, reviewer="importer")
    return db


def _tsv_keys(path: Path) -> list[str]:
    return [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_a_confirmed_reviewer_major_keeps_a_corrected_pair_out_of_a_major_free_export(shanxi: Path, tmp_path: Path) -> None:
    with ReviewSession.open(shanxi, "alice") as s:
        p4 = pair_with(s, "陕西")
        target = s.pair(p4).pair.target
        at = target.index("世博会")
        s.add_finding(p4, "target", at, at + 3, "Accuracy/Mistranslation", "major", "Expo")
        s.apply_suggestion(finding_of(s, p4, "places", "陕西"))
        key = s.pair(p4).pair.id
    out = tmp_path / "out.tsv"
    export_project(shanxi, fmt="tsv", output=out, exclude_severity="major")
    assert key not in _tsv_keys(out)
    # once 世博会 is corrected away too, the reviewer's finding no longer describes the text
    with ReviewSession.open(shanxi, "alice") as s:
        v = s.pair(p4)
        s.save_correction(p4, v.current_target.replace("世博会", "博览会"), v.version)
    out2 = tmp_path / "out2.tsv"
    export_project(shanxi, fmt="tsv", output=out2, exclude_severity="major")
    assert key in _tsv_keys(out2)


def test_only_clean_leaves_out_a_corrected_pair_with_a_reviewer_finding(shanxi: Path, tmp_path: Path) -> None:
    with ReviewSession.open(shanxi, "alice") as s:
        p9 = pair_with(s, "字母")
        v = s.pair(p9)
        fixed = v.current_target.replace(",", "，")
        s.save_correction(p9, fixed, v.version)
        at = fixed.index("字母")
        s.add_finding(p9, "target", at, at + 2, "Accuracy/Mistranslation", "minor", "letters of interest")
        key = v.pair.id
        p8 = pair_with(s, "五台山")  # commas only: clean once they are fixed
        v8 = s.pair(p8)
        s.save_correction(p8, v8.current_target.replace(",", "，"), v8.version)
        other = v8.pair.id
    out = tmp_path / "clean.tsv"
    export_project(shanxi, fmt="tsv", output=out, only="clean")
    assert _tsv_keys(out) == [other] and key != other


def test_typing_a_translation_closes_the_omission_finding(shanxi: Path) -> None:
    with ReviewSession.open(shanxi, "alice") as s:
        empty = next(r.pair_id for r in s.queue_page(0, 20) if r.source.startswith("September\xa02016"))
        omission = finding_of(s, empty, "omission")
        assert s.pair(empty).findings[0].status == "open"
        s.save_correction(empty, "2016年9月，中国山西", 0)
        by_id = {f.id: f for f in s.pair(empty).findings}
        assert (by_id[omission].status, by_id[omission].actor) == ("confirmed", "alice")


def test_a_correction_of_a_translated_pair_leaves_the_decisions_to_the_reviewer(shanxi: Path) -> None:
    with ReviewSession.open(shanxi, "alice") as s:
        p4 = pair_with(s, "陕西")
        v = s.pair(p4)
        s.save_correction(p4, v.current_target.replace("陕西", "山西"), v.version)
        assert {f.status for f in s.pair(p4).findings} == {"open"}


def test_moses_export_leaves_out_untranslated_paragraphs_and_says_so(shanxi: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    summary = export_project(shanxi, fmt="moses", output=out)
    assert any("untranslated" in why and n == 8 for why, n in summary.left_out.items())
    written = sorted(p for p in tmp_path.iterdir() if p.name.startswith("corpus"))
    lines = [p.read_text(encoding="utf-8").splitlines() for p in written]
    assert all(len(x) == 5 for x in lines)  # the 5 translated paragraphs, no blank lines
    assert all(line.strip() for x in lines for line in x)
