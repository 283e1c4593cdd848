"""Interactive HTML: a single offline page (vis-network inlined from pyvis' package data).

Nodes and edges are laid out with pyvis' ``Network`` data model; the page is rendered from our own
Jinja2 template because pyvis' template loads Bootstrap and vis-network from CDNs. Colours and
shapes follow the node kind (with a legend that also filters), entity sizes the number of notes that
mention the entity. Note text never becomes HTML: the data is embedded as JSON with ``<``, ``>`` and
``&`` escaped, and the page writes it with ``textContent``. Physics stops once the layout has
stabilised; ``graph.html#node=<url-encoded id>`` selects and focuses a node.

What the page draws is a *view* of the graph:

* ``min_mentions`` leaves out entities mentioned by fewer notes (the page still knows their names,
  so a deep link to one says why it is missing);
* ``hide_kinds`` are in the page but unticked in the legend at first (tags by default);
* ``entity_only`` draws only entities, joined when the same talk or note mentions both
  (:func:`co_mention_graph`), plus typed entity → entity relations.

Left at ``None``, ``min_mentions``, ``hide_kinds`` and ``entity_only`` are chosen from the graph's
size: above :data:`LARGE_GRAPH` nodes the page starts with notes hidden and entities mentioned by one
note left out; above :data:`ENTITY_ONLY_GRAPH` nodes (a vault of several thousand notes) it is
entity-only, so notes and talks are not in the page at all and its size follows the number of
entities, not of notes (the panel still cites the notes that mention an entity). The header says so.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("note:a.md", kind="note", label="A"); g.add_node("aws:s3", kind="aws_service", label="S3", notes=1)
>>> g.add_edge("note:a.md", "aws:s3", key="mentions", relation="mentions", evidence="S3 <b>", count=1)
'mentions'
>>> page = generate_html(g)
>>> "S3 \\\\u003cb\\\\u003e" in page and "S3 <b>" not in page
True
"""
from __future__ import annotations

import heapq
import json
import math
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from ..schema import (CO_MENTIONED, DASHED_RELATIONS, KIND_STYLES, MEMBERSHIP_RELATIONS, MENTIONS, NOTE, TAG, TALK,
                      is_entity, is_typed_relation, style_of)
from ._files import atomic_path

__all__ = ["write_html", "generate_html", "co_mention_graph", "KIND_STYLE", "LARGE_GRAPH", "ENTITY_ONLY_GRAPH"]

KIND_STYLE = {k: (s.colour, s.shape, s.label) for k, s in KIND_STYLES.items()}  # kind: (colour, shape, label)
NOT_IN_PANEL = (MENTIONS, *MEMBERSHIP_RELATIONS)  # relations the panel does not list as "relations"
LARGE_GRAPH = 500  # nodes; larger graphs start with notes hidden and min_mentions 2
ENTITY_ONLY_GRAPH = 10_000  # nodes; larger graphs are drawn entity-only, notes and talks left out of the page
LARGE_MIN_MENTIONS = 2
LARGE_LAYOUT = 300  # visible nodes; above this: no improvedLayout, fewer stabilisation iterations
EVIDENCE_PER_NODE = 12
RELATIONS_PER_NODE = 20
MENTIONED_PER_NODE = 12  # entities listed under a note or talk
EXAMPLES_PER_PAIR = 3


def vis_network_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package (no network needed)."""
    lib = Path(str(resources.files("pyvis"))) / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def mention_count(d: dict) -> int:
    """How many notes mention an entity (its ``notes`` attribute; 0 when absent or unreadable)."""
    try:
        return int(d.get("notes", 0) or 0)
    except (TypeError, ValueError):
        return 0


def label_of(g: nx.MultiDiGraph, n) -> str:
    """A node's label (its id when it has none)."""
    return str(g.nodes[n].get("label", n)) if n in g else str(n)


