"""What each check is, for ``transreview checks`` and other front ends: read from the check
classes themselves (name, version, MQM category, default severity, parameters with their
defaults, what it catches, an example), so the listing cannot drift from the code."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Any

from transreview.checks import CHECKS, CorpusCheck, check_class


@dataclass(frozen=True)
class CheckInfo:
    """One check as the listing shows it."""

    name: str
    version: int
    category: str
    severity: str
    corpus_level: bool
    parameters: dict[str, Any]
    catches: str
    example: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "version": self.version, "category": self.category,
            "severity": self.severity, "corpus_level": self.corpus_level,
            "parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in self.parameters.items()},
            "catches": self.catches,
            "example": [{"source": s, "target": t} for s, t in self.example],
        }


def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:
            out[f.name] = f.default_factory()
    return out


def check_infos(names: list[str] | None = None) -> list[CheckInfo]:
    """Every registered check (or the named ones), in registry order."""
    infos = []
    for name in names if names is not None else list(CHECKS):
        cls = check_class(name)
        infos.append(CheckInfo(
            name=cls.name, version=cls.version, category=cls.category, severity=cls.severity.label,
            corpus_level=issubclass(cls, CorpusCheck), parameters=_defaults(cls),
            catches=cls.catches, example=cls.example,
        ))
    return infos


def format_infos(infos: list[CheckInfo]) -> str:
    """The plain-text listing: one block per check."""
    blocks = []
    for i in infos:
        lines = [f"{i.name}@{i.version}  {i.severity}  {i.category}" + ("  (over the whole run)" if i.corpus_level else "")]
        lines.append(f"  catches: {i.catches}")
        if i.parameters:
            shown = ", ".join(f"{k}={'/'.join(map(str, v)) if isinstance(v, tuple) else v}"
                              for k, v in i.parameters.items())
            lines.append(f"  parameters: {shown}")
        for source, target in i.example:
            lines.append(f"  example: {source!r} -> {target!r}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


__all__ = ["CheckInfo", "check_infos", "format_infos"]
