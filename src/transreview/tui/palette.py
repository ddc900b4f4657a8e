"""Severity colours and letters of the review UI, in one place.

Hex colours, not ANSI names: Textual maps the ANSI names through its own terminal theme,
where ``yellow`` came out as the same orange as ``dark_orange`` (both colour 208 on a
256-colour terminal), so minor and major looked alike. Every severity also has a letter
(``C`` ``M`` ``m`` ``n``: the pair view's row gutter, the queue's ``CRIT``/``MAJ``/``min``/
``neu``), so nothing depends on telling colours apart. ``colour-blind`` is a palette after
Okabe and Ito (blue, orange, yellow, grey) that stays distinct with the common colour-vision
deficiencies; ``transreview review --palette colour-blind`` chooses it.
"""

from __future__ import annotations

from transreview.model import Severity

PALETTES: dict[str, dict[Severity, str]] = {
    "default": {
        Severity.CRITICAL: "bold #ffffff on #d70000",
        Severity.MAJOR: "bold #000000 on #ff8700",
        Severity.MINOR: "#000000 on #ffff5f",
        Severity.NEUTRAL: "#000000 on #b2b2b2",
    },
    "colour-blind": {
        Severity.CRITICAL: "bold #ffffff on #0072b2",
        Severity.MAJOR: "bold #000000 on #e69f00",
        Severity.MINOR: "#000000 on #f0e442",
        Severity.NEUTRAL: "#000000 on #bbbbbb",
    },
}
LETTER: dict[Severity, str] = {
    Severity.CRITICAL: "C", Severity.MAJOR: "M", Severity.MINOR: "m", Severity.NEUTRAL: "n",
}

_active: dict[Severity, str] = dict(PALETTES["default"])


def use_palette(name: str) -> None:
    """Switch every severity style of the UI (called once, before the app starts)."""
    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r} (expected {', '.join(PALETTES)})")
    _active.clear()
    _active.update(PALETTES[name])


def severity_style(severity: Severity) -> str:
    return _active[severity]
