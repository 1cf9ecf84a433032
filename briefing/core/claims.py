"""Key facts: statements several sources make.

Sentences are compared by their content words, weighted by rarity (IDF), with
entities standing in for however they are spelled. Candidate pairs come from an
inverted index of those features, so nothing compares every sentence with every
other: the work grows with the number of sentences that actually share words.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefing.core.model import Article, Entity, Fact, Mention
from briefing.core.text import Token, stem, stopwords

# Two sentences from different articles whose weighted overlap reaches this say the same thing.
SIMILARITY_THRESHOLD = 0.28
# Features shared by more sentences than this carry no information for pairing.
MAX_POSTINGS = 400
# Pairs this close are taken to report one and the same event.
CLOSE_THRESHOLD = 0.6
_MIN_FEATURES = 5


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
            if len(posting) > MAX_POSTINGS:
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
    sets = DisjointSets(len(units))
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
