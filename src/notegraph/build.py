"""The whole pipeline in one call: read → structure → extract → assemble (→ export).

>>> result = build("data/sample-notes")  # doctest: +SKIP
>>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
True
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import networkx as nx

from .catalog import ENTITY_KINDS, USER_CATALOG_NAME
from .extract import Mention, component_of, load_pipeline, mentions_of
from .graph import assemble
from .notes import read_notes
from .problems import Problems
from .structure import Structure, structure_of

__all__ = ["BuildResult", "build", "NotesFolderError"]


class NotesFolderError(ValueError):
    """The notes folder does not exist or cannot be read."""


@dataclass
class BuildResult:
    """A built graph with what the run saw: the structures, mentions and problems."""

    graph: nx.MultiDiGraph
    structures: list[Structure]
    mentions: dict[str, list[Mention]]
    problems: Problems
    catalog_version: str = ""
    stats: dict = field(default_factory=dict)

    def summary(self) -> str:
        """The closing summary printed by the CLI."""
        g = self.graph
        kinds = Counter(d.get("kind") for _, d in g.nodes(data=True))
        lines = [
            f"notes read: {kinds['note']}  (event notes: {sum(1 for s in self.structures if s.is_event)})",
            f"talks: {kinds['talk']}",
            "entities: " + ", ".join(f"{k} {kinds[k]}" for k in ENTITY_KINDS),
            f"edges: {g.number_of_edges()}  mentions: {self.stats.get('mentions', 0)}",
        ]
        skipped = self.problems.skipped()
        lines.append(f"files skipped: {len(skipped)}")
        lines += [f"  {p.path}: {p.reason}" for p in skipped]
        warnings = [p for p in self.problems if p.severity != "skipped"]
        if warnings:
            lines.append(f"warnings: {len(warnings)}")
            lines += [f"  {p.path}: {p.reason}" for p in warnings]
        return "\n".join(lines)


def user_catalogs(folder: Path, extra: list[str | os.PathLike]) -> list[str]:
    """Catalog extensions: ``notegraph.yaml`` in the notes folder (if any), then ``--catalog`` files."""
    found = [str(folder / USER_CATALOG_NAME)] if (folder / USER_CATALOG_NAME).is_file() else []
    return found + [str(p) for p in extra]


def build(folder: str | os.PathLike, *, catalog: str | os.PathLike | None = None,
          extra_catalogs: list[str | os.PathLike] = (), nlp=None,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Read a notes folder and return its knowledge graph.

    ``catalog`` replaces the shipped catalog; ``extra_catalogs`` (and ``notegraph.yaml`` in the folder)
    extend it; ``nlp`` reuses an already loaded pipeline; ``progress(done, total)`` is called per note.
    """
    folder = Path(folder)
    if not folder.exists():
        raise NotesFolderError(f"notes folder not found: {folder}")
    if not folder.is_dir():
        raise NotesFolderError(f"not a folder: {folder}")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise NotesFolderError(f"notes folder is not readable: {folder}")
    problems = Problems()
    notes = read_notes(folder, problems)
    structures = [structure_of(n) for n in notes]
    nlp = nlp or load_pipeline(catalog, user_catalogs(folder, list(extra_catalogs)))
    mentions: dict[str, list[Mention]] = {}
    for i, s in enumerate(structures, 1):
        mentions[s.note.path] = mentions_of(s, nlp)
        if progress:
            progress(i, len(structures))
    cat = component_of(nlp).catalog
    graph = assemble(structures, mentions, cat)
    stats = {"notes": len(notes), "mentions": sum(len(m) for m in mentions.values()),
             "characters": sum(len(n.body) for n in notes)}
    return BuildResult(graph, structures, mentions, problems, cat.version, stats)
