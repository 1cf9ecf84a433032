"""Date mentions across the dossier, and the timeline of dated events they describe."""

from __future__ import annotations

from collections import defaultdict

from briefing.core.dates import find_dates
from briefing.core.model import Article, DateMention, Event, Mention
from briefing.core.text import excerpt


def build_dates(articles: tuple[Article, ...]) -> tuple[DateMention, ...]:
    """Every date expression in every article, resolved against its publication date."""
    return tuple(
        found
        for article in articles
        for sentence in article.sentences
        for found in find_dates(article.text, article.published, sentence.start, sentence.end, article.id)
    )


def build_events(articles: tuple[Article, ...], dates: tuple[DateMention, ...]) -> tuple[Event, ...]:
    """One event per date that the articles report something on, oldest first.

    Statements with the same resolved date are one event; the statement quoted is
    the one reported by the most articles, then the shortest.
    """
    by_id = {a.id: a for a in articles}
    grouped: dict[tuple[str, str], dict[tuple[int, int], tuple[int, int, Mention]]] = defaultdict(dict)
    for date in dates:
        if not date.value or not date.precision:
            continue
        article = by_id[date.article]
        sentence = article.sentence_at(date.start)
        if sentence is None or sentence.heading:
            continue
        key = (date.value, date.precision)
        grouped[key].setdefault(
            (date.article, sentence.start),
            (date.start - sentence.start, sentence.index, Mention(date.article, sentence.start, sentence.end), date),
        )
    events = []
    for (value, precision), sentences in grouped.items():
        # The statement to quote is the one most about this date: the date near its start
        # ("In 2016, ..."), near the top of its article, and short.
        ranked = sorted(sentences.values(), key=lambda c: (c[0] // 40, c[1], c[2].end - c[2].start, c[2].article))
        evidence = [c[2] for c in ranked]
        lead, date = ranked[0][2], ranked[0][3]
        # The words around the date say what happened then, even in a long sentence.
        summary = excerpt(by_id[lead.article].text, lead.start, lead.end, date.start, date.end, 16)
        sources = tuple(sorted({m.article for m in evidence}))
        events.append(Event(value, precision, summary, sources, tuple(evidence)))
    events.sort(key=lambda e: (e.date, -len(e.sources)))
    return tuple(events)
