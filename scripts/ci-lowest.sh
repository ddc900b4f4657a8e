#!/usr/bin/env bash
# The test suite at the lowest dependency versions pyproject.toml declares: every runtime
# dependency pinned to its floor (`click>=8.1` -> click==8.1) and the test tools of the dev
# extra at their own floors (uv's --resolution lowest-direct), in a fresh venv (.venv-lowest,
# made anew each run).
# Then the quick suite (the README's pytest run: not the browser, PostgreSQL or package tests).
#
#   bash scripts/ci-lowest.sh [extra pytest arguments]
#
# Left out of that venv, with the reason:
# - ruff, mypy, import-linter, build, twine, uv: tools that read the source or build the
#   package, not libraries the code runs on; CI runs them in .venv, and
#   tests/test_import_contracts.py (which runs lint-imports) with them, not here.
# - tests/tui/test_snapshots.py: the SVG snapshots are drawn by the textual .venv installs
#   (the newest); another textual draws other pixels. The other TUI tests run here.
# - translate-toolkit's XLIFF 2 reader (3.17+, needs lxml >= 5.2) does not fit lxml 5.0: the
#   one test that reads XLIFF 2 back with it skips.
# Needs the package registry (uv downloads the pinned versions). Uses .venv's uv (dev extra).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/uv ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[dev]'
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# floors.txt: name==floor of every runtime dependency; tools.txt: the dev extra less the tools above
.venv/bin/python - "$work" <<'PY'
import re
import sys
import tomllib
from pathlib import Path

out = Path(sys.argv[1])
project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
floors = []
for spec in project["dependencies"]:
    name, _, low = spec.partition(">=")
    if not low or "," in low:
        sys.exit(f"ci-lowest: {spec!r} has no single '>=' floor")
    floors.append(f"{name.strip()}=={low.strip()}")
not_runtime = {"ruff", "mypy", "import-linter", "build", "twine", "uv"}
tools = [s for s in project["optional-dependencies"]["dev"]
         if re.split(r"[\[<>=!~ ;]", s, maxsplit=1)[0].lower() not in not_runtime]
(out / "floors.txt").write_text("\n".join(floors) + "\n", encoding="utf-8")
(out / "tools.txt").write_text("\n".join(tools) + "\n", encoding="utf-8")
PY

rm -rf .venv-lowest
python3 -m venv .venv-lowest
# lowest-direct: the test tools at their own declared floors too (pytest 8.0, hypothesis 6.100…)
.venv/bin/uv pip install -q --python .venv-lowest/bin/python --resolution lowest-direct \
  -c "$work/floors.txt" -e . -r "$work/tools.txt"

# the floors really are what got installed (a constraint could be satisfied by a local build)
.venv-lowest/bin/python - "$work/floors.txt" <<'PY'
import importlib.metadata as md
import sys

def release(v: str) -> tuple[int, ...]:
    parts = tuple(int(x) for x in v.split(".")[:4])
    return parts + (0,) * (4 - len(parts))

bad = []
for line in open(sys.argv[1], encoding="utf-8").read().split():
    name, _, floor = line.partition("==")
    have = md.version(name)
    if release(have) != release(floor):
        bad.append(f"{name} {have} (floor {floor})")
if bad:
    sys.exit("ci-lowest: not at the floor: " + ", ".join(bad))
print("ci-lowest: " + ", ".join(line.replace("==", " ") for line in open(sys.argv[1]).read().split()))
PY

.venv-lowest/bin/python -m pytest -q -p no:cacheprovider \
  --ignore=tests/test_import_contracts.py --ignore=tests/tui/test_snapshots.py "$@"
