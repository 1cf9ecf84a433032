"""Date expressions: found in text and resolved against the article's publication date.

Absolute dates keep the precision they were written with ("February 2022" is a
month, "2016" a year). Relative ones ("Thursday", "last month") are resolved
only when the article is dated; in an undated article they stay unresolved and
say so: a date is never invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from briefing.core.model import DateMention

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ANY_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DATE_RE = re.compile(
    rf"(?P<mdy>(?P<mdy_m>{_ANY_MONTH})\.?\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR}))\b"
    rf"|(?<!\d)(?P<dmy>(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_ANY_MONTH})\.?,?\s+(?P<dmy_y>{_YEAR}))\b"
    rf"|(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))\b"
    rf"|(?P<my>(?P<my_m>{_ANY_MONTH})\.?,?\s+(?P<my_y>{_YEAR}))\b"
    rf"|(?P<md>(?P<md_m>{_ANY_MONTH})\.?\s+(?P<md_d>{_DAY}))\b(?![:.,]?\d)"
    rf"|(?<!\d)(?P<dm>(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_ANY_MONTH}))\b"
    rf"|(?P<wd>(?:(?P<wd_mod>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?(?P<wd_w>{_WEEKDAY}))\b"
    rf"|(?P<mo>(?:(?P<mo_mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<mo_m>{_FULL_MONTH}))\b"
    r"|(?P<ago>(?P<ago_n>\d{1,2}|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)\s+(?P<ago_u>day|week|month|year)s?\s+ago)\b"
    r"|(?P<per>(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<per_mod>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<per_u>week|month|year|weekend))\b"
    r"|(?P<day>(?P<day_w>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight))\b"
    rf"|(?<![\d$\u20ac\u00a3.,:/-])(?P<year>{_YEAR})(?![\d%]|[.,]\d|s\b)"
)

# A month or year standing alone is a date only after words like these
# ("in November", "since 2016"); otherwise "May" is a verb and 2050 may be a count.
_PRECEDERS = {"in", "since", "until", "till", "by", "from", "of", "between", "and", "through", "to",
              "before", "after", "during", "the", "early", "late", "mid", "around", "circa", "throughout", "or"}


_COUNTED_RE = re.compile(r"\s+(?:[a-z]+s|more|people|staff|per|percent|million|billion|thousand|times)\b|\s*%")


# Where a date expression can begin: a digit, a month or weekday, or a word that opens a
# relative date. The full pattern is tried only there, not at every character.
_ANCHOR_RE = re.compile(
    r"\b(?:\d|(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater|[Yy]esterday|[Tt]oday|[Tt]omorrow"
    r"|[Tt]onight)\b)"
)
# "a week ago", "three days ago": number words are anchors only where "ago" occurs at all.
_AGO_ANCHOR_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)\b"
)


def find_dates(text: str, published: dt.date | None, start: int = 0, end: int | None = None,
               article: int = 0) -> list[DateMention]:
    """Every date expression in `text[start:end]`, resolved against `published` where needed."""
    found = []
    stop = len(text) if end is None else end
    covered = start
    anchors = [m.start() for m in _ANCHOR_RE.finditer(text, start, stop)]
    if text.find(" ago", start, stop) != -1:
        anchors = sorted(anchors + [m.start() for m in _AGO_ANCHOR_RE.finditer(text, start, stop)])
    for position in anchors:
        if position < covered:
            continue
        match = _DATE_RE.match(text, position, stop)
        if match is None:
            continue
        covered = match.end()
        date = _resolve(match, text, published)
        if date is not None:
            found.append(dataclasses.replace(date, article=article) if article else date)
    return found


def _previous_word(text: str, index: int) -> str:
    head = text[max(0, index - 20) : index].rstrip()
    words = re.findall(r"[A-Za-z]+-?$", head)
    return words[-1].rstrip("-").lower() if words else ""


def _made(match: re.Match, value: str | None, precision: str | None, relative: bool, note: str | None = None) -> DateMention:
    return DateMention(0, match.start(), match.end(), match.group(), value, precision, relative, note)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30" is not a date


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


_UNDATED = "relative date in an undated article"


def _resolve(match: re.Match, text: str, published: dt.date | None) -> DateMention | None:
    g = match.group
    if g("mdy") or g("dmy") or g("iso"):
        if g("iso"):
            year, month, day = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        elif g("mdy"):
            year, month, day = int(g("mdy_y")), _month_number(g("mdy_m")), _day_number(g("mdy_d"))
        else:
            year, month, day = int(g("dmy_y")), _month_number(g("dmy_m")), _day_number(g("dmy_d"))
        date = _day(year, month, day)
        return _made(match, date.isoformat(), "day", False) if date else None
    if g("my"):
        return _made(match, f"{int(g('my_y')):04d}-{_month_number(g('my_m')):02d}", "month", False)
    if g("md") or g("dm"):
        month = _month_number(g("md_m") or g("dm_m"))
        day = _day_number(g("md_d") or g("dm_d"))
        if _day(2000, month, day) is None:  # 2000 is a leap year: only truly impossible days fail
            return None
        if published is None:
            return _made(match, None, None, True, "year not given, and the article is undated")
        date = _nearest_year(published, month, day)
        return _made(match, date.isoformat(), "day", True) if date else None
    if g("wd"):
        modifier = (g("wd_mod") or "").lower()
        if published is None:
            return _made(match, None, None, True, _UNDATED)
        weekday = _WEEKDAYS[g("wd_w").lower()]
        if modifier == "next":
            date = published + relativedelta(days=1, weekday=weekday(+1))
        elif modifier == "last":
            date = published + relativedelta(days=-1, weekday=weekday(-1))
        else:
            # News reports mostly look back: "on Thursday" in a Friday story is yesterday.
            date = published + relativedelta(weekday=weekday(-1))
        return _made(match, date.isoformat(), "day", True)
    if g("mo"):
        modifier = (g("mo_mod") or "").lower().rstrip("-")
        if not modifier and _previous_word(text, match.start()) not in _PRECEDERS:
            return None
        month = _month_number(g("mo_m"))
        if published is None:
            return _made(match, None, None, True, _UNDATED)
        if modifier == "next":
            year = published.year + (1 if month <= published.month else 0)
        elif modifier == "last":
            year = published.year - (1 if month >= published.month else 0)
        else:
            year = published.year - (1 if month > published.month else 0)
        return _made(match, f"{year:04d}-{month:02d}", "month", True)
    if g("ago"):
        if published is None:
            return _made(match, None, None, True, _UNDATED)
        word = g("ago_n").lower()
        count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        unit = g("ago_u")
        date = published - relativedelta(**{unit + "s": count})
        precision = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        return _made(match, _format(date, precision), precision, True)
    if g("per"):
        if published is None:
            return _made(match, None, None, True, _UNDATED)
        step = {"last": -1, "this": 0, "next": 1}[g("per_mod").lower()]
        unit = g("per_u")
        if unit in ("week", "weekend"):
            monday = published - dt.timedelta(days=published.weekday())
            date = monday + dt.timedelta(weeks=step)
            if unit == "weekend":
                date += dt.timedelta(days=5)
                return _made(match, date.isoformat(), "day", True)
            return _made(match, date.isoformat(), "week", True)
        date = published + relativedelta(**{unit + "s": step})
        return _made(match, _format(date, unit), unit, True)
    if g("day"):
        if published is None:
            return _made(match, None, None, True, _UNDATED)
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g("day_w").lower()]
        return _made(match, (published + dt.timedelta(days=offset)).isoformat(), "day", True)
    if g("year"):
        before = _previous_word(text, match.start())
        follows_range = bool(re.match(r"\s*[-\u2013]\s*\d{4}", text[match.end() : match.end() + 8]))
        if before not in _PRECEDERS and not follows_range:
            return None
        # "2050 tons", "2050 more": a count, not a year ("the 2022 invasion" stays a year).
        if _COUNTED_RE.match(text, match.end()):
            return None
        return _made(match, g("year"), "year", False)
    return None


def _nearest_year(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day closest to publication (a month ahead at most)."""
    candidates = [_day(published.year + k, month, day) for k in (-1, 0, 1)]
    dated = [c for c in candidates if c is not None]
    if not dated:
        return None
    # Prefer the past: a story mostly reports what happened; allow a month ahead for plans.
    plausible = [c for c in dated if c <= published + dt.timedelta(days=31)]
    return min(plausible or dated, key=lambda c: abs((c - published).days))


def _format(date: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def full_date_in(text: str) -> tuple[dt.date, int, int] | None:
    """The first complete written date (day, month and year) in `text`, with its span."""
    for found in find_dates(text, None):
        if found.precision == "day" and not found.relative and found.value:
            return dt.date.fromisoformat(found.value), found.start, found.end
    return None


def parse_stated_date(value: str) -> dt.date | None:
    """A date a file states about itself (front matter, HTML meta), in any common form."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(value, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None
