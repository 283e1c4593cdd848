"""Questions over a built graph, answered as pandas DataFrames: who mentions what, and why.

Plain functions over the networkx ``MultiDiGraph`` of the graph contract (README), so they work on a
freshly built graph and on one read back from GraphML, GEXF, node-link JSON or Neo4j CSV. Entities
are named by id, label or alias (:func:`resolve`); every table says where its rows come from.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("aws:lambda", kind="aws_service", label="AWS Lambda", aliases="Lambda|ラムダ")
>>> g.add_node("talk:a.md#1", kind="talk", label="Serverless", note="a.md", event="Meetup", date="2024-06-20")
>>> g.add_edge("talk:a.md#1", "aws:lambda", key="mentions", relation="mentions", count=2, line=3,
...            evidence="Lambda関数を使う。", note="a.md")
'mentions'
>>> entities(g)[["label", "talks", "mentions"]].to_dict("records")
[{'label': 'AWS Lambda', 'talks': 1, 'mentions': 2}]
"""
from __future__ import annotations

import html
import re
import warnings
from collections import defaultdict

import networkx as nx
import pandas as pd

from .catalog import normalize
from .schema import CO_OCCURS, MENTIONS, PRESENTED_BY, STRUCTURAL_KINDS, entity_projection, is_entity, is_typed_relation

__all__ = ["resolve", "entities", "talks", "relations", "talks_mentioning", "companies_using", "co_occurring", "entity_projection",
           "evidence", "show", "STRUCTURAL_KINDS"]

_EXAMPLE = re.compile(r"^(?P<note>.*?):(?P<line>\d+): ?(?P<evidence>.*)$", re.S)


def is_entity_node(g: nx.MultiDiGraph, n) -> bool:
    """Whether node ``n`` is an entity (not a note, talk or tag)."""
    return is_entity(g.nodes[n])


def note_of(g: nx.MultiDiGraph, n) -> str:
    """The note path a note or talk node belongs to ('' for other nodes)."""
    d = g.nodes[n]
    return str(d.get("path", "")) if d.get("kind") == "note" else str(d.get("note", ""))


def aliases_of(d: dict) -> list[str]:
    """A node's aliases as a list (the graph stores them ``|``-separated)."""
    value = d.get("aliases") or ""
    return list(value) if isinstance(value, (list, tuple)) else [a for a in str(value).split("|") if a]


def mention_edges(g: nx.MultiDiGraph, entity):
    """``(source, data)`` for every ``mentions`` edge into ``entity``."""
    return [(u, d) for u, _, d in g.in_edges(entity, data=True) if d.get("relation") == MENTIONS]


def resolve(g: nx.MultiDiGraph, name: str):
    """The node id for a node id, or an entity's label or alias (NFKC, case-insensitive), so people can
    ask with the name they know.

    >>> g = nx.MultiDiGraph(); g.add_node("aws:lambda", kind="aws_service", label="AWS Lambda", aliases="Lambda")
    >>> resolve(g, "aws:lambda"), resolve(g, "ＡＷＳ lambda"), resolve(g, "LAMBDA")
    ('aws:lambda', 'aws:lambda', 'aws:lambda')
    """
    if name in g:
        return name
    key = normalize(str(name))
    ents = [(n, d) for n, d in g.nodes(data=True) if is_entity_node(g, n)]
    for n, d in ents:
        if normalize(str(d.get("label", ""))) == key:
            return n
    for n, d in ents:
        if any(normalize(a) == key for a in aliases_of(d)):
            return n
    raise KeyError(f"no node or entity named {name!r} in the graph")


