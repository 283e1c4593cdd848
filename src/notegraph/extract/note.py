"""One note in, everything extraction knows about it out: :func:`extract_note` → :class:`NoteExtraction`.

This is the unit the build maps over notes, the cache stores and a worker process can run: catalog
mentions (one matcher pass per piece of text), typed relations and proposed companies (only their
candidate sentences meet GiNZA's parser and NER, reusing the note's own mentions), and the companies
that presented each talk.
"""
from __future__ import annotations

import re
from dataclasses import astuple, dataclass, field, replace
from typing import TYPE_CHECKING

from ..structure import Structure
from . import companies
from .affiliations import company_index
from .matcher import Match
from .mentions import Mention, Piece, kind_of, match_pieces, note_mentions
from .presenters import Presenter, Speaker, presenters_and_speakers
from .senses import company_senses, own_companies
from .tools import (PROPOSED_TOOL_PREFIX, aws_only_names, family_pattern, family_products, linked_products,
                    listed_with_products, proposed_tools)
from .relations import (Relation, before_after_migrations, candidates_of, discourse_migrations, env_adoptions,
                        heading_adoptions, relations_of, reported_uses, stack_adoptions,
                        title_adoptions, version_adoptions)

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["NoteExtraction", "extract_note"]


@dataclass
class NoteExtraction:
    """What one note yields: mentions of catalog entities, proposed companies (not in the catalog: from
    corporate markers in prose, or speakers' affiliations), typed relations, talk presenters and speakers. Plain data, JSON-able with :meth:`to_json`."""

    mentions: list[Mention] = field(default_factory=list)
    proposals: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    presenters: list[Presenter] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)

    def all_mentions(self) -> list[Mention]:
        """Catalog mentions, then proposed companies (the order the graph adds them)."""
        return self.mentions + self.proposals

    def to_json(self) -> dict:
        """Lists of field tuples (what the cache stores)."""
        return {name: [list(astuple(x)) for x in getattr(self, name)] for name in _TYPES}

    @classmethod
    def from_json(cls, data: dict) -> "NoteExtraction":
        """Inverse of :meth:`to_json`."""
        return cls(**{name: [t(*row) for row in data.get(name, [])] for name, t in _TYPES.items()})


_TYPES = {"mentions": Mention, "proposals": Mention, "relations": Relation, "presenters": Presenter,
          "speakers": Speaker}


def extract_note(structure: Structure, nlp: "Language", parser: "Language | None" = None) -> NoteExtraction:
    """Everything extraction finds in one note. ``nlp`` is a pipeline with the ``notegraph_entities``
    component (its catalog and matcher are used); ``parser`` (default: ``nlp`` when it has a parser,
    else ja_ginza loaded once) parses the few candidate sentences."""
    from . import component_of, parser_for

    comp = component_of(nlp)
    pieces = match_pieces(structure, comp.matcher)
    made_by = company_senses(pieces, comp.catalog, company_index(comp.catalog))
    own_companies(pieces, comp.catalog)  # "日本オラクル", "KDDIウェブコミュニケーションズ"
    family = family_products(pieces, comp.matcher.names, family_pattern(comp.catalog),  # drops the family's own hits
                             aws_only_names(comp.catalog))
    mentions = note_mentions(pieces)
    tools = proposed_tools(pieces, comp.matcher.names, linked_products(structure.web_links),
                           comp.matcher.package_names) + family
    tools += listed_with_products(pieces, comp.matcher.names, comp.matcher.package_names,
                                  {(m.line, m.surface) for m in tools})
    add_hits(pieces, tools)  # a proposed tool can take part in relations ("Xというプラグインを使って")
    titled = title_mentions(structure, pieces, tools)  # and the title may name it ("Quartz v4アップデート")
    confirmed = {m.entity_id for m in mentions + tools}
    relations = made_by + discourse_migrations(structure, pieces, confirmed)
    rel_work = candidates_of(pieces, confirmed)
    company_work = companies.candidates_of(pieces)
    if any(c.parse for c in rel_work) or company_work:
        parser = parser or parser_for(nlp)
    relations += read_relations(structure, rel_work, mentions, comp.catalog, parser)
    relations = spelled_out(relations, structure)
    proposals = (propose_companies(company_work, comp.matcher.names, parser) if company_work else []) + tools
    proposals += spread_companies(structure, proposals)
    presenters, speakers, affiliations = presenters_and_speakers(structure, mentions + proposals, comp.catalog,
                                                                 comp.matcher.names)
    presented = {p.talk for p in presenters}
    relations += heading_adoptions(structure, mentions, presented) + stack_adoptions(structure, mentions, presented)
    relations += reported_uses(structure, mentions + [m for m in proposals if m.entity_id.startswith(PROPOSED_TOOL_PREFIX)],
                               presenters, comp.catalog.entities)
    relations += title_adoptions(structure, mentions + titled) + env_adoptions(structure, mentions + proposals)
    relations += before_after_migrations(structure, mentions + proposals) + version_adoptions(structure, mentions + proposals)
    by_place = {(m.entity_id, m.line): m for m in affiliations}  # an affiliation replaces the same proposal from
    proposals = [by_place.pop((m.entity_id, m.line), m) for m in proposals] + list(by_place.values())  # prose: it
    # keeps the name as written, with its corporate marker ("SRA OSS, Inc.": an alias of the node)
    return NoteExtraction(mentions, proposals, relations, presenters, speakers)


