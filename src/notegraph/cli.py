"""Command line (also ``python -m notegraph``), each command a thin layer over one API function:

* ``notegraph build NOTES_DIR --out OUT_DIR [--report]`` → :func:`notegraph.build.build`, then the writers;
* ``notegraph watch NOTES_DIR --out OUT_DIR`` → :func:`notegraph.watch.watch` (rebuild on every saved note);
* ``notegraph report NOTES_DIR`` (build, then report) or ``notegraph report --graph OUT/graph.graphml``
  (no rebuild) → :func:`notegraph.report.write_report`;
* ``notegraph export GRAPH.graphml --format gexf|node-link|neo4j|html`` → the ``write_*`` function of
  :mod:`notegraph.export` for that format.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from pathlib import Path

from .build import CACHE_NAME
from .catalog import CatalogError

__all__ = ["main", "CACHE_NAME"]


class ProgressBar:
    """One tqdm bar for every pass of a build (reading, structure, extracting, assembling, writing):
    the bar is reset and renamed when the pass changes. Drawn only on a terminal."""

    def __init__(self, stream=sys.stderr, disable: bool | None = None):
        self.stream, self.disable = stream, disable
        self.bar = None
        self.stage = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Show ``done`` of ``total`` steps of pass ``stage``."""
        from tqdm.auto import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc=stage, unit="step", file=self.stream, leave=False,
                            disable=self.disable, dynamic_ncols=True)
        if stage != self.stage:
            self.bar.reset(total=total)
            self.bar.set_description(stage)
            self.stage = stage
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """Remove the bar from the terminal."""
        if self.bar is not None:
            self.bar.close()


