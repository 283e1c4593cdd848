"""Scale benchmark: `notegraph build` on a vault of N copies of a notes folder.

Usage:
    python benchmarks/bench_scale.py [--copies 10] [--source ../shared/corpus] [--skip-jobs1]

    python benchmarks/bench_scale.py --copies 1 --source ../shared/corpus/ikorihn-garden
    python benchmarks/bench_scale.py --copies 10

The vault is N copies of the source folder in sub-folders ``copy-01/`` …; every note of every copy
gets one extra line naming its copy, so no two notes are the same text and no cache or dedup can
serve one copy from another. The package source is snapshotted first (the children import that
copy), so edits made to the tree while the benchmark runs cannot change the code under test or the
cache key. Each build is the command a user runs, in its own process (imports and model loading
included): cold ``--jobs 1``, cold ``--jobs 2`` (each with an empty cache), then warm (nothing
changed) and one note edited, both ``--jobs 2`` on the second output folder. Peak RSS is reported for
the driver and, separately, for the largest worker process it started; output sizes at the end.
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
from notegraph.cli import exit_now, main
rc = main(sys.argv[1:])
print("BENCH " + json.dumps({"rc": rc, "driver_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                             "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}), file=sys.stderr)
exit_now(rc)  # as the notegraph command ends
"""
SUFFIXES = (".md", ".markdown")


def make_vault(source: Path, copies: int, dest: Path) -> tuple[int, int]:
    """``copies`` copies of ``source`` under ``dest``, each note's text varied by one line; returns
    (note files, bytes)."""
    files = size = 0
    for k in range(1, copies + 1):
        target = dest / f"copy-{k:02d}"
        shutil.copytree(source, target, symlinks=True)
        for p in sorted(target.rglob("*")):
            if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink():
                raw = p.read_bytes()
                if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 files are left as they are
                    raw += f"\n\n(copy {k} of this note)\n".encode("ascii")
                    p.write_bytes(raw)
                files += 1
                size += len(raw)
    return files, size


def snapshot_package(dest: Path) -> Path:
    """A copy of ``src/notegraph`` to import from (PYTHONPATH), frozen for the whole benchmark."""
    shutil.copytree(ROOT / "src" / "notegraph", dest / "notegraph", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def run_build(pythonpath: Path, notes: Path, out: Path, jobs: int) -> dict:
    """One ``notegraph build`` in a fresh process: wall seconds, peak RSS, notes re-processed."""
    env = {**__import__("os").environ, "PYTHONPATH": str(pythonpath)}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "build", str(notes), "--out", str(out), "--jobs", str(jobs)],
                          capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        sys.exit(f"benchmark child failed:\n{proc.stderr[-3000:]}")
    rec = json.loads(lines[-1][6:])
    m = re.search(r"notes re-processed: (\d+) of (\d+)", proc.stderr)
    return {"wall": wall, "driver_mib": rec["driver_kb"] / 1024, "workers_mib": rec["workers_kb"] / 1024,
            "processed": int(m.group(1)) if m else -1, "notes": int(m.group(2)) if m else -1}


def edit_one(folder: Path) -> Path:
    """Append a sentence to one note, so exactly one note's content changes."""
    note = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())[0]
    with note.open("a", encoding="utf-8") as f:
        f.write("\n\nベンチマーク用に追記: Amazon S3 と AWS Lambda。\n")
    return note


def mib(path: Path) -> str:
    """A file's size in MiB."""
    return f"{path.stat().st_size / 2**20:.1f}" if path.exists() else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--source", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--skip-jobs1", action="store_true", help="leave out the cold --jobs 1 build")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        code = snapshot_package(tmp / "src")
        files, size = make_vault(Path(a.source), a.copies, tmp / "vault")
        print(f"vault: {a.copies} x {a.source} = {files:,} note files, {size / 2**20:.1f} MiB")
        rows = []
        if not a.skip_jobs1:
            rows.append(("cold --jobs 1", run_build(code, tmp / "vault", tmp / "out1", 1)))
            print(f"  {rows[-1][0]}: {rows[-1][1]['wall']:.1f} s", flush=True)
        for phase in ("cold --jobs 2", "warm --jobs 2", "one note edited --jobs 2"):
            if phase.startswith("one note"):
                edit_one(tmp / "vault")
            rows.append((phase, run_build(code, tmp / "vault", tmp / "out2", 2)))
            print(f"  {phase}: {rows[-1][1]['wall']:.1f} s", flush=True)
        out = tmp / "out2"
        print(f"\n| phase | wall s | notes re-processed | driver peak RSS MiB | largest worker peak RSS MiB |")
        print("|---|---:|---:|---:|---:|")
        for phase, r in rows:
            workers = f"{r['workers_mib']:.0f}" if r["workers_mib"] > 1 else "-"
            print(f"| {phase} | {r['wall']:.1f} | {r['processed']:,} of {r['notes']:,} | {r['driver_mib']:.0f} | {workers} |")
        walls = dict((p, r["wall"]) for p, r in rows)
        if "cold --jobs 1" in walls:
            print(f"\ncold speed-up --jobs 2 / --jobs 1: {walls['cold --jobs 1'] / walls['cold --jobs 2']:.2f}x")
        print(f"outputs: graph.graphml {mib(out / 'graph.graphml')} MiB, graph.html {mib(out / 'graph.html')} MiB, "
              f"problems.json {mib(out / 'problems.json')} MiB, cache {mib(out / '.notegraph-cache.sqlite')} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
