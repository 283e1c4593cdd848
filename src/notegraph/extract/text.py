"""Sentences and display text of prose lines, shared by mention and relation extraction."""
from __future__ import annotations

import re

__all__ = ["sentence_spans", "sentences", "tidy", "tidy_offsets"]

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


def tidy_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`tidy` with, for each character of the result, its offset in ``text``, so that
    matches found in a prose line can be placed in the evidence sentence without matching again."""
    out: list[str] = []
    pos: list[int] = []
    for i in range(_LEAD.match(text).end(), len(text)):
        ch = text[i]
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        pos.append(i)
    while out and out[-1] == " ":
        out.pop()
        pos.pop()
    if out and out[0] == " ":
        del out[0], pos[0]
    return "".join(out), pos
