"""The one-page Markdown brief: the index as an analyst would hand it to a colleague.

One page is at most 600 words by default (see `brief_words`; `render_brief(words=N)`
sets another length). The brief is assembled with generous lists and then trimmed,
least important material first, until it fits; a shortened section says how many more
items the app and `briefing json` hold. Article text is quoted in whole sentences or
whole clauses, never cut at a word limit: a brief is shortened by choosing shorter
sentences and fewer of them. Article text is escaped so that nothing in it can become
Markdown markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from briefing.index import DocumentIndex
from briefing.model import Article, Discrepancy, Entity, Event, Fact, OpenIssue, Sentence
from briefing.views.document import (
    OPTIONAL_SECTIONS,
    Block,
    BriefDocument,
    BulletList,
    ChartEvent,
    Citations,
    Code,
    CoverageChart,
    Line,
    Link,
    NumberedList,
    Paragraph,
    Section,
    SectionKind,
    SourceLabel,
    Strong,
    Table,
    Words,
)
from briefing.views.formats.markdown import escaped, to_markdown
from briefing.views.labels import cited_numbers, human_date, uncited_count

if TYPE_CHECKING:  # the state module brings sqlite3, which a brief without state never needs
    from briefing.store.state import DossierState
from briefing.language.text import (
    clause,
    opens_dependent,
    shorten,
    split_sentences,
    stem,
    stopwords,
    tokenize,
    without_discourse_opener,
    word_count,
)

MAX_WORDS = 600
"""The default length of a brief, in words."""
MIN_WORDS = 150
"""The shortest brief worth asking for: a bottom line, the sources it cites, a line on what did not fit."""

ALL_SECTIONS = frozenset(OPTIONAL_SECTIONS)
"""Every section a brief may hold; `make_brief(sections=...)` takes a subset."""


def md_escape(text: str) -> str:
    """Article-derived text made safe to place inside Markdown: every markup character escaped."""
    return escaped(_one_line(text))


def _one_line(text: str) -> str:
    """Dossier text as the brief shows it: on one line, spaces made single."""
    return " ".join(text.split())


def _plain(text: str) -> Words:
    """Article text as a piece of the brief (see `_one_line`)."""
    return Words(_one_line(text))


def _citations(sources: tuple[int, ...] | list[int]) -> Citations:
    """The sources as `labels.cite` shows them: the first few by number, and a count of the rest."""
    return Citations(tuple(cited_numbers(sources)), uncited_count(sources))


def brief_words(markdown: str) -> int:
    """Words in a brief as a reader counts them: a link counts as one word, markup as none."""
    return word_count(re.sub(r"<[a-z]+://[^>\s]+>", "link", markdown))


@dataclass(slots=True)
class _Budget:
    """How many items of each section the page shows."""

    bottom: int = 5
    """Pieces of the bottom line, in `_BottomLine.pieces` order."""
    facts: int = 6
    issues: int = 6
    events: int = 8
    people: int = 6
    differences: int = 6
    notes: int = 8
    all_sources: bool = True
    source_titles: bool = True
    """Whether the sources show their headlines and addresses; a very short page names only outlet and date."""


# Trimmed first to last: the analyst's own notes and the bottom line are the last things to go.
_TRIM_ORDER = ("people", "differences", "events", "issues", "facts", "bottom", "notes")
# The lists, shortened in turn once every section is at its first floor.
_LISTS = ("people", "differences", "events", "issues", "facts")
# How far each section may be shortened, stage by stage: first to a useful list, then to one
# item each, then away (a line says what did not fit); the bottom line keeps one sentence.
_STAGES = (
    _Budget(bottom=4, facts=4, issues=2, events=3, people=2, differences=1, notes=3, all_sources=False),
    _Budget(bottom=2, facts=1, issues=1, events=1, people=1, differences=1, notes=1, all_sources=False),
    _Budget(bottom=1, facts=0, issues=0, events=0, people=0, differences=0, notes=0, all_sources=False),
)


def render_brief(
    index: DocumentIndex,
    state: DossierState | None = None,
    words: int = MAX_WORDS,
    sections: frozenset[SectionKind] = ALL_SECTIONS,
) -> str:
    """The brief for `index` as Markdown, at most `words` words (see `make_brief`)."""
    return to_markdown(make_brief(index, state, words, sections))


def make_brief(
    index: DocumentIndex,
    state: DossierState | None = None,
    words: int = MAX_WORDS,
    sections: frozenset[SectionKind] = ALL_SECTIONS,
) -> BriefDocument:
    """The brief for `index`, at most `words` words as its Markdown counts them; with the
    reader's `state`, their notes and stars too. `sections` are the optional sections to hold
    (the bottom line and the sources are always there); every format writes this one choice.
    """
    # Listing every source only makes sense for a small dossier.
    budget = _Budget(all_sources=len(index.articles) <= 30)
    # The issues a dossier's briefing.toml names are the analyst's own list: they stay, as notes do.
    configured = sum(1 for issue in index.issues if not issue.proposed)
    budget.issues = max(budget.issues, configured)
    stages = [
        dataclasses.replace(floors, issues=max(floors.issues, configured if n < 2 else 0))
        for n, floors in enumerate(_STAGES)
    ]
    # Shortening re-renders the brief many times; every piece is made once and reused.
    memo: dict[tuple, object] = {}
    turn = 0
    while True:
        brief = _compose(index, budget, state, memo, sections)
        if brief_words(to_markdown(brief)) <= words:
            return brief
        if budget.all_sources:
            budget.all_sources = False
            continue
        name = _next_to_trim(budget, stages, turn)
        if name is None:
            if budget.source_titles:
                budget.source_titles = False
                continue
            return brief
        if name in _LISTS:
            turn = _LISTS.index(name) + 1
        setattr(budget, name, getattr(budget, name) - 1)


def _next_to_trim(budget: _Budget, stages: list[_Budget], turn: int) -> str | None:
    """The section to shorten by one item, or None when every section is at its last floor.

    Down to the first stage's floors, in order of least importance; past them, the page
    length still wins: each further stage shortens the lists in turn, one item each, so that
    no list is emptied while the others keep more, and only then the bottom line and the
    analyst's notes.
    """
    above = lambda name, floors: getattr(budget, name) > getattr(floors, name)  # noqa: E731
    first = next((name for name in _TRIM_ORDER if above(name, stages[0])), None)
    if first is not None:
        return first
    for floors in stages[1:]:
        for step in range(len(_LISTS)):
            name = _LISTS[(turn + step) % len(_LISTS)]
            if above(name, floors):
                return name
        for name in ("bottom", "notes"):
            if above(name, floors):
                return name
    return None


def _once(memo: dict[tuple, Any], key: tuple, make: Callable[[], Any]) -> Any:
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _with_citations(make: Callable[[set[int]], Any]) -> Callable[[], tuple[Any, frozenset[int]]]:
    """A maker of a piece that also reports the articles it cites, for `_once`."""

    def made() -> tuple[Any, frozenset[int]]:
        cited: set[int] = set()
        return make(cited), frozenset(cited)

    return made


def _more(count: int, noun: str) -> Paragraph | None:
    """The line that says a section was shortened and where the rest is; None when it was not."""
    if count <= 0:
        return None
    return Paragraph(((Words(f"{count} more {noun} in the app and "), Code("briefing json"), Words(".")),))


def _compose(
    index: DocumentIndex,
    budget: _Budget,
    state: DossierState | None,
    memo: dict[tuple, Any],
    chosen: frozenset[SectionKind],
) -> BriefDocument:
    cited: set[int] = set()
    sections: list[Section] = []
    # Sections with something to say and no room for it on this page, said in one line.
    left_out: list[str] = []

    def section(kind: SectionKind, heading: str, *blocks: Block | None) -> None:
        sections.append(Section(kind, heading, tuple(b for b in blocks if b is not None)))

    story = _once(memo, ("story",), lambda: _Story(index))
    bottom: _BottomLine = _once(memo, ("bottom",), lambda: _bottom_line(index, story))
    shown = bottom.shown(budget.bottom)
    section(SectionKind.BOTTOM_LINE, "Bottom line", Paragraph(tuple(piece.line for piece in shown)))
    for piece in shown:
        cited.update(piece.cited)

    notes = _once(memo, ("notes",), lambda: _analyst_notes(index, state) if state else [])
    if SectionKind.NOTES not in chosen:
        pass
    elif notes and budget.notes:
        items = [line for line, _ in notes[: budget.notes]]
        cited.update(article_id for _, article_id in notes[: budget.notes])
        if len(notes) > budget.notes:
            items.append((Words(f"{len(notes) - budget.notes} more notes and stars are kept in briefing."),))
        section(SectionKind.NOTES, "Analyst notes", BulletList(tuple(items)))
    elif notes:
        left_out.append(f"{len(notes)} analyst notes and stars")

    facts: list[tuple[Fact, _Quote]] = _once(memo, ("facts",), lambda: _key_facts(index, story, bottom))
    # Sentences the bottom line and the key facts quote: the timeline and the issues say something else.
    quoted = bottom.quoted | {(q.article, q.sentence) for _, q in facts}
    if SectionKind.FACTS not in chosen:
        pass
    elif facts and budget.facts:
        numbered = []
        for number, (fact, quote) in enumerate(facts[: budget.facts], start=1):
            numbered.append((number, (_plain(quote.text), Words(" "), _citations(fact.sources))))
            cited.update(cited_numbers(fact.sources))
        section(
            SectionKind.FACTS, "Key facts", NumberedList(tuple(numbered)), _more(len(facts) - budget.facts, "key facts")
        )
    elif facts:
        left_out.append(f"{len(facts)} key facts")

    if SectionKind.ISSUES not in chosen:
        pass
    elif index.issues and budget.issues:
        rows = _once(memo, ("issues",), lambda: _issue_rows(index, quoted))
        for _, articles in rows[: budget.issues]:
            cited.update(articles)
        table = Table(("Issue", "Status", "Latest development", "Sources"), tuple(r for r, _ in rows[: budget.issues]))
        section(SectionKind.ISSUES, "Open issues", table, _more(len(rows) - budget.issues, "open issues"))
    elif index.issues:
        left_out.append(f"{len(index.issues)} open issues")

    events = _once(memo, ("timeline", budget.events), lambda: _timeline(index.events, budget.events))
    if SectionKind.TIMELINE not in chosen:
        pass
    elif events:
        lines = []
        for event in events:
            lines.append(
                _once(memo, ("event", event.date, event.precision, event.evidence[0]), partial(_event_line, event))
            )
            cited.update(cited_numbers(event.sources))
        more = _more(len(index.events) - len(events), "dated events")
        section(SectionKind.TIMELINE, "Timeline", BulletList(tuple(lines)), more)
    elif index.events:
        left_out.append(f"{len(index.events)} dated events")

    everyone = _once(memo, ("people",), lambda: _people(index.entities, len(index.entities)))
    people = everyone[: budget.people]
    if SectionKind.PEOPLE not in chosen:
        pass
    elif people:
        lines = []
        for person in people:
            lines.append(_once(memo, ("person", person.id), partial(_person_line, person)))
            cited.update(cited_numbers(person.articles))
        section(SectionKind.PEOPLE, "People", BulletList(tuple(lines)), _more(len(everyone) - len(people), "people"))
    elif everyone:
        left_out.append(f"{len(everyone)} people")

    differences = _once(memo, ("differences",), lambda: _ranked_differences(index.discrepancies))[: budget.differences]
    if SectionKind.DIFFERENCES not in chosen:
        pass
    elif differences:
        lines = []
        for difference in differences:
            key = ("difference", difference.about, difference.kind, difference.variants[0].text)
            lines.append(_once(memo, key, partial(_difference_line, difference)))
            for variant in difference.variants[:_VARIANTS_SHOWN]:
                cited.update(cited_numbers(variant.sources))
        more = _more(len(index.discrepancies) - len(differences), "differences between sources")
        section(SectionKind.DIFFERENCES, "Where sources differ", BulletList(tuple(lines)), more)
    elif index.discrepancies:
        left_out.append(f"{len(index.discrepancies)} differences between sources")

    if left_out:
        no_room = (
            Words("No room on this page for " + _listed(left_out) + "; the app and "),
            Code("briefing json"),
            Words(" hold them."),
        )
        sections.append(Section(SectionKind.LEFT_OUT, None, (Paragraph((no_room,)),)))

    shown_sources = [a for a in index.articles if budget.all_sources or a.id in cited]
    listed: list[tuple[int, Line]] = []
    for article in shown_sources:
        if budget.source_titles:
            listed.append((article.id, _once(memo, ("source", article.id), partial(_source_line, article))))
        else:
            listed.append((article.id, (Words(_outlet_and_date(article) + "."),)))
    further = None
    if len(shown_sources) < len(index.articles):
        left = len(index.articles) - len(shown_sources)
        further = Paragraph(((Words(f"{left} further article{' is' if left == 1 else 's are'} not cited above."),),))
    section(SectionKind.SOURCES, "Sources", NumberedList(tuple(listed)), further)
    labels = {
        article.id: SourceLabel(
            _outlet(article), _published(article), article.url if article.url and _safe_url(article.url) else None
        )
        for article in shown_sources
    }
    return BriefDocument(
        _one_line(index.title),
        _once(memo, ("coverage",), lambda: _coverage(index)),
        tuple(sections),
        labels,
        _once(memo, ("chart", budget.events), lambda: coverage_chart(index, events)),
    )


def _listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _source_line(article: Article) -> Line:
    title = _one_line(shorten(article.title, 10)) + (" (title derived)" if article.title_derived else "")
    title += "" if title.endswith((".", "?", "!", "\u2026")) else "."
    line: Line = (Words(f"{title} {_outlet_and_date(article)}."),)
    if article.url and _safe_url(article.url):
        line += (Words(" "), Link(article.url))
    return line


def _outlet(article: Article) -> str:
    """The article's outlet as the brief names it, or that it is not known."""
    return _one_line(article.source) if article.source else "Source not identified"


