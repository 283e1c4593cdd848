"""Screenshots for the README: docs/graph.png (the interactive graph) and docs/report.png (the report).

Builds the graph of data/sample-notes, writes graph.html and report.html to a temporary folder and
photographs them with Playwright driving Debian's chromium (no network). Each PNG is reduced to a
256-colour palette (and scaled down if needed) so that it stays under --max-kb.

    .venv/bin/python scripts/screenshots.py            # → docs/graph.png, docs/report.png
    .venv/bin/python scripts/screenshots.py --notes ../shared/seed --out /tmp/shots
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    """Debian's chromium (the browser the tests use)."""
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        sys.exit("screenshots: chromium not found (Debian: apt-get install chromium fonts-noto-cjk)")
    return found


def wait_until(page, expression: str, timeout: float = 60.0) -> None:
    """Poll a JS expression (the pages' CSP forbids the eval behind page.wait_for_function)."""
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise TimeoutError(expression)
        page.wait_for_timeout(50)


def shrink(png: bytes, max_kb: int) -> bytes:
    """The PNG as a 256-colour palette image, scaled down until it is under ``max_kb``."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    scale = 1.0
    while True:
        size = (round(image.width * scale), round(image.height * scale))
        frame = image if scale == 1.0 else image.resize(size, Image.LANCZOS)
        out = io.BytesIO()
        frame.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, format="PNG", optimize=True)
        if out.tell() <= max_kb * 1024 or scale < 0.3:
            return out.getvalue()
        scale *= 0.85


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--notes", default=str(ROOT / "data" / "sample-notes"), help="notes folder (default: data/sample-notes)")
    p.add_argument("--out", default=str(ROOT / "docs"), help="where to write graph.png and report.png (default: docs)")
    p.add_argument("--node", default="aws:lambda", help="node selected in the graph screenshot (default: aws:lambda)")
    p.add_argument("--max-kb", type=int, default=560, help="size limit per PNG in KB (default: 560)")
    args = p.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from notegraph.build import build
    from notegraph.export import write_html
    from notegraph.report import write_report

    result = build(args.notes)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        graph, report = Path(tmp) / "graph.html", Path(tmp) / "report.html"
        title = f"notegraph — {Path(args.notes).resolve().name}"
        write_html(result.graph, graph, title=title)
        write_report(result.graph, report, problems=result.problems, catalog_version=result.catalog_version,
                     title=f"notegraph report — {Path(args.notes).resolve().name}")
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        errors: list[str] = []

        def new_page(width: int, height: int):
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: r.url.startswith("file:") or errors.append(f"network request: {r.url}"))
            return page

        page = new_page(1400, 980)
        page.goto(graph.as_uri())
        wait_until(page, "window.notegraph !== undefined && window.notegraph.state.stable")
        if args.node in result.graph:  # select without focusing on it: the whole graph stays in view
            page.evaluate("""id => { const n = window.notegraph; n.network.selectNodes([id]);
                                     n.network.emit('selectNode', {nodes: [id]}); }""", args.node)
        page.evaluate("() => { const n = window.notegraph.network; n.moveTo({scale: n.getScale() * 1.12}); }")
        page.wait_for_timeout(400)
        (out / "graph.png").write_bytes(shrink(page.screenshot(), args.max_kb))
        page.close()

        page = new_page(1280, 900)
        page.goto(report.as_uri())
        page.wait_for_timeout(400)
        (out / "report.png").write_bytes(shrink(page.screenshot(full_page=True), args.max_kb))
        page.close()
        browser.close()
    for name in ("graph.png", "report.png"):
        print(f"wrote {out / name} ({(out / name).stat().st_size // 1024} KB)")
    if errors:
        print("page errors:\n  " + "\n  ".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
