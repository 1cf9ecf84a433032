"""Date mentions across the dossier, and the timeline of dated events they describe.

An event is everything the articles report on one date. How much it moves the story
(its salience) is read from the sentences that report it: how many outlets do, whether
a sentence says something happened (an event word such as "collapsed", "rejected",
"vote"), whether the date is that sentence's own time rather than background ("since
2019", "between 2016 and 2018", a year long before the story), and how precise it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from briefing.language.dates import find_dates
from briefing.language.text import (
    Token,
    clause,
    opens_dependent,
    stem,
    stopwords,
    token_count,
    tokenize,
    tokens_in_span,
    word_count,
)
from briefing.model import Article, DateMention, Event, Mention, Sentence

SUMMARY_WORDS = 16
"""A timeline line says its event in about this many words; longer evidence gives its date's clause."""

# A day says when something happened; a year mostly says when something was true.
_PRECISION_WEIGHT = {"day": 1.0, "week": 0.4, "month": 0.5, "quarter": 0.35, "year": 0.25}

# Words that say something happened, in news of any kind: decisions, actions, disasters,
# legal and political steps. Base forms; their inflections are generated below.
_EVENT_VERBS = """
accept acquit adjourn agree announce appeal approve arrest attack ban block breach burst
cancel capsize charge close collapse concede confirm convict crash declare defeat delay deny
die dismiss divert dump elect end evacuate explode file fine fire flood freeze ground halt
hack impose indict injure jail kill launch leak lift merge open order overrun overturn pass
plead postpone protest publish raise rally recall recover reject release reopen resign resume
retire rule sack seize sentence settle shut sign skid sink stage steal storm strike sue
suspend swear terminate testify threaten topple vote walk withdraw win
""".split()
_IRREGULAR_PASTS = """
began begun broke broken burst drove fell fallen froze frozen held hit led lost met quit ran
rose sank sold sought stole stolen struck sunk swore sworn took threw won
""".split()
_EVENT_NOUNS = """
accident agreement arrest attack ban bid blast blockade breach ceasefire charge closure
collapse conviction coup crash deadline deal death defeat election emergency evacuation
explosion fire flood funeral hearing inquiry investigation landslide lawsuit layoffs merger
offer outbreak petition protest raid rally recall recount referendum resignation ruling
sanctions scandal sentence settlement shooting shutdown spill strike summit takeover talks trial
verdict vote walkout cyberattack hack doping fraud
""".split()


def _inflections(base: str) -> set[str]:
    """ "collapse" → collapse, collapses, collapsed, collapsing; "ban" → also banned, banning."""
    forms = {base, base + "s", base + "es", base + "ed", base + "ing"}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # ban → banned, submit → submitted
    return forms


EVENT_NOUNS: frozenset[str] = frozenset(form for noun in _EVENT_NOUNS for form in (noun, noun + "s"))
"""Lower-case nouns that name something that happened ("strike", "outbreak", "trial")."""

EVENT_WORDS: frozenset[str] = frozenset(
    {form for base in _EVENT_VERBS for form in _inflections(base)} | set(_IRREGULAR_PASTS) | EVENT_NOUNS
)
"""Lower-case words that say something happened ("rejected", "walkout", "struck")."""

# A date after these words is a span's edge or a reference point, not the time the sentence
# is about: "has led the state since 2021", "between April 9 and April 12", "until June".
_BACKGROUND_BEFORE_RE = re.compile(
    r"\b(?:since|between|until|till|through|throughout|from|before|after|starting|effective"
    r"|(?:over|in|during) the (?:past|last))(?:\s+on)?\s+$"
    r"|\bbetween\s+\S+(?:\s+\S+){0,3}\s+and\s+$",
    re.IGNORECASE,
)
# "JAKARTA, Nov 18 (Reuters) -": a dateline says when the piece was filed, not when anything happened.
_DATELINE_BEFORE_RE = re.compile(r"[A-Z][A-Z.'\u2019 -]+,(?:\s*[A-Z][\w.'\u2019 -]*,)*\s*")

