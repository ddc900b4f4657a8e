"""The tags check on inline codes read from XLIFF and TMX.

Strings: the Angular autowp messages (MIT, autowp/autowp-frontend, src/locale/messages.zh-CN.xlf)
and Microsoft Dynamics 365 docs (CC-BY-4.0, MicrosoftDocs/Dynamics-365-Operations.zh-cn,
column-definitions-financial-reports), as shipped and with errors planted; the TMX strings are
written here in OmegaT's style (``<bpt i="0" x="0">&lt;g0&gt;</bpt>``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transreview import codes
from transreview.checks import CHECKS
from transreview.checks.tags import TagsCheck
from transreview.formats import tmx, xliff
from transreview.model import Pair, Severity

CHECK = TagsCheck()

ANGULAR = ' Slide <x id="INTERPOLATION"/> of <x id="INTERPOLATION_1"/> '
ANGULAR_ZH = ' 滑动<x id="INTERPOLATION"/> 的<x id="INTERPOLATION_1"/> '
MS = 'In Report Designer, in the navigation pane, click <bpt id="p1">**</bpt>Column Definitions<ept id="p1">**</ept>.'
MS_ZH = '在报表设计器的导航窗格中，单击<bpt id="p1">**</bpt>列定义<ept id="p1">**</ept>。'
MS2 = ('On the <bpt id="p1">**</bpt>File<ept id="p1">**</ept> menu, click <bpt id="p2">**</bpt>New'
       '<ept id="p2">**</ept>, and then click <bpt id="p3">**</bpt>Column Definition<ept id="p3">**</ept>.')
MS2_ZH = ('在<bpt id="p1">**</bpt>文件<ept id="p1">**</ept>菜单上，单击<bpt id="p2">**</bpt>新建'
          '<ept id="p2">**</ept>，然后单击<bpt id="p3">**</bpt>列定义<ept id="p3">**</ept>。')


def xliff_pair(tmp_path: Path, source: str, target: str) -> Pair:
    path = tmp_path / "t.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="zh-CN" datatype="html"><body>'
        f'<trans-unit id="u"><source>{source}</source><target>{target}</target></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    (pair,) = xliff.read(path)
    return pair


def tmx_pair(tmp_path: Path, source: str, target: str) -> Pair:
    path = tmp_path / "t.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="OmegaT" creationtoolversion="6" o-tmf="OmegaT"/><body>'
        f'<tu><tuv xml:lang="en"><seg>{source}</seg></tuv><tuv xml:lang="zh-CN"><seg>{target}</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    (pair,) = tmx.read(path)
    return pair


G0 = '<bpt i="0" x="0">&lt;g0&gt;</bpt>Save<ept i="0">&lt;/g0&gt;</ept> the file'
G0_ZH = '<bpt i="0" x="0">&lt;g0&gt;</bpt>保存<ept i="0">&lt;/g0&gt;</ept>文件'

QUIET = [
    pytest.param("xliff", ANGULAR, ANGULAR_ZH, id="angular-as-shipped"),
    pytest.param("xliff", MS, MS_ZH, id="microsoft-as-shipped"),
    pytest.param("xliff", MS2, MS2_ZH, id="microsoft-three-pairs"),
    pytest.param("xliff", 'a <g id="1">bold</g> word', '一个<g id="1">粗体</g>词', id="g-wrapper"),
    pytest.param("tmx", G0, G0_ZH, id="omegat-g0"),
    pytest.param("xliff", "Plain text", "纯文本", id="no-codes"),
    pytest.param("xliff", ANGULAR, "", id="untranslated-is-not-a-tag-problem"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "src", "tgt"), QUIET)
def test_quiet(tmp_path: Path, fmt: str, src: str, tgt: str) -> None:
    pair = (xliff_pair if fmt == "xliff" else tmx_pair)(tmp_path, src, tgt)
    assert CHECK.run(pair) == []


# (format, source, target, [(side, severity, the code's XML in the message)])
FIRES = [
    pytest.param("xliff", ANGULAR, ' 滑动<x id="INTERPOLATION"/> 的 ',
                 [("source", Severity.MAJOR, '<x id="INTERPOLATION_1"/> is missing')], id="angular-deleted-x"),
    pytest.param("xliff", ANGULAR, ' 滑动<x id="INTERPOLATION"/> 的<x id="INTERPOLATION_2"/> ',
                 [("target", Severity.MAJOR, 'source is <x id="INTERPOLATION_2"/>')], id="angular-renamed-x"),
    pytest.param("xliff", MS, '在报表设计器的导航窗格中，单击<bpt id="p1">**</bpt>列定义。',
                 [("source", Severity.MAJOR, "unbalanced")], id="microsoft-ept-deleted"),
    pytest.param("xliff", MS, "在报表设计器的导航窗格中，单击列定义。",
                 [("source", Severity.MAJOR, '<bpt id="p1">'), ("source", Severity.MAJOR, '<ept id="p1">')],
                 id="microsoft-all-markup-lost"),
    pytest.param("xliff", MS, '单击<ept id="p1">**</ept>列定义<bpt id="p1">**</bpt>。',
                 [("target", Severity.MAJOR, "comes before its opening")], id="microsoft-ept-before-bpt"),
    pytest.param("xliff", MS, MS_ZH.replace("。", '<x id="9"/>。'),
                 [("target", Severity.MAJOR, '<x id="9"/> is not in the source')], id="extra-code"),
    pytest.param("xliff", MS2, MS2_ZH.replace('<bpt id="p2">**</bpt>新建<ept id="p2">**</ept>', "新建")
                 .replace("列定义<ept id=\"p3\">**</ept>", '列定义<ept id="p3">**</ept><bpt id="p2">**</bpt><ept id="p2">**</ept>'),
                 [("target", Severity.NEUTRAL, "another place")], id="moved-pair-is-neutral"),
    pytest.param("tmx", G0, "保存文件", [("source", Severity.MAJOR, "&lt;g0&gt;"), ("source", Severity.MAJOR, "&lt;/g0&gt;")],
                 id="omegat-g0-deleted"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "src", "tgt", "expected"), FIRES)
def test_fires(tmp_path: Path, fmt: str, src: str, tgt: str, expected: list) -> None:
    pair = (xliff_pair if fmt == "xliff" else tmx_pair)(tmp_path, src, tgt)
    found = CHECK.run(pair)
    assert len(found) == len(expected), [f.message for f in found]
    for f, (side, severity, words) in zip(found, expected, strict=True):
        assert (f.side, f.severity) == (side, severity)
        assert words in f.message
        assert f.suggestion is None
        # the span is the code's token on that side
        assert f.start is not None and pair.text(f.side)[f.start : f.end] in codes.table_of(pair.meta)


def test_registered() -> None:
    assert CHECKS["tags"] == "transreview.checks.tags:TagsCheck"


def test_text_checks_see_tokens_not_xml(tmp_path: Path) -> None:
    pair = xliff_pair(tmp_path, ANGULAR, ANGULAR_ZH)
    assert "<x" not in pair.source and "INTERPOLATION" not in pair.target
    table = codes.table_of(pair.meta)
    assert codes.show(pair.source, table) == " Slide ⟦1⟧ of ⟦2⟧ "
    assert codes.show(pair.target, table) == " 滑动⟦1⟧ 的⟦2⟧ "
    ms = xliff_pair(tmp_path, MS, MS_ZH)
    assert codes.show(ms.target, codes.table_of(ms.meta)) == "在报表设计器的导航窗格中，单击⟦1›列定义‹1⟧。"


def test_catalog_example_fires(tmp_path: Path) -> None:
    ((source, target),) = TagsCheck.example
    (finding,) = CHECK.run(xliff_pair(tmp_path, source, target))
    assert finding.severity == Severity.MAJOR and '<x id="INTERPOLATION_1"/> is missing' in finding.message