def _published(article: Article) -> str:
    return human_date(article.published.isoformat() if article.published else None)


def _outlet_and_date(article: Article) -> str:
    return f"{_outlet(article)}, {_published(article)}"


# --- quoting whole sentences ---------------------------------------------------------------

# Longest quotes, in words, before a sentence gives way to the whole clauses that matter in it.
_SUMMARY_WORDS = 40
_FACT_WORDS = 32
_ISSUE_WORDS = 24

# A wire dateline opens the first sentence of many reports ("JAKARTA, Nov 18 (Reuters) - "):
# the place in capitals, perhaps a region and date, perhaps the agency, then a dash.
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z'.\-]+(?:\s[A-Z][A-Z'.\-]+)*(?:,\s[^,()\n\u2013\u2014]{1,30}){0,3}\s*(?:\([^()\n]{1,30}\))?\s*[-\u2013\u2014]{1,2}\s+"
)

# A sentence that opens with a pronoun or in the middle of a quotation leans on the one
# before it ("She said ...", "They cannot wait," said ...): out of its article it is unclear.
_LEANING_OPENERS = frozenset("he she it they this that these those his her its their him them we i you our us".split())


# Number words as figures, so "six dead" and "6 dead" are one figure of the story.
_NUMBER_WORDS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}


@dataclass(frozen=True, slots=True)
class _Quote:
    """A whole sentence of an article, or whole clauses of it, as the brief quotes it."""

    article: int
    """The article it is from."""
    sentence: int
    """Where its sentence starts in the article's text: two quotes of one sentence say the same."""
    text: str
    """The words shown, not yet escaped."""
    features: frozenset[str]
    """The names, figures and words of the story it carries (see `_Story`)."""
    clear: bool
    """Whether it can be understood without the sentence before it."""
    words: int
    """Its length in words."""


