"""The streamed GraphML writer writes what networkx writes (the same bytes as its lxml writer)."""
import networkx as nx
import pytest

from notegraph.export.graphml import graphml_safe, read_graphml, write_graphml


def awkward_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="t", catalog_version="v1", node_default={})
    g.add_node("note:a&b <c>.md", kind="note", label='A "quoted" & <b>', tags=["x", "y"], is_event=True, talks=2,
               date=None, _working={1})
    g.add_node("tool:go", kind="tool", label="Go\x01\ttab\nline", notes=3, score=0.5)
    g.add_node("bare")
    g.add_edge("note:a&b <c>.md", "tool:go", key="mentions", relation="mentions", count=2, line=1,
               evidence="Go & <Rust>\n", fuzzy_score=0.91)
    g.add_edge("tool:go", "bare", key="co_occurs", relation="co_occurs", weight=2, mixed=1)
    g.add_edge("bare", "tool:go", key="co_occurs", relation="co_occurs", weight=3, mixed="one")
    return g


def test_same_graph_as_networkx_writes(tmp_path):
    g = awkward_graph()
    write_graphml(g, tmp_path / "ours.graphml")
    nx.write_graphml(graphml_safe(g), tmp_path / "nx.graphml", encoding="utf-8")
    ours, theirs = read_graphml(tmp_path / "ours.graphml"), read_graphml(tmp_path / "nx.graphml")
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert ours.graph == theirs.graph


def test_same_bytes_as_networkx_with_lxml(tmp_path):
    pytest.importorskip("lxml")
    g = awkward_graph()
    write_graphml(g, tmp_path / "ours.graphml")
    nx.write_graphml_lxml(graphml_safe(g), tmp_path / "nx.graphml", encoding="utf-8")
    assert (tmp_path / "ours.graphml").read_bytes() == (tmp_path / "nx.graphml").read_bytes()
