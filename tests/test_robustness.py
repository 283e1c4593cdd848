"""Real-world and hostile input: nothing crashes, every problem is explained once, GraphML stays valid."""
import json
import os
import unicodedata

import networkx as nx
import pytest

from notegraph.build import build
from notegraph.cli import main
from notegraph.export import read_graphml, write_graphml

BIG_LINE = ("ふつうの文章が続く。" * 50 + " Lambda と S3 。") * 1800  # about 1 MB on one line


def hostile_vault(root):
    """Write a folder with every kind of awkward file the issue lists; returns {name: expectation}."""
    files = {
        "tabs.md": "---\ntitle: T\ntags:\n\t- a\n---\nECS\n",
        "unclosed.md": "---\ntitle: \"oops\n---\nEKS\n",
        "dupkeys.md": "---\ntitle: A\ntitle: B\n---\nEC2\n",
        "listfm.md": "---\n- a\n- b\n---\nLambda\n",
        "scalarfm.md": "---\njust a string\n---\nS3\n",
        "toml.md": "+++\ntitle = \"TOML note\"\ntags = [\"meetup\"]\n+++\n## Talk\nCloudFront\n",
        "noclose.md": "---\ntitle: never closed\nECS の話\n",
        "bom.md": "\ufeff---\ntitle: BOM\n---\nEKS\n",
        "crlf.md": "---\r\ntitle: CRLF\r\n---\r\nS3\r\nECS\r\n",
        "cr.md": "---\rtitle: CR\r---\rS3\r",
        "empty.md": "",
        "blank.md": "  \n\t\n",
        "nested.md": "".join("  " * i + "- level EKS\n" for i in range(1000)),
        "headings.md": "".join(f"## 見出し{i}\nECS\n" for i in range(10000)),
        "oneline.md": BIG_LINE,
        "control.md": "---\ntitle: \"ctl \\x01\\x0b title\"\n---\nS3 \x07 bell \x1b[31m ECS\n",
        "dup-title-1.md": "---\ntitle: Same\naliases: [same-alias]\n---\n[[same-alias]] [[missing note]]\n",
        "dup-title-2.md": "---\ntitle: Same\naliases: [same-alias]\n---\n[[Same]]\n",
        "名前 with spaces 🚀.md": "Fargate\n",
        unicodedata.normalize("NFD", "ガイド.md"): "ガイド本文 Lambda\n",
        "ctrl\x01name.md": "S3\n",
    }
    for name, text in files.items():
        (root / name).write_bytes(text.encode("utf-8"))
    (root / "utf16.md").write_bytes("---\ntitle: UTF16\n---\nECS\n".encode("utf-16"))
    (root / "sjis.md").write_bytes("---\ntitle: シフトJIS\n---\nラムダ関数とS3バケットを使う。\n".encode("cp932"))
    (root / "eucjp.md").write_bytes("---\ntitle: EUCのノート\n---\nクラウドフロントとS3バケットを使う。\n".encode("euc_jp"))
    (root / "binary.md").write_bytes(bytes(range(256)) * 10)
    (root / "broken.md").symlink_to(root / "does-not-exist.md")
    (root / "loop-a.md").symlink_to(root / "loop-b.md")
    (root / "loop-b.md").symlink_to(root / "loop-a.md")
    outside = root.parent / "outside.md"
    outside.write_text("secret ECS\n", encoding="utf-8")
    (root / "escape.md").symlink_to(outside)
    (root / "unreadable.md").write_text("ECS\n", encoding="utf-8")
    os.chmod(root / "unreadable.md", 0)


