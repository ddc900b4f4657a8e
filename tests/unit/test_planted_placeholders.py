"""A placeholder deleted from a copy of each shared real localization file is found by the
placeholders check, spanned on the source's placeholder, and only there (issue 12).

The files are the test copies in ``tests/data/l10n/`` and ``tests/data/realfiles/`` (sources
and licences in their SOURCES.md / LICENSES.md); each is copied to a temporary directory and
one translation loses one placeholder, exactly as a translator's slip would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transreview.api import check_pairs, read_pairs

DATA = Path(__file__).resolve().parents[1] / "data"


def _replace_once(path: Path, old: str, new: str) -> None:
    raw = path.read_bytes()
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    text = raw.decode(encoding)
    assert text.count(old) >= 1, f"{old!r} not in {path.name}"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


# (copied from DATA, paths read (relative to the copy), file changed, old, new, pair id, placeholder)
CASES = [
    pytest.param("l10n/android-antennapod", ["res/values-zh-rCN/strings.xml"], "res/values-zh-rCN/strings.xml",
                 "%1$s 到 %2$s 期间播放的", "%1$s 期间播放的", "statistics_counting_range", "%2$s", id="android"),
    pytest.param("l10n/arb-gallery", ["intl_en.arb", "intl_zh_CN.arb"], "intl_zh_CN.arb",
                 '"demoTwoPaneItem": "项 {value}"', '"demoTwoPaneItem": "项"', "demoTwoPaneItem", "{value}", id="arb"),
    pytest.param("l10n/ios-stats", ["zh-Hans.lproj/Localizable.strings"], "zh-Hans.lproj/Localizable.strings",
                 '"Number of cores" = "%0 核心";', '"Number of cores" = "核心";', "Number of cores", "%0", id="ios-strings"),
    pytest.param("l10n/json-excalidraw", ["en.json", "zh-CN.json"], "zh-CN.json",
                 "这将添加 {{numShapes}} 个形状", "这将添加形状", "confirmAddLibrary", "{{numShapes}}", id="i18n-json"),
    pytest.param("l10n/po_sphinx_zh_CN.po", ["po_sphinx_zh_CN.po"], "po_sphinx_zh_CN.po",
                 'msgstr "HTML 页面保存在 %(outdir)s 目录。"', 'msgstr "HTML 页面保存在目录。"', "The HTML page is in",
                 "%(outdir)s", id="po"),
    pytest.param("l10n/ts-keepassxc", ["ts_keepassxc_zh_CN.ts"], "ts_keepassxc_zh_CN.ts",
                 "<translation>访问配置文件 %1 错误</translation>", "<translation>访问配置文件错误</translation>",
                 "Access error for config file %1", "%1", id="qt-ts"),
    pytest.param("l10n/xcstrings-whisky", ["Localizable.xcstrings"], "Localizable.xcstrings",
                 '"value" : "删除 %@？"', '"value" : "删除？"', "button.removeAlert.msg", "%@", id="xcstrings"),
    pytest.param("realfiles/firefox-ios.zh-CN.xliff", ["firefox-ios.zh-CN.xliff"], "firefox-ios.zh-CN.xliff",
                 "<target>%@ 的预览</target>", "<target>的预览</target>", "Preview of %@", "%@", id="xliff-firefox"),
]  # fmt: skip


def _copy(tmp_path: Path, what: str) -> Path:
    src = DATA / what
    if src.is_dir():
        shutil.copytree(src, tmp_path / "copy")
    else:
        (tmp_path / "copy").mkdir()
        shutil.copy(src, tmp_path / "copy" / src.name)
    return tmp_path / "copy"


def _placeholder_findings(root: Path, paths: list[str]) -> list[tuple]:
    pairs = read_pairs(*(root / p for p in paths))
    return [
        (r.pair, f)
        for r in check_pairs(pairs, checks=["placeholders"])
        for f in r.findings
    ]


@pytest.mark.parametrize(("what", "paths", "changed", "old", "new", "pair_id", "placeholder"), CASES)
def test_a_deleted_placeholder_is_found_with_its_span(
    tmp_path: Path, what: str, paths: list[str], changed: str, old: str, new: str, pair_id: str, placeholder: str
) -> None:
    root = _copy(tmp_path, what)
    before = [(p.id, f.text) for p, f in _placeholder_findings(root, paths) if pair_id in p.id]
    assert before == [], "the shipped unit is clean"
    _replace_once(root / changed, old, new)
    found = [(p, f) for p, f in _placeholder_findings(root, paths) if pair_id in p.id]
    assert len(found) == 1, found
    ((pair, f),) = found
    assert (f.check, f.side, f.text, f.severity.name) == ("placeholders", "source", placeholder, "MAJOR")
    assert pair.source[f.start : f.end] == placeholder
    assert placeholder not in pair.target
