"""Which notes report an event, and which of their headings are talks: every signal in one place.

Part of stage 2 (structure). Two questions, each answered from named signals that are tested one by
one in ``tests/test_talks.py``, each with a counter-example:

**Is the note an event report?** (:func:`event_signals`) Its tags or categories name an event
(meetup, 勉強会, event-report…); its title names one or says the author went to one ("参加しました",
"行ってきた", "recap", "振り返り", "#12", "vol.3", "… Night", "…祭り", "Mackerel Day", named
conferences such as YAPC, ServerlessConf, JJUG CCC); or its folder or file name does. A product or
error name that merely contains an event word ("System Events", "Day.js", "イベント駆動") is not one.

**Which headings are talks?** (:func:`talk_sections`) Headings are grouped with their siblings (same
parent heading). A heading can be a talk unless it is the note's title, *housekeeping* (break, lunch,
opening/closing remarks, 会場案内, 告知, はじめに, まとめ, 感想, 懇親会, 目次, 参考…), or its text
repeats elsewhere in the note ("感想" under every talk: a sub-section, never a talk). A sibling group
is a *talk group* when one of its members looks like a talk — a time slot, "by NAME", a 『』/「」
title, a speaker or company in brackets or after "/" or "|", 様/さん/氏, an @handle, LT, a session
code ("[S1]", "AC02:"), "1コマ目", "基調講演" — or when its parent is a *session-group* heading
("セッション", "LT大会", "Day2", "Track A", "講演"). A session-group heading with sub-headings is a
container, never a talk itself. When talk groups nest, a member with a talk signal keeps its
sub-headings as its sections; one without a signal gives way to the talk group below it (and so do
its unsignalled siblings: they are containers too). A note whose headings show no signal at all
falls back, when its title or path names the event (tags alone are not enough), to the plain rule: the headings of its shallowest level below the title are talks (with
``#`` as that level, only when there are two or more) -- unless the event is one where people work
rather than listen (:func:`is_activity`: a hackathon, a contest, a もくもく会, a reading circle).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, Sequence

__all__ = ["EVENT_TAGS", "event_signals", "is_event_note", "is_activity", "is_narrative", "talk_signals", "is_housekeeping", "is_session_group",
           "talk_sections", "fallback_talks", "may_be_talk", "emphasised_talks", "table_talks", "table_bylines", "link_bylines", "list_timetable_talks", "CellTalk", "names_event", "HeadingLike"]

EVENT_TAGS = {
    "meetup", "meet-up", "conference", "conf", "event", "events", "勉強会", "カンファレンス", "イベント",
    "セミナー", "seminar", "webinar", "ウェビナー", "lt", "lt会", "ミートアップ", "summit", "talk", "talks",
    "登壇", "workshop", "ワークショップ", "study-group", "techtalk",
    "event-report", "eventreport", "event report", "イベントレポート", "参加レポート", "参加記", "勉強会レポート",
    "hackathon", "ハッカソン", "recap",
}
REPORT_TAGS = {"meetup", "meet-up", "conference", "summit", "カンファレンス", "ミートアップ", "lt会", "event-report",
               "eventreport", "event report", "イベントレポート", "参加レポート", "参加記", "勉強会レポート", "recap"}
_ATTENDED = (r"参加(?:しました|してきました|してきた|レポ|報告|記|メモ|ログ|録)|[にへ]\s*参加(?:する|した)(?!い)|"
             r"(?:行|い)って(?:きた|来た|きました|来ました|みた|みました)|聞いてきた|聴いてきた|聴講|登壇(?:しました|してきた|した)|"
             r"\brecap\b|(?:振り返り|ふりかえり)(?![がをはもにの])")  # (not the practice: "振り返りが有効")
_EVENT_WORDS = (r"meetup|meet-up|conference|(?<![.\w])\w*conf\b|summit|kaigi|[a-z]\s(?:day|days)\b|"
                r"(?:dev|jaws|serverless|devops)\s?days?\b|re:?invent|re:?growth|kubecon|cloudnative ?days|jaws|"
                r"\byapc\b|\bpycon|\bccc\b|devsumi|デブサミ|勉強会|カンファレンス|ミートアップ|セミナー|lt会|"
                r"(?<![a-z])lt(?![a-z])|ウェビナー|webinar|(?<![a-z])#\d+|vol\.? ?\d+|第\s?\d+\s?回|techplay|connpass|"
                r"\bnight\b|ナイト|\S祭り?|フェス(?!ト)|festa|hackathon|ハッカソン|記念イベント|オンラインイベント|"
                r"イベント(?:に|へ|参加|レポ|まとめ|報告)|セッション資料")
_EVENT_TITLE = re.compile(_EVENT_WORDS + "|" + _ATTENDED, re.I)
_NOT_EVENT_TITLE = re.compile(r"system events?|day\.?js|イベント(?:駆動|ドリブン|ループ|ハンドラ|ソーシング)|"
                              r"(?:年|月|週|日|期|今年|昨年|去年)\s*の?\s*(?:振り返り|ふりかえり)", re.I)  # a year in review
_READING = re.compile(r"(?<!会)(?:を読んだ|を読む|を読みました|読了|書評)(?!会)")  # a book's "Vol.3" is no event
_EVENT_PATH = re.compile(r"meetup|conference|summit|kubecon|jaws|勉強会|カンファレンス|ミートアップ|セミナー|"
                         r"study ?group|connpass|techplay|event ?report", re.I)


_ACTIVITY = re.compile(r"ハッカソン|hackathon|[\u30a1-\u30fa][カガアン]ソン(?![\u30a1-\u30fc])|(?<![a-z])[a-z]{3,}athon|"
                       r"もくもく|コンペ(?:ティション)?|competition|コンテスト|contest|code\s?retreat|コードリトリート|"
                       r"読書会|輪読会", re.I)
# (not a boot camp or a training camp: their sessions are lectures, and readers file them as talks)


def is_activity(title: str) -> bool:
    """An event where people work rather than listen (a hackathon, a tuning contest, a もくもく会, a
    reading circle: "第4回チューニンガソン", "エッセンシャルスクラム読書会#7"): its report's plain headings are
    what the author did ("topで負荷を見ながらベンチ", "例題", "結果"), not talks; only headings with a
    talk's signals are."""
    return bool(_ACTIVITY.search(unicodedata.normalize("NFKC", title or "")))


