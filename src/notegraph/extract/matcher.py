"""Find catalog names in text: fast, normalised, longest-match dictionary lookup.

This is the part of extraction that reads *all* prose, so it avoids NLP entirely: one
Aho–Corasick pass over NFKC/case-folded text finds every catalog name, then boundary,
longest-match and context rules decide which hits are mentions:

* an ASCII name must not touch ASCII letters/digits (``Go`` is not in ``Google``; ``Java`` is not in
  ``JavaScript``) nor continue a hyphen/dot identifier (``cdk`` in ``cdk-ecs-deployment``); Japanese
  next to it is fine, so ``S3バケット`` and ``Lambda関数`` match;
* overlapping hits resolve leftmost-longest (``AWS Lambda Web Adapter`` beats ``AWS Lambda``);
* stop-words win like names but yield nothing (``Amazon Web Services`` hides ``Amazon``);
* all-capital acronyms (``GAP``, ``WAF``, ``SNS``) match only in capitals: "gap" is a word;
* a product-like token that no name covers may be a typo of one (:mod:`.fuzzy`): such matches carry
  their similarity in ``score`` (1.0 for exact matches);
* multi-word Title Case names made of common words ("Step Functions", "Secrets Manager") only need
  their exact case;
* a Latin company name followed by a capitalised word names a product ("Microsoft Teams"), not the
  company, unless the word is corporate ("Google Japan");
* ``prose_only`` names (Debian package names: ``rsync``, ``dnsmasq``) match only next to Japanese
  or alone on a line (:func:`in_prose`), never in English text or code, where such names are words
  (``when``) or identifiers (``hostname``); and only written as the package or in mixed case
  (``clamav``, ``ClamAV``: :func:`package_case`); a command of such a package (``iostat``) only in
  lower case, as it is typed ("Timeout", "Indexer" are words);
* *guarded* names (common words: Go, Rust, Apache, note, Glue, RAM…) match only with the exact case
  the catalog gives, never as part of a longer capitalised name ("Apache HBase", "Garmin Connect",
  "Elastic IP"), and only when something confirms the technology: an unguarded catalog entity on the
  same line, a cue word next to it (言語, で書く, library, version…), the line being just the name
  (a list item or heading), a Japanese clause using a non-AWS name of four letters or more as a
  noun ("Twitterで告知": Japanese writes ordinary words in kana; there the name may be written in
  lower case too, "twitterで検索"), or — one sense per discourse — a confirmed mention of the same entity
  elsewhere in the document ("AWS Lambda" confirms a later "Lambdaのバースト"). Unconfirmed hits are
  returned with ``confirmed=False`` so that the caller can apply the document rule
  (:func:`confirm_by_discourse`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ahocorasick

from ..catalog import Catalog, normalize
from .fuzzy import TOKEN, FuzzyIndex

__all__ = ["Match", "CatalogMatcher", "confirm_by_discourse", "JA_MARKER"]

JA_MARKER = r"(?:株式会社|合同会社|有限会社|\(株\)|（株）)"  # Japanese corporate markers (also read by companies.py)

_WORD = re.compile(r"[a-z0-9_]")
_JOINERS = "-._"
_CUES = re.compile(
    r"言語|golang|\blang\b|language|で書|で実装|を書|書いた|書く|コード|\bcode\b|ライブラリ|librar|framework|"
    r"フレームワーク|\bsdk\b|version|バージョン|\bv?\d+\.\d+|コンパイ|compile|runtime|ランタイム|導入|採用|"
    r"使って|使う|使い|install|インストール|実装|開発|移行|エンジニア|tool|ツール|サービス|service|株式会社|社の|登壇",
    re.I,
)
TITLE_PHRASE = re.compile(r"[A-Z][\w.@-]*(?: (?:(?:on|of|for|and|in|as|with) )?[A-Z0-9][\w.@-]*)+")
# "Step Functions", "Ruby on Rails": a multi-word Title Case name needs only its exact case
ACRONYM = re.compile(r"[A-Z]{2,4}")  # "GAP", "WAF": written in capitals, so "gap" in prose is a word ("NGINX" is "Nginx" too)
_BARE = re.compile(r"^[\s\-*+>#\d.)(（）「」『』\[\]|:：、,。・]*$")


@dataclass(frozen=True)
class Match:
    """A mention found in text: character offsets in the original text and the entity id."""

    start: int
    end: int
    entity_id: str
    surface: str
    guarded: bool = False
    confirmed: bool = True
    score: float = 1.0  # below 1: a fuzzy (typo-tolerant) match, with its similarity


class CatalogMatcher:
    """Compiled matcher over a :class:`~notegraph.catalog.Catalog` (build once, reuse for all text)."""

    def __init__(self, catalog: Catalog, fuzzy: bool = True):
        self.catalog = catalog
        # every catalog name, normalised (never proposed as a new entity) -- but a package name that
        # only counts in Japanese prose ("acme") does not stop "Acme Corp" from being a company
        self.names = {normalize(n) for e in catalog.entities.values() if not e.prose_only for n in e.names}
        self.names |= {normalize(w) for w in catalog.stopwords}  # and the stop-words: never proposed as a new entity
        self._prose_only = {e.id for e in catalog.entities.values() if e.prose_only}
        self._typed = {e.id for e in catalog.entities.values() if e.prose_only and e.source.startswith("debian-cmd:")}
        self.package_names = {normalize(n) for e in catalog.entities.values() if e.prose_only for n in e.names}
        self.fuzzy = FuzzyIndex(catalog) if fuzzy else None
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, dict] = {}
        for e in catalog.entities.values():
            for name in e.names:
                guarded = name in e.guarded and not TITLE_PHRASE.fullmatch(name)
                exact = name if name in e.guarded or ACRONYM.fullmatch(name) else None
                for key in variants(name):
                    self._add(entries, key, e.id, exact, guarded)
        for stop in catalog.stopwords:
            for key in variants(stop):
                entries[key] = {"id": None, "exact": None, "guarded": False}
        for key, p in entries.items():
            self._automaton.add_word(key, (key, p["id"], frozenset(p["exact"]) if p["exact"] else None, p["guarded"]))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    @staticmethod
    def _add(entries: dict, key: str, entity_id: str, exact: str | None, guarded: bool) -> None:
        """Register ``key``; it needs exact case (and context, if guarded) only if every name
        producing it does."""
        cur = entries.get(key)
        if cur is None:
            entries[key] = {"id": entity_id, "exact": None if exact is None else {exact}, "guarded": guarded}
        elif cur["id"] == entity_id and cur["exact"] is not None:
            if exact is None:
                cur["exact"], cur["guarded"] = None, False
            else:
                cur["exact"].add(exact)
                cur["guarded"] = cur["guarded"] and guarded

    def find(self, text: str, unconfirmed: bool = False) -> list[Match]:
        """Mentions in ``text`` (one line or sentence of prose), left to right; with ``unconfirmed``,
        also guarded hits that lack context on this line (``confirmed=False``)."""
        if self._empty or not text.strip():
            return []
        norm, index = normalize_with_map(text)
        candidates = []
        for end, (key, entity_id, exact, guarded) in self._automaton.iter(norm):
            start = end - len(key) + 1
            if not on_boundaries(norm, start, end + 1, key) and (guarded or not glued_release(norm, start, end + 1, key)):
                continue
            s, e = original_span(index, start, end + 1)
            if exact is not None and not exact_case(text[s:e], exact) and not (
                    guarded and lower_case_noun(text, s, e) and self.catalog[entity_id].kind != "aws_service"):
                continue
            candidates.append((s, e, entity_id, guarded))
        chosen = leftmost_longest(candidates)
        plain = [c for c in chosen if c[2] is not None and not c[3] and c[2] not in self._prose_only]
        out = []
        for s, e, entity_id, guarded in chosen:
            if entity_id is None:
                continue
            title_cased = False
            if guarded and in_longer_name(text, s, e):
                if not (unconfirmed and in_title_case(text, s, e, self.names)):
                    continue
                title_cased = True  # "Profiling Go Application": Go if the note confirms it elsewhere
            if e - s == 1 and text[s].isascii() and not one_letter_language(text, s, e):
                continue
            prose_only = entity_id in self._prose_only
            if prose_only and not ((text[s:e].islower() if entity_id in self._typed else package_case(text[s:e]))
                                   and in_prose(text, s, e)):
                continue  # a package name in English text or code is a word or an identifier
            if self.catalog[entity_id].kind == "company" and (names_a_product(text, s, e)
                                                              or in_marked_name(text, s, e)):
                continue
            ok = not title_cased and (not guarded or prose_only or tech_context(text, s, e, plain) or (
                self.catalog[entity_id].kind != "aws_service" and in_japanese_clause(text, s, e)))
            if ok or unconfirmed:
                out.append(Match(s, e, entity_id, text[s:e], guarded, ok))
        if self.fuzzy is not None:
            out = sorted(out + self.near_misses(text, chosen), key=lambda m: m.start)
        return out

    def near_misses(self, text: str, taken: list[tuple]) -> list[Match]:
        """Fuzzy matches for product-like tokens that no exact name (or stop-word) covers."""
        out = []
        for t in TOKEN.finditer(text):
            if any(c[0] < t.end() and t.start() < c[1] for c in taken) or sentence_initial_word(text, t):
                continue
            hit = self.fuzzy.lookup(t.group())
            if hit is not None:
                out.append(Match(t.start(), t.end(), hit[0], t.group(), score=hit[1]))
        return out


def variants(name: str) -> set[str]:
    """Normalised keys for a catalog name: itself, and without spaces for multi-word Latin names."""
    key = normalize(name)
    if not key:
        return set()
    out = {key}
    if " " in key and key.isascii() and len(key.replace(" ", "")) >= 6:
        out.add(key.replace(" ", ""))
    return out


_NORM_CACHE: dict[str, str] = {}


_SPACE_RUN = re.compile(r"\s\s|[^\S ]")


def normalize_with_map(text: str) -> tuple[str, list[int] | None]:
    """NFKC+casefold ``text`` char by char, a run of whitespace read as one space (masked markup must not
    split "Amazon <b>Lightsail</b>"); returns the text and a map back to original offsets (None when
    the mapping is the identity)."""
    if text.isascii() and not _SPACE_RUN.search(text):
        return text.lower(), None
    out, index = [], []
    cache = _NORM_CACHE
    space = False
    for i, ch in enumerate(text):
        n = cache.get(ch)
        if n is None:
            n = unicodedata.normalize("NFKC", ch).casefold() or ch
            if n.isspace():
                n = " "
            cache[ch] = n
        if n == " ":
            if space:
                continue
            space = True
        else:
            space = False
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index


def original_span(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of normalised text back to the original text."""
    if index is None:
        return start, end
    return index[start], index[end - 1] + 1


