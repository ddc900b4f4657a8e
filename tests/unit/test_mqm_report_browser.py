"""The HTML report in a real browser: headless Debian Chromium renders it with no console
error (a CSP violation, a failed load or a script error would all log one) and takes the
screenshot. Deselected by default (marker ``browser``); ``scripts/ci-browser-tests.sh``
installs Chromium when missing and runs these."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.helpers.mqm import shanxi_review
from transreview.mqm.write import write_mqm_report

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--enable-logging=stderr", "--v=0",
]


def run_chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def console_lines(stderr: str) -> list[str]:
    """Chromium logs each console message (errors included) as ``INFO:CONSOLE(...)``."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    shanxi_review(tmp / "shanxi.db")
    out = tmp / "report.html"
    write_mqm_report(tmp / "shanxi.db", output=out, threshold=100)
    return out


def test_the_console_check_can_fail(tmp_path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><p>x</p><script>console.error("marker-42")</script>', encoding="utf-8")
    result = run_chromium(tmp_path, "--dump-dom", bad.as_uri())
    assert any("marker-42" in line for line in console_lines(result.stderr))


def test_report_renders_without_console_errors(report_file, tmp_path) -> None:
    result = run_chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    assert "<h2>jhcga-shanxi-2016.txt</h2>" in result.stdout
    assert result.stdout.count('<svg class="bars"') == 2


def test_report_screenshot(report_file, tmp_path) -> None:
    shot = tmp_path / "report.png"
    result = run_chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", "--hide-scrollbars",
        report_file.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    assert png_size(shot) == (1200, 1600)
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one (a blank PNG is ~5 KB)


def test_paged_report_and_its_pages_render_without_console_errors(tmp_path, monkeypatch) -> None:
    """A large project's report (limits lowered: 2 inline, 3 a page) and one of its pages."""
    from tests.helpers.corpora import SHANXI
    from transreview.mqm import html, model
    from transreview.project import import_inputs

    monkeypatch.setattr(html, "INLINE_PAIRS", 2)
    monkeypatch.setattr(html, "PAGE_PAIRS", 3)
    monkeypatch.setattr(model, "WORST_PAIRS", 2)
    db = tmp_path / "shanxi.db"
    import_inputs(inputs=[SHANXI], db=db)
    out = tmp_path / "report.html"
    write_mqm_report(db, output=out)
    page = tmp_path / "report_files" / "doc1-page2.html"
    for shown in (out, page):
        result = run_chromium(tmp_path, "--dump-dom", shown.as_uri())
        assert result.returncode == 0, result.stderr[-2000:]
        assert console_lines(result.stderr) == []
        assert '<div class="pair" id="pair-' in result.stdout
