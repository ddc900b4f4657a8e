"""The records are plain values: importing them loads no database driver and no store."""

from __future__ import annotations

import subprocess
import sys


def test_records_import_no_storage() -> None:
    code = (
        "import sys, transreview.records\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('sqlite3', '_sqlite3', 'psycopg')"
        " or k == 'transreview.store' or k.startswith('transreview.store.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"transreview.records loaded: {out.stdout}"


def test_storage_is_detectable() -> None:
    """Guard against the test above passing vacuously: importing the store loads sqlite3."""
    code = "import sys, transreview.store\nprint('sqlite3' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