class NoteLike(Protocol):
    path: str
    title: str
    tags: list
    metadata: dict


def event_signals(note: NoteLike) -> list[str]:
    """Names of the signals that make a note an event report (empty: not one)."""
    found = []
    labels = list(note.tags) + [str(c) for c in _as_list((getattr(note, "metadata", None) or {}).get("categories"))]
    for tag in labels:
        parts = {tag.lower()} | {p.lower().strip() for p in re.split(r"[/:]", tag)}
        if parts & REPORT_TAGS:
            found.append(f"report-tag:{tag}")
        elif parts & EVENT_TAGS or _EVENT_TITLE.fullmatch(tag.strip()):
            found.append(f"tag:{tag}")
    title = _NOT_EVENT_TITLE.sub(" ", unicodedata.normalize("NFKC", note.title or ""))
    m = None if _READING.search(title) else _EVENT_TITLE.search(title)  # "『WEB+DB PRESS Vol.97』を読んだ"
    if m:
        found.append(f"title:{m.group()}")
    words = _NOT_EVENT_TITLE.sub(" ", re.sub(r"[_\-/.]+", " ", note.path.rsplit(".", 1)[0]).lower())
    if set(words.split()) & EVENT_TAGS or _EVENT_PATH.search(words):
        found.append("path")
    return found


def _as_list(value) -> list:
    """A frontmatter value as a list (a scalar becomes one item, nothing becomes none)."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def names_event(signals: list[str]) -> bool:
    """Whether the evidence names a reported event: the title, the path or a report tag (meetup,
    event-report…). A generic tag alone (event, study-group, workshop) is a weaker hint: authors put
    it on a how-to written after a study group, or on the announcement of their own talk."""
    return any(not s.startswith("tag:") for s in signals)


def is_event_note(note: NoteLike) -> bool:
    """True when the note's tags, categories, title or path say it reports an event."""
    return bool(event_signals(note))


