"""The notebooks run top to bottom offline, in a kernel on this venv's Python, and show what they promise."""
import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import find_kernel_specs
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
PYTHON_NAMES = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}


def runs_on_this_python(spec_dir: str) -> bool:
    """Whether a kernel spec starts this interpreter (jupyter_client maps a bare ``python`` to sys.executable)."""
    argv = json.loads((Path(spec_dir) / "kernel.json").read_text(encoding="utf-8"))["argv"]
    return argv[0] in PYTHON_NAMES or Path(argv[0]).resolve() == Path(sys.executable).resolve()


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory):
    """Make the ``python3`` kernel spec start sys.executable: a spec in a private JUPYTER_PATH if needed."""
    mp = pytest.MonkeyPatch()
    spec = find_kernel_specs().get("python3")
    if not (spec and runs_on_this_python(spec)):
        jupyter_dir = tmp_path_factory.mktemp("jupyter")
        kernel_dir = jupyter_dir / "kernels" / "python3"
        kernel_dir.mkdir(parents=True)
        (kernel_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (notegraph venv)", "language": "python"}), encoding="utf-8")
        mp.setenv("JUPYTER_PATH", str(jupyter_dir))
    yield
    mp.undo()


def execute(name: str, monkeypatch, out: Path) -> nbformat.NotebookNode:
    """Run one notebook in notebooks/ (outputs into ``out``) and return it with its outputs."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    monkeypatch.setenv("NOTEGRAPH_OUT", str(out))
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    print(f"{name}: {time.perf_counter() - start:.1f}s")
    return nb


def outputs(nb, mime: str) -> str:
    """All text of one MIME type (``stream`` for printed text) across the notebook's outputs."""
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if mime == "stream" and o.output_type == "stream":
                parts.append(o.text)
            elif mime in o.get("data", {}):
                parts.append(o.data[mime])
    return "\n".join(parts)


def test_quickstart(kernel_env, monkeypatch, tmp_path):
    nb = execute("01_quickstart.ipynb", monkeypatch, tmp_path)
    printed = outputs(nb, "stream")
    assert "notes read: 7" in printed and "talks: 10" in printed
    assert "wrote graph.graphml" in printed and "wrote graph.html" in printed
    assert (tmp_path / "graph.graphml").stat().st_size > 0 and (tmp_path / "graph.html").stat().st_size > 0
    assert '<iframe srcdoc="' in outputs(nb, "text/html") and 'sandbox="allow-scripts"' in outputs(nb, "text/html")
    assert "AWS Lambda" in outputs(nb, "text/plain")  # the top-entities table


def test_explore(kernel_env, monkeypatch, tmp_path):
    nb = execute("02_explore.ipynb", monkeypatch, tmp_path)
    printed, tables = outputs(nb, "stream"), outputs(nb, "text/html")
    assert "aws_service" in printed and "company" in printed
    assert "AWS Lambda" in tables and "クラスメソッド" in tables
    assert "none found" in printed or "migrated_to" in tables or "adopted" in tables
    assert "betweenness" in tables and " 1 (" in printed  # centrality table, first community
    assert "mentions" in printed and "aws-meetup.md:" in printed  # evidence lines
    assert outputs(nb, "image/png")  # the mentions-per-month plot