def on_boundaries(norm: str, start: int, end: int, key: str) -> bool:
    """True when an ASCII name does not run into neighbouring ASCII words or identifiers."""
    if _WORD.match(key[0]) and start > 0:
        before = norm[start - 1]
        if _WORD.match(before):
            return False
        if before in _JOINERS and start > 1 and _WORD.match(norm[start - 2]):
            return False
    if _WORD.match(key[-1]) and end < len(norm):
        after = norm[end]
        if _WORD.match(after):
            return False
        if after in _JOINERS and end + 1 < len(norm) and _WORD.match(norm[end + 1]):
            return False
    return True


_GLUED = re.compile(r"\d{1,2}(?:\.\d{1,2})?(?!\d)")


def glued_release(norm: str, start: int, end: int, key: str) -> bool:
    """A release number glued to a name of four letters or more ("windows10", "rails4", "cakephp3ヶ月"):
    the name still ends there. Not for guarded names, whose release is a cue of their own ("base64"),
    a handle ("@suno88") or a function ("mlock2()")."""
    if len(key) < 4 or not key.isascii() or not key[-1].isalpha() or norm[start - 1:start] == "@":
        return False
    m = _GLUED.match(norm, end)
    return bool(m) and norm[m.end():m.end() + 1] != "(" and on_boundaries(norm, start, m.end(), key)


