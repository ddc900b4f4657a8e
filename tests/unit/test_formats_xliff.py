"""XLIFF 1.2 and 2.x reading, writing and patching."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from transreview import codes
from transreview.errors import InputError, TransreviewError
from transreview.formats import ReadOptions, xliff
from transreview.formats import xmlsafe as xs
from transreview.model import Pair


def plain(text: str, pair: Pair) -> str:
    """The text without its code tokens (what the reader gave before codes were tokens)."""
    return codes.strip(text, codes.table_of(pair.meta))

DATA = Path(__file__).resolve().parents[1] / "data" / "xml"
SAMPLE12 = DATA / "sample12.xlf"
SAMPLE21 = DATA / "sample21.xlf"
N12 = "{urn:oasis:names:tc:xliff:document:1.2}"
N20 = "{urn:oasis:names:tc:xliff:document:2.0}"


def xlf12(
    tmp_path: Path, units: str, *, src: str = "en", tgt: str = "zh-CN", prolog: str = ""
) -> Path:
    path = tmp_path / "t12.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + prolog
        + '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        + f'<file original="x" source-language="{src}" target-language="{tgt}" datatype="plaintext"><body>\n'
        + units
        + "\n</body></file>\n</xliff>\n",
        encoding="utf-8",
    )
    return path


def xlf2(
    tmp_path: Path, units: str, *, src: str = "en", tgt: str = "zh", version: str = "2.1"
) -> Path:
    path = tmp_path / "t2.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="{version}" srcLang="{src}" trgLang="{tgt}">\n'
        + '<file id="f1">\n'
        + units
        + "\n</file>\n</xliff>\n",
        encoding="utf-8",
    )
    return path


def c14n(node: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(node, method="c14n")


def c14n_file(path: Path) -> bytes:
    return c14n(etree.parse(str(path)))


# --------------------------------------------------------------------------- reading 1.2


def test_read_12_sample() -> None:
    pairs = list(xliff.read(SAMPLE12))
    assert [p.id for p in pairs] == ["title", "body-1", "body-2"]  # <group> nesting is read
    assert [p.line for p in pairs] == [7, 13, 17]
    # <g> text kept, <g> and <x/> are tokens
    assert plain(pairs[0].source, pairs[0]) == "A delegation from Shanxi visited."
    assert plain(pairs[0].target, pairs[0]) == "一个陕西代表团来访。"
    assert len(pairs[0].source) == len("A delegation from Shanxi visited.") + 3
    assert pairs[1].source == "Revenue rose 5% & more <fast>"  # CDATA
    assert pairs[1].target == "收入增长5%以上"
    assert plain(pairs[2].source, pairs[2]) == "Jincheng city Taiyuan"  # <bpt>/<ept>, <mrk>: tokens
    assert pairs[2].target == ""  # no <target>
    meta = [p.meta for p in pairs]
    assert [m["state"] for m in meta] == ["translated", "needs-review-translation", None]
    assert meta[0]["notes"] == ["check place names"] and meta[1]["notes"] == []
    assert meta[0]["xliff_version"] == "1.2" and meta[0]["file_original"] == "shanxi.html"
    assert (meta[0]["src_lang_tag"], meta[0]["tgt_lang_tag"]) == ("en-US", "zh-CN")
    assert meta[0]["tgt_seg_xml"] == '一个<g id="1">陕西</g>代表团来访<x id="2"/>。'
    assert meta[2]["tgt_seg_xml"] is None


def test_read_21_sample() -> None:
    pairs = list(xliff.read(SAMPLE21))
    # u2 has two segments (and an <ignorable> between them, which is not a pair)
    assert [p.id for p in pairs] == ["u1", "u2#a", "u2#b", "u3"]
    assert [p.index for p in pairs] == [0, 1, 2, 3]
    assert [plain(p.source, p) for p in pairs] == [
        "A delegation from Shanxi visited.",
        "Jincheng is a city.",
        'It has 1 < 2 & "x".',
        "Taiyuan bold TZ",
    ]
    assert [plain(p.target, p) for p in pairs] == [
        "一个陕西代表团来访。",
        "金城是一个城市。",
        "",
        "太原粗体 TZ",
    ]
    assert [p.meta["state"] for p in pairs] == ["translated", "initial", None, "final"]
    assert pairs[0].meta["notes"] == ["page title"]
    assert [p.meta["segment_id"] for p in pairs] == ["s1", "a", "b", None]
    assert pairs[1].meta["unit_id"] == "u2" and pairs[1].meta["segment_count"] == 2
    assert pairs[0].meta["xliff_version"] == "2.1" and pairs[0].meta["tgt_lang_tag"] == "zh-Hans"
    assert (
        pairs[0].meta["src_seg_xml"]
        == 'A delegation from <pc id="1">Shanxi</pc> visited<ph id="2"/>.'
    )
    assert [p.line for p in pairs] == [8, 14, 21, 27]


def test_unnamed_segments_are_numbered(tmp_path: Path) -> None:
    units = (
        '<unit id="u"><segment><source>One.</source></segment>'
        "<segment><source>Two.</source><target>二。</target></segment></unit>"
    )
    pairs = list(xliff.read(xlf2(tmp_path, units)))
    assert [(p.id, p.target) for p in pairs] == [("u#1", ""), ("u#2", "二。")]


@pytest.mark.parametrize(
    ("inline", "text"),
    [
        ('a<g id="1">b<x id="2"/>c</g>d', "abcd"),
        ('a<bx id="1"/>b<ex id="1"/>c', "abc"),
        ('a<ph id="1">&lt;br&gt;</ph>b', "ab"),
        ('<bpt id="1">&lt;b&gt;</bpt>x<ept id="1">&lt;/b&gt;</ept>', "x"),
        ('a<it id="1" pos="open">&lt;i&gt;</it>b', "ab"),
        ('<mrk mtype="protected">Jincheng</mrk> city', "Jincheng city"),
        ('a<ph id="1">&lt;img alt="<sub>Logo</sub>"&gt;</ph>b', "ab"),  # <sub> is in the code
        ("<![CDATA[a < b]]> &amp; c", "a < b & c"),
    ],
)
def test_inline_12(tmp_path: Path, inline: str, text: str) -> None:
    unit = f'<trans-unit id="1"><source>{inline}</source><target>{inline}</target></trans-unit>'
    (pair,) = xliff.read(xlf12(tmp_path, unit))
    assert (plain(pair.source, pair), plain(pair.target, pair)) == (text, text)
    assert pair.source == pair.target  # the same codes get the same tokens


@pytest.mark.parametrize(
    ("inline", "text"),
    [
        ('a<pc id="1">b<ph id="2"/>c</pc>d', "abcd"),
        ('a<sc id="1"/>b<ec startRef="1"/>c', "abc"),
        ('<mrk id="m" translate="no">TZ</mrk> rules', "TZ rules"),
        ('a<sm id="m"/>b<em startRef="m"/>c', "abc"),
        ('x<cp hex="0001"/>y', "x\x01y"),
        ("<![CDATA[1 < 2]]>", "1 < 2"),
    ],
)
def test_inline_2(tmp_path: Path, inline: str, text: str) -> None:
    unit = (
        f'<unit id="1"><segment><source>{inline}</source><target>{inline}</target></segment></unit>'
    )
    (pair,) = xliff.read(xlf2(tmp_path, unit))
    assert (plain(pair.source, pair), plain(pair.target, pair)) == (text, text)
    assert pair.source == pair.target  # the same codes get the same tokens


# --------------------------------------------------------------------------- versions, languages


@pytest.mark.parametrize(
    ("root", "major"),
    [
        ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">', 1),
        ('<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1">', 1),
        ('<xliff version="1.2">', 1),  # no namespace: the version attribute decides
        ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en">', 2),
        ('<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en">', 2),
    ],
)
def test_version_detection(tmp_path: Path, root: str, major: int) -> None:
    body = (
        '<file source-language="en"><body><trans-unit id="a"><source>s</source></trans-unit></body></file>'
        if major == 1
        else '<file id="f"><unit id="a"><segment><source>s</source></segment></unit></file>'
    )
    path = tmp_path / "v.xlf"
    path.write_text(f'<?xml version="1.0"?>\n{root}{body}</xliff>', encoding="utf-8")
    (pair,) = xliff.read(path)
    assert pair.id == "a" and pair.source == "s"
    assert pair.meta["xliff_version"].startswith(f"{major}.")


@pytest.mark.parametrize(
    ("root", "fragment"),
    [
        ('<xliff version="1.2" xmlns="urn:example:other">', "unknown XLIFF version"),
        ('<xliff version="3.0">', "unknown XLIFF version"),
        ("<xliff>", "unknown XLIFF version"),
        ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:1.2">', "version='2.0'"),
        ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:2.0">', "version='1.2'"),
        ('<tmx version="1.4">', "not an XLIFF file"),
    ],
)
def test_unknown_versions_are_refused(tmp_path: Path, root: str, fragment: str) -> None:
    path = tmp_path / "v.xlf"
    end = "</tmx>" if root.startswith("<tmx") else "</xliff>"
    path.write_text(f'<?xml version="1.0"?>\n{root}{end}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(xliff.read(path))
    assert fragment in info.value.message
    assert info.value.line == 2


@pytest.mark.parametrize("make", ["12", "2"])
def test_reversed_languages_are_named(tmp_path: Path, make: str) -> None:
    if make == "12":
        path = xlf12(
            tmp_path,
            '<trans-unit id="a"><source>山西</source></trans-unit>',
            src="zh-CN",
            tgt="en-US",
        )
    else:
        path = xlf2(
            tmp_path,
            '<unit id="a"><segment><source>山西</source></segment></unit>',
            src="zh-CN",
            tgt="en",
        )
    with pytest.raises(InputError) as info:
        list(xliff.read(path))
    message = info.value.message
    assert "reverse" in message and "--source-lang zh --target-lang en" in message
    # and the same file reads fine in its own direction
    (pair,) = xliff.read(path, ReadOptions(src_lang="zh", tgt_lang="en"))
    assert pair.source == "山西"


@pytest.mark.parametrize(
    ("src", "tgt", "ok", "fragment"),
    [
        ("en-US", "zh-CN", True, ""),
        ("EN", "zh_TW", True, ""),
        ("en-GB", "zh-Hans", True, ""),
        ("en", "fr", False, "target language is 'fr'"),
        ("de", "zh", False, "source language is 'de'"),
    ],
)
def test_language_check(tmp_path: Path, src: str, tgt: str, ok: bool, fragment: str) -> None:
    path = xlf12(tmp_path, '<trans-unit id="a"><source>x</source></trans-unit>', src=src, tgt=tgt)
    if ok:
        assert [p.id for p in xliff.read(path)] == ["a"]
    else:
        with pytest.raises(InputError) as info:
            list(xliff.read(path))
        assert fragment in info.value.message
        assert info.value.line == 3  # the <file> element


@pytest.mark.parametrize(
    ("units", "line", "fragment"),
    [
        ('<trans-unit id="a">\n<target>x</target></trans-unit>', 4, "has no <source>"),
        ('\n\n<trans-unit id="a"><source>x</trans-unit>', 6, "not well-formed XML"),
        (
            '<trans-unit id="a"><source>&eacute;</source></trans-unit>',
            4,
            "Entity 'eacute' not defined",
        ),
    ],
)
def test_malformed_12(tmp_path: Path, units: str, line: int, fragment: str) -> None:
    path = xlf12(tmp_path, units)
    with pytest.raises(InputError) as info:
        list(xliff.read(path))
    assert fragment in info.value.message
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_malformed_2(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no <segment>") as info:
        list(xliff.read(xlf2(tmp_path, '\n<unit id="u"><notes/></unit>')))
    assert info.value.line == 5
    with pytest.raises(InputError, match="has no <source>"):
        list(
            xliff.read(xlf2(tmp_path, '<unit id="u"><segment><target>x</target></segment></unit>'))
        )


def test_truncated_and_empty_files(tmp_path: Path) -> None:
    full = SAMPLE21.read_text(encoding="utf-8")
    cut = tmp_path / "cut.xlf"
    cut.write_text(full[: full.index('<unit id="u2">') + 20], encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed XML") as info:
        list(xliff.read(cut))
    assert info.value.line is not None and info.value.line >= 13
    empty = tmp_path / "empty.xlf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(xliff.read(empty))
    no_units = xlf12(tmp_path, "")
    with pytest.raises(InputError, match="no <trans-unit>"):
        list(xliff.read(no_units))


def test_billion_laughs_and_external_entity_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    laughs = (
        '<!DOCTYPE xliff [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        ' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"> ]>\n'
    )
    xxe = f'<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n'
    for prolog, ref in ((laughs, "&d;"), (xxe, "&xxe;")):
        path = xlf12(
            tmp_path, f'<trans-unit id="a"><source>x {ref} y</source></trans-unit>', prolog=prolog
        )
        with pytest.raises(InputError) as info:
            list(xliff.read(path))
        assert "entit" in info.value.message
        assert "TOP-SECRET" not in str(info.value) and "aaaaaaaaaaaaaaaaaaaa" not in str(info.value)
        with pytest.raises(InputError):
            xliff.write_patched(path, tmp_path / "out.xlf", {0: "x"})
        assert not (tmp_path / "out.xlf").exists()


# --------------------------------------------------------------------------- write_new


PAIRS = [
    Pair(
        "p1", 'x < y & "z" > w', "甲 < 乙 & “丙”", doc="a.tsv", index=0, meta={"notes": ["a & b"]}
    ),
    Pair("p2", "  spaces kept  ", "", doc="a.tsv", index=1),
    Pair("p1", "duplicate id", "重复", doc="a.tsv", index=2),
    Pair("q 1", "other doc", "别的文件", doc="b.tsv", index=0),
]


@pytest.mark.parametrize("version", ["2.1", "2.0", "1.2"])
def test_write_new_round_trip(tmp_path: Path, version: str) -> None:
    out = tmp_path / "new.xlf"
    assert xliff.write_new(out, PAIRS, version=version, src_lang="en", tgt_lang="zh") == 4
    back = list(xliff.read(out))
    assert [(p.source, p.target) for p in back] == [(p.source, p.target) for p in PAIRS]
    if version == "1.2":
        assert [p.id for p in back] == ["p1", "p2", "p1-2", "q 1"]
    else:  # NMTOKEN ids: a space becomes "_"
        assert [p.id for p in back] == ["p1", "p2", "p1-2", "q_1"]
    assert back[0].meta["notes"] == ["a & b"]
    assert back[1].meta["tgt_seg_xml"] is None  # empty target left out
    assert back[0].meta["state"] == "translated"
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == version
    files = [f for f in root if xs.local(f.tag) == "file"]
    assert [f.get("original") for f in files] == ["a.tsv", "b.tsv"]  # one <file> per document
    # units inherit the root's namespace instead of repeating xmlns on each
    assert out.read_text(encoding="utf-8").count("xmlns=") == 1


def test_write_new_regroups_segments_and_keeps_inline_markup(tmp_path: Path) -> None:
    out = tmp_path / "copy.xlf"
    xliff.write_new(out, xliff.read(SAMPLE21), version="2.1")
    original, back = list(xliff.read(SAMPLE21)), list(xliff.read(out))
    assert [p.id for p in back] == ["u1", "u2#a", "u2#b", "u3"]
    for key in ("src_seg_xml", "tgt_seg_xml", "state", "notes", "segment_id"):
        assert [p.meta[key] for p in back] == [p.meta[key] for p in original], key


def test_write_new_12_from_12_keeps_markup_and_state(tmp_path: Path) -> None:
    out = tmp_path / "copy12.xlf"
    xliff.write_new(out, xliff.read(SAMPLE12), version="1.2", tgt_lang="zh-CN")
    original, back = list(xliff.read(SAMPLE12)), list(xliff.read(out))
    for key in ("src_seg_xml", "tgt_seg_xml", "state", "notes"):
        assert [p.meta[key] for p in back] == [p.meta[key] for p in original], key


def test_write_new_keeps_markup_when_text_changed(tmp_path: Path) -> None:
    first = next(iter(xliff.read(SAMPLE21)))
    # a plain-text change inside one run keeps the markup (no token: the old rule)
    fixed = Pair(first.id, first.source, "一个山西代表团来访。", meta=first.meta)
    out = tmp_path / "fixed.xlf"
    xliff.write_new(out, [fixed])
    (back,) = xliff.read(out)
    assert plain(back.target, back) == "一个山西代表团来访。"
    assert back.meta["tgt_seg_xml"] == first.meta["tgt_seg_xml"].replace("陕西", "山西")
    # a change with tokens puts each code where its token stands
    fixed = Pair(first.id, first.source, first.target.replace("陕西", "山西"), meta=first.meta)
    xliff.write_new(out, [fixed])
    (back,) = xliff.read(out)
    assert back.meta["tgt_seg_xml"] == first.meta["tgt_seg_xml"].replace("陕西", "山西")
    assert "<pc" in back.meta["src_seg_xml"]


def test_write_new_refuses_bad_version_and_control_characters(tmp_path: Path) -> None:
    with pytest.raises(TransreviewError, match="unsupported XLIFF version"):
        xliff.write_new(tmp_path / "x.xlf", PAIRS, version="1.1")
    with pytest.raises(TransreviewError, match="U\\+0000"):
        xliff.write_new(tmp_path / "x.xlf", [Pair("a", "nul\x00", "")])
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- write_patched


@pytest.mark.parametrize("sample", [SAMPLE12, SAMPLE21])
def test_patch_with_no_change_is_c14n_equal(tmp_path: Path, sample: Path) -> None:
    out = tmp_path / "same.xlf"
    assert xliff.write_patched(sample, out, {})["changed"] == 0
    assert c14n_file(out) == c14n_file(sample)
    same_text = {p.index: p.target for p in xliff.read(sample) if p.target}
    assert xliff.write_patched(sample, out, same_text)["changed"] == 0
    assert c14n_file(out) == c14n_file(sample)  # equal text: no state change either


def _units12(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter(f"{N12}trans-unit"))


def _units2(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter(f"{N20}unit"))


def test_patch_12_changes_exactly_one_target(tmp_path: Path) -> None:
    out = tmp_path / "fixed.xlf"
    stats = xliff.write_patched(SAMPLE12, out, {0: "一个山西代表团来访。"})
    assert stats == {"changed": 1, "flattened": 0, "created": 0, "notes": 0}
    before, after = _units12(SAMPLE12), _units12(out)
    assert [c14n(u) for u in before[1:]] == [c14n(u) for u in after[1:]]
    old_t, new_t = before[0].find(f"{N12}target"), after[0].find(f"{N12}target")
    assert new_t.get("state") == "signed-off" and old_t.get("state") == "translated"
    assert xs.inner_xml(new_t) == '一个<g id="1">山西</g>代表团来访<x id="2"/>。'  # markup kept
    for tag in ("source", "note"):
        assert c14n(before[0].find(f"{N12}{tag}")) == c14n(after[0].find(f"{N12}{tag}"))
    assert dict(before[0].attrib) == dict(after[0].attrib)
    # outside the units: header and comment unchanged
    b_root, a_root = etree.parse(str(SAMPLE12)).getroot(), etree.parse(str(out)).getroot()
    for unit in list(b_root.iter(f"{N12}trans-unit")) + list(a_root.iter(f"{N12}trans-unit")):
        unit.getparent().remove(unit)
    assert c14n(b_root) == c14n(a_root)


def test_patch_2_changes_exactly_one_segment(tmp_path: Path) -> None:
    out = tmp_path / "fixed.xlf"
    stats = xliff.write_patched(SAMPLE21, out, {1: "晋城是一个城市。"})
    assert stats == {"changed": 1, "flattened": 0, "created": 0, "notes": 0}
    before, after = _units2(SAMPLE21), _units2(out)
    assert c14n(before[0]) == c14n(after[0]) and c14n(before[2]) == c14n(after[2])
    b_segs = before[1].findall(f"{N20}segment")
    a_segs = after[1].findall(f"{N20}segment")
    assert c14n(b_segs[1]) == c14n(a_segs[1])  # the other segment of the same unit
    assert a_segs[0].get("state") == "reviewed" and b_segs[0].get("state") == "initial"
    assert a_segs[0].find(f"{N20}target").text == "晋城是一个城市。"
    assert c14n(b_segs[0].find(f"{N20}source")) == c14n(a_segs[0].find(f"{N20}source"))
    assert [plain(p.target, p) for p in xliff.read(out)] == [
        "一个陕西代表团来访。",
        "晋城是一个城市。",
        "",
        "太原粗体 TZ",
    ]


def test_patch_creates_targets_adds_notes_and_custom_state(tmp_path: Path) -> None:
    out12, out2 = tmp_path / "a.xlf", tmp_path / "b.xlf"
    s12 = xliff.write_patched(
        SAMPLE12, out12, {2: "晋城市 太原"}, notes={2: ["new"], 0: ["ok"]}, state="final"
    )
    assert s12 == {"changed": 1, "flattened": 0, "created": 1, "notes": 2}
    unit = _units12(out12)[2]
    children = [xs.local(c.tag) for c in unit if isinstance(c.tag, str)]
    assert children == ["source", "target", "note"]  # target right after source, note after
    assert unit.find(f"{N12}target").get("state") == "final"
    assert unit.find(f"{N12}note").get("from") == "transreview"
    assert [n.text for n in _units12(out12)[0].findall(f"{N12}note")] == ["check place names", "ok"]

    s2 = xliff.write_patched(
        SAMPLE21, out2, {2: "它有 1 < 2。"}, notes={1: ["unit note"], 0: ["again"]}
    )
    assert s2 == {"changed": 1, "flattened": 0, "created": 1, "notes": 2}
    u2 = _units2(out2)[1]
    assert [xs.local(c.tag) for c in u2 if isinstance(c.tag, str)] == [
        "notes",
        "segment",
        "ignorable",
        "segment",
    ]
    note = u2.find(f"{N20}notes/{N20}note")
    assert (note.get("category"), note.text) == ("transreview", "unit note")
    seg_b = u2.findall(f"{N20}segment")[1]
    assert seg_b.get("state") == "reviewed"
    assert [xs.local(c.tag) for c in seg_b if isinstance(c.tag, str)] == ["source", "target"]
    u1_notes = _units2(out2)[0].find(f"{N20}notes")
    assert [(n.get("category"), n.text) for n in u1_notes] == [
        ("context", "page title"),
        ("transreview", "again"),
    ]
    back = list(xliff.read(out2))
    assert back[2].target == "它有 1 < 2。" and back[1].meta["notes"] == ["unit note"]
    # new elements are in the XLIFF namespace without a redeclaration
    assert out2.read_text(encoding="utf-8").count("xmlns=") == 1


def test_patch_flattens_only_when_markup_cannot_be_kept(tmp_path: Path) -> None:
    out = tmp_path / "flat.xlf"
    stats = xliff.write_patched(SAMPLE21, out, {3: "完全不同"})
    assert stats["flattened"] == 1
    target = _units2(out)[2].find(f"{N20}segment/{N20}target")
    assert len(target) == 0 and target.text == "完全不同"


def test_patch_rejects_unknown_positions(tmp_path: Path) -> None:
    with pytest.raises(TransreviewError, match="position 4"):
        xliff.write_patched(SAMPLE21, tmp_path / "o.xlf", {4: "x"})
    assert not (tmp_path / "o.xlf").exists()
