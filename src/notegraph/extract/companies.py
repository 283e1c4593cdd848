"""Companies that are not in the catalog, proposed from how Japanese and English notes name them.

Only sentences with a corporate marker are looked at: 株式会社 / (株) / 合同会社, a name ending in
社 followed by さん・様・の…, "Inc." / "Corp." / "Ltd." / "K.K.", or a company blog ("X Tech Blog",
"X 技術ブログ"). GiNZA's NER runs on those sentences; a named entity it labels as a company
(Company, Corporation_Other, Company_Group) and that carries or touches a marker is proposed, and so
is a name the marker patterns delimit when NER's boundaries are off ("毎日新聞社さん"). A proposal
never overlaps a catalog match and never equals a catalog name (a product stays a product), and it is
marked unverified on its node.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..catalog import normalize
from ..catalog.words import COMMON_WORDS, Lexicon
from .matcher import JA_MARKER
from .mentions import Piece, sentence_matches
from .text import sentence_spans

__all__ = ["CompanyCandidate", "candidates_of", "companies_in", "UNVERIFIED_PREFIX", "company_id", "company_label",
           "marked_part", "glued_affiliations"]

UNVERIFIED_PREFIX = "company?:"  # entity ids of proposed companies: company?:<name> (see mentions.PROPOSED_PREFIXES)
ROLE = re.compile(  # a person's role or title, never a company (affiliations and presenters read it too)
    r"エバンジェリスト|CTO|CEO|CIO|COO|VPoE|VP of \w+|代表取締役|取締役|代表|社長|部長|課長|室長|マネージャー?|リード|"
    r"エンジニア|アーキテクト|デザイナー|プログラマー?|コンサルタント|ディレクター|プロデューサー|研究員|フェロー|Director|"
    r"Manager|Engineer|Evangelist|Architect|Developer Advocate|Advocate|Designer|Lead|Fellow|Sales|Founder|co-?founder|"
    r"senior staff|staff|principal",
    re.I)
NER_COMPANY = {"Company", "Corporation_Other", "Company_Group"}
_NAME = r"[A-Za-z0-9][\w&.'-]*(?: [A-Z0-9][\w&.'-]*)*|[ァ-ヶー・一-龥々A-Za-z0-9]+"
_GENERIC = re.compile(r"^(?:弊|自|他|御|各|本|支|当|同|貴|親|子|関連|協力|取引|競合|某|全|一|複数|数|多数|新聞|出版|通信|商|会|入|退|出|来|"
                      r"本|外資|大手|ベンチャー|スタートアップ|IT|SIer|ネット|テレビ|放送)?社$|^(?:会社|企業|法人)$")
PATTERNS = [
    re.compile(r"(?<![ァ-ヶー一-龥々A-Za-z0-9])" + JA_MARKER + r"(?P<name>" + _NAME + ")"),
    re.compile(r"(?P<name>" + _NAME + r")\s*" + JA_MARKER + r"(?!(?:\s{4,})?[ぁ-んァ-ヶー・一-龥々A-Za-z0-9])"),
    re.compile(r"(?P<name>[ァ-ヶー・一-龥々A-Za-z0-9]{2,}(?<!会)社)(?=さん|様|の|が|は|で|と|に|、|。|\)|）|\s|$)"),
    re.compile(r"(?P<name>" + _NAME + r")(?:,\s*(?:inc|Inc|INC)|,?\s+(?:Inc|INC|Corp|Corporation|Ltd|LTD|LLC|K\.K|Co\., Ltd))\b\.?"),
    re.compile(r"(?P<name>" + _NAME + r")\s*(?:Tech ?Blog|Engineering Blog|Developers? Blog|技術ブログ|テックブログ|開発者ブログ|エンジニアブログ)"),
    re.compile(r"(?<![ァ-ヶー・一-龥々A-Za-z0-9@_])(?P<name>[A-Z][A-Z0-9&.-]+|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)\s*様"
               r"(?=での|で|の|が|は|に|から|より|、|。)"),
    # "FOLIO様での…", "NRI 様では": capitals or CamelCase, no person's name ("Nakayama 様"); a katakana name
    # with 様 may be a role or a place as well ("スポンサー様", "スクエア様"), which Sudachi cannot tell apart
]
USER_GROUP = re.compile(r"(?:-?UG|-?JAWS|ユーザー?会|ユーザー?グループ|user group|コミュニティ|community|勉強会|運営|実行委員会?)$|"
                        r"^(?:JAWS|Ops-?JAWS)", re.I)  # user groups and their organisers: never a company
MARKER = re.compile("|".join(p.pattern.replace("?P<name>", "?:") for p in PATTERNS))
_SUFFIX = re.compile(r"\s*(?:Group|グループ|ホールディングス|Holdings|Japan|ジャパン)$")
_MARKERS = re.compile(r"^" + JA_MARKER + r"\s*|\s*(?:" + JA_MARKER + r"|,? ?(?<![A-Za-z])(?:Inc|Corp|"
                      r"Corporation|Ltd|LLC|K\.K|Co\., Ltd)\.?|\s*(?:Tech ?Blog|Engineering Blog|Developers? Blog|"
                      r"技術ブログ|テックブログ|開発者ブログ|エンジニアブログ))$", re.I)
_TRIM = " 　・、。,()（）|｜:：-"
_NOT_A_NAME = re.compile(r"(?:会社|業社|入社|出社|退社|各社|他社|弊社|自社|本社|支社|商社)$|^\d+\s|^某|^(?:Japan|JAPAN|ジャパン|日本|参照|情報|"
                         r"ブログ|Blog|Tech|The)$")


@dataclass
class CompanyCandidate:
    """A sentence with a corporate marker, where it is in the note, and the catalog hits in it."""

    text: str
    line: int
    section: int | None
    taken: list[tuple[int, int]]


def marked_part(text: str) -> str:
    """The company a longer text names with a Japanese corporate marker: the marker's own word
    ("移行の舞台裏 株式会社はてな" → "株式会社はてな", "事例 ゼットラボ株式会社" → "ゼットラボ株式会社"); the
    words before a prefix marker or after a suffix one are the talk's title, not the name."""
    m = _PREFIX_WORD.search(text) or _SUFFIX_WORD.search(text)
    return m.group(1) if m and m.group(1) != text.strip() else text