def exact_case(surface: str, forms: set[str]) -> bool:
    """True when the text has one of the guarded forms with exactly its case (after NFKC; spaces
    ignored, since "Auto Scaling" is also written "AutoScaling")."""
    s = unicodedata.normalize("NFKC", surface).replace(" ", "")
    return any(s == unicodedata.normalize("NFKC", f).replace(" ", "") for f in forms)  # "AutoScaling"


def leftmost_longest(candidates: list[tuple]) -> list[tuple]:
    """Keep non-overlapping hits, preferring the earliest start and then the longest span."""
    chosen, last_end = [], -1
    for c in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if c[0] >= last_end:
            chosen.append(c)
            last_end = c[1]
    return chosen


def sentence_initial_word(text: str, t: re.Match) -> bool:
    """A capitalised word that only has its capital because it starts an English sentence."""
    word = t.group()
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return False
    starts = not text[:t.start()].strip() or re.search(r"[.!?:]\s*$", text[:t.start()])
    return bool(starts and re.match(r"\s+[a-z]", text[t.end():]))


def tech_context(text: str, start: int, end: int, plain: list[tuple]) -> bool:
    """Whether the line itself shows that a guarded name is the technology (see module doc)."""
    if plain:  # another, unambiguous catalog entity on the same line
        return True
    if _BARE.match(text[:start]) and _BARE.match(text[end:]):
        return True
    if _VERSION_AFTER.match(text[end:end + 12]):
        return True  # "Windows 10", "Java 14": a release of the software
    before = " ".join(text[:start].split())[-30:]  # masked link targets are spaces: skip them
    after = " ".join(text[end:].split())[:30]
    return bool(_CUES.search(before) or _CUES.search(after))


