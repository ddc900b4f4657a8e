"""The package as users get it: built with ``python -m build``, checked by ``twine check``,
installed from the wheel into a fresh virtual environment, run on the seed pages.

Marked ``package`` (deselected by the quick ``pytest -q``: building and two installs take
about a minute and need the package registry); ``scripts/ci-package.sh`` runs them.

The installs run outside the repository (the working directory is a temporary folder and
the venv has no access to ``src/``), so the seed check proves the wheel carries the code and
the gazetteer data it needs. The lowest-versions install pins every runtime dependency to
the floor ``pyproject.toml`` declares (uv's ``--resolution lowest-direct`` with the
dependencies named on the command line, so they are *direct*): a floor that is too low
fails here rather than on a user's machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

from tests.helpers.corpora import ROOT

pytestmark = pytest.mark.package

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
SEEDS = sorted((ROOT / "corpora").glob("*.txt"))


def _run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel of this checkout, built as ``python -m build`` builds them
    (an isolated build environment with the declared build requirements)."""
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheel = out / f"transreview-{VERSION}-py3-none-any.whl"
    sdist = out / f"transreview-{VERSION}.tar.gz"
    assert wheel.is_file() and sdist.is_file(), sorted(p.name for p in out.iterdir())
    return {"wheel": wheel, "sdist": sdist}


def test_twine_check_passes_on_both(dist):
    proc = _run([sys.executable, "-m", "twine", "check", "--strict", str(dist["sdist"]), str(dist["wheel"])],
                cwd=dist["wheel"].parent, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        return HeaderParser().parsestr(z.read(f"transreview-{VERSION}.dist-info/METADATA").decode())


def test_wheel_licence_metadata_names_the_code_and_the_data_licence(dist):
    meta = _metadata(dist["wheel"])
    assert meta["Metadata-Version"] == "2.4"  # the version that carries License-Expression
    # the code MIT; the gazetteer CC BY-SA 4.0 (CC-CEDICT and others); the world places' country
    # names from Unicode CLDR under the Unicode licence v3
    assert meta["License-Expression"] == "MIT AND CC-BY-SA-4.0 AND Unicode-3.0"
    assert sorted(meta.get_all("License-File")) == [
        "LICENSE", "src/transreview/data/gazetteer/LICENSE", "src/transreview/data/gazetteer/LICENSE.unicode"]
    with zipfile.ZipFile(dist["wheel"]) as z:
        lic = f"transreview-{VERSION}.dist-info/licenses/"
        code = z.read(lic + "LICENSE").decode()
        data = z.read(lic + "src/transreview/data/gazetteer/LICENSE").decode()
        unicode_licence = z.read(lic + "src/transreview/data/gazetteer/LICENSE.unicode").decode()
        names = set(z.namelist())
    assert code.startswith("MIT License")
    assert "CC BY-SA 4.0" in data and "CC-CEDICT" in data
    assert unicode_licence.startswith("UNICODE LICENSE V3")
    # the data those licences cover ships too
    assert {"transreview/data/gazetteer/places.tsv", "transreview/data/gazetteer/readings.tsv",
            "transreview/py.typed"} <= names


def test_wheel_metadata_declares_floors_classifiers_and_entry_point(dist):
    meta = _metadata(dist["wheel"])
    requires = meta.get_all("Requires-Dist")
    assert "textual>=8.0" in requires  # Select.NULL, Footer(compact=True), keymaps
    assert "Typing :: Typed" in meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in meta.get_all("Classifier")
    assert meta["Requires-Python"] == ">=3.11"
    with zipfile.ZipFile(dist["wheel"]) as z:
        entry = z.read(f"transreview-{VERSION}.dist-info/entry_points.txt").decode()
    assert "transreview = transreview.cli:main" in entry


def test_sdist_holds_what_rebuilds_and_tests_the_package(dist):
    with tarfile.open(dist["sdist"]) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    must = {
        "pyproject.toml", "MANIFEST.in", "README.md", "LICENSE",
        "scripts/build_gazetteer.py", "scripts/requirements-data.txt",  # regenerates the data
        "tests/conftest.py", "tests/helpers/cli.py", "tests/package/test_package.py",
        "benchmarks/compare_findings.py",  # tests import benchmarks.x
        "corpora/jhcga-shanxi-2016.txt", "corpora/climate-group-ningxia-2012.txt",
        "src/transreview/data/gazetteer/LICENSE", "src/transreview/data/gazetteer/places.tsv",
    }
    assert must <= names, sorted(must - names)
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".db"))]


