"""Typed relations between entities, from Japanese (and English) sentences.

Only *candidate* sentences are parsed with GiNZA's full pipeline (dependency parser): sentences
with two or more mentions and a trigger word (移行, 採用, 使えない, on, …), or one mention and an
adoption trigger. The roles come from the case particle after each mention (から = source, に/へ =
target, を = object, は/が = topic, で = place/means); the parse confirms that the trigger word
governs the mention (it is an ancestor in the dependency tree), which raises the confidence.

Relations (source → target): ``migrated_to``, ``replaced_by``, ``adopted`` (talk/note → entity),
``runs_on``, ``not_supported_on``. A migration source that is not in the catalog ("mBaaSから…")
becomes a ``concept`` node, a target ("zplugをzinitに移行") a proposed tool. Every relation keeps its
line, sentence, rule and confidence.

Beyond single sentences: a company's talk heading naming a product with a word of use
(:func:`heading_adoptions`), and its "LABEL: X, Y" stack lines (:func:`stack_adoptions`), are that
company's adoptions; a passive one ("Xが利用されている") is never the note author's (:func:`by_someone`).
The products a how-to note's title says the author worked with are the note's (:func:`title_adoptions`).
A "〜したら" in a clause that ends in the past tells when, not on what condition (:func:`temporal_tara`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog.words import COMMON_WORDS
from ..structure import Structure
from ..talks import row_cells
from .matcher import Match
from .mentions import Piece, sentence_matches
from .text import sentence_spans
from .tools import PROPOSED_TOOL_PREFIX


__all__ = ["Relation", "Candidate", "candidates_of", "relations_of", "heading_adoptions", "stack_adoptions",
           "env_adoptions", "title_adoptions", "by_someone", "CONTEXT", "RELATIONS"]

CONTEXT = "@context"  # source placeholder: the talk (or note) the sentence belongs to
RELATIONS = ("migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on")

MIGRATE = re.compile(r"移行|移し|移す|移っ|乗り換え|載せ替え|移管|切り替え|切替|変え|変更|書き直|作り直|し直|"
                     r"migrat|moved?\b|switch", re.I)
REPLACE = re.compile(r"置き換え|置換|リプレー?イ?ス|replace", re.I)
ADOPT = re.compile(r"採用|導入|選定|使い始め|利用|使用|活用|使って|使っ|使われ|用い|選ん|選択|構築|作っ|作成|開発|運用|"
                   r"バージョンを\s*(?:上げ|あげ)|アップデート|アップグレード|バージョンアップ|"
                   r"adopt|introduc|\buse[sd]?\b|built (?:on|with)|powered by", re.I)
# What follows a mention when the text says someone uses it ("Xを採用した", "Xで構築している"): the
# particle, then the cue, each with the word recorded on the edge (``cue``).
UPGRADED = "バージョンアップ"  # the cue of "Xのバージョンを上げた" / "Xをアップデートした"
MEMO = "（体言止め）"  # the cue's mark for a clause ending on the noun: a talk's report, or a how-to's step
_MEANS = r"で(?![のはもすき])\s*[^\s。．!！\n、,を]{1,12}を\s*[^\s。．!！\n、,]{0,6}?して(?:い|る|ま)"  # "Xでログを転送してい…"
_FACT_END = r"[^。．!！\n]*(?:た|ている|ています|とのこと|そう|らしい)(?:です|だ|でした)?\s*(?:[。．!！]|$)"
ADOPT_CUES = [
    (re.compile(r"^(?:を|は|も|が)\s*(?:採用|導入|選定)"), "{0}"),
    (re.compile(r"^(?:を|は|も)\s*(?:利用|使用|活用)\s*(?:し(?:てい|てお|た|ました|て(?:い|お)ます)|中|されて)"), "{0}"),
    (re.compile(r"^(?:を|は|も)\s*(?:使って(?:い|お|る)|使ってた|使っています|使い始め|用いて(?:い|お)|用いた)"), "使っている"),
    (re.compile(r"^(?:を|は|も)\s*(?:[^\s、。．,を]{1,4}?で|主に|メインに)?\s*(?:利用|使用|活用)(?=\s*(?:[、。．,!！]|$))"), "{0}" + MEMO),
    # memo style, the clause ending on the noun: "Apache Mesos と k8s を別々で利用、" (kept in talks only)
    (re.compile(r"^を\s*(?:選んだ|選びました|選定した|選択した|選択しました)"), "選んだ"),
    (re.compile(r"^(?:の\s*バージョンを\s*(?:上げ|あげ)|を\s*(?:アップデート|アップグレード|バージョンアップ)し)"
                r"(?:た|ました|て)"), UPGRADED),  # one upgrades what one runs: "Kubernetes のバージョンを上げて"
    (re.compile(r"^を\s*(?:使って|用いて|利用して|使用して|活用して)(?=[^。．!！\n]{0,40}?(?:た|ました|ている|ています|てます|てる|ており|ていて)"
                r"(?:[。．!！\s、,]|$|よ|ね|けど|が、|ので|から|らしい|そう|とのこと))"), "使って…した"),
    (re.compile(r"^で\s*(?:構築|作った|作りました|作って(?:い|お)|作成|開発|運用|実装)(?:し|さ|中|して|しています|した|されて|$)"), "で{0}"),
    (re.compile(r"^" + _MEANS + r"(?:る|た|ます|す)?(?=[。．!！、,]|\s*$|のだが|けど|ので|が、)"), "で…している"),
    # the means of what someone does: "Fluentdでコンテナログを転送している"
    (re.compile(r"^(?:が|は)\s*(?:採用|導入|利用|使用|活用)され"), "{0}され"),
    (re.compile(r"^(?:が|は|も)\s*使われて?(?:い|お)"), "使われている"),
    (re.compile(r"^を\s*(?:使われて(?:い|お)|使われた)(?![^。．!！\n、]{0,6}の)"), "使っている"),  # honorific: "Atlantisを使われているらしい"
    (re.compile(r"^を\s*(?:使い|利用し|使用し|活用し|採用し|導入し)\s*[、,](?=" + _FACT_END + ")"), "{0}"),
    # "Xを使い、…している(そうです)": the first clause of a sentence that ends stating a fact
    (re.compile(r"^を\s*(?:使った|使いました|使ってみた|使ってみました|入れた|入れました|入れてみた|インストールした|"
                r"インストールしました)(?=[。．!！、,]|\s*$|けど|ので|ところ|が、)"),
     "使った"),  # a clause that ends there: "homebrewを使った。", not "k8s等を使ったオーケストレーション"
]
PASSIVE_CUES = re.compile(r"され$|使われている")  # "Xが利用されている": someone's use, not the author's


def by_someone(r: "Relation") -> bool:
    """An adoption stated in the passive ("Kafkaが利用されている"): its user is the talk's company, or a
    company the sentence names -- never the note's author, who is only reporting it."""
    return r.relation == "adopted" and bool(PASSIVE_CUES.search(r.cue))

NOT_FACT = re.compile(r"たい|予定|検討|つもり|ない|ません|なかった|ず(?:に|、|。|$)|[?？]|かな(?:[。、!！\s]|$)|なら|れば|たら(?!しい)|とすると|"
                      r"とすれば|場合|ましょう|しよう|"
                      r"べき|できます|できる|可能|でしょう|かも|もし(?!くは)|必要")  # (もしくは: "or")
NOT_SUPPORTED = re.compile(r"使えない|使用できない|利用できない|未対応|非対応|サポートされていない|対応していない|動かない|"
                           r"動作しない|動作しません|動きません|使えなかった|動かなかった|動作しなかった|使えませんでした|"
                           r"動きませんでした|"  # (what the author found: "lsyncdが手元のmacOSで動かなかった")
                           r"not supported|unsupported|does(?: not|n't) support", re.I)
