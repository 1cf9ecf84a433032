"""Key facts: statements several sources make.

Two sentences from different articles support one fact only when they say the same
thing: they must agree on who (the same entities, the same speaker for a quotation),
on what (no opposite predicates, "accepted" against "rejected"; no negation on one side
only, "no evidence" against "new evidence") and on how much (the same figures, or none
on one side), and their content words, weighted by rarity (IDF) with entities standing
in for however they are spelled, must overlap enough. A fact is one lead sentence and
the sentences that agree with it; sentences close to it that fail the test are kept as
related, never counted as sources.

Candidate pairs come from an inverted index of the words, so nothing compares every
sentence with every other: the work grows with the number of sentences that actually
share words.
"""

from __future__ import annotations

import math
import random
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from briefing.language.dates import month_number
from briefing.language.numbers import TENS_WORDS
from briefing.language.text import Token, stem, stopwords
from briefing.model import Article, Entity, Fact, Mention

# Two agreeing sentences whose weighted overlap (cosine) reaches this state one fact. Chosen on
# the gold dossiers: on MSRP train the precision hardly moves between 0.18 and 0.3 (the vetoes
# below decide there), while the dossiers' facts found fall fast above it.
SIMILARITY_THRESHOLD = 0.2
# A short sentence (at most SHORT_FEATURES features) states one fact with a longer one
# when this share of its weight is in the longer one: "The alliance has refused to pay."
# says in brief what "The alliance deserves credit for refusing to pay the ransom." says.
COVERED_THRESHOLD = 0.8
SHORT_FEATURES = 6
# Pairs at least this alike are looked at at all; those that fail the test are "related".
CANDIDATE_THRESHOLD = 0.15
# Features shared by more sentences than this carry no information for pairing.
MAX_POSTINGS = 400
_MIN_FEATURES = 3
# Related sentences kept with a fact: enough to show what else was said, not a list.
_MAX_RELATED = 4


class DisjointSets:
    """Union-find over 0..n-1: items joined directly or through others end in one group."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, x: int) -> int:
        """The representative of x's group."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        """Put a and b in one group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        """Every group's members, in order, keyed by representative."""
        out: dict[int, list[int]] = defaultdict(list)
        for x in range(len(self._parent)):
            out[self.find(x)].append(x)
        return out


# -- what a sentence states ---------------------------------------------------------------

# Irregular forms of the verbs and adjectives the opposites below are written with.
_IRREGULAR = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "won": "win",
    "lost": "lose",
    "began": "begin",
    "begun": "begin",
    "froze": "freeze",
    "frozen": "freeze",
    "died": "die",
    "dead": "die",
    "higher": "high",
    "lower": "low",
    "upheld": "uphold",
    "overturned": "overturn",
    "struck": "strike",
    "sold": "sell",
    "bought": "buy",
    "left": "leave",
    "cut": "cut",
    "shut": "shut",
}


# Every sentence's every word is keyed, twice (its features and its statement): a dossier's
# words are a few thousand distinct ones.
@lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """One key for a word's inflections: "resumed", "resumes" and "resume" give "resum"."""
    low = word.lower().replace("\u2019", "'")
    low = _IRREGULAR.get(low, low)
    stemmed = stem(low)
    # stem() keeps a final "e" on the base form only ("resume", but "resumed" -> "resum").
    return stemmed[:-1] if len(stemmed) > 3 and stemmed.endswith("e") else stemmed


