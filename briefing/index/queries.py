"""Questions the views ask of the index that are not its own: coverage per period, which
issues an article is in, the stretch of a search hit worth showing.

Kept apart from DocumentIndex so that the index stays what the pipeline built, and so that
each view does not compute these for itself (the app's widgets used to)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefing.index import DocumentIndex
from briefing.model import SearchHit

COVERAGE_BUCKETS = 60
"""At most this many bars in the coverage histogram: a long dossier's days are grouped."""


def coverage_histogram(index: DocumentIndex, buckets: int = COVERAGE_BUCKETS) -> list[int]:
    """Articles published per stretch of time, from the first dated article to the last, in at
    most `buckets` equal stretches (one per day when the span is short); empty if none is dated."""
    per_day = Counter(a.published for a in index.articles if a.published)
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    span = (last - first).days + 1
    count = min(span, buckets)
    counts = [0] * count
    for day, articles in per_day.items():
        counts[min(count - 1, (day - first).days * count // span)] += articles
    return counts


def issues_by_article(index: DocumentIndex) -> dict[int, list[str]]:
    """Per article id, the names of the open issues it is part of, in the index's issue order
    (articles in no issue are left out)."""
    names: dict[int, list[str]] = {}
    for issue in index.issues:
        for article_id in issue.articles:
            names.setdefault(article_id, []).append(issue.name)
    return names


@dataclass(frozen=True)
class Snippet:
    """The part of a search hit's sentence worth showing, with where its matches fall in it."""

    text: str
    """The words around the first match, with an ellipsis where the sentence was cut."""
    matches: tuple[tuple[int, int], ...]
    """(start, end) of each match inside `text`; matches outside the window are left out."""


WORDS_BEFORE = 8
"""Words shown before a hit's first match."""
WORDS_SHOWN = 22
"""Words shown from a hit's first match on (the match included)."""


def hit_snippet(index: DocumentIndex, hit: SearchHit) -> Snippet:
    """A window of words around a hit's first match: a few before it, more after, an ellipsis
    on each side that was cut, and the matches within the window."""
    sentence = index.article(hit.article).text[hit.start : hit.end]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    first = next((i for i, (_, end) in enumerate(words) if hit.start + end > hit.matches[0][0]), 0)
    lo = words[max(0, first - WORDS_BEFORE)][0] if words else 0
    hi = words[min(len(words), first + WORDS_SHOWN) - 1][1] if words else len(sentence)
    text = ("\u2026" if lo else "") + sentence[lo:hi] + ("\u2026" if hi < len(sentence) else "")
    # Offsets in the article become offsets in `text`: less the window's start, plus the ellipsis.
    shift = hit.start + lo - (1 if lo else 0)
    matches = tuple(
        (start - shift, end - shift) for start, end in hit.matches if hit.start + lo <= start and end <= hit.start + hi
    )
    return Snippet(text, matches)