RUN = re.compile(r"動か|動く|動い|稼働|ホスト|上で|上の|\bon\b|runs? on", re.I)
QUIT = re.compile(r"やめ|止め|廃止")
PAST_STATE = re.compile(r"もともと|元々|元は|従来|以前は|旧|previously|used to", re.I)
ARROW = re.compile(r"^\s*(→|->|=>|⇒|➡)\s*$")
ARROWS = re.compile(r"→|->|=>|⇒|➡")
MEANS = re.compile(_MEANS)  # "Xでログを転送している": a sentence that may name the means of what is done
_INSTALL = re.compile(r"インストール|デプロイ|構築|導入|載せ|乗せ|のせ|入れ")  # what puts a thing on a platform
TRIGGERS = re.compile("|".join(p.pattern for p in (MIGRATE, REPLACE, ADOPT, NOT_SUPPORTED, RUN, QUIT, MEANS, _INSTALL)),
                      re.I)
_PARTICLE = re.compile(r"^\s*(からの|から|への|へ|にて|には|に|では|だと|で|を|は|が|上の|上で|上|の)")
_NOUN_TAIL = re.compile(r"^[\u30a0-\u30ff\u4e00-\u9fff]{1,6}(?=から|へ|に)")  # "k8sクラスタから", "EKS環境へ"
WAS_RUNNING = re.compile(r"^\S{0,8}?で(?:動いて|運用して|稼働して|動かして)")


@dataclass(frozen=True)
class Relation:
    """A typed relation found in one sentence (``source`` may be :data:`CONTEXT` or ``concept:…``)."""

    relation: str
    source: str
    target: str
    line: int
    section: int | None
    sentence: str
    rule: str
    confidence: float
    cue: str = ""  # the words that state it ("導入", "で構築", "使っている"), for users who filter


@dataclass
class Candidate:
    """A sentence worth parsing, with its mentions (offsets relative to the sentence)."""

    text: str
    line: int
    section: int | None
    mentions: list[Match]
    parse: bool = True  # whether the parse can change the result (see :func:`needs_parse`)
    heading: bool = False  # a heading or the note's title: a noun phrase that names its subject
    in_talk: bool = False  # inside a talk: a clause ending on the noun reports it (see :data:`MEMO`)


def candidates_of(pieces: list[Piece], confirmed: set[str]) -> list[Candidate]:
    """Sentences of a note that may carry a relation: mentions plus a trigger word. The mentions are
    the note's own hits (``confirmed``: entities the note confirms), not a second matcher pass."""
    out = []
    for p in pieces:
        if p.origin not in ("text", "title") or not p.hits:  # a title states the note's subject ("XをYに移行する")
            continue
        for start, end in sentence_spans(p.text):
            sent = p.text[start:end]
            if not TRIGGERS.search(sent) and "→" not in sent and "->" not in sent:
                continue
            text, found = sentence_matches(p, start, end, confirmed)  # offsets refer to the evidence text
            if len(found) >= 2 or (found and (ADOPT.search(text) or MEANS.search(text) or NOT_SUPPORTED.search(text) or MIGRATE.search(text))):
                out.append(Candidate(text, p.line, p.section, found, needs_parse(text, found), p.origin == "title"))
    return out


PARSE_TRIGGERS = re.compile("|".join(p.pattern for p in (MIGRATE, REPLACE, NOT_SUPPORTED, RUN, QUIT)) + r"|採用|導入|選定", re.I)


def needs_parse(text: str, found: list) -> bool:
    """Whether GiNZA's parse can change what a candidate yields: two or more mentions with a move,
    replacement, platform or adoption word, where the dependency tree says which mention the word
    governs. A lone mention with a cue ("Xを使っている") is read from its particle alone, so the
    common verbs of use do not send every other sentence through the slow parser."""
    return len(found) >= 2 and bool(PARSE_TRIGGERS.search(text))


def particle(text: str, m: Match) -> str:
    """The case particle right after a mention, or after a short noun tail ("k8sクラスタから"); '' if none."""
    after = text[m.end:]
    tail = _NOUN_TAIL.match(after)
    if tail:
        after = after[tail.end():]
    p = _PARTICLE.match(after)
    return p.group(1) if p else ""


def governed(doc, m: Match, trigger: re.Pattern) -> bool:
    """True when a trigger token is an ancestor of the mention's root in the dependency parse."""
    if doc is None:
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    return any(trigger.search(t.text) for t in span.root.ancestors)


def phrase_head(text: str, ms: list[Match], m: Match) -> Match:
    """For "EKS on Fargateに移行", the phrase's head (EKS) rather than its last mention (Fargate)."""
    i = ms.index(m)
    while i > 0 and re.fullmatch(r"\s+on\s+", text[ms[i - 1].end:ms[i].start]):
        i -= 1
    return ms[i]


def concept_before(text: str, marker: str) -> str | None:
    """A non-catalog name right before ``marker`` (e.g. 'mBaaS' in 'mBaaSからEKSに移行'; not '8.x')."""
    m = re.search(r"(?<![\w.])([A-Za-z][\w.+#-]*(?: [A-Z][\w.+#-]*)*)\s*" + marker, text)
    return m.group(1) if m and len(m.group(1)) >= 2 else None


def arrow_is_migration(text: str, a: Match, b: Match) -> bool:
    """"EC2 → ECS" alone, or with a migration word, is a move; "A→B→C" or "通知は SNS → Slack" is a flow."""
    if len(ARROWS.findall(text)) != 1:
        return False
    rest = text[:a.start] + text[b.end:]
    return bool(MIGRATE.search(rest)) or len(rest.strip(" :：-・()（）")) <= 4


def same_clause(text: str, a: Match, b: Match) -> bool:
    """No clause break (、 , ; 。) between two mentions."""
    lo, hi = sorted((a.end, b.start))
    return not re.search(r"[、,;；。]", text[lo:hi])


@dataclass
class Sentence:
    """A candidate sentence being read: its mentions, the particle after each, its parse."""

    c: Candidate
    doc: object = None
    heading_entities: tuple[str, ...] = ()
    companies: set = field(default_factory=set)  # entity ids of the companies in the sentence

    def __post_init__(self):
        self.ms = self.c.mentions
        self.text = self.c.text
        self.roles = [particle(self.text, m) for m in self.ms]

    def after(self, i: int) -> str:
        """The text after mention ``i``."""
        return self.text[self.ms[i].end:]

    def next_with(self, i: int, roles: tuple[str, ...], extra=lambda j: True) -> Match | None:
        """The first mention after ``i`` whose particle is one of ``roles`` (and passes ``extra``)."""
        return next((n for j, n in enumerate(self.ms) if j > i and self.roles[j] in roles and extra(j)), None)


Found = tuple  # relation, source, target, rule, confidence[, cue]


def rule_arrow(s: Sentence, i: int) -> list[Found]:
    """"X → Y" (alone, or with a migration word) → X migrated_to Y."""
    ms = s.ms
    if i + 1 < len(ms) and ARROW.match(s.text[ms[i].end:ms[i + 1].start]) and arrow_is_migration(s.text, ms[i], ms[i + 1]):
        return [("migrated_to", ms[i].entity_id, ms[i + 1].entity_id, "X → Y", 0.6)]
    return []


