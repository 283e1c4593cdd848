"""The ``notegraph_entities`` spaCy component: catalog entities as ``doc.ents`` with ``kb_id_``.

Add it to any pipeline (``nlp.add_pipe("notegraph_entities")``); it needs only a tokenizer, so it
runs on ja_ginza with the parser and NER excluded. Each entity span gets the entity kind as label
(``aws_service``, ``tool``, ``company``) and the catalog id as ``kb_id_``; the exact character hits
are also on ``doc._.notegraph_mentions``, as a list of plain dicts (so that ``nlp.pipe(..., n_process=2)``
and ``DocBin(store_user_data=True)`` can serialise them; a DocBin gives the list back as a tuple);
:func:`matches_of` turns them back into :class:`~notegraph.extract.matcher.Match` objects.

The component is a regular spaCy citizen: ``nlp.to_disk`` stores its catalog (user extensions merged
in) as ``notegraph_entities/catalog.json``, and ``spacy.load`` restores that catalog without reading
the original catalog files again; ``nlp.initialize()`` (re)loads it from catalog paths.

>>> import spacy
>>> nlp = spacy.blank("ja")  # doctest: +SKIP
>>> _ = nlp.add_pipe("notegraph_entities")  # doctest: +SKIP
>>> [(e.text, e.label_, e.kb_id_) for e in nlp("S3バケットを作る").ents]  # doctest: +SKIP
[('S3', 'aws_service', 'aws:s3')]
"""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..catalog import Catalog, CatalogError, load_catalog
from .matcher import CatalogMatcher, Match, confirm_by_discourse

__all__ = ["NotegraphEntities", "make_notegraph_entities", "matches_of", "MENTION_FIELDS"]

MENTION_FIELDS = tuple(f.name for f in fields(Match))  # start, end, entity_id, surface, guarded, confirmed, score
CATALOG_FILE = "catalog.json"

if not Doc.has_extension("notegraph_mentions"):
    Doc.set_extension("notegraph_mentions", default=None)


@Language.factory(
    "notegraph_entities",
    assigns=["doc.ents", "doc._.notegraph_mentions"],
    default_config={"catalog_path": None, "extra_catalogs": [], "overwrite_ents": True},
)
def make_notegraph_entities(nlp: Language, name: str, catalog_path: str | None, extra_catalogs: list[str],
                            overwrite_ents: bool) -> "NotegraphEntities":
    """spaCy factory: build the component from catalog paths given in the pipeline config.

    A catalog file that no longer exists does not fail here but on first use: ``spacy.load`` builds
    the component from the saved config and then restores the saved catalog (:meth:`~NotegraphEntities.from_disk`),
    so the original files are not needed any more.
    """
    try:
        catalog, missing = load_catalog(catalog_path, extra_catalogs), None
    except CatalogError as exc:
        if not isinstance(exc.__cause__, FileNotFoundError):
            raise
        catalog, missing = Catalog({}), exc
    comp = NotegraphEntities(nlp, name, catalog=catalog, overwrite_ents=overwrite_ents,
                             catalog_path=catalog_path, extra_catalogs=extra_catalogs)
    comp._missing = missing
    return comp


def match_record(m: Match) -> dict:
    """A :class:`Match` as a msgpack/JSON-able dict (the items of ``doc._.notegraph_mentions``)."""
    return {"start": int(m.start), "end": int(m.end), "entity_id": str(m.entity_id), "surface": str(m.surface),
            "guarded": bool(m.guarded), "confirmed": bool(m.confirmed), "score": float(m.score)}


def as_match(record) -> Match:
    """A :class:`Match` from one ``doc._.notegraph_mentions`` item: a dict, a (start, end, entity_id,
    surface, guarded, confirmed, score) tuple/list, or already a Match."""
    if isinstance(record, Match):
        return record
    if isinstance(record, dict):
        return Match(**{k: record[k] for k in MENTION_FIELDS if k in record})
    return Match(*record)


def matches_of(doc: Doc) -> list[Match]:
    """The catalog hits the component stored on ``doc`` (``doc._.notegraph_mentions``), as Match objects;
    empty when the component has not run on it."""
    return [as_match(r) for r in doc._.notegraph_mentions or ()]


