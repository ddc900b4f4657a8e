"""The notes a file holds about a unit, read into one shape (``unitnotes.file_notes``) and
handed out by the review session; reviewer notes into Qt ``<translatorcomment>`` and XLSX cell
comments. The real strings are from the files in tests/data (licences in
tests/data/l10n/SOURCES.md and tests/data/realfiles/LICENSES.md)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from transreview.formats import qt_ts, read_inputs, xlsx
from transreview.model import Pair
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.unitnotes import FileNote, file_notes

L10N = Path(__file__).resolve().parents[1] / "data" / "l10n"
FIREFOX = Path(__file__).resolve().parents[1] / "data" / "realfiles" / "firefox-ios.zh-CN.xliff"


def _pair(fmt: str, **meta: object) -> Pair:
    return Pair("k", "Open", "打开", meta={"format": fmt, **meta})


@pytest.mark.parametrize(("pair", "expected"), [
    pytest.param(_pair("po", comment="%s is a file name", tcomment="checked with the glossary"),
                 [FileNote("developer", "%s is a file name", "#."),
                  FileNote("translator", "checked with the glossary", "#")], id="po"),
    pytest.param(_pair("po", tcomment="keep short\ntranscreview typo\ntransreview: major Terminology «打开» (bob)"),
                 [FileNote("translator", "keep short\ntranscreview typo", "#"),
                  FileNote("reviewer", "transreview: major Terminology «打开» (bob)", "#")], id="po-own-note-split"),
    pytest.param(_pair("ts", comment="verb", extracomment="menu item", translatorcomment=None),
                 [FileNote("context", "verb", "<comment>"), FileNote("developer", "menu item", "<extracomment>")],
                 id="ts"),
    pytest.param(_pair("strings", comment="Modules", source_comment="Modules", line_comment=None),
                 [FileNote("developer", "Modules", "comment")], id="strings-shared-comment-once"),
    pytest.param(_pair("xliff", notes=["Privacy - Camera Usage Description", "transreview: minor Style"],
                       note_authors=[None, "transreview"]),
                 [FileNote("note", "Privacy - Camera Usage Description", "<note>"),
                  FileNote("reviewer", "transreview: minor Style", "<note>", "transreview")], id="xliff"),
    pytest.param(_pair("xcstrings", comment="   "), [], id="blank-comment-is-no-note"),
    pytest.param(_pair("tsv", comment="a column named comment is not a note of TSV"), [], id="unknown-key"),
    pytest.param(Pair("k", "a", "b"), [], id="no-meta"),
])
def test_file_notes(pair: Pair, expected: list[FileNote]) -> None:
    assert list(file_notes(pair)) == expected


# (input, pair id, the note's kind, where, text): real comments of each format, checked by hand
REAL = [
    (L10N / "android-antennapod" / "res", "app_action_not_found", "developer", "<!-- -->", "Google Assistant"),
    (L10N / "ios-stats", "CPU", "developer", "comment", "Modules"),
    (L10N / "arb-gallery", "githubRepo", "developer", "description",
     "Represents a link to a GitHub repository."),
    (L10N / "ts-keepassxc" / "ts_keepassxc_zh_CN.ts",
     "BrowserSettingsWidget|Show a notification when credentials are requested", "developer",
     "<extracomment>", "Credentials mean login data requested via browser extension"),
    (FIREFOX, "NSCameraUsageDescription", "note", "<note>", "Privacy - Camera Usage Description"),
]


@pytest.mark.parametrize(("inp", "key", "kind", "where", "text"), REAL, ids=[r[0].name for r in REAL])
def test_real_files_notes_reach_the_review_session(tmp_path, inp, key, kind, where, text) -> None:
    db = tmp_path / "p.db"
    import_inputs(inputs=[inp], db=db, check_names=[])
    with ReviewSession.open(db, "alice") as s:
        (pid,) = [r.pair_id for r in s.queue_page(0, 5000)
                  if r.pair_key == key or r.pair_key.endswith(f"::{key}")]
        notes = s.pair(pid).file_notes
    assert FileNote(kind, text, where) in notes


def test_xliff_note_authors_are_kept(tmp_path) -> None:
    # the shape of Angular's extraction (autowp.messages.zh-CN.xlf in the shared real files)
    (tmp_path / "a.xlf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="zh-CN" datatype="plaintext" original="ng2.template">\n'
        '    <body>\n'
        '      <trans-unit id="ngb.carousel.slide-number" datatype="html">\n'
        '        <source> Slide <x id="INTERPOLATION" equiv-text="ber + 1 }}"/> of <x id="INTERPOLATION_1"/> </source>\n'
        '        <target> 幻灯片 <x id="INTERPOLATION"/> / <x id="INTERPOLATION_1"/> </target>\n'
        '        <note priority="1" from="description">Currently selected slide number read by screen reader</note>\n'
        '      </trans-unit>\n'
        '    </body>\n'
        '  </file>\n'
        '</xliff>\n', encoding="utf-8")
    (pair,) = read_inputs([tmp_path / "a.xlf"])
    assert file_notes(pair) == (FileNote("note", "Currently selected slide number read by screen reader",
                                         "<note>", "description"),)


def test_qt_notes_join_a_translatorcomment_already_there(tmp_path) -> None:
    original = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context>\n    <name>Main</name>\n"
        "    <message>\n        <source>Open</source>\n"
        "        <translatorcomment>verb, as in Qt&apos;s menu</translatorcomment>\n"
        "        <translation>打开</translation>\n    </message>\n"
        "    <message>\n        <source>Close</source>\n"
        "        <translatorcomment/>\n"
        "        <translation>关闭</translation>\n    </message>\n"
        "</context>\n</TS>\n"
    ).encode()
    out = tmp_path / "out.ts"
    stats = qt_ts.write_patched(original, out, {}, notes={0: ["transreview: minor Style"], 1: ["too <long>"]})
    assert stats["notes"] == 2
    assert out.read_bytes() == original.replace(
        b"verb, as in Qt&apos;s menu</translatorcomment>",
        b"verb, as in Qt&apos;s menu\ntransreview: minor Style</translatorcomment>",
    ).replace(b"<translatorcomment/>", b"<translatorcomment>transreview: too &lt;long&gt;</translatorcomment>")
    pairs = list(read_inputs([out]))
    assert [n.kind for n in file_notes(pairs[0])] == ["translator", "reviewer"]
    assert file_notes(pairs[1]) == (FileNote("reviewer", "transreview: too <long>", "<translatorcomment>"),)


def test_xlsx_notes_become_cell_comments(tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["source", "target"])
    ws.append(["Open", "打开"])
    ws.append(["Close", "关闭"])
    ws["B3"].comment = Comment("checked by the client", "client")
    buf = io.BytesIO()
    wb.save(buf)
    out = tmp_path / "out.xlsx"
    stats = xlsx.write_patched(buf.getvalue(), out, {}, notes={0: ["transreview: major Terminology"],
                                                            1: ["transreview: minor Style"]})
    assert stats == {"changed": 0, "notes": 2}
    back = openpyxl.load_workbook(out)
    assert back.active["B2"].comment.text == "transreview: major Terminology"
    assert back.active["B3"].comment.text == "checked by the client\ntransreview: minor Style"
    assert back.active["B2"].value == "打开" and back.active["A3"].comment is None


def test_a_new_ts_file_carries_reviewer_notes_as_translatorcomment(tmp_path) -> None:
    pair = Pair("p1", "Open", "打开", meta={"format": "tsv", "notes": ["transreview: minor Style «打开»"]})
    qt_ts.write_new(tmp_path / "new.ts", [pair, Pair("p2", "Close", "关闭")])
    text = (tmp_path / "new.ts").read_text(encoding="utf-8")
    assert text.count("<translatorcomment>") == 1
    assert "<translatorcomment>transreview: minor Style «打开»</translatorcomment>" in text
    back = list(read_inputs([tmp_path / "new.ts"]))
    assert [[n.kind for n in file_notes(p)] for p in back] == [["reviewer"], []]
