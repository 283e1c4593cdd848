"""Tools nobody put in the catalog, proposed when the text itself says a name is software.

A Latin name (``tcpdump``, ``Keepalived``, ``zinit``) that no catalog holds is proposed as a ``tool``
(``verified=False``, ``source="proposed"``) only where the text says what it is:
"Xというツール/ライブラリ/フレームワーク/コマンド/プラグイン/OSS", "Xライブラリを…", "Xプラグインで…",
"XやYなどの(…)ツール";
a product-shaped name the text says is used or installed ("Bitcasaを導入", "git-lfsを入れた", "XtraFinder
1.2"); a GitHub repository linked with its name ("[fzf](https://github.com/junegunn/fzf)"); a name linked
to its own domain ("[Growl](http://growl.info/)"); a product-shaped name listed with catalog products
("JavaとGraalVMとPicocliで", "Druid, ClickHouse, Rockset, Fireboltなど": :func:`listed_with_products`).
Never an English word, a catalog name or stop-word, a short all-capital acronym (API, SSH: concepts),
a file or path, a version, or one word of a longer name. Package names after "apt install" are left
alone: they name packages, often libraries of a tool rather than the tool.

A product of a known family is proposed too: a catalog name that starts several multi-word catalog
names (Google, Apache, Azure, Oracle, Spring...: counted in the catalog, not listed by hand),
followed by capitalised words that no catalog holds ("Google Reader", "Microsoft Word", "Azure
Machine Learning"), is one product of that family, not its vendor. Not when the words are a version,
a catalog name ("Oracle Java" names Java), or say the phrase is an organisation, an event or a
programme ("Google Japan", "Microsoft Tech Summit", "Google Developer Expert"); nor for the Amazon/AWS
family, whose members are AWS services.
"""
from __future__ import annotations

import re

from collections import Counter

from ..catalog import Catalog, normalize
from ..catalog.words import BRAND_WORDS, COMMON_WORDS, Lexicon
from .matcher import CORPORATE_WORD
from ..structure import WebLink
from .mentions import Mention, Piece

__all__ = ["PROPOSED_TOOL_PREFIX", "tool_id", "proposed_tools", "linked_product", "linked_products", "family_pattern",
           "family_products", "aws_only_names", "FAMILY_MIN",
           "listed_with_products", "list_runs", "LIST_MIN_KNOWN"]

PROPOSED_TOOL_PREFIX = "tool?:"  # entity ids of proposed tools: tool?:<name> (see mentions.PROPOSED_PREFIXES)
_NAME = re.compile(r"(?<![A-Za-z0-9_@/.#$%~=:-])([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)(?![A-Za-z0-9_/@=])")
# (ASCII boundaries: a name glued to Japanese, "Bitcasaを導入", is still a whole name)
_CUE_AFTER = re.compile(r"^\s{0,2}(?:という|っていう)\s?(?:「[^」\n]{0,30}?)?(?:ツール|ライブラリ|フレームワーク|コマンド|プラグイン|OSS|"
                        r"ミドルウェア|ソフトウェア|CLI|サービス|アプリ|エディタ|ブラウザ)|^\s?(?:ツール|ライブラリ|フレームワーク|プラグイン|コマンド)(?:を|で|が|は|の|と|、|。|\s|$)")
_SUCH_AS = re.compile(r"^(?:\s?(?:や|、|,|，|と|/|／)\s?[A-Za-z][\w.+-]*){0,4}\s?(?:など|等|とか|といった)の?\s?[^\s、。,]{0,8}?"
                      r"(?:ツール|ライブラリ|フレームワーク|コマンド|プラグイン|ミドルウェア|ソフトウェア|エディタ|OSS)")
# ("venvやvirtualenvなどの仮想環境ツール": each name the list gives as an example of software)
_ANY_CUE = re.compile(r"ツール|ライブラリ|フレームワーク|コマンド|プラグイン|OSS|ミドルウェア|ソフトウェア|CLI|という|っていう|"
                     r"導入|インストール|入れ|使っ|使い|利用|使用|採用|構築|\d\.\d")
