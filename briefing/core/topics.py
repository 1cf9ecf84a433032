"""Open issues: topics tracked across articles, who did what about each, and where they stand.

An issue is a name and the words that signal it (from briefing.toml, or proposed
from the dossier's most salient recurring nouns). For each sentence that touches
an issue, the side and action are read from the sentence where it says so:
"Moscow is seeking the return of ..." is Russia demanding.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

from briefing.core.gazetteer import gazetteer
from briefing.core.model import Article, DossierConfig, Entity, IssueConfig, Mention, OpenIssue, Position
from briefing.core.text import Token, stem, stopwords, tokenize

ACTIONS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("agreed", r"\b(?:agree(?:s|d|ing)?|reach(?:ed|es)? (?:a |an )?(?:consensus|agreement|deal)|accept(?:s|ed)?"
                   r"|identified (?:\w+ ){0,2}steps|settled|signed (?:an? |the )?(?:deal|agreement|accord|treaty))\b"),
        ("rejected", r"\b(?:reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|den(?:y|ies|ied)|dismiss(?:es|ed)?|oppos(?:e|es|ed))\b"),
        ("demanded", r"\b(?:demand(?:s|ed|ing)?|seek(?:s|ing)?|sought|call(?:s|ed|ing)? for|insist(?:s|ed|ing)?"
                     r"|urg(?:e|es|ed|ing)|press(?:es|ed|ing)? (?:for|(?:\w+ ){1,3}to)|wants?|wanted|request(?:s|ed|ing)?)\b"),
        ("proposed", r"\b(?:propos(?:e|es|ed|ing)|suggest(?:s|ed|ing)?|offer(?:s|ed|ing)?|put forward|float(?:s|ed))\b"),
        ("raised", r"\b(?:rais(?:e|es|ed|ing)|complain(?:s|ed|ing)?|protest(?:s|ed|ing)?|grievance)\b"),
        ("discussed", r"\b(?:discuss(?:es|ed|ing)?|address(?:es|ed|ing)?|touched on|exchanged notes|talk(?:s|ed)? about)\b"),
    )
)
_STRENGTH = {name: rank for rank, (name, _) in enumerate(ACTIONS)}
_BOTH_RE = re.compile(r"\b(?:both sides|the two sides|both delegations|both parties|both countries|the sides|both nations)\b", re.IGNORECASE)
_NEGATION_RE = re.compile(r"\b(?:not|never|no longer|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)

# Words too general to name an issue of their own, whatever the dossier.
_GENERIC = frozenset(
    """said say says told talk talks meeting meetings official officials country countries year years week weeks
    month months day days time times report reports reported source sources issue issues side sides people part
    statement statements spokesperson spokesman spokeswoman news article story thing way number percent group
    government state states first second third new last next other several many also would could may might will
    according including another since during around added noted described discussion discussions negotiation
    negotiations relation relations step steps effort efforts agenda round rounds""".split()
)


def side_of(entity: Entity) -> str:
    """The side an entity speaks for: its country where the text makes that clear, else its name."""
    gaz = gazetteer()
    if entity.kind == "place":
        place = gaz.places.get(entity.name)
        if place and place.kind in ("country", "capital") and place.country:
            return place.country
        return entity.name
    texts = [entity.name, *entity.aliases] if entity.kind == "organization" else [r.text for r in entity.roles]
    for text in texts:
        for token in tokenize(text):
            word = token.text.replace("\u2019", "'")
            if word in gaz.demonyms:
                return gaz.demonyms[word]
            place = gaz.places.get(word)
            if place and place.kind == "country":
                return place.name
    return entity.name


def _entity_actors(entities: tuple[Entity, ...]) -> dict[int, list[tuple[int, int, str]]]:
    """Per article, (start, end, side) of each mention of something that can act:
    countries, capitals, people and organisations."""
    gaz = gazetteer()
    actors: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        if entity.kind == "place":
            place = gaz.places.get(entity.name)
            if not place or place.kind not in ("country", "capital"):
                continue
        side = side_of(entity)
        for m in entity.mentions:
            actors[m.article].append((m.start, m.end, side))
    return actors


def _actors(article: Article, entity_actors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The article's actors: its entity mentions plus demonyms ("Russian diplomats")."""
    gaz = gazetteer()
    actors = list(entity_actors)
    for match in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b|U\.S\.", article.text):
        word = match.group()
        if word in gaz.demonyms and gaz.demonyms[word]:
            actors.append((match.start(), match.end(), gaz.demonyms[word]))
    actors.sort()
    return actors


