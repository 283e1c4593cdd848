"""notegraph.query on the graph of the sample notes: tables of entities, talks, companies, evidence."""
import doctest
import html
import re

import networkx as nx
import pytest

from notegraph import query
from notegraph.build import build
from notegraph.export import read_graphml, write_graphml
from notegraph.export.html import generate_html

from conftest import SAMPLES

KUBECON_KARPENTER = "Karpenter in production: two years later"
MEETUP_EKS = "メルカリにおけるk8s基盤のEKS移行"


@pytest.fixture(scope="module")
def g(nlp):
    """The graph of data/sample-notes (built once for this module)."""
    return build(SAMPLES, nlp=nlp).graph


def talk_titled(g, title):
    return next(n for n, d in g.nodes(data=True) if d.get("kind") == "talk" and d.get("title") == title)


def file_line(note: str, line: int) -> str:
    return (SAMPLES / note).read_text(encoding="utf-8").splitlines()[line - 1]


def test_docstring_examples_run():
    assert doctest.testmod(query).failed == 0


def test_resolve_by_id_label_and_alias(g):
    assert query.resolve(g, "aws:lambda") == "aws:lambda"
    assert query.resolve(g, "AWS Lambda") == query.resolve(g, "ａｗｓ　ＬＡＭＢＤＡ") == "aws:lambda"
    assert query.resolve(g, "lambda") == "aws:lambda"  # an alias, case-insensitive
    with pytest.raises(KeyError, match="no node or entity named"):
        query.resolve(g, "no such thing")


def test_entities_of_a_kind(g):
    df = query.entities(g, "aws_service")
    assert list(df.columns) == ["id", "label", "kind", "notes", "talks", "mentions", "aliases", "verified", "source"]
    assert df["verified"].all()  # the samples name no company the catalog lacks
    assert set(df["kind"]) == {"aws_service"}
    assert list(df["mentions"]) == sorted(df["mentions"], reverse=True)
    lam = df.set_index("label").loc["AWS Lambda"]
    assert lam["notes"] >= 2 and lam["talks"] >= 3 and lam["mentions"] >= lam["talks"]
    assert lam["notes"] == g.nodes["aws:lambda"]["notes"]  # agrees with the assembler's count
    assert "Lambda" in lam["aliases"]


def test_entities_all_kinds(g):
    df = query.entities(g)
    assert {"aws_service", "tool", "company"} <= set(df["kind"])
    assert not set(df["kind"]) & {"note", "talk", "tag"}
    assert {"Karpenter", "Terraform"} <= set(df[df["kind"] == "tool"]["label"])


def test_talks_mentioning_karpenter(g):
    df = query.talks_mentioning(g, "Karpenter")
    assert list(df.columns) == ["talk", "title", "note", "event", "date", "count", "evidence"]
    rows = df.set_index("title")
    assert {KUBECON_KARPENTER, MEETUP_EKS} <= set(rows.index)
    kubecon = rows.loc[KUBECON_KARPENTER]
    assert kubecon["note"] == "KubeCon recap.md" and kubecon["event"].startswith("KubeCon")
    assert kubecon["count"] >= 3 and "Karpenter" in kubecon["evidence"]
    assert rows.loc[MEETUP_EKS]["note"] == "2024-06-aws-meetup.md"
    assert list(df["date"]) == sorted(df["date"])  # KubeCon (March) before the meetup (June)


def test_companies_using(g):
    karpenter = query.companies_using(g, "Karpenter")
    assert list(karpenter.columns) == ["company", "label", "talks", "titles"]
    assert "メルカリ" in set(karpenter["label"])
    assert MEETUP_EKS in karpenter.set_index("label").loc["メルカリ", "titles"]
    lam = set(query.companies_using(g, "AWS Lambda")["label"])
    assert {"クラスメソッド", "ZOZO"} <= lam


def without_co_occurs(g):
    h = g.copy()
    h.remove_edges_from([(u, v, k) for u, v, k in g.edges(keys=True) if k == "co_occurs"])
    return h