# Opposite predicates of general English: two sentences that use one each, and neither
# uses the other, report opposite things ("the union accepted the offer" / "rejected it").
_OPPOSITES_TEXT = """
accept reject | accept refuse | accept decline | accept deny | approve reject | approve block | approve veto
allow ban | allow forbid | allow prohibit | allow block | permit ban | agree refuse | agree reject | agree decline
confirm deny | admit deny | win lose | win defeat | rise fall | rise drop | rise decline | rise slip | rise plunge
increase decrease | increase cut | increase reduce | raise cut | raise lower | raise reduce | gain lose | gain fall
high low | open close | open shut | reopen close | resume halt | resume suspend | resume stop | resume pause
resume end | start stop | start end | begin end | start halt | lift impose | lift extend | guilty innocent
convict acquit | guilty acquit | include exclude | join leave | join quit | hire fire | arrest release
support oppose | legal illegal | pass fail | succeed fail | survive die | ground resume | ground clear
uphold overturn | buy sell | sign reject | sign terminate | suspend terminate | freeze terminate | accept divert
"""
_OPPOSITES: dict[str, frozenset[str]] = {}


def _opposites() -> dict[str, frozenset[str]]:
    if not _OPPOSITES:
        pairs: dict[str, set[str]] = defaultdict(set)
        for item in _OPPOSITES_TEXT.replace("\n", "|").split("|"):
            words = item.split()
            if len(words) == 2:
                a, b = lemma(words[0]), lemma(words[1])
                pairs[a].add(b)
                pairs[b].add(a)
        _OPPOSITES.update({word: frozenset(others) for word, others in pairs.items()})
    return _OPPOSITES


_NEGATORS = frozenset("not no never without nor neither none nobody nothing cannot".split())
# "No more than 24", "no later than December 10", "not only": a limit or an emphasis, not a denial.
_NOT_NEGATED = frozenset("more less later earlier longer fewer only least just".split())
# "Refused to pay", "failed to stop": the verb after "to" is denied.
_NEGATING_VERBS = frozenset(lemma(w) for w in "refuse decline fail".split())
# Reporting verbs: who is attributed a statement ("..., Ravanel said").
_REPORTING = frozenset(
    lemma(w)
    for w in "said says say told tells added adds stated noted wrote argued insisted warned explained claimed "
    "replied acknowledged announced according".split()
)
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
    "dozen": "12",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
_OPEN_QUOTES = "\u201c"
_CLOSE_QUOTES = "\u201d"


@dataclass(frozen=True, slots=True)
class Statement:
    """What a sentence states, in the parts that decide whether two sentences state one fact."""

    entities: frozenset[str]
    """The entities it names, as "@id" features."""
    actors: frozenset[str]
    """The people and organisations it names other than its speaker: who it is about."""
    words: frozenset[str]
    """Lemmas of its content words, denied or not."""
    negated: frozenset[str]
    """Lemmas it denies: "evidence" in "found no evidence", "pay" in "refused to pay"."""
    denies: bool
    """Whether it denies anything at all (a "not", "no", "never", "refused to" anywhere)."""
    figures: frozenset[str]
    """Its numbers, normalised: "five" and "5" are one, "1,200" is "1200"."""
    days: frozenset[str]
    """The days of the year it names, as "month-day" ("2-27" for "February 27" or "27 Feb")."""
    speaker: str | None
    """The entity a reporting verb attributes it to ("..., Ravanel said"), if any."""
    quoted: frozenset[str]
    """Lemmas of the words inside quotation marks."""
    quotation: bool
    """Whether it is mostly someone's quoted words rather than the outlet's."""
    opposed: frozenset[str]
    """Lemmas opposite to one of its words: no opposite predicate can be set against it without one of these."""


class Disagreement(Enum):
    """Why two alike sentences do not state one fact."""

    WHO = "they are about different people or bodies"
    FIGURES = "they give different figures"
    DAYS = "they date what they say to different days"
    OPPOSITES = "they use opposite predicates"
    NEGATION = "one denies what the other asserts"
    SPEAKER = "they quote different speakers"
    QUOTED_WORDS = "a quotation with words the other does not say"


