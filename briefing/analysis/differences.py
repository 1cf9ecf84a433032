"""Where the sources differ: figures, dates, spellings, roles and quotation wordings.

Each finder returns `Discrepancy`s, each with its variants and the articles behind
each; `merge_discrepancies` makes one difference of many that share a wording.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from briefing.analysis.claims import MAX_POSTINGS, DisjointSets
from briefing.analysis.entities import ROLE_WORDS, translit_key
from briefing.language.numbers import TEEN_WORDS, TENS_WORDS, UNITS_WORDS, WORD_VALUES, word_number
from briefing.language.text import stem, stopwords
from briefing.model import Article, DateMention, Discrepancy, Entity, Mention, Role, Variant

# ---------------------------------------------------------------- figures

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}

# What a qualifier lets a figure mean, as (low, high) factors of the figure: "more than 30" a little
# above, "nearly 400" a little below, "about 1,300" the figure itself, already rounded. The margins
# are narrow on purpose: outlets that write "about 940 million" and "about 950 million" (ranges that
# must not meet, so "about" allows half a percent), or "at least seven" and "at least eight", are
# giving different figures; "about 1,300" and "1,300" are not.
_QUALIFIERS: dict[str, tuple[float, float]] = {
    **dict.fromkeys(
        (
            "about",
            "around",
            "roughly",
            "approximately",
            "some",
            "an estimated",
            "estimated",
            "almost about",
            "close to",
            "just about",
        ),
        (0.995, 1.005),
    ),
    **dict.fromkeys(
        (
            "more than",
            "over",
            "at least",
            "upwards of",
            "just over",
            "in excess of",
            "above",
            "as many as",
            "no fewer than",
            "no less than",
        ),
        (1.0, 1.08),
    ),
    **dict.fromkeys(
        (
            "nearly",
            "almost",
            "just under",
            "up to",
            "fewer than",
            "less than",
            "under",
            "below",
            "as much as",
            "not more than",
            "no more than",
        ),
        (0.92, 1.0),
    ),
}
_PERIODS = frozenset("season year month week day decade term period".split())
_STRICTLY_ABOVE = frozenset(("more than", "over", "upwards of", "just over", "in excess of", "above"))
# Spelled-out numbers are taken to end a phrase ("four hundred and ninety-eight").
_WORD_NUMBER = (
    r"(?:(?:" + "|".join([*TENS_WORDS, *TEEN_WORDS, *UNITS_WORDS, "a dozen", "dozen"]) + r")"
    r"(?:[\s-]+(?:and\s+)?(?:" + "|".join([*TENS_WORDS, *TEEN_WORDS, *UNITS_WORDS, "hundred"]) + r"))*)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CURRENCY_SIGNS = {
    "$": "dollar",
    "us$": "dollar",
    "c$": "dollar",
    "a$": "dollar",
    "nz$": "dollar",
    "hk$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "rs": "rupee",
    "rs.": "rupee",
}
_CURRENCY_WORDS = {
    "dollar": "dollar",
    "euro": "euro",
    "pound": "pound",
    "sterling": "pound",
    "peso": "peso",
    "rupee": "rupee",
    "yen": "yen",
    "yuan": "yuan",
    "franc": "franc",
    "krona": "krona",
    "krone": "krone",
    "real": "real",
    "rand": "rand",
    "ruble": "rouble",
    "rouble": "rouble",
    "lira": "lira",
}
# Units of measure, in the spellings news uses, to one key each ("millimetres" = "millimeters" = "mm").
_MEASURES = {
    "mm": "mm",
    "millimetre": "mm",
    "millimeter": "mm",
    "cm": "cm",
    "centimetre": "cm",
    "centimeter": "cm",
    "metre": "m",
    "meter": "m",
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "mile": "mile",
    "inch": "inch",
    "foot": "foot",
    "feet": "foot",
    "ft": "foot",
    "tonne": "tonne",
    "ton": "tonne",
    "kg": "kg",
    "kilogram": "kg",
    "kilo": "kg",
    "gram": "g",
    "nanogram": "ng",
    "microgram": "µg",
    "milligram": "mg",
    "litre": "l",
    "liter": "l",
    "hectare": "ha",
    "acre": "acre",
    "terabyte": "TB",
    "tb": "TB",
    "gigabyte": "GB",
    "gb": "GB",
    "megabyte": "MB",
    "petabyte": "PB",
    "barrel": "barrel",
    "knot": "knot",
    "degree": "degree",
    "mph": "mph",
    "megawatt": "MW",
    "mw": "MW",
    "gigawatt": "GW",
    "kilowatt": "kW",
    "percentage point": "point",
    "point": "point",
    "hour": "hour",
    "minute": "minute",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
_FIGURE_RE = re.compile(
    r"(?<![\w$€£¥₹.,/:-])"
    r"(?:(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<cur>US\$|C\$|A\$|NZ\$|HK\$|Rs\.?\s?|[$€£¥₹])?"
    r"(?P<num>" + _DIGITS + "|" + _WORD_NUMBER + r")"
    r"(?:\s*[-\u2013]\s*(?P<upto>\d+(?:\.\d+)?)(?=\s))?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|mn|bn|m|k)\b)?"
    r"(?P<pct>\s*%|\s+per\s*cent\b|\s+percent\b)?"
    r"(?![\w$€£%]|[.,:/]\d|-(?!year|metre|meter|terabyte|tonne|kilo|mile|hour|day|week|month|member|seat|point|strong)[a-z])",
    re.IGNORECASE,
)
# Words that end the run of words naming what a figure counts.
_COUNT_STOP = frozenset(
    """of in at on and or to for from with by as than who that which whose were was are is be been being have has had
    will would could should can may might did do does not no said says say while when after before since until per
    a an the its their his her our this these those each every it they he she we more less about including among
    against into onto over under between during through""".split()
)
# What a count names after it: "of its members", "of the firm's roughly 770 employees", "voting machines".
_COUNTED_RE = re.compile(
    r"(?:-|\s+)(?:of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?(?:[A-Za-z]+['\u2019]s\s+)?"
    r"(?:(?:roughly|about|some|around|nearly|almost)\s+)?(?:\d[\d,.]*\s+)?)?(?P<run>(?:[A-Za-z][\w'\u2019-]*\s*){1,3})"
)
_NUMBER_OF_RE = re.compile(r"\b(?:number|total|count|tally) of (?:[a-z]+\s+){0,2}?(?P<thing>[a-z]+s)\b")
# A share price or index quoted with its move: a value of the hour, not a fact to agree on.
_MARKET_NOUNS = frozenset("shares share stock stocks index price prices".split())
_MARKET_MOVES = frozenset(
    """up down jumped jump fell fall fallen rose rise risen gained lost slipped dropped climbed closed opened traded
    trading lower higher""".split()
)
# A tally given as having grown: later reports are expected to give more.
_RISE_WORDS = frozenset("rose risen climbed increased reached now grew jumped".split())
# Tallies that grow as a story unfolds (the dead, the injured, cases): two days' reports differ by nature.
_GROWING = frozenset(("dead", "injured", "case", "missing", "evacuated", "arrested"))
# Long spans (years, months, weeks) are mostly tenures and ages of different things; how many hours
# or days something lasted is kept.
_DURATIONS = frozenset(("year", "month", "week"))
# Which version of a figure a clause gives: what one side asks and what the other offers, and a
# first figure and the revised one, are different figures, not a disagreement about one.
_STANCES = {
    **dict.fromkeys("demand demands demanded demanding asking seeks seeking wants".split(), "demand"),
    **dict.fromkeys("offer offers offered offering proposal proposed".split(), "offer"),
    **dict.fromkeys("raised raises improved revised sweetened increased lifted lifts upped".split(), "later"),
    **dict.fromkeys("initial original opening earlier".split(), "earlier"),
}
# One word spelled as two in the words around figures: "31 on board" and "33 passengers aboard".
_CONTEXT_SYNONYMS = {"aboard": "board", "onboard": "board"}
# Plurals that do not end in "s".
_PLURALS = frozenset("people men women children staff police personnel crew cattle livestock".split())
# Nouns for people in general: one head count, however an outlet words it ("workers", "members", "staff").
_PEOPLE = frozenset(
    """people person persons individuals residents inhabitants villagers locals citizens men women adults workers
    employees staff members strikers miners""".split()
)
# Nouns for the people on an organisation's payroll, and the words that make any count of people
# a workforce ("employs 1,150 people").
_WORKFORCE = frozenset("staff employee personnel workforce".split())
_EMPLOY_WORDS = frozenset("employ employs employed employing employer workforce payroll".split())
# What happened to the people counted: the counted thing when the noun is only "people" or absent.
_OUTCOMES = {
    **dict.fromkeys("injured injuring injuries injury hurt wounded wounding".split(), "injured"),
    **dict.fromkeys("killed killing dead died deaths death toll fatalities victims lives".split(), "dead"),
    **dict.fromkeys("infected infections infection".split(), "case"),
    **dict.fromkeys("missing".split(), "missing"),
    **dict.fromkeys("evacuated evacuees evacuation displaced".split(), "evacuated"),
    **dict.fromkeys("arrested arrests detained".split(), "arrested"),
    **dict.fromkeys("strike striking strikers stoppage walkout walked".split(), "on strike"),
    **dict.fromkeys("board aboard onboard".split(), "on board"),
}
_RATE_RE = re.compile(
    r"(?:\s*\([^)]{1,40}\))?(?:\s+of(?:\s+[a-z]+){1,2})?\s*(?:-|\s)?(?:a|an|per|each)\s+(?:year|annum|season|month|week|day|share|head|worker|person|hour)\b",
    re.IGNORECASE,
)
# An age as news gives it: "John Smith, 58," or "Mr Novak, 29,".
_AGE_RE = re.compile(r"(?P<name>[A-Z][\w'\u2019-]+)[\u201d\"]?,\s+(?P<age>\d{1,3}),")


@dataclass(frozen=True, slots=True)
class _Figure:
    """One figure an article gives, read for comparison."""

    article: int
    """The article's id."""
    sentence: int
    """The sentence's index in the article."""
    start: int
    """Offset of the figure's first character."""
    end: int
    """Offset just past the figure and the noun it counts."""
    text: str
    """The figure as written, with its qualifier and what it counts ("about 1,300 workers")."""
    value: float
    """The number, scaled ("€950 million" is 950e6)."""
    low: float
    """The least the wording allows."""
    high: float
    """The most the wording allows."""
    dimension: str
    """What kind of number: "count", "percent", a currency ("euro"), a unit ("mm"), "age"."""
    thing: str | None
    """What is counted ("people", "vote", "injured"), or None when the text does not say right beside it."""
    context: frozenset[str]
    """Stemmed content words around the figure in its clause."""
    rising: bool = False
    """Whether the text gives it as a tally that has grown ("has risen to 31")."""
    stance: frozenset[str] = frozenset()
    """Which version of a figure it is: "demand" or "offer", "earlier" or "later" ("the improved offer")."""
    sentence_words: frozenset[str] = frozenset()
    """Stemmed content words of its whole sentence: what a figure of a rare kind is about."""


