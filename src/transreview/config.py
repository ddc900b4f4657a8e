"""Configuration: ``[tool.transreview]`` in ``pyproject.toml``, or a ``transreview.toml``.

Found like ruff and pytest find theirs: from the folder of the first input (the working
directory for standard input) upward, the first folder holding a ``transreview.toml`` or a
``pyproject.toml`` with a ``[tool.transreview]`` table wins (``transreview.toml`` first
when a folder has both). Command-line flags override it; the front end decides which flags
were given (``cli._configured``, for check, import and review). Keys::

    [tool.transreview]
    fail-on = "critical"             # minor | major | critical | never
    glossaries = ["terms.csv"]       # relative to the configuration file
    source-lang = "en"
    target-lang = "zh"
    format = "text"                  # default report format
    output = ["sarif:findings.sarif", "text:-"]

    [tool.transreview.checks.repetition]
    enabled = false
    [tool.transreview.checks.places]
    severity = "critical"            # every finding of the check gets this severity
    [tool.transreview.checks.omission]
    z_limit = 4.0                    # any parameter of the check (``transreview checks``)

Every value is validated on load: an unknown key, check or parameter, or a bad value, is a
:class:`~transreview.errors.UsageError` naming the file (exit 2), never silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transreview.errors import UsageError

DEFAULTS: dict[str, Any] = {
    "fail-on": "major",
    "glossaries": [],
    "source-lang": "en",
    "target-lang": "zh",
    "format": None,
    "output": [],
}
FAIL_ON = ("minor", "major", "critical", "never")
CHECK_KEYS = ("enabled", "severity")


@dataclass
class Config:
    """The configuration file's settings (what it does not set keeps its default)."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    #: check -> {"enabled": bool, "severity": str, parameter: value}
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        if self.path is None:
            return "default"
        return str(self.path) + (" [tool.transreview]" if self.path.name == "pyproject.toml" else "")

    def get(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS[key])

    def source(self, key: str) -> str:
        return self.where if key in self.values else "default"

    def disabled(self) -> list[str]:
        return [name for name, c in self.checks.items() if c.get("enabled") is False]

    def severities(self) -> dict[str, str]:
        return {name: c["severity"] for name, c in self.checks.items() if "severity" in c}

    def check_params(self) -> dict[str, dict[str, Any]]:
        return {name: {k: v for k, v in c.items() if k not in CHECK_KEYS}
                for name, c in self.checks.items() if any(k not in CHECK_KEYS for k in c)}


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"{path}: not valid TOML: {e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("transreview")
        return table if isinstance(table, dict) else None
    return data


def find_config(start: Path) -> Path | None:
    """The configuration file for inputs in ``start`` (a folder): searched upward."""
    folder = start.resolve()
    for d in (folder, *folder.parents):
        own = d / "transreview.toml"
        if own.is_file():
            return own
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def _fail(path: Path, message: str) -> UsageError:
    return UsageError(f"{path}: {message}")


def _validate_check(path: Path, name: str, table: Any) -> dict[str, Any]:
    from transreview.checks import CHECKS, check_class
    from transreview.model import Severity

    if name not in CHECKS:
        raise _fail(path, f"unknown check {name!r} in checks; valid checks: {', '.join(CHECKS)}")
    if not isinstance(table, dict):
        raise _fail(path, f"checks.{name} must be a table")
    out: dict[str, Any] = {}
    from dataclasses import fields

    known = {f.name for f in fields(check_class(name))}
    for key, value in table.items():
        if key == "enabled":
            if not isinstance(value, bool):
                raise _fail(path, f"checks.{name}.enabled must be true or false")
        elif key == "severity":
            try:
                value = Severity.parse(str(value)).label
            except ValueError as e:
                raise _fail(path, f"checks.{name}.severity: {e}") from None
        elif key not in known:
            raise _fail(path, f"check '{name}' has no parameter {key!r}; its parameters: "
                              f"{', '.join(sorted(known)) or 'none'}; or enabled, severity")
        elif isinstance(value, list):
            value = tuple(value)
        out[key] = value
    if name == "glossary" and "glossaries" in out:
        out["glossaries"] = tuple(str((path.parent / g).resolve()) for g in out["glossaries"])
    return out


def load_config(path: Path) -> Config:
    """The validated configuration in ``path`` (a transreview.toml or a pyproject.toml)."""
    table = _table(path) or {}
    cfg = Config(path=path)
    for key, value in table.items():
        if key == "checks":
            if not isinstance(value, dict):
                raise _fail(path, "checks must be a table of tables, [checks.NAME]")
            cfg.checks = {name: _validate_check(path, name, t) for name, t in value.items()}
            continue
        if key not in DEFAULTS:
            raise _fail(path, f"unknown key {key!r}; known: {', '.join([*DEFAULTS, 'checks'])}")
        if key == "fail-on" and value not in FAIL_ON:
            raise _fail(path, f"fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}")
        if key in ("glossaries", "output"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _fail(path, f"{key} must be a list of strings")
            if key == "glossaries":
                value = [str((path.parent / v).resolve()) for v in value]
        elif not isinstance(value, str):
            raise _fail(path, f"{key} must be a string")
        if key == "format":
            from transreview.ci.report import WRITERS

            if value not in WRITERS:
                raise _fail(path, f"format must be one of {', '.join(WRITERS)}, not {value!r}")
        cfg.values[key] = value
    return cfg


def discover(inputs: Sequence[str | Path]) -> Config:
    """The configuration for these inputs (none found: every value at its default)."""
    first = next((Path(p) for p in inputs if str(p) != "-"), None)
    start = first.parent if first is not None else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    path = find_config(start)
    return load_config(path) if path is not None else Config()


def describe(cfg: Config, overrides: dict[str, Any] | None = None) -> str:
    """The effective configuration, one ``key = value  # source`` line each (TOML values)."""
    import json

    overrides = overrides or {}
    lines = [f"# configuration file: {cfg.where if cfg.path else 'none found'}"]
    for key in DEFAULTS:
        if key in overrides:
            value, source = overrides[key], "command line"
        else:
            value, source = cfg.get(key), cfg.source(key)
        shown = "(unset)" if value is None else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key} = {shown}  # {source}")
    for name in sorted(cfg.checks):
        for key, value in cfg.checks[name].items():
            shown = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
            lines.append(f"checks.{name}.{key} = {shown}  # {cfg.where}")
    return "\n".join(lines) + "\n"


__all__ = ["DEFAULTS", "Config", "describe", "discover", "find_config", "load_config"]
