"""The one shared, immutable, in-memory document index that every view and export reads.

`build_index` runs the whole pipeline once (entities, dates, timeline, open
issues, key facts, differences, search postings); after that nothing changes.
"""

from __future__ import annotations

import gc
import heapq
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

from briefing.core import claims
from briefing.core.dossier import Dossier
from briefing.core.entities import build_entities
from briefing.core.memory import collector_paused
from briefing.core.model import (
    Article, DateMention, Discrepancy, Entity, Event, Fact, OpenIssue, SearchHit, Skipped,
)
from briefing.core.text import tokenize
from briefing.core.timeline import build_dates, build_events
from briefing.core.topics import build_issues


def _search_key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class DocumentIndex:
    """Everything known about a dossier, built once and read by every view."""

    title: str
    """The dossier's title (from briefing.toml, else derived from what it is about)."""
    title_derived: bool
    """Whether the title was derived."""
    articles: tuple[Article, ...]
    """The articles, numbered by date; article `n` is `articles[n - 1]`."""
    skipped: tuple[Skipped, ...]
    """Inputs passed over, with reasons."""
    problems: tuple[str, ...]
    """Problems with the dossier's configuration, already worked around."""
    entities: tuple[Entity, ...]
    """People, organisations and places, most widely mentioned first within each kind."""
    dates: tuple[DateMention, ...]
    """Every date expression, in article and text order."""
    events: tuple[Event, ...]
    """The timeline, oldest first."""
    issues: tuple[OpenIssue, ...]
    """The open issues, in the order configured (or proposed)."""
    facts: tuple[Fact, ...]
    """Statements several sources make, most corroborated first."""
    discrepancies: tuple[Discrepancy, ...]
    """Where the sources differ."""
    highlights: Mapping[int, tuple[tuple[int, int, str, str], ...]] = field(repr=False)
    """Per article, (start, end, kind, id) of each entity and date mention, in text order;
    kind is "person", "organization", "place" or "date", id the entity id or the date's value."""
    _postings: Mapping[str, array] = field(repr=False)
    _vocabulary: tuple[str, ...] = field(repr=False)
    _token_spans: Mapping[int, tuple[array, array]] = field(repr=False)
    _token_lowers: Mapping[int, tuple[str, ...]] = field(repr=False)
    _sentence_starts: Mapping[int, array] = field(repr=False)

    def article(self, article_id: int) -> Article:
        """The article with this id."""
        return self.articles[article_id - 1]

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, if there is one."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def sources(self) -> list[str]:
        """The distinct outlets, in order of first appearance."""
        return list(dict.fromkeys(a.source for a in self.articles if a.source))

    def date_span(self) -> tuple[str, str] | None:
        """The first and last publication dates, if any article is dated."""
        dated = [a.published for a in self.articles if a.published]
        return (min(dated).isoformat(), max(dated).isoformat()) if dated else None

    # --- search -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Sentences matching `query`, best first.

        Words are matched whole and case-insensitively; "quoted phrases" match in
        order; `word*` matches any word starting with `word`. Sentences that hold every
        part of the query come first, then those that hold most of them.
        """
        parts = parse_query(query)
        if not parts:
            return []
        # Per part, the spans it matches in each (article, sentence index).
        hits_by_part: list[dict[tuple[int, int], list[tuple[int, int]]]] = []
        totals: dict[tuple[int, int], float] = {}
        for part in parts:
            in_sentence: dict[tuple[int, int], list[tuple[int, int]]] = {}
            articles_with: set[int] = set()
            # Matches come in runs of one article: look its sentence starts up once per run.
            current, starts, sentence_starts = None, None, self._sentence_starts
            for article_id, start, end in self._match_part(part):
                if article_id != current:
                    current, starts = article_id, sentence_starts[article_id]
                    articles_with.add(article_id)
                sentence_index = bisect_right(starts, start) - 1
                if sentence_index >= 0:
                    in_sentence.setdefault((article_id, sentence_index), []).append((start, end))
            weight = math.log(1 + len(self.articles) / max(len(articles_with), 1))
            hits_by_part.append(in_sentence)
            # Holding a part is worth 10, more than any weighting of how often it is held.
            for key, spans in in_sentence.items():
                totals[key] = totals.get(key, 0.0) + 10.0 + weight * (1 + math.log(len(spans)))
        # Rank plain tuples in C and build hit objects only for the best: a common word can
        # match tens of thousands of sentences.
        best = heapq.nsmallest(limit, [(-score, key) for key, score in totals.items()])
        hits = []
        for negative, key in best:
            article_id, sentence_index = key
            sentence = self.article(article_id).sentences[sentence_index]
            spans = tuple(sorted({span for in_sentence in hits_by_part for span in in_sentence.get(key, ())}))
            hits.append(SearchHit(article_id, sentence_index, sentence.start, sentence.end, spans, round(-negative, 6)))
        return hits

    def _occurrences(self, word: str) -> list[tuple[int, int, int]]:
        """(article, start, end) of every occurrence of one word, grouped by article."""
        flat = self._postings.get(word)
        if flat is None:
            return []
        out = []
        spans = self._token_spans
        current, starts, ends = None, None, None
        for a, p in zip(flat[0::2], flat[1::2]):  # slicing and zip run in C
            if a != current:
                current, (starts, ends) = a, spans[a]
            out.append((a, starts[p], ends[p]))
        return out

    def _match_part(self, part: tuple[str, ...]) -> list[tuple[int, int, int]]:
        """(article, start, end) of every occurrence of a word, prefix or phrase."""
        if len(part) == 1 and part[0].endswith("*"):
            prefix = part[0][:-1]
            if not prefix:
                return []
            lo = bisect_left(self._vocabulary, prefix)
            hi = bisect_right(self._vocabulary, prefix + "\uffff")
            out = []
            for word in self._vocabulary[lo:hi]:
                out.extend(self._occurrences(word))
            return out
        if len(part) == 1:
            return self._occurrences(part[0])
        # Start from the phrase's rarest word and check its neighbours in the article's own
        # tokens: "diplomatic channels" is found from "channels", not from every "diplomatic".
        anchor = min(range(len(part)), key=lambda k: len(self._postings.get(part[k], ())))
        flat = self._postings.get(part[anchor])
        if flat is None:
            return []
        size = len(part)
        lowers_of, spans_of = self._token_lowers, self._token_spans
        out = []
        for a, p in zip(flat[0::2], flat[1::2]):
            first = p - anchor
            if first >= 0 and lowers_of[a][first : first + size] == part:  # one C comparison
                starts, ends = spans_of[a]
                out.append((a, starts[first], ends[first + size - 1]))
        return out


_QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[tuple[str, ...]]:
    """A query's parts: each a word, a `prefix*`, or a phrase (a tuple of words)."""
    parts: list[tuple[str, ...]] = []
    for match in _QUERY_RE.finditer(query):
        if match.group(1) is not None:
            words = tuple(_search_key(t.text) for t in tokenize(match.group(1)))
            if words:
                parts.append(words)
        else:
            raw = match.group(2)
            star = raw.endswith("*")
            words = [_search_key(t.text) for t in tokenize(raw)]
            if not words:
                continue
            if star:
                parts.extend((w,) for w in words[:-1])
                parts.append((words[-1] + "*",))
            elif len(words) > 1:
                parts.append(tuple(words))  # "U.S.-Russia" is a phrase of its parts
            else:
                parts.append((words[0],))
    return parts


