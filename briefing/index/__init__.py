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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from briefing.analysis import claims, differences, story
from briefing.analysis.entities import build_entities, distinct_roles
from briefing.analysis.timeline import build_dates, build_events
from briefing.analysis.topics import build_issues
from briefing.index.article_filter import ArticleFilter
from briefing.ingest.dossier import Dossier
from briefing.language.text import stem, stopwords, tokenize
from briefing.memory import collector_paused
from briefing.model import (
    Article,
    DateMention,
    Discrepancy,
    Entity,
    Event,
    Fact,
    Mention,
    OpenIssue,
    SearchHit,
    SearchResults,
    Skipped,
)


def _search_key(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _key_of(text: str) -> tuple[str, ...]:
    """The search keys of a name's words: "Alexander Darchiev" is ("alexander", "darchiev")."""
    return tuple(t.lower for t in tokenize(text))  # a token's lower is its search key


# (article, start, end) of a match.
_Match = tuple[int, int, int]
# Per spelling of one entity (as search keys), its mentions spelled that way.
_Spellings = Mapping[tuple[str, ...], tuple[Mention, ...]]


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
    article_filter: ArticleFilter = field(repr=False)
    """Each article's title and outlet words and date, prepared for the filter box."""
    _postings: Mapping[str, array] = field(repr=False)
    _vocabulary: tuple[str, ...] = field(repr=False)
    _token_spans: Mapping[int, tuple[array, array]] = field(repr=False)
    _token_lowers: Mapping[int, tuple[str, ...]] = field(repr=False)
    _sentence_starts: Mapping[int, array] = field(repr=False)
    _forms: Mapping[str, tuple[str, ...]] = field(repr=False)
    """Per stem, the words of the text with that stem, unless the stem is the only one."""
    _names: Mapping[tuple[str, ...], tuple[_Spellings, ...]] = field(repr=False)
    """Per spelling of an entity's name (as search keys), the spellings of every entity it names."""

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

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """The sentences matching `query`, best first (at most `limit`), and how many match.

        A query's parts are words, "quoted phrases" and `prefix*`es, matched
        case-insensitively. A word matches in any inflection, as open-issue signals do
        ("property" finds "properties", "flight" finds "flights"); a phrase matches its
        words in order, in the form typed; `word*` matches any word starting with `word`.
        A word or phrase that spells an entity's name (in full, or a person's surname)
        matches every mention of that entity however it is spelled ("Darchiev" finds
        "Darchiyev"), and unquoted words that spell a name together count as that name.
        Sentences that hold more parts of the query come first, then those that hold more
        of them in the form typed, then those with the rarer and more frequent matches.
        """
        parts = self._names_joined(parse_query(query))
        if not parts:
            return SearchResults((), 0)
        # Per part, the spans it matches in each (article, sentence index).
        hits_by_part: list[dict[tuple[int, int], list[tuple[int, int]]]] = []
        # Per sentence: how many parts it holds (in steps of `held`), plus how many of them
        # in the form typed; and how strongly it holds them.
        held = len(parts) + 1
        order: dict[tuple[int, int], int] = {}
        relevance: dict[tuple[int, int], float] = {}
        for part in parts:
            in_sentence: dict[tuple[int, int], list[tuple[int, int]]] = {}
            articles_with: set[int] = set()
            as_typed, otherwise = self._match_part(part)
            self._by_sentence(as_typed, in_sentence, articles_with)
            exact = set(in_sentence)
            self._by_sentence(otherwise, in_sentence, articles_with)
            weight = math.log(1 + len(self.articles) / max(len(articles_with), 1))
            hits_by_part.append(in_sentence)
            # A name's mention ("Alexander Darchiev") holds the word typed ("Darchiev"): count it once.
            overlapping = part in self._names
            for key, spans in in_sentence.items():
                count = len(_merged(set(spans))) if overlapping else len(spans)
                order[key] = order.get(key, 0) + held + (key in exact)
                relevance[key] = relevance.get(key, 0.0) + weight * (1 + math.log(count))
        # Rank plain tuples in C and build hit objects only for the best: a common word can
        # match tens of thousands of sentences.
        best = heapq.nsmallest(limit, [(-order[key], -score, key) for key, score in relevance.items()])
        hits = []
        for _, negative, key in best:
            article_id, sentence_index = key
            sentence = self.article(article_id).sentences[sentence_index]
            merged = _merged({span for in_sentence in hits_by_part for span in in_sentence.get(key, ())})
            hits.append(
                SearchHit(article_id, sentence_index, sentence.start, sentence.end, merged, round(-negative, 6))
            )
        return SearchResults(tuple(hits), len(relevance))

    def _by_sentence(
        self, matches: list[_Match], in_sentence: dict[tuple[int, int], list[tuple[int, int]]], articles_with: set[int]
    ) -> None:
        """Add each match's span to its (article, sentence index), and its article to `articles_with`."""
        # Matches come in runs of one article: look its sentence starts up once per run.
        current, starts, sentence_starts = None, array("i"), self._sentence_starts
        for article_id, start, end in matches:
            if article_id != current:
                current, starts = article_id, sentence_starts[article_id]
                articles_with.add(article_id)
            sentence_index = bisect_right(starts, start) - 1
            if sentence_index >= 0:
                in_sentence.setdefault((article_id, sentence_index), []).append((start, end))

    def _names_joined(self, parts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """The parts with each run of single words that spells a name made one phrase:
        `Sonata Coulter` finds the person, not every Sonata and every Coulter."""
        joined: list[tuple[str, ...]] = []
        i = 0
        while i < len(parts):
            for j in range(len(parts), i + 1, -1):  # the longest run first
                run = tuple(part[0] for part in parts[i:j] if len(part) == 1 and not part[0].endswith("*"))
                if len(run) == j - i and run in self._names:
                    joined.append(run)
                    i = j
                    break
            else:
                joined.append(parts[i])
                i += 1
        return joined

    def _occurrences(self, word: str) -> list[tuple[int, int, int]]:
        """(article, start, end) of every occurrence of one word, grouped by article."""
        flat = self._postings.get(word)
        if flat is None:
            return []
        out = []
        spans = self._token_spans
        current = None  # the article whose token offsets `starts` and `ends` are
        starts: array
        ends: array
        for a, p in zip(flat[0::2], flat[1::2], strict=True):  # (article, position) pairs; slicing and zip run in C
            if a != current:
                current, (starts, ends) = a, spans[a]
            out.append((a, starts[p], ends[p]))
        return out

    def _match_part(self, part: tuple[str, ...]) -> tuple[list[_Match], list[_Match]]:
        """(article, start, end) of every match of a word, prefix or phrase: first those in
        the form typed, then those in another (other inflections, other spellings of a name)."""
        if len(part) == 1 and part[0].endswith("*"):
            prefix = part[0][:-1]
            if not prefix:
                return [], []
            lo = bisect_left(self._vocabulary, prefix)
            hi = bisect_right(self._vocabulary, prefix + "\uffff")
            out = []
            for word in self._vocabulary[lo:hi]:
                out.extend(self._occurrences(word))
            return out, []
        other = self._other_spellings(part)
        if len(part) == 1:
            for form in self._forms.get(stem(part[0]), ()):
                if form != part[0]:
                    other.extend(self._occurrences(form))
            return self._occurrences(part[0]), other
        return self._phrase(part), other

    def _other_spellings(self, part: tuple[str, ...]) -> list[_Match]:
        """(article, start, end) of every mention of an entity that `part` names, spelled otherwise."""
        out: list[_Match] = []
        for spellings in self._names.get(part, ()):
            for spelling, mentions in spellings.items():
                if spelling != part:  # those are the part's own occurrences
                    out.extend((m.article, m.start, m.end) for m in mentions)
        return out

    def _phrase(self, part: tuple[str, ...]) -> list[_Match]:
        """(article, start, end) of every occurrence of a phrase, in the form typed."""
        # Start from the phrase's rarest word and check its neighbours in the article's own
        # tokens: "diplomatic channels" is found from "channels", not from every "diplomatic".
        anchor = min(range(len(part)), key=lambda k: len(self._postings.get(part[k], ())))
        flat = self._postings.get(part[anchor])
        if flat is None:
            return []
        size = len(part)
        lowers_of, spans_of = self._token_lowers, self._token_spans
        out = []
        for a, p in zip(flat[0::2], flat[1::2], strict=True):
            first = p - anchor
            if first >= 0 and lowers_of[a][first : first + size] == part:  # one C comparison
                starts, ends = spans_of[a]
                out.append((a, starts[first], ends[first + size - 1]))
        return out

    # --- lookups for the views ----------------------------------------------------------

    def issue_named(self, name: str) -> OpenIssue | None:
        """The open issue with this name, if there is one (issues are named uniquely)."""
        return next((issue for issue in self.issues if issue.name == name), None)


def _merged(spans: set[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans in order, overlapping ones made one: "Darchiev" inside "Alexander Darchiev"."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


_QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[tuple[str, ...]]:
    """A query's parts: each a word, a `prefix*`, or a phrase (a tuple of words)."""
    parts: list[tuple[str, ...]] = []
    for match in _QUERY_RE.finditer(query):
        if match.group(1) is not None:
            phrase = tuple(_search_key(t.text) for t in tokenize(match.group(1)))
            if phrase:
                parts.append(phrase)
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
    entities = tuple(
        replace(e, key_roles=distinct_roles(e)) if e.kind == "person" and e.roles else e
        for e in build_entities(articles, tokens_by_article)
    )
    step("reading dates")
    dates = build_dates(articles)
    events = build_events(articles, dates, tokens_by_article)
    step("tracking open issues")
    issues = build_issues(articles, tokens_by_article, entities, dossier.config)
    step("grouping key facts")
    facts = claims.build_facts(articles, tokens_by_article, entities)
    step("comparing sources")
    discrepancies = differences.merge_discrepancies(
        differences.figure_discrepancies(articles, dates)
        + differences.date_discrepancies(articles, dates, entities)
        + differences.spelling_discrepancies(entities, articles)
        + differences.role_discrepancies(entities)
        + differences.quote_discrepancies(articles, entities)
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
    vocabulary = tuple(sorted(postings))
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word in vocabulary:
        by_stem[stem(word)].append(word)
    forms = {root: tuple(words) for root, words in by_stem.items() if words != [root]}
    title, derived = dossier.config.title, False
    if not title:
        title, derived = derive_title(articles, entities), True
    index = DocumentIndex(
        title=title,
        title_derived=derived,
        articles=articles,
        skipped=dossier.skipped,
        problems=dossier.config.problems,
        entities=entities,
        dates=dates,
        events=events,
        issues=issues,
        facts=facts,
        discrepancies=tuple(discrepancies),
        highlights=highlights,
        article_filter=ArticleFilter.of(articles),
        _postings=MappingProxyType(postings),
        _vocabulary=vocabulary,
        _token_spans=MappingProxyType(spans),
        _token_lowers=MappingProxyType(lowers),
        _sentence_starts=MappingProxyType(sentence_starts),
        _forms=MappingProxyType(forms),
        _names=MappingProxyType(_names(entities, articles)),
    )
    # The index is millions of objects that live as long as the process and never form
    # garbage cycles; without this, each full collection rescans all of them, and a
    # search that happens to trigger one waits over half a second.
    gc.freeze()
    return index


def _names(
    entities: tuple[Entity, ...], articles: tuple[Article, ...]
) -> dict[tuple[str, ...], tuple[_Spellings, ...]]:
    """Per way of writing an entity's name (as search keys), the spellings of every entity it
    names, each with its mentions: "darchiev" leads to Darchiyev's mentions as well."""
    common = stopwords()
    texts = {a.id: a.text for a in articles}
    keys: dict[str, tuple[str, ...]] = {}
    found: dict[tuple[str, ...], list[_Spellings]] = defaultdict(list)
    for entity in entities:
        grouped: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
        for mention in entity.mentions:
            written = texts[mention.article][mention.start : mention.end]
            key = keys.get(written)
            if key is None:
                key = keys[written] = _key_of(written)
            grouped[key].append(mention)
        names = set(grouped) | {_key_of(name) for name in (entity.name, *entity.aliases)}
        if entity.kind == "person":
            # A person is searched for by surname, also in a spelling only ever written in full.
            names |= {name[-1:] for name in names if len(name) > 1}
        if len(grouped) < 2 and names <= set(grouped):
            continue  # spelled one way only: its mentions are that word's own occurrences
        spellings = MappingProxyType({key: tuple(mentions) for key, mentions in grouped.items()})
        for name in names:
            # "US" is also "us": a name that is a common word names nothing by itself.
            if name and not (len(name) == 1 and name[0] in common):
                found[name].append(spellings)
    return {name: tuple(spellings) for name, spellings in found.items()}


def derive_title(articles: tuple[Article, ...], entities: tuple[Entity, ...]) -> str:
    """A title for a dossier without one: what the story is, as its headlines name it."""
    return story.derive_title(articles, entities)
