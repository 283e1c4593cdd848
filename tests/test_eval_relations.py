"""benchmarks/eval_relations.py on small hand-made graphs (no model): the dev-gold matching rules and
the seed format kept as it was."""
import importlib.util
import subprocess
import sys

import networkx as nx
import pytest
import yaml

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("eval_relations", ROOT / "benchmarks" / "eval_relations.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

NOTE = "m.md"


def graph(*edges, note=NOTE, talks=(), nodes=()):
    """A notegraph-like MultiDiGraph: one note, its talks (id, title, presenter or None), entities, and
    relation edges (u, relation, v[, note])."""
    g = nx.MultiDiGraph()
    g.add_node(f"note:{note}", kind="note", label="The note", title="The note", path=f"blog/{note}")
    for tid, title, presenter in talks:
        g.add_node(tid, kind="talk", label=title, title=title, note=f"blog/{note}")
        if presenter:
            g.add_edge(tid, presenter, key="presented_by", relation="presented_by", note=f"blog/{note}")
    for n, kind, label, aliases in nodes:
        g.add_node(n, kind=kind, label=label, aliases=aliases)
    for u, rel, v, *where in edges:
        g.add_edge(u, v, key=rel, relation=rel, note=where[0] if where else f"blog/{note}")
    return g


ENTITIES = [
    ("aws:ec2", "aws_service", "Amazon EC2", "Amazon Elastic Compute Cloud|EC2"),
    ("aws:ecs", "aws_service", "Amazon ECS", "ECS"),
    ("tool:redis", "tool", "Redis", "redis"),
    ("tool:mackerel", "tool", "Mackerel", ""),
    ("tool:zabbix", "tool", "Zabbix", ""),
    ("company:hatena", "company", "Hatena", "はてな|株式会社はてな"),
    ("company:dmm", "company", "DMM", "DMM.com|DMM.comラボ"),
]


def dev(g, *entries, note=NOTE):
    gold = {note: [dict(zip(("from", "relation", "to"), e), section="s") for e in entries]}
    return ev.score_dev([g], gold)


def test_names_match_by_alias_nfkc_case_and_amazon_prefix():
    g = graph(("tool:redis", "runs_on", "aws:ec2"), ("note:m.md", "adopted", "aws:ecs"), nodes=ENTITIES)
    r = dev(g, ("ＲＥＤＩＳ", "runs_on", "EC2"), ("(note)", "adopted", "AWS ECS"))
    assert (r["tp"], r["fp"], r["fn"]) == (2, 0, 0)
    g = graph(("company:hatena", "adopted", "tool:redis"), nodes=ENTITIES)
    assert dev(g, ("株式会社 はてな", "adopted", "Redis"))["tp"] == 1          # an alias of the company node
    assert dev(g, ("はてなブックマーク", "adopted", "Redis"))["tp"] == 0     # not a name of it
    assert dev(g, ("はてな", "runs_on", "Redis"))["tp"] == 0               # the relation must agree too


def test_note_matches_only_the_note_node():
    g = graph(("note:m.md", "adopted", "tool:mackerel"), ("talk:m.md#1", "adopted", "tool:zabbix"),
              talks=[("talk:m.md#1", "A talk", None)], nodes=ENTITIES)
    r = dev(g, ("(note)", "adopted", "Mackerel"), ("(note)", "adopted", "Zabbix"))
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 1)
    assert r["per_relation"]["adopted"]["tp"] == 1


def test_talk_heading_matches_the_talk_title_after_normalising():
    talks = [("talk:m.md#1", "Mackerel インフラ基盤 AWS 移行の舞台裏", None), ("talk:m.md#2", "Other talk", None)]
    g = graph(("talk:m.md#1", "adopted", "tool:redis"), talks=talks, nodes=ENTITIES)
    assert dev(g, ("Mackerel インフラ基盤 AWS移行の舞台裏", "adopted", "Redis"))["tp"] == 1   # spaces dropped
    assert dev(g, ("Other talk", "adopted", "Redis"))["tp"] == 0
    assert dev(g, ("(note)", "adopted", "Redis"))["tp"] == 0


