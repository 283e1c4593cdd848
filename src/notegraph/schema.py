"""The graph's vocabulary in one place: node kinds, relation names and groups, how kinds and relations
are drawn, and the entity projection.

Graph assembly, the queries, the HTML page and the report all take these names from here. The
catalog's entity kinds (``aws_service``, ``tool``, ``company``) are owned by :mod:`notegraph.catalog`,
an earlier stage that must not depend on the graph, and re-exported here; apart from that this module
imports nothing from notegraph, so every later stage can import it.

>>> is_entity({"kind": "tool"}), is_entity({"kind": "concept"}), is_entity({"kind": "talk"})
(True, True, False)
>>> is_typed_relation("migrated_to"), is_typed_relation("mentions")
(True, False)
>>> style_of("company").shape, style_of("something new").label
('diamond', 'other')
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from .catalog import ENTITY_KINDS

__all__ = [
    # node kinds
    "NOTE", "TALK", "TAG", "STRUCTURAL_KINDS", "AWS_SERVICE", "TOOL", "COMPANY", "ENTITY_KINDS", "CONCEPT", "KINDS",
    "is_entity",
    # relations
    "PART_OF", "TAGGED", "LINKS_TO", "MENTIONS", "PRESENTED_BY", "MADE_BY", "MIGRATED_TO", "REPLACED_BY", "ADOPTED", "RUNS_ON",
    "NOT_SUPPORTED_ON", "CO_OCCURS", "CO_MENTIONED", "STRUCTURAL_RELATIONS", "MEMBERSHIP_RELATIONS",
    "TYPED_RELATIONS", "UNTYPED_RELATIONS", "RELATIONS", "is_typed_relation",
    # styles
    "KindStyle", "KIND_STYLES", "OTHER_KIND_STYLE", "style_of", "KIND_COLOURS", "KIND_NAMES", "KIND_TINTS",
    "DASHED_RELATIONS",
    # projection
    "has_co_occurs", "entity_projection",
]

# ---------------------------------------------------------------------------------------------- node kinds

NOTE, TALK, TAG = "note", "talk", "tag"
STRUCTURAL_KINDS = frozenset({NOTE, TALK, TAG})  # every other kind is an entity
AWS_SERVICE, TOOL, COMPANY = "aws_service", "tool", "company"  # the catalog's ENTITY_KINDS, by name
CONCEPT = "concept"  # a relation endpoint that is not in the catalog ("mBaaSからEKSに移行": concept:mBaaS)
KINDS = (NOTE, TALK, TAG, *ENTITY_KINDS, CONCEPT)  # every kind a built graph has


def is_entity(d: dict) -> bool:
    """Whether a node's attributes describe an entity rather than a note, talk or tag.

    Any kind outside :data:`STRUCTURAL_KINDS` counts (the catalog kinds, ``concept``, and kinds a graph
    read back from a file may bring).
    """
    return str(d.get("kind", "")) not in STRUCTURAL_KINDS


# ----------------------------------------------------------------------------------------------- relations

PART_OF, TAGGED, LINKS_TO = "part_of", "tagged", "links_to"  # talk → note, note → tag, note → note
MENTIONS = "mentions"  # talk/note → entity
PRESENTED_BY = "presented_by"  # talk → company
MADE_BY = "made_by"  # product → the company that makes it (when a note names the maker by the product)
MIGRATED_TO, REPLACED_BY, ADOPTED, RUNS_ON, NOT_SUPPORTED_ON = (
    "migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on")  # read from sentences
CO_OCCURS = "co_occurs"  # entity — entity, weighted by shared talks/notes (PMI-filtered)
CO_MENTIONED = "co_mentioned"  # only in the HTML page's entity-only view, never in a built graph

STRUCTURAL_RELATIONS = (PART_OF, TAGGED, LINKS_TO)  # between notes, talks and tags
MEMBERSHIP_RELATIONS = (PART_OF, TAGGED)  # where a node belongs (the panel does not list them)
TYPED_RELATIONS = (MIGRATED_TO, REPLACED_BY, ADOPTED, RUNS_ON, NOT_SUPPORTED_ON)
UNTYPED_RELATIONS = (MENTIONS, PART_OF, PRESENTED_BY, LINKS_TO, TAGGED, CO_OCCURS, MADE_BY)  # everything built but typed
RELATIONS = (*STRUCTURAL_RELATIONS, MENTIONS, PRESENTED_BY, *TYPED_RELATIONS, CO_OCCURS, MADE_BY)  # every relation built


def is_typed_relation(relation) -> bool:
    """Whether a relation is a typed statement (``migrated_to``, …) rather than structure, mentions,
    presenters or co-occurrence. Relations this module does not know count as typed."""
    return str(relation) not in UNTYPED_RELATIONS


# -------------------------------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class KindStyle:
    """How nodes of one kind look in the graph page, the report and its charts."""

    colour: str  # node fill, chart bars and label colour, report cards and dots
    shape: str  # vis-network node shape
    label: str  # one of them, as the legend of the graph page says it
    plural: str  # several (chart legends, notices; report headings capitalise it)
    tint: str = ""  # light background of the report's chips ('' = the default chip background)


KIND_STYLES = {  # in legend order
    NOTE: KindStyle("#8e9aaf", "square", "note", "notes", "#eceef3"),
    TALK: KindStyle("#f4a259", "triangle", "talk", "talks", "#fdeedd"),
    AWS_SERVICE: KindStyle("#ff9900", "dot", "AWS service", "AWS services", "#fff1db"),
    TOOL: KindStyle("#3c91e6", "dot", "tool", "tools", "#e3effc"),
    COMPANY: KindStyle("#5bb381", "diamond", "company", "companies", "#e2f4ea"),
    TAG: KindStyle("#c3c3c3", "text", "tag", "tags"),
}
OTHER_KIND_STYLE = KindStyle("#b0b0b0", "dot", "other", "others")  # concept and unknown kinds


def style_of(kind) -> KindStyle:
    """The style of a kind (:data:`OTHER_KIND_STYLE` for kinds without one)."""
    return KIND_STYLES.get(str(kind), OTHER_KIND_STYLE)


KIND_COLOURS = {k: s.colour for k, s in KIND_STYLES.items()}
KIND_TINTS = {k: s.tint for k, s in KIND_STYLES.items() if s.tint}
KIND_NAMES = {k: KIND_STYLES[k].plural[:1].upper() + KIND_STYLES[k].plural[1:]  # headings: "AWS services", "Tools"
              for k in (*ENTITY_KINDS, NOTE, TALK, TAG)}
DASHED_RELATIONS = frozenset(MEMBERSHIP_RELATIONS)  # edges drawn dashed in the graph page


# ---------------------------------------------------------------------------------------------- projection


def has_co_occurs(g: nx.MultiDiGraph) -> bool:
    """Whether the graph carries precomputed ``co_occurs`` edges."""
    return any(d.get("relation") == CO_OCCURS for _, _, d in g.edges(data=True))


def entity_projection(g: nx.MultiDiGraph) -> nx.Graph:
    """Entities joined by how many talks/notes mention both (``weight``), for centrality and communities.

    Uses the graph's ``co_occurs`` edges (``weight``, ``pmi``) when it has them, otherwise counts shared
    mention sources; a mention outside any talk counts for its note.

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["tool:go", "tool:rust"], kind="tool"); g.add_node("note:a.md", kind="note", path="a.md")
    >>> for e in ("tool:go", "tool:rust"): _ = g.add_edge("note:a.md", e, key="mentions", relation="mentions")
    >>> list(entity_projection(g).edges(data="weight"))
    [('tool:go', 'tool:rust', 1)]
    """
    p = nx.Graph()
    p.add_nodes_from((n, d) for n, d in g.nodes(data=True) if is_entity(d))
    if has_co_occurs(g):
        for u, v, d in g.edges(data=True):
            if d.get("relation") == CO_OCCURS and u != v and not p.has_edge(u, v):
                p.add_edge(u, v, weight=d.get("weight", 1), pmi=d.get("pmi"))
        return p
    by_source = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("relation") == MENTIONS and is_entity(g.nodes[v]):
            by_source[u].add(v)
    pairs = Counter((a, b) for ents in by_source.values() for a in ents for b in ents if str(a) < str(b))
    p.add_edges_from((a, b, {"weight": w}) for (a, b), w in pairs.items())
    return p
