"""Stage 4, assembly: notes, talks, entities and tags become one networkx ``MultiDiGraph``.

The graph follows the contract in ``../shared/eval/README.md`` (copied in README): every node has
``kind`` and ``label``; every edge has ``relation``. Edge keys are the relation names, so one pair of
nodes has at most one edge per relation. Node ids are stable: ``note:<path>``, ``talk:<path>#<n>``,
``tag:<name>`` and the catalog id (``aws:lambda``, ``tool:go``, ``company:dmm``) for entities.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from .catalog import Catalog
from .extract import Mention, NoteExtraction
from .extract.companies import company_label
from .extract.mentions import proposed
from .extract.presenters import Presenter
from .extract.relations import CONTEXT, Relation, by_someone
from .links import LinkResolver
from .schema import STRUCTURAL_KINDS, is_entity  # the vocabulary lives in schema; re-exported here
from .notes import Note
from .structure import Link, Structure

__all__ = ["assemble", "note_id", "talk_id", "tag_id", "is_entity", "STRUCTURAL_KINDS"]

def note_id(path: str) -> str:
    """Node id of a note."""
    return f"note:{path}"


def talk_id(path: str, order: int) -> str:
    """Node id of a talk (its order in the note, from 1)."""
    return f"talk:{path}#{order}"


def tag_id(tag: str) -> str:
    """Node id of a tag."""
    return f"tag:{tag}"


def assemble(notes: Iterable[tuple[Structure, NoteExtraction]], catalog: Catalog, *, min_cooccurrence: int = 2,
             min_pmi: float = 0.0, max_examples: int = 3) -> nx.MultiDiGraph:
    """Build the knowledge graph from each note's structure and extraction, in one pass over ``notes``
    (so a build can stream them from its cache instead of holding every note's results at once).

    A note's own nodes and edges are added as it comes; ``links_to`` edges at the end, once every
    note's title and aliases are known. ``co_occurs`` edges join entities mentioned together in at
    least ``min_cooccurrence`` talks/notes with a PMI above ``min_pmi`` (so pairs that co-occur only
    because both are frequent drop out).
    """
    g = nx.MultiDiGraph(name="notegraph", catalog_version=catalog.version)
    together = CoMentions(max_examples)
    seen: list[tuple[Note, list[Link]]] = []
    for s, x in notes:
        add_note(g, s)
        add_mentions(g, s, x.all_mentions(), catalog, together)
        add_presenters(g, s, x.presenters, catalog)
        add_speakers(g, s, x.speakers)
        add_relations(g, s, x.relations, catalog)
        seen.append((s.note, s.links))
    resolver = LinkResolver([note for note, _ in seen])
    for note, links in seen:
        add_links(g, note.path, links, resolver)
    add_cooccurrence(g, together, min_cooccurrence, min_pmi)
    finish_entities(g)
    return g


def add_note(g: nx.MultiDiGraph, s: Structure) -> None:
    """The note node, its talk nodes (``part_of``) and tag nodes (``tagged``)."""
    note = s.note
    nid = note_id(note.path)
    g.add_node(nid, kind="note", label=note.title, title=note.title, path=note.path, date=note.date,
               tags="|".join(note.tags), aliases="|".join(note.aliases), is_event=s.is_event, talks=len(s.talks))
    for t in s.talks:
        tid = talk_id(note.path, t.order)
        g.add_node(tid, kind="talk", label=t.title, title=t.title, note=note.path, order=t.order, level=t.level,
                   line=t.line, event=note.title, date=note.date, speakers="")
        g.add_edge(tid, nid, key="part_of", relation="part_of")
    for tag in note.tags:
        g.add_node(tag_id(tag), kind="tag", label=f"#{tag}")
        g.add_edge(nid, tag_id(tag), key="tagged", relation="tagged")


def add_links(g: nx.MultiDiGraph, path: str, links: list[Link], resolver: LinkResolver) -> None:
    """``links_to`` edges from the note at ``path`` for its links that resolve to notes of the folder
    (first occurrence kept)."""
    src = note_id(path)
    for link in links:
        target = resolver.resolve(link, path)
        if target is None or target == path or g.has_edge(src, note_id(target), "links_to"):
            continue
        g.add_edge(src, note_id(target), key="links_to", relation="links_to", line=link.line,
                   text=link.text, heading=link.heading)


def source_of(s: Structure, section: int | None) -> str:
    """The node that speaks for a section: its talk, or the note itself."""
    talk = s.talk_of(section)
    return talk_id(s.note.path, talk.order) if talk else note_id(s.note.path)


class CoMentions:
    """What ``co_occurs`` edges are computed from, counted note by note (nothing of a note is kept but
    its counts): contexts (talks/notes) with mentions, each entity's and each pair's number of
    contexts, and for each pair the sentences naming both (a count and the first few, in note order)."""

    def __init__(self, max_examples: int = 3):
        self.max_examples = max_examples
        self.contexts = 0
        self.single: Counter = Counter()
        self.pairs: Counter = Counter()
        self.sentences: Counter = Counter()
        self.examples: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, contexts: dict[str, set[str]], sentences: dict[tuple, set[str]]) -> None:
        """Count one note: the entities of each of its contexts, and of each ``(path, line, sentence)``."""
        self.contexts += len(contexts)
        for ents in contexts.values():
            self.single.update(ents)
            if len(ents) > 1:
                self.pairs.update(combinations(sorted(ents), 2))
        for (path, line, sentence), ents in sentences.items():
            if len(ents) > 1:
                for p in combinations(sorted(ents), 2):
                    self.sentences[p] += 1
                    if len(self.examples[p]) < self.max_examples:
                        self.examples[p].append(f"{path}:{line}: {sentence}".replace("|", "｜"))  # '|' separates


def add_mentions(g: nx.MultiDiGraph, s: Structure, mentions: list[Mention], catalog: Catalog,
                 together: CoMentions | None = None) -> None:
    """``mentions`` edges (talk or note → entity) with count and the first mention's line and sentence;
    the mentions in the note's text are also added to ``together``.

    Only this note's own nodes are sources, so its edges are gathered in a local dict and added once."""
    path = s.note.path
    edges: dict[tuple[str, str], dict] = {}
    sources: dict[int | None, str] = {}
    contexts: dict[str, set[str]] = defaultdict(set)
    sentences: dict[tuple, set[str]] = defaultdict(set)
    nodes = g.nodes
    for m in mentions:
        if not in_text(m):
            continue
        eid = m.entity_id
        ensure_entity(g, catalog, eid, affiliation=m.origin == "affiliation")
        d = nodes[eid]
        d["_surfaces"].add(m.surface)
        d["_notes"].add(path)
        src = sources.get(m.section)
        if src is None:
            src = sources[m.section] = source_of(s, m.section)
        contexts[src].add(eid)
        sentences[path, m.line, m.sentence].add(eid)
        e = edges.get((src, eid))
        if e is None:
            e = edges[src, eid] = {"relation": "mentions", "count": 1, "line": m.line, "evidence": m.sentence,
                                   "surface": m.surface, "note": path}
        else:
            e["count"] += 1
        if m.score < 1.0:  # a typo-tolerant match: say so, with its similarity
            e["fuzzy"] = e.get("fuzzy", 0) + 1
            e["fuzzy_score"] = min(m.score, e.get("fuzzy_score", 1.0))
    if together is not None:
        together.add(contexts, sentences)
    for (src, eid), e in edges.items():  # sources are this note's own nodes: no edge of another note to merge
        g.add_edge(src, eid, key="mentions", **e)


def ensure_entity(g: nx.MultiDiGraph, catalog: Catalog, entity_id: str, affiliation: bool = False) -> None:
    """Add an entity node the first time it is mentioned: from the catalog, or an unverified entity
    proposed from the notes (``company?:<name>``, ``tool?:<name>``; a company's ``source`` is
    ``"affiliation"`` when a speaker's affiliation named it)."""
    if entity_id in g:
        return
    new = proposed(entity_id)
    if new is not None:
        kind, name = new
        label = company_label(name) if kind == "company" else name
        source = "proposed" if kind != "company" else "affiliation" if affiliation else "notes (not in the catalog)"
        g.add_node(entity_id, kind=kind, label=label, category="", source=source, verified=False,
                   _aliases=[name] if label != name else [], _surfaces=set(), _notes=set())
        return
    e = catalog[entity_id]
    g.add_node(entity_id, kind=e.kind, label=e.label, category=e.category, source=e.source, verified=True,
               _aliases=list(e.aliases), _surfaces=set(), _notes=set())


def in_text(m: Mention) -> bool:
    """Whether a mention is something the note says (not a frontmatter presenter field, which only
    names a talk's company)."""
    return m.origin != "presenter_field"


def add_speakers(g: nx.MultiDiGraph, s: Structure, speakers: list) -> None:
    """The ``speakers`` attribute of each talk: names as written, ``|``-joined, in note order."""
    names: dict[int, list[str]] = {}
    for sp in speakers:
        names.setdefault(sp.talk, []).append(sp.name)
    for order, found in names.items():
        g.nodes[talk_id(s.note.path, order)]["speakers"] = "|".join(dict.fromkeys(found))


def add_presenters(g: nx.MultiDiGraph, s: Structure, presenters: list[Presenter], catalog: Catalog) -> None:
    """``presented_by`` edges (talk → company) for the presenters extraction found."""
    for p in presenters:
        ensure_entity(g, catalog, p.entity_id)
        tid = talk_id(s.note.path, p.talk)
        if not g.has_edge(tid, p.entity_id, "presented_by"):
            g.add_edge(tid, p.entity_id, key="presented_by", relation="presented_by", line=p.line,
                       evidence=p.sentence, rule=p.rule, note=s.note.path)


def add_relations(g: nx.MultiDiGraph, s: Structure, relations: list[Relation], catalog: Catalog) -> None:
    """Typed relation edges with their evidence; ``adopted`` also from the talk's presenter company."""
    for r in relations:
        src = source_of(s, r.section) if r.source == CONTEXT else r.source
        if r.source == CONTEXT and src.startswith("note:") and by_someone(r):
            continue  # a passive adoption outside any talk has no known user
        if src.startswith("concept:") and src not in g:
            g.add_node(src, kind="concept", label=src.split(":", 1)[1])
        for node in (src, r.target):
            if node in catalog.entities or proposed(node):  # "zplugをzinitに移行": zinit is proposed
                ensure_entity(g, catalog, node)
        sources = [src]
        if r.relation == "adopted" and src.startswith("talk:"):
            sources += [v for _, v, k in g.out_edges(src, keys=True) if k == "presented_by"]
        for u in sources:
            if u == r.target:
                continue
            if g.has_edge(u, r.target, r.relation):
                g.edges[u, r.target, r.relation]["count"] += 1
                continue
            g.add_edge(u, r.target, key=r.relation, relation=r.relation, note=s.note.path, line=r.line,
                       evidence=r.sentence, rule=r.rule if u == src else f"{r.rule} (by the talk's presenter)",
                       confidence=r.confidence, cue=r.cue, count=1)


def add_cooccurrence(g: nx.MultiDiGraph, together: CoMentions, min_count: int, min_pmi: float) -> None:
    """``co_occurs`` edges weighted by shared talks/notes, with PMI and example sentences (mentions in
    the note's text only: a presenter field is not a node's mention)."""
    n, single = together.contexts, together.single
    for (a, b), count in together.pairs.items():
        if count < min_count:
            continue
        pmi = math.log(count * n / (single[a] * single[b]))
        if pmi <= min_pmi:
            continue
        npmi = pmi / -math.log(count / n) if count < n else 1.0
        g.add_edge(a, b, key="co_occurs", relation="co_occurs", weight=count, sentences=together.sentences[a, b],
                   pmi=round(pmi, 4), npmi=round(npmi, 4), examples="|".join(together.examples.get((a, b), [])))


def finish_entities(g: nx.MultiDiGraph) -> None:
    """Turn per-entity working sets into GraphML scalars: aliases (catalog + seen forms), note count."""
    for n, d in g.nodes(data=True):
        if "_surfaces" not in d:
            continue
        names = list(dict.fromkeys([*d.pop("_aliases"), *sorted(d.pop("_surfaces"))]))
        d["aliases"] = "|".join(a for a in names if a != d["label"])
        d["notes"] = len(d.pop("_notes"))
