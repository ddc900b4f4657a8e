"""export_project: corrected corpora in every format, round trips, filters, several documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from transreview.errors import StoreError, TransreviewError, UsageError
from transreview.export import export_project
from transreview.formats import jsonl, moses, tmx, tsv, xliff
from transreview.model import Finding, Pair, Severity
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHANXI = ROOT / "corpora" / "jhcga-shanxi-2016.txt"
XML = ROOT / "tests" / "data" / "xml"
CRIT, MAJ, MIN = Severity.CRITICAL, Severity.MAJOR, Severity.MINOR


def _c14n(path_or_bytes: Path | bytes) -> bytes:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.tostring(etree.fromstring(data, parser), method="c14n")


def _import(tmp_path: Path, *inputs: Path) -> Path:
    db = tmp_path / "p.db"
    import_inputs(inputs=list(inputs), db=db, reviewer="importer")
    return db


def _pair_id(s: ReviewSession, key: str) -> int:
    return next(r.pair_id for r in s.queue_page(0, 1000) if r.pair_key == key)


def _finding(s: ReviewSession, pid: int, check: str, text: str | None = None) -> int:
    return next(
        f.id for f in s.pair(pid).findings
        if f.finding.check == check and (text is None or f.finding.text == text)
    )


# --- the Shanxi page: one correction, nothing else changed ------------------------------------


@pytest.fixture(scope="module")
def shanxi_reviewed(tmp_path_factory) -> tuple[Path, str, str]:
    """The seed page imported and reviewed: the places suggestion 陕西→山西 applied on p4."""
    tmp = tmp_path_factory.mktemp("shanxi")
    db = _import(tmp, SHANXI)
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, "p4")
        before = s.pair(pid).current_target
        after = s.apply_suggestion(_finding(s, pid, "places", "陕西"))
    return db, before, after


def test_shanxi_correction_is_the_single_change(shanxi_reviewed) -> None:
    _, before, after = shanxi_reviewed
    # by hand: the page's Chinese paragraph calls the Shanxi PDRC 陕西省发展改革委, once
    assert before.count("陕西") == 1
    assert "作为陕西省发展改革委客人" in before
    assert after == before.replace("陕西省发展改革委", "山西省发展改革委")


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "tmx", "xliff"])
def test_shanxi_export_has_the_correction_and_nothing_else(shanxi_reviewed, tmp_path, fmt) -> None:
    db, before, after = shanxi_reviewed
    original = {p.id: p for p in tsv_free_read(SHANXI)}
    out = tmp_path / f"out.{fmt}"
    summary = export_project(db, fmt=fmt, output=out)
    assert (summary.written, summary.total, summary.corrected) == (13, 13, 1)
    reader = {"tsv": tsv.read, "jsonl": jsonl.read, "tmx": tmx.read, "xliff": xliff.read}[fmt]
    got = {p.id: p for p in reader(out)}
    assert list(got) == list(original)  # same ids, same order
    for key, p in original.items():
        assert got[key].source == p.source
        assert got[key].target == (after if key == "p4" else p.target), key
    assert got["p4"].target != before


def tsv_free_read(path: Path) -> list[Pair]:
    from transreview.formats import page

    return list(page.read(path))


def test_shanxi_moses_export(shanxi_reviewed, tmp_path) -> None:
    db, _, after = shanxi_reviewed
    summary = export_project(db, fmt="moses", output=tmp_path / "corpus")
    en, zh = (tmp_path / "corpus.en", tmp_path / "corpus.zh")
    assert summary.files == (en, zh)
    en_lines = en.read_text(encoding="utf-8").split("\n")
    zh_lines = zh.read_text(encoding="utf-8").split("\n")
    # the 5 translated paragraphs and the final newline: the 8 untranslated ones are left
    # out (a parallel corpus gets no blank target lines) and the summary says so
    assert len(en_lines) == len(zh_lines) == 6
    assert all(line for line in zh_lines[:-1])
    assert summary.left_out == {"untranslated (empty target; a parallel corpus gets no blank lines)": 8}
    assert zh_lines[0] == after
    assert en_lines[0].startswith("As part of JHCGA")


def test_shanxi_new_xliff_gets_reviewer_note_and_keeps_other_units(shanxi_reviewed, tmp_path) -> None:
    db, _, _ = shanxi_reviewed
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    pairs = {p.id: p for p in xliff.read(out)}
    # the confirmed places finding is a note on p4 and only there
    assert [n for n in pairs["p4"].meta["notes"] if "山西" in n] == [
        "transreview: critical Terminology «陕西»: " + _places_message(db) + " → 山西 (alice)"
    ]
    assert all(not p.meta["notes"] for k, p in pairs.items() if k != "p4")
    # the corrected segment is marked reviewed; the others keep the plain translated state
    assert pairs["p4"].meta["state"] == "reviewed" and pairs["p5"].meta["state"] == "translated"
    assert pairs["p1"].meta["state"] is None  # no target, no state


def _places_message(db: Path) -> str:
    with Store.open(db, create=False) as st:
        pid = next(pid for pid, p in st.iter_pairs(1) if p.id == "p4")
        return next(f.finding.message for f in st.findings(pid) if f.finding.check == "places")


# --- TMX and XLIFF round trips --------------------------------------------------------------------


def test_unreviewed_tmx_exports_equal_as_xml(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample.tmx")
    out = tmp_path / "out.tmx"
    summary = export_project(db, fmt="tmx", output=out)
    assert [d.how for d in summary.documents] == ["patched"]
    assert _c14n(out) == _c14n(XML / "sample.tmx")


@pytest.mark.parametrize("name", ["sample12.xlf", "sample21.xlf"])
def test_unreviewed_xliff_exports_equal_as_xml(tmp_path, name) -> None:
    db = _import(tmp_path, XML / name)
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    assert _c14n(out) == _c14n(XML / name)


def test_tmx_round_trip_changes_only_the_corrected_seg(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample.tmx")
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, "t1")
        s.save_correction(pid, "一个山西代表团来访。", s.pair(pid).version)
    out = tmp_path / "out.tmx"
    export_project(db, fmt="tmx", output=out)
    text = out.read_text(encoding="utf-8")
    # inline codes around the changed word survive, props/notes/other languages too
    assert '<seg>一个<bpt i="1">&lt;b&gt;</bpt>山西<ept i="1">&lt;/b&gt;</ept>代表团来访。</seg>' in text
    assert '<prop type="x-domain">government</prop>' in text and "Une délégation du Shanxi." in text
    assert '<?cat-tool keep="me"?>' in text and "<!-- a memory from a CAT tool -->" in text
    # the changed target variant is stamped with the reviewer and the time of the correction
    tuv = etree.parse(str(out)).getroot().find(".//tu[@tuid='t1']").findall("tuv")[1]
    assert tuv.get("changeid") == "alice" and len(tuv.get("changedate", "")) == len("20261206T224100Z")
    # everything except that one word and the stamp is what it was
    del tuv.attrib["changeid"], tuv.attrib["changedate"]
    stripped = tmp_path / "stripped.tmx"
    tuv.getroottree().write(str(stripped), encoding="utf-8")
    assert _c14n(stripped) == _c14n(XML / "sample.tmx").replace("陕西".encode(), "山西".encode())


def test_xliff12_round_trip_sets_signed_off_and_adds_reviewer_note(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample12.xlf")
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, "title")
        s.save_correction(pid, "一个山西代表团来访。", s.pair(pid).version)
        # 陕西 is at 3..5: the <g id="1"> before it is one token (offsets count it)
        s.add_finding(pid, "target", 3, 5, "Terminology", "critical", "Shanxi is 山西")
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    root = etree.parse(str(out)).getroot()
    ns = {"x": xliff.NS12}
    tu = root.find(".//x:trans-unit[@id='title']", ns)
    target = tu.find("x:target", ns)
    assert target.get("state") == "signed-off"
    assert etree.tostring(target, encoding="unicode", with_tail=False).count('<g id="1">山西</g>') == 1
    notes = [(n.get("from"), n.text) for n in tu.findall("x:note", ns)]
    assert notes == [
        ("pm", "check place names"),
        ("transreview", "transreview: critical Terminology «陕西»: Shanxi is 山西 (alice)"),
    ]
    # the untouched unit keeps its state
    body1 = root.find(".//x:trans-unit[@id='body-1']/x:target", ns)
    assert body1.get("state") == "needs-review-translation"


def test_xliff2_round_trip_sets_reviewed_on_corrected_and_approved(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample21.xlf")
    with ReviewSession.open(db, "alice") as s:
        u1 = _pair_id(s, "u1")
        s.save_correction(u1, "一个山西代表团来访。", s.pair(u1).version)
        s.approve(_pair_id(s, "u3"))
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    root = etree.parse(str(out)).getroot()
    ns = {"x": xliff.NS20}
    seg1 = root.find(".//x:unit[@id='u1']/x:segment", ns)
    assert seg1.get("state") == "reviewed"
    assert etree.tostring(seg1.find("x:target", ns), encoding="unicode").count('<pc id="1">山西</pc>') == 1
    assert root.find(".//x:unit[@id='u3']/x:segment", ns).get("state") == "reviewed"
    # u2's first segment neither corrected nor approved: untouched
    assert root.find(".//x:unit[@id='u2']/x:segment[@id='a']", ns).get("state") == "initial"


def test_new_tmx_from_a_tsv_project(tmp_path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text("id\tsource\ttarget\na\tJincheng is in Shanxi.\t晋城在陕西。\nb\tHello\t你好\n", encoding="utf-8")
    db = _import(tmp_path, src)
    with ReviewSession.open(db, "alice") as s:
        pid = _pair_id(s, "a")
        s.save_correction(pid, "晋城在山西。", s.pair(pid).version)
    out = tmp_path / "out.tmx"
    summary = export_project(db, fmt="tmx", output=out)
    assert [d.how for d in summary.documents] == ["new"]
    assert [(p.id, p.source, p.target) for p in tmx.read(out)] == [
        ("a", "Jincheng is in Shanxi.", "晋城在山西。"),
        ("b", "Hello", "你好"),
    ]


# --- filters ------------------------------------------------------------------------------------


def _filter_project(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Four pairs: approved, corrected (critical fixed), a minor left, a critical left."""
    db = tmp_path / "f.db"
    with Store.open(db) as st, st.atomic():
        doc = st.add_document(
            name="f.tsv", format="tsv", path="f.tsv", sha256="x", content=b"",
            src_lang="en", tgt_lang="zh",
        )
        ids = st.add_pairs(doc, [
            Pair("ok", "Hello.", "你好。"),
            Pair("fixed", "Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"),
            Pair("minor", "Good.", "好"),
            Pair("bad", "Taiyuan is in Shanxi.", "太原在陕西。"),
        ])
        st.add_finding(ids[1], Finding.at(
            "places", "Terminology", CRIT, "陕西 is Shaanxi", side="target",
            text_of_side="晋城是陕西的一个城市。", start=3, end=5, suggestion="山西"))
        st.add_finding(ids[2], Finding("punctuation", "Fluency/Punctuation", MIN, "no full stop"))
        st.add_finding(ids[3], Finding.at(
            "places", "Terminology", CRIT, "陕西 is Shaanxi", side="target",
            text_of_side="太原在陕西。", start=3, end=5, suggestion="山西"))
    keys = dict(zip(["ok", "fixed", "minor", "bad"], ids, strict=True))
    with ReviewSession.open(db, "alice") as s:
        s.approve(keys["ok"])
        s.apply_suggestion(_finding(s, keys["fixed"], "places"))
    return db, keys