def node_details(g: nx.MultiDiGraph, n) -> dict:
    """What the info panel shows for a node: label, kind, aliases, where it is mentioned (with the
    evidence sentences), what it mentions, and its other relations (each with the other node's id)."""
    d = g.nodes[n]
    details = {"label": str(d.get("label", n)), "kind": str(d.get("kind", "")),
               "aliases": [a for a in str(d.get("aliases", "")).split("|") if a],
               "path": str(d.get("path", d.get("note", ""))), "date": str(d.get("date", "") or ""),
               "notes": mention_count(d) if is_entity(d) else None,
               "evidence": [], "more_evidence": 0, "mentions": [], "more_mentions": 0,
               "relations": [], "more_relations": 0}
    incoming = [(u, k, e) for u, keys in g.pred[n].items() for k, e in keys.items()]  # adjacency: no edge views
    outgoing = [(v, k, e) for v, keys in g.succ[n].items() for k, e in keys.items()]
    sources = [(u, e) for u, k, e in incoming if k == MENTIONS]
    first = heapq.nsmallest(EVIDENCE_PER_NODE, sources, key=lambda ue: (str(ue[1].get("note", "")), str(ue[0])))
    for u, e in first:  # the first notes in path order (a popular entity has thousands: not all sorted)
        details["evidence"].append({"id": str(u), "from": label_of(g, u), "kind": str(g.nodes[u].get("kind", "")),
                                    "text": str(e.get("evidence", "") or ""), "count": e.get("count", 1),
                                    "where": where(e)})
    details["more_evidence"] = max(0, len(sources) - EVIDENCE_PER_NODE)
    mentioned = sorted(((v, e) for v, k, e in outgoing if k == MENTIONS),
                       key=lambda ve: (-(ve[1].get("count", 1) or 1), label_of(g, ve[0])))
    details["mentions"] = [{"id": str(v), "label": label_of(g, v), "count": e.get("count", 1)}
                           for v, e in mentioned[:MENTIONED_PER_NODE]]
    details["more_mentions"] = max(0, len(mentioned) - MENTIONED_PER_NODE)
    relations = []
    for u, v, k, e in [(n, v, k, e) for v, k, e in outgoing] + [(u, n, k, e) for u, k, e in incoming if k != MENTIONS]:
        if k in NOT_IN_PANEL or u == v:
            continue
        other = v if u == n else u
        relations.append({"dir": "→" if u == n else "←", "relation": str(k), "id": str(other),
                          "label": label_of(g, other), "text": str(e.get("evidence", "") or ""),
                          "where": where(e) if e.get("line") not in (None, "") else "",
                          "weight": float(e.get("weight", 0) or 0)})
    relations.sort(key=lambda r: (r["relation"] == "co_occurs", -r["weight"], r["relation"], r["label"]))
    details["relations"] = relations[:RELATIONS_PER_NODE]
    details["more_relations"] = max(0, len(relations) - RELATIONS_PER_NODE)
    if details["kind"] == "talk":  # the talk panel names who gave it
        details["speakers"] = [x for x in str(d.get("speakers", "") or "").split("|") if x]
        details["presenters"] = [{"id": str(v), "label": label_of(g, v)} for v, k, _ in outgoing if k == "presented_by"]
    return details


def where(e: dict) -> str:
    """``note.md:12`` for an edge that cites a line of a note."""
    note, line = str(e.get("note", "") or ""), e.get("line", "")
    return f"{note}:{line}" if note and line not in (None, "") else note


def tooltip(details: dict) -> str:
    """Plain-text tooltip (vis-network shows string titles as text, never as HTML)."""
    lines = [details["label"], f"kind: {details['kind']}"]
    if details["notes"]:
        lines.append(f"mentioned in {details['notes']} note(s)")
    if details["aliases"]:
        lines.append("aliases: " + ", ".join(details["aliases"][:8]))
    for ev in details["evidence"][:3]:
        if ev["text"]:
            lines.append(f"“{ev['text'][:160]}” ({ev['where']})")
    return "\n".join(lines)


def co_mention_graph(g: nx.MultiDiGraph, min_mentions: int = 1) -> nx.MultiDiGraph:
    """The entities of ``g`` joined by ``co_mentioned`` edges when one talk or note mentions both.

    An edge's ``weight`` is the number of talks/notes that mention both, ``examples`` the labels of up
    to three of them. Typed entity → entity relations of ``g`` (``migrated_to``, …) are kept; other
    relations (and ``co_occurs``, which this projection replaces) are not.

    >>> g = nx.MultiDiGraph()
    >>> for n in ("a", "b"): g.add_node(n, kind="tool", label=n.upper(), notes=1)
    >>> g.add_node("note:x.md", kind="note", label="X")
    >>> for n in ("a", "b"): _ = g.add_edge("note:x.md", n, key="mentions", relation="mentions")
    >>> co_mention_graph(g).edges["a", "b", "co_mentioned"]["weight"]
    1
    """
    keep = {n for n, d in g.nodes(data=True) if is_entity(d) and ("notes" not in d or mention_count(d) >= min_mentions)}
    h = nx.MultiDiGraph(**g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in g if n in keep)
    by_source = defaultdict(set)
    for u, nbrs in g.succ.items():
        for v, keys in nbrs.items():
            if MENTIONS in keys and v in keep:
                by_source[u].add(v)
    weight, examples = Counter(), defaultdict(list)
    for src in sorted(by_source, key=str):
        for a, b in combinations(sorted(by_source[src], key=str), 2):
            weight[a, b] += 1
            if len(examples[a, b]) < EXAMPLES_PER_PAIR:
                examples[a, b].append(label_of(g, src))
    for (a, b), w in weight.items():
        h.add_edge(a, b, key=CO_MENTIONED, relation=CO_MENTIONED, weight=w, examples="|".join(examples[a, b]))
    for u in (n for n in g if n in keep):  # typed relations between kept entities, in the graph's order
        for v, keys in g.succ[u].items():
            if v in keep:
                for k, d in keys.items():
                    if is_typed_relation(k):
                        h.add_edge(u, v, key=k, **d)
    return h


