"""Command line: ``notegraph build NOTES_DIR --out OUT_DIR`` (also ``python -m notegraph``).

Each command is a thin layer over the Python API (:func:`notegraph.build.build` and the exporters).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from .catalog import CatalogError

__all__ = ["main", "CACHE_NAME"]

CACHE_NAME = ".notegraph-cache.sqlite"


def progress_bar(stream=sys.stderr):
    """A callback drawing a one-line progress bar on ``stream`` (only when it is a terminal)."""
    if not stream.isatty():
        return None
    start = time.monotonic()

    def draw(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} notes {time.monotonic() - start:5.1f}s")
        if done == total:
            stream.write("\n")
        stream.flush()

    return draw


def cmd_build(args: argparse.Namespace) -> int:
    """Build the graph of a folder and write graph.graphml, graph.html and problems.json."""
    from .build import NotesFolderError, build
    from .export import write_graphml, write_html
    from .export._files import atomic_path

    out = Path(args.out)
    try:
        result = build(args.notes_dir, catalog=args.catalog_file, extra_catalogs=args.catalog or [],
                       cache=None if args.no_cache else out / CACHE_NAME,
                       max_note_bytes=int(args.max_note_mb * 2**20), follow_symlinks=args.follow_symlinks,
                       min_cooccurrence=args.min_cooccurrence, min_pmi=args.min_pmi,
                       progress=None if args.quiet else progress_bar())
    except (NotesFolderError, CatalogError) as exc:
        print(f"notegraph: error: {exc}", file=sys.stderr)
        return 2
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_graphml(result.graph, out / "graph.graphml")
        name = Path(args.notes_dir).resolve().name
        write_html(result.graph, out / "graph.html", title=f"notegraph — {name}", min_mentions=args.min_mentions,
                   entity_only=args.entity_only)
        if args.report:
            from .report import write_report

            write_report(result.graph, out / "report.html", problems=result.problems,
                         catalog_version=result.catalog_version, title=f"notegraph report — {name}")
        with atomic_path(out / "problems.json") as tmp:
            tmp.write_text(result.problems.to_json() + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"notegraph: error: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(result.summary(), file=sys.stderr)
    print(f"wrote {out / 'graph.graphml'}")
    print(f"wrote {out / 'graph.html'}")
    if args.report:
        print(f"wrote {out / 'report.html'}")
    if args.strict and result.problems.serious():
        print(f"notegraph: {len(result.problems.serious())} problem(s) found (--strict)", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``notegraph`` command."""
    p = argparse.ArgumentParser(prog="notegraph", description="Turn a folder of Markdown notes into a knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True)
    common = build_options()
    b = sub.add_parser("build", parents=[common], help="build graph.graphml and graph.html (and report.html) from a notes folder")
    b.add_argument("--report", action="store_true", help="also write report.html, a shareable summary with charts")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("report", parents=[common], help="like build, and always writes report.html")
    r.set_defaults(func=cmd_build, report=True)
    return p


def build_options() -> argparse.ArgumentParser:
    """Options shared by ``build`` and ``report``."""
    b = argparse.ArgumentParser(add_help=False)
    b.add_argument("notes_dir", help="folder of .md/.markdown notes (searched recursively)")
    b.add_argument("--out", default="out", help="output folder (default: out)")
    b.add_argument("--catalog", action="append", metavar="FILE",
                   help="YAML file of extra entities/aliases/stop-words (repeatable); "
                        "notegraph.yaml in the notes folder is read automatically")
    b.add_argument("--catalog-file", metavar="JSON", help="use this JSON catalog instead of the shipped one")
    b.add_argument("--no-cache", action="store_true",
                   help=f"re-process every note and leave OUT_DIR/{CACHE_NAME} untouched")
    b.add_argument("--max-note-mb", type=float, default=32, metavar="MB",
                   help="skip notes larger than this, with a message (default: 32)")
    b.add_argument("--follow-symlinks", action="store_true",
                   help="follow symlinks that lead outside the notes folder (default: skip them)")
    b.add_argument("--min-cooccurrence", type=int, default=2, metavar="N",
                   help="co_occurs edges need N talks/notes mentioning both entities (default: 2)")
    b.add_argument("--min-pmi", type=float, default=0.0, metavar="X",
                   help="co_occurs edges need a PMI above X, so frequent-only pairs drop out (default: 0)")
    b.add_argument("--min-mentions", type=int, default=None, metavar="N",
                   help="graph.html: leave out entities mentioned by fewer than N notes (default: 1; 2 above 500 nodes)")
    b.add_argument("--entity-only", action="store_true",
                   help="graph.html: draw only entities, joined when a talk or note mentions both")
    b.add_argument("--strict", action="store_true", help="exit with status 1 when any file had a problem")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    return b


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``notegraph`` command."""
    logging.basicConfig(level=logging.ERROR, format="notegraph: %(message)s")
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
