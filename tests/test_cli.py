"""The command line: errors are one line and a non-zero exit; a build writes the outputs."""
import json
import subprocess
import sys

from notegraph.cli import main


def test_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"notegraph: error: notes folder not found: {tmp_path / 'nope'}"


def test_file_instead_of_folder(tmp_path, capsys):
    f = tmp_path / "x.md"
    f.write_text("x")
    assert main(["build", str(f), "--out", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_python_m_build_writes_outputs_and_summary(write_notes, tmp_path):
    root = write_notes({"a.md": "---\ntitle: A\ntags: [meetup]\n---\n## Talk\nECSとEKS\n",
                        "bad.md": "---\ntitle: [unclosed\n---\nS3\n", "bin.md": b"\x00\x01\x02"})
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "notegraph", "build", str(root), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "notes read: 2" in proc.stderr and "talks: 1" in proc.stderr
    assert "bin.md: binary file" in proc.stderr and "bad.md: invalid frontmatter" in proc.stderr
    assert (out / "graph.graphml").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0
    problems = json.loads((out / "problems.json").read_text())
    assert {p["path"] for p in problems} == {"bad.md", "bin.md"}
    strict = subprocess.run([sys.executable, "-m", "notegraph", "build", str(root), "--out", str(out), "--strict", "-q"],
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


def test_cooccurrence_thresholds_are_options(write_notes, tmp_path):
    import networkx as nx

    files = {f"n{i}.md": "# N\nLambdaとAPI Gatewayを組み合わせる。EC2も。\n" for i in range(2)}
    files["n2.md"] = "# M\nEC2だけ\n"
    root = write_notes(files)

    def pairs(*opts):
        out = tmp_path / "o"
        assert main(["build", str(root), "--out", str(out), "--no-cache", "-q", *opts]) == 0
        g = nx.read_graphml(out / "graph.graphml")
        return sum(1 for *_, d in g.edges(data=True) if d["relation"] == "co_occurs")

    assert pairs() >= 1
    assert pairs("--min-cooccurrence", "3") == 0
    assert pairs("--min-pmi", "5") == 0


def test_export_and_report_from_an_exported_graph(write_notes, tmp_path, capsys):
    """The CLI mirrors the API: export converts graph.graphml, report --graph needs no rebuild."""
    import networkx as nx

    from notegraph.export import read_gexf, read_neo4j_csv, read_node_link

    root = write_notes({"a.md": "---\ntitle: A\ntags: [meetup]\n---\n## Talk\nECSとEKS\n"})
    out = tmp_path / "out"
    assert main(["build", str(root), "--out", str(out), "-q", "--no-cache"]) == 0
    graphml = out / "graph.graphml"
    g = nx.read_graphml(graphml)
    assert main(["export", str(graphml), "--format", "gexf"]) == 0
    assert set(read_gexf(out / "graph.gexf")) == set(g)
    assert main(["export", str(graphml), "--format", "node-link", "--out", str(tmp_path / "g.json")]) == 0
    assert set(read_node_link(tmp_path / "g.json")) == set(g)
    assert main(["export", str(graphml), "--format", "neo4j"]) == 0
    assert set(read_neo4j_csv(out / "graph-neo4j")) == set(g)
    assert main(["export", str(graphml), "--format", "html", "--out", str(tmp_path / "g.html")]) == 0
    assert "Amazon EKS" in (tmp_path / "g.html").read_text(encoding="utf-8")
    assert not (out / "report.html").exists()
    assert main(["report", "--graph", str(graphml)]) == 0
    assert "Amazon EKS" in (out / "report.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(tmp_path / "missing.graphml"), "--format", "gexf"]) == 2
    assert "graph file not found" in capsys.readouterr().err
    (tmp_path / "bad.graphml").write_text("not xml", encoding="utf-8")
    assert main(["report", "--graph", str(tmp_path / "bad.graphml")]) == 2
    assert "bad.graphml" in capsys.readouterr().err


def test_progress_bar_follows_every_pass():
    """One bar, renamed and reset per pass, ends at each pass's total."""
    import io

    from notegraph.cli import ProgressBar

    bar = ProgressBar(stream=io.StringIO(), disable=False)
    seen = []
    for stage, total in (("structure", 5), ("extracting", 3), ("assembling", 1)):
        for i in range(total + 1):
            bar(stage, i, total)
        seen.append((bar.bar.desc.rstrip(": "), bar.bar.n, bar.bar.total))
    bar.close()
    assert seen == [("structure", 5, 5), ("extracting", 3, 3), ("assembling", 1, 1)]
