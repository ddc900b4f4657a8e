"""Android string resources: pairing by key across values/ and values-zh*/, the aapt escapes
both ways, and the patch that changes only the corrected strings' content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.roundtrip import import_then_export
from transreview.errors import InputError
from transreview.formats import ENDINGS, android, plan_inputs, read_inputs
from transreview.formats.android_text import decode, encode

REAL = Path(__file__).resolve().parents[1] / "data" / "l10n" / "android-antennapod" / "res"

SOURCE = """<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <!-- Button that deletes a podcast -->
    <string name="delete">Delete</string>
    <string name="app_id" translatable="false">org.example.app</string>
    <string name="greeting">Hello <xliff:g id="name" example="Ann">%1$s</xliff:g>, welcome!</string>
    <string name="dont">Don\\'t stop\\nnow</string>
    <plurals name="files">
        <item quantity="one">%d file</item>
        <item quantity="other">%d files</item>
    </plurals>
    <string-array name="speeds">
        <item>Slow</item>
        <item>Fast</item>
    </string-array>
    <string name="missing">Not yet translated</string>
</resources>
"""

TARGET = """<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <string name="delete">删除</string>
    <string name="greeting">你好，<xliff:g id="name" example="Ann">%1$s</xliff:g>，欢迎！</string>
    <string name="dont">别停\\n现在</string>
    <plurals name="files">
        <item quantity="other">%d 个文件</item>
    </plurals>
    <string-array name="speeds">
        <item>慢</item>
        <item>快</item>
    </string-array>
    <string name="old">旧的</string>
