"""Generate the entity catalog (``catalog/data/catalog.json``) from public lists and curated YAML.

Run as ``python -m notegraph.catalog.build [--out PATH] [--date YYYY-MM-DD] [--cncf PATH] [--icons PATH]
[--aws-icons PATH] [--debian PATH]`` (the sources default to ``../shared/catalog-sources/``).

Sources, each read by one function into *records* (one named thing each, keyed ``source:name``):

* ``botocore`` -- every AWS API's ``serviceFullName``/``serviceAbbreviation``/``serviceId``
  (:func:`botocore_records`). Companion APIs are merged into their product: a curated entry names
  the APIs it covers (``from: [botocore:elb, botocore:elbv2]``); any other API whose name, after
  dropping a version suffix (``v2``, ``-2``) or trailing ``-part``s, is another API joins that one
  (``bedrock-runtime`` -> ``bedrock``, ``wafv2`` -> ``waf``).
* ``cncf`` -- the CNCF landscape (:func:`cncf_records`): projects and products become tools
  (items hosted on aws.amazon.com are skipped: botocore and the curated list cover AWS); members,
  service providers, training partners and the crunchbase organisations behind items become
  companies (``org:<crunchbase-slug>``).
* ``pygments`` -- lexers of real programming languages (:func:`pygments_records`); data, markup,
  config, template, console-session and diff lexers are left out.
* ``awsicons`` -- the official AWS architecture icon set's ``architecture-service`` file names
  (``aws-icons-names.txt``, :func:`aws_icon_records`), CamelCase spaced by :func:`icon_name`
  (``icon_names:`` in curated/aws.yaml fixes the few it spaces wrongly, or leaves an icon out). An
  icon named like an AWS service of another source (letters and digits compared, with or without
  the Amazon/AWS prefix) joins it; the rest are new AWS services (``AWS Transform``, ``Amazon DCV``).
  A renamed service keeps both names on one entity: the curated entry (``Amazon Data Firehose``)
  carries the old botocore name, the icon joins it by the new one.
* ``simpleicons`` -- simple-icons brands (``simple-icons.json``, :func:`simple_icons_records`):
  title, ``aka``, ``dup`` titles, Japanese/English ``loc`` names, joined by :func:`brand_drafts`:

  - names of fewer than three letters or digits, names starting with ``.``/``/`` (file names) and
    all-katakana spellings (ライン, ネイバー: transliterated common words) are left out;
  - a brand named like an existing entity (any name or derived form) joins it, adding its other
    names that are not common words -- except that a brand without the Amazon/AWS prefix never
    joins an AWS service (simple-icons ``ACM``, ``AMP``, ``Proton`` are other things: left out);
    an Amazon/AWS brand that no AWS source names (Amazon Prime, Alexa) is left out;
  - ``exclude:`` in curated/simple-icons.yaml leaves out formats, protocols and standards (JSON,
    CSS, Markdown, MQTT: concepts, not tools) and initialisms that mostly mean something else;
  - a new brand named by one common word (:func:`is_common_name`) is left out, unless
    ``keep:`` lists it (well-known software: Twitter, Blender, Unity): then its names are guarded;
  - **tool or company** (:func:`brand_kind`): a brand that joins an existing entity has that
    entity's kind (so a CNCF crunchbase organisation or a curated company stays a company, a CNCF
    project a tool); a new brand is a company when ``companies:`` in curated/simple-icons.yaml
    lists it or its title has a corporate word (:data:`CORPORATE`: Inc, Corporation, Group,
    Holdings, Airlines, Bank, Foundation... anywhere; Technologies, Systems, Games, Labs, Metro...
    as the last word), otherwise a tool (most simple-icons brands are software, SaaS and sites);
  - a brand named like a known product plus a release number ("Windows XP", "PlayStation 4":
    :data:`EDITION`) joins that product;
  - brands that earlier releases listed and the current one dropped (``simpleicons-retired``:
    Internet Explorer, Microsoft Excel, Xamarin; :mod:`notegraph.catalog.simpleicons`) go through
    the same rules, and one named by a single plain word is left out if Sudachi's dictionary knows
    the word as a common noun ("Anchor", "Sprint"), kept if it knows it as a proper noun ("Skype") and
    guarded if it does not know it ("Uploaded").
* ``debian`` -- command-line programs and daemons of Debian's package index, from the snapshot
  ``catalog/sources/debian-programs.txt`` (:mod:`notegraph.catalog.debian`, :func:`debian_records`):
  names that could be words are left out, the rest become tools that are ``prose_only``: matched
  as the package or in the project's mixed case ("clamav", "ClamAV"), only inside Japanese prose or
  alone on a line. They rank last, so a name any other source has stays with it (``redis``,
  ``nginx``); a name excluded from simple-icons as a format (``markdown``) is excluded here too.
  The commands those packages install (``catalog/sources/debian-commands.txt``: ``iostat``,
  ``vmstat``, ``envsubst``) join them as source ``debian-cmd``, under the same word test, matched
  only as typed: in lower case (a capitalised "Timeout" or "Indexer" is a word, not the command);
  bash's builtins as pygments lists them ("printf", "echo") are shell words, left out like words.
* ``curated`` -- ``curated/*.yaml`` (:func:`read_curated`): entities no list has (AWS CDK,
  Lambda@Edge, Django, メルカリ...), the label people actually use, short forms, katakana and
  misspellings. A file has a default ``kind`` (and ``category``), its entries under ``entities``
  or under ``categories: {category: [entries]}``, an ``exclude`` list of records to leave out and
  ``stopwords``. An entry has ``label`` and optionally ``id`` (required for a non-ASCII label),
  ``kind``, ``category``, ``aliases``, ``guarded``, ``drop_aliases`` and ``from``: the records it
  absorbs (``botocore:<api>``, ``cncf:<item name>``, ``pygments:<lexer name>``, ``org:<slug>``).

Names: every name of an entity (label and aliases) is NFKC-normalised; forms are derived for the
AWS prefix (``Amazon CloudFront`` -> ``CloudFront``), a parenthesised short form
(``... (DAX)`` -> ``DAX``) and, from the label, CamelCase spacing (``CodeDeploy`` <->
``Code Deploy``, ``Argo CD`` <-> ``ArgoCD``) and a plural word in the singular (``Systems Manager``
-> ``System Manager``: :func:`number_forms`). Stop-words and the entry's ``drop_aliases`` are
removed (also without spaces, as the matcher ignores them).

Guard rule (:func:`is_ambiguous`): a name is *guarded* (the matcher then wants exact case and a tech
context) when it is ASCII and either at most two characters long (except :data:`WELL_KNOWN_SHORT`
such as ``S3``), or made only of words in :data:`COMMON_WORDS` (common English words and names
such as ``Go``, ``Glue``, ``Batch``, ``Step Functions``), or it is a katakana/Japanese word in
:data:`COMMON_JA` (ラスト, ルビー, ノート); curated entries add more with ``guarded:``.
Entities new from the wider sources (simple-icons, AWS icons; ``Draft.strict``) are guarded by the
stricter :func:`is_common_name`: also any name made only of :data:`BRAND_WORDS` (English dictionary
words and first names that are common in running text, listed in words.py with how they were
derived) or numbers -- ``Buffer``, ``Home Assistant``, ``Twitter``, the derived ``Transform`` of AWS
Transform; names with an inner ``.``/``:`` (``Rocket.Chat``) are distinctive. Names the catalog
already had keep the older rule, so no existing match changes.
An uncurated pygments or CNCF entity named by one common word is dropped, and so are such
aliases of theirs (:func:`drop_ambiguous_list_names`): obscure languages called Red or Factor and
vendors called Framework or Middleware would only produce false matches; the well-known ones
(Go, Rust, Helm, Envoy, Vault...) are curated, and guarded.

Collisions (:func:`resolve_collisions`): one normalised name belongs to one entity. Names are
claimed in order of source priority -- curated > botocore > awsicons > pygments > cncf > org >
simpleicons (:data:`PRIORITY`);
a name written in a curated file has curated priority even when its entity came from a list, a
derived form ranks just below the name it comes from (:data:`DERIVED`) -- and within a priority
labels before aliases, then by id. A losing alias is dropped; an entity whose label is lost is
dropped whole (e.g. the crunchbase company ``Datadog`` behind the tool ``Datadog``). Two curated
entries claiming one name is an error. A summary of what was dropped is printed.

Output (:func:`render`): ``{"format": 1, "generated", "provenance", "entities", "stopwords"}``,
entities sorted by id, aliases and guarded names sorted, JSON with ``ensure_ascii=False,
indent=1``: the same inputs and ``--date`` give a byte-identical file.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from . import ENTITY_KINDS, normalize
from .debian import COMMANDS as DEBIAN_COMMANDS, SNAPSHOT as DEBIAN_SNAPSHOT, is_word_like, snapshot_names
from . import simpleicons
from .words import BRAND_WORDS, COMMON_JA, COMMON_WORDS, Lexicon

__all__ = ["build_catalog", "render", "write_catalog", "main", "is_ambiguous", "is_common_name", "brand_kind"]

HERE = Path(__file__).resolve().parent
CURATED_DIR = HERE / "curated"
DEFAULT_OUT = HERE / "data" / "catalog.json"
SOURCES = HERE.parents[2].parent / "shared" / "catalog-sources"  # ../shared of the repo
DEFAULT_CNCF = SOURCES / "cncf-landscape.yml"
DEFAULT_ICONS = SOURCES / "simple-icons.json"
DEFAULT_AWS_ICONS = SOURCES / "aws-icons-names.txt"

FORMAT = 1
KIND_PREFIX = {"aws_service": "aws", "tool": "tool", "company": "company"}
EDITION = re.compile(r"^(?P<base>.+?)\s+(?:\d+(?:\.\d+)?|XP|NT)$")  # a product's release or edition: "Windows 10", "Windows XP"
RETIRED = "simpleicons-retired"  # brands of earlier simple-icons releases (:mod:`notegraph.catalog.simpleicons`)
PRIORITY = {"curated": 0, "botocore": 1, "awsicons": 2, "pygments": 3, "cncf": 4, "org": 5, "simpleicons": 6, RETIRED: 6,
            "debian": 7, "debian-cmd": 8}
DERIVED = 0.5  # added to the priority of a form the generator derived (``CloudFront`` from ``Amazon CloudFront``)
AWS_PREFIX = re.compile(r"^(?:Amazon|AWS)\s+(?=\S)")
GLUED_PREFIX = re.compile(r"^(Amazon|AWS)(?=[A-Z][a-z])")
PAREN = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]+)\)$")
CAMEL_WORDS = re.compile(r"^(?:[A-Z][a-z]+){2,3}$")
CAMEL_PART = re.compile(r"[A-Z][a-z]+")
CAP_TOKEN = re.compile(r"^[A-Z][A-Za-z0-9]*$")
VERSION_SUFFIX = re.compile(r"(?:-?v2|-?2)$")
LANDSCAPE_SUFFIX = re.compile(r"\s*\((?:member|KCSP|KCNTP|supporter|contributor|Wasm|wasm|QKS)\)$")
CRUNCHBASE_SUFFIX = re.compile(r"-(?:\d+|(?=[0-9a-f]*\d)[0-9a-f]{4})$")  # "-2", "-19d8": crunchbase dedup suffixes

# Short names that are unambiguous in any text (the ≤2-character rule would guard them).
WELL_KNOWN_SHORT = frozenset({"S3", "JS", "C#", "F#", "C++"})

# COMMON_WORDS / COMMON_JA (words.py): common words that product names borrow; a name made only of them is guarded.


@dataclasses.dataclass
class Record:
    """One named item read from a source, before it is merged into an entity."""

    key: str  # "<source>:<name>", e.g. "botocore:lambda", "cncf:Argo", "org:red-hat"
    kind: str
    names: list[str]  # the first name is the label the record would get on its own
    category: str | None = None

    @property
    def source(self) -> str:
        """The source part of the key."""
        return self.key.split(":", 1)[0]


@dataclasses.dataclass
class Draft:
    """An entity being assembled: its names carry the priority of whoever wrote them."""

    id: str
    kind: str
    label: str
    source: str
    priority: int
    category: str | None = None
    names: list[tuple[str, float]] = dataclasses.field(default_factory=list)  # (alias, priority)
    guarded: set[str] = dataclasses.field(default_factory=set)
    drop_aliases: set[str] = dataclasses.field(default_factory=set)
    keys: list[str] = dataclasses.field(default_factory=list)  # the records merged into it
    strict: bool = False  # a new entity from simple-icons or the AWS icons: names guarded by is_common_name
    prose_only: bool = False  # a Debian package name: matched only in Japanese prose or alone on a line

    def add(self, name: str, priority: float) -> None:
        """Add a name (alias) written with ``priority``."""
        name = clean(name)
        if name:
            self.names.append((name, priority))


# --------------------------------------------------------------------------- names


def clean(name: str) -> str:
    """NFKC-normalise a name and collapse whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(name))).strip()


