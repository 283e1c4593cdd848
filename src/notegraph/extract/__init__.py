"""Stage 3, extraction: what each note mentions, states and proposes, one note at a time.

:func:`extract_note` (in :mod:`.note`) turns a note's :class:`~notegraph.structure.Structure` into a
:class:`NoteExtraction`: catalog mentions (a character-level matcher, no NLP), typed relations and
companies missing from the catalog (GiNZA's parser and NER on candidate sentences only), and the
companies that presented each talk. This module loads the spaCy pipeline that carries the catalog
(the ``notegraph_entities`` component on ja_ginza) once per build.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..structure import Structure

from .matcher import CatalogMatcher, Match
from .mentions import ORIGINS, PRESENTER_FIELDS, Mention, match_pieces, note_mentions
from .note import NoteExtraction, extract_note

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is loaded: cached rebuilds never need it
    from spacy.language import Language

    from .component import NotegraphEntities

__all__ = ["Mention", "NoteExtraction", "extract_note", "load_pipeline", "load_parser", "parser_for", "mentions_of",
           "component_of", "NotegraphEntities", "CatalogMatcher", "Match", "ORIGINS", "PRESENTER_FIELDS"]

GINZA_MODEL = "ja_ginza"
_UNUSED_PIPES = ["morphologizer", "compound_splitter", "bunsetu_recognizer", "attribute_ruler", "lemmatizer"]
_HEAVY_PIPES = ["tok2vec", "parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer",
                "attribute_ruler", "lemmatizer", "senter"]
_VOCAB = ["vocab"]  # a serialization field of Language.from_disk: the strings, lexemes and vectors


def load_pipeline(catalog_path: str | None = None, extra_catalogs: list[str] = (), model: str = GINZA_MODEL,
                  parse: bool = True) -> "Language":
    """ja_ginza plus the ``notegraph_entities`` component, loaded once for the whole build.

    With ``parse`` the dependency parser and NER stay in the pipeline for the few relation and company
    candidate sentences (:func:`extract_note` runs only them); without it the pipeline is the tokenizer
    and the component, loaded in a third of the time: without the model's vocabulary (its lexeme
    tables feed only the parser's features) — :func:`parser_for` loads the parser the first time a
    note has a candidate. Sudachi's sub-tokens are not computed (nothing here reads them).
    """
    import spacy

    from . import component  # noqa: F401  (registers the factory)

    nlp = spacy.load(model, exclude=_UNUSED_PIPES if parse else _HEAVY_PIPES + _VOCAB)
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


def parser_for(nlp: "Language") -> "Language":
    """The pipeline that parses candidate sentences: ``nlp`` itself when it has ja_ginza's parser and NER,
    else ja_ginza loaded once per process."""
    if "parser" in nlp.pipe_names and "ner" in nlp.pipe_names:
        return nlp
    global _PARSER
    if _PARSER is None:
        _PARSER = load_parser()
    return _PARSER


_PARSER = None


def mentions_of(structure: Structure, nlp: "Language") -> list[Mention]:
    """The catalog mentions of one note (the mention part of :func:`extract_note`, without parsing)."""
    return note_mentions(match_pieces(structure, component_of(nlp).matcher))
