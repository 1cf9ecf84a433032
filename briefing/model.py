"""The domain: plain frozen dataclasses that every stage, view and export shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass
from operator import attrgetter


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, and why."""

    path: str
    """The file or folder as the user named it or as it was found."""
    reason: str
    """One plain sentence a user can act on."""


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of the original file that cleaning left out of the story."""

    text: str
    """The line as it was (sanitised)."""
    reason: str
    """Why it is not part of the story ("donation appeal", "read-next block", ...)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article's cleaned text."""

    start: int
    """Offset of the first character in the article's `text`."""
    end: int
    """Offset just past the last character."""
    heading: bool = False
    """Whether this is a subheading rather than running text."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's cleaned text."""

    article: int
    """The id of the article it belongs to."""
    index: int
    """Its position among the article's sentences."""
    start: int
    """Offset of the first character in the article's `text`."""
    end: int
    """Offset just past the last character."""
    paragraph: int
    """The index of the paragraph it is in."""
    heading: bool = False
    """Whether it is a subheading rather than a sentence of running text."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, loaded, cleaned and split into paragraphs and sentences."""

    id: int
    """Its number in the dossier: 1 is the earliest, undated articles come last."""
    path: str
    """The file it was read from."""
    title: str
    """The headline, or a short title derived from the first sentence."""
    title_derived: bool
    """Whether the title was derived because the article had none."""
    source: str | None
    """The outlet, from front matter, the URL's site or a masthead; None if unknown."""
    url: str | None
    """The article's address, if the file gives one."""
    published: dt.date | None
    """The publication date; None when the article does not say (never guessed)."""
    published_from: str | None
    """Where the date was found: "front matter", "page metadata", "document properties",
    "published line", "updated line", "date line", "dateline", "dateline, year from the dossier",
    "byline", "opening sentence"."""
    text: str
    """The cleaned story text; every offset in the index points into it."""
    paragraphs: tuple[Paragraph, ...]
    """Its paragraphs in order."""
    sentences: tuple[Sentence, ...]
    """Its sentences in order."""
    removed: tuple[RemovedLine, ...]
    """Lines left out as boilerplate, in the order they appeared."""
    notes: tuple[str, ...] = ()
    """Things a reader should know about how it was read (encoding guessed, truncated)."""
    author: str | None = None
    """Who wrote it, from a byline or the page's metadata; None if it does not say."""

    @property
    def words(self) -> int:
        """How many words the cleaned text has."""
        from briefing.language.text import word_count

        return word_count(self.text)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains `offset`, if any."""
        from bisect import bisect_right

        i = bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of an article's text that a finding rests on."""

    article: int
    """The article's id."""
    start: int
    """Offset of the first character in the article's `text`."""
    end: int
    """Offset just past the last character."""


@dataclass(frozen=True, slots=True)
class Role:
    """A role an article gives a person ("Russian Foreign Minister")."""

    text: str
    """The role as written."""
    articles: tuple[int, ...]
    """The articles that give it."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation or place, however it is spelled."""

    id: str
    """A stable identifier such as "person:sergei-lavrov"."""
    name: str
    """The spelling used most often."""
    kind: str
    """"person", "organization" or "place"."""
    aliases: tuple[str, ...]
    """Every other spelling seen, including short forms such as a surname alone."""
    roles: tuple[Role, ...]
    """For people, the roles the articles give them."""
    mentions: tuple[Mention, ...]
    """Every place the entity is mentioned, in article and text order."""
    key_roles: tuple[str, ...] = ()
    """For people, up to two roles that say different things, the most widely given first."""

    @property
    def articles(self) -> tuple[int, ...]:
        """The articles that mention it, in order."""
        return tuple(sorted({m.article for m in self.mentions}))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in an article, resolved where the article allows."""

    article: int
    """The article's id."""
    start: int
    """Offset of the first character in the article's `text`."""
    end: int
    """Offset just past the last character."""
    text: str
    """The expression as written ("on Friday", "Feb. 18", "last month")."""
    value: str | None
    """"YYYY-MM-DD", "YYYY-MM" or "YYYY"; None when it cannot be resolved. A week is given by
    its Monday, a quarter by its first month."""
    precision: str | None
    """"day", "week", "month", "quarter" or "year"; None when unresolved."""
    relative: bool
    """Whether the expression needs the publication date to be understood."""
    note: str | None = None
    """Why it is unresolved, when it is."""


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening on the timeline, with the statements that report it."""

    date: str
    """"YYYY-MM-DD", "YYYY-MM" or "YYYY"."""
    precision: str
    """"day", "week", "month", "quarter" or "year"."""
    summary: str
    """The statement that reports it best."""
    sources: tuple[int, ...]
    """The articles that report it."""
    evidence: tuple[Mention, ...]
    """The sentences that report it, the clearest report first."""
    salience: float = 0.0
    """How much it moves the story: corroboration, an event word, the date being the sentence's own
    time and its precision (see `timeline.most_salient`)."""


@dataclass(frozen=True, slots=True)
class Position:
    """What one side did about an open issue, as one sentence reports it."""

    side: str
    """Who: a country, organisation or person, as the index names it."""
    action: str
    """"raised", "proposed", "demanded", "agreed", "rejected" or "discussed"."""
    evidence: Mention
    """The sentence that says so."""
    date: str | None
    """The article's publication date, if known."""


