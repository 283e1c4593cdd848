"""Problems found while reading notes: one record per file and reason, collected, never raised.

Every stage reports bad input here instead of failing, so that a run goes on and the summary
(and ``problems.json``) can say which file was skipped or degraded, and why.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field

__all__ = ["Problem", "Problems"]

log = logging.getLogger("notegraph")


@dataclass(frozen=True)
class Problem:
    """A file notegraph could not use fully: ``severity`` is ``skipped`` (not read: a problem),
    ``warning`` (read, with a problem) or ``ignored`` (left out on purpose, e.g. hidden folders)."""

    path: str
    reason: str
    severity: str = "warning"


@dataclass
class Problems:
    """An ordered, de-duplicated list of problems that also logs each one as it arrives."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, reason: str, severity: str = "warning") -> None:
        """Record (and log once) that ``path`` had a problem."""
        problem = Problem(str(path), reason, severity)
        if problem in self.items:
            return
        self.items.append(problem)
        if severity != "ignored":
            log.warning("%s: %s (%s)", path, reason, severity)

    def skipped(self) -> list[Problem]:
        """Problems that made a file unusable."""
        return [p for p in self.items if p.severity == "skipped"]

    def serious(self) -> list[Problem]:
        """Problems that count for ``--strict`` (everything but files ignored on purpose)."""
        return [p for p in self.items if p.severity != "ignored"]

    def to_json(self) -> str:
        """The problems as a JSON array (for ``problems.json``)."""
        return json.dumps([asdict(p) for p in self.items], ensure_ascii=False, indent=1)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)
