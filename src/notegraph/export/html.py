"""Interactive HTML: a single offline page (vis-network inlined from pyvis' package data).

Nodes and edges are laid out with pyvis' ``Network`` data model; the page is rendered from our own
Jinja2 template because pyvis' template loads Bootstrap and vis-network from CDNs. Colours and
shapes follow the node kind (with a legend), sizes the degree. Note text never becomes HTML: the
data is embedded as JSON with ``<``, ``>`` and ``&`` escaped, and the page writes it with
``textContent``. Physics stops once the layout has stabilised.
"""
from __future__ import annotations

import json
import math
import os
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from pyvis.network import Network

from ._files import atomic_path

__all__ = ["write_html", "generate_html", "KIND_STYLE"]

KIND_STYLE = {  # kind: (colour, vis shape, legend label)
    "note": ("#8e9aaf", "box", "note"),
    "talk": ("#f4a259", "ellipse", "talk"),
    "aws_service": ("#ff9900", "dot", "AWS service"),
    "tool": ("#3c91e6", "dot", "tool"),
    "company": ("#5bb381", "diamond", "company"),
    "tag": ("#c3c3c3", "text", "tag"),
}
OTHER_STYLE = ("#b0b0b0", "dot", "other")
EVIDENCE_PER_NODE = 8


def vis_network_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package (no network needed)."""
    lib = Path(str(resources.files("pyvis"))) / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def node_details(g: nx.MultiDiGraph, n) -> dict:
    """What the info panel and tooltip show for a node: label, kind, aliases, evidence, relations."""
    d = g.nodes[n]
    details = {"label": str(d.get("label", n)), "kind": str(d.get("kind", "")),
               "aliases": [a for a in str(d.get("aliases", "")).split("|") if a],
               "path": str(d.get("path", d.get("note", ""))), "evidence": [], "relations": []}
    for u, _, k, e in g.in_edges(n, keys=True, data=True):
        if e.get("evidence") and len(details["evidence"]) < EVIDENCE_PER_NODE:
            details["evidence"].append({"from": str(g.nodes[u].get("label", u)), "text": str(e["evidence"]),
                                        "where": f"{e.get('note', '')}:{e.get('line', '')}", "relation": k})
    for u, v, k in list(g.out_edges(n, keys=True)) + list(g.in_edges(n, keys=True)):
        if k not in ("mentions", "part_of", "tagged"):
            other = v if u == n else u
            details["relations"].append(f"{'→' if u == n else '←'} {k} {g.nodes[other].get('label', other)}")
    return details


def tooltip(details: dict) -> str:
    """Plain-text tooltip (vis-network shows string titles as text, never as HTML)."""
    lines = [details["label"], f"kind: {details['kind']}"]
    if details["aliases"]:
        lines.append("aliases: " + ", ".join(details["aliases"][:8]))
    for ev in details["evidence"][:3]:
        lines.append(f"“{ev['text'][:160]}” ({ev['where']})")
    return "\n".join(lines)


def to_pyvis(g: nx.MultiDiGraph) -> tuple[Network, dict]:
    """A pyvis ``Network`` of ``g`` (styled by kind, sized by degree) and per-node details."""
    net = Network(directed=True, cdn_resources="in_line")
    details = {}
    for n, d in g.nodes(data=True):
        colour, shape, _ = KIND_STYLE.get(d.get("kind"), OTHER_STYLE)
        info = node_details(g, n)
        details[str(n)] = info
        net.add_node(str(n), label=short(info["label"]), title=tooltip(info), color=colour, shape=shape,
                     size=10 + 4 * math.sqrt(g.degree(n)), kind=str(d.get("kind", "")))
    for u, v, k, d in g.edges(keys=True, data=True):
        title = k if not d.get("evidence") else f"{k}: {d['evidence'][:200]}"
        net.add_edge(str(u), str(v), title=title, relation=k, arrows="to",
                     dashes=k in ("part_of", "tagged"), width=1 + math.log1p(d.get("count", 1) or 1))
    return net, details


def short(label: str, limit: int = 40) -> str:
    """A node label short enough to draw (the full text is in the tooltip and panel)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def safe_json(value) -> str:
    """JSON that can sit inside a ``<script>`` element whatever the note text contains."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def generate_html(g: nx.MultiDiGraph, title: str = "notegraph") -> str:
    """The whole page as a string."""
    net, details = to_pyvis(g)
    js, css = vis_network_assets()
    env = jinja2.Environment(loader=jinja2.PackageLoader("notegraph.export", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    kinds = sorted({d.get("kind", "") for _, d in g.nodes(data=True)})
    legend = [{"kind": k, "colour": KIND_STYLE.get(k, OTHER_STYLE)[0], "label": KIND_STYLE.get(k, OTHER_STYLE)[2]}
              for k in kinds]
    return env.get_template("graph.html.j2").render(
        title=title, vis_js=jinja2.utils.markupsafe.Markup(js.replace("</script", "<\\/script")),
        vis_css=jinja2.utils.markupsafe.Markup(css), legend=legend,
        nodes_json=jinja2.utils.markupsafe.Markup(safe_json(net.nodes)),
        edges_json=jinja2.utils.markupsafe.Markup(safe_json(net.edges)),
        details_json=jinja2.utils.markupsafe.Markup(safe_json(details)),
        node_count=g.number_of_nodes(), edge_count=g.number_of_edges(),
    )


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike, title: str = "notegraph") -> None:
    """Write the interactive graph page (UTF-8), atomically."""
    page = generate_html(g, title)
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
