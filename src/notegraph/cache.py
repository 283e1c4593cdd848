"""Per-note cache in one SQLite file, so a rebuild costs a stat per unchanged note and work per changed one.

Two tables, both tied to the *extraction key* (the catalog version, a hash of the package's whole
Python source, and the installed versions of the NLP libraries and models: spaCy, GiNZA, ja_ginza,
SudachiPy, SudachiDict), so any change to the catalog, the code or a model misses the cache:

* ``records``: by the hash of a note's content, what assembly needs of the note — its
  :class:`~notegraph.structure.Structure` (without the body text and prose segments, which only
  extraction reads) and its :class:`~notegraph.extract.NoteExtraction` — as a :class:`NoteResult`;
* ``graph_parts``: the graph the last build assembled, by the build's fingerprint (the extraction key,
  the assembly options and every note's path and content hash), so a build with nothing changed
  reads one graph instead of assembling it again; stored in parts of :data:`GRAPH_PART_NODES` nodes
  with their out-edges, then each node's predecessors in order, so that writing it never needs a
  second copy of the whole graph in memory (one pickle of a 200,000-note graph would);
* ``files``: by path, the file's size, mtime, ctime and inode when it was last read, the content hash
  it had and the problems reading it reported. A file whose stat is unchanged is not read again
  (the shortcut git's index takes); a stat taken less than :data:`RACY_NS` after the file was
  written is not trusted, since a second write within the timestamp's granularity would not show.

Records and graph parts are pickled (Structure is a set of dataclasses that grows fields; pickle follows
them with no schema to maintain), but read back by an unpickler that only accepts notegraph's own
dataclasses and ``datetime`` values: a cache file can construct those (and plain containers) and
nothing else, so it cannot run code.
Writes happen in one transaction per build (a killed run leaves the previous cache intact), and an
unreadable or corrupt file is replaced with a warning.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import networkx as nx

from .extract import NoteExtraction
from .problems import Problem
from .structure import Structure

__all__ = ["ExtractionCache", "read_graph", "graph_parts", "graph_from_parts", "NoteResult", "FileEntry", "slim", "content_hash", "code_version", "library_versions",
           "extraction_key", "RACY_NS"]

log = logging.getLogger("notegraph")
SCHEMA = 4
PACKAGE = Path(__file__).parent
NLP_DISTRIBUTIONS = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core")  # what extraction's results depend on
RACY_NS = 2_000_000_000  # a file modified this close to the moment its stat was taken is read again next time
SAFE_GLOBALS = {("datetime", n) for n in ("date", "datetime", "time", "timedelta", "timezone")}
GRAPH_PART_NODES = 20_000  # nodes (with their out-edges) per stored part of the last graph


@dataclass
class NoteResult:
    """What assembly needs of one note: its structure (slimmed), its extraction, its length in characters."""

    structure: Structure
    extraction: NoteExtraction
    characters: int = 0


@dataclass
class FileEntry:
    """What the cache remembers of a file: the content hash it had and the problems reading it gave."""

    digest: str
    problems: list[Problem]


def slim(structure: Structure) -> Structure:
    """A copy of ``structure`` without what only extraction reads (the note's body, the prose segments)."""
    return dataclasses.replace(structure, segments=[], note=dataclasses.replace(structure.note, body=""))


def content_hash(note_path: str, text: str) -> str:
    """Hash of what extraction reads: the note's path (titles fall back to it) and its text."""
    return hashlib.sha256(f"{note_path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def code_version(root: Path = PACKAGE) -> str:
    """Hash of every Python source file of the package under ``root`` (any code change invalidates the
    cache: simpler and safer than tracking which modules extraction imports)."""
    h = hashlib.sha256(f"schema {SCHEMA}".encode())
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def library_versions() -> str:
    """Installed versions of the NLP libraries and models, e.g. ``spacy=3.8.2,ginza=5.2.0,...``."""
    out = []
    for name in NLP_DISTRIBUTIONS:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return ",".join(out)


def extraction_key(catalog_version: str, root: Path = PACKAGE) -> str:
    """The cache key every stored result must match: catalog version, code version, library versions."""
    libs = hashlib.sha256(library_versions().encode()).hexdigest()[:8]
    return f"{catalog_version}-{code_version(root)}-{libs}"


class SafeUnpickler(pickle.Unpickler):
    """Unpickles notegraph dataclasses and datetime values only (anything else is an error)."""

    allowed: dict[tuple[str, str], type] = {}  # classes already checked (each record names the same few)

    def find_class(self, module: str, name: str):
        """The class named, if it is allowed in a cache record."""
        cls = self.allowed.get((module, name))
        if cls is not None:
            return cls
        if (module, name) in SAFE_GLOBALS:
            cls = super().find_class(module, name)
        elif module == "notegraph" or module.startswith("notegraph."):
            cls = super().find_class(module, name)
            if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
                cls = None
        if cls is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache record")
        self.allowed[(module, name)] = cls
        return cls


def loads(blob: bytes):
    """Read a record pickled by :func:`dumps` (notegraph dataclasses and datetime values only)."""
    return SafeUnpickler(io.BytesIO(blob)).load()


def dumps(value) -> bytes:
    """Pickle a record."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def graph_parts(graph: nx.MultiDiGraph, stats: dict):
    """The pickled parts a graph is stored in: its attributes and the build's stats, then nodes with
    their attributes and out-edges (in the graph's order), then each node's predecessors in order."""
    yield dumps(("head", dict(graph.graph), stats))
    nodes = list(graph.nodes)
    for i in range(0, len(nodes), GRAPH_PART_NODES):
        chunk = nodes[i:i + GRAPH_PART_NODES]
        yield dumps(("nodes", [(n, graph._node[n], graph._succ[n]) for n in chunk]))  # the dicts, not views
    for i in range(0, len(nodes), GRAPH_PART_NODES):
        chunk = nodes[i:i + GRAPH_PART_NODES]
        yield dumps(("pred", [(n, list(graph._pred[n])) for n in chunk if graph._pred[n]]))


def graph_from_parts(blobs) -> tuple[nx.MultiDiGraph, dict]:
    """The graph (and stats) that :func:`graph_parts` stored: the same nodes, edges, attributes and the
    same order of successors and predecessors (so every export writes the same bytes)."""
    g, stats = nx.MultiDiGraph(), {}
    for blob in blobs:
        part, *data = loads(blob)
        if part == "head":
            g.graph.update(data[0])
            stats = data[1]
        elif part == "nodes":
            for n, attrs, succ in data[0]:
                g._node[n] = attrs  # networkx's own tables, filled directly: add_edge would rebuild each dict
                g._succ[n] = succ
                g._pred[n] = {}
        else:
            for n, preds in data[0]:
                g._pred[n] = {u: g._succ[u][n] for u in preds}  # the same edge dicts as the successors'
    return g, stats


def stat_fields(st: os.stat_result) -> tuple[int, int, int, int]:
    """The parts of a stat that change when a file's content may have: size, mtime, ctime, inode."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


READ_ERRORS = (sqlite3.DatabaseError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
               ValueError, KeyError)  # what a damaged or foreign cache row raises when read back


def stored_graph(conn: sqlite3.Connection, fingerprint: str) -> tuple[nx.MultiDiGraph, dict] | None:
    """``(graph, stats)`` a cache connection holds under a build fingerprint, or None (also when unreadable)."""
    try:
        if conn.execute("SELECT 1 FROM graph_parts WHERE fingerprint = ? AND seq = 0", (fingerprint,)).fetchone() is None:
            return None
        gc_was = gc.isenabled()
        gc.disable()  # millions of small objects at once: the collector would rescan them over and over
        try:
            rows = conn.execute("SELECT payload FROM graph_parts WHERE fingerprint = ? ORDER BY seq", (fingerprint,))
            return graph_from_parts(r[0] for r in rows)
        finally:
            if gc_was:
                gc.enable()
    except READ_ERRORS as exc:
        log.warning("cache read failed (%s); assembling again", exc)
        return None


def read_graph(path: Path, fingerprint: str) -> nx.MultiDiGraph | None:
    """The graph a cache file holds under a build fingerprint (read-only; None if it has none)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        log.warning("cache read failed (%s)", exc)
        return None
    try:
        found = stored_graph(conn, fingerprint)
    finally:
        conn.close()
    return found[0] if found is not None else None


class ExtractionCache:
    """Per-note results (``get``/``put``), the stat shortcut (``file_entry``/``put_file``) and the last
    graph (``get_graph``/``put_graph``), written by ``commit``."""

    def __init__(self, path: str | Path, key: str):
        self.path = Path(path)
        self.key = key
        self.pending_files: dict[str, tuple] = {}
        self.warning = ""
        self.conn = self._open()
        self.files = self._load_files()
        self.hashes = self._load_hashes()

    def _open(self) -> sqlite3.Connection:
        """Open (or create) the cache; a corrupt file is deleted and recreated with a warning."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self.warning = f"cache file {self.path} was unreadable ({exc}); rebuilt from scratch"
            log.warning(self.warning)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        """Connect and make sure the tables exist (raises DatabaseError on a corrupt file)."""
        conn = sqlite3.connect(self.path)
        conn.execute("CREATE TABLE IF NOT EXISTS records (hash TEXT NOT NULL, key TEXT NOT NULL, "
                     "payload BLOB NOT NULL, PRIMARY KEY (hash, key))")
        conn.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key TEXT NOT NULL, size INTEGER, "
                     "mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER, checked_ns INTEGER, digest TEXT NOT NULL, "
                     "problems TEXT NOT NULL)")
        conn.execute("CREATE TABLE IF NOT EXISTS graph_parts (fingerprint TEXT NOT NULL, seq INTEGER NOT NULL, "
                     "payload BLOB NOT NULL, PRIMARY KEY (fingerprint, seq))")
        conn.execute("DROP TABLE IF EXISTS results")  # schema 2 (JSON extractions only)
        conn.execute("DROP TABLE IF EXISTS graphs")  # schema 3 (the last graph in one pickle)
        conn.execute("SELECT count(*) FROM records").fetchone()
        conn.commit()
        return conn

    def _load_files(self) -> dict[str, tuple]:
        """Every file row of this key: ``{path: (size, mtime_ns, ctime_ns, ino, checked_ns, digest, problems)}``."""
        try:
            rows = self.conn.execute("SELECT path, size, mtime_ns, ctime_ns, ino, checked_ns, digest, problems "
                                     "FROM files WHERE key = ?", (self.key,)).fetchall()
        except sqlite3.DatabaseError as exc:
            log.warning("cache read failed (%s); re-reading every note", exc)
            return {}
        return {r[0]: r[1:] for r in rows}

    def _load_hashes(self) -> set[str]:
        """The content hashes with a stored result under this key (one query, not one per note)."""
        try:
            return {r[0] for r in self.conn.execute("SELECT hash FROM records WHERE key = ?", (self.key,))}
        except sqlite3.DatabaseError as exc:
            log.warning("cache read failed (%s); re-processing every note", exc)
            return set()

    def file_entry(self, path: str, st: os.stat_result) -> FileEntry | None:
        """What the cache knows of the file at ``path`` if its stat is unchanged (and was not racy), else None."""
        row = self.files.get(path)
        if row is None or tuple(row[:4]) != stat_fields(st) or row[1] + RACY_NS > row[4]:
            return None
        try:
            return FileEntry(row[5], [Problem(**p) for p in json.loads(row[6])])
        except (ValueError, TypeError):
            return None

    def put_file(self, path: str, st: os.stat_result, checked_ns: int, digest: str, problems: list[Problem]) -> None:
        """Remember that the file at ``path`` with stat ``st`` (taken at ``checked_ns``) had content ``digest``."""
        row = (*stat_fields(st), checked_ns, digest, json.dumps([dataclasses.asdict(p) for p in problems],
                                                                 ensure_ascii=False))
        if self.files.get(path) != row:
            self.pending_files[path] = row

    def get(self, digest: str) -> NoteResult | None:
        """The cached result for a note's content hash, or None."""
        try:
            row = self.conn.execute("SELECT payload FROM records WHERE hash = ? AND key = ?",
                                    (digest, self.key)).fetchone()
            return loads(row[0]) if row else None
        except READ_ERRORS as exc:
            log.warning("cache read failed (%s); re-processing", exc)
            return None

    def has(self, digest: str) -> bool:
        """Whether a result is stored for a note's content hash (without reading it)."""
        return digest in self.hashes

    def get_graph(self, fingerprint: str):
        """``(graph, stats)`` stored for a build fingerprint, or None."""
        return stored_graph(self.conn, fingerprint)

    def put_graph(self, fingerprint: str, graph, stats: dict) -> None:
        """Keep ``graph`` (and the build's ``stats``) as the one graph of the cache, part by part, inside
        the build's transaction (:meth:`commit` ends it)."""
        try:
            self.conn.execute("DELETE FROM graph_parts")
            for seq, blob in enumerate(graph_parts(graph, stats)):
                self.conn.execute("INSERT INTO graph_parts (fingerprint, seq, payload) VALUES (?, ?, ?)",
                                  (fingerprint, seq, blob))
        except sqlite3.DatabaseError as exc:
            log.warning("could not write cache %s: %s", self.path, exc)

    def put(self, digest: str, result: NoteResult) -> None:
        """Store a result now, inside the build's transaction (:meth:`commit` ends it; a build that
        fails before leaves the cache as it was), so a build does not hold every new result."""
        try:
            self.conn.execute("INSERT OR REPLACE INTO records (hash, key, payload) VALUES (?, ?, ?)",
                              (digest, self.key, dumps(result)))
            self.hashes.add(digest)
        except sqlite3.DatabaseError as exc:
            log.warning("could not write cache %s: %s", self.path, exc)

    def commit(self, keep: set[str], keep_paths: set[str] | None = None) -> None:
        """Write queued rows and drop rows of other keys, of contents no longer present and of files no
        longer in ``keep_paths`` (when given), atomically."""
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO files (path, key, size, mtime_ns, ctime_ns, ino, "
                                      "checked_ns, digest, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      [(p, self.key, *row) for p, row in self.pending_files.items()])
                for table in ("records", "files"):
                    self.conn.execute(f"DELETE FROM {table} WHERE key != ?", (self.key,))
                self.conn.executemany("DELETE FROM records WHERE hash = ?",
                                      [(h,) for h in self.hashes - keep])
                if keep_paths is not None:
                    self.conn.executemany("DELETE FROM files WHERE path = ?",
                                          [(p,) for p in (self.files.keys() | self.pending_files.keys()) - keep_paths])
        except sqlite3.DatabaseError as exc:
            log.warning("could not write cache %s: %s", self.path, exc)
        else:
            self.hashes &= keep
            self.files = {p: row for p, row in {**self.files, **self.pending_files}.items()
                          if keep_paths is None or p in keep_paths}
        self.pending_files.clear()

    def close(self) -> None:
        """Close the database."""
        self.conn.close()
