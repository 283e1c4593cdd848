"""The whole pipeline in one call: read → structure → extract → assemble (→ export).

>>> result = build("data/sample-notes")  # doctest: +SKIP
>>> result.graph.number_of_nodes() > 0  # doctest: +SKIP
True
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import networkx as nx

from .cache import ExtractionCache, NoteResult, content_hash, extraction_key
from .catalog import ENTITY_KINDS, USER_CATALOG_NAME, load_catalog
from .extract import Mention, NoteExtraction, component_of
from .graph import assemble
from .notes import MAX_NOTE_BYTES, Note, note_files, read_note, relative_path
from .parallel import PARALLEL_MIN_NOTES, CatalogSpec, Extractor, dask_executor, kept_pipeline, local_executor, process_note
from .problems import Problems
from .structure import Structure

__all__ = ["BuildResult", "build", "write_outputs", "NotesFolderError", "CACHE_NAME"]

CACHE_NAME = ".notegraph-cache.sqlite"  # in the output folder
log = logging.getLogger("notegraph")


class NotesFolderError(ValueError):
    """The notes folder does not exist or cannot be read."""


@dataclass
class BuildResult:
    """A built graph with what the run saw: the structures (without body text and prose segments, which
    only extraction reads), each note's extraction, the problems."""

    graph: nx.MultiDiGraph
    structures: list[Structure]
    extractions: dict[str, NoteExtraction]
    problems: Problems
    catalog_version: str = ""
    stats: dict = field(default_factory=dict)
    fingerprint: str = ""  # what the graph depends on (key, options, every note's content); '' without a cache
    cache_path: Path | None = None  # the cache holding this graph under ``fingerprint`` (None without a cache)

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

    def event_notes(self) -> int:
        """How many notes are event notes (counted by the build, else from the structures)."""
        if "event_notes" in self.stats:
            return self.stats["event_notes"]
        return sum(1 for s in self.structures if s.is_event)

    def summary(self) -> str:
        """The closing summary printed by the CLI."""
        g = self.graph
        kinds = Counter(d.get("kind") for _, d in g.nodes(data=True))
        lines = [
            f"notes read: {kinds['note']}  (event notes: {self.event_notes()})",
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
          progress: Callable[[str, int, int], None] | None = None, jobs: int = 1, client=None) -> BuildResult:
    """Read a notes folder and return its knowledge graph.

    ``catalog`` replaces the shipped catalog; ``extra_catalogs`` (and ``notegraph.yaml`` in the folder)
    extend it; ``nlp`` (tokenizer + entities; its catalog then wins over ``catalog``) and ``parser``
    (full ja_ginza, used for relation candidates only) reuse already loaded pipelines; ``cache`` is an
    SQLite file of per-note results (an unchanged file costs a stat and a cache read; only changed
    notes are re-processed); larger notes than ``max_note_bytes`` are skipped; symlinks leaving the
    folder are followed only with ``follow_symlinks``; ``co_occurs`` edges need ``min_cooccurrence``
    shared talks/notes and a PMI above ``min_pmi``; ``progress(pass, done, total)`` is called as each
    pass (reading, extracting, assembling) advances. Extraction runs in ``jobs`` worker processes, or
    on a Dask cluster with ``client`` (a ``distributed.Client`` or a scheduler address such as
    ``tcp://host:8786``); with ``nlp`` given it runs in this process. The graph is the same either way.
    """
    folder = check_folder(Path(folder))
    problems = Problems()
    report = progress or (lambda stage, done, total: None)
    extras = user_catalogs(folder, list(extra_catalogs))
    cat = component_of(nlp).catalog if nlp is not None else load_catalog(catalog, extras)
    key = extraction_key(cat.version)
    store = ExtractionCache(cache, key) if cache else None
    if store is not None and store.warning:
        problems.add(str(store.path), store.warning)
    executor, close = executor_for(jobs, client, nlp)
    extractor = Extractor(lambda: nlp or kept_pipeline(catalog, extras, cat.version), parser, executor=executor,
                          spec=CatalogSpec.of(catalog, extras, cat.version, key) if executor else None,
                          progress=report, min_parallel=1 if client is not None else PARALLEL_MIN_NOTES)
    try:
        entries = scan(folder, problems, store, extractor, max_note_bytes, follow_symlinks, report)
        fingerprint = build_fingerprint(key, entries, min_cooccurrence, min_pmi) if store is not None else ""
        saved = store.get_graph(fingerprint) if store is not None and extractor.count == 0 else None
        if saved is None:
            extractor.start()  # workers extract while this process assembles the notes it has
            notes = NoteStream(folder, entries, store, extractor, max_note_bytes)
            report("assembling", 0, 1)
            with gc_paused():
                graph = assemble(notes, cat, min_cooccurrence=min_cooccurrence, min_pmi=min_pmi)
            report("assembling", 1, 1)
    finally:
        close()
    if saved is not None:  # nothing changed since the last build: its graph, notes read from the cache on demand
        graph, stats = saved
        stats = {**stats, "processed": 0, "cached": stats["notes"]}
    else:
        stats = {**notes.stats, "processed": extractor.count, "cached": notes.stats["notes"] - extractor.count}
        if store is None:
            return BuildResult(graph, notes.structures, notes.extractions, problems, cat.version, stats, fingerprint)
        store.put_graph(fingerprint, graph, stats)
    store.commit({digest for _, digest, _ in entries}, {path for path, _, _ in entries})
    store.close()
    results = CachedResults(store.path, key, entries)  # read back on first use: not held by every build
    return BuildResult(graph, results.structures(), results.extractions(), problems, cat.version, stats, fingerprint,
                       store.path)


