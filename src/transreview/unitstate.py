"""What a file says about a unit before any check reads it: not to translate, or not yet translated.

Localization files carry the translator's own bookkeeping. XLIFF ``translate="no"`` marks a
unit that must stay as it is (a brand, a code): checking its target as a translation only
makes noise, so it gets no finding. A unit whose state says it is not translated yet
(XLIFF 1.2 ``new`` or ``needs-translation``, XLIFF 2 ``initial``) with an empty target or
a copy of the source is one known fact, "untranslated unit", reported once and apart
(minor, by the untranslated check), not as a major omission or a wholly English target.

Monolingual pairs (Android, iOS ``.strings``, i18n JSON, ARB, xcstrings) know two more such
facts from the pairing itself: a key of the source missing from the translation
(``meta["missing"]``: the app shows the source text there, as it does for any untranslated
string) is one minor "missing key" finding of the untranslated check, and a key only in the
translation (``meta["orphan"]``: the source dropped or renamed it, the app never shows it) is
one ``neutral`` finding of the omission check. In JSON and ARB files an empty string is how
translation platforms (Crowdin, Weblate) export a string nobody has translated yet
(excalidraw's zh-CN.json has 12): it is reported like a missing key. On AntennaPod, gallery and excalidraw these were
66 of 70 major findings, all length-ratio "omissions" of a string that simply is not there.

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

Verdict = Literal["skip", "untranslated", "missing", "orphan", "empty"]

#: Formats whose tools write an untranslated string as an empty one.
EMPTY_IS_UNTRANSLATED = frozenset({"json", "arb"})


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
    """"skip" (translate="no"), "untranslated" (a declared, untranslated unit), "missing"
    (a source key the translation lacks), "orphan" (a key only in the translation) or None."""
    meta = pair.meta
    if not meta:
        return None
    if meta.get("missing") and not pair.target.strip():
        return "missing"
    if meta.get("orphan") and not pair.source.strip():
        return "orphan"
    if meta.get("format") in EMPTY_IS_UNTRANSLATED and not pair.target.strip() and pair.source.strip():
        return "empty"
    if str(meta.get("translate") or "").lower() == "no":
        return "skip"
    state = str(meta.get("state") or "").lower()
    if state in UNTRANSLATED_STATES and (not pair.target.strip() or _same(pair.source, pair.target)):
        return "untranslated"
    return None


def untranslated_unit(pair: Pair, verdict: Verdict = "untranslated") -> Finding:
    """The one finding of a declared, untranslated unit, a missing key or an orphan key."""
    if verdict in ("missing", "empty"):
        what = "has no entry for it" if verdict == "missing" else "has it with an empty text"
        return Finding(
            "untranslated",
            "Accuracy/Untranslated",
            Severity.MINOR,
            f"{'missing key' if verdict == 'missing' else 'untranslated unit'}: the translation file {what}",
        )
    if verdict == "orphan":
        return Finding(
            "omission",
            "Accuracy/Addition",
            Severity.NEUTRAL,
            "key only in the translation: the source file no longer has it (a stale entry, never shown)",
            side="source",
        )
    return Finding(
        "untranslated",
        "Accuracy/Untranslated",
        Severity.MINOR,
        f"untranslated unit: the file marks it state=\"{pair.meta.get('state')}\" and it has no translation yet",
    )
