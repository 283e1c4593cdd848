"""The ``notegraph_entities`` spaCy component: catalog entities as ``doc.ents`` with ``kb_id_``.

Add it to any pipeline (``nlp.add_pipe("notegraph_entities")``); it needs only a tokenizer, so it
runs on ja_ginza with the parser and NER excluded. Each entity span gets the entity kind as label
(``aws_service``, ``tool``, ``company``) and the catalog id as ``kb_id_``; the exact character hits
are also on ``doc._.notegraph_mentions``.

>>> import spacy
>>> nlp = spacy.blank("ja")  # doctest: +SKIP
>>> _ = nlp.add_pipe("notegraph_entities")  # doctest: +SKIP
>>> [(e.text, e.label_, e.kb_id_) for e in nlp("S3バケットを作る").ents]  # doctest: +SKIP
[('S3', 'aws_service', 'aws:s3')]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..catalog import Catalog, load_catalog
from .matcher import CatalogMatcher, Match, confirm_by_discourse

__all__ = ["NotegraphEntities", "make_notegraph_entities"]

if not Doc.has_extension("notegraph_mentions"):
    Doc.set_extension("notegraph_mentions", default=None)


@Language.factory(
    "notegraph_entities",
    default_config={"catalog_path": None, "extra_catalogs": [], "overwrite_ents": True},
)
def make_notegraph_entities(nlp: Language, name: str, catalog_path: str | None, extra_catalogs: list[str],
                            overwrite_ents: bool) -> "NotegraphEntities":
    """spaCy factory: build the component from catalog paths given in the pipeline config."""
    return NotegraphEntities(nlp, name, catalog=load_catalog(catalog_path, extra_catalogs), overwrite_ents=overwrite_ents)


class NotegraphEntities:
    """Mark catalog entities (AWS services, tools, companies) in a Doc and link them to canonical ids.

    Added with ``nlp.add_pipe("notegraph_entities", config={"catalog_path": ...})``.
    """

    def __init__(self, nlp: Language | None = None, name: str = "notegraph_entities", *,
                 catalog: Catalog | None = None, overwrite_ents: bool = True):
        """``catalog``: the entity catalog (default: the shipped one); ``overwrite_ents``: replace
        existing ``doc.ents`` (True) or keep the ones that do not overlap ours (False)."""
        self.name = name
        self.catalog = catalog if catalog is not None else load_catalog()
        self.matcher = CatalogMatcher(self.catalog)
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        """Find mentions in ``doc.text`` and store the confirmed ones as entity spans.

        ``doc._.notegraph_mentions`` keeps every hit, unconfirmed guarded ones included (flagged), so
        that a caller reading a longer document can confirm them from elsewhere in it.
        """
        matches = self.matcher.find(doc.text, unconfirmed=True)
        kept = {(m.start, m.entity_id) for m in confirm_by_discourse(matches)}
        doc._.notegraph_mentions = [m if m.confirmed or (m.start, m.entity_id) not in kept
                                    else Match(m.start, m.end, m.entity_id, m.surface, m.guarded, True)
                                    for m in matches]
        spans = [s for s in (self.span_of(doc, m) for m in doc._.notegraph_mentions if m.confirmed) if s is not None]
        if self.overwrite_ents:
            doc.ents = filter_spans(spans)
        else:
            doc.ents = filter_spans(spans + list(doc.ents))
        return doc

    def span_of(self, doc: Doc, m: Match) -> Span | None:
        """The token span covering a character match (expanded to whole tokens)."""
        kind = self.catalog[m.entity_id].kind
        return doc.char_span(m.start, m.end, label=kind, kb_id=m.entity_id, alignment_mode="expand")