def _seed_check(python: Path, tmp: Path) -> dict:
    """``transreview check corpora/*.txt`` with the venv's entry point, from outside the
    repository; returns the JSON report after checking the gate's exit code."""
    exe = python.parent / "transreview"
    where = _run([str(python), "-c", "import transreview; print(transreview.__file__)"], cwd=tmp)
    assert where.returncode == 0, where.stderr
    assert str(tmp) in where.stdout and str(ROOT / "src") not in where.stdout  # the installed copy
    out = tmp / "seed.json"
    proc = _run([str(exe), "check", *map(str, SEEDS), "--format", "json", "-o", str(out)], cwd=tmp, timeout=300)
    # the Shanxi page has a critical and several major findings: the default gate fails
    assert proc.returncode == 1, proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _assert_seed_findings(report: dict) -> None:
    """What a reader of the Shanxi page finds by hand: 陕西 (Shaanxi) written for Shanxi,
    and 金城 for Jincheng (晋城), a homophone found through readings.tsv; both need the
    gazetteer data inside the wheel."""
    assert report["summary"]["pairs"] == 41  # 28 Ningxia paragraphs + 13 Shanxi paragraphs
    places = {(f["text"], f["suggestion"], f["severity"])
              for p in report["pairs"] if p["doc"] == "jhcga-shanxi-2016.txt"
              for f in p["findings"] if f["check"] == "places"}
    assert places == {("陕西", "山西", "critical"), ("金城", "晋城", "major")}


def _fresh_venv(tmp: Path) -> Path:
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return venv / "bin" / "python"


def test_wheel_installs_in_a_fresh_venv_and_checks_the_seeds(dist, tmp_path):
    python = _fresh_venv(tmp_path)
    proc = _run([str(python), "-m", "pip", "install", "-q", str(dist["wheel"])], cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    _assert_seed_findings(_seed_check(python, tmp_path))


def _floors() -> dict[str, str]:
    """``{name: lowest version}`` from the ``>=`` of every runtime dependency."""
    floors = {}
    for spec in PYPROJECT["project"]["dependencies"]:
        name, _, low = spec.partition(">=")
        assert low and "," not in low, f"{spec}: every runtime dependency declares a floor"
        floors[name.strip().lower()] = low.strip()
    return floors


def _release(version: str) -> tuple[int, ...]:
    """``"5.0"`` -> ``(5, 0, 0, 0)``: padded, so 5.0 and 5.0.0 compare equal."""
    parts = tuple(int(x) for x in version.split("."))
    return parts + (0,) * (4 - len(parts))


def test_wheel_works_with_the_lowest_declared_dependency_versions(dist, tmp_path):
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    assert Path(uv).exists(), "uv is in the dev extra: pip install -e '.[dev]'"
    python = _fresh_venv(tmp_path)
    deps = PYPROJECT["project"]["dependencies"]
    proc = _run([uv, "pip", "install", "--python", str(python), "--resolution", "lowest-direct",
                 str(dist["wheel"]), *deps], cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    listed = _run([str(python), "-c", "import importlib.metadata as m, json; "
                   "print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()}))"],
                  cwd=tmp_path)
    installed = json.loads(listed.stdout)
    for name, low in _floors().items():
        # the floor itself, not a newer release
        assert _release(installed[name]) == _release(low), (name, installed[name], low)
    _assert_seed_findings(_seed_check(python, tmp_path))
