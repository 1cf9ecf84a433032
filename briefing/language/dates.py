"""Date expressions: found in text and resolved against the article's publication date.

Absolute dates keep the precision they were written with ("February 2022" is a
month, "2016" a year, "the fourth quarter of 1989" a quarter, "March 3-5" two days).
Relative ones ("Thursday", "last month", "the third quarter") are resolved only when
the article is dated; in an undated article they stay unresolved and say so: a date
is never invented.

A relative date without its year or week is placed by the tense of its clause: "will
meet on Tuesday" is the coming Tuesday, "met on Tuesday" the last one, "Dec. 15" in
"will be paid Dec. 15" the coming one, "payable Dec. 15" and "as early as Tuesday" too.
With no tense to go by, the nearest one is taken (for a weekday, the past one unless
the coming one is clearly nearer: reports mostly tell what happened).

Some expressions take their date from the rest of the sentence or the story: "a year
earlier" beside "third-quarter profit" is that quarter a year before; "that year",
"a year later" and "that November" count from the written date before them; a month
told in the past beside a written date of an earlier year belongs to that year.
Where there is nothing to count from, they are left out rather than guessed.

Parts of a day ("Tuesday evening", "this afternoon", "last night") are that day.
"Now", "recently", "the future", seasons, decades and half-years are not found: none is
a day, week, month, quarter or year a timeline can place.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from functools import lru_cache

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from briefing.model import DateMention

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ANY_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_NUMBER = (
    r"(?:\d{1,2}|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ee]leven|[Tt]welve)"
)
_ORDINAL = r"(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)"

_UNITS_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_YEAR = (
    rf"(?:[Nn]ineteen|[Ee]ighteen)\s+(?:hundred\s+(?:and\s+)?)?(?:{_TENS}(?:[-\s]{_UNITS_WORDS})?|{_TEENS}|o[-\s]?{_UNITS_WORDS})"
    rf"|[Tt]wo\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_UNITS_WORDS}))?"
)
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_WORD_NUMBERS.update(
    {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
)
_HOLIDAY = (
    r"Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['\u2019]s\s+(?:Day|Eve)|Easter(?:\s+(?:Sunday|Monday))?"
    r"|Good\s+Friday|Valentine['\u2019]s\s+Day|Halloween"
)

_ORDINAL_DAYS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ORDINAL_DAYS.update({f"twenty-{w}": 20 + i for w, i in list(_ORDINAL_DAYS.items())[:9]})
_ORDINAL_DAYS.update({"thirtieth": 30, "thirty-first": 31})
_ORDINAL_DAY = "(?:" + "|".join(sorted(_ORDINAL_DAYS, key=len, reverse=True)) + ")"

_DATE_RE = re.compile(
    # "Monday, Oct. 26" / "Tuesday, March 4, 2025": one date, the weekday confirming it.
    rf"(?P<wdt>(?:[Oo]n\s+)?(?P<wdt_w>{_WEEKDAY})(?:\s+{_PART_OF_DAY})?,?\s+(?:the\s+)?"
    rf"(?:(?P<wdt_m>{_ANY_MONTH})\.?\s+(?P<wdt_d>{_DAY})|(?P<wdt_d2>{_DAY})\s+(?:of\s+)?(?P<wdt_m2>{_ANY_MONTH})\.?)"
    rf"(?:,?\s+(?P<wdt_y>{_YEAR}))?)\b(?![:.,]?\d)"
    rf"|(?P<mdy>(?P<mdy_m>{_ANY_MONTH})\.?\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR}))\b"
    rf"|(?<!\d)(?P<dmy>(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_ANY_MONTH})\.?,?\s+(?P<dmy_y>{_YEAR}))\b"
    rf"|(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))\b"
    rf"|(?P<my>(?P<my_m>{_ANY_MONTH})\.?,?\s+(?P<my_y>{_YEAR}))\b"
    # "July last year", "January of this year"
    rf"|(?P<mrel>(?P<mrel_m>{_FULL_MONTH})\s+(?:of\s+)?(?P<mrel_mod>[Ll]ast|[Tt]his|[Nn]ext)\s+year)\b"
    rf"|(?P<md>(?P<md_m>{_ANY_MONTH})\.?\s+(?P<md_d>{_DAY}))\b(?![:.,]?\d)"
    rf"|(?<!\d)(?P<dm>(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_ANY_MONTH}))\b"
    # "the first of July"
    rf"|(?P<od>[Tt]he\s+(?P<od_d>{_ORDINAL_DAY})\s+of\s+(?P<od_m>{_FULL_MONTH}))\b"
    # "the week of March 6"
    rf"|(?P<wof>[Tt]he\s+week\s+of\s+(?:(?P<wof_m>{_ANY_MONTH})\.?\s+(?P<wof_d>{_DAY})|(?P<wof_d2>{_DAY})\s+(?:of\s+)?(?P<wof_m2>{_ANY_MONTH}))"
    rf"(?:,?\s+(?P<wof_y>{_YEAR}))?)\b(?![:.,]?\d)"
    # "the third quarter", "third-quarter", "the fourth quarter of 1989", "the 1988 third quarter",
    # "last year's third quarter", "the year-ago quarter", "the latest quarter"
    rf"|(?P<qtr>(?:(?P<q_det>[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)\s+)?"
    rf"(?:(?P<q_yrel>[Ll]ast|[Tt]his|[Nn]ext)\s+year['\u2019]s\s+)?"
    rf"(?:(?P<q_rel>(?:[Cc]omparable\s+)?[Yy]ear-(?:ago|earlier)|[Ll]atest|[Ll]ast|[Pp]ast|[Mm]ost\s+recent|[Rr]ecent|[Cc]urrent|[Cc]oming|[Nn]ext)\s+)?"
    rf"(?:(?P<q_y1>{_YEAR})(?:['\u2019]s)?\s+)?"
    rf"(?:[Ff]iscal[\s-]+)?(?:(?P<q_ord>{_ORDINAL})[\s-]+)?(?:fiscal[\s-]+)?(?:quarter|(?P<q_period>period))\b(?!-)"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?P<q_y2>{_YEAR})\b|(?P<q_ago>\s+a\s+year\s+(?:ago|earlier)\b))?"
    rf"(?:(?=\s+end(?:ed|ing)\s+(?P<q_end_m>{_ANY_MONTH})\.?\s+(?P<q_end_d>{_DAY})\b(?:,?\s+(?P<q_end_y>{_YEAR}))?))?)"
    rf"|(?P<wd>(?:(?P<wd_mod>[Ll]ast|[Nn]ext|[Tt]his\s+coming|[Tt]his\s+past|[Tt]his|[Cc]oming|[Oo]n|[Ee]arly|[Ll]ate)\s+)?"
    rf"(?P<wd_w>{_WEEKDAY})(?:\s+{_PART_OF_DAY})?)\b"
    # "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"
    rf"|(?P<spk>(?:(?P<spk_m>{_FULL_MONTH})\s+|(?P<spk_the>[Tt]he\s+year\s+))?(?P<spk_y>{_SPOKEN_YEAR}))\b(?!-)"
    # "Thanksgiving Day", "Christmas Eve", "last Easter"
    rf"|(?P<hol>(?:(?P<hol_mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<hol_n>{_HOLIDAY})(?:,?\s+(?P<hol_y>{_YEAR}))?)\b"
    # "by year-end", "since year-end", "by the end of the year"
    r"|(?P<yend>[Tt]he\s+end\s+of\s+(?:the|this)\s+year|[Yy]ear['\u2019]s\s+end|[Yy]ear[-\s]end)\b(?!-)"
    # "that year", "later that year", "the following month": counted from a date the sentence gives
    rf"|(?P<rel>(?:(?P<rel_side>[Ee]arlier|[Ll]ater)\s+(?:in\s+)?)?(?P<rel_det>[Tt]hat|[Tt]he\s+same|[Tt]he\s+following|[Tt]he\s+previous|[Tt]he\s+preceding|[Tt]he)\s+(?P<rel_u>day|week|month|year|morning|afternoon|evening|night|{_FULL_MONTH}))\b(?!['\u2019-])"
    # "the current fiscal year", "the full year"
    r"|(?P<cy>(?:[Tt]he|[Tt]his)\s+(?:current|full)\s+(?:fiscal\s+)?year|[Tt]his\s+fiscal\s+year)\b(?!-|['\u2019]s\s+(?:first|second|third|fourth))"
    rf"|(?P<mo>(?:(?P<mo_mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<mo_m>{_FULL_MONTH}))\b"
    rf"|(?P<ago>(?P<ago_n>{_NUMBER})\s+(?P<ago_u>day|week|month|year)s?\s+(?P<ago_dir>ago|earlier|later))\b"
    # "year-earlier results", "the year-ago period"
    r"|(?P<yago>(?:[Tt]he\s+)?[Yy]ear-(?:ago|earlier)(?:\s+period)?)\b(?!-)"
    r"|(?P<per>(?:(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?(?P<per_mod>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<per_u>week|month|year|weekend))\b"
    rf"|(?P<day>(?P<day_w>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)(?:\s+{_PART_OF_DAY})?"
    rf"|(?P<day_this>[Tt]his)\s+(?:morning|afternoon|evening)|(?P<day_last>[Ll]ast)\s+night)\b"
    rf"|(?<![\d$\u20ac\u00a3.,:/])(?P<year>{_YEAR})(?![\d%]|[.,]\d|s\b)"
)

# A month or year standing alone is a date only after words like these
# ("in November", "since 2016"); otherwise "May" is a verb and 2050 may be a count.
_PRECEDERS = {
    "in",
    "into",
    "since",
    "until",
    "till",
    "by",
    "from",
    "of",
    "between",
    "and",
    "through",
    "to",
    "before",
    "after",
    "during",
    "the",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "throughout",
    "or",
}
# Words that make a following year or month a modifier of a noun: "a 1996 law", "its 1990
# invasion", "fiscal 1989", "for 1988", "a June agreement". "May" (a verb, a surname) is not
# taken after these.
_DETERMINERS = {"a", "an", "its", "his", "her", "their", "our", "my", "your", "that", "this", "these", "those"}
_YEAR_PRECEDERS = _PRECEDERS | _DETERMINERS | {"for", "both", "fiscal", "calendar", "year", "due", "pre", "post"}
_MONTH_PRECEDERS = _PRECEDERS | (_DETERMINERS - {"that", "this", "these", "those"}) | {"for", "both"}


_COUNTED_RE = re.compile(
    r"\s+(?:(?!(?:has|was|is|does|says|as|its|this|thus|plus|versus|whereas|unless|less|us)\b)[a-z]+s|more|people|staff"
    r"|per|percent|million|billion|thousand|times)\b|\s*%"
)
# After "the", "a", "its" a plural noun does not make a count ("the 1992 protests"); these still do.
_UNITS_RE = re.compile(
    r"\s*%|\s+(?:more|per|percent|million|billion|thousand|times|people|persons|members|troops|soldiers|workers"
    r"|employees|votes|units|tons|tonnes|feet|meters|metres|miles|kilometers|kilometres|km|dollars|euros|pounds"
    r"|points|hours|minutes|GMT|UTC)\b"
)


# Where a date expression can begin: a digit, a month or weekday, or a word that opens a
# relative date. The full pattern is tried only there, not at every character. (The leading
# lookahead names every first letter: it lets the regex engine skip the other positions fast.)
_ANCHOR_RE = re.compile(
    r"(?=[0-9ADFJMNOSTWLEYClnteomyc])\b(?:\d|(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater|[Yy]esterday|[Tt]oday|[Tt]omorrow"
    r"|[Tt]onight|[Cc]oming)\b)"
)
# "that year", "the following month", "the full year", "the year two thousand", "nineteen ninety-six",
# "Thanksgiving": phrases whose first word is too common to be an anchor everywhere.
_PHRASE_ANCHOR_RE = re.compile(
    r"(?=[TtNnEeYyCGVH])\b(?:(?:[Tt]hat|[Tt]he|[Tt]his)\s+(?:(?:same|following|previous|preceding|current|full|fiscal)\s+)*(?:day|week|month|year)\b"
    r"|[Nn]ineteen\s|[Ee]ighteen\s|[Tt]wo\s+thousand\b|[Yy]ear['\u2019]s\s+end|[Yy]ear[-\s]end\b|[Tt]he\s+end\s+of\s+(?:the|this)\s+year"
    r"|Thanksgiving|Christmas|New\s+Year|Easter|Good\s+Friday|Valentine|Halloween"
    rf"|[Tt]he\s+{_ORDINAL_DAY}\s+of\s+{_FULL_MONTH}"
    rf"|(?:[Tt]hat|[Tt]he\s+(?:same|following|previous))\s+(?:morning|afternoon|evening|night)\b|[Tt]hat\s+{_FULL_MONTH}\b)"
)

# A quarter in a game is not a quarter of a year.
_SPORT_RE = re.compile(
    r"\b(?:(?<!percentage )(?<!basis )points?|scored|scoring|touchdowns?|field goals?|yards?|halftime|half-time"
    r"|overtime|quarterback|rebounds?|free throws?|three-pointers?|interceptions?|fumbles?|buzzer)\b",
    re.IGNORECASE,
)
# Where a sentence ends, roughly: context (a quarter, a date to count from) is not taken across it.
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[\"'\u201c\u2018(]*[A-Z]")


def find_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None, article: int = 0
) -> list[DateMention]:
    """Every date expression in `text[start:end]`, resolved against `published` where needed."""
    stop = len(text) if end is None else end
    found = _scan(text, published, start, stop)
    if any(context for _, context in found):
        found = _with_context(found, text, published, start, stop)
    return [dataclasses.replace(d, article=article) if article else d for d, _ in found]


def _scan(text: str, published: dt.date | None, start: int, stop: int) -> list[tuple[DateMention, tuple | None]]:
    """(mention, context) for every expression in text[start:stop]; see `_resolve`."""
    found: list[tuple[DateMention, tuple | None]] = []
    covered = start
    anchors = _anchors(text, _ANCHOR_RE, start, stop) + _anchors(text, _PHRASE_ANCHOR_RE, start, stop)
    # "three days ago", "a year earlier", "the third quarter", "the year-ago period", "the week
    # of March 6" begin with words too common to be anchors everywhere: the words just before
    # "ago", "quarter" or "week of" are tried instead.
    for word, reach in _LOOK_BEHIND:
        position = text.find(word, start, stop)
        while position != -1:
            anchors += [m.start() for m in _WORD_START_RE.finditer(text, max(start, position - reach), position + 1)]
            position = text.find(word, position + 1, stop)
    anchors = sorted(set(anchors))
    for position in anchors:
        if position < covered:
            continue
        match = _DATE_RE.match(text, position, stop)
        if match is None:
            continue
        resolved = _resolve(match, text, published, start, stop)
        if resolved is None:
            if not match.group("qtr"):  # a rejected "quarter" may still hold a year or a month
                covered = match.end()
            continue
        covered = match.end()
        found.append(resolved)
        if match.group("md"):
            pair = _range_end(match, text, resolved[0], stop)
            if pair is not None:
                found[-1] = (pair[0], None)
                found.append((pair[1], None))
                covered = pair[1].end
    return found


_LOOK_BEHIND = (
    (" ago", 24),
    (" earlier", 24),
    (" later", 24),
    ("quarter", 60),
    (" period", 40),
    ("week of", 5),
    ("ear-", 6),
)
_WORD_START_RE = re.compile(r"\b\w")

# Where each anchor pattern matches in the text last scanned: find_dates is called sentence by
# sentence on one article's text, so each pattern runs over the article once.
_anchor_cache: tuple[str | None, dict] = (None, {})


def _anchors(text: str, pattern: re.Pattern, start: int, stop: int) -> list[int]:
    global _anchor_cache
    cached_text, table = _anchor_cache
    if cached_text is not text:
        table = {}
        _anchor_cache = (text, table)
    positions = table.get(pattern)
    if positions is None:
        positions = table[pattern] = [m.start() for m in pattern.finditer(text)]
    return positions[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, stop)]


# "April 24 and 25", "March 3-5", "Dec. 1 to 3, 2025": the range's other end, a day too.
_RANGE_RE = re.compile(
    rf"\s*(?:-|\u2013|and|or|to|through)\s*(?P<d>{_DAY})\b(?![:.,]?\d)"
    rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
    # then the sentence goes on as after a date, not as after a count ("and 5 others")
    r"(?=\s*(?:[,.;:!?)\u2014]|$)|\s+(?:in|at|on|to|for|with|and|or|when|where|while|the|of|as|after|before)\b)"
)


def _range_end(match: re.Match, text: str, first: DateMention, stop: int) -> tuple[DateMention, DateMention] | None:
    """The two ends of "March 3-5" (a year after the range is both ends' year)."""
    found = _RANGE_RE.match(text, match.end(), stop)
    if found is None:
        return None
    day = _day_number(found.group("d"))
    start, end, written = found.start("d"), found.end("d"), found.group("d")
    month, first_day = _month_number(match.group("md_m")), _day_number(match.group("md_d"))
    if day <= first_day or valid_date(2000, month, day) is None:
        return None
    if found.group("y"):
        year = int(found.group("y"))
        if valid_date(year, month, day) is None:
            return None
        first = dataclasses.replace(
            first, value=dt.date(year, month, first_day).isoformat(), precision="day", relative=False, note=None
        )
    elif first.value is None:
        return first, DateMention(0, start, end, written, None, None, True, first.note)
    else:
        year = int(first.value[:4])
    date = valid_date(year, month, day)
    if date is None:
        return None
    return first, DateMention(0, start, end, written, date.isoformat(), "day", first.relative)


def _previous_word(text: str, index: int) -> str:
    head = text[max(0, index - 20) : index].rstrip()
    words = re.findall(r"[A-Za-z]+-?$", head)
    return words[-1].rstrip("-").lower() if words else ""


def _made(
    match: re.Match, value: str | None, precision: str | None, relative: bool, note: str | None = None
) -> DateMention:
    return DateMention(0, match.start(), match.end(), match.group(), value, precision, relative, note)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30" is not a date


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation ("March", "Sept."), else None."""
    return _MONTHS.get(name.lower().rstrip("."))


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


_UNDATED = "relative date in an undated article"
_UNCOUNTED = "counts from a date not given"


# -- tense ---------------------------------------------------------------------------------

_FUTURE = {
    "will",
    "shall",
    "would",
    "wo",
    "ll",
    "gonna",
    "due",
    "scheduled",
    "slated",
    "planning",
    "expected",
    "expects",
    "expect",
    "expecting",
    "intends",
    "intend",
    "upcoming",
    "might",
    "should",
    "must",
    "supposed",
    "payable",
    "effective",
    "aims",
    "next",
    "coming",
    "tomorrow",
}
_PAST_AUX = {
    "was",
    "were",
    "had",
    "did",
    "didn",
    "wasn",
    "weren",
    "hadn",
    "has",
    "have",
    "hasn",
    "haven",
    "ago",
    "yesterday",
}
_PRESENT_AUX = {"is", "are", "am", "isn", "aren"}
_BE = {"be", "been", "being", "is", "are", "am", "was", "were", "has", "have", "had", "s", "re", "get", "got"}
_IRREGULAR_PAST = {
    "said",
    "told",
    "began",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "met",
    "held",
    "left",
    "saw",
    "found",
    "fell",
    "rose",
    "won",
    "lost",
    "ran",
    "sent",
    "spent",
    "thought",
    "brought",
    "bought",
    "caught",
    "fought",
    "taught",
    "sold",
    "paid",
    "led",
    "kept",
    "felt",
    "stood",
    "struck",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "threw",
    "shot",
    "sank",
    "became",
    "forgot",
    "hid",
    "rode",
    "rang",
    "shook",
    "stole",
    "swore",
    "tore",
    "wore",
    "woke",
    "bit",
    "built",
    "dealt",
    "dug",
    "fed",
    "fled",
    "heard",
    "hung",
    "lent",
    "meant",
    "sat",
    "slept",
    "slid",
    "spun",
    "sprang",
    "stuck",
    "swept",
    "swung",
    "understood",
    "withdrew",
    "arose",
    "overtook",
    "ate",
    "drank",
    "froze",
    "sought",
    "upheld",
    "undertook",
    "underwent",
    "forbade",
    "foresaw",
    "oversaw",
    "overthrew",
}
# -ed words that are mostly adjectives, or that say nothing of when ("planned" is past or future).
_NOT_PAST = {
    "hundred",
    "united",
    "based",
    "armed",
    "alleged",
    "related",
    "limited",
    "interested",
    "concerned",
    "advanced",
    "detailed",
    "experienced",
    "beloved",
    "sacred",
    "naked",
    "wicked",
    "indeed",
    "kindred",
    "rugged",
    "infrared",
    "proposed",
    "unprecedented",
    "talented",
    "skilled",
    "aged",
    "biased",
    "planned",
    "preferred",
    "needed",
    "supposed",
    "required",
    "unrelated",
    "scheduled",
    "expected",
}
# Words that open another clause: the tense before them is not this date's.
_CLAUSE_OPENERS = {
    "where",
    "when",
    "which",
    "who",
    "whom",
    "whose",
    "that",
    "after",
    "before",
    "because",
    "while",
    "although",
    "though",
    "if",
    "unless",
    "whereas",
    "but",
}
# A date right after these is a payment or a start, ahead of whatever the clause's verb says:
# "declared a dividend, payable Dec. 15", "effective Feb. 1".
_AHEAD = {"payable", "effective", "starting", "beginning", "due"}
# A deadline: ahead, unless the clause is in the past perfect ("had not called him until Thursday").
_DEADLINE = {"until", "till", "by"}
# After these the clause's verb does not say which side the date is on: "extended to Nov. 16",
# "from Sept. 14 to Thursday"; only a future verb does.
_EITHER_WAY = {"through", "to"}
_RANGE_NEXT_RE = re.compile(r"\s*(?:[-\u2013]|(?:to|until|till|through|and)\b)")
# Before an -ed word these make it an adjective: "a still unspecified date", "the proposed merger".
_MODIFIERS = {
    "a",
    "an",
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "still",
    "very",
    "more",
    "most",
    "less",
    "well",
    "newly",
    "recently",
    "widely",
    "so",
    "too",
    "last",
    "next",
    "first",
    "final",
    "latest",
    "regular",
    "routine",
    "annual",
}
# Followed by "to", these look ahead: "agreed to meet", "an agreement to buy the bank in January".
_PLANS = {
    "plans",
    "plan",
    "hopes",
    "hope",
    "wants",
    "want",
    "seeks",
    "seek",
    "agreed",
    "decided",
    "promised",
    "vowed",
    "pledged",
    "threatened",
    "asked",
    "ready",
    "agreement",
    "bid",
    "offer",
    "deal",
    "effort",
    "decision",
    "proposal",
    "attempt",
    "intention",
    "pledge",
    "promise",
    "commitment",
    "move",
}
_PLANNED = {"set", "planned", "scheduled", "slated", "expected"}  # + "to"/"for": "planned for early March"
# A present tense of these with a date is a schedule: "the contract expires in December".
_SCHEDULED = {
    "expires",
    "begins",
    "starts",
    "ends",
    "opens",
    "closes",
    "resumes",
    "reopens",
    "convenes",
    "concludes",
    "lapses",
    "matures",
    "launches",
    "kicks",
    "commences",
    "finishes",
    "arrives",
    "departs",
    "returns",
}
_WORD_RE = re.compile(r"[A-Za-z]+|\d[\d.,]*|[$%]|[;:.!?\"\u201c\u201d]")
_STOPS = set(';:!?"\u201c\u201d')  # not ".": within a sentence it ends "Jan." or "Inc."
_WINDOW = 150


def _word_tense(raw: str, word: str, before: str, after: str) -> str | None:
    """What a word (`raw` as written, `word` in lower case, between `before` and `after`) says
    of the time of its clause: 'future', 'past', 'present' or None."""
    if word in _PLANNED and before in _MODIFIERS:
        return None  # "a scheduled inspection", "the expected merger": adjectives
    if before in ("was", "were") and (word in _PLANNED or word in ("due", "supposed")):
        return "past"  # "was due to start chemotherapy on Tuesday": a plan in the past
    if word in _FUTURE or raw == "may" or word in _SCHEDULED:
        return "future"
    if after in ("to", "for") and (
        (word == "going" and after == "to") or word in _PLANNED or (word in _PLANS and after == "to")
    ):
        return "future"
    if word in _PRESENT_AUX:
        return "future" if after == "to" else "present"
    if word == "be" and before == "to":
        return "future"  # "to be completed around Nov. 1"
    if word in _PAST_AUX:
        return "past"
    if word in _IRREGULAR_PAST or (
        len(word) > 4
        and word[-2:] == "ed"
        and word[-3] != "e"
        and word not in _NOT_PAST
        and raw[0].islower()
        and word[:2] != "un"
        and before not in _MODIFIERS
    ):
        # "will be held", "has been delayed": the auxiliary, further left, says when.
        return None if before in _BE else "past"
    return None


def _tense(text: str, start: int, end: int, lower: int, upper: int) -> str | None:
    """'future', 'past' or None for the clause around text[start:end]: from the nearest verb
    before it in its clause, else the first one after it."""
    tense = _clause_tense(text, start, end, lower, upper)
    return None if tense == "present" else tense


# A condition in the present before the date: what follows it is to come.
_CONDITION_RE = re.compile(r"\b(?:[Ii]f|[Uu]nless)\b[^.;!?]*$")


def _clause_tense(text: str, start: int, end: int, lower: int, upper: int) -> str | None:
    """As `_tense`, but 'present' where a present tense was seen (None: nothing to go by)."""
    begin = max(lower, start - _WINDOW)
    while begin > lower and text[begin - 1].isalpha():  # not half a word
        begin += 1
    left = _WORD_RE.findall(text, begin, start)
    right = _WORD_RE.findall(text, end, min(upper, end + _WINDOW))
    left_lower = [w.lower() for w in left]
    right_lower = [w.lower() for w in right[:7]]
    if {"deadline", "deadlines"}.intersection(right_lower[:4] + left_lower[-4:]):
        return None  # "gave no reason for the Jan. 14 deadline": set in the past, for either side
    last = left_lower[-1] if left else ""
    if last in _AHEAD or left_lower[-3:] in (["as", "early", "as"], ["as", "soon", "as"]):
        return "future"  # "payable Dec. 15", "as early as Tuesday"
    if "since" in left_lower[-4:] and not _STOPS.intersection(left[-4:]):
        return "past"  # "since shortly after the Oct. 23 shooting"
    possessive = text.startswith(("'s", "\u2019s"), end)  # "from Tuesday's overrun": an event, not a start
    if (
        last == "from"
        and not possessive
        and not any(c.isdigit() for c in text[start:end])
        and not _RANGE_NEXT_RE.match(text, end, upper)
    ):
        return "future"  # "to join the team from January": a start, not "6.8% from Oct. 13"
    tense, word, at = _nearest_verb(left, left_lower, right, right_lower)
    if last in _DEADLINE:
        # "had not called him a suspect until Thursday" looks back; "has given them until Friday",
        # "postponed until Tuesday", "will double its flights by August" look ahead.
        return "past" if word in ("had", "hadn") else "future"
    if tense == "past" and (last in _EITHER_WAY or (at is not None and "for" in left_lower[at + 1 :])):
        # "extended to Nov. 16"; "listed the matter for a hearing on June 19", "has set a hearing
        # for May 26": the past verb is not the date's. A future one is: "will be named
        # commander for a mission in December".
        return None
    condition = _CONDITION_RE.search(text, max(lower, start - _WINDOW), start)
    if tense is None and condition:
        return "future"  # "If the members say yes, we go back to work on Tuesday"
    if tense == "past" and condition and word not in ("had", "hadn") and at is not None and "if" in left_lower[:at]:
        return None  # "at risk if the strike ran into June": a supposition, not a past event
    return tense


def _nearest_verb(
    left: list[str], left_lower: list[str], right: list[str], right_lower: list[str]
) -> tuple[str | None, str, int | None]:
    """(tense, word, index in `left` or None) of the nearest word that tells the tense: back to
    the clause's start, else a few words on."""
    found = _first_tense(left, left_lower, range(len(left) - 1, -1, -1))
    if found:
        return found
    found = _first_tense(right, right_lower, range(min(len(right), 6)))
    if found:
        return found[0], found[1], None
    return None, "", None


def _first_tense(words: list[str], lowers: list[str], order: range) -> tuple[str, str, int] | None:
    """(tense, word, index) of the first word in `order` that tells the tense, within the clause."""
    padded = [*lowers, ""]
    for i in order:
        word = padded[i]
        if word in _STOPS or word in _CLAUSE_OPENERS:
            break
        tense = _word_tense(words[i], word, padded[i - 1] if i else "", padded[i + 1])
        if tense:
            return tense, word, i
    return None


# -- placing a relative date ---------------------------------------------------------------


def _place(candidates: list, now, tense: str | None, distance):
    """The candidate the tense points to: the last one up to `now` for the past, the first
    one from `now` on for the future, else the nearest (the earlier on a tie)."""
    candidates = sorted(c for c in candidates if c is not None)
    if not candidates:
        return None
    past = [c for c in candidates if c <= now]
    future = [c for c in candidates if c >= now]
    if tense == "past" and past:
        return past[-1]
    if tense == "future" and future:
        return future[0]
    return min(candidates, key=lambda c: (abs(distance(c, now)), c > now))


def _days_apart(a: dt.date, b: dt.date) -> int:
    return (a - b).days


def _months_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - b[0]) * 12 + a[1] - b[1]