class NoteStream:
    """Every note's structure and extraction, in ``entries`` order, for :func:`~notegraph.graph.assemble`
    to consume once: a cached note is read from the cache when its turn comes, an extracted one is
    taken from the extractor when its batch is back (and stored in the cache then). While a batch is
    still out, the cached notes after it are read ahead, so reading overlaps the workers. Without a
    cache the notes are kept (``structures``, ``extractions``) for the build's result."""

    def __init__(self, folder: Path, entries: list[tuple[str, str, bool]], store: ExtractionCache | None,
                 extractor: Extractor, max_bytes: int):
        self.folder, self.entries, self.store, self.extractor, self.max_bytes = folder, entries, store, extractor, max_bytes
        self.structures: list[Structure] = []
        self.extractions: dict[str, NoteExtraction] = {}
        self.stats = {"notes": 0, "event_notes": 0, "mentions": 0, "characters": 0}
        self.ahead: dict[str, NoteResult | None] = {}  # cached results read while waiting for a batch
        self.next_read = 0  # the first entry not read ahead yet

    def __iter__(self):
        for i, (path, digest, known) in enumerate(self.entries):
            result = self.from_cache(path, digest) if known else self.from_workers(i, path, digest)
            if result is not None:
                self.count(path, result)
                yield result.structure, result.extraction

    def from_cache(self, path: str, digest: str) -> NoteResult | None:
        """A cached note's result (read ahead or now); a record the cache cannot give back is processed
        again here (None if the file is gone or unreadable since the scan)."""
        result = self.ahead.pop(path) if path in self.ahead else self.cached(digest)
        if result is None:
            note = read_note(self.folder / path, self.folder, Problems(), self.max_bytes)
            if note is None:
                return None
            result = process_note(note, self.extractor.get_nlp(), self.extractor.parser)
            self.put(digest, result)
        return result

    def from_workers(self, i: int, path: str, digest: str) -> NoteResult:
        """The extracted result of entry ``i``, reading the cached notes after it while its batch is out."""
        self.next_read = max(self.next_read, i + 1)
        while not self.extractor.available(path) and self.next_read < len(self.entries):
            ahead_path, ahead_digest, ahead_known = self.entries[self.next_read]
            if ahead_known:
                self.ahead[ahead_path] = self.cached(ahead_digest)
            self.next_read += 1
        result = self.extractor.take(path)
        self.put(digest, result)
        return result

    def cached(self, digest: str) -> NoteResult | None:
        """A note's result from the cache (None when it cannot be read)."""
        return self.store.get(digest) if self.store is not None else None

    def put(self, digest: str, result: NoteResult) -> None:
        """Store a new result in the cache."""
        if self.store is not None:
            self.store.put(digest, result)

    def count(self, path: str, result: NoteResult) -> None:
        """Add a note to the build's statistics (and keep it when there is no cache to read it back from)."""
        self.stats["notes"] += 1
        self.stats["event_notes"] += result.structure.is_event
        self.stats["mentions"] += len(result.extraction.all_mentions())
        self.stats["characters"] += result.characters
        if self.store is None:
            self.structures.append(result.structure)
            self.extractions[path] = result.extraction


class CachedResults:
    """The structures and extractions of a build whose graph came from the cache, read on first use."""

    def __init__(self, path: Path, key: str, entries: list[tuple[str, str, bool]]):
        self.path, self.key, self.entries = path, key, entries
        self.value: dict[str, NoteResult] | None = None

    def load(self) -> dict[str, NoteResult]:
        """Every note's cached result, by path (read once)."""
        if self.value is None:
            store = ExtractionCache(self.path, self.key)
            with gc_paused():
                found = {path: store.get(digest) for path, digest, _ in self.entries}
            store.close()
            missing = [path for path, r in found.items() if r is None]
            if missing:
                raise RuntimeError(f"the cache {self.path} changed since this build ({missing[0]} is gone): build again")
            self.value = found
        return self.value

    def structures(self) -> "LazyList":
        """The structures, as a list read on first use."""
        return LazyList(lambda: [r.structure for r in self.load().values()], len(self.entries))

    def extractions(self) -> "LazyDict":
        """The extractions by path, as a mapping read on first use."""
        return LazyDict(lambda: {path: r.extraction for path, r in self.load().items()}, [p for p, _, _ in self.entries])