def test_adoption_on_the_talk_counts_for_its_presenter_company():
    talks = [("talk:m.md#1", "Mackerelで楽しく監視", "company:dmm"), ("talk:m.md#2", "No presenter", None)]
    g = graph(("talk:m.md#1", "adopted", "tool:mackerel"), ("talk:m.md#1", "migrated_to", "tool:mackerel"),
              talks=talks, nodes=ENTITIES)
    r = dev(g, ("DMM.comラボ", "adopted", "Mackerel"))
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 0)                    # the migrated_to edge is unmatched
    # only for adopted, and only the talk's own presenter
    assert dev(g, ("DMM.comラボ", "migrated_to", "Mackerel"))["tp"] == 0
    g = graph(("talk:m.md#2", "adopted", "tool:mackerel"), talks=talks, nodes=ENTITIES)
    assert dev(g, ("DMM.comラボ", "adopted", "Mackerel"))["tp"] == 0
    # the same fact on the talk and copied to its company is one prediction, matching either form
    g = graph(("talk:m.md#1", "adopted", "tool:mackerel"), ("company:dmm", "adopted", "tool:mackerel"),
              talks=talks, nodes=ENTITIES)
    for who in ("DMM", "Mackerelで楽しく監視"):
        r = dev(g, (who, "adopted", "Mackerel"))
        assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 0), who
    # the company's edge from another note does not speak for this one; the talk's edge still does
    g = graph(("talk:m.md#1", "adopted", "tool:mackerel"), ("company:dmm", "adopted", "tool:mackerel", "x.md"),
              talks=talks, nodes=ENTITIES)
    r = dev(g, ("DMM", "adopted", "Mackerel"))
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 0)


def test_matching_is_one_to_one_and_triples_count_once():
    g = graph(("tool:zabbix", "migrated_to", "tool:mackerel"), nodes=ENTITIES)
    g.add_edge("tool:zabbix", "tool:mackerel", key="migrated_to_2", relation="migrated_to", note=f"blog/{NOTE}")
    # two parallel edges of one triple: one prediction; a gold triple written twice: one match
    r = dev(g, ("Zabbix", "migrated_to", "Mackerel"), ("zabbix", "migrated_to", "mackerel"))
    assert (r["tp"], r["fp"], r["fn"]) == (1, 0, 1)
    # a prediction matching two gold entries (both names of it) is used once; the best assignment is found
    g = graph(("company:hatena", "adopted", "aws:ec2"), ("note:m.md", "adopted", "aws:ec2"), nodes=ENTITIES)
    r = dev(g, ("(note)", "adopted", "EC2"), ("はてな", "adopted", "Amazon EC2"))
    assert (r["tp"], r["fp"], r["fn"]) == (2, 0, 0)


def test_only_the_gold_notes_edges_by_file_name():
    g = graph(("tool:zabbix", "migrated_to", "tool:mackerel", "other/x.md"), note="folder__index.md",
              nodes=ENTITIES)
    r = dev(g, ("Zabbix", "migrated_to", "Mackerel"), note="folder__index.md")
    assert (r["notes"], r["tp"], r["fp"], r["fn"]) == (1, 0, 0, 1)
    r = ev.score_dev([g], {"absent.md": [{"from": "A", "relation": "adopted", "to": "B"}]})
    assert r["notes"] == 0 and r["missing"] == ["absent.md"]


def test_format_detection():
    assert ev.is_dev_format({"a.md": [{"from": "x", "relation": "adopted", "to": "y"}]})
    assert not ev.is_dev_format(yaml.safe_load((ROOT / "tests" / "relations_gold.yaml").read_text(encoding="utf-8")))
    assert ev.is_dev_format(yaml.safe_load((ROOT / "tests" / "relations_dev.yaml").read_text(encoding="utf-8")))


def seed_graph():
    talks = [("talk:m.md#1", "NewsPicks", "company:np")]
    nodes = ENTITIES + [("company:np", "company", "NewsPicks", ""), ("concept:mBaaS", "concept", "mBaaS", "")]
    return graph(("aws:ec2", "migrated_to", "aws:ecs"), ("talk:m.md#1", "adopted", "tool:redis"),
                 ("company:np", "adopted", "tool:redis"), ("note:m.md", "adopted", "tool:mackerel"),
                 ("concept:mBaaS", "migrated_to", "aws:ecs"), ("tool:zabbix", "runs_on", "aws:ec2", "x.md"),
                 talks=talks, nodes=nodes)