def test_co_occurring_uses_the_graphs_co_occurs_edges(g):
    df = query.co_occurring(g, "Karpenter", top=50)
    assert list(df.columns) == ["id", "label", "kind", "shared", "pmi"]
    expected = {v if u == "tool:karpenter" else u: d["weight"] for u, v, k, d in g.edges(keys=True, data=True)
                if k == "co_occurs" and "tool:karpenter" in (u, v)}
    assert expected and dict(zip(df["id"], df["shared"])) == expected
    assert df.set_index("label").loc["Amazon EKS", "shared"] == 2  # the KubeCon talk and the meetup talk
    assert df["pmi"].notna().all()


def test_co_occurring_counts_shared_talks_without_co_occurs_edges(g):
    df = query.co_occurring(without_co_occurs(g), "Karpenter", top=50)
    assert "tool:karpenter" not in set(df["id"]) and df["pmi"].isna().all()
    shared = df.set_index("label")["shared"]
    assert shared["Amazon EKS"] == 2 and shared["Helm"] >= 1
    assert list(df["shared"]) == sorted(df["shared"], reverse=True)
    assert len(query.co_occurring(without_co_occurs(g), "Karpenter", top=3)) == 3


def test_evidence_of_co_occurs_and_typed_edges(g):
    rows = query.evidence(g, "Amazon ECS", "AWS Lambda")
    co = [r for r in rows if r["relation"] == "co_occurs"]
    assert len(co) == len(g.edges["aws:ecs", "aws:lambda", "co_occurs"]["examples"].split("|")) >= 2
    for r in co:
        assert isinstance(r["line"], int) and r["note"] == "2024-06-aws-meetup.md" and r["evidence"]
    def squeeze(text):
        return re.sub(r"[\s`]", "", text)

    body = [r for r in co if r["line"] > 1]  # line 1 stands for the frontmatter title
    assert body and all(squeeze(r["evidence"]) in squeeze(file_line(r["note"], r["line"])) for r in body)
    [moved] = [r for r in rows if r["relation"] == "migrated_to"]
    assert "Lambda" in moved["evidence"] and moved["evidence"] in file_line(moved["note"], moved["line"])


def test_evidence_explains_a_mention(g):
    talk = talk_titled(g, KUBECON_KARPENTER)
    rows = query.evidence(g, talk, "Karpenter")
    assert rows == query.evidence(g, "Karpenter", talk)
    [row] = [r for r in rows if r["relation"] == "mentions"]
    assert row["note"] == "KubeCon recap.md" and "Karpenter" in row["evidence"]
    assert row["evidence"].strip("- ") in file_line(row["note"], row["line"])


def test_evidence_explains_a_presenter(g):
    talk = talk_titled(g, MEETUP_EKS)
    relations = {r["relation"]: r for r in query.evidence(g, talk, "メルカリ")}
    assert "presented_by" in relations
    assert "メルカリ" in file_line(relations["presented_by"]["note"], relations["presented_by"]["line"])


def test_queries_work_on_a_graph_read_back_from_graphml(g, tmp_path):
    write_graphml(g, tmp_path / "g.graphml")
    back = read_graphml(tmp_path / "g.graphml")
    cols = ["id", "notes", "talks", "mentions"]
    assert query.entities(back)[cols].equals(query.entities(g)[cols])
    titles = [set(query.talks_mentioning(h, "Karpenter")["title"]) for h in (back, g)]
    assert titles[0] == titles[1]


def test_show_embeds_the_offline_page_in_a_sandboxed_iframe():
    small = nx.MultiDiGraph()
    small.add_node("aws:s3", kind="aws_service", label='S3 "<script>alert(1)</script>"')
    out = query.show(small, height="400px").data
    m = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="([^"]*)"></iframe>', out)
    assert m, out[:200]
    assert "<" not in m[1] and html.unescape(m[1]) == generate_html(small)
    assert "height:400px" in m[2]


def test_build_result_shortcuts(nlp):
    from notegraph.build import build

    result = build(SAMPLES, nlp=nlp)
    assert "AWS Lambda" in set(result.entities("aws_service")["label"])
    rows = result.evidence("aws:ec2", "aws:ecs")
    assert any(r["relation"] == "migrated_to" for r in rows)
    assert "<iframe" in result.show().data