def _singular(word: str) -> str:
    return "person" if word == "people" else stem(word)


# A word of a sentence, as the figure reader reads its surroundings. No anchors: a scan of the
# whole text between a sentence's offsets finds what a scan of the sentence cut out would.
_SENTENCE_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _figures(articles: tuple[Article, ...], dates: tuple[DateMention, ...]) -> list[_Figure]:
    date_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for date in dates:
        date_spans[date.article].append((date.start, date.end))
    stops = stopwords()
    found: list[_Figure] = []
    for article in articles:
        text = article.text
        spans = date_spans[article.id]
        for number, sentence in enumerate(article.sentences):
            if sentence.heading:
                continue  # a headline repeats the story's figure in fewer words
            words = None  # read only for a sentence that has a figure: most have none
            for match in _FIGURE_RE.finditer(text, sentence.start, sentence.end):
                if words is None:
                    words = [
                        (m.start(), m.end(), m.group())
                        for m in _SENTENCE_WORD_RE.finditer(text, sentence.start, sentence.end)
                    ]
                figure = _read_figure(article, number, sentence.start, sentence.end, match, words, spans, stops)
                if figure:
                    found.append(figure)
            for match in _AGE_RE.finditer(text, sentence.start, sentence.end):
                name = match.group("name")
                age = int(match.group("age"))
                if name.lower() in stops or not 1 <= age <= 110:
                    continue
                context = frozenset({"age", translit_key(name)})
                found.append(
                    _Figure(
                        article.id,
                        number,
                        match.start(),
                        match.end("age"),
                        match.group()[: match.end("age") - match.start()],
                        age,
                        age,
                        age,
                        "age",
                        translit_key(name),
                        context,
                    )
                )
    return found


def _first_listed(table: dict[str, str], *words: str) -> str:
    """What `table` says of the first of `words` it lists (the caller has checked that one is)."""
    return next(table[word] for word in words if word in table)