@dataclass(frozen=True, slots=True)
class OpenIssue:
    """A topic tracked across the articles, such as "banking" or "flights"."""

    name: str
    """Its short name."""
    signals: tuple[str, ...]
    """The words and phrases that signal it."""
    proposed: bool
    """Whether it was proposed from the text rather than configured in briefing.toml."""
    status: str
    """The state it is in as the latest reports tell it."""
    latest: Mention | None
    """The latest development: the latest dated sentence that moves it (a position taken), not background."""
    latest_date: str | None
    """That article's publication date."""
    positions: tuple[Position, ...]
    """Who raised, proposed, demanded or agreed what, in date order."""
    mentions: tuple[Mention, ...]
    """Every sentence that touches it."""
    latest_focus: tuple[int, int] | None = None
    """Where in the latest development the news is (the action it states, else the signal), as
    offsets into its article's text; None when there is no latest development."""

    @property
    def articles(self) -> tuple[int, ...]:
        """The articles that touch it."""
        return tuple(sorted({m.article for m in self.mentions}))


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement several sources make, with the sentences that make it."""

    text: str
    """The clearest wording of it."""
    sources: tuple[int, ...]
    """The articles that report it."""
    evidence: tuple[Mention, ...]
    """One sentence per article; the first is the one quoted, and every other agrees with it."""
    related: tuple[Mention, ...] = ()
    """Sentences alike to it that do not state it (another figure, the opposite verb, another
    speaker) or that state another fact: shown beside it, never counted among its sources."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One side of a difference: a wording, figure, spelling or role, and who uses it."""

    text: str
    """The variant as the sources put it."""
    sources: tuple[int, ...]
    """The articles that give it."""
    evidence: tuple[Mention, ...] = ()
    """Where it is written."""


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A point on which the sources do not agree."""

    about: str
    """What they disagree on."""
    kind: str
    """"figure", "spelling", "role", "date" or "quote"."""
    variants: tuple[Variant, ...]
    """The versions, the most widely given first."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A sentence that matches a search, with the matching stretches marked."""

    article: int
    """The article's id."""
    sentence: int
    """The index of the sentence in that article."""
    start: int
    """Offset of the sentence's first character."""
    end: int
    """Offset just past the sentence's last character."""
    matches: tuple[tuple[int, int], ...]
    """The (start, end) offsets of each matching word or phrase."""
    score: float
    """How strongly it matches: rarer words and more of them score higher. Hits are ordered by
    how many parts of the query they hold, then how many of those in the form typed, then by this."""


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The best sentences for a search, and how many matched in all."""

    hits: tuple[SearchHit, ...]
    """The best matches, best first, at most as many as were asked for."""
    total: int
    """How many sentences matched at all ("50 of 212 shown")."""


@dataclass(frozen=True, slots=True)
class IssueConfig:
    """An open issue as a dossier's briefing.toml defines it."""

    name: str
    """Its short name."""
    signals: tuple[str, ...]
    """Words and phrases that signal it."""


@dataclass(frozen=True, slots=True)
class DossierConfig:
    """What a dossier's briefing.toml says about it."""

    title: str | None = None
    """The dossier's title."""
    issues: tuple[IssueConfig, ...] = ()
    """The open issues to track."""
    path: str | None = None
    """The file it was read from."""
    problems: tuple[str, ...] = field(default=())
    """What was wrong with the file, if anything."""


def pickled_as_fields(cls: type) -> type:
    """Pickle instances of a dataclass as the class and its field values, made again by its
    constructor. The dataclasses module's own pickling of a frozen class with slots calls
    `fields()` for every object it loads: a kept index of 140,000 such objects took seven
    times longer to load that way."""
    names = [f.name for f in fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


# Every record above is kept in the analysis cache.
for _record in [value for value in list(globals().values()) if is_dataclass(value) and isinstance(value, type)]:
    if _record.__module__ == __name__:
        pickled_as_fields(_record)
