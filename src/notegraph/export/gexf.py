"""GEXF: the graph for Gephi, through networkx's GEXF 1.2 writer and reader.

Attributes are flattened first with :func:`~notegraph.export.graphml.graphml_safe`: lists become
``|``-separated strings, ``None`` becomes ``''``, and an attribute whose values mix types is text
everywhere, which GEXF needs (it declares one type per attribute). Edge keys (the relations)
survive the round trip.

>>> import networkx as nx, tempfile, os
>>> g = nx.MultiDiGraph(); g.add_edge("a", "b", key="mentions", relation="mentions", count=2)
'mentions'
>>> p = os.path.join(tempfile.mkdtemp(), "g.gexf"); write_gexf(g, p)
>>> read_gexf(p).edges["a", "b", "mentions"]["count"]
2
"""
from __future__ import annotations

import os

import networkx as nx

from ._files import atomic_path
from .graphml import graphml_safe

__all__ = ["write_gexf", "read_gexf"]


def write_gexf(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``g`` as GEXF 1.2 (UTF-8), atomically."""
    safe = graphml_safe(g)
    with atomic_path(path) as tmp:
        nx.write_gexf(safe, tmp, encoding="utf-8")


def read_gexf(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a GEXF file back into a ``MultiDiGraph`` (GEXF's own edge ids are dropped)."""
    g = nx.read_gexf(path)
    if not g.is_multigraph():  # networkx simplifies a file without parallel edges; keys are the relations
        g = as_multigraph(g)
    for *_, d in g.edges(data=True):
        d.pop("id", None)
    return g


def as_multigraph(g: nx.DiGraph) -> nx.MultiDiGraph:
    """``g`` as a ``MultiDiGraph`` whose edge keys are the edges' relations (the graph contract)."""
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)  # (passing the dict to the constructor would read it as an adjacency)
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((u, v, d.get("relation", 0), d) for u, v, d in g.edges(data=True))
    return h