def entity_id(kind: str, label: str) -> str:
    """Stable id ``<prefix>:<slug>``; AWS ids drop the Amazon/AWS prefix (``aws:lambda``)."""
    text = AWS_PREFIX.sub("", label) if kind == "aws_service" else label
    text = unicodedata.normalize("NFKC", text).replace("++", "pp").replace("#", "sharp").replace("+", "plus")
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if not slug.isascii() or not slug:
        raise ValueError(f"cannot make an ASCII id from {label!r}: give the curated entry an id")
    return f"{KIND_PREFIX[kind]}:{slug}"


def name_forms(name: str, kind: str, spacing: bool = False) -> list[str]:
    """A name plus the other ways it is written: without the AWS prefix, the parts of
    ``Name (Short)``, and (with ``spacing``, used for labels) CamelCase spacing variants."""
    out = [name]
    m = PAREN.match(name)
    if m:
        out += [m["base"], m["inner"]] if len(m["inner"]) <= 12 else [m["base"]]
    if kind == "aws_service":
        short = [AWS_PREFIX.sub("", n) for n in out if AWS_PREFIX.match(n)]
        out += [n for n in short if len(n) >= 3 or any(c.isdigit() for c in n)]
    if spacing:
        singular = [variant for n in out for variant in number_forms(n)] if kind != "company" else []
        out += [variant for n in out for variant in spacing_forms(n)] + singular
    return out


