"""Which company gave each talk of an event note, from the note's own mentions.

A company counts as a talk's presenter when it is named in the talk heading, on a short line right
under it ("時事通信社", "登壇: クラスメソッド", "Speaker: Jane (Example Corp)"), or — for a note with a
single talk — in a frontmatter field such as ``company:`` or ``speaker:``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import Catalog
from ..structure import Structure
from .companies import UNVERIFIED_PREFIX
from .mentions import Mention

__all__ = ["Presenter", "presenters_of", "is_presenter_line", "PRESENTER_LINE"]

PRESENTER_LINE = re.compile(
    r"^\s*(?:[-*+]\s*)?(?:登壇者?|発表者?|スピーカー|speakers?|presenters?|by)?\s*[:：]?\s*", re.I)
PRESENTER_SLACK = 24  # characters besides the company name that a presenter line may carry


@dataclass(frozen=True)
class Presenter:
    """A company that gave a talk (``talk``: the talk's order in its note), with the line that says so."""

    talk: int
    entity_id: str
    line: int
    sentence: str
    rule: str


def kind_of(catalog: Catalog, entity_id: str) -> str:
    """The kind of a catalog entity or of a proposed company."""
    return "company" if entity_id.startswith(UNVERIFIED_PREFIX) else catalog[entity_id].kind


def presenters_of(s: Structure, mentions: list[Mention], catalog: Catalog) -> list[Presenter]:
    """Presenting companies of each talk of a note, in the order the graph adds them (one per pair)."""
    found: dict[tuple[int, str], Presenter] = {}
    companies = [m for m in mentions if kind_of(catalog, m.entity_id) == "company"]
    if len(s.talks) == 1:  # a presenter field names the company of the note's one talk
        for m in companies:
            if m.origin == "presenter_field":
                found.setdefault((s.talks[0].order, m.entity_id), Presenter(
                    s.talks[0].order, m.entity_id, m.line, m.sentence, "company in a frontmatter presenter field"))
    first_line = first_lines_under_talks(s)
    line_text = {seg.line: seg.text for seg in s.segments}
    for t in s.talks:
        for m in companies:
            if m.origin == "presenter_field" or s.talk_of(m.section) is not t:
                continue
            if m.line == t.line:
                rule = "company in talk heading"
            elif first_line.get(t.order) == m.line and is_presenter_line(line_text[m.line], m):
                rule = "company on the line under the talk heading"
            else:
                continue
            found.setdefault((t.order, m.entity_id), Presenter(t.order, m.entity_id, m.line, m.sentence, rule))
    return list(found.values())


def first_lines_under_talks(s: Structure) -> dict[int, int]:
    """For each talk (by order), the file line of the first prose line right below its heading."""
    talk_at = {t.line: t.order for t in s.talks}
    out, pending = {}, None
    for seg in s.segments:
        if seg.heading:
            pending = talk_at.get(seg.line)
        elif pending is not None:
            out[pending] = seg.line
            pending = None
    return out


def is_presenter_line(line: str, m: Mention) -> bool:
    """A short line that is mostly the company's name (maybe with a speaker's name or '登壇:'),
    not a sentence that happens to name a company."""
    rest = PRESENTER_LINE.sub("", " ".join(line.split()), count=1).replace(m.surface, "", 1)
    return len(rest) <= PRESENTER_SLACK and not re.search(r"[。．！？!?]|です|ます|した", rest)