@dataclass
class View:
    """What the page draws: the graph to draw and what was left out or hidden, and why."""

    graph: nx.MultiDiGraph
    hidden_kinds: tuple[str, ...]
    min_mentions: int
    entity_only: bool
    omitted: dict = field(default_factory=dict)  # id → {label, kind, notes} of entities left out
    notices: list[str] = field(default_factory=list)  # what the header says about the view


def view_of(g: nx.MultiDiGraph, *, min_mentions: int | None = None, hide_kinds: tuple[str, ...] | None = None,
            entity_only: bool | None = None) -> View:
    """Choose what to draw (see the module docstring for the automatic defaults of large graphs)."""
    large = g.number_of_nodes() > LARGE_GRAPH
    auto_entities = entity_only is None and g.number_of_nodes() > ENTITY_ONLY_GRAPH
    entity_only = bool(entity_only) or auto_entities
    auto_min = min_mentions is None
    auto_hide = hide_kinds is None
    if auto_min:
        min_mentions = LARGE_MIN_MENTIONS if large else 1
    if auto_hide:
        hide_kinds = (TAG, NOTE) if large and not entity_only else (TAG,)
    hide_kinds = tuple(hide_kinds)
    omitted = {str(n): {"label": str(d.get("label", n)), "kind": str(d.get("kind", "")), "notes": mention_count(d)}
               for n, d in g.nodes(data=True) if is_entity(d) and "notes" in d and mention_count(d) < min_mentions}
    if entity_only:
        drawn = co_mention_graph(g, min_mentions)
    else:
        drawn = g.subgraph([n for n in g if str(n) not in omitted]).copy() if omitted else g  # a copy: views are slow
    notices = []
    if auto_entities:
        notices.append(f"Very large graph ({g.number_of_nodes():,} nodes): notes and talks are left out of this page "
                       "(graph.graphml and report.html have them).")
    elif large and (auto_min or auto_hide):
        notices.append(f"Large graph ({g.number_of_nodes():,} nodes): the page starts with a lighter view.")
    if entity_only:
        notices.append("Entities only: an edge joins two entities mentioned in the same talk or note "
                       "(thicker = more often).")
    if omitted:
        notices.append(f"{len(omitted):,} entities mentioned by fewer than {min_mentions} notes are left out.")
    hidden_present = [k for k in hide_kinds if any(d.get("kind") == k for _, d in drawn.nodes(data=True))]
    if hidden_present:
        names = ", ".join(style_of(k).plural for k in hidden_present)
        notices.append(f"Hidden at first: {names} (tick them in the legend to show them).")
    return View(drawn, hide_kinds, min_mentions, entity_only, omitted, notices)


def node_style(d: dict, degree: int) -> dict:
    """vis-network attributes of a node: colour and shape by kind, entity size by mentioning notes."""
    style = style_of(d.get("kind"))
    if is_entity(d):
        weight = math.sqrt(max(mention_count(d), 1))
        size, font = min(8 + 5 * weight, 60), min(12 + 2.5 * weight, 34)
    elif d.get("kind") == TAG:
        size, font = 8, 11
    else:  # notes and talks: labels drawn below the shape (shapes with the label inside look empty when zoomed out)
        size, font = min(7 + 1.2 * math.sqrt(degree), 18), 14 if d.get("kind") == TALK else 13
    return {"color": style.colour, "shape": style.shape, "size": round(size, 1), "font": {"size": round(font, 1)}}