@pytest.fixture(scope="module")
def hostile(nlp, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "vault"
    root.mkdir()
    hostile_vault(root)
    out = root.parent / "out"
    result = build(root, nlp=nlp, cache=out / "cache.sqlite")
    return root, out, result


def reasons(result):
    return {p.path: p.reason for p in result.problems}


def test_problems_are_reported_once_with_reasons(hostile):
    _, _, result = hostile
    r = reasons(result)
    assert len(r) == len(result.problems.items)  # once per file
    assert "invalid frontmatter" in r["tabs.md"] and "invalid frontmatter" in r["unclosed.md"]
    assert "appears more than once" in r["dupkeys.md"]
    assert "not a mapping" in r["listfm.md"] and "not a mapping" in r["scalarfm.md"]
    assert "no closing" in r["noclose.md"]
    assert "binary" in r["binary.md"]
    assert "broken symlink" in r["broken.md"] and "symlink" in r["loop-a.md"]
    assert "outside the notes folder" in r["escape.md"]
    assert "cp932" in r["sjis.md"] and "euc_jp" in r["eucjp.md"]
    if os.geteuid() != 0:  # root reads any file
        assert "cannot read" in r["unreadable.md"]


def test_every_readable_note_is_in_the_graph_and_legacy_encodings_are_not_mojibake(hostile):
    _, _, result = hostile
    g = result.graph
    notes = {d["path"]: d for _, d in g.nodes(data=True) if d["kind"] == "note"}
    for name in ("tabs.md", "toml.md", "bom.md", "crlf.md", "cr.md", "utf16.md", "empty.md", "blank.md",
                 "nested.md", "headings.md", "oneline.md", "sjis.md", "eucjp.md", "名前 with spaces 🚀.md", "ガイド.md"):
        assert name in notes, name
    assert notes["sjis.md"]["title"] == "シフトJIS" and notes["eucjp.md"]["title"] == "EUCのノート"
    assert notes["toml.md"]["title"] == "TOML note" and notes["bom.md"]["title"] == "BOM"
    assert "escape.md" not in notes and "binary.md" not in notes

    def mentioned(path):
        return {g.nodes[v]["label"] for u, v, k in g.edges(keys=True) if k == "mentions" and u == f"note:{path}"}

    assert {"AWS Lambda", "Amazon S3"} <= mentioned("sjis.md")
    assert "Amazon S3" in mentioned("eucjp.md")
    assert {"AWS Lambda", "Amazon S3"} <= mentioned("oneline.md")
    assert mentioned("crlf.md") == {"Amazon S3", "Amazon ECS"}
    assert len([1 for _, d in g.nodes(data=True) if d.get("kind") == "talk" and d.get("note") == "toml.md"]) == 1


def test_graphml_is_valid_and_reads_back_everywhere(hostile):
    igraph = pytest.importorskip("igraph")
    _, out, result = hostile
    path = out / "graph.graphml"
    write_graphml(result.graph, path)
    back = read_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    counts = (result.graph.number_of_nodes(), result.graph.number_of_edges())
    assert (back.number_of_nodes(), back.number_of_edges()) == counts == (ig.vcount(), ig.ecount())


def test_duplicate_titles_and_missing_links(hostile):
    g = hostile[2].graph
    links = {(u, v) for u, v, k in g.edges(keys=True) if k == "links_to"}
    assert ("note:dup-title-2.md", "note:dup-title-1.md") in links
    assert not any(v.startswith("note:missing") for _, v in links)


def test_strict_exits_nonzero_and_problems_json_matches(hostile, tmp_path):
    root, _, result = hostile
    out = tmp_path / "out"
    assert main(["build", str(root), "--out", str(out), "--strict", "-q"]) == 1
    problems = json.loads((out / "problems.json").read_text(encoding="utf-8"))
    assert {p["path"] for p in problems} == {p.path for p in result.problems}
    nx.read_graphml(out / "graph.graphml")


def test_max_note_size_option_skips_with_a_clear_message(write_notes, tmp_path, capsys):
    root = write_notes({"big.md": "ECS\n" * 300_000, "small.md": "EKS\n"})
    assert main(["build", str(root), "--out", str(tmp_path / "o"), "--max-note-mb", "1", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "big.md: file is 1.1 MiB, over the 1 MiB limit" in err and "notes read: 1" in err


def test_a_killed_build_leaves_previous_outputs_intact(write_notes, tmp_path, monkeypatch):
    from notegraph.export import html

    root = write_notes({"a.md": "ECS\n"})
    out = tmp_path / "out"
    assert main(["build", str(root), "--out", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".graphml", ".html")}
    (root / "a.md").write_text("EKS\n", encoding="utf-8")

    def killed(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(html, "generate_html", killed)
    with pytest.raises(KeyboardInterrupt):
        main(["build", str(root), "--out", str(out), "-q"])
    assert (out / "graph.html").read_bytes() == before["graph.html"]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_hidden_folders_are_reported_as_ignored_and_do_not_fail_strict(write_notes, tmp_path):
    root = write_notes({".obsidian/x.md": "ECS\n", ".hidden.md": "EKS\n", "a.md": "S3\n"})
    result = build(root)
    assert {(p.path, p.severity) for p in result.problems} == {(".obsidian", "ignored"), (".hidden.md", "ignored")}
    assert main(["build", str(root), "--out", str(tmp_path / "o"), "--strict", "-q"]) == 0