class _Deferred:
    """A value computed on first use (for the cached structures and extractions a warm build may never read)."""

    def __init__(self, make: Callable):
        self.make, self.value = make, None

    def get(self):
        """The value, computed the first time."""
        if self.value is None:
            self.value = self.make()
        return self.value


class LazyList(Sequence):
    """A list computed on first use (its length is known before)."""

    def __init__(self, make: Callable[[], list], length: int):
        self.deferred, self.length = _Deferred(make), length

    def __getitem__(self, i):
        return self.deferred.get()[i]

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"<{self.length} items, read from the cache on first use>"


class LazyDict(Mapping):
    """A mapping computed on first use (its keys are known before)."""

    def __init__(self, make: Callable[[], dict], keys: list):
        self.deferred, self.keys_ = _Deferred(make), keys

    def __getitem__(self, key):
        return self.deferred.get()[key]

    def __iter__(self):
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)

    def __repr__(self) -> str:
        return f"<{len(self.keys_)} items, read from the cache on first use>"


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while many objects are created at once (it would rescan them
    over and over: a third of the time of reading a large cache) and none of them become garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_fingerprint(key: str, entries: list[tuple[str, str, object]], *options) -> str:
    """What the assembled graph depends on: the extraction key, the options, every note's path and content."""
    h = hashlib.sha256(repr((key, options)).encode())
    for path, digest, _ in entries:
        h.update(f"{path}\0{digest}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def executor_for(jobs: int, client, nlp) -> tuple[Executor | None, Callable[[], None]]:
    """Where extraction runs: a Dask cluster (``client``), a local pool (``jobs`` > 1) or this process
    (``None``; also whenever a pipeline ``nlp`` is given); and how to release it afterwards."""
    if client is not None:
        from distributed import Client

        own = isinstance(client, str)
        client = Client(client) if own else client
        return dask_executor(client), (client.close if own else lambda: None)
    if nlp is not None or jobs <= 1:
        return None, lambda: None
    pool = local_executor(jobs)
    return pool, lambda: threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True},
                                          name="notegraph-pool-shutdown").start()  # workers end while we go on


def scan(folder: Path, problems: Problems, store: ExtractionCache | None, extractor: Extractor, max_bytes: int,
         follow_symlinks: bool, progress: Callable[[str, int, int], None]) -> list[tuple[str, str, bool]]:
    """Every note file as ``(path, content hash, whether the cache holds its result)``: an unchanged file
    (same stat) is not read; a changed one is read and, unless its content is cached, handed to ``extractor``."""
    files = note_files(folder, problems, follow_symlinks)
    checked_ns = time.time_ns()
    entries = []
    for i, file in enumerate(files, 1):
        if i % 256 == 0 or i == len(files):
            progress("reading", i, len(files))
        rel = relative_path(file, folder)
        try:
            st = file.stat()
        except OSError:
            st = None
        known = store.file_entry(rel, st) if store is not None and st is not None else None
        if known is not None and store.has(known.digest):
            for p in known.problems:
                problems.add(p.path, p.reason, p.severity)
            entries.append((rel, known.digest, True))
            continue
        found = Problems()
        note = read_note(file, folder, found, max_bytes)
        problems.items.extend(p for p in found if p not in problems.items)  # found.add logged them
        if note is None:
            continue
        digest = note_digest(note)
        if store is not None and st is not None:
            store.put_file(rel, st, checked_ns, digest, found.items)
        hit = store is not None and store.has(digest)
        if not hit:
            extractor.add(note)
        entries.append((rel, digest, hit))
    return entries


def check_folder(folder: Path) -> Path:
    """``folder`` if it is a readable directory, else a :class:`NotesFolderError` saying why."""
    if not folder.exists():
        raise NotesFolderError(f"notes folder not found: {folder}")
    if not folder.is_dir():
        raise NotesFolderError(f"not a folder: {folder}")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise NotesFolderError(f"notes folder is not readable: {folder}")
    return folder


def note_digest(note: Note) -> str:
    """Cache key of a note: everything reading produced (path, title, body, frontmatter…), so any
    change that could change its structure or extraction changes the key."""
    return content_hash(note.path, repr(note))


