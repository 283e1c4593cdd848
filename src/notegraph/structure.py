"""Stage 2, structure: headings become sections, event notes' headings become talks, and every
body line becomes *prose* — the text NLP may read — with code, URLs, link targets and HTML masked.

Block structure (headings, fenced and indented code, HTML blocks, reference definitions) is read by
the CommonMark parser in :mod:`notegraph.markdown`, the same one the title fallback uses; inline
masking stays per line here. Masking replaces characters with spaces instead of deleting them, so
character offsets and line numbers in the prose are those of the file; evidence and positions stay exact.

Which notes are event reports and which headings are their talks is decided in
:mod:`notegraph.talks`, where every signal lives; a talk's deeper headings belong to it, and the
next talk or a heading at its level or above ends it.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit
from dataclasses import dataclass, field

from .markdown import Blocks, blocks_of
from .notes import Note
from .talks import (CellTalk, emphasised_talks, event_signals, fallback_talks, is_activity, is_event_note, names_event,
                    link_bylines, list_timetable_talks, table_bylines, table_talks, talk_sections)

__all__ = ["Section", "Talk", "Segment", "Link", "WebLink", "Structure", "structure_of", "is_event_note", "prose_of_line"]

_INLINE_CODE = re.compile(r"(`+)(.*?)\1")
_ENTITIES = re.compile(r"(?:&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|(?!lt;|gt;)[A-Za-z][A-Za-z0-9]{1,7});)+|[-=]&gt;|&lt;-")
# (&lt; and &gt; stay escaped but in arrows: decoded, "&lt;/a&gt;" would read as a tag cut by padding)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"(?<!\])\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
# (not right after "]": in "[NAME][4](Example株式会社)" "[4]" is a reference label and the brackets are text)
_WIKILINK = re.compile(r"!?\[\[([^\]|#\n]*)(#[^\]|\n]*)?(?:\|([^\]\n]*))?\]\]")
_URL = re.compile(r"<?(?:https?|ftp|file|mailto|javascript|data):[^\s<>()\[\]「」、。]*>?|\bwww\.[^\s<>()]+", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")  # Jekyll/Octopress liquid tags, Hugo shortcodes
_INLINE_PRE = re.compile(r"<(pre|script|style|textarea)\b[^>]*>.*?</\1\s*>", re.I)  # code a blog export wrote inside a line
_BLOCK_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)  # in an HTML block: to its end when unclosed
_INLINE_COMMENT = re.compile(r"<!--.*?-->", re.S)  # in a paragraph: only a closed one is a comment


@dataclass
class Section:
    """A heading: its level, text as written (without ``#``), file line and enclosing section."""

    index: int
    level: int
    title: str
    line: int
    parent: int | None
    talk: int | None = None  # index into Structure.talks when the section is (inside) a talk


@dataclass
class Talk:
    """A talk of an event note: one heading of the talk level, with its order in the note."""

    order: int
    title: str
    level: int
    line: int
    section: int
    byline: str = ""  # speaker text found beside the title (a timetable cell's "NAME" after the title)


@dataclass
class Segment:
    """One body line as prose (masked), with its file line and the section it belongs to."""

    line: int
    text: str
    section: int | None
    heading: bool = False


@dataclass
class Link:
    """A link found in prose: ``target`` as written (decoded), shown ``text``, kind md|wiki."""

    target: str
    text: str
    line: int
    kind: str
    heading: str = ""


@dataclass
class WebLink:
    """A link to the web on a prose line (Markdown or an HTML anchor): shown ``text``, ``url``, file
    ``line``, and the URL's ``host`` (without "www.") and non-empty ``path`` segments."""

    text: str
    url: str
    line: int
    host: str = ""
    path: tuple[str, ...] = ()


@dataclass
class Structure:
    """Everything later stages need of a note's Markdown."""

    note: Note
    sections: list[Section] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    web_links: list[WebLink] = field(default_factory=list)  # where proposals and speaker rules read link targets
    is_event: bool = False

    def talk_of(self, section: int | None) -> Talk | None:
        """The talk a section belongs to, if any (negative indexes mark metadata such as the title)."""
        if section is None or section < 0:
            return None
        index = self.sections[section].talk
        return None if index is None else self.talks[index]


def structure_of(note: Note, html_headings: bool = True) -> Structure:
    """Parse a note's body into sections, talks, prose segments and links.

    Headings, code and HTML blocks come from the CommonMark parser (:mod:`notegraph.markdown`); code
    lines, link reference definitions and setext underlines are not prose. ``<h1>``…``<h6>`` in HTML
    blocks (blog exports) are sections too unless ``html_headings`` is off.
    """
    signals = event_signals(note)
    s = Structure(note=note, is_event=bool(signals))
    raw_lines = note.body.split("\n")
    blocks = blocks_of(note.body)
    headings = [h for h in blocks.headings if html_headings or h.source != "html"]
    stack: list[Section] = []  # open sections, shallowest first
    starts: dict[int, list[tuple[int, str]]] = {}  # line offset -> [(section index, title)]
    skip = blocks.code | blocks.definitions
    for h in headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        sec = Section(len(s.sections), h.level, h.text, note.body_line + h.line, stack[-1].index if stack else None)
        s.sections.append(sec)
        stack.append(sec)
        starts.setdefault(h.line, []).append((sec.index, h.text))
        if h.source != "html":
            skip.update(range(h.line + 1, h.end))  # setext text lines after the first, and the underline
    cells: dict[int, list[tuple[int, CellTalk]]] = {}  # line offset -> talks in that timetable row
    if s.is_event:  # talk headings with signals; else bold lines, timetable cells; else plain headings
        strong = names_event(signals) and not is_activity(note.title)  # (a hackathon's headings: the author's work)
        title = title_section(s, note)
        title_index = title.index if title else None
        assign_talks(s, talk_sections(s.sections, title_index, plain_ok=strong))
        for it in [] if s.talks else emphasised_talks(blocks.emphasised, strong):
            starts.setdefault(it.line, []).append((add_headless_talk(s, note.body_line + it.line, it.text), it.text))
        for a, b in [] if s.talks else blocks.tables:
            for ct in table_talks([(o, raw_lines[o]) for o in range(a, b)]):
                index = add_headless_talk(s, note.body_line + ct.line, ct.title, ct.byline)
                cells.setdefault(ct.line, []).append((index, ct))
        for ct in [] if s.talks else list_timetable_talks(blocks.items, strong):  # a timetable list of time slots
            index = add_headless_talk(s, note.body_line + ct.line, ct.title, ct.byline)
            cells.setdefault(ct.line, []).append((index, ct))
        if not s.talks and strong:
            assign_talks(s, fallback_talks(s.sections, title_index))
        heading_talks = [t for t in s.talks if t.level <= 6]
        for a, b in blocks.tables if heading_talks else []:  # a timetable beside the talk headings names speakers
            for i, byline in table_bylines([(o, raw_lines[o]) for o in range(a, b)], [t.title for t in heading_talks]).items():
                heading_talks[i].byline = heading_talks[i].byline or byline
        if heading_talks:  # and so does a list of the talks' slides or videos
            for i, byline in link_bylines(blocks.items, [t.title for t in heading_talks]).items():
                heading_talks[i].byline = heading_talks[i].byline or byline
    html_starts = {h.line for h in headings if h.source == "html"}
    for offset, raw in enumerate(raw_lines):
        if "http" in raw and offset not in blocks.code:
            s.web_links += web_links_in(raw, note.body_line + offset)
    masked = comment_masked(raw_lines, blocks)
    current = None
    for offset, raw in enumerate(raw_lines):
        line_no = note.body_line + offset
        if offset in starts:
            for current, title in starts[offset]:
                s.segments.append(Segment(line_no, prose_of_line(title), current, heading=True))
                s.links.extend(links_in(title, line_no))
            if offset not in html_starts or prose_of_line(raw).strip() == prose_of_line(title).strip():
                continue  # an HTML heading sharing its line with other text leaves that text prose
        if offset in skip:
            continue
        raw = masked.get(offset, raw)
        text = prose_of_line(raw)
        if offset in cells:  # a timetable row: each talk's cell is a heading segment of its talk
            for index, ct in cells[offset]:
                s.segments.append(Segment(line_no, only_span(text, ct.start, ct.end), index, heading=True))
            text = mask_spans(text, [(ct.start, ct.end) for _, ct in cells[offset]])
        if text.strip():
            s.segments.append(Segment(line_no, text, current))
            s.links.extend(links_in(raw, line_no))
    return s


def comment_masked(lines: list[str], blocks: Blocks) -> dict[int, str]:
    """Lines of HTML comments that span lines, with the comment blanked: ``{line offset: text}``.

    A comment in an HTML block runs to its ``-->`` or, unclosed, to the block's end (CommonMark);
    one inside a paragraph only counts when closed there. One-line comments are left to
    :func:`prose_of_line`."""
    out: dict[int, str] = {}
    ranges = [(a, b, _BLOCK_COMMENT) for a, b in blocks.html] + [(a, b, _INLINE_COMMENT) for a, b in blocks.paragraphs]
    for start, end, pattern in ranges:
        text = "\n".join(lines[start:end])
        if "<!--" not in text:
            continue
        changed = text
        for m in pattern.finditer(text):
            if "\n" in m.group() or not m.group().endswith("-->"):
                changed = changed[:m.start()] + re.sub(r"[^\n]", " ", m.group()) + changed[m.end():]
        if changed != text:
            for offset, line in enumerate(changed.split("\n"), start):
                if line != lines[offset]:
                    out[offset] = line
    return out


def assign_talks(s: Structure, chosen: list[int]) -> None:
    """Make the ``chosen`` sections the note's talks; a talk's deeper headings join it, and a heading
    at its level or above that is no talk ends it."""
    chosen_set = set(chosen)
    current: Talk | None = None
    for sec in s.sections:
        if sec.index in chosen_set:
            current = Talk(len(s.talks) + 1, sec.title, sec.level, sec.line, sec.index)
            s.talks.append(current)
        elif current is not None and sec.level <= current.level:
            current = None
        sec.talk = None if current is None else current.order - 1


def add_headless_talk(s: Structure, line: int, title: str, byline: str = "") -> int:
    """Add a talk that is no heading — a bold-only line (:func:`notegraph.talks.emphasised_talks`) or
    a timetable cell (:func:`notegraph.talks.table_talks`) at file ``line``: a section one level below
    any heading, inside the heading section it sits under. Returns the section's index."""
    parent = next((sec.index for sec in reversed(s.sections) if sec.line <= line and sec.level <= 6), None)
    sec = Section(len(s.sections), 7, title, line, parent, talk=len(s.talks))
    s.sections.append(sec)
    s.talks.append(Talk(len(s.talks) + 1, title, 7, line, sec.index, byline))
    return sec.index


def only_span(text: str, start: int, end: int) -> str:
    """``text`` with everything outside ``[start, end)`` blanked (offsets kept)."""
    return " " * start + text[start:end] + " " * (len(text) - end)


def title_section(s: Structure, note: Note) -> Section | None:
    """The ``#`` heading that is the note's title rather than a section: one that repeats the
    frontmatter title, or — with no frontmatter title — a first heading with nothing before it."""
    for sec in s.sections:
        if sec.level == 1 and note.title_from == "frontmatter" and sec.title.strip() == note.title.strip():
            return sec
    first = s.sections[0] if s.sections else None
    if first is None or first.level != 1 or note.title_from != "heading":
        return None
    before = note.body.split("\n")[: first.line - note.body_line]
    return None if "".join(before).strip() else first


def mask(text: str, start: int, end: int) -> str:
    """``text`` with characters ``[start, end)`` replaced by spaces (offsets are kept)."""
    return text[:start] + " " * (end - start) + text[end:]


def prose_of_line(raw: str) -> str:
    """A line as readable prose: HTML character references decoded, code spans with spaces, URLs,
    link targets, images and HTML tags blanked; link and wikilink *text* stays. Same length as ``raw``. Each pass finds its spans on
    the text the previous pass left and blanks them in one join, so a 1 MB line costs linear time."""
    raw = _ENTITIES.sub(unescaped, raw)
    spans = []
    for m in _INLINE_CODE.finditer(raw):
        inner = m.group(2)
        if not inner.strip() or re.search(r"\s|[=/\\${}();<>]", inner.strip()):
            spans.append((m.start(), m.end()))
        else:
            ticks = len(m.group(1))
            spans += [(m.start(), m.start() + ticks), (m.end() - ticks, m.end())]
    text = mask_spans(raw, spans)
    text = mask_spans(text, [m.span() for m in _IMAGE.finditer(text)])
    spans = []
    for m in _WIKILINK.finditer(text):
        if m.group(3) is not None:
            spans.append((m.start(), m.start(3)))
        else:  # Obsidian shows "[[note/Jenkins]]" as "Jenkins": the folder part is not text
            folder = m.group(1).rfind("/") + 1
            spans.append((m.start(), m.start(1) + folder))
            if m.group(2):
                spans.append((m.start(2), m.start(2) + 1))
        spans.append((m.end() - 2, m.end()))
    text = mask_spans(text, spans)
    text = mask_spans(text, [s for m in _MD_LINK.finditer(text) for s in ((m.end(1), m.end()), (m.start(), m.start() + 1))])
    for pattern in (_INLINE_PRE, _HTML_TAG, _TEMPLATE_TAG, _URL):
        text = mask_spans(text, [m.span() for m in pattern.finditer(text)])
    return mask_heading_marks(text)


def unescaped(m: re.Match) -> str:
    """A run of HTML character references as the text it stands for ("-&gt;" is an arrow, Hatena
    exports write Japanese as "&#x6B7B;&#x3093;"), padded with spaces to the run's length so that
    offsets keep their place."""
    text = html.unescape(m.group())
    return text + " " * (len(m.group()) - len(text)) if len(text) <= len(m.group()) else m.group()


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every ``[start, end)`` span replaced by spaces, in one pass (offsets are kept)."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        out += [text[pos:start], " " * (end - start)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask_heading_marks(text: str) -> str:
    """Blank the leading ``#`` marks of an ATX heading line."""
    m = re.match(r"^(\s{0,3}#{1,6})(\s|$)", text)
    return mask(text, 0, m.end(1)) if m else text


_A_HREF = re.compile(r"<a\s[^>]*href=[\"'](https?://[^\"']+)[\"'][^>]*>([^<]{1,200})</a>", re.I)


def web_links_in(raw: str, line: int) -> list[WebLink]:
    """Links to the web on one line as written: Markdown links and HTML anchors (blog exports); a
    target that is no valid URL ("http://[bad") is left out."""
    found = [(m.group(1), m.group(2)) for m in _MD_LINK.finditer(raw) if re.match(r"https?://", m.group(2).strip(), re.I)]
    found += [(html.unescape(m.group(2)), m.group(1)) for m in _A_HREF.finditer(raw)]
    out = []
    for text, url in found:
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").removeprefix("www.")
        except ValueError:
            continue
        out.append(WebLink(text.strip(), url.strip(), line, host, tuple(x for x in parts.path.split("/") if x)))
    return out


def links_in(raw: str, line: int) -> list[Link]:
    """Markdown links to local files and wikilinks on one line (URLs to the web are not links here)."""
    from urllib.parse import unquote

    out = []
    for m in _INLINE_CODE.finditer(raw):
        raw = mask(raw, m.start(), m.end())
    for m in _WIKILINK.finditer(raw):
        target = m.group(1).strip()
        if target:
            shown = (m.group(3) or target).strip()
            out.append(Link(target, shown, line, "wiki", (m.group(2) or "").lstrip("#")))
    for m in _MD_LINK.finditer(raw):
        target = m.group(2).strip()
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue
        path, _, heading = target.partition("#")
        out.append(Link(unquote(path), m.group(1).strip(), line, "md", unquote(heading)))
    return out