# Words that report speech: a date right after one is when something was said.
_REPORTING_VERBS = frozenset(
    """said says say told tells added adds stated wrote writes noted explained commented remarked
    insisted argued claimed""".split()
)
# A clause that opens with one of these leans on the clause before it.
# A sentence that opens with a pronoun or "this"/"that" needs the one before it.
_LEANING_OPENER_RE = re.compile(r"(?:it|he|she|they|this|that|these|those|its|his|her|their|there)\b", re.IGNORECASE)
# Words either side of a date within which an event word is taken to be what happened then.
_NEAR = 6

# How far before the first article's date a date still belongs to the story rather than its
# history: a strike's last pay offer was weeks before it, the founding of the firm decades.
_STORY_LEAD_DAYS = 31


@dataclass(frozen=True, slots=True)
class _Report:
    """One sentence's report of a dated event, and how well it reports it."""

    evidence: Mention
    """The sentence."""
    date: DateMention
    """The date expression in it."""
    words: int
    """Its length in words."""
    score: float
    """How clearly it reports something happening at its date (higher is clearer)."""
    secondary: bool = False
    """Whether the sentence is more about another of its dates."""


def build_dates(articles: tuple[Article, ...]) -> tuple[DateMention, ...]:
    """Every date expression in every article, resolved against its publication date."""
    return tuple(
        found
        for article in articles
        for sentence in article.sentences
        for found in find_dates(article.text, article.published, sentence.start, sentence.end, article.id)
    )


def build_events(
    articles: tuple[Article, ...],
    dates: tuple[DateMention, ...],
    tokens_by_article: dict[int, list[Token]] | None = None,
) -> tuple[Event, ...]:
    """One event per date that the articles report something on, oldest first, each with its salience.

    Statements with the same resolved date are one event; its evidence is ordered best
    report first (clearest, then most like what the other articles say of that date), and
    its summary is the whole clauses of the report that says it best and most briefly.
    `tokens_by_article`, each article's tokens when the caller has them, spares tokenising
    its sentences again.
    """
    by_id = {a.id: a for a in articles}
    period = _story_period(articles)
    in_sentence: dict[tuple[int, int], list[DateMention]] = defaultdict(list)
    for date in dates:
        if not date.value or not date.precision:
            continue
        sentence = by_id[date.article].sentence_at(date.start)
        if sentence is not None and not sentence.heading:
            in_sentence[(date.article, sentence.start)].append(date)
    grouped: dict[tuple[str, str], dict[tuple[int, int], _Report]] = defaultdict(dict)
    # Each reporting sentence's content words, by (article, sentence start): read once, when its
    # reports are scored, and again when its event ranks them.
    content_of: dict[tuple[int, int], set[str]] = {}
    for article in articles:
        headline = _content_words(article.title) if not article.title_derived else set()
        lead = next((s for s in article.sentences if not s.heading), None)
        tokens = tokens_by_article.get(article.id) if tokens_by_article is not None else None
        whole = (tokens, [t.start for t in tokens]) if tokens is not None else None
        for sentence in article.sentences:
            found = in_sentence.get((article.id, sentence.start), [])
            implied = article.published if sentence is lead else None
            for report in _sentence_reports(article, sentence, found, implied, headline, period, content_of, whole):
                same_date = grouped[(report.date.value or "", report.date.precision or "")]
                key = (article.id, sentence.start)
                if key not in same_date or report.score > same_date[key].score:
                    same_date[key] = report
    events = []
    for (value, precision), reports in grouped.items():
        ranked = _best_first(list(reports.values()), content_of)
        evidence = tuple(r.evidence for r, _ in ranked)
        sources = tuple(sorted({m.article for m in evidence}))
        events.append(
            Event(
                value,
                precision,
                _summary(ranked, by_id),
                sources,
                evidence,
                _salience([r for r, _ in ranked], precision, by_id),
            )
        )
    events.sort(key=lambda e: (e.date, -len(e.sources)))
    return tuple(events)


def most_salient(events: tuple[Event, ...], limit: int) -> list[Event]:
    """The `limit` events that move the story most, oldest first.

    Background (a vague year, a span's edge) comes in only when nothing better is left.
    """
    ranked = sorted(events, key=lambda e: (-e.salience, _descending(e.date)))
    chosen: list[Event] = []
    for event in ranked:
        if len(chosen) >= limit:
            break
        # "between 2016 and 2018" makes two events of one sentence; say it once.
        if any(event.evidence[0] == other.evidence[0] or event.summary == other.summary for other in chosen):
            continue
        chosen.append(event)
    return sorted(chosen, key=lambda e: (e.date, e.precision))


