"""Conflicts between two reviewers, jumps, ordering, search, flags and remapped keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.helpers.tui import pair_with
from transreview.errors import StoreError, UsageError
from transreview.review import ReviewSession
from transreview.tui.app import ReviewApp, run_review
from transreview.tui.bindings import load_keymap
from transreview.tui.screens.dialogs import ConflictDialog, CorrectionDialog
from transreview.tui.screens.info import HelpScreen, bindings_table
from transreview.tui.screens.review import ReviewScreen

SIZE = (100, 30)


def _screen(app: ReviewApp) -> ReviewScreen:
    s = app.screen_stack[1]
    assert isinstance(s, ReviewScreen)
    return s


async def _open_editor_on(app: ReviewApp, pilot, pair_id: int) -> CorrectionDialog:
    rs = _screen(app)
    rs._go_to(pair_id)
    await pilot.pause()
    assert rs.view is not None and rs.view.pair_id == pair_id
    await pilot.press("e")
    editor = app.screen
    assert isinstance(editor, CorrectionDialog)
    return editor


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_conflicting_save_shows_both_and_the_reviewer_chooses(shanxi_db: Path, choice: str) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as alice, ReviewSession.open(shanxi_db, "bob") as bob:
            pid = pair_with(alice, "陕西")
            original = alice.pair(pid).current_target
            theirs = original.replace("陕西", "山西")
            mine = original.replace(",", "，")
            app = ReviewApp(alice)
            async with app.run_test(size=SIZE) as pilot:
                editor = await _open_editor_on(app, pilot, pid)
                bob.save_correction(pid, theirs, 0)  # bob saves while alice is typing
                editor.query_one("#correction", TextArea).text = mine
                await pilot.press("ctrl+s")
                dialog = app.screen
                assert isinstance(dialog, ConflictDialog)
                assert (dialog.mine, dialog.theirs, dialog.theirs_by) == (mine, theirs, "bob")
                await pilot.click(f"#{choice}-btn")
                await pilot.pause()
                rs = _screen(app)
                assert app.screen is rs
                assert rs.view is not None
                assert rs.view.current_target == (mine if choice == "mine" else theirs)
            # bob's session reads what the file holds
            view = bob.pair(pid)
            if choice == "mine":
                assert (view.current_target, view.version) == (mine, 2)
                assert [c.reviewer for c in bob.history(pid)] == ["bob", "alice"]
            else:
                assert (view.current_target, view.version) == (theirs, 1)

    asyncio.run(run())


def test_jumps_order_search_and_flag(shanxi_db: Path) -> None:
    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            p4 = pair_with(s, "陕西")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                first = rs.view.pair_id
                await pilot.press("a")  # approve pair 1, cursor to pair 2
                assert rs.view.pair_id == first + 1
                await pilot.press("k", "n")  # from pair 1 the next unreviewed is pair 2
                assert rs.view.pair_id == first + 1
                # flag pair 2, go elsewhere, jump to the next flagged
                await pilot.press("exclamation_mark")
                assert s.state(first + 1).status == "flagged"
                await pilot.press("j", "j", "N")
                assert rs.view.pair_id == first + 1
                # by risk: the 陕西 paragraph (critical + minors, risk 103) comes first
                await pilot.press("o")
                assert rs.order == "risk" and rs.view.pair_id == p4 and rs.queue.cursor == 0
                await pilot.press("o")
                assert rs.order == "position" and rs.view.pair_id == first
                # search either side: Chinese text in the target, English in the source
                await pilot.press("slash")
                app.screen.query_one("#f-text", Input).value = "五台山"
                await pilot.press("enter")
                assert rs.queue.count == 1 and "五台山" in rs.view.current_target
                await pilot.press("slash")
                app.screen.query_one("#f-text", Input).value = "wutai"
                await pilot.press("enter")
                assert rs.queue.count == 1 and "Wutai" in rs.view.pair.source
                # next unreviewed outside the filter clears it
                await pilot.press("n")
                assert rs.filters.text is None and rs.queue.count == 13
                await pilot.press("q")

    asyncio.run(run())


def test_remapped_keys_work_and_the_help_shows_them(shanxi_db: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "keys.toml"
    cfg.write_text('[bindings]\napprove = "A"\nnext_pair = "j, down"\n', encoding="utf-8")
    keymap = load_keymap(cfg)
    assert keymap == {"approve": "A", "next_pair": "j,down"}

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s, keymap)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                first = rs.view.pair_id
                await pilot.press("a")  # no longer approve
                assert s.state(first).status == "unreviewed"
                await pilot.press("A")
                assert s.state(first).status == "approved"
                await pilot.press("question_mark")
                assert isinstance(app.screen, HelpScreen)
                await pilot.press("escape")
                assert app.screen is rs

    asyncio.run(run())
    rows = bindings_table(keymap).columns
    keys = dict(zip(rows[3]._cells, rows[0]._cells, strict=True))
    assert keys["approve"] == "A" and keys["next_pair"] == "j / ↓" and keys["quit"] == "q"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[bindings]\naprove = "A"\n', "unknown binding id 'aprove'"),
        ("[bindings]\napprove = 3\n", "needs a key string"),
        ('[keys]\napprove = "A"\n', "unknown table [keys]"),
        ("[bindings\n", "not a valid TOML file"),
    ],
)
def test_a_bad_key_file_is_an_error_not_a_warning(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "keys.toml"
    cfg.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_keymap(cfg)


def test_run_review_refuses_bad_arguments_before_opening_the_terminal(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        run_review(tmp_path / "x.db", config=tmp_path / "missing.toml")
    with pytest.raises(StoreError, match="no such project"):
        run_review(tmp_path / "missing.db")


def test_keys_typed_in_a_burst_act_on_the_pair_under_the_cursor(shanxi_db: Path) -> None:
    """j j j s typed faster than the screen redraws still fixes pair 4, not pair 1."""
    from textual import events

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            p4 = pair_with(s, "陕西")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                for key in ("j", "j", "j", "s"):
                    app._driver.send_message(events.Key(key, key))  # no waiting in between
                await pilot.pause()
                await pilot.pause()
                assert "山西省发展改革委" in s.pair(p4).current_target
                assert s.state(_screen(app).queue.row(0).pair_id).version == 0

    asyncio.run(run())


def test_marking_keys_typed_in_a_burst_are_not_lost(shanxi_db: Path) -> None:
    from textual import events

    from transreview.tui.screens.dialogs import FindingDialog

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                for key in ("j", "j", "j", "m", "w", "W", "enter"):
                    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
                await pilot.pause()
                await pilot.pause()
                assert isinstance(app.screen, FindingDialog)
                assert (app.screen.side, app.screen.span_text) == ("target", "JHCGA")

    asyncio.run(run())


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        # Counted by hand from the import of the page: one critical (陕西, pair 4); the
        # Terminology findings of the places check are 陕西 (pair 4) and 金城 (pair 5).
        ("#f-severity", "critical", 1),
        ("#f-category", "Terminology", 2),
        ("#f-check", "places", 2),
        ("#f-category", "Accuracy", 8),  # omissions of the eight one-sided pairs (1-3, 7, 10-13)
    ],
)
def test_filter_dialog_fields(shanxi_db: Path, field: str, value: str, expected: int) -> None:
    from textual.widgets import Select

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("f")
                app.screen.query_one(field, Select).value = value
                await pilot.press("ctrl+s")
                rs = _screen(app)
                assert rs.queue.count == expected
                assert value in app.screen.query_one("#topbar").render().plain

    asyncio.run(run())


def test_run_review_on_an_input_makes_the_project_beside_it(tmp_path: Path, monkeypatch, capsys) -> None:
    from tests.helpers.tui import SHANXI

    page = tmp_path / "page.txt"
    page.write_bytes(SHANXI.read_bytes())
    seen: list[tuple[int, str, dict]] = []

    def fake_run(app: ReviewApp) -> None:  # the terminal part; everything before it is real
        seen.append((app.session.queue_count(), app.session.reviewer, app.keymap))

    monkeypatch.setattr(ReviewApp, "run", fake_run)
    cfg = tmp_path / "keys.toml"
    cfg.write_text('[bindings]\nquit = "ctrl+q"\n', encoding="utf-8")
    run_review(page, reviewer="carol", config=cfg)
    assert (tmp_path / "page.transreview.db").is_file()
    assert seen == [(13, "carol", {"quit": "ctrl+q"})]
    assert "preparing the project for" in capsys.readouterr().err
    run_review(tmp_path / "page.transreview.db", reviewer="dan")  # the project itself, reopened
    assert seen[-1] == (13, "dan", {})


def test_finding_dialog_severity_keys_and_reopen(shanxi_db: Path) -> None:
    from transreview.tui.screens.dialogs import FindingDialog

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            p4 = pair_with(s, "陕西")
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                rs = _screen(app)
                rs._go_to(p4)
                await pilot.pause()
                fid = rs.findings.current_id
                await pilot.press("c")
                assert s.pair(p4).findings[0].status == "confirmed"
                await pilot.press("left_square_bracket", "r")  # back to it, take the confirm back
                assert next(f for f in s.pair(p4).findings if f.id == fid).status == "open"
                # mark 陕西 (jieba's word there is 陕西省: select two characters), critical by key
                await pilot.press("m")
                rs.pane.selection = rs.pane.selection.move(80)  # 80 key presses, in one go
                await pilot.press("right", "shift+right", "shift+right", "enter")
                dialog = app.screen
                assert isinstance(dialog, FindingDialog) and dialog.span_text == "陕西"
                await pilot.press("enter", "3", "ctrl+s")  # default category, then critical
                mine = [f for f in s.pair(p4).findings if f.origin == "reviewer"]
                assert [(f.finding.category, f.finding.severity.label, f.finding.start) for f in mine] == [
                    ("Accuracy/Mistranslation", "critical", 81)]

    asyncio.run(run())


@pytest.mark.parametrize(("needle", "counted"), [("五台山", False), ("the", True), ("zzqx", False)])
def test_a_search_counts_the_queue_only_when_its_first_page_is_full(
    shanxi_db: Path, monkeypatch: pytest.MonkeyPatch, needle: str, counted: bool
) -> None:
    """A text filter scans every pair: a first page of PAGE + 1 rows read first gives the
    count when it is short (one scan, not two); a full one is counted, once (while typed,
    by the search bar's count read ahead, which enter then uses). Pages of 3 here, so the
    13-pair page has both cases: 五台山 is in one pair, "the" in more than three."""
    from transreview.records import QueueFilter
    from transreview.review import AsideRead
    from transreview.tui.screens import review as review_screen
    from transreview.tui.widgets import queue as queue_widget

    monkeypatch.setattr(review_screen, "PAGE", 3)
    monkeypatch.setattr(queue_widget, "PAGE", 3)
    calls: list[QueueFilter | None] = []
    real_count, real_ahead = ReviewSession.queue_count, AsideRead.queue_count

    def queue_count(self: ReviewSession, filters: QueueFilter | None = None, **kw: bool) -> int:
        calls.append(filters)
        return real_count(self, filters, **kw)

    def ahead_count(self: AsideRead, filters: QueueFilter) -> int:
        calls.append(filters)
        return real_ahead(self, filters)

    monkeypatch.setattr(ReviewSession, "queue_count", queue_count)
    monkeypatch.setattr(AsideRead, "queue_count", ahead_count)

    async def run() -> None:
        with ReviewSession.open(shanxi_db, "alice") as s:
            flt = QueueFilter(text=needle)
            expected = [r.pair_id for r in s.queue_page(0, 100, filters=flt)]
            app = ReviewApp(s)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                calls.clear()
                await pilot.press("slash")
                app.screen.query_one("#f-text", Input).value = needle
                await pilot.press("enter")
                await app.workers.wait_for_complete()  # a full first page is counted in a worker
                await pilot.pause()
                rs = _screen(app)
                assert rs.queue.count == len(expected)
                assert (calls == [flt]) if counted else (calls == [])
                # every row is there, the first page (read once) and the pages after it
                shown = [row.pair_id for i in range(rs.queue.count) if (row := rs.queue.row(i))]
                assert shown == expected
                if expected:
                    await pilot.press("end")
                    assert rs.view is not None and rs.view.pair_id == expected[-1]
                await pilot.press("q")

    asyncio.run(run())
