"""Glossary readers: CSV/TSV and TBX v2/v3, and the errors they raise (FILE:LINE)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transreview.errors import InputError
from transreview.text.glossary import GlossaryEntry, read_glossary


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("name", "text", "encoding", "expected"),
    [
        pytest.param(
            "g.csv",
            "en,zh,forbidden,note\nShanxi,山西,陕西|Shensi,province\n\n# a comment\nwind power,风电|风力发电,,\n",
            "utf-8",
            [
                GlossaryEntry(("Shanxi",), ("山西",), ("Shensi",), ("陕西",), "province", "g.csv:2"),
                GlossaryEntry(("wind power",), ("风电", "风力发电"), (), (), "", "g.csv:5"),
            ],
            id="csv-en-zh",
        ),
        pytest.param(
            "g.csv",
            "\ufeffEN,ZH\nJincheng,晋城\n",
            "utf-8",
            [GlossaryEntry(("Jincheng",), ("晋城",), where="g.csv:2")],
            id="csv-bom-upper-header",
        ),
        pytest.param(
            "g.csv",
            "source,target\n山西,Shanxi\n晋城,Jincheng\n",
            "utf-8",
            [
                GlossaryEntry(("Shanxi",), ("山西",), where="g.csv:2"),
                GlossaryEntry(("Jincheng",), ("晋城",), where="g.csv:3"),
            ],
            id="csv-source-target-zh-first",
        ),
        pytest.param(
            "g.csv",
            "source,target\nShanxi,山西\n",
            "utf-16",
            [GlossaryEntry(("Shanxi",), ("山西",), where="g.csv:2")],
            id="csv-utf16",
        ),
        pytest.param(
            "g.tsv",
            "en\tzh\tnote\nShanxi\t山西\tnot 陕西, never\n",
            "utf-8",
            [GlossaryEntry(("Shanxi",), ("山西",), note="not 陕西, never", where="g.tsv:2")],
            id="tsv",
        ),
    ],
)
def test_csv(tmp_path: Path, name: str, text: str, encoding: str, expected: list[GlossaryEntry]) -> None:
    g = read_glossary(write(tmp_path, name, text, encoding))
    assert list(g.entries) == expected
    assert len(g.digest) == 12


TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="e1">
      <langSet xml:lang="en-US"><tig><term>Shanxi</term></tig></langSet>
      <langSet xml:lang="zh-CN">
        <tig><term>山西</term></tig>
        <ntig><termGrp><term>陕西</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
      </langSet>
      <descrip type="definition">a province</descrip>
    </termEntry>
    <termEntry id="e2">
      <langSet xml:lang="de"><tig><term>Windkraft</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>wind power</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>Jincheng</term></termSec></langSec>
      <langSec xml:lang="zh-Hant">
        <termSec><term>晉城</term></termSec>
        <termSec><term>金城</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_v2(tmp_path: Path) -> None:
    g = read_glossary(write(tmp_path, "g.tbx", TBX2))
    # e2 has no Chinese term: skipped
    assert list(g.entries) == [GlossaryEntry(("Shanxi",), ("山西",), (), ("陕西",), "a province", "g.tbx:4")]


def test_tbx_v3(tmp_path: Path) -> None:
    g = read_glossary(write(tmp_path, "g.tbx", TBX3))
    assert list(g.entries) == [GlossaryEntry(("Jincheng",), ("晉城",), (), ("金城",), "", "g.tbx:5")]


def test_tbx_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "TOP-SECRET")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<martif><text><body><termEntry>\n'
        '<langSet xml:lang="en"><tig><term>Shanxi &xxe;</term></tig></langSet>\n'
        '<langSet xml:lang="zh"><tig><term>山西</term></tig></langSet>\n'
        "</termEntry></body></text></martif>\n"
    )
    g = read_glossary(write(tmp_path, "x.tbx", text))
    assert all("TOP-SECRET" not in t for e in g.entries for t in e.en + e.zh)


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        pytest.param("g.csv", "english,chinese,x\n", None, "no entry", id="csv-header-only"),
        pytest.param("g.csv", "term,translation\nShanxi,山西\n", 1, "expected 'en,zh'", id="csv-bad-header"),
        pytest.param("g.csv", "en,zh\nShanxi,山西\nJincheng,\n", 3, "no 'zh' term", id="csv-missing-zh"),
        pytest.param("g.csv", "", None, "empty glossary", id="csv-empty"),
        pytest.param("g.docx", "en,zh\n", None, "unknown glossary format", id="unknown-ending"),
        pytest.param("g.tbx", "<martif>\n<text>\n</martif>\n", 3, "not well-formed", id="tbx-malformed"),
        pytest.param("g.tbx", "<?xml version='1.0'?>\n<glossary/>\n", 2, "not a TBX root", id="tbx-wrong-root"),
        pytest.param(
            "g.tbx",
            "<martif><text><body>\n<termEntry>\n<langSet><tig><term>x</term></tig></langSet>\n"
            "</termEntry></body></text></martif>\n",
            3,
            "no xml:lang",
            id="tbx-no-lang",
        ),
        pytest.param("g.tbx", "<tbx><text><body/></text></tbx>\n", 1, "no <termEntry>", id="tbx-no-entries"),
    ],
)
def test_errors(tmp_path: Path, name: str, text: str, line: int | None, words: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert err.value.line == line
    assert words in err.value.message
    assert str(err.value).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such glossary file"):
        read_glossary(tmp_path / "nope.csv")


def test_csv_invalid_utf8_located(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(b"en,zh\nShanxi,\xff\xfe\xfa\n")
    with pytest.raises(InputError) as err:
        read_glossary(path)
    assert err.value.line == 2
