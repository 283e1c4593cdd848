"""The report's charts: matplotlib figures rendered to inline SVG strings (no files, no network).

Text is drawn as paths (``svg.fonttype = "path"``) in a CJK-capable font when one is installed
("Noto Sans CJK JP" from Debian's fonts-noto-cjk), so Japanese labels look the same in every
browser and never turn into tofu. Math text is off: a ``$`` in a label is just a dollar sign.
Output is deterministic (fixed hash salt, no date) and every ``id`` inside an SVG is prefixed, so
several charts can sit in one page. Figures have fixed sizes (constrained layout makes room for the
labels inside them), so charts of the same kind show text at the same size.

>>> svg = bar_chart([("Amazon S3", 3), ("AWS Lambda", 2)], colour="#ff9900", prefix="c1")
>>> svg.startswith("<svg") and 'id="c1-' in svg
True
"""
from __future__ import annotations

import io
import math
import re
from contextlib import contextmanager
from functools import lru_cache

import matplotlib
import matplotlib.colors
from matplotlib import font_manager, ticker
from matplotlib.figure import Figure

from ..schema import ENTITY_KINDS, KIND_COLOURS, KIND_STYLES, NOTE, OTHER_KIND_STYLE

__all__ = ["bar_chart", "timeline_chart", "heatmap_chart", "cjk_font", "KIND_COLOURS"]

CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "Hiragino Sans",
             "Yu Gothic", "Meiryo", "Source Han Sans JP", "Noto Sans CJK SC")
KIND_LABELS = {k: KIND_STYLES[k].plural for k in ENTITY_KINDS}  # legend of the stacked mentions
NOTE_COLOUR, OTHER_COLOUR = KIND_COLOURS[NOTE], OTHER_KIND_STYLE.colour
INK, MUTED, GRID = "#2b2b2b", "#6b6b6b", "#e6e6e6"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed font that can draw Japanese, or ``None``."""
    for name in CJK_FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
            return name
        except (ValueError, RuntimeError):
            continue
    return None


@contextmanager
def chart_style():
    """matplotlib settings shared by every chart (fonts, SVG output, quiet axes)."""
    family = [f for f in (cjk_font(), "DejaVu Sans") if f]
    with matplotlib.rc_context({
        "font.family": family, "font.size": 10, "text.parse_math": False, "text.color": INK,
        "axes.edgecolor": "#bbbbbb", "axes.labelcolor": MUTED, "axes.spines.top": False, "axes.spines.right": False,
        "xtick.color": MUTED, "ytick.color": INK, "axes.titlesize": 11,
        "svg.fonttype": "path", "svg.hashsalt": "notegraph", "svg.image_inline": True,
    }):
        yield


def to_svg(fig: Figure, prefix: str, title: str = "") -> str:
    """The figure as an ``<svg>`` element for inline use: no XML prolog, ids prefixed, fluid width."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', svg)
    svg = re.sub(r'\shref="#([^"]+)"', rf' href="#{prefix}-\1"', svg)
    head_end = svg.index(">")
    width = re.search(r'\swidth="([\d.]+)pt"', svg[:head_end])
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end])
    aria = f' role="img" aria-label="{escape_attr(title)}"' if title else ' role="img"'
    natural = f' style="max-width: {float(width.group(1)) * 4 / 3:.0f}px"' if width else ""  # never drawn larger
    return head + f' class="chart"{aria}{natural}' + svg[head_end:]


def escape_attr(text: str) -> str:
    """Text safe inside a double-quoted attribute."""
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"))


