"""The file's own comments about a unit are shown under the pair (issue 12): what a translator
reads before changing a string. The PO comments below are written for this test."""

from __future__ import annotations

import asyncio
from pathlib import Path

from transreview.project import import_inputs
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp
from transreview.tui.widgets.pair import PairPane

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"

#. Button label on the export dialog; keep it short.
# Reviewed by the terminology team
msgid "Save"
msgstr "保存"

msgid "Cancel"
msgstr "取消"
'''


async def _shown(db: Path) -> list[str]:
    """The pair pane's text for each of the two units, in queue order."""
    out: list[str] = []
    with ReviewSession.open(db, "alice") as s:
        app = ReviewApp(s)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for k in range(2):
                if k:
                    await pilot.press("j")
                    await pilot.pause()
                pane = app.screen.query_one(PairPane)
                out.append("".join(seg.text for seg in app.console.render(pane.render())))
    return out


def test_file_comments_are_shown_under_their_pair_only(tmp_path: Path) -> None:
    src = tmp_path / "messages.po"
    src.write_text(PO, encoding="utf-8")
    db = tmp_path / "p.db"
    import_inputs(inputs=[src], db=db, check_names=[])
    save, cancel = asyncio.run(_shown(db))
    assert "Button label on the export dialog; keep it short." in save
    assert "Reviewed by the terminology team" in save
    assert "developer" in save and "translator" in save
    assert "Button label" not in cancel
