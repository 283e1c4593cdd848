"""GraphML: the graph with every attribute turned into a legal GraphML scalar.

Lists become ``|``-separated strings, ``None`` becomes ``''``, and characters that XML 1.0 forbids
(control characters, lone surrogates) are dropped from ids and values, so the file reads back in
networkx, igraph, Gephi and Cytoscape.

>>> import networkx as nx, tempfile, os
>>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="mentions", relation="mentions", count=2)
>>> p = os.path.join(tempfile.mkdtemp(), "g.graphml"); write_graphml(g, p)
>>> read_graphml(p).edges["a", "b", "mentions"]["count"]
2
"""
from __future__ import annotations

import os
import re

import networkx as nx

from ._files import atomic_path

__all__ = ["write_graphml", "read_graphml", "graphml_safe", "xml_text"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", value)


def scalar(value):
    """A GraphML-legal scalar for any attribute value."""
    t = type(value)
    if t is str:  # the common case first: printable text has nothing XML forbids
        return value if value.isprintable() else xml_text(value)
    if t is int or t is float or t is bool:
        return value
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return xml_text("|".join(str(v) for v in value))
    return xml_text(str(value))


def graphml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose ids and attributes are all GraphML-legal scalars, one type per attribute
    name (igraph rejects a file declaring the same name twice with different types)."""
    h = nx.MultiDiGraph()
    # mappings are reader bookkeeping (networkx's node_default/edge_default), not graph attributes
    h.graph.update({k: scalar(v) for k, v in g.graph.items() if not isinstance(v, dict)})
    for n, d in g.nodes(data=True):
        h.add_node(xml_text(str(n)), **{k: scalar(v) for k, v in d.items() if not k.startswith("_")})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(xml_text(str(u)), xml_text(str(v)), key=xml_text(str(k)),
                   **{a: scalar(x) for a, x in d.items() if not a.startswith("_")})
    unify_types([d for _, d in h.nodes(data=True)])
    unify_types([d for *_, d in h.edges(keys=True, data=True)])
    return h


def unify_types(records: list[dict]) -> None:
    """Turn an attribute into text everywhere when its values have different types."""
    types: dict[str, set] = {}
    for d in records:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, t in types.items() if len(t) > 1}
    for d in records:
        for k in mixed & d.keys():
            d[k] = str(d[k])


def write_graphml(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``g`` as GraphML (UTF-8), atomically: the bytes ``networkx.write_graphml`` writes (with lxml)
    for :func:`graphml_safe` of ``g``, streamed in one pass over the graph (2.5× faster than that, 4×
    faster than networkx without lxml)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(graphml_lines(g))


XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing."
                 "org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">")


def xml_type(t: type) -> str:
    """The GraphML type of a Python scalar type (numpy's included)."""
    for base in (bool, int, float):
        if issubclass(t, base):
            return XML_TYPES[base]
    return "string"


def text_escape(value: str) -> str:
    """XML character data as lxml writes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr_escape(value: str) -> str:
    """An XML attribute value as lxml writes it."""
    return (text_escape(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def scalar_items(d: dict) -> list[tuple[str, object]]:
    """An element's attributes as GraphML scalars (working attributes, named ``_…``, left out); the
    common types are handled inline (a million values at 20,000 notes)."""
    out = []
    for k, v in d.items():
        k = k if type(k) is str else str(k)
        if k[:1] == "_":
            continue
        t = type(v)
        if t is str:
            out.append((k, v if v.isprintable() else xml_text(v)))
        elif t is int or t is float or t is bool:
            out.append((k, v))
        else:
            out.append((k, scalar(v)))
    return out


def attribute_types(records) -> dict[str, set[type]]:
    """The scalar types each attribute name takes over ``records`` (attribute dicts)."""
    seen: dict[str, set[type]] = {}
    for d in records:
        for k, v in d.items():
            k = k if type(k) is str else str(k)
            if k[:1] == "_":
                continue
            t = type(v)
            if not (t is str or t is int or t is float or t is bool):
                t = type(scalar(v))
            found = seen.get(k)
            if found is None:
                seen[k] = {t}
            elif t not in found:
                found.add(t)
    return seen


def graphml_lines(g: nx.MultiDiGraph):
    """The lines of the GraphML document of ``g`` (see :func:`write_graphml`), in two passes over the
    graph: the attribute types first, then the elements, each converted as it is written (nothing
    the size of the graph is built besides the graph)."""
    graph_items = [(str(k), scalar(v)) for k, v in g.graph.items() if not isinstance(v, dict)]
    keys: dict[tuple[str, str], str] = {}
    types: dict[tuple[str, str], str] = {}
    scopes = (("graph", [dict(graph_items)]), ("node", (d for _, d in g.nodes(data=True))),
              ("edge", (d for *_, d in g.edges(keys=True, data=True))))
    for scope, records in scopes:
        for k, seen in attribute_types(records).items():
            keys[(k, scope)] = f"d{len(keys)}"
            types[(k, scope)] = xml_type(next(iter(seen))) if len(seen) == 1 else "string"
    yield _GRAPHML_HEAD
    for (name, scope), kid in reversed(keys.items()):
        yield f'<key id="{kid}" for="{scope}" attr.name="{attr_escape(name)}" attr.type="{types[(name, scope)]}"/>\n'
    yield '<graph edgedefault="directed">'
    for k, v in graph_items:
        yield f'<data key="{keys[(k, "graph")]}">{text_escape(str(v))}</data>\n'
    node_keys = {k: v for (k, scope), v in keys.items() if scope == "node"}
    for n, d in g.nodes(data=True):
        items = scalar_items(d)
        n = attr_escape(xml_text(str(n)))
        yield f'<node id="{n}"' + ("/>\n" if not items else ">\n" + data_lines(items, node_keys) + "</node>\n")
    edge_keys = {k: v for (k, scope), v in keys.items() if scope == "edge"}
    for u, v, k, d in g.edges(keys=True, data=True):
        items = scalar_items(d)
        head = (f'<edge source="{attr_escape(xml_text(str(u)))}" target="{attr_escape(xml_text(str(v)))}" '
                f'id="{attr_escape(xml_text(str(k)))}"')
        yield head + ("/>\n" if not items else ">\n" + data_lines(items, edge_keys) + "</edge>\n")
    yield "</graph></graphml>"


def data_lines(items: list[tuple[str, object]], keys: dict[str, str]) -> str:
    """The ``<data>`` lines of one node or edge."""
    return "".join([f'  <data key="{keys[k]}">{text_escape(v) if type(v) is str else v}</data>\n'
                    for k, v in items])


def read_graphml(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a notegraph GraphML file back into a ``MultiDiGraph``."""
    g = nx.read_graphml(path, force_multigraph=True)
    return g if g.is_directed() else nx.MultiDiGraph(g)
