"""Extraction in worker processes (--jobs) and on a Dask cluster gives the graph a serial build gives."""
import importlib
import shutil

import pytest

from notegraph.build import build
from notegraph.export import write_graphml

from conftest import SAMPLES


def graphml_bytes(result, tmp_path, name):
    path = tmp_path / f"{name}.graphml"
    write_graphml(result.graph, path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def serial(tmp_path_factory, nlp):
    """The sample notes built in this process, and their GraphML."""
    tmp = tmp_path_factory.mktemp("serial")
    result = build(SAMPLES, nlp=nlp)
    return result, graphml_bytes(result, tmp, "serial")


def test_jobs_2_gives_the_same_graph_bytes(serial, tmp_path, monkeypatch):
    monkeypatch.setattr(importlib.import_module("notegraph.build"), "PARALLEL_MIN_NOTES", 1)  # 7 notes: use the pool anyway
    seen = []
    result = build(SAMPLES, jobs=2, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert result.stats["processed"] == 7
    assert graphml_bytes(result, tmp_path, "jobs2") == serial[1]
    done = [d for stage, d, _ in seen if stage == "extracting"]
    assert done[-1] == 7 and len(done) == 2  # from workers: the first note at once (a worker starts), then a batch


def test_dask_local_cluster_with_two_worker_processes(serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    notes = tmp_path / "notes"
    shutil.copytree(SAMPLES, notes)
    cache = tmp_path / "cache.sqlite"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        result = build(notes, client=client, cache=cache)
        pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 2
    assert result.stats["processed"] == 7
    assert graphml_bytes(result, tmp_path, "dask") == serial[1]
    warm = build(notes, cache=cache)  # the driver's cache holds what the workers computed
    assert warm.stats["processed"] == 0
    assert graphml_bytes(warm, tmp_path, "warm") == serial[1]


def test_a_worker_with_other_code_is_an_error(nlp, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    import notegraph.parallel
    from notegraph.notes import Note
    from notegraph.parallel import CatalogSpec, Extractor, WorkerMismatch

    spec = CatalogSpec(None, (), "other", "not-the-key")
    monkeypatch.setitem(notegraph.parallel._PIPELINES, "other", nlp)  # the worker's pipeline, already loaded
    with ThreadPoolExecutor(1) as pool:
        ex = Extractor(executor=pool, spec=spec, min_parallel=1)
        ex.add(Note("a.md", "A", "S3の話\n"))
        with pytest.raises(WorkerMismatch):
            ex.run()


def test_results_are_taken_one_note_at_a_time_in_any_order(nlp, monkeypatch):
    """A build streams results to assembly: each note's result is handed out once, whichever batch
    comes back first."""
    from concurrent.futures import ThreadPoolExecutor

    import notegraph.parallel
    from notegraph.notes import Note
    from notegraph.cache import extraction_key
    from notegraph.extract import component_of
    from notegraph.parallel import CatalogSpec, Extractor

    spec = CatalogSpec(None, (), "mine", extraction_key(component_of(nlp).catalog.version))
    monkeypatch.setitem(notegraph.parallel._PIPELINES, "mine", nlp)
    notes = [Note(f"{c}.md", c, f"{name}の話\n") for c, name in zip("abc", ("S3", "EKS", "AWS Lambda"))]
    with ThreadPoolExecutor(1) as pool:
        ex = Extractor(executor=pool, spec=spec, batch_size=2, min_parallel=1)
        for n in notes:
            ex.add(n)
        ex.start()
        taken = {p: ex.take(p) for p in ("c.md", "a.md", "b.md")}
    labels = {p: [m.entity_id for m in r.extraction.all_mentions()] for p, r in taken.items()}
    assert labels == {"a.md": ["aws:s3"], "b.md": ["aws:eks"], "c.md": ["aws:lambda"]}
    assert ex.ready == {} and ex.futures == {}
