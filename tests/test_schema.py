"""notegraph.schema: the one definition of node kinds, relations, styles and the entity projection, and the
modules that draw or count the graph using it instead of copies of their own."""
import doctest
import re
from pathlib import Path

import networkx as nx
import pytest

from notegraph import graph, query, schema
from notegraph.export import html
from notegraph.extract import relations as extract_relations
from notegraph.report import charts, facts, generate_report

from conftest import SHARED

SRC = Path(schema.__file__).parent
TEMPLATES = SRC / "export" / "templates"
CORPUS = SHARED / "corpus"


def test_docstring_examples_run():
    assert doctest.testmod(schema).failed == 0


# ------------------------------------------------------------------------------------------------ kinds


@pytest.mark.parametrize("kind", ["note", "talk", "tag"])
def test_structural_kinds_are_not_entities(kind):
    assert kind in schema.STRUCTURAL_KINDS
    assert not schema.is_entity({"kind": kind, "label": "x"})


@pytest.mark.parametrize("kind", ["aws_service", "tool", "company", "concept", "a_kind_from_a_user_file"])
def test_every_other_kind_is_an_entity(kind):
    assert schema.is_entity({"kind": kind, "label": "x"})


def test_kinds_are_the_catalog_kinds_plus_structure_and_concept():
    from notegraph.catalog import ENTITY_KINDS

    assert schema.ENTITY_KINDS == ENTITY_KINDS == (schema.AWS_SERVICE, schema.TOOL, schema.COMPANY)
    assert set(schema.KINDS) == {"note", "talk", "tag", "aws_service", "tool", "company", "concept"}
    assert schema.STRUCTURAL_KINDS.isdisjoint(schema.ENTITY_KINDS)
    assert schema.CONCEPT not in schema.STRUCTURAL_KINDS and schema.CONCEPT not in schema.ENTITY_KINDS


def test_every_styled_kind_is_a_schema_kind_and_every_drawn_kind_has_a_style():
    styled = {*schema.KIND_STYLES, *schema.KIND_COLOURS, *schema.KIND_TINTS, *schema.KIND_NAMES,
              *html.KIND_STYLE, *charts.KIND_COLOURS, *charts.KIND_LABELS, *facts.KIND_NAMES}
    assert styled <= set(schema.KINDS), styled - set(schema.KINDS)
    assert set(schema.KIND_STYLES) == schema.STRUCTURAL_KINDS | set(schema.ENTITY_KINDS)  # concept: 'other'
    assert schema.style_of(schema.CONCEPT) == schema.OTHER_KIND_STYLE
    for s in [*schema.KIND_STYLES.values(), schema.OTHER_KIND_STYLE]:
        assert re.fullmatch(r"#[0-9a-f]{6}", s.colour) and s.shape and s.label and s.plural
        assert s.tint == "" or re.fullmatch(r"#[0-9a-f]{6}", s.tint)


def test_report_template_only_styles_schema_kinds():
    text = (TEMPLATES / "report.html.j2").read_text(encoding="utf-8")
    css_kinds = {*re.findall(r"\.k-([a-z_]+) \{", text), *re.findall(r"\.dot\.([a-z_]+) \{", text),
                 *re.findall(r"\.card\.([a-z_]+) \{ border-top-color", text)}  # chips, dots, cards by kind
    assert {"aws_service", "tool", "company", "note", "talk"} <= css_kinds  # the pattern still finds them
    assert css_kinds <= set(schema.KINDS), css_kinds - set(schema.KINDS)
    assert set(re.findall(r"kind_colours\.([a-z_]+)", text)) <= set(schema.KIND_COLOURS)
    assert set(re.findall(r"kind_tints\.([a-z_]+)", text)) <= set(schema.KIND_TINTS)


def test_report_css_gets_its_colours_from_the_schema():
    g = nx.MultiDiGraph()
    g.add_node("note:a.md", kind="note", label="A", title="A", path="a.md", date="2024-06-01")
    page = generate_report(g)
    for var, kind in [("aws", "aws_service"), ("tool", "tool"), ("company", "company"), ("note", "note"),
                      ("talk", "talk")]:
        assert f"--{var}: {schema.KIND_COLOURS[kind]};" in page
    for kind, tint in schema.KIND_TINTS.items():
        assert f".k-{kind} {{ background: {tint}; }}" in page
    assert not re.search(r"(?:background|--\w+):\s*;", page)  # no style value left empty by a template typo


