"""Kind per mention: a product's name used for the company that makes it ("Datadog社", "GitHubさん").

The catalog gives each name one kind, but people name a maker by its product ("Datadog" the SaaS,
"Datadog社の中の人"). When a corporate cue follows a tool's name — 社, さん, 様, 株式会社, Inc. — the
mention is the company: the catalog's company of that name when there is one, else a proposed company
(``verified=False``). The graph then has both nodes, joined by ``made_by`` (product → company).
Everything else stays the product: "Datadogで監視", "GitHub Actionsを使う".

A company's name right after 日本 ("日本オラクル", "日本IBM", "日本マイクロソフト") names its Japanese
company, an organisation of its own (Japanese subsidiaries are so named): a proposed company
"日本<name>", not the parent; so is its name followed by a katakana name ending in a corporate word
("KDDIウェブコミュニケーションズ", "リクルートテクノロジーズ"), a group company (:func:`own_companies`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..catalog import Catalog, normalize
from .companies import company_id
from .mentions import Piece
from .relations import Relation

__all__ = ["COMPANY_CUE", "company_senses", "own_companies"]

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


_BEFORE_NIHON = re.compile(r"[\u3005\u30a0-\u30ff\u4e00-\u9fff]$")  # "東日本…", "西日本…": a region, not 日本
_GROUP_NAME = re.compile(r"(?:\s{4,})?(?P<rest>[ァ-ヶー・]{0,12}?(?:コミュニケーションズ|テクノロジーズ|テクノロジー|ソリューションズ|"
                         r"システムズ|ネットワークス|パートナーズ|ホールディングス|インターネット|ラボ|データ|"
                         r"エンタテインメント|エンターテインメント|マーケティング|コンサルティング))(?![ァ-ヶー])")
# (four spaces or more: a blanked tag between the two parts, "<a>KDDI</a>ウェブコミュニケーションズ")


def own_companies(pieces: list[Piece], catalog: Catalog) -> None:
    """Turn a catalog company's hit that is part of another company's name into a hit of that proposed
    company, in place: right after 日本 ("日本オラクル伊東さん", "【日本IBM株式会社】": the Japanese company;
    not after a region, "東日本"), or followed by a katakana name ending in a corporate word
    ("KDDIウェブコミュニケーションズ": a group company). A name the catalog knows whole was matched whole
    already ("NTTコミュニケーションズ")."""
    for p in pieces:
        if p.origin != "text":
            continue
        for i, h in enumerate(p.hits):
            e = catalog.entities.get(h.entity_id)
            if e is None or e.kind != "company":
                continue
            start, end, name = h.start, h.end, h.surface
            if start >= 2 and p.text[start - 2:start] == "日本" and not _BEFORE_NIHON.search(p.text[:start - 2]):
                start, name = start - 2, "日本" + name
            group = _GROUP_NAME.match(p.text, end)
            if group:
                end, name = group.end(), name + group.group("rest")
            if name != h.surface:
                p.hits[i] = replace(h, start=start, end=end, entity_id=company_id(name), surface=name, guarded=False,
                                    confirmed=True)
