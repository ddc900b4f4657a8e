"""What an XLIFF file says of its units: ``translate="no"`` skipped, declared untranslated
units reported once and apart (not as major omissions). Unit texts are autowp's (MIT)."""

from __future__ import annotations

from pathlib import Path

from transreview.checks import build_checks
from transreview.formats.xliff import read
from transreview.model import Severity
from transreview.pipeline import run_checks

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" target-language="zh-CN" datatype="plaintext" original="ng2.template">
    <body>
      <trans-unit id="copied" datatype="html">
        <source>Specifications Admin</source>
        <target state="needs-translation">Specifications Admin</target>
      </trans-unit>
      <trans-unit id="empty" datatype="html">
        <source>Other topics not included in the above sections</source>
        <target state="new"></target>
      </trans-unit>
      <trans-unit id="brand" translate="no">
        <source>Telegram is primarily a system of instant messaging</source>
        <target>Telegram is primarily a system of instant messaging</target>
      </trans-unit>
      <trans-unit id="translated-copy" datatype="html">
        <source>Buses without type</source>
        <target state="translated">Buses without type</target>
      </trans-unit>
      <trans-unit id="done" datatype="html">
        <source>magnesium alloy</source>
        <target state="translated">镁合金</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _findings(tmp_path: Path) -> dict[str, list]:
    path = tmp_path / "autowp.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    return {r.pair.id: list(r.findings) for r in run_checks(read(path), build_checks())}


def test_declared_untranslated_units_get_one_minor_finding(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    for key, state in (("copied", "needs-translation"), ("empty", "new")):
        (f,) = found[key]
        assert (f.check, f.severity, f.category) == ("untranslated", Severity.MINOR, "Accuracy/Untranslated")
        assert f.message.startswith("untranslated unit") and state in f.message


def test_translate_no_is_not_checked(tmp_path: Path) -> None:
    assert _findings(tmp_path)["brand"] == []


def test_a_copy_marked_translated_is_still_a_major(tmp_path: Path) -> None:
    """The file claims it is translated: the copy is the real defect the check exists for."""
    found = _findings(tmp_path)
    assert [(f.check, f.severity) for f in found["translated-copy"]] == [("untranslated", Severity.MAJOR)]
    assert found["done"] == []
