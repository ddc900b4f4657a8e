"""Inline codes in the review UI: chips in the pair view and the editor, kept while typing,
deleted only with ctrl+t, written back by the export (issue 10).

The two units are real strings of Microsoft Dynamics 365 docs (CC-BY-4.0,
MicrosoftDocs/Dynamics-365-Operations.zh-cn, column-definitions-financial-reports) and the
Angular autowp messages (MIT, autowp/autowp-frontend); see tests/data/realfiles/LICENSES.md.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lxml import etree
from textual.widgets import Static

from transreview import codes
from transreview.export import export_project
from transreview.formats import xmlsafe as xs
from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.screens.dialogs import CorrectionDialog
from transreview.tui.widgets.editor import SafeTextArea
from transreview.tui.widgets.pair import PairPane

N12 = "{urn:oasis:names:tc:xliff:document:1.2}"
XLF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" target-language="zh-CN" datatype="plaintext" original="d365">
    <body>
      <trans-unit id="112">
        <source>In Report Designer, in the navigation pane, click <bpt id="p1">**</bpt>Column Definitions<ept id="p1">**</ept>.</source>
        <target state="translated">在报表设计器的导航窗格中，单击<bpt id="p1">**</bpt>列定义<ept id="p1">**</ept>。</target>
      </trans-unit>
      <trans-unit id="ngb.carousel.slide-number">
        <source> Slide <x id="INTERPOLATION"/> of <x id="INTERPOLATION_1"/> </source>
        <target state="translated"> 滑动<x id="INTERPOLATION"/> 的<x id="INTERPOLATION_1"/> </target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _project(tmp_path: Path) -> Path:
    src = tmp_path / "codes.xlf"
    src.write_text(XLF, encoding="utf-8")
    db = tmp_path / "codes.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    return db


def _target(out: Path, unit: str) -> str:
    root = etree.parse(str(out)).getroot()
    tu = next(t for t in root.iter(f"{N12}trans-unit") if t.get("id") == unit)
    return xs.inner_xml(tu.find(f"{N12}target")) or ""


async def _edit(db: Path, unit: str, keys: list[str]) -> tuple[str, str, list[str], str]:
    """Open ``unit``'s editor, press ``keys`` (the cursor starts at the end), save; the pane's
    text before editing, the editor's drawn line, the notifications and the saved target."""
    with ReviewSession.open(db, "alice") as s:
        app = ReviewApp(s)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen_stack[1]
            while screen.view.pair.id != unit:  # type: ignore[attr-defined]
                await pilot.press("j")
                await pilot.pause()
            pane = app.screen.query_one(PairPane)
            shown = "".join(seg.text for seg in app.console.render(pane.render()))
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, CorrectionDialog)
            area = app.screen.query_one("#correction", SafeTextArea)
            area.move_cursor(area.document.end)
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            drawn = "".join(seg.text for seg in area.render_line(0))
            legend = str(app.screen.query_one("#correction-codes", Static).render())
            notes = [str(n.message) for n in app._notifications]
            await pilot.press("ctrl+s")
            await pilot.pause()
            pid = next(r.pair_id for r in s.queue_page(0, 10) if r.pair_key == unit)
            saved = s.pair(pid).current_target
        return shown, drawn + "\n" + legend, notes, saved


def test_backspace_onto_a_chip_is_refused_and_the_export_keeps_every_code(tmp_path: Path) -> None:
    db = _project(tmp_path)
    # delete "。", then try to delete the <ept> chip, then type "!"
    shown, drawn, notes, saved = asyncio.run(_edit(db, "112", ["backspace", "backspace", "exclamation_mark"]))
    assert shown.count("⟦1›") == 2 and shown.count("‹1⟧") == 2  # chips in the pair view, both sides
    assert "①列定义①" in drawn and '<bpt id="p1">**</bpt>' in drawn  # editor chips and legend
    assert any("is an inline code" in n and "ctrl+t" in n for n in notes), notes
    with ReviewSession.open(db, "alice") as s:
        pid = next(r.pair_id for r in s.queue_page(0, 10) if r.pair_key == "112")
        table = codes.table_of(s.pair(pid).pair.meta)
    assert codes.show(saved, table) == "在报表设计器的导航窗格中，单击⟦1›列定义‹1⟧!"
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    assert _target(out, "112") == '在报表设计器的导航窗格中，单击<bpt id="p1">**</bpt>列定义<ept id="p1">**</ept>!'


def test_ctrl_t_deletes_a_code_explicitly(tmp_path: Path) -> None:
    db = _project(tmp_path)
    # the cursor is after the trailing space: left once, then ctrl+t deletes <x id="INTERPOLATION_1"/>
    _, _, notes, saved = asyncio.run(_edit(db, "ngb.carousel.slide-number", ["left", "ctrl+t"]))
    assert any("deleted" in n for n in notes), notes
    out = tmp_path / "out.xlf"
    export_project(db, fmt="xliff", output=out)
    assert _target(out, "ngb.carousel.slide-number") == ' 滑动<x id="INTERPOLATION"/> 的 '
    assert saved.count("\ue000") + saved.count("\ue001") == 1