_USE_AFTER = re.compile(r"^\s?(?:を|も)\s?(?:導入|インストール|入れ(?:た|て|ま)|使って|使い|使った|利用|使用|採用)|"
                        r"^\s?で\s?(?:構築|開発|実装)")  # "Bitcasaを導入", "git-lfsを入れた"
_VERSION_AFTER = re.compile(r"^\s?v?\d+\.\d+(?:\.\d+)?(?![\w.])")  # "XtraFinder 1.2" (not "Fetched 1.2 kB")
_CAMEL = re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+")  # XtraFinder, ImageMagick
_PRODUCT_SHAPE = re.compile(_CAMEL.pattern + r"|[A-Z][a-z]{3,}[0-9]*|[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+")
# (CamelCase, capitalised "Bitcasa", hyphenated "fuse-ext2": what a product's name looks like)
_CODE_TALK = re.compile(r"クラス|メソッド|関数|型|インスタンス|オブジェクト|変数|\bclass\b|\bnew\b", re.I)  # "BigDecimalを使う": a class
_FILE = re.compile(r"\.(?:md|txt|py|js|ts|go|rb|java|json|ya?ml|toml|conf|cfg|ini|sh|log|html?|css|xml|csv|sql|lock|exe|pac|dep|cf|"
                   r"dll|jar|war|zip|gz|so)$|\.so(?:\.\d+)+$|[A-Za-z]\d+\.\d+", re.I)  # files, libraries, a glued version


def tool_id(name: str) -> str:
    """Entity id of a proposed tool."""
    return PROPOSED_TOOL_PREFIX + name


def acceptable(name: str, names: set[str]) -> bool:
    """A plausible unknown software name (see the module docstring)."""
    folded = name.casefold()
    if len(name) < 3 or folded in COMMON_WORDS or folded in BRAND_WORDS or normalize(name) in names:
        return False
    if re.fullmatch(r"[A-Z]{2,4}", name) or _FILE.search(name) or re.fullmatch(r"v?\d[\d.]*", name):
        return False
    return not re.fullmatch(r"[A-Z][a-z]+", name) or len(name) >= 4


_NOT_A_PRODUCT = re.compile(r"sample|example|demo|test|tutorial|handson|hands-on|workshop|slides?|assets|dotfiles|blog|"
                            r"homepage|\.github\.io|^lt|meetup|study|practice|exercise|lifegame|kata|^my-|playground|"
                            r"\d{4}", re.I)


def is_word(name: str) -> bool:
    """A lower-case name of four letters or more that Sudachi's dictionary knows ("spoon", "clipboard",
    "bases"): a word, even as a repository's name. Loaded only when a note links such a name."""
    return bool(re.fullmatch(r"[a-z]{4,}", name)) and not Lexicon.shared().unknown(name)


def product_shaped(name: str) -> bool:
    """CamelCase, capitalised or hyphenated like a product's name, and not a sample's or a demo's."""
    return bool(_PRODUCT_SHAPE.fullmatch(name)) and not _NOT_A_PRODUCT.search(name)


def used_as_software(name: str, after: str, text: str) -> bool:
    """A product-shaped unknown name the text says is used or installed ("Bitcasaを導入", "git-lfsを入れた",
    "XtraFinder 1.2"): not a sample, not a class the line talks about as code (the caller has made sure
    it is no word Sudachi knows)."""
    if not product_shaped(name):
        return False
    if _CAMEL.fullmatch(name) and _CODE_TALK.search(text):
        return False
    return bool(_USE_AFTER.match(after) or (_VERSION_AFTER.match(after) and (_CAMEL.fullmatch(name) or "-" in name)))