class NotegraphEntities:
    """Mark catalog entities (AWS services, tools, companies) in a Doc and link them to canonical ids.

    Added with ``nlp.add_pipe("notegraph_entities", config={"catalog_path": ...})``.
    """

    def __init__(self, nlp: Language | None = None, name: str = "notegraph_entities", *,
                 catalog: Catalog | None = None, overwrite_ents: bool = True,
                 catalog_path: str | None = None, extra_catalogs: Iterable[str] = ()):
        """``catalog``: the entity catalog (default: loaded from ``catalog_path`` — the shipped one
        if None — and ``extra_catalogs``); ``overwrite_ents``: replace existing ``doc.ents`` (True) or
        keep the ones that do not overlap ours (False)."""
        self.name = name
        self.catalog_path = str(catalog_path) if catalog_path else None
        self.extra_catalogs = [str(p) for p in extra_catalogs]
        self._missing: CatalogError | None = None  # a configured catalog file that was gone at creation
        self.catalog = catalog if catalog is not None else load_catalog(self.catalog_path, self.extra_catalogs)
        self.overwrite_ents = overwrite_ents

    @property
    def catalog(self) -> Catalog:
        """The entity catalog (setting it rebuilds the matcher)."""
        if self._missing is not None:
            raise self._missing
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._matcher = CatalogMatcher(catalog)
        self._missing = None

    def __getstate__(self) -> dict:
        """Pickle without the compiled matcher (rebuilt on unpickling), for ``n_process`` under spawn."""
        return {k: v for k, v in self.__dict__.items() if k != "_matcher"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._matcher = CatalogMatcher(self._catalog)

    @property
    def matcher(self) -> CatalogMatcher:
        """The compiled matcher over :attr:`catalog`."""
        if self._missing is not None:
            raise self._missing
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        """Find mentions in ``doc.text`` and store the confirmed ones as entity spans.

        ``doc._.notegraph_mentions`` keeps every hit as a dict (see :func:`matches_of`), unconfirmed
        guarded ones included (flagged), so that a caller reading a longer document can confirm them
        from elsewhere in it.
        """
        matches = self.matcher.find(doc.text, unconfirmed=True)
        kept = {(m.start, m.entity_id) for m in confirm_by_discourse(matches)}
        matches = [m if m.confirmed or (m.start, m.entity_id) not in kept
                   else Match(m.start, m.end, m.entity_id, m.surface, m.guarded, True, m.score)
                   for m in matches]
        doc._.notegraph_mentions = [match_record(m) for m in matches]
        spans = [s for s in (self.span_of(doc, m) for m in matches if m.confirmed) if s is not None]
        if self.overwrite_ents:
            doc.ents = filter_spans(spans)
        else:
            doc.ents = filter_spans(spans + list(doc.ents))
        return doc

    def span_of(self, doc: Doc, m: Match) -> Span | None:
        """The token span covering a character match (expanded to whole tokens)."""
        kind = self.catalog[m.entity_id].kind
        return doc.char_span(m.start, m.end, label=kind, kb_id=m.entity_id, alignment_mode="expand")

    # -- spaCy life cycle: initialize and serialisation ------------------------------------------

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   catalog_path: str | None = None, extra_catalogs: list[str] | None = None) -> None:
        """Load the catalog (``nlp.initialize()``; settings from ``[initialize.components.<name>]``).

        ``catalog_path`` / ``extra_catalogs`` override the factory's; with neither given, a catalog
        already present (e.g. restored by :meth:`from_disk`) is kept, else the configured files are read.
        """
        if catalog_path is None and extra_catalogs is None and self._missing is None:
            return
        if catalog_path is not None:
            self.catalog_path = str(catalog_path)
        if extra_catalogs is not None:
            self.extra_catalogs = [str(p) for p in extra_catalogs]
        self.catalog = load_catalog(self.catalog_path, self.extra_catalogs)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the catalog (user extensions merged in, version kept) as ``catalog.json`` in ``path``."""
        util.to_disk(path, {CATALOG_FILE: lambda p: p.write_text(
            json.dumps(self.catalog.to_dict(), ensure_ascii=False), encoding="utf-8")}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NotegraphEntities":
        """Restore the catalog saved by :meth:`to_disk` (a folder without one keeps the current catalog)."""
        def read(p: Path) -> None:
            if p.exists():
                self.catalog = Catalog.from_dict(json.loads(p.read_text(encoding="utf-8")))

        util.from_disk(path, {CATALOG_FILE: read}, exclude)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The catalog as msgpack bytes (what :meth:`to_disk` writes, for ``nlp.to_bytes``)."""
        return srsly.msgpack_dumps({} if "catalog" in exclude else {"catalog": self.catalog.to_dict()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "NotegraphEntities":
        """Restore the catalog from :meth:`to_bytes` data."""
        msg = srsly.msgpack_loads(data)
        if "catalog" in msg and "catalog" not in exclude:
            self.catalog = Catalog.from_dict(msg["catalog"])
        return self
