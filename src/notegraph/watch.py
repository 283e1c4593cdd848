"""Live rebuilds: build a notes folder, then rebuild and rewrite the outputs whenever a note is saved.

Uses ``watchfiles`` (inotify/FSEvents through Rust's notify). Each rebuild is a normal cached
:func:`~notegraph.build.build` into the same output folder: unchanged notes cost a stat, only the
saved notes are re-processed, in this process, whose pipeline is loaded once after the first build and
kept (so a save shows in the outputs within a second or two). Only
Markdown notes and ``notegraph.yaml`` trigger a rebuild (the outputs, even inside the folder, do not).
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable

from .build import CACHE_NAME, BuildResult, build, user_catalogs, write_outputs
from .catalog import USER_CATALOG_NAME
from .notes import NOTE_SUFFIXES
from .parallel import kept_pipeline

__all__ = ["watch", "is_note_change"]

log = logging.getLogger("notegraph")


def is_note_change(change, path: str) -> bool:
    """Whether a changed path can change the graph: a Markdown note or the folder's catalog extension."""
    name = os.path.basename(path)
    return not name.startswith(".") and (name.lower().endswith(NOTE_SUFFIXES) or name == USER_CATALOG_NAME)


def watch(folder: str | os.PathLike, out: str | os.PathLike, *, report: bool = False,
          min_mentions: int | None = None, entity_only: bool | None = None, stop_event: threading.Event | None = None,
          max_rebuilds: int | None = None, debounce_ms: int = 300,
          on_build: Callable[[BuildResult, set], None] | None = None, **build_options) -> int:
    """Build ``folder`` into ``out``, then rebuild on every saved note until ``stop_event`` is set (or
    ``max_rebuilds`` rebuilds have run, or Ctrl-C); returns the number of rebuilds. ``on_build(result,
    changed_paths)`` is called after each build's outputs are written; ``build_options`` go to
    :func:`~notegraph.build.build` (the cache is always ``out/.notegraph-cache.sqlite``)."""
    import watchfiles

    out = Path(out)
    name = Path(folder).resolve().name
    options = {"cache": out / CACHE_NAME, **build_options}

    def once(changed: set) -> BuildResult:
        """One build and its outputs (a rebuild extracts its few notes here, the pipeline kept loaded)."""
        result = build(folder, **({**options, "jobs": 1} if changed else options))
        write_outputs(result, out, name=name, report=report, min_mentions=min_mentions, entity_only=entity_only,
                      page_process=True)
        if on_build is not None:
            on_build(result, changed)
        return result

    first = once(set())
    if options.get("nlp") is None and options.get("client") is None:  # load the pipeline now, not at the first save
        extras = user_catalogs(Path(folder), list(options.get("extra_catalogs", ())))
        kept_pipeline(options.get("catalog"), extras, first.catalog_version)
    rebuilds = 0
    if max_rebuilds is not None and max_rebuilds <= 0:
        return rebuilds
    try:
        for changes in watchfiles.watch(folder, watch_filter=is_note_change, stop_event=stop_event,
                                        debounce=debounce_ms, step=50, raise_interrupt=False):
            once({p for _, p in changes})
            rebuilds += 1
            if max_rebuilds is not None and rebuilds >= max_rebuilds:
                break
    except KeyboardInterrupt:
        pass
    return rebuilds
