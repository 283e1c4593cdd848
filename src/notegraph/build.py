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

from .cache import ExtractionCache, code_version, content_hash
from .catalog import ENTITY_KINDS, USER_CATALOG_NAME, load_catalog, normalize
from .extract import Mention, component_of, load_parser, load_pipeline, mentions_of
from .extract import companies
from .extract.relations import Relation, candidates_of, discourse_migrations, relations_of
from .graph import assemble
from .notes import MAX_NOTE_BYTES, read_notes
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
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Read a notes folder and return its knowledge graph.

    ``catalog`` replaces the shipped catalog; ``extra_catalogs`` (and ``notegraph.yaml`` in the folder)
    extend it; ``nlp`` (tokenizer + entities; its catalog then wins over ``catalog``) and ``parser``
    (full ja_ginza, used for relation candidates only) reuse already loaded pipelines; ``cache`` is an SQLite file of per-note
    results (only changed notes are re-processed); larger notes than ``max_note_bytes`` are skipped;
    symlinks leaving the folder are followed only with ``follow_symlinks``; ``co_occurs`` edges need
    ``min_cooccurrence`` shared talks/notes and a PMI above ``min_pmi``; ``progress(done, total)`` is
    called per processed note.
    """
    folder = check_folder(Path(folder))
    problems = Problems()
    notes = read_notes(folder, problems, max_bytes=max_note_bytes, follow_symlinks=follow_symlinks)
    structures = [structure_of(n) for n in notes]
    extras = user_catalogs(folder, list(extra_catalogs))
    cat = component_of(nlp).catalog if nlp is not None else load_catalog(catalog, extras)
    store = ExtractionCache(cache, f"{cat.version}-{code_version()}") if cache else None
    if store is not None and store.warning:
        problems.add(str(store.path), store.warning)
    mentions, relations, processed = extract_notes(
        structures, store, lambda: nlp or load_pipeline(catalog, extras), parser, progress)
    graph = assemble(structures, mentions, cat, relations, min_cooccurrence=min_cooccurrence, min_pmi=min_pmi)
    stats = {"notes": len(notes), "processed": processed, "cached": len(notes) - processed,
             "mentions": sum(len(m) for m in mentions.values()), "characters": sum(len(n.body) for n in notes)}
    return BuildResult(graph, structures, mentions, problems, cat.version, stats)


def extract_notes(structures: list[Structure], store: ExtractionCache | None, get_nlp: Callable, parser,
                  progress: Callable[[int, int], None] | None):
    """Mentions and relations of every note: from the cache when the note is unchanged, else extracted
    (the pipeline is loaded only if some note needs it). Returns them and how many notes were processed."""
    digests = {s.note.path: note_digest(s) for s in structures}
    mentions: dict[str, list[Mention]] = {}
    relations: dict[str, list[Relation]] = {}
    todo = []
    for s in structures:
        cached = store.get(digests[s.note.path]) if store else None
        if cached is None:
            todo.append(s)
            continue
        mentions[s.note.path] = [Mention(*m) for m in cached["mentions"]]
        relations[s.note.path] = [Relation(*r) for r in cached["relations"]]
    if todo:
        nlp = get_nlp()
        for i, s in enumerate(todo, 1):
            mentions[s.note.path] = mentions_of(s, nlp)
            if progress:
                progress(i, len(todo))
        parser = parser or (nlp if "parser" in nlp.pipe_names else None)
        relations.update(extract_with_parser(todo, mentions, component_of(nlp).matcher, parser))
    if store:
        for s in todo:
            store.put(digests[s.note.path], {"mentions": [astuple(m) for m in mentions[s.note.path]],
                                             "relations": [astuple(r) for r in relations[s.note.path]]})
        store.commit(set(digests.values()))
        store.close()
    return mentions, relations, len(todo)


def extract_with_parser(structures: list[Structure], mentions: dict[str, list[Mention]], matcher,
                        parser=None) -> dict[str, list[Relation]]:
    """Typed relations of each note, and companies missing from the catalog (added to ``mentions``).

    Only candidate sentences (mentions plus a relation trigger; a corporate marker) go through the
    full ja_ginza pipeline (dependency parser and NER), in one batch.
    """
    out: dict[str, list[Relation]] = {s.note.path: discourse_migrations(s, matcher) for s in structures}
    rel_work = [(s, c) for s in structures for c in candidates_of(s, matcher)]
    company_work = [(s, c) for s in structures for c in companies.candidates_of(s, matcher)]
    if not rel_work and not company_work:
        return out
    parser = parser or load_parser()
    only = lambda keep: [p for p in parser.pipe_names if p not in keep]  # noqa: E731
    docs = list(parser.pipe((c.text for _, c in rel_work), batch_size=64, disable=only(("tok2vec", "parser"))))
    docs += list(parser.pipe((c.text for _, c in company_work), batch_size=64, disable=only(("tok2vec", "ner"))))
    for (s, c), doc in zip(rel_work, docs):
        out[s.note.path] += relations_of(c, doc, heading_entities(s, mentions[s.note.path], c.section))
    names = {normalize(n) for e in matcher.catalog.entities.values() for n in e.names}
    for (s, c), doc in zip(company_work, docs[len(rel_work):]):
        for start, end, name in companies.companies_in(c, doc, names):
            mentions[s.note.path].append(Mention(companies.company_id(name), c.text[start:end], c.line, c.section, c.text))
    return out


def heading_entities(s: Structure, mentions: list[Mention], section: int | None) -> tuple[str, ...]:
    """Entities named in the heading of a section (for "X未対応" under a heading naming Y)."""
    if section is None or section < 0:
        return ()
    line = s.sections[section].line
    return tuple(dict.fromkeys(m.entity_id for m in mentions if m.line == line))


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