def _stands_alone(text: str) -> bool:
    """Whether a sentence can be read out of its article: not opening on a pronoun, in lower
    case or inside a quotation."""
    first = re.match(r"[^\W\d_]+", text)
    if not first or text[0].islower() or first.group().lower() in _LEANING_OPENERS:
        return False
    opening, closing = text.find("\u201c"), text.find("\u201d")
    if (closing >= 0 and (opening < 0 or closing < opening)) or text.count("\u201c") != text.count("\u201d"):
        return False
    return text.count('"') % 2 == 0


# Figures ("1,650", "3.5") and words (with inner apostrophes; a possessive 's is left off).
_FEATURE_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'(?!s\b)[^\W\d_]+)*")

# A name counts for more than a word: it says who or where.
_NAME_WEIGHT = 1.5


class _Story:
    """What the dossier's story is about: how widely each name, figure and word is used.

    A name's weight is the share of articles that mention it (times `_NAME_WEIGHT`: names
    say who and where); a word's, phrase's or figure's, the share of articles that use it.
    A sentence carries the story as far as it holds these; a brief made of sentences that
    between them hold the most says what a human summary would.
    """

    # Opening sentences of an article that count as its lead.
    LEAD_SENTENCES = 3
    # Sentences of each article read for how widely a word is used: news puts what matters
    # first, and a dossier of long articles is weighed as fast as one of short ones.
    SPREAD_SENTENCES = 12

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index
        count = max(1, len(index.articles))
        self.weights: dict[str, float] = {}
        for entity in index.entities:
            self.weights["e:" + entity.id] = _NAME_WEIGHT * len(entity.articles) / count
        spread: Counter[str] = Counter()
        read = _spread_out(index.articles, _ARTICLES_READ)
        count = max(1, len(read))
        for article in read:
            body = _body(article)[: self.SPREAD_SENTENCES]
            spread.update(
                self.words(article.title) | self.words(article.text[body[0].start : body[-1].end] if body else "")
            )
        for feature, articles in spread.items():
            # A word only one article uses is that article's, not the story's.
            if articles >= 2 or count == 1:
                self.weights.setdefault(feature, articles / count)
        self._marks = {article_id: ([m[0] for m in marks], marks) for article_id, marks in index.highlights.items()}

    @staticmethod
    def words(text: str) -> set[str]:
        """The figures, content words and two-word phrases of `text`, as features.

        A phrase ("interest rate", "peace talks") that several articles use names a
        thing of the story more surely than either word alone.
        """
        stops = stopwords()
        found = set()
        previous = ""
        for low in _FEATURE_WORD_RE.findall(text.lower().replace("\u2019", "'")):
            if low[0].isdigit():
                found.add("n:" + low.replace(",", ""))
                previous = ""
            elif low in _NUMBER_WORDS:
                found.add("n:" + _NUMBER_WORDS[low])
                previous = ""
            elif len(low) >= 3 and low not in stops:
                word = stem(low)
                found.add("w:" + word)
                if previous:
                    found.add(f"p:{previous} {word}")
                previous = word
            else:
                previous = ""
        return found

    def features(self, article: int, start: int, end: int, shown: str) -> frozenset[str]:
        """The features of the quote `shown`, taken from `text[start:end]` of `article`."""
        found = self.words(shown)
        starts, marks = self._marks.get(article, ([], ()))
        text = self.index.article(article).text
        for at in range(bisect_left(starts, start), len(marks)):
            mark_start, mark_end, kind, ident = marks[at]
            if mark_start >= end:
                break
            if kind != "date" and text[mark_start:mark_end] in shown:
                found.add("e:" + ident)
        return frozenset(found)

    def gain(self, features: frozenset[str], covered: set[str]) -> float:
        """How much of the story `features` adds to what `covered` already says."""
        weights = self.weights
        # fsum, not sum: a set's order changes with the hash seed, a float sum's last bit with
        # the order, and the choice between two sentences as good as each other with that bit.
        return math.fsum(weights.get(f, 0.0) for f in features if f not in covered)

    def quote(self, article_id: int, start: int, end: int, focus: tuple[int, int] | None, max_words: int) -> _Quote:
        """The sentence at `text[start:end]` without its dateline; when longer than `max_words`,
        its whole clauses around `focus` (the sentence's start if None)."""
        text = self.index.article(article_id).text
        sentence_start = start
        dateline = _DATELINE_RE.match(text, start, end)
        if dateline and word_count(text[dateline.end() : end]) >= 6:
            start = dateline.end()
        focus_start, focus_end = focus or (start, start)
        shown = clause(text, start, end, max(focus_start, start), max(focus_end, start), max_words)
        shown = without_discourse_opener(" ".join(shown.split()))
        clear = _stands_alone(shown)
        if clear and word_count(shown) < word_count(text[start:end]):
            # A clause cut from its sentence that opens "as ..." or "which ..." is the half
            # that hangs on the other.
            clear = not opens_dependent(shown)
        return _Quote(
            article_id, sentence_start, shown, self.features(article_id, start, end, shown), clear, word_count(shown)
        )