def rule_on(s: Sentence, i: int) -> list[Found]:
    """"EKS on Fargate" → EKS runs_on Fargate."""
    ms = s.ms
    if i + 1 < len(ms) and re.fullmatch(r"\s+on\s+", s.text[ms[i].end:ms[i + 1].start]):
        return [("runs_on", ms[i].entity_id, ms[i + 1].entity_id, "X on Y", 0.9)]
    return []


def targets(s: Sentence, i: int, target: Match) -> list[str]:
    """The entities a move from mention ``i`` goes to: the target phrase's head, and the names joined
    to it as one noun phrase ("HugoとNetlifyに移行": both), never the source itself."""
    joined = [n for n in joined_phrase(s, target) if s.ms.index(n) > i]
    heads = [phrase_head(s.text, s.ms, n).entity_id for n in joined]
    return [e for e in dict.fromkeys(heads) if e != s.ms[i].entity_id]


def rule_from_to(s: Sentence, i: int) -> list[Found]:
    """"XからYに移行" / "XからYへの移行" / "XからYへ。" → X migrated_to Y (and Z, for "YとZに")."""
    m = s.ms[i]
    if s.roles[i] not in ("から", "からの"):
        return []
    target = s.next_with(i, ("に", "へ", "への", "には"))
    if target is None:
        return []
    if MIGRATE.search(s.after(i)):
        conf = 0.9 if governed(s.doc, target, MIGRATE) else 0.6
        return [("migrated_to", m.entity_id, head, "XからYに移行", conf) for head in targets(s, i, target)]
    if re.match(r"^\S{0,6}?へ\s*[。.!！]?\s*$", s.text[target.end:target.end + 12]):
        return [("migrated_to", m.entity_id, head, "XからYへ。", 0.5) for head in targets(s, i, target)]
    return []


def rule_escape(s: Sentence, i: int) -> list[Found]:
    """"脱X … Yに移行" / "脱XしてYへ" → X migrated_to Y: what one escapes is the source of the move the
    sentence states."""
    m = s.ms[i]
    if not re.search(r"脱\s*$", s.text[max(0, m.start - 2):m.start]):
        return []
    target = s.next_with(i, ("に", "へ", "への"), lambda j: s.ms[j].entity_id != m.entity_id)
    if target is None or not MIGRATE.match(re.sub(r"^(?:に|へ|への)\s*", "", s.text[target.end:target.end + 12].lstrip())):
        return []
    return [("migrated_to", m.entity_id, phrase_head(s.text, s.ms, target).entity_id, "脱X … Yに移行", 0.7)]


def rule_was_running(s: Sentence, i: int) -> list[Found]:
    """"Xで動いていた…をYへ載せ替え" → X migrated_to Y."""
    after = s.after(i)
    target = s.next_with(i, ("に", "へ", "への")) if WAS_RUNNING.match(after) and MIGRATE.search(after) else None
    return [("migrated_to", s.ms[i].entity_id, target.entity_id, "Xで動いていた…をYに移行", 0.7)] if target else []


def rule_quit(s: Sentence, i: int) -> list[Found]:
    """"XをやめてYにした" → X migrated_to Y, and Y adopted."""
    if s.roles[i] != "を" or not QUIT.match(s.after(i).lstrip().lstrip("を").lstrip()):
        return []
    target = next(iter(s.ms[i + 1:]), None)
    if target is None:
        return []
    return [("migrated_to", s.ms[i].entity_id, target.entity_id, "XをやめてYにした", 0.8),
            ("adopted", CONTEXT, target.entity_id, "XをやめてYにした", 0.8)]


def rule_replace(s: Sentence, i: int) -> list[Found]:
    """"XをYに置き換え" → X replaced_by Y."""
    target = s.next_with(i, ("に", "で")) if s.roles[i] == "を" and REPLACE.search(s.after(i)) else None
    return [("replaced_by", s.ms[i].entity_id, target.entity_id, "XをYに置き換え", 0.8)] if target else []


_ATTRIBUTIVE = re.compile(r"^\s*[\u30a0-\u30ff\u4e00-\u9fffA-Za-z]")  # a noun right after a past form: it modifies it


def adoption_cue(after: str, heading: bool = False) -> tuple[str, str] | None:
    """``(cue, clause rest)`` when the text right after a mention says it is used ("を導入した",
    "で構築している", "は使っています"); None otherwise. In prose a past form that modifies a noun
    names a topic ("Chefを利用した構成管理"); a heading so phrased names what its talk is built on."""
    text = re.sub(r"^(?:(?:という|っていう)\s?)?[\u30a0-\u30ff\u4e00-\u9fff]{0,6}?(?:など|等|とか)?\s*(?=を|で|は|も|が)", "",
                  after.lstrip(), count=1) if after else ""  # ("Xというプラグインを使って": X is the plugin)
    for pattern, label in ADOPT_CUES:
        m = pattern.match(text)
        if m and not heading and m.group().endswith("た") and _ATTRIBUTIVE.match(text[m.end():]):
            return None  # "Chefを利用した構成管理", "ReactやVueを用いた開発環境": a topic, not what happened
        if m:
            word = re.search(r"採用|導入|選定|利用|使用|活用|構築|作|開発|運用|実装|使", m.group())
            return label.format(word.group() if word else ""), text[m.end():]
    return None


_PAST_END = re.compile(r"(?:た|ました|だった|でした|ている|ています)\s*(?:[(（][^)）]*[)）])?\s*$")


def temporal_tara(clause: str) -> str:
    """A clause whose "〜したら" tells when something happened, not on what condition: the clause ends in
    the past ("移行したらログの形式が変わった"), so its たら is no condition (blanked); otherwise as is."""
    return re.sub(r"(?<=[しっいきれ])たら", "て、", clause) if "たら" in clause and _PAST_END.search(clause) else clause


def is_fact(rest: str) -> bool:
    """The clause after a cue states a fact: no intention (したい, 予定, 検討), negation (ない),
    question (か？), condition (なら, れば, たら, とすると) or possibility (できる, 可能) before its end,
    and not a step to follow ("Dockerを導入する。", "導入するには"): a plain non-past する is an
    instruction or a plan, "導入した" / "導入している" is what happened."""
    clause = temporal_tara(re.split(r"[。．!！\n]", rest, maxsplit=1)[0])
    if re.match(r"^\s*(?:する|します|しましょう|すれば|すると|するには|するため|する場合|する方法|するということ)", clause):
        return False
    return not NOT_FACT.search(clause[:24])


def subject_company(s: Sentence, i: int, companies: set[str]) -> str | None:
    """A company named as the sentence's topic before mention ``i`` ("メルカリではXを採用")."""
    for j in range(i):
        if s.ms[j].entity_id in companies and s.roles[j] in ("は", "では", "が", "でも", "も"):
            return s.ms[j].entity_id
    return None


