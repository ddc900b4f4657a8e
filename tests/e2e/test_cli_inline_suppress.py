"""Inline suppressions end to end: a PO translator comment or an XLIFF note
``transreview: ignore CHECK`` silences that check on that unit only, in ``transreview check``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import run_cli
from transreview.model import Pair
from transreview.suppress import suppressed_checks

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"

# transreview: ignore punctuation
msgid "Hello, world"
msgstr "你好,世界"

msgid "Goodbye, world"
msgstr "再见,世界"

#. transreview: ignore punctuation
msgid "Good night, moon"
msgstr "晚安,月亮"

# transreview: ignore all
msgid "the park of the city"
msgstr "城市的的公园, 好"
"""

XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app" source-language="en" target-language="zh-CN" datatype="plaintext">
    <body>
      <trans-unit id="a">
        <source>Hello, world</source><target>你好,世界</target>
        <note>Shown on the start page.
transreview: ignore repetition, punctuation</note>
      </trans-unit>
      <trans-unit id="b">
        <source>Goodbye, world</source><target>再见,世界</target>
        <note>transreview: ignore punctuaton</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def found(path: Path) -> list[tuple[str, str]]:
    run = run_cli("check", path, "--format", "json", "-o", "-", "--fail-on", "never", "--no-progress")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    return [(p["source"], f["check"]) for p in report["pairs"] for f in p["findings"]]


def test_po_translator_comment_silences_the_named_check(tmp_path: Path) -> None:
    po = tmp_path / "zh_CN.po"
    po.write_text(PO, encoding="utf-8")
    # by hand: each unit has a half-width comma (punctuation); only the commented ones are silenced;
    # an extracted comment (#.) is the programmer's, not a suppression; "all" silences everything
    assert found(po) == [("Goodbye, world", "punctuation"), ("Good night, moon", "punctuation")]


def test_xliff_note_silences_the_named_check_and_a_typo_silences_nothing(tmp_path: Path) -> None:
    xlf = tmp_path / "app.xlf"
    xlf.write_text(XLIFF12, encoding="utf-8")
    assert found(xlf) == [("Goodbye, world", "punctuation")]


def test_the_marker_parser() -> None:
    def checks(**meta) -> frozenset[str]:
        return suppressed_checks(Pair("1", "a", "b", meta=meta))

    assert checks(tcomment="transreview: ignore punctuation, places") == {"punctuation", "places"}
    assert checks(tcomment="first line\n  Transreview: IGNORE numbers") == {"numbers"}
    assert checks(notes=["transreview: ignore glossary repetition"]) == {"glossary", "repetition"}
    assert checks(tcomment="do not transreview: ignore punctuation") == frozenset()  # not at a line start
    assert checks(notes=["transreview: major Accuracy/Mistranslation"]) == frozenset()  # an exported note
    assert checks(comment="transreview: ignore punctuation") == frozenset()  # #. extracted comment
    assert checks() == frozenset()
