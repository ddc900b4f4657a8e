"""The scripted terminal probe: escape sequences in every user-visible string (segment text,
pair ids, file names, reviewer names) and not one raw ESC, C1 or bidi control reaches
stdout, stderr or the review UI's rendered screen; no line of a text report can start a
GitHub workflow command; the HTML report shows a reversed number visibly."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from transreview.review import ReviewSession
from transreview.sanitize import json_safe, no_workflow_command, visible

TITLE = "\x1b]0;pwned\x07"
CLIP = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: `rm -rf ~` into the clipboard
CLEAR = "\x1b[2J\x1b[H"
CSI_C1 = "\x9b31m"
RLO = "\u202e"
EVIL = TITLE + CLIP + CLEAR + CSI_C1
FILE = f"evil{CLEAR}{CSI_C1}.tsv"
REVIEWER = f"mallory{TITLE}{CSI_C1}"
ROWS = [
    (f"::add-mask::{EVIL}1", f"The 12 cats{EVIL} left.", f"{RLO}21{EVIL}只猫走了。"),
    (f"::stop-commands::{EVIL}", f"Visit Shanxi{EVIL} in 2024.", f"2025年去陕西{CSI_C1}。{TITLE}"),
    ("plain", "All checks passed. 0 findings.", f"{CLEAR}All checks passed. 0 findings."),
]
#: Raw terminal controls and bidi overrides/isolates: none may reach a terminal.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str, where: str) -> None:
    bad = FORBIDDEN.search(text)
    assert bad is None, f"raw {bad.group()!r} in {where}: {text[max(0, bad.start() - 40): bad.end() + 40]!r}"
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), f"workflow command in {where}: {line!r}"


def _write_corpus(work: Path) -> Path:
    path = work / FILE
    lines = ["id\tsource\ttarget"] + ["\t".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sanitiser_table() -> None:
    assert visible("a\x1b[2Jb\tc") == "a␛[2Jb\tc"
    assert visible("\x00\x07\n\x7f") == "␀␇␊␡"
    assert visible("x\ny", keep="\t\n") == "x\ny"
    assert visible("\x9b2J") == "⟨U+009B⟩2J"
    assert visible("\u202e21\u2069") == "⟨RLO⟩21⟨PDI⟩"
    assert visible("陕西 2024 «x»") == "陕西 2024 «x»"
    assert json_safe('"\x9b\u202e\ud800"') == '"\\u009b\\u202e\\ud800"'
    assert no_workflow_command("  ::add-mask::x") == "›  ::add-mask::x"
    assert no_workflow_command("a ::b") == "a ::b"


def test_no_raw_control_reaches_the_terminal_from_any_command(work: Path) -> None:
    _write_corpus(work)
    runs = {
        "check text": run_cli("check", FILE, "--no-progress", "--fail-on", "never", cwd=work),
        "check json": run_cli("check", FILE, "--no-progress", "--fail-on", "never", "--format", "json", cwd=work),
        "check junit": run_cli("check", FILE, "--no-progress", "--fail-on", "never", "--format", "junit", cwd=work),
        "import": run_cli("import", FILE, "--db", "p.db", "--reviewer", REVIEWER, cwd=work),
        "export": run_cli("export", "p.db", "--format", "tsv", "-o", "out.tsv", cwd=work),
        "report md": run_cli("report", "p.db", "--format", "md", cwd=work),
        "report json": run_cli("report", "p.db", "--format", "json", cwd=work),
        "bad input": run_cli("check", f"missing{EVIL}.tsv", "--no-progress", cwd=work),
        "bad import": run_cli("import", f"missing{EVIL}.tsv", "--db", "q.db", cwd=work),
    }
    for name, run in runs.items():
        assert "Traceback" not in run.everything, (name, run.stderr)
        _clean(run.stdout, f"{name} stdout")
        _clean(run.stderr, f"{name} stderr")
    text = runs["check text"].stdout
    assert "␛]52;c;cm0gLXJmIH4=␇" in text  # shown, not obeyed
    assert "›::add-mask::" in text
    assert "⟨RLO⟩21" in text
    # byte-exact where the output is a file for machines
    exported = (work / "out.tsv").read_text(encoding="utf-8")
    assert all(f"{i}\t{src}\t{tgt}\n" in exported for i, src, tgt in ROWS), exported
    assert runs["bad input"].returncode == 2


def test_html_report_shows_a_reversed_number(work: Path) -> None:
    _write_corpus(work)
    assert run_cli("import", FILE, "--db", "p.db", cwd=work).returncode == 0
    run = run_cli("report", "p.db", "-o", "r.html", cwd=work)
    assert run.returncode == 0, run.stderr
    page = (work / "r.html").read_text(encoding="utf-8")
    assert RLO not in page and "\x1b" not in page and "\x9b" not in page
    # between the visible ⟨RLO⟩ and 21 only markup may stand: tags, and the footnote number
    # of a finding on the RLO itself (the invisible check reports it)
    assert re.search("⟨RLO⟩(<[^>]*>|<sup>\\d+</sup>)*21", page), "the reversed 21 is not shown as such"


def _rendered_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip if not seg.control) for strip in strips)


async def _drive(db: Path) -> list[str]:
    from transreview.tui.app import ReviewApp

    screens: list[str] = []
    with ReviewSession.open(db, REVIEWER) as session:
        app = ReviewApp(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screens.append(_rendered_text(app))
            for keys in (["j"], ["j"], ["e"], ["escape"], ["h"], ["escape"], ["m"], ["escape"], ["?"], ["escape"]):
                await pilot.press(*keys)
                await pilot.pause()
                screens.append(_rendered_text(app))
            await pilot.press("k", "k", "h")  # the history of the corrected pair
            await pilot.pause()
            screens.append(_rendered_text(app))
    return screens


def test_no_raw_control_reaches_the_review_screen(work: Path) -> None:
    _write_corpus(work)
    assert run_cli("import", FILE, "--db", "p.db", "--reviewer", REVIEWER, cwd=work).returncode == 0
    with ReviewSession.open(work / "p.db", REVIEWER) as s:
        first = s.queue_page(0, 10)[0].pair_id
        s.save_correction(first, f"改{EVIL}{RLO}过", expected_version=0)
    screens = asyncio.run(_drive(work / "p.db"))
    joined = "\n".join(screens)
    assert "␛" in joined  # the hostile text is on screen, made visible
    for n, shown in enumerate(screens):
        bad = FORBIDDEN.search(shown.replace("\n", " "))
        assert bad is None, f"screen {n}: raw {bad.group()!r} near {shown[max(0, bad.start() - 30): bad.end() + 30]!r}"


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])


def test_json_safe_quick_test_matches_its_table() -> None:
    # json_safe only translates a line in which its character class finds something: the
    # class must find exactly the characters the table escapes, over all of Unicode
    from transreview.sanitize import _JSON_TABLE, _JSON_UNSAFE

    found = {c for c in range(0x110000) if _JSON_UNSAFE.search(chr(c))}
    assert found == set(_JSON_TABLE)
    assert json_safe("plain 山西 text") == "plain 山西 text"
    assert json_safe("a\u202eb") == "a\\u202eb"
