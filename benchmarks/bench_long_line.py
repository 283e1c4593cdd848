"""Extraction cost of one very long line: it must grow linearly with the line's length.

Usage:
    python benchmarks/bench_long_line.py [--sizes 0.25 0.5 1]

Builds a note made of a single line of 0.25, 0.5 and 1 MB (mixed Latin and Japanese prose naming
catalog entities, no newline anywhere), runs the whole per-note extraction (:func:`extract_note`) on
it, and prints the seconds per size and the ratio between consecutive sizes (≤ 2.3 per doubling means
linear, allowing for noise), for the whole extraction and for the mention pass alone (most of the
rest is GiNZA parsing the candidate sentences, which this synthetic text is dense in). The pipeline
is loaded once, before timing.
"""
from __future__ import annotations

import argparse
import random
import time

from notegraph.extract import component_of, extract_note, load_pipeline
from notegraph.extract.mentions import match_pieces, note_mentions
from notegraph.notes import Note
from notegraph.structure import structure_of

PHRASES = [
    "We deployed the service on Amazon EKS and moved the batch jobs to AWS Lambda last year. ",
    "Terraform と GitHub Actions でインフラを管理しています。",
    "The dashboards live in Grafana, logs go to CloudWatch Logs and traces to Datadog. ",
    "S3バケットのイベントでLambda関数を起動し、結果をDynamoDBに書き込む。",
    "Nothing in this sentence names a product, it is only filler text to make the line longer. ",
    "ここには製品名がなく、行を長くするための日本語の文章が続きます。",
    "<b>Amazon S3</b> の [設定](https://example.com/s3) を `aws s3 ls` で確認した。",  # markup to mask
]


def long_line(chars: int, seed: int = 0) -> str:
    """One line of about ``chars`` characters of varied prose (no newline)."""
    rnd = random.Random(seed)
    out, n = [], 0
    while n < chars:
        p = rnd.choice(PHRASES)
        out.append(p)
        n += len(p)
    return "".join(out)[:chars]


def time_line(nlp, chars: int) -> tuple[float, float, int]:
    """Seconds to extract one note holding a single line of ``chars`` characters (everything, and the
    mention pass alone: structure + matcher), and its mentions."""
    note = Note(path="long.md", title="long", body=long_line(chars), title_from="filename")
    start = time.perf_counter()
    note_mentions(match_pieces(structure_of(note), component_of(nlp).matcher))
    matching = time.perf_counter() - start
    start = time.perf_counter()
    x = extract_note(structure_of(note), nlp)
    return time.perf_counter() - start, matching, len(x.mentions)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", type=float, default=[0.25, 0.5, 1.0], help="line sizes in MB")
    a = ap.parse_args(argv)
    nlp = load_pipeline()
    time_line(nlp, 10_000)  # warm up (lazy loads, caches)
    prev = None
    print(f"{'MB':>6} {'seconds':>8} {'ratio':>6} {'mention pass':>13} {'ratio':>6} {'mentions':>9}")
    for mb in a.sizes:
        secs, matching, n = time_line(nlp, int(mb * 1_000_000))
        ratio = f"{secs / prev[0]:.2f}" if prev else "-"
        mratio = f"{matching / prev[1]:.2f}" if prev else "-"
        print(f"{mb:>6.2f} {secs:>8.2f} {ratio:>6} {matching:>13.2f} {mratio:>6} {n:>9}")
        prev = (secs, matching)


if __name__ == "__main__":
    main()