lexicon = Lexicon.shared  # Sudachi's dictionary as a word list, loaded once per process


def number_forms(name: str) -> list[str]:
    """A multi-word name with a plural word in the singular, as notes often write it ("Systems
    Manager" -> "System Manager", "Secrets Manager" -> "Secret Manager", "Step Functions" -> "Step
    Function"): capitalised words of five letters or more ending in a single 's' whose singular is
    an English word Sudachi's dictionary knows ("Kubernetes" has no singular)."""
    words = name.split()
    if len(words) < 2 or any(w.islower() for w in words):  # "Controllers for Kubernetes": a phrase
        return []
    return [" ".join(words[:i] + [w[:-1]] + words[i + 1:]) for i, w in enumerate(words)
            if len(w) >= 5 and w[0].isupper() and w.endswith("s") and not w.endswith(("ss", "us", "is"))
            and w[1:].islower() and not lexicon().unknown(w[:-1].lower())]


def spacing_forms(name: str) -> list[str]:
    """CamelCase spacing variants: ``CodeDeploy`` -> ``Code Deploy``, ``Argo CD`` -> ``ArgoCD``."""
    if CAMEL_WORDS.match(name):
        return [" ".join(CAMEL_PART.findall(name))]
    tokens = re.split(r"[ -]", name)
    if len(tokens) == 2 and all(CAP_TOKEN.match(t) for t in tokens) and not AWS_PREFIX.match(name):
        return [" ".join(tokens), "".join(tokens)]
    return []


def is_ambiguous(name: str) -> bool:
    """True for names that must be guarded: short, common-word-only, or common Japanese words."""
    if not name.isascii():
        return name in COMMON_JA
    if len(name) <= 2:
        return name not in WELL_KNOWN_SHORT
    words = re.split(r"[\s\-]+", name.casefold())
    return all(w in COMMON_WORDS for w in words)


def common_acronym(name: str) -> bool:
    """An acronym that Japanese uses as an ordinary noun: Sudachi's dictionary knows it as a common
    noun (普通名詞), as it does "SNS" (social media) and "ECS"; an AWS service's short name so spelled
    then needs context like any guarded name ("SNSを眺めたら" is no Amazon SNS)."""
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,4}", name):
        return False
    ms = lexicon().tok.tokenize(name, lexicon().mode)
    return len(ms) == 1 and not ms[0].is_oov() and ms[0].part_of_speech()[:2] == ("名詞", "普通名詞")


def dictionary_word(name: str) -> bool:
    """A word Sudachi's dictionary knows as a common noun or a person's name ("Anchor", "Sprint",
    "Daimler"), not as a proper noun ("Skype", "Minecraft": brands it knows) nor not at all."""
    ms = lexicon().tok.tokenize(name, lexicon().mode)
    return len(ms) == 1 and not ms[0].is_oov() and (ms[0].part_of_speech()[1] != "固有名詞"
                                                    or ms[0].part_of_speech()[2] == "人名")


def is_common_name(name: str) -> bool:
    """The stricter guard rule for names from the wider sources (simple-icons, AWS icons): also true
    when every word is in :data:`BRAND_WORDS` (dictionary words, first names) or is a number.

    >>> is_common_name("Buffer"), is_common_name("Home Assistant"), is_common_name("Twitter")
    (True, True, True)
    >>> is_common_name("Figma"), is_common_name("Apache Solr"), is_common_name("Bitwarden")
    (False, False, False)
    """
    if is_ambiguous(name):
        return True
    if not name.isascii() or re.search(r"\w[.:!+]\w", name):  # "Rocket.Chat", "dev.to": no word
        return False
    words = [w for w in re.split(r"[^a-z0-9]+", name.casefold()) if w]
    return bool(words) and all(w in COMMON_WORDS or w in BRAND_WORDS or w.isdigit() for w in words)


# --------------------------------------------------------------------------- sources


def botocore_records() -> tuple[list[Record], str]:
    """One record per botocore API (names: full name, abbreviation, serviceId); plus the version.

    Reads the package's own ``data/<api>/<latest version>/service-2.json[.gz]`` (not ~/.aws/models,
    so the result does not depend on the machine), decoding only the ``metadata`` object.
    """
    import botocore

    records = []
    for api_dir in sorted(p for p in (Path(botocore.__file__).parent / "data").iterdir() if p.is_dir()):
        versions = sorted(v for v in api_dir.iterdir() if any(v.glob("service-2.json*")))
        if not versions:
            continue
        meta = service_metadata(versions[-1])
        raw = [meta.get("serviceFullName"), meta.get("serviceAbbreviation"), meta.get("serviceId")]
        names = [unglue(n) for n in raw if n and not n.islower()]
        records.append(Record(f"botocore:{api_dir.name}", "aws_service", names or [api_dir.name]))
    return records, botocore.__version__


def service_metadata(version_dir: Path) -> dict:
    """The ``metadata`` object of a botocore service model (the first key after ``version``)."""
    packed = version_dir / "service-2.json.gz"
    text = gzip.decompress(packed.read_bytes()).decode("utf-8") if packed.exists() else (
        (version_dir / "service-2.json").read_text(encoding="utf-8"))
    start = text.index("{", text.index('"metadata"'))
    return json.JSONDecoder().raw_decode(text, start)[0]


def unglue(name: str) -> str:
    """``AmazonMQ`` -> ``Amazon MQ``: botocore sometimes glues the prefix to the name."""
    return GLUED_PREFIX.sub(r"\1 ", name)


def botocore_parent(service: str, services: set[str]) -> str:
    """The API a companion API belongs to (``bedrock-agent-runtime`` -> ``bedrock-agent``), or itself."""
    base = VERSION_SUFFIX.sub("", service)
    if base != service and base in services:
        return base
    parts = service.split("-")
    for n in range(len(parts) - 1, 0, -1):
        if "-".join(parts[:n]) in services:
            return "-".join(parts[:n])
    return service


def botocore_product(service: str, services: set[str], claimed: set[str]) -> str:
    """Climb companion -> parent until a curated product claims the API or there is no parent."""
    while service not in claimed:
        parent = botocore_parent(service, services)
        if parent == service:
            break
        service = parent
    return service


ORG_CATEGORIES = {"CNCF Members", "Special"}  # their items are organisations...
PRODUCT_SUBCATEGORIES = {"Certified CNFs"}  # ...except these (telecom products; skipped)