# A dossier of thousands of articles is weighed and summarised from this many, spread over
# its dates: how widely a word is used is a share, which a sample measures as well.
_ARTICLES_READ = 400


def _spread_out(articles: tuple[Article, ...], limit: int) -> tuple[Article, ...]:
    """At most `limit` of the articles, evenly spread over them, the newest always among them."""
    if len(articles) <= limit:
        return articles
    step = len(articles) / limit
    return (*(articles[min(len(articles) - 1, int(i * step))] for i in range(limit - 1)), articles[-1])


def _body(article: Article) -> list[Sentence]:
    """The article's sentences of running text."""
    return [s for s in article.sentences if not s.heading]


# How much a longer quote must carry to be worth its length: 1 would weigh every word
# alike, 0 would ignore length; between, a long sentence that says more still wins.
_LENGTH_PENALTY = 0.5


def _value(story: _Story, quote: _Quote, covered: set[str]) -> float:
    """What a quote is worth per word read: new story it carries, less for long quotes."""
    return story.gain(quote.features, covered) / max(quote.words, 8) ** _LENGTH_PENALTY


# --- the bottom line ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    """One sentence of the bottom line, ready to print."""

    line: Line
    """The sentence with its citations."""
    cited: frozenset[int]
    """The articles it cites."""
    order: int
    """Where it stands in the bottom line: the story in date order, then the latest, then positions."""


