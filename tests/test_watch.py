"""`notegraph watch`: saving a note rebuilds the graph, re-processing only that note."""
import threading

from notegraph.export import read_graphml
from notegraph.watch import is_note_change, watch

NOTES = {
    "a.md": "---\ntitle: A\n---\nEKSとECSの話\n",
    "b.md": "---\ntitle: B\n---\nAWS Lambdaの話\n",
}


def test_saving_a_note_rebuilds_the_graph(write_notes, tmp_path, nlp):
    root, out = write_notes(NOTES), tmp_path / "out"
    builds, ready, stop = [], threading.Event(), threading.Event()

    def on_build(result, changed):
        builds.append((result, changed))
        ready.set()

    thread = threading.Thread(target=watch, args=(root, out), daemon=True,
                              kwargs={"nlp": nlp, "stop_event": stop, "max_rebuilds": 1, "on_build": on_build,
                                      "debounce_ms": 50})
    thread.start()
    assert ready.wait(60), "first build did not finish"
    ready.clear()
    assert "aws:cloudfront" not in read_graphml(out / "graph.graphml")
    for _ in range(20):  # save until the watcher (started after the first build) sees it
        (root / "a.md").write_text("---\ntitle: A\n---\nCloudFrontの話\n", encoding="utf-8")
        if ready.wait(3):
            break
    assert ready.is_set(), "no rebuild after a note was saved"
    stop.set()
    thread.join(10)
    result, changed = builds[-1]
    assert any(p.endswith("a.md") for p in changed)
    assert (result.stats["processed"], result.stats["notes"]) == (1, 2)
    assert read_graphml(out / "graph.graphml").has_edge("note:a.md", "aws:cloudfront", "mentions")


def test_only_notes_and_the_catalog_trigger_a_rebuild():
    assert is_note_change(None, "/v/a.md") and is_note_change(None, "/v/x/notegraph.yaml")
    assert not is_note_change(None, "/v/out/graph.html") and not is_note_change(None, "/v/.obsidian/a.md.swp")
    assert not is_note_change(None, "/v/.a.md")