def write_outputs(result: BuildResult, out: str | os.PathLike, *, name: str, report: bool = False,
                  min_mentions: int | None = None, entity_only: bool | None = None,
                  progress: Callable[[str, int, int], None] | None = None, page_process: bool = False) -> list[Path]:
    """Write graph.graphml, graph.html (and report.html) and problems.json of a build into ``out``,
    each atomically; returns the paths written. ``name`` titles the pages. When the outputs already
    there were written from the same build fingerprint with the same options and have not been touched
    since (``OUT/.notegraph-outputs.json`` records their size and mtime), nothing is written again.

    With ``page_process`` (the command line's choice: ``result.graph`` is then the graph as built), a
    large graph's graph.html is written by a second process from the copy in the build's cache while
    this one writes graph.graphml; if that process fails, the page is written here."""
    from .export import write_graphml, write_html
    from .export._files import atomic_path

    out = Path(out)
    names = ["graph.graphml", "graph.html"] + (["report.html"] if report else []) + ["problems.json"]
    stamp = output_stamp(result, name, report, min_mentions, entity_only)
    if stamp and outputs_current(out, names, stamp):
        return []
    step = progress or (lambda stage, done, total: None)
    steps = len(names) - 1
    out.mkdir(parents=True, exist_ok=True)
    step("writing", 0, steps)
    page = dict(title=f"notegraph — {name}", min_mentions=min_mentions, entity_only=entity_only)
    beside = page_writer(result, out / "graph.html", page) if page_process else None
    with gc_paused():  # a large graph is live: each collection would rescan it while the writers allocate
        write_graphml(result.graph, out / "graph.graphml")
        step("writing", 1, steps)
        if beside is not None:
            beside.join()
        if beside is None or beside.exitcode != 0:
            if beside is not None:
                log.warning("graph.html: the page process failed (exit code %s); writing it here", beside.exitcode)
            write_html(result.graph, out / "graph.html", **page)
        step("writing", 2, steps)
        if report:
            from .report import write_report

            write_report(result.graph, out / "report.html", problems=result.problems,
                         catalog_version=result.catalog_version, title=f"notegraph report — {name}")
            step("writing", 3, steps)
    with atomic_path(out / "problems.json") as tmp:
        tmp.write_text(result.problems.to_json() + "\n", encoding="utf-8")
    step("writing", steps, steps)
    if stamp:
        files = {n: list(stat_key(out / n)) for n in names}
        with atomic_path(out / OUTPUTS_STAMP) as tmp:
            tmp.write_text(json.dumps({"stamp": stamp, "files": files}), encoding="utf-8")
    return [out / n for n in names]


OUTPUTS_STAMP = ".notegraph-outputs.json"
PAGE_PROCESS_MIN_NODES = 20_000  # from this size graph.html is worth a process of its own (it starts in ~0.5 s)


def page_writer(result: BuildResult, path: Path, page: dict):
    """A started process writing graph.html from the build's cached graph, or None when the graph is
    small or not in a cache."""
    if result.cache_path is None or not result.fingerprint or result.graph.number_of_nodes() < PAGE_PROCESS_MIN_NODES:
        return None
    process = multiprocessing.get_context("spawn").Process(
        target=page_from_cache, args=(str(result.cache_path), result.fingerprint, str(path), page),
        name="notegraph-graph-html", daemon=True)
    process.start()
    return process


def page_from_cache(cache_path: str, fingerprint: str, path: str, page: dict) -> None:
    """Write graph.html of the graph a cache holds under ``fingerprint`` (in a process of its own)."""
    from .cache import read_graph
    from .export import write_html

    gc.disable()  # one large graph read and written: nothing to collect
    found = read_graph(Path(cache_path), fingerprint)
    if found is None:
        raise SystemExit(3)
    write_html(found, path, **page)


def output_stamp(result: BuildResult, *options) -> str:
    """What the outputs of a build depend on: its fingerprint, the page options and the problems ('' when
    the build has no fingerprint, i.e. ran without a cache)."""
    if not result.fingerprint:
        return ""
    return hashlib.sha256(repr((result.fingerprint, options, result.problems.to_json())).encode()).hexdigest()


def stat_key(path: Path) -> tuple[int, int]:
    """Size and mtime of a file, to notice that someone else rewrote it."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def outputs_current(out: Path, names: list[str], stamp: str) -> bool:
    """Whether ``out`` holds exactly the outputs ``stamp`` describes, untouched since they were written."""
    try:
        recorded = json.loads((out / OUTPUTS_STAMP).read_text(encoding="utf-8"))
        return recorded["stamp"] == stamp and all(list(stat_key(out / n)) == recorded["files"][n] for n in names)
    except (OSError, ValueError, KeyError, TypeError):
        return False
