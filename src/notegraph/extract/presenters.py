"""Who gave each talk of an event note: speakers (names as written) and the organisations they came from.

Where people write it (shapes seen across several authors' reports):

* **the heading itself**: a speaker or company in brackets ("… (Exampleさん)", "…【株式会社Example】"),
  after a separator ("title / 山田 太郎", "title | Jane Doe - Example Inc."), before an honorific
  ("平塚様：title", "Example 原さん", "…by AWSJ 山田様"), "by NAME", an @handle;
* **the first lines under the heading**: "登壇者: …", "Speaker: Jane (Example Corp)", "（Example 伊藤 氏）",
  "[name](…)(株式会社Example 開発部)", "ExampleのNAMEさん";
* **a frontmatter field** (``company:``, ``speaker:``) of a note with one talk.

A company is taken from such a speaker text (:mod:`.affiliations` decides what names one) when the catalog knows it (a catalog mention on the line,
or the text in a company slot naming a catalog company), when a corporate marker delimits it
(株式会社/(株)/Inc./Co., Ltd.…, dropped from the label), or when it fills the company slot of
"NAME - COMPANY", "NAME (COMPANY)" or "COMPANYのNAMEさん". "AWS" in a company slot means the company
(Amazon Web Services Japan when the catalog has it), though "AWS" alone in prose is no entity. An
affiliation the catalog lacks becomes a proposed company (``verified=False``, ``source="affiliation"``);
never a person's name, a handle, a user group (JAWS-UG, Ops-JAWS…), a role, 個人 or freelance.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..catalog import Catalog
from ..structure import Segment, Structure, Talk, WebLink
from . import companies
from .affiliations import ROLE, drop_roles, looks_like_person, name_key, resolve_company
from .mentions import Mention, kind_of, proposed

__all__ = ["Presenter", "Speaker", "SpeakerText", "presenters_and_speakers", "affiliations_of", "parse_speaker_text",
           "is_presenter_line", "PRESENTER_LINE"]

PRESENTER_LINE = re.compile(
    r"^\s*(?:[-*+]\s*)?(?:登壇者?|発表者?|講師|スピーカー|speakers?|presenters?|by)\s*[:：]\s*", re.I)
PRESENTER_SLACK = 24  # characters besides the company name that a presenter line may carry
MAX_SPEAKER_LINE = 120  # a line under a heading longer than this is prose, not a speaker line
_HONORIFIC = r"(?:様|さん|氏|先生)"
_NOT_NAME_BEFORE = re.compile(r"(?:みな|皆|たく|おじ|おば|お客|お姉|お兄|おねえ|おにい|お父|お母|娘|仕|多|同|模|異)$")
_SEP = re.compile(r"\s+(?:\||｜|/|／|-|–|—|－)\s+|\s*(?:\||｜)\s*")
_BRACKET = re.compile(r"[(（【]([^()（）【】]{1,80})[)）】]")
_QUOTED = re.compile(r"『[^』]*』|「[^」]*」|\"[^\"]*\"|“[^”]*”")
_HANDLE = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{2,}")
_FIRM_AND_NAME = re.compile(r"^[A-Za-z][\w.&-]*(?:\s[A-Za-z][\w.&-]*){0,2}\s+[一-龥々]{1,4}(?:\s?[一-龥々ぁ-ん]{1,4})?$")
# "(ExampleCo 井上)": a Latin company name, then a person's kanji name
_BARE_HANDLE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+_?|[a-z]+\d+[a-z0-9]*")  # "tanaka_k", "kazu88": no word
_BY = re.compile(r"(?:^|\s)by\s+(.+)$", re.I)
SEPARATED_RULES = ("company in brackets with the speaker", "company after the speaker", "company before the speaker")
WEAK_RULE = "text before the speaker"  # a heading's title may sit there: only a known or marked company counts


@dataclass(frozen=True)
class Presenter:
    """A company that gave a talk (``talk``: the talk's order in its note), with the line that says so."""

    talk: int
    entity_id: str
    line: int
    sentence: str
    rule: str


@dataclass(frozen=True)
class Speaker:
    """A person (or handle) who gave a talk, as the note writes the name."""

    talk: int
    name: str
    line: int


@dataclass(frozen=True)
class SpeakerText:
    """What one speaker text says: speakers' names, and company names as written (with the slot rule)."""

    speakers: tuple[str, ...] = ()
    companies: tuple[tuple[str, str], ...] = ()  # (name as written, rule)


_PROFILE_HOSTS = {"twitter.com", "x.com", "github.com", "facebook.com", "instagram.com", "qiita.com", "zenn.dev",
                  "speakerdeck.com", "note.com"}


def profile_handles(links: list[WebLink]) -> set[str]:
    """The one-word texts of links to personal profiles ("( [Exhandle](https://twitter.com/Exhandle) )"):
    handles, never companies ("github:Example" is "Example"). A link whose text has spaces is the person's
    name ("[Koji Sample](https://github.com/ksample)")."""
    return {link.text.split(":")[-1].strip().lstrip("@").casefold() for link in links
            if link.host in _PROFILE_HOSTS and len(link.path) == 1 and link.text and " " not in link.text
            and len(link.text) <= 40}


def _clean(text: str) -> str:
    """Markdown link targets, emphasis, reference numbers and escapes out; tabs (timetable cells) as
    " | "; NFKC; spaces squeezed."""
    text = unicodedata.normalize("NFKC", text.replace("\t", " | "))
    text = re.sub(r"^\s*(?:>\s*)+|^\s*(?:[-*+]|\d+[.)])\s+", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)  # Markdown escapes: "opengl\_8080" is "opengl_8080"
    text = re.sub(r"\]\[[^\]]*\]", "]", text)
    text = re.sub(r"\]\([^)\s]*[/.:#][^)\s]*\)", "]", text)
    text = re.sub(r"[\\*`\[\]#]|<[^>]+>|(?<!\w)_+|_+(?!\w)", " ", text)
    return " ".join(text.split())


def _strip_honorific(text: str) -> str:
    return re.sub(r"\s*" + _HONORIFIC + r"\s*$", "", text).strip(" :：、,")


def _name_and_company(part: str) -> tuple[str, str]:
    """Split "Company Role NAME" / "Company NAME" into (name, company) at the person's name at its end:
    one or two short kanji/kana words, or two capitalised Latin words."""
    part = _strip_honorific(part.split("/")[-1].split("／")[-1])
    words = part.split()
    while len(words) > 1 and ROLE.fullmatch(words[-1]):  # "(Example LLC デザイナー)": the role is no name
        words.pop()
    part = " ".join(words)
    if len(words) >= 3 and all(re.fullmatch(r"[A-Z][A-Za-z.'-]*", w) for w in words[-2:]):
        return " ".join(words[-2:]), " ".join(words[:-2])
    if len(words) >= 2 and all(re.fullmatch(r"[一-龥々ぁ-んァ-ヶー]{1,5}", w) for w in words[-2:]) and len(words) >= 3:
        return " ".join(words[-2:]), " ".join(words[:-2])
    if len(words) >= 2 and re.fullmatch(r"[一-龥々ぁ-んァ-ヶー]{1,5}", words[-1]):
        return words[-1], " ".join(words[:-1])
    m = re.search(r"([一-龥々]{1,4}\s?[一-龥々ぁ-ん]{0,4})$", part)
    if m and m.start() > 0 and ROLE.search(part[:m.start()]):  # "エバンジェリスト井上 章"
        return m.group(1), part[:m.start()]
    return part, ""


def parse_speaker_text(text: str, heading: bool) -> SpeakerText:
    """Speakers and company names in a heading (``heading``) or a short line under one."""
    text = _clean(text)
    if not heading:
        text = PRESENTER_LINE.sub("", text, count=1)
    speakers: list[str] = []
    found: list[tuple[str, str]] = []
    body = _QUOTED.sub(" ", text) if heading else text
    for m in _BRACKET.finditer(body):  # "(Exampleさん)", "【株式会社Example】", "(Example Corp)"
        inner = m.group(1).strip()
        if re.search(_HONORIFIC + r"\s*$", inner) or companies.MARKER.search(inner) or not heading or _FIRM_AND_NAME.match(inner):
            first, *more = re.split(r"\s*、\s*", inner)  # "(Example 山田 太郎 氏、鈴木 一郎 氏)"; "," is in "Example,Inc."
            name, company = _name_and_company(first)
            if company:
                speakers.append(name)
                speakers += [_strip_honorific(x) for x in more if looks_like_person(_strip_honorific(x))]
                found.append((company, "company in brackets with the speaker"))
            else:  # after a speaker's handle or name ("NAME @handle (Example Fukuoka)"), the brackets hold the company
                before = re.split(r"\s*(?:\||｜|/|／|:|：)\s*", body[:m.start()].rstrip())[-1].strip()
                with_speaker = bool(_HANDLE.search(before))  # (a name alone may be followed by its reading)
                found.append((_strip_honorific(inner),
                              "company in brackets with the speaker" if with_speaker else "speaker or company in brackets"))
    pair = NAME_AND_HANDLE.fullmatch(text)
    if pair:  # "谷本 心 (@cero_t)": the name, with its handle beside it
        return SpeakerText((pair.group("name"),), ())
    for m in _HANDLE.finditer(text):
        speakers.append(m.group())
    parts = [p.strip() for p in _SEP.split(_BRACKET.sub(" ", body)) if p.strip()]
    tail = parts[1:] if heading else parts
    for i, part in enumerate(tail):  # "title | NAME - COMPANY", "title / NAME", "COMPANY-A / COMPANY-B"
        if len(part) > 40 or re.search(_HONORIFIC, part):
            continue
        if heading and _HANDLE.search(part):  # "title / ExampleCo / name123 @name": the speaker, whose company
            before = tail[i - 1] if i else ""  # is the part before, if any
            if before and len(before.split()) <= 3 and not (looks_like_person(before) or _BARE_HANDLE.fullmatch(before)):
                found.append((before, "company before the speaker"))
            continue
        people = [x.strip() for x in re.split(r"\s*(?:&|＆|,|、| and )\s*", part) if x.strip()]
        before_last = heading and i < len(tail) - 1  # ("title / handle / COMPANY": the company comes last)
        if all(looks_like_person(x) or _HANDLE.fullmatch(x) or before_last and _BARE_HANDLE.fullmatch(x) for x in people):
            speakers += people
        elif heading and _BARE_HANDLE.fullmatch(part):
            speakers.append(part)  # "title / tanaka_k": a handle, never a company
        elif not heading or (i == len(tail) - 1 and (len(part.split()) <= 3 or companies.MARKER.search(part))):
            part = re.sub(r"(?<=[A-Za-z])\s+\d{1,3}$", "", part)  # "Example 8": a number after the name is no part of it
            found.append((part, "company after the speaker" if i and speakers else "speaker or company after a separator"))
    plain = _BRACKET.sub(" ", body)
    for m in re.finditer(r"((?:[一-龥々]{1,4}\s|[A-Z][a-z]+\s(?=[A-Z]))?[^\s、,/|:：()（）「」『』]{1,20})\s?"
                         + _HONORIFIC + r"(?![A-Za-z])", plain):
        name = m.group(1)
        if _NOT_NAME_BEFORE.search(name) or name.startswith("@"):
            continue
        before = plain[:m.start()].rstrip()
        owner = re.search(r"(\S+?)の\s?$", before)
        if owner:  # "ExampleのNAMEさん"
            found.append((owner.group(1), "company of the speaker (の)"))
        elif before:
            cut = re.split(r"\s*(?:\||｜|/|／|-|–|—|:|：|、)\s*|\sby\s", before)
            last = cut[-1].strip()
            if last and len(last) <= 40 and not _QUOTED.search(last):  # with the title quoted apart ("ORG NAMEさん
                titled = heading and bool(_QUOTED.search(text))  # 『TITLE』"), the text before the name is no title
                found.append((last, "company before the speaker" if len(cut) > 1 or not heading or titled else WEAK_RULE))
        speakers.append(name)
    for m in _BRACKET.finditer(body):  # "NAME (Company)": the name before a company in brackets
        pre = re.split(r"\s*(?:\||｜|/|／|-|–|—|:|：)\s*", body[:m.start()].rstrip())[-1].strip()
        if pre and companies.MARKER.search(m.group(1)) and len(pre) <= 20 and (looks_like_person(pre) or not heading):
            speakers.append(_strip_honorific(pre))  # "山田さん(株式会社Example)": 山田
    by = _BY.search(body)
    if by and len(by.group(1)) <= 40:
        name, company = _name_and_company(by.group(1).strip())
        found.append((company or name, WEAK_RULE))  # "… by example Jane Doe": a known or marked company only
        if company:
            speakers.append(name)
    firsts = {}
    for name, rule in found:
        firsts.setdefault(name, rule)
    return SpeakerText(tuple(dict.fromkeys(s for s in speakers if s)), tuple(firsts.items()))


_SPEAKER_COLUMN = re.compile(r"speaker|登壇者|発表者|講演者|スピーカー|講師|presenter|^name$|氏名", re.I)
_COMPANY_COLUMN = re.compile(r"company|所属|会社|affiliation|organi[sz]ation|企業|団体", re.I)


def cells(row: str) -> list[str]:
    """The cells of a Markdown table row."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table_headers(s: Structure) -> dict[int, list[str]]:
    """For every table line of a note, the header cells of its table (the first row of its run of
    table lines), computed in one pass."""
    out: dict[int, list[str]] = {}
    header, last = None, None
    for seg in s.segments:
        if not seg.text.lstrip().startswith("|"):
            header = None
            continue
        if header is None or last is None or seg.line > last + 1:
            header = cells(seg.text)
        out[seg.line], last = header, seg.line
    return out


def table_speakers(seg: Segment, header: list[str]) -> SpeakerText:
    """Speakers and companies from a table row, by the header's speaker and company columns."""
    row = cells(seg.text)
    if row == header or len(row) != len(header) or all(re.fullmatch(r":?-+:?", c) for c in row):
        return SpeakerText()
    speakers, firms = [], [(_clean(c), "company column of a speakers table")
                           for h, c in zip(header, row) if _COMPANY_COLUMN.search(h) and c]
    for h, c in zip(header, row):
        if _SPEAKER_COLUMN.search(h) and c:
            for person in re.split(r"\s*(?:,|、|&|/)\s*", _clean(c)):
                inner = parse_speaker_text(person, heading=False) if _BRACKET.search(person) else None
                speakers += list(inner.speakers) if inner else [person]
                firms += list(inner.companies) if inner else []
    return SpeakerText(tuple(x for x in speakers if x.strip()), tuple(firms))


BYLINE = "\x00byline:"  # marks the byline of a timetable talk among its speaker lines


def parse_byline(text: str) -> SpeakerText:
    """The names after a timetable talk's title ("山田太郎", "Jane Doe, jdoe", "山田 (株式会社Example)"):
    speakers, and companies only in brackets or with a corporate marker."""
    parsed = parse_speaker_text(text, heading=True)
    first = _SEP.split(_BRACKET.sub(" ", _clean(text)))[0]
    people = [x.strip() for x in re.split(r"\s*(?:&|＆|,|、| and )\s*", first) if x.strip()]
    names = [x for x in people if looks_like_person(x) or _HANDLE.fullmatch(x) or re.fullmatch(r"[a-z][a-z0-9_]{2,14}", x)]
    return SpeakerText(tuple(dict.fromkeys(list(parsed.speakers) + names)), parsed.companies)


def speaker_lines(t: Talk, own: list[Segment]) -> list[Segment]:
    """The heading of a talk and the short lines among the first six right under it (before any
    sub-heading): where reports name the speaker and their company. ``own``: the segments of the
    talk's own section, in order (its heading first)."""
    if not own or not own[0].heading:
        return []
    out = [own[0]] + ([Segment(own[0].line, BYLINE + t.byline, own[0].section)] if t.byline else [])
    return out + [seg for seg in own[1:7] if not seg.heading and len(seg.text.strip()) <= MAX_SPEAKER_LINE
                  and not re.search(r"[。．]\s*$", seg.text)]


def is_speaker_line(text: str) -> bool:
    """A line under a heading that introduces the speaker, not a sentence about the talk."""
    text = _clean(text)
    return bool(PRESENTER_LINE.match(text) or re.fullmatch(r"[(（][^()（）]*[)）]", text)
                or re.search(r"[(（][^)）]*(?:" + companies.MARKER.pattern + r")", text)
                or (len(text) <= 60 and re.search(r"\S" + _HONORIFIC + r"\s*$", text))
                or (len(text) <= 80 and companies.MARKER.search(text) and not re.search(r"[。]|です|ます|した", text))
                or bool(NAME_AND_HANDLE.fullmatch(text))
                or bool(len(text) <= 80 and re.search(_HANDLE.pattern + r"\s*[(（][^)）]{2,40}[)）]\s*$", text)))
    # (the last: "NAME @handle (Example Fukuoka)", the company after the speaker's handle)


NAME_AND_HANDLE = re.compile(r"(?P<name>[^\s()（）@]{1,12}(?: [^\s()（）@]{1,12})?)\s*[(（]\s*(?P<handle>@[A-Za-z0-9_]{2,})\s*[)）]")


def affiliations_of(s: Structure, mentions: list[Mention], catalog: Catalog,
                    names: set[str]) -> tuple[list[Presenter], list[Speaker], list[Mention]]:
    """Presenters, speakers and newly proposed affiliation companies of every talk of a note."""
    found = _Found({}, {}, {})
    by_line: dict[tuple[int, int | None], list[Mention]] = {}  # (line, section): a timetable row holds several talks
    for m in mentions:
        if m.origin in ("text", "proposed"):
            by_line.setdefault((m.line, m.section), []).append(m)
    by_section: dict[int | None, list[Segment]] = {}
    for seg in s.segments:
        by_section.setdefault(seg.section, []).append(seg)
    headers = table_headers(s)
    web_links: dict[int, list[WebLink]] = {}
    for link in s.web_links:
        web_links.setdefault(link.line, []).append(link)
    for t in s.talks:
        for seg in speaker_lines(t, by_section.get(t.section, [])):
            heading = seg.heading
            where = "talk heading" if heading else "line under the talk heading"
            on_line = by_line.get((seg.line, seg.section), [])
            for m in on_line:
                if kind_of(catalog, m.entity_id) == "company" and (heading or is_presenter_line(seg.text, m)
                                                                   or is_speaker_line(seg.text)):
                    found.presenter(Presenter(t.order, m.entity_id, seg.line, m.sentence, f"company in {where}"))
            if seg.text.startswith(BYLINE):
                parsed = parse_byline(seg.text[len(BYLINE):])
            elif seg.line in headers and seg.text.lstrip().startswith("|"):
                parsed = table_speakers(seg, headers[seg.line])
            elif heading or is_speaker_line(seg.text):
                parsed = parse_speaker_text(seg.text, heading)
            else:
                continue
            for name in parsed.speakers:
                found.speakers.setdefault((t.order, name), Speaker(t.order, name, seg.line))
            handles = profile_handles(web_links.get(seg.line, []))
            for whole, rule in parsed.companies:
                if whole.split(":")[-1].strip().lstrip("@").casefold() in handles:
                    continue  # "( [Exhandle](https://twitter.com/Exhandle) )": the speaker's handle
                for text in re.split(r"\s*(?:/|／)\s*", whole):  # "ExampleA / ExampleB / AWS": three
                    found.affiliation(t, seg, text, f"{rule} ({where})", on_line,
                                      *resolve_company(text, catalog, names, propose=rule != WEAK_RULE,
                                                       separated=rule in SEPARATED_RULES))
        own = by_section.get(t.section, [])
        sponsor = sponsor_of(t.title)
        if sponsor and own and own[0].heading:  # "Sponsor Session   Example Co": the sponsor gave it
            found.affiliation(t, own[0], sponsor, "sponsor named in the talk's title", by_line.get((own[0].line, t.section), []),
                              *resolve_company(sponsor, catalog, names, separated=True))
        for seg, m in prose_presenters(own, by_line, catalog):
            found.presenter(Presenter(t.order, m.entity_id, seg.line, m.sentence, "company of the speaker (prose)"))
    companies_of = {(p.talk, name_key(new[1])) for p in found.presenters.values() if (new := proposed(p.entity_id))}
    speakers = [sp for sp in found.speakers.values() if (sp.talk, name_key(sp.name)) not in companies_of]
    named = {(sp.talk, sp.line) for sp in speakers if not sp.name.startswith("@")}
    speakers = [sp for sp in speakers if not (sp.name.startswith("@") and (sp.talk, sp.line) in named)]  # a name beats
    # the handle written beside it ("増田亨 @masuda220" is one person)
    return list(found.presenters.values()), speakers, list(found.proposals.values())


_SPONSOR = re.compile(r"^(?:sponsor(?:ed)?\s*(?:session|talk|lt)s?|スポンサー\s*(?:セッション|LT|トーク|枠))\s*[:：\-–|/]?\s*"
                      r"(?P<name>[^\s「『\[(（【][^「『\[(（【]*?)(?:\s{2,}|\s*[「『\[]|$)", re.I)


def sponsor_of(title: str) -> str | None:
    """The sponsor a sponsor session's title names ("Sponsor Session   Example Co", "スポンサーLT: Example"):
    one to three capitalised, katakana or kanji words, not the start of a title ("Building great APIs")."""
    m = _SPONSOR.match(unicodedata.normalize("NFKC", title).strip())
    if not m:
        return None
    words = m.group("name").split()
    if not 1 <= len(words) <= 3 or any(re.match(r"[a-z]", w) or re.search(r"[ぁ-ん]", w) for w in words):
        return None
    return " ".join(words)


_GIVES = re.compile(r"^\s*(?:[(（][^()（）]{1,16}[)）]|\s?[A-Z]{2,4})?(?:\s*の\s?|\s+)[^\s、。,()（）「」『』]{1,8}(?:\s[^\s、。,()（）「」『』]{1,6})?\s?"
                    + _HONORIFIC + r"\s*(?:による|から|が(?:登壇|発表|講演|話|お話)|の(?:発表|講演|セッション|話|お話|LT))")


_FIRM_GIVES = re.compile(r"^\s?(?:さん|様)\s*(?:から(?:の)?\s*(?:参加|登壇|発表|講演)|による|の(?:発表|講演|セッション|LT))")
# the company itself called さん/様: "Exampleさんからの参加です", "Exampleさんによる事例紹介"


def prose_presenters(own: list[Segment], by_line: dict, catalog: Catalog) -> list[tuple[Segment, Mention]]:
    """Companies whose person gives the talk, in the first prose lines under its heading: "株式会社
    Example(EX)の山田さんによる…", "Example SREの山田様から…", "Exampleの山田さんの発表", "Example 井上さんの
    発表" (a known or proposed company right before "(の)NAMEさん", maybe with its short name or team, and a
    word of giving),
    or the company itself so called: "Exampleさんからの参加です", "Exampleさんによる事例紹介"."""
    out = []
    for seg in [x for x in own[1:] if not x.heading][:3]:
        for m in by_line.get((seg.line, seg.section), []):
            at = seg.text.find(m.surface)
            rest = seg.text[at + len(m.surface):]
            if at >= 0 and kind_of(catalog, m.entity_id) == "company" and (_GIVES.match(rest) or _FIRM_GIVES.match(rest)):
                out.append((seg, m))
    return out


@dataclass
class _Found:
    """What :func:`affiliations_of` has found so far, one entry per (talk, thing)."""

    presenters: dict
    speakers: dict
    proposals: dict

    def presenter(self, p: Presenter) -> None:
        self.presenters.setdefault((p.talk, p.entity_id), p)

    def affiliation(self, t: Talk, seg: Segment, text: str, rule: str, on_line: list[Mention],
                    entity_id: str | None, new: bool) -> None:
        """A company named in a talk's speaker text: a presenter, and a mention of it on that line
        unless the line already has one (a proposal when the catalog lacks it)."""
        if entity_id is None:
            return
        sentence = " ".join(seg.text.split())
        self.presenter(Presenter(t.order, entity_id, seg.line, sentence, rule))
        if new or not any(m.entity_id == entity_id for m in on_line):
            self.proposals.setdefault((entity_id, seg.line), Mention(  # the name as written, with its corporate
                entity_id, drop_roles(companies.marked_part(text.strip())), seg.line, t.section, sentence,
                origin="affiliation"))  # marker (an alias: "SRA OSS, Inc."), without roles and departments


def presenters_and_speakers(s: Structure, mentions: list[Mention], catalog: Catalog,
                            names: set[str] = frozenset()) -> tuple[list[Presenter], list[Speaker], list[Mention]]:
    """Presenters (frontmatter field of a one-talk note first, then speaker texts), speakers, proposals."""
    found: dict[tuple[int, str], Presenter] = {}
    if len(s.talks) == 1:  # a presenter field names the company of the note's one talk
        for m in mentions:
            if m.origin == "presenter_field" and kind_of(catalog, m.entity_id) == "company":
                found.setdefault((s.talks[0].order, m.entity_id), Presenter(
                    s.talks[0].order, m.entity_id, m.line, m.sentence, "company in a frontmatter presenter field"))
    presenters, speakers, proposals = affiliations_of(s, mentions, catalog, names)
    for p in presenters:
        found.setdefault((p.talk, p.entity_id), p)
    host = host_company(s, mentions, catalog)
    if host is not None:  # a company's own conference: its talks are the company's unless one says otherwise
        given = {p.talk for p in found.values()}
        for t in s.talks:
            if t.order not in given:
                found[(t.order, host.entity_id)] = Presenter(t.order, host.entity_id, host.line, host.sentence,
                                                             "host of the company's own conference (title)")
    return list(found.values()), speakers, proposals


_OWN_CONFERENCE = re.compile(r"^\s*(?:Tech\s*Conf(?:e[a-z]{4,6})?|TechCon|Developers?\s*Conf(?:e[a-z]{4,6})?|DevCon|Tech\s*Day|"  # "Conferecne" too
                             r"Developers?\s*Day|Engineering\s*Day|Tech\s*Festa?|Tech\s*Meetup|技術カンファレンス|"
                             r"テックカンファレンス)\b", re.I)


def host_company(s: Structure, mentions: list[Mention], catalog: Catalog) -> Mention | None:
    """The company whose own engineering conference the note reports ("Example TechConf 2018",
    "Example Tech Conference"): a company named in the title right before such words."""
    title = unicodedata.normalize("NFKC", s.note.title or "")
    for m in mentions:
        if m.origin != "title" or kind_of(catalog, m.entity_id) != "company":
            continue
        at = title.find(unicodedata.normalize("NFKC", m.surface))
        if at >= 0 and _OWN_CONFERENCE.match(title[at + len(m.surface):]):
            return m
    return None


def is_presenter_line(line: str, m: Mention) -> bool:
    """A short line that is mostly the company's name (maybe with a speaker's name or '登壇:'),
    not a sentence that happens to name a company."""
    rest = PRESENTER_LINE.sub("", " ".join(line.split()), count=1).replace(m.surface, "", 1)
    return len(rest) <= PRESENTER_SLACK and not re.search(r"[。．！？!?]|です|ます|した", rest)
