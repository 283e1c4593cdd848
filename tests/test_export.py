"""Stage 5: GraphML that networkx and igraph read back; atomic writes."""
import re

import networkx as nx
import pytest

from notegraph.export import read_graphml, write_graphml
from notegraph.export.html import generate_html


def sample_graph():
    g = nx.MultiDiGraph()
    g.add_node("note:a\x01.md", kind="note", label="A\x0b title", path="a.md", tags=["x", "y"], none=None, flag=True)
    g.add_node("aws:s3", kind="aws_service", label="Amazon S3", aliases="S3|S3バケット")
    g.add_edge("note:a\x01.md", "aws:s3", key="mentions", relation="mentions", count=3, line=7,
               evidence="S3バケット <script>alert(1)</script>")
    return g


def test_graphml_round_trip_networkx_and_igraph(tmp_path):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    write_graphml(sample_graph(), path)
    back = read_graphml(path)
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1
    assert back.nodes["note:a.md"]["tags"] == "x|y" and back.nodes["note:a.md"]["label"] == "A title"
    assert back.edges["note:a.md", "aws:s3", "mentions"]["count"] == 3
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (2, 1)
    assert sorted(ig.vs["kind"]) == ["aws_service", "note"]


def test_failed_write_keeps_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "g.graphml"
    write_graphml(sample_graph(), path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise RuntimeError("killed")

    import notegraph.export.graphml as graphml_module

    monkeypatch.setattr(graphml_module, "data_lines", boom)  # fails after the header is written
    with pytest.raises(RuntimeError):
        write_graphml(sample_graph(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_html_is_offline_and_escapes_note_text():
    page = generate_html(sample_graph(), title="t <b>")
    assert "<script>alert(1)</script>" not in page and "\\u003cscript\\u003ealert(1)" in page
    assert "t &lt;b&gt;" in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page) and "<link" not in page
    assert "vis.Network" in page and 'id="legend"' in page
