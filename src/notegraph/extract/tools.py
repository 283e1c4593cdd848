"""Tools nobody put in the catalog, proposed when the text itself says a name is software.

A Latin name (``tcpdump``, ``Keepalived``, ``zinit``) that no catalog holds is proposed as a ``tool``
(``verified=False``, ``source="proposed"``) only where the text says what it is:
"Xというツール/ライブラリ/フレームワーク/コマンド/プラグイン/OSS", "Xライブラリを…", "Xプラグインで…".
Never an English word, a catalog name or stop-word, a short all-capital acronym (API, SSH: concepts),
a file or path, a version, or one word of a longer name. Package names after "apt install" are left
alone: they name packages, often libraries of a tool rather than the tool.
"""
from __future__ import annotations

import re

from ..catalog import normalize
from ..catalog.words import BRAND_WORDS, COMMON_WORDS
from .mentions import Mention, Piece

__all__ = ["PROPOSED_TOOL_PREFIX", "tool_id", "proposed_tools"]

PROPOSED_TOOL_PREFIX = "tool?:"  # entity ids of proposed tools: tool?:<name> (see mentions.PROPOSED_PREFIXES)
_NAME = re.compile(r"(?<![\w@/.#$%~=:-])([A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)(?![\w/@=])")
_CUE_AFTER = re.compile(r"^\s?(?:という|っていう)\s?(?:ツール|ライブラリ|フレームワーク|コマンド|プラグイン|OSS|ミドルウェア|"
                        r"ソフトウェア|CLI)|^\s?(?:ツール|ライブラリ|フレームワーク|プラグイン)(?:を|で|が|は|の|と|、|。|\s|$)")
_ANY_CUE = re.compile(r"ツール|ライブラリ|フレームワーク|コマンド|プラグイン|OSS|ミドルウェア|ソフトウェア|CLI")
_FILE = re.compile(r"\.(?:md|txt|py|js|ts|go|rb|java|json|ya?ml|toml|conf|cfg|ini|sh|log|html?|css|xml|csv|sql|lock)$", re.I)


def tool_id(name: str) -> str:
    """Entity id of a proposed tool."""
    return PROPOSED_TOOL_PREFIX + name


def acceptable(name: str, names: set[str]) -> bool:
    """A plausible unknown software name (see the module docstring)."""
    folded = name.casefold()
    if len(name) < 3 or folded in COMMON_WORDS or folded in BRAND_WORDS or normalize(name) in names:
        return False
    if re.fullmatch(r"[A-Z]{2,4}", name) or _FILE.search(name) or re.fullmatch(r"v?\d[\d.]*", name):
        return False
    return not re.fullmatch(r"[A-Z][a-z]+", name) or len(name) >= 4


def proposed_tools(pieces: list[Piece], names: set[str]) -> list[Mention]:
    """Proposed tools of a note's prose: unknown names a cue calls software (``names``: every catalog
    name and stop-word, normalised), one mention per place."""
    out = []
    for p in pieces:
        if p.origin != "text" or not _ANY_CUE.search(p.text):
            continue
        taken = [(h.start, h.end) for h in p.hits]
        for m in _NAME.finditer(p.text):
            name, start, end = m.group(1), m.start(1), m.end(1)
            if any(a < end and start < b for a, b in taken) or not acceptable(name, names):
                continue
            if not _CUE_AFTER.match(p.text[end:end + 14]) or re.search(r"[A-Za-z]\s$", p.text[max(0, start - 2):start]):
                continue  # no cue, or one word of a longer name ("Kafka Producer ライブラリ")
            sentence = " ".join(p.text.split())[:240]
            out.append(Mention(tool_id(name), name, p.line, p.section, sentence, origin="proposed"))
    return out
