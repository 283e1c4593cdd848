"""Shared fixtures: the real ja_ginza pipeline (loaded once), sample folders, a tiny catalog."""
from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from notegraph.catalog import Catalog, entity_from_dict

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample-notes"
# the workplace's shared folder (seed note, gold, corpus): beside the repo, or where NOTEGRAPH_SHARED says
_SHARED_CANDIDATES = [Path(os.environ["NOTEGRAPH_SHARED"])] if os.environ.get("NOTEGRAPH_SHARED") else []
SHARED = next((p for p in [*_SHARED_CANDIDATES, ROOT.parent / "shared", Path("/work/shared")] if (p / "eval").is_dir()),
              ROOT.parent / "shared")
SEED = SHARED / "seed"
SCORE = SHARED / "eval" / "score.py"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def nlp():
    """ja_ginza tokenizer + notegraph_entities with the shipped catalog (loaded once per session)."""
    from notegraph.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def catalog(nlp):
    """The shipped catalog, as the pipeline loaded it."""
    return nlp.get_pipe("notegraph_entities").catalog


def make_catalog(*records: dict, stopwords=()) -> Catalog:
    """A small in-memory catalog for unit tests."""
    return Catalog({r["id"]: entity_from_dict(r) for r in records}, tuple(stopwords), [], "test")


@pytest.fixture
def write_notes(tmp_path):
    """Write ``{relative path: text}`` into a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "notes"
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                p.write_bytes(text)
            else:
                p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return write
