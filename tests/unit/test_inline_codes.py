"""Inline codes as tokens (transreview.codes, formats.inline): reading, allocation, and the
patching writers rebuilding a target around the codes when a change spans markup."""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from transreview import codes
from transreview.formats import inline, tmx, xliff
from transreview.formats import xmlsafe as xs

DATA = Path(__file__).resolve().parents[1] / "data" / "xml"
N20 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _tokens_of(elem_xml: str, d: inline.Dialect) -> inline.Tokenized:
    el = xs.parse_fragment(elem_xml, "seg")
    return inline.tokenize(el, copy.deepcopy(el), d)


def test_a_private_use_character_in_the_text_is_never_a_token() -> None:
    # U+E000 is an icon-font glyph in this text: the code gets the next free character
    tok = _tokens_of('icon \ue000 and <ph x="1">&lt;br/&gt;</ph>', inline.TMX)
    (token,) = tok.table
    assert token != "\ue000" and tok.source == f"icon \ue000 and {token}"
    assert codes.strip(tok.source, tok.table) == "icon \ue000 and "  # the glyph stays text


def test_the_same_code_gets_the_same_token_on_both_sides_in_any_order() -> None:
    src = xs.parse_fragment('<x id="A"/> of <x id="B"/>', "source")
    tgt = xs.parse_fragment('<x id="B"/> 中的 <x id="A"/>', "target")
    tok = inline.tokenize(src, tgt, inline.XLIFF1)
    a, b = tok.source[0], tok.source[-1]
    assert tok.target == f"{b} 中的 {a}"
    assert (tok.table[a]["n"], tok.table[b]["n"]) == (1, 2)


def test_nested_wrappers_without_ids_pair_their_ends() -> None:
    tok = _tokens_of("<g>out <g>in</g></g>", inline.XLIFF1)
    assert codes.show(tok.source, tok.table) == "⟦1›out ⟦2›in‹2⟧‹1⟧"


def test_xliff2_patch_spanning_markup_keeps_pc_and_ph(tmp_path: Path) -> None:
    first = next(iter(xliff.read(DATA / "sample21.xlf")))
    new = first.target.replace("一个", "一支").replace("来访", "访问")  # both sides of <pc>
    out = tmp_path / "out.xlf"
    stats = xliff.write_patched(DATA / "sample21.xlf", out, {0: new})
    assert stats["flattened"] == 0
    seg = next(etree.parse(str(out)).getroot().iter(f"{N20}segment"))
    assert xs.inner_xml(seg.find(f"{N20}target")) == '一支<pc id="1">陕西</pc>代表团访问<ph id="2"/>。'


def test_tmx_patch_spanning_markup_keeps_bpt_ept(tmp_path: Path) -> None:
    first = next(iter(tmx.read(DATA / "sample.tmx")))
    new = first.target.replace("一个", "一支").replace("来访", "访问")
    out = tmp_path / "out.tmx"
    stats = tmx.write_patched(DATA / "sample.tmx", out, {0: new})
    assert stats["flattened"] == 0
    seg = next(etree.parse(str(out)).getroot().iter("tu")).findall("tuv")[1].find("seg")
    assert xs.inner_xml(seg) == '一支<bpt i="1">&lt;b&gt;</bpt>陕西<ept i="1">&lt;/b&gt;</ept>代表团访问。'


def test_a_source_code_put_into_the_target_is_written_as_the_source_has_it(tmp_path: Path) -> None:
    path = tmp_path / "t.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"'
        ' creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu>'
        '<tuv xml:lang="en"><seg>Line one<ph x="1">&lt;br/&gt;</ph>line two</seg></tuv>'
        '<tuv xml:lang="zh"><seg>第一行第二行</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    (pair,) = tmx.read(path)
    (br,) = codes.table_of(pair.meta)
    assert br not in pair.target  # the translator lost the line break
    out = tmp_path / "out.tmx"
    tmx.write_patched(path, out, {0: f"第一行{br}第二行"})  # the reviewer puts the chip back
    seg = next(etree.parse(str(out)).getroot().iter("tu")).findall("tuv")[1].find("seg")
    assert xs.inner_xml(seg) == '第一行<ph x="1">&lt;br/&gt;</ph>第二行'


def test_an_unbalanced_wrapper_is_repaired_and_counted(tmp_path: Path) -> None:
    first = next(iter(xliff.read(DATA / "sample21.xlf")))
    table = codes.table_of(first.meta)
    opening, closing = (t for t, e in table.items() if e["kind"] == "pc")
    swapped = first.target.replace(opening, "\0").replace(closing, opening).replace("\0", closing)
    out = tmp_path / "out.xlf"
    stats = xliff.write_patched(DATA / "sample21.xlf", out, {0: swapped})
    assert stats["repaired"] == 2  # a stray closing dropped, an opening closed at the end
    seg = next(etree.parse(str(out)).getroot().iter(f"{N20}segment"))
    assert xs.inner_xml(seg.find(f"{N20}target")) == '一个陕西<pc id="1">代表团来访<ph id="2"/>。</pc>'


def test_a_note_shows_codes_as_chips_not_private_use_characters() -> None:
    from transreview.export import note_for
    from transreview.model import Finding, Severity
    from transreview.records import StoredFinding

    table = {"\ue000": {"kind": "g", "role": "open", "n": 1}, "\ue001": {"kind": "g", "role": "close", "n": 1}}
    finding = Finding("tags", "Terminology", Severity.MAJOR, "wrong name", text="\ue000陕西\ue001")
    sf = StoredFinding(1, 1, "reviewer", "open", finding, "2026-12-06", "2026-12-06", "alice")
    assert note_for(sf, table) == "transreview: major Terminology «⟦1›陕西‹1⟧»: wrong name (alice)"


def test_rebuilding_every_real_unit_from_its_own_tokens_changes_nothing() -> None:
    """Every unit with codes of the real Angular and Microsoft files, rebuilt from the text the
    reader gives, is C14N-identical to the original target (221 + 1 units)."""
    real = Path(__file__).resolve().parents[1] / "data" / "realfiles"
    seen = 0
    for name in ("d365-column-definitions-financial-reports.xlf", "autowp.messages.zh-CN.first40.xlf"):
        root = xs.parse(real / name).getroot()
        for tu in root.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
            source = tu.find("{urn:oasis:names:tc:xliff:document:1.2}source")
            target = tu.find("{urn:oasis:names:tc:xliff:document:1.2}target")
            if target is None:
                continue
            before = etree.tostring(copy.deepcopy(target), method="c14n")
            tok = inline.tokenize(source, target, inline.XLIFF1)
            if not tok.table:
                continue
            seen += 1
            assert inline.rebuild(target, tok.target, tok.templates, tok.table) == 0
            assert etree.tostring(copy.deepcopy(target), method="c14n") == before, tu.get("id")
    assert seen == 222
