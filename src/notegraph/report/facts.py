"""What the report says, computed from the graph alone: plain dicts and lists, no HTML.

Every function reads a graph that follows the contract in README ("Graph contract"), whether it
was just built or read back from GraphML (``event`` may then be a string, ``notes`` a float).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("note:a.md", kind="note", label="A", title="A", path="a.md", date="2024-06-20", event=True)
>>> g.add_node("aws:s3", kind="aws_service", label="Amazon S3", notes=1)
>>> _ = g.add_edge("note:a.md", "aws:s3", key="mentions", relation="mentions", count=2)
>>> overview(g)["entities"]["aws_service"], overview(g)["event_notes"], overview(g)["first_date"]
(1, 1, '2024-06-20')
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from urllib.parse import quote

import networkx as nx

from ..schema import ENTITY_KINDS, KIND_NAMES, STRUCTURAL_KINDS, UNTYPED_RELATIONS, is_entity, is_typed_relation

__all__ = ["ENTITY_KINDS", "KIND_NAMES", "NOT_TYPED", "overview", "top_entities", "richest_notes", "timeline", "events",
           "co_occurring_pairs", "typed_relations", "entity_index", "run_summary", "parse_date", "node_href",
           "is_entity"]

NOT_TYPED = UNTYPED_RELATIONS  # the old name (ENTITY_KINDS, KIND_NAMES and NOT_TYPED live in notegraph.schema)
_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")
LONG_RANGE_MONTHS = 36  # longer date ranges are counted per year


def is_event_note(d: dict) -> bool:
    """An event note (attribute ``is_event``; older graphs call it ``event``)."""
    return truthy(d.get("is_event", d.get("event", False)))


def truthy(value) -> bool:
    """A boolean attribute that may have come back from a file as text."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def number(value, default=0):
    """A numeric attribute (``''`` and garbage count as ``default``)."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return default
    if not math.isfinite(f):
        return default
    return int(f) if f.is_integer() else f


def parse_date(text) -> tuple[int, int | None] | None:
    """``(year, month)`` of a note's ``date`` (month ``None`` for a bare year), or ``None``.

    >>> parse_date("2024-06-20T19:00:00+09:00"), parse_date("2019"), parse_date("soon")
    ((2024, 6), (2019, None), None)
    """
    m = _DATE.match(str(text or ""))
    if not m or not 1900 <= int(m.group(1)) <= 2200:
        return None
    month = int(m.group(2)) if m.group(2) else None
    return int(m.group(1)), month if month and 1 <= month <= 12 else None


def node_href(graph_href: str, node_id) -> str:
    """Deep link into the interactive graph: ``graph.html#node=<url-encoded id>``."""
    return f"{graph_href}#node={quote(str(node_id), safe='')}"


def nodes_of(g: nx.MultiDiGraph, kind: str) -> list:
    """Node ids of one kind."""
    return [n for n, d in g.nodes(data=True) if d.get("kind") == kind]


def label(g: nx.MultiDiGraph, n) -> str:
    """A node's label (its id when it has none)."""
    return str(g.nodes[n].get("label", n))


def note_of(g: nx.MultiDiGraph, n):
    """The note a talk or note node belongs to (``None`` for other nodes)."""
    d = g.nodes[n]
    if d.get("kind") == "note":
        return n
    if d.get("kind") == "talk":
        for _, v, k in g.out_edges(n, keys=True):
            if k == "part_of":
                return v
    return None


def overview(g: nx.MultiDiGraph) -> dict:
    """Counts of notes, event notes, talks, entities per kind, tags and links, and the date range."""
    kinds = Counter(str(d.get("kind", "")) for _, d in g.nodes(data=True))
    relations = Counter(k for _, _, k in g.edges(keys=True))
    notes = nodes_of(g, "note")
    dates = sorted(str(g.nodes[n].get("date", ""))[:10] for n in notes if parse_date(g.nodes[n].get("date")))
    other = {k: c for k, c in kinds.items() if k not in (*ENTITY_KINDS, *STRUCTURAL_KINDS)}
    return {"notes": kinds["note"], "event_notes": sum(is_event_note(g.nodes[n]) for n in notes),
            "talks": kinds["talk"], "entities": {k: kinds[k] for k in ENTITY_KINDS}, "other_entities": other,
            "entity_total": sum(kinds[k] for k in ENTITY_KINDS) + sum(other.values()),
            "tags": kinds["tag"], "links": relations["links_to"], "mentions": relations["mentions"],
            "presented_by": relations["presented_by"],
            "mention_count": sum(number(d.get("count", 1), 1) for *_, k, d in g.edges(keys=True, data=True)
                                 if k == "mentions"),
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "",
            "dated_notes": len(dates), "undated_notes": len(notes) - len(dates),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "proposed": proposed(g)}