def test_seed_format_is_scored_as_before():
    gold = {NOTE: [["Amazon EC2", "migrated_to", "Amazon ECS"], ["@talk", "adopted", "Redis"],
                   ["@talk", "adopted", "Zabbix"], ["mBaaS", "migrated_to", "Amazon ECS"]],
            "absent.md": [["@talk", "adopted", "Redis"]]}
    r = ev.score([seed_graph()], gold)
    # exact labels, talks and notes as "@talk", company copies not counted, other notes ignored
    assert (r["notes"], r["tp"], r["fp"], r["fn"]) == (1, 3, 1, 1)
    assert r["errors"] == ["FN m.md: ('@talk', 'adopted', 'Zabbix')", "FP m.md: ('@talk', 'adopted', 'Mackerel')"]
    assert (round(r["precision"], 3), round(r["recall"], 3)) == (0.75, 0.75)


def test_seed_format_command_line(tmp_path):
    path, gold = tmp_path / "g.graphml", tmp_path / "gold.yaml"
    nx.write_graphml(seed_graph(), path)
    gold.write_text(yaml.safe_dump({NOTE: [["Amazon EC2", "migrated_to", "Amazon ECS"], ["@talk", "adopted", "Redis"]]},
                                   allow_unicode=True), encoding="utf-8")
    run = [sys.executable, str(ROOT / "benchmarks" / "eval_relations.py"), str(path), "--gold", str(gold)]
    proc = subprocess.run([*run, "--min-f1", "0.9"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "relations: notes 1 tp 2 fp 2 fn 0 P 0.500 R 1.000 F1 0.667"
    assert subprocess.run([*run, "--min-f1", "0.6"], capture_output=True).returncode == 0


def test_dev_format_command_line(tmp_path):
    path, gold = tmp_path / "g.graphml", tmp_path / "gold.yaml"
    nx.write_graphml(seed_graph(), path)
    gold.write_text(yaml.safe_dump({NOTE: [{"from": "NewsPicks", "relation": "adopted", "to": "Redis", "section": "s"},
                                           {"from": "EC2", "relation": "migrated_to", "to": "ECS", "section": "s"},
                                           {"from": "(note)", "relation": "adopted", "to": "Zabbix", "section": "s"}]},
                                   allow_unicode=True), encoding="utf-8")
    run = [sys.executable, str(ROOT / "benchmarks" / "eval_relations.py"), str(path), "--gold", str(gold)]
    proc = subprocess.run([*run, "--show-errors"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[-1] == "relations (dev): notes 1/1 tp 2 fp 2 fn 1 P 0.500 R 0.667 F1 0.571"
    assert "FN m.md: ((note), adopted, Zabbix)  [s]" in out
    assert "FP m.md: ((note), adopted, Mackerel)" in out and "FP m.md: (mBaaS, migrated_to, Amazon ECS)" in out
    assert any(line.startswith("adopted ") for line in out)


@pytest.mark.parametrize("key, hint, found", [
    ("a.md", "blog/a.md", "blog/a.md"),               # the # path: comment
    ("post__index.md", None, "site/post/index.md"),    # score_gold's <folder>__index.md
    ("a.md", "gone/a.md", "blog/a.md"),               # a stale hint falls back to the file name
])
def test_find_note_in_corpus(tmp_path, key, hint, found):
    for rel in ("blog/a.md", "site/post/index.md", "site/other/index.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# x\n", encoding="utf-8")
    assert ev.find_note(tmp_path, key, hint) == tmp_path / found


def test_gold_path_comments(tmp_path):
    f = tmp_path / "g.yaml"
    f.write_text('# header\n"x__index.md":   # path: site/x/index.md\n  - {from: a, relation: adopted, to: b}\n'
                 '"y.md":\n  - {from: a, relation: adopted, to: b}\n', encoding="utf-8")
    assert ev.gold_paths(f) == {"x__index.md": "site/x/index.md"}