</resources>
"""


def _res(tmp_path: Path, qualifier: str = "zh-rCN", target: str = TARGET) -> Path:
    res = tmp_path / "res"
    (res / "values").mkdir(parents=True)
    (res / f"values-{qualifier}").mkdir()
    (res / "values" / "strings.xml").write_text(SOURCE, encoding="utf-8")
    (res / f"values-{qualifier}" / "strings.xml").write_text(target, encoding="utf-8")
    return res


@pytest.mark.parametrize(("raw", "text"), [
    ("Don\\'t", "Don't"),
    ("a\\nb", "a\nb"),
    ("\\@string/x", "@string/x"),
    ('"  two  spaces  "', "  two  spaces  "),
    ("  a \n   b  ", "a b"),  # whitespace collapsed and trimmed outside quotes
    ("\\u00e9t\\u00E9", "été"),
    ('Say \\"hi\\"', 'Say "hi"'),
])
def test_decode(raw: str, text: str) -> None:
    assert decode(raw)[0] == text


@pytest.mark.parametrize("text", ["Don't", "a\nb", "@x", "?y", " lead", "two  spaces", 'q"q', "back\\slash"])
def test_encode_decodes_back(text: str) -> None:
    assert decode(encode(text))[0] == text


def test_xml_is_android() -> None:
    assert ENDINGS[".xml"] == "android"


def test_a_translation_finds_its_source_by_the_layout(tmp_path: Path) -> None:
    res = _res(tmp_path)
    (doc,) = plan_inputs([res / "values-zh-rCN" / "strings.xml"])
    assert doc.paths == (res / "values" / "strings.xml", res / "values-zh-rCN" / "strings.xml")
    assert doc.name == "values-zh-rCN_strings.xml"
    assert plan_inputs([res]) == [doc]  # a res/ directory: the Chinese folders in it


@pytest.mark.parametrize("qualifier", ["zh-rTW", "b+zh+Hans"])
def test_other_chinese_folders(tmp_path: Path, qualifier: str) -> None:
    res = _res(tmp_path, qualifier)
    (doc,) = plan_inputs([res])
    assert doc.paths[1] == res / f"values-{qualifier}" / "strings.xml"
    assert android.role(doc.paths[1]) == ("target", "zh-TW" if qualifier == "zh-rTW" else "zh-Hans")


def test_two_files_named_explicitly(tmp_path: Path) -> None:
    src, tgt = tmp_path / "app_values_strings.xml", tmp_path / "app_values-zh-rCN_strings.xml"
    src.write_text(SOURCE, encoding="utf-8")
    tgt.write_text(TARGET, encoding="utf-8")
    (doc,) = plan_inputs([src, tgt])
    assert doc.paths == (src, tgt)


def test_a_source_alone_is_refused(tmp_path: Path) -> None:
    res = _res(tmp_path)
    with pytest.raises(InputError, match="source file alone"):
        plan_inputs([res / "values" / "strings.xml"])


def test_a_translation_without_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "values-zh-rCN").mkdir()
    (tmp_path / "values-zh-rCN" / "strings.xml").write_text(TARGET, encoding="utf-8")
    with pytest.raises(InputError, match="no source strings"):
        plan_inputs([tmp_path / "values-zh-rCN" / "strings.xml"])


def test_pairs(tmp_path: Path) -> None:
    pairs = list(read_inputs([_res(tmp_path)]))
    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("delete", "Delete", "删除"),
        ("greeting", "Hello %1$s, welcome!", "你好，%1$s，欢迎！"),  # <xliff:g> text kept
        ("dont", "Don't stop\nnow", "别停\n现在"),  # escapes decoded
        ("files#other", "%d files", "%d 个文件"),  # Chinese: only "other"
        ("speeds[0]", "Slow", "慢"),
        ("speeds[1]", "Fast", "快"),
        ("missing", "Not yet translated", ""),  # missing in the target: untranslated
        ("old", "", "旧的"),  # only in the target
    ]  # app_id is translatable="false": no pair
    assert pairs[0].meta["comment"] == "Button that deletes a podcast"
    assert pairs[0].line == 3 and pairs[0].meta["source_line"] == 4
    assert pairs[6].meta["missing"] is True and pairs[7].meta["orphan"] is True
    assert [p.index for p in pairs] == list(range(8))


def _import_export(tmp_path: Path, res: Path, correct: dict[str, str] | None = None) -> bytes:
    return import_then_export(tmp_path, res, "android", "out.xml", correct)


def test_unchanged_export_is_byte_identical(tmp_path: Path) -> None:
    res = _res(tmp_path)
    assert _import_export(tmp_path, res) == (res / "values-zh-rCN" / "strings.xml").read_bytes()


def test_corrections_change_only_their_content(tmp_path: Path) -> None:
    res = _res(tmp_path)
    out = _import_export(tmp_path, res, {
        "greeting": "您好，%1$s，欢迎！",  # inside the text before <xliff:g>: markup kept
        "dont": "别停下\n现在's",  # re-encoded: \n and \'
        "files#other": "%d 份文件",
        "missing": "尚未翻译",  # added before </resources>
    }).decode()
    expected = (TARGET
                .replace("你好，<xliff:g", "您好，<xliff:g")
                .replace("别停\\n现在", "别停下\\n现在\\'s")
                .replace("%d 个文件", "%d 份文件")
                .replace("</resources>", '    <string name="missing">尚未翻译</string>\n</resources>'))
    assert out == expected


def test_the_real_pair_round_trips_and_one_correction_changes_one_line(tmp_path: Path) -> None:
    target = REAL / "values-zh-rCN" / "strings.xml"
    (tmp_path / "a").mkdir()
    assert _import_export(tmp_path / "a", REAL) == target.read_bytes()
    out = _import_export(tmp_path, REAL, {"statistics_label": "统计数据"})
    before, after = target.read_text(encoding="utf-8").split("\n"), out.decode().split("\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [('    <string name="statistics_label">统计</string>',
                        '    <string name="statistics_label">统计数据</string>')]


def test_real_pair_counts() -> None:
    pairs = list(read_inputs([REAL]))
    strings = [p for p in pairs if p.meta["kind"] == "string" and not p.meta.get("orphan")]
    assert sum(p.meta.get("missing", False) for p in strings) > 0
    assert all(p.target for p in pairs if not p.meta.get("missing"))
    # every plural pair is an "other" quantity: the Chinese file has only that one
    assert {p.meta["quantity"] for p in pairs if p.meta["kind"] == "plural"} == {"other"}