# a release number right after a name (not a count: "Go 3回", "Rust 2本", "Box 5個")
_VERSION_AFTER = re.compile(r"[ \t]?v?\d{1,4}(?:\.\d+)*(?![\d.]|\s?[回本個つ人年月日時分秒件台枚位度歳%％円ヶヵか万億])")


_PARTICLE_AFTER = re.compile(r"^(?:から|まで|より|って|[はがをにでのともへや、。，．）)」』])")
_JAPANESE = re.compile(r"[\u3001-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")  # punctuation, kana, kanji, full width


def in_japanese_clause(text: str, start: int, end: int) -> bool:
    """A Latin name of four letters or more that a Japanese sentence uses as a noun — a case particle
    right after it, or after one space ("Twitterで告知", "Chef を使った", "Rustの所有権"), and Japanese
    on the line — is a name, not the English word: Japanese prose writes ordinary words in kana and kanji. Compounds
    ("Batch処理") and English sentences ("Go to the docs") do not count, nor do AWS names, which are
    programming words too ("JavaのLambdaを使う" is a lambda expression)."""
    name = text[start:end]
    if len(name) < 4 or not name.isascii() or (start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()):
        return False
    after = re.sub(r"^ (?=\S)", "", unmasked_after(text, end)[:3])  # one space before the particle: "Meta の Threads"
    return bool(_PARTICLE_AFTER.match(after)) and bool(_JAPANESE.search(text[max(0, start - 20):start]
                                                                         + text[end:end + 20]))


def package_case(surface: str) -> bool:
    """How a package name is written when it names the program: as the package (lower case, "clamav")
    or in the project's own mixed case ("ClamAV", "ZooKeeper", "tDiary") -- not in capitals ("UUID",
    "VLAN": acronyms of concepts) nor merely capitalised ("Webhook", "Eric": a word, a first name)."""
    if surface.islower() or not any(c.isalpha() for c in surface):
        return True
    if len(surface) >= 5 and surface[0].isupper() and surface[1:].islower():
        return True  # "Keepalived", "Byobu": capitalised as a proper name (the package names are no words)
    return not surface.isupper() and any(c.isupper() for c in surface[1:])


# Blanked markup ("<a class="keyword" href="…">iptables</a>のnetfilter" in blog exports) leaves four or
# more spaces where the author wrote none.
_MASKED_AFTER = re.compile(r"^[^\S\n]{4,}")
_MASKED_BEFORE = re.compile(r"[^\S\n]{4,}$")


def unmasked_after(text: str, end: int, width: int = 20) -> str:
    """The ``width`` characters after ``end``, skipping a run of blanked markup (four or more blanks on
    the line) first: what a reader sees next to the name."""
    m = _MASKED_AFTER.match(text, end, min(len(text), end + 400))
    return text[m.end() if m else end:][:width]


