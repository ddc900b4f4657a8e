"""The core never imports the UI: importing every non-TUI module must not load textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import transreview


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(transreview.__path__, "transreview."):
        if info.name.startswith("transreview.tui"):
            continue
        names.append(info.name)
    return names


def test_core_modules_exist() -> None:
    mods = _core_modules()
    assert "transreview.model" in mods
    assert "transreview.cli" in mods


def test_core_does_not_import_textual() -> None:
    mods = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for m in {mods!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core modules imported textual: {out.stdout}"


def test_textual_is_detectable() -> None:
    """Guard against the test above passing vacuously: importing the TUI does load textual."""
    code = "import sys, textual\nprint('textual' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