_EVENT_NAME = re.compile(r"kaigi|conf|con$|summit|days?$|meetup|festa?|night|camp|hack|study|ug$|jaws|yapc|expo|forum|"
                         r"seminar|award|wiki|blog|news|times|journal|magazine|press|books?$|shop|store", re.I)


_SUFFIX_LABELS = {"www", "jp", "com", "org", "net", "io", "info", "co", "dev", "app"}


def linked_product(link: WebLink) -> str | None:
    """The product a link names, as its text writes it: a GitHub repository whose link text names it
    ("[fzf](https://github.com/junegunn/fzf)", "[GitHub - owner/zap: …](…)"; not a sample, a demo,
    slides, dotfiles or a blog), or a product-shaped name linked to its own domain
    ("[Growl](http://growl.info/)"; not an event, a wiki, a blog or a shop, whose sites are named the
    same way; never a path segment: wikis, keyword pages and profiles put any word there)."""
    if link.host == "github.com":
        if len(link.path) != 2:
            return None
        owner, repo = link.path[0], link.path[1].removesuffix(".git")
        at = link.text.casefold().find(repo.casefold())
        if at < 0 or _NOT_A_PRODUCT.search(repo) or _NOT_A_PRODUCT.search(owner):  # ("Azure-Samples/…")
            return None
        return link.text[at:at + len(repo)]
    text = link.text
    if link.host.endswith("github.com") or len(text) > 40 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*", text):
        return None
    key = re.sub(r"[^a-z0-9]", "", text.casefold())
    labels = [x.replace("-", "") for x in link.host.split(".") if x not in _SUFFIX_LABELS]  # ("snap-ci.com": SnapCI)
    if re.search(r"[-_.](?:ja|jp)$", text, re.I):
        return None  # "java-ja", "perl-jp": a locale suffix names a community or a localised site, not a product
    return text if len(key) >= 4 and key in labels and not _EVENT_NAME.search(text) else None


def linked_products(links: list[WebLink]) -> dict[int, list[str]]:
    """:func:`linked_product` of each of a note's web links, by file line."""
    out: dict[int, list[str]] = {}
    for link in links:
        name = linked_product(link)
        if name:
            out.setdefault(link.line, []).append(name)
    return out


def proposed_tools(pieces: list[Piece], names: set[str], linked: dict[int, list[str]] | None = None,
                   packages: set[str] = frozenset()) -> list[Mention]:
    """Proposed tools of a note's prose: unknown names a cue calls software, or that the note links as a
    product (``linked``, see :func:`linked_products`; ``names``: every catalog name and stop-word,
    normalised; ``packages``: the catalog's package names, which a link names as the catalog's tool,
    never a new one), one mention per place."""
    out = []
    for p in pieces:
        for name in (linked or {}).get(p.line, []) if p.origin == "text" else []:
            at = p.text.find(name)
            if at < 0 or not acceptable(name, names) or normalize(name) in packages or is_word(name) or p.covered(
                    at, at + len(name)):
                continue
            out.append(Mention(tool_id(name), name, p.line, p.section, p.evidence(), origin="proposed"))
        if p.origin != "text" or not _ANY_CUE.search(p.text):
            continue
        for m in _NAME.finditer(p.text):
            name, start, end = m.group(1), m.start(1), m.end(1)
            if p.covered(start, end) or not acceptable(name, names) or normalize(name) in packages:
                continue  # (a catalog package: the prose rules decide where it counts)
            after = p.text[end:end + 14]
            cued = (_CUE_AFTER.match(p.text[end:end + 48]) or _SUCH_AS.match(p.text[end:end + 60])
                    or used_as_software(name, after, p.text))
            if not cued or is_word(name.casefold()) or re.search(r"[A-Za-z]\s$", p.text[max(0, start - 2):start]):
                continue  # no cue, or one word of a longer name ("Kafka Producer ライブラリ")
            out.append(Mention(tool_id(name), name, p.line, p.section, p.evidence(), origin="proposed"))
    return out