def build_index(dossier: Dossier, progress: Callable[[str], None] | None = None) -> DocumentIndex:
    """Analyse a dossier once into the shared index."""
    with collector_paused():
        return _build_index(dossier, progress)


def _build_index(dossier: Dossier, progress: Callable[[str], None] | None) -> DocumentIndex:
    articles = dossier.articles

    def step(name: str) -> None:
        if progress:
            progress(name)

    step("tokenising")
    tokens_by_article = {a.id: tokenize(a.text) for a in articles}
    step("finding people, organisations and places")
    entities = build_entities(articles, tokens_by_article)
    step("reading dates")
    dates = build_dates(articles)
    events = build_events(articles, dates)
    step("tracking open issues")
    issues = build_issues(articles, tokens_by_article, entities, dossier.config)
    step("grouping key facts")
    facts, close_pairs = claims.build_facts(articles, tokens_by_article, entities)
    step("comparing sources")
    discrepancies = claims.merge_discrepancies(
        claims.figure_discrepancies(articles, dates)
        + claims.date_discrepancies(close_pairs, dates)
        + claims.spelling_discrepancies(entities, articles)
        + claims.role_discrepancies(entities)
        + claims.quote_discrepancies(articles)
    )
    step("indexing words")
    postings: dict[str, array] = {}
    spans: dict[int, tuple[array, array]] = {}
    lowers: dict[int, tuple[str, ...]] = {}
    sentence_starts: dict[int, array] = {}
    for article in articles:
        tokens = tokens_by_article[article.id]
        spans[article.id] = (array("i", (t.start for t in tokens)), array("i", (t.end for t in tokens)))
        lowers[article.id] = tuple(t.lower for t in tokens)  # a token's lower is its search key
        sentence_starts[article.id] = array("i", (s.start for s in article.sentences))
        for position, token in enumerate(tokens):
            key = token.lower
            flat = postings.get(key)
            if flat is None:
                flat = postings[key] = array("i")
            flat.append(article.id)
            flat.append(position)
    marks: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            marks[mention.article].append((mention.start, mention.end, entity.kind, entity.id))
    for date in dates:
        marks[date.article].append((date.start, date.end, "date", date.value or ""))
    highlights = MappingProxyType({a.id: tuple(sorted(marks[a.id])) for a in articles})
    title, derived = dossier.config.title, False
    if not title:
        title, derived = derive_title(entities), True
    index = DocumentIndex(
        title=title, title_derived=derived, articles=articles, skipped=dossier.skipped,
        problems=dossier.config.problems, entities=entities, dates=dates, events=events, issues=issues,
        facts=facts, discrepancies=tuple(discrepancies), highlights=highlights, _postings=MappingProxyType(postings),
        _vocabulary=tuple(sorted(postings)), _token_spans=MappingProxyType(spans),
        _token_lowers=MappingProxyType(lowers), _sentence_starts=MappingProxyType(sentence_starts),
    )
    # The index is millions of objects that live as long as the process and never form
    # garbage cycles; without this, each full collection rescans all of them, and a
    # search that happens to trigger one waits over half a second.
    gc.freeze()
    return index


def derive_title(entities: tuple[Entity, ...]) -> str:
    """A title for a dossier without one: what and who it is most about."""
    ranked = sorted(entities, key=lambda e: (-len(e.articles), -len(e.mentions), e.name))
    names = [e.name for e in ranked[:3]]
    if not names:
        return "Briefing"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