def disagreement(a: Statement, b: Statement) -> Disagreement | None:
    """Why `a` and `b` cannot state one fact, or None when nothing says they differ."""
    if a.actors and b.actors and not (a.actors & b.actors):
        return Disagreement.WHO
    # Figures agree when one side's are all among the other's: a brief sentence leaves some out.
    if a.figures and b.figures and not (_figures_within(a.figures, b.figures) or _figures_within(b.figures, a.figures)):
        return Disagreement.FIGURES
    # "Met on February 27" and "convened on April 10" are two meetings; one event told with
    # two dates is a difference between the sources, which differences.py reports.
    if a.days and b.days and not (a.days & b.days):
        return Disagreement.DAYS
    # Most sentences use no word that has an opposite: the cheap test spares the pair the full one.
    if a.opposed & b.words:
        only_a, only_b = a.words - b.words, b.words - a.words
        opposites = _opposites()
        if any(opposites.get(w, frozenset()) & only_b for w in only_a):
            return Disagreement.OPPOSITES
    # Only against a sentence that denies nothing: with a negation on each side, which word
    # each one reaches is too uncertain to set them against each other.
    if (a.negated and not b.denies and a.negated & b.words) or (b.negated and not a.denies and b.negated & a.words):
        return Disagreement.NEGATION
    # A quotation is someone's words: it is one fact only with the same words from the same person.
    if a.quotation or b.quotation:
        if a.speaker and b.speaker and a.speaker != b.speaker:
            return Disagreement.SPEAKER
        if a.quotation and b.quotation:
            if len(a.quoted & b.quoted) * 2 < min(len(a.quoted), len(b.quoted)):
                return Disagreement.QUOTED_WORDS
        else:
            # One outlet quotes, the other reports the same words without quotation marks
            # ("'will touch virtually every American,' Abraham warned" / "...that it will touch
            # virtually every American"): one fact when two thirds of the quoted words are there.
            quote, other = (a, b) if a.quotation else (b, a)
            if len(quote.quoted & other.words) * 3 < len(quote.quoted) * 2:
                return Disagreement.QUOTED_WORDS
    return None


def _figures_within(some: frozenset[str], others: frozenset[str]) -> bool:
    """Whether every figure of `some` is one of `others`, a rounded one included ("6.3" of "6.32")."""
    return all(figure in others or any(_rounds_to(other, figure) for other in others) for figure in some)


def _rounds_to(precise: str, rounded: str) -> bool:
    """Whether `rounded`, written with decimals, is `precise` rounded to as many: "$6.3 billion"
    and "$6.32 billion" are one figure; whole numbers are never taken as rounded ("6" is not "6.3")."""
    if "." not in rounded:
        return False
    places = len(rounded) - rounded.index(".") - 1
    try:
        return len(precise.partition(".")[2]) > places and round(float(precise), places) == float(rounded)
    except ValueError:
        return False