def rule_adopt(s: Sentence, i: int) -> list[Found]:
    """"Xを採用/導入した", "Xを使っている", "Xで構築した" → the talk (or note, or the company the
    sentence names as its topic) adopted X, unless the clause is an intention, negation, question or
    condition; the parse letting the cue govern X raises the confidence."""
    if s.roles[i] not in ("を", "は", "が", "も", "で", "の", ""):
        return []
    found = adoption_cue(s.after(i), s.c.heading)
    if s.roles[i] == "の" and (found is None or found[0] != UPGRADED):
        return []  # ("Xの" is only the upgraded X's: "Xのバージョンを上げた")
    before = re.split(r"ので|から|けど|が、|[、,，。]", s.text[max(0, s.ms[i].start - 6):s.ms[i].start])[-1]
    if found is None or not is_fact(found[1]) or NOT_FACT.search(before):  # ("しかたないので Xを使った": another clause)
        return []
    if PAST_STATE.search(re.split(r"[、,，。]", s.text[:s.ms[i].start])[-1]):
        return []  # "元々Xを導入していた": what was used before (a migration's source), not what is used
    cue = found[0]
    if cue.endswith(MEMO):
        if not s.c.in_talk:
            return []  # "fdiskコマンドを利用、…": outside a talk, a how-to's step
        cue = cue.removesuffix(MEMO)
    if cue == "使って…した" and any(n.start > s.ms[i].end and same_clause(s.text, s.ms[i], n) for n in s.ms):
        return []  # "Xを使ってYを導入した": the sentence is about Y; X is the means
    strong = re.search(r"採用|導入|選定|選んだ", cue)
    conf = (0.9 if strong else 0.7) if s.doc is None or governed(s.doc, s.ms[i], ADOPT) else (0.6 if strong else 0.5)
    source = subject_company(s, i, s.companies) or CONTEXT
    return [("adopted", source, s.ms[i].entity_id, "X + adoption cue", conf, cue)] + [
        ("adopted", source, s.ms[j].entity_id, "X, Y + adoption cue (coordinated)", round(conf * 0.9, 2), cue)
        for j in coordinated_before(s, i) if s.ms[j].entity_id not in s.companies]


def joined_phrase(s: Sentence, m: Match) -> list[Match]:
    """Mention ``m`` and the names joined to it as one noun phrase before it, in text order
    ("WedgeやBackpackの上に": both)."""
    k = s.ms.index(m)
    return [s.ms[j] for j in reversed(coordinated_before(s, k))] + [m]


_COORD = re.compile(r"\s*(?:や|と|、|,|，|・|/|／|\+|＋|&|and|および|及び|とか)\s*", re.I)


def coordinated_before(s: Sentence, i: int) -> list[int]:
    """The mentions joined to mention ``i`` as one noun phrase ("NginxとomniauthをX", "A、B、Cを導入"):
    only list glue between them, so what is said of the last name is said of each."""
    out = []
    j = i - 1
    while j >= 0 and _COORD.fullmatch(s.text[s.ms[j].end:s.ms[j + 1].start]):
        out.append(j)
        j -= 1
    return out


def rule_object_to(s: Sentence, i: int) -> list[Found]:
    """"XをYに移行する" / "XをYへ乗り換え" → X migrated_to Y (the object moves; "XをYに置き換え" is
    ``replaced_by``, see :func:`rule_replace`)."""
    if not (s.roles[i] == "を" or owned_object(s, i)) or REPLACE.search(s.after(i)[:40]):
        return []
    target = s.next_with(i, ("に", "へ", "への"), lambda j: same_clause(s.text, s.ms[i], s.ms[j]))
    if target is None or not MIGRATE.match(re.sub(r"^(?:に|へ|への)\s*", "", s.text[target.end:target.end + 12].lstrip())):
        return []
    conf = 0.8 if governed(s.doc, target, MIGRATE) else 0.6
    return [("migrated_to", s.ms[i].entity_id, head, "XをYに移行", conf) for head in targets(s, i, target)]


_OWNED = re.compile(r"^\s*の\s*(?:[\u30a0-\u30ff\u4e00-\u9fff]{1,6}|[A-Za-z]{2,10})\s*を")
_NOT_MOVED = re.compile(r"ログ|ファイル|バックアップ|画像|写真|メール|設定|コンフィグ|コード|スクリプト|テンプレート|"
                        r"\b(?:logs?|files?|config)\b", re.I)  # what X keeps or stores elsewhere


def owned_object(s: Sentence, i: int) -> bool:
    """"XのブログをYに移行" / "WordPressのBlogを…": the object is a short noun that X holds, with no
    other name before the を -- what moves is X's."""
    m = _OWNED.match(s.after(i))
    if m is None or _NOT_MOVED.search(m.group()):
        return False  # "EC2のログをS3に移行": stored elsewhere; "Neovimの設定をLuaに移行": rewritten, X stays
    return not any(s.ms[i].end < n.start < s.ms[i].end + m.end() for n in s.ms)


def rule_runs_with_object(s: Sentence, i: int) -> list[Found]:
    """"YをXで動かす / 運用する / 稼働させる / デプロイする" → Y runs_on X (Y before the platform)."""
    if s.roles[i] != "で" or not re.match(r"^で\s*(?:動か|動い|稼働|運用|デプロイ|ホスト|実行|起動)", s.after(i).lstrip()):
        return []
    thing = next((s.ms[j] for j in range(i - 1, -1, -1) if s.roles[j] == "を" and same_clause(s.text, s.ms[j], s.ms[i])),
                 None)
    return [("runs_on", thing.entity_id, s.ms[i].entity_id, "YをXで動かす", 0.7)] if thing else []


def rule_based(s: Sentence, i: int) -> list[Found]:
    """"XベースのY" / "X based Y" → Y runs_on X (a framework built on a language or platform)."""
    if not re.match(r"^\s*(?:ベースの|ベースで|based\b)", s.after(i)):
        return []
    target = next((n for n in s.ms if n.start > s.ms[i].end and n.start - s.ms[i].end <= 24
                   and same_clause(s.text, s.ms[i], n)), None)
    return [("runs_on", target.entity_id, s.ms[i].entity_id, "XベースのY", 0.6)] if target else []


_RUN_HERE = re.compile(r"^\s*(?:上)?で\s*(?:[A-Za-z0-9][\w .+-]{0,24}?\s*を\s*)?(?:動か|動く|動い|稼働|ホスト|実行)")
# (not 運用/デプロイ: "AnsibleでEC2を運用", "CodeDeployでLambdaをデプロイ" name the means, not the platform)


_RUNS_BEFORE = re.compile(r"^\s*(?:上)?で\s*(?:動く|動いて(?:い|お)?る|動いていた|動かして(?:い|お)?る|動かしていた|稼働(?:する|して(?:い|お)?る|していた)|"
                          r"動作(?:する|して(?:い|お)?る))\s*$")  # "Lightsailで動かしていたWordPressで…": a relative clause says where it runs


def rule_runs_on(s: Sentence, i: int) -> list[Found]:
    """"XでYを動かす / 運用する", "Xで動くY", "X上のY", "YはXで動いている" → Y runs_on X (Y in the same
    clause: after X, or before it as the topic)."""
    m, role = s.ms[i], s.roles[i]
    if role not in ("で", "上の", "上で", "上") or not RUN.search(s.after(i)) and role not in ("で", "上で"):
        return []
    clause = re.split(r"[。．!！\n]", s.after(i), maxsplit=1)[0]
    if role == "上で" and not re.search(r"動か|動く|動い|稼働|ホスト|実行|運用", clause):
        return []  # "GitHub上でPRをマージ": a place, nothing runs there
    if role == "で" and not _RUN_HERE.match(s.after(i)) and not (
            re.match(r"^\s*(?:上)?での", s.after(i)) and re.search(r"動か|動く|動い|稼働", clause)):
        return []  # "Xで" must say where it runs ("ECSでのDockerを…稼働させ" too): "EC2でビルドしたJenkinsを動かす" does not
    target = next((n for j, n in enumerate(s.ms) if j > i and same_clause(s.text, m, n)
                   and (s.roles[j] in ("を", "は", "が", "") or role != "で" or _RUNS_BEFORE.match(s.text[m.end:n.start]))), None)
    if target is None and role in ("で", "上で"):  # "JenkinsはEC2で動いている"
        target = next((n for j, n in reversed(list(enumerate(s.ms[:i]))) if s.roles[j] in ("は", "が", "も")
                       and same_clause(s.text, n, m)), None)
    if target is None or (role == "上の" and target.start - m.end > len("上の") + 2):
        return []
    if NOT_STATED.search(s.text[m.end:target.start]) or NEGATED.search(s.text[m.end:target.start]):
        return []  # "EC2で動かしたいJenkins", "EC2で動かないJenkins"
    return [("runs_on", target.entity_id, m.entity_id, "XでYを動かす / X上のY", 0.7)]


