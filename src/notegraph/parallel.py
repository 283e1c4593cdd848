"""Extraction of many notes: here, in a pool of worker processes, or on a Dask cluster — one code path.

The driver hands notes to an :class:`Extractor` as it reads them. Without an executor the notes are
processed in this process with the pipeline the build gave or loaded. With one, notes go out in
batches through the ``concurrent.futures.Executor`` interface — a ``ProcessPoolExecutor`` for
``--jobs N`` (:func:`local_executor`), or ``distributed.Client.get_executor()`` for a Dask cluster
(:func:`dask_executor`) — and come back as :class:`~notegraph.cache.NoteResult` objects; the same
:func:`extract_batch` runs in every worker. Each worker process loads ja_ginza and the catalog once
(:func:`pipeline_for` keeps it per process) and runs one batch at a time (SudachiPy is not
thread-safe, so a Dask worker with several threads still extracts one note at a time). Workers get
the catalog's *content* (a remote worker does not see the driver's files) and their results name
the extraction key they were computed under, so a worker running other code or another model is an
error, not a silently different graph. Only the driver reads the cache, assembles and writes.

>>> Extractor().run() == {}
True
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cache import NoteResult, extraction_key, slim
from .extract import component_of, extract_note, load_pipeline
from .notes import Note
from .structure import structure_of

__all__ = ["Extractor", "CatalogSpec", "extract_batch", "process_note", "kept_pipeline", "local_executor", "dask_executor",
           "default_jobs", "BATCH_SIZE", "PARALLEL_MIN_NOTES"]

BATCH_SIZE = 16  # notes per task sent to a worker
PARALLEL_MIN_NOTES = 1  # fewer notes to extract than this: in this process (a worker loads the model while
# the driver reads the cache, so even one changed note is worth sending out)

_PIPELINES: dict[str, object] = {}  # per process: catalog version -> loaded pipeline
_LOCK = threading.Lock()


class WorkerMismatch(RuntimeError):
    """A worker computed results under another extraction key (other code, catalog or model)."""


@dataclass(frozen=True)
class CatalogSpec:
    """What a worker needs to load the driver's pipeline: the catalog files' contents and the key to match."""

    catalog: tuple[str, bytes] | None  # (file name, content) of a replacement catalog, None for the shipped one
    extras: tuple[tuple[str, bytes], ...]  # user catalog extensions, in order
    version: str  # the catalog version the driver loaded
    key: str  # the driver's extraction key

    @classmethod
    def of(cls, catalog: str | os.PathLike | None, extras: list[str], version: str, key: str) -> "CatalogSpec":
        """The spec of the catalog files a build uses."""
        read = lambda p: (Path(p).name, Path(p).read_bytes())  # noqa: E731
        return cls(read(catalog) if catalog else None, tuple(read(p) for p in extras), version, key)


def default_jobs() -> int:
    """Worker processes by default: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_note(note: Note, nlp, parser=None) -> NoteResult:
    """Structure and extraction of one note, slimmed for the cache and assembly."""
    s = structure_of(note)
    return NoteResult(slim(s), extract_note(s, nlp, parser), len(note.body))


def pipeline_for(spec: CatalogSpec):
    """The pipeline for ``spec``, loaded once per process (catalog files written to a temporary folder)."""
    if spec.version not in _PIPELINES:
        folder = Path(tempfile.mkdtemp(prefix="notegraph-catalog-"))
        paths = []
        for i, (name, content) in enumerate(([spec.catalog] if spec.catalog else []) + list(spec.extras)):
            paths.append(folder / f"{i}-{name}")
            paths[-1].write_bytes(content)
        main, extras = (paths[0], paths[1:]) if spec.catalog else (None, paths)
        return kept_pipeline(main, extras, spec.version)
    return _PIPELINES[spec.version]


def kept_pipeline(catalog: str | os.PathLike | None, extras: list, version: str):
    """The pipeline of a catalog (by its version), loaded once and kept for the next build of this
    process (a worker's next batch, ``notegraph watch``'s next rebuild); one pipeline at a time."""
    if version not in _PIPELINES:
        _PIPELINES.clear()
        _PIPELINES[version] = load_pipeline(catalog, extras, parse=False)  # the parser on a note's first candidate
    return _PIPELINES[version]


def extract_batch(notes: list[Note], spec: CatalogSpec) -> tuple[str, list[NoteResult]]:
    """A worker's task: the results of a batch of notes, with the extraction key they were computed under."""
    with _LOCK:
        nlp = pipeline_for(spec)
        version = component_of(nlp).catalog.version
        return extraction_key(version), [process_note(n, nlp) for n in notes]


