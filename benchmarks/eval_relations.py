"""Precision and recall of typed relations against a gold file: the seed gold or the blind dev gold.

Usage:
    python benchmarks/eval_relations.py GRAPH.graphml [GRAPH2.graphml ...] [--gold tests/relations_gold.yaml] [--min-f1 X]
    python benchmarks/eval_relations.py GRAPH.graphml --gold tests/relations_dev.yaml [--show-errors]
    python benchmarks/eval_relations.py --dev [--corpus ../shared/corpus] [--show-errors] [--min-f1 X]

The gold format is recognised from its entries.

Seed format (tests/relations_gold.yaml; entries are ``[source, relation, target]``):
    Only notes named in the gold file are scored; a relation from a talk or note node counts as "@talk"
    (adoptions copied to the presenting company are not counted twice). Names are compared exactly
    (catalog labels).

Dev format (tests/relations_dev.yaml; entries are ``{from, relation, to, section}``):
    ``--dev`` finds each gold note in the corpus (the ``# path:`` comment beside its key, else the
    convention of benchmarks/score_gold.py: the exact file name, ``<folder>__index.md`` standing for
    ``<folder>/index.md``), copies it flat under its gold key into a temporary folder, runs
    ``python -m notegraph build TMP --out OUT -q --no-cache`` and scores OUT/graph.graphml.

    * A note's predicted relations are the edges whose ``relation`` is one of RELATIONS and whose
      ``note`` attribute has the gold key as its file name (both NFC-normalised). Only gold notes that
      have a note node in the graph are scored (with ``--dev`` every note found in the corpus is).
    * Names match after Unicode NFKC, casefolding, dropping spaces and punctuation, and with or
      without a leading "Amazon"/"AWS" (``norm``/``keys``, copied from ../shared/eval/score.py), by any
      name of the graph node: its ``label`` and each ``|``-separated ``aliases`` entry.
    * ``to`` matches the edge's target node by name.
    * ``from`` matches the edge's source node as follows:
        - ``"(note)"`` matches the note node (kind ``note``);
        - a talk heading matches a talk node whose ``title`` normalises (``norm``) to the same text;
        - any other name matches a node (company, tool, service, concept) by name, as above;
        - talk-with-presenter rule: for ``adopted``, a name also matches a talk node that has a
          ``presented_by`` edge to a company matching that name, so a graph that attaches a
          presenter's adoption to the talk, not to the company, is not scored zero.
    * Each graph triple (from-node, relation, to-node) is counted once however many edges or
      sentences state it. An ``adopted`` edge from a talk and its copies on that talk's presenter
      companies (same target, same note) are one prediction that may match either form of ``from``
      (the graph states the fact twice, the gold once).
    * Matching is one-to-one (maximum bipartite matching per note and relation); an unmatched gold
      triple is a false negative, an unmatched prediction a false positive. The ``section`` of a gold
      entry is not checked.
    Prints precision/recall/F1 per relation and overall; ``--show-errors`` lists the FN/FP triples per
    note first.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import networkx as nx
import yaml

RELATIONS = ("migrated_to", "replaced_by", "adopted", "runs_on", "not_supported_on")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_GOLD = ROOT / "tests" / "relations_dev.yaml"
NOTE = "(note)"


# --------------------------------------------------------------------------- seed format (unchanged)

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


def present_notes(graphs: list[nx.Graph]) -> set[str]:
    """File names (NFC) of the note nodes in the graphs."""
    return {unicodedata.normalize("NFC", Path(str(d.get("path", ""))).name)
            for g in graphs for _, d in g.nodes(data=True) if d.get("kind") == "note"}


def score(graphs: list[nx.Graph], gold: dict) -> dict:
    """Micro precision/recall/F1 over the notes present in ``graphs``; also the misses."""
    present = present_notes(graphs)
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


# --------------------------------------------------------------------------- dev format

# name normalisation, copied from ../shared/eval/score.py (kept in step with it by hand)
_DROP = re.compile(r"[\s\-_./・･:：'’`\"()（）]+")
_PREFIX = re.compile(r"^(amazon|aws)(?=.)")


def norm(text: str) -> str:
    """NFKC, casefold, spaces and punctuation dropped (score.py's ``norm``)."""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    return _DROP.sub("", s)


def keys(names) -> set[str]:
    """The normalised forms of ``names``, each also without a leading "amazon"/"aws" (score.py's ``keys``)."""
    out = set()
    for n in names:
        k = norm(n) if n else ""
        if not k:
            continue
        out.add(k)
        stripped = _PREFIX.sub("", k)
        if stripped and stripped != k:
            out.add(stripped)
    return out


def split_aliases(value) -> list[str]:
    """A node's ``aliases`` attribute as a list (``|``-separated text, a JSON list or a list)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            if isinstance(parsed, list):
                return [str(v) for v in parsed]
        except ValueError:
            pass
    return [p for p in text.split("|") if p.strip()]


def node_keys(g: nx.Graph, n) -> set[str]:
    """Match keys of a node: its label and aliases."""
    d = g.nodes[n]
    return keys([d.get("label")] + split_aliases(d.get("aliases")))


def is_dev_format(gold: dict) -> bool:
    """Whether a gold mapping uses ``{from, relation, to}`` entries (else ``[source, relation, target]``)."""
    return any(isinstance(t, dict) for v in gold.values() for t in (v or []))


def note_name(path) -> str:
    return unicodedata.normalize("NFC", Path(str(path).replace("\\", "/")).name)


class Pred:
    """One predicted relation: a target, a relation and the source nodes that state it (a talk and
    the presenter companies its adoption was copied to count as one)."""

    def __init__(self, g: nx.Graph, relation: str, target, sources: list):
        self.g, self.relation, self.target, self.sources = g, relation, target, sources
        self.target_keys = node_keys(g, target)

    def show(self) -> str:
        names = " = ".join(source_name(self.g, s) for s in self.sources)
        return f"({names}, {self.relation}, {self.g.nodes[self.target].get('label', self.target)})"


def source_name(g: nx.Graph, n) -> str:
    d = g.nodes[n]
    kind = d.get("kind")
    if kind == "note":
        return NOTE
    if kind == "talk":
        return f"talk «{d.get('title') or d.get('label')}»"
    return str(d.get("label", n))


def presenters(g: nx.Graph, talk) -> list:
    """Companies a talk is ``presented_by``."""
    return [v for _, v, d in g.out_edges(talk, data=True) if d.get("relation") == "presented_by"]


def dev_predictions(g: nx.Graph, notes: set[str]) -> dict[str, list[Pred]]:
    """The relations each note states in ``g``, one ``Pred`` per distinct triple (talk adoptions
    merged with their presenter-company copies)."""
    triples: dict[str, set[tuple]] = {n: set() for n in notes}
    for u, v, d in g.edges(data=True):
        if d.get("relation") in RELATIONS:
            note = note_name(d.get("note", ""))
            if note in triples:
                triples[note].add((u, d["relation"], v))
    out: dict[str, list[Pred]] = {}
    for note, ts in triples.items():
        merged: set[tuple] = set()
        preds = []
        for u, rel, v in sorted(ts, key=lambda t: (g.nodes[t[0]].get("kind") != "talk", str(t))):
            if (u, rel, v) in merged:
                continue
            sources = [u]
            if rel == "adopted" and g.nodes[u].get("kind") == "talk":
                for c in presenters(g, u):
                    if (c, rel, v) in ts and (c, rel, v) not in merged:
                        sources.append(c)
                        merged.add((c, rel, v))
            preds.append(Pred(g, rel, v, sources))
        out[note] = preds
    return out


def from_matches(g: nx.Graph, gold_from: str, relation: str, node) -> bool:
    """Whether a gold ``from`` names the source node ``node`` (see the module docstring)."""
    d = g.nodes[node]
    kind = d.get("kind")
    if gold_from == NOTE:
        return kind == "note"
    if kind == "note":
        return False
    if kind == "talk":
        if norm(gold_from) and norm(d.get("title") or d.get("label") or "") == norm(gold_from):
            return True
        if relation == "adopted":
            want = keys([gold_from])
            return any(node_keys(g, c) & want for c in presenters(g, node))
        return False
    return bool(node_keys(g, node) & keys([gold_from]))


def matches(gold: dict, pred: Pred) -> bool:
    if str(gold["relation"]) != pred.relation:
        return False
    if not (keys([str(gold["to"])]) & pred.target_keys):
        return False
    return any(from_matches(pred.g, str(gold["from"]), pred.relation, s) for s in pred.sources)


def one_to_one(gold: list[dict], preds: list[Pred]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold entries to predictions."""
    b = nx.Graph()
    gs = [("g", i) for i in range(len(gold))]
    b.add_nodes_from(gs)
    b.add_nodes_from(("p", j) for j in range(len(preds)))
    for i, t in enumerate(gold):
        for j, p in enumerate(preds):
            if matches(t, p):
                b.add_edge(("g", i), ("p", j))
    m = nx.bipartite.maximum_matching(b, top_nodes=gs)
    return sorted((a[1], m[a][1]) for a in gs if a in m)


def prf(c: dict) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_entry(t: dict) -> str:
    return f"({t['from']}, {t['relation']}, {t['to']})  [{t.get('section', '')}]"


def score_dev(graphs: list[nx.Graph], gold: dict) -> dict:
    """Precision/recall/F1 per relation and micro overall for dev-format gold; also the misses."""
    gold = {unicodedata.normalize("NFC", k): list(v or []) for k, v in gold.items()}
    present = present_notes(graphs)
    scored = [k for k in gold if k in present]
    counts = {r: {"tp": 0, "fp": 0, "fn": 0} for r in RELATIONS}
    errors = []
    for note in scored:
        preds = [p for g in graphs for p in dev_predictions(g, {note})[note]]
        entries = gold[note]
        pairs = one_to_one(entries, preds)
        mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, t in enumerate(entries):
            c = counts.setdefault(str(t["relation"]), {"tp": 0, "fp": 0, "fn": 0})
            c["tp" if i in mg else "fn"] += 1
        for j, p in enumerate(preds):
            if j not in mp:
                counts.setdefault(p.relation, {"tp": 0, "fp": 0, "fn": 0})["fp"] += 1
        errors += [f"FN {note}: {gold_entry(t)}" for i, t in enumerate(entries) if i not in mg]
        errors += [f"FP {note}: {p.show()}" for j, p in enumerate(preds) if j not in mp]
    total = {f: sum(c[f] for c in counts.values()) for f in ("tp", "fp", "fn")}
    result = {"notes": len(scored), "gold_notes": len(gold), "missing": [k for k in gold if k not in present],
              "per_relation": {r: dict(zip(("precision", "recall", "f1"), prf(c)), **c) for r, c in counts.items()},
              "errors": errors, **total}
    result.update(zip(("precision", "recall", "f1"), prf(total)))
    return result


def print_dev(result: dict, show_errors: bool) -> None:
    if show_errors:
        print("\n".join(result["errors"]))
    if result["missing"]:
        print("gold notes with no note node in the graph: " + ", ".join(result["missing"]))
    print(f"{'relation':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for r, c in result["per_relation"].items():
        print(f"{r:<18}{c['precision']:7.3f}{c['recall']:7.3f}{c['f1']:7.3f}{c['tp']:6d}{c['fp']:6d}{c['fn']:6d}")
    print(f"relations (dev): notes {result['notes']}/{result['gold_notes']} tp {result['tp']} fp {result['fp']} "
          f"fn {result['fn']} P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f}")


# --------------------------------------------------------------------------- building the dev notes

def gold_paths(gold_file: Path) -> dict[str, str]:
    """The ``# path: …`` comments beside the gold keys (corpus-relative paths), when written."""
    out = {}
    for m in re.finditer(r'^"([^"]+)":\s*#\s*path:\s*(.+?)\s*$', gold_file.read_text(encoding="utf-8"), re.M):
        out[unicodedata.normalize("NFC", m.group(1))] = m.group(2)
    return out


def find_note(corpus: Path, key: str, hint: str | None) -> Path | None:
    """The corpus file a gold key names: the ``# path:`` hint if it exists, else score_gold's rule."""
    if hint and (corpus / hint).is_file():
        return corpus / hint
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from score_gold import corpus_file  # the same convention as the entity gold sets
    return corpus_file(corpus, key)


def build_dev(gold_file: Path, corpus: Path, tmp: Path) -> Path:
    """Copy the gold notes from the corpus into ``tmp/notes``, build them; the GraphML's path."""
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    hints = gold_paths(gold_file)
    notes = tmp / "notes"
    notes.mkdir()
    for key in gold:
        src = find_note(corpus, key, hints.get(unicodedata.normalize("NFC", key)))
        if src is None:
            print(f"not found in the corpus: {key}", file=sys.stderr)
            continue
        shutil.copy(src, notes / key)
    out = tmp / "out"
    subprocess.run([sys.executable, "-m", "notegraph", "build", str(notes), "--out", str(out), "-q", "--no-cache"],
                   check=True, stdout=subprocess.DEVNULL)
    return out / "graph.graphml"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graphs", nargs="*", type=Path)
    ap.add_argument("--gold", type=Path, default=None,
                    help="gold file (default tests/relations_gold.yaml; tests/relations_dev.yaml with --dev)")
    ap.add_argument("--dev", action="store_true", help="build the dev gold's notes from the corpus and score them")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--show-errors", action="store_true", help="dev format: list FN/FP triples per note")
    ap.add_argument("--min-f1", type=float, default=None)
    a = ap.parse_args(argv)
    gold_file = a.gold or (DEV_GOLD if a.dev else ROOT / "tests" / "relations_gold.yaml")
    if not a.dev and not a.graphs:
        ap.error("give GRAPH.graphml files, or --dev")
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = list(a.graphs) + ([build_dev(gold_file, a.corpus, Path(tmp))] if a.dev else [])
        # the seed format reads the files as it always has; the dev format keeps parallel edges
        dev = is_dev_format(gold)
        graphs = [nx.read_graphml(p, force_multigraph=dev) for p in paths]
    if dev:
        result = score_dev(graphs, gold)
        print_dev(result, a.show_errors)
    else:
        result = score(graphs, gold)
        print("\n".join(result["errors"]))
        print(f"relations: notes {result['notes']} tp {result['tp']} fp {result['fp']} fn {result['fn']} "
              f"P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f}")
    return 1 if a.min_f1 is not None and result["f1"] < a.min_f1 else 0


if __name__ == "__main__":
    sys.exit(main())