def entities(g: nx.MultiDiGraph, kind: str | None = None) -> pd.DataFrame:
    """Entities (optionally of one ``kind``) with how many notes and talks mention them, most mentioned first;
    ``verified`` is False for entities proposed from the notes rather than taken from the catalog
    (review them: ``entities(g).query("not verified")``, then confirm or reject them in notegraph.yaml).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("tool:go", kind="tool", label="Go", aliases="golang")
    >>> g.add_node("note:a.md", kind="note", label="A", path="a.md")
    >>> g.add_edge("note:a.md", "tool:go", key="mentions", relation="mentions", count=3)
    'mentions'
    >>> entities(g, "tool").to_dict("records")
    [{'id': 'tool:go', 'label': 'Go', 'kind': 'tool', 'notes': 1, 'talks': 0, 'mentions': 3, 'aliases': ['golang'], 'verified': True, 'source': ''}]
    """
    rows = []
    for n, d in g.nodes(data=True):
        if not is_entity_node(g, n) or (kind is not None and d.get("kind") != kind):
            continue
        edges = mention_edges(g, n)
        rows.append({"id": n, "label": str(d.get("label", n)), "kind": d.get("kind"),
                     "notes": len({note_of(g, u) for u, _ in edges}),
                     "talks": sum(1 for u, _ in edges if g.nodes[u].get("kind") == "talk"),
                     "mentions": sum(int(e.get("count", 1) or 1) for _, e in edges), "aliases": aliases_of(d),
                     "verified": d.get("verified", True) not in (False, "false", "False"),
                     "source": str(d.get("source", "") or "")})
    columns = ["id", "label", "kind", "notes", "talks", "mentions", "aliases", "verified", "source"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["mentions", "label"], ascending=[False, True], ignore_index=True)


def talks(g: nx.MultiDiGraph) -> pd.DataFrame:
    """Every talk: its event (note title), date, title, speakers, presenting companies and the
    entities it mentions (``|``-joined labels), in date and note order.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("talk:m.md#1", kind="talk", label="EKS移行", title="EKS移行", note="m.md", event="Meetup #3",
    ...            date="2024-06-01", order=1, speakers="山田 花子")
    >>> g.add_node("company:x", kind="company", label="Example")
    >>> g.add_node("aws:eks", kind="aws_service", label="Amazon EKS")
    >>> _ = g.add_edge("talk:m.md#1", "company:x", key="presented_by", relation="presented_by")
    >>> _ = g.add_edge("talk:m.md#1", "aws:eks", key="mentions", relation="mentions")
    >>> talks(g)[["event", "talk", "speakers", "companies", "entities"]].to_dict("records")
    [{'event': 'Meetup #3', 'talk': 'EKS移行', 'speakers': '山田 花子', 'companies': 'Example', 'entities': 'Amazon EKS'}]
    """
    rows = []
    for n, d in g.nodes(data=True):
        if d.get("kind") != "talk":
            continue
        out = [(v, k) for _, v, k in g.out_edges(n, keys=True)]
        companies = [str(g.nodes[v].get("label", v)) for v, k in out if k == "presented_by"]
        mentioned = [str(g.nodes[v].get("label", v)) for v, k in out if k == "mentions" and is_entity_node(g, v)]
        rows.append({"id": n, "event": str(d.get("event", "")), "date": str(d.get("date", "") or ""),
                     "note": str(d.get("note", "")), "order": int(d.get("order", 0) or 0),
                     "talk": str(d.get("title", d.get("label", n))), "speakers": str(d.get("speakers", "") or ""),
                     "companies": "|".join(dict.fromkeys(companies)), "entities": "|".join(dict.fromkeys(mentioned))})
    columns = ["id", "event", "date", "note", "order", "talk", "speakers", "companies", "entities"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["date", "note", "order"], ignore_index=True)


def relations(g: nx.MultiDiGraph, kind: str | None = None, min_confidence: float = 0.0) -> pd.DataFrame:
    """Typed relations (``adopted``, ``migrated_to``, ``replaced_by``, ``runs_on``, ``not_supported_on``…)
    as rows: source, relation, target, cue, confidence, evidence and ``note:line``; ``kind`` keeps one
    relation, ``min_confidence`` only statements at least that strong.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:x", kind="company", label="Example")
    >>> g.add_node("aws:eks", kind="aws_service", label="Amazon EKS")
    >>> _ = g.add_edge("company:x", "aws:eks", key="adopted", relation="adopted", cue="導入", confidence=0.9,
    ...                evidence="EKSを導入した。", note="m.md", line=5)
    >>> relations(g, kind="adopted")[["source", "relation", "target", "cue", "where"]].to_dict("records")
    [{'source': 'Example', 'relation': 'adopted', 'target': 'Amazon EKS', 'cue': '導入', 'where': 'm.md:5'}]
    """
    rows = []
    for u, v, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation", k))
        if not is_typed_relation(relation) or (kind and relation != kind):
            continue
        confidence = float(d.get("confidence", 0) or 0)
        if confidence < min_confidence:
            continue
        line = d.get("line", "")
        rows.append({"source": str(g.nodes[u].get("label", u)), "source_kind": str(g.nodes[u].get("kind", "")),
                     "relation": relation, "target": str(g.nodes[v].get("label", v)), "cue": str(d.get("cue", "") or ""),
                     "confidence": confidence, "evidence": str(d.get("evidence", "") or ""),
                     "where": f"{d.get('note', '')}:{line}" if line not in (None, "") else str(d.get("note", "")),
                     "source_id": u, "target_id": v})
    columns = ["source", "source_kind", "relation", "target", "cue", "confidence", "evidence", "where", "source_id",
               "target_id"]
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["relation", "source", "target"], ignore_index=True)


