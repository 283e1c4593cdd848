"""Sentences and display text of prose lines, shared by mention and relation extraction."""
from __future__ import annotations

import re

__all__ = ["sentence_spans", "sentences", "tidy"]

_SENTENCE = re.compile(r"(?:[^。！？!?.]|\.(?!\s|$))+(?:[。！？!?]+|\.(?=\s|$))?|[。！？!?.]+")
_LEAD = re.compile(r"^[\s\-*+>#|]*(\d+[.)]\s*)?(\[[ xX]\]\s*)?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a prose line (。！？!? and '. ' end sentences)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def sentences(text: str) -> list[str]:
    """The sentences of a prose line."""
    return [text[s:e] for s, e in sentence_spans(text)]


def tidy(text: str) -> str:
    """Collapse whitespace and drop list/quote/heading markers (how evidence is shown)."""
    return re.sub(r"\s+", " ", _LEAD.sub("", text)).strip()
