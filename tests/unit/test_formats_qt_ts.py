"""Qt Linguist .ts: messages by context, unfinished/vanished/obsolete, numerus forms,
accelerators, and the patch that changes only corrected translations."""

from __future__ import annotations

from pathlib import Path

from transreview.formats import ENDINGS, qt_ts

REAL = Path(__file__).resolve().parents[1] / "data" / "l10n" / "ts-keepassxc" / "ts_keepassxc_zh_CN.ts"

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../src/main.cpp" line="10"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>verb</comment>
        <extracomment>Toolbar button</extracomment>
        <translation type="unfinished">打开</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation type="vanished">没了</translation>
    </message>
    <message>
        <source>Old</source>
        <translation type="obsolete">旧</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
            <numerusform>%n 个文件们</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty</source>
        <translation type="unfinished"/>
    </message>
</context>
</TS>
"""


def _ts(tmp_path: Path) -> Path:
    p = tmp_path / "app_zh_CN.ts"
    p.write_text(TS, encoding="utf-8")
    return p


def test_registered() -> None:
    assert ENDINGS[".ts"] == "ts"


def test_pairs(tmp_path: Path) -> None:
    pairs = list(qt_ts.read(_ts(tmp_path)))
    assert [(p.id, p.source, p.target, p.meta["state"]) for p in pairs] == [
        ("MainWindow|&File", "&File", "文件(&F)", None),
        ("MainWindow|Open|verb", "Open", "打开", "unfinished"),
        ("MainWindow|%n file(s)", "%n file(s)", "%n 个文件", None),
        ("MainWindow|%n file(s)[1]", "%n file(s)", "%n 个文件们", None),
        ("MainWindow|Empty", "Empty", "", "unfinished"),
    ]  # vanished and obsolete are skipped
    assert pairs[0].meta["accelerators"] == ["F", "F"]
    assert pairs[0].meta["locations"] == ["../src/main.cpp:10"]
    assert pairs[1].meta["extracomment"] == "Toolbar button"
    assert [p.line for p in pairs] == [6, 11, 25, 25, 32]


def test_patch(tmp_path: Path) -> None:
    src = _ts(tmp_path)
    out = tmp_path / "out.ts"
    qt_ts.write_patched(src.read_bytes(), out, {})
    assert out.read_bytes() == src.read_bytes()
    qt_ts.write_patched(src.read_bytes(), out, {1: "打开 <b>", 3: "%n 份文件", 4: "空"})
    expected = (TS.replace('<translation type="unfinished">打开</translation>',
                           "<translation>打开 &lt;b&gt;</translation>")
                .replace("<numerusform>%n 个文件们</numerusform>", "<numerusform>%n 份文件</numerusform>")
                .replace('<translation type="unfinished"/>', "<translation>空</translation>"))
    assert out.read_text(encoding="utf-8") == expected
    back = list(qt_ts.read(out))
    assert [p.target for p in back] == ["文件(&F)", "打开 <b>", "%n 个文件", "%n 份文件", "空"]


def test_approving_an_unfinished_message_finishes_it(tmp_path: Path) -> None:
    src = _ts(tmp_path)
    out = tmp_path / "out.ts"
    qt_ts.write_patched(src.read_bytes(), out, {}, reviewed=[1])
    assert out.read_text(encoding="utf-8") == TS.replace(
        '<translation type="unfinished">打开</translation>', "<translation>打开</translation>")


def test_the_real_file(tmp_path: Path) -> None:
    pairs = list(qt_ts.read(REAL))
    assert len(pairs) == 2184  # the messages SOURCES.md counts (one numerus form each)
    out = tmp_path / "out.ts"
    qt_ts.write_patched(REAL.read_bytes(), out, {})
    assert out.read_bytes() == REAL.read_bytes()
    k = next(p.index for p in pairs if p.id == "AboutDialog|About")
    qt_ts.write_patched(REAL.read_bytes(), out, {k: "关于本程序"})
    before = REAL.read_text(encoding="utf-8").split("\n")
    after = out.read_text(encoding="utf-8").split("\n")
    assert [(a.strip(), b.strip()) for a, b in zip(before, after, strict=True) if a != b] == [
        ("<translation>关于</translation>", "<translation>关于本程序</translation>")
    ]
