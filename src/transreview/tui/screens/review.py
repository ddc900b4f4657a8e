"""The review screen: queue, pair view, findings; every key turns into one session call.

Data flows down (the screen reads a :class:`~transreview.review.PairView` and hands it to
the widgets) and decisions flow up (widgets post messages, key bindings call actions here).
Each decision is written through the ReviewSession before the screen redraws, so what the
reviewer sees as done is on disk.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import replace
from functools import partial
from typing import Any, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList, Static

from transreview.codes import table_of
from transreview.errors import ConflictError, Interrupted, TransreviewError
from transreview.records import QueueFilter
from transreview.review import FixPlan, PairView, ReviewSession
from transreview.sanitize import visible
from transreview.tui.ahead import SearchAhead, read_first_page
from transreview.tui.bindings import (
    APP_KEYS,
    MARK_KEYS,
    textual_bindings,
)
from transreview.tui.chips import chip_text
from transreview.tui.diff import diff_hunks, diff_text
from transreview.tui.messages import QueueHighlighted
from transreview.tui.screens.corrections import CorrectionsMixin
from transreview.tui.screens.dialogs import (
    FilterDialog,
    FixAllDialog,
    RiskThresholdDialog,
    ScoreDialog,
)
from transreview.tui.screens.info import HelpScreen
from transreview.tui.screens.marking import MarkingMixin
from transreview.tui.widgets.findings import FindingsList
from transreview.tui.widgets.footer import StableFooter
from transreview.tui.widgets.pair import PairPane
from transreview.tui.widgets.queue import PAGE, Loader, QueueView
from transreview.tui.widgets.search import SearchBar

T = TypeVar("T")


async def _settled(screen: Screen) -> None:
    """Wait until each widget of ``screen``, and then ``screen`` itself, has handled the
    messages posted to it so far (a resize, the layout it asks for in turn); at most a
    second, as nothing here must ever hang the app."""
    for nodes in (list(screen.walk_children()), [screen]):
        waits = []
        for node in nodes:
            done = asyncio.Event()
            if node.call_later(done.set):
                waits.append(asyncio.ensure_future(done.wait()))
        if waits:
            await asyncio.wait(waits, timeout=1.0)
            for w in waits:
                w.cancel()


def describe_filter(flt: QueueFilter) -> str:
    parts = []
    if flt.statuses:
        parts.append("/".join(flt.statuses))
    if flt.min_severity is not None:
        parts.append(f"≥{flt.min_severity.label}")
    if flt.category:
        parts.append(flt.category)
    if flt.check:
        parts.append(f"check {flt.check}")
    if flt.text:
        parts.append(f"“{flt.text}”")
    return ", ".join(parts)


#: How long the search bar's text must rest before it is read ahead (``tui/ahead.py``), in
#: seconds: longer than the keys of one burst take to arrive and be handled (a paste, an
#: input method's word, a search pasted with its enter), shorter than a typist's pause
#: before enter (100-200 ms), so that the count is there by then (27 ms more at 100,000
#: pairs). Measured in tmux: without it, a search pasted with its enter started reads that
#: its next key stopped and enter then waited for (陕西 worst 48 -> 57 ms, zzqx 52 -> 69).
AHEAD_DELAY = 0.02


class ReviewScreen(MarkingMixin, CorrectionsMixin, Screen):
    """The one working screen of ``transreview review``."""

    BINDINGS = textual_bindings(APP_KEYS) + textual_bindings(MARK_KEYS)

    def __init__(self, session: ReviewSession, keymap: dict[str, str]) -> None:
        super().__init__()
        self.session = session
        self.keymap = keymap
        # Where this reviewer left the project: the same order, the same pair.
        self.order, self._resume_pair = session.last_place()
        self.filters = QueueFilter()
        self.view: PairView | None = None
        self.quick_mode = False
        self._doc_names = {d.id: d.name for d in session.documents()}
        self._scores: dict[int, float] = {}
        self._index = 0
        # For the summary on quit: what this session added, and how long it took.
        self._started = time.monotonic()
        self._reviewed_at_start = session.progress()[0]
        self._corrected: set[int] = set()  # pairs this session saved a correction of
        self._last_fix_all: list[FixPlan] = []  # for U
        self._reveal_tries = 0  # refreshes waited for the correction to be laid out
        self._focus_before_search: Widget | None = None  # given back when the search bar closes
        self._count_token = 0  # which queue a background count is for (see _counted)
        self._ahead: SearchAhead | None = None  # the search in the bar, read ahead
        self._ahead_timer: Timer | None = None  # reads it ahead once the text rests (AHEAD_DELAY)
        self._ahead_key: tuple | None = None  # what the bar's count is for (see _read_ahead)
        self._filter_dialog: FilterDialog | None = None

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        count = self.session.queue_count(self.filters)
        yield QueueView(self._loader(), count, id="queue")
        with VerticalScroll(id="pair-scroll"):
            yield Static(id="pair-info")
            yield PairPane(id="pair")
            yield Static(id="pair-correction")
        yield FindingsList(id="findings")
        yield Static(id="hint")
        yield SearchBar(id="search-bar")
        yield StableFooter(compact=True, show_command_palette=False)  # ctrl+p is in `?`; at 80 columns every cell of the footer counts

    def _loader(self) -> Loader:
        order, filters = self.order, self.filters
        return lambda offset, limit: self.session.queue_page(offset, limit, order=order, filters=filters)

    @property
    def queue(self) -> QueueView:
        return self.query_one("#queue", QueueView)

    @property
    def pane(self) -> PairPane:
        return self.query_one("#pair", PairPane)

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    def on_mount(self) -> None:
        self.queue.focus()
        index = None
        if self._resume_pair is not None:
            index = self.session.queue_index(self._resume_pair, order=self.order, filters=self.filters)
        self.queue.set_cursor(index or 0)
        self.call_after_refresh(self._compute_score)
        self.call_after_refresh(self._prebuild_filter_dialog)
        self._update_hint()
        self.on_resize()

    def on_resize(self, event: object = None) -> None:
        self.set_class(self.size.height < 30, "-short")
        self.set_class(self.size.width < 100, "-narrow")

    # --- showing a pair --------------------------------------------------------------

    def on_queue_highlighted(self, message: QueueHighlighted) -> None:
        self._sync()

    def _sync(self) -> None:
        """Show the pair under the queue cursor, at once.

        Called by every action before it acts (and when the queue reports a move), so a
        key typed right after ``j`` acts on the pair the cursor is on, never on the one
        still drawn while the queue's message waits in line.
        """
        queue = self.queue
        self._index = queue.cursor
        row = queue.current
        if row is None:
            if self.view is not None:
                self._show(None)
        elif self.view is None or row.pair_id != self.view.pair_id:
            self._show(self.session.pair(row.pair_id))

    def _show(self, view: PairView | None, *, keep_finding: bool = False) -> None:
        pane = self.pane
        if pane.marking and (view is None or self.view is None or view.pair_id != self.view.pair_id):
            pane.stop_marking()
            self._after_marking()
        keep = self.findings.current_id if keep_finding else None
        self.view = view
        if view is None:
            self.findings.show(())
            pane.view = None
            self._show_correction(None)
            self._update_info()
            return
        self.findings.show(view.findings, keep)
        pane.selected_finding = self.findings.current_id
        pane.view = view
        self._show_correction(view)
        if not keep_finding:
            self.query_one("#pair-scroll").scroll_home(animate=False)
        self._update_info()
        if view.document_id not in self._scores:
            self._compute_score()

    def _show_correction(self, view: PairView | None) -> None:
        """Below the pair: the changed places with a little context (one line even for a
        one-character fix deep in a long paragraph), then the whole text as a diff."""
        box = self.query_one("#pair-correction", Static)
        if view is None or not view.corrected:
            box.display = False
            return
        box.display = True
        codes = table_of(view.pair.meta)  # inline codes as chips, as in the pair view
        box.update(Text.assemble(
            ("✎ correction: ", "bold cyan"), chip_text(diff_hunks(view.pair.target, view.current_target), codes),
            "\n", ("whole target against the original: ", "dim"),
            chip_text(diff_text(view.pair.target, view.current_target), codes),
        ))

    def _reload_pair(self, *, reveal: bool = False) -> None:
        """After a decision: re-read the pair and the queue rows, recompute the score.

        ``reveal`` (after a saved or undone correction) scrolls the pair view to the
        correction, which on a long pair sits below the visible rows."""
        if self.view is None:
            return
        self._show(self.session.pair(self.view.pair_id), keep_finding=True)
        self.queue.refresh_rows()
        self._compute_score()
        if reveal:
            if self.view is not None and self.view.corrected:
                self._corrected.add(self.view.pair_id)
            self._reveal_tries = 0
            self.call_after_refresh(self._reveal_correction)

    def _reveal_correction(self) -> None:
        """Scroll the pair view to the correction once it is laid out. After a save from the
        editor the dialog may still be on top, and the correction (hidden until now) gets
        its place only in a later layout pass: wait for both, a few refreshes at most."""
        box = self.query_one("#pair-correction", Static)
        scroll = self.query_one("#pair-scroll", VerticalScroll)
        if not box.display:
            scroll.scroll_home(animate=False, immediate=True)
            return
        if self.app.screen is not self or box.virtual_region.height == 0:
            self._reveal_tries += 1
            if self._reveal_tries <= 20:
                self.call_after_refresh(self._reveal_correction)
            return
        scroll.scroll_to_widget(box, animate=False, top=True, immediate=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "findings":
            self.pane.selected_finding = self.findings.current_id

    def _update_info(self) -> None:
        """The top bar and the pair line, built as Rich ``Text`` (never markup): a document
        name or pair id is untrusted text, shown through :func:`visible`."""
        view = self.view
        reviewed, total = self.session.progress()
        count = self.queue.count
        sep = Text(" · ")
        parts: list[Text] = []
        if view is not None:
            parts.append(Text(visible(self._doc_names.get(view.document_id, "?")), style="bold"))
            of = f" of ≥{count}" if self.queue.counting else f" of {count}"
            parts.append(Text.assemble((f"{self._index + 1}", "bold"), of))
        else:
            parts.append(Text(f"0 of {count}"))
        parts.append(Text(f"reviewed {reviewed}/{total}"))
        if view is not None:
            score = self._scores.get(view.document_id)
            parts.append(Text("MQM …") if score is None else Text.assemble("MQM ", (f"{score:.1f}", "bold")))
        parts.append(Text(f"by {self.order}"))
        flt = describe_filter(self.filters)
        if flt:
            parts.append(Text(f"filter: {visible(flt)}", style="yellow"))
        if self.quick_mode:
            parts.append(Text(" QUICK ", style="reverse"))
        line = sep.join(parts)
        topbar = self.query_one("#topbar", Static)
        # Its height follows its text (one line, two when narrow): a layout of the whole
        # screen only when that may change, not at every count or move.
        same_height = topbar.size.height == 1 and line.cell_len <= topbar.content_region.width
        topbar.update(line, layout=not same_height)
        info = self.query_one("#pair-info", Static)
        if view is None:
            info.update(Text("no pair matches: press F to clear the filters", style="dim"), layout=False)
            return
        bits = [
            Text.assemble((f"#{view.pair.index + 1}", "bold"), f" id {visible(view.pair.id)}"),
            Text.assemble("status ", (view.status, "bold")),
            Text(f"risk {view.risk}"), Text(f"v{view.version}"),
        ]
        if view.quick_score is not None:
            bits.append(Text(f"score {view.quick_score}"))
        if view.corrected:
            bits.append(Text("corrected", style="cyan"))
        info.update(Text("  ").join(bits), layout=False)  # one line high (app.tcss)

    @work(thread=True, exclusive=True, group="score")
    def _compute_score(self) -> None:
        view = self.view
        if view is None:
            return
        try:
            score = self.session.mqm_score(view.document_id)
        except TransreviewError as e:  # the score is a nicety: never let it end the session
            self.app.call_from_thread(
                self.notify, visible(f"MQM score unavailable: {e}"), severity="warning", markup=False
            )
            return
        self.app.call_from_thread(self._set_score, view.document_id, score)

    def _set_score(self, document_id: int, score: float) -> None:
        self._scores[document_id] = score
        self._update_info()

    # --- guarded session calls -------------------------------------------------------

    def _try(self, fn: Callable[..., T], *args: object) -> T | None:
        try:
            return fn(*args)
        except ConflictError:
            raise
        except TransreviewError as e:
            self.notify(visible(str(e)), severity="error", timeout=6, markup=False)
            return None

    def _finding_id(self) -> int | None:
        fid = self.findings.current_id
        if fid is None:
            self.notify("no finding selected", severity="warning")
        return fid

    # --- navigation ------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.queue.action_cursor(delta)
        self._sync()

    def action_jump(self, want: str) -> None:
        self._sync()
        current = self.view.pair_id if self.view else None
        pid = self.session.next_pair(current, want)  # type: ignore[arg-type]
        if pid is None:
            self.notify(f"no {want} pairs left")
            return
        self._go_to(pid)

    def action_next_risky(self) -> None:
        """Ask X (the reviewer's last X prefilled), then jump to the next unreviewed pair
        with risk ≥ X; X is kept per reviewer in the project."""
        self._sync()

        def done(value: int | None) -> None:
            if value is None:
                return
            self._try(self.session.set_risk_threshold, value)
            current = self.view.pair_id if self.view else None
            pid = self.session.next_pair(current, "unreviewed", min_risk=value)
            if pid is None:
                self.notify(f"no unreviewed pairs at risk ≥ {value} left")
                return
            self._go_to(pid)

        self.app.push_screen(RiskThresholdDialog(self.session.risk_threshold()), done)

    def _go_to(self, pair_id: int) -> None:
        index = self.session.queue_index(pair_id, order=self.order, filters=self.filters)
        if index is None:
            self.notify("that pair is hidden by the filter: filters cleared")
            self.filters = QueueFilter()
            self._reload_queue(keep=False)
            index = self.session.queue_index(pair_id, order=self.order, filters=self.filters) or 0
        self.queue.set_cursor(index)
        self._sync()

    def _reload_queue(self, *, keep: bool = True, ahead: SearchAhead | None = None) -> None:
        """Show the queue under the current order and filters. ``ahead``: the search read
        ahead for exactly these (see ``tui/ahead.py``): its first page and count are used,
        or waited for while being read, instead of a scan here."""
        pair_id = self.view.pair_id if self.view else None
        read = ahead.for_enter() if ahead is not None else None
        counting: Future[int | None] | None = None
        if read is None:  # not read ahead: read here (a search pasted with its enter, `f`, `o`)
            count, first_page, exact = read_first_page(self.session, self.filters, self.order, PAGE)
        else:
            count, first_page, exact, counting = read
        self._count_token += 1
        flt = self.filters
        counted = None if exact else (counting or self._start_count(self._count_token, flt))
        counter = None if exact else partial(self._count_now, flt)
        self.queue.reload(self._loader(), count, keep=False, first_page=first_page, counter=counter)
        if keep and pair_id is not None:
            index = next((i for i, row in enumerate(first_page or ()) if row.pair_id == pair_id), None)
            if index is None:
                index = self.session.queue_index(pair_id, order=self.order, filters=flt)
            self.queue.set_cursor(index or 0)
        self._sync()
        self._update_info()
        if counted is not None:
            self._count_in_background(self._count_token, counted)

    def _start_count(self, token: int, flt: QueueFilter) -> Future[int | None]:
        """Count the queue ``flt`` in a thread started now, on the store's second connection
        (``aside``): SQLite scans there while this thread draws the first page, and reads
        of this thread meanwhile (the next pair's, the score's) do not wait for the scan.

        Not a Textual worker alone: its thread starts only when the event loop next runs the
        worker's task, which after a search is once the screen has been laid out and drawn
        (15-20 ms at 100,000 pairs, measured in tmux), so the count came that much later.
        The worker (:meth:`_count_in_background`) waits for this one's answer instead. A
        queue changed before the thread runs is not counted (None).

        This thread then waits (at most 2 ms: on a busy machine the new thread may wait
        for a processor) until the new one runs: a started thread needs Python's lock,
        which this busy thread would otherwise hold until the interpreter's switch
        interval (5 ms) forced it to let go, and the scan (which runs without that lock)
        would start that much later."""
        future: Future[int | None] = Future()
        running = threading.Event()

        def run() -> None:
            running.set()
            if not future.set_running_or_notify_cancel():
                return
            try:
                stale = token != self._count_token
                future.set_result(None if stale else self.session.queue_count(flt, aside=True))
            except BaseException as e:  # handed to the worker, which reports it
                future.set_exception(e)

        threading.Thread(target=run, name="transreview-count", daemon=True).start()
        running.wait(timeout=0.002)
        return future

    @work(thread=True, exclusive=True, group="count")
    def _count_in_background(self, token: int, counted: Future[int | None]) -> None:
        """Wait for the count :meth:`_start_count` runs, and show it (a Textual worker: the
        app waits for it, and an unexpected error ends the app as any worker's does)."""
        try:
            count = counted.result()
        except Interrupted:  # the session closed under it: nobody waits for the count
            return
        except TransreviewError as e:  # the length stays a lower bound; `end` counts again
            self.app.call_from_thread(
                self.notify, visible(f"the queue could not be counted: {e}"), severity="warning", markup=False
            )
            return
        if count is not None:
            self.app.call_from_thread(self._counted, token, count)

    def _counted(self, token: int, count: int) -> None:
        """The worker's count, unless the queue changed since it started (or was counted)."""
        if token != self._count_token or not self.queue.counting:
            return
        self.queue.set_count(count)
        self._update_info()

    def _count_now(self, flt: QueueFilter) -> int | None:
        """The queue's length at once (``end`` while the worker counts); None on an error."""
        if flt != self.filters:
            return None
        count = self._try(self.session.queue_count, flt)
        if count is not None:
            self._count_token += 1  # the worker's answer is no longer needed
            self.call_after_refresh(self._update_info)
        return count

    def action_finding(self, delta: int) -> None:
        fl = self.findings
        if fl.option_count:
            fl.action_cursor_down() if delta > 0 else fl.action_cursor_up()

    def action_order(self) -> None:
        """Re-sort and start at the top: by risk, that is the worst pair."""
        self.order = "risk" if self.order == "position" else "position"
        self._reload_queue(keep=False)

    def action_filter(self, focus_text: bool = False) -> None:
        def done(result: QueueFilter | None) -> None:
            if result is not None:
                self.filters = result
                self._reload_queue()

        dialog = self._filter_dialog
        if dialog is None:
            dialog = self._new_filter_dialog(focus_text=focus_text)
        else:
            dialog.show_filter(self.filters, focus_text=focus_text)
        self.app.push_screen(dialog, done)

    def _new_filter_dialog(self, *, focus_text: bool = False) -> FilterDialog:
        """The filter dialog, built once and kept: installed, Textual does not remove it when
        it closes, so the next ``f`` shows it again instead of mounting its four lists and
        its fields anew (about 40 of the 60 ms that opening it took at 100,000 pairs)."""
        from transreview.checks import CHECKS

        dialog = self._filter_dialog = FilterDialog(self.filters, list(CHECKS), focus_text=focus_text)
        self.app.install_screen(dialog, name=f"transreview-filter-{id(self)}")
        return dialog

    def _prebuild_filter_dialog(self) -> None:
        """Mount the filter dialog once the first screen is drawn, so even the first ``f``
        only shows it. ``App._get_screen`` is the step of Textual's own ``push_screen`` that
        registers and mounts a screen; without it (another Textual) the first ``f`` builds it."""
        if self._filter_dialog is not None:
            return
        dialog = self._new_filter_dialog()
        mount = getattr(self.app, "_get_screen", None)
        if callable(mount) and not dialog.is_running:
            _, mounted = mount(dialog)
            self.run_worker(self._lay_out_unseen(dialog, mounted), group="prebuild")

    async def _lay_out_unseen(self, dialog: FilterDialog, mounted: Awaitable[Any]) -> None:
        """Lay the mounted filter dialog out, and render it once, while it is not shown.

        Mounting does not lay a screen out: Textual does that when the screen is first
        shown, and the dialog's lists and selects, once sized, ask for two more layouts, so
        the first ``f`` took 50-75 ms in tmux at 120x40 and the next ones ~20. Here, after
        the first screen, two layouts at the terminal's size (each widget handling its
        resize in between) and one render do that work unseen; the first ``f`` then costs
        what the next ones do. A worker of its own, so the review screen answers keys
        meanwhile. ``Screen._refresh_layout`` and the compositor's ``render_full_update``
        are Textual's own steps (private): missing or failing, the first ``f`` does the
        work as before."""
        await mounted
        refresh_layout = getattr(dialog, "_refresh_layout", None)
        render = getattr(getattr(dialog, "_compositor", None), "render_full_update", None)
        if not callable(refresh_layout) or not callable(render):
            return
        try:
            for _ in range(2):
                if dialog.is_current or not dialog.is_attached:  # shown meanwhile: Textual lays it out
                    return
                refresh_layout(self.app.size)
                await _settled(dialog)
            if not dialog.is_current:
                render()
        except Exception:  # noqa: BLE001 - only a warm-up: the dialog opens without it
            return
        if getattr(self.app, "freeze_gc", False):
            # What this made (~7,500 objects: layouts, rendered lines) lives as long as the
            # app, as start-up's objects do: out of the collector's sight with them
            # (ReviewApp._freeze_gc).
            gc.freeze()

    def action_search(self) -> None:
        """The search bar over the footer, with the current text filter."""
        bar = self.query_one(SearchBar)
        if bar.is_open:
            return
        self._focus_before_search = self.focused
        self.query_one(StableFooter).held = True
        if not self.session.reads_aside:
            bar.hide_count()
        bar.open(self.filters.text or "")
        self._read_ahead(bar.input.value)

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        """Read the search ahead once its text has rested :data:`AHEAD_DELAY`: a burst of
        keys the terminal sends at once (a paste, an input method's word, a search pasted
        with its enter) starts no read that the next key would stop, and enter in the
        same burst searches as before, with no read ahead before it to wait for."""
        bar = self.query_one(SearchBar)
        if not bar.is_open:
            return
        self._stop_ahead_timer()
        if self.session.reads_aside and self._ahead_key_for(message.text) != self._ahead_key:
            # The read of the text before is for a text no longer in the bar: stopped, and its
            # count never shown beside this one (nor kept as this text's, were it typed again).
            self._drop_ahead()
            bar.show_counting()
            self._ahead_timer = self.set_timer(AHEAD_DELAY, partial(self._search_ahead, message.text))

    def _stop_ahead_timer(self) -> None:
        timer, self._ahead_timer = self._ahead_timer, None
        if timer is not None:
            timer.stop()

    def _search_ahead(self, text: str) -> None:
        self._ahead_timer = None
        if not self.query_one(SearchBar).is_open:
            return
        self._read_ahead(text)

    def _read_ahead(self, text: str) -> None:
        """Start reading what enter would read for ``text`` in the bar (``tui/ahead.py``);
        the bar shows "counting…", then the count (:meth:`on_search_ahead_done`).

        Only where reads aside have a connection of their own (SQLite): on PostgreSQL, or a
        SQLite file no second connection opens, the reads would take turns with this
        thread's on the one connection, and a scan started while typing would hold up the
        next key's reads; there the bar shows no count and enter searches as before. A
        search enter would not change (the current one) shows the queue's length, no read."""
        if not self.session.reads_aside:
            return
        key = self._ahead_key_for(text)
        flt = key[0]
        if key == self._ahead_key:
            return  # the same search (a space typed at the end, the bar opened again)
        self._drop_ahead()
        self._ahead_key = key
        bar = self.query_one(SearchBar)
        if flt == self.filters:
            bar.show_count(None if self.queue.counting else self.queue.count)
            return
        self._ahead = SearchAhead(self.session, flt, self.order, PAGE, self._ahead_done)
        bar.show_counting()

    def _ahead_key_for(self, text: str) -> tuple[QueueFilter, str, tuple[int, int | None]]:
        """What a search of ``text`` in the bar reads: its filter, the order, the writes."""
        return replace(self.filters, text=text.strip() or None), self.order, self.session.writes

    def _ahead_done(self, ahead: SearchAhead) -> None:
        """In the search's thread: tell the screen (a message: widgets are this thread's)."""
        self.post_message(SearchAhead.Done(ahead))

    def on_search_ahead_done(self, message: SearchAhead.Done) -> None:
        ahead = message.ahead
        bar = self.query_one(SearchBar)
        if ahead is not self._ahead or not bar.is_open:
            return  # stale: another text since, or the bar closed
        try:
            count = ahead.count.result(timeout=0)
        except Exception:  # noqa: BLE001 - a count that failed is not the reviewer's problem yet
            bar.show_not_counted()  # enter reads the search again and says what went wrong
            return
        bar.show_count(count)

    def _drop_ahead(self) -> None:
        """The search read ahead is not wanted: stop its read."""
        ahead, self._ahead, self._ahead_key = self._ahead, None, None
        if ahead is not None:
            ahead.stop()

    def _take_ahead(self, filters: QueueFilter) -> SearchAhead | None:
        """The search read ahead, for enter, if it read ``filters`` in this order and nothing
        was written since (``ReviewSession.writes``); else it is stopped and None."""
        ahead, self._ahead, self._ahead_key = self._ahead, None, None
        if ahead is None:
            return None
        if ahead.is_for(filters, self.order, self.session.writes):
            return ahead
        ahead.stop()
        return None

    def _close_search(self) -> None:
        self._stop_ahead_timer()
        self._drop_ahead()
        self.query_one(SearchBar).close()
        before, self._focus_before_search = self._focus_before_search, None
        (before if before is not None and before.is_attached else self.queue).focus()
        # The focus moves back after this call: the footer compares then, and finds the
        # keys it showed before the search.
        self.query_one(StableFooter).held = False

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        """Search: the text filter replaced, the other filters kept; with what was read
        ahead for it while it was typed, if anything."""
        text = message.text or None
        self._stop_ahead_timer()  # the text has not rested: enter reads it, as before
        ahead = self._take_ahead(replace(self.filters, text=text))
        self._close_search()
        if text != self.filters.text:
            self.filters = replace(self.filters, text=text)
            self._reload_queue(ahead=ahead)
        elif ahead is not None:
            ahead.stop()

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        if self.query_one(SearchBar).is_open:
            self._close_search()

    def action_clear_filter(self) -> None:
        self.filters = QueueFilter()
        self._reload_queue()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.keymap))

    def action_quit(self) -> None:
        self._remember()
        self.app.exit(message=self.summary())

    def summary(self) -> str:
        """One line for the terminal after quitting: this session's work and time."""
        reviewed, total = self.session.progress()
        minutes, seconds = divmod(int(time.monotonic() - self._started), 60)
        done = reviewed - self._reviewed_at_start
        return (f"this session: {done} pair{'' if done == 1 else 's'} reviewed, "
                f"{len(self._corrected)} corrected, "
                f"{minutes} min {seconds:02d} s; the project: {reviewed} of {total} reviewed")

    def on_unmount(self) -> None:
        self._stop_ahead_timer()
        self._drop_ahead()
        self._remember()

    def _remember(self) -> None:
        self.session.remember_place(self.order, self.view.pair_id if self.view else None)

    # --- finding decisions -----------------------------------------------------------

    def _decide(self, method: Callable[[int], object]) -> None:
        fid = self._finding_id()
        if fid is None:
            return
        if self._try(method, fid) is not None:
            self._reload_pair()
            self.action_finding(1)

    def action_confirm(self) -> None:
        self._sync()
        self._decide(self.session.confirm)

    def action_dismiss_finding(self) -> None:
        """Not ``action_dismiss``: that is Screen's own action (close the screen with a result)."""
        self._sync()
        self._decide(self.session.dismiss)

    def action_reopen(self) -> None:
        self._sync()
        self._decide(self.session.reopen)

    def action_apply_suggestion(self) -> None:
        self._sync()
        fid = self._finding_id()
        if fid is None:
            return
        if self._try(self.session.apply_suggestion, fid) is not None:
            self._reload_pair(reveal=True)

    def action_fix_all(self) -> None:
        """Every open finding like the selected one in this document (same check, text and
        suggestion), fixed in one step after a preview."""
        self._sync()
        fid = self._finding_id()
        if fid is None:
            return
        plans = self._try(self.session.plan_fix_all, fid)
        if plans is None:
            return
        if not plans:
            self.notify("nothing left to fix like this in the document")
            return
        f = next((sf.finding for sf in self.view.findings if sf.id == fid), None) if self.view else None
        flagged, suggestion = (f.text or "", f.suggestion or "") if f is not None else ("", "")

        def done(result: list | None) -> None:
            if not result:
                return
            try:
                fixed = self._try(self.session.fix_all, result)
            except ConflictError:
                self.notify("another reviewer changed one of these pairs meanwhile: nothing fixed; "
                            "press S again for a fresh preview", severity="warning", timeout=8)
                return
            if fixed:
                self._corrected.update(plan.pair_id for plan in result)
                self._last_fix_all = result
                self.notify(f"fixed {fixed} in {len(result)} pair{'s' if len(result) != 1 else ''}; "
                            "U undoes this fix-all")
            self._reload_pair(reveal=True)

        self.app.push_screen(FixAllDialog(flagged, suggestion, plans), done)

    def action_undo_fix_all(self) -> None:
        """Undo the last fix-all of this session, every pair of it, or nothing if one of its
        pairs was changed since (the reviewer is told; u still undoes pair by pair)."""
        self._sync()
        plans = self._last_fix_all
        if not plans:
            self.notify("no fix-all to undo in this session")
            return
        try:
            undone = self._try(self.session.undo_fix_all, plans)
        except ConflictError:
            self.notify("not undone: a pair of that fix-all was changed since; u undoes pair by pair",
                        severity="warning", timeout=8)
            return
        if undone:
            self._last_fix_all = []
            self.notify(f"fix-all undone in {undone} pair{'s' if undone != 1 else ''}")
            self._reload_pair(reveal=True)

    # --- corrections -----------------------------------------------------------------

    # --- pair status -----------------------------------------------------------------

    def action_approve(self) -> None:
        self._sync()
        view = self.view
        if view is None:
            return
        before = self.queue.exact_count()
        self._try(self.session.approve, view.pair_id)
        self._count_token += 1  # counted here: a background count under way is stale
        self.queue.reload(count=self.session.queue_count(self.filters))
        # The pair stays in the queue (no status filter): move on. It left it: the cursor
        # already points at what came after it.
        if self.queue.count == before:
            self.queue.action_cursor(1)
        self._sync()
        if self.view is not None and self.view.pair_id == view.pair_id:
            self._reload_pair()  # the last row: still shown, now approved
        self._update_info()

    def action_flag(self) -> None:
        self._sync()
        view = self.view
        if view is None:
            return
        self._try(self.session.flag, view.pair_id, view.status != "flagged")
        self._count_token += 1  # counted here: a background count under way is stale
        self.queue.reload(count=self.session.queue_count(self.filters))
        self._sync()
        if self.view is not None and self.view.pair_id == view.pair_id:
            self._reload_pair()

    def action_score(self) -> None:
        self._sync()
        view = self.view
        if view is None:
            return

        def done(result: tuple | None) -> None:
            if result is None:
                return
            value = result[1] if result[0] == "set" else None
            self._try(self.session.set_quick_score, view.pair_id, value)
            self._reload_pair()

        self.app.push_screen(ScoreDialog(view.quick_score), done)

