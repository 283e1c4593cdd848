"""Block structure of a note body, read by one CommonMark parser (markdown-it-py).

The title fallback (``notes``) and the sections and code lines (``structure``) both come from here,
so a ``#`` line is a heading, or code, for every stage alike. Only block-level parsing runs: inline
markup (code spans, links, wikilinks) is masked per line by ``structure.prose_of_line``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt

__all__ = ["Heading", "Blocks", "blocks_of", "first_heading"]

# a line that may be (or underline) a level-1 heading, after any blockquote / list-item markers
_H1_CANDIDATE = re.compile(r"^(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])[ \t])*(?:#(?:[ \t]|$)|=+[ \t]*$)", re.M)
_HTML_HEADING = re.compile(r"<h[1-6]", re.I)


@dataclass(frozen=True)
class Heading:
    """A heading: 0-based body line, level, text as written (without ``#`` marks or underline), and
    its kind: ``atx`` (``# x``), ``setext`` (underlined) or ``html`` (``<h1>``… in an HTML block)."""

    line: int
    level: int
    text: str
    source: str
    end: int  # line after the heading (a setext heading spans its text lines and the underline)


@dataclass
class Blocks:
    """What the block parser found, by 0-based body line (ranges are ``(start, end)``, end excluded)."""

    headings: list[Heading] = field(default_factory=list)  # in body order
    code: set[int] = field(default_factory=set)  # fenced (fence lines included) and indented code
    html: list[tuple[int, int]] = field(default_factory=list)  # HTML blocks (comments included)
    tables: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    definitions: set[int] = field(default_factory=set)  # link reference definitions ``[x]: url``
    emphasised: list["Emphasised"] = field(default_factory=list)  # blocks opening with a bold-only line
    items: list["Item"] = field(default_factory=list)  # list items, by their first line


@dataclass(frozen=True)
class Emphasised:
    """A paragraph or list item whose first line is bold and nothing else (``**Title**``,
    ``<strong>Title</strong>``): how many blog exports and list timetables write a talk's title.
    ``depth``: list nesting (0 outside lists); ``text``: the line without the emphasis markup."""

    line: int
    depth: int
    text: str


@dataclass(frozen=True)
class Item:
    """A list item's first line: its 0-based body line, the column where its text starts (after the
    marker) and that text ("- 19:30 Title" gives "19:30 Title")."""

    line: int
    column: int
    text: str


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with GFM tables, block rules only (the core ``inline`` pass is off: it is the slow
    part and nothing here needs inline tokens). ``inline_definitions`` gives reference definitions
    a token with its lines; nesting is allowed deeper than the preset's 20 so no tail is dropped."""
    md = MarkdownIt("commonmark", {"maxNesting": 200, "inline_definitions": True})
    return md.enable("table").disable(["inline", "text_join"])


def blocks_of(body: str) -> Blocks:
    """Parse a note body once and return its headings, code lines, HTML blocks, tables and list items."""
    out = Blocks()
    tokens = parser().parse(body.replace("\r", " "))  # a lone CR would be a line break to the parser only
    lines = body.split("\n")
    depth = 0
    for i, tok in enumerate(tokens):
        depth += {"list_item_open": 1, "list_item_close": -1}.get(tok.type, 0)
        if tok.map is None:
            continue
        start, end = tok.map
        kind = tok.type
        if kind == "heading_open":
            text = tokens[i + 1].content
            if tok.markup.startswith("#"):
                source = "atx"
            else:  # a setext heading may run over several lines: read them as one
                source, text = "setext", " ".join(part.strip() for part in text.split("\n"))
            out.headings.append(Heading(start, int(tok.tag[1]), text, source, end))
        elif kind in ("fence", "code_block"):
            out.code.update(range(start, end))
        elif kind == "html_block":
            out.html.append((start, end))
            out.headings.extend(html_headings(tok.content, start))
            bold = emphasised_text(tok.content.split("\n")[0])
            if bold:
                out.emphasised.append(Emphasised(start, depth, bold))
            out.code.update(fenced_in_html(tok.content, start))
            out.code.update(pre_in_html(tok.content, start))
        elif kind == "table_open":
            out.tables.append((start, end))
        elif kind == "paragraph_open":
            out.paragraphs.append((start, end))
            bold = emphasised_text(tokens[i + 1].content.split("\n")[0])
            if bold:
                out.emphasised.append(Emphasised(start, depth, bold))
        elif kind == "definition":
            out.definitions.update(range(start, end))
        elif kind == "list_item_open" and i + 2 < len(tokens) and tokens[i + 1].type == "paragraph_open":
            text = tokens[i + 2].content.split("\n")[0]
            column = lines[start].find(text) if start < len(lines) and text else -1
            if column >= 0:
                out.items.append(Item(start, column, text))
    out.headings.sort(key=lambda h: h.line)
    return out


_BOLD_LINE = re.compile(r"^\s*(?:<span[^>]*>\s*)*(?:\*\*|__|<strong>|<b>)(?P<text>.+?)(?:\*\*|__|</strong>|</b>)"
                        r"\s*(?:</span>\s*)*(?:<br\s*/?>)?\s*$", re.I)


def emphasised_text(line: str) -> str | None:
    """The text of a line that is bold and nothing else, HTML tags dropped; else None.

    >>> emphasised_text("**PostgreSQL's Path**  "), emphasised_text('<span style="x"><strong>基調講演</strong></span>')
    ("PostgreSQL's Path", '基調講演')
    >>> emphasised_text("**Note**: not only bold") is None
    True
    """
    m = _BOLD_LINE.match(line)
    if not m or "**" in m.group("text"):
        return None
    text = re.sub(r"<[^>]+>", "", m.group("text")).strip()
    return text or None


_TAG_LINE = re.compile(r"\s*</?[A-Za-z][^>]*>\s*$")


_PRE_OPEN = re.compile(r"<(pre|script|style|textarea)\b", re.I)  # blocks whose content is never prose
_PRE_CLOSE = re.compile(r"</(?:pre|script|style|textarea)\s*>", re.I)


def pre_in_html(content: str, start: int) -> set[int]:
    """Body lines of ``<pre>`` blocks inside an HTML block that spans lines (blog exports' terminal
    sessions and config files), and of ``<script>``, ``<style>``, ``<textarea>``: code, from the line
    that opens one to the line that closes it. One opened and closed on one line is left to the prose
    filter."""
    out: set[int] = set()
    inside = False
    for n, line in enumerate(content.split("\n")):
        if inside:
            out.add(start + n)
            inside = not _PRE_CLOSE.search(line)
            continue
        opened = _PRE_OPEN.search(line)
        if opened and not _PRE_CLOSE.search(line, opened.end()):
            out.add(start + n)
            inside = True
    return out


def fenced_in_html(content: str, start: int) -> set[int]:
    """Body lines of fenced code that an HTML block swallowed: CommonMark lets a block opened by a tag
    line (``<img …>``) run to the next blank line, so a fence right after it is raw text to the parser,
    though the author meant code. The block's later lines are parsed again, after any further tag
    lines (each would open a block of its own); only fences count (indented HTML would otherwise read
    as indented code), and an HTML block in what is parsed again is looked into the same way."""
    out: set[int] = set()
    work = [(content, start)]
    while work:
        text, first = work.pop()
        lines = text.split("\n")
        skip = 1
        while skip < len(lines) and _TAG_LINE.match(lines[skip]):
            skip += 1
        rest = "\n".join(lines[skip:])
        if "```" not in rest and "~~~" not in rest:
            continue
        for tok in parser().parse(rest):
            if tok.map and tok.type == "fence":
                out.update(first + skip + n for n in range(*tok.map))
            elif tok.map and tok.type == "html_block":
                work.append((tok.content, first + skip + tok.map[0]))
    return out


def first_heading(body: str) -> str | None:
    """The text of the body's first non-empty level-1 heading (ATX or setext, never in code or
    HTML), used as the note's title when the frontmatter has none.

    CommonMark reads a line from the lines before it and the next one, so the body is parsed only up
    to the line after the first line that could make an H1; the whole body only if that finds none.
    """
    m = _H1_CANDIDATE.search(body)
    if m is None:
        return None
    eol = body.find("\n", m.end())
    end = body.find("\n", eol + 1) if eol >= 0 else -1
    if end >= 0:
        found = _first_h1(blocks_of(body[:end]))
        if found is not None:
            return found
    return _first_h1(blocks_of(body))


def _first_h1(blocks: Blocks) -> str | None:
    """The first non-empty level-1 Markdown heading of ``blocks``."""
    for h in blocks.headings:
        if h.level == 1 and h.source != "html" and h.text.strip():
            return h.text.strip()
    return None


class _HeadingFinder(HTMLParser):
    """Collects ``<h1>``…``<h6>`` elements of an HTML fragment with their (1-based) line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []  # (line, level, text)
        self.open: tuple[int, int, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" and self.open is None:
            self.open = (self.getpos()[0], int(tag[1]), [])

    def handle_endtag(self, tag):
        if self.open is not None and tag == f"h{self.open[1]}":
            line, level, parts = self.open
            self.found.append((line, level, " ".join("".join(parts).split())))
            self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open[2].append(data)


def html_headings(html: str, start: int) -> list[Heading]:
    """``<h1>``…``<h6>`` headings of an HTML block that begins on body line ``start``."""
    if not _HTML_HEADING.search(html):
        return []
    finder = _HeadingFinder()
    finder.feed(html)
    finder.close()
    return [Heading(start + line - 1, level, text, "html", start + line) for line, level, text in finder.found]