_IN_NAME = re.compile(r"[A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff々]")


def spread_companies(structure: Structure, proposed: list[Mention]) -> list[Mention]:
    """A company proposed in one place of a note ("FOLIO様での…", "ケンコーコム株式会社") is that company
    where a talk's title writes its name as a whole word ("LT4 FOLIOのterraform運用tips"): the title then
    names the company behind the talk, as a catalog company's name would."""
    prefix = companies.UNVERIFIED_PREFIX
    names = {m.entity_id[len(prefix):]: m.entity_id for m in proposed if m.entity_id.startswith(prefix)
             and len(m.entity_id) - len(prefix) >= 3}  # the name without its marker ("ケンコーコム株式会社")
    have = {(m.line, m.entity_id) for m in proposed}
    out = []
    for t in structure.talks if names else []:
        for name, entity_id in names.items():
            at = t.title.find(name)
            if at >= 0 and (t.line, entity_id) not in have and whole_word(t.title, at, at + len(name)):
                have.add((t.line, entity_id))
                out.append(Mention(entity_id, name, t.line, t.section, t.title, origin="proposed"))
    return out


_DEFINED = re.compile(r"(?P<long>(?:[A-Z][A-Za-z0-9]*[ -]){1,5}[A-Z][A-Za-z0-9]*)\s*[(（](?P<short>[A-Z]{2,6})[)）]")


def abbreviations(structure: Structure) -> dict[str, str]:
    """Acronyms a note defines ("Kubernetes External Secrets (KES)"): acronym → the name spelled out,
    when the acronym is the initials of the name's words."""
    out = {}
    for seg in structure.segments:
        for m in _DEFINED.finditer(seg.text):
            words = re.split(r"[ -]", m.group("long"))
            for k in range(len(words)):  # "Use Kubernetes External Secrets (KES)": the initials decide where it starts
                if "".join(w[0] for w in words[k:]).upper() == m.group("short"):
                    out.setdefault(m.group("short"), " ".join(words[k:]))
                    break
    return out


_NAMED_HERE = ("concept:", "tool?:")  # relation ends named by the note's own words, not by the catalog


def spelled_out(relations: list[Relation], structure: Structure) -> list[Relation]:
    """Relations whose proposed or concept end is an acronym the note defines, named by the spelled-out
    name ("KESからESOへ移行" after "Kubernetes External Secrets (KES)"); the note is read for
    definitions only when such an end exists."""
    if not any(n.startswith(_NAMED_HERE) for r in relations for n in (r.source, r.target)):
        return relations
    short = abbreviations(structure)

    def full(node: str) -> str:
        prefix, _, name = node.partition(":")
        return f"{prefix}:{short[name]}" if node.startswith(_NAMED_HERE) and name in short else node
    return [replace(r, source=full(r.source), target=full(r.target)) for r in relations]


