#!/usr/bin/env bash
# The package as users get it (tests marked `package`, deselected by the quick run):
# `python -m build` (sdist + wheel), `twine check --strict`, the sdist's contents, the
# wheel's licence metadata, and the wheel installed into two fresh venvs (newest
# dependencies with pip; the lowest declared versions with uv) running
# `transreview check corpora/*.txt`. Needs the package registry (the build requirements and
# the dependencies are downloaded). About a minute.
#
#   bash scripts/ci-package.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/pytest ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[dev]'
fi

set +e
.venv/bin/pytest -q -m package "$@"
code=$?
set -e
if [[ $code -eq 5 ]]; then
  echo "ci-package: pytest collected no package test: that is a failure here" >&2
  code=1
fi
exit $code
