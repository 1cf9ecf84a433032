"""Where the sources differ: figures, dates, spellings, roles and quotation wordings.

Each finder returns `Discrepancy`s, each with its variants and the articles behind
each; `merge_discrepancies` makes one difference of many that share a wording.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from briefing.core.claims import MAX_POSTINGS, DisjointSets, _Unit
from briefing.core.model import Article, DateMention, Discrepancy, Entity, Mention, Variant
from briefing.core.text import stem, stopwords

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
        sets = DisjointSets(len(items))
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
            if len(posting) <= MAX_POSTINGS:  # a word in hundreds of quotations pairs none of them
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
