"""iOS ``.strings``: the entry grammar (comments, escapes, UTF-16), pairing by key across
``.lproj`` folders, and the patch that changes only corrected values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.roundtrip import import_then_export
from transreview.errors import InputError
from transreview.formats import ENDINGS, ios_strings, plan_inputs, read_inputs

REAL = Path(__file__).resolve().parents[1] / "data" / "l10n" / "ios-stats"

SOURCE = '''/* Settings */
"Open" = "Open";
"Quote" = "Say \\"hi\\"\\nnow";
"Only source" = "Only source";
'''

TARGET = '''/* Settings */
"Open" = "打开"; // gemma4:31b
/* A greeting */
"Quote" = "说\\"你好\\"\\n现在";
"Old" = "旧";
'''


def _lproj(tmp_path: Path, encoding: str = "utf-8") -> Path:
    for lang, text in (("en", SOURCE), ("zh-Hans", TARGET)):
        (tmp_path / f"{lang}.lproj").mkdir()
        (tmp_path / f"{lang}.lproj" / "Localizable.strings").write_bytes(text.encode(encoding))
    return tmp_path


def test_strings_is_registered() -> None:
    assert ENDINGS[".strings"] == "strings"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_pairs(tmp_path: Path, encoding: str) -> None:
    root = _lproj(tmp_path, encoding)
    (doc,) = plan_inputs([root])
    assert doc.name == "zh-Hans.lproj_Localizable.strings"
    pairs = list(read_inputs([root / "zh-Hans.lproj" / "Localizable.strings"]))
    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("Open", "Open", "打开"),
        ("Quote", 'Say "hi"\nnow', '说"你好"\n现在'),
        ("Only source", "Only source", ""),
        ("Old", "", "旧"),
    ]
    assert pairs[0].meta["comment"] == "Settings"
    assert pairs[0].meta["line_comment"] == "gemma4:31b"  # on the entry's own line
    assert pairs[0].meta["source_comment"] == "Settings"
    assert pairs[1].meta["comment"] == "A greeting"
    assert [p.line for p in pairs] == [2, 4, 4, 5]  # the translation's line, else the source's


@pytest.mark.parametrize(("text", "line", "problem"), [
    ('"a" = "b";\n"c" = "d"\n', 3, "expected ';'"),
    ('"a" = "b;\n', 1, "never closed"),
    ('"a" = "b";\n"a" = "c";\n', 2, "duplicate key 'a'"),
])
def test_syntax_errors_name_their_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(InputError) as e:
        ios_strings.parse(text, "x.strings")
    assert e.value.line == line and problem in str(e.value)


def _import_export(tmp_path: Path, root: Path, correct: dict[str, str] | None = None) -> bytes:
    return import_then_export(tmp_path, root, "strings", "out.strings", correct)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_unchanged_export_is_byte_identical(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "in").mkdir()
    root = _lproj(tmp_path / "in", encoding)
    assert _import_export(tmp_path, root) == (root / "zh-Hans.lproj" / "Localizable.strings").read_bytes()


def test_corrections_change_only_their_values(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    root = _lproj(tmp_path / "in", "utf-16")
    out = _import_export(tmp_path, root, {"Open": '打开 "设置"', "Only source": "仅源"})
    expected = (TARGET.replace('"Open" = "打开";', '"Open" = "打开 \\"设置\\"";')
                + '"Only source" = "仅源";\n')
    assert out == expected.encode("utf-16")


def test_the_real_pair(tmp_path: Path) -> None:
    pairs = list(read_inputs([REAL]))
    assert len(pairs) == 464  # every key is in both files
    assert not any(p.meta.get("missing") or p.meta.get("orphan") for p in pairs)
    gray = next(p for p in pairs if p.id == "Graphics")
    assert gray.meta["line_comment"] == "gemma4:31b"
    (tmp_path / "a").mkdir()
    target = REAL / "zh-Hans.lproj" / "Localizable.strings"
    assert _import_export(tmp_path / "a", REAL) == target.read_bytes()
    out = _import_export(tmp_path, REAL, {"Gray": "灰色"})
    before, after = target.read_text(encoding="utf-8").split("\n"), out.decode().split("\n")
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ('"Gray" = "灰色 1";', '"Gray" = "灰色";')
    ]
