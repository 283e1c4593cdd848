"""Typed relations between entities, from Japanese (and English) sentences.

Only *candidate* sentences are parsed with GiNZA's full pipeline (dependency parser): sentences
with two or more mentions and a trigger word (移行, 採用, 使えない, on, …), or one mention and an
adoption trigger. The roles come from the case particle after each mention (から = source, に/へ =
target, を = object, は/が = topic, で = place/means); the parse confirms that the trigger word
governs the mention (it is an ancestor in the dependency tree), which raises the confidence.

Relations (source → target): ``migrated_to``, ``replaced_by``, ``adopted`` (talk/note → entity),
``runs_on``, ``not_supported_on``. A migration source that is not in the catalog ("mBaaSから…")
becomes a ``concept`` node. Every relation keeps its line, sentence, rule and confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..structure import Structure
from .matcher import CatalogMatcher, Match
from .text import sentences, tidy


__all__ = ["Relation", "Candidate", "candidates_of", "relations_of", "CONTEXT", "RELATIONS"]

CONTEXT = "@context"  # source placeholder: the talk (or note) the sentence belongs to
RELATIONS = ("migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on")

MIGRATE = re.compile(r"移行|移し|移す|移っ|乗り換え|載せ替え|移管|切り替え|切替|変え|migrat|moved?\b|switch", re.I)
REPLACE = re.compile(r"置き換え|置換|リプレー?イ?ス|replace", re.I)
ADOPT = re.compile(r"採用|導入|選定|使い始め|adopt|introduc", re.I)
NOT_SUPPORTED = re.compile(r"使えない|使用できない|利用できない|未対応|非対応|サポートされていない|対応していない|"
                           r"not supported|unsupported|does(?: not|n't) support", re.I)
RUN = re.compile(r"動か|動く|動い|稼働|ホスト|上で|上の|\bon\b|runs? on", re.I)
QUIT = re.compile(r"やめ|止め|廃止")
PAST_STATE = re.compile(r"もともと|元々|従来|以前は|旧|previously|used to", re.I)
ARROW = re.compile(r"^\s*(→|->|=>|⇒|➡)\s*$")
ARROWS = re.compile(r"→|->|=>|⇒|➡")
TRIGGERS = re.compile("|".join(p.pattern for p in (MIGRATE, REPLACE, ADOPT, NOT_SUPPORTED, RUN, QUIT)), re.I)
_PARTICLE = re.compile(r"^\s*(からの|から|への|へ|にて|には|に|では|で|を|は|が|上の|上で|上|の)")
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


@dataclass
class Candidate:
    """A sentence worth parsing, with its mentions (offsets relative to the sentence)."""

    text: str
    line: int
    section: int | None
    mentions: list[Match]


def candidates_of(structure: Structure, matcher: CatalogMatcher) -> list[Candidate]:
    """Sentences of a note that may carry a relation: mentions plus a trigger word."""
    out = []
    for seg in structure.segments:
        for sent in sentences(seg.text):
            if not TRIGGERS.search(sent) and "→" not in sent and "->" not in sent:
                continue
            found = matcher.find(sent)
            if len(found) >= 2 or (found and (ADOPT.search(sent) or NOT_SUPPORTED.search(sent) or MIGRATE.search(sent))):
                out.append(Candidate(tidy(sent), seg.line, seg.section, found))
    for c in out:  # offsets must refer to the tidied text
        c.mentions = matcher.find(c.text)
    return out


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


def relations_of(c: Candidate, doc=None, heading_entities: tuple[str, ...] = ()) -> list[Relation]:
    """All relations in one candidate sentence (``doc``: its GiNZA parse, when available)."""
    found: list[Relation] = []
    ms = c.mentions
    roles = [particle(c.text, m) for m in ms]

    def add(rel, src, dst, rule, conf):
        if src != dst:
            found.append(Relation(rel, src, dst, c.line, c.section, c.text, rule, conf))

    for i, m in enumerate(ms):
        after = c.text[m.end:]
        # X → Y
        if i + 1 < len(ms) and ARROW.match(c.text[m.end:ms[i + 1].start]) and arrow_is_migration(c.text, m, ms[i + 1]):
            add("migrated_to", m.entity_id, ms[i + 1].entity_id, "X → Y", 0.6)
        # X on Y (EKS on Fargate)
        if i + 1 < len(ms) and re.fullmatch(r"\s+on\s+", c.text[m.end:ms[i + 1].start]):
            add("runs_on", m.entity_id, ms[i + 1].entity_id, "X on Y", 0.9)
        # XからYに/へ…移行
        if roles[i] in ("から", "からの"):
            target = next((n for j, n in enumerate(ms) if j > i and roles[j] in ("に", "へ", "への", "には")), None)
            if target is not None and MIGRATE.search(after):
                conf = 0.9 if governed(doc, target, MIGRATE) else 0.6
                add("migrated_to", m.entity_id, phrase_head(c.text, ms, target).entity_id, "XからYに移行", conf)
            elif target is not None and re.match(r"^\S{0,6}?へ\s*[。.!！]?\s*$", c.text[target.end:target.end + 12]):
                add("migrated_to", m.entity_id, phrase_head(c.text, ms, target).entity_id, "XからYへ。", 0.5)
        # Xで動いていた…をYへ載せ替え
        if WAS_RUNNING.match(after) and MIGRATE.search(after):
            target = next((n for j, n in enumerate(ms) if j > i and roles[j] in ("に", "へ", "への")), None)
            if target is not None:
                add("migrated_to", m.entity_id, target.entity_id, "Xで動いていた…をYに移行", 0.7)
        # XをやめてY(にした)
        if roles[i] == "を" and QUIT.match(after.lstrip().lstrip("を").lstrip()):
            target = next((n for j, n in enumerate(ms) if j > i), None)
            if target is not None:
                add("migrated_to", m.entity_id, target.entity_id, "XをやめてYにした", 0.8)
                add("adopted", CONTEXT, target.entity_id, "XをやめてYにした", 0.8)
        # XをYに置き換え
        if roles[i] == "を" and REPLACE.search(after):
            target = next((n for j, n in enumerate(ms) if j > i and roles[j] in ("に", "で")), None)
            if target is not None:
                add("replaced_by", m.entity_id, target.entity_id, "XをYに置き換え", 0.8)
        # Xを採用/導入
        if roles[i] in ("を", "は", "が") and ADOPT.match(after[len(roles[i]):].lstrip()):
            conf = 0.9 if governed(doc, m, ADOPT) or doc is None else 0.6
            add("adopted", CONTEXT, m.entity_id, "Xを採用/導入", conf)
        # XでYを動かす / X上のY
        if roles[i] in ("で", "上の", "上で", "上") and RUN.search(c.text[m.end:]):
            target = next((n for j, n in enumerate(ms) if j > i and same_clause(c.text, m, n)
                           and (roles[j] in ("を", "は", "が", "") or roles[i] != "で")), None)
            if target is not None and roles[i] == "上の" and target.start - m.end > len("上の") + 2:
                target = None  # "X上のY": Y right after, not something later in the sentence
            if target is not None and (roles[i] != "で" or re.search(r"動か|稼働|ホスト", after)):
                add("runs_on", target.entity_id, m.entity_id, "XでYを動かす / X上のY", 0.7)
        # XはYでは使えない
        if roles[i] in ("は", "が") and NOT_SUPPORTED.search(after):
            place = next((n for j, n in enumerate(ms) if j > i and roles[j] in ("で", "では", "には", "に")), None)
            if place is not None:
                conf = 0.9 if governed(doc, place, NOT_SUPPORTED) else 0.6
                add("not_supported_on", m.entity_id, place.entity_id, "XはYでは使えない", conf)
        # X未対応 under a heading naming Y
        if re.match(r"^[^\s、。,]{0,8}?(未対応|非対応)", after) and heading_entities:
            for y in heading_entities:
                add("not_supported_on", m.entity_id, y, "X未対応 under a heading naming Y", 0.7)
    # English: (migrated|moved) from X to Y; replaced X with Y; adopted X; X is not supported on Y; X runs on Y
    text = c.text
    for m in ms:
        before = text[:m.start]
        if re.search(r"from\s+$", before, re.I) and MIGRATE.search(before):
            target = next((n for n in ms if n.start > m.end and re.fullmatch(r"\s+to\s+", text[m.end:n.start])), None)
            if target is not None:
                add("migrated_to", m.entity_id, target.entity_id, "migrated from X to Y", 0.8)
        if re.search(r"\badopt\w*\s+$", before, re.I):
            add("adopted", CONTEXT, m.entity_id, "adopted X", 0.7)
        nxt = next((n for n in ms if n.start >= m.end), None)
        if nxt is None:
            continue
        between = text[m.end:nxt.start]
        if re.search(r"\breplac\w*\s+$", before, re.I) and re.fullmatch(r"\s+(?:with|by)\s+", between, re.I):
            add("replaced_by", m.entity_id, nxt.entity_id, "replaced X with Y", 0.8)
        if re.fullmatch(r"\s+(?:is|are)\s+(?:not|n't)\s+(?:supported|available)\s+(?:on|in)\s+|"
                        r"\s+(?:does|do)\s*(?:not|n't)\s+(?:work|run)\s+(?:on|in)\s+", between, re.I):
            add("not_supported_on", m.entity_id, nxt.entity_id, "X is not supported on Y", 0.8)
        if re.fullmatch(r"\s+(?:runs?|running|deployed|hosted)\s+on(?:\s+top\s+of)?\s+", between, re.I):
            add("runs_on", m.entity_id, nxt.entity_id, "X runs on Y", 0.8)
    # concept source: mBaaSからEKSに移行
    if not any(r.relation == "migrated_to" for r in found) and MIGRATE.search(text):
        name = concept_before(text, "から")
        target = next((m for m, r in zip(ms, roles) if r in ("に", "へ", "への")), None)
        if name and target is not None and not any(m.surface == name for m in ms):
            conf = 0.8 if governed(doc, target, MIGRATE) else 0.5
            add("migrated_to", f"concept:{name}", phrase_head(text, ms, target).entity_id, "XからYに移行 (X not in catalog)", conf)
    return found


def discourse_migrations(structure: Structure, matcher: CatalogMatcher) -> list[Relation]:
    """"もともとXで運用…" then, later in the same section, "Yに変え/移行" → X migrated_to Y (low confidence)."""
    out = []
    before: dict[int | None, Match] = {}
    for seg in structure.segments:
        key = structure.sections[seg.section].talk if seg.section is not None else None
        for sent in sentences(seg.text):
            text = tidy(sent)
            ms = matcher.find(text)
            if PAST_STATE.search(text) and ms:
                before[key] = ms[0]
                continue
            old = before.get(key)
            if old is None or not MIGRATE.search(text):
                continue
            for m in ms:
                if particle(text, m) in ("に", "へ") and m.entity_id != old.entity_id:
                    out.append(Relation("migrated_to", old.entity_id, m.entity_id, seg.line, seg.section, text,
                                        "もともとX … Yに変える (discourse)", 0.5))
                    before.pop(key)
                    break
    return out