def proposed(g: nx.MultiDiGraph, graph_href: str = "graph.html") -> list[dict]:
    """Entities proposed from the notes rather than taken from the catalog (``verified=False``), most
    mentioned first, with how they were found: what a user should review (notegraph.yaml confirm/reject)."""
    counts = Counter(v for _, v, k in g.edges(keys=True) if k == "mentions")
    rows = [dict(chip(g, n, graph_href), source=str(g.nodes[n].get("source", "")), mentions=counts[n])
            for n, d in g.nodes(data=True) if is_entity(d) and d.get("verified") in (False, "false", "False")]
    return sorted(rows, key=lambda r: (-r["mentions"], r["label"].casefold()))


def mentioning_notes(g: nx.MultiDiGraph) -> dict:
    """entity id → set of note ids whose text (or one of whose talks) mentions it."""
    out = defaultdict(set)
    for u, v, k in g.edges(keys=True):
        if k == "mentions":
            note = note_of(g, u)
            if note is not None:
                out[v].add(note)
    return out


def top_entities(g: nx.MultiDiGraph, kind: str, limit: int = 15, graph_href: str = "graph.html") -> list[dict]:
    """The entities of ``kind`` mentioned by the most notes (``notes`` attribute, else counted)."""
    counted = mentioning_notes(g)
    rows = []
    for n in nodes_of(g, kind):
        d = g.nodes[n]
        notes = number(d.get("notes"), 0) or len(counted.get(n, ()))
        talks = sum(1 for u, _, k in g.in_edges(n, keys=True) if k == "mentions" and g.nodes[u].get("kind") == "talk")
        rows.append({"id": str(n), "label": label(g, n), "notes": notes, "talks": talks,
                     "href": node_href(graph_href, n)})
    rows.sort(key=lambda r: (-r["notes"], -r["talks"], r["label"].casefold()))
    return [r for r in rows if r["notes"] > 0][:limit]


def richest_notes(g: nx.MultiDiGraph, limit: int = 15, graph_href: str = "graph.html") -> list[dict]:
    """The notes that mention the most distinct entities (in their own text or their talks)."""
    entities = defaultdict(set)
    for entity, notes in mentioning_notes(g).items():
        for n in notes:
            entities[n].add(entity)
    rows = [{"id": str(n), "label": str(g.nodes[n].get("title", label(g, n))), "entities": len(es),
             "path": str(g.nodes[n].get("path", "")), "href": node_href(graph_href, n)} for n, es in entities.items()]
    rows.sort(key=lambda r: (-r["entities"], r["label"].casefold()))
    return rows[:limit]


def timeline(g: nx.MultiDiGraph, top: int = 12) -> dict:
    """Mentions over time by note date: per month, or per year when the range is long.

    Returns ``granularity`` ("month"/"year"), ``periods`` (labels, gap-free), ``notes`` per period,
    ``mentions`` per entity kind per period (distinct note × entity pairs), and ``heat``: the ``top``
    entities and how many notes mention each per period.
    """
    when = {}
    for n in nodes_of(g, "note"):
        parsed = parse_date(g.nodes[n].get("date"))
        if parsed:
            when[n] = parsed
    if not when:
        return {"granularity": "", "periods": [], "notes": [], "mentions": {}, "heat": [], "undated": len(nodes_of(g, "note"))}
    months = [(y, m) for y, m in when.values() if m]
    first, last = min(when.values(), key=lambda ym: (ym[0], ym[1] or 1)), max(when.values(), key=lambda ym: (ym[0], ym[1] or 12))
    span = (last[0] - first[0]) * 12 + (last[1] or 12) - (first[1] or 1) + 1
    by_year = span > LONG_RANGE_MONTHS or len(months) < len(when)
    if by_year:
        periods = [(y, None) for y in range(first[0], last[0] + 1)]
    else:
        periods, (y, m) = [], (first[0], first[1])
        while (y, m) <= (last[0], last[1]):
            periods.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    index = {p: i for i, p in enumerate(periods)}
    slot = {n: index[(y, None) if by_year else (y, m)] for n, (y, m) in when.items()}
    notes = [0] * len(periods)
    for n in when:
        notes[slot[n]] += 1
    mentions = {k: [0] * len(periods) for k in ENTITY_KINDS}
    per_entity = defaultdict(lambda: [0] * len(periods))
    for entity, ns in mentioning_notes(g).items():
        kind = str(g.nodes[entity].get("kind", ""))
        for n in ns:
            if n in slot:
                if kind in mentions:
                    mentions[kind][slot[n]] += 1
                per_entity[entity][slot[n]] += 1
    ranked = sorted(per_entity, key=lambda e: (-sum(per_entity[e]), label(g, e).casefold()))[:top]
    heat = [{"id": str(e), "label": label(g, e), "kind": str(g.nodes[e].get("kind", "")), "counts": per_entity[e]}
            for e in ranked]
    names = [str(y) if by_year else f"{y}-{m:02d}" for y, m in periods]
    return {"granularity": "year" if by_year else "month", "periods": names, "notes": notes, "mentions": mentions,
            "heat": heat, "undated": len(nodes_of(g, "note")) - len(when)}


