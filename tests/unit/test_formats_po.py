"""gettext PO: what a pair is (context, plurals, fuzzy, obsolete, flags, comments), and the
patch that changes only corrected ``msgstr`` lines (byte-identical when nothing changed)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.helpers.roundtrip import import_then_export
from transreview.errors import InputError
from transreview.formats import ENDINGS, FORMATS, po

REAL = Path(__file__).resolve().parents[1] / "data" / "l10n" / "po_sphinx_zh_CN.po"

SAMPLE = '''\
# Translators:
# Someone <someone@example.org>, 2024
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

# Ask the user before deleting.
#. TRANSLATORS: a button
#: app.py:10
#, python-format
msgid "Delete %(name)s?"
msgstr "删除 %(name)s？"

msgctxt "menu"
msgid "Open"
msgstr "打开"

msgctxt "verb, a door"
msgid "Open"
msgstr "开门"

#, fuzzy, c-format
#| msgid "%d old file"
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d 个文件"

msgid "A long text that"
" spans two lines."
msgstr ""
"一段跨越"
"两行的文字。"

msgid "Untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "已删除"
'''


def _write(tmp_path: Path, text: str, name: str = "s.po", newline: str = "\n") -> Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return p


def test_po_and_pot_are_registered() -> None:
    assert ENDINGS[".po"] == "po" and ENDINGS[".pot"] == "po"
    assert FORMATS["po"].write is not None and FORMATS["po"].patch is not None


def test_pairs_of_the_sample(tmp_path: Path) -> None:
    pairs = list(po.read(_write(tmp_path, SAMPLE)))
    assert [p.id for p in pairs] == [
        "Delete %(name)s?", "menu|Open", "verb, a door|Open", "%d file",
        "A long text that spans two lines.", "Untranslated",
    ]  # the header and the obsolete entry are not pairs
    assert [p.index for p in pairs] == list(range(6))
    first = pairs[0]
    assert first.target == "删除 %(name)s？"
    assert first.line == 9  # the entry's first line (its translator comment)
    assert first.meta["flags"] == ["python-format"]
    assert first.meta["tcomment"] == "Ask the user before deleting."
    assert first.meta["comment"] == "TRANSLATORS: a button"
    assert first.meta["occurrences"] == ["app.py:10"]
    assert first.meta["fuzzy"] is False
    plural = pairs[3]
    # one form in Chinese: the form translates every count, its source is msgid_plural
    assert plural.source == "%d files" and plural.target == "%d 个文件"
    assert plural.meta["fuzzy"] is True and plural.meta["state"] == "fuzzy"
    assert plural.meta["flags"] == ["c-format"]
    assert plural.meta["msgid"] == "%d file"
    assert pairs[4].target == "一段跨越两行的文字。"
    assert pairs[5].target == ""


def test_two_forms_give_two_pairs_and_a_missing_form_is_empty(tmp_path: Path) -> None:
    text = SAMPLE.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    pairs = list(po.read(_write(tmp_path, text)))
    forms = [p for p in pairs if "plural_form" in p.meta]
    assert [(p.id, p.source, p.target) for p in forms] == [
        ("%d file[0]", "%d file", "%d 个文件"),
        ("%d file[1]", "%d files", ""),  # msgstr[1] is missing: untranslated
    ]


def test_a_duplicate_entry_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, SAMPLE + '\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "开"\n')
    with pytest.raises(InputError) as e:
        list(po.read(path))
    assert e.value.line == 42 and "duplicate entry 'menu|Open'" in str(e.value)


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nbogus "d"\n')
    with pytest.raises(InputError) as e:
        list(po.read(path))
    assert e.value.line == 5


def test_bytes_that_are_not_the_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(SAMPLE.encode("utf-8").replace("打开".encode(), b"\xff\xfe"))
    with pytest.raises(InputError) as e:
        list(po.read(path))
    assert e.value.line == 18


def _patched(tmp_path: Path, data: bytes, **kw) -> bytes:
    out = tmp_path / "out.po"
    po.write_patched(data, out, **kw)
    return out.read_bytes()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_no_change_is_byte_identical(tmp_path: Path, newline: str) -> None:
    data = _write(tmp_path, SAMPLE, newline=newline).read_bytes()
    assert _patched(tmp_path, data, targets={}) == data


def test_a_correction_changes_only_its_msgstr_lines(tmp_path: Path) -> None:
    data = _write(tmp_path, SAMPLE, newline="\r\n").read_bytes()
    out = _patched(tmp_path, data, targets={1: "打开…", 4: "一段文字。", 5: "未翻译"})
    expected = (SAMPLE.replace('msgid "Open"\nmsgstr "打开"', 'msgid "Open"\nmsgstr "打开…"')
                .replace('msgstr ""\n"一段跨越"\n"两行的文字。"', 'msgstr "一段文字。"')
                .replace('msgid "Untranslated"\nmsgstr ""', 'msgid "Untranslated"\nmsgstr "未翻译"'))
    assert out == expected.replace("\n", "\r\n").encode("utf-8")


def test_correcting_a_fuzzy_entry_clears_fuzzy_only(tmp_path: Path) -> None:
    data = _write(tmp_path, SAMPLE).read_bytes()
    out = _patched(tmp_path, data, targets={3: "%d 份文件"}).decode()
    assert out == SAMPLE.replace("#, fuzzy, c-format", "#, c-format").replace(
        'msgstr[0] "%d 个文件"', 'msgstr[0] "%d 份文件"')


def test_a_new_line_in_a_correction_is_escaped(tmp_path: Path) -> None:
    data = _write(tmp_path, SAMPLE).read_bytes()
    out = _patched(tmp_path, data, targets={0: '第一行\n第二行 "引号"'})
    (pair,) = [p for p in po.read(_write(tmp_path, out.decode(), "r.po")) if p.index == 0]
    assert pair.target == '第一行\n第二行 "引号"'
    assert 'msgstr ""\n"第一行\\n"\n"第二行 \\"引号\\""\n' in out.decode()


def test_notes_become_translator_comments_and_drop_removes_entries(tmp_path: Path) -> None:
    data = _write(tmp_path, SAMPLE).read_bytes()
    out = _patched(tmp_path, data, targets={}, notes={1: ["minor Fluency: check"]},
                   drop=[2, 5]).decode()
    assert '# transreview: minor Fluency: check\nmsgctxt "menu"' in out
    assert 'msgctxt "verb, a door"' not in out and "Untranslated" not in out
    assert len(list(po.read(_write(tmp_path, out, "r.po")))) == 4


def test_the_real_file_reads(tmp_path: Path) -> None:
    pairs = list(po.read(REAL))
    assert len(pairs) == 869  # the entry count SOURCES.md gives
    assert sum("python-format" in p.meta["flags"] for p in pairs) == 423
    (plural,) = [p for p in pairs if "plural_form" in p.meta]
    assert plural.source == "Search finished, found ${resultCount} pages matching the search query."
    assert plural.target == "搜索完成，匹配搜索条件的有 ${resultCount} 个页面。"
    assert plural.line == 2964


def _import_export(tmp_path: Path, src: Path, correct: dict[str, str] | None = None) -> bytes:
    return import_then_export(tmp_path, src, "po", "out.po", correct)


def test_the_real_file_round_trips_byte_identical(tmp_path: Path) -> None:
    assert _import_export(tmp_path, REAL) == REAL.read_bytes()


def test_a_correction_of_the_real_file_changes_one_line(tmp_path: Path) -> None:
    out = _import_export(tmp_path, REAL, {"invalid CVE number %s": "CVE 编号 %s 无效"})
    before = REAL.read_bytes().decode().split("\n")
    after = out.decode().split("\n")
    changed = [(i, a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [(52, 'msgstr "无效的 CVE 编号 %s"', 'msgstr "CVE 编号 %s 无效"')]


def test_a_new_po_from_pairs_keeps_context_plurals_and_flags(tmp_path: Path) -> None:
    pairs = list(po.read(_write(tmp_path, SAMPLE)))
    out = tmp_path / "new.po"
    po.write_new(out, pairs, reviewed={"menu|Open"})
    parsed = polib.pofile(str(out))
    assert [(e.msgctxt, e.msgid, e.msgstr_plural or e.msgstr) for e in parsed] == [
        (None, "Delete %(name)s?", "删除 %(name)s？"),
        ("menu", "Open", "打开"),
        ("verb, a door", "Open", "开门"),
        (None, "%d file", {0: "%d 个文件"}),
        (None, "A long text that spans two lines.", "一段跨越两行的文字。"),
        (None, "Untranslated", ""),
    ]
    assert parsed[3].msgid_plural == "%d files" and parsed[3].flags == ["fuzzy", "c-format"]
    assert parsed[0].tcomment == "Ask the user before deleting."
    assert [p.id for p in po.read(out)] == [p.id for p in pairs]