def cmd_build(args: argparse.Namespace) -> int:
    """Build the graph of a folder and write graph.graphml, graph.html and problems.json."""
    from .build import NotesFolderError, build, write_outputs
    from .parallel import default_jobs

    if args.notes_dir is None:
        print("notegraph: error: give a notes folder (or, for report, --graph GRAPH.graphml)", file=sys.stderr)
        return 2
    out = Path(args.out)
    bar = ProgressBar(disable=True if args.quiet else None)
    try:
        result = build(args.notes_dir, catalog=args.catalog_file, extra_catalogs=args.catalog or [],
                       cache=None if args.no_cache else out / CACHE_NAME,
                       max_note_bytes=int(args.max_note_mb * 2**20), follow_symlinks=args.follow_symlinks,
                       min_cooccurrence=args.min_cooccurrence, min_pmi=args.min_pmi, progress=bar,
                       jobs=args.jobs or default_jobs(), client=args.scheduler)
    except (NotesFolderError, CatalogError) as exc:
        bar.close()
        print(f"notegraph: error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # --scheduler without the distributed extra
        bar.close()
        print(f"notegraph: error: {exc.name or exc} is not installed: pip install 'notegraph[distributed]'",
              file=sys.stderr)
        return 2
    try:
        written = write_outputs(result, out, name=Path(args.notes_dir).resolve().name, report=args.report,
                                min_mentions=args.min_mentions, entity_only=args.entity_only, progress=bar,
                                page_process=True)
    except OSError as exc:
        print(f"notegraph: error: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        bar.close()
    if not args.quiet:
        print(result.summary(), file=sys.stderr)
    verb = "wrote" if written else "unchanged"  # nothing changed since these outputs were written
    print(f"{verb} {out / 'graph.graphml'}")
    print(f"{verb} {out / 'graph.html'}")
    if args.report:
        print(f"{verb} {out / 'report.html'}")
    if args.strict and result.problems.serious():
        print(f"notegraph: {len(result.problems.serious())} problem(s) found (--strict)", file=sys.stderr)
        return 1
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Build, then rebuild and rewrite the outputs whenever a note is saved (until Ctrl-C)."""
    from .build import NotesFolderError, check_folder
    from .parallel import default_jobs
    from .watch import watch

    if args.notes_dir is None:
        print("notegraph: error: give a notes folder", file=sys.stderr)
        return 2

    def done(result, changed: set) -> None:
        """One line per build."""
        what = f"{len(changed)} file(s) changed" if changed else "first build"
        print(f"{what}: {result.stats['processed']} note(s) re-processed of {result.stats['notes']}; "
              f"wrote {args.out}", file=sys.stderr, flush=True)

    try:
        check_folder(Path(args.notes_dir))
        watch(args.notes_dir, args.out, report=args.report, min_mentions=args.min_mentions,
              entity_only=args.entity_only, on_build=None if args.quiet else done, catalog=args.catalog_file,
              extra_catalogs=args.catalog or [], max_note_bytes=int(args.max_note_mb * 2**20),
              follow_symlinks=args.follow_symlinks, min_cooccurrence=args.min_cooccurrence, min_pmi=args.min_pmi,
              jobs=args.jobs or default_jobs(), client=args.scheduler)
    except (NotesFolderError, CatalogError) as exc:
        print(f"notegraph: error: {exc}", file=sys.stderr)
        return 2
    return 0


def load_graph(path: str):
    """A GraphML file written by notegraph, or an error message naming the file and the reason."""
    from .export import read_graphml

    try:
        return read_graphml(path), None
    except FileNotFoundError:
        return None, f"graph file not found: {path}"
    except Exception as exc:  # networkx/lxml raise several types for a file that is not GraphML
        return None, f"cannot read {path} as GraphML: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def cmd_report(args: argparse.Namespace) -> int:
    """``report --graph G``: report.html from an exported graph (no rebuild); else build, then report."""
    if args.graph is None:
        return cmd_build(args)
    from .problems import Problem
    from .report import write_report

    g, error = load_graph(args.graph)
    if error:
        print(f"notegraph: error: {error}", file=sys.stderr)
        return 2
    graph = Path(args.graph)
    problems = []
    beside = graph.parent / "problems.json"
    if beside.is_file():
        try:
            problems = [Problem(**p) for p in json.loads(beside.read_text(encoding="utf-8"))]
        except (ValueError, TypeError) as exc:
            print(f"notegraph: warning: {beside} ignored ({exc})", file=sys.stderr)
    out = Path(args.report_out) if args.report_out else graph.parent / "report.html"
    try:
        write_report(g, out, problems=problems, catalog_version=str(g.graph.get("catalog_version", "")),
                     title=f"notegraph report — {graph.parent.resolve().name}")
    except OSError as exc:
        print(f"notegraph: error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0


EXPORT_FORMATS = {"gexf": ".gexf", "node-link": ".json", "neo4j": "-neo4j", "html": ".html", "graphml": ".graphml"}


def cmd_export(args: argparse.Namespace) -> int:
    """``export GRAPH.graphml --format F [--out PATH]``: the graph in another format."""
    from . import export

    g, error = load_graph(args.graph)
    if error:
        print(f"notegraph: error: {error}", file=sys.stderr)
        return 2
    src = Path(args.graph)
    out = Path(args.out) if args.out else src.with_name(src.stem + EXPORT_FORMATS[args.format])
    if out.resolve() == src.resolve():
        print(f"notegraph: error: {out} is the input graph; choose another --out", file=sys.stderr)
        return 2
    writers = {"gexf": export.write_gexf, "node-link": export.write_node_link, "neo4j": export.write_neo4j_csv,
               "graphml": export.write_graphml,
               "html": lambda g, p: export.write_html(g, p, title=f"notegraph — {src.stem}",
                                                      min_mentions=args.min_mentions, entity_only=args.entity_only)}
    try:
        writers[args.format](g, out)
    except OSError as exc:
        print(f"notegraph: error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``notegraph`` command."""
    p = argparse.ArgumentParser(prog="notegraph", description="Turn a folder of Markdown notes into a knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True)
    common = build_options()
    b = sub.add_parser("build", parents=[common], help="build graph.graphml and graph.html (and report.html) from a notes folder")
    b.add_argument("--report", action="store_true", help="also write report.html, a shareable summary with charts")
    b.set_defaults(func=cmd_build)
    w = sub.add_parser("watch", parents=[common],
                       help="build, then rebuild whenever a note is saved, re-processing only what changed (Ctrl-C stops)")
    w.add_argument("--report", action="store_true", help="also rewrite report.html on every rebuild")
    w.set_defaults(func=cmd_watch)
    r = sub.add_parser("report", parents=[common],
                       help="build, and always write report.html; with --graph, report on an exported graph (no rebuild)")
    r.add_argument("--graph", metavar="GRAPHML", help="make report.html from this graph.graphml instead of building")
    r.add_argument("--report-out", metavar="HTML", help="with --graph: where to write (default: report.html beside it)")
    r.set_defaults(func=cmd_report, report=True)
    e = sub.add_parser("export", help="convert an exported graph.graphml to another format (no rebuild)")
    e.add_argument("graph", help="a graph.graphml written by notegraph build")
    e.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS), help="output format")
    e.add_argument("--out", help="output file (a folder for neo4j); default: beside the graph")
    e.add_argument("--min-mentions", type=int, default=None, metavar="N", help="html: as for build")
    e.add_argument("--entity-only", action="store_true", default=None, help="html: as for build")
    e.set_defaults(func=cmd_export)
    return p


def build_options() -> argparse.ArgumentParser:
    """Options shared by ``build`` and ``report``."""
    b = argparse.ArgumentParser(add_help=False)
    b.add_argument("notes_dir", nargs="?", help="folder of .md/.markdown notes (searched recursively)")
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
    b.add_argument("--entity-only", action="store_true", default=None,
                   help="graph.html: draw only entities, joined when a talk or note mentions both")
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="extract in N worker processes (default: the number of CPUs; 1: in this process)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on a Dask cluster, e.g. tcp://HOST:8786 (needs notegraph[distributed])")
    b.add_argument("--strict", action="store_true", help="exit with status 1 when any file had a problem")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    return b


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``notegraph`` command."""
    logging.basicConfig(level=logging.ERROR, format="notegraph: %(message)s")
    args = parser().parse_args(argv)
    return args.func(args)


def run() -> None:
    """The ``notegraph`` console command: :func:`main`, then exit without freeing the graph object by
    object (half a second per 20,000 notes; every file is written and closed by then)."""
    exit_now(main())


def exit_now(status: int) -> None:
    """Wait for the threads still working (a worker pool shutting down), flush the output streams and
    the log, then end the process with ``status`` at once."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