def _read_figure(
    article: Article, sentence: int, lo: int, hi: int, match: re.Match, words, spans, stops
) -> _Figure | None:
    text = article.text
    num_start, num_end = match.span("num")
    if any(s < num_end and num_start < e for s, e in spans):
        return None  # "2016" in "between 2016 and 2018" is a date, not a count
    raw = match.group("num")
    if raw[0].isdigit():
        value = float(raw.replace(",", ""))
        if (
            not match.group("cur")
            and not match.group("scale")
            and not match.group("pct")
            and re.fullmatch(r"(1[89]|20)\d\d", raw)
        ):
            return None  # a year
    else:
        parsed = word_number(raw)
        if parsed is None:
            return None
        value = parsed
    before = text[max(lo, num_start - 3) : match.start()]
    if ("(" in before and match.group("cur")) or re.search(r"\(\s*$", text[lo : match.start()]):
        return None  # "(US$1.1 billion)", "(16.5 inches)": a conversion of the figure before it
    if re.search(r"\b[A-Z]{1,4}\s*$", text[max(lo, match.start() - 6) : match.start()]) and not match.group("cur"):
        return None  # "LT 562", "A 320": a code
    if value == 1 and not raw[0].isdigit():
        return None  # "one of the": a word more than a count
    if re.search(
        r"(?:No\.?|number|page|flight|runway|route|article|section|chapter|room|gate|platform)\s*$",
        text[max(lo, match.start() - 10) : match.start()],
        re.IGNORECASE,
    ):
        return None  # a number that names something, not a quantity
    if re.match(r"(?:-|\s)years?[- ]old\b", text[match.end() : hi]):
        return None  # "a 58-year-old woman": an age with no name to tie it to
    scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
    value *= scale
    end = match.end()
    rest = text[end:hi]
    dimension = "count"
    if match.group("pct"):
        dimension = "percent"
    elif match.group("cur"):
        dimension = _CURRENCY_SIGNS.get(match.group("cur").lower().strip(), "dollar")
    thing: str | None = None
    following = re.match(
        r"(?:-|\s+)([A-Za-z][A-Za-z'\u2019-]*)(?:\s+([A-Za-z][A-Za-z'\u2019-]*))?(?:\s+([A-Za-z][A-Za-z'\u2019-]*))?",
        rest,
    )
    if dimension == "count" and following:
        first = following.group(1).lower()
        two = f"{first} {(following.group(2) or '').lower()}"
        singular = stem(first)
        if two in ("percentage point", "percentage points"):
            dimension, end = "point", end + following.end(2)
        elif singular in _CURRENCY_WORDS or first in _CURRENCY_WORDS:
            dimension, end = _first_listed(_CURRENCY_WORDS, singular, first), end + following.end(1)
        elif singular in _MEASURES or first in _MEASURES:
            dimension, end = _first_listed(_MEASURES, singular, first), end + following.end(1)
            if dimension in ("year", "month", "week", "day", "hour", "minute") and re.match(
                r"-?old\b", text[end:hi].lstrip(" -")
            ):
                dimension = "age"  # "a 58-year-old woman"
    if dimension == "count" and match.group("scale") is None and value != int(value):
        return None  # "3.5" with nothing after it is no count
    rate = _RATE_RE.match(text, end, hi)
    if rate:
        end = rate.end()
        dimension += "/per"
    # What is counted: the first plural among the words after the figure ("312 voting machines",
    # "1,420 of its members joined"); a count above one names its thing in the plural.
    if dimension == "count":
        tail = _COUNTED_RE.match(text, end, hi)
        if tail:
            for word in re.finditer(r"[A-Za-z][\w'\u2019-]*", tail.group("run")):
                low = word.group().lower()
                if low in _COUNT_STOP or (word.group()[0].isupper() and not word.group().isupper()):
                    break
                if low in _OUTCOMES and value > 1:
                    thing = _OUTCOMES[low]
                    end = tail.start("run") + word.end()
                    break
                if value > 1 and (low in _PLURALS or (low.endswith("s") and not low.endswith(("ss", "us", "is")))):
                    thing = _singular(low)
                    end = tail.start("run") + word.end()
                    break
        if thing is None:
            # "The number of confirmed cases ... has risen to 31": the thing is named before.
            named = _NUMBER_OF_RE.search(text, max(lo, match.start() - 120), match.start())
            if named:
                thing = _singular(named.group("thing").lower())
    # Words around the figure within its clause: what it is about.
    around = [
        w for w in words if (w[1] <= match.start() and w[1] > match.start() - 80) or (w[0] >= end and w[0] < end + 80)
    ]
    near = [
        w
        for w in words
        if (w[1] <= match.start() and w[1] > match.start() - 30) or (w[0] >= match.end() and w[0] < end + 25)
    ]

    # The nearest word for what happened to them: "killed" in "five killed and 27 injured" is the five's.
    def distance(w: tuple[int, int, str]) -> int:
        return min(abs(w[0] - match.end()), abs(match.start() - w[1]))

    outcome = next((_OUTCOMES[w[2].lower()] for w in sorted(near, key=distance) if w[2].lower() in _OUTCOMES), None)
    if dimension == "count" and (thing is None or thing == "person" or thing in {_singular(p) for p in _PEOPLE}):
        # "employs 1,150 people", "the 1,150 staff": a workforce, not whoever turned up at the rally.
        workforce = thing in _WORKFORCE or bool({w[2].lower() for w in near} & _EMPLOY_WORDS)
        thing = outcome or ("employed" if workforce else "person" if thing else None)
    if dimension == "count" and thing is None:
        return None  # a bare number with nothing to say what it counts
    if dimension.split("/")[0] in _DURATIONS:
        return None  # how long something took or has been: spans of different things, seldom one quantity
    near_words = {w[2].lower() for w in near}
    clause_words = {w[2].lower() for w in around}
    # "Shares in the group rose 12% on Friday and ended the day a little higher at €18.40", "taking
    # their slide since the results were published to about 7%": the move stands a few words back,
    # the shares at the start of the sentence.
    moving = {w[2].lower() for w in words if match.start() - 50 < w[1] <= match.start()} | near_words
    quoted = {w[2].lower() for w in words if match.start() - 120 < w[1] <= match.start()} | clause_words
    if dimension.split("/")[0] != "count" and quoted & _MARKET_NOUNS and moving & _MARKET_MOVES:
        return None  # "shares were up 36% at 34.60 euros": a quote that moves by the hour
    rising = bool(near_words & _RISE_WORDS)
    # "raised its offer for the company to 37.50 euros": the verb that makes it a version stands a
    # little further back than the words that say what is counted.
    stance_words = {w[2].lower() for w in words if match.start() - 60 < w[1] <= match.start() or end <= w[0] < end + 12}
    # Who asks and who offers is said beside the figure; that it is a revised figure, anywhere in its clause.
    stance = frozenset(
        {_STANCES[w] for w in stance_words if _STANCES.get(w) in ("demand", "offer")}
        | {_STANCES[w] for w in clause_words if _STANCES.get(w) in ("later", "earlier")}
    )

    # The figure's own words ("310,000 people") say what it counts, not what it is about.
    def content(ws: Iterable[tuple[int, int, str]]) -> frozenset[str]:
        return frozenset(
            _CONTEXT_SYNONYMS.get(low, stem(low))
            for w in ws
            if len(w[2]) >= 3
            and (low := w[2].lower()) not in stops
            and low not in WORD_VALUES
            and low not in _QUALIFIERS
        ) - {thing or ""}

    context = content(around)
    low_factor, high_factor = _QUALIFIERS.get((match.group("qual") or "").lower(), (1.0, 1.0))
    # "more than 30" is not 30: the range starts just above it.
    qualifier = (match.group("qual") or "").lower()
    if qualifier == "over" and thing in _PERIODS:
        low_factor, high_factor = 1.0, 1.0  # "over two seasons" is during them, not more than two
    above = 1e-9 if qualifier in _STRICTLY_ABOVE and not (qualifier == "over" and thing in _PERIODS) else 0.0
    upto = float(match.group("upto")) * scale if match.group("upto") else value
    if upto < value:
        return None
    if upto > value:
        low_factor, high_factor = 1.0, 1.0  # "around 5-6 hours": the range is the approximation
    shown = text[match.start() : end].strip()
    return _Figure(
        article.id,
        sentence,
        match.start(),
        end,
        shown,
        value,
        value * low_factor + above * value,
        upto * high_factor,
        dimension,
        thing,
        context,
        rising,
        stance,
        content(w for w in words if not match.start() <= w[0] < end),
    )


# Figures this far apart are not two readings of one count ("2 people" and "1,500 people").
_MAX_RATIO = 1.45
# Reports of a growing tally this many days apart give it at two different times, not two readings of one.
_MAX_DAYS_APART = 1


def _magnitude_close(a: float, b: float) -> bool:
    if a <= 0 or b <= 0:
        return False
    ratio = a / b if a >= b else b / a
    if ratio <= _MAX_RATIO:
        return True
    # A misplaced decimal point ("0.8" and "8") is one figure misprinted, not two figures.
    slipped = a != int(a) or b != int(b)  # "0.8" and "8"; "20" and "200" are two figures
    return slipped and _significant_digits(a) == _significant_digits(b) and round(ratio, 6) in (10.0, 100.0, 1000.0)


def _significant_digits(x: float) -> str:
    """The digits that say which figure it is, wherever its decimal point: "0.8" and "8" give "8"."""
    return re.sub(r"[^1-9]", "", f"{x:.6f}".rstrip("0"))


# What parts a sentence into clauses about different things: "founded the brewery in 1961 and
# where the firm still employs 340 people" does not set the 340 in 1961.
_CLAUSE_BREAK_RE = re.compile(r";|\b(?:where|while|whereas|but)\b")


def _years_of_figures(
    figures: list[_Figure], articles: tuple[Article, ...], dates: tuple[DateMention, ...]
) -> dict[tuple[int, int], set[str]]:
    """The years the dates of each figure's clause fall in, by (article, figure start): "in May 2023"
    sets a figure in 2023."""
    by_id = {a.id: a for a in articles}
    # (date, its year) of each placed date, by (article, sentence)
    in_sentence: dict[tuple[int, int], list[tuple[DateMention, str]]] = defaultdict(list)
    for date in dates:
        if not date.value:
            continue
        sentence = by_id[date.article].sentence_at(date.start)
        if sentence is not None:
            in_sentence[(date.article, sentence.index)].append((date, date.value[:4]))
    years: dict[tuple[int, int], set[str]] = defaultdict(set)
    for figure in figures:
        article = by_id[figure.article]
        for date, year in in_sentence.get((figure.article, figure.sentence), ()):
            between = (
                article.text[date.end : figure.start]
                if date.end <= figure.start
                else article.text[figure.end : date.start]
            )
            if not _CLAUSE_BREAK_RE.search(between):
                years[(figure.article, figure.start)].add(year)
        if (figure.article, figure.start) in years:
            continue
        # A sentence with no date goes on with the story its paragraph dated: "... the ferry sank on
        # 3 March 2019. Forty-two passengers were rescued."
        paragraph = article.sentences[figure.sentence].paragraph
        for earlier in reversed(article.sentences[: figure.sentence]):
            if earlier.paragraph != paragraph:
                break
            dated = {year for _, year in in_sentence.get((figure.article, earlier.index), ())}
            if dated:
                years[(figure.article, figure.start)] = dated
                break
    return years