def rule_installed_on(s: Sentence, i: int) -> list[Found]:
    """"X上にYを構築した", "YをXにインストールした", "WedgeやBackpackの上にFBOSSを乗せて" → Y runs_on X
    (the object put on the platform; on each platform joined as one phrase)."""
    role, after = s.roles[i], s.after(i).lstrip()
    if not (role == "に" or role == "上" and after.startswith("上に") or role == "の" and after.startswith("の上に")):
        return []
    obj = next((n for j, n in enumerate(s.ms) if j != i and s.roles[j] == "を" and same_clause(s.text, n, s.ms[i])), None)
    if obj is None or re.match(r"^\s*を\s*(?:使|用い|利用|活用)", s.text[obj.end:]):
        return []  # "SAMを使ってLambdaにデプロイ": SAM is the means, not what runs
    verb = s.text[max(obj.end, s.ms[i].end):][:24]
    if not re.match(r"^\s*(?:の上に|上に|に|を)?\s*(?:[^\s、。,]{0,8}?(?:を|に)\s*)?(?:" + _INSTALL.pattern + ")", verb):
        return []
    platforms, objects = joined_phrase(s, s.ms[i]), joined_phrase(s, obj)
    return [("runs_on", o.entity_id, p.entity_id, "X上にYを構築 / YをXにインストール", 0.6)
            for o in objects for p in platforms if p.entity_id != o.entity_id and p not in objects and o not in platforms]


def rule_install_of(s: Sentence, i: int) -> list[Found]:
    """"ZabbixのCentOSへのインストール" / "XのYへの導入" → X runs_on Y: the thing put on the platform
    names it with の."""
    if s.roles[i] != "の" or i + 1 >= len(s.ms) or s.text[s.ms[i].end:s.ms[i + 1].start].strip() != "の":
        return []
    if not re.match(r"^\s*(?:[(（][^)）]{0,20}[)）])?\s*への?\s*(?:インストール|導入|デプロイ)", s.after(i + 1)):
        return []
    return [("runs_on", s.ms[i].entity_id, s.ms[i + 1].entity_id, "XのYへのインストール", 0.6)]


def rule_not_supported(s: Sentence, i: int) -> list[Found]:
    """"XはYでは使えない" → X not_supported_on Y; "X未対応" under a heading naming Y likewise."""
    m, after = s.ms[i], s.after(i)
    out = []
    if s.roles[i] in ("は", "が") and NOT_SUPPORTED.search(after):
        place = s.next_with(i, ("で", "では", "には", "に", "だと"))
        if place is not None:
            conf = 0.9 if governed(s.doc, place, NOT_SUPPORTED) else 0.6
            out.append(("not_supported_on", m.entity_id, place.entity_id, "XはYでは使えない", conf))
    if re.match(r"^[^\s、。,]{0,8}?(未対応|非対応)", after):
        out += [("not_supported_on", m.entity_id, y, "X未対応 under a heading naming Y", 0.7) for y in s.heading_entities]
    return out


def rule_english(s: Sentence, i: int) -> list[Found]:
    """English: "migrated from X to Y", "replaced X with Y", "adopted X", "X is not supported on Y",
    "Y does not support X", "X runs on Y"."""
    m, text = s.ms[i], s.text
    before = text[:m.start]
    out = []
    if re.search(r"from\s+$", before, re.I) and MIGRATE.search(before):
        target = next((n for n in s.ms if n.start > m.end and re.fullmatch(r"\s+to\s+", text[m.end:n.start])), None)
        if target is not None:
            out.append(("migrated_to", m.entity_id, target.entity_id, "migrated from X to Y", 0.8))
    if re.search(r"\badopt\w*\s+$", before, re.I):
        out.append(("adopted", CONTEXT, m.entity_id, "adopted X", 0.7))
    nxt = next((n for n in s.ms if n.start >= m.end), None)
    if nxt is None:
        return out
    between = text[m.end:nxt.start]
    if re.search(r"\breplac\w*\s+$", before, re.I) and re.fullmatch(r"\s+(?:with|by)\s+", between, re.I):
        out.append(("replaced_by", m.entity_id, nxt.entity_id, "replaced X with Y", 0.8))
    if re.fullmatch(r"\s+(?:is|are)\s+(?:not|n't)\s+(?:supported|available)\s+(?:on|in)\s+|"
                    r"\s+(?:does|do)\s*(?:not|n't)\s+(?:work|run)\s+(?:on|in)\s+", between, re.I):
        out.append(("not_supported_on", m.entity_id, nxt.entity_id, "X is not supported on Y", 0.8))
    if re.fullmatch(r"\s+(?:does|do)\s*(?:not|n't)\s+(?:yet\s+)?support\s+", between, re.I):
        out.append(("not_supported_on", nxt.entity_id, m.entity_id, "Y does not support X", 0.8))
    if re.fullmatch(r"\s+(?:runs?|running|deployed|hosted)\s+on(?:\s+top\s+of)?\s+", between, re.I):
        out.append(("runs_on", m.entity_id, nxt.entity_id, "X runs on Y", 0.8))
    return out


RULES = (rule_arrow, rule_on, rule_from_to, rule_object_to, rule_escape, rule_was_running, rule_quit, rule_replace, rule_adopt,
         rule_runs_on, rule_installed_on, rule_install_of, rule_runs_with_object, rule_based, rule_not_supported,
         rule_english)


def rule_concept_source(s: Sentence) -> list[Found]:
    """"mBaaSからEKSに移行" with a source outside the catalog → a ``concept:`` node migrated_to EKS."""
    if not MIGRATE.search(s.text):
        return []
    name = concept_before(s.text, "から")
    target = next((m for m, r in zip(s.ms, s.roles) if r in ("に", "へ", "への")), None)
    if not name or target is None or any(m.surface == name for m in s.ms):
        return []
    conf = 0.8 if governed(s.doc, target, MIGRATE) else 0.5
    return [("migrated_to", f"concept:{name}", phrase_head(s.text, s.ms, target).entity_id,
             "XからYに移行 (X not in catalog)", conf)]


_UNKNOWN_TARGET = re.compile(r"^\s*(?:から|を)\s*(?P<name>[A-Za-z][A-Za-z0-9.+_-]{2,})\s*(?:に|へ)(?:の)?\s*"
                             r"(?:移行|乗り換え|切り替え|切替|リプレー?ス|置き換え|載せ替え)")


def rule_unknown_target(s: Sentence) -> list[Found]:
    """"zplugをzinitに移行" with a target outside the catalog → a proposed tool (the text moves a tool
    to it: it is software too) that the source migrated_to. Not a common word, a short acronym or a
    name the sentence's mentions hold."""
    for i, m in enumerate(s.ms):
        x = _UNKNOWN_TARGET.match(s.after(i))
        if x is None or m.entity_id.startswith("company"):
            continue
        name = x.group("name")
        if name.casefold() in COMMON_WORDS or re.fullmatch(r"[A-Z]{2,4}", name) or any(n.surface == name for n in s.ms):
            continue
        return [("migrated_to", m.entity_id, PROPOSED_TOOL_PREFIX + name, "XからYに移行 (Y not in catalog)", 0.5)]
    return []