def whole_word(text: str, start: int, end: int) -> bool:
    """No name character glued before ``start``; no Latin letter, digit or katakana glued after ``end``
    (a kanji or kana after it is Japanese around the name: "FOLIO様", "ミランティスが")."""
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    return not (before and _IN_NAME.match(before)) and not (after and (after.isascii() and after.isalnum()
                                                                        or "\u30a0" <= after <= "\u30ff"))


def title_mentions(structure: Structure, pieces: list, proposed: list[Mention]) -> list[Mention]:
    """The proposed tools the note's title names as a whole word, as title mentions (also added to the
    title's piece, made if the title had no catalog hit): a tool the body calls software is the same
    name in the title ("Quartz v4アップデート")."""
    title = structure.note.title or ""
    hits = []
    for m in {m.surface: m for m in proposed if m.entity_id.startswith(PROPOSED_TOOL_PREFIX)}.values():
        at = title.find(m.surface)
        if at >= 0 and whole_word(title, at, at + len(m.surface)):
            hits.append(Match(at, at + len(m.surface), m.entity_id, m.surface))
    if not hits:
        return []
    piece = next((p for p in pieces if p.origin == "title"), None)
    if piece is None:
        piece = Piece(title, structure.note.title_line, None, "title", [])
        pieces.append(piece)
    new = [h for h in hits if not piece.covered(h.start, h.end)]
    piece.add_hits(new)
    return [Mention(h.entity_id, h.surface, piece.line, None, title, origin="title") for h in new]


def add_hits(pieces: list, proposed: list[Mention]) -> None:
    """Add each proposed tool to its piece's hits (in place, in text order) where no hit covers it, so
    the relation rules read it like a catalog name."""
    if not proposed:
        return
    by_line: dict[int, list] = {}
    for p in pieces:
        if p.origin == "text":
            by_line.setdefault(p.line, []).append(p)
    for m in proposed:
        for p in by_line.get(m.line, []):
            at = p.text.find(m.surface)
            if at < 0 or p.covered(at, at + len(m.surface)):
                continue
            p.add_hits([Match(at, at + len(m.surface), m.entity_id, m.surface)])
            break


def pipe(parser: "Language", texts: list[str], keep: tuple[str, ...]):
    """Parse ``texts`` with only the ``keep`` components of ``parser`` (the rest is slow and unused)."""
    return parser.pipe(texts, disable=[p for p in parser.pipe_names if p not in keep])


def read_relations(structure: Structure, work: list, mentions: list[Mention], catalog, parser) -> list[Relation]:
    """Typed relations of the candidate sentences; only those whose reading the parse can change meet
    GiNZA's dependency parser."""
    parsed = [c for c in work if c.parse]
    docs = dict(zip(map(id, parsed), pipe(parser, [c.text for c in parsed], ("tok2vec", "parser")))) if parsed else {}
    out = []
    for c in work:
        c.heading = c.heading or (c.section is not None and structure.sections[c.section].line == c.line)
        c.in_talk = structure.talk_of(c.section) is not None
        firms = {m.entity_id for m in c.mentions if kind_of(catalog, m.entity_id) == "company"}
        out += relations_of(c, docs.get(id(c)), heading_entities(structure, mentions, c.section), firms)
    return out


def propose_companies(work: list, names: set[str], parser) -> list[Mention]:
    """Companies missing from the catalog, from GiNZA's NER on the sentences with a corporate marker."""
    out = []
    for c, doc in zip(work, pipe(parser, [c.text for c in work], ("tok2vec", "ner"))):
        out += [Mention(companies.company_id(name), c.text[start:end], c.line, c.section, c.text, origin="proposed")
                for start, end, name in companies.companies_in(c, doc, names)]
    return out


def heading_entities(s: Structure, mentions: list[Mention], section: int | None) -> tuple[str, ...]:
    """Entities named in the heading of a section (for "X未対応" under a heading naming Y)."""
    if section is None:
        return ()
    line = s.sections[section].line
    return tuple(dict.fromkeys(m.entity_id for m in mentions if m.line == line and m.origin == "text"))