# ---- headings -------------------------------------------------------------------------------------

_HONORIFIC = r"(?<!仕)(?<!多)(?<!同)(?<!模)(?<!異)(?<!皆)(?<!王)様|(?<!たく)(?<!みな)(?<!皆)(?<!おじ)(?<!おば)さん|氏(?![名族])"
TALK_SIGNALS = {
    "time slot": re.compile(r"^\W*\d{1,2}\s*[:：]\s*\d{2}"),
    "by NAME": re.compile(r"(?:^|\s)by\s+\S", re.I),
    "quoted title": re.compile(r"^(?!.*[。！？!?]$).{0,30}(?:『[^』]+』|「[^」]{4,}」)"),
    "speaker in brackets": re.compile(r"[(（【\[][^)）】\]]{1,40}(?:" + _HONORIFIC + r"|株式会社|\(株\)|（株）|社|Inc\.?|Corp\.?"
                                      r"|Ltd\.?|LLC)[^)）】\]]{0,10}[)）】\]]|【[^】]{2,30}】\s*$"),
    "speaker after separator": re.compile(r"\s(?:/|／|\||｜|-|–|—)\s+[^/|｜]{1,40}$"),
    "honorific": re.compile(_HONORIFIC),
    "handle": re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{2,}"),
    "lightning talk": re.compile(r"(?<![A-Za-z])LT\s*[#＃]?\d+|(?<![A-Za-z])LT\s*[:：]|^\W*LT(?![A-Za-z])"),
    "session code": re.compile(r"^\W{0,2}[A-Z]{1,3}\d{1,3}(?:\([A-Z]\))?\s*[:：\]]"),
    "session number": re.compile(r"(?:セッション|session|講演|枠)\s*[#＃]?\s*\d+|\d+\s*コマ目|第\s*\d+\s*部|^[①-⑳]", re.I),
    "keynote": re.compile(r"基調講演|keynote|特別講演|招待講演|スポンサー\s*(?:セッション|LT|講演)|パネル\s*(?:ディスカッション|討論)|"
                          r"ハンズオン|hands-?on|workshop|ワークショップ", re.I),
}
HOUSEKEEPING = re.compile(
    r"^(?:break|coffee break|休憩|lunch|ランチ|お昼|昼食|opening|closing|(?:opening|closing)\s*(?:remarks?|talk)?|"
    r"オープニング|クロージング|開会|閉会|開場|受付|会場|会場案内|告知|お知らせ|諸連絡|連絡事項|はじめに|初めに|始めに|"
    r"さいごに|最後に|おわりに|終わりに|まとめ|感想|所感|雑感|全体(?:的な)?(?:の)?感想|懇親会|懇談会|二次会|2次会|目次|参考|"
    r"参考(?:資料|文献|リンク|url|サイト)|資料|スライド|概要|イベント|イベント概要|開催概要|セミナー概要|内容|情報|イベント情報|おまけ|余談|"
    r"アジェンダ|agenda|タイムテーブル|time ?table|質疑(?:応答)?|q\s?&\s?a|qa|謝辞|宣伝|抽選会|ビアバッシュ|次回|追記|"
    r"関連(?:記事|リンク)?|links?|references?|summary|intro(?:duction)?|conclusion|反省|反省点|所感とか|メモ|"
    r"toc|table of contents|はじめの挨拶|挨拶|ご挨拶|乾杯|写真|会場の様子|当日の様子|動画|動画url|ハッシュタグ|"
    r"なぜ参加したか|参加した理由|参加理由|参加目的|目的|背景|きっかけ|今回の目的|アンケート|事前アンケート"
    r"|開催要項|要項|会場転換|転換|移動|撤収|弁当|お弁当|弁当箱|ブース|展示|スポンサーブース|物販|帰路|帰宅|移動中|朝食|夕食|"
    r"晩御飯|ご飯|(?:お昼|昼|朝|晩|夜)?ごはん|解散|集合|午前中|飲み会|打ち上げ|after ?party|networking|"
    r"開始前|開始後|序盤|中盤|終盤|昼休み|番外編|前夜祭|後夜祭|いきさつ|経緯|今後の(?:目標|予定)|次に向けて|\S{0,6}?感想|"
    r"\S{0,4}?(?:雑感|所感)|\S{0,8}?(?:スライド|資料|写真|議事録)$)(?=$|\W|[をはとのもや、へが]|入り|回収|\d|結果)",
    re.I)