def _descending(value: str) -> tuple[int, ...]:
    """A date's parts negated, so that among equals the newest sorts first."""
    return tuple(-int(part) for part in value.split("-"))


def _story_period(articles: tuple[Article, ...]) -> tuple[dt.date, dt.date] | None:
    """From a month before the first article to the end of time: when the story happens."""
    published = [a.published for a in articles if a.published]
    if not published:
        return None
    return min(published) - dt.timedelta(days=_STORY_LEAD_DAYS), dt.date.max


def _in_period(value: str, precision: str, period: tuple[dt.date, dt.date] | None) -> bool:
    """Whether a resolved date falls (at least partly) in the story's period."""
    if period is None:
        return precision == "day"  # no dates to place it by: a day is the likeliest news
    parts = [int(p) for p in value.split("-")]
    if precision == "year":
        last = dt.date(parts[0], 12, 31)
    elif precision in ("month", "quarter"):
        months = 3 if precision == "quarter" else 1
        year, month = divmod(parts[1] - 1 + months, 12)
        last = dt.date(parts[0] + year, month + 1, 1) - dt.timedelta(days=1)
    else:
        last = dt.date(parts[0], parts[1], parts[2]) + dt.timedelta(days=6 if precision == "week" else 0)
    return last >= period[0]


def _sentence_reports(
    article: Article,
    sentence: Sentence,
    found: list[DateMention],
    published: dt.date | None,
    headline: set[str],
    period: tuple[dt.date, dt.date] | None,
    content_of: dict[tuple[int, int], set[str]],
    whole: tuple[list[Token], list[int]] | None = None,
) -> list[_Report]:
    """What one sentence reports about each of its dates; its content words go into `content_of`.

    A lead sentence with no day of its own ("A naval architect has told a jury ...") reports
    its publication day, when it echoes its headline: that is the news of the day. `whole` is
    the article's tokens and their offsets, if the caller has them.
    """
    if not found and published is None:
        return []
    text = article.text
    if whole is None:
        tokens = tokenize(text, sentence.start, sentence.end)
    else:
        tokens = tokens_in_span(text, whole[0], whole[1], sentence.start, sentence.end)
    words = [t.lower for t in tokens]
    content = content_of[(article.id, sentence.start)] = _content_words_of(tokens)
    echoes_headline = len(content & headline) >= 2
    reports = [
        r for r in (_report(article, sentence, words, date, found, echoes_headline, period) for date in found) if r
    ]
    if published and echoes_headline and not any(r.date.precision == "day" for r in reports):
        day = DateMention(article.id, sentence.start, sentence.start, "", published.isoformat(), "day", True)
        implied = _report(article, sentence, words, day, [], echoes_headline, period)
        if implied:
            reports.append(implied)
    # A sentence with two dates is about one of them ("will vote on Monday, leaders said this
    # afternoon"): the other date's event is better told by another sentence, if it has one.
    best = max((r.score for r in reports), default=0.0)
    return [r if r.score >= best else _Report(r.evidence, r.date, r.words, r.score, secondary=True) for r in reports]


def _report(
    article: Article,
    sentence: Sentence,
    words: list[str],
    date: DateMention,
    found: list[DateMention],
    echoes_headline: bool,
    period: tuple[dt.date, dt.date] | None,
) -> _Report | None:
    """How well `sentence` reports something happening at `date`; None for a dateline."""
    text = article.text
    before = text[sentence.start : date.start]
    # A dateline opens a paragraph, the story's first one, though summary bullets may stand before it.
    opens_paragraph = sentence.index == 0 or article.sentences[sentence.index - 1].paragraph != sentence.paragraph
    if date.end > date.start and opens_paragraph and _DATELINE_BEFORE_RE.fullmatch(before):
        return None  # the filing date: the sentence's own dates say when things happened
    position = token_count(before)
    eventful = any(w in EVENT_WORDS for w in words)
    spoken = any(w in _REPORTING_VERBS for w in words[max(0, position - 3) : position])
    score = 1.0
    if eventful:
        score += 1.0  # says something happened, not only that someone spoke or something is so
        if any(w in EVENT_WORDS for w in words[max(0, position - _NEAR) : position + _NEAR]):
            score += 0.5  # and next to the date: "collapsed on April 21"
    if _BACKGROUND_BEFORE_RE.search(before[-60:]):
        pass  # a span's edge or a reference point, not the time of what the sentence reports
    elif spoken and any(other.start < date.start for other in found if other is not date):
        pass  # "will vote on Monday, leaders said this afternoon": when it was said, not done
    elif _in_period(date.value or "", date.precision or "", period):
        score += 1.0 if eventful or not spoken else 0.5  # a comment alone is a small event
    else:
        score += 0.3  # history: its own time, but long before the story
    if echoes_headline:
        score += 1.0  # the headline says what the piece is about, and its lead says it again
    elif sentence.paragraph <= 1:
        score += 0.5  # a news story says what happened first
    return _Report(Mention(article.id, sentence.start, sentence.end), date, len(words), score)


