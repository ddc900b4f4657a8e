"""TMX reading, writing and patching; the shared safe-XML helpers they rest on."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from transreview import codes
from transreview.errors import InputError, TransreviewError
from transreview.formats import ReadOptions, tmx
from transreview.formats import xmlsafe as xs
from transreview.model import Pair


def plain(text: str, pair: Pair) -> str:
    """The text without its code tokens (what the reader gave before codes were tokens)."""
    return codes.strip(text, codes.table_of(pair.meta))

DATA = Path(__file__).resolve().parents[1] / "data" / "xml"
SAMPLE = DATA / "sample.tmx"


def tmx_file(tmp_path: Path, body: str, *, name: str = "t.tmx", prolog: str = "") -> Path:
    """A TMX file whose <body> is ``body``; ``prolog`` goes before the root (a DOCTYPE)."""
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + prolog
        + '<tmx version="1.4">\n<header srclang="en" segtype="sentence"/>\n<body>\n'
        + body
        + "\n</body>\n</tmx>\n",
        encoding="utf-8",
    )
    return path


def tu(en: str | None, zh: str | None, *, tuid: str | None = None, zh_tag: str = "zh-CN") -> str:
    attrs = f' tuid="{tuid}"' if tuid else ""
    parts = []
    if en is not None:
        parts.append(f'<tuv xml:lang="en"><seg>{en}</seg></tuv>')
    if zh is not None:
        parts.append(f'<tuv xml:lang="{zh_tag}"><seg>{zh}</seg></tuv>')
    return f"<tu{attrs}>{''.join(parts)}</tu>"


def c14n(node: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(node, method="c14n")


def c14n_file(path: Path) -> bytes:
    return c14n(etree.parse(str(path)))


# --------------------------------------------------------------------------- reading


def test_read_sample_ids_text_and_lines() -> None:
    pairs = list(tmx.read(SAMPLE))
    assert [p.id for p in pairs] == ["t1", "2", "t3"]  # the second <tu> has no tuid
    assert [p.index for p in pairs] == [0, 1, 2]
    assert [p.line for p in pairs] == [7, 15, 18]
    assert plain(pairs[0].source, pairs[0]) == "A delegation from Shanxi visited."
    assert plain(pairs[0].target, pairs[0]) == "一个陕西代表团来访。"
    # <hi> keeps its text, <ph> native code is a token, &amp; is one character
    assert plain(pairs[1].source, pairs[1]) == "Jincheng city & Taiyuan"
    assert pairs[1].target == ""  # no zh variant: untranslated
    # CDATA reads as text
    assert pairs[2].source == '5 < 6 & "quotes"'
    assert pairs[2].target == "5 < 6"  # zh_CN is zh
    assert all(p.doc == "sample.tmx" and p.src_lang == "en" and p.tgt_lang == "zh" for p in pairs)


def test_read_sample_meta_for_round_trip() -> None:
    first = next(iter(tmx.read(SAMPLE)))
    meta = first.meta
    assert meta["tuid"] == "t1"
    assert meta["tu_attrs"] == {"tuid": "t1", "creationdate": "20160101T000000Z"}
    assert meta["props"] == [("x-domain", "government")]
    assert meta["notes"] == ["delegation page"]
    assert meta["src_lang_tag"] == "en-US" and meta["tgt_lang_tag"] == "zh-CN"
    assert meta["tgt_seg_xml"] == (
        '一个<bpt i="1">&lt;b&gt;</bpt>陕西<ept i="1">&lt;/b&gt;</ept>代表团来访。'
    )
    assert meta["other_tuvs"] == [
        '<tuv xml:lang="fr-FR"><seg>Une délégation du Shanxi.</seg></tuv>'
    ]


@pytest.mark.parametrize(
    ("tag", "want", "expected"),
    [
        ("en", "en", True),
        ("en-US", "en", True),
        ("EN-GB", "en", True),
        ("en_us", "en", True),
        ("zh", "zh", True),
        ("zh-CN", "zh", True),
        ("zh-Hans", "zh", True),
        ("zh-TW", "zh", True),
        ("zh_CN", "zh", True),
        ("ZH-hant-HK", "zh", True),
        ("zh-CN", "zh-TW", True),  # base language decides, not the region
        ("fr", "en", False),
        ("eng", "en", False),
        ("en", "zh", False),
        ("zh-CN", "en", False),
        ("ja", "zh", False),
        ("", "en", False),
        (None, "en", False),
    ],
)
def test_lang_matches(tag: str | None, want: str, expected: bool) -> None:
    assert xs.lang_matches(tag, want) is expected


@pytest.mark.parametrize(
    ("en_tag", "zh_tag"),
    [("en", "zh"), ("en-US", "zh-CN"), ("EN-GB", "zh-Hans"), ("en_US", "zh_TW"), ("En", "ZH")],
)
def test_variants_of_both_languages_are_read(tmp_path: Path, en_tag: str, zh_tag: str) -> None:
    body = (
        f'<tu><tuv xml:lang="fr"><seg>bonjour</seg></tuv>'
        f'<tuv xml:lang="{zh_tag}"><seg>你好</seg></tuv>'
        f'<tuv xml:lang="{en_tag}"><seg>hello</seg></tuv></tu>'
    )
    (pair,) = tmx.read(tmx_file(tmp_path, body))
    assert (pair.source, pair.target) == ("hello", "你好")
    assert (pair.meta["src_lang_tag"], pair.meta["tgt_lang_tag"]) == (en_tag, zh_tag)


def test_legacy_lang_attribute_is_read(tmp_path: Path) -> None:
    body = '<tu><tuv lang="EN-US"><seg>hi</seg></tuv><tuv lang="ZH-CN"><seg>嗨</seg></tuv></tu>'
    (pair,) = tmx.read(tmx_file(tmp_path, body))
    assert (pair.source, pair.target) == ("hi", "嗨")


def test_exact_tag_wins_over_base_language(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="en"><seg>colour</seg></tuv>'
        '<tuv xml:lang="zh-TW"><seg>顏色</seg></tuv><tuv xml:lang="zh-CN"><seg>颜色</seg></tuv></tu>'
    )
    path = tmx_file(tmp_path, body)
    assert next(iter(tmx.read(path))).target == "顏色"  # "zh": first Chinese variant
    assert next(iter(tmx.read(path, ReadOptions("en", "zh-CN")))).target == "颜色"


def test_reverse_direction_swaps_sides(tmp_path: Path) -> None:
    path = tmx_file(tmp_path, tu("Shanxi", "山西", tuid="a"))
    (pair,) = tmx.read(path, ReadOptions(src_lang="zh", tgt_lang="en"))
    assert (pair.source, pair.target, pair.src_lang, pair.tgt_lang) == (
        "山西",
        "Shanxi",
        "zh",
        "en",
    )


@pytest.mark.parametrize(
    ("seg", "text"),
    [
        ('a<ph x="1">&lt;br/&gt;</ph>b', "ab"),
        ('<bpt i="1">&lt;i&gt;</bpt>x<ept i="1">&lt;/i&gt;</ept> y', "x y"),
        ('a<it pos="begin">&lt;b&gt;</it>b', "ab"),
        ("a<ut>{\\b}</ut>b", "ab"),
        ('<hi type="b">bold</hi> text', "bold text"),
        ('a<ph>&lt;img alt="<sub>Logo</sub>"/&gt;</ph>b', "ab"),  # <sub> is in the code
        ("<![CDATA[1 < 2 & <b>]]>", "1 < 2 & <b>"),
        ("R&amp;D &#x5C71;&#35199;", "R&D 山西"),
        ("  spaced  ", "  spaced  "),
        ("", ""),
    ],
)
def test_inline_markup_text(tmp_path: Path, seg: str, text: str) -> None:
    (pair,) = tmx.read(tmx_file(tmp_path, tu(seg, "中文")))
    assert plain(pair.source, pair) == text


def test_missing_target_variant_gives_empty_target(tmp_path: Path) -> None:
    path = tmx_file(tmp_path, tu("only English", None, tuid="x") + tu("both", "都有", tuid="y"))
    pairs = list(tmx.read(path))
    assert [(p.id, p.target) for p in pairs] == [("x", ""), ("y", "都有")]
    assert pairs[0].meta["tgt_seg_xml"] is None


def test_no_tu_with_target_language_names_languages_found(tmp_path: Path) -> None:
    body = (
        '<tu><tuv xml:lang="en-US"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>'
        '<tu><tuv xml:lang="de"><seg>c</seg></tuv></tu>'
    )
    with pytest.raises(InputError) as info:
        list(tmx.read(tmx_file(tmp_path, body)))
    message = str(info.value)
    assert "'zh'" in message and "target" in message
    assert "en-US" in message and "fr" in message and "de" in message


def test_missing_target_error_comes_before_any_pair(tmp_path: Path) -> None:
    """A file without the target language fails before yielding, so nothing half-written."""
    path = tmx_file(tmp_path, tu("a", None) + tu("b", None))
    pairs = tmx.read(path)
    with pytest.raises(InputError):
        next(iter(pairs))


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("<tu>\n</tu>", 5, "<tu> has no <tuv>"),
        ("<tu>\n<tuv><seg>x</seg></tuv></tu>", 6, "no xml:lang"),
        ('<tu><tuv xml:lang="en">\n</tuv></tu>', 5, "has no <seg>"),
        ('<tu><tuv xml:lang="en"><seg>x</tuv></tu>', 5, "not well-formed XML"),
        ("<tu>&nbsp;</tu>", 5, "Entity 'nbsp' not defined"),
        ("<tu>R&D</tu>", 5, "not well-formed XML"),
    ],
)
def test_malformed_units_are_located(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    path = tmx_file(tmp_path, body)
    with pytest.raises(InputError) as info:
        list(tmx.read(path))
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            '<?xml version="1.0"?>\n<tmx version="1.4"><body>\n<tu><tuv xml:lang="en">',
            "Premature end",
        ),
        ("", "the file is empty"),
        ('<?xml version="1.0"?>\n<TMX version="1.4"><body/></TMX>', "expected <tmx>"),
        (
            '<?xml version="1.0"?>\n<tmx xmlns="urn:x" version="1.4"><body/></tmx>',
            "namespace urn:x",
        ),
        ('<?xml version="1.0"?>\n<xliff version="1.2"/>', "not a TMX file"),
        ('<?xml version="1.0"?>\n<tmx version="2.0"><body/></tmx>', "unsupported TMX version"),
        ('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>', "no <tu>"),
        ("not xml at all", "not well-formed XML"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(tmx.read(path))
    assert fragment in info.value.message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        list(tmx.read(tmp_path / "nope.tmx"))


def test_utf16_file_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "w.tmx"
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><body>'
        + tu("Jincheng", "晋城")
        + "</body></tmx>"
    )
    path.write_bytes(xml.encode("utf-16"))
    (pair,) = tmx.read(path)
    assert (pair.source, pair.target) == ("Jincheng", "晋城")


# --------------------------------------------------------------------------- hostile input

BILLION_LAUGHS = """<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def test_billion_laughs_is_refused_not_expanded(tmp_path: Path) -> None:
    path = tmx_file(tmp_path, tu("&lol9;", "笑"), prolog=BILLION_LAUGHS)
    with pytest.raises(InputError) as info:
        list(tmx.read(path))
    assert "entit" in info.value.message
    assert "lollol" not in str(info.value)
    with pytest.raises(InputError):
        tmx.write_patched(path, tmp_path / "out.tmx", {0: "x"})
    assert not (tmp_path / "out.tmx").exists()


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n',
        '<!DOCTYPE tmx [ <!ENTITY % p SYSTEM "file://{secret}"> %p; ]>\n',
    ],
)
def test_external_entity_is_never_read(tmp_path: Path, prolog: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    path = tmx_file(tmp_path, tu("a &xxe; b", "甲"), prolog=prolog.format(secret=secret))
    with pytest.raises(InputError) as info:
        list(tmx.read(path))
    assert "TOP-SECRET" not in str(info.value)


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    """A DOCTYPE naming a local file as its DTD is harmless: the DTD is never read."""
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOP-SECRET-4711">', encoding="utf-8")
    path = tmx_file(
        tmp_path, tu("plain", "纯文本"), prolog=f'<!DOCTYPE tmx SYSTEM "file://{secret}">\n'
    )
    (pair,) = tmx.read(path)
    assert (pair.source, pair.target) == ("plain", "纯文本")
    path2 = tmx_file(
        tmp_path,
        tu("x &leak; y", "乙"),
        name="u.tmx",
        prolog=f'<!DOCTYPE tmx SYSTEM "file://{secret}">\n',
    )
    with pytest.raises(InputError) as info:
        list(tmx.read(path2))
    assert "TOP-SECRET" not in str(info.value)


# --------------------------------------------------------------------------- write_new


def test_write_new_round_trip(tmp_path: Path) -> None:
    pairs = [
        Pair("p1", 'x < y & "z" > w', "甲 < 乙 & “丙”", doc="a.tsv", index=0),
        Pair("p 2/β", "  leading and trailing  ", "", doc="a.tsv", index=1),
        Pair(
            "p3",
            "emoji 🙂 and \t tab",
            "表情 🙂",
            doc="a.tsv",
            index=2,
            meta={"notes": ["see & check"]},
        ),
    ]
    out = tmp_path / "new.tmx"
    assert tmx.write_new(out, pairs, src_lang="en", tgt_lang="zh") == 3
    back = list(tmx.read(out))
    assert [(p.id, p.source, p.target) for p in back] == [(p.id, p.source, p.target) for p in pairs]
    assert back[1].meta["tgt_seg_xml"] is None  # an empty target is left out, not written empty
    assert back[2].meta["notes"] == ["see & check"]
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "en"
    assert [t.get(xs.XML_LANG) for t in root.iter("tuv")] == ["en", "zh", "en", "en", "zh"]


def test_write_new_keeps_tmx_details_from_tmx_pairs(tmp_path: Path) -> None:
    out = tmp_path / "copy.tmx"
    tmx.write_new(out, tmx.read(SAMPLE))
    first = next(iter(tmx.read(out)))
    original = next(iter(tmx.read(SAMPLE)))
    for key in ("props", "notes", "other_tuvs", "src_seg_xml", "tgt_seg_xml"):
        assert first.meta[key] == original.meta[key], key
    # one spelling per file, the caller's, so tools matching srclang exactly find the source
    assert (first.meta["src_lang_tag"], first.meta["tgt_lang_tag"]) == ("en", "zh")
    assert original.meta["src_lang_tag"] == "en-US"
    assert first.meta["tu_attrs"]["creationdate"] == "20160101T000000Z"


def test_write_new_keeps_inline_codes_when_text_changed(tmp_path: Path) -> None:
    original = next(iter(tmx.read(SAMPLE)))
    fixed = Pair(original.id, original.source, "一个山西代表团来访。", meta=original.meta)
    out = tmp_path / "fixed.tmx"
    tmx.write_new(out, [fixed])
    back = next(iter(tmx.read(out)))
    assert plain(back.target, back) == "一个山西代表团来访。"
    # the change fell inside one run of text: the codes stay where they were
    assert back.meta["tgt_seg_xml"] == original.meta["tgt_seg_xml"].replace("陕西", "山西")
    assert "<bpt" in back.meta["src_seg_xml"]  # untouched source keeps its codes


def test_write_new_refuses_control_characters_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "bad.tmx"
    with pytest.raises(TransreviewError, match="U\\+0001"):
        tmx.write_new(out, [Pair("ok", "fine", "好"), Pair("bad", "a\x01b", "乙")])
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file


# --------------------------------------------------------------------------- write_patched


def test_patch_with_no_change_is_c14n_equal(tmp_path: Path) -> None:
    out = tmp_path / "same.tmx"
    stats = tmx.write_patched(SAMPLE, out, {})
    assert stats == {"changed": 0, "flattened": 0, "created": 0, "notes": 0}
    assert c14n_file(out) == c14n_file(SAMPLE)
    text = out.read_text(encoding="utf-8")
    assert "<!DOCTYPE tmx" in text and "<?cat-tool" in text and "<![CDATA[" in text


def test_patch_with_same_text_leaves_the_unit_untouched(tmp_path: Path) -> None:
    out = tmp_path / "same.tmx"
    stats = tmx.write_patched(SAMPLE, out, {0: "一个陕西代表团来访。", 2: "5 < 6"})
    assert stats["changed"] == 0
    assert c14n_file(out) == c14n_file(SAMPLE)


def _tus(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter("tu"))


def test_patch_changes_exactly_one_target(tmp_path: Path) -> None:
    out = tmp_path / "fixed.tmx"
    stats = tmx.write_patched(SAMPLE, out, {0: "一个山西代表团来访。"})
    assert stats == {"changed": 1, "flattened": 0, "created": 0, "notes": 0}
    before, after = _tus(SAMPLE), _tus(out)
    assert len(before) == len(after) == 3
    assert [c14n(t) for t in before[1:]] == [c14n(t) for t in after[1:]]
    # in the changed unit, everything but the zh <seg> is identical
    old_tuvs, new_tuvs = before[0].findall("tuv"), after[0].findall("tuv")
    assert c14n(old_tuvs[0]) == c14n(new_tuvs[0]) and c14n(old_tuvs[2]) == c14n(new_tuvs[2])
    assert [c14n(e) for e in before[0] if e.tag != "tuv"] == [
        c14n(e) for e in after[0] if e.tag != "tuv"
    ]
    assert dict(before[0].attrib) == dict(after[0].attrib)
    # the edit fell inside one run of text, so the <bpt>/<ept> codes survive
    seg = new_tuvs[1].find("seg")
    assert (
        xs.inner_xml(seg)
        == '一个<bpt i="1">&lt;b&gt;</bpt>山西<ept i="1">&lt;/b&gt;</ept>代表团来访。'
    )
    assert [plain(p.target, p) for p in tmx.read(out)] == ["一个山西代表团来访。", "", "5 < 6"]


def test_patch_creates_missing_target_and_adds_notes(tmp_path: Path) -> None:
    out = tmp_path / "fixed.tmx"
    stats = tmx.write_patched(
        SAMPLE, out, {1: "晋城市和太原"}, notes={1: ["translated by reviewer"]}
    )
    assert stats == {"changed": 1, "flattened": 0, "created": 1, "notes": 1}
    after = _tus(out)[1]
    tuvs = after.findall("tuv")
    assert [t.get("lang") for t in tuvs] == ["EN-GB", "zh-CN"]  # legacy attribute, file's spelling
    assert tuvs[1].find("seg").text == "晋城市和太原"
    assert [n.text for n in after.findall("note")] == ["translated by reviewer"]
    assert list(after).index(after.find("note")) < list(after).index(tuvs[0])  # notes precede tuvs
    before = _tus(SAMPLE)
    assert [c14n(t) for t in (before[0], before[2])] == [
        c14n(t) for t in (_tus(out)[0], _tus(out)[2])
    ]


def test_patch_spanning_markup_flattens_that_segment_only(tmp_path: Path) -> None:
    out = tmp_path / "flat.tmx"
    stats = tmx.write_patched(SAMPLE, out, {0: "山西代表团"})
    assert stats["flattened"] == 1
    seg = _tus(out)[0].findall("tuv")[1].find("seg")
    assert len(seg) == 0 and seg.text == "山西代表团"
    assert "<bpt" in xs.inner_xml(_tus(out)[0].findall("tuv")[0].find("seg"))


def test_patch_rejects_unknown_positions(tmp_path: Path) -> None:
    with pytest.raises(TransreviewError, match="position 3"):
        tmx.write_patched(SAMPLE, tmp_path / "o.tmx", {3: "x"})
    with pytest.raises(TransreviewError, match="position -1"):
        tmx.write_patched(SAMPLE, tmp_path / "o.tmx", {}, notes={-1: ["x"]})
    assert not (tmp_path / "o.tmx").exists()


def test_patch_can_overwrite_the_original(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(SAMPLE.read_bytes())
    tmx.write_patched(path, path, {2: "5 小于 6"})
    assert [p.target for p in tmx.read(path)][2] == "5 小于 6"
    assert [f.name for f in tmp_path.iterdir()] == ["m.tmx"]


# --------------------------------------------------------------------------- replace_text

CODES = tmx.CODE_TAGS


@pytest.mark.parametrize(
    ("inner", "new", "outcome", "expected"),
    [
        ("陕西", "山西", "kept", "山西"),
        ("a<ph>x</ph>陕西b", "a山西b", "kept", "a<ph>x</ph>山西b"),
        ("<hi>陕西</hi>省", "山西省", "kept", "<hi>山西</hi>省"),
        ("a<ph>x</ph>b", "ab", "untouched", "a<ph>x</ph>b"),
        ("a<ph>x</ph>b", "ab!", "kept", "a<ph>x</ph>b!"),
        ("a<ph>x</ph>b", "!ab", "kept", "!a<ph>x</ph>b"),
        ("a<ph>x</ph>b", "aXb", "kept", "aX<ph>x</ph>b"),
        ("<hi>a</hi><hi>b</hi>", "ac", "kept", "<hi>a</hi><hi>c</hi>"),
        ("a<ph>x</ph>b", "xyz", "flattened", "xyz"),
        ("a<ph>x</ph>b", "", "flattened", ""),
        ("a<!-- c -->b", "ac", "kept", "a<!-- c -->c"),
    ],
)
def test_replace_text(inner: str, new: str, outcome: str, expected: str) -> None:
    seg = etree.fromstring(f"<seg>{inner}</seg>")
    assert xs.replace_text(seg, new, CODES) == outcome
    assert xs.inner_xml(seg) == expected
    assert xs.plain_text(seg, CODES) == new
