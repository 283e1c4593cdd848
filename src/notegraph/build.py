"""The whole pipeline in one call: read → structure → extract → assemble (→ export).

>>> result = build("data/sample-notes")  # doctest: +SKIP
>>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
True
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Callable

import networkx as nx

from .cache import ExtractionCache, extraction_key, content_hash
from .catalog import ENTITY_KINDS, USER_CATALOG_NAME, load_catalog
from .extract import Mention, NoteExtraction, component_of, extract_note, load_pipeline
from .graph import assemble
from .notes import MAX_NOTE_BYTES, read_notes
from .problems import Problems
from .structure import Structure, structure_of

__all__ = ["BuildResult", "build", "NotesFolderError"]


class NotesFolderError(ValueError):
    """The notes folder does not exist or cannot be read."""


@dataclass
class BuildResult:
    """A built graph with what the run saw: the structures, each note's extraction, the problems."""

    graph: nx.MultiDiGraph
    structures: list[Structure]
    extractions: dict[str, NoteExtraction]
    problems: Problems
    catalog_version: str = ""
    stats: dict = field(default_factory=dict)

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        """Every note's mentions (catalog entities, then proposed companies), by note path."""
        return {path: x.all_mentions() for path, x in self.extractions.items()}

    def show(self, height: str = "600px"):
        """The interactive graph inline in Jupyter (offline); see :func:`notegraph.query.show`."""
        from .query import show

        return show(self.graph, height=height)

    def evidence(self, u: str, v: str) -> list[dict]:
        """Why is there an edge between ``u`` and ``v``? File, line and sentence of each relation."""
        from .query import evidence

        return evidence(self.graph, u, v)

    def entities(self, kind: str | None = None):
        """Entities (of one kind) as a DataFrame with note/talk/mention counts."""
        from .query import entities

        return entities(self.graph, kind)

    def summary(self) -> str:
        """The closing summary printed by the CLI."""
        g = self.graph
        kinds = Counter(d.get("kind") for _, d in g.nodes(data=True))
        lines = [
            f"notes read: {kinds['note']}  (event notes: {sum(1 for s in self.structures if s.is_event)})",
            f"talks: {kinds['talk']}",
            "entities: " + ", ".join(f"{k} {kinds[k]}" for k in ENTITY_KINDS),
            f"edges: {g.number_of_edges()}  mentions: {self.stats.get('mentions', 0)}",
            f"notes re-processed: {self.stats.get('processed', 0)} of {self.stats.get('notes', 0)}"
            + (f" ({self.stats['cached']} from cache)" if self.stats.get("cached") else ""),
        ]
        skipped = self.problems.skipped()
        lines.append(f"files skipped: {len(skipped)}")
        lines += [f"  {p.path}: {p.reason}" for p in skipped]
        ignored = [p for p in self.problems if p.severity == "ignored"]
        if ignored:
            lines.append(f"ignored on purpose: {len(ignored)} ({', '.join(p.path for p in ignored[:5])}"
                         + (", …)" if len(ignored) > 5 else ")"))
        warnings = [p for p in self.problems if p.severity == "warning"]
        if warnings:
            lines.append(f"warnings: {len(warnings)}")
            lines += [f"  {p.path}: {p.reason}" for p in warnings]
        return "\n".join(lines)


def user_catalogs(folder: Path, extra: list[str | os.PathLike]) -> list[str]:
    """Catalog extensions: ``notegraph.yaml`` in the notes folder (if any), then ``--catalog`` files."""
    found = [str(folder / USER_CATALOG_NAME)] if (folder / USER_CATALOG_NAME).is_file() else []
    return found + [str(p) for p in extra]


