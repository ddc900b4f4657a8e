"""Xcode string catalogs: the Chinese localization, states, plural variations, keys with no
translation, and an export in Xcode's own layout (unchanged = byte-identical)."""

from __future__ import annotations

import json
from pathlib import Path

from transreview.formats import ENDINGS, xcstrings

REAL = Path(__file__).resolve().parents[1] / "data" / "l10n" / "xcstrings-whisky" / "Localizable.xcstrings"

CATALOG = {
    "sourceLanguage": "en",
    "strings": {
        "%lld files": {
            "localizations": {
                "en": {"variations": {"plural": {
                    "one": {"stringUnit": {"state": "translated", "value": "%lld file"}},
                    "other": {"stringUnit": {"state": "translated", "value": "%lld files"}},
                }}},
                "zh-Hans": {"variations": {"plural": {
                    "other": {"stringUnit": {"state": "translated", "value": "%lld 个文件"}},
                }}},
            }
        },
        "greeting": {
            "comment": "On the welcome screen",
            "localizations": {
                "en": {"stringUnit": {"state": "translated", "value": "Hello %@"}},
                "zh-Hans": {"stringUnit": {"state": "needs_review", "value": "你好 %@"}},
            },
        },
        "Quit": {},
        "internal.id": {"shouldTranslate": False},
    },
    "version": "1.0",
}


def _catalog(tmp_path: Path) -> Path:
    p = tmp_path / "Localizable.xcstrings"
    p.write_text(xcstrings.dumps(CATALOG), encoding="utf-8")
    return p


def test_registered() -> None:
    assert ENDINGS[".xcstrings"] == "xcstrings"


def test_pairs(tmp_path: Path) -> None:
    pairs = list(xcstrings.read(_catalog(tmp_path)))
    assert [(p.id, p.source, p.target, p.meta["state"]) for p in pairs] == [
        ("%lld files#plural.other", "%lld files", "%lld 个文件", "translated"),
        ("greeting", "Hello %@", "你好 %@", "needs_review"),
        ("Quit", "Quit", "", None),  # no localization at all: the key is the source
    ]  # shouldTranslate false: skipped
    assert pairs[1].meta["comment"] == "On the welcome screen"
    assert pairs[2].meta["missing"] is True
    assert pairs[1].line == 38  # the key's line in the file (counted in the dump above)


def test_unchanged_is_identical_and_a_correction_changes_its_unit(tmp_path: Path) -> None:
    src = _catalog(tmp_path)
    out = tmp_path / "out.xcstrings"
    xcstrings.write_patched(src.read_bytes(), out, {})
    assert out.read_bytes() == src.read_bytes()
    xcstrings.write_patched(src.read_bytes(), out, {1: "您好 %@", 2: "退出"})
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["strings"]["greeting"]["localizations"]["zh-Hans"] == {
        "stringUnit": {"state": "translated", "value": "您好 %@"}  # reviewed: needs_review → translated
    }
    assert doc["strings"]["Quit"] == {
        "localizations": {"zh-Hans": {"stringUnit": {"state": "translated", "value": "退出"}}}
    }
    expected = json.loads(json.dumps(CATALOG))
    expected["strings"]["greeting"]["localizations"]["zh-Hans"]["stringUnit"] = {
        "state": "translated", "value": "您好 %@"}
    expected["strings"]["Quit"] = doc["strings"]["Quit"]
    assert doc == expected


def test_the_real_catalog(tmp_path: Path) -> None:
    pairs = list(xcstrings.read(REAL))
    assert len(pairs) == 152  # the zh-Hans keys SOURCES.md counts
    assert all(p.meta["locale"] == "zh-Hans" for p in pairs)
    out = tmp_path / "out.xcstrings"
    xcstrings.write_patched(REAL.read_bytes(), out, {})
    assert out.read_bytes() == REAL.read_bytes()
    k = next(p.index for p in pairs if p.id == "button.terminal")
    xcstrings.write_patched(REAL.read_bytes(), out, {k: "终端…"})
    before = REAL.read_text(encoding="utf-8").split("\n")
    after = out.read_text(encoding="utf-8").split("\n")
    changed = [(a.strip(), b.strip()) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [('"value" : "终端..."', '"value" : "终端…"')]


def test_a_new_catalog_from_pairs_reads_back(tmp_path: Path) -> None:
    pairs = list(xcstrings.read(_catalog(tmp_path)))
    out = tmp_path / "new.xcstrings"
    xcstrings.write_new(out, pairs, reviewed={"greeting"})
    back = list(xcstrings.read(out))
    assert [(p.id, p.source, p.target) for p in back] == [
        ("%lld files#plural.other", "%lld files", "%lld 个文件"),
        ("Quit", "Quit", ""),
        ("greeting", "Hello %@", "你好 %@"),  # keys sorted, as Xcode writes them
    ]
    assert back[2].meta["state"] == "translated"  # reviewed