@dataclass(frozen=True, slots=True)
class _BottomLine:
    """The bottom line's sentences, most needed first, and what they say between them."""

    pieces: tuple[_Piece, ...]
    """Most needed first; a shorter page shows the first few."""
    covered: frozenset[str]
    """The story features the bottom line carries (see `_Story`)."""
    quoted: frozenset[tuple[int, int]]
    """(article, sentence start) of every sentence it quotes."""

    def shown(self, count: int) -> list[_Piece]:
        """The first `count` pieces, in reading order."""
        return sorted(self.pieces[:count], key=lambda p: p.order)


# The summary is at most this many sentences of this many words between them.
_SUMMARY_SENTENCES = 3
_SUMMARY_TOTAL = 90
_LEDE_PRIOR = 1.3


def _bottom_line(index: DocumentIndex, story: _Story) -> _BottomLine:
    """What happened, who, where, when and the key figures, in the articles' own sentences;
    then the latest development and what each side wants.

    The story sentences are chosen from the articles' leads and the key facts' sentences,
    each time the one that adds most of the story not yet said for its length.
    """
    cites: dict[tuple[int, int], tuple[int, ...]] = {}
    candidates: dict[tuple[int, int], _Quote] = {}
    # A news story's first sentence is written to summarise it: it counts for more.
    prior: dict[tuple[int, int], float] = {}
    for article in _spread_out(index.articles, _ARTICLES_READ):
        for n, sentence in enumerate(_body(article)[:2]):
            quote = story.quote(article.id, sentence.start, sentence.end, None, _SUMMARY_WORDS)
            candidates[(article.id, sentence.start)] = quote
            prior[(article.id, sentence.start)] = _LEDE_PRIOR if n == 0 else 1.0
    for fact in index.facts[:_FACT_POOL]:
        for mention in fact.evidence[:_EVIDENCE_WEIGHED]:
            evidence = index.article(mention.article).sentence_at(mention.start)
            if evidence is None:
                continue
            key = (mention.article, evidence.start)
            cites.setdefault(key, fact.sources)
            if key not in candidates:
                candidates[key] = story.quote(mention.article, evidence.start, evidence.end, None, _SUMMARY_WORDS)
    clear = [q for q in candidates.values() if q.clear and q.words >= 6]

    covered: set[str] = set()
    chosen: list[_Quote] = []
    words = 0
    while len(chosen) < _SUMMARY_SENTENCES:
        fitting = [q for q in clear if q not in chosen and words + q.words <= _SUMMARY_TOTAL]
        if not fitting:
            break
        best = max(
            fitting,
            key=lambda q: (
                prior.get((q.article, q.sentence), 1.0) * _value(story, q, covered),
                -q.article,
                -q.sentence,
            ),
        )
        if story.gain(best.features, covered) <= 0:
            break
        chosen.append(best)
        covered |= best.features
        words += best.words

    dated = [a for a in index.articles if a.published]
    newest = dated[-1] if dated else None
    latest: _Quote | None = next((q for q in chosen if newest and q.article == newest.id), None)
    if newest and latest is None:
        # The newest article's lead says what is new; a lead that leans on what came before
        # gives way to the next clear sentence.
        # Syndicated copy repeats a sentence word for word: one the bottom line already quotes
        # is no news, and the newest article's next sentence of its lead is tried instead.
        said = {q.text.casefold() for q in chosen}  # `_Story.quote` puts a quote on one line
        lead = [
            story.quote(newest.id, s.start, s.end, None, _SUMMARY_WORDS) for s in _body(newest)[: _Story.LEAD_SENTENCES]
        ]
        own = [q for q in lead if q.text.casefold() not in said]
        latest = next((q for q in own if q.clear and q.words >= 6), own[0] if own else None)
        if latest is not None:
            covered |= latest.features

    def piece(quote: _Quote, order: int, label: str = "") -> _Piece:
        sources = cites.get((quote.article, quote.sentence), (quote.article,))
        line = (Words(label), _plain(quote.text), Words(" "), _citations(sources))
        return _Piece(line, frozenset(cited_numbers(sources)), order)

    # Most needed first: the story, the latest development, who else acts, what each side wants.
    summary = [piece(q, q.article * 1_000_000 + q.sentence) for q in chosen if q is not latest]
    pieces: list[_Piece] = summary[:2]
    if latest is not None and newest is not None and newest.published:
        pieces.append(piece(latest, 10**12, f"Latest ({human_date(newest.published.isoformat())}): "))
    involved = _also_involved(index, covered)
    if involved:
        pieces.append(_Piece((Words(involved),), frozenset(), 10**12 + 1))
    pieces += summary[2:]
    wants = _what_each_side_wants(index)
    if wants:
        pieces.append(_Piece((Words(wants),), frozenset(), 10**12 + 2))
    if not pieces:
        pieces.append(_Piece((Words("The articles give too little text to summarise."),), frozenset(), 0))
    quoted = frozenset((q.article, q.sentence) for q in chosen + ([latest] if latest else []))
    return _BottomLine(tuple(pieces), frozenset(covered), quoted)


# Organisations named in the bottom line when its sentences do not name them.
_INVOLVED = 5


def _also_involved(index: DocumentIndex, covered: set[str]) -> str:
    """One sentence naming the organisations most widely reported that the bottom line's
    sentences leave out: who acts in the story is part of what happened."""
    if len(index.articles) < 2:
        return ""
    spread = max(2, math.ceil(len(index.articles) / 4))
    named = [
        e
        for e in index.entities
        if e.kind == "organization"
        and "e:" + e.id not in covered
        and len(e.articles) >= spread
        and not _is_outlet(index, e)
    ]
    named.sort(key=lambda e: (-len(e.articles), e.name))
    if not named:
        return ""
    return "Also involved: " + ", ".join(_name_with_short_form(e) for e in named[:_INVOLVED]) + "."