def local_executor(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes (started fresh, not forked from a process that may hold threads)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def dask_executor(client) -> Executor:
    """The ``concurrent.futures`` face of a ``distributed.Client`` (or a scheduler address to connect to)."""
    if isinstance(client, str):
        from distributed import Client

        client = Client(client)
    return client.get_executor(pure=False)


class Extractor:
    """Collects notes to extract and returns their results (``add`` as notes are read, then ``run``).

    ``executor`` (optional) runs :func:`extract_batch` on batches; without it, or for fewer than
    ``min_parallel`` notes, notes are processed here with ``get_nlp()`` (called only if some note
    needs it). Results are handed out all at once (:meth:`run`) or one note at a time in any order
    (:meth:`available`, :meth:`take`). ``progress(pass, done, total)`` follows the notes extracted.
    """

    def __init__(self, get_nlp: Callable = None, parser=None, *, executor: Executor | None = None,
                 spec: CatalogSpec | None = None, progress: Callable[[str, int, int], None] | None = None,
                 batch_size: int = BATCH_SIZE, min_parallel: int = PARALLEL_MIN_NOTES):
        self.get_nlp, self.parser, self.executor, self.spec = get_nlp, parser, executor, spec
        self.progress = progress or (lambda stage, done, total: None)
        self.batch_size, self.min_parallel = batch_size, min_parallel
        self.waiting: list[Note] = []
        self.futures: dict[Future, list[str]] = {}  # batches out, with their notes' paths
        self.future_of: dict[str, Future] = {}  # path -> the batch it went out in
        self.ready: dict[str, NoteResult] = {}  # results back and not yet taken
        self.kept: dict[str, Note] = {}  # notes processed here, by path, once results are taken one by one
        self.count = self.done = 0

    def add(self, note: Note) -> None:
        """Queue a note; once enough notes wait, batches start in the workers."""
        self.waiting.append(note)
        self.count += 1
        if self.executor is not None and self.count >= self.min_parallel and not self.futures:
            self.submit(self.waiting)  # the first batch at once: a worker loads the model while the scan goes on
            self.waiting = []
        elif self.executor is not None and self.count >= self.min_parallel:
            while len(self.waiting) >= self.batch_size:
                self.submit(self.waiting[: self.batch_size])
                del self.waiting[: self.batch_size]

    def submit(self, batch: list[Note]) -> None:
        """Send a batch to the executor."""
        future = self.executor.submit(extract_batch, batch, self.spec)
        self.futures[future] = [n.path for n in batch]
        self.future_of.update((n.path, future) for n in batch)

    def start(self) -> None:
        """Send the notes still waiting to the workers now (if they go to workers at all)."""
        if self.executor is not None and self.count >= self.min_parallel and self.waiting:
            self.submit(self.waiting)
            self.waiting = []

    def run(self) -> dict[str, NoteResult]:
        """The results of every note added, by path."""
        self.start()
        for future in as_completed(list(self.futures)):
            self.collect(future)
        out, self.ready = self.ready, {}
        out.update(self.here(self.waiting + list(self.kept.values())))
        self.waiting, self.kept = [], {}
        return out

    def collect(self, future: Future) -> None:
        """Take a finished batch's results (checking the key they were computed under)."""
        paths = self.futures.pop(future)
        key, results = future.result()
        if self.spec is not None and key != self.spec.key:
            raise WorkerMismatch(f"a worker extracts with key {key}, this build with {self.spec.key}: the "
                                 "notegraph code, catalog or NLP models differ between this process and the "
                                 "worker (changed during the build, or another install on the worker)")
        for path in paths:
            del self.future_of[path]
        self.ready.update(zip(paths, results))
        self.done += len(results)
        self.progress("extracting", self.done, self.count)

    def available(self, path: str) -> bool:
        """Whether :meth:`take` would return the result of ``path`` without waiting for a worker."""
        future = self.future_of.get(path)
        if future is not None and future.done():
            self.collect(future)
        return future is None or future.done()

    def take(self, path: str) -> NoteResult:
        """The result of the note added as ``path`` (waiting for its batch; a note kept here is processed
        now), handed out once: a build streams results to assembly without holding them all."""
        if path not in self.ready:
            future = self.future_of.get(path)
            if future is not None:
                self.collect(future)
            else:
                self.kept.update((n.path, n) for n in self.waiting)  # once: a dict, not a scan per note
                self.waiting = []
                self.ready.update(self.here([self.kept.pop(path)]))
        return self.ready.pop(path)

    def here(self, notes: list[Note]) -> dict[str, NoteResult]:
        """Process notes in this process."""
        if not notes:
            return {}
        nlp = self.get_nlp()
        out = {}
        for note in notes:
            out[note.path] = process_note(note, nlp, self.parser)
            self.done += 1
            self.progress("extracting", self.done, self.count)
        return out
