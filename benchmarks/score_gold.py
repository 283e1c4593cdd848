"""Score the project's own gold sets (tests/gold_*/) against a fresh build of their corpus notes.

Usage:
    python benchmarks/score_gold.py tests/gold_events tests/gold_tech [--corpus ../shared/corpus] [--show-errors]

For each gold YAML, the note it names is found in the corpus (``<folder>__index.md`` stands for
``<folder>/index.md``, since many blogs name every post index.md) and copied flat into a temporary
folder under that name; the folder is built with ``notegraph build --no-cache`` and graded by
``../shared/eval/score.py``, whose output is printed as is.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus_file(corpus: Path, name: str) -> Path | None:
    """The corpus note a gold file names (exact file name, or ``<folder>__index.md``)."""
    if "__" in name:
        folder, _, base = name.rpartition("__")
        hits = [p for p in corpus.rglob(base) if p.parent.name == folder]
    else:
        hits = list(corpus.rglob(name))
    return hits[0] if hits else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dirs", nargs="+", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        notes, gold = Path(tmp) / "notes", Path(tmp) / "gold"
        notes.mkdir()
        gold.mkdir()
        for d in a.gold_dirs:
            for g in sorted(d.glob("*.yaml")):
                name = yaml.safe_load(g.read_text(encoding="utf-8"))["note"]
                src = corpus_file(a.corpus, name)
                if src is None:
                    print(f"not found in the corpus: {name} ({g})", file=sys.stderr)
                    continue
                shutil.copy(src, notes / name)
                shutil.copy(g, gold / g.name)
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "notegraph", "build", str(notes), "--out", str(out), "-q", "--no-cache"],
                       check=True, stdout=subprocess.DEVNULL)
        cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--graph", str(out / "graph.graphml"),
               "--gold", str(gold), "--notes", str(notes)] + (["--show-errors"] if a.show_errors else [])
        code = subprocess.run(cmd).returncode
        print(speaker_scores(out / "graph.graphml", gold))
        return code


def _name_key(name: str) -> str:
    """A speaker name compared without spaces, case, an @ or an honorific."""
    import re
    import unicodedata
    name = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"(?:様|さん|氏)$", "", re.sub(r"[\s@_]", "", name))


def speaker_scores(graph: Path, gold: Path) -> str:
    """Precision/recall of talk nodes' ``speakers`` against the gold talks' ``speakers`` (where given)."""
    import re
    import unicodedata

    import networkx as nx
    g = nx.read_graphml(graph)
    key = lambda t: re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", t).casefold())  # noqa: E731
    talks = {}
    for _, d in g.nodes(data=True):
        if d.get("kind") == "talk":
            talks[(Path(str(d.get("note"))).name, key(str(d.get("title", ""))))] = d
    tp = fp = fn = 0
    for f in sorted(gold.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for t in doc.get("talks") or []:
            if "speakers" not in t:
                continue
            want = {_name_key(str(n)) for n in t.get("speakers") or []}
            d = talks.get((doc["note"], key(str(t.get("heading")))))
            got = {_name_key(n) for n in str(d.get("speakers", "")).split("|") if n} if d else set()
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"speakers (talks found): P {p:.3f} R {r:.3f} tp {tp} fp {fp} fn {fn}"


if __name__ == "__main__":
    sys.exit(main())
