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
    """Write ``g`` as GraphML (UTF-8), atomically."""
    safe = graphml_safe(g)
    with atomic_path(path) as tmp:
        nx.write_graphml(safe, tmp, encoding="utf-8")


def read_graphml(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a notegraph GraphML file back into a ``MultiDiGraph``."""
    g = nx.read_graphml(path, force_multigraph=True)
    return g if g.is_directed() else nx.MultiDiGraph(g)