# a Latin name may run on for two more capitalised words ("株式会社Preferred Infrastructure", "Acroquest
# Technology株式会社"), a katakana one for one more katakana word ("トーマツ イノベーション株式会社")
_PREFIX_WORD = re.compile(r"(?:^|\s|[(（])(" + JA_MARKER + r"\s?(?:[A-Za-z0-9][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,2}|[^\s(（]+))")
_SUFFIX_WORD = re.compile(r"(?:^|\s)((?:[A-Z][\w.&'-]*\s){0,2}[A-Za-z0-9][^\s]*" + JA_MARKER
                          + r"|(?:[ァ-ヶー・]+\s)?[^\s]+" + JA_MARKER + r")(?:\s|$)")


def company_id(name: str) -> str:
    """Entity id of a proposed company."""
    return UNVERIFIED_PREFIX + name


def company_label(name: str) -> str:
    """Display name of a proposed company: without a group/holding suffix ("SHIFT Group" → "SHIFT")."""
    return _SUFFIX.sub("", name) or name


_GLUED_PERSON = re.compile(r"(?<![ァ-ヶーA-Za-z0-9・一-龥々])(?P<name>(?:日本)?[ァ-ヶー][ァ-ヶー・]{3,}|[A-Z][A-Za-z0-9]+)\s?"
                           r"(?P<person>[一-龥々]{1,3})(?:さん|様|氏)")
_TITLE_WORDS = re.compile(r"ゲスト|スタッフ|メンバー|ユーザー?|チーム|リーダー|パパ|ママ|ファン|オーナー|ホスト|プロ|"
                          r"トップ|サポーター|コミュニティ|イベント|セッション|スピーカー|モデレーター")  # words for people