def _dossier_years(published: dict) -> set[str]:
    """The years the dossier's reports are dated in: the time an undated report is taken to be of."""
    return {str(when.year) for when in published.values() if when}


def _same_time(a: _Figure, b: _Figure, year_a: set[str], year_b: set[str], published: dict) -> bool:
    """Whether two figures can be of one moment: not of different years, not a grown tally's two days.

    `year_a` and `year_b` are each figure's `_figure_years`, worked out once per figure by the
    caller: a big dossier compares hundreds of thousands of pairs.
    """
    if year_a and year_b and not year_a & year_b:
        return False  # last year's figure and this year's
    if a.dimension == "age":
        return True
    when_a, when_b = published[a.article], published[b.article]
    growing = a.thing in _GROWING or a.rising or b.rising
    if when_a is None or when_b is None:
        return not growing  # an undated report of a toll is most likely a later one
    if growing and when_a != when_b and (a.value < b.value) == (when_a > when_b):
        return True  # a toll that a later report gives lower is a disagreement, however far apart
    if not growing:
        return True  # a contract's worth or a sample's reading does not change from one day's report to the next
    return abs((when_a - when_b).days) <= (0 if (a.rising or b.rising) else _MAX_DAYS_APART)


def _figure_years(f: _Figure, published: dict, years: dict, dossier_years: set[str]) -> set[str]:
    """The years a figure can be of: its clause's dates', else its report's, else the dossier's.

    An undated report is taken to be of the dossier's time: "a storm in 2019 that closed four
    schools" is another storm than the one an undated report gives five schools for.
    """
    return years.get((f.article, f.start)) or (
        {str(published[f.article].year)} if published[f.article] else dossier_years
    )


def _same_thing(a: _Figure, b: _Figure) -> bool:
    return a.dimension == b.dimension and a.thing == b.thing


def figure_discrepancies(articles: tuple[Article, ...], dates: tuple[DateMention, ...]) -> list[Discrepancy]:
    """Different figures from different outlets for one quantity ("1,420 strikers" vs "about 1,300 workers").

    Two figures are one quantity when they measure the same kind of thing (the same
    currency, unit or counted noun) in the same words ("valuing the company at"): the
    content words of their clauses, weighted by how rare they are in the dossier, must
    overlap. They disagree when the ranges their qualifiers allow do not meet. A pair
    that some article gives side by side ("from 14 million to 16 million") is two
    quantities (an offer and its improvement), not a disagreement. Pairs that share a
    wording come merged, as `merge_discrepancies` merges them.
    """
    figures = _figures(articles, dates)
    if not figures:
        return []
    df: Counter = Counter()
    for f in figures:
        df.update(f.context)
    total = len(figures)
    idf = {word: math.log(1 + total / count) for word, count in df.items()}
    # A thing few figures count ("on board", "injured", a person's age, terabytes) says by itself
    # much of which quantity is meant; "people" or a bare percentage says little.
    kinds = Counter((f.dimension, f.thing) for f in figures)
    published = {a.id: a.published for a in articles}
    years = _years_of_figures(figures, articles, dates)
    dossier_years = _dossier_years(published)
    # Values one sentence gives side by side for one kind of thing are two things ("raised to 16
    # million pesos from 14 million"): those two values never make a disagreement elsewhere.
    given: dict[tuple[int, int, str, str | None], set[float]] = defaultdict(set)
    for f in figures:
        given[(f.article, f.sentence, f.dimension, f.thing)].add(f.value)
    together: dict[tuple[str, str | None], list[set[float]]] = defaultdict(list)
    for (_, _, dimension, thing), values in given.items():
        if len(values) >= 2:
            together[(dimension, thing)].append(values)
    by_kind: dict[tuple[str, str | None], list[_Figure]] = defaultdict(list)
    for f in figures:
        by_kind[(f.dimension, f.thing)].append(f)
    # Pairs that disagree are merged the way `merge_discrepancies` merges them, through their
    # wordings: a big dossier has hundreds of thousands of such pairs, too many to make a
    # `Discrepancy` of each. Each wording of a quantity is one node of the merge.
    abouts = {kind: _figure_about(*kind) for kind in by_kind}
    wording_ids: dict[tuple[str, str], int] = {}
    for kind, items in by_kind.items():
        for f in items:
            wording_ids.setdefault((abouts[kind], f.text), len(wording_ids))
    sets = DisjointSets(len(wording_ids))
    find = sets.find
    pairs: list[tuple[str, int, _Figure, _Figure]] = []  # (what, a wording of it, one figure, the other)
    for (dimension, thing), items in sorted(by_kind.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if len({f.article for f in items}) < 2:
            continue
        postings: dict[str, list[int]] = defaultdict(list)
        for index, f in enumerate(items):
            for word in f.context:
                postings[word].append(index)
        few = len(items) <= _FEW
        # What is the same for every pair of this kind is worked out once: a kind can have
        # thousands of figures and hundreds of thousands of pairs in a big dossier.
        specific = math.log(1 + total / kinds[(dimension, thing)])
        about = abouts[(dimension, thing)]
        given_together = together[(dimension, thing)]
        item_years = [_figure_years(f, published, years, dossier_years) for f in items]
        wording = [wording_ids[(about, f.text)] for f in items]
        paired = [False] * len(items)  # whether a figure is in a pair kept already
        # Whole numbers cannot be a misplaced decimal point ("20" and "200" are two figures); an
        # infinite one is left to `_magnitude_close`.
        whole_values = [math.isfinite(f.value) and f.value == int(f.value) for f in items]
        for index, f in enumerate(items):
            # A kind of figure only a handful of times in the dossier ("terabytes") needs no shared word.
            candidates = set(range(index + 1, len(items))) if few else set()
            for word in f.context:
                posting = postings[word]
                if len(posting) <= MAX_POSTINGS:
                    # A posting is in figure order: the figures after this one are its tail.
                    candidates.update(posting[bisect_right(posting, index) :])
            article, low, high, value, stance = f.article, f.low, f.high, f.value, f.stance
            if value <= 0:
                continue  # no magnitude to be close to
            year = item_years[index]
            whole = whole_values[index]
            # The cheap tests first, written out: they turn away most of the candidates.
            for other in sorted(candidates):
                g = items[other]
                if g.article == article or not (high < g.low or g.high < low):  # not in conflict
                    continue
                other_value = g.value
                ratio = (value / other_value if value >= other_value else other_value / value) if other_value > 0 else 0
                if not (
                    0 < ratio <= _MAX_RATIO
                    or (not (whole and whole_values[other]) and _magnitude_close(value, other_value))
                ):
                    continue  # apart, and no decimal point that could have slipped
                if stance != g.stance:
                    continue
                # A pair of figures both in pairs kept before, whose wordings are joined already,
                # would add nothing to the merged differences: the costlier tests are spared.
                if paired[index] and paired[other] and find(wording[index]) == find(wording[other]):
                    continue
                if not _same_time(f, g, year, item_years[other], published):
                    continue
                shared = f.context & g.context
                # A kind of figure seen only a handful of times needs just one word in common, anywhere in
                # its sentence ("the full 2.5 terabytes" of what it put "on a file-sharing site").
                if sum(idf[w] for w in shared) + specific < _CONTEXT_NEEDED and not (
                    few and f.sentence_words & g.sentence_words
                ):
                    continue
                if any(value in values and g.value in values for values in given_together):
                    continue
                pairs.append((about, wording[index], f, g))
                sets.join(wording[index], wording[other])
                paired[index] = paired[other] = True
    return _merge_figure_pairs(pairs, sets)


def _merge_figure_pairs(pairs: list[tuple[str, int, _Figure, _Figure]], sets: DisjointSets) -> list[Discrepancy]:
    """What `merge_discrepancies` makes of a `Discrepancy` per pair, made without them.

    `sets` has joined the wordings of each pair: pairs that share a wording, directly or
    through others, are one difference. Groups come in the order of their first pair, and
    each wording's articles and places in the order the pairs give them, as there.
    """
    groups: dict[int, list[int]] = {}
    for index, (_, wording, _, _) in enumerate(pairs):
        groups.setdefault(sets.find(wording), []).append(index)
    merged = []
    for members in groups.values():
        # Each wording's places as (article, start, end), the fields of its `Mention`s.
        places: dict[str, dict[tuple[int, int, int], None]] = {}
        for index in members:
            _, _, f, g = pairs[index]
            for figure in (f, g):
                seen = places.get(figure.text)
                if seen is None:
                    seen = places[figure.text] = {}
                seen[(figure.article, figure.start, figure.end)] = None
        sources = {text: {article for article, _, _ in seen} for text, seen in places.items()}
        variants = tuple(
            Variant(text, tuple(sorted(sources[text])), tuple(Mention(*place) for place in places[text]))
            for text in sorted(sources, key=lambda t: -len(sources[t]))  # stable: ties keep their order
        )
        merged.append(Discrepancy(pairs[members[0]][0], "figure", variants))
    return merged


# How much the words around two figures must share (summed rarity) to be read as one quantity.
_CONTEXT_NEEDED = 3.5
# Kinds of figure this rare are compared all with all.
_FEW = 6


def _figure_about(dimension: str, thing: str | None) -> str:
    dimension = dimension.removesuffix("/per")
    if dimension == "age":
        return "age"
    if dimension == "percent":
        return "percentage"
    if dimension == "count" and thing == "employed":
        return "number employed"
    if dimension == "count":
        if thing and thing.rstrip("s") in _MONEY_NOUNS:
            return "amount"  # "310 million zlotys": a sum, whatever the currency
        if thing in _OUTCOME_NAMES and (thing.endswith(("ed", "ing")) or " " in thing or thing in ("dead", "missing")):
            return f"number {thing}"  # "number injured", "number on strike"
        if thing in ("person", "people", "persons"):
            return "number of people"
        plural = thing and (thing.endswith("s") or thing in _IRREGULAR_PLURALS)
        return f"number of {thing or 'thing'}{'' if plural else 's'}"
    if dimension in _CURRENCY_WORDS.values():
        return "amount"
    # "number of hours", "number of tonnes"; an abbreviated unit keeps its form: "figures in mm".
    if dimension.isalpha() and dimension.islower() and len(dimension) > 2:
        return f"number of {dimension}s"
    return f"figures in {dimension}"


# Currencies the figure reader does not take as money but a label should still call a sum;
# with `_CURRENCY_WORDS` they make every currency a count can be in.
_MONEY_NOUNS = frozenset(_CURRENCY_WORDS) | frozenset(
    "zloty renminbi kroner reais dinar dirham baht won ringgit shekel forint koruna leu lei rupiah naira "
    "shilling".split()
)
_IRREGULAR_PLURALS = frozenset("children people men women police staff personnel cattle".split())


_OUTCOME_NAMES = frozenset(_OUTCOMES.values())


def _fold_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Names are compared pair by pair, each word many times over: each is folded once.
@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    """A word without accents, lower-cased: how two spellings of a name are compared."""
    return _fold_accents(word).lower()


def _name_tokens(surface: str) -> list[str]:
    words = surface.replace("\u2019", "'").removesuffix("'s").split()
    while words and words[0].lower().rstrip(".") in _HONORIFICS_BARE:
        words.pop(0)
    return words


def _spelled_apart(one: list[str], other: list[str], hyphens: bool = True) -> int | None:
    """Where two forms of one name start to be spelled differently, or None if they are one spelling.

    Not a spelling difference: accents only ("Peñalosa"/"Penalosa"), case only, a surname
    beside the full name or a name with a second surname ("Ruiz"/"Manuel Ruiz Ortega"),
    a familiar short form ("Bill"/"William", "Manu"/"Manuel").
    """
    a = [_folded(w) for w in one]
    b = [_folded(w) for w in other]
    if a == b:
        return None

    def squeeze(ws: list[str]) -> str:
        return _JOINERS_RE.sub("", "".join(ws))

    if squeeze(a) == squeeze(b):
        if "." in "".join(a + b) and _SPACED_DOTS_RE.sub("", "".join(a)) == _SPACED_DOTS_RE.sub("", "".join(b)):
            return None  # "T. V."/"T.V.": initials spaced two ways
        if not hyphens:
            return None  # "Wilkes-Barre"/"Wilkes Barre": an organisation's or place's hyphen is house style
        if "-" in "".join(a + b):
            # "Lloyd-Jones"/"Lloyd Jones": the double surname is the part spelled two ways (the two
            # spellings differ in their number of words, so the shorter one ends the comparison).
            return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
        return 0  # "Van Dijk"/"Vandijk": the whole name shows which words run together
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long)
    if all(word in it for word in short):
        return None  # a surname beside the full name
    if len(a) != len(b):
        return None
    differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    for i in differing:
        x, y = a[i], b[i]
        if abs(len(x) - len(y)) > 1 or min(len(x), len(y)) < 4:
            return None  # "Manu"/"Manuel", "Bill"/"Billy": a short form, not a spelling
        if not _alike(x, y):
            return None
    return differing[0] if differing else None