def unmasked_before(text: str, start: int, width: int = 20) -> str:
    """The ``width`` characters before ``start``, skipping a run of blanked markup first."""
    head = text[max(0, start - 400):start]
    m = _MASKED_BEFORE.search(head)
    return (head[:m.start()] if m else head)[-width:]


def in_prose(text: str, start: int, end: int) -> bool:
    """Where a ``prose_only`` name (a Debian package: ``rsync``, ``dnsmasq``) counts: next to Japanese,
    a few spaces allowed ("rsyncを使う", "デプロイに rsync で", a code span's blanked ticks), alone on
    its line (a list item, a heading) or as the term a line defines ("ccache : キャッシング"). In English
    text and code, ``when``-like package names are words and ``hostname``-like ones identifiers."""
    if _BARE.match(text[:start]) and (_BARE.match(text[end:]) or re.match(r"\s*[:：]", text[end:])):
        return True  # alone on its line, or the term a list item defines ("ccache : キャッシング")
    after = unmasked_after(text, end)[:4].lstrip(" \u3000")[:1]
    before = unmasked_before(text, start)[-4:].rstrip(" \u3000")[-1:]
    return bool(_JAPANESE.match(after) or _JAPANESE.match(before))


# A blanked inline tag ("株式会社<a …>DMM.com</a>ラボ" in blog exports) leaves four or more spaces where
# the author wrote none: the words on both sides are still one name.
_MARKER_BEFORE = re.compile(JA_MARKER + r"(?:\s?|\s{4,})$")
_NAME_GOES_ON = re.compile(r"^(?:\s{4,})?[ァ-ヶー一-龥々A-Za-z0-9]")


_SUFFIX_MARKER_AFTER = re.compile("^" + JA_MARKER)
_NAME_BEFORE = re.compile(r"[ァ-ヶー一-龥々A-Za-z0-9]$")


def in_marked_name(text: str, start: int, end: int) -> bool:
    """A company name that a corporate marker's longer name contains ("株式会社DMM.comラボ",
    "株式会社NTTデータ", "日本マイクロソフト株式会社"): that is another company, a subsidiary, not the
    one the catalog knows."""
    if _NAME_BEFORE.search(text[max(0, start - 1):start]) and _SUFFIX_MARKER_AFTER.match(text[end:end + 6]):
        return True
    return bool(_MARKER_BEFORE.search(text[max(0, start - 200):start]) and _NAME_GOES_ON.match(text[end:end + 200]))


def lower_case_noun(text: str, start: int, end: int) -> bool:
    """A guarded name written in lower case ("twitterで検索", "slackに通知") still names the product
    when a Japanese clause uses it as a noun (:func:`in_japanese_clause`): the exact case guards
    against English prose, where "twitter" or "slack" is a word."""
    surface = text[start:end]
    return surface.isascii() and surface.isalpha() and surface.islower() and in_japanese_clause(text, start, end)


_CAPWORD_AFTER = re.compile(r"^[^\S\n]+[A-Z][A-Za-z0-9]+")
_CAPWORD_BEFORE = re.compile(r"\S[^\S\n]*\b[A-Z][A-Za-z0-9]+[^\S\n]+$|^\s*(?=\w*[a-z])[A-Z][a-z0-9]*[A-Z0-9][A-Za-z0-9]*[^\S\n]+$")
# (a capitalised word opening the text may only start an English sentence; one with inner capitals is a name,
# "MySQL", not an acronym, "ISO C"; masked markup leaves several spaces between the words)


_CODE_CUE = re.compile(r"言語|書[かきくけこいっ]|コンパイ|ライブラリ|拡張|実装|ポインタ|プログラ|ソース|関数|構造体|notebook|"
                       r"DataFrame|統計|C\+\+|Java|Python|Ruby|Rust|Perl|PHP|Fortran|COBOL|golang|Lua|アセンブ|compiler|"
                       r"library|extension|written in", re.I)


