"""Stage 1, reading: every Markdown file under a folder becomes a :class:`Note`.

A note keeps its body text with the line number where the body starts, so that later stages
can cite file lines. YAML frontmatter (``---``) is parsed with
python-frontmatter's YAML handler (a safe loader, libyaml when present, that also reports duplicate
keys), TOML (``+++``) with the standard library; a broken block is reported and the body is still used.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

import yaml
from frontmatter.default_handlers import YAMLHandler


from .markdown import first_heading
from .problems import Problems

__all__ = ["Note", "read_notes", "read_note", "decode_bytes", "NOTE_SUFFIXES"]

NOTE_SUFFIXES = (".md", ".markdown")
MAX_NOTE_BYTES = 32 * 1024 * 1024  # larger files are skipped with a reason (option --max-note-mb)

_YAML_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOML_BLOCK = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)


@dataclass
class Note:
    """One Markdown file: its metadata and the body text that follows the frontmatter."""

    path: str  # relative to the notes folder, '/'-separated, NFC
    title: str
    body: str
    body_line: int = 1  # file line number of the body's first line
    date: str = ""  # ISO date or datetime as written, '' when unknown
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    title_from: str = "frontmatter"  # frontmatter | heading | filename
    field_lines: dict = field(default_factory=dict)  # frontmatter key -> file line (for evidence)

    @property
    def title_line(self) -> int:
        """File line of the frontmatter ``title`` (1 when unknown)."""
        return self.field_lines.get("title", 1)

    @property
    def stem(self) -> str:
        """The file name without folder and extension (as ``Path.stem``, without building a Path: the
        link resolver asks for it a hundred thousand times in a large vault).

        >>> Note("a/b.c.md", "", "").stem, Note("x/.hidden", "", "").stem, Note("plain", "", "").stem
        ('b.c', '.hidden', 'plain')
        """
        name = self.path.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name


def read_notes(folder: str | os.PathLike, problems: Problems | None = None, *, max_bytes: int = MAX_NOTE_BYTES,
               follow_symlinks: bool = False) -> list[Note]:
    """Read every ``*.md`` / ``*.markdown`` file under ``folder``, sorted by path.

    Files that cannot be read are reported to ``problems`` and left out; files over ``max_bytes`` are
    skipped with a reason; symlinks leading outside ``folder`` are only followed with ``follow_symlinks``.

    >>> read_notes("data/sample-notes")[0].path  # doctest: +SKIP
    '2024-06-aws-meetup.md'
    """
    root = Path(folder)
    problems = problems if problems is not None else Problems()
    notes = []
    for path in note_files(root, problems, follow_symlinks):
        note = read_note(path, root, problems, max_bytes)
        if note is not None:
            notes.append(note)
    return notes


def note_files(root: Path, problems: Problems, follow_symlinks: bool = False) -> list[Path]:
    """Markdown files under ``root`` (recursively, hidden folders skipped, symlinks checked)."""
    found = []
    root_real = root.resolve()
    visited: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks, onerror=None):
        real = Path(dirpath).resolve()
        if real in visited:  # a symlink loop when following links
            problems.add(relative_path(Path(dirpath), root), "symlink loop; folder visited once", "skipped")
            dirnames[:] = []
            continue
        visited.add(real)
        for hidden in sorted(d for d in dirnames if d.startswith(".")):
            problems.add(relative_path(Path(dirpath) / hidden, root), "hidden folder, not read", "ignored")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        inside = real == root_real or root_real in real.parents  # once per folder, not per file
        for name in sorted(filenames):
            if not name.lower().endswith(NOTE_SUFFIXES):
                continue
            if name.startswith("."):
                problems.add(relative_path(Path(dirpath) / name, root), "hidden file, not read", "ignored")
                continue
            path = Path(dirpath) / name
            if (inside and not path.is_symlink()) or usable_link(path, root, root_real, problems, follow_symlinks):
                found.append(path)  # a plain file in a folder inside the root needs no resolve() of its own
    return found


def usable_link(path: Path, root: Path, root_real: Path, problems: Problems, follow: bool) -> bool:
    """False (with a reported reason) for broken symlinks, loops, and links leaving the folder."""
    if not path.is_symlink() and root_real in path.resolve().parents:
        return True
    rel = relative_path(path, root)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        problems.add(rel, f"broken symlink or symlink loop ({exc.__class__.__name__})", "skipped")
        return False
    if root_real not in target.parents and not follow:
        problems.add(rel, "symlink points outside the notes folder; not followed (use --follow-symlinks)", "skipped")
        return False
    return True


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, '/'-separated and NFC-normalised (macOS writes NFD)."""
    rel = path.relative_to(root).as_posix()
    return unicodedata.normalize("NFC", rel)


