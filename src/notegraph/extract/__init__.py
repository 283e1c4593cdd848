"""Stage 3, extraction: entity mentions in a note's prose, through a spaCy pipeline on ja_ginza.

Only prose lines that contain a catalog name are sent through spaCy (tokenizer + the
``notegraph_entities`` component); ja_ginza's parser and NER are excluded here, which keeps
extraction near tokenizer speed. Each mention keeps its file line, section and evidence sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..structure import Structure
from .matcher import CatalogMatcher, Match
from .text import sentence_spans, tidy

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded: cached rebuilds never need it
    from spacy.language import Language

    from .component import NotegraphEntities

__all__ = ["Mention", "load_pipeline", "mentions_of", "NotegraphEntities", "CatalogMatcher", "TITLE_SECTION",
           "PRESENTER_SECTION"]

TITLE_SECTION = -1  # section index used for mentions in the note's frontmatter title
PRESENTER_SECTION = -2  # section index for companies named by frontmatter presenter fields
PRESENTER_FIELDS = ("company", "companies", "organization", "organisation", "presenter", "presenters", "speaker",
                    "speakers", "登壇者", "発表者", "会社", "所属")
MAX_CHUNK = 4000  # characters per spaCy call (SudachiPy rejects inputs over ~49 KB)
MAX_EVIDENCE = 240  # characters of evidence kept around a mention
GINZA_MODEL = "ja_ginza"
_UNUSED_PIPES = ["morphologizer", "compound_splitter", "bunsetu_recognizer", "attribute_ruler", "lemmatizer"]
_HEAVY_PIPES = ["tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer",
                "attribute_ruler", "lemmatizer", "senter"]


@dataclass(frozen=True)
class Mention:
    """One mention of a catalog entity in a note."""

    entity_id: str
    surface: str
    line: int
    section: int | None  # index into Structure.sections; None = before any heading; -1 = title
    sentence: str
    score: float = 1.0  # 1.0 exact; lower: a fuzzy match and its similarity


def load_pipeline(catalog_path: str | None = None, extra_catalogs: list[str] = (), model: str = GINZA_MODEL,
                  parse: bool = True) -> "Language":
    """ja_ginza plus the ``notegraph_entities`` component, loaded once for the whole build.

    With ``parse`` the dependency parser and NER stay in the pipeline for the few relation and company
    candidates; the mention pass disables them (:data:`MENTION_PIPES`), so most text only meets the
    tokenizer and the catalog matcher. Sudachi's sub-tokens are not computed (nothing here reads them).
    """
    import spacy

    from . import component  # noqa: F401  (registers the factory)

    nlp = spacy.load(model, exclude=_UNUSED_PIPES if parse else _HEAVY_PIPES)
    if hasattr(nlp.tokenizer, "need_subtokens"):
        nlp.tokenizer.need_subtokens = False
    nlp.add_pipe("notegraph_entities", config={
        "catalog_path": str(catalog_path) if catalog_path else None,
        "extra_catalogs": [str(p) for p in extra_catalogs],
    })
    return nlp


def load_parser(model: str = GINZA_MODEL) -> "Language":
    """ja_ginza's dependency parser and NER (without the notegraph component), for candidates only."""
    import spacy

    nlp = spacy.load(model, exclude=_UNUSED_PIPES)
    if hasattr(nlp.tokenizer, "need_subtokens"):
        nlp.tokenizer.need_subtokens = False
    return nlp


def __getattr__(name: str):
    """Lazy access to the spaCy component class (importing it imports spaCy)."""
    if name == "NotegraphEntities":
        from .component import NotegraphEntities

        return NotegraphEntities
    raise AttributeError(name)


def component_of(nlp: "Language") -> "NotegraphEntities":
    """The notegraph component of a pipeline."""
    return nlp.get_pipe("notegraph_entities")


def mentions_of(structure: Structure, nlp: "Language", batch_size: int = 256) -> list[Mention]:
    """All entity mentions in a note: its frontmatter title, headings and prose lines.

    Only lines with a catalog hit go through spaCy, in chunks of at most ``MAX_CHUNK`` characters
    (SudachiPy refuses very long inputs; a 1 MB single-line note must still work).
    """
    matcher = component_of(nlp).matcher
    items: list[tuple[str, int, int | None]] = []
    note = structure.note
    if note.title_from == "frontmatter":
        items.append((note.title, note.title_line, TITLE_SECTION))
    for key in PRESENTER_FIELDS:
        for value in presenter_values(note.metadata.get(key)):
            items.append((value, note.field_lines.get(key, 1), PRESENTER_SECTION))
    items += [(seg.text, seg.line, seg.section) for seg in structure.segments]
    chunks = [(chunk, line, sec) for text, line, sec in items for chunk in chunks_of(text, matcher)]
    found: list[tuple[Match, str, int, int | None]] = []
    off = [p for p in nlp.pipe_names if p != "notegraph_entities"]  # tokenizer + matcher only
    for doc, (text, line, sec) in zip(nlp.pipe((t for t, _, _ in chunks), batch_size=batch_size, disable=off), chunks):
        found += [(m, text, line, sec) for m in doc._.notegraph_mentions]
    confirmed = {m.entity_id for m, *_ in found if m.confirmed}  # one sense per note
    return [Mention(m.entity_id, m.surface, line, sec, sentence_around(text, m), m.score)
            for m, text, line, sec in found if m.confirmed or m.entity_id in confirmed]


def presenter_values(value) -> list[str]:
    """Text of a frontmatter presenter field (a string, or a list of strings / mappings)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(v) for v in value.values() if isinstance(v, (str, int))]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in presenter_values(v)]
    return [str(value)]


def chunks_of(text: str, matcher: CatalogMatcher) -> list[str]:
    """The parts of a prose line worth tokenising: none without a hit; long lines cut between hits."""
    hits = matcher.find(text, unconfirmed=True)
    if not hits:
        return []
    if len(text) <= MAX_CHUNK:
        return [text]
    out, start = [], 0
    for m in hits:
        if m.end - start > MAX_CHUNK and m.start > start:
            out.append(text[start:m.start])
            start = m.start
    out.append(text[start:])
    return [c for piece in out for c in split_plain(piece, matcher)]


def split_plain(text: str, matcher: CatalogMatcher) -> list[str]:
    """Cut a still-too-long piece at whitespace or at MAX_CHUNK, keeping only parts with hits."""
    parts = []
    while len(text) > MAX_CHUNK:
        cut = text.rfind(" ", 0, MAX_CHUNK)
        cut = cut if cut > MAX_CHUNK // 2 else MAX_CHUNK
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return [p for p in parts if matcher.find(p, unconfirmed=True)]


def sentence_around(text: str, m: Match) -> str:
    """The sentence of a prose line that contains a match, tidied and cut to ``MAX_EVIDENCE`` characters."""
    start, end = next(((s, e) for s, e in sentence_spans(text) if s <= m.start < e), (0, len(text)))
    sentence, offset = text[start:end], m.start - start
    if len(sentence) > MAX_EVIDENCE:
        lo = max(0, min(offset - MAX_EVIDENCE // 2, len(sentence) - MAX_EVIDENCE))
        sentence = ("…" if lo else "") + sentence[lo:lo + MAX_EVIDENCE] + ("…" if lo + MAX_EVIDENCE < len(sentence) else "")
    return tidy(sentence)