def _quoted_mask(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of `text[start:end]` inside quotation marks, including a quotation the sentence
    opens and does not close or closes without opening (one quoted across sentences)."""
    spans: list[tuple[int, int]] = []
    inside_from: int | None = None
    first_mark = True
    for i in range(start, end):
        char = text[i]
        if char not in '"\u201c\u201d':
            continue
        # A straight quote closes when it follows a word or punctuation and is followed by a
        # space or the end: `people," he said` closes a quotation the sentence before opened.
        closes_straight = (
            char == '"' and i > start and not text[i - 1].isspace() and (i + 1 >= end or text[i + 1].isspace())
        )
        opening = char in _OPEN_QUOTES or (char == '"' and inside_from is None and not (first_mark and closes_straight))
        if (char in _CLOSE_QUOTES or closes_straight) and inside_from is None and first_mark:
            spans.append((start, i))  # closes a quotation begun in an earlier sentence
        elif opening and inside_from is None:
            inside_from = i
        elif inside_from is not None:
            spans.append((inside_from, i))
            inside_from = None
        first_mark = False
    if inside_from is not None:
        spans.append((inside_from, end))
    return spans


_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
_CLAUSE_PUNCTUATION = frozenset(".,;:!?()\u2013\u2014")
# Negations written without their apostrophe ("dont"), as some copy has them.
_BARE_NEGATIONS = frozenset("dont doesnt didnt wont cant isnt wasnt arent werent hasnt havent hadnt".split())


def _statement(
    text: str, tokens: list[Token], entity_at: dict[int, str], entity_kind: dict[str, str], start: int, end: int
) -> Statement:
    """What the sentence `text[start:end]` states, read from its tokens (all of them, in order)."""
    stops = stopwords()
    quoted_spans = _quoted_mask(text, start, end)

    def in_quote(offset: int) -> bool:
        return any(s <= offset < e for s, e in quoted_spans)

    entities: set[str] = set()
    words: set[str] = set()
    negated: set[str] = set()
    figures: set[str] = set()
    days: set[str] = set()
    quoted: set[str] = set()
    denies = False
    content_count = 0
    reach = 0  # how many more tokens a negation still reaches
    after_negating_verb = False
    reporting_at: list[int] = []
    previous = ""
    previous_end = start
    for i, token in enumerate(tokens):
        low = token.lower
        # A negation reaches no further than its clause: "said no. A leaked ..." denies nothing.
        if reach and any(c in _CLAUSE_PUNCTUATION for c in text[previous_end : token.start]):
            reach = 0
        previous_end = token.end
        before, previous = previous, token.text
        if token.start in entity_at:
            entities.add(entity_at[token.start])
            reach = 0
            continue
        if low[0].isdigit():
            # "V-70", "LT 562": a number that is part of a name identifies, it does not count.
            glued = token.start > 0 and text[token.start - 1] == "-" and before[:1].isalpha()
            after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
            # "13 May", "May 13", "2026": a date says when, not how much; two sentences that
            # date one fact differently are a date difference, not two facts.
            month = month_number(before) or month_number(after)
            dated = month is not None or _YEAR_RE.fullmatch(low)
            if month and low.isdigit() and 1 <= int(low) <= 31:
                days.add(f"{month}-{int(low)}")
            if not glued and not dated and not (before.isupper() and before.isalpha() and len(before) <= 4):
                figures.add(low.replace(",", ""))
            continue
        if low in _NUMBER_WORDS:
            value = _NUMBER_WORDS[low]
            # "thirty-two" is 32 and "two dozen" 24, not two figures each.
            if before.lower() in TENS_WORDS and text[tokens[i - 1].end : token.start] == "-" and len(value) == 1:
                figures.discard(_NUMBER_WORDS[before.lower()])
                value = str(int(_NUMBER_WORDS[before.lower()]) + int(value))
            elif low == "dozen" and before.lower() in _NUMBER_WORDS:
                figures.discard(_NUMBER_WORDS[before.lower()])
                value = str(int(_NUMBER_WORDS[before.lower()]) * 12)
            figures.add(value)
            continue
        if low in _NEGATORS or low.endswith("n't") or low in _BARE_NEGATIONS:
            denies = True
            reach = 3
            continue
        key = lemma(low)
        if key in _REPORTING:
            reporting_at.append(i)  # "said" is a stopword, but it still says who speaks
        if low in stops or len(low) < 3 or low == "'s":
            if reach and low in _NOT_NEGATED:
                reach = 0
            elif reach:
                reach -= 1
            if low == "to" and after_negating_verb:
                reach = 2
            after_negating_verb = False
            continue
        words.add(key)
        content_count += 1
        if in_quote(token.start):
            quoted.add(key)
        if reach:
            if low not in _NOT_NEGATED:
                negated.add(key)
            reach = 0
        after_negating_verb = key in _NEGATING_VERBS
        denies = denies or after_negating_verb
    speaker = _speaker(tokens, reporting_at, entity_at, entity_kind, in_quote)
    actors = {e for e in entities if e != speaker and entity_kind.get(e) in ("person", "organization")}
    quotation = len(quoted) >= 2 and len(quoted) * 2 >= content_count
    opposites = _opposites()
    opposed = frozenset().union(*(opposites[w] for w in words if w in opposites))
    return Statement(
        entities=frozenset(entities),
        actors=frozenset(actors),
        words=frozenset(words),
        negated=frozenset(negated),
        denies=denies,
        figures=frozenset(figures),
        days=frozenset(days),
        speaker=speaker,
        quoted=frozenset(quoted),
        quotation=quotation,
        opposed=opposed,
    )


def _speaker(
    tokens: list[Token], reporting_at: list[int], entity_at: dict[int, str], entity_kind: dict[str, str], in_quote
) -> str | None:
    """The person (else organisation) named next to a reporting verb outside the quotation marks."""
    for at in reporting_at:
        if in_quote(tokens[at].start):
            continue
        # "said Johan Vanparys" names the speaker just after; "Vanparys, the union's secretary, said" before.
        near = [tokens[j] for j in range(at + 1, min(len(tokens), at + 3))]
        near += [tokens[j] for j in range(at - 1, max(-1, at - 9), -1)]
        named = [entity_at[t.start] for t in near if t.start in entity_at and not in_quote(t.start)]
        for kind in ("person", "organization"):
            for feature in named:
                if entity_kind.get(feature) == kind:
                    return feature
    return None


# -- sentences as weighted features ---------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    article: int
    start: int
    end: int
    features: dict[str, float]
    norm: float
    statement: Statement
    weight: float
    """The sum of its feature weights, for how much of it another sentence covers."""


def _features(article: Article, tokens: list[Token], entity_at: dict[int, str]) -> dict[str, int]:
    stops = stopwords()
    counts: Counter = Counter()
    for token in tokens:
        if token.start in entity_at:
            counts[entity_at[token.start]] += 1
            continue
        low = token.lower
        if len(low) < 3 or low in stops or low == "'s":
            continue
        counts[lemma(low)] += 1
    return counts


_Raw = tuple[Article, int, int, dict[str, int], Statement]


def _units(
    articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]], entities: tuple[Entity, ...]
) -> list[_Raw]:
    entity_at: dict[int, dict[int, str]] = defaultdict(dict)
    entity_kind: dict[str, str] = {}
    mentions_in: dict[int, list[Mention]] = defaultdict(list)
    for entity in entities:
        entity_kind["@" + entity.id] = entity.kind
        for mention in entity.mentions:
            entity_at[mention.article][mention.start] = "@" + entity.id
            mentions_in[mention.article].append(mention)
    raw = []
    for article in articles:
        tokens = tokens_by_article[article.id]
        starts = [t.start for t in tokens]
        # Tokens inside a multi-word mention must not count twice: skip those after its first.
        covered = set()
        for mention in mentions_in[article.id]:
            i = bisect_left(starts, mention.start) + 1
            while i < len(tokens) and tokens[i].start < mention.end:
                covered.add(tokens[i].start)
                i += 1
        for sentence in article.sentences:
            if sentence.heading:
                continue
            lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            window = [t for t in tokens[lo:hi] if t.start not in covered]
            features = _features(article, window, entity_at[article.id])
            if len(features) >= _MIN_FEATURES:
                statement = _statement(
                    article.text, window, entity_at[article.id], entity_kind, sentence.start, sentence.end
                )
                raw.append((article, sentence.start, sentence.end, features, statement))
    return raw


def _weighted(raw: list[_Raw]) -> list[_Unit]:
    df: Counter = Counter()
    for _, _, _, features, _ in raw:
        df.update(features.keys())
    total = max(len(raw), 1)
    units = []
    for article, start, end, features, statement in raw:
        weights = {f: (1 + math.log(c)) * math.log(1 + total / df[f]) for f, c in features.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        units.append(_Unit(article.id, start, end, weights, norm, statement, sum(weights.values())))
    return units


# Up to this many sentences, every pair sharing an informative word is scored exactly;
# beyond it, MinHash with banding proposes the candidates, so the work stays linear.
EXACT_LIMIT = 5000
_BANDS, _ROWS = 10, 2
# Within one band bucket a sentence is checked against this many of the latest members:
# union-find joins chains, so near-duplicates connect without comparing all pairs.
_CHAIN = 2


def similar_pairs(units: list[_Unit], threshold: float = SIMILARITY_THRESHOLD) -> list[tuple[float, int, int]]:
    """(-similarity, a, b) for sentences a < b from different articles at least `threshold` alike.

    The similarity is negated so that a plain sort puts the closest pairs first without
    building a sort key per pair (there are hundreds of thousands in a big dossier).
    """
    if len(units) <= EXACT_LIMIT:
        return _exact_pairs(units, threshold)
    return _minhash_pairs(units, threshold)


def _cosine(a: _Unit, b: _Unit) -> float:
    small, large = (a.features, b.features) if len(a.features) <= len(b.features) else (b.features, a.features)
    return sum(weight * large[f] for f, weight in small.items() if f in large) / (a.norm * b.norm)


def _covered(a: _Unit, b: _Unit) -> float:
    """How much of the shorter sentence's weight the longer one shares."""
    short, long = (a, b) if len(a.features) <= len(b.features) else (b, a)
    if not short.weight:
        return 0.0
    return sum(weight for f, weight in short.features.items() if f in long.features) / short.weight


def _exact_pairs(units: list[_Unit], threshold: float) -> list[tuple[float, int, int]]:
    # A posting carries each sentence's article and weight beside its index, so the inner loop
    # reads no unit; it is in sentence order, so the sentences after one start just past it.
    postings: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for index, unit in enumerate(units):
        for feature, weight in unit.features.items():
            postings[feature].append((index, unit.article, weight))
    passed: Counter = Counter()  # per feature, how many sentences before this one have it
    pairs = []
    for index, unit in enumerate(units):
        article = unit.article
        dots: dict[int, float] = defaultdict(float)
        for feature, weight in unit.features.items():
            posting = postings[feature]
            position = passed[feature]
            passed[feature] = position + 1
            if len(posting) > MAX_POSTINGS:
                continue
            for other, other_article, other_weight in posting[position + 1 :]:
                if other_article != article:
                    dots[other] += weight * other_weight
        norm = unit.norm
        for other, dot in dots.items():
            score = dot / (norm * units[other].norm)
            if score >= threshold:
                pairs.append((-score, index, other))
    return pairs


def _minhash_pairs(units: list[_Unit], threshold: float) -> list[tuple[float, int, int]]:
    import zlib

    count = _BANDS * _ROWS
    rng = random.Random(20250227)  # fixed: the same dossier always gives the same facts
    params = [(rng.randrange(1, 1 << 61) | 1, rng.randrange(0, 1 << 61)) for _ in range(count)]
    mask = (1 << 61) - 1
    cache: dict[str, tuple[int, ...]] = {}

    def hashes(feature: str) -> tuple[int, ...]:
        found = cache.get(feature)
        if found is None:
            base = zlib.crc32(feature.encode("utf-8"))
            found = cache[feature] = tuple((a * base + b) & mask for a, b in params)
        return found

    # A bucket keeps only its latest members, and is keyed by the hash of its band: a colliding
    # hash only proposes a candidate, which the exact cosine below then checks.
    buckets: dict[int, tuple[int, ...]] = {}
    pairs = []
    for index, unit in enumerate(units):
        signature = [min(column) for column in zip(*(hashes(f) for f in unit.features), strict=True)]
        candidates: set[int] = set()
        for band in range(_BANDS):
            key = hash((band, *signature[band * _ROWS : (band + 1) * _ROWS]))
            members = buckets.get(key, ())
            candidates.update(members)
            buckets[key] = (*members[1 - _CHAIN :], index) if members else (index,)
        for other in sorted(candidates):
            if units[other].article == unit.article:
                continue
            score = _cosine(units[other], unit)
            if score >= threshold:
                pairs.append((-score, other, index))
    return pairs


# -- one fact: a lead and the sentences that agree with it ---------------------------------


def same_fact(a: _Unit, b: _Unit, similarity: float) -> bool:
    """Whether two sentences of different articles state one fact (`similarity` is their cosine)."""
    alike = similarity >= SIMILARITY_THRESHOLD or (
        min(len(a.features), len(b.features)) <= SHORT_FEATURES and _covered(a, b) >= COVERED_THRESHOLD
    )
    return alike and disagreement(a.statement, b.statement) is None


def build_facts(
    articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]], entities: tuple[Entity, ...]
) -> tuple[Fact, ...]:
    """Statements made by two or more articles, most corroborated first."""
    units = _weighted(_units(articles, tokens_by_article, entities))
    pairs = similar_pairs(units, CANDIDATE_THRESHOLD)
    agreeing: dict[int, dict[int, float]] = defaultdict(dict)
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for negative, a, b in pairs:
        score = -negative
        side = agreeing if same_fact(units[a], units[b], score) else near
        side[a][b] = score
        side[b][a] = score
    by_id = {a.id: a for a in articles}
    taken: set[int] = set()
    facts = []
    # Leads in order of how many articles agree with them: every member agrees with its lead
    # itself, so no chain of slightly alike sentences drifts into one "fact".
    for lead in sorted(agreeing, key=lambda m: _lead_order(m, agreeing, units, by_id)):
        if lead in taken:
            continue
        best_per_article: dict[int, int] = {}
        for other, score in agreeing[lead].items():
            article = units[other].article
            if other in taken or article == units[lead].article:
                continue
            current = best_per_article.get(article)
            if current is None or score > agreeing[lead][current]:
                best_per_article[article] = other
        # Closest first; a member that contradicts one already in (one says "resumed", the
        # other "diverting") stays out, though each agrees with the lead on its own.
        members = [lead]
        for other in sorted(best_per_article.values(), key=lambda m: (-agreeing[lead][m], units[m].article)):
            if all(disagreement(units[other].statement, units[m].statement) is None for m in members[1:]):
                members.append(other)
        if len(members) < 2:
            continue
        taken.update(members)
        sources = tuple(sorted(units[m].article for m in members))
        related = _related(lead, members, near, agreeing, units)
        evidence = tuple(Mention(units[m].article, units[m].start, units[m].end) for m in members)
        text = by_id[units[lead].article].text[units[lead].start : units[lead].end]
        strength = sum(agreeing[lead][m] for m in members[1:])
        facts.append((Fact(text, sources, evidence, related), strength))
    order = sorted(range(len(facts)), key=lambda i: (-len(facts[i][0].sources), -facts[i][1], facts[i][0].sources))
    return tuple(facts[i][0] for i in order)