def read_note(path: Path, root: Path, problems: Problems, max_bytes: int = MAX_NOTE_BYTES) -> Note | None:
    """Read one file into a :class:`Note`, or report why it cannot be read and return None."""
    rel = relative_path(path, root)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.add(rel, f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:g} MiB limit "
                              "(raise it with --max-note-mb)", "skipped")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(rel, f"cannot read file: {exc.strerror or exc}", "skipped")
        return None
    text, reason = decode_bytes(raw)
    if text is None:
        problems.add(rel, reason, "skipped")
        return None
    if reason:
        problems.add(rel, reason, "warning")
    return parse_note(rel, text, problems)


def decode_bytes(raw: bytes) -> tuple[str | None, str]:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, then Shift_JIS or EUC-JP,
    whichever reads as Japanese (never a guess that would turn entity names into mojibake).

    Returns ``(text, note)``: ``text`` is None when the file is binary or undecodable, and
    ``note`` says why, or which fallback encoding was used.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ""
        except UnicodeDecodeError:
            return None, "invalid UTF-16 text"
    if b"\x00" in raw[:8192]:
        return None, "binary file (contains NUL bytes), not a text note"
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    best = max(((japanese_score(t), codec, t) for codec, t in legacy_decodings(raw)), default=None)
    if best is None or best[0] < 0.9:
        return None, "not valid UTF-8, and not clearly Shift_JIS or EUC-JP text (skipped rather than guessed)"
    return best[2], f"not UTF-8; decoded as {best[1]}"


def legacy_decodings(raw: bytes):
    """``(codec, text)`` for each Japanese legacy codec that decodes ``raw`` without error."""
    for codec in ("cp932", "euc_jp"):
        try:
            yield codec, raw.decode(codec)
        except UnicodeDecodeError:
            continue


def japanese_score(text: str) -> float:
    """Share of characters that are ASCII, kana, common CJK or punctuation (mojibake scores low:
    it is full of half-width katakana, rare ideographs and symbols)."""
    if not text:
        return 1.0
    good = sum(1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fa5"
               or "\uff01" <= ch <= "\uff5e")
    return good / len(text)