def cncf_records(path: Path) -> tuple[list[Record], list[Record]]:
    """Tool records (projects, products) and company records (organisations) from the landscape."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    tools: dict[str, Record] = {}
    orgs: dict[str, Record] = {}
    for category in data["landscape"]:
        for sub in category.get("subcategories") or []:
            for item in sub.get("items") or []:
                group = f"{category['name']} / {sub['name']}"
                is_org_item = category["name"] in ORG_CATEGORIES and sub["name"] not in PRODUCT_SUBCATEGORIES
                org_record(orgs, item, group if is_org_item else None)
                if category["name"] in ORG_CATEGORIES or is_aws_item(item):
                    continue
                name = LANDSCAPE_SUFFIX.sub("", clean(item["name"]))
                record = tools.setdefault(name.casefold(), Record(f"cncf:{name}", "tool", [name]))
                record.category = record.category or group
    return list(tools.values()), list(orgs.values())


def is_aws_item(item: dict) -> bool:
    """A landscape item that is an AWS product (botocore and the curated list cover those)."""
    return "aws.amazon.com" in (item.get("homepage_url") or "") or bool(AWS_PREFIX.match(item["name"]))


def org_record(orgs: dict[str, Record], item: dict, org_group: str | None) -> None:
    """Add the organisation behind a landscape item (by crunchbase slug) to ``orgs``; an item that
    is itself an organisation (a member, a service provider: ``org_group`` is its category) also
    gives its name."""
    is_org_item = org_group is not None
    slug = (item.get("crunchbase") or "").rstrip("/").rsplit("/", 1)[-1].lower()
    if not slug and not is_org_item:
        return
    name = LANDSCAPE_SUFFIX.sub("", clean(item["name"]))
    if name.startswith("Non-Public Organization"):
        return
    slug = slug or re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    record = orgs.setdefault(slug, Record(f"org:{slug}", "company", []))
    if is_org_item and name not in record.names:
        record.names.append(name)
        record.category = record.category or org_group


def org_label(slug: str) -> str:
    """A readable name from a crunchbase slug when no landscape item names the organisation."""
    words = CRUNCHBASE_SUFFIX.sub("", slug).split("-")
    return " ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in words)


# Lexer modules that hold formats, not programming languages.
NON_LANGUAGE_MODULES = frozenset("""
configs console data diff special templates textfmts markup html css email mime installers hexdump
asc bibtex dns devicetree ldap grammar_notation rdf roboconf resource sgf srcinfo tls tlb xorg wowtoc
minecraft procfile make capnproto asn1 cddl webidl yang jmespath jslt json5 typoscript scdoc usd
teraterm testing graphviz graphql ul4 bdd gcodelexer archetype apdlexer csound lilypond praat sieve
smv tnt pddl soong meson bitbake blueprint varnish asm esoteric sql int_fiction numbair modeling
dsls parsers promql kusto qlik
""".split())
NON_LANGUAGE_NAME = re.compile(
    r"session|console|repl\b|traceback|\blog\b|template|[a-z]\+[a-z]|objdump|literate|\btarget\b|\bhost\b|"
    r"embedded|snippets|cssdata|htmldata|\bfile\b|\bdata\b|grammar|2\.x|\bIR\b|^Base ",
    re.I,
)


def pygments_records() -> tuple[list[Record], str]:
    """One record per programming-language lexer (names: lexer name, then long aliases)."""
    import pygments
    from pygments.lexers._mapping import LEXERS

    records = []
    for module, name, aliases, _files, _mimes in sorted(LEXERS.values(), key=lambda v: v[1]):
        if module.rsplit(".", 1)[-1] in NON_LANGUAGE_MODULES or NON_LANGUAGE_NAME.search(name):
            continue
        names = [name] + [a for a in aliases if len(a) >= 4 and re.fullmatch(r"[a-z][a-z0-9+#.\-]*", a)]
        records.append(Record(f"pygments:{name}", "tool", names, "Programming language"))
    return records, pygments.__version__


# --------------------------------------------------------------------------- AWS icons, simple-icons

ICON_FOLDER = "architecture-service"  # resource/, category/, architecture-group/ hold features and groups
ICON_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=\d)(?=[A-Z][a-z])")
ICON_JOINER = re.compile(r"(?<=[a-z])(?:(and|for)(?=[A-Z])|(on|at)(?=AWS))")


def aws_icon_records(path: Path, fixes: dict | None = None) -> list[Record]:
    """One aws_service record per icon of the official set's ``architecture-service`` folder, its
    CamelCase file name spaced (``AmazonDataFirehose`` -> ``Amazon Data Firehose``). ``fixes``
    (``icon_names`` in curated/aws.yaml) gives the name of icons the rule spaces wrongly, or null
    for icons that are no AWS service of their own (a dark variant, an open-source project)."""
    fixes = fixes or {}
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        folder, _, file_name = line.strip().rpartition("/")
        if folder != ICON_FOLDER or not file_name.endswith(".svg"):
            continue
        stem = file_name[:-4]
        if stem.endswith("Dark"):  # a dark-background variant of another icon
            continue
        if stem in fixes:
            if fixes[stem]:
                records.append(Record(f"awsicons:{stem}", "aws_service", [clean(fixes[stem])]))
            continue
        records.append(Record(f"awsicons:{stem}", "aws_service", [icon_name(stem)]))
    return records


def icon_name(stem: str) -> str:
    """``AWSCostandUsageReport`` -> ``AWS Cost and Usage Report``; known glued words stay whole.

    >>> icon_name("AmazonEC2AutoScaling"), icon_name("AmazonFSxforOpenZFS"), icon_name("AWSIoTEvents")
    ('Amazon EC2 Auto Scaling', 'Amazon FSx for OpenZFS', 'AWS IoT Events')
    >>> icon_name("PyTorchonAWS"), icon_name("AmazonApplicationRecoveryController"), icon_name("AWSCostandUsageReport")
    ('PyTorch on AWS', 'Amazon Application Recovery Controller', 'AWS Cost and Usage Report')
    """
    prefix = re.match(r"^(AWS|Amazon)(?=[A-Z0-9])", stem)
    rest = stem[prefix.end():] if prefix else stem
    kept = {}
    for i, word in enumerate(sorted(ICON_WORDS, key=len, reverse=True)):
        if word in rest:
            token = f"\x00{i}\x01"
            kept[token] = word
            rest = rest.replace(word, f" {token} ")
    rest = ICON_JOINER.sub(lambda m: f" {m[1] or m[2]} ", rest)
    rest = " ".join(ICON_SPLIT.sub(" ", part) if "\x00" not in part else part for part in rest.split())
    for token, word in kept.items():
        rest = rest.replace(token, word)
    return clean(f"{prefix[1]} {rest}" if prefix else rest)


# CamelCase words of AWS names that are one word ("IoT", not "Io T").
ICON_WORDS = ("IoT", "DevOps", "FSx", "OpenZFS", "NetApp", "OpenShift", "OpenSearch", "PyTorch", "TensorFlow",
              "MXNet", "FreeRTOS", "AgentCore", "SageMaker", "DynamoDB", "DocumentDB", "MemoryDB", "GameLift",
              "FinSpace", "WorkSpaces", "WorkDocs", "WorkMail", "HealthScribe", "ExpressLink", "SimSpace",
              "DeepRacer", "ParallelCluster", "XMesh", "Command", "AMIs", "APIs", "SDKs")


def simple_icons_records(path: Path) -> tuple[list[Record], str]:
    """One record per simple-icons brand (see :func:`brand_records`); plus the package version."""
    records = brand_records(json.loads(path.read_text(encoding="utf-8")))
    readme = path.with_name("README.md")
    m = re.search(r"`simple-icons` ([0-9.]+)", readme.read_text(encoding="utf-8")) if readme.exists() else None
    return records, m[1] if m else ""


def brand_records(brands: list[dict], source: str = "simpleicons") -> list[Record]:
    """One record per simple-icons brand (names: title, ``aka``, ``dup`` titles and the Japanese and
    English ``loc`` names; kind decided later by :func:`brand_kind`)."""
    records = []
    for brand in brands:
        aliases = brand.get("aliases") or {}
        names = [brand["title"], *aliases.get("aka", []), *[d["title"] for d in aliases.get("dup", [])]]
        names += [v for k, v in sorted((aliases.get("loc") or {}).items()) if k[:2] in ("ja", "en")]
        records.append(Record(f"{source}:{brand['slug']}", "tool", [clean(n) for n in names]))
    return records


def shell_builtins() -> frozenset[str]:
    """The builtins of bash as pygments' Bash lexer lists them ("printf", "echo", "source"): shell words
    that prose uses for the builtin or the C function as often as for a program."""
    from pygments.lexers.shell import BashLexer

    for rule in BashLexer.tokens["basic"]:
        m = re.match(r"\\b\((?P<words>[a-z|]+)\)", rule[0]) if isinstance(rule, tuple) and isinstance(rule[0], str) else None
        if m and "printf" in m.group("words").split("|"):
            return frozenset(m.group("words").split("|"))
    return frozenset()


def debian_records(path: Path, curated: dict[str, dict], commands: Path | None = None) -> tuple[list[Record], str]:
    """Tool records for the Debian program names (and, from ``commands``, the commands of those
    packages: source ``debian-cmd``) that cannot be words (see
    :func:`notegraph.catalog.debian.is_word_like`), minus names simple-icons excludes as formats;
    and the snapshot's release."""
    from spacy.lang.en.stop_words import STOP_WORDS

    names, release = snapshot_names(path)
    extra = snapshot_names(commands)[0] if commands is not None else []
    excluded = {k.split(":", 1)[1] for data in curated.values() for k in data.get("exclude") or []
                if k.startswith("simpleicons:")}
    common = COMMON_WORDS | BRAND_WORDS | shell_builtins()
    out = []
    for source, batch in (("debian", names), ("debian-cmd", extra)):
        for name in batch:
            if name.replace("-", "") in excluded or is_word_like(name, lambda w: not lexicon().unknown(w),
                                                                 frozenset(STOP_WORDS), common):
                continue
            out.append(Record(f"{source}:{name}", "tool", [name]))
    return out, release


