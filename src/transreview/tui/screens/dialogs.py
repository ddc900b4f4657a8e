"""Small dialogs: each returns a value by ``dismiss`` and never touches the session.

The main screen pushes a dialog with a callback and records the answer through the
ReviewSession, so every decision is still made (and saved) in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from transreview.codes import CodeTable
from transreview.model import MQM_CATEGORIES
from transreview.records import PAIR_STATUSES, QueueFilter
from transreview.sanitize import visible
from transreview.tui.bindings import DIALOG_KEYS, EDIT_KEYS, textual_bindings

if TYPE_CHECKING:
    from textual.widgets import TextArea  # at run time the correction dialog imports it itself


class Dialog(ModalScreen):
    """Base: ctrl+s saves (``action_save``), escape cancels (dismisses with None)."""

    BINDINGS = textual_bindings(DIALOG_KEYS)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # pragma: no cover - every dialog overrides it
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # One handler for every dialog (Textual runs a handler of each class in the MRO,
        # so subclasses answer through ``button`` instead of a second handler).
        event.stop()
        self.button(event.button.id or "")

    def button(self, button_id: str) -> None:
        if button_id == "save":
            self.action_save()
        else:
            self.action_cancel()


def _buttons(save_label: str) -> Horizontal:
    return Horizontal(
        Button(f"{save_label} (ctrl+s)", id="save", variant="primary", compact=True),
        Button("Cancel (esc)", id="cancel", compact=True),
        classes="buttons",
    )


# --- an MQM finding for a marked span ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class FindingAnswer:
    category: str
    severity: str
    note: str


class FindingDialog(Dialog):
    """Category (searchable), severity and note for a span the reviewer marked.

    Type to filter the categories, up/down to choose, Enter to go on to the severity
    (arrows and Enter, or 1 minor / 2 major / 3 critical, which go on to the note), then
    the note and Enter (or ctrl+s from anywhere) to save.
    """

    def __init__(self, side: str, span_text: str) -> None:
        super().__init__()
        self.side = side
        self.span_text = span_text
        self._shown: list[str] = list(MQM_CATEGORIES)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="finding-dialog"):
            yield Label(Text.assemble(("New MQM finding on the ", ""), (self.side, "bold"),
                                      (": «", ""), (visible(self.span_text), "bold reverse"), ("»", "")))
            yield Input(placeholder="category: type to search", id="category-search")
            yield OptionList(*[Option(c, id=c) for c in MQM_CATEGORIES], id="categories")
            with RadioSet(id="severity"):
                yield RadioButton("minor", value=True, id="sev-minor")
                yield RadioButton("major", id="sev-major")
                yield RadioButton("critical", id="sev-critical")
            yield Input(placeholder="note (optional)", id="note")
            yield _buttons("Save finding")

    def on_mount(self) -> None:
        self.query_one("#categories", OptionList).highlighted = 0
        self.query_one("#category-search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "category-search":
            return
        needle = event.value.strip().lower()
        self._shown = [c for c in MQM_CATEGORIES if needle in c.lower()]
        ol = self.query_one("#categories", OptionList)
        ol.clear_options()
        ol.add_options([Option(c, id=c) for c in self._shown])
        if self._shown:
            ol.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        focused_id = self.focused.id if self.focused is not None else None
        # Up/down in the search field move the highlighted category.
        if focused_id == "category-search" and event.key in ("up", "down"):
            ol = self.query_one("#categories", OptionList)
            ol.action_cursor_down() if event.key == "down" else ol.action_cursor_up()
            event.stop()
        # 1/2/3 choose the severity directly (outside the text fields), then the note field
        # takes the focus, so a note typed next is kept (not swallowed by the radio set).
        elif focused_id not in ("category-search", "note") and event.key in ("1", "2", "3"):
            button_id = {"1": "#sev-minor", "2": "#sev-major", "3": "#sev-critical"}[event.key]
            self.query_one(button_id, RadioButton).value = True
            self.query_one("#note", Input).focus()
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "category-search":
            self.query_one("#severity", RadioSet).focus()
        else:
            self.action_save()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#severity", RadioSet).focus()

    @property
    def category(self) -> str | None:
        ol = self.query_one("#categories", OptionList)
        if ol.highlighted is None or ol.option_count == 0:
            return None
        return ol.get_option_at_index(ol.highlighted).id

    def action_save(self) -> None:
        category = self.category
        if category is None:
            self.notify("no category matches the search", severity="error")
            return
        pressed = self.query_one("#severity", RadioSet).pressed_button
        severity = str(pressed.label) if pressed is not None else "minor"
        self.dismiss(FindingAnswer(category, severity, self.query_one("#note", Input).value.strip()))


# --- the correction editor --------------------------------------------------------------


class CorrectionDialog(Dialog):
    """The target in a text area, prefilled with the current text; the character diff
    against the original updates as the reviewer types. Inline codes (``codes``, the pair's
    table) are chips the editor keeps; ``ctrl+t`` deletes the one at the cursor."""

    BINDINGS = [*Dialog.BINDINGS, *textual_bindings(EDIT_KEYS)]

    def __init__(self, original: str, current: str, source: str, codes: CodeTable | None = None) -> None:
        super().__init__()
        self.original = original
        self.current = current
        self.source = source
        self.codes: CodeTable = codes or {}

    def compose(self) -> ComposeResult:
        from transreview.tui.chips import chip_text, legend
        from transreview.tui.diff import diff_text
        from transreview.tui.widgets.editor import SafeTextArea

        with Vertical(classes="dialog", id="correction-dialog"):
            yield Label("Correct the target", classes="title")
            with VerticalScroll(id="correction-source"):
                yield Static(chip_text(Text(visible(self.source, keep="\t\n"), style="dim"), self.codes))
            yield SafeTextArea(self.current, id="correction", soft_wrap=True, show_line_numbers=False,
                               codes=self.codes)
            if self.codes:
                yield Label(legend(self.codes), id="correction-codes")
            yield Label(Text("Changes against the original (red: removed, green: added)", style="dim"))
            with VerticalScroll(id="correction-diff"):
                yield Static(chip_text(diff_text(self.original, self.current), self.codes), id="diff")
            yield _buttons("Save")

    def on_mount(self) -> None:
        self.query_one("#correction").focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        from transreview.tui.chips import chip_text
        from transreview.tui.diff import diff_text

        self.query_one("#diff", Static).update(chip_text(diff_text(self.original, event.text_area.text), self.codes))

    @property
    def text(self) -> str:
        from textual.widgets import TextArea

        return self.query_one("#correction", TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_delete_code(self) -> None:
        from transreview.tui.widgets.editor import SafeTextArea

        self.query_one("#correction", SafeTextArea).delete_code()


class ConflictDialog(Dialog):
    """Another reviewer saved this pair since it was shown: both texts, the reviewer chooses."""

    def __init__(self, mine: str, theirs: str, theirs_by: str | None) -> None:
        super().__init__()
        self.mine = mine
        self.theirs = theirs
        self.theirs_by = theirs_by or "another reviewer"

    def compose(self) -> ComposeResult:
        from transreview.tui.diff import diff_text

        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Label(Text(f"Conflict: {visible(self.theirs_by)} changed this pair since you opened it.",
                             style="bold red"))
            yield Label(Text("Theirs (saved):", style="bold"))
            yield Static(Text(visible(self.theirs, keep="\t\n") or "(empty)"), id="theirs")
            yield Label(Text("Yours (not saved):", style="bold"))
            yield Static(Text(visible(self.mine, keep="\t\n") or "(empty)"), id="mine")
            yield Label(Text("Theirs → yours:", style="bold"))
            yield Static(diff_text(self.theirs, self.mine), id="conflict-diff")
            yield Horizontal(
                Button("Keep mine (ctrl+s)", id="mine-btn", variant="warning", compact=True),
                Button("Keep theirs", id="theirs-btn", variant="primary", compact=True),
                Button("Edit again", id="edit-btn", compact=True),
                classes="buttons",
            )

    def button(self, button_id: str) -> None:
        self.dismiss({"mine-btn": "mine", "theirs-btn": "theirs", "edit-btn": "edit"}.get(button_id))

    def action_save(self) -> None:
        self.dismiss("mine")


# --- quick score ------------------------------------------------------------------------


class ScoreDialog(Dialog):
    """The pair's 0–100 quality score (quick mode, as in WMT's ESA); empty clears it."""

    def __init__(self, current: int | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="score-dialog"):
            yield Static("Pair score, 0 (nonsense) to 100 (perfect); empty clears it. "
                         "A score does not mark the pair reviewed: approve it (a) for that.")
            yield Input("" if self.current is None else str(self.current), id="score",
                        type="integer", max_length=3)
            yield _buttons("Save score")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        raw = self.query_one("#score", Input).value.strip()
        if not raw:
            self.dismiss(("clear",))
            return
        value = int(raw)
        if not 0 <= value <= 100:
            self.notify("a score is from 0 to 100", severity="error")
            return
        self.dismiss(("set", value))


# --- queue filters ----------------------------------------------------------------------

CATEGORY_CHOICES: tuple[str, ...] = tuple(dict.fromkeys(
    [c.split("/")[0] for c in MQM_CATEGORIES] + list(MQM_CATEGORIES) + ["Unspecified"]
))


_SEVERITIES = ("neutral", "minor", "major", "critical")


class FilterDialog(Dialog):
    """Status, minimum severity, category, check and free text (either side)."""

    def __init__(self, current: QueueFilter, checks: list[str], *, focus_text: bool = False) -> None:
        super().__init__()
        self.current = current
        self.checks = checks
        self.focus_text = focus_text

    def _choices(self) -> dict[str, object]:
        """Each list's value for the current filter (``Select.NULL``: any), by field id: what
        the dialog is built with, and what it is set to when shown again."""
        c = self.current

        def pick(value: str | None, choices: tuple[str, ...] | list[str]) -> object:
            return value if value is not None and value in choices else Select.NULL

        return {
            "f-status": pick(c.statuses[0] if c.statuses else None, PAIR_STATUSES),
            "f-severity": pick(c.min_severity.label if c.min_severity else None, _SEVERITIES),
            "f-category": pick(c.category, CATEGORY_CHOICES),
            "f-check": pick(c.check, self.checks),
        }

    def compose(self) -> ComposeResult:
        v = self._choices()
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Label("Filter the queue (empty = any)", classes="title")
            yield Select([(s, s) for s in PAIR_STATUSES], prompt="status: any", value=v["f-status"], id="f-status")
            yield Select([(f"{s} or worse", s) for s in _SEVERITIES], prompt="severity: any",
                         value=v["f-severity"], id="f-severity")
            yield Select([(x, x) for x in CATEGORY_CHOICES], prompt="category: any",
                         value=v["f-category"], id="f-category")
            yield Select([(x, x) for x in self.checks], prompt="check: any", value=v["f-check"], id="f-check")
            yield Input(self.current.text or "", placeholder="text in the source or the target", id="f-text")
            yield _buttons("Apply")

    def on_mount(self) -> None:
        if self.focus_text:
            self.query_one("#f-text", Input).focus()

    def show_filter(self, current: QueueFilter, *, focus_text: bool = False) -> None:
        """Set the fields to ``current`` before the dialog is shown again (the review screen
        builds it once and keeps it: building its four lists is most of what opening it costs)."""
        self.current = current
        self.focus_text = focus_text
        if not self.is_mounted:  # still being built: compose and on_mount read these
            return
        for field_id, value in self._choices().items():
            self.query_one(f"#{field_id}", Select).value = value
        self.query_one("#f-text", Input).value = current.text or ""
        (self.query_one("#f-text", Input) if focus_text else self.query_one("#f-status", Select)).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        from transreview.model import Severity

        def val(sel_id: str) -> str | None:
            v = self.query_one(sel_id, Select).value
            return None if v is Select.NULL or v is None else str(v)

        status, severity = val("#f-status"), val("#f-severity")
        text = self.query_one("#f-text", Input).value.strip()
        self.dismiss(QueueFilter(
            statuses=(status,) if status else (),
            min_severity=Severity.parse(severity) if severity else None,
            category=val("#f-category"),
            check=val("#f-check"),
            text=text or None,
        ))


# --- search while marking ---------------------------------------------------------------


class MarkSearchDialog(Dialog):
    """One line: the text to find on the side being marked. Enter selects the next match
    after the cursor (the last search is prefilled, so ``/`` Enter finds the next one)."""

    def __init__(self, side: str, last: str) -> None:
        super().__init__()
        self.side = side
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="mark-search-dialog"):
            yield Label(f"Find in the {self.side} (enter: select the next match, esc: back)")
            yield Input(self.last, placeholder="text to mark", id="mark-search")

    def on_mount(self) -> None:
        self.query_one("#mark-search", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#mark-search", Input).value)


# --- fix all ---------------------------------------------------------------------------


class FixAllDialog(Dialog):
    """Preview of a fix-all: each pair's changed places; ctrl+s applies, esc cancels."""

    def __init__(self, flagged: str, suggestion: str, plans: list) -> None:
        super().__init__()
        self.flagged = flagged
        self.suggestion = suggestion
        self.plans = plans

    def compose(self) -> ComposeResult:
        from transreview.tui.diff import diff_hunks

        count = sum(len(p.finding_ids) for p in self.plans)
        with Vertical(classes="dialog", id="fix-all-dialog"):
            yield Label(Text.assemble(
                ("Fix all: ", "bold"), f"«{visible(self.flagged)}» → «{visible(self.suggestion)}», ",
                (f"{count} in {len(self.plans)} pair{'s' if len(self.plans) != 1 else ''}", "bold"),
                " of this document (each pair saved as a correction; u undoes it pair by pair)"))
            with VerticalScroll(id="fix-all-preview"):
                for plan in self.plans:
                    yield Static(Text.assemble((f"pair {plan.pair_id}: ", "dim"), diff_hunks(plan.before, plan.after)))
            yield _buttons("Fix all")

    def action_save(self) -> None:
        self.dismiss(self.plans)


class RiskThresholdDialog(Dialog):
    """The X of "next unreviewed at risk ≥ X"; prefilled with the reviewer's last one."""

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="risk-dialog"):
            yield Static("Next unreviewed pair at risk ≥ X (reading order). Risk: an open critical "
                         "finding 100, major 20, minor 4; a reviewer's own or confirmed one 125, 25, 5.")
            yield Input(str(self.current), id="risk-threshold", type="integer", max_length=4)
            yield _buttons("Go")

    def on_mount(self) -> None:
        self.query_one("#risk-threshold", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        raw = self.query_one("#risk-threshold", Input).value.strip()
        self.dismiss(int(raw) if raw.isdigit() else None)