_GLUE = re.compile(r"\s*(?:、|,|，|/|／|・|と|や|\+|＋|&|and|および|及び)\s*")
LIST_MIN_KNOWN = 2  # catalog products a list needs before an unknown member is called one of them


_LOWER_NAME = re.compile(r"[a-z][a-z0-9]{4,}")  # "bonnie、iozone、hackbench": a command among known ones


def listed_with_products(pieces: list[Piece], names: set[str], packages: set[str] = frozenset(),
                         taken: set[tuple[int, str]] = frozenset()) -> list[Mention]:
    """Unknown product-shaped names listed with catalog products ("JavaとGraalVMとPicocliで",
    "Druid, ClickHouse, Rockset, Fireboltなど"): a run of names joined only by list glue (、 , / と や +)
    that holds at least :data:`LIST_MIN_KNOWN` catalog tools or services, or one in a run of three
    names or more, makes its other product-shaped members tools too (membership of a list of
    products is the cue); a lower-case one ("JavaとpicocliとGraalVM") only beside two known ones. Not a word, an acronym, a file, a company name, nor anything in code;
    ``taken``: (line, name) already proposed."""
    out = []
    for p in pieces:
        if p.origin != "text" or not p.hits:
            continue
        for run in list_runs(p, names):
            known = sum(1 for _, _, name in run if name is None)
            if not (known >= LIST_MIN_KNOWN or known and len(run) >= 3):
                continue
            for _, _, name in run:
                if (not name or (p.line, name) in taken or normalize(name) in packages
                        or not (product_shaped(name) or known >= LIST_MIN_KNOWN and _LOWER_NAME.fullmatch(name))
                        or is_word(name.casefold())):
                    continue
                out.append(Mention(tool_id(name), name, p.line, p.section, p.evidence(), origin="proposed"))
    return out