def parse_note(rel: str, text: str, problems: Problems) -> Note:
    """Split frontmatter from body and fill a :class:`Note`'s metadata."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata, body, body_line = split_frontmatter(rel, text, problems)
    metadata = with_lower_keys(metadata)
    tags = string_list(metadata.get("tags", metadata.get("tag")))
    aliases = string_list(metadata.get("aliases", metadata.get("alias")))
    title, title_from = note_title(metadata, body, rel)
    head = text[: len(text) - len(body)].split("\n")
    field_lines = {}
    for i, ln in enumerate(head):
        key = re.match(r"([^\s:=#][^:=]*?)\s*[:=]", ln)
        if key:
            field_lines.setdefault(key.group(1).strip().strip('"'), i + 1)
    return Note(
        path=rel, title=title, body=body, body_line=body_line, date=date_string(metadata.get("date")),
        tags=[t.lstrip("#") for t in tags if t.lstrip("#")], aliases=aliases, metadata=metadata,
        title_from=title_from, field_lines=field_lines,
    )


def with_lower_keys(metadata: dict) -> dict:
    """The frontmatter with each key also under its lower-case form when that is not a key already:
    Hugo reads keys case-insensitively, so exports write "Tags:", "Categories:", "Title:"."""
    out = dict(metadata)
    for key, value in metadata.items():
        if isinstance(key, str):
            out.setdefault(key.lower(), value)
    return out


def split_frontmatter(rel: str, text: str, problems: Problems) -> tuple[dict, str, int]:
    """Return ``(metadata, body, body_line)``; bad frontmatter is reported and yields ``{}``."""
    for block, load in ((_YAML_BLOCK, load_yaml), (_TOML_BLOCK, lambda t: (tomllib.loads(t), []))):
        m = block.match(text)
        if not m:
            continue
        body = text[m.end():]
        body_line = text[: m.end()].count("\n") + 1
        try:
            metadata, duplicates = load(m.group(1) or "")
        except Exception as exc:  # yaml/toml raise many types; every one means "bad frontmatter"
            problems.add(rel, f"invalid frontmatter ({first_line(exc)}); body used without metadata")
            return {}, body, body_line
        if metadata is None:
            return {}, body, body_line
        if not isinstance(metadata, dict):
            problems.add(rel, f"frontmatter is a {type(metadata).__name__}, not a mapping; ignored")
            return {}, body, body_line
        for key in duplicates:
            problems.add(rel, f"frontmatter key {key!r} appears more than once; the last value is used")
        return {str(k): v for k, v in metadata.items()}, body, body_line
    if text.startswith("---\n") and not _YAML_BLOCK.match(text):
        problems.add(rel, "frontmatter starts with '---' but has no closing '---'; read as body")
    return {}, text, 1


class FrontmatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML safe loader (libyaml when available) that reports keys a mapping repeats to ``sink``:
    YAML forbids them and PyYAML would silently keep the last value."""

    sink: list[str] = []

    def construct_mapping(self, node, deep=False):
        """Build a mapping, sending duplicate keys to ``self.sink``."""
        seen = set()
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str) and key in seen:
                self.sink.append(key)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_yaml(text: str) -> tuple[object, list[str]]:
    """Parse frontmatter with python-frontmatter's YAML handler; returns the data and duplicate keys."""
    duplicates: list[str] = []
    loader = type("NoteLoader", (FrontmatterLoader,), {"sink": duplicates})
    return YAMLHandler().load(text, Loader=loader), list(dict.fromkeys(duplicates))


def first_line(exc: Exception) -> str:
    """The first line of an exception's message, with its type, for one-line reports."""
    msg = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {msg[0] if msg else ''}".strip()


def string_list(value) -> list[str]:
    """Tags/aliases as a list of strings: accepts a list, a comma/space separated string or a scalar."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        items = [scalar_text(v) for v in value if v is not None]
    elif isinstance(value, str):
        items = re.split(r"[,\s]+", value) if "," in value or " " in value.strip() else [value]
    else:
        items = [scalar_text(value)]
    return [i.strip() for i in items if i and i.strip()]


def scalar_text(value) -> str:
    """A YAML scalar as the text the author wrote (YAML 1.1 turns ``ON`` into True)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def date_string(value) -> str:
    """A frontmatter date as ISO text ('' when absent)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value).strip() if value not in (None, "") else ""


def note_title(metadata: dict, body: str, rel: str) -> tuple[str, str]:
    """The note's title: frontmatter ``title``, else the first level-1 heading (``#`` or ``===``
    underlined, outside code; see :func:`notegraph.markdown.first_heading`), else the file stem."""
    title = metadata.get("title")
    if title not in (None, "") and not isinstance(title, (list, dict)):
        return str(title).strip(), "frontmatter"
    heading = first_heading(body)
    if heading:
        return heading, "heading"
    return Path(rel).stem, "filename"
