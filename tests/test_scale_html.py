"""graph.html of a very large vault: entity-only, notes out of the page, size bounded, opens in chromium."""
from notegraph.export import write_html
from notegraph.export.html import ENTITY_ONLY_GRAPH, generate_html

from test_html_browser import browser, browser_test, open_page, page_data, physics_stopped, toy_graph  # noqa: F401


def very_large_graph():
    g = toy_graph(notes=ENTITY_ONLY_GRAPH // 2 + 1)
    assert g.number_of_nodes() > ENTITY_ONLY_GRAPH
    return g


def test_very_large_graphs_are_entity_only_and_say_so():
    g = very_large_graph()
    page = generate_html(g)
    assert {n["kind"] for n in page_data(page, "nodeData")} == {"tool"}
    assert "Very large graph" in page and "note:17.md" not in page_data(page, "details")
    assert len(page.encode()) < 2 * 2**20  # the size follows the entities, not the 10,000 notes
    # the panel still cites notes; an explicit choice wins over the automatic one
    assert page_data(page, "details")["tool:a"]["evidence"][0]["where"] == "0.md:1"
    assert "note:17.md" in {n["id"] for n in page_data(generate_html(g, entity_only=False), "nodeData")}


@browser_test
def test_very_large_graph_page_opens_without_errors(browser, tmp_path):  # noqa: F811
    path = tmp_path / "graph.html"
    write_html(very_large_graph(), path, title="very large")
    page, seen = open_page(browser, path, "#node=tool%3Ab")
    assert seen["errors"] == [] and seen["requests"] == []
    assert physics_stopped(page)
    assert page.evaluate("window.notegraph.network.getSelectedNodes()") == ["tool:b"]
    assert "Very large graph" in page.locator("#notices").inner_text()
    page.close()
