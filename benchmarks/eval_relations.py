"""Precision and recall of typed relations against tests/relations_gold.yaml.

Usage:
    python benchmarks/eval_relations.py GRAPH.graphml [GRAPH2.graphml ...] [--gold tests/relations_gold.yaml] [--min-f1 X]

Only notes named in the gold file are scored; a relation from a talk or note node counts as "@talk"
(adoptions copied to the presenting company are not counted twice).
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import networkx as nx
import yaml

RELATIONS = ("migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on")
ROOT = Path(__file__).resolve().parents[1]


def name_of(g: nx.Graph, n: str) -> str:
    """How a gold file names a node: '@talk' for talks and notes, else its label."""
    d = g.nodes[n]
    return "@talk" if d.get("kind") in ("talk", "note") else str(d.get("label", n))


def predicted(graphs: list[nx.Graph], notes: set[str]) -> dict[str, set[tuple]]:
    """Relation triples per gold note found in the graphs."""
    out: dict[str, set[tuple]] = {n: set() for n in notes}
    for g in graphs:
        for u, v, d in g.edges(data=True):
            note = Path(str(d.get("note", ""))).name
            note = unicodedata.normalize("NFC", note)
            if d.get("relation") in RELATIONS and note in out and g.nodes[u].get("kind") != "company":
                out[note].add((name_of(g, u), d["relation"], name_of(g, v)))
    return out


def score(graphs: list[nx.Graph], gold: dict) -> dict:
    """Micro precision/recall/F1 over the notes present in ``graphs``; also the misses."""
    present = {unicodedata.normalize("NFC", Path(str(d.get("path", ""))).name)
               for g in graphs for _, d in g.nodes(data=True) if d.get("kind") == "note"}
    gold = {k: {tuple(t) for t in v} for k, v in gold.items() if k in present}
    pred = predicted(graphs, set(gold))
    tp = sum(len(gold[n] & pred[n]) for n in gold)
    fp = sum(len(pred[n] - gold[n]) for n in gold)
    fn = sum(len(gold[n] - pred[n]) for n in gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    errors = [f"FN {n}: {t}" for n in gold for t in sorted(gold[n] - pred[n])]
    errors += [f"FP {n}: {t}" for n in gold for t in sorted(pred[n] - gold[n])]
    return {"notes": len(gold), "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f, "errors": errors}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graphs", nargs="+", type=Path)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "relations_gold.yaml")
    ap.add_argument("--min-f1", type=float, default=None)
    a = ap.parse_args(argv)
    result = score([nx.read_graphml(p) for p in a.graphs], yaml.safe_load(a.gold.read_text(encoding="utf-8")))
    print("\n".join(result["errors"]))
    print(f"relations: notes {result['notes']} tp {result['tp']} fp {result['fp']} fn {result['fn']} "
          f"P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f}")
    return 1 if a.min_f1 is not None and result["f1"] < a.min_f1 else 0


if __name__ == "__main__":
    sys.exit(main())
