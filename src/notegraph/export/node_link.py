"""Node-link JSON: the graph for d3 and web apps (``{"nodes": [...], "links": [...]}``).

networkx's node-link format with ``edges="links"`` (what d3-force expects), written as UTF-8 JSON
with Japanese kept readable (``ensure_ascii=False``). Attributes are flattened first with
:func:`~notegraph.export.graphml.graphml_safe`; each link carries its ``key`` (the relation).

>>> import networkx as nx, tempfile, os
>>> g = nx.MultiDiGraph(); g.add_edge("a", "b", key="mentions", relation="mentions", evidence="S3バケット")
'mentions'
>>> p = os.path.join(tempfile.mkdtemp(), "g.json"); write_node_link(g, p)
>>> read_node_link(p).edges["a", "b", "mentions"]["evidence"]
'S3バケット'
"""
from __future__ import annotations

import json
import os

import networkx as nx

from ._files import atomic_path
from .graphml import graphml_safe

__all__ = ["write_node_link", "read_node_link"]

EDGES = "links"


def write_node_link(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``g`` as node-link JSON (UTF-8), atomically."""
    data = nx.node_link_data(graphml_safe(g), edges=EDGES)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_node_link(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a node-link JSON file back into a ``MultiDiGraph``."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges=EDGES)
    return g if g.is_multigraph() and g.is_directed() else nx.MultiDiGraph(g)
