"""Stage 4: the assembled graph follows the contract."""
import pytest

from notegraph.build import build

MEETUP = """
---
title: Example Meetup
tags: [meetup, aws]
---
前置き: EC2 の話もあった

## NewsPicksのECS移行

EC2からECSに移行した。ECS ECS

### 詳細

Fargate を使う。[[Other note|別ノート]] と [ECS](other.md)

## 二つ目の発表

時事通信社

CloudFront と Lambda。時事通信社の話。

## 三つ目

LambdaでGoを使う。ところでDMMという会社もある。
"""


@pytest.fixture(scope="module")
def graph(nlp, tmp_path_factory):
    root = tmp_path_factory.mktemp("g") / "notes"
    root.mkdir()
    import textwrap
    (root / "meetup.md").write_text(textwrap.dedent(MEETUP).lstrip(), encoding="utf-8")
    (root / "other.md").write_text("---\ntitle: Other note\n---\nplain\n", encoding="utf-8")
    return build(root, nlp=nlp).graph


def edges(g, rel):
    return {(u, v) for u, v, k in g.edges(keys=True) if k == rel}


def entity(g, label):
    (n,) = [n for n, d in g.nodes(data=True) if d.get("label") == label and d["kind"] in ("aws_service", "tool", "company")]
    return n


def test_every_node_and_edge_has_contract_attributes(graph):
    for n, d in graph.nodes(data=True):
        assert d["kind"] and d["label"], n
        if d["kind"] == "note":
            assert d["path"] and d["title"]
        if d["kind"] == "talk":
            assert d["title"] and d["note"] == "meetup.md"
        if d["kind"] in ("aws_service", "tool", "company"):
            assert "aliases" in d
    assert all(d["relation"] == k for _, _, k, d in graph.edges(keys=True, data=True))


def test_talks_part_of_note_in_order(graph):
    talks = sorted((d["order"], d["title"]) for _, d in graph.nodes(data=True) if d["kind"] == "talk")
    assert talks == [(1, "NewsPicksのECS移行"), (2, "二つ目の発表"), (3, "三つ目")]
    assert edges(graph, "part_of") == {(f"talk:meetup.md#{i}", "note:meetup.md") for i in (1, 2, 3)}


def test_mentions_come_from_talk_or_note_with_count_line_and_evidence(graph):
    ecs, ec2, fargate = entity(graph, "Amazon ECS"), entity(graph, "Amazon EC2"), entity(graph, "AWS Fargate")
    e = graph.edges["talk:meetup.md#1", ecs, "mentions"]
    # heading, "EC2からECSに", link text: "ECS" is guarded (Sudachi knows it as a common noun), so the
    # run "ECS ECS" reads as one longer capitalised name, not two mentions
    assert e["count"] == 3 and e["line"] == 7 and e["evidence"] == "NewsPicksのECS移行"
    assert graph.has_edge("talk:meetup.md#1", fargate, "mentions")  # sub-heading belongs to the talk
    assert graph.edges["note:meetup.md", ec2, "mentions"]["evidence"] == "前置き: EC2 の話もあった"
    assert not graph.has_edge("note:meetup.md", ecs, "mentions")


def test_presenters_from_heading_or_line_below_not_from_body(graph):
    got = {(u, graph.nodes[v]["label"]) for u, v in edges(graph, "presented_by")}
    assert got == {("talk:meetup.md#1", "NewsPicks"), ("talk:meetup.md#2", "時事通信社")}


def test_links_and_tags(graph):
    assert edges(graph, "links_to") == {("note:meetup.md", "note:other.md")}
    assert edges(graph, "tagged") == {("note:meetup.md", "tag:meetup"), ("note:meetup.md", "tag:aws")}


def test_cooccurrence_ranks_specific_pairs_above_frequent_ones(nlp, write_notes):
    files = {f"n{i}.md": f"# N{i}\nEC2とS3を使う。\n" for i in range(8)}  # EC2 and S3 are everywhere
    for i in range(3):
        files[f"n{i}.md"] += "LambdaとAPI Gatewayを組み合わせる。\n"
    files["n7.md"] += "Lambdaだけの話。\n"
    g = build(write_notes(files), nlp=nlp).graph
    co = {frozenset((g.nodes[u]["label"], g.nodes[v]["label"])): d
          for u, v, k, d in g.edges(keys=True, data=True) if k == "co_occurs"}
    pair = co[frozenset(("AWS Lambda", "Amazon API Gateway"))]
    assert pair["weight"] == 3 and pair["pmi"] > 0 and pair["sentences"] == 3
    assert pair["examples"].count("|") == 2 and "LambdaとAPI Gatewayを組み合わせる。" in pair["examples"]
    assert frozenset(("Amazon EC2", "Amazon S3")) not in co  # co-occur in every note: PMI 0


def test_presenter_from_frontmatter_field_for_a_single_talk(nlp, write_notes):
    root = write_notes({
        "one.md": "---\ntitle: \"Tech Talk #5\"\nspeaker: 山田 太郎 (メルカリ)\n---\n## Kubernetes運用の話\nk8sを使う\n",
        "two.md": "---\ntitle: \"Meetup #6\"\ncompany: メルカリ\n---\n## A\nx\n## B\ny\n",
    })
    g = build(root, nlp=nlp).graph
    got = {(u, g.nodes[v]["label"], d["line"]) for u, v, k, d in g.edges(keys=True, data=True) if k == "presented_by"}
    assert got == {("talk:one.md#1", "メルカリ", 3)}
    assert not [1 for u, v, k in g.edges(keys=True) if k == "mentions" and g.nodes[v]["label"] == "メルカリ"]