_JOINERS_RE = re.compile(r"[\s'-]")
_SPACED_DOTS_RE = re.compile(r"[\s.]")


# Surnames shared by many people make the same two given names compared many times over.
@lru_cache(maxsize=100_000)
def _alike(x: str, y: str) -> bool:
    """Whether two words are close enough in letters to be one word spelled two ways."""
    return SequenceMatcher(None, x, y).ratio() >= 0.75


_HONORIFICS_BARE = frozenset("mr mrs ms miss dr sir dame prof professor".split())


def spelling_discrepancies(entities: tuple[Entity, ...], articles: tuple[Article, ...]) -> list[Discrepancy]:
    """One person, organisation or place spelled differently by different outlets ("Catherine"/"Katherine").

    Each pair of forms from different articles is compared word by word; the variant shown
    is the name from the first word spelled differently ("Lloyd-Jones" / "Lloyd Jones").
    A name written as one word ("DarkHeron") is also looked for written as two.
    """
    found = []
    by_id = {a.id: a for a in articles}
    for entity in entities:
        forms: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
        for mention in entity.mentions:
            words = _name_tokens(by_id[mention.article].text[mention.start : mention.end])
            if words:
                forms[tuple(words)].append(mention)
        _forms_written_apart(entity, articles, forms)
        keys = sorted(forms, key=lambda k: (-len(forms[k]), k))
        for n, one in enumerate(keys):
            for other in keys[n + 1 :]:
                at = _spelled_apart(
                    list(one), list(other), hyphens=entity.kind == "person" or bool(_CAMEL_RE.match(entity.name))
                )
                if at is None:
                    continue
                ours = [m for m in forms[one] if any(o.article != m.article for o in forms[other])]
                theirs = [m for m in forms[other] if any(o.article != m.article for o in forms[one])]
                if not ours or not theirs:
                    continue
                variants = tuple(
                    Variant(" ".join(words[at:]), tuple(sorted({m.article for m in mentions})), tuple(mentions))
                    for words, mentions in ((one, ours), (other, theirs))
                )
                if variants[0].text != variants[1].text:
                    found.append(Discrepancy(f"spelling of {entity.name}", "spelling", variants))
    return found + _people_split_by_spelling(entities)


def _people_split_by_spelling(entities: tuple[Entity, ...]) -> list[Discrepancy]:
    """Two people with one surname and near-identical given names that no article names together.

    "Sofia Duarte" in four reports and "Sophia Duarte" in a fifth are one mediator
    whose name one outlet spelled differently, even when the names were kept apart as people.
    """
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        words = entity.name.split()
        if entity.kind == "person" and len(words) >= 2:
            by_surname[_folded(words[-1])].append(entity)
    found = []
    for people in by_surname.values():
        # Worked out once per person, not once per pair: a common surname makes thousands of pairs.
        reports = [{m.article for m in person.mentions} for person in people]
        names = [person.name.split() for person in people]
        for n, one in enumerate(people):
            for m in range(n + 1, len(people)):
                other = people[m]
                if not reports[n].isdisjoint(reports[m]):
                    continue  # named in one report together: two people
                at = _spelled_apart(names[n], names[m])
                if at is None:
                    continue
                variants = tuple(
                    Variant(" ".join(e.name.split()[at:]), e.articles, e.mentions)
                    for e in sorted((one, other), key=lambda e: -len(e.mentions))
                )
                found.append(Discrepancy(f"spelling of {variants[0].text if at else one.name}", "spelling", variants))
    return found