def _weekday_date(published: dt.date, weekday: int, tense: str | None) -> dt.date:
    """The weekday the tense points to. With no tense, the nearer one, the past one unless
    the coming one is two days nearer: a report mostly tells what happened ("up from 443
    million Thursday" in a Monday paper is last Thursday)."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if tense == "future" or (tense is None and ahead + 2 <= back):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


_WRITTEN_DATE_RE = re.compile(
    rf"\b{_ANY_MONTH}\.?\s+{_DAY},?\s+(?P<a>{_YEAR})\b|(?<!\d){_DAY}\s+(?:of\s+)?{_ANY_MONTH}\.?,?\s+(?P<b>{_YEAR})\b"
)


@lru_cache(maxsize=64)
def _written_year(text: str) -> int | None:
    """In an undated article, the one year its written dates name ("Tuesday, April 21, 2026"):
    "April 22" a line later is in that year. None when they name several years, or none."""
    years = {int(m.group("a") or m.group("b")) for m in _WRITTEN_DATE_RE.finditer(text)}
    return years.pop() if len(years) == 1 else None


def _month_day(
    published: dt.date, month: int, day: int, tense: str | None, weekday: int | None = None
) -> dt.date | None:
    candidates = [c for k in (-1, 0, 1) if (c := valid_date(published.year + k, month, day))]
    if weekday is not None and any(c.weekday() == weekday for c in candidates):
        candidates = [c for c in candidates if c.weekday() == weekday]
    return _place(candidates, published, tense, _days_apart)


def _quarter_of(date: dt.date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def _shift_quarter(quarter: tuple[int, int], by: int) -> tuple[int, int]:
    index = quarter[0] * 4 + quarter[1] - 1 + by
    return index // 4, index % 4 + 1


_REPORTING_LAG = 60  # days after a quarter's end that its results are still news


def _ordinal_quarter(published: dt.date, ordinal: int, tense: str | None) -> tuple[int, int]:
    """ "The first quarter" said in October: the coming one in a future clause, else the
    last one begun. Results come weeks after a quarter ends, so "will report third-quarter
    profit" in October is the quarter just ended."""
    candidates = [(published.year + k, ordinal) for k in (-1, 0, 1)]
    if tense == "future":
        horizon = published - dt.timedelta(days=_REPORTING_LAG)
        return min(c for c in candidates if _quarter_end(c) >= horizon)
    return max(c for c in candidates if _quarter_start(c) <= published)


