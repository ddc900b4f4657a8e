"""Do-not-translate glossary terms (brand names) and forbidden renderings: readers and check.

Conventions under test (README, "Glossaries"): ``zh`` equal to ``en`` or a ``status`` /
``flags`` / ``translate`` column marks a term that stays untranslated; ``!term`` in a term
cell is a forbidden rendering; TBX ``<descrip type="Translation needed">No`` (Weblate) or
ITS ``translate="no"`` marks an entry, ``administrativeStatus`` deprecated/superseded/
obsolete marks a forbidden term.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.glossary import GlossaryCheck
from transreview.errors import InputError
from transreview.model import Pair, Severity
from transreview.text.glossary import GlossaryEntry, read_glossary


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- readers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "g.csv", "en,zh\nFirefox,Firefox\n",
            GlossaryEntry(("Firefox",), ("Firefox",), where="g.csv:2", keep=True),
            id="csv-target-equals-source",
        ),
        pytest.param(
            "g.csv", "en,zh,status\nPocket,,untranslatable\n",
            GlossaryEntry(("Pocket",), ("Pocket",), where="g.csv:2", keep=True),
            id="csv-status-column-empty-target",
        ),
        pytest.param(
            "g.csv", "en,zh,flags\nEdge,Edge,\"read-only, terminology\"\n",
            GlossaryEntry(("Edge",), ("Edge",), where="g.csv:2", keep=True),
            id="csv-weblate-read-only-flag",
        ),
        pytest.param(
            "g.csv", "en,zh,translate\nThunderbird,,no\n",
            GlossaryEntry(("Thunderbird",), ("Thunderbird",), where="g.csv:2", keep=True),
            id="csv-its-translate-no",
        ),
        pytest.param(
            "g.csv", "en,zh\nFirefox,Firefox|!火狐\n",
            GlossaryEntry(("Firefox",), ("Firefox",), (), ("火狐",), where="g.csv:2", keep=True),
            id="csv-bang-forbidden",
        ),
        pytest.param(
            "g.csv", "en,zh,forbidden\nbrowser,浏览器|!览器,游览器\n",
            GlossaryEntry(("browser",), ("浏览器",), (), ("游览器", "览器"), where="g.csv:2"),
            id="csv-bang-and-forbidden-column",
        ),
        pytest.param(
            "g.csv", "Firefox, Firefox, brand\n",
            GlossaryEntry(("Firefox",), ("Firefox",), note="Firefox: brand", where="g.csv:1", keep=True),
            id="headerless-first-row-kept-term",
        ),
        pytest.param(
            "g.csv", "Server, 服务端，!服务机\n",
            GlossaryEntry(("Server",), ("服务端",), (), ("服务机",), where="g.csv:1"),
            id="headerless-bang",
        ),
        pytest.param(
            "g.txt", "Firefox\tFirefox\n",
            GlossaryEntry(("Firefox",), ("Firefox",), where="g.txt:1", keep=True),
            id="omegat-kept-term",
        ),
        pytest.param(
            "g.csv", "en,zh\nAPI,api\n",
            GlossaryEntry(("API",), ("api",), where="g.csv:2", keep=True),
            id="same-term-other-case-is-kept",
        ),
        pytest.param(
            "g.csv", "en,zh\nUSB,USB 接口\n",
            GlossaryEntry(("USB",), ("USB 接口",), where="g.csv:2"),
            id="latin-inside-chinese-term-is-not-kept",
        ),
    ],
)
def test_csv_conventions(tmp_path: Path, name: str, text: str, expected: GlossaryEntry) -> None:
    (entry,) = read_glossary(write(tmp_path, name, text)).entries
    assert entry == expected


def test_flagged_term_with_a_chinese_rendering_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "en,zh,status\nshanxi,山西,ok\nFirefox,火狐,untranslatable\n")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert "g.csv:3" in str(err.value) and "'火狐'" in str(err.value) and "forbidden" in str(err.value)


TBX_WEBLATE = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry>
    <descrip type="Translation needed">No</descrip>
    <langSet xml:lang="en"><tig><term>Firefox</term></tig></langSet>
    <langSet xml:lang="zh_Hans"><tig><term/></tig></langSet>
  </termEntry>
  <termEntry>
    <langSet xml:lang="en"><tig><term>Pocket</term></tig></langSet>
    <langSet xml:lang="zh-CN">
      <tig><term>Pocket</term></tig>
      <tig><term>口袋</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry xmlns:its="http://www.w3.org/2005/11/its" its:translate="no">
    <langSet xml:lang="en"><tig><term>Relay</term></tig></langSet>
  </termEntry>
  <termEntry>
    <langSet xml:lang="en"><tig><term>bookmark</term></tig></langSet>
    <langSet xml:lang="zh"><tig><term>书签</term></tig>
      <tig><term>收藏夹</term><termNote type="administrativeStatus">obsolete</termNote></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_tbx_do_not_translate_and_forbidden(tmp_path: Path) -> None:
    g = read_glossary(write(tmp_path, "g.tbx", TBX_WEBLATE))
    assert list(g.entries) == [
        GlossaryEntry(("Firefox",), ("Firefox",), where="g.tbx:3", keep=True),
        GlossaryEntry(("Pocket",), ("Pocket",), (), ("口袋",), where="g.tbx:8", keep=True),
        GlossaryEntry(("Relay",), ("Relay",), where="g.tbx:15", keep=True),
        GlossaryEntry(("bookmark",), ("书签",), (), ("收藏夹",), where="g.tbx:18"),
    ]


# --- the check --------------------------------------------------------------------------

GLOSSARY = """en,zh,forbidden,note
Firefox,Firefox,火狐,brand
Pocket,Pocket,口袋,
Edge,Edge,,Microsoft's browser
Chromebook,Chromebook,,
bookmark,书签,收藏夹,
download,下载|下载项,载入,
"""


@pytest.fixture(scope="module")
def check(tmp_path_factory: pytest.TempPathFactory) -> GlossaryCheck:
    path = tmp_path_factory.mktemp("keep") / "terms.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return GlossaryCheck(glossaries=(str(path),))


# (pair, side, start, text, suggestion, words in message)
FIRES = [
    pytest.param(
        en_zh("Open Firefox.", "打开火狐浏览器。"), "target", 2, "火狐", "Firefox",
        ["forbidden rendering of 'Firefox'", "stays untranslated", "brand"],
        id="brand-translated-forbidden-listed",
    ),
    pytest.param(
        en_zh("Save it to Pocket.", "将其保存到口袋。"), "target", 5, "口袋", "Pocket", ["forbidden"],
        id="brand-that-is-a-word-translated",
    ),
    pytest.param(
        en_zh("Try Edge today.", "今天就试试边缘浏览器。"), "source", 4, "Edge", None,
        ["must stay untranslated", "missing from the target"],
        id="brand-translated-no-forbidden-listed-no-suggestion",
    ),
    pytest.param(
        en_zh("Chromebooks are supported.", "支持谷歌笔记本电脑。"), "source", 0, "Chromebooks", None,
        ["must stay untranslated"],
        id="plural-source",
    ),
    pytest.param(
        en_zh("Add a bookmark.", "添加到收藏夹。"), "target", 3, "收藏夹", "书签", ["forbidden"],
        id="forbidden-one-approved-term-suggested",
    ),
    pytest.param(
        en_zh("The download failed.", "载入失败。"), "target", 0, "载入", None, ["'下载' or '下载项'"],
        id="forbidden-two-approved-terms-no-suggestion",
    ),
    pytest.param(
        zh_en("打开 Firefox 浏览器。", "Open the fire fox browser."), "source", 3, "Firefox", None,
        ["must stay untranslated"],
        id="zh-en-kept-term-missing",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "side", "start", "text", "suggestion", "words"), FIRES)
def test_fires(
    check: GlossaryCheck, pair: Pair, side: str, start: int, text: str, suggestion: str | None, words: list[str]
) -> None:
    (f,) = check.run(pair)
    assert (f.side, f.start, f.end, f.text, f.suggestion) == (side, start, start + len(text), text, suggestion)
    assert f.severity is Severity.MAJOR
    for w in words:
        assert w in f.message


QUIET = [
    pytest.param(en_zh("Open Firefox.", "打开 Firefox 浏览器。"), id="brand-kept-spaced"),
    pytest.param(en_zh("Open Firefox.", "打开Firefox浏览器。"), id="brand-kept-unspaced"),
    pytest.param(en_zh("Open Firefox.", "打开 FIREFOX。"), id="brand-kept-other-case"),
    pytest.param(en_zh("Put it in your pocket.", "把它放进口袋。"), id="lowercase-word-is-not-the-brand"),
    pytest.param(en_zh("This is cutting-edge work.", "这是前沿工作。"), id="inside-hyphenated-word"),
    pytest.param(en_zh("Knowledge matters.", "知识很重要。"), id="inside-other-word"),
    pytest.param(en_zh("Use FirefoxOS.", "使用火狐系统。"), id="brand-inside-longer-name"),
    pytest.param(en_zh("Chromebooks are supported.", "支持 Chromebook。"), id="plural-source-singular-target"),
    pytest.param(en_zh("Firefox's settings.", "Firefox 的设置。"), id="possessive"),
    pytest.param(zh_en("打开 Firefox 浏览器。", "Open the Firefox browser."), id="zh-en-kept"),
    pytest.param(en_zh("Add a bookmark.", "添加书签。"), id="approved-term"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(check: GlossaryCheck, pair: Pair) -> None:
    assert check.run(pair) == []


# A real unit of firefox-ios (mozilla-l10n/firefoxios-l10n, zh-CN/firefox-ios.xliff, MPL-2.0):
# Mozilla keeps the brand untranslated; the planted copy translates it.
FIREFOX_SOURCE = "Firefox uses your microphone to record and upload audio."
FIREFOX_TARGET = "Firefox 需要使用您的麦克风来录制并上传音频。"


def test_real_firefox_unit_kept_and_planted(check: GlossaryCheck) -> None:
    assert check.run(en_zh(FIREFOX_SOURCE, FIREFOX_TARGET)) == []
    (f,) = check.run(en_zh(FIREFOX_SOURCE, FIREFOX_TARGET.replace("Firefox ", "火狐")))
    assert (f.side, f.start, f.text, f.suggestion, f.severity) == ("target", 0, "火狐", "Firefox", Severity.MAJOR)
