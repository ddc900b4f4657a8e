"""URLs, e-mail addresses and @handles must come through a translation unchanged.

An address is not language: a translator (or a machine) who "translates" it breaks a
link. Machine translation's usual damage is to fold ASCII into full-width forms
(``ｗｗｗ．example．com``), turn dots into 。, or drop the address altogether. So both sides
are searched on a *folded* view (full-width ASCII and 。 mapped back to ASCII, one character
for one, so spans stay exact): a target address that only the folded view finds is a
changed one, spanned in the target with the source's address as the suggestion; a source
address of which the target has no trace is spanned on the source side.

Hashtags are deliberately not addresses: they are words and are often translated.
Extra addresses in the target are not reported: a translator may legitimately add the
Chinese site of an organisation.
"""

from __future__ import annotations

from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity
from transreview.text.addresses import Address
from transreview.text.analysis import PairAnalysis


class UrlsCheck(Check):
    """Every address of the source must appear, unchanged, in the target."""

    name: ClassVar[str] = "urls"
    version: ClassVar[int] = 2
    category: ClassVar[str] = "Accuracy/Mistranslation"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = "A URL, e-mail address or @handle of the source missing or altered in the target."
    example: ClassVar[tuple[tuple[str, str], ...]] = (("See https://example.org/report for details.", "详情见报告。"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> tuple[list[Address], list[Address]] | None:
        if not pair.source or not pair.target:
            return None
        src = analysis.addresses("source")
        if not src:
            return None
        return src, analysis.addresses("target")

    def judge(self, pair: Pair, raw: tuple[list[Address], list[Address]] | None) -> list[Finding]:
        if raw is None:
            return []
        src, tgt = raw
        intact = {(a.kind, a.key) for a in tgt if not a.folded}
        # Target addresses that are damaged or not in the source: candidates for "changed".
        src_keys = {(a.kind, a.key) for a in src}
        spare = [a for a in tgt if a.folded or (a.kind, a.key) not in src_keys]
        findings: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for a in src:
            if (a.kind, a.key) in intact or (a.kind, a.key) in seen:
                continue
            seen.add((a.kind, a.key))
            original = pair.source[a.start : a.end]
            # Prefer the damaged copy of this very address, else the first spare of its kind.
            match = next((t for t in spare if t.folded and t.key == a.key), None)
            if match is None:
                match = next((t for t in spare if t.kind == a.kind), None)
            if match is not None:
                spare.remove(match)
                changed = pair.target[match.start : match.end]
                findings.append(
                    self.finding(
                        pair,
                        f"{a.kind} '{original}' of the source is changed to '{changed}'",
                        side="target",
                        start=match.start,
                        end=match.end,
                        suggestion=original,
                    )
                )
            else:
                findings.append(
                    self.finding(
                        pair,
                        f"{a.kind} '{original}' is missing from the target",
                        side="source",
                        start=a.start,
                        end=a.end,
                    )
                )
        return findings
