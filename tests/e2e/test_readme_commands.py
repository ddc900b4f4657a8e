"""Every command of the README works when pasted in order on a fresh clone (issue 15).

The README's shell blocks (```sh) are run line by line, in order, in a scratch folder that
holds a copy of ``corpora/`` (what a clone has), with this environment's ``transreview`` on the
PATH. A block preceded by ``<!-- readme-test: skip: REASON -->`` is not run (installing,
the interactive UI, data that must be downloaded): the reason is in the README itself. In the
example blocks written as a terminal session (lines starting with ``$``), the commands are run
too, and every output line shown in full (not elided with ``…``) must be in what they print.

A command passes when it exits 0, or 1 where the gate fails on purpose (``check`` on a page with
errors); a line whose comment says ``exit N`` must exit N (``exit N while …``: 0 or N). No command may print a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# The README shows sacrebleu 2.6.0's signatures; scripts/ci-lowest.sh runs sacrebleu 2.4.
_SACREBLEU_VERSION = re.compile(r"(version:|sacrebleu:)\d+(?:\.\d+)*")


def _any_sacrebleu(text: str) -> str:
    """``text`` with sacrebleu's version in signatures made one placeholder."""
    return _SACREBLEU_VERSION.sub(r"\1N", text)


SKIP = re.compile(r"<!--\s*readme-test:\s*skip:\s*(.+?)\s*-->")


def _blocks() -> list[tuple[int, str, list[str]]]:
    """(line number, kind, lines) of each code block not marked to skip; kind: sh or session."""
    lines = README.read_text(encoding="utf-8").splitlines()
    out: list[tuple[int, str, list[str]]] = []
    i = 0
    while i < len(lines):
        fence = lines[i].strip()
        if fence.startswith("```") and fence != "```" or fence == "```":
            lang = fence[3:]
            body: list[str] = []
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                body.append(lines[j])
                j += 1
            skipped = i > 0 and SKIP.search(lines[i - 1]) is not None
            if not skipped:
                if lang == "sh":
                    out.append((i + 1, "sh", body))
                elif lang == "" and body and body[0].startswith("$ "):
                    out.append((i + 1, "session", body))
            i = j + 1
            continue
        i += 1
    return out


def _run(cmd: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _expected_exit(line: str) -> set[int]:
    """``# exit N`` in the line's comment: exactly N; ``# exit N while …``: 0 or N (a fresh
    project: nothing corrected yet); no such comment: 0 or 1 (1 is a failed gate)."""
    m = re.search(r"#.*\bexit (\d)\b( while)?", line)
    if m is None:
        return {0, 1}
    return {0, int(m.group(1))} if m.group(2) else {int(m.group(1))}


def test_readme_blocks_are_found_and_skips_say_why() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(_blocks()) >= 4
    for reason in SKIP.findall(text):
        assert len(reason) > 10  # a reason a reader understands


def test_readme_commands_run_in_order(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "corpora", tmp_path / "corpora")
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("NO_COLOR", None)
    env["COLUMNS"] = "200"
    failures: list[str] = []
    ran = 0
    for start, kind, body in _blocks():
        if kind == "sh":
            for k, line in enumerate(body):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                res = _run(line, tmp_path, env)
                ran += 1
                where = f"README.md:{start + 1 + k}: {line.strip()}"
                if res.returncode not in _expected_exit(line):
                    failures.append(f"{where}\n  exit {res.returncode}: {res.stderr.strip()[-400:]}")
                if "Traceback" in res.stderr:
                    failures.append(f"{where}\n  traceback: {res.stderr.strip()[-400:]}")
        else:
            k = 0
            while k < len(body):
                cmd = body[k][2:]
                shown: list[str] = []
                k += 1
                while k < len(body) and not body[k].startswith("$ "):
                    shown.append(body[k])
                    k += 1
                res = _run(cmd, tmp_path, env)
                ran += 1
                where = f"README.md:{start}: $ {cmd}"
                if res.returncode not in {0, 1} or "Traceback" in res.stderr:
                    failures.append(f"{where}\n  exit {res.returncode}: {res.stderr.strip()[-400:]}")
                printed = _any_sacrebleu(res.stdout + res.stderr)
                for expected in shown:
                    if "…" in expected or not expected.strip():
                        continue
                    if _any_sacrebleu(expected.rstrip()) not in printed:
                        failures.append(f"{where}\n  README shows a line it does not print: {expected!r}")
    assert ran >= 20
    assert failures == [], "\n".join(failures)