def talks_mentioning(g: nx.MultiDiGraph, entity: str) -> pd.DataFrame:
    """The talks that mention an entity, with the first sentence that does, in date order.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("tool:karpenter", kind="tool", label="Karpenter")
    >>> g.add_node("talk:k.md#2", kind="talk", label="Karpenter in production", note="k.md", event="KubeCon",
    ...            date="2024-03-23")
    >>> g.add_edge("talk:k.md#2", "tool:karpenter", key="mentions", relation="mentions", count=3, line=30,
    ...            evidence="Karpenter was started by AWS", note="k.md")
    'mentions'
    >>> talks_mentioning(g, "karpenter")[["talk", "event", "count"]].to_dict("records")
    [{'talk': 'talk:k.md#2', 'event': 'KubeCon', 'count': 3}]
    """
    target = resolve(g, entity)
    rows = []
    for u, e in mention_edges(g, target):
        t = g.nodes[u]
        if t.get("kind") != "talk":
            continue
        rows.append({"talk": u, "title": str(t.get("title", t.get("label", u))), "note": note_of(g, u),
                     "event": t.get("event", ""), "date": t.get("date", ""), "count": int(e.get("count", 1) or 1),
                     "evidence": e.get("evidence", "")})
    df = pd.DataFrame(rows, columns=["talk", "title", "note", "event", "date", "count", "evidence"])
    order = df.assign(_date=df["date"].astype(str)).sort_values(["_date", "talk"]).index
    return df.loc[order].reset_index(drop=True)


def companies_using(g: nx.MultiDiGraph, entity: str) -> pd.DataFrame:
    """Companies that presented a talk mentioning the entity: who talks about using it on stage.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:mercari", kind="company", label="メルカリ")
    >>> g.add_node("tool:karpenter", kind="tool", label="Karpenter")
    >>> g.add_node("talk:m.md#1", kind="talk", label="EKS移行", note="m.md")
    >>> _ = g.add_edge("talk:m.md#1", "company:mercari", key="presented_by", relation="presented_by")
    >>> _ = g.add_edge("talk:m.md#1", "tool:karpenter", key="mentions", relation="mentions", count=1)
    >>> companies_using(g, "Karpenter").to_dict("records")
    [{'company': 'company:mercari', 'label': 'メルカリ', 'talks': 1, 'titles': ['EKS移行']}]
    """
    target = resolve(g, entity)
    titles = defaultdict(list)
    for talk, _ in mention_edges(g, target):
        for _, company, d in g.out_edges(talk, data=True):
            if d.get("relation") == PRESENTED_BY and company != target:
                titles[company].append(str(g.nodes[talk].get("title", g.nodes[talk].get("label", talk))))
    rows = [{"company": c, "label": str(g.nodes[c].get("label", c)), "talks": len(t), "titles": t}
            for c, t in titles.items()]
    df = pd.DataFrame(rows, columns=["company", "label", "talks", "titles"])
    return df.sort_values(["talks", "label"], ascending=[False, True], ignore_index=True)


