"""Entity mentions of one note: the catalog matcher over its title, presenter fields and prose lines.

Matching is character-level (:mod:`.matcher`), so it needs no tokenizer: each piece of text is
matched once, and the same hits serve mentions, relation candidates and company candidates. Long
lines are cut into pieces of at most :data:`MAX_CHUNK` characters *before* matching, so the cost
stays linear in the line's length. One sense per note: a guarded name ("Go", "Lambda") that lacks
context on its line counts when the same entity is confirmed elsewhere in the note.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..structure import Structure
from .matcher import CatalogMatcher, Match
from .text import sentence_spans, tidy, tidy_offsets

__all__ = ["Mention", "Piece", "PROPOSED_PREFIXES", "proposed", "kind_of", "ORIGINS", "PRESENTER_FIELDS", "pieces_of", "cut_points", "match_pieces",
           "note_mentions", "sentence_matches", "sentence_around"]

ORIGINS = ("text", "title", "presenter_field", "proposed", "affiliation")  # where a mention comes from
PRESENTER_FIELDS = ("company", "companies", "organization", "organisation", "presenter", "presenters", "speaker",
                    "speakers", "登壇者", "発表者", "会社", "所属")
MAX_CHUNK = 4000  # characters per piece (bounds every per-piece cost; SudachiPy rejects inputs over ~49 KB)
MAX_EVIDENCE = 240  # characters of evidence kept around a mention
_BREAKS = "。．！？!?\n"


PROPOSED_PREFIXES = {"company?:": "company", "tool?:": "tool"}  # ids of entities proposed from the notes


def proposed(entity_id: str) -> tuple[str, str] | None:
    """``(kind, name)`` of an entity proposed from the notes (``company?:Name``), None for a catalog id."""
    prefix, sep, name = entity_id.partition("?:")
    kind = PROPOSED_PREFIXES.get(prefix + sep)
    return (kind, name) if kind else None


def kind_of(catalog, entity_id: str) -> str:
    """The kind of a catalog entity or of an entity proposed from the notes."""
    found = proposed(entity_id)
    return found[0] if found else catalog[entity_id].kind


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a note, with where it is and the sentence that shows it."""

    entity_id: str
    surface: str
    line: int
    section: int | None  # index into Structure.sections; None = before any heading, or not body text
    sentence: str
    score: float = 1.0  # 1.0 exact; lower: a fuzzy match and its similarity
    origin: str = "text"  # one of ORIGINS: body text, frontmatter title, presenter field, proposed company


@dataclass
class Piece:
    """A piece of a note's text that was matched: the text, its file line, section, origin, and hits
    (offsets relative to ``text``; unconfirmed guarded hits included, flagged)."""

    text: str
    line: int
    section: int | None
    origin: str
    hits: list[Match]

    def covered(self, start: int, end: int) -> bool:
        """Whether a hit overlaps ``[start, end)`` (a name there is the catalog's, not a new one)."""
        return any(h.start < end and start < h.end for h in self.hits)

    def add_hits(self, hits: list[Match]) -> None:
        """Add hits found after matching (proposed tools), keeping the hits in text order."""
        self.hits = sorted(self.hits + hits, key=lambda h: h.start)

    def evidence(self) -> str:
        """The piece as a proposal's evidence: whitespace squeezed, at most 240 characters."""
        return " ".join(self.text.split())[:240]


def cut_points(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``limit`` characters covering ``text``: cut after a sentence end,
    else at a space, else hard; one pass, so a 1 MB line costs what its length costs."""
    spans, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(c) for c in _BREAKS) + 1
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1
        if cut <= limit // 2:
            cut = limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, n))
    return spans


def pieces_of(structure: Structure) -> list[tuple[str, int, int | None, str]]:
    """``(text, line, section, origin)`` of everything a note says: frontmatter title, presenter fields,
    prose lines (headings included), long lines cut into pieces."""
    note = structure.note
    items: list[tuple[str, int, int | None, str]] = []
    if note.title_from == "frontmatter":
        items.append((note.title, note.title_line, None, "title"))
    for key in PRESENTER_FIELDS:
        for value in presenter_values(note.metadata.get(key)):
            items.append((value, note.field_lines.get(key, 1), None, "presenter_field"))
    items += [(seg.text, seg.line, seg.section, "text") for seg in structure.segments]
    return [(text[s:e], line, sec, origin) for text, line, sec, origin in items for s, e in cut_points(text)]


def match_pieces(structure: Structure, matcher: CatalogMatcher) -> list[Piece]:
    """Every piece of the note with its catalog hits (one matcher pass per piece; pieces without hits
    are dropped unless they are prose, which company proposals may still read)."""
    out = []
    for text, line, sec, origin in pieces_of(structure):
        hits = matcher.find(text, unconfirmed=True)
        if hits or origin == "text":
            out.append(Piece(text, line, sec, origin, hits))
    return out


def note_mentions(pieces: list[Piece]) -> list[Mention]:
    """The note's mentions: confirmed hits, and unconfirmed ones whose entity the note confirms elsewhere."""
    confirmed = {m.entity_id for p in pieces for m in p.hits if m.confirmed}
    out = []
    for p in pieces:
        spans = sentence_spans(p.text) if p.hits else []
        out += [Mention(m.entity_id, " ".join(m.surface.split()), p.line, p.section, sentence_around(p.text, m, spans), m.score, p.origin)
                for m in p.hits if m.confirmed or m.entity_id in confirmed]
    return out


def sentence_matches(piece: Piece, start: int, end: int, confirmed: set[str] | None = None) -> tuple[str, list[Match]]:
    """The sentence ``piece.text[start:end]`` tidied as evidence, with the piece's hits inside it moved to
    the tidied text's offsets; with ``confirmed``, only hits the note confirms (no second matcher pass)."""
    text, pos = tidy_offsets(piece.text[start:end])
    out = []
    for m in piece.hits:
        if m.start < start or m.end > end or (confirmed is not None and not (m.confirmed or m.entity_id in confirmed)):
            continue
        s, e = bisect_left(pos, m.start - start), bisect_left(pos, m.end - start)
        if s < e and pos[s] == m.start - start:
            out.append(Match(s, e, m.entity_id, text[s:e], m.guarded, True, m.score))
    return text, out


def presenter_values(value) -> list[str]:
    """Text of a frontmatter presenter field (a string, or a list of strings / mappings)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(v) for v in value.values() if isinstance(v, (str, int))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in presenter_values(v)]
    return [str(value)]


def sentence_around(text: str, m: Match, spans: list[tuple[int, int]] | None = None) -> str:
    """The sentence of a prose line that contains a match (``spans``: the line's sentence spans, if
    known), tidied and cut to ``MAX_EVIDENCE`` characters."""
    spans = sentence_spans(text) if spans is None else spans
    start, end = next(((s, e) for s, e in spans if s <= m.start < e), (0, len(text)))
    sentence, offset = text[start:end], m.start - start
    if len(sentence) > MAX_EVIDENCE:
        lo = max(0, min(offset - MAX_EVIDENCE // 2, len(sentence) - MAX_EVIDENCE))
        sentence = ("…" if lo else "") + sentence[lo:lo + MAX_EVIDENCE] + ("…" if lo + MAX_EVIDENCE < len(sentence) else "")
    return tidy(sentence)
