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
