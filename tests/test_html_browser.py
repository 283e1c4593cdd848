"""graph.html and report.html in a real browser (Debian's headless chromium): no errors, no network,
nodes drawn, physics stops, deep links select their node, hostile note text does not run; plus the
views generate_html draws (no browser needed). Screenshots are saved to test-artifacts/.

The corpus-scale check (``-m slow``) builds the graph of ../shared/corpus (about a minute)."""
import json
import re
import time
from urllib.parse import quote, unquote

import networkx as nx
import pytest

from notegraph.build import build
from notegraph.export import write_html
from notegraph.export.html import LARGE_GRAPH, co_mention_graph, generate_html
from notegraph.report import write_report

from conftest import ARTIFACTS, CHROMIUM, SAMPLES, SHARED



def browser_test(test):
    """Mark a test that needs chromium (skipped without it)."""
    return pytest.mark.browser(pytest.mark.skipif(not CHROMIUM, reason="chromium not installed")(test))


CORPUS = SHARED / "corpus"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def samples(nlp):
    return build(SAMPLES, nlp=nlp)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Poll a JS expression (page.wait_for_function evaluates strings, which the pages' CSP forbids)."""
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise TimeoutError(f"still false after {timeout}s: {expression}")
        page.wait_for_timeout(50)


def open_page(browser, path, fragment: str = "", viewport=(1400, 900), graph: bool = True, timeout: float = 30.0):
    """Open a local page, recording console errors, page errors, dialogs and non-file requests;
    for graph pages, wait until the layout has stabilised."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    seen = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: r.url.startswith("file:") or seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri() + fragment)
    if graph:
        wait_until(page, "window.notegraph !== undefined && window.notegraph.state.stable", timeout)
    return page, seen


def positions(page) -> dict:
    return page.evaluate("window.notegraph.network.getPositions()")


def physics_stopped(page, wait_ms: int = 1000) -> bool:
    """Nothing moves any more (physics is off once the layout has stabilised)."""
    before = positions(page)
    page.wait_for_timeout(wait_ms)
    return positions(page) == before and page.evaluate("window.notegraph.network.physics.physicsEnabled") is False


# --- the views generate_html draws -------------------------------------------------------------

def page_data(page: str, name: str):
    m = re.search(rf"var {name} = (.*?);\n", page)
    return json.loads(m.group(1))


def toy_graph(notes: int = 3) -> nx.MultiDiGraph:
    """``notes`` notes; tool:a in every note, tool:b in the first two, tool:c only in the first."""
    g = nx.MultiDiGraph()
    for n, mentioned in (("tool:a", notes), ("tool:b", 2), ("tool:c", 1)):
        g.add_node(n, kind="tool", label=n[5:].upper(), notes=mentioned, aliases="")
    for i in range(notes):
        g.add_node(f"note:{i}.md", kind="note", label=f"N{i}", path=f"{i}.md")
        g.add_node(f"tag:t{i}", kind="tag", label=f"#t{i}")
        g.add_edge(f"note:{i}.md", f"tag:t{i}", key="tagged", relation="tagged")
        for n in ("tool:a", "tool:b", "tool:c")[: 3 if i == 0 else 2 if i == 1 else 1]:
            g.add_edge(f"note:{i}.md", n, key="mentions", relation="mentions", count=1, line=1, evidence=f"{n} in {i}",
                       note=f"{i}.md")
    g.add_edge("tool:c", "tool:a", key="migrated_to", relation="migrated_to", evidence="C → A", note="0.md", line=2)
    return g


def test_min_mentions_leaves_rare_entities_out_but_remembers_them():
    page = generate_html(toy_graph(), min_mentions=2)
    ids = {n["id"] for n in page_data(page, "nodeData")}
    assert "tool:c" not in ids and {"tool:a", "tool:b", "note:0.md"} <= ids
    assert page_data(page, "omitted")["tool:c"] == {"label": "C", "kind": "tool", "notes": 1}
    assert "1 entities mentioned by fewer than 2 notes are left out." in page


def test_entities_are_sized_by_mentioning_notes_and_tags_start_unticked():
    page = generate_html(toy_graph())
    size = {n["id"]: n["size"] for n in page_data(page, "nodeData")}
    assert size["tool:a"] > size["tool:b"] > size["tool:c"]
    assert re.search(r'value="tag"\s*>', page) and re.search(r'value="note"\s*checked', page)
    assert "Large graph" not in page


def test_entity_only_projection_joins_entities_mentioned_together():
    h = co_mention_graph(toy_graph())
    assert set(h) == {"tool:a", "tool:b", "tool:c"}
    assert h.edges["tool:a", "tool:b", "co_mentioned"]["weight"] == 2
    assert h.edges["tool:a", "tool:c", "co_mentioned"]["weight"] == 1
    assert h.edges["tool:c", "tool:a", "migrated_to"]["evidence"] == "C → A"
    page = generate_html(toy_graph(), entity_only=True)
    assert {n["kind"] for n in page_data(page, "nodeData")} == {"tool"}
    assert "Entities only" in page
    # the panel still cites the notes that mention an entity
    assert [e["where"] for e in page_data(page, "details")["tool:b"]["evidence"]] == ["0.md:1", "1.md:1"]


def test_large_graphs_start_with_notes_hidden_and_say_so():
    g = toy_graph(notes=LARGE_GRAPH // 2 + 1)
    assert g.number_of_nodes() > LARGE_GRAPH
    page = generate_html(g)
    assert "Large graph" in page and "Hidden at first: tags, notes" in page
    assert re.search(r'value="note"\s*>', page)  # unticked
    assert "tool:c" in page_data(page, "omitted")  # min_mentions 2
    explicit = generate_html(g, min_mentions=1, hide_kinds=())
    assert "Large graph" not in explicit and page_data(explicit, "omitted") == {}


# --- in the browser ------------------------------------------------------------------------------

@browser_test
def test_sample_graph_opens_offline_without_errors(browser, samples, tmp_path):
    g = samples.graph
    path = tmp_path / "graph.html"
    write_html(g, path)
    page, seen = open_page(browser, path)
    assert seen["errors"] == [] and seen["requests"] == []
    assert page.evaluate("window.notegraph.nodes.length") == g.number_of_nodes()
    assert page.evaluate("window.notegraph.edges.length") == g.number_of_edges()
    assert page.locator("#legend input.kind-filter").count() >= 5
    assert page.locator("canvas").count() == 1
    assert physics_stopped(page)
    page.fill("#search", "AWS Lambda")
    page.press("#search", "Enter")
    page.wait_for_timeout(500)
    assert page.locator("#panel h2").inner_text() == "AWS Lambda"
    panel = page.locator("#panel").inner_text()
    assert "evidence" in panel.lower() and "note/AWS Lambda.md" in panel
    assert page.evaluate("location.hash") == "#node=aws%3Alambda"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-samples.png"))
    # untick a kind: its nodes leave the view; tick it again: they come back and physics stops again
    tools = page.evaluate("window.notegraph.view.get().filter(n => n.kind === 'tool').length")
    shown = page.evaluate("window.notegraph.view.length")
    page.click('.kind-filter[value="tool"]')
    assert page.evaluate("window.notegraph.view.length") == shown - tools
    page.click('.kind-filter[value="tool"]')
    assert page.evaluate("window.notegraph.view.length") == shown
    page.wait_for_timeout(1500)
    assert physics_stopped(page)
    assert seen["errors"] == []
    page.close()


@browser_test
def test_deep_link_selects_and_focuses_the_node(browser, samples, tmp_path):
    path = tmp_path / "graph.html"
    write_html(samples.graph, path)
    page, seen = open_page(browser, path, "#node=" + quote("aws:lambda", safe=""))
    page.wait_for_timeout(700)  # focus animation
    assert page.evaluate("window.notegraph.network.getSelectedNodes()") == ["aws:lambda"]
    assert page.locator("#panel h2").inner_text() == "AWS Lambda"
    centre = page.evaluate("window.notegraph.network.getViewPosition()")
    node = positions(page)["aws:lambda"]
    assert abs(centre["x"] - node["x"]) < 5 and abs(centre["y"] - node["y"]) < 5
    # a link in the panel moves to another node (through the URL fragment)
    link = page.locator("#panel a").first
    target = unquote(link.get_attribute("href").split("#node=", 1)[1])
    assert target != "aws:lambda"
    link.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.notegraph.network.getSelectedNodes()") == [target]
    assert page.locator("#panel h2").inner_text() == page.evaluate(f"window.notegraph.details[{json.dumps(target)}].label")
    # a talk's panel names its speakers and the company that presented it
    page.evaluate(f"location.hash = {json.dumps('#node=' + quote('talk:KubeCon recap.md#1', safe=''))}")
    page.wait_for_timeout(700)
    talk_panel = page.locator("#panel").inner_text().casefold()
    assert all(w in talk_panel for w in ("speakers", "jane doe", "presented by", "google"))
    # a node of a hidden kind (tags) is shown on its own; a non-ASCII id works
    tag = next(n for n, d in samples.graph.nodes(data=True) if d["kind"] == "tag" and not str(n).isascii())
    page.evaluate(f"location.hash = {json.dumps('#node=' + quote(tag, safe=''))}")
    page.wait_for_timeout(700)
    assert page.evaluate("window.notegraph.network.getSelectedNodes()") == [tag]
    assert page.evaluate(f"window.notegraph.view.get({json.dumps(tag)}) !== null")
    assert page.evaluate("window.notegraph.view.get().filter(n => n.kind === 'tag').length") == 1
    assert seen["errors"] == [] and seen["requests"] == []
    page.close()


@browser_test
def test_deep_link_to_an_entity_left_out_says_why(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_html(toy_graph(), path, min_mentions=2)
    page, seen = open_page(browser, path, "#node=tool%3Ac")
    assert "Left out of this view: mentioned by 1 note(s), fewer than 2." in page.locator("#panel").inner_text()
    assert seen["errors"] == []
    page.close()


HOSTILE = {
    "evil.md": '---\ntitle: "</script><script>alert(1)</script>"\ntags: [meetup]\n---\n'
               "## <img src=x onerror=alert(2)> AWS Lambda\n"
               "Lambda <script>alert(3)</script> と [EKS](javascript:alert(4)) と <b onmouseover=alert(5)>ECS</b>\n"
               "S3 \"'><svg onload=alert(6)>\n",
}


@browser_test
def test_hostile_note_text_never_executes(browser, nlp, write_notes, tmp_path):
    g = build(write_notes(HOSTILE), nlp=nlp).graph
    path = tmp_path / "evil.html"
    write_html(g, path, title="<script>alert(7)</script>")
    page, seen = open_page(browser, path)
    page.evaluate("""() => { const n = window.notegraph; n.network.selectNodes(n.view.getIds());
                      Object.keys(n.details).forEach(id => n.network.emit('selectNode', {nodes: [id]})); }""")
    page.wait_for_timeout(300)
    for n in g:
        page.evaluate(f"location.hash = {json.dumps('#node=' + quote(str(n), safe=''))}")
    page.wait_for_timeout(300)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["requests"] == []
    assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
    report = tmp_path / "report.html"
    write_report(g, report, title="<script>alert(8)</script>")
    page, seen = open_page(browser, report, graph=False)
    page.wait_for_timeout(300)
    assert seen["dialogs"] == [] and seen["errors"] == [] and seen["requests"] == []
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert page.locator("svg").count() == page.locator("svg.chart").count()
    page.close()


@browser_test
def test_report_opens_offline_with_sections_and_charts(browser, samples, tmp_path):
    path = tmp_path / "report.html"
    write_report(samples.graph, path, problems=samples.problems, catalog_version=samples.catalog_version)
    page, seen = open_page(browser, path, graph=False)
    page.wait_for_timeout(300)
    assert seen["errors"] == [] and seen["requests"] == []
    for section in ("overview", "top", "timeline", "events", "relations", "entities", "run"):
        assert page.locator(f"section#{section} h2").is_visible()
    charts = page.locator("svg.chart")
    assert charts.count() >= 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["height"] > 80
    assert page.locator("#top-aws_service svg.chart").is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert page.locator('a[href="graph.html#node=aws%3Alambda"]').count() >= 1
    page.click('nav.toc a[href="#events"]')
    page.wait_for_timeout(800)
    assert abs(page.evaluate("document.getElementById('events').getBoundingClientRect().top")) < 40
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-samples.png"), full_page=True)
    page.close()
    narrow, seen = open_page(browser, path, viewport=(420, 860), graph=False)
    assert narrow.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    narrow.screenshot(path=str(ARTIFACTS / "report-samples-narrow.png"))
    assert seen["errors"] == []
    narrow.close()


@pytest.mark.slow
@browser_test
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_corpus_graph_stays_responsive(browser, nlp, tmp_path):
    g = build(CORPUS, nlp=nlp).graph
    assert g.number_of_nodes() > LARGE_GRAPH
    path = tmp_path / "graph.html"
    write_html(g, path, title="corpus")
    start = time.monotonic()
    page, seen = open_page(browser, path, "#node=aws%3As3", timeout=120)
    stable_s = time.monotonic() - start
    state = page.evaluate("window.notegraph.state")
    print(f"\ncorpus graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; "
          f"drawn {page.evaluate('window.notegraph.view.length')}; stabilised in {state['stabilisedMs']} ms "
          f"({state['iterations']} iterations), page ready in {stable_s:.1f} s")
    assert seen["errors"] == [] and seen["requests"] == []
    assert stable_s < 60 and physics_stopped(page)
    assert "Large graph" in page.locator("#notices").inner_text()
    assert page.evaluate("window.notegraph.view.get().every(n => n.kind !== 'note')")
    assert page.evaluate("window.notegraph.network.getSelectedNodes()") == ["aws:s3"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph-corpus.png"))
    # showing every note re-settles the layout and stops again
    page.click('.kind-filter[value="note"]')
    wait_until(page, "window.notegraph.view.get().some(n => n.kind === 'note')")
    page.wait_for_timeout(8000)
    assert physics_stopped(page, 1500)
    page.close()
    entity_page = tmp_path / "entities.html"
    write_html(g, entity_page, entity_only=True)
    page, seen = open_page(browser, entity_page, timeout=120)
    assert seen["errors"] == [] and physics_stopped(page)
    page.screenshot(path=str(ARTIFACTS / "graph-corpus-entities.png"))
    page.close()
    report = tmp_path / "report.html"
    start = time.monotonic()
    write_report(g, report)
    print(f"corpus report: {report.stat().st_size / 1e6:.1f} MB in {time.monotonic() - start:.1f} s")
    page, seen = open_page(browser, report, graph=False)
    assert seen["errors"] == [] and seen["requests"] == [] and page.locator("svg.chart").count() >= 4
    page.close()
