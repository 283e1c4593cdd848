"""Typo-tolerant lookup of single-word catalog names ("Kubernets" → Kubernetes, "Terrafrom" → Terraform).

Tried only on Latin tokens of six or more characters that look like product names (a capital letter or
a digit in them), never on common words, on words Sudachi's dictionary knows ("Wikipedia", "Syntax"),
or on a capitalised word that merely starts an English sentence; and only against well-known catalog
names (curated, AWS, CNCF, languages) that are neither common words nor guarded. A candidate must share the first
and last letters (or end with the last two swapped: "Ubunut") and be one edit away (a transposition counts as one; two edits, with similarity of at
least 0.85, for names of ten or more letters), and neither word may be the other plus a suffix
("Pythons"); a tie between two entities is no match. A product-like token of four or five characters
matches a catalog name of its length only through two swapped neighbours after its first letter
("Ngnix" → Nginx, "Jiar" → Jira): a shorter word is too often another word one letter away. Results are memoised per token.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz.distance import OSA

from ..catalog import Catalog
from ..catalog.words import COMMON_WORDS, Lexicon

__all__ = ["FuzzyIndex", "TOKEN", "MIN_LENGTH"]

MIN_LENGTH = 6
MIN_SHORT = 4  # shorter names are matched only through two swapped inner letters ("Ngnix", "Jiar")
LONG = 10  # names this long may be two edits away
MIN_SIMILARITY_LONG = 0.85
TARGET_SOURCES = ("curated", "botocore", "cncf", "pygments")  # products and languages, not every company
TOKEN = re.compile(r"(?<![A-Za-z0-9_@.-])[A-Za-z][A-Za-z0-9]{3,}(?![A-Za-z0-9_@-])")
_PRODUCT_LIKE = re.compile(r"[A-Z0-9]")


def max_edits(length: int) -> int:
    """Edits allowed for a name of this length."""
    return 1 if length < LONG else 2


def ends_differently(a: str, b: str) -> bool:
    """True when two words differ at the end ("Traces"/"Tracee", "Smith"/"Smithy", "Pythons"): such
    pairs are inflections or other words far more often than typos."""
    return a[-1] != b[-1] or a.startswith(b) or b.startswith(a)


def last_swapped(a: str, b: str) -> bool:
    """"Ubunut" for "Ubuntu": the last two letters swapped, a typing slip rather than another word."""
    return len(a) == len(b) and a[:-2] == b[:-2] and a[-2:] == b[-1] + b[-2] and a[-1] != a[-2]


class FuzzyIndex:
    """Single-word catalog names bucketed by first letter, for near-miss lookups."""

    def __init__(self, catalog: Catalog):
        self.exact: set[str] = set()
        self.buckets: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.short: dict[str, set[str]] = {}  # names of MIN_SHORT..MIN_LENGTH-1 letters
        for e in catalog.entities.values():
            for name in e.names:
                key = name.replace(" ", "").casefold()
                self.exact.add(key)
                if (name in e.guarded or not key.isascii() or not key.isalnum() or len(key) < MIN_SHORT
                        or key in COMMON_WORDS or name.isupper() or not e.source.startswith(TARGET_SOURCES)):
                    continue
                if len(key) < MIN_LENGTH:
                    self.short.setdefault(key, set()).add(e.id)
                else:
                    self.buckets[key[0]].append((key, e.id))
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self._lexicon: Lexicon | None = None

    def known_word(self, token: str) -> bool:
        """Whether the token is a word of Sudachi's dictionary (loaded on first use)."""
        if self._lexicon is None:
            self._lexicon = Lexicon.shared()
        return not self._lexicon.unknown(token)

    def _lookup(self, token: str) -> tuple[str, float] | None:
        """``(entity_id, similarity)`` for a near-miss token, or None."""
        key = token.casefold()
        if key in self.exact or key in COMMON_WORDS or not _PRODUCT_LIKE.search(token):
            return None
        if len(key) < MIN_LENGTH:
            return self._swapped(token, key)
        best: dict[str, float] = {}
        for name, entity_id in self.buckets.get(key[0], ()):
            if abs(len(name) - len(key)) > 2:
                continue
            if ends_differently(key, name) and not last_swapped(key, name):
                continue
            if OSA.distance(key, name, score_cutoff=max_edits(len(name))) <= max_edits(len(name)):
                score = OSA.normalized_similarity(key, name)
                if len(name) >= LONG and score < MIN_SIMILARITY_LONG:
                    continue
                best[entity_id] = max(score, best.get(entity_id, 0.0))
        if not best or self.known_word(token):
            return None
        return self._best(best)

    def _swapped(self, token: str, key: str) -> tuple[str, float] | None:
        """A short token that is a catalog name with two neighbours after the first letter swapped
        ("Ngnix" for Nginx, "Jiar" for Jira): the first letter stays, as a slip of the fingers leaves it."""
        best: dict[str, float] = {}
        for i in range(1, len(key) - 1):
            if key[i] == key[i + 1]:
                continue
            swapped = key[:i] + key[i + 1] + key[i] + key[i + 2:]
            for entity_id in self.short.get(swapped, ()):
                best[entity_id] = OSA.normalized_similarity(key, swapped)
        if not best or self.known_word(token):
            return None
        return self._best(best)

    @staticmethod
    def _best(best: dict[str, float]) -> tuple[str, float] | None:
        """The closest entity, or None on a tie."""
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two entities equally close: no guess
        return ranked[0][0], round(ranked[0][1], 3)
