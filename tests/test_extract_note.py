"""One extraction unit per note: extract_note → NoteExtraction (mentions, proposals, relations, presenters)."""
import json

import networkx as nx

from notegraph.build import build
from notegraph.extract import NoteExtraction, extract_note
from notegraph.extract.matcher import CatalogMatcher
from notegraph.extract.mentions import MAX_CHUNK, cut_points
from notegraph.notes import read_notes
from notegraph.problems import Problems
from notegraph.structure import structure_of

MEETUP = """---
title: Example Meetup #3
tags: [meetup]
speaker: 山田 (株式会社サンプル技研)
---
## EKS移行の話
登壇: クラスメソッド

もともとEC2で運用していたが、ECSからEKSに移行した。Argo CDを導入した。
サンプル技研株式会社さんの事例も紹介された。
"""


def note_structure(write_notes, text, name="m.md"):
    root = write_notes({name: text})
    return structure_of(read_notes(root, Problems())[0])


def test_one_call_gives_every_field(write_notes, nlp):
    x = extract_note(note_structure(write_notes, MEETUP), nlp)
    ids = {m.entity_id for m in x.mentions}
    assert {"aws:eks", "aws:ecs", "aws:ec2"} <= ids
    assert ("aws:ecs", "migrated_to", "aws:eks") in {(r.source, r.relation, r.target) for r in x.relations}
    assert any(p.rule == "company in line under the talk heading" for p in x.presenters)
    assert all(m.origin == "proposed" and m.entity_id.startswith("company?:") for m in x.proposals)
    origins = {m.origin for m in x.mentions}
    assert "text" in origins and "-1" not in {str(m.section) for m in x.mentions}


def test_extraction_round_trips_through_json(write_notes, nlp):
    x = extract_note(note_structure(write_notes, MEETUP), nlp)
    again = NoteExtraction.from_json(json.loads(json.dumps(x.to_json(), ensure_ascii=False)))
    assert again == x


def test_candidates_reuse_the_notes_mentions(write_notes, nlp, monkeypatch):
    """The matcher runs once per piece of text: relation and company candidates do not match again."""
    s = note_structure(write_notes, MEETUP)
    calls = []
    original = CatalogMatcher.find
    monkeypatch.setattr(CatalogMatcher, "find", lambda self, text, unconfirmed=False: calls.append(text) or original(self, text, unconfirmed))
    extract_note(s, nlp)
    pieces = 1 + 1 + len(s.segments)  # title, speaker field, prose lines
    assert len(calls) == pieces


def test_long_lines_are_cut_before_matching():
    text = ("EKSとECSの話。" * 2000) + ("x" * 9000)
    spans = cut_points(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(spans, spans[1:]))  # contiguous
    assert all(e - s <= MAX_CHUNK for s, e in spans)
    assert text[spans[0][1] - 1] == "。"  # cut after a sentence end when there is one
    assert cut_points("short") == [(0, 5)]


def test_a_presenter_field_makes_no_node_without_kind(write_notes, nlp):
    """A frontmatter speaker naming a company in two notes once made co_occurs edges to a node with no
    kind or label: presenter fields name a talk's company, they are not mentions."""
    body = "---\ntitle: {t}\nspeaker: 山田 (クラスメソッド)\n---\nEKSとECSの話\n"
    root = write_notes({"a.md": body.format(t="A"), "b.md": body.format(t="B"), "c.md": "# C\nS3の話\n"})
    g = build(root, nlp=nlp).graph
    for n, d in g.nodes(data=True):
        assert d.get("kind") and d.get("label"), n
    for *_, d in g.edges(data=True):
        assert d.get("relation")
    assert not any(str(v).startswith("company") for _, v, k in g.edges(keys=True) if k == "co_occurs")


def test_masked_markup_does_not_split_a_name(write_notes, nlp):
    """"Amazon <b>Lightsail</b>" leaves spaces where the tag was: still one name, not Amazon + Lightsail."""
    s = note_structure(write_notes, "# T\n<p>Amazon <b>Lightsail</b>で動かしている</p>\n")
    ids = [m.entity_id for m in extract_note(s, nlp).mentions]
    assert ids == ["aws:lightsail"]
    assert [m.surface for m in extract_note(s, nlp).mentions] == ["Amazon Lightsail"]


def test_build_result_keeps_each_notes_extraction(write_notes, nlp):
    root = write_notes({"m.md": MEETUP})
    r = build(root, nlp=nlp)
    assert set(r.extractions) == {"m.md"}
    assert r.mentions["m.md"] == r.extractions["m.md"].all_mentions()
    assert isinstance(r.graph, nx.MultiDiGraph)
