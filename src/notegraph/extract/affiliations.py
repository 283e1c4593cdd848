"""Company names from speakers' affiliations: which catalog company a text names, or whether it is a
new one worth proposing — never a person, a handle, a user group, a role, 個人 or フリーランス.

Markers (株式会社, (株), Inc., Co., Ltd., LLC) are dropped from the label and job titles and departments
from the end ("株式会社Example 開発部 エンジニア" → "Example"); "AWS", "AWSJ", "AWS Japan" in a company
slot are Amazon Web Services Japan (though "AWS" alone in prose is no entity).
"""
from __future__ import annotations

import re
import unicodedata

from ..catalog import Catalog, normalize
from . import companies

__all__ = ["resolve_company", "company_index", "name_shaped", "looks_like_person", "drop_roles", "ROLE",
           "AWS_JAPAN_NAMES", "name_key"]

ROLE = companies.ROLE  # a person's role or title, never a company
_DEPARTMENT = re.compile(r"[ァ-ヶー一-龥々・]*(?:事業部|事業本部|本部|開発部|部門|支社|支店|センター|研究所|ラボ|グループ|チーム|室)")
_GLUED_DEPARTMENT = re.compile(r"(?<=\S)(?:日本|東京|大阪)?(?:支社|支店|事業部|事業本部|本部|開発部|研究所)$")
_NOT_COMPANY = re.compile(
    companies.USER_GROUP.pattern + "|"
    r"^(?:個人|フリーランス|freelance|freelancer|無所属|学生|student|未定|TBD|某社|某企業|他|others?)$|"
    r"^(?:オレ|おれ|俺|僕|ぼく|ボク|私|わたし|自分|筆者|ワイ)$",  # the author speaking of themself
    re.I)
_AWS_AFFILIATION = {"aws", "awsj", "aws japan", "amazon web services", "amazon web services japan"}
AWS_JAPAN_NAMES = ("AWSJ", "AWS Japan", "Amazon Web Services Japan", "アマゾン ウェブ サービス ジャパン")


def drop_roles(company: str) -> str:
    """A company text without job titles and departments after it ("Example 開発部 エンジニア" → "Example")."""
    words = company.split()
    while words and (ROLE.fullmatch(words[-1]) or _DEPARTMENT.fullmatch(words[-1]) or ROLE.search(words[-1]) and len(words) > 1):
        words.pop()
    text = " ".join(words)
    text = ROLE.sub(" ", text) if ROLE.search(text) and len(words) == 1 else text
    return " ".join(_GLUED_DEPARTMENT.sub("", text).split())


def name_key(text: str) -> str:
    """How two company names are compared: NFKC, then the catalog's normalisation."""
    return normalize(unicodedata.normalize("NFKC", text))


_INDEX: dict[str, dict[str, str]] = {}


def company_index(catalog: Catalog) -> dict[str, str]:
    """Normalised name → entity id of every catalog company (built once per catalog version)."""
    index = _INDEX.get(catalog.version)
    if index is None:
        index = {}
        firms = [e for e in catalog.entities.values() if e.kind == "company"]
        for e in firms:
            for n in e.names:
                index.setdefault(name_key(n), e.id)
        for e in firms:  # then each name without its corporate marker ("Facebook, Inc." → "Facebook")
            for n in e.names:
                index.setdefault(name_key(companies.clean_name(n)), e.id)
        _INDEX.clear()
        _INDEX[catalog.version] = index
    return index


def resolve_company(name: str, catalog: Catalog, names: set[str], propose: bool = True,
                    separated: bool = False) -> tuple[str | None, bool]:
    """The entity id a company text names and whether it is new (a proposal, only with ``propose`` or a
    corporate marker); ``(None, False)`` when it is no company: a person, a handle, a user group, a role,
    or text that is not shaped like a name. ``separated``: the speaker's name was already split off
    ("(Sun Microsystems 伊藤 氏)"), so a two-word Latin name here is the organisation, not a person."""
    name = companies.marked_part(name.strip(" 　・、。,()（）|｜:：-–"))
    index = company_index(catalog)
    if name.casefold() in _AWS_AFFILIATION:
        for form in AWS_JAPAN_NAMES:
            if name_key(form) in index:
                return index[name_key(form)], False
        return None, False
    for form in (name, companies.clean_name(name), drop_roles(name), companies.clean_name(drop_roles(name))):
        if form and name_key(form) in index:
            return index[name_key(form)], False
    clean = companies.clean_name(drop_roles(companies.clean_name(name)))
    if not clean or clean.startswith("@") or _NOT_COMPANY.search(clean) or ROLE.fullmatch(clean):
        return None, False
    marked = bool(companies.MARKER.search(name))
    if not marked and (not propose or (looks_like_person(clean) and not separated)):
        return None, False
    # a corporate marker makes a product's name its maker ("Nick Gottlieb - Serverless, Inc."): the
    # catalog's tool Serverless stays a tool, the affiliation is the company
    if name_shaped(clean, marked) and companies.acceptable(clean, names, vouched=marked):
        return companies.company_id(clean), True
    return None, False


def name_shaped(text: str, marked: bool) -> bool:
    """Text that can be an organisation's name: at most five words, no handle, no leading number, no
    sentence punctuation, and no hiragana (particles, verbs) unless a corporate marker vouches for it."""
    return (len(text.split()) <= 5 and "@" not in text and not re.match(r"\d|LT\s*\d", text)
            and not re.search(r"[。、！？!?]", text) and (marked or not re.search(r"[ぁ-ん]", text)))


def looks_like_person(text: str) -> bool:
    """A name that reads as a person's: one or two short kanji/kana words, or two capitalised Latin words;
    never one with a corporate marker ("株式会社テスト")."""
    if companies.MARKER.search(text):
        return False
    words = text.split()
    if re.fullmatch(r"[一-龥々ぁ-ん]{1,4}(?:\s?[一-龥々ぁ-んァ-ヶー]{1,4})?", text):
        return True
    if len(words) in (2, 3) and all(re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2,}|[A-Z]\.", w) for w in words):
        return not re.search(r"(?i)\b(?:inc|corp|japan|labs?|works|systems|technologies|tech|software|group|ltd|llc)\b", text)
    return False
