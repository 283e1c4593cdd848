"""graph.html in a real browser (Debian's headless chromium): no errors, no network, nodes drawn,
and hostile note text does not run. Screenshots are saved to test-artifacts/."""
import pytest

from notegraph.build import build
from notegraph.export import write_html

from conftest import ARTIFACTS, CHROMIUM, SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM, reason="chromium not installed")]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, path):
    """Open a local page, recording console errors, page errors, dialogs and non-file requests."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith("file:") or seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.notegraph !== undefined")
    page.wait_for_timeout(1500)
    return page, seen


def test_sample_graph_opens_offline_without_errors(browser, nlp, tmp_path):
    g = build(SAMPLES, nlp=nlp).graph
    path = tmp_path / "graph.html"
    write_html(g, path)
    page, seen = open_page(browser, path)
    assert seen["errors"] == [] and seen["requests"] == []
    assert page.evaluate("window.notegraph.nodes.length") == g.number_of_nodes()
    assert page.evaluate("window.notegraph.edges.length") == g.number_of_edges()
    assert page.locator("#legend input.kind-filter").count() >= 5
    assert page.locator("canvas").count() == 1
    page.fill("#search", "AWS Lambda")
    page.press("#search", "Enter")
    page.wait_for_timeout(500)
    assert page.locator("#panel h2").inner_text() == "AWS Lambda"
    assert "Evidence" in page.locator("#panel").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-samples.png"))
    page.close()


HOSTILE = {
    "evil.md": '---\ntitle: "</script><script>alert(1)</script>"\ntags: [meetup]\n---\n'
               "## <img src=x onerror=alert(2)> AWS Lambda\n"
               "Lambda <script>alert(3)</script> と [EKS](javascript:alert(4)) と <b onmouseover=alert(5)>ECS</b>\n"
               "S3 \"'><svg onload=alert(6)>\n",
}


def test_hostile_note_text_never_executes(browser, nlp, write_notes, tmp_path):
    g = build(write_notes(HOSTILE), nlp=nlp).graph
    path = tmp_path / "evil.html"
    write_html(g, path, title="<script>alert(7)</script>")
    page, seen = open_page(browser, path)
    page.evaluate("""() => { const n = window.notegraph; n.network.selectNodes(n.nodes.getIds());
                      Object.keys(n.details).forEach(id => n.network.emit('selectNode', {nodes: [id]})); }""")
    page.wait_for_timeout(300)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["requests"] == []
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    page.close()