def co_occurring(g: nx.MultiDiGraph, entity: str, top: int = 10) -> pd.DataFrame:
    """The entities most often mentioned in the same talks/notes as this one (``shared`` sources).

    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from(["tool:go", "tool:rust", "tool:cobra"], kind="tool", label="x")
    >>> g.add_nodes_from(["note:a.md", "note:b.md"], kind="note")
    >>> for s, e in [("note:a.md", "tool:go"), ("note:a.md", "tool:rust"), ("note:b.md", "tool:go"),
    ...              ("note:b.md", "tool:rust"), ("note:b.md", "tool:cobra")]:
    ...     _ = g.add_edge(s, e, key="mentions", relation="mentions")
    >>> co_occurring(g, "tool:go")[["id", "shared"]].to_dict("records")
    [{'id': 'tool:rust', 'shared': 2}, {'id': 'tool:cobra', 'shared': 1}]
    """
    target = resolve(g, entity)
    p = entity_projection(g)
    rows = [{"id": other, "label": str(g.nodes[other].get("label", other)), "kind": g.nodes[other].get("kind"),
             "shared": d.get("weight", 1), "pmi": d.get("pmi")}
            for other, d in (p[target].items() if target in p else [])]
    df = pd.DataFrame(rows, columns=["id", "label", "kind", "shared", "pmi"])
    df["pmi"] = pd.to_numeric(df["pmi"], errors="coerce")
    df = df.sort_values(["shared", "pmi", "id"], ascending=[False, False, True], na_position="last")
    return df.head(top).reset_index(drop=True)


def edge_evidence(g: nx.MultiDiGraph, u, v, d: dict) -> list[dict]:
    """The evidence rows of one edge: one row, or one per example of a ``co_occurs`` edge."""
    base = {"source": u, "target": v, "relation": d.get("relation", "")}
    if d.get("relation") == CO_OCCURS:
        items = [x for x in str(d.get("examples") or "").split("|") if x.strip()]
        return [{**base, **parse_example(x)} for x in items] or [{**base, "note": "", "line": None, "evidence": ""}]
    return [{**base, "note": str(d.get("note") or note_of(g, u)), "line": d.get("line"),
             "evidence": str(d.get("evidence") or d.get("text") or "")}]


def parse_example(item: str) -> dict:
    """``{"note", "line", "evidence"}`` from one ``path:line: sentence`` example of a ``co_occurs`` edge."""
    m = _EXAMPLE.match(item.strip())
    if not m:
        return {"note": "", "line": None, "evidence": item.strip()}
    return {"note": m["note"], "line": int(m["line"]), "evidence": m["evidence"].strip()}


def evidence(g: nx.MultiDiGraph, u: str, v: str) -> list[dict]:
    """Why ``u`` and ``v`` are connected: relation, note, line and sentence of every edge between them.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("aws:lambda", kind="aws_service", label="AWS Lambda")
    >>> g.add_node("note:a.md", kind="note", label="A", path="a.md")
    >>> _ = g.add_edge("note:a.md", "aws:lambda", key="mentions", relation="mentions", line=4,
    ...                evidence="Lambda関数をデプロイ。", note="a.md")
    >>> [(r["relation"], r["note"], r["line"], r["evidence"]) for r in evidence(g, "AWS Lambda", "note:a.md")]
    [('mentions', 'a.md', 4, 'Lambda関数をデプロイ。')]
    """
    a, b = resolve(g, u), resolve(g, v)
    pairs = [(a, b)] if a == b else [(a, b), (b, a)]
    return [row for x, y in pairs if g.has_edge(x, y)
            for d in g.get_edge_data(x, y).values() for row in edge_evidence(g, x, y, d)]


def show(g: nx.MultiDiGraph, height: str = "600px"):
    """The interactive graph inline in Jupyter, offline: the HTML export in a sandboxed ``<iframe srcdoc>``.

    >>> show(nx.MultiDiGraph())
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML

    from .export.html import generate_html

    page = html.escape(generate_html(g), quote=True)
    style = html.escape(f"width:100%;height:{height};border:0", quote=True)
    with warnings.catch_warnings():  # IPython suggests IFrame, which cannot carry srcdoc
        warnings.filterwarnings("ignore", message="Consider using IPython.display.IFrame")
        return HTML(f'<iframe srcdoc="{page}" sandbox="allow-scripts" style="{style}"></iframe>')
