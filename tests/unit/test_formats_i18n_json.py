"""i18n JSON and Flutter ARB: keys by dotted path, pairing across language files, missing
keys, ARB metadata, and the patch that replaces only corrected string tokens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transreview.errors import InputError, TransreviewError
from transreview.formats import ENDINGS, arb, i18n_json, plan_inputs, read_inputs

DATA = Path(__file__).resolve().parents[1] / "data" / "l10n"

EN = """{
  "labels": {
    "paste": "Paste",
    "greet": "Hello {{name}}, <bold>welcome</bold>",
    "items_one": "{{count}} item",
    "items_other": "{{count}} items",
    "new": "New"
  },
  "list": ["One", "Two"],
  "count": 3
}
"""

ZH = """{
  "labels": {
    "paste": "粘贴",
    "greet": "你好 {{name}}，<bold>欢迎</bold>",
    "items_other": "{{count}} 项",
    "gone": "旧的"
  },
  "list": ["一", "二"]
}
"""


def _locales(tmp_path: Path) -> Path:
    d = tmp_path / "locales"
    d.mkdir()
    (d / "en.json").write_text(EN, encoding="utf-8")
    (d / "zh-CN.json").write_text(ZH, encoding="utf-8")
    return d


def test_registered() -> None:
    assert ENDINGS[".json"] == "json" and ENDINGS[".arb"] == "arb"


def test_pairs(tmp_path: Path) -> None:
    d = _locales(tmp_path)
    (doc,) = plan_inputs([d / "zh-CN.json"])
    assert doc.paths == (d / "en.json", d / "zh-CN.json")
    assert plan_inputs([d]) == [doc]
    pairs = list(read_inputs([d / "zh-CN.json"]))
    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("labels.paste", "Paste", "粘贴"),
        ("labels.greet", "Hello {{name}}, <bold>welcome</bold>", "你好 {{name}}，<bold>欢迎</bold>"),
        # labels.items_one: Chinese has only the _other form, so it is not missing
        ("labels.items_other", "{{count}} items", "{{count}} 项"),
        ("labels.new", "New", ""),  # missing in the translation
        ("list[0]", "One", "一"),
        ("list[1]", "Two", "二"),
        ("labels.gone", "", "旧的"),  # only in the translation
    ]  # "count": 3 is not text
    assert [p.line for p in pairs] == [3, 4, 5, 7, 8, 8, 6]  # a missing key: its source line
    assert pairs[3].meta["missing"] is True and pairs[6].meta["orphan"] is True


def test_bad_json_names_its_line(tmp_path: Path) -> None:
    d = _locales(tmp_path)
    (d / "zh-CN.json").write_text('{\n  "a": "b",\n}\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(read_inputs([d / "zh-CN.json"]))
    assert e.value.line == 3 and "not valid JSON" in str(e.value)


def test_patch(tmp_path: Path) -> None:
    d = _locales(tmp_path)
    originals = ((d / "en.json").read_bytes(), (d / "zh-CN.json").read_bytes())
    out = tmp_path / "out.json"
    i18n_json.patch_with(originals, out, {}, name="zh-CN.json", keep=lambda k: True)
    assert out.read_bytes() == originals[1]
    i18n_json.patch_with(originals, out, {0: '粘贴 "文本"', 3: "新建"}, name="zh-CN.json",
                         keep=lambda k: True)
    expected = ZH.replace('"paste": "粘贴"', '"paste": "粘贴 \\"文本\\""').replace(
        '    "gone": "旧的"\n', '    "gone": "旧的",\n    "new": "新建"\n')
    assert out.read_text(encoding="utf-8") == expected
    with pytest.raises(TransreviewError, match="cannot leave keys out"):
        i18n_json.patch_with(originals, out, {}, name="zh-CN.json", keep=lambda k: True, drop=[1])


def test_a_missing_nested_object_is_created(tmp_path: Path) -> None:
    d = _locales(tmp_path)
    (d / "en.json").write_text('{\n  "a": {\n    "b": "B"\n  },\n  "c": "C"\n}\n', encoding="utf-8")
    (d / "zh-CN.json").write_text('{\n  "c": "丙"\n}\n', encoding="utf-8")
    originals = ((d / "en.json").read_bytes(), (d / "zh-CN.json").read_bytes())
    out = tmp_path / "out.json"
    i18n_json.patch_with(originals, out, {0: "乙"}, name="zh-CN.json", keep=lambda k: True)
    assert json.loads(out.read_text(encoding="utf-8")) == {"c": "丙", "a": {"b": "乙"}}


def test_the_real_json_pair(tmp_path: Path) -> None:
    root = DATA / "json-excalidraw"
    pairs = list(read_inputs([root]))
    missing = [p.id for p in pairs if p.meta.get("missing")]
    assert "labels.you" in missing  # keys the zh-CN file lacks are reported
    out = tmp_path / "out.json"
    originals = ((root / "en.json").read_bytes(), (root / "zh-CN.json").read_bytes())
    i18n_json.patch_with(originals, out, {}, name="zh-CN.json", keep=lambda k: True)
    assert out.read_bytes() == originals[1]
    k = next(p.index for p in pairs if p.id == "labels.paste")
    i18n_json.patch_with(originals, out, {k: "粘贴内容"}, name="zh-CN.json", keep=lambda k: True)
    before, after = originals[1].decode().split("\n"), out.read_text(encoding="utf-8").split("\n")
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ('    "paste": "粘贴",', '    "paste": "粘贴内容",')
    ]


def test_arb_pairs_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "app_en.arb").write_text(json.dumps({
        "@@locale": "en",
        "hello": "Hello {name}",
        "@hello": {"description": "Greeting", "placeholders": {"name": {"type": "String"}}},
        "items": "{count, plural, =1{1 item} other{{count} items}}",
    }), encoding="utf-8")
    (tmp_path / "app_zh.arb").write_text(json.dumps({
        "@@locale": "zh", "hello": "你好 {name}", "items": "{count, plural, other{{count} 项}}",
    }, ensure_ascii=False), encoding="utf-8")
    pairs = list(read_inputs([tmp_path / "app_zh.arb"]))
    assert [(p.id, p.target) for p in pairs] == [
        ("hello", "你好 {name}"), ("items", "{count, plural, other{{count} 项}}"),
    ]
    assert pairs[0].meta["comment"] == "Greeting"
    assert pairs[0].meta["placeholders"] == {"name": {"type": "String"}}


def test_the_real_arb_pair(tmp_path: Path) -> None:
    root = DATA / "arb-gallery"
    pairs = list(arb.read([root / "intl_en.arb", root / "intl_zh_CN.arb"]))
    assert not any(p.id.startswith("@") for p in pairs)
    repo = next(p for p in pairs if p.id == "githubRepo")
    assert repo.meta["comment"] == "Represents a link to a GitHub repository."
    assert "repoName" in repo.meta["placeholders"]


def test_a_key_written_twice_is_the_last_one(tmp_path: Path) -> None:
    # the real gallery intl_en.arb has "shrineProductChambrayShirt" twice
    (tmp_path / "en.json").write_text('{"a": "First", "b": "B", "a": "Second"}', encoding="utf-8")
    (tmp_path / "zh.json").write_text('{"a": "一", "a": "二", "b": "乙"}', encoding="utf-8")
    pairs = list(read_inputs([tmp_path / "zh.json"]))
    assert [(p.id, p.source, p.target) for p in pairs] == [("a", "Second", "二"), ("b", "B", "乙")]
    out = tmp_path / "out.json"
    originals = ((tmp_path / "en.json").read_bytes(), (tmp_path / "zh.json").read_bytes())
    i18n_json.patch_with(originals, out, {0: "贰"}, name="zh.json", keep=lambda k: True)
    assert out.read_text(encoding="utf-8") == '{"a": "一", "a": "贰", "b": "乙"}'
