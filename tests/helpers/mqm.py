"""A reviewed project of the Shanxi seed page, for the MQM report tests (HTML, JSON, browser)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.corpora import SHANXI
from transreview.project import import_inputs
from transreview.review import ReviewSession


def shanxi_review(db: Path) -> dict[str, str]:
    """Import the seed page and review a little; the texts before and after, by pair key."""
    import_inputs(inputs=[SHANXI], db=db)
    with ReviewSession.open(db, "alice") as s:
        rows = {r.pair_key: r.pair_id for r in s.queue_page(0, 100)}

        def fid(key: str, check: str, text: str | None = None) -> int:
            return next(
                f.id for f in s.pair(rows[key]).findings
                if f.finding.check == check and (text is None or f.finding.text == text)
            )

        s.apply_suggestion(fid("p4", "places", "陕西"))  # critical confirmed, text corrected
        s.apply_suggestion(fid("p5", "places", "金城"))  # major confirmed, text corrected
        s.dismiss(fid("p5", "repetition"))  # a minor no longer counted
        s.approve(rows["p6"])
        s.approve(rows["p8"])
        v = s.pair(rows["p9"])
        i = v.pair.target.index("字母")
        s.add_finding(rows["p9"], "target", i, i + 2, "Accuracy/Mistranslation", "major",
                      "letters of interest: 意向书, not 字母")
        s.save_correction(rows["p9"], v.pair.target.replace("字母", "意向书"), v.version)
        return {k: s.pair(rows[k]).pair.target for k in ("p4", "p5", "p9")} | {
            f"{k}*": s.pair(rows[k]).current_target for k in ("p4", "p5", "p9")
        }