def moved_to_adoptions(s: Sentence, found: list[Found]) -> list[Found]:
    """Whoever moved to Y uses Y: each stated migration target is also ``adopted`` (by the company the
    sentence names as its topic, else the talk or note), with the migration's confidence, lowered."""
    out = []
    for rel, src, dst, rule, conf, *_ in found:
        if rel != "migrated_to" or any(f[0] == "adopted" and f[2] == dst for f in found + out):
            continue
        i = next((j for j, m in enumerate(s.ms) if m.entity_id == dst), len(s.ms))
        out.append(("adopted", subject_company(s, i, s.companies) or CONTEXT, dst, f"migrated to Y ({rule})",
                    round(conf * 0.8, 2), "移行"))
    return out


def relations_of(c: Candidate, doc=None, heading_entities: tuple[str, ...] = (),
                 companies: set[str] = frozenset()) -> list[Relation]:
    """All relations in one candidate sentence (``doc``: its GiNZA parse, when available;
    ``companies``: which of its mentions are companies, possible subjects of ``adopted``)."""
    s = Sentence(c, doc, heading_entities, set(companies))
    found = [f for i in range(len(s.ms)) for rule in RULES for f in rule(s, i)]
    if not any(f[0] == "migrated_to" for f in found):
        found += rule_concept_source(s) or rule_unknown_target(s)
    found += moved_to_adoptions(s, found)
    return [Relation(rel, src, dst, c.line, c.section, c.text, rule, conf, cue[0] if cue else "")
            for rel, src, dst, rule, conf, *cue in found if src != dst and stated(s, rel, src, dst)]


NOT_STATED = re.compile(r"たい(?![へん])|予定|検討|つもり|[?？]|かな(?:[。、!！\s]|$)|なら(?!ない)|れば|たら(?!しい)|ましょう|しよう|"
                        r"べき|かも|もし(?!くは)")
NEGATED = re.compile(r"ない|ません|なかった|ず(?:に|、|。|$)")


def stated(s: Sentence, relation: str, source: str, target: str) -> bool:
    """Whether the sentence states the relation as fact: the clause after its last mention holds no
    intention (したい, 予定, 検討), question, condition (なら, れば, たら) or — except for
    ``not_supported_on``, whose point it is — negation ("移行していない")."""
    ends = [m.end for m in s.ms if m.entity_id in (source, target)]
    rest = temporal_tara(re.split(r"[。．!！\n]|(?<=[たるい])(?:けど|けれど|が)、", s.text[max(ends) if ends else 0:], maxsplit=1)[0])[:40]
    if NOT_STATED.search(rest):
        return False
    return relation == "not_supported_on" or not NEGATED.search(rest)


HEADING_USE = re.compile(r"導入|運用|活用|使っ|使う|使い|構築|移行|事例|実践|採用|開発|での|における|\bat\b", re.I)


TALK_MEANS = re.compile(r"^\s*(?:による|で(?:作る|作った|作って|構築|実現|始める|はじめる|簡単)|を(?:使っ|使う|使い|用い|導入|活用|採用))")
TALK_MEANS_BEFORE = re.compile(r"\b(?:with|using|powered by|built (?:on|with))\s+$", re.I)
# a talk without a known company, whose title says what it is done with ("Karpenterによるコスト削減",
# "Streaming Data with Apache Kafka"): the talk adopted that product


def heading_adoptions(structure: Structure, mentions: list, presented: set[int]) -> list[Relation]:
    """A talk given by a company, whose heading names a product with a word of use ("Mackerelを導入して
    変わったこと", "大規模サービスでのKubernetes運用"): the company adopted it (the graph copies the
    talk's adoption to its presenters; ``presented``: orders of the talks with a presenter). A talk with
    no known company adopts only what its title says it is done with (:data:`TALK_MEANS`)."""
    out = []
    heading_of: dict[int, list] = {}
    for t in structure.talks:
        heading_of.setdefault(t.line, []).append(t)  # (a timetable's row may hold several talks)
    for m in mentions:
        t = next((t for t in heading_of.get(m.line, []) if structure.talk_of(m.section) is t), None)
        if t is None or m.origin != "text":
            continue
        at = m.sentence.find(m.surface)
        after = m.sentence[at + len(m.surface):at + len(m.surface) + 8] if at >= 0 else ""
        cue = HEADING_USE.search(m.sentence) if t.order in presented else (
            TALK_MEANS.match(after) or TALK_MEANS_BEFORE.search(m.sentence[:max(at, 0)]))
        if re.match(r"^\s*(?:から|をやめ|を止め|を廃止|脱)", after) or re.search(r"脱\s*$", m.sentence[:max(at, 0)]):
            continue  # "Lambda から Step Functions への移行": the source is left, not adopted
        if cue and not m.entity_id.startswith("company"):
            rule = ("product in the heading of a company's talk, with a word of use" if t.order in presented
                    else "product the talk's title says it is done with")
            out.append(Relation("adopted", CONTEXT, m.entity_id, m.line, m.section, m.sentence, rule, 0.6,
                                cue.group().strip()))
    return out


REPORTED_USE = re.compile(r"使われ|使って|使っ|使い(?!方)|利用し|利用さ|運用し|運用さ|導入し|導入さ|採用し|採用さ|構築し|構築さ|"
                          r"組み合わせ|用い|活用し|動かし|動い|で行(?:い|っ|わ)|"
                          r"(?:利用|使用|活用|採用|導入|運用)(?=\s*(?:[、。,]|$))")  # (memo style: "…を別々で利用、")
NOT_OWN_USE = re.compile(r"連携|サポート|対応|展望|今後|比較|競合|代わり|代替|ではなく|以外|候補|" + PAST_STATE.pattern, re.I)
# what a sentence says of products that are not the company's own stack: integrations and supported
# platforms ("Twilioなどの外部サービス連携"), plans, comparisons, alternatives, what was used before
VENDORS = {"aws_service": ("company:amazon", "company:aws-japan")}  # a vendor's talk on its own products


def own_sentence(evidence: str, surface: str) -> str:
    """The sentence of ``evidence`` (a mention's window, which may run over into the next sentence)
    that holds ``surface``; the whole evidence when the surface is not found."""
    at = evidence.find(surface)
    return next((evidence[a:b] for a, b in sentence_spans(evidence) if a <= at < b), evidence) if at >= 0 else evidence


def reported_uses(structure: Structure, mentions: list, presenters: list, entities: dict) -> list[Relation]:
    """In a company's talk, a sentence that reports use ("NewRelicやCloudWatchなど、複数の監視ツールを
    組み合わせて使われているそうです", "EC2上の Redis Cluster を組み合わせており") makes the company a
    user of each product it names: the note reports what the speaker's company runs. Weak (0.4), since the
    sentence does not say who: never a plan, negation, question or condition (:data:`NOT_STATED`,
    :data:`NEGATED`), an integration, comparison or former tool (:data:`NOT_OWN_USE`), nor a vendor's
    talk on its own products (:data:`VENDORS`; ``entities``: the catalog's entities by id)."""
    by_talk: dict[int, set[str]] = {}
    for p in presenters:
        by_talk.setdefault(p.talk, set()).add(p.entity_id)
    heading_lines = {t.line for t in structure.talks}
    out = []
    for m in mentions:
        talk = structure.talk_of(m.section)
        if talk is None or talk.order not in by_talk or m.origin not in ("text", "proposed") or m.line in heading_lines:
            continue
        kind = entities[m.entity_id].kind if m.entity_id in entities else ""
        if kind == "company" or by_talk[talk.order] & set(VENDORS.get(kind, ())):
            continue
        sentence = own_sentence(m.sentence, m.surface)
        use = REPORTED_USE.search(sentence)
        if use is None or NOT_OWN_USE.search(sentence) or NOT_STATED.search(sentence) or NEGATED.search(sentence):
            continue
        out.append(Relation("adopted", CONTEXT, m.entity_id, m.line, m.section, m.sentence,
                            "product in a sentence of use, in a company's talk", 0.4, use.group()))
    return out


