"""The extraction cache: only changed notes are re-processed, and results are never stale."""
import pytest

from notegraph.build import build

NOTES = {
    "a.md": "---\ntitle: A\n---\nEKSとECSの話\n",
    "b.md": "---\ntitle: B\n---\nAWS Lambdaの話\n",
    "c.md": "# C\nS3の話\n",
}


def labels(result, path):
    g = result.graph
    return {g.nodes[v]["label"] for _, v, k in g.out_edges(f"note:{path}", keys=True) if k == "mentions"}


@pytest.fixture
def vault(write_notes, tmp_path):
    return write_notes(NOTES), tmp_path / "cache.sqlite"


def test_warm_build_uses_cache_and_gives_the_same_graph(vault, nlp):
    root, cache = vault
    cold = build(root, nlp=nlp, cache=cache)
    warm = build(root, cache=cache)  # no pipeline given: must not need one
    assert (cold.stats["processed"], warm.stats["processed"], warm.stats["cached"]) == (3, 0, 3)
    assert sorted(cold.graph.edges(keys=True, data=True)) == sorted(warm.graph.edges(keys=True, data=True))
    assert dict(cold.graph.nodes(data=True)) == dict(warm.graph.nodes(data=True))


def test_edit_rename_delete(vault, nlp):
    root, cache = vault
    build(root, nlp=nlp, cache=cache)
    (root / "a.md").write_text("---\ntitle: A\n---\nCloudFrontの話\n", encoding="utf-8")
    r = build(root, nlp=nlp, cache=cache)
    assert r.stats["processed"] == 1 and labels(r, "a.md") == {"Amazon CloudFront"}
    (root / "b.md").rename(root / "b2.md")
    (root / "c.md").unlink()
    r = build(root, nlp=nlp, cache=cache)
    assert r.stats["processed"] == 1 and labels(r, "b2.md") == {"AWS Lambda"}
    assert "note:c.md" not in r.graph and "note:b.md" not in r.graph


def test_catalog_change_invalidates_everything(vault, nlp, tmp_path):
    root, cache = vault
    build(root, nlp=nlp, cache=cache)
    (root / "notegraph.yaml").write_text("entities:\n  - {label: 話, kind: tool}\n", encoding="utf-8")
    r = build(root, cache=cache)
    assert r.stats["processed"] == 3 and "話" in labels(r, "b.md")


def test_corrupt_cache_is_rebuilt_with_a_warning(vault, nlp):
    root, cache = vault
    cache.write_bytes(b"this is not an sqlite database" * 100)
    r = build(root, nlp=nlp, cache=cache)
    assert r.stats["processed"] == 3 and labels(r, "a.md") == {"Amazon EKS", "Amazon ECS"}
    assert any("unreadable" in p.reason for p in r.problems)
    assert build(root, nlp=nlp, cache=cache).stats["processed"] == 0


def test_key_changes_when_any_module_extraction_imports_changes(tmp_path):
    """Editing a module that extraction imports (in a copy of the package) changes the cache key:
    words.py and build.py were once left out of it."""
    import shutil

    import notegraph
    from notegraph.cache import PACKAGE, extraction_key

    copy = tmp_path / "notegraph"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    before = extraction_key("cat1", copy)
    assert before == extraction_key("cat1", copy)  # stable
    for module in ("catalog/words.py", "build.py", "extract/relations.py", "structure.py"):
        path = copy / module
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# edited\n", encoding="utf-8")
        assert extraction_key("cat1", copy) != before, module
        path.write_text(original, encoding="utf-8")
    assert extraction_key("cat1", copy) == before
    assert extraction_key("cat2", copy) != before
    assert notegraph.__file__.startswith(str(PACKAGE))


def test_key_names_the_nlp_library_versions():
    from importlib import metadata

    from notegraph.cache import library_versions

    versions = library_versions()
    for dist in ("spacy", "ginza", "ja-ginza", "sudachipy", "sudachidict-core"):
        assert f"{dist}={metadata.version(dist)}" in versions


