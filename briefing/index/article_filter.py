"""The article filter box: which articles a few typed words pick out by title, outlet or date.

What people type into a filter box is a mix of words and dates: "embas tass", "apr",
"10 April", "2025-04", "undated". Every term must match (AND); words match title and
outlet words as they are being typed, dates match the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.language.text import stem, tokenize
from briefing.model import Article, pickled_as_fields

if TYPE_CHECKING:
    from briefing.index import DocumentIndex

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "2025", "2025-04", "2025-04-10", also typed with "/" or ".", and any of them half typed ("2025-0").
_ISO_RE = re.compile(r"(\d{4})(?:[-/.](\d{0,2}))?(?:[-/.](\d{0,2}))?")
_DAY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class _Record:
    """What the filter reads of one article."""

    words: str
    """Its title and outlet words and their stems, lower-cased, each with a space before and after."""
    dated: bool
    """Whether it has a publication date."""
    iso: str
    """The publication date as "YYYY-MM-DD", or "" when undated."""
    month: int
    """The month it was published in, 1 to 12; 0 when undated."""
    day: int
    """The day of the month it was published on; 0 when undated."""


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Each article's title and outlet words and its date, prepared once for the filter box."""

    records: Mapping[int, _Record]
    """Per article id, what the filter matches against."""

    @classmethod
    def of(cls, articles: Sequence[Article]) -> ArticleFilter:
        """The filter over these articles."""
        records = {}
        for article in articles:
            keys = [t.lower for t in tokenize(f"{article.title} {article.source or ''}")]
            # Stems too, so "properties" finds a title that says "property" and the other way round.
            words = dict.fromkeys(keys + [stem(k) for k in keys])
            published = article.published
            records[article.id] = _Record(
                f" {' '.join(words)} ",
                published is not None,
                published.isoformat() if published else "",
                published.month if published else 0,
                published.day if published else 0,
            )
        return cls(records)

    def matching(self, query: str, article_ids: Sequence[int]) -> list[int]:
        """The articles of `article_ids` (in their order) that every term of `query` matches.

        - A word matches a title or outlet word that starts with it ("embas" finds
          "Embassy") or has the same stem ("flight" finds "flights"), in any case.
        - A month name or its first three or more letters ("apr", "Sept", "april") matches
          articles published in that month of any year, as well as title and outlet words.
        - A day with a month, either way round ("10 apr", "Apr 10th", "10 April"), matches
          articles published on that day of any year.
        - "2025", "2025-04" and "2025-04-10" (or with "/") match by publication date; a
          half-typed one ("2025-0") matches the dates it begins.
        - "undated" matches articles without a publication date.
        """
        records = self.records
        ids = [i for i in article_ids if i in records]
        for test in _tests(query):
            ids = [i for i in ids if test(records[i])]
            if not ids:
                break
        return ids


def filter_articles(index: DocumentIndex, query: str, article_ids: Sequence[int]) -> list[int]:
    """The articles of `article_ids` (in their order) that every term of the filter box's `query`
    matches; see `ArticleFilter.matching`."""
    return index.article_filter.matching(query, article_ids)


def _month(word: str) -> int | None:
    """The month a word names or abbreviates ("apr", "sept.", "april"), if any."""
    word = word.rstrip(".")
    if len(word) < 3 or not word.isalpha():
        return None
    return next((number for number, name in enumerate(_MONTHS, 1) if name.startswith(word)), None)


def _day(word: str) -> int | None:
    """The day of the month a word gives ("10", "10th"), if any."""
    match = _DAY_RE.fullmatch(word)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _tests(query: str) -> list[Callable[[_Record], bool]]:
    """One test per term of the query, each true of the articles the term matches."""
    words = [w for w in re.split(r"[\s,]+", query.lower().replace("\u2019", "'")) if w]
    months = [_month(w) for w in words]
    days = [_day(w) for w in words]
    paired: dict[int, int] = {}  # the position of a day -> the position of its month
    for i, month in enumerate(months):
        if month is None:
            continue
        # "10 apr" and "apr 10": the day before the month first, else the one after it.
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and days[j] is not None and j not in paired:
                paired[j] = i
                break
    tests: list[Callable[[_Record], bool]] = []
    for day_at, month_at in paired.items():
        tests.append(_on_day(days[day_at] or 0, months[month_at] or 0))
    for i, word in enumerate(words):
        if i in paired or i in paired.values():
            continue
        if word == "undated":
            tests.append(_undated)
            continue
        iso = _ISO_RE.fullmatch(word)
        if iso:
            tests.append(_dated_from(_iso_prefix(*iso.groups())))
            continue
        word_tests = [_has_word(t.lower) for t in tokenize(word)]
        if months[i] is not None:
            tests.append(_in_month_or(months[i] or 0, word_tests))
        else:
            tests.extend(word_tests)
    return tests


def _iso_prefix(year: str, month: str | None, day: str | None) -> str:
    """The beginning of "YYYY-MM-DD" that a typed date stands for: "2025/4" is "2025-04"."""
    prefix = year
    for part, complete, can_lead in ((month, day is not None, "01"), (day, False, "0123")):
        if part is None:
            break
        # A part is complete once a separator follows it, or when one digit can begin no
        # two-digit number ("4" in "2025-4" is April; "1" may still become "12").
        if len(part) == 1 and (complete or part not in can_lead):
            part = "0" + part
        prefix += "-" + part
    return prefix


def _undated(record: _Record) -> bool:
    return not record.dated


def _dated_from(prefix: str) -> Callable[[_Record], bool]:
    return lambda record: record.iso.startswith(prefix)


def _on_day(day: int, month: int) -> Callable[[_Record], bool]:
    return lambda record: record.day == day and record.month == month


def _has_word(key: str) -> Callable[[_Record], bool]:
    prefix, whole_stem = f" {key}", f" {stem(key)} "
    return lambda record: prefix in record.words or whole_stem in record.words


def _in_month_or(month: int, word_tests: list[Callable[[_Record], bool]]) -> Callable[[_Record], bool]:
    # "may" and "march" are words as well as months: a title that says them matches too.
    def test(record: _Record) -> bool:
        if record.month == month:
            return True
        return bool(word_tests) and all(t(record) for t in word_tests)

    return test