def name_key(name: str) -> str:
    """Letters and digits only, case-folded: ``Amazon Data Firehose`` ~ ``AmazonDataFirehose``."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


def names_index(drafts: list["Draft"]) -> dict[str, "Draft"]:
    """Every draft by the :func:`name_key` of its label, aliases and their derived forms (and, for
    AWS services, without the Amazon/AWS prefix); the first draft to claim a key keeps it. A name the
    draft's curated entry drops claims nothing (pygments' Python lexer lists "bazel": the brand
    Bazel must not join Python only to lose the name)."""
    index: dict[str, Draft] = {}
    for draft in sorted(drafts, key=lambda d: (d.priority, d.id)):
        for name in [draft.label] + [n for n, _ in draft.names if not collision_keys(n) & draft.drop_aliases]:
            for form in name_forms(name, draft.kind, spacing=True):
                index.setdefault(name_key(form), draft)
                if draft.kind == "aws_service":
                    index.setdefault(name_key(AWS_PREFIX.sub("", form)), draft)
    return index


def icon_drafts(records: list[Record], drafts: list["Draft"]) -> list["Draft"]:
    """AWS icon records join the AWS service of the same name (with or without the Amazon/AWS
    prefix); the others become new AWS services (:data:`Draft.strict`: common-word names guarded)."""
    index = {k: d for k, d in names_index(drafts).items() if d.kind == "aws_service"}
    new = []
    for record in records:
        name = record.names[0]
        owner = index.get(name_key(name)) or index.get(name_key(AWS_PREFIX.sub("", name)))
        if owner is not None:
            absorb(owner, record)
            continue
        draft = record_draft(record)
        draft.strict = True
        index.setdefault(name_key(name), draft)
        new.append(draft)
    return new


# Title words of organisations, not products (company by rule).
CORPORATE = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|AG|N\.V|S\.A|Group|Holdings|Airlines?|Airways|Bank|Banco|"
    r"Insurance|Motors?|Automobiles|Railways?|Railroad|Semiconductor|Foundation|Institute|University|Society|"
    r"Association|Gesellschaft)\b"
    r"|\b(?:Company|Air|Metro|Subway|Rail|Hotels?|Resorts|Technologies|Technology|Electronics|Systems|"
    r"Interactive|Entertainment|Studios|Games|Labs?|Media)\.?$")


def brand_kind(title: str, companies: set[str]) -> str:
    """Tool or company for a simple-icons brand that no other source names (see module docstring).

    >>> brand_kind("Bitwarden", set()), brand_kind("Japan Airlines", set()), brand_kind("Kodak", {"Kodak"})
    ('tool', 'company', 'company')
    >>> brand_kind("Google Analytics", set()), brand_kind("Bambu Lab", set()), brand_kind("Deutsche Bank", set())
    ('tool', 'company', 'company')
    """
    return "company" if title in companies or CORPORATE.search(title) else "tool"


def brand_drafts(records: list[Record], drafts: list["Draft"], curated: dict[str, dict]) -> tuple[list["Draft"], list[str]]:
    """Merge simple-icons brands into the catalog (see module docstring): a brand named like an
    existing entity joins it (unless that entity is an AWS service and the brand is not an
    Amazon/AWS one: "ACM", "AMP", "Proton" are other things), giving its other names as aliases; a
    new brand becomes a tool or a company (:func:`brand_kind`); names of two characters or less,
    and aliases that are common words, are left out; a new brand named by one common word is left
    out unless a curated file keeps it (``keep:``), then guarded; so is one of three letters or less
    not written in capitals ("Org", "Fig": matched case-blind, they are abbreviations and words)."""
    settings = {k: set(v or []) for data in curated.values() for k, v in data.items() if k in ("companies", "keep")}
    companies, keep = settings.get("companies", set()), settings.get("keep", set())
    index = names_index(drafts)
    new, report = [], []
    for record in records:
        names = [n for n in record.names if len(re.sub(r"\W", "", n)) > 2 and not n.startswith((".", "/"))
                 and re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]", n)  # ".ENV" is a file name
                 and not re.fullmatch(r"[\u30a0-\u30ff]+", n)]  # katakana spellings: ライン, ネイバー (neighbour)
        slug = record.key.split(":", 1)[1]
        if not names:
            report.append(f"dropped {record.key}: no name of three letters or more (or a file name)")
            continue
        owner = next((index[name_key(n)] for n in names if name_key(n) in index), None)
        edition = EDITION.match(names[0])
        if owner is None and edition and name_key(edition["base"]) in index:
            owner = index[name_key(edition["base"])]  # "Windows 10", "CKEditor 4": an edition of a known product
        is_aws_brand = bool(re.match(r"(?:Amazon|AWS)\b", names[0]))
        if owner is not None:
            if owner.kind == "aws_service" and not is_aws_brand:
                report.append(f"dropped {record.key}: {names[0]!r} is the AWS service {owner.id}")
                continue
            owner.keys.append(record.key)
            for name in names:
                if not is_common_name(name):
                    owner.add(name, PRIORITY["simpleicons"])
            continue
        if is_aws_brand:
            report.append(f"dropped {record.key}: {names[0]!r} is an Amazon product that no AWS source lists")
            continue
        short_word = len(names[0]) <= 3 and not names[0].isupper()  # "Org", "Fig": case-blind, not an acronym
        if (short_word or is_common_name(names[0]) and not re.search(r"[\s\-]", names[0])) and names[0] not in keep:
            report.append(f"dropped {record.key}: its name {names[0]!r} is a common word")
            continue
        one_word = record.source == RETIRED and re.fullmatch(r"[A-Z]?[a-z]+", names[0])
        if one_word and dictionary_word(names[0]) and names[0] not in keep:
            report.append(f"dropped {record.key}: a retired brand named by a word Sudachi knows ({names[0]!r})")
            continue
        label, aliases = names[0], [n for n in names[1:] if not is_common_name(n)]
        kind = brand_kind(label, companies)
        record = Record(record.key, kind, [label, *aliases])
        draft = record_draft(record)
        draft.strict = True
        if one_word and lexicon().unknown(label):  # a retired brand's one word no dictionary has ("Highly",
            draft.guarded.add(label)  # "Uploaded"): exact case and context; one it knows as a brand is a name
        for name in [label, *aliases]:
            index.setdefault(name_key(name), draft)
        new.append(draft)
    return new, report


# --------------------------------------------------------------------------- curated


def read_curated(directory: Path = CURATED_DIR) -> dict[str, dict]:
    """All curated YAML files by file name (each: kind, entities, exclude, drop_aliases...)."""
    out = {}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping")
        out[path.name] = data
    return out


# --------------------------------------------------------------------------- assembly


def build_drafts(records: list[Record], curated: dict[str, dict]) -> tuple[list[Draft], list[str]]:
    """Merge records into drafts: curated entries first (absorbing ``from:``), then the rest (AWS
    icons and simple-icons brands last, joining what the other sources already name); returns the
    drafts and a report of the brands left out."""
    by_key = {r.key: r for r in records}
    owners: dict[str, Draft] = {}
    excluded: set[str] = set()
    drafts = []
    for file_name, data in curated.items():
        for entry in curated_entries(data):
            draft = curated_draft(file_name, data, entry, by_key)
            owners.update({key: draft for key in draft.keys})
            drafts.append(draft)
        excluded.update(data.get("exclude") or [])
    rest = [r for r in records if r.key not in owners and r.key not in excluded]
    drafts += botocore_drafts([r for r in rest if r.source == "botocore"], owners, by_key)
    drafts += [record_draft(r) for r in rest if r.source not in ("botocore", "awsicons", "simpleicons", RETIRED, "debian",
                                                                    "debian-cmd")]
    for draft in drafts:  # an entity's source is the source that made it, not the icons joining it
        draft.source = source_string(draft.keys) or draft.source
    icons = icon_drafts([r for r in rest if r.source == "awsicons"], drafts)
    drafts += icons
    brands, report = brand_drafts([r for r in rest if r.source in ("simpleicons", RETIRED)], drafts, curated)
    drafts += brands
    for draft in icons + brands:
        draft.source = source_string(draft.keys) or draft.source
    drafts += debian_drafts([r for r in rest if r.source in ("debian", "debian-cmd")], drafts)
    return drafts, report


def debian_drafts(records: list[Record], drafts: list[Draft]) -> list[Draft]:
    """Drafts for the Debian program names no other source names in any form (``cmake`` is
    simple-icons' CMake already: the brand keeps its label and its unguarded matching)."""
    index = names_index(drafts)
    return [record_draft(r) for r in records if name_key(r.names[0]) not in index]


def drop_program_names(drafts: list[Draft], programs: set[str]) -> None:
    """An AWS service's short name that Debian ships as another program ("NetworkManager", "ACK",
    "PCS" from botocore) names that program in notes: the service keeps only its names that say AWS
    or Amazon in that form. A name a curated entry wrote or guards stays (someone chose it)."""
    for d in drafts:
        if d.kind == "aws_service":
            d.names = [(n, p) for n, p in d.names if p == PRIORITY["curated"] or n in d.guarded or name_key(n) not in programs
                       or re.search(r"aws|amazon", n, re.I)]


def curated_entries(data: dict) -> list[dict]:
    """A curated file's entries: ``entities`` plus ``categories`` (category -> entries)."""
    entries = list(data.get("entities") or [])
    for category, items in (data.get("categories") or {}).items():
        entries += [{"category": category, **item} for item in items or []]
    return entries


def curated_draft(file_name: str, data: dict, entry: dict, by_key: dict[str, Record]) -> Draft:
    """A draft for one curated entry, absorbing the names of the records it lists in ``from``."""
    kind = entry.get("kind") or data.get("kind")
    if kind not in ENTITY_KINDS or not entry.get("label"):
        raise ValueError(f"{file_name}: entry needs a label and a kind among {ENTITY_KINDS}: {entry!r}")
    label = clean(entry["label"])
    missing = [k for k in entry.get("from") or [] if k not in by_key]
    if missing:
        raise ValueError(f"{file_name}: {label}: unknown source records {missing}")
    draft = Draft(
        id=entry.get("id") or entity_id(kind, label), kind=kind, label=label, source=f"curated:{file_name}",
        priority=PRIORITY["curated"], category=entry.get("category") or data.get("category"),
    )
    for alias in entry.get("aliases") or []:
        draft.add(alias, PRIORITY["curated"])
    for key in entry.get("from") or []:
        absorb(draft, by_key[key])
    draft.guarded = {clean(g) for g in entry.get("guarded") or []}
    draft.drop_aliases = {k for a in entry.get("drop_aliases") or [] for k in collision_keys(a)}
    return draft


def absorb(draft: Draft, record: Record) -> None:
    """Make a record's names aliases of ``draft`` (with the record's source priority)."""
    draft.keys.append(record.key)
    draft.category = draft.category or record.category
    for name in record.names:
        draft.add(name, PRIORITY[record.source])


def source_string(keys: list[str]) -> str:
    """``botocore:elb+elbv2`` for the records an entity came from (empty if none)."""
    if not keys:
        return ""
    source = keys[0].split(":", 1)[0]
    return f"{source}:" + "+".join(k.split(":", 1)[1] for k in keys if k.startswith(source + ":"))


def botocore_drafts(records: list[Record], owners: dict[str, Draft], by_key: dict[str, Record]) -> list[Draft]:
    """Drafts for unclaimed botocore APIs; a companion joins its product's draft, curated or not."""
    services = {k.split(":", 1)[1] for k in by_key if k.startswith("botocore:")}
    claimed = {k.split(":", 1)[1] for k in owners if k.startswith("botocore:")}
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        groups[botocore_product(record.key.split(":", 1)[1], services, claimed)].append(record)
    drafts = []
    for parent, members in sorted(groups.items()):
        members.sort(key=lambda r: (r.key != f"botocore:{parent}", r.key))
        owner = owners.get(f"botocore:{parent}")
        if owner is None:
            owner = record_draft(members.pop(0))
            drafts.append(owner)
        for member in members:
            absorb(owner, member)
    return drafts


def record_draft(record: Record) -> Draft:
    """A draft for one unclaimed record (label: its first name)."""
    label = record.names[0] if record.names else org_label(record.key.split(":", 1)[1])
    priority = PRIORITY[record.source]
    draft = Draft(entity_id(record.kind, label), record.kind, clean(label), record.key, priority, record.category)
    draft.keys.append(record.key)
    for name in record.names[1:]:
        draft.add(name, priority)
    if record.source in ("debian", "debian-cmd"):
        draft.prose_only = True  # any case ("ClamAVを導入"; a command in lower case only), only in Japanese prose
    return draft


def merge_same_ids(drafts: list[Draft]) -> tuple[list[Draft], list[str]]:
    """Merge drafts that got the same id into the highest-priority one; report the merges."""
    by_id: dict[str, Draft] = {}
    report = []
    for draft in sorted(drafts, key=lambda d: (d.priority, d.id, d.source)):
        kept = by_id.get(draft.id)
        if kept is None:
            by_id[draft.id] = draft
            continue
        if kept.priority == draft.priority == PRIORITY["curated"]:
            raise ValueError(f"two curated entries have the id {draft.id}")
        kept.add(draft.label, draft.priority)
        kept.names += draft.names
        report.append(f"merged {draft.source} into {kept.id}")
    return list(by_id.values()), report


def expand_names(draft: Draft, stop_keys: set[str]) -> None:
    """Add the written forms of every name (a derived form ranks just below the name it comes
    from); drop stop-words and the entry's ``drop_aliases``."""
    expanded: list[tuple[str, float]] = []
    for name, priority in [(draft.label, draft.priority)] + draft.names:
        forms = name_forms(name, draft.kind, spacing=name == draft.label and draft.kind != "company")
        expanded += [(form, priority + (DERIVED if form != name else 0)) for form in forms]
    draft.names = [(n, p) for n, p in expanded if not collision_keys(n) & (stop_keys | draft.drop_aliases)]


def collision_keys(name: str) -> set[str]:
    """Keys under which a name matches: normalised, and without spaces (as the matcher also does)."""
    key = normalize(name)
    return {key, key.replace(" ", "")}


def resolve_collisions(drafts: list[Draft], stop_keys: set[str]) -> tuple[list[Draft], list[str]]:
    """Give each name to one entity (see module docstring); returns kept drafts and a report."""
    claims = []
    dropped: set[str] = set()
    report = []
    for draft in drafts:
        if normalize(draft.label) in stop_keys:
            dropped.add(draft.id)
            report.append(f"dropped {draft.id} ({draft.source}): label {draft.label!r} is a stop-word")
        claims.append((draft.priority, 0, draft.id, 0, draft.label, draft))
        claims += [(p, 1, draft.id, i, n, draft) for i, (n, p) in enumerate(draft.names)]
    owner: dict[str, Draft] = {}
    kept_names: dict[str, list[str]] = defaultdict(list)
    for priority, is_alias, _id, _index, name, draft in sorted(claims, key=lambda c: c[:4]):
        if draft.id in dropped:
            continue
        keys = collision_keys(name)
        rivals = {owner[k].id: owner[k] for k in keys if k in owner and owner[k].id != draft.id}
        if not rivals:
            for k in keys:
                owner.setdefault(k, draft)
            if is_alias:
                kept_names[draft.id].append(name)
            continue
        rival = next(iter(rivals.values()))
        if priority == PRIORITY["curated"] and is_written_by_curated(rival, name):
            raise ValueError(f"curated name {name!r} given to both {rival.id} and {draft.id}")
        if not is_alias:
            dropped.add(draft.id)
            report.append(f"dropped {draft.id} ({draft.source}): label {name!r} belongs to {rival.id}")
        else:
            report.append(f"alias {name!r} of {draft.id} ({draft.source}) dropped: belongs to {rival.id}")
    kept = []
    for draft in drafts:
        if draft.id in dropped:
            continue
        draft.names = [(n, 0) for n in kept_names[draft.id]]
        kept.append(draft)
    return kept, report


def is_written_by_curated(draft: Draft, name: str) -> bool:
    """Whether a curated file gave ``draft`` this exact name (label or curated alias)."""
    key = normalize(name)
    return normalize(draft.label) == key or any(normalize(n) == key and p == 0 for n, p in draft.names)


def finish(draft: Draft) -> dict:
    """The JSON record of a resolved draft: aliases de-duplicated and sorted, guarded names."""
    seen = {normalize(draft.label)}
    aliases = []
    for name, _ in draft.names:
        key = normalize(name)
        if key not in seen:
            seen.add(key)
            aliases.append(name)
    aliases.sort(key=lambda a: (a.casefold(), a))
    names = [draft.label] + aliases
    unknown = draft.guarded - set(names)
    if unknown:
        raise ValueError(f"{draft.id}: guarded names {sorted(unknown)} are not among its names")
    common = is_common_name if draft.strict else is_ambiguous
    guarded = sorted({n for n in names if common(n) or (draft.kind == "aws_service" and common_acronym(n))}
                     | draft.guarded, key=lambda a: (a.casefold(), a))
    out = {
        "id": draft.id, "kind": draft.kind, "label": draft.label, "aliases": aliases, "guarded": guarded,
        "source": draft.source, "category": draft.category,
    }
    if draft.prose_only:
        out["prose_only"] = True
    return out


def drop_ambiguous_list_names(drafts: list[Draft]) -> tuple[list[Draft], list[str]]:
    """Uncurated pygments/CNCF entities: drop those named by one common word (the languages Red
    and Factor, the CNCF items Middleware and Bucket) and their common-word aliases (``basic``)."""
    kept, report = [], []
    for draft in drafts:
        if draft.priority <= PRIORITY["awsicons"] or draft.source.startswith("simpleicons:"):
            kept.append(draft)  # brand_drafts applied the stricter rule to simple-icons already
        elif is_ambiguous(draft.label) and not re.search(r"[\s\-]", draft.label):
            report.append(f"dropped {draft.id} ({draft.source}): its name {draft.label!r} is a common word")
        else:
            draft.names = [(n, p) for n, p in draft.names if not is_ambiguous(n)]
            kept.append(draft)
    return kept, report


# --------------------------------------------------------------------------- catalog


def build_catalog(
    cncf_path: Path = DEFAULT_CNCF, date: str | None = None, curated_dir: Path = CURATED_DIR,
    icons_path: Path = DEFAULT_ICONS, aws_icons_path: Path = DEFAULT_AWS_ICONS,
    debian_path: Path = DEBIAN_SNAPSHOT, commands_path: Path | None = DEBIAN_COMMANDS,
    retired_path: Path | None = simpleicons.SNAPSHOT,
) -> tuple[dict, list[str]]:
    """Build the catalog dict from all sources; returns it and the merge/collision report."""
    curated = read_curated(curated_dir)
    boto, boto_version = botocore_records()
    languages, pygments_version = pygments_records()
    tools, orgs = cncf_records(cncf_path)
    icon_fixes = {k: v for data in curated.values() for k, v in (data.get("icon_names") or {}).items()}
    aws_icons = aws_icon_records(aws_icons_path, icon_fixes)
    brands, icons_version = simple_icons_records(icons_path)
    retired, retired_releases = simpleicons.read_snapshot(retired_path) if retired_path else ([], "")
    brands += brand_records(retired, RETIRED)  # brands earlier releases listed (Internet Explorer, Microsoft Excel)
    programs, debian_release = debian_records(debian_path, curated, commands_path)
    stopwords = sorted({clean(w) for data in curated.values() for w in data.get("stopwords") or []}, key=str.casefold)
    stop_keys = {k for s in stopwords for k in collision_keys(s)}
    drafts, left_out = build_drafts(boto + aws_icons + languages + tools + orgs + brands + programs, curated)
    drafts, merged = merge_same_ids(drafts)
    drafts, dropped_common = drop_ambiguous_list_names(drafts)
    for draft in drafts:
        expand_names(draft, stop_keys)
    drop_program_names(drafts, {name_key(n) for n in snapshot_names(debian_path)[0]})
    drafts, collisions = resolve_collisions(drafts, stop_keys)
    entities = sorted((finish(d) for d in drafts), key=lambda e: e["id"])
    catalog = {
        "format": FORMAT,
        "generated": date or datetime.date.today().isoformat(),
        "provenance": [
            {"source": "botocore", "version": boto_version},
            {"source": "cncf-landscape.yml", **cncf_provenance(cncf_path)},
            {"source": "pygments", "version": pygments_version},
            {"source": "aws-icons-names.txt", "version": aws_icons_version(aws_icons_path), "folder": ICON_FOLDER},
            {"source": "simple-icons.json", "version": icons_version},
            *([{"source": retired_path.name, "releases": retired_releases}] if retired else []),
            {"source": "debian-programs.txt", "release": debian_release},
            *([{"source": commands_path.name, "release": snapshot_names(commands_path)[1]}] if commands_path else []),
            {"source": "curated", "files": sorted(curated)},
        ],
        "entities": entities,
        "stopwords": stopwords,
    }
    return catalog, merged + left_out + dropped_common + collisions


def cncf_provenance(path: Path) -> dict:
    """Commit and date of the landscape snapshot, read from the README beside it."""
    readme = path.with_name("README.md")
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    m = re.search(r"commit ([0-9a-f]{7,40}) \((\d{4}-\d{2}-\d{2})\)", text)
    return {"commit": m[1], "date": m[2]} if m else {"commit": None, "date": None}


def aws_icons_version(path: Path) -> str:
    """The ``aws-icons`` package version, read from the README beside the names file."""
    readme = path.with_name("README.md")
    m = re.search(r"`aws-icons` ([0-9.]+)", readme.read_text(encoding="utf-8")) if readme.exists() else None
    return m[1] if m else ""


def render(catalog: dict) -> str:
    """The catalog as deterministic JSON text."""
    return json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"


def write_catalog(catalog: dict, out: Path) -> None:
    """Write the catalog JSON to ``out`` (UTF-8, LF)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(catalog), encoding="utf-8", newline="\n")


def summary(catalog: dict, report: list[str], verbose: bool = False) -> str:
    """Entities per kind and per source, and what the collision rules dropped."""
    entities = catalog["entities"]
    kinds = Counter(e["kind"] for e in entities)
    sources = Counter(e["source"].split(":", 1)[0] for e in entities)
    lines = [f"{len(entities)} entities, {len(catalog['stopwords'])} stop-words"]
    lines += [f"  kind {k}: {n}" for k, n in sorted(kinds.items())]
    lines += [f"  source {s}: {n}" for s, n in sorted(sources.items())]
    lines.append(f"  guarded names: {sum(len(e['guarded']) for e in entities)}")
    kinds_of_report = Counter(line.split(" ", 1)[0] for line in report)
    lines.append("merges and collisions: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds_of_report.items())))
    lines += ["  " + line for line in (report if verbose else report[:40])]
    if not verbose and len(report) > 40:
        lines.append(f"  ... {len(report) - 40} more (--verbose shows all)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the catalog and print a summary."""
    parser = argparse.ArgumentParser(prog="python -m notegraph.catalog.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write catalog.json")
    parser.add_argument("--cncf", type=Path, default=DEFAULT_CNCF, help="path of cncf-landscape.yml")
    parser.add_argument("--icons", type=Path, default=DEFAULT_ICONS, help="path of simple-icons.json")
    parser.add_argument("--aws-icons", type=Path, default=DEFAULT_AWS_ICONS, help="path of aws-icons-names.txt")
    parser.add_argument("--debian", type=Path, default=DEBIAN_SNAPSHOT,
                        help="Debian program names (written by python -m notegraph.catalog.debian)")
    parser.add_argument("--debian-commands", type=Path, default=DEBIAN_COMMANDS,
                        help="the commands of those packages (python -m notegraph.catalog.debian --contents)")
    parser.add_argument("--date", help="the 'generated' date (default: today); pass it to reproduce a file")
    parser.add_argument("--verbose", action="store_true", help="list every dropped name")
    args = parser.parse_args(argv)
    catalog, report = build_catalog(args.cncf, args.date, icons_path=args.icons, aws_icons_path=args.aws_icons,
                                    debian_path=args.debian, commands_path=args.debian_commands)
    write_catalog(catalog, args.out)
    print(summary(catalog, report, args.verbose))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