_CAMEL_RE = re.compile(r"^([A-Z][a-z]+)([A-Z][a-z]+)$")


def _forms_written_apart(entity: Entity, articles: tuple[Article, ...], forms: dict) -> None:
    """Add where a one-word name ("DarkHeron") is written as two words ("Dark Heron")."""
    camel = _CAMEL_RE.match(entity.name)
    if not camel:
        return
    apart = re.compile(rf"\b{camel.group(1)}\s+{camel.group(2)}\b")
    for article in articles:
        for match in apart.finditer(article.text):
            forms[(camel.group(1), camel.group(2))].append(Mention(article.id, match.start(), match.end()))


# Honorifics are no role: "Mr" or "Dr" beside a name says nothing of a post.
_HONORIFICS = frozenset("mr mrs ms miss dr mr. mrs. ms. dr. sir dame".split())
# Words that read a role as being of an organisation or place: the role is what comes before.
_ROLE_OBJECT = frozenset("of at for in to with from".split())
# Words that end a role: a relative clause or a verb that follows it.
_ROLE_END = frozenset("whose who which that said says told".split())
# Kinds of organisation: "Union president" is the president of the union the story names.
_ORGANISATION_NOUNS = frozenset(
    """union company firm party team alliance committee commission board ministry department agency police group
    council government club federation association fund bank court army""".split()
)
# Words for leading something, compatible with any title of a leader ("head of the committee" and
# "committee chairman" are one post); and synonyms for one post.
_GENERIC_ROLES = frozenset("head leader boss".split())
_ROLE_SYNONYMS = {
    "ceo": ("chief", "executive"),
    "chairman": ("chair",),
    "chairwoman": ("chair",),
    "chairperson": ("chair",),
    "spokesman": ("spokesperson",),
    "spokeswoman": ("spokesperson",),
    "coo": ("chief", "operating", "officer"),
    "cfo": ("chief", "financial", "officer"),
}


@dataclass(frozen=True, slots=True)
class _RoleReading:
    """A role as words that name the post, and the proper names of what it is a post of."""

    title: frozenset[str]
    """The post's own words ("general", "manager"), lower case."""
    of: frozenset[str]
    """Capitalised words after "of"/"at"/"for" ("Energy", "Department")."""


def _read_role(role: str) -> _RoleReading | None:
    words = re.findall(r"[\w.\u2019'-]+", role.replace("\u2019", "'"))
    stops = stopwords()
    # "according to its lawyer", "Whether Judge": the glue before the role is not part of it.
    while (
        words and (words[0].lower() in stops or words[0].lower() == "according") and words[0].lower() not in ROLE_WORDS
    ):
        words.pop(0)
    if not words or any(w.lower() in _HONORIFICS for w in words):
        return None  # "Mr", "Lawyers for Ms": a title, or a role read off someone else
    title: set[str] = set()
    of: set[str] = set()
    after_object = False
    for word in words:
        low = word.lower()
        if low in _ROLE_END:
            break
        if low in _ROLE_OBJECT:
            after_object = True
            continue
        if after_object:
            if word[:1].isupper():
                of.add(low.removesuffix("'s"))
            continue
        if low.endswith("'s") or low in stops or low in _ORGANISATION_NOUNS:
            continue  # "Acme's", "its", "Union": whose post it is, not the post
        if word[:1].isupper() and low not in ROLE_WORDS:
            continue  # "Acme Air chief executive": the organisation's name
        title.update(_ROLE_SYNONYMS.get(low, (low,)))
    if not title:
        return None
    return _RoleReading(frozenset(title), frozenset(of))


def _same_post(a: _RoleReading, b: _RoleReading) -> bool:
    """Whether two readings can name one post: one title holds the other, and so do their objects."""
    if not (a.title <= b.title or b.title <= a.title):
        return False
    # "head of the Trade Department" and "head of the Energy department" differ.
    return not (a.of and b.of) or a.of <= b.of or b.of <= a.of


def role_discrepancies(entities: tuple[Entity, ...]) -> list[Discrepancy]:
    """People given posts by different articles that cannot be one post ("president director" vs "chief executive").

    A role is read as its title words without whose post it is ("its", "Acme's", "Union")
    or what follows "of"/"for" ("general manager of the Acme plant"); two readings are one
    post when one title holds the other ("regional director" holds "director") or one is
    a generic word for leading ("head"), and their objects, when both name one, agree.
    """
    found = []
    for entity in entities:
        if entity.kind != "person" or len(entity.roles) < 2:
            continue
        read = [(role, reading) for role in entity.roles if (reading := _read_role(role.text))]
        distinct: list[tuple[Role, _RoleReading, set[int]]] = []
        for role, reading in read:
            for index, (_, kept, articles) in enumerate(distinct):
                if _same_post(reading, kept) and (reading.title <= kept.title or kept.title <= reading.title):
                    articles.update(role.articles)
                    # The fuller wording shows the post best.
                    if len(reading.title) + len(reading.of) > len(kept.title) + len(kept.of):
                        distinct[index] = (role, reading, articles)
                    break
            else:
                distinct.append((role, reading, set(role.articles)))
        # A generic "head of the committee" is the one other post given ("committee chairman") when
        # there is just one of each; with more, which post it names cannot be told.
        generic = [d for d in distinct if d[1].title <= _GENERIC_ROLES]
        specific = [d for d in distinct if not d[1].title <= _GENERIC_ROLES]
        if len(generic) == 1 and len(specific) == 1:
            specific[0][2].update(generic[0][2])
            distinct = specific
        # Posts that disagree, each given by an article the other's articles do not share.
        if len(distinct) >= 2 and len(set().union(*(a for _, _, a in distinct))) >= 2:
            variants = tuple(Variant(role.text, tuple(sorted(articles))) for role, _, articles in distinct)
            found.append(Discrepancy(f"role of {entity.name}", "role", variants))
    return found


