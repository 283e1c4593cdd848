"""Kind per mention: a product's name used for the company that makes it ("Datadog社", "GitHubさん").

The catalog gives each name one kind, but people name a maker by its product ("Datadog" the SaaS,
"Datadog社の中の人"). When a corporate cue follows a tool's name — 社, さん, 様, 株式会社, Inc. — the
mention is the company: the catalog's company of that name when there is one, else a proposed company
(``verified=False``). The graph then has both nodes, joined by ``made_by`` (product → company).
Everything else stays the product: "Datadogで監視", "GitHub Actionsを使う".
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..catalog import Catalog, normalize
from .companies import company_id
from .mentions import Piece
from .relations import Relation

__all__ = ["COMPANY_CUE", "company_senses"]

COMPANY_CUE = re.compile(r"^\s?(?:社(?![内員会外長宅交])|さん|様|株式会社|（株）|\(株\)|,?\s?Inc\.?(?![A-Za-z])|"
                         r"\s?Corp(?:oration)?\.?(?![A-Za-z])|の(?:社員|中の人|方々?)(?![A-Za-z]))")
MADE_BY = "made_by"


def company_senses(pieces: list[Piece], catalog: Catalog, companies: dict[str, str]) -> list[Relation]:
    """Turn tool hits followed by a corporate cue into company hits, in place (``companies``: normalised
    name → catalog company id); returns the ``made_by`` relations (product → company) they imply."""
    made: dict[tuple[str, str], Relation] = {}
    for p in pieces:
        if p.origin != "text":
            continue
        for i, h in enumerate(p.hits):
            e = catalog.entities.get(h.entity_id)
            if e is None or e.kind != "tool" or not COMPANY_CUE.match(p.text[h.end:h.end + 12]):
                continue
            firm = companies.get(normalize(h.surface)) or companies.get(normalize(e.label)) or company_id(e.label)
            p.hits[i] = replace(h, entity_id=firm, guarded=False, confirmed=True)
            made.setdefault((e.id, firm), Relation(MADE_BY, e.id, firm, p.line, p.section, " ".join(p.text.split()),
                                                   "a product's name used for its maker (社, さん, Inc.)", 0.6))
    return list(made.values())
