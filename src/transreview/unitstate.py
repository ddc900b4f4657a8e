"""What a file says about a unit before any check reads it: not to translate, or not yet translated.

Localization files carry the translator's own bookkeeping. XLIFF ``translate="no"`` marks a
unit that must stay as it is (a brand, a code): checking its target as a translation only
makes noise, so it gets no finding. A unit whose state says it is not translated yet
(XLIFF 1.2 ``new`` or ``needs-translation``, XLIFF 2 ``initial``) with an empty target or
a copy of the source is one known fact, "untranslated unit", reported once and apart
(minor, by the untranslated check), not as a major omission or a wholly English target.

A unit the translator left *provisional* (PO ``#, fuzzy``, Qt ``type="unfinished"``,
xcstrings ``needs_review``, XLIFF ``needs-review-*``) is checked and reviewable like any
other, but the reports count such units apart (:func:`provisional_state`), so a reviewer
sees how much of the file its own translator did not sign off, beside the findings and
not mixed into them.
"""

from __future__ import annotations

from typing import Literal

from transreview.model import Finding, Pair, Severity

#: States that say a unit has not been translated yet.
UNTRANSLATED_STATES = frozenset({"new", "needs-translation", "initial"})

#: States that say the translation is there but not final (fuzzy, unfinished, to review).
PROVISIONAL_STATES = frozenset({
    "fuzzy",  # gettext PO
    "unfinished",  # Qt Linguist
    "needs_review",  # Xcode string catalogs
    "needs-review-translation",  # XLIFF 1.2
    "needs-review-l10n",
    "needs-review-adaptation",
})

Verdict = Literal["skip", "untranslated"]


def provisional_state(pair: Pair) -> str | None:
    """The file's state of a unit left provisional by its translator (see the module doc)."""
    meta = pair.meta
    if not meta:
        return None
    state = str(meta.get("state") or "").lower()
    return state if state in PROVISIONAL_STATES else None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def unit_verdict(pair: Pair) -> Verdict | None:
    """"skip" (translate="no"), "untranslated" (a declared, untranslated unit) or None."""
    meta = pair.meta
    if not meta:
        return None
    if str(meta.get("translate") or "").lower() == "no":
        return "skip"
    state = str(meta.get("state") or "").lower()
    if state in UNTRANSLATED_STATES and (not pair.target.strip() or _same(pair.source, pair.target)):
        return "untranslated"
    return None


def untranslated_unit(pair: Pair) -> Finding:
    """The one finding of a declared, untranslated unit."""
    return Finding(
        "untranslated",
        "Accuracy/Untranslated",
        Severity.MINOR,
        f"untranslated unit: the file marks it state=\"{pair.meta.get('state')}\" and it has no translation yet",
    )