# Past forms that a suffix does not undo: "sworn in" is "swearing-in", "held" is "holding".
_IRREGULAR = {
    "sworn": "swear",
    "swore": "swear",
    "heard": "hear",
    "held": "hold",
    "met": "meet",
    "began": "begin",
    "begun": "begin",
    "fell": "fall",
    "fallen": "fall",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "made": "make",
    "sat": "sit",
    "sent": "send",
    "won": "win",
    "lost": "lose",
    "found": "find",
    "told": "tell",
    "led": "lead",
    "went": "go",
    "gone": "go",
    "came": "come",
    "struck": "strike",
    "broke": "break",
    "broken": "break",
    "rose": "rise",
    "risen": "rise",
    "chose": "choose",
    "chosen": "choose",
    "spoke": "speak",
    "spoken": "speak",
    "paid": "pay",
    "sold": "sell",
    "bought": "buy",
    "brought": "bring",
    "kept": "keep",
    "ran": "run",
    "seen": "see",
    "saw": "see",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "grown": "grow",
    "flew": "fly",
    "flown": "fly",
    "stood": "stand",
    "wrote": "write",
    "written": "write",
    "shut": "shut",
}
# Words for one happening that news words several ways: "was taken sick" and "fell ill".
_EVENT_SYNONYMS = {"unwell": "ill", "sick": "ill", "illness": "ill", "discover": "find", "detect": "find"}
# Words that make a date that of a statement, not of the event: "the agency said on Wednesday".
_REPORTING = frozenset("said says say told tells added adding announced confirmed statement".split())
# What one side asks for is not the date set: "the unions asked the board to decide by 3 June" and
# "the board will decide by 9 June" are two dates.
_DATE_DEMANDS = frozenset(
    "ask asks asked asking demand demands demanded demanding urge urges urged want wants wanted called".split()
)
# Words of the date itself, which say nothing of the event.
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow
    morning afternoon evening night tonight week month year day days""".split()
)
# How many words either side of a date name its event ("the inquest is scheduled for 14 March").
_EVENT_WINDOW = 8
# Words that give a date as set for an event to come. Dates of events to come are compared by the
# words for the event; reports of a past happening share its words with the story's other
# happenings, so dates of past events are compared only when each is "the first" of one thing
# ("The first patient was admitted on 2 August" / "The first patient ... was admitted on 4 August").
_SCHEDULE_WORDS = frozenset("will would due scheduled schedule set expected planned plans deadline postponed".split())
# How rare (summed over the dossier's sentences) the words for the event before two dates must be
# to read them as one event: one word as rare as "inquest" in a dossier on a road crash.
_EVENT_NEEDED = 2.5
# Dates further apart than this are of different events: sources that disagree on a day are a day
# or two apart ("14 March" / "16 March"), not months.
_MAX_EVENT_DAYS_APART = 7
# Days named from the report's own day: which day "today" is differs from report to report.
_DEICTIC_RE = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|this|last night|earlier|later|before|after|ago)\b", re.IGNORECASE
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")


def _event_word(word: str) -> str:
    low = word.lower().replace("\u2019", "'").removesuffix("'s")
    base = _IRREGULAR.get(low) or stem(low)
    return _EVENT_SYNONYMS.get(base, base)


@dataclass(frozen=True, slots=True)
class _DatedEvent:
    """A day an article gives for something, with the words that say what."""

    date: DateMention
    """The date as written and resolved."""
    sentence: int
    """The index of its sentence in the article."""
    near: frozenset[str]
    """What happens, in the words just before the date that are not names ("hear", "publish")."""
    people: frozenset[str]
    """The people named near the date, by entity id: whose event it is."""
    demand: bool
    """Whether the sentence gives the date as one that someone asks for ("had demanded the report by")."""
    first: str | None
    """What the sentence gives the first of ("The first patient was admitted on 2 August": "patient")."""
    scheduled: bool
    """Whether the date is given as one set for the event ("will open on", "is due", "by 9 June")."""
    shown: str
    """The date as the brief shows it, with its time of day ("late on Thursday")."""


def _content_words(tokens: list[tuple[int, str]], stops: frozenset[str], names: bool) -> frozenset[str]:
    """Event words of tokens; names (capitalised words not opening the sentence) only when `names`."""
    return frozenset(
        _event_word(word)
        for _, word in tokens
        if len(word) >= 3
        and word.lower() not in stops
        and word.lower() not in _CALENDAR_WORDS
        and (names or not word[0].isupper())
    )


def _dated_events(
    articles: tuple[Article, ...], dates: tuple[DateMention, ...], entities: tuple[Entity, ...]
) -> list[_DatedEvent]:
    stops = stopwords()
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for entity in entities:
        if entity.kind == "person":
            for mention in entity.mentions:
                people[mention.article].append((mention.start, entity.id))
    by_id = {a.id: a for a in articles}
    found = []
    for date in dates:
        if not date.value or date.precision != "day" or _DEICTIC_RE.search(date.text):
            continue
        article = by_id[date.article]
        sentence = article.sentence_at(date.start)
        if sentence is None or sentence.heading:
            continue
        text = article.text
        if re.match(r"[\s,]*(?:\d{4}\s*)?\(", text[date.end : date.end + 10]):
            continue  # "JAKARTA, Nov 18 (Reuters)": the dateline, the day the story was filed
        if re.search(
            r"\b(?:until|till|through)\s+$", text[max(sentence.start, date.start - 9) : date.start], re.IGNORECASE
        ):
            continue  # "cancelled until Friday": the end of a spell, not the day of an event
        tokens = [(m.start(), m.group()) for m in _WORD_RE.finditer(text, sentence.start, sentence.end)]
        before = [t for t in tokens if t[0] < date.start][-_EVENT_WINDOW:]
        after = [t for t in tokens if t[0] >= date.end][:_EVENT_WINDOW]
        if {w.lower() for _, w in before[-4:] + after[:1]} & _REPORTING:
            continue  # "told reporters on Monday": the day something was said, which reports give differently
        # The sentence's first word is capitalised for being first, not for being a name.
        opening = tokens[:1]
        # An event set for a day is named before it ("the inquest is scheduled for 14 March"); what
        # follows the date is mostly another clause ("..., and the council could vote after it").
        near_tokens = [
            (at, w.lower() if (at, w) in opening else w) for at, w in before if w.lower() not in _SCHEDULE_WORDS
        ]
        window = (before[0][0] if before else date.start, after[-1][0] + 1 if after else date.end)
        named = frozenset(person for at, person in people[date.article] if window[0] <= at < window[1])
        lead = re.search(r"\b(late|early)\s+$", text[max(sentence.start, date.start - 6) : date.start], re.IGNORECASE)
        shown = f"{lead.group(1)} {date.text}" if lead else date.text
        first = re.search(r"\bfirst\s+([a-z]+)", text[sentence.start : date.start], re.IGNORECASE)
        leading = {w.lower() for at, w in tokens if at < date.start}
        scheduled = bool(leading & _SCHEDULE_WORDS) or bool(re.search(r"\bby\s+$", text[date.start - 4 : date.start]))
        found.append(
            _DatedEvent(
                date,
                sentence.index,
                _content_words(near_tokens, stops, names=False),
                named,
                bool(leading & _DATE_DEMANDS),
                stem(first.group(1).lower()) if first else None,
                scheduled,
                shown,
            )
        )
    return found


# A dossier has a few hundred distinct days and hundreds of thousands of pairs of dated events.
@lru_cache(maxsize=4096)
def _iso_day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def date_discrepancies(
    articles: tuple[Article, ...], dates: tuple[DateMention, ...], entities: tuple[Entity, ...] = ()
) -> list[Discrepancy]:
    """Different days that different articles give for one event ("by 9 June" / "by 11 June").

    Two dates are of one event when both are set for an event to come (or each is "the
    first" of one thing), the words just before them that are not names share a rare word
    for what happens ("inquest" / "inquests", "swearing-in" / "sworn in"), and they are at
    most a week apart. They are two events when the people named beside them differ, or
    one date is asked for and the other set; a sentence that gives both days ("moved from
    14 March to 16 March") tells of a change, not a disagreement. The days of one event
    become one difference.
    """
    events = _dated_events(articles, dates, entities)
    if len(events) < 2:
        return []
    stops = stopwords()
    df: Counter = Counter()
    sentences = 0
    # Each distinct word's event word (None for one `_content_words` leaves out), read once: a
    # dossier's sentences have hundreds of thousands of words but a few thousand distinct ones.
    event_words: dict[str, str | None] = {}
    for article in articles:
        for sentence in article.sentences:
            words = set(_WORD_RE.findall(article.text, sentence.start, sentence.end))
            for word in words - event_words.keys():
                event_words[word] = next(iter(_content_words([(0, word)], stops, names=True)), None)
            in_sentence = {event_words[word] for word in words}
            in_sentence.discard(None)
            df.update(in_sentence)
            sentences += 1

    def idf(word: str) -> float:
        return math.log(1 + sentences / (df[word] or 1))

    days_in_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for event in events:
        days_in_sentence[(event.date.article, event.sentence)].add(event.date.value or "")
    postings: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        for word in event.near:
            postings[word].append(index)
    sets = DisjointSets(len(events))
    joined = False
    day_numbers = [_iso_day(event.date.value or "").toordinal() for event in events]
    for index, event in enumerate(events):
        candidates: set[int] = set()
        for word in event.near:
            posting = postings[word]
            if len(posting) <= MAX_POSTINGS:
                candidates.update(posting[bisect_right(posting, index) :])  # the events after this one
        for other_index in sorted(candidates):
            other = events[other_index]
            if other.date.article == event.date.article or other.date.value == event.date.value:
                continue
            if (
                abs(day_numbers[index] - day_numbers[other_index]) > _MAX_EVENT_DAYS_APART
                or event.demand != other.demand
            ):
                continue
            if event.people and other.people and not event.people & other.people:
                continue
            if (
                other.date.value in days_in_sentence[(event.date.article, event.sentence)]
                or event.date.value in days_in_sentence[(other.date.article, other.sentence)]
            ):
                continue
            if not (event.scheduled and other.scheduled) and not (event.first and event.first == other.first):
                continue
            if sum(idf(w) for w in event.near & other.near) < _EVENT_NEEDED:
                continue
            sets.join(index, other_index)
            joined = True
    if not joined:
        return []
    found = []
    for members in sets.groups().values():
        by_day: dict[str, list[_DatedEvent]] = defaultdict(list)
        for index in members:
            by_day[events[index].date.value or ""].append(events[index])
        if len(by_day) < 2:
            continue
        variants = []
        for day, told in sorted(by_day.items(), key=lambda kv: (-len({e.date.article for e in kv[1]}), kv[0])):
            first = min(told, key=lambda e: (e.date.article, e.date.start))
            variants.append(
                Variant(
                    f"{first.shown} ({day})",
                    tuple(sorted({e.date.article for e in told})),
                    tuple(Mention(e.date.article, e.date.start, e.date.end) for e in told),
                )
            )
        found.append(Discrepancy("date of one event", "date", tuple(variants)))
    return found


_QUOTE_RE = re.compile(r"[\u201c\"]([^\u201d\"]{8,300})[\u201d\"]")
# A sentence that gives its speaker as a pronoun ("But she said ...") quotes the person named last.
_SPEAKER_PRONOUNS = frozenset("he she his her".split())


def _speakers_of_quotes(
    articles: tuple[Article, ...], entities: tuple[Entity, ...]
) -> dict[tuple[int, int], frozenset[str]]:
    """Who may be speaking in each sentence, by (article, sentence index): the people it names,
    or, when it names none and speaks of "he" or "she", the person named last before it."""
    named: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for entity in entities:
        if entity.kind == "person":
            for mention in entity.mentions:
                named[mention.article].append((mention.start, entity.id))
    speakers: dict[tuple[int, int], frozenset[str]] = {}
    for article in articles:
        people = sorted(named[article.id])
        starts = [start for start, _ in people]
        for sentence in article.sentences:
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            inside = frozenset(person for _, person in people[first:last])
            if (
                not inside
                and first
                and _SPEAKER_PRONOUNS & set(re.findall(r"[a-z]+", article.text[sentence.start : sentence.end].lower()))
            ):
                inside = frozenset({people[first - 1][1]})
            if inside:
                speakers[(article.id, sentence.index)] = inside
    return speakers


def _one_wording(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two printings are one wording: a shorter excerpt of it ("not sell" of "will not
    sell"), or it with a word's ending fitted to the reporter's sentence ("modernising"/"modernise")."""
    short, long = sorted((words, other), key=len)
    if any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)):
        return True
    if len(words) != len(other):
        return False
    return all(
        x == y or (len(common := _common_prefix(x, y)) >= 5 and max(len(x), len(y)) - len(common) <= 3)
        for x, y in zip(words, other, strict=True)
    )