@functools.lru_cache(maxsize=1024)  # a candidate sentence is read here, then again by companies_in
def glued_affiliations(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of organisations written right before a person's surname and honorific
    ("チャットワーク藤原さん", "日本オラクル伊東さん", "GREE 田中さん"): Sudachi's dictionary must read the
    kanji as a person's name (人名), and the word before it must be no role, no word it knows as a
    common noun ("ゲスト佐藤さん")."""
    out = []
    for m in _GLUED_PERSON.finditer(text):
        name, person = m.group("name"), m.group("person")
        if ROLE.search(name) or _TITLE_WORDS.search(name):
            continue
        lex = Lexicon.shared()
        first = lex.tok.tokenize(person, lex.mode)
        if not first or first[0].part_of_speech()[2] != "人名":
            continue
        whole = lex.tok.tokenize(name, lex.mode)
        if len(whole) == 1 and not whole[0].is_oov() and whole[0].part_of_speech()[1] == "普通名詞":
            continue
        out.append(m.span("name"))
    return tuple(out)


def candidates_of(pieces: list[Piece]) -> list[CompanyCandidate]:
    """Sentences of a note's prose that carry a corporate marker (or an organisation glued to a person's
    name, :func:`glued_affiliations`), with the catalog hits in them."""
    out = []
    for p in pieces:
        if p.origin != "text" or not (MARKER.search(p.text) or _GLUED_PERSON.search(p.text)):
            continue
        for start, end in sentence_spans(p.text):
            if MARKER.search(p.text[start:end]) or _GLUED_PERSON.search(p.text[start:end]):
                text, hits = sentence_matches(p, start, end)
                if MARKER.search(text) or glued_affiliations(text):  # (Sudachi decides before NER runs)
                    out.append(CompanyCandidate(text, p.line, p.section, [(m.start, m.end) for m in hits]))
    return out


def companies_in(c: CompanyCandidate, doc, catalog_names: set[str]) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of new companies in one sentence (``doc``: its GiNZA parse with NER)."""
    spans = [(m.start("name"), m.end("name")) for p in PATTERNS for m in p.finditer(c.text)] + list(glued_affiliations(c.text))
    if doc is not None:
        marks = [m.span() for m in MARKER.finditer(c.text)]  # in the whole sentence: a window would cut a name off
        for ent in doc.ents:
            if ent.label_ in NER_COMPANY and any(a <= ent.end_char + 2 and ent.start_char <= b for a, b in marks) \
                    and not owned_by_next(c.text, ent.start_char, ent.end_char):
                text = c.text[ent.start_char:ent.end_char]
                part = marked_part(text)  # "日本サンプル株式会社 エバンジェリスト井上": the marked word
                start = ent.start_char + text.find(part)
                spans.append((start, start + len(part)))
    out, seen = [], set()
    for s, e in sorted(spans, key=lambda se: (se[0], -(se[1] - se[0]))):
        name = clean_name(c.text[s:e])
        if not acceptable(name, catalog_names) or any(a < e and s < b for a, b in c.taken):
            continue
        if any(a <= s and e <= b for a, b, _ in out) or name in seen:
            continue
        seen.add(name)
        out.append((s, e, name))
    return out


def owned_by_next(text: str, start: int, end: int) -> bool:
    """An NER span that ends in a prefix marker glued to the next name ("事例 株式会社" before
    "株式会社DMM.comラボ"): the marker is that name's, the span is no company."""
    return bool(re.search(JA_MARKER + r"$", text[start:end]) and re.match(r"[ぁ-んァ-ヶー・一-龥々A-Za-z0-9]", text[end:end + 1]))


def clean_name(text: str) -> str:
    """A proposed name without corporate markers, blog words and surrounding punctuation ("ARM社" → "ARM";
    a kanji name keeps its 社: "毎日新聞社")."""
    name = _MARKERS.sub("", text.strip()).strip(_TRIM)  # the marker first: "(株)" would lose its "(" to the strip
    while True:
        shorter = re.sub(r"(?<=[ァ-ヶーA-Za-z0-9])社$|\((?:株)?$", "", _MARKERS.sub("", name)).strip(_TRIM)
        if shorter == name:
            return name
        name = shorter


def acceptable(name: str, catalog_names: set[str], vouched: bool = False) -> bool:
    """A plausible company name: not generic ("子会社", "入社", "JAPAN"), not a common word, not a catalog
    name -- except that a speaker's affiliation written with a corporate marker (``vouched``:
    "Serverless, Inc.") may be named like a word or a product."""
    if not 2 <= len(name) <= 40 or _GENERIC.search(name) or _NOT_A_NAME.search(name) or name.isdigit() or USER_GROUP.search(name):
        return False
    if re.search(r"\s[/／|]\s|、", name):  # "ExampleA / ExampleB": a list of names, not one
        return False
    if re.fullmatch(r"[ぁ-ん]+|[a-z0-9 ._'-]+", name):  # a word or a handle ("massan_77")
        return False
    if vouched:
        return True
    if name.casefold() in COMMON_WORDS:
        return False
    key = normalize(unicodedata.normalize("NFKC", name))
    return key not in catalog_names and normalize(_SUFFIX.sub("", name)) not in catalog_names
