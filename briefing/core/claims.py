"""Key facts (statements several sources make) and where the sources differ.

Sentences are compared by their content words, weighted by rarity (IDF), with
entities standing in for however they are spelled. Candidate pairs come from an
inverted index of those features, so nothing compares every sentence with every
other: the work grows with the number of sentences that actually share words.
"""

from __future__ import annotations

import math
import random
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefing.core.model import Article, DateMention, Discrepancy, Entity, Fact, Mention, Variant
from briefing.core.text import Token, stem, stopwords

# Two sentences from different articles whose weighted overlap reaches this say the same thing.
SIMILARITY_THRESHOLD = 0.28
# Features shared by more sentences than this carry no information for pairing.
_MAX_POSTINGS = 400
# Pairs this close are taken to report one and the same event.
CLOSE_THRESHOLD = 0.6
_MIN_FEATURES = 5


class _DisjointSets:
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


@dataclass(slots=True)
class _Unit:
    article: int
    start: int
    end: int
    features: dict[str, float]
    norm: float


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
        counts[stem(low)] += 1
    return counts


def _units(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]],
           entities: tuple[Entity, ...]) -> list[tuple[Article, int, int, dict[str, int]]]:
    entity_at: dict[int, dict[int, str]] = defaultdict(dict)
    mentions_in: dict[int, list[Mention]] = defaultdict(list)
    for entity in entities:
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
                raw.append((article, sentence.start, sentence.end, features))
    return raw