def to_pyvis(g: nx.MultiDiGraph, source: nx.MultiDiGraph | None = None) -> tuple[Network, dict]:
    """A pyvis ``Network`` of ``g`` (styled by kind) and per-node details (taken from ``source``, the
    full graph, when ``g`` is a view of it).

    The node and edge records are the ones ``Network.add_node``/``add_edge`` would make, appended
    directly: those methods look ids up in lists (a scan per call, quadratic on large graphs).
    """
    source = g if source is None else source
    net = Network(directed=True, cdn_resources="in_line")
    details = {}
    for n, d in g.nodes(data=True):
        info = node_details(source if n in source else g, n)
        details[str(n)] = info
        style = node_style(d, g.degree(n))
        label = short(info["label"], 40 if is_entity(d) else 28)
        net.nodes.append({"color": style["color"], "title": tooltip(info), "kind": str(d.get("kind", "")),
                          "size": style["size"], "font": style["font"], "id": str(n), "label": label or str(n),
                          "shape": style["shape"]})
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    for u, v, k, d in g.edges(keys=True, data=True):
        if k == CO_MENTIONED:
            examples = str(d.get("examples", "")).replace("|", "; ")
            title = f"co-mentioned in {d['weight']} talk(s)/note(s): {examples}"
            net.edges.append({"title": title, "relation": k, "arrows": "", "width": min(1 + math.log2(d["weight"]), 8),
                              "color": {"opacity": 0.5}, "from": str(u), "to": str(v)})
            continue
        title = k if not d.get("evidence") else f"{k}: {str(d['evidence'])[:200]}"
        net.edges.append({"title": title, "relation": k, "arrows": "to", "dashes": k in DASHED_RELATIONS,
                          "width": 1 + math.log1p(d.get("count", 1) or 1), "from": str(u), "to": str(v)})
    return net, details


def short(label: str, limit: int = 40) -> str:
    """A node label short enough to draw (the full text is in the tooltip and panel)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def safe_json(value) -> str:
    """JSON that can sit inside a ``<script>`` element whatever the note text contains."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def layout_settings(visible: int) -> dict:
    """vis-network layout/physics settings for a page that starts with ``visible`` nodes drawn."""
    large = visible > LARGE_LAYOUT
    return {"improvedLayout": not large, "iterations": 150 if large else 400,
            "relayoutIterations": 60 if large else 150, "large": large}


def generate_html(g: nx.MultiDiGraph, title: str = "notegraph", *, min_mentions: int | None = None,
                  hide_kinds: tuple[str, ...] | None = None, entity_only: bool | None = None) -> str:
    """The whole page as a string.

    ``min_mentions``: entities mentioned by fewer notes are left out (``None``: 1, or 2 for graphs
    over :data:`LARGE_GRAPH` nodes). ``hide_kinds``: kinds unticked in the legend at first (``None``:
    tags, plus notes for large graphs). ``entity_only``: draw only entities joined by co-mention (``None``:
    for graphs over :data:`ENTITY_ONLY_GRAPH` nodes).
    """
    view = view_of(g, min_mentions=min_mentions, hide_kinds=hide_kinds, entity_only=entity_only)
    net, details = to_pyvis(view.graph, g)
    js, css = vis_network_assets()
    env = jinja2.Environment(loader=jinja2.PackageLoader("notegraph.export", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    kinds = Counter(str(d.get("kind", "")) for _, d in view.graph.nodes(data=True))
    order = list(KIND_STYLES)
    legend = [{"kind": k, "colour": style_of(k).colour, "label": KIND_STYLES[k].label if k in KIND_STYLES else k,
               "count": c, "checked": k not in view.hidden_kinds}
              for k, c in sorted(kinds.items(), key=lambda kc: (order.index(kc[0]) if kc[0] in order else 99, kc[0]))]
    visible = sum(c for k, c in kinds.items() if k not in view.hidden_kinds)
    settings = layout_settings(visible)
    return env.get_template("graph.html.j2").render(
        title=title, vis_js=Markup(js.replace("</script", "<\\/script")), vis_css=Markup(css), legend=legend,
        nodes_json=Markup(safe_json(net.nodes)), edges_json=Markup(safe_json(net.edges)),
        details_json=Markup(safe_json(details)), omitted_json=Markup(safe_json(view.omitted)),
        settings_json=Markup(safe_json({**settings, "minMentions": view.min_mentions,
                                         "entityOnly": view.entity_only})),
        notices=view.notices, node_count=view.graph.number_of_nodes(), edge_count=edge_count(view.graph),
        total_nodes=g.number_of_nodes(), total_edges=edge_count(g),
    )


def edge_count(g: nx.MultiDiGraph) -> int:
    """The number of edges, counted over the adjacency (``number_of_edges`` sums degrees: three times slower)."""
    return sum(len(keys) for nbrs in g.succ.values() for keys in nbrs.values())


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike, title: str = "notegraph", *,
               min_mentions: int | None = None, hide_kinds: tuple[str, ...] | None = None,
               entity_only: bool | None = None) -> None:
    """Write the interactive graph page (UTF-8), atomically. Options as in :func:`generate_html`."""
    page = generate_html(g, title, min_mentions=min_mentions, hide_kinds=hide_kinds, entity_only=entity_only)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
