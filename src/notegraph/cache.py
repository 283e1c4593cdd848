"""Per-note extraction cache in one SQLite file, so rebuilds only re-process changed notes.

A row holds one note's :class:`~notegraph.extract.NoteExtraction` as JSON, keyed by the SHA-256 of
the note's content and by the *extraction key*: the catalog version, a hash of the package's whole
Python source, and the installed versions of the NLP libraries and models (spaCy, GiNZA, ja_ginza,
SudachiPy, SudachiDict). Any change to a note, the catalog, the code or a model therefore misses
the cache; nothing stale can be returned. Writes happen in one transaction per build (a killed run
leaves the previous cache intact), and an unreadable or corrupt file is replaced with a warning.
JSON rather than pickle: a cache file must never be able to run code.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from importlib import metadata
from pathlib import Path

__all__ = ["ExtractionCache", "content_hash", "code_version", "library_versions", "extraction_key"]

log = logging.getLogger("notegraph")
SCHEMA = 2
PACKAGE = Path(__file__).parent
NLP_DISTRIBUTIONS = ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core")  # what extraction's results depend on


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


class ExtractionCache:
    """Read cached per-note results and store new ones (``get`` / ``put`` / ``commit``)."""

    def __init__(self, path: str | Path, key: str):
        self.path = Path(path)
        self.key = key
        self.pending: dict[str, str] = {}
        self.warning = ""
        self.conn = self._open()

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
        """Connect and make sure the table exists (raises DatabaseError on a corrupt file)."""
        conn = sqlite3.connect(self.path)
        conn.execute("CREATE TABLE IF NOT EXISTS results (hash TEXT NOT NULL, key TEXT NOT NULL, "
                     "payload TEXT NOT NULL, PRIMARY KEY (hash, key))")
        conn.execute("SELECT count(*) FROM results").fetchone()
        conn.commit()
        return conn

    def get(self, digest: str) -> dict | None:
        """The cached result for a note's content hash, or None."""
        try:
            row = self.conn.execute("SELECT payload FROM results WHERE hash = ? AND key = ?",
                                    (digest, self.key)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.DatabaseError, ValueError) as exc:
            log.warning("cache read failed (%s); re-processing", exc)
            return None

    def put(self, digest: str, result: dict) -> None:
        """Queue a result; it is written by :meth:`commit`."""
        self.pending[digest] = json.dumps(result, ensure_ascii=False)

    def commit(self, keep: set[str]) -> None:
        """Write queued results and drop rows of other keys or of notes no longer present, atomically."""
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO results (hash, key, payload) VALUES (?, ?, ?)",
                                      [(h, self.key, p) for h, p in self.pending.items()])
                self.conn.execute("DELETE FROM results WHERE key != ?", (self.key,))
                known = [r[0] for r in self.conn.execute("SELECT hash FROM results")]
                self.conn.executemany("DELETE FROM results WHERE hash = ?", [(h,) for h in known if h not in keep])
        except sqlite3.DatabaseError as exc:
            log.warning("could not write cache %s: %s", self.path, exc)
        self.pending.clear()

    def close(self) -> None:
        """Close the database."""
        self.conn.close()