def positions_in(article: Article, start: int, end: int, actors: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(side, action) pairs a sentence states, the subject being the actor nearest before the verb."""
    text = article.text
    found = []
    for action, pattern in ACTIONS:
        for match in pattern.finditer(text, start, end):
            if _NEGATION_RE.search(text[max(start, match.start() - 20) : match.start()]):
                continue
            window = text[max(start, match.start() - 60) : match.start()]
            both = list(_BOTH_RE.finditer(window))
            before = [a for a in actors if start <= a[0] and a[1] <= match.start()]
            if both and (not before or before[-1][1] < max(start, match.start() - 60) + both[-1].start()):
                side = "both sides"
            elif len(before) >= 2 and before[-1][2] != before[-2][2] and re.fullmatch(
                r"\s+and\s+", text[before[-2][1] : before[-1][0]]
            ):
                # "Moscow and Washington reached a consensus": two countries acting together
                # are both sides; two firms pressing together are just the two of them.
                pair = (before[-2][2], before[-1][2])
                side = "both sides" if all(p in _countries() for p in pair) else f"{pair[0]} and {pair[1]}"
            elif before:
                side = before[-1][2]
            else:
                continue
            found.append((side, action))
    return found


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset({place.name for place in gazetteer().places.values() if place.kind == "country"})


def _signal_patterns(signals: tuple[str, ...]) -> list[tuple[str, ...]]:
    patterns = [tuple(stem(t.text) for t in tokenize(signal)) for signal in signals]
    return [pattern for pattern in patterns if pattern]


def build_issues(
    articles: tuple[Article, ...],
    tokens_by_article: dict[int, list[Token]],
    entities: tuple[Entity, ...],
    config: DossierConfig,
) -> tuple[OpenIssue, ...]:
    """Every open issue with its sentences, positions, status and latest development."""
    configured = config.issues
    proposed = not configured
    if proposed:
        configured = propose_issues(articles, tokens_by_article, entities)
    entity_actors = _entity_actors(entities)
    issue_patterns = [(issue, _signal_patterns(issue.signals)) for issue in configured]
    firsts = {pattern[0] for _, patterns in issue_patterns for pattern in patterns}
    # Per article, where each signal's first word stands; sentences are found from there
    # instead of scanning every sentence for every signal.
    where: dict[int, dict[str, list[int]]] = {}
    for article in articles:
        found: dict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(tokens_by_article[article.id]):
            key = stem(token.lower)
            if key in firsts:
                found[key].append(position)
        where[article.id] = found
    actors_by_article: dict[int, list[tuple[int, int, str]]] = {}
    issues = []
    for issue, patterns in issue_patterns:
        mentions: list[Mention] = []
        positions: list[Position] = []
        for article in articles:
            hits = _sentences_with(article, tokens_by_article[article.id], where[article.id], patterns)
            if hits and article.id not in actors_by_article:
                actors_by_article[article.id] = _actors(article, entity_actors[article.id])
            for sentence in hits:
                mention = Mention(article.id, sentence.start, sentence.end)
                mentions.append(mention)
                date = article.published.isoformat() if article.published else None
                for side, action in positions_in(article, sentence.start, sentence.end, actors_by_article[article.id]):
                    positions.append(Position(side, action, mention, date))
        issues.append(_summarise(issue, proposed, mentions, positions, articles))
    return tuple(issues)


def _sentences_with(article: Article, tokens: list[Token], where: dict[str, list[int]],
                    patterns: list[tuple[str, ...]]) -> list:
    """The article's sentences that contain any of the signal patterns, in order."""
    hit_offsets = set()
    for pattern in patterns:
        for position in where.get(pattern[0], ()):
            end = position + len(pattern)
            if end <= len(tokens) and all(stem(tokens[position + k].lower) == pattern[k] for k in range(1, len(pattern))):
                hit_offsets.add(tokens[position].start)
    sentences = []
    for offset in sorted(hit_offsets):
        sentence = article.sentence_at(offset)
        if sentence is not None and (not sentences or sentences[-1] is not sentence):
            sentences.append(sentence)
    return sentences


def _summarise(issue: IssueConfig, proposed: bool, mentions: list[Mention], positions: list[Position],
               articles: tuple[Article, ...]) -> OpenIssue:
    by_id = {a.id: a for a in articles}
    dated = [m for m in mentions if by_id[m.article].published]
    latest = None
    latest_date = None
    if mentions:
        # Articles are numbered in date order, so the newest dated one has the highest id.
        article_id = max(m.article for m in (dated or mentions))
        in_latest = [m for m in mentions if m.article == article_id]
        with_position = [m for m in in_latest if any(p.evidence == m and p.action != "discussed" for p in positions)]
        latest = (with_position or in_latest)[0]
        published = by_id[article_id].published
        latest_date = published.isoformat() if published else None
    status = _status(positions, mentions)
    ordered = sorted(positions, key=lambda p: (p.date is None, p.date or "", p.evidence.article, p.evidence.start))
    return OpenIssue(issue.name, issue.signals, proposed, status, latest, latest_date, tuple(ordered), tuple(mentions))


def _status(positions: list[Position], mentions: list[Mention]) -> str:
    """Where the issue stands: each side's strongest recent stance, in plain words."""
    if not mentions:
        return "not mentioned"
    substantive = [p for p in positions if p.action != "discussed"]
    if not substantive:
        return "discussed"
    latest_date = max((p.date for p in substantive if p.date), default=None)
    # The newest dated article's stances, or all stances if nothing is dated.
    recent = [p for p in substantive if p.date == latest_date] if latest_date else substantive
    older = [p for p in substantive if p not in recent]
    stance: dict[str, str] = {}
    for p in sorted(recent + older, key=lambda p: _STRENGTH[p.action]):
        stance.setdefault(p.side, p.action)
    if stance.get("both sides") == "agreed":
        # Once both sides agreed, one side's own agreement adds nothing.
        stance = {side: action for side, action in stance.items() if side == "both sides" or action != "agreed"}
    parts = [f"{action} by {side}" for side, action in sorted(stance.items(), key=lambda kv: (_STRENGTH[kv[1]], kv[0]))]
    return "; ".join(parts[:3])


def propose_issues(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]],
                   entities: tuple[Entity, ...], limit: int = 4) -> tuple[IssueConfig, ...]:
    """Issues for a dossier without briefing.toml: its most salient recurring noun phrases.

    A phrase is a lower-case word, or two adjacent ones ("direct flights"); it must recur
    in at least two articles (one, for a single-article dossier). Two-word phrases are
    preferred, since "direct flights" says more than "direct" or "flights".
    """
    entity_words = {w.lower() for e in entities for name in (e.name, *e.aliases) for w in name.split()}
    stops = stopwords()
    article_df: Counter = Counter()
    counts: Counter = Counter()
    surfaces: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for article in articles:
        seen = set()
        tokens = tokens_by_article[article.id]
        usable = [_issue_word(t, stops, entity_words) for t in tokens]
        for i, token in enumerate(tokens):
            if not usable[i]:
                continue
            keys = [((stem(token.lower),), (token.lower,))]
            if i + 1 < len(tokens) and usable[i + 1] and article.text[token.end : tokens[i + 1].start] == " ":
                keys.append(((stem(token.lower), stem(tokens[i + 1].lower)), (token.lower, tokens[i + 1].lower)))
            for key, form in keys:
                if len(key) == 1 and (key[0] in _GENERIC or _adjective(form[0])):
                    continue
                if len(key) == 2 and (key[1] in _GENERIC or _adjective(form[1]) or _verbal(form[1])):
                    continue
                counts[key] += 1
                surfaces[key][" ".join(form)] += 1
                seen.add(key)
        article_df.update(seen)
    minimum = 2 if len(articles) >= 2 else 1
    scored = []
    for key in counts:
        if article_df[key] < minimum or _verbish(surfaces[key]):
            continue
        weight = 1.5 if len(key) == 2 else 1.0
        scored.append((weight * article_df[key] * math.log(1 + counts[key]), key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[IssueConfig] = []
    covered: set[str] = set()
    for _, key in scored:
        if len(chosen) == limit:
            break
        if any(part in covered for part in key):
            continue  # "flights" adds nothing once "direct flights" is an issue
        forms = tuple(sorted(surfaces[key], key=lambda f: (-surfaces[key][f], f)))
        chosen.append(IssueConfig(forms[0], forms))
        covered.update(key)
    return tuple(chosen)


def _issue_word(token: Token, stops: frozenset[str], entity_words: set[str]) -> bool:
    low = token.lower
    return len(low) >= 4 and low.isalpha() and low not in stops and not token.text[:1].isupper() and low not in entity_words


def _adjective(word: str) -> bool:
    return word.endswith(("ic", "al", "ive", "ous", "ful", "able", "ible", "less", "ly", "ary", "ern"))


def _verbal(word: str) -> bool:
    return word.endswith(("ed", "ing"))


def _verbish(forms: Counter) -> bool:
    """Whether a phrase is mostly used as a verb or adverb, which makes a poor issue name."""
    total = sum(forms.values())
    verbal = sum(c for f, c in forms.items() if f.split()[-1].endswith(("ed", "ing", "ly")))
    return verbal > total / 2