def test_kind_colours_are_written_only_in_schema():
    styles = [*schema.KIND_STYLES.values(), schema.OTHER_KIND_STYLE]
    colours = {c for s in styles for c in (s.colour, s.tint) if c}
    for path in [*SRC.rglob("*.py"), *TEMPLATES.glob("*.j2")]:
        if path.name == "schema.py":
            continue
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if ">>>" not in line)
        found = {c for c in colours if c in code.lower()}
        assert not found, f"{path.relative_to(SRC)} repeats {found}: take them from notegraph.schema"


def test_modules_use_the_schema_objects_not_copies():
    assert graph.is_entity is query.is_entity is facts.is_entity is html.is_entity is schema.is_entity
    assert graph.STRUCTURAL_KINDS is query.STRUCTURAL_KINDS is schema.STRUCTURAL_KINDS
    assert query.entity_projection is schema.entity_projection
    assert facts.ENTITY_KINDS is schema.ENTITY_KINDS and facts.KIND_NAMES is schema.KIND_NAMES
    assert facts.NOT_TYPED is schema.UNTYPED_RELATIONS and charts.KIND_COLOURS is schema.KIND_COLOURS
    assert html.KIND_STYLE == {k: (s.colour, s.shape, s.label) for k, s in schema.KIND_STYLES.items()}


def test_names_for_people():
    assert schema.KIND_NAMES == {"aws_service": "AWS services", "tool": "Tools", "company": "Companies",
                                 "note": "Notes", "talk": "Talks", "tag": "Tags"}
    assert charts.KIND_LABELS == {"aws_service": "AWS services", "tool": "tools", "company": "companies"}
    assert [schema.style_of(k).label for k in ("aws_service", "company", "tag")] == ["AWS service", "company", "tag"]


# -------------------------------------------------------------------------------------------- relations


def test_relation_groups():
    assert set(schema.TYPED_RELATIONS) == {"migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on"}
    assert set(schema.STRUCTURAL_RELATIONS) == {"part_of", "tagged", "links_to"}
    assert set(schema.MEMBERSHIP_RELATIONS) <= set(schema.STRUCTURAL_RELATIONS)
    assert set(schema.UNTYPED_RELATIONS) == {*schema.STRUCTURAL_RELATIONS, "mentions", "presented_by", "co_occurs",
                                             "made_by"}
    assert set(schema.TYPED_RELATIONS).isdisjoint(schema.UNTYPED_RELATIONS)
    assert set(schema.RELATIONS) == {*schema.TYPED_RELATIONS, *schema.UNTYPED_RELATIONS}
    assert len(schema.RELATIONS) == len(set(schema.RELATIONS))
    assert schema.CO_MENTIONED not in schema.RELATIONS  # a view-only relation of the HTML page
    assert all(schema.is_typed_relation(r) for r in schema.TYPED_RELATIONS)
    assert not any(schema.is_typed_relation(r) for r in schema.UNTYPED_RELATIONS)


def test_typed_relations_match_what_extraction_finds():
    """extract.relations keeps its own tuple of the relations its rules emit; it must be the schema's."""
    assert set(extract_relations.RELATIONS) == set(schema.TYPED_RELATIONS)


# ------------------------------------------------------------------------------------------- projection


def tiny_graph() -> nx.MultiDiGraph:
    """Two sources mention go and rust, one also s3; structure and a typed relation around them."""
    g = nx.MultiDiGraph()
    g.add_node("note:a.md", kind="note", label="A", path="a.md")
    g.add_node("talk:a.md#1", kind="talk", label="Talk 1", note="a.md")
    g.add_node("note:b.md", kind="note", label="B", path="b.md")
    g.add_node("tag:aws", kind="tag", label="#aws")
    g.add_node("tool:go", kind="tool", label="Go")
    g.add_node("tool:rust", kind="tool", label="Rust")
    g.add_node("aws:s3", kind="aws_service", label="Amazon S3")
    g.add_node("concept:mBaaS", kind="concept", label="mBaaS")
    g.add_edge("talk:a.md#1", "note:a.md", key="part_of", relation="part_of")
    g.add_edge("note:a.md", "tag:aws", key="tagged", relation="tagged")
    g.add_edge("note:a.md", "note:b.md", key="links_to", relation="links_to")
    for src, ents in [("talk:a.md#1", ["tool:go", "tool:rust", "aws:s3"]), ("note:b.md", ["tool:go", "tool:rust"])]:
        for e in ents:
            g.add_edge(src, e, key="mentions", relation="mentions", count=1)
    g.add_edge("note:a.md", "tag:aws", key="mentions", relation="mentions")  # not an entity: never projected
    g.add_edge("concept:mBaaS", "aws:s3", key="migrated_to", relation="migrated_to")
    return g