def one_letter_language(text: str, start: int, end: int) -> bool:
    """A one-letter language name (C, R, D) only where the line speaks of code: "C言語", "Cで書く",
    "CやC++", "Pythonのpandasと R" -- not a drive, a locale, a grade or a list item ("C:\\", "LANG=C",
    "(C) 2020", "R&D", "A, B, C", "Cチーム")."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    if re.match(r"[&:=.'\"\\/*\[\]]", after) or re.match(r"[&='\"\\/*\[\]]", before) or (before + after) in ("()", "（）"):
        return False
    if text[end:].startswith("言語"):
        return True
    if re.search(r"(?<![A-Za-z])[A-Za-z]\s?[,、/]\s?$", text[max(0, start - 4):start]) or \
            re.match(r"\s?[,、/]\s?[A-Za-z](?![A-Za-z+#])", text[end:end + 4]):
        return False  # one of a list of letters: "A, B, C"
    if re.match(r"(?:ドライブ|チーム|型|クラス|ロケール|サービス|社|部|班|案|判|級|評価|ランク)", text[end:end + 5]):
        return False
    around = text[max(0, start - 30):start] + " " + text[end:end + 30]
    return bool(_CODE_CUE.search(around))


def in_longer_name(text: str, start: int, end: int) -> bool:
    """True when a Latin name continues into capitalised words ("Apache HBase", "Garmin Connect") or
    is one part of a path or key combination ("memo/note/blog", "C-[")."""
    if not text[start:end].isascii():
        return False
    if (start > 0 and text[start - 1] in "-+") or (text[end:end + 1] in ("-", "+") and text[end + 1:end + 2].strip()):
        return True
    if re.search(r"(?:^|[^A-Za-z0-9_.])[a-z0-9_.]+/$", text[max(0, start - 30):start]) \
            or re.match(r"/[a-z0-9_.]+(?![A-Za-z])", text[end:end + 30]):
        return True  # a path ("memo/note/blog"), not "Go/Rust"
    return bool(_CAPWORD_AFTER.match(text[end:end + 40]) or _CAPWORD_BEFORE.search(text[max(0, start - 40):start]))


_TITLE_WORD = r"[A-Z][A-Za-z0-9']*"
_TITLE_BEFORE = re.compile(r"(?:" + _TITLE_WORD + r" )+$")
_TITLE_AFTER = re.compile(r"(?: " + _TITLE_WORD + r")+")


def in_title_case(text: str, start: int, end: int, names: set[str] = frozenset()) -> bool:
    """A name inside an English title written in title case, three capitalised words or more
    ("Profiling Go Application", "Practical Go Concurrency Design Patterns"): every word is capitalised,
    so the capitals do not join the name to its neighbours as one longer name -- unless a neighbour is a
    catalog name (``names``, normalised), whose product the words may name ("Azure Spring Cloud")."""
    before = _TITLE_BEFORE.search(text[max(0, start - 80):start])
    after = _TITLE_AFTER.match(text, end, min(len(text), end + 80))
    left, right = before.group().split() if before else [], after.group().split() if after else []
    return len(left) + len(right) >= 2 and not any(normalize(w) in names for w in left[-1:] + right[:1])


CORPORATE_WORD = re.compile(r" (?:Inc|Corp|Corporation|Ltd|LLC|Co|K\.K|Group|Japan|Holdings|Tech|Engineering|"
                             r"Developers?|Blog|Research|Labs?|Foundation|"
                             r"TechConf|Conf|Conference|Meetup|Summit|Days?|Night|Festa?|Kaigi|Forum|Hackathon)\b")
# (a company followed by an event word names the company's event: "Cookpad TechConf", "Example Meetup")


def names_a_product(text: str, start: int, end: int) -> bool:
    """A company name followed by a capitalised word names one of its products ("Google Cluster Engine",
    "Microsoft Teams"), not the organisation — unless the word is corporate ("Google Japan", "Acme Inc")
    or names an event the company holds ("Cookpad TechConf", "Example Meetup")."""
    after = text[end:end + 40]
    return (text[start:end].isascii() and bool(_CAPWORD_AFTER.match(after))
            and not CORPORATE_WORD.match(after))


def confirm_by_discourse(matches: list[Match]) -> list[Match]:
    """Keep confirmed hits, and unconfirmed ones whose entity is confirmed elsewhere in the document."""
    confirmed = {m.entity_id for m in matches if m.confirmed}
    return [m if m.confirmed else Match(m.start, m.end, m.entity_id, m.surface, m.guarded, True)
            for m in matches if m.confirmed or m.entity_id in confirmed]