def _weighted(raw: list[tuple[Article, int, int, dict[str, int]]]) -> list[_Unit]:
    df: Counter = Counter()
    for _, _, _, features in raw:
        df.update(features.keys())
    total = max(len(raw), 1)
    units = []
    for article, start, end, features in raw:
        weights = {f: (1 + math.log(c)) * math.log(1 + total / df[f]) for f, c in features.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        units.append(_Unit(article.id, start, end, weights, norm))
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


def _exact_pairs(units: list[_Unit], threshold: float) -> list[tuple[float, int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for feature in unit.features:
            postings[feature].append(index)
    pairs = []
    for index, unit in enumerate(units):
        dots: dict[int, float] = defaultdict(float)
        for feature, weight in unit.features.items():
            posting = postings[feature]
            if len(posting) > _MAX_POSTINGS:
                continue
            for other in posting:
                if other > index and units[other].article != unit.article:
                    dots[other] += weight * units[other].features[feature]
        for other, dot in dots.items():
            score = dot / (unit.norm * units[other].norm)
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
        signature = [min(column) for column in zip(*(hashes(f) for f in unit.features))]
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


def build_facts(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]],
                entities: tuple[Entity, ...]) -> tuple[tuple[Fact, ...], list[tuple[_Unit, _Unit]]]:
    """Statements made by two or more articles, most corroborated first, and the closest sentence pairs."""
    units = _weighted(_units(articles, tokens_by_article, entities))
    pairs = similar_pairs(units)
    sets = _DisjointSets(len(units))
    strength: dict[int, float] = defaultdict(float)
    # Closest pairs first, and two groups merge only if their first members are alike too:
    # otherwise a chain of slightly similar sentences drifts into one giant "fact".
    pairs.sort()
    for negative, a, b in pairs:
        score = -negative
        strength[a] += score
        strength[b] += score
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb:
            continue
        if (ra, rb) != (a, b) and _cosine(units[ra], units[rb]) < SIMILARITY_THRESHOLD:
            continue
        sets.join(a, b)
    groups = sets.groups()
    by_id = {a.id: a for a in articles}
    facts = []
    for members in groups.values():
        if len({units[m].article for m in members}) < 2:
            continue
        # One sentence per article: the one most like the rest of the group.
        best_per_article: dict[int, int] = {}
        for m in members:
            current = best_per_article.get(units[m].article)
            if current is None or strength[m] > strength[current]:
                best_per_article[units[m].article] = m
        chosen = sorted(best_per_article.values(), key=lambda m: (-strength[m], units[m].article))
        lead = _clearest(chosen, units, by_id, strength)
        ordered = [lead] + [m for m in chosen if m != lead]
        evidence = tuple(Mention(units[m].article, units[m].start, units[m].end) for m in ordered)
        text = by_id[units[lead].article].text[units[lead].start : units[lead].end]
        facts.append((Fact(text, tuple(sorted(best_per_article)), evidence), sum(strength[m] for m in chosen)))
    order = sorted(range(len(facts)), key=lambda i: (-len(facts[i][0].sources), -facts[i][1], facts[i][0].sources))
    # Only sentences that are close to each other, not merely chained through others,
    # can be trusted to describe the same single event.
    close = [(units[a], units[b]) for negative, a, b in pairs if -negative >= CLOSE_THRESHOLD]
    return tuple(facts[i][0] for i in order), close


def _clearest(chosen: list[int], units: list[_Unit], by_id: dict[int, Article], strength: dict[int, float]) -> int:
    """The member to quote: central to the group, and not a long or quoted-speech sentence."""
    def cost(m: int) -> tuple[float, int]:
        unit = units[m]
        text = by_id[unit.article].text[unit.start : unit.end]
        words = len(text.split())
        quote_penalty = 0.5 if text.lstrip()[:1] in "\u201c\"" else 0.0
        length_penalty = max(0, words - 35) / 35
        return (-(strength[m]) + quote_penalty + length_penalty, unit.article)

    return min(chosen, key=cost)


# --- Where sources differ ----------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_QUALIFIERS = r"(?:over|more than|at least|around|about|nearly|almost|roughly|approximately|some|up to|fewer than|less than|under|just over|just under|only|exactly)"
_NUMBER = r"(?:\d+(?:[.,]\d+)*(?:\s*[-\u2013]\s*\d+(?:[.,]\d+)*)?|" + "|".join(_NUMBER_WORDS) + r")"
_QUANTITY_RE = re.compile(
    rf"\b(?:(?P<qual>{_QUALIFIERS})\s+)?(?P<num>{_NUMBER})(?:\s+(?P<scale>million|billion|trillion|thousand|hundred))?"
    r"(?P<mods>(?:\s+[\w\u2019'-]+){0,4}?)\s+(?P<unit>[a-z]+s|percent|%|people|staff|personnel)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Quantity:
    article: int
    start: int
    end: int
    text: str
    value: str
    unit: str
    context: set[str]
    surface: dict[str, str]


def _quantities(articles: tuple[Article, ...], dates: tuple[DateMention, ...]) -> list[_Quantity]:
    date_spans = defaultdict(list)
    for date in dates:
        date_spans[date.article].append((date.start, date.end))
    stops = stopwords()
    found = []
    for article in articles:
        text = article.text
        for sentence in article.sentences:
            for match in _QUANTITY_RE.finditer(text, sentence.start, sentence.end):
                if any(s < match.end("num") and match.start("num") < e for s, e in date_spans[article.id]):
                    continue  # "2016" in "between 2016 and 2018" is a date, not a count
                number = match.group("num").lower()
                if re.fullmatch(r"(1[89]|20)\d\d", number):
                    continue
                unit = stem(match.group("unit").lower())  # the key; the plural as written is shown
                qualifier = (match.group("qual") or "").lower()
                value = _number_value(number, match.group("scale"))
                normalized = f"{qualifier + ' ' if qualifier else ''}{value} {unit}"
                # What is measured is named right beside the figure ("the talks lasted over six
                # hours"): four words before it and three after.
                before = re.findall(r"[A-Za-z]+", text[sentence.start : match.start()])[-4:]
                after = re.findall(r"[A-Za-z]+", text[match.end() : sentence.end])[:3]
                # Stopwords are dropped before stemming: "lasted" stems to "last", which is one.
                words = {stem(w.lower()): w.lower() for w in before + after if len(w) >= 4 and w.lower() not in stops}
                context = set(words) - {unit}
                context -= {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", match.group())}
                found.append(_Quantity(article.id, match.start(), match.end(), match.group(), normalized,
                                       match.group("unit").lower(), context, words))
    return found


def _number_value(number: str, scale: str | None) -> str:
    number = number.replace("\u2013", "-").replace(" ", "")
    if number in _NUMBER_WORDS:
        number = str(_NUMBER_WORDS[number])
    return number + (f" {scale.lower()}" if scale else "")


def figure_discrepancies(articles: tuple[Article, ...], dates: tuple[DateMention, ...]) -> list[Discrepancy]:
    """Different figures for the same measured thing ("over six hours" vs "around 5-6 hours")."""
    quantities = _quantities(articles, dates)
    by_unit: dict[str, list[_Quantity]] = defaultdict(list)
    for q in quantities:
        by_unit[stem(q.unit)].append(q)
    found = []
    for _, items in sorted(by_unit.items()):
        if len({q.article for q in items}) < 2:
            continue
        # Figures about the same thing share the words around them ("the talks lasted ...").
        sets = _DisjointSets(len(items))
        postings: dict[str, list[int]] = defaultdict(list)
        for index, q in enumerate(items):
            for word in q.context:
                postings[word].append(index)
        for members in postings.values():
            # A word around most figures of a unit ("said") ties nothing together.
            if len(members) < 2 or len(members) > 50:
                continue
            for other in members[1:]:
                sets.join(members[0], other)
        for members in sets.groups().values():
            group = [items[m] for m in members]
            values = defaultdict(list)
            for q in group:
                values[q.value].append(q)
            if len(values) < 2 or len({q.article for q in group}) < 2:
                continue
            shared = sorted(set.intersection(*(q.context for q in group)))
            words = [group[0].surface[w] for w in shared[:3]]
            about = f"figures for {group[0].unit}" + (f" ({', '.join(words)})" if words else "")
            variants = tuple(
                Variant(qs[0].text, tuple(sorted({q.article for q in qs})), tuple(Mention(q.article, q.start, q.end) for q in qs))
                for _, qs in sorted(values.items(), key=lambda kv: (-len({q.article for q in kv[1]}), kv[0]))
            )
            found.append(Discrepancy(about, "figure", variants))
    return found


def spelling_discrepancies(entities: tuple[Entity, ...], articles: tuple[Article, ...]) -> list[Discrepancy]:
    """One entity spelled differently by different articles (transliterations)."""
    from briefing.core.entities import translit_key

    found = []
    by_id = {a.id: a for a in articles}
    for entity in entities:
        if entity.kind != "person":
            continue
        spellings: dict[str, set[int]] = defaultdict(set)
        evidence: dict[str, list[Mention]] = defaultdict(list)
        for mention in entity.mentions:
            surface = by_id[mention.article].text[mention.start : mention.end]
            last = surface.split()[-1]
            spellings[last].add(mention.article)
            evidence[last].append(mention)
        # Different spellings of the same name, not a surname and its full form.
        keys = {translit_key(s) for s in spellings}
        if len(spellings) >= 2 and len(keys) <= len(spellings):
            distinct = {s for s in spellings if s[:1].isupper()}
            if len(distinct) >= 2:
                variants = tuple(
                    Variant(s, tuple(sorted(arts)), tuple(evidence[s]))
                    for s, arts in sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[0]))
                )
                found.append(Discrepancy(f"spelling of {entity.name}", "spelling", variants))
    return found


_ROLE_NOISE = frozenset("the a an new newly appointed current former then acting 's".split())
_ROLE_SYNONYMS = {"spokeswoman": "spokesperson", "spokesman": "spokesperson", "us": "u.s.", "american": "u.s.",
                  "russian": "russia", "russia's": "russia"}


def _role_words(role: str) -> frozenset[str]:
    words = re.findall(r"[\w.'\u2019]+", role.lower().replace("\u2019", "'"))
    out = set()
    for word in words:
        word = word.removesuffix("'s")
        if word in _ROLE_NOISE:
            continue
        out.add(_ROLE_SYNONYMS.get(word, word))
    return frozenset(out)


def role_discrepancies(entities: tuple[Entity, ...]) -> list[Discrepancy]:
    """People given roles by different articles that do not fit inside one another."""
    found = []
    for entity in entities:
        if entity.kind != "person" or len(entity.roles) < 2:
            continue
        roles = [r for r in entity.roles if len(_role_words(r.text)) >= 2]
        distinct = []
        for role in roles:
            words = _role_words(role.text)
            # "Deputy Assistant Secretary of State" fits inside "... for Russia and Central Europe".
            if any(words <= _role_words(other.text) for other in roles if other is not role and _role_words(other.text) != words):
                continue
            if any(_role_words(d.text) == words for d in distinct):
                continue
            distinct.append(role)
        articles = {a for r in distinct for a in r.articles}
        if len(distinct) >= 2 and len(articles) >= 2:
            variants = tuple(Variant(r.text, r.articles) for r in distinct)
            found.append(Discrepancy(f"role of {entity.name}", "role", variants))
    return found


def date_discrepancies(close_pairs: list[tuple[_Unit, _Unit]], dates: tuple[DateMention, ...]) -> list[Discrepancy]:
    """Two near-identical statements that give one event different dates."""
    by_article: dict[int, list[DateMention]] = defaultdict(list)
    for date in dates:
        if date.value and date.precision == "day":
            by_article[date.article].append(date)

    def dates_in(unit: _Unit) -> list[DateMention]:
        return [d for d in by_article[unit.article] if unit.start <= d.start < unit.end]

    found = []
    for a, b in close_pairs:
        in_a, in_b = dates_in(a), dates_in(b)
        # One date each, and they differ: two accounts of one event that disagree on when.
        if len(in_a) == 1 and len(in_b) == 1 and in_a[0].value != in_b[0].value:
            variants = tuple(
                Variant(f"{d.text} ({d.value})", (d.article,), (Mention(d.article, d.start, d.end),))
                for d in (in_a[0], in_b[0])
            )
            found.append(Discrepancy("date of one event", "date", variants))
    return found


_QUOTE_RE = re.compile(r"[\u201c\"]([^\u201d\"]{8,300})[\u201d\"]")


def quote_discrepancies(articles: tuple[Article, ...]) -> list[Discrepancy]:
    """The same quotation worded differently by different articles."""
    # Outlets repeat a quotation word for word, so each distinct wording is compared once
    # and carries every place it was printed.
    printed: dict[tuple[str, ...], list[tuple[int, int, int, str]]] = {}
    for article in articles:
        for match in _QUOTE_RE.finditer(article.text):
            words = tuple(re.findall(r"\w+", match.group(1).lower()))
            if 2 <= len(words) <= 60:
                printed.setdefault(words, []).append((article.id, match.start(1), match.end(1), match.group(1).strip(" ,.")))
    stops = stopwords()
    wordings = [(words, set(words), places) for words, places in printed.items()]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, (_, distinct, _) in enumerate(wordings):
        for word in distinct - stops:
            postings[word].append(index)
    found = []
    for index, (words, a, places) in enumerate(wordings):
        if len(a) > 16:
            continue  # beyond 12 + 4 distinct words no partner can pass the tests below
        candidates: set[int] = set()
        for word in a - stops:
            posting = postings[word]
            if len(posting) <= _MAX_POSTINGS:  # a word in hundreds of quotations pairs none of them
                candidates.update(posting)
        for other in sorted(candidates):
            if other <= index and len(wordings[other][1]) <= 16:
                continue  # that pair was taken from the other side
            other_words, b, other_places = wordings[other]
            if a == b or len(a ^ b) > 4 or min(len(a), len(b)) > 12 or abs(len(words) - len(other_words)) > 3:
                continue
            if len(a & b) / len(a | b) < 0.3:
                continue
            ours = [p for p in places if any(q[0] != p[0] for q in other_places)]
            theirs = [q for q in other_places if any(p[0] != q[0] for p in places)]
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
    sets = _DisjointSets(len(found))
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
