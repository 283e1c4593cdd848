"""The entity catalog: canonical AWS services, tools and companies with their aliases.

The generated catalog ships as ``catalog/data/catalog.json`` (see ``catalog/build.py`` for how it is
made and from which sources). Users extend it without code through a YAML file (``notegraph.yaml``
in the notes folder, or ``--catalog FILE``)::

    entities:                      # new entities
      - label: 社内ポータル
        kind: tool
        aliases: [portal]
    aliases:                       # extra names for existing entities, by id or label
      AWS Lambda: [らむだ]
    stopwords: [Portal]            # names that must never match
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["Entity", "Catalog", "load_catalog", "normalize", "CatalogError", "ENTITY_KINDS", "USER_CATALOG_NAME"]

ENTITY_KINDS = ("aws_service", "tool", "company")
USER_CATALOG_NAME = "notegraph.yaml"


class CatalogError(ValueError):
    """A catalog file that cannot be used (the message names the file and the reason)."""


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Matching key of a name: NFKC (full-width → ASCII), case-folded, whitespace collapsed (cached:
    the catalog's names are normalised by the loader, the matcher and the proposal rules alike)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@dataclass(frozen=True)
class Entity:
    """A canonical entity: stable ``id``, ``kind``, display ``label`` and the names it is known by."""

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    guarded: frozenset[str] = frozenset()  # names that only match in a tech context, with exact case
    category: str = ""
    source: str = ""
    prose_only: bool = False  # a package name that is also an identifier: matched only in Japanese prose

    @property
    def names(self) -> tuple[str, ...]:
        """Label first, then aliases."""
        return (self.label, *self.aliases)


@dataclass
class Catalog:
    """All entities by id, plus stop-words, provenance and a version hash for caches."""

    entities: dict[str, Entity]
    stopwords: tuple[str, ...] = ()
    provenance: list = field(default_factory=list)
    version: str = ""

    def __len__(self) -> int:
        return len(self.entities)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def find(self, name: str) -> Entity | None:
        """The entity with this id, label or alias (after normalisation), if any."""
        if name in self.entities:
            return self.entities[name]
        key = normalize(name)
        for e in self.entities.values():
            if any(normalize(n) == key for n in e.names):
                return e
        return None

    def to_dict(self) -> dict:
        """The catalog as JSON-able data, in the shipped ``catalog.json`` layout plus its ``version``
        (user extensions already merged in); :meth:`from_dict` reads it back unchanged."""
        return {"format": 1, "version": self.version, "provenance": self.provenance,
                "entities": [entity_to_dict(e) for e in self.entities.values()],
                "stopwords": list(self.stopwords)}

    @classmethod
    def from_dict(cls, data: dict) -> "Catalog":
        """A catalog from :meth:`to_dict` data, keeping its version (no file is read)."""
        entities = {}
        for item in data.get("entities", []):
            e = entity_from_dict(item)
            entities[e.id] = e
        return cls(entities, tuple(str(s) for s in data.get("stopwords", [])), list(data.get("provenance", [])),
                   str(data.get("version", "")))


def default_catalog_path() -> Path:
    """Where the shipped catalog lives inside the installed package."""
    return Path(str(resources.files("notegraph.catalog").joinpath("data", "catalog.json")))


def load_catalog(path: str | Path | None = None, extra: list[str | Path] = ()) -> Catalog:
    """Load the shipped (or given) JSON catalog, then apply user YAML extensions in order.

    >>> cat = load_catalog()
    >>> cat.find("LamdbaEdge").label
    'Lambda@Edge'
    """
    path = Path(path) if path else default_catalog_path()
    try:
        raw = path.read_bytes()
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise CatalogError(f"{path}: cannot load catalog: {exc}") from exc
    entities = {}
    for item in data.get("entities", []):
        e = entity_from_dict(item)
        entities[e.id] = e
    digest = hashlib.sha256(raw)
    catalog = Catalog(entities, tuple(data.get("stopwords", [])), data.get("provenance", []))
    for ext in extra:
        digest.update(apply_extension(catalog, Path(ext)))
    catalog.version = digest.hexdigest()[:16]
    return catalog


def entity_from_dict(item: dict) -> Entity:
    """An :class:`Entity` from one catalog JSON/YAML record."""
    return Entity(
        id=str(item["id"]), kind=str(item["kind"]), label=str(item["label"]),
        aliases=tuple(str(a) for a in item.get("aliases", []) if str(a).strip()),
        guarded=frozenset(str(a) for a in item.get("guarded", [])),
        category=str(item.get("category", "") or ""), source=str(item.get("source", "") or ""),
        prose_only=bool(item.get("prose_only", False)),
    )


def entity_to_dict(e: Entity) -> dict:
    """One catalog JSON record of an :class:`Entity` (the inverse of :func:`entity_from_dict`)."""
    out = {"id": e.id, "kind": e.kind, "label": e.label, "aliases": list(e.aliases), "guarded": sorted(e.guarded),
           "source": e.source, "category": e.category}
    if e.prose_only:
        out["prose_only"] = True
    return out


def slug(text: str) -> str:
    """ASCII slug for generated ids."""
    s = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).casefold()).strip("-")
    return s or hashlib.sha1(text.encode()).hexdigest()[:8]


def apply_extension(catalog: Catalog, path: Path) -> bytes:
    """Merge a user's YAML catalog file into ``catalog``; returns its bytes (for the version hash)."""
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read catalog extension: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: catalog extension must be a mapping with entities/aliases/stopwords")
    for item in data.get("entities") or []:
        if not isinstance(item, dict) or "label" not in item or item.get("kind") not in ENTITY_KINDS:
            raise CatalogError(f"{path}: each entity needs a label and a kind among {ENTITY_KINDS}: {item!r}")
        item = {"id": item.get("id") or f"{item['kind'].split('_')[0]}:{slug(item['label'])}", "source": "user", **item}
        e = entity_from_dict(item)
        catalog.entities[e.id] = e
    for name, extra_aliases in (data.get("aliases") or {}).items():
        target = catalog.find(str(name))
        if target is None:
            raise CatalogError(f"{path}: aliases given for unknown entity {name!r}")
        more = tuple(str(a) for a in (extra_aliases or []))
        catalog.entities[target.id] = dataclasses.replace(target, aliases=target.aliases + more)
    for kind, name in confirmed_proposals(data.get("confirm"), path):
        item = {"id": f"{kind.split('_')[0]}:{slug(name)}", "label": name, "kind": kind, "source": "user (confirmed proposal)"}
        catalog.entities.setdefault(item["id"], entity_from_dict(item))
    rejected = tuple(str(s) for s in data.get("reject") or [])
    catalog.stopwords = catalog.stopwords + tuple(str(s) for s in data.get("stopwords") or []) + rejected
    return raw


def confirmed_proposals(value, path: Path) -> list[tuple[str, str]]:
    """``(kind, name)`` of the proposals a user confirmed: ``confirm: [Name, …]`` (companies, the kind
    notegraph proposes from affiliations and corporate markers) or ``confirm: {company: […], tool: […]}``."""
    if not value:
        return []
    if isinstance(value, list):
        return [("company", str(v)) for v in value]
    if isinstance(value, dict) and all(k in ENTITY_KINDS for k in value):
        return [(k, str(v)) for k, names in value.items() for v in names or []]
    raise CatalogError(f"{path}: confirm must be a list of names or a mapping kind → names ({ENTITY_KINDS})")