def test_an_edit_gives_the_bytes_of_a_fresh_build(vault, nlp, tmp_path):
    """Cached notes streamed around a changed one (read ahead while it is extracted) assemble to the
    graph a build without a cache makes."""
    from notegraph.export import write_graphml

    root, cache = vault
    build(root, nlp=nlp, cache=cache)
    (root / "b.md").write_text("---\ntitle: B\n---\nAWS LambdaからAWS Fargateに移行した\n", encoding="utf-8")
    edited, fresh = build(root, cache=cache, jobs=2), build(root, nlp=nlp)  # edited: extracted by a worker
    assert edited.stats["processed"] == 1
    write_graphml(edited.graph, tmp_path / "edited.graphml")
    write_graphml(fresh.graph, tmp_path / "fresh.graphml")
    assert (tmp_path / "edited.graphml").read_bytes() == (tmp_path / "fresh.graphml").read_bytes()
    assert [s.note.path for s in edited.structures] == [s.note.path for s in fresh.structures]
    assert edited.mentions["b.md"] and edited.mentions["b.md"] == fresh.mentions["b.md"]


def test_a_build_that_fails_leaves_the_cache_as_it_was(vault, nlp, monkeypatch):
    """New results are written as they come, inside one transaction: a failure before the end rolls
    them all back."""
    import importlib
    import sqlite3

    root, cache = vault
    build(root, nlp=nlp, cache=cache)
    rows = lambda: sqlite3.connect(cache).execute("SELECT count(*) FROM records").fetchone()[0]  # noqa: E731
    before = rows()
    (root / "a.md").write_text("---\ntitle: A\n---\nCloudFrontの話\n", encoding="utf-8")

    def failing(notes, catalog, **options):
        list(notes)  # every result taken, the new one stored
        raise RuntimeError("assembly failed")

    monkeypatch.setattr(importlib.import_module("notegraph.build"), "assemble", failing)
    with pytest.raises(RuntimeError):
        build(root, nlp=nlp, cache=cache)
    assert rows() == before
    monkeypatch.undo()
    assert build(root, nlp=nlp, cache=cache).stats["processed"] == 1


def test_a_large_graphs_page_written_beside_is_the_same_page(vault, nlp, tmp_path, monkeypatch, caplog):
    """graph.html written by a second process from the cached graph (the command line's way for
    large graphs) is the page this process writes; when that process cannot, the page is still written."""
    import importlib

    from notegraph.build import write_outputs

    module = importlib.import_module("notegraph.build")
    monkeypatch.setattr(module, "PAGE_PROCESS_MIN_NODES", 0)
    root, cache = vault
    result = build(root, nlp=nlp, cache=cache)
    write_outputs(result, tmp_path / "here", name="v")
    write_outputs(result, tmp_path / "beside", name="v", page_process=True)
    assert "page process failed" not in caplog.text  # written by the second process
    page = (tmp_path / "here" / "graph.html").read_bytes()
    assert (tmp_path / "beside" / "graph.html").read_bytes() == page
    result.fingerprint = "not-in-the-cache"  # the second process finds nothing and fails
    write_outputs(result, tmp_path / "fallback", name="v", page_process=True)
    assert "page process failed" in caplog.text
    assert (tmp_path / "fallback" / "graph.html").read_bytes() == page


def test_the_last_graph_is_stored_in_parts_and_comes_back_the_same(vault, nlp, monkeypatch):
    """The stored graph (parts of a few nodes each) comes back with the same nodes, edges, attributes
    and order of successors and predecessors, so a warm build exports the same bytes."""
    import importlib

    from notegraph.cache import graph_from_parts, graph_parts

    monkeypatch.setattr(importlib.import_module("notegraph.cache"), "GRAPH_PART_NODES", 2)
    root, cache = vault
    g = build(root, nlp=nlp, cache=cache).graph
    back, stats = graph_from_parts(list(graph_parts(g, {"notes": 3})))
    assert stats == {"notes": 3} and back.graph == g.graph
    assert list(back.nodes(data=True)) == list(g.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    assert [list(back.pred[n]) for n in back] == [list(g.pred[n]) for n in g]
    assert len(list(graph_parts(g, {}))) > 3  # several parts
    u, v, k = next(iter(back.edges(keys=True)))
    assert back.succ[u][v][k] is back.pred[v][u][k]  # one edge dict, as networkx keeps it
    warm = build(root, cache=cache)
    assert warm.stats["processed"] == 0
    assert list(warm.graph.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