_STACK_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?P<label>[^:：|]{1,24}?)\s*[:：]\s*(?P<value>\S.*)$")
_NOT_OWN = re.compile(r"比較|候補|検討|参考|対応|サポート|support|例|競合|代替|他社|関連|vs|似た|類似|旧|以前|元|移行前|"
                      r"課題|問題|不要|廃止|やめ|卒業", re.I)
_LIST_GLUE = re.compile(r"[\s,，、/／+＋&＆()（）・]+|など|等|and", re.I)


def products_by_line(mentions: list, origins: tuple[str, ...] = ("text", "proposed")) -> dict[int, list]:
    """The mentions of products (no company) of each file line, for the rules that read a line as a list
    of what is used."""
    by_line: dict[int, list] = {}
    for m in mentions:
        if m.origin in origins and not m.entity_id.startswith("company"):
            by_line.setdefault(m.line, []).append(m)
    return by_line


def stack_adoptions(structure: Structure, mentions: list, presented: set[int]) -> list[Relation]:
    """A company's talk listing its stack as "LABEL: X, Y, Z" (a list item or line under the talk:
    "サーバサイド: Rails, Go", "使ったプロダクト：EKS、RabbitMQ"): the company adopted each of them.
    Only when the value is nothing but catalog names and separators, and the label does not say the
    names are compared, candidates, references, a product's supported platforms or what was left."""
    by_line = products_by_line(mentions, ("text",))
    out = []
    for seg in structure.segments:
        talk = structure.talk_of(seg.section)
        if seg.heading or talk is None or talk.order not in presented or seg.line not in by_line:
            continue
        line = _STACK_LINE.match(seg.text)
        if not line or _NOT_OWN.search(line.group("label")) or not re.search(r"\w", line.group("label")):
            continue
        value, names = line.group("value"), by_line[seg.line]
        rest = value
        for m in sorted(names, key=lambda m: -len(m.surface)):
            rest = rest.replace(m.surface, " ")
        if len(_LIST_GLUE.sub("", rest)) > 2:
            continue  # a sentence, not a list of names
        sentence = " ".join(seg.text.split())
        out += [Relation("adopted", CONTEXT, m.entity_id, seg.line, seg.section, sentence,
                         "LABEL: X, Y in a company's talk", 0.5, line.group("label").strip())
                for m in names if m.surface in value]
    return out


ENV_HEADING = re.compile(r"^(?:(?:動作|開発|検証|実行|作業|確認|動作確認|作成|使用|利用|構築|テスト|執筆)?環境|"
                         r"使(?:って|用して|用し|っ)(?:い|る)?(?:る|た)?(?:もの|ツール|技術|プラグイン)|使用(?:技術|ツール)|"
                         r"利用(?:技術|ツール)|技術スタック|plugins?|プラグイン|environment|requirements|前提|前提条件)$", re.I)
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ITEM_LABEL = re.compile(r"^(?P<label>[^:：|]{1,24}?)\s*[:：]\s*")
_REPO_TITLE = re.compile(r"^(?:GitHub\s*-\s*)?[\w.-]+/(?=\S)")  # "GitHub - owner/name: …", "owner/name"
_EVENT_TAIL = re.compile(r"\s*(?:勉強会|ユーザー?会|カンファレンス|ミートアップ|meetup\b|conf(?:erence)?\b|days?\b)", re.I)
_ITEM_TAIL = re.compile(r"[^\u3040-\u309f]*")  # what may follow the name: a version, brackets; no kana (no sentence)


def env_section(structure: Structure, section: int | None) -> str | None:
    """The heading that says a section lists the author's setup ("環境", "使ってるもの", "plugin"):
    the section's own heading or its parent's ("環境" > "ホスト")."""
    for _ in range(2):
        if section is None:
            return None
        sec = structure.sections[section]
        title = re.sub(r"^[\d.\s]+|[\s:：]+$", "", sec.title)
        if ENV_HEADING.match(title):
            return title
        section = sec.parent
    return None


def env_adoptions(structure: Structure, mentions: list) -> list[Relation]:
    """A list under a heading that says it is the author's setup ("## 環境", "使ってるもの", "plugin", "前提"),
    each item headed by a product ("- yabai v7.1.0", "- OS: Amazon Linux 2", "- [GitHub - owner/
    packer.nvim: …](…)"): the note (or the talk) adopted it. Only the item's head counts: a name after
    other words ("中央リポジトリはsubversion") or followed by a sentence is not a stack entry, and a
    label saying what was left or compared ("元: Fedora8") is not one either."""
    by_line = products_by_line(mentions)
    out = []
    for seg in structure.segments:
        if seg.heading or seg.line not in by_line:
            continue
        heading = env_section(structure, seg.section)
        item = _ITEM.match(seg.text)
        if heading is None or item is None and not _ITEM_LABEL.match(seg.text.strip()):
            continue
        text = " ".join(seg.text[item.end() if item else 0:].split())
        label = _ITEM_LABEL.match(text)
        if label and (_NOT_OWN.search(label.group("label")) or len(label.group("label").split()) > 3):
            continue
        head = text[label.end() if label else 0:]
        head = head[repo.end():] if (repo := _REPO_TITLE.match(head)) else head
        first = min(by_line[seg.line], key=lambda m: (not head.startswith(m.surface), -len(m.surface)))
        tail = head[len(first.surface):]
        if not head.startswith(first.surface) or not _ITEM_TAIL.fullmatch(tail.split(":")[0]) or _EVENT_TAIL.match(tail):
            continue  # (a sentence after the name; or the name of an event: "Jenkins勉強会")
        out.append(Relation("adopted", CONTEXT, first.entity_id, seg.line, seg.section, text,
                            "item of a list of the author's setup", 0.5, heading))
    return out


_VERSION_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\**(?P<label>[^\s:：|*][^:：|*]{0,29}?)[\s*]*[:：][\s*]*"
                           r"v?\d+(?:\.\d+)+(?:[-+~_a-z][\w.+~-]*)?(?:\s*[(（][^)）]{0,40}[)）])?[\s*]*$")
# (no two loops over the same blanks: a blanked HTML line holds thousands of spaces)


def version_adoptions(structure: Structure, mentions: list) -> list[Relation]:
    """A line that gives a product's version and nothing else ("- Node.js: v18.14.0", "Postfix: 2.3.3-2.1",
    "Cuda: 11.2.1"): one writes down the versions of what one runs, so the note (or the talk) adopted
    it. The label must be the product's name alone; a line with a sentence after the version, or a
    label naming something else ("サポート: 1.2"), is not such a line; nor one under a heading that says
    its items are compared, candidates or left (移行前, 比較)."""
    by_line = products_by_line(mentions)
    out = []
    for seg in structure.segments:
        if seg.heading or seg.line not in by_line:
            continue
        line = _VERSION_LINE.match(seg.text) if len(seg.text) < 200 else None
        if line is None:
            continue
        label = line.group("label").strip()
        named = [m for m in by_line[seg.line] if m.surface.casefold() == label.casefold()]
        title = structure.sections[seg.section].title if seg.section is not None else ""
        if len(named) != 1 or _NOT_OWN.search(title):
            continue
        out.append(Relation("adopted", CONTEXT, named[0].entity_id, seg.line, seg.section, " ".join(seg.text.split()),
                            "a line giving the product's version", 0.5, "バージョン記載"))
    return out