def _is_outlet(index: DocumentIndex, entity: Entity) -> bool:
    """Whether the organisation is one of the dossier's outlets, which report the story rather than act in it."""
    outlets = {s.casefold() for s in index.sources()}
    return entity.name.casefold() in outlets or any(a.casefold() in outlets for a in entity.aliases)


def _name_with_short_form(entity: Entity) -> str:
    """ "World Health Organization (WHO)": the name and the initials the articles also use."""
    short = next((a for a in entity.aliases if re.fullmatch(r"[A-Z][A-Z0-9&]{1,6}", a) and a not in entity.name), None)
    return _one_line(entity.name) + (f" ({short})" if short else "")


# --- key facts -----------------------------------------------------------------------------

# Key facts are chosen among the most widely reported this many.
_FACT_POOL = 40
# Of a fact reported by hundreds of articles, the sentences of this many are weighed.
_EVIDENCE_WEIGHED = 8
# A fact that adds less than this share of what it says to the page repeats what is there.
_NEW_ENOUGH = 0.35


def _key_facts(index: DocumentIndex, story: _Story, bottom: _BottomLine) -> list[tuple[Fact, _Quote]]:
    """The key facts worth a line, each in its shortest clear sentence, chosen for what they add.

    The most widely reported come first, as long as they say something the bottom line and
    the facts before them have not: five wordings of one figure are one fact on a page.
    """
    pool = []
    for fact in index.facts[:_FACT_POOL]:
        sentences = {
            (m.article, s.start)
            for m in fact.evidence
            if (s := index.article(m.article).sentence_at(m.start)) is not None
        }
        if sentences & bottom.quoted:
            continue  # the bottom line already quotes it
        pool.append((fact, _fact_quote(index, story, fact)))
    covered = set(bottom.covered)
    chosen: list[tuple[Fact, _Quote]] = []

    # `covered` grows in place below, so each round weighs the facts against what is chosen by then.
    def worth(item: tuple[Fact, _Quote]) -> float:
        fact, quote = item
        return math.sqrt(len(fact.sources)) * _value(story, quote, covered) * (1.0 if quote.clear else 0.5)

    while pool:
        best = max(pool, key=worth)
        pool.remove(best)
        total = story.gain(best[1].features, set())
        if total <= 0 or story.gain(best[1].features, covered) < _NEW_ENOUGH * total:
            continue
        chosen.append(best)
        covered |= best[1].features
    return chosen


def _fact_quote(index: DocumentIndex, story: _Story, fact: Fact) -> _Quote:
    """The fact in the shortest of its sentences that reads clearly on its own.

    A sentence too long for a line gives the clauses that hold what the sentences share.
    """
    quotes = []
    evidence = fact.evidence[:_EVIDENCE_WEIGHED]
    words_of = [story.words(index.article(m.article).text[m.start : m.end]) for m in evidence]
    for n, mention in enumerate(evidence):
        article = index.article(mention.article)
        sentence = article.sentence_at(mention.start)
        start, end = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
        shared = set().union(*(w for i, w in enumerate(words_of) if i != n)) if len(words_of) > 1 else words_of[0]
        quotes.append(
            story.quote(mention.article, start, end, _shared_focus(article.text, start, end, shared), _FACT_WORDS)
        )
    clear = [q for q in quotes if q.clear and q.words >= 6] or quotes
    return min(clear, key=lambda q: (q.words, q.article))


