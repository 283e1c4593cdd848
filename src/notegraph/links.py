"""Resolve note-to-note links (``[text](path.md)``, ``[[Target]]``, ``[[Target|shown]]``,
``[[Target#heading]]``) to notes of the folder: by path (relative to the linking note, then to the
folder root), then by file stem, title or alias — the order Obsidian users expect.
"""
from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import unquote

from .notes import Note
from .structure import Link

__all__ = ["LinkResolver"]


def _key(text: str) -> str:
    """Lookup key: NFC, case-folded, no extension, '/'-separated."""
    text = text.replace("\\", "/")
    if not text.isascii():  # NFC leaves ASCII as it is: most names need no normalising
        text = unicodedata.normalize("NFC", text)
    text = text.strip().strip("/")
    for ext in (".md", ".markdown"):
        if text.lower().endswith(ext):
            text = text[: -len(ext)]
    return text.casefold()


class LinkResolver:
    """Index of a folder's notes by path, stem, title and alias."""

    def __init__(self, notes: list[Note]):
        self.by_path: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for note in notes:
            self.by_path.setdefault(_key(note.path), note.path)
            self.by_path.setdefault(_key(unquote(note.path)), note.path)
        for kind in ("stem", "title", "alias"):  # earlier kinds win over later ones
            for note in notes:
                names = {"stem": [note.stem, unquote(note.stem)], "title": [note.title], "alias": note.aliases}[kind]
                for name in names:
                    self.by_name.setdefault(_key(name), note.path)

    def resolve(self, link: Link, from_path: str) -> str | None:
        """The path of the note a link points to, or None when it is not a note of the folder."""
        target = link.target.strip()
        if not target:
            return None
        here = posixpath.dirname(from_path)
        for candidate in (posixpath.normpath(posixpath.join(here, target)), target):
            hit = self.by_path.get(_key(candidate))
            if hit:
                return hit
        hit = self.by_name.get(_key(target))
        if hit:
            return hit
        return self.by_name.get(_key(posixpath.basename(target)))