def list_runs(p: Piece, names: set[str]) -> list[list[tuple[int, int, str | None]]]:
    """The runs of two names or more in a piece joined only by list glue, each name as
    ``(start, end, name)``: ``name`` None for a catalog tool or service, "" for another catalog hit
    (a company), the text for an unknown name that :func:`acceptable` lets through."""
    items = [(h.start, h.end, None if h.entity_id.startswith(("tool:", "aws:")) else "") for h in p.hits]
    for m in _NAME.finditer(p.text):
        start, end = m.start(1), m.end(1)
        if not p.covered(start, end) and acceptable(m.group(1), names):
            items.append((start, end, m.group(1)))
    runs: list[list] = []
    for item in sorted(items):
        if runs and _GLUE.fullmatch(p.text[runs[-1][-1][1]:item[0]]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [r for r in runs if len(r) > 1]


FAMILY_MIN = 3  # a name that starts this many multi-word catalog names heads a family of products
_PROGRAMME = re.compile(r"Expert|Experts|MVP|Champions?|Certified|Partners?|Awards?|Program|Ambassadors?|Team|Teams|"
                        r"Updates?|Overview|Introduction|Intro|Roadmap|Recap|Tips|Tutorial|Keynote|Session|Sessions")
# (and a talk: "Spring Update 2019", "Google Cloud Overview" name a session, not a product)
# (with the matcher's corporate and event words: "Google Japan", "Microsoft Tech Summit" are no products)


def _names_no_product(word: str) -> bool:
    """A word that makes "<family> … word" an organisation, an event or a programme."""
    return bool(CORPORATE_WORD.fullmatch(" " + word) or _PROGRAMME.fullmatch(word))


_VERSION = re.compile(r"v?\d[\w.]*")
_PATTERNS: dict[str, re.Pattern | None] = {}


def family_pattern(catalog: Catalog) -> re.Pattern | None:
    """The pattern of "<family name> <Capitalised words>" for the catalog's families (computed once per
    catalog version): first words of at least :data:`FAMILY_MIN` multi-word names that are catalog
    names themselves, except families of AWS services."""
    if catalog.version not in _PATTERNS:
        names = {normalize(n) for e in catalog.entities.values() for n in e.names}
        heads, aws = Counter(), Counter()
        for e in catalog.entities.values():
            words = e.label.split()
            if len(words) > 1 and words[0].isascii():
                heads[words[0]] += 1
                aws[words[0]] += e.kind == "aws_service"
        family = sorted((w for w, n in heads.items() if n >= FAMILY_MIN and normalize(w) in names and aws[w] * 2 < n),
                        key=lambda w: (-len(w), w))
        _PATTERNS.clear()
        _PATTERNS[catalog.version] = re.compile(
            r"(?<![A-Za-z0-9_.@/#-])(" + "|".join(map(re.escape, family)) + r")"
            r"((?: [A-Z][A-Za-z0-9+]*+(?:[.-][A-Za-z0-9+]+)*+){1,3}+)(?![A-Za-z0-9_@-]|/[a-z0-9_]|…|\.\.)") if family else None
        # (a name cut short, "Azure Datab…", is no name; the words are taken whole, so "Google App Engine/Go" is
        # "Google App Engine", never "Google App"; a path after them, "/api", makes no name)
    return _PATTERNS[catalog.version]


_AWS_ONLY: dict[str, frozenset[str]] = {}


def aws_only_names(catalog: Catalog) -> frozenset[str]:
    """Normalised names that only AWS services bear ("Batch", "Lambda"): after a non-AWS family name
    they are the product's own word ("Spring Batch"), not a second product (computed once per version)."""
    if catalog.version not in _AWS_ONLY:
        other = {normalize(n) for e in catalog.entities.values() if e.kind != "aws_service" for n in e.names}
        aws = {normalize(n) for e in catalog.entities.values() if e.kind == "aws_service" for n in e.names}
        _AWS_ONLY.clear()
        _AWS_ONLY[catalog.version] = frozenset(aws - other)
    return _AWS_ONLY[catalog.version]


def blocks(word: str, names: set[str], aws_only: frozenset[str]) -> bool:
    """A word that names another catalog entity, so a family product's name stops before it ("Oracle
    Java" names Java) -- not one only an AWS service bears ("Spring Batch": Batch is AWS Batch's)."""
    key = normalize(word)
    return key in names and key not in aws_only


def family_products(pieces: list[Piece], names: set[str], pattern: re.Pattern | None,
                    aws_only: frozenset[str] = frozenset()) -> list[Mention]:
    """Proposed tools named "<family> <Capitalised words>" that no catalog holds (see the module docstring);
    the family name's own hit inside such a name is dropped from its piece ("Azure" of "Azure Machine
    Learning" is no mention of Microsoft Azure)."""
    out = []
    for p in pieces if pattern is not None else []:
        if p.origin != "text":
            continue
        for m in pattern.finditer(p.text):
            words = m.group(2).split()
            cut = next((i for i, w in enumerate(words) if _VERSION.fullmatch(w) or (i and blocks(w, names, aws_only))),
                       len(words))
            words = words[:cut]  # "Google App Engine 2019" and "Google App Engine Go" name Google App Engine
            if not words or any(map(_names_no_product, words)) or blocks(words[0], names, aws_only):
                continue
            phrase = f"{m.group(1)} {' '.join(words)}"
            start, end = m.start(), m.start() + len(phrase)
            if normalize(phrase) in names or any(h.start < end and start < h.end and h.end - h.start > len(m.group(1))
                                                 for h in p.hits):
                continue  # a catalog name covers it (the matcher found something longer than the family name)
            p.hits = [h for h in p.hits if not (start <= h.start and h.end <= end)]
            out.append(Mention(tool_id(phrase), phrase, p.line, p.section, p.evidence(), origin="proposed"))
    return out