_BEFORE = r"移行前|変更前|置き換え前|リプレース前|before|旧|as-?is"
_AFTER = r"移行後|変更後|置き換え後|リプレース後|after|新|to-?be"
_PAIR_LABEL = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\**\s*(?:(?P<before>" + _BEFORE + r")|(?P<after>" + _AFTER + r"))"
                         r"\s*(?:構成|環境|システム)?\s*\**\s*[:：]\s*(?=\S)", re.I)
_PLANNED = re.compile(r"予定|検討|案|候補|したい|\?|？")


def _pairs(olds: list, news: list) -> list[tuple]:
    """Pair what was with what became: one each, or as many each in the same order."""
    if len(olds) == len(news):
        return list(zip(olds, news))
    return []


def _line_entities(mentions: list, line: int, text: str, lo: int = 0, hi: int | None = None) -> list:
    """Products mentioned on a line inside ``text[lo:hi]``, in order, each once."""
    out = []
    for m in sorted((m for m in mentions if m.line == line), key=lambda m: text.find(m.surface)):
        at = text.find(m.surface, lo)
        if 0 <= at and (hi is None or at + len(m.surface) <= hi) and m.entity_id not in out:
            out.append(m.entity_id)
    return out


def _before_after_columns(heads: list[str]) -> tuple[int, int] | None:
    """The indexes of a table header's 移行前 and 移行後 (Before/After, 旧/新) columns, if it has both."""
    b_col = next((i for i, h in enumerate(heads) if re.fullmatch(_BEFORE, h, re.I)), None)
    a_col = next((i for i, h in enumerate(heads) if re.fullmatch(_AFTER, h, re.I)), None)
    return None if b_col is None or a_col is None else (b_col, a_col)


def before_after_migrations(structure: Structure, mentions: list) -> list[Relation]:
    """"移行前 / 移行後" (変更前/後, Before/After, 旧/新) pairs: two labelled lines of a list ("- 移行前: EC2",
    "- 移行後: ECS on Fargate") or two columns of a table (| 項目 | 移行前 | 移行後 |) → what was
    migrated_to what became, paired one to one or in order, and the target adopted. Not a plan ("移行後
    (予定)"), nor lists whose sides name different numbers of products."""
    own = [m for m in mentions if m.origin in ("text", "proposed") and not m.entity_id.startswith("company")]
    out: list[Relation] = []
    pending: dict[int | None, tuple] = {}  # section -> (segment, its products) of the last 移行前 line
    columns: dict[int | None, tuple[int, int]] = {}  # section -> (before, after) columns of the table being read
    for seg in structure.segments:
        if seg.heading:
            continue
        cells = row_cells(seg.text) if seg.text.lstrip().startswith("|") else []
        if cells:
            pair = _before_after_columns([seg.text[a:b].strip() for a, b in cells])
            if pair is not None:
                columns[seg.section] = pair
            elif seg.section in columns and max(columns[seg.section]) < len(cells):
                olds, news = (_line_entities(own, seg.line, seg.text, *cells[c]) for c in columns[seg.section])
                out += _moved(_pairs(olds, news), seg, "移行前/移行後 columns of a table")  # (the |---| row has none)
            continue
        columns.pop(seg.section, None)
        m = _PAIR_LABEL.match(seg.text)
        if m is None or _PLANNED.search(seg.text[:m.end()]):
            continue
        found = _line_entities(own, seg.line, seg.text, m.end())
        if m.group("before"):
            pending[seg.section] = (seg, found)
        elif seg.section in pending:
            before, olds = pending.pop(seg.section)
            if seg.line - before.line <= 6:
                out += _moved(_pairs(olds, found), seg, "移行前: X / 移行後: Y lines")
    return out


def _moved(pairs: list[tuple], seg, rule: str) -> list[Relation]:
    """``migrated_to`` for each pair, and the adoption of its target (whoever moved to Y uses Y)."""
    out = []
    for old, new in pairs:
        if old != new:
            out.append(Relation("migrated_to", old, new, seg.line, seg.section, seg.text.strip(), rule, 0.6))
            out.append(Relation("adopted", CONTEXT, new, seg.line, seg.section, seg.text.strip(),
                                f"migrated to Y ({rule})", 0.5, "移行後"))
    return out


def discourse_migrations(structure: Structure, pieces: list[Piece], confirmed: set[str]) -> list[Relation]:
    """"もともとXで運用…" then, later in the same section, "Yに変え/移行" → X migrated_to Y (low confidence)."""
    out = []
    before: dict[int | None, Match] = {}
    for p in pieces:
        if p.origin != "text" or not p.hits:
            continue
        key = structure.sections[p.section].talk if p.section is not None else None
        for start, end in sentence_spans(p.text):
            flat = " ".join(p.text[start:end].split())  # cheap test first: most sentences can play no part
            if not PAST_STATE.search(flat) and not (key in before and MIGRATE.search(flat)):
                continue
            text, ms = sentence_matches(p, start, end, confirmed)
            if PAST_STATE.search(text) and ms:
                before[key] = ms[0]
                if len(ms) < 2:
                    continue  # else "元はXだったが、…Yに移行した": the move may be in the same sentence
            old = before.get(key)
            if old is None or not MIGRATE.search(text):
                continue
            for m in ms:
                if particle(text, m) in ("に", "へ") and m.entity_id != old.entity_id:
                    out.append(Relation("migrated_to", old.entity_id, m.entity_id, p.line, p.section, text,
                                        "もともとX … Yに変える (discourse)", 0.5))
                    before.pop(key)
                    break
    return out


TITLE_WORK = re.compile(r"してみた|やってみた|動かし|構築|設定|移行|対応|導入|アップデート|バージョンアップ|アップグレード|作っ|作る|"
                        r"作成|使う|使って|使った|入れ|インストール|デプロイ|公開|運用|乗り換え|置き換え|移す|移し")


def title_adoptions(structure: Structure, mentions: list) -> list[Relation]:
    """A note that is no event report, titled with the author's own work ("Ubuntu 16.04にVulsを
    インストール", "kubeadmで作ったK8sクラスター", "Neovimの設定をluaに移行する"): the note adopted the
    products its title names (low confidence: the title says they are worked with, not how much).
    Not in a title that is a question, an intention or a condition, nor what a move leaves
    ("XからYへ", "XをYに移行": Y is adopted by :func:`moved_to_adoptions`), nor a company."""
    title = structure.note.title or ""
    work = TITLE_WORK.search(title)
    if structure.is_event or not work or NOT_STATED.search(temporal_tara(title)):
        return []
    out = []
    for m in mentions:
        if m.origin != "title" or m.entity_id.startswith("company"):
            continue
        at = title.find(m.surface)
        after = title[at + len(m.surface):at + len(m.surface) + 40] if at >= 0 else ""
        after = re.sub(r"^(?:\s+[A-Z][A-Za-z0-9.-]*)+", "", after)[:6]  # "Kubernetes External Secretsを…": the longer name's
        if re.match(r"^\s*(?:から|をやめ|を止め|を廃止)", after) or (at > 0 and title[at - 1] == "脱") or (
                re.match(r"^\s*を", after) and (MIGRATE.search(title) or REPLACE.search(title))):
            continue  # what was left: "XからYへ", "XをYに移行する" (Y: see moved_to_adoptions)
        out.append(Relation("adopted", CONTEXT, m.entity_id, m.line, m.section, title,
                            "named in the title of the author's how-to note", 0.4, work.group()))
    return out