def _shared_focus(text: str, start: int, end: int, shared: set[str]) -> tuple[int, int]:
    """Where in `text[start:end]` the words other sentences share cluster: the middle one of them."""
    hits = [t for t in tokenize(text, start, end) if _Story.words(t.text) & shared]
    if not hits:
        return start, start
    middle = hits[len(hits) // 2]
    return middle.start, middle.end


# --- open issues and the timeline ------------------------------------------------------------


def _issue_rows(index: DocumentIndex, quoted: frozenset[tuple[int, int]]) -> list[tuple[tuple[Line, ...], list[int]]]:
    """The open-issues table's rows, one an issue, each with the articles it cites."""
    rows: list[tuple[tuple[Line, ...], list[int]]] = []
    quoting = _QuoteOnly(index)
    for issue in index.issues:
        latest: Line = (Words("not reported"),)
        if issue.latest:
            quote = _issue_latest(index, quoting, issue, quoted)
            latest = (Words(f"{human_date(issue.latest_date)}: "), _plain(quote.text))
        label = _one_line(issue.name) + (" (proposed)" if issue.proposed else "")
        cells: tuple[Line, ...] = ((Words(label),), (_plain(issue.status),), latest, (_citations(issue.articles),))
        rows.append((cells, cited_numbers(issue.articles)))
    return rows


def _issue_latest(
    index: DocumentIndex, quoting: _Story, issue: OpenIssue, quoted: frozenset[tuple[int, int]]
) -> _Quote:
    """The latest development on an issue: the sentence the index names, or a shorter clear one
    of the same article on the same issue when that one is long, leans on its neighbours or is
    already quoted above."""
    assert issue.latest is not None
    article = index.article(issue.latest.article)
    named = quoting.quote(article.id, issue.latest.start, issue.latest.end, issue.latest_focus, _ISSUE_WORDS)
    if named.clear and named.words <= _ISSUE_WORDS and (named.article, named.sentence) not in quoted:
        return named
    others = [
        quoting.quote(m.article, m.start, m.end, None, _ISSUE_WORDS) for m in issue.mentions if m.article == article.id
    ]
    # Only a sentence that names the issue itself can stand for its latest development.
    signals = [signal.lower()[:5] for signal in issue.signals]
    better = [
        q
        for q in others
        if q.clear
        and q.words <= _ISSUE_WORDS
        and (q.article, q.sentence) not in quoted
        and any(signal in q.text.lower() for signal in signals)
    ]
    return min(better, key=lambda q: (q.words, q.sentence)) if better else named


class _QuoteOnly(_Story):
    """Quoting without weighing: the sections that quote one given sentence need no story."""

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index
        self.weights = {}
        self._marks = {}


# --- the rest of the page ---------------------------------------------------------------------


def _analyst_notes(index: DocumentIndex, state: DossierState) -> list[tuple[Line, int]]:
    """(line, article cited) for each note on an article, note on a sentence, starred sentence
    and starred article, in that order."""
    lines: list[tuple[Line, int]] = []
    for article in index.articles:
        mine = state.of(article.id)
        if mine.note:
            star = "\u2605 " if mine.starred else ""
            line: Line = (
                Words(f"{star}Note on {_named(article)} "),
                Citations((article.id,)),
                Words(": "),
                _plain(_leading_sentences(mine.note, _NOTE_WORDS)),
            )
            lines.append((line, article.id))
    for noted in state.sentence_notes():
        # A starred sentence with a note is said once, on its note's line, as starred articles are.
        star = "\u2605 " if state.is_starred_sentence(noted.article, noted.text) else ""
        opening = _opening_clauses(noted.text, 20)
        line = (
            Words(f"{star}Note on the sentence \u201c{opening}\u201d "),
            Citations((noted.article,)),
            Words(": "),
            _plain(_leading_sentences(noted.note, _NOTE_WORDS)),
        )
        lines.append((line, noted.article))
    for sentence in state.starred_sentences():
        if state.sentence_note(sentence.article, sentence.text):
            continue
        kind = {"fact": "Key fact", "issue": "On an open issue"}.get(sentence.kind, "Marked")
        line = (
            Words(f"\u2605 {kind}: {_opening_clauses(sentence.text, 30)} "),
            Citations((sentence.article,)),
        )
        lines.append((line, sentence.article))
    for article in index.articles:
        mine = state.of(article.id)
        if mine.starred and not mine.note:
            lines.append(((Words(f"\u2605 Starred: {_named(article)} "), Citations((article.id,))), article.id))
    return lines


def _named(article: Article) -> str:
    """An article as a note names it: its headline in quotes; one without a headline by its outlet."""
    if not article.title_derived:
        return f"\u201c{_one_line(article.title)}\u201d"
    return f"the untitled article from {_one_line(article.source)}" if article.source else "the untitled article"


# A note longer than this shows its first whole sentences that fit and says it goes on.
_NOTE_WORDS = 45


def _leading_sentences(text: str, max_words: int) -> str:
    """The first whole sentences of `text` that fit in `max_words` (at least the first), and a
    word that the rest is in briefing."""
    text = " ".join(text.split())
    if word_count(text) <= max_words:
        return text
    kept: list[str] = []
    words = 0
    for start, end in split_sentences(text, 0, len(text)):
        count = word_count(text[start:end])
        if kept and words + count > max_words:
            break
        kept.append(text[start:end])
        words += count
    return " ".join(kept) + " (continued in briefing)"


def _opening_clauses(sentence: str, max_words: int) -> str:
    """The whole clauses a sentence opens with, as many as fit in `max_words`."""
    sentence = " ".join(sentence.split())
    return clause(sentence, 0, len(sentence), 0, 0, max_words)


def _safe_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>]+", url))


_OUTLETS_NAMED = 8


def _coverage(index: DocumentIndex) -> Paragraph:
    count = len(index.articles)
    sources = index.sources()
    parts = [f"{count} article{'s' if count != 1 else ''}"]
    if sources:
        # A big dossier's hundred outlets would fill the page; the first few say what kind they are.
        named = ", ".join(sources[:_OUTLETS_NAMED]) + (
            f" and {len(sources) - _OUTLETS_NAMED} more" if len(sources) > _OUTLETS_NAMED else ""
        )
        parts.append(f"{len(sources)} identified outlet{'s' if len(sources) != 1 else ''} ({_one_line(named)})")
    span = index.date_span()
    if span:
        parts.append(human_date(span[0]) if span[0] == span[1] else f"{human_date(span[0])} to {human_date(span[1])}")
    undated = sum(1 for a in index.articles if not a.published)
    if undated:
        parts.append(f"{undated} undated")
    return Paragraph(((Words(" · ".join(parts)),),), emphasis=True)


def _what_each_side_wants(index: DocumentIndex) -> str:
    """One sentence: for each side, the issues it raised, proposed or demanded, and what was agreed."""
    by_side: dict[str, dict[str, str]] = {}
    agreed: list[str] = []
    for issue in index.issues:
        for position in issue.positions:
            if position.action == "agreed" and position.side == "both sides":
                if issue.name not in agreed:
                    agreed.append(issue.name)
            elif position.action in ("demanded", "proposed", "raised", "rejected"):
                by_side.setdefault(position.side, {}).setdefault(issue.name, position.action)
    parts = []
    for side, issues in sorted(by_side.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]:
        listed = ", ".join(f"{_one_line(name)} ({action})" for name, action in issues.items())
        parts.append(f"{_one_line(side)}: {listed}")
    if agreed:
        parts.append("both sides agreed on steps for " + ", ".join(_one_line(a) for a in agreed))
    return ("Positions: " + "; ".join(parts) + ".") if parts else ""


