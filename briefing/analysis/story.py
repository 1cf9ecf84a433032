"""What a dossier's story is, in a few words: the title for a dossier that has none.

Headlines say what a story is, so the title is built from them: the event or topic
noun they use most ("strike", "outbreak", "trial"), with the word that most often
qualifies it there ("port strike", "bird flu outbreak"), after the place, organisation or
person the headlines name most ("Rotterdam port strike", "Oslo ferry strike").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefing.analysis.timeline import EVENT_NOUNS, EVENT_WORDS
from briefing.language.text import Token, stem, stopwords, token_lowers, tokenize
from briefing.model import Article, Entity

MAX_TITLE_WORDS = 8
_SPELLING_SAMPLE = 50
"""Articles read to choose between a word's spellings: enough to tell, cheap in a big dossier."""
FALLBACK_TITLE = "Briefing"

# A noun right after a number is counted, not the topic: "38 votes", "five dead", "330 tonnes".
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion mln bn dozen dozens""".split()
)
# Headline words that say how a story is told, never what it is about.
_HEADLINE_VERBS = frozenset(
    """says say said tells told claims claim warns warn urges urge calls call asks ask denies deny
    confirms confirm reveals reveal explains explain""".split()
)
# "€34 bid", "$4.5 million ransom": a number after a currency sign is a price, not a count.
_CURRENCY_BEFORE_RE = re.compile(r"[$\u00a3\u20ac\u00a5]\s*$")
# What may stand between a name and the noun it qualifies: "Acme's bid", "Oslo crash".
_POSSESSIVE_GAP_RE = re.compile(r"^(?:['\u2019]s?)?\s+")
# A headline's words for finding names in it; "U.S." and "O'Neill" are one word each.
_HEADLINE_WORD_RE = re.compile(r"[^\W_](?:[\w.'\u2019&-]*[^\W_])?")
# An initial that belongs to the word after it: "H. pylori", "J. Smith".
_INITIAL_BEFORE_RE = re.compile(r"\b[A-Z]\.\s*$")


@dataclass(frozen=True, slots=True)
class _Topic:
    """A candidate topic word of the headlines."""

    stem: str
    """Its stem, how headlines and bodies are compared."""
    score: float
    """How much the dossier is about it: headline and body frequency, more for an event noun."""


def derive_title(articles: tuple[Article, ...], entities: tuple[Entity, ...]) -> str:
    """A short title naming what the story is, from the headlines; "Briefing" when nothing says."""
    headlines = [a.title for a in articles if a.title and not a.title_derived]
    phrase = _topic_phrase(headlines, articles)
    actor = _headline_actor(headlines, entities, phrase)
    words = [w for w in (actor, phrase) if w]
    if not words:
        return FALLBACK_TITLE
    title = " ".join(words)
    if len(title.split()) > MAX_TITLE_WORDS:
        title = phrase if phrase else " ".join(title.split()[:MAX_TITLE_WORDS])
    return title[:1].upper() + title[1:]


def _content_tokens(headline: str, lower_words: frozenset[str]) -> list[tuple[int, Token]]:
    """The lower-case words of a headline that could name its topic, with their positions.

    Not a verb of the event list ("overruns", "declares"), nor a counted noun ("38 votes").
    In a Title Case headline, a capitalised word the stories write in lower case counts too.
    """
    common = stopwords()
    tokens = tokenize(headline)
    title_case = sum(t.text[0].isupper() for t in tokens) > 0.6 * len(tokens)
    out = []
    for i, token in enumerate(tokens):
        word = token.lower
        lower = token.text[0].islower() or (title_case and word in lower_words)
        if (
            not lower
            or word in common
            or len(word) < 3
            or word in _HEADLINE_VERBS
            or (word in EVENT_WORDS and word not in EVENT_NOUNS)
        ):
            continue
        if i and _counted(headline, tokens[i - 1]):
            continue
        out.append((i, token))
    return out


def _counted(headline: str, previous: Token) -> bool:
    """Whether a word after `previous` is a count of something ("38 votes"), not a price ("€34 bid")."""
    word = previous.lower
    if word[:1].isdigit():
        return not _CURRENCY_BEFORE_RE.search(headline[: previous.start])
    return word in _NUMBER_WORDS or word.split("-")[-1] in _NUMBER_WORDS


def _topic_phrase(headlines: list[str], articles: tuple[Article, ...]) -> str | None:
    """The headlines' topic as they most often write it: "bird flu outbreak", "hospital hack".

    The head is the word most of the dossier is about (headlines and bodies), an event
    noun counting more; the phrase is the run of headline words around it that recurs,
    each of its other words used in two headlines or more.
    """
    if not headlines:
        return None
    sample = articles[:_SPELLING_SAMPLE]
    used = Counter(t.lower for a in sample for t in tokenize(a.text))
    lower_words = frozenset(t.text for a in sample for t in tokenize(a.text) if t.text.islower())
    per_headline = [_content_tokens(h, lower_words) for h in headlines]
    in_headlines: Counter[str] = Counter()
    forms: dict[str, set[str]] = defaultdict(set)
    for found in per_headline:
        for _, token in found:
            forms[stem(token.lower)].add(token.lower)
        in_headlines.update({stem(token.lower) for _, token in found})
    if not in_headlines:
        return None
    in_bodies: Counter[str] = Counter()
    for article in articles:
        in_bodies.update({stem(lower) for lower in token_lowers(article.text)} & set(in_headlines))
    topics = [
        _Topic(
            root,
            (count / len(headlines) + in_bodies[root] / max(1, len(articles)))
            * (1.5 if forms[root] & EVENT_NOUNS else 1.0),
        )
        for root, count in in_headlines.items()
    ]
    head = max(topics, key=lambda t: (t.score, t.stem)).stem
    phrases: Counter[tuple[str, ...]] = Counter()
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for headline, found in zip(headlines, per_headline, strict=True):
        seen = set()
        for run in _runs(found):
            roots = [stem(t.lower) for t in run]
            if head not in roots:
                continue
            at = roots.index(head)
            first, last = at, at
            while first > 0 and in_headlines[roots[first - 1]] >= 2:
                first -= 1
            while last < len(run) - 1 and in_headlines[roots[last + 1]] >= 2:
                last += 1
            for a in range(first, at + 1):
                for b in range(at, last + 1):
                    key = tuple(roots[a : b + 1])
                    initial = _INITIAL_BEFORE_RE.search(headline[: run[a].start])
                    prefix = initial.group().strip() + " " if initial else ""
                    written[key][prefix + _as_written(headline, run[a : b + 1])] += 1
                    seen.add(key)
        phrases.update(seen)
    if not phrases:
        return None

    def fit(key: tuple[str, ...]) -> tuple[float, int]:
        # A phrase that recurs is more specific than its head alone: "bird flu outbreak" over "outbreak".
        return phrases[key] * (1 + 0.5 * (len(key) - 1)) + bool(forms[key[-1]] & EVENT_NOUNS), len(key)

    best = max(phrases, key=fit)
    # Among spellings headlines use as often, the one the stories use most ("floods", not "flood").
    phrase = max(written[best], key=lambda w: (written[best][w], w.islower(), used[w.lower().split()[-1]], -len(w)))
    # "Oslo runway" says where, not what: name the event too, when the headlines have one.
    events = [t for t in topics if forms[t.stem] & EVENT_NOUNS and t.stem not in best]
    if not forms[best[-1]] & EVENT_NOUNS and events:
        event = max(events, key=lambda t: (t.score, t.stem))
        phrase += " " + max(forms[event.stem], key=lambda w: (used[w], -len(w)))
    return phrase


def _as_written(headline: str, run: list[Token]) -> str:
    """A run of headline words as a title writes them: "Embassy Talks" in a Title Case headline is "embassy talks"."""
    text = headline[run[0].start : run[-1].end]
    for token in run:
        at = token.start - run[0].start
        text = text[:at] + token.lower + text[at + len(token.text) :]
    return text


def _runs(found: list[tuple[int, Token]]) -> list[list[Token]]:
    """Runs of adjacent topic words of one headline."""
    runs: list[list[Token]] = []
    last = -2
    for i, token in found:
        if i == last + 1 and runs:
            runs[-1].append(token)
        else:
            runs.append([token])
        last = i
    return runs


def _headline_actor(headlines: list[str], entities: tuple[Entity, ...], phrase: str | None) -> str | None:
    """The place, organisation or person the headlines name most, as they write it.

    One written right before the topic ("Rotterdam strike", "Geneva talks") is
    the story's own, and counts once more.
    """
    head = phrase.split()[0].lower() if phrase else None
    # Every spelling, looked up by the words it spans in a headline: one pass over the
    # headlines' words, however many entities the dossier has.
    named: dict[str, list[int]] = defaultdict(list)
    longest = 1
    for number, entity in enumerate(entities):
        spellings = {entity.name, *entity.aliases}
        if entity.kind == "person":
            spellings |= {s.split()[-1] for s in spellings}
        for spelling in spellings:
            named[spelling].append(number)
            longest = max(longest, len(spelling.split()))
    written: dict[int, Counter[str]] = defaultdict(Counter)
    before_topic: set[int] = set()
    for headline in headlines:
        words = [m.span() for m in _HEADLINE_WORD_RE.finditer(headline)]
        found: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for i in range(len(words)):
            for j in range(i, min(len(words), i + longest + 2)):
                start, end = words[i][0], words[j][1]
                pieces = [(headline[start:end], end)]
                if headline[end : end + 1] == ".":  # "U.S." ends with its dot, "Rotterdam." does not
                    pieces.append((headline[start : end + 1], end + 1))
                for piece, piece_end in pieces:
                    for number in named.get(piece, ()):
                        found[number].append((piece, piece_end))
        for number, pieces in found.items():
            written[number][min((p for p, _ in pieces), key=len)] += 1
            if head and any(_POSSESSIVE_GAP_RE.sub("", headline[end:].lower()).startswith(head) for _, end in pieces):
                before_topic.add(number)
    best: tuple[int, int, str] | None = None
    for number, counts in written.items():
        key = (
            sum(counts.values()) + (number in before_topic),
            len(entities[number].mentions),
            counts.most_common(1)[0][0],
        )
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None