def short(text: str, limit: int = 34) -> str:
    """A label short enough for an axis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(items: list[tuple[str, float]], *, colour: str, prefix: str, title: str = "",
              xlabel: str = "notes", label_limit: int = 34) -> str:
    """Horizontal bars, largest on top, each with its value at the end (labels cut at ``label_limit``)."""
    with chart_style():
        fig = Figure(figsize=(4.6, 0.75 + 0.27 * max(len(items), 1)), layout="constrained")
        ax = fig.subplots()
        labels = [short(t, label_limit) for t, _ in items][::-1]
        values = [v for _, v in items][::-1]
        bars = ax.barh(range(len(values)), values, color=colour, height=0.68)
        ax.set_yticks(range(len(values)), labels)
        ax.tick_params(axis="y", length=0)
        top = max(values, default=1) or 1
        ax.set_xlim(0, top * 1.12)
        ax.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, fontsize=9, color=MUTED)
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=5))
        ax.grid(axis="x", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(xlabel)
        return to_svg(fig, prefix, title)


def period_ticks(ax, periods: list[str], offset: float = 0.0) -> None:
    """At most ~16 readable x tick labels (``offset`` 0.5 for cells, 0 for bars)."""
    step = max(1, math.ceil(len(periods) / 16))
    ticks = list(range(0, len(periods), step))
    ax.set_xticks([t + offset for t in ticks], [periods[i] for i in ticks], rotation=45 if len(periods) > 8 else 0,
                  ha="right" if len(periods) > 8 else "center")


def timeline_chart(periods: list[str], notes: list[int], mentions: dict[str, list[int]], *, prefix: str,
                   title: str = "") -> str:
    """Notes per period (top) and entity mentions per period stacked by kind (bottom)."""
    with chart_style():
        fig = Figure(figsize=(8.6, 4.4), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 2.2]})
        x = list(range(len(periods)))
        width = 0.8 if len(periods) > 1 else 0.4
        top.bar(x, notes, color=NOTE_COLOUR, width=width)
        top.set_ylabel("notes")
        base = [0] * len(periods)
        for kind, counts in mentions.items():
            if not any(counts):
                continue
            bottom.bar(x, counts, bottom=base, color=KIND_COLOURS.get(kind, OTHER_COLOUR), width=width,
                       label=KIND_LABELS.get(kind, kind))
            base = [b + c for b, c in zip(base, counts)]
        bottom.set_ylabel("entity mentions\n(note × entity)")
        for ax in (top, bottom):
            ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True, nbins=4))
            ax.grid(axis="y", color=GRID, linewidth=0.8)
            ax.set_axisbelow(True)
        if any(base):
            bottom.legend(frameon=False, ncols=3, loc="upper left", fontsize=9)
            bottom.set_ylim(0, max(base) * 1.25)
        period_ticks(bottom, periods)
        bottom.set_xlim(-0.6, len(periods) - 0.4)
        return to_svg(fig, prefix, title)


def heatmap_chart(rows: list[dict], periods: list[str], *, prefix: str, title: str = "") -> str:
    """Top entities × periods: how many notes mention each entity per period."""
    with chart_style():
        fig = Figure(figsize=(min(2.8 + 0.42 * len(periods), 9.6), 0.8 + 0.3 * len(rows)), layout="constrained")
        ax = fig.subplots()
        data = [r["counts"] for r in rows]
        peak = max((max(c) for c in data), default=1) or 1
        base = matplotlib.colormaps["YlOrBr"]
        cmap = matplotlib.colors.ListedColormap([base(0.12 + 0.88 * i / 255) for i in range(256)]).with_extremes(under="#f3f4f6")
        ax.pcolormesh(data, cmap=cmap, vmin=0.5, vmax=max(peak, 1.5), edgecolors="white", linewidth=1.2)
        ax.set_ylim(len(rows), 0)
        ax.set_yticks([i + 0.5 for i in range(len(rows))], [short(r["label"], 28) for r in rows])
        for tick, r in zip(ax.get_yticklabels(), rows):
            tick.set_color(KIND_COLOURS.get(r["kind"], INK))
        period_ticks(ax, periods, 0.5)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        if len(rows) * len(periods) <= 400:
            for i, counts in enumerate(data):
                for j, c in enumerate(counts):
                    if c:
                        ax.text(j + 0.5, i + 0.5, str(c), ha="center", va="center", fontsize=8,
                                color="white" if c > peak * 0.6 else INK)
        return to_svg(fig, prefix, title)
