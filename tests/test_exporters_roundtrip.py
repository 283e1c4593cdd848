"""GEXF, node-link JSON and Neo4j CSV: the graph of the sample notes survives writing and reading back."""
import csv
import doctest
import json
from collections import Counter

import networkx as nx
import pytest

from notegraph.build import build
from notegraph.export import gexf, neo4j_csv, node_link

from conftest import SAMPLES

FORMATS = {  # name: (write, read, target inside tmp_path)
    "gexf": (gexf.write_gexf, gexf.read_gexf, "graph.gexf"),
    "node_link": (node_link.write_node_link, node_link.read_node_link, "graph.json"),
    "neo4j_csv": (neo4j_csv.write_neo4j_csv, neo4j_csv.read_neo4j_csv, "neo4j"),
}


@pytest.fixture(scope="module")
def g(nlp):
    """The graph of data/sample-notes (built once for this module)."""
    return build(SAMPLES, nlp=nlp).graph


@pytest.fixture(params=sorted(FORMATS))
def round_trip(request, g, tmp_path):
    """``(original, read back, written path)`` for one format."""
    write, read, name = FORMATS[request.param]
    target = tmp_path / name
    write(g, target)
    return g, read(target), target


def kinds(h):
    return Counter(d.get("kind") for _, d in h.nodes(data=True))


def relations(h):
    return Counter(d.get("relation") for *_, d in h.edges(data=True))


@pytest.mark.parametrize("module", [gexf, node_link, neo4j_csv])
def test_module_shape_and_docstring_examples(module):
    writers = [n for n in module.__all__ if n.startswith("write_")]
    assert len(writers) == 1 and callable(getattr(module, writers[0]))
    assert callable(getattr(module, writers[0].replace("write_", "read_")))
    assert doctest.testmod(module).failed == 0


def test_same_nodes_edges_kinds_relations_and_labels(round_trip):
    g, back, _ = round_trip
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    assert kinds(back) == kinds(g) and relations(back) == relations(g)
    assert {str(n): str(d["label"]) for n, d in back.nodes(data=True)} == \
        {str(n): str(d["label"]) for n, d in g.nodes(data=True)}
    assert set(back.edges(keys=True)) == set(g.edges(keys=True))  # keys are the relations


def test_typed_attributes_survive(round_trip):
    g, back, _ = round_trip
    attrs = {"mentions": ("count", "line", "evidence", "note"), "co_occurs": ("weight", "pmi", "examples")}
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in attrs:
            # Neo4j CSV cannot tell an empty string from no value: both read back as missing
            assert [back.edges[u, v, k].get(a, "") for a in attrs[k]] == [d[a] for a in attrs[k]]
    assert back.nodes["aws:lambda"]["aliases"] == g.nodes["aws:lambda"]["aliases"]
    assert back.nodes["aws:lambda"]["notes"] == g.nodes["aws:lambda"]["notes"]


def test_writes_leave_no_temporary_files(round_trip):
    *_, target = round_trip
    folder = target if target.is_dir() else target.parent
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_node_link_is_readable_utf8_with_links(g, tmp_path):
    node_link.write_node_link(g, tmp_path / "g.json")
    text = (tmp_path / "g.json").read_text(encoding="utf-8")
    assert "勉強会" in text and "\\u52c9" not in text
    data = json.loads(text)
    assert len(data["links"]) == g.number_of_edges() and "edges" not in data
    assert {"source", "target", "key", "relation"} <= set(data["links"][0])


def test_neo4j_csv_headers_and_types(g, tmp_path):
    neo4j_csv.write_neo4j_csv(g, tmp_path)
    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(tmp_path / "relationships.csv", encoding="utf-8", newline="") as f:
        rels = list(csv.reader(f))
    assert nodes[0][:4] == ["id:ID", "label", "kind", ":LABEL"] and "notes:long" in nodes[0]
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "count:long" in rels[0]
    assert {r[2] for r in rels[1:]} == {rel.upper() for rel in relations(g)}
    expected = {"note": "Note", "talk": "Talk", "tag": "Tag", "aws_service": "AwsService;Entity",
                "tool": "Tool;Entity", "company": "Company;Entity"}
    assert all(r[3] == expected[r[2]] for r in nodes[1:])
    assert len(nodes) - 1 == g.number_of_nodes() and len(rels) - 1 == g.number_of_edges()


def test_gexf_keeps_mixed_type_attributes_readable(tmp_path):
    h = nx.MultiDiGraph()
    h.add_node("note:a.md", kind="note", label="A", event=True)  # one attribute, a flag here …
    h.add_node("talk:a.md#1", kind="talk", label="T", event="JAWS-UG 勉強会")  # … and text there
    gexf.write_gexf(h, tmp_path / "g.gexf")
    back = gexf.read_gexf(tmp_path / "g.gexf")
    assert back.nodes["talk:a.md#1"]["event"] == "JAWS-UG 勉強会" and back.nodes["note:a.md"]["event"] == "True"