def _timeline(events: tuple[Event, ...], limit: int) -> list[Event]:
    """The `limit` events that move the story most, shown oldest first."""
    from briefing.analysis.timeline import most_salient

    return most_salient(events, limit)


def _people(entities: tuple[Entity, ...], limit: int) -> list[Entity]:
    people = [e for e in entities if e.kind == "person" and (e.roles or len(e.articles) >= 2)]
    return people[:limit]


def _event_line(event: Event) -> Line:
    date = human_date(event.date, event.precision)
    return (Strong(date), Words(": "), _plain(event.summary), Words(" "), _citations(event.sources))


def _person_line(person: Entity) -> Line:
    name = _one_line(person.name)
    surname = name.split()[-1]
    spellings = [a for a in person.aliases if a.split()[-1] != surname]
    full = [a for a in spellings if len(a.split()) > 1] or spellings
    also = (" (also " + ", ".join(_one_line(s) for s in full[:2]) + ")") if full else ""
    roles = person.key_roles
    role_text = ": " + "; ".join(_one_line(r) for r in roles) if roles else ""
    return (Strong(name), Words(f"{also}{role_text} "), _citations(person.articles))


_VARIANTS_SHOWN = 3
_KIND_ORDER = {"figure": 0, "date": 1, "spelling": 2, "role": 3, "quote": 4}


def _ranked_differences(discrepancies: tuple[Discrepancy, ...]) -> list[Discrepancy]:
    """Figures first, then dates, spellings, roles and quotations; within each, the most sourced first."""
    return sorted(discrepancies, key=lambda d: (_KIND_ORDER.get(d.kind, 9), -sum(len(v.sources) for v in d.variants)))


def _difference_line(difference: Discrepancy) -> Line:
    about = _one_line(difference.about[:1].upper() + difference.about[1:])
    line: Line = (Strong(about), Words(": "))
    for n, variant in enumerate(difference.variants[:_VARIANTS_SHOWN]):
        line += (Words(" · "),) if n else ()
        line += (_plain(variant.text), Words(" "), _citations(variant.sources))
    return line


def default_filename(index: DocumentIndex, today: dt.date | None = None, suffix: str = ".md") -> str:
    """A file name for the brief: the dossier's title and today's date, with `suffix` (its format's)."""
    today = today or dt.date.today()
    slug = re.sub(r"[^a-z0-9]+", "-", index.title.lower()).strip("-")[:60].strip("-") or "briefing"
    return f"{slug}-{today.isoformat()}{suffix}"


# --- coverage over time, for the formats that draw it --------------------------------------------

# Outlets drawn on their own; the rest are one series.
_CHART_OUTLETS = 5
# More bars than this are grouped into weeks, then months.
_CHART_BARS = 45
# How long before the first article a key event may be and still be drawn.
_CHART_LEAD_DAYS = 31


def coverage_chart(index: DocumentIndex, events: list[Event]) -> CoverageChart | None:
    """Articles per day (week, month) by outlet, with `events` marked; None with under two dated articles."""
    dated = [a for a in index.articles if a.published]
    if len(dated) < 2:
        return None
    first = min(a.published for a in dated if a.published)
    last = max(a.published for a in dated if a.published)
    # A key event shortly before the first report (the talks the day before the first
    # article) belongs on the chart; one from years before would squash it.
    for event in events:
        day = _event_day(event)
        if day is not None and first - dt.timedelta(days=_CHART_LEAD_DAYS) <= day < first:
            first = day
    unit = "day"
    if (last - first).days + 1 > _CHART_BARS:
        unit = "week" if (last - first).days // 7 + 1 <= _CHART_BARS else "month"
    starts = _bar_starts(first, last, unit)
    position = {start: n for n, start in enumerate(starts)}
    counts: Counter[str] = Counter(_outlet(a) for a in dated)
    named = [outlet for outlet, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_CHART_OUTLETS]]
    series = {outlet: [0] * len(starts) for outlet in named}
    other = [0] * len(starts)
    for article in dated:
        assert article.published is not None
        bar = position[_bar_start(article.published, unit)]
        series.get(_outlet(article), other)[bar] += 1
    drawn = [(outlet, tuple(series[outlet])) for outlet in named]
    if any(other):
        drawn.append(("Other outlets", tuple(other)))
    marks = []
    for event in events:
        day = _event_day(event)
        if day is None or not first <= day <= last:
            continue  # an event before the coverage, or known only to the month, has no bar
        marks.append(ChartEvent(position[_bar_start(day, unit)], human_date(event.date), _one_line(event.summary)))
    labels = tuple(_bar_label(start, unit) for start in starts)
    return CoverageChart(unit, tuple(starts), labels, tuple(drawn), tuple(marks), len(index.articles) - len(dated))


def _event_day(event: Event) -> dt.date | None:
    """The day an event happened, when it is known to the day."""
    if event.precision not in (None, "day") or len(event.date) != 10:
        return None
    try:
        return dt.date.fromisoformat(event.date)
    except ValueError:
        return None


def _bar_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _bar_starts(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    starts = [_bar_start(first, unit)]
    while starts[-1] < _bar_start(last, unit):
        current = starts[-1]
        if unit == "month":
            starts.append(dt.date(current.year + current.month // 12, current.month % 12 + 1, 1))
        else:
            starts.append(current + dt.timedelta(days=7 if unit == "week" else 1))
    return starts


def _bar_label(start: dt.date, unit: str) -> str:
    if unit == "month":
        return human_date(start.isoformat()[:7])
    return ("week of " if unit == "week" else "") + human_date(start.isoformat())