def _lead_order(
    m: int, agreeing: dict[int, dict[int, float]], units: list[_Unit], by_id: dict[int, Article]
) -> tuple[int, float, float, int, int]:
    """Most agreeing articles first; then the clearest wording: not a quotation, not long."""
    unit = units[m]
    articles = len({units[o].article for o in agreeing[m]})
    text = by_id[unit.article].text[unit.start : unit.end]
    quote_penalty = 0.5 if text.lstrip()[:1] in '\u201c"' else 0.0
    length_penalty = max(0, len(text.split()) - 35) / 35
    return (-articles, quote_penalty + length_penalty, -sum(agreeing[m].values()), unit.article, unit.start)


def _related(
    lead: int,
    members: list[int],
    near: dict[int, dict[int, float]],
    agreeing: dict[int, dict[int, float]],
    units: list[_Unit],
) -> tuple[Mention, ...]:
    """Sentences alike to the lead that do not state its fact, or that another fact took: closest first."""
    chosen = set(members)
    candidates = [(score, o) for o, score in near[lead].items()]
    candidates += [(score, o) for o, score in agreeing[lead].items() if o not in chosen]
    candidates.sort(key=lambda c: (-c[0], c[1]))
    out: list[Mention] = []
    for _, other in candidates[:_MAX_RELATED]:
        unit = units[other]
        out.append(Mention(unit.article, unit.start, unit.end))
    return tuple(out)
