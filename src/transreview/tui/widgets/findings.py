"""The findings of the shown pair, one option each: severity, category, span, message,
suggestion and review status. Selecting one underlines its span in the pair view."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from transreview.records import StoredFinding
from transreview.sanitize import visible
from transreview.tui.palette import LETTER, severity_style

STATUS_MARK = {"open": ("○", "dim"), "confirmed": ("✓", "bold green"), "dismissed": ("✗", "dim red")}


def finding_label(sf: StoredFinding) -> Text:
    f = sf.finding
    mark, mark_style = STATUS_MARK.get(sf.status, ("?", ""))
    text = Text(no_wrap=False)
    text.append(f"{mark} ", mark_style)
    text.append(f" {LETTER[f.severity]} {f.severity.label} ", severity_style(f.severity))
    text.append(f" {visible(f.category)}", "bold")
    who = f.check if sf.origin == "check" else f"{sf.origin}: {f.check}"
    text.append(f" [{visible(who)}]", "dim")
    if f.text:
        text.append(f" {f.side} «{visible(f.text)}»")
    elif f.start is None:
        text.append(" (whole pair)", "dim")
    if f.suggestion is not None:
        text.append(" → ", "bold")
        text.append(visible(f.suggestion), "bold green")
    text.append(f"  {visible(f.message)}")
    if sf.status == "dismissed":
        text.stylize("dim")
    return text


class FindingsList(OptionList):
    """Findings of one pair; the option id is the finding id."""

    def show(self, findings: tuple[StoredFinding, ...], keep: int | None = None) -> None:
        """Replace the options, keeping the highlight on finding ``keep`` if it is still there."""
        self.clear_options()
        if not findings:
            self.add_option(Option(Text("no findings", style="dim"), id="none", disabled=True))
            return
        self.add_options([Option(finding_label(sf), id=str(sf.id)) for sf in findings])
        index = 0
        if keep is not None:
            index = next((i for i, sf in enumerate(findings) if sf.id == keep), 0)
        self.highlighted = index

    @property
    def current_id(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if option.id in (None, "none") or option.disabled:
            return None
        return int(option.id)
