"""The report: one self-contained HTML page that summarises a notes graph for people to share.

Sections: overview, top AWS services / tools / companies, mentions over time, events and their
talks, co-occurring pairs and typed relations, an index of every entity (with deep links into the
interactive graph, ``graph.html#node=<id>``) and a run summary. Charts are inline SVG made with
matplotlib; the page loads nothing (no CDN, no fonts, no scripts) and its Content-Security-Policy
forbids it to. Note text is escaped by Jinja2's autoescaping.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("note:a.md", kind="note", label="A", title="A", path="a.md", date="2024-06-01", is_event=True)
>>> page = generate_report(g, title="<b>notes</b>")
>>> "&lt;b&gt;notes&lt;/b&gt;" in page and "<b>notes</b>" not in page and '<section id="events">' in page
True
"""
from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version

import jinja2
import networkx as nx
from markupsafe import Markup

from ..export._files import atomic_path
from ..schema import ENTITY_KINDS, KIND_COLOURS, KIND_NAMES, KIND_TINTS, NOTE
from . import charts, facts

__all__ = ["write_report", "generate_report", "report_context"]

TOP = 15  # bars per "top entities" chart
INDEX_ROWS = 20  # entities per kind shown before "Show N more"


def notegraph_version() -> str:
    """The installed notegraph version ('' when not installed)."""
    try:
        return version("notegraph")
    except PackageNotFoundError:
        return ""


def report_context(g: nx.MultiDiGraph, *, problems=(), catalog_version: str = "", graph_href: str = "graph.html",
                   title: str = "notegraph report") -> dict:
    """Everything the template needs: the facts of :mod:`notegraph.report.facts` and the charts."""
    overview = facts.overview(g)
    top = []
    for i, kind in enumerate(ENTITY_KINDS):
        rows = facts.top_entities(g, kind, TOP, graph_href)
        svg = charts.bar_chart([(r["label"], r["notes"]) for r in rows], colour=KIND_COLOURS[kind],
                               prefix=f"top{i}", title=f"Top {KIND_NAMES[kind]} by number of notes") if rows else ""
        top.append({"kind": kind, "name": KIND_NAMES[kind], "rows": rows, "svg": Markup(svg)})
    rich = facts.richest_notes(g, TOP, graph_href)
    rich_svg = charts.bar_chart([(r["label"], r["entities"]) for r in rich], colour=KIND_COLOURS[NOTE], prefix="rich",
                                title="Notes that mention the most entities", xlabel="entities",
                                label_limit=22) if rich else ""
    when = facts.timeline(g)
    timeline_svg = heat_svg = ""
    if when["periods"]:
        timeline_svg = charts.timeline_chart(when["periods"], when["notes"], when["mentions"], prefix="time",
                                             title=f"Notes and entity mentions per {when['granularity']}")
        if when["heat"] and len(when["periods"]) > 1:
            heat_svg = charts.heatmap_chart(when["heat"], when["periods"], prefix="heat",
                                            title=f"Notes mentioning the top entities per {when['granularity']}")
    entities = facts.entity_index(g, graph_href)
    return {
        "title": title, "graph_href": graph_href, "overview": overview, "kind_names": KIND_NAMES,
        "kind_colours": KIND_COLOURS, "kind_tints": KIND_TINTS, "top": top,
        "rich": rich, "rich_svg": Markup(rich_svg), "timeline": when,
        "timeline_svg": Markup(timeline_svg), "heat_svg": Markup(heat_svg),
        "events": facts.events(g, graph_href), "pairs": facts.co_occurring_pairs(g, graph_href=graph_href),
        "relations": facts.typed_relations(g, graph_href=graph_href), "entities": entities,
        "run": facts.run_summary(problems, catalog_version or str(g.graph.get("catalog_version", "") or "")),
        "version": notegraph_version(), "font": charts.cjk_font() or "", "index_rows": INDEX_ROWS,
    }


def generate_report(g: nx.MultiDiGraph, *, problems=(), catalog_version: str = "", graph_href: str = "graph.html",
                    title: str = "notegraph report") -> str:
    """The report page as a string.

    ``problems``: what the run could not use (objects with ``.path``, ``.reason``, ``.severity``, such
    as :class:`notegraph.problems.Problem`, or dicts from ``problems.json``); ``catalog_version``:
    shown in the run summary (default: the graph's ``catalog_version``); ``graph_href``: where the
    interactive graph is, relative to the report (entity links go to ``graph_href#node=<id>``).
    """
    env = jinja2.Environment(loader=jinja2.PackageLoader("notegraph.export", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    context = report_context(g, problems=problems, catalog_version=catalog_version, graph_href=graph_href,
                             title=title)
    return env.get_template("report.html.j2").render(**context)


def write_report(g: nx.MultiDiGraph, path: str | os.PathLike, *, problems=(), catalog_version: str = "",
                 graph_href: str = "graph.html", title: str = "notegraph report") -> None:
    """Write the report page (UTF-8), atomically. Options as in :func:`generate_report`."""
    page = generate_report(g, problems=problems, catalog_version=catalog_version, graph_href=graph_href,
                           title=title)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