@pytest.mark.parametrize(
    ("only", "exclude", "expected", "left_out"),
    [
        (None, None, ["ok", "fixed", "minor", "bad"], {}),
        ("approved", None, ["ok"], {"not approved": 3}),
        ("corrected", None, ["fixed"], {"not corrected": 3}),
        ("clean", None, ["ok", "fixed"], {"with findings": 2}),
        (None, "critical", ["ok", "fixed", "minor"], {"with a critical or worse finding": 1}),
        (None, "minor", ["ok", "fixed"], {"with a minor or worse finding": 2}),
    ],
)
def test_filters(tmp_path, only, exclude, expected, left_out) -> None:
    db, _ = _filter_project(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = export_project(db, fmt="jsonl", output=out, only=only, exclude_severity=exclude)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == expected
    assert summary.left_out == left_out


def test_a_correction_that_leaves_an_error_is_not_clean(tmp_path) -> None:
    """The re-check judges the corrected text: a 'fix' that keeps 陕西 is still critical."""
    db, keys = _filter_project(tmp_path)
    with ReviewSession.open(db, "alice") as s:
        pid = keys["bad"]
        s.save_correction(pid, "太原市在陕西。", s.pair(pid).version)
    out = tmp_path / "out.tsv"
    export_project(db, fmt="tsv", output=out, exclude_severity="critical")
    assert [p.id for p in tsv.read(out)] == ["ok", "fixed", "minor"]


def test_include_original_keeps_both_targets(tmp_path) -> None:
    db, _ = _filter_project(tmp_path)
    out = tmp_path / "out.tsv"
    export_project(db, fmt="tsv", output=out, include_original=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id\tsource\ttarget\toriginal_target"
    assert lines[2] == "fixed\tJincheng is a city in Shanxi.\t晋城是山西的一个城市。\t晋城是陕西的一个城市。"
    assert lines[1] == "ok\tHello.\t你好。\t你好。"
    out2 = tmp_path / "out.jsonl"
    export_project(db, fmt="jsonl", output=out2, include_original=True)
    row = json.loads(out2.read_text(encoding="utf-8").splitlines()[1])
    assert (row["target"], row["original_target"]) == ("晋城是山西的一个城市。", "晋城是陕西的一个城市。")


def test_filtered_tmx_round_trip_drops_units(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample.tmx")
    with ReviewSession.open(db, "alice") as s:
        s.approve(_pair_id(s, "t3"))
    out = tmp_path / "out.tmx"
    export_project(db, fmt="tmx", output=out, only="approved")
    assert [p.id for p in tmx.read(out)] == ["t3"]
    text = out.read_text(encoding="utf-8")
    assert "t1" not in text and "<!-- a memory from a CAT tool -->" in text
    assert "\n    </tu>\n  </body>" in text  # the closing indentation survives the removal


def test_filtered_xliff2_drops_segments_then_units(tmp_path) -> None:
    db = _import(tmp_path, XML / "sample21.xlf")
    with ReviewSession.open(db, "alice") as s:
        s.approve(_pair_id(s, "u2#a"))
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out, only="approved")
    root = etree.parse(str(out)).getroot()
    ns = {"x": xliff.NS20}
    assert [u.get("id") for u in root.iterfind(".//x:unit", ns)] == ["u2"]
    assert [s.get("id") for s in root.iterfind(".//x:segment", ns)] == ["a"]
    assert root.find(".//x:ignorable", ns) is not None


def test_nothing_passing_the_filter_is_an_error_and_writes_nothing(tmp_path) -> None:
    db, _ = _filter_project(tmp_path)
    with ReviewSession.open(db, "alice") as s:
        s.flag(next(r.pair_id for r in s.queue_page(0, 10) if r.pair_key == "ok"))
    out = tmp_path / "out.tsv"
    with pytest.raises(TransreviewError, match="nothing to export: none of the 4 pairs"):
        export_project(db, fmt="tsv", output=out, only="approved")
    assert not out.exists()


# --- usage errors, several documents -------------------------------------------------------------


def test_usage_errors(tmp_path) -> None:
    db, _ = _filter_project(tmp_path)
    with pytest.raises(UsageError, match="tsv and jsonl only"):
        export_project(db, fmt="tmx", output=tmp_path / "o.tmx", include_original=True)
    with pytest.raises(UsageError, match="unknown severity"):
        export_project(db, fmt="tsv", output=tmp_path / "o.tsv", exclude_severity="fatal")
    with pytest.raises(UsageError, match="--only"):
        export_project(db, fmt="tsv", output=tmp_path / "o.tsv", only="everything")
    with pytest.raises(StoreError, match="no such project"):
        export_project(tmp_path / "missing.db", fmt="tsv", output=tmp_path / "o.tsv")
    assert not (tmp_path / "missing.db").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("o.")]


def test_several_documents_as_tmx_go_to_a_directory(tmp_path) -> None:
    src = tmp_path / "shanxi.tsv"
    src.write_text("id\tsource\ttarget\na\tShanxi\t山西\n", encoding="utf-8")
    db = _import(tmp_path, XML / "sample.tmx", src)
    out = tmp_path / "outdir"
    summary = export_project(db, fmt="tmx", output=out)
    assert sorted(p.name for p in out.iterdir()) == ["sample.tmx", "shanxi.tmx"]  # no staging left
    assert [d.how for d in summary.documents] == ["patched", "new"]
    assert _c14n(out / "sample.tmx") == _c14n(XML / "sample.tmx")
    assert [(p.id, p.target) for p in tmx.read(out / "shanxi.tmx")] == [("a", "山西")]
    # an existing file cannot hold several documents
    existing = tmp_path / "one.tmx"
    existing.write_text("keep", encoding="utf-8")
    with pytest.raises(UsageError, match="give a directory"):
        export_project(db, fmt="tmx", output=existing)
    assert existing.read_text(encoding="utf-8") == "keep"
    with pytest.raises(UsageError, match="give a directory"):  # a file name, even a new one
        export_project(db, fmt="tmx", output=tmp_path / "new.tmx")
    assert not (tmp_path / "new.tmx").exists()


def test_several_documents_in_one_tsv_get_qualified_ids(tmp_path) -> None:
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("id\tsource\ttarget\n1\tOne\t一\n", encoding="utf-8")
    b.write_text("id\tsource\ttarget\n1\tTwo\t二\n", encoding="utf-8")
    db = _import(tmp_path, a, b)
    out = tmp_path / "all.tsv"
    export_project(db, fmt="tsv", output=out)
    assert [(p.id, p.target) for p in tsv.read(out)] == [("a.tsv:1", "一"), ("b.tsv:1", "二")]


def test_only_the_latest_import_of_a_document_is_exported(tmp_path) -> None:
    src = tmp_path / "d.tsv"
    src.write_text("id\tsource\ttarget\n1\tOne\t一\n", encoding="utf-8")
    db = _import(tmp_path, src)
    src.write_text("id\tsource\ttarget\n1\tOne\t壹\n", encoding="utf-8")
    import_inputs(inputs=[src], db=db)
    out = tmp_path / "out.tsv"
    summary = export_project(db, fmt="tsv", output=out)
    assert [p.target for p in tsv.read(out)] == ["壹"]
    assert summary.superseded == ("d.tsv",) and "superseded" in str(summary)


def test_moses_reads_back(tmp_path) -> None:
    db, _ = _filter_project(tmp_path)
    export_project(db, fmt="moses", output=tmp_path / "c.en")
    back = list(moses.read_pair(tmp_path / "c.en", tmp_path / "c.zh"))
    assert [(p.source, p.target) for p in back][:2] == [
        ("Hello.", "你好。"), ("Jincheng is a city in Shanxi.", "晋城是山西的一个城市。")
    ]


def test_min_qe_leaves_out_uncorrected_pairs_the_model_scores_low(tmp_path) -> None:
    src = tmp_path / "a.tsv"
    src.write_text("id\tsource\ttarget\nlow\tGood morning.\t早上好。\nfixed\tThank you.\t谢谢。\n"
                   "high\tGoodbye.\t再见。\nnone\tHello.\t你好。\n", encoding="utf-8")
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    with ReviewSession.open(db, "alice") as s:
        ids = {r.pair_key: r.pair_id for r in s.queue_page(0, 10)}
        for key, score in (("low", 0.2), ("fixed", 0.1), ("high", 0.9)):
            s.store.set_qe_result(ids[key], backend="llm", model="m", version="1", score=score,
                                  native=None, notice=None, findings=())
        # a correction makes the score (of the original target) moot
        s.save_correction(ids["fixed"], "谢谢你。", s.pair(ids["fixed"]).version)
    out = tmp_path / "o.tsv"
    summary = export_project(db, fmt="tsv", output=out, min_qe=0.5)
    kept = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert kept == ["fixed", "high", "none"]
    assert summary.left_out == {"with a quality estimate below 0.5": 1}
    with pytest.raises(UsageError):
        export_project(db, fmt="tsv", output=tmp_path / "x.tsv", min_qe=5)


def test_a_tsv_export_says_when_fields_span_lines(tmp_path) -> None:
    # the Shanxi page's p5 joins two English paragraphs (lines 10 and 13) with a blank line: its TSV row is a
    # quoted field across lines, which line-by-line tools do not expect, so the summary says so
    db = tmp_path / "s.db"
    import_inputs(inputs=[SHANXI], db=db, check_names=[])
    summary = export_project(db, fmt="tsv", output=tmp_path / "s.tsv")
    assert summary.multiline == 1
    assert "note: 1 pair holds a line break, written as a quoted field across lines" in str(summary)
    jsonl_summary = export_project(db, fmt="jsonl", output=tmp_path / "s.jsonl")
    assert jsonl_summary.multiline == 0 and "line break" not in str(jsonl_summary)