def chip(g: nx.MultiDiGraph, n, graph_href: str) -> dict:
    """An entity as the report shows it inline: id, label, kind, deep link."""
    return {"id": str(n), "label": label(g, n), "kind": str(g.nodes[n].get("kind", "")), "href": node_href(graph_href, n)}


def entities_mentioned(g: nx.MultiDiGraph, n, graph_href: str) -> list[dict]:
    """The entities a talk or note mentions, most mentioned first."""
    out = [(number(e.get("count", 1), 1), v) for _, v, k, e in g.out_edges(n, keys=True, data=True) if k == "mentions"]
    out.sort(key=lambda cv: (-cv[0], label(g, cv[1]).casefold()))
    return [chip(g, v, graph_href) for _, v in out]


def events(g: nx.MultiDiGraph, graph_href: str = "graph.html") -> list[dict]:
    """Event notes (newest first, at most :data:`MAX_EVENTS`), each with its talks in order: speakers,
    presenter companies and entities."""
    talks_of = defaultdict(list)
    for u, v, k in g.edges(keys=True):
        if k == "part_of" and g.nodes[u].get("kind") == "talk":
            talks_of[v].append(u)
    out = []
    for n in nodes_of(g, "note"):
        d = g.nodes[n]
        if not is_event_note(d) and not talks_of.get(n):
            continue
        talks = []
        for t in sorted(talks_of.get(n, []), key=lambda t: (number(g.nodes[t].get("order"), 0), str(t))):
            presenters = [chip(g, v, graph_href) for _, v, k in g.out_edges(t, keys=True) if k == "presented_by"]
            talks.append({"id": str(t), "title": str(g.nodes[t].get("title", label(g, t))),
                          "href": node_href(graph_href, t), "line": g.nodes[t].get("line", ""),
                          "presenters": presenters, "entities": entities_mentioned(g, t, graph_href),
                          "speakers": [x for x in str(g.nodes[t].get("speakers", "") or "").split("|") if x]})
        out.append({"id": str(n), "title": str(d.get("title", label(g, n))), "path": str(d.get("path", "")),
                    "date": str(d.get("date", "") or "")[:10], "href": node_href(graph_href, n), "talks": talks,
                    "note_entities": entities_mentioned(g, n, graph_href)})
    out.sort(key=lambda e: (e["date"] != "", e["date"], e["title"]), reverse=True)
    return out[:MAX_EVENTS]