def build(folder: str | os.PathLike, *, catalog: str | os.PathLike | None = None,
          extra_catalogs: list[str | os.PathLike] = (), nlp=None, parser=None,
          cache: str | os.PathLike | None = None, max_note_bytes: int = MAX_NOTE_BYTES,
          follow_symlinks: bool = False, min_cooccurrence: int = 2, min_pmi: float = 0.0,
          progress: Callable[[str, int, int], None] | None = None) -> BuildResult:
    """Read a notes folder and return its knowledge graph.

    ``catalog`` replaces the shipped catalog; ``extra_catalogs`` (and ``notegraph.yaml`` in the folder)
    extend it; ``nlp`` (tokenizer + entities; its catalog then wins over ``catalog``) and ``parser``
    (full ja_ginza, used for relation candidates only) reuse already loaded pipelines; ``cache`` is an SQLite file of per-note
    results (only changed notes are re-processed); larger notes than ``max_note_bytes`` are skipped;
    symlinks leaving the folder are followed only with ``follow_symlinks``; ``co_occurs`` edges need
    ``min_cooccurrence`` shared talks/notes and a PMI above ``min_pmi``; ``progress(pass, done, total)`` is
    called as each pass (structure, extracting, assembling) advances.
    """
    folder = check_folder(Path(folder))
    problems = Problems()
    notes = read_notes(folder, problems, max_bytes=max_note_bytes, follow_symlinks=follow_symlinks)
    report = progress or (lambda stage, done, total: None)
    structures = []
    for i, n in enumerate(notes, 1):
        structures.append(structure_of(n))
        if i % 64 == 0 or i == len(notes):
            report("structure", i, len(notes))
    extras = user_catalogs(folder, list(extra_catalogs))
    cat = component_of(nlp).catalog if nlp is not None else load_catalog(catalog, extras)
    store = ExtractionCache(cache, extraction_key(cat.version)) if cache else None
    if store is not None and store.warning:
        problems.add(str(store.path), store.warning)
    extractions, processed = extract_notes(structures, store, lambda: nlp or load_pipeline(catalog, extras), parser,
                                           report)
    report("assembling", 0, 1)
    graph = assemble(structures, extractions, cat, min_cooccurrence=min_cooccurrence, min_pmi=min_pmi)
    report("assembling", 1, 1)
    stats = {"notes": len(notes), "processed": processed, "cached": len(notes) - processed,
             "mentions": sum(len(x.all_mentions()) for x in extractions.values()),
             "characters": sum(len(n.body) for n in notes)}
    return BuildResult(graph, structures, extractions, problems, cat.version, stats)


def extract_notes(structures: list[Structure], store: ExtractionCache | None, get_nlp: Callable, parser,
                  progress: Callable[[str, int, int], None]) -> tuple[dict[str, NoteExtraction], int]:
    """Every note's :class:`NoteExtraction`: from the cache when the note is unchanged, else by
    :func:`extract_note` (the pipeline is loaded only if some note needs it). Also returns how many
    notes were processed."""
    digests = {s.note.path: note_digest(s) for s in structures}
    out: dict[str, NoteExtraction] = {}
    todo = []
    for s in structures:
        cached = store.get(digests[s.note.path]) if store else None
        if cached is None:
            todo.append(s)
        else:
            out[s.note.path] = NoteExtraction.from_json(cached)
    if todo:
        nlp = get_nlp()
        for i, s in enumerate(todo, 1):
            out[s.note.path] = extract_note(s, nlp, parser)
            progress("extracting", i, len(todo))
    if store:
        for s in todo:
            store.put(digests[s.note.path], out[s.note.path].to_json())
        store.commit(set(digests.values()))
        store.close()
    return out, len(todo)


def check_folder(folder: Path) -> Path:
    """``folder`` if it is a readable directory, else a :class:`NotesFolderError` saying why."""
    if not folder.exists():
        raise NotesFolderError(f"notes folder not found: {folder}")
    if not folder.is_dir():
        raise NotesFolderError(f"not a folder: {folder}")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise NotesFolderError(f"notes folder is not readable: {folder}")
    return folder


def note_digest(s: Structure) -> str:
    """Cache key of a note: everything extraction reads (path, title, body and where it starts)."""
    n = s.note
    return content_hash(n.path, f"{n.title}\0{n.title_from}\0{n.body_line}\0{n.body}")