def weights(p: nx.Graph) -> dict:
    return {tuple(sorted((u, v))): d["weight"] for u, v, d in p.edges(data=True)}


def test_entity_projection_counts_shared_mention_sources():
    p = schema.entity_projection(tiny_graph())
    assert isinstance(p, nx.Graph) and not p.is_directed()
    assert set(p) == {"tool:go", "tool:rust", "aws:s3", "concept:mBaaS"}  # entities only, concept included
    assert p.nodes["tool:go"]["label"] == "Go" and p.nodes["aws:s3"]["kind"] == "aws_service"
    assert weights(p) == {("tool:go", "tool:rust"): 2, ("aws:s3", "tool:go"): 1, ("aws:s3", "tool:rust"): 1}
    assert p.degree("concept:mBaaS") == 0  # a typed relation is not a co-mention


def test_entity_projection_prefers_co_occurs_edges():
    g = tiny_graph()
    g.add_edge("tool:go", "tool:rust", key="co_occurs", relation="co_occurs", weight=5, pmi=0.7)
    g.add_edge("tool:rust", "tool:go", key="co_occurs", relation="co_occurs", weight=9, pmi=0.1)  # same pair
    g.add_edge("aws:s3", "aws:s3", key="co_occurs", relation="co_occurs", weight=3, pmi=0.0)  # self-loop
    p = schema.entity_projection(g)
    assert weights(p) == {("tool:go", "tool:rust"): 5}  # mentions ignored, first edge of a pair wins
    assert p.edges["tool:go", "tool:rust"]["pmi"] == 0.7
    assert set(p) == {"tool:go", "tool:rust", "aws:s3", "concept:mBaaS"}


def test_entity_projection_of_a_graph_without_entities():
    g = nx.MultiDiGraph()
    g.add_node("note:a.md", kind="note", label="A")
    g.add_node("tag:x", kind="tag", label="#x")
    g.add_edge("note:a.md", "tag:x", key="tagged", relation="tagged")
    p = schema.entity_projection(g)
    assert p.number_of_nodes() == 0 and p.number_of_edges() == 0


# --------------------------------------------------------------------------------------------- corpus


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_corpus_graph_follows_the_schema(nlp):
    from notegraph.build import build

    g = build(CORPUS, nlp=nlp).graph
    assert g.number_of_nodes() > 1000
    no_kind = [n for n, d in g.nodes(data=True) if not str(d.get("kind", "") or "").strip()]
    no_label = [n for n, d in g.nodes(data=True) if not str(d.get("label", "") or "").strip()]
    no_relation = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                   if not str(d.get("relation", "") or "").strip()]
    assert no_kind == [] and no_relation == []
    assert {d["kind"] for _, d in g.nodes(data=True)} <= set(schema.KINDS)
    assert {d["relation"] for *_, d in g.edges(data=True)} <= set(schema.RELATIONS)
    assert all(k == d["relation"] for *_, k, d in g.edges(keys=True, data=True))  # edge key = relation name
    assert no_label == [], f"nodes without a label: {no_label[:10]}"


def test_the_contract_document_names_every_kind_and_relation():
    """docs/contract.md is the project's contract: every kind and relation a build makes is in it."""
    from pathlib import Path

    from notegraph import schema

    doc = (Path(__file__).resolve().parents[1] / "docs" / "contract.md").read_text(encoding="utf-8")
    missing = [name for name in (*schema.KINDS, *schema.RELATIONS) if f"`{name}`" not in doc]
    assert missing == []