def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n]


def quote_discrepancies(articles: tuple[Article, ...], entities: tuple[Entity, ...] = ()) -> list[Discrepancy]:
    """The same quotation, from the same speaker, worded differently by different articles.

    Not a difference: a shorter excerpt of one wording, a word's ending fitted to the
    reporter's sentence, or two quotations that name different speakers ("a win for
    the town" from one councillor, "a win for nobody" from his rival).
    """
    speakers = _speakers_of_quotes(articles, entities)
    # Outlets repeat a quotation word for word, so each distinct wording is compared once
    # and carries every place it was printed.
    printed: dict[tuple[str, ...], list[tuple[int, int, int, str]]] = {}
    spoken_by: dict[tuple[int, int], frozenset[str]] = {}
    for article in articles:
        for match in _QUOTE_RE.finditer(article.text):
            words = tuple(re.findall(r"\w+", match.group(1).lower()))
            if 2 <= len(words) <= 60:
                printed.setdefault(words, []).append(
                    (article.id, match.start(1), match.end(1), match.group(1).strip(" ,."))
                )
                sentence = article.sentence_at(match.start(1))
                if sentence is not None and (article.id, sentence.index) in speakers:
                    spoken_by[(article.id, match.start(1))] = speakers[(article.id, sentence.index)]
    stops = stopwords()
    wordings = [(words, set(words), places) for words, places in printed.items()]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, (_, distinct, _) in enumerate(wordings):
        for word in distinct - stops:
            postings[word].append(index)

    def heard_elsewhere(
        places: list[tuple[int, int, int, str]], others: list[tuple[int, int, int, str]]
    ) -> list[tuple[int, int, int, str]]:
        """The places of `places` that another article's place in `others` may have from the same speaker.

        A speaker not named cannot be told apart, so matches any. Worked out from who speaks
        in `others` and in which articles, not place by place: a quotation repeated by
        hundreds of reports would pair hundreds of thousands of places.
        """
        unnamed: set[int] = set()  # articles of `others` that name no speaker for it
        by_speaker: dict[str, set[int]] = defaultdict(set)
        for q in others:
            speakers = spoken_by.get((q[0], q[1]))
            if speakers:
                for speaker in speakers:
                    by_speaker[speaker].add(q[0])
            else:
                unnamed.add(q[0])
        every = unnamed.union(*by_speaker.values())

        def beyond(articles: set[int], article: int) -> bool:
            return len(articles) > 1 or (len(articles) == 1 and article not in articles)

        def heard(p: tuple[int, int, int, str]) -> bool:
            speakers = spoken_by.get((p[0], p[1]))
            if not speakers:
                return beyond(every, p[0])
            return beyond(unnamed, p[0]) or any(beyond(by_speaker.get(s, set()), p[0]) for s in speakers)

        return [p for p in places if heard(p)]

    found = []
    for index, (words, a, places) in enumerate(wordings):
        if len(a) > 16:
            continue  # beyond 12 + 4 distinct words no partner can pass the tests below
        candidates: set[int] = set()
        for word in a - stops:
            posting = postings[word]
            if len(posting) <= MAX_POSTINGS:  # a word in hundreds of quotations pairs none of them
                candidates.update(posting)
        for other in sorted(candidates):
            if other <= index and len(wordings[other][1]) <= 16:
                continue  # that pair was taken from the other side
            other_words, b, other_places = wordings[other]
            if a == b or len(a ^ b) > 4 or min(len(a), len(b)) > 12 or abs(len(words) - len(other_words)) > 3:
                continue
            if len(a & b) / len(a | b) < 0.3 or _one_wording(words, other_words):
                continue
            ours = heard_elsewhere(places, other_places)
            theirs = heard_elsewhere(other_places, places)
            if not ours or not theirs:
                continue  # one article wording its own quotation two ways is not a disagreement
            found.append(Discrepancy("wording of a quotation", "quote", (_quote_variant(ours), _quote_variant(theirs))))
    return found


def _quote_variant(places: list[tuple[int, int, int, str]]) -> Variant:
    sources = tuple(sorted({article for article, _, _, _ in places}))
    evidence = tuple(Mention(article, start, end) for article, start, end, _ in places)
    return Variant(f"\u201c{places[0][3]}\u201d", sources, evidence)


def merge_discrepancies(found: list[Discrepancy]) -> list[Discrepancy]:
    """One discrepancy per disagreement: those of a kind and subject that share a wording are merged.

    Many articles repeating the same two wordings of a quotation are one
    difference with many sources, not one difference per pair of articles.
    """
    sets = DisjointSets(len(found))
    first_with: dict[tuple[str, str, str], int] = {}
    for index, discrepancy in enumerate(found):
        for variant in discrepancy.variants:
            key = (discrepancy.kind, discrepancy.about, variant.text)
            if key in first_with:
                sets.join(first_with[key], index)
            else:
                first_with[key] = index
    merged = []
    for members in sets.groups().values():
        sources: dict[str, set[int]] = defaultdict(set)
        evidence: dict[str, list[Mention]] = defaultdict(list)
        for index in members:
            for variant in found[index].variants:
                sources[variant.text].update(variant.sources)
                evidence[variant.text].extend(variant.evidence)
        head = found[members[0]]
        variants = tuple(
            Variant(text, tuple(sorted(sources[text])), tuple(dict.fromkeys(evidence[text])))
            for text in sorted(sources, key=lambda t: -len(sources[t]))  # stable: ties keep their order
        )
        merged.append(Discrepancy(head.about, head.kind, variants))
    return merged
