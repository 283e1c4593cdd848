"""Per-note extraction cache in one SQLite file, so rebuilds only re-process changed notes.

A row holds one note's extraction result (mentions, relations) as JSON, keyed by the SHA-256 of the
note's content and by the *extraction key*: the catalog version plus a hash of the source code of
every stage up to extraction. Any change to a note, the catalog or that code therefore misses the
cache; nothing stale can be returned. Writes happen in one transaction per build (a killed run
leaves the previous cache intact), and an unreadable or corrupt file is replaced with a warning.
JSON rather than pickle: a cache file must never be able to run code.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from pathlib import Path

__all__ = ["ExtractionCache", "content_hash", "code_version"]

log = logging.getLogger("notegraph")
SCHEMA = 1
_STAGE_SOURCES = ("notes.py", "structure.py", "catalog/__init__.py", "extract/*.py")  # code up to extraction


def content_hash(note_path: str, text: str) -> str:
    """Hash of what extraction reads: the note's path (titles fall back to it) and its text."""
    return hashlib.sha256(f"{note_path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def code_version() -> str:
    """Hash of the source of the stages that produce cached results (changes when the code does)."""
    here = Path(__file__).parent
    h = hashlib.sha256(f"schema {SCHEMA}".encode())
    for pattern in _STAGE_SOURCES:
        for p in sorted(here.glob(pattern)):
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


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