def split_examples(value) -> list[str]:
    """``examples`` of a ``co_occurs`` edge as a list (stored as a list or ``|``-separated text)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v)]
    return [v for v in str(value or "").split("|") if v.strip()]


def co_occurring_pairs(g: nx.MultiDiGraph, limit: int = 20, graph_href: str = "graph.html") -> list[dict]:
    """The strongest ``co_occurs`` edges (by ``weight``, then ``pmi``), one row per unordered pair."""
    best = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        if k != "co_occurs" and d.get("relation") != "co_occurs":
            continue
        pair = tuple(sorted((str(u), str(v))))
        row = {"a": chip(g, u, graph_href), "b": chip(g, v, graph_href), "weight": number(d.get("weight"), 0),
               "pmi": float(number(d.get("pmi"), 0.0)), "examples": split_examples(d.get("examples"))}
        if pair not in best or (row["weight"], row["pmi"]) > (best[pair]["weight"], best[pair]["pmi"]):
            best[pair] = row
    rows = sorted(best.values(), key=lambda r: (-r["weight"], -r["pmi"], r["a"]["label"], r["b"]["label"]))
    return rows[:limit]


def typed_relations(g: nx.MultiDiGraph, limit: int = 200, graph_href: str = "graph.html") -> list[dict]:
    """Typed relations (``adopted``, ``migrated_to``, …) with their evidence, cue and confidence, grouped
    by relation then source: "who uses what". An adoption by a talk whose presenting company is in the
    graph is shown once, from the company."""
    rows = []
    for u, v, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation", k))
        if not is_typed_relation(relation) or not is_entity(g.nodes[v]):
            continue
        if not is_entity(g.nodes[u]):
            if g.nodes[u].get("kind") not in ("talk", "note"):
                continue
            firms = [c for _, c, kk in g.out_edges(u, keys=True) if kk == "presented_by"]
            if any(g.has_edge(c, v, relation) for c in firms):
                continue  # shown from the company
        rows.append({"source": chip(g, u, graph_href), "relation": relation, "target": chip(g, v, graph_href),
                     "evidence": str(d.get("evidence", "") or ""), "note": str(d.get("note", "") or ""),
                     "line": d.get("line", "") if d.get("line") not in (None, "") else "",
                     "cue": str(d.get("cue", "") or ""), "confidence": number(d.get("confidence"), "")})
    rows.sort(key=lambda r: (r["relation"], r["source"]["label"].casefold(), r["target"]["label"].casefold(),
                             r["note"], str(r["line"])))
    return rows[:limit]


MAX_APPEARS = 12  # notes listed under an entity in the index (newest first; the rest counted)
MAX_INDEXED = 2000  # entities per kind in the index (most mentioned first)
MAX_EVENTS = 300  # event notes in the events section (newest first)


def entity_index(g: nx.MultiDiGraph, graph_href: str = "graph.html") -> dict[str, list[dict]]:
    """Per kind, the entities (most mentioned first, at most :data:`MAX_INDEXED`) with the newest notes
    and talks they appear in (at most :data:`MAX_APPEARS`, the rest counted): a page that stays a page
    a person can scroll for a vault of any size."""
    where = defaultdict(lambda: defaultdict(list))  # entity → note → talks
    for u, v, k in g.edges(keys=True):
        if k != "mentions":
            continue
        note = note_of(g, u)
        if note is None:
            continue
        talks = where[v][note]
        if g.nodes[u].get("kind") == "talk":
            talks.append({"id": str(u), "title": str(g.nodes[u].get("title", label(g, u))),
                          "href": node_href(graph_href, u), "order": number(g.nodes[u].get("order"), 0)})
    out = defaultdict(list)
    for n, d in g.nodes(data=True):
        if not is_entity(d):
            continue
        notes = []
        for note, talks in where.get(n, {}).items():
            nd = g.nodes[note]
            notes.append({"id": str(note), "title": str(nd.get("title", label(g, note))), "path": str(nd.get("path", "")),
                          "date": str(nd.get("date", "") or "")[:10], "href": node_href(graph_href, note),
                          "talks": sorted(talks, key=lambda t: t["order"])})
        notes.sort(key=lambda x: x["title"].casefold())
        notes.sort(key=lambda x: x["date"], reverse=True)  # newest first, undated last
        aliases = [a for a in str(d.get("aliases", "") or "").split("|") if a]
        out[str(d.get("kind", ""))].append({
            "id": str(n), "label": label(g, n), "kind": str(d.get("kind", "")), "aliases": aliases,
            "category": str(d.get("category", "") or ""), "notes": number(d.get("notes"), 0) or len(notes),
            "talks": sum(len(x["talks"]) for x in notes), "appears": notes[:MAX_APPEARS],
            "more_appears": max(0, len(notes) - MAX_APPEARS), "href": node_href(graph_href, n), "anchor": anchor(n)})
    for kind, rows in out.items():
        rows.sort(key=lambda r: (-r["notes"], r["label"].casefold()))
        del rows[MAX_INDEXED:]  # the rest are one-note entities: the graph and entities(g) still list them
    order = [k for k in ENTITY_KINDS if k in out] + sorted(k for k in out if k not in ENTITY_KINDS)
    return {k: out[k] for k in order}


def anchor(node_id) -> str:
    """An HTML id for an entity's row in the report (stable: made from the node id)."""
    return "entity-" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}_", str(node_id))


def run_summary(problems=(), catalog_version: str = "") -> dict:
    """Problems (objects with ``.path``/``.reason``/``.severity``, or dicts) grouped for the report."""
    rows = []
    for p in problems or ():
        get = p.get if isinstance(p, dict) else lambda name, default="": getattr(p, name, default)
        rows.append({"path": str(get("path", "")), "reason": str(get("reason", "")),
                     "severity": str(get("severity", "warning") or "warning")})
    rows.sort(key=lambda r: (r["severity"] != "skipped", r["path"], r["reason"]))
    severities = Counter(r["severity"] for r in rows)
    return {"problems": rows, "skipped": severities.get("skipped", 0),
            "warnings": sum(c for s, c in severities.items() if s != "skipped"), "catalog_version": catalog_version}
