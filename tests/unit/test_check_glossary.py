"""The glossary check: required and forbidden renderings, both directions, both scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

import transreview.checks.glossary as glossary_check
from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.glossary import GlossaryCheck
from transreview.model import Pair, Severity
from transreview.text.analysis import analyse

GLOSSARY = """en,zh,forbidden,note
Shanxi,山西,陕西,the province of Taiyuan
Jincheng,晋城,金城,
wind power,风电|风力发电,,
energy efficiency,能效|能源效率,,
policy,政策,,
US,美国,,
Xi'an,西安,,
carbon capture,碳捕获,,
Xinzhou,忻州,Hsinchow,
"""


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory) -> GlossaryCheck:
    path = tmp_path_factory.mktemp("gl") / "terms.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return GlossaryCheck(glossaries=(str(path),))




# (pair, side, start, text, suggestion, words in message)
FIRES = [
    pytest.param(
        en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"),
        "target", 3, "陕西", "山西", ["forbidden", "'Shanxi'", "the province of Taiyuan"],
        id="forbidden",
    ),
    pytest.param(
        en_zh("Jincheng is a city in Shanxi.", "晉城是陝西的一個城市。"),
        "target", 3, "陝西", "山西", ["forbidden"],
        id="forbidden-traditional",
    ),
    pytest.param(
        en_zh("We support wind power.", "我们支持风能。"),
        "source", 11, "wind power", None, ["'风电' or '风力发电'", "terms.csv:4"],
        id="required-missing",
    ),
    pytest.param(
        en_zh("Energy policies matter.", "能源规定很重要。"),
        "source", 7, "policies", None, ["'政策'"],
        id="plural-ies",
    ),
    pytest.param(
        en_zh("wind-power equipment", "风能设备"), "source", 0, "wind-power", None, ["'风电'"], id="hyphenated"
    ),
    pytest.param(en_zh("The US team.", "该团队。"), "source", 4, "US", None, ["'美国'"], id="acronym"),
    pytest.param(
        zh_en("晋城位于山西。", "Jincheng is in Shaanxi."), "source", 4, "山西", None, ["'Shanxi'"],
        id="zh-en-required-missing",
    ),
    pytest.param(
        zh_en("晉城位於山西。", "Jincheng is in Shaanxi."), "source", 4, "山西", None, ["'Shanxi'"],
        id="zh-en-traditional-source",
    ),
    pytest.param(
        zh_en("忻州很美。", "Hsinchow is beautiful."), "target", 0, "Hsinchow", "Xinzhou", ["forbidden"],
        id="zh-en-forbidden",
    ),
    pytest.param(
        en_zh("We visited Xi’an.", "我们访问了西宁。"), "source", 11, "Xi’an", None, ["'西安'"],
        id="curly-apostrophe-term",
    ),
    pytest.param(
        zh_en("碳捕获创新很重要。", "Innovation matters."), "source", 0, "碳捕获", None, ["'carbon capture'"],
        id="zh-term-across-jieba-words",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "side", "start", "text", "suggestion", "words"), FIRES)
def test_fires(
    check: GlossaryCheck, pair: Pair, side: str, start: int, text: str, suggestion: str | None, words: list[str]
) -> None:
    (f,) = check.run(pair)
    assert (f.side, f.start, f.end, f.text, f.suggestion) == (side, start, start + len(text), text, suggestion)
    assert f.severity is Severity.MAJOR
    assert f.category == "Terminology"
    for w in words:
        assert w in f.message


QUIET = [
    pytest.param(en_zh("Jincheng is a city in Shanxi.", "晋城是山西的一个城市。"), id="correct"),
    pytest.param(en_zh("Jincheng is a city in Shanxi Province.", "晋城是山西省的一个城市。"), id="term-inside-word"),
    pytest.param(zh_en("陕西安康很美。", "Ankang in Shaanxi is beautiful."), id="xian-not-in-shaanxi-ankang"),
    pytest.param(en_zh("Let us go.", "我们走吧。"), id="pronoun-us-not-acronym"),
    pytest.param(en_zh("Shaanxi is big.", "陕西很大。"), id="forbidden-only-for-its-source-term"),
    pytest.param(en_zh("Energy efficiency policies.", "能效政策。"), id="plural-satisfied"),
    pytest.param(en_zh("We need carbon capture.", "我们需要碳捕获技术。"), id="multi-word-term"),
    pytest.param(zh_en("风电很重要。", "Wind power matters."), id="zh-en-satisfied"),
    pytest.param(zh_en("風電很重要。", "Wind power matters."), id="zh-en-traditional-satisfied"),
    pytest.param(en_zh("Jincheng is a city in Shanxi.", ""), id="empty-target"),
    pytest.param(en_zh("We visited Xi’an.", "我们访问了西安。"), id="curly-apostrophe-satisfied"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(check: GlossaryCheck, pair: Pair) -> None:
    assert check.run(pair) == []


def test_no_glossary_no_findings_no_signature() -> None:
    plain = GlossaryCheck()
    assert plain.run(en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。")) == []
    assert plain.signature() == "glossary@2"


def test_signature_depends_on_glossary_contents(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("en,zh\nShanxi,山西\n", encoding="utf-8")
    b.write_text("en,zh\nShanxi,山西省\n", encoding="utf-8")
    sig_a = GlossaryCheck(glossaries=(str(a),)).signature()
    sig_b = GlossaryCheck(glossaries=(str(b),)).signature()
    assert sig_a.startswith("glossary@2[glossary:")
    assert sig_a != sig_b


def test_glossary_read_once_per_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    calls: list[tuple[str, ...]] = []
    real = glossary_check.read_glossaries

    def counting(paths: tuple[str, ...]):
        calls.append(tuple(paths))
        return real(paths)

    monkeypatch.setattr(glossary_check, "read_glossaries", counting)
    check = GlossaryCheck(glossaries=(str(path),))
    for _ in range(5):
        check.run(en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。"))
    check.signature()
    assert calls == [(str(path),)]


def test_glossaries_are_the_checks_parameter(tmp_path: Path) -> None:
    """Rebuilt from its spec (what a worker does), the check judges a measurement alike."""
    path = tmp_path / "g.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    check = GlossaryCheck(glossaries=(path,))  # a Path is kept as a plain string
    assert check.params() == {"glossaries": (str(path),)}
    cls, params = check.spec()
    rebuilt = cls(**params)
    pair = en_zh("Jincheng is a city in Shanxi.", "晋城是陕西的一个城市。")
    raw = check.measure(pair, analyse(pair))
    assert rebuilt.judge(pair, raw) == check.judge(pair, raw) != []
    assert rebuilt.signature() == check.signature()


def test_a_missing_glossary_fails_when_the_check_is_built(tmp_path: Path) -> None:
    from transreview.errors import InputError

    with pytest.raises(InputError, match="glossary file not found"):
        GlossaryCheck(glossaries=(str(tmp_path / "none.csv"),))
    with pytest.raises(InputError, match="is a directory"):
        GlossaryCheck(glossaries=(str(tmp_path),))