_GROUP = re.compile(
    r"^(?:day\s*\d*|track\s*\w?|room\s*\w?|hall\s*\w?|(?:前半|後半|午前|午後|メイン|サブ|一般|ブレイクアウト|スポンサー)?\s*"
    r"(?:の)?(?:セッション|session)s?(?:一覧|詳細|まとめ|紹介)?|breakout\s*sessions?|講演|講演内容|発表|発表内容|"
    r"lt|lt大会|lt枠|lightning\s*talks?|ライトニング\s*トーク|conference|カンファレンス|\S*トラック\s*\w?|\S*track|"
    r"基調講演|keynotes?|ハンズオン|workshops?|ワークショップ|プログラム|program|sessions? list|\d+\s*日目)"
    r"(?:\s*[(（][^)）]*[)）])?\s*\d*"
    r"(?:\s*[:：-]?\s*(?:\d{4}\s*[年/.-]\s*)?\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?(?:\s*[(（][^)）]{1,3}[)）])?)?$",  # "Day1 2012年9月13日"
    re.I)


_SESSION_WORD = re.compile(r"(?<![A-Za-z])LT(?![A-Za-z])|セッション|session|講演|発表|talk", re.I)


class HeadingLike(Protocol):
    index: int
    level: int
    title: str
    parent: int | None


