"""Benchmark `notegraph build`: cold, warm and one-note-changed rebuilds, against the naive pipeline.

Usage:
    python benchmarks/bench_build.py [NOTES_DIR] [--naive-chars 60000]

    python benchmarks/bench_build.py ../shared/corpus/ikorihn-garden

The folder is copied to a temporary place first (one note gets edited). Each build runs in its own
process (what a user runs: model loading and imports included) and reports wall time, characters
per second, notes per second and peak memory (RSS). In the same run, the naive baseline — GiNZA's
full pipeline over each note's text — is measured on a sample of the same notes, and the ratio of
characters per second (notegraph cold build / naive) is printed, so the figure holds on a noisy
machine.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys
from notegraph.cli import main
rc = main(sys.argv[1:])
print("BENCH " + json.dumps({"rc": rc, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)
"""
NAIVE = """
import json, resource, sys, time
import spacy
from notegraph.notes import read_notes
notes = read_notes(sys.argv[1])
budget = int(sys.argv[2])
step = max(1, len(notes) // 50)
sample, total = [], 0
for n in notes[::step] + notes:
    if total >= budget:
        break
    if n not in sample:
        sample.append(n)
        total += len(n.body)
nlp = spacy.load("ja_ginza")
t = time.perf_counter()
chars = 0
for n in sample:
    lines, chunk = n.body.split("\\n"), []
    for piece in ["\\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]:  # Sudachi rejects >49 KB
        for j in range(0, len(piece), 10000):
            nlp(piece[j:j + 10000])
    chars += len(n.body)
dt = time.perf_counter() - t
print("BENCH " + json.dumps({"notes": len(sample), "chars": chars, "seconds": dt,
      "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)
"""


def run_child(code: str, args: list[str]) -> tuple[float, dict, str]:
    """Run Python code in a fresh process; return wall seconds, its BENCH record and stderr."""
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    wall = time.perf_counter() - t
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        sys.exit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    return wall, json.loads(lines[-1][6:]), proc.stderr


def folder_size(folder: Path) -> tuple[int, int]:
    """Number of notes and characters of note text in a folder (as notegraph reads it)."""
    from notegraph.notes import read_notes

    notes = read_notes(folder)
    return len(notes), sum(len(n.body) for n in notes)


def touch_one(folder: Path) -> Path:
    """Append a sentence to one note, so one note's content changes."""
    note = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file())[0]
    with note.open("a", encoding="utf-8") as f:
        f.write("\n\nベンチマーク用に追記: Amazon S3 と AWS Lambda。\n")
    return note


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notes_dir", nargs="?", default=str(ROOT / "data" / "sample-notes"))
    ap.add_argument("--naive-chars", type=int, default=60000, help="characters of notes for the naive baseline")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        notes_dir = Path(tmp) / "notes"
        shutil.copytree(a.notes_dir, notes_dir, symlinks=True)
        out = Path(tmp) / "out"
        n_notes, n_chars = folder_size(notes_dir)
        print(f"folder: {a.notes_dir} — {n_notes} notes, {n_chars:,} characters")
        rows = []
        for phase in ("cold", "warm", "one note changed"):
            if phase == "one note changed":
                touch_one(notes_dir)
            wall, rec, err = run_child(CHILD, ["build", str(notes_dir), "--out", str(out)])
            m = re.search(r"notes re-processed: (\d+) of (\d+)", err)
            rows.append((phase, wall, rec["maxrss_kb"], m.group(1) if m else "?"))
        wall_n, naive, _ = run_child(NAIVE, [str(notes_dir), str(a.naive_chars)])
    naive_cps = naive["chars"] / naive["seconds"]
    print(f"\n{'phase':<18}{'wall s':>8}{'chars/s':>12}{'notes/s':>10}{'peak RSS MiB':>14}{'re-processed':>14}")
    for phase, wall, rss, done in rows:
        print(f"{phase:<18}{wall:8.2f}{n_chars / wall:12,.0f}{n_notes / wall:10.1f}{rss / 1024:14.0f}{done:>14}")
    print(f"\nnaive ja_ginza (full pipeline, model load excluded): {naive['notes']} notes, {naive['chars']:,} chars "
          f"in {naive['seconds']:.1f} s = {naive_cps:,.0f} chars/s, peak RSS {naive['maxrss_kb'] / 1024:.0f} MiB")
    cold = rows[0][1]
    print(f"ratio notegraph cold build (whole process, model load included) / naive: "
          f"{(n_chars / cold) / naive_cps:.1f}x characters per second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