def _quarter_start(quarter: tuple[int, int]) -> dt.date:
    return dt.date(quarter[0], (quarter[1] - 1) * 3 + 1, 1)


def _quarter_end(quarter: tuple[int, int]) -> dt.date:
    year, number = _shift_quarter(quarter, 1)
    return _quarter_start((year, number)) - dt.timedelta(days=1)


def _quarter_value(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]:04d}-{(quarter[1] - 1) * 3 + 1:02d}"


# -- resolving one expression --------------------------------------------------------------


def _resolve(match: re.Match, text: str, published: dt.date | None, lower: int, upper: int):
    """(mention, context) for a match, or None when it is no date.

    `context` marks a mention the rest of the sentence may sharpen (see `_with_context`):
    ("quarter", back, lookback, year) for "the quarter" and its kin,
    ("count", n, unit, "ago"|"earlier"|"later", lookback) for "a year earlier",
    ("anchor", unit, offset, current, lookback) for "that year", "the following month",
    ("story", month, day) for a month or day told in the past, ("done",) for nothing more.
    """
    g = match.group
    year: int | None  # some kinds of date below leave the year unknown (an undated article)
    if g("wdt"):
        weekday = _WEEKDAYS[g("wdt_w").lower()]
        month = _month_number(g("wdt_m") or g("wdt_m2"))
        day = _day_number(g("wdt_d") or g("wdt_d2"))
        if g("wdt_y"):
            date = valid_date(int(g("wdt_y")), month, day)
            return (_made(match, date.isoformat(), "day", False), None) if date else None
        if valid_date(2000, month, day) is None:
            return None
        if published is None:
            return _made(match, None, None, True, "year not given, and the article is undated"), None
        tense = _tense(text, match.start(), match.end(), lower, upper)
        date = _month_day(published, month, day, tense, weekday)
        return (_made(match, date.isoformat(), "day", True), None) if date else None
    if g("mdy") or g("dmy") or g("iso"):
        if g("iso"):
            year, month, day = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        elif g("mdy"):
            year, month, day = int(g("mdy_y")), _month_number(g("mdy_m")), _day_number(g("mdy_d"))
        else:
            year, month, day = int(g("dmy_y")), _month_number(g("dmy_m")), _day_number(g("dmy_d"))
        date = valid_date(year, month, day)
        return (_made(match, date.isoformat(), "day", False), None) if date else None
    if g("my"):
        return _made(match, f"{int(g('my_y')):04d}-{_month_number(g('my_m')):02d}", "month", False), None
    if g("mrel"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        year = published.year + {"last": -1, "this": 0, "next": 1}[g("mrel_mod").lower()]
        return _made(match, f"{year:04d}-{_month_number(g('mrel_m')):02d}", "month", True), None
    if g("md") or g("dm") or g("od"):
        month = _month_number(g("md_m") or g("dm_m") or g("od_m"))
        day = _ORDINAL_DAYS[g("od_d")] if g("od") else _day_number(g("md_d") or g("dm_d"))
        if valid_date(2000, month, day) is None:  # 2000 is a leap year: only truly impossible days fail
            return None
        if published is None:
            year = _written_year(text)
            if year is None or (date := valid_date(year, month, day)) is None:
                return _made(match, None, None, True, "year not given, and the article is undated"), None
            return _made(match, date.isoformat(), "day", True), None
        tense = _clause_tense(text, match.start(), match.end(), lower, upper)
        date = _month_day(published, month, day, None if tense == "present" else tense)
        if date is None:
            return None
        story = ("story", month, day) if tense in ("past", None) else None
        return _made(match, date.isoformat(), "day", True), story
    if g("wof"):
        month = _month_number(g("wof_m") or g("wof_m2"))
        day = _day_number(g("wof_d") or g("wof_d2"))
        if g("wof_y"):
            date = valid_date(int(g("wof_y")), month, day)
        elif published is None:
            return _made(match, None, None, True, "year not given, and the article is undated"), None
        else:
            date = _month_day(published, month, day, _tense(text, match.start(), match.end(), lower, upper))
        if date is None:
            return None
        monday = date - dt.timedelta(days=date.weekday())
        return _made(match, monday.isoformat(), "week", not g("wof_y")), None
    if g("qtr"):
        return _resolve_quarter(match, text, published, lower, upper)
    if g("wd"):
        modifier = " ".join((g("wd_mod") or "").lower().split())
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        weekday = _WEEKDAYS[g("wd_w").lower()]
        if modifier == "next":
            date = published + relativedelta(days=1, weekday=weekday)
        elif modifier in ("last", "this past"):
            date = published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
        elif modifier in ("this coming", "coming"):
            date = _weekday_date(published, weekday, "future")
        else:
            date = _weekday_date(published, weekday, _tense(text, match.start(), match.end(), lower, upper))
        return _made(match, date.isoformat(), "day", True), None
    if g("mo"):
        modifier = (g("mo_mod") or "").lower().rstrip("-")
        month = _month_number(g("mo_m"))
        if not modifier:
            before = _previous_word(text, match.start())
            if before not in (_PRECEDERS if month == 5 else _MONTH_PRECEDERS):
                return None
        if published is None:
            year = _written_year(text) if modifier not in ("next", "last", "this") else None
            if year is None:
                return _made(match, None, None, True, _UNDATED), None
            return _made(match, f"{year:04d}-{month:02d}", "month", True), None
        if modifier == "next":
            year = published.year + (1 if month <= published.month else 0)
        elif modifier == "last":
            year = published.year - (1 if month >= published.month else 0)
        elif modifier == "this":
            year = published.year
        else:
            tense = _clause_tense(text, match.start(), match.end(), lower, upper)
            year, _ = _place(
                [(published.year + k, month) for k in (-1, 0, 1)],
                (published.year, published.month),
                None if tense == "present" else tense,
                _months_apart,
            )
            if tense in ("past", None):
                return _made(match, f"{year:04d}-{month:02d}", "month", True), ("story", month, None)
        return _made(match, f"{year:04d}-{month:02d}", "month", True), None
    if g("ago"):
        word = g("ago_n").lower()
        count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        unit, direction = g("ago_u"), g("ago_dir").lower()
        if direction != "ago" and not (direction == "earlier" and count == 1 and unit == "year"):
            # "two days later" counts from a date the sentence gives; without one it is not placed.
            return _made(match, None, None, True, _UNCOUNTED), ("count", count, unit, direction, False)
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        date = published - relativedelta(**{unit + "s": count})
        return _made(match, _format(date, unit), unit, True), ("count", count, unit, direction, True)
    if g("spk"):
        year = _spoken_year(g("spk_y"))
        if year is None:
            return None
        # "two thousand people": a count, unless a date's preposition comes first
        if (
            g("spk_y").lower().startswith("two")
            and not g("spk_the")
            and not g("spk_m")
            and _previous_word(text, match.start()) not in _PRECEDERS - {"the", "and", "or", "of"}
        ):
            return None
        if g("spk_m"):
            return _made(match, f"{year:04d}-{_month_number(g('spk_m')):02d}", "month", False), None
        return _made(match, f"{year:04d}", "year", False), None
    if g("hol"):
        return _resolve_holiday(match, text, published, lower, upper)
    if g("rel"):
        unit = g("rel_u")
        det = " ".join(g("rel_det").lower().split())
        if unit[0].isupper():  # "that November": the November of the year the story is telling
            if det != "that":
                return None
            unit = "month:" + str(_month_number(unit))
        elif unit in ("morning", "afternoon", "evening", "night"):
            if det not in ("that", "the same", "the following", "the previous"):
                return None
            unit = "day"
        if det == "the" and not g("rel_side"):
            return None  # "the year" alone
        offset = {"the following": 1, "the previous": -1, "the preceding": -1}.get(det, 0)
        # "earlier in the year" with no date before it is this year; "that year" is not placed
        current = det == "the" and unit != "day"
        return _made(match, None, None, True, _UNCOUNTED), ("anchor", unit, offset, current, not current)
    if g("yend"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        # "since year-end" is the last one; "by year-end" this one
        before = _previous_word(text, match.start())
        tense = _tense(text, match.start(), match.end(), lower, upper)
        past = before == "since" or (tense == "past" and before != "by")
        year = published.year - (1 if past and published.month < 12 else 0)
        # "in 1988, when year-end net was lower": the year the sentence names
        return _made(match, f"{year:04d}", "year", True), ("anchor", "year", 0, False, False)
    if g("cy"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        return _made(match, f"{published.year:04d}", "year", True), None
    if g("yago"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        return _made(match, f"{published.year - 1:04d}", "year", True), ("count", 1, "year", "earlier", True)
    if g("per"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        step = {"last": -1, "this": 0, "next": 1}[g("per_mod").lower()]
        unit = g("per_u")
        if unit in ("week", "weekend"):
            monday = published - dt.timedelta(days=published.weekday())
            date = monday + dt.timedelta(weeks=step)
            if unit == "weekend":
                date += dt.timedelta(days=5)
                return _made(match, date.isoformat(), "day", True), None
            return _made(match, date.isoformat(), "week", True), None
        date = published + relativedelta(**{unit + "s": step})
        # "last year" beside "the third quarter" is that quarter a year before.
        context = ("count", 1, "year", "ago", False) if unit == "year" and step == -1 else None
        return _made(match, _format(date, unit), unit, True), context
    if g("day"):
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        if g("day_this"):
            offset = 0
        elif g("day_last"):
            offset = -1
        else:
            offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g("day_w").lower()]
        return _made(match, (published + dt.timedelta(days=offset)).isoformat(), "day", True), None
    if g("year"):
        return _resolve_year(match, text)
    return None


def _spoken_year(words: str) -> int | None:
    """1996 from "nineteen ninety-six", 2000 from "two thousand"."""
    parts = [w for w in re.split(r"[-\s]+", words.lower()) if w not in ("hundred", "and")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_NUMBERS[w] for w in parts[2:])
    century = _WORD_NUMBERS.get(parts[0])
    rest = [0 if w == "o" else _WORD_NUMBERS.get(w) for w in parts[1:]]
    if century is None or None in rest:
        return None
    return century * 100 + sum(rest)  # type: ignore[arg-type]


_HOLIDAY_PRECEDERS = {
    "on",
    "at",
    "before",
    "after",
    "since",
    "until",
    "till",
    "by",
    "over",
    "through",
    "around",
    "during",
    "last",
    "next",
    "this",
    "for",
}


def _holiday(name: str, year: int) -> dt.date:
    from dateutil.easter import easter

    name = " ".join(name.lower().replace("\u2019", "'").split())
    if name.startswith("thanksgiving"):  # the fourth Thursday of November (as in the United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("easter") or name == "good friday":
        shift = {"easter monday": 1, "good friday": -2}.get(name, 0)
        return easter(year) + dt.timedelta(days=shift)
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "valentine's day": (2, 14),
        "halloween": (10, 31),
    }
    return dt.date(year, *fixed[name])


def _resolve_holiday(match: re.Match, text: str, published: dt.date | None, lower: int, upper: int):
    g = match.group
    name, modifier = g("hol_n"), (g("hol_mod") or "").lower()
    # "the Christmas shopping season", "Easter week": a date only after "on", "over", "since"...
    if (
        name in ("Christmas", "Easter", "Thanksgiving")
        and not modifier
        and not g("hol_y")
        and (
            _previous_word(text, match.start()) not in _HOLIDAY_PRECEDERS
            or re.match(r"\s+(?:week|season|holidays?)\b", text[match.end() :])
        )
    ):
        return None
    if g("hol_y"):
        return _made(match, _holiday(name, int(g("hol_y"))).isoformat(), "day", False), None
    if published is None:
        return _made(match, None, None, True, _UNDATED), None
    candidates = [_holiday(name, published.year + k) for k in (-1, 0, 1)]
    if modifier == "last":
        date = max(c for c in candidates if c < published)
    elif modifier == "next":
        date = min(c for c in candidates if c > published)
    elif modifier == "this":
        date = candidates[1]
    else:
        date = _place(candidates, published, _tense(text, match.start(), match.end(), lower, upper), _days_apart)
    return _made(match, date.isoformat(), "day", True), None


def _resolve_year(match: re.Match, text: str):
    start = match.start()
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isdigit():
        return None  # the second year of "1990-1996" is not taken alone, nor a phone number's tail
    before = _previous_word(text, start)
    possessive = bool(re.search(r"\w['\u2019]s\s+$", text[max(0, start - 6) : start]))
    follows_range = bool(re.match(r"\s*[-\u2013]\s*\d{4}", text[match.end() : match.end() + 8]))
    listed = bool(re.search(rf"\b{_YEAR},\s+$", text[max(0, start - 8) : start]))
    if before not in _YEAR_PRECEDERS and not (possessive or follows_range or listed):
        return None
    # "2050 tons", "2050 more": a count, not a year ("the 2022 invasion" stays a year).
    modified = possessive or before in _DETERMINERS or before in ("the", "pre", "post", "mid")
    counted = _UNITS_RE if modified else _COUNTED_RE
    if counted.match(text, match.end()):
        return None
    return _made(match, match.group("year"), "year", False), None


def _resolve_quarter(match: re.Match, text: str, published: dt.date | None, lower: int, upper: int):
    g = match.group
    ordinal = _ORDINALS[g("q_ord").lower()] if g("q_ord") else None
    relation = " ".join((g("q_rel") or "").lower().split())
    determiner = (g("q_det") or "").lower()
    year = g("q_y1") or g("q_y2")
    year_relation = (g("q_yrel") or "").lower()
    period = bool(g("q_period"))
    if period and relation.endswith(("year-ago", "year-earlier")):
        # "the year-ago period": a year back from the quarter under discussion, else just the year
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        return _made(match, f"{published.year - 1:04d}", "year", True), ("count", 1, "year", "earlier", True)
    if period and not ((year and not ordinal) or relation in ("latest", "most recent")):
        return None  # "the period", "a period", "the last period"
    if not (
        ordinal or relation or year_relation or year or determiner in ("the", "its", "their", "his", "her", "this")
    ):
        return None  # "quarter" alone, "that quarter"
    if g("q_y2") is None and not ordinal and re.match(r"\s+of\b", text[match.end() : match.end() + 4]):
        return None  # "the quarter of a century"
    if year and not ordinal and (relation or year_relation or g("q_y2")):
        return None
    sentence = text[max(lower, match.start() - 200) : min(upper, match.end() + 200)]
    if _SPORT_RE.search(sentence):
        return None
    if year and ordinal:
        return _made(match, _quarter_value((int(year), ordinal)), "quarter", False), None
    if year:
        # "the 1988 quarter", "the 1989 period": the quarter under discussion, in that year
        if published is None:
            return _made(match, None, None, True, _UNDATED), None
        return _made(match, year, "year", True), ("quarter", 0, True, int(year))
    if g("q_end_m") and not ordinal:
        # "the quarter ended July 31": the calendar quarter it mostly covers
        month, day = _month_number(g("q_end_m")), _day_number(g("q_end_d"))
        if g("q_end_y"):
            end = valid_date(int(g("q_end_y")), month, day)
        elif published is None:
            return _made(match, None, None, True, _UNDATED), None
        else:
            ended = "ended" in text[match.end() : match.end() + 8]
            end = _month_day(published, month, day, "past" if ended else "future")
        if end is not None:
            quarter = _quarter_of(end - dt.timedelta(days=45))
            return _made(match, _quarter_value(quarter), "quarter", not g("q_end_y")), None
    if published is None:
        return _made(match, None, None, True, _UNDATED), None
    current = _quarter_of(published)
    year_ago = relation.endswith(("year-ago", "year-earlier")) or year_relation == "last" or g("q_ago")
    back = -4 if year_ago else 0
    if year_relation in ("this", "next"):
        back = 4 if year_relation == "next" else 0
    if ordinal:
        if year_relation:
            quarter = (published.year + back // 4, ordinal)
            return _made(match, _quarter_value(quarter), "quarter", True), None
        tense = "past" if back else _tense(text, match.start(), match.end(), lower, upper)
        quarter = _ordinal_quarter(published, ordinal, tense)
        if back:
            return _made(match, _quarter_value(_shift_quarter(quarter, back)), "quarter", True), ("done",)
        return _made(match, _quarter_value(quarter), "quarter", True), None
    if relation in ("current",) or (determiner == "this" and not relation):
        return _made(match, _quarter_value(current), "quarter", True), None
    if relation in ("coming", "next"):
        return _made(match, _quarter_value(_shift_quarter(current, 1)), "quarter", True), None
    if period:  # "the latest period": only where a quarter is under discussion
        return _made(match, None, None, True, _UNCOUNTED), ("quarter", 0, True, None)
    # "the quarter", "the latest quarter", "the year-ago quarter": the one the sentence (or,
    # but for "the latest", the story just before) names, else the last one completed.
    quarter = _shift_quarter(_shift_quarter(current, -1), back)
    context = ("quarter", back, not relation or back != 0, None)
    return _made(match, _quarter_value(quarter), "quarter", True), context


def _with_context(found: list, text: str, published: dt.date | None, start: int, stop: int) -> list:
    """Sharpen mentions by what is around them.

    "The quarter", "a year earlier" and "the year-ago period" take the quarter the sentence
    names, or else the last completed one the story named just before (the period a report is
    about). "A year later" and "that year" count from the written date before them in the
    sentence; without one they are dropped, never guessed.
    """
    primary = [(i, d) for i, (d, context) in enumerate(found) if context is None and d.value]
    written = [(i, d) for i, d in primary if not d.relative]
    # The period under discussion: a quarter placed by publication, not a historical one.
    quarters = [(i, d) for i, (d, context) in enumerate(found) if _is_period(d, context)]
    # "For the nine months, ... a year earlier": another period than the quarter.
    other_period = bool(_OTHER_PERIOD_RE.search(text, start, stop))
    result = []
    for i, (mention, context) in enumerate(found):
        kind = context[0] if context else None
        if kind is None or kind == "done":
            result.append((mention, context))
            continue
        if kind == "story":
            # "expired on 31 August 2024 and he cancelled an inspection in September": a month
            # told in the past beside a written date of an earlier year is placed by that date.
            # (a year alone is too loose: "a program approved in 1987 ... through Sept. 29")
            told = [
                (-1, d)
                for d, c in result
                if d.value and d.precision in ("day", "month") and (not d.relative or (c and c[0] == "anchor"))
            ]
            anchor = _nearest(told, i, mention, text)
            if anchor is not None and published is not None and int(_placed(anchor)[:4]) < published.year:
                mention = _placed_by(mention, anchor, context[1], context[2])
            result.append((mention, context))
            continue
        if kind == "anchor":
            _, unit, offset, current, lookback = context
            anchor = _nearest([(j, d) for j, d in written if j < i], i, mention, text)
            if anchor is None and lookback:
                anchor = _preceding_written(text, published, mention.start, unit)
            if anchor is not None and unit.startswith("month:"):
                value = f"{_placed(anchor)[:4]}-{int(unit[6:]):02d}"
                mention = dataclasses.replace(mention, value=value, precision="month", note=None)
            elif anchor is not None:
                mention = _counted_from(mention, anchor, offset, unit, 1, keep=unit)
            elif current and published is not None:
                today = DateMention(0, 0, 0, "", published.isoformat(), "day", True)
                mention = _counted_from(mention, today, 0, unit, 1, keep=unit)
            elif current:
                mention = dataclasses.replace(mention, note=_UNDATED)
        else:
            year = None
            if kind == "quarter":
                back, lookback, year, direction = context[1], context[2], context[3], None
                periodic = True
            else:
                _, count, unit, direction, lookback = context
                periodic = unit == "year" and count == 1
                back = -4
            near = _nearest(quarters, i, mention, text) if periodic and not other_period else None
            if near is None and periodic and lookback and not other_period and published is not None:
                near = _preceding_quarter(text, published, mention.start)
            if near is not None:
                quarter = _shift_quarter(_quarter_of(_month_start(_placed(near))), back)
                if year is not None:
                    quarter = (year, quarter[1])
                mention = dataclasses.replace(mention, value=_quarter_value(quarter), precision="quarter", note=None)
            elif kind == "count" and direction != "ago":
                # "said on Tuesday ... a week earlier": a near day counts from the day the sentence gives
                anchors = (
                    written
                    if unit not in ("day", "week")
                    else [(j, d) for j, d in primary if not d.relative or d.precision == "day"]
                )
                anchor = _nearest([(j, d) for j, d in anchors if j < i], i, mention, text)
                if anchor is not None:
                    sign = -1 if direction == "earlier" else 1
                    mention = _counted_from(mention, anchor, count, unit, sign)
        if mention.value is not None or mention.note != _UNCOUNTED:
            result.append((mention, context))
    return result


_LOOKBACK = 1200
_OTHER_PERIOD_RE = re.compile(
    r"\b(?:(?:six|nine|twelve|6|9|12)[\s-]+months?|first[\s-]+half|second[\s-]+half|fiscal\s+year|full\s+year"
    r"|year\s+ended|year\s+to\s+date|year-to-date)\b",
    re.IGNORECASE,
)


_ANAPHORA_LOOKBACK = 1500


def _preceding_written(text: str, published: dt.date | None, before: int, unit: str) -> DateMention | None:
    """The last written date, precise enough for `unit`, in the stretch of story before `before`:
    what "that night", "that year" or "that November" refer to."""
    needed = {"day": ("day",), "week": ("day", "week")}.get(unit, ("day", "week", "month", "quarter", "year"))
    if unit == "month":
        needed = ("day", "month")
    stretch = _scan(text, published, max(0, before - _ANAPHORA_LOOKBACK), before)
    for mention, context in reversed(stretch):
        if context is None and not mention.relative and mention.value and mention.precision in needed:
            return mention
    return None


def _placed(mention: DateMention) -> str:
    """The value of a mention chosen as an anchor or a period: those are only ever chosen among
    mentions that have one."""
    assert mention.value, f"an unplaced mention used as an anchor: {mention.text!r}"
    return mention.value


def _month_start(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:7] + "-01")


def _is_period(mention: DateMention, context: tuple | None) -> bool:
    """Whether a mention names the quarter a report is about ("the third quarter", "the quarter")."""
    return (
        mention.precision == "quarter"
        and mention.relative
        and bool(mention.value)
        and (context is None or (context[0] == "quarter" and context[1] == 0 and context[3] is None))
    )


def _preceding_quarter(text: str, published: dt.date, before: int) -> DateMention | None:
    """The last completed quarter placed by publication in the stretch of story before `before`."""
    lowest = max(0, before - _LOOKBACK)
    position = before
    while (position := text.rfind("quarter", lowest, position)) != -1:
        stretch = _scan(text, published, max(lowest, position - 60), min(before, position + 40))
        for mention, context in reversed(stretch):
            if (
                mention.start <= position < mention.end
                and _is_period(mention, context)
                and _quarter_end(_quarter_of(_month_start(mention.value))) < published
            ):
                return mention
    return None


def _placed_by(mention: DateMention, anchor: DateMention, month: int, day: int | None) -> DateMention:
    """The month (or month and day) nearest the anchor's date."""
    value = anchor.value or ""
    base = dt.date.fromisoformat(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value)
    if day is None:
        months = [(base.year + k, month) for k in (-1, 0, 1)]
        year, _ = _place(months, (base.year, base.month), None, _months_apart)
        return dataclasses.replace(mention, value=f"{year:04d}-{month:02d}")
    date = _place([valid_date(base.year + k, month, day) for k in (-1, 0, 1)], base, None, _days_apart)
    return dataclasses.replace(mention, value=date.isoformat()) if date else mention


def _nearest(candidates: list, index: int, mention: DateMention, text: str) -> DateMention | None:
    """The candidate (index, mention) nearest `mention` with no sentence break between them."""
    best = None
    for j, other in candidates:
        if j == index or other.start == mention.start:
            continue
        a, b = (other.end, mention.start) if other.start < mention.start else (mention.end, other.start)
        if _SENTENCE_BREAK_RE.search(text, a, b):
            continue
        if best is None or abs(other.start - mention.start) < abs(best.start - mention.start):
            best = other
    return best


def _counted_from(
    mention: DateMention, anchor: DateMention, count: int, unit: str, sign: int, keep: str | None = None
) -> DateMention:
    """ "a year later" than the anchor date, at the anchor's precision where that is coarser, or at
    `keep` ("that year" is a year whatever the anchor's precision)."""
    value, precision = anchor.value or "", anchor.precision or "year"
    base = dt.date.fromisoformat(value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value)
    order = ["day", "week", "month", "quarter", "year"]
    if precision == "quarter" and keep is None:
        if unit != "year":
            return mention
        quarter = _shift_quarter(_quarter_of(base), sign * 4 * count)
        return dataclasses.replace(mention, value=_quarter_value(quarter), precision="quarter", note=None)
    if order.index(unit) < order.index(precision):
        return mention  # "two days later" than "June 1998" cannot be placed to the day
    date = base + relativedelta(**{unit + "s": sign * count})
    precision = keep or precision
    if precision == "week":
        return dataclasses.replace(
            mention, value=(date - dt.timedelta(days=date.weekday())).isoformat(), precision="week", note=None
        )
    if precision == "quarter":
        return dataclasses.replace(mention, value=_quarter_value(_quarter_of(date)), precision="quarter", note=None)
    return dataclasses.replace(mention, value=_format(date, precision), precision=precision, note=None)


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
