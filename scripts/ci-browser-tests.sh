#!/usr/bin/env bash
# Browser tests of the HTML report: headless Debian Chromium renders it with no console
# error. Installs Chromium (and a CJK font, so Chinese renders) with apt-get when missing;
# CI runs as root on Debian. Then runs the tests marked `browser` (deselected by default).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
fi

if [ ! -x .venv/bin/pytest ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[dev]'
fi

exec .venv/bin/pytest -q -m browser "$@"