def _best_first(reports: list[_Report], content_of: dict[tuple[int, int], set[str]]) -> list[tuple[_Report, float]]:
    """An event's reports, clearest first; among equally clear ones, the one most like the others.

    What most articles say of a date is what happened then: a report is scored by the
    share of other articles whose reports of the date use each of its content words.
    Linear in the reports' words, so a date a thousand articles mention stays cheap.
    """
    words_of: list[set[str]] = []
    articles_using: dict[str, set[int]] = defaultdict(set)
    for report in reports:
        m = report.evidence
        content = content_of[(m.article, m.start)]
        words_of.append(content)
        for word in content:
            articles_using[word].add(m.article)
    others = len({r.evidence.article for r in reports}) - 1
    keyed = []
    for report, content in zip(reports, words_of, strict=True):
        shared = 0.0
        if others and content:
            shared = sum(len(articles_using[w]) - 1 for w in content) / (len(content) * others)
        # A sentence more about another of its dates tells this one only when nothing else does.
        keyed.append(
            (
                -(report.score + shared - report.secondary),
                report.words,
                report.evidence.article,
                report.evidence.start,
                report,
            )
        )
    keyed.sort(key=lambda k: k[:4])
    return [(k[-1], -k[0]) for k in keyed]


def _content_words(text: str) -> set[str]:
    """The stems of a text's words that carry meaning: no function words, no numbers."""
    return _content_words_of(tokenize(text))


def _content_words_of(tokens: list[Token]) -> set[str]:
    """The stems of the tokens that carry meaning: no function words, no numbers."""
    common = stopwords()
    return {stem(t.lower) for t in tokens if len(t.lower) > 2 and t.lower not in common and not t.lower[0].isdigit()}


def _salience(ranked: list[_Report], precision: str, by_id: dict[int, Article]) -> float:
    """How much an event moves the story: its best report, then corroboration by further outlets."""
    best_per_outlet: dict[str, float] = {}
    for report in ranked:
        article = by_id[report.evidence.article]
        # Two pieces of one outlet are one voice; a piece without a named outlet is its own.
        outlet = (article.source or "").casefold() or f"#{article.id}"
        best_per_outlet.setdefault(outlet, report.score)
    scores = sorted(best_per_outlet.values(), reverse=True)
    return _PRECISION_WEIGHT.get(precision, 0.25) * (scores[0] + 0.5 * sum(scores[1:]))


def _summary(ranked: list[tuple[_Report, float]], by_id: dict[int, Article]) -> str:
    """The event in whole clauses, from the report that states it best and briefly.

    Shorter evidence is chosen over cutting longer evidence: among the clearest reports
    (within a point of the best), one that fits in SUMMARY_WORDS wins over one that does
    not, and a clause that cannot stand alone ("which oversees transport, ...") loses to
    a whole sentence.
    """
    best = ranked[0][1]
    candidates = []
    for report, clarity in ranked:
        if clarity < best - 1.0:
            break
        m = report.evidence
        text = by_id[m.article].text
        said = clause(text, m.start, m.end, report.date.start, report.date.end, SUMMARY_WORDS)
        if opens_dependent(said):
            said = text[m.start : m.end].strip()  # the whole sentence, rather than half a thought
        words = word_count(said)
        # "It wants ..." leans on the sentence before it: on a timeline it says nothing alone.
        leans = bool(_LEANING_OPENER_RE.match(said))
        candidates.append((leans, words > SUMMARY_WORDS, -clarity, words, said))
    return min(candidates)[-1]