def _plain(text: str) -> str:
    """A heading's words: NFKC, Markdown link targets, emphasis and escapes dropped, spaces squeezed."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"[\\*_`\[\]#]", "", text)
    return " ".join(text.split())


def talk_signals(title: str) -> list[str]:
    """Names of the talk signals a heading text shows (see :data:`TALK_SIGNALS`)."""
    text = _plain(title)
    bracketed = unicodedata.normalize("NFKC", title).replace("\\", "").strip()  # "[S1] …" keeps its brackets
    return [name for name, pattern in TALK_SIGNALS.items() if pattern.search(bracketed if name == "session code" else text)]


def is_housekeeping(title: str) -> bool:
    """A heading of the event's housekeeping (break, lunch, まとめ, 懇親会…), not a talk. A time slot in
    front ("12:20 Lunch") and a remark after ("お昼：牛タン") do not change that."""
    text = re.sub(r"^\W*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[-~〜～]\s*\d{1,2}\s*[:：]\s*\d{2})?\s*", "", _plain(title))
    text = re.sub(r"^\d+[.)．、]\s*|^\d+\s+", "", text)
    m = HOUSEKEEPING.match(text)
    return bool(m) and not _SESSION_WORD.search(text[m.end():])


_DAY = re.compile(r"^(?:day\s*\d+|\d+\s*日目)\b", re.I)  # "Day1 2012年9月13日": a day of the event, never a talk


def is_session_group(title: str) -> bool:
    """A heading that names a block of sessions ("セッション", "LT大会", "Day2", "Track A", "講演")."""
    return bool(_GROUP.match(_plain(title)))


@dataclass
class _Node:
    heading: HeadingLike
    children: list["_Node"]


_GOES_ON = re.compile(r"^(?:で、|で,|でも、|そして|さて|ところで|結局|つまり|なので|というわけで|ということで)")
_QUESTION = re.compile(r"[?？]\s*$")
_IMPRESSION = re.compile(r"(?:かった|しかった)[!！。]*\s*$")  # "HoloLens がすごかった", "楽しかった"


def is_narrative(title: str) -> bool:
    """A heading of the author's own story rather than a talk's title: a sentence going on from the one
    before ("で、どうだったの", "というわけで今年は", "そしてビーチパーティへ"), a question that names no
    product ("なんでこんなことしたん？", "達成感は？"; a talk may ask "Java 10で何が変わるの？"), or an
    impression ("HoloLens がすごかった"). Only decides for headings without a talk signal."""
    text = _plain(title)
    question = _QUESTION.search(text) and not re.search(r"[A-Za-z]", text)
    return bool(_GOES_ON.match(text) or question or _IMPRESSION.search(text)) and not talk_signals(title)


def may_be_talk(sections: Sequence[HeadingLike], title_index: int | None):
    """The test a heading must pass to be a talk at all: not the note's title, not empty, not
    housekeeping, not a text repeated elsewhere in the note, not a session-group container."""
    counts = Counter(_key(s.title) for s in sections)
    parents = {s.parent for s in sections}

    def test(h: HeadingLike) -> bool:
        t = h.title
        return (h.index != title_index and bool(t.strip()) and not is_housekeeping(t) and counts[_key(t)] == 1
                and not (h.index in parents and is_session_group(t)))
    return test


def talk_sections(sections: Sequence[HeadingLike], title_index: int | None = None, plain_ok: bool = True) -> list[int]:
    """Indexes of the sections that are talks by their signals (see the module docstring), in note order.
    ``plain_ok``: whether a signalled talk's unsignalled siblings are talks too (the title or path names
    the event); without it they need signalled siblings at least as many as they are."""
    nodes = {s.index: _Node(s, []) for s in sections}
    roots: list[_Node] = []
    for s in sections:
        (nodes[s.parent].children if s.parent in nodes else roots).append(nodes[s.index])
    member = may_be_talk(sections, title_index)
    weak: dict[int, set[int]] = {}  # talks of sibling groups signalled less than half, by group
    strong = False  # some sibling group is signalled at least half, twice or more

    def talks_in(group: list[_Node], parent: HeadingLike | None) -> list[int]:
        """Talks among a sibling group and below it."""
        nonlocal strong
        members = [n for n in group if member(n.heading)]
        signalled = {n.heading.index for n in members
                     if talk_signals(n.heading.title) and not is_session_group(n.heading.title)}
        by_parent = parent is not None and is_session_group(parent.title)
        is_talk_group = bool(signalled) or (by_parent and bool(members))
        below = {n.heading.index: talks_in(n.children, n.heading) for n in group}
        containers = any(below[n.heading.index] and n.heading.index not in signalled for n in members)
        plain = plain_ok or by_parent or 2 * len(signalled) >= len(members)
        out, own = [], set()
        for n in group:
            i = n.heading.index
            if is_talk_group and n in members and (i in signalled or (plain and not (below[i] or containers)
                                                                   and not is_narrative(n.heading.title))):
                out.append(i)
                own.add(i)
            else:
                out += below[i]
        if own and not by_parent and parent is not None:
            if 2 * len(signalled) >= len(members) and len(signalled) >= 2:
                strong = True
            elif 2 * len(signalled) < len(members):
                weak[parent.index] = own
        return out

    found = talks_in(roots, None)
    if strong:  # "# 内容" holds "## 1コマ目「…」"…: the few-signalled "## …" under "# 感想" are the author's sections
        found = [i for i in found if not any(i in own for own in weak.values())]
    return sorted(found)


def emphasised_talks(items: Sequence, plain_ok: bool = True) -> list:
    """For an event note with no talk headings: the bold-only lines that stand for talk headings, as
    list timetables and blog exports write them (``* **Title**`` with notes nested below). Of each list
    depth, the candidates that may be talks (not housekeeping, not a session group like "基調講演" or
    "エンタープライズトラック", not repeated); the depth with most of them wins when it has two or more,
    and, as for headings, a plain group needs a title or path naming the event or a talk signal."""
    counts = Counter(_key(it.text) for it in items)
    by_depth: dict[int, list] = {}
    for it in items:
        if not is_housekeeping(it.text) and not is_session_group(it.text) and counts[_key(it.text)] == 1:
            by_depth.setdefault(it.depth, []).append(it)
    if not by_depth:
        return []
    depth = max(by_depth, key=lambda d: (len(by_depth[d]), -d))
    chosen = by_depth[depth]
    if len(chosen) < 2 or not (plain_ok or any(talk_signals(it.text) for it in chosen)):
        return []
    return chosen


@dataclass(frozen=True)
class CellTalk:
    """A talk in a timetable cell: its 0-based body line, the cell's character span on that line,
    the title as written and what follows it (speaker, company), if anything."""

    line: int
    start: int
    end: int
    title: str
    byline: str


_TIME_CELL = re.compile(r"^\W*\d{1,2}\s*[:：]\s*\d{2}(?:\s*\\?[-~〜～–]\s*\d{1,2}\s*[:：]\s*\d{2})?\W*$")
_TITLE_COLUMN = re.compile(r"^(?:タイトル|title|セッション|session|演題|発表|講演|talk|内容|テーマ)", re.I)
_DATE_COLUMN = re.compile(r"^(?:日付|日時|開催日|date|day)$", re.I)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_CELL_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[\s*\]\([^)]*\)|\[[#@][^\]]*\]\([^)]*\)|(?<!\w)[#＃][\w\\]+")
# (images, links that show nothing, tag and handle links, hashtags)
_LEAD_LINK = re.compile(r"^\[(?P<text>(?:[^\[\]]|\[[^\]]*\])+)\]\([^)]*\)")
_LINK_AFTER_TEXT = re.compile(r"(?<=\S)\s+\[[^\]]*\]\([^)]*\)")
_MEDIA = re.compile(r"\[(?:動画|録画|video|youtube|スライド|slides?|資料|アーカイブ)\]\([^)]*\)|(?<!\S)(?:動画|録画|スライド|資料)(?!\S)",
                    re.I)  # a recording or slides beside the title: no speaker


def row_cells(line: str) -> list[tuple[int, int]]:
    """Character spans of a Markdown table row's cells (escaped ``\\|`` does not split a cell)."""
    bars = [i for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\")]
    if not bars:
        return []
    edges = ([-1] if line[:bars[0]].strip() else []) + bars
    if line[bars[-1] + 1:].strip():
        edges.append(len(line))
    return [(a + 1, b) for a, b in zip(edges, edges[1:])]


def split_title(cell: str, latin: bool = False) -> tuple[str, str]:
    """A timetable cell's talk title and the byline after it: a leading link's text, the text before
    "by", the cell's first line (its lines are joined by wide gaps) or the text before the first link
    after the title ("TITLE [動画](…) NAME"; links to recordings and slides are no byline), or the
    text before a trailing person's name (in an English title only when ``latin``, see
    :func:`trailing_names`)."""
    text = _CELL_NOISE.sub(" ", cell).strip()
    m = _LEAD_LINK.match(text)
    if m:
        return m.group("text").strip(), text[m.end():].strip()
    by = re.search(r"\s+by\s+", text)
    if by:
        return text[:by.start()].strip(), text[by.end():].strip()
    parts = re.split(r"\s{3,}", text, maxsplit=1)  # lines of the cell, joined by wide gaps
    link = _LINK_AFTER_TEXT.search(text)
    by_link = bool(link and (len(parts) == 1 or link.start() < len(parts[0])))
    if by_link:
        parts = [text[:link.start()], text[link.start():]]  # "TITLE [動画](…) NAME"
    if len(parts) == 2 and len(parts[0].strip()) >= 4:  # (a cell's first line is all title; the text before a
        title, names = trailing_names(parts[0].strip(), latin) if by_link else (parts[0].strip(), "")  # link may
        return title, " ".join(x for x in (names, _MEDIA.sub(" ", parts[1]).strip()) if x)  # end with a name)
    return trailing_names(text, latin)


def trailing_names(text: str, latin: bool = False) -> tuple[str, str]:
    """``(title, names)``: a text split before the persons' names that end it ("TITLE 山田太郎",
    "TITLE Oleg Šelajev", "TITLE Jane Doe（読み）"); ``(text, "")`` when none does. A Latin name
    ends an English title only when ``latin`` (the table's other cells carry bylines): alone,
    "Modern Java" or "Go plugins" could end one."""
    names = (_TRAILING_NAMES if latin or _CJK.search(text) else _TRAILING_CJK_NAMES).search(text)
    if names and len(text[:names.start()].strip()) >= 3:
        return text[:names.start()].strip(), names.group().strip(" ,、")
    return text, ""


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # in an English title "Modern Java" may end it: no name then
_UPPER, _LOWER = r"[A-ZÀ-ÖØ-ÞĀ-Ž]", r"[a-zß-öø-ÿĀ-ž]"  # Latin names with accents ("Šelajev")
_NAME_READING = r"(?:\s*[(（][^()（）]{0,20}[\u3040-\u30ff\u4e00-\u9fff][^()（）]{0,20}[)）])?"  # "Jane Doe（ジェーン）"
_NAME = r"(?:[一-龥々]{2,5}|" + _UPPER + _LOWER + r"+ " + _UPPER + _LOWER + r"+|[a-z][a-z0-9_]{2,14})" + _NAME_READING
_CJK_NAME = r"[一-龥々]{2,5}" + _NAME_READING
_TRAILING_NAMES = re.compile(r"(?:\s+" + _NAME + r"(?:\s*[,、]\s*" + _NAME + r")*)$")
_TRAILING_CJK_NAMES = re.compile(r"(?:\s+" + _CJK_NAME + r"(?:\s*[,、]\s*" + _CJK_NAME + r")*)$")


def table_talks(rows: Sequence[tuple[int, str]]) -> list[CellTalk]:
    """Talks of a timetable table (``rows``: ``(body line, text)`` of one table, header first): every
    non-empty cell of the title column, or — without one — of every column after a time-slot cell,
    in rows whose first cell is a time slot (continuation rows of a slot count too). Empty when the
    table is no timetable."""
    if len(rows) < 3:
        return []
    header = [rows[0][1][a:b].strip() for a, b in row_cells(rows[0][1])]
    titled = [i for i, h in enumerate(header) if _TITLE_COLUMN.match(_plain(h))]
    data = rows[2:]
    slots = sum(1 for _, text in data if (c := row_cells(text)) and _TIME_CELL.match(text[c[0][0]:c[0][1]].strip()))
    if slots < 2 and (not titled or any(_DATE_COLUMN.match(_plain(h)) for h in header)):
        return []  # a table of events by date is a list of events, not a timetable of talks
    seen = Counter(_key(split_title(text[a:b].strip())[0]) for _, text in data for a, b in row_cells(text))
    bylines = [bool(split_title(text[a:b].strip())[1]) for _, text in data for a, b in row_cells(text)[1:]
               if len(text[a:b].strip()) >= 4]
    latin = 2 * sum(bylines) >= len(bylines) > 0  # most cells name their speakers: so do the English ones
    out = []
    for line, text in data:
        cells = row_cells(text)
        timed = bool(cells) and bool(_TIME_CELL.match(text[cells[0][0]:cells[0][1]].strip()))
        for i, (a, b) in enumerate(cells):
            cell = text[a:b].strip()
            if titled and i not in titled or not titled and timed and i == 0 or len(cell) < 4:
                continue
            title, byline = split_title(cell, latin)
            if seen[_key(title)] > 1 and " " in _CELL_NOISE.sub(" ", cell).strip():  # a label over several cells
                title, byline = " ".join(_MD_LINK.sub(r"\1", _CELL_NOISE.sub(" ", cell)).split()), ""
                # ("Sponsor Session   Example   [TITLE](slides)": the link's text, as a reader sees it)
            if is_housekeeping(cell) or _TIME_CELL.match(cell) or seen[_key(title)] > 1:
                continue  # "アンカンファレンス" in every slot is no talk
            if len(title) >= 4:
                out.append(CellTalk(line, a, b, title, byline))
    return out


def table_bylines(rows: Sequence[tuple[int, str]], titles: Sequence[str]) -> dict[int, str]:
    """Speaker texts a table gives for talks that are headings (a timetable beside the talk headings,
    "Java 14の新機能 by きしだ" in a cell, or a row with a speaker column): ``{index in titles: byline}``."""
    wanted = {_key(t): i for i, t in enumerate(titles)}
    if len(rows) < 3:
        return {}
    header = [rows[0][1][a:b].strip() for a, b in row_cells(rows[0][1])]
    speaker_cols = [i for i, h in enumerate(header) if re.search(r"speaker|登壇|発表者|講演者|スピーカー|講師|所属|company|会社",
                                                                    _plain(h), re.I)]
    out: dict[int, str] = {}
    for _, text in rows[2:]:
        cells = [text[a:b].strip() for a, b in row_cells(text)]
        for cell in cells:
            title, byline = split_title(cell)
            i = wanted.get(_key(title))
            if i is None or i in out:
                continue
            extra = [cells[j] for j in speaker_cols if j < len(cells) and cells[j] and cells[j] != cell]
            found = " / ".join(x for x in [byline, *extra] if x)
            if found:
                out[i] = found
    return out


_LINK_ITEM = re.compile(r"^\[(?P<text>[^\]]{2,200})\]\([^)\s]+(?:\s+\"[^\"]*\")?\)\s*[:：\-–]?\s*(?P<rest>\S.{0,120})$")
_TIME_ITEM = re.compile(r"^\**\s*(?P<slot>\d{1,2}\s*[:：]\s*\d{2}(?:\s*[-~〜～–]\s*\d{1,2}\s*[:：]\s*\d{2})?)"
                        r"\s*\**\s*[|:：]?\s*(?P<rest>\S.*?)\s*$")


class ItemLike(Protocol):
    line: int
    column: int
    text: str


def list_timetable_talks(items: Sequence[ItemLike], plain_ok: bool = True) -> list[CellTalk]:
    """Talks of a timetable written as a list ("- 19:30 Kubernetes運用の話 / 山田 太郎"; ``items``: the
    note's list items, :class:`notegraph.markdown.Item`): the items that begin with a time slot, when two
    or more do (three without a title or path naming the event), except housekeeping ("19:00 開場",
    "20:30 懇親会") and texts repeated; each item's text after the slot is the talk's title, as a
    heading's would be."""
    timed = [(it, m) for it in items if (m := _TIME_ITEM.match(it.text))]
    if len(timed) < (2 if plain_ok else 3):
        return []
    counts = Counter(_key(m.group("rest")) for _, m in timed)
    out = []
    for it, m in timed:
        rest = m.group("rest")
        if len(rest) >= 4 and not is_housekeeping(rest) and counts[_key(rest)] == 1:
            out.append(CellTalk(it.line, it.column + m.start("rest"), it.column + m.end("rest"), rest, ""))
    return out


def link_bylines(items: Sequence[ItemLike], titles: Sequence[str]) -> dict[int, str]:
    """Speaker texts a list of links gives for talks that are headings ("- [Talk title](video URL)
    山田 花子 (Example株式会社)": slides or videos listed with who gave them): ``{index in titles: byline}``,
    the first item naming each title."""
    wanted = {_key(t): i for i, t in enumerate(titles)}
    out: dict[int, str] = {}
    for it in items:
        m = _LINK_ITEM.match(it.text)
        if m is None:
            continue
        i = wanted.get(_key(m.group("text")))
        rest = m.group("rest").strip()
        if i is not None and i not in out and not re.match(r"[\u3040-\u309f]", rest) and "。" not in rest:
            out[i] = rest  # (not a sentence going on after the link: "[…](…) の資料はこちら。")
    return out


def fallback_talks(sections: Sequence[HeadingLike], title_index: int | None = None) -> list[int]:
    """For an event note whose headings show no talk signal, no bold talk lines and no timetable:
    ``##`` headings are talks; with none, ``#`` headings when two or more besides the title; with
    neither, the shallowest deeper level that has two or more."""
    member = may_be_talk(sections, title_index)

    def chosen(level: int) -> list[int]:
        return [s.index for s in sections if s.level == level and member(s) and not is_narrative(s.title)
                and not (_DAY.match(_plain(s.title)) and is_session_group(s.title))]

    if any(s.level == 2 for s in sections):
        return chosen(2)
    for level in sorted({s.level for s in sections if s.index != title_index}):
        if len(chosen(level)) >= 2:
            return chosen(level)
        if level > 1:
            break
    return []


def _key(title: str) -> str:
    """What makes two heading texts "the same" for the repeated-heading rule."""
    return re.sub(r"[\W_]+", "", _plain(title).casefold())
