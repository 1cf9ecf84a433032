"""Open issues: topics tracked across articles, who did what about each, and where they stand.

An issue is a name and the words that signal it (from briefing.toml, or proposed
from the dossier's most salient recurring nouns). For each sentence that touches
an issue, the side and action are read from the sentence where it says so:
"Moscow is seeking the return of ..." is Russia demanding.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from briefing.language.gazetteer import gazetteer
from briefing.language.text import Token, stem, stopwords, tokenize
from briefing.model import Article, DossierConfig, Entity, IssueConfig, Mention, OpenIssue, Position, Sentence

ACTIONS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "agreed",
            r"\b(?:agree(?:s|d|ing)?|reach(?:ed|es)? (?:a |an )?(?:consensus|agreement|deal)|accept(?:s|ed)?"
            r"|identified (?:\w+ ){0,2}steps|settled|signed (?:an? |the )?(?:deal|agreement|accord|treaty))\b",
        ),
        (
            "rejected",
            r"\b(?:reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|den(?:y|ies|ied)|dismiss(?:es|ed)?|oppos(?:e|es|ed))\b",
        ),
        (
            "demanded",
            r"\b(?:demand(?:s|ed|ing)?|seek(?:s|ing)?|sought|call(?:s|ed|ing)? for|insist(?:s|ed|ing)?"
            r"|urg(?:e|es|ed|ing)|press(?:es|ed|ing)? (?:for|(?:\w+ ){1,3}to)|wants?|wanted|request(?:s|ed|ing)?)\b",
        ),
        (
            "proposed",
            r"\b(?:propos(?:e|es|ed|ing)|suggest(?:s|ed|ing)?|offer(?:s|ed|ing)?|put forward|float(?:s|ed))\b",
        ),
        ("raised", r"\b(?:rais(?:e|es|ed|ing)|complain(?:s|ed|ing)?|protest(?:s|ed|ing)?|grievance)\b"),
        (
            "discussed",
            r"\b(?:discuss(?:es|ed|ing)?|address(?:es|ed|ing)?|touched on|exchanged notes|talk(?:s|ed)? about)\b",
        ),
    )
)
_STRENGTH = {name: rank for rank, (name, _) in enumerate(ACTIONS)}
_BOTH_RE = re.compile(
    r"\b(?:both sides|the two sides|both delegations|both parties|both countries|the sides|both nations)\b",
    re.IGNORECASE,
)
_NEGATION_RE = re.compile(r"\b(?:not|never|no longer|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)

# Words too general to name an issue of their own, whatever the dossier.
_GENERIC = frozenset(
    """said say says told talk talks meeting meetings official officials country countries year years week weeks
    month months day days time times report reports reported source sources issue issues side sides people part
    statement statements spokesperson spokesman spokeswoman news article story thing way number percent group
    government state states first second third new last next other several many also would could may might will
    according including another since during around added noted described discussion discussions negotiation
    negotiations relation relations step steps effort efforts agenda round rounds evidence indication information
    matter point place end change name sort kind help use case cases""".split()
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
        if gaz.demonyms.get(word):
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
            elif (
                len(before) >= 2
                and before[-1][2] != before[-2][2]
                and re.fullmatch(r"\s+and\s+", text[before[-2][1] : before[-1][0]])
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
    outlets = _outlets(articles)
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
                    if side.casefold() not in outlets:
                        positions.append(Position(side, action, mention, date))
        issues.append(_summarise(issue, proposed, mentions, positions, articles))
    return tuple(issues)


# News agencies, which report positions and never take them ("Reuters said" is not Reuters demanding).
_AGENCIES = frozenset(
    {
        "reuters",
        "ap",
        "associated press",
        "afp",
        "agence france-presse",
        "bloomberg",
        "pa media",
        "press association",
        "aap",
        "dpa",
        "efe",
        "ansa",
        "xinhua",
        "kyodo",
        "upi",
        "anadolu",
        "tass",
        "ria novosti",
        "interfax",
        "yonhap",
        "pti",
    }
)


def _outlets(articles: tuple[Article, ...]) -> frozenset[str]:
    """The outlets of the dossier and the news agencies, folded: reporters of positions, never parties."""
    return _AGENCIES | frozenset(a.source.casefold() for a in articles if a.source)


def _sentences_with(
    article: Article, tokens: list[Token], where: dict[str, list[int]], patterns: list[tuple[str, ...]]
) -> list:
    """The article's sentences that contain any of the signal patterns, in order."""
    hit_offsets = set()
    for pattern in patterns:
        for position in where.get(pattern[0], ()):
            end = position + len(pattern)
            if end <= len(tokens) and all(
                stem(tokens[position + k].lower) == pattern[k] for k in range(1, len(pattern))
            ):
                hit_offsets.add(tokens[position].start)
    sentences: list[Sentence] = []
    for offset in sorted(hit_offsets):
        sentence = article.sentence_at(offset)
        if sentence is not None and (not sentences or sentences[-1] is not sentence):
            sentences.append(sentence)
    return sentences


# Background, not news: "...over the past decade", "has long insisted", "for years".
_BACKGROUND_RE = re.compile(
    r"\b(?:(?:over|in|during|for) the (?:past|last) (?:\w+ )?(?:decades?|years|months)|(?:has|have|had) long\b"
    r"|for (?:many )?(?:years|decades)\b|in recent years|long-standing|longstanding|historically)",
    re.IGNORECASE,
)


def _in_time(position: Position) -> tuple:
    """A position's place in time: its article's date (undated last), then its article, then text order."""
    return (position.date is None, position.date or "", position.evidence.article, position.evidence.start)


def _summarise(
    issue: IssueConfig,
    proposed: bool,
    mentions: list[Mention],
    positions: list[Position],
    articles: tuple[Article, ...],
) -> OpenIssue:
    by_id = {a.id: a for a in articles}
    ordered = sorted(positions, key=_in_time)
    latest = _latest_development(mentions, ordered, by_id)
    latest_date = None
    focus = None
    if latest is not None:
        published = by_id[latest.article].published
        latest_date = published.isoformat() if published else None
        focus = _focus(by_id[latest.article].text, latest, issue.signals)
    status = _status(positions, mentions)
    return OpenIssue(
        issue.name,
        issue.signals,
        proposed,
        status,
        latest,
        latest_date,
        tuple(ordered),
        tuple(mentions),
        latest_focus=focus,
    )


def _latest_development(mentions: list[Mention], ordered: list[Position], by_id: dict[int, Article]) -> Mention | None:
    """The latest dated sentence that moves the issue: a position taken, an offer, a ruling; else the
    newest article's first sentence on it. Background ("...over the past decade") never counts."""
    if not mentions:
        return None

    def news(m: Mention) -> bool:
        return not _BACKGROUND_RE.search(by_id[m.article].text, m.start, m.end)

    moving = [p.evidence for p in ordered if p.action != "discussed" and p.date is not None and news(p.evidence)]
    if moving:
        # Within the latest article, its first such sentence: a report leads with its news.
        newest = moving[-1].article
        return min((m for m in moving if m.article == newest), key=lambda m: m.start)
    dated = [m for m in mentions if by_id[m.article].published]
    # Articles are numbered in date order, so the newest dated one has the highest id.
    article_id = max(m.article for m in (dated or mentions))
    in_latest = [m for m in mentions if m.article == article_id]
    return next((m for m in in_latest if news(m)), in_latest[0])


def _focus(text: str, sentence: Mention, signals: tuple[str, ...]) -> tuple[int, int]:
    """Where in the sentence the issue's news is: the stated action nearest the issue's signal,
    else the signal ("raised concerns regarding access to banking" focuses on "raised")."""
    lowered = text[sentence.start : sentence.end].lower()
    signal_at = None
    for signal in signals:
        at = lowered.find(signal.lower())
        if at >= 0 and (signal_at is None or at < signal_at[0] - sentence.start):
            signal_at = (sentence.start + at, sentence.start + at + len(signal))
    actions = [
        (match.start(), match.end())
        for _, pattern in ACTIONS
        for match in pattern.finditer(text, sentence.start, sentence.end)
        if not _NEGATION_RE.search(text[max(sentence.start, match.start() - 20) : match.start()])
    ]
    if actions:
        anchor = signal_at[0] if signal_at else sentence.start
        return min(actions, key=lambda span: (abs(span[0] - anchor), span[0]))
    return signal_at or (sentence.start, sentence.start)


def _status(positions: list[Position], mentions: list[Mention]) -> str:
    """Where the issue stands: each side's latest stance in time, in plain words.

    A side that rejected an offer and later accepted it has accepted it: stances are read in
    date order (an undated article's stance only where a side has no dated one), and within
    one article in text order; a later stance replaces an earlier one.
    """
    if not mentions:
        return "not mentioned"
    substantive = [p for p in positions if p.action != "discussed"]
    if not substantive:
        return "discussed"
    stance: dict[str, str] = {}
    dated_sides = {p.side for p in substantive if p.date is not None}
    for p in sorted(substantive, key=_in_time):
        if p.date is None and p.side in dated_sides:
            continue
        stance[p.side] = p.action
    if stance.get("both sides") == "agreed":
        # Once both sides agreed, one side's own agreement adds nothing.
        stance = {side: action for side, action in stance.items() if side == "both sides" or action != "agreed"}
    parts = [f"{action} by {side}" for side, action in sorted(stance.items(), key=lambda kv: (_STRENGTH[kv[1]], kv[0]))]
    return "; ".join(parts[:3])


# Words whose nearness marks a sentence where the dossier argues about something: the
# objects of demands, offers, rejections, rulings, recalls, appeals, complaints and
# investigations are what an analyst tracks ("called for an independent inquiry", "rejected the
# pay offer", "an appeal against the ban").
_ARGUING = frozenset(
    stem(word)
    for word in """demand demands demanded demanding call calls called calling urge urges urged seek seeks sought
    insist insists insisted press pressed offer offers offered propose proposes proposed proposal reject rejects
    rejected rejection refuse refuses refused refusal deny denies denied dismiss dismissed oppose opposes opposed
    opposition accept accepts accepted agree agrees agreed approve approves approved approval rule rules ruled ruling
    order ordered ban bans banned suspend suspended suspension recall recalled appeal appeals appealed challenge
    challenged contest contested dispute disputed complain complained complaint complaints sue sued lawsuit
    investigate investigated investigation investigations inquiry inquest probe review reviewed criticise criticised
    criticize criticized criticism warn warned warning blame blamed promise promised pledge pledged guarantee
    guaranteed defend defended petition verdict charge charged allege alleged allegation allegations vote voted
    decide decided decision plan plans planned threaten threatened ask asks asked request requests requested audit
    commit commits committed recommend recommends recommended should must need needs needed question questioned
    questions concern concerns concerned fear fears feared claim claims claimed argue argues argued accuse accused
    insist insisted explain explained responsibility responsible""".split()
)

# What opens a noun phrase: a determiner, possessive, preposition or number before a pair of
# words shows the pair is a thing ("the safety area", "for a public inquiry"), not a verb and
# its object ("signed the treaty") or a subject and its verb ("prices rose").
_NOUN_PHRASE_OPENERS = frozenset(
    """the a an this that these those its their his her our your any no each every some all both whose 's
    of for on in into over about against with from by at after before under without between""".split()
)

# What stands before a verb: "to decide", "will require".
_VERB_OPENERS = frozenset("to will would could can may might must should shall did does do not n't".split())

# Counting words: "five years", "two passengers", "two-year deal" count things, they are no topic.
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion billions trillion dozen dozens half quarter single double first second third fourth
    fifth sixth seventh eighth ninth tenth""".split()
)

# Who acts, not what is at issue: "chief executive", "regional president" name an actor.
_ROLE_WORDS = frozenset(
    """executive executives president presidents minister ministers secretary secretaries manager managers director
    directors chair chairman chairwoman chairperson spokesman spokeswoman spokesperson partner partners leader
    leaders chief chiefs mayor councillor councilor governor official officials officer officers head heads
    founder owner owners analyst analysts reporter reporters correspondent editor lawyer lawyers attorney
    prosecutor prosecutors judge judges member members deputy adviser advisers advisor advisors attendant attendants
    commissioner commissioners inspector inspectors""".split()
)

# Common English verbs in their irregular past forms, which no suffix gives away ("prices rose").
_IRREGULAR_PAST = frozenset(
    """fell gave came began struck told took made went won lost left held met sent kept said saw found brought
    bought caught taught thought fought sought stood understood wrote rode rose drove broke spoke chose froze
    woke wore tore swore bore shook forgot got ran became overcame withdrew drew grew knew threw flew blew
    hid led fed fled bled paid laid spent lent bent built meant felt dealt slept swept wept sat spat hung
    struck stuck dug spun won shot lit""".split()
)

# Nouns ending in "ly", which are no adverbs.
_LY_NOUNS = frozenset("family assembly supply reply rally ally monopoly anomaly july italy bully belly jelly".split())


# Words that leave a matter open or say no to it: an issue is what the dossier argues about,
# denies ("no legal basis", "never a formal one") or has not settled ("whether", "until").
_CONTENTION = frozenset("not no never n't nor without cannot whether unless until if".split())

# Words of asking and feeling, which name an issue only with their object: "demand" alone
# says nothing of what is demanded.
_VAGUE = frozenset(
    stem(word)
    for word in """demand call request claim question concern fear need warning allegation criticism statement
    comment decision plan responsibility proposal order charge review vote""".split()
)

# What follows someone, never something: "the union's", "residents who".
_ACTOR_MARKS = frozenset({"who", "whose", "'s"})

# Reporting verbs: what stands right before one speaks, so it is an actor ("the board said").
_REPORTING = frozenset(
    """said says told added announced stated argued claimed insisted warned confirmed denied
    explained wrote replied admitted acknowledged""".split()
)

# People and bodies named by a common noun: they act on an issue, they are never one
# ("governing body", "city council").
_GROUP_WORDS = frozenset(
    """body bodies council councils committee committees board boards agency agencies authority authorities
    ministry ministries department departments commission union unions association associations alliance company
    companies firm firms party parties team teams club clubs federation police court courts tribunal tribunals
    people persons children residents families relatives victims staff crew defence defense prosecution""".split()
)

# Words of size and age, which describe a thing in a story ("a small bakery", "young pupils"),
# never name what is argued about.
_DESCRIPTIVE = frozenset(
    """small smaller smallest large larger largest big bigger biggest little tiny huge young younger youngest old
    older oldest elderly""".split()
)

# Endings of nouns made from verbs or adjectives: "deportation", "expulsion", "settlement",
# "compliance", "liability". A thing that is done or a state, not an object.
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ity", "ety", "ness", "ship", "ism")

# Prepositions of place: "in the boiler room", "at the school gates" set a scene.
_LOCATIVE = frozenset("in at into inside through near under onto beside behind outside within across along".split())
_DETERMINERS = frozenset("the a an its their his her this that these those".split())


@dataclass(slots=True)
class _Candidate:
    """A candidate issue name (one word, "refund", or two, "pay offer") and how the dossier uses it."""

    forms: Counter = field(default_factory=Counter)
    """Its spellings, with how often each is used."""
    articles: set[int] = field(default_factory=set)
    """The articles that use it."""
    outlets: set[str] = field(default_factory=set)
    """The outlets (or, unnamed, the articles) that use it."""
    sentences: set[tuple[int, int]] = field(default_factory=set)
    """(article, sentence index) of every sentence that uses it."""
    count: int = 0
    """How often it is used."""
    contested: int = 0
    """How often its sentence argues about it: a word of argument or of denial or doubt beside it."""
    pressed: int = 0
    """How often a word of argument stands within a few words of it ("refused to pay a refund")."""
    nominal: int = 0
    """How often a determiner, preposition or number opens it."""
    located: int = 0
    """How often a preposition of place opens it ("in the boiler room")."""
    modifying: int = 0
    """How often a topic word follows it, the real head of the phrase ("city bus" of "city bus lanes")."""
    speaking: int = 0
    """How often it speaks or owns ("the union's", "members who", "the board said"): an actor's marks."""

    @property
    def modifier(self) -> bool:
        """Whether it mostly modifies a word after it."""
        return self.modifying * 2 > self.count

    @property
    def scene(self) -> bool:
        """Whether it is mostly a place where things happen, not a matter argued about."""
        return self.located * 2 > self.count

    @property
    def name(self) -> str:
        return max(self.forms, key=lambda form: (self.forms[form], form))

    def score(self) -> float:
        """How strongly the dossier argues about it: carried by several outlets, in sentences of argument;
        a single word only where it is itself what is demanded, refused or ruled on."""
        argued = self.contested if len(next(iter(self.forms)).split()) > 1 else self.pressed
        return len(self.outlets) ** 2 * (0.1 + argued / self.count)


def propose_issues(
    articles: tuple[Article, ...],
    tokens_by_article: dict[int, list[Token]],
    entities: tuple[Entity, ...],
    limit: int = 4,
    single_words: bool = False,
) -> tuple[IssueConfig, ...]:
    """Issues for a dossier without briefing.toml: what its articles argue about.

    `single_words` lets one word name an issue. It is off by default: on the gold dossiers it
    finds three more issues an analyst tracks but also names five by words no analyst would
    (a dossier's own theme, "ban" or "test"), and the brief must never show a bare word.

    An issue is named by a two-word noun phrase ("pay offer", "replacement workers") or by one
    noun of something done or owed ("refund", "deportation", "tariff") that recurs across articles
    and outlets, weighted by how often its sentence argues: a demand, offer, rejection, ruling,
    appeal or inquiry, a denial, an open question. Actors ("the union", "members who") and
    scenes ("in the boiler room") are never issues. Where nothing recurs (a dossier of one or two
    short articles), a name of one article will do if it is argued about. A candidate that mostly
    shares its sentences (or their neighbours) with a chosen one is the same topic and joins its
    signals instead of taking a row of its own.
    """
    candidates = [
        (key, candidate)
        for key, candidate in _candidate_topics(articles, tokens_by_article).items()
        if candidate.nominal > 0
        and not candidate.modifier
        and not candidate.scene
        and candidate.speaking * 5 < candidate.count
        and (len(key) > 1 or (single_words and candidate.pressed > 0))
    ]
    usable = [(key, candidate) for key, candidate in candidates if len(candidate.articles) >= 2]
    if not usable:
        usable = [(key, candidate) for key, candidate in candidates if candidate.contested > 0]
    ranked = sorted(usable, key=lambda item: (-item[1].score(), -item[1].count, item[1].name))
    chosen: list[tuple[tuple[str, ...], _Candidate, list[str]]] = []
    for key, candidate in ranked:
        if len(chosen) == limit:
            break
        if any(set(key) & set(other) for other, _, _ in chosen):
            continue  # "offer price" says little beside "pay offer"
        # A chosen word runs through much of the dossier ("offer"): only its own sentences, not
        # their neighbours, make a candidate the same topic.
        same = next(
            (
                signals
                for other_key, other, signals in chosen
                if len(candidate.sentences & (other.sentences if len(other_key) == 1 else _beside(other.sentences))) * 2
                >= len(candidate.sentences)
            ),
            None,
        )
        if same is not None:
            same.append(candidate.name)  # "border crossings" is the "border checks" topic again
            continue
        chosen.append((key, candidate, [candidate.name]))
    issues = []
    for _, candidate, signals in chosen:
        forms = [signals[0], *(f for f in sorted(candidate.forms) if f != signals[0]), *signals[1:]]
        issues.append(IssueConfig(signals[0], tuple(dict.fromkeys(forms))))
    return tuple(issues)


def _beside(sentences: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The sentences and their neighbours: a topic runs on into the next sentence."""
    return {(article, index + step) for article, index in sentences for step in (-1, 0, 1)}


def _candidate_topics(
    articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]]
) -> dict[tuple[str, ...], _Candidate]:
    """Every topic word that can stand alone and every two-word phrase of topic words, keyed by
    their stems, with how the dossier uses them."""
    words_by_article = {a.id: _words(a, tokens_by_article[a.id]) for a in articles}
    lower_vocab = {w.lower for words in words_by_article.values() for w in words if w.lowercase}
    # A word is a noun where the dossier puts a determiner before it ("the hearing", "the
    # offer") and a verb where it puts "to" or a modal before it ("to decide", "will require").
    nominal_stems = {
        words[i].stem
        for words in words_by_article.values()
        for i in range(1, len(words))
        if words[i - 1].lower in _NOUN_PHRASE_OPENERS
    }
    verbal_stems = {
        words[i].stem
        for words in words_by_article.values()
        for i in range(1, len(words))
        if words[i - 1].lower in _VERB_OPENERS
    } - nominal_stems
    # "decides" beside "decided": a verb's present tense, not a plural noun.
    lower_words = {w.lower for words in words_by_article.values() for w in words}
    verbal_stems |= {
        w.stem
        for words in words_by_article.values()
        for w in words
        if w.lower.endswith("s")
        and w.stem != w.lower
        and w.stem not in nominal_stems
        and (w.stem + "d" in lower_words or w.stem + "ed" in lower_words)
    }
    # A noun the dossier also uses as a verb names something done ("a refund" beside
    # "refunded", "the offer" beside "offered"), not a thing or a person.
    # ("to" is left out: "taken to hospital").
    done = {
        stem_
        for words in words_by_article.values()
        for i, w in enumerate(words)
        if w.lower.endswith("ed") or (i and words[i - 1].lower in _VERB_OPENERS and words[i - 1].lower != "to")
        for stem_ in _verb_stems(w)
    }
    # A word stands alone as a noun only in a form the dossier puts a determiner before:
    # "the hearing", not "pressing" beside "the press".
    nominal_forms = {
        words[i].lower
        for words in words_by_article.values()
        for i in range(1, len(words))
        if words[i - 1].lower in _NOUN_PHRASE_OPENERS
    }
    candidates: dict[tuple[str, ...], _Candidate] = defaultdict(_Candidate)
    for article in articles:
        words = words_by_article[article.id]
        text = article.text
        topical = [_topic_word(w, i, words, lower_vocab) for i, w in enumerate(words)]
        contentious: dict[int, list[int]] = defaultdict(list)
        arguing: list[int] = []
        for i, w in enumerate(words):
            if w.stem in _ARGUING or w.lower in _CONTENTION:
                contentious[w.sentence].append(i)
            if w.stem in _ARGUING:
                arguing.append(i)
        outlet = article.source.casefold() if article.source else f"#{article.id}"
        for i, word in enumerate(words):
            if not topical[i]:
                continue
            if word.lower in nominal_forms and _single_ok(word, nominal_stems, verbal_stems) and _done(word, done):
                _use(
                    candidates[(word.stem,)],
                    word.lower,
                    article,
                    outlet,
                    words,
                    topical,
                    i,
                    1,
                    contentious,
                    arguing,
                    verbal_stems,
                )
            head = words[i + 1] if i + 1 < len(words) else None
            if (
                head is not None
                and topical[i + 1]
                and head.sentence == word.sentence
                and text[word.end : head.start] == " "
                and _phrase_ok(word, head, nominal_stems, verbal_stems)
            ):
                _use(
                    candidates[(word.stem, head.stem)],
                    f"{word.lower} {head.lower}",
                    article,
                    outlet,
                    words,
                    topical,
                    i,
                    2,
                    contentious,
                    arguing,
                    verbal_stems,
                )
    return candidates


def _use(
    candidate: _Candidate,
    form: str,
    article: Article,
    outlet: str,
    words: list[_Word],
    topical: list[bool],
    start: int,
    size: int,
    contentious: dict[int, list[int]],
    arguing: list[int],
    verbal_stems: set[str],
) -> None:
    """Count one use of a candidate: the `size` words from `start`."""
    text = article.text
    end = start + size
    sentence = words[start].sentence
    candidate.forms[form] += 1
    candidate.articles.add(article.id)
    candidate.outlets.add(outlet)
    candidate.sentences.add((article.id, sentence))
    candidate.count += 1
    # A phrase of argument ("pay offer", "public inquiry") is argued about by its own words;
    # a single word of argument ("offer") needs another beside it.
    if any(k < start or k >= end or size > 1 for k in contentious.get(sentence, ())):
        candidate.contested += 1
    if any(words[k].sentence == sentence and not start <= k < end for k in _near(arguing, start - 4, end + 2)):
        candidate.pressed += 1
    before = start - 1
    if before >= 0 and words[before].sentence == sentence and topical[before] and size == 1:
        before -= 1  # "a full refund"
    opener = words[before] if before >= 0 and words[before].sentence == sentence else None
    if opener is not None and (opener.lower in _NOUN_PHRASE_OPENERS or opener.number):
        candidate.nominal += 1
    while opener is not None and opener.lower in _DETERMINERS and before > 0:
        before -= 1
        opener = words[before] if words[before].sentence == sentence else None
    if opener is not None and opener.lower in _LOCATIVE:
        candidate.located += 1
    after = words[end] if end < len(words) and text[words[end - 1].end : words[end].start] in ("", " ") else None
    if after is not None and after.sentence == sentence:
        if after.lower in _ACTOR_MARKS or after.lower in _REPORTING:
            candidate.speaking += 1
        elif topical[end] and after.stem not in verbal_stems and not after.lower.endswith(("ed", "ing")):
            candidate.modifying += 1
    last = words[start]
    if (
        size == 1
        and start
        and words[start - 1].sentence == sentence
        and last.stem != last.lower
        and (words[start - 1].number or words[start - 1].lower in _NUMBER_WORDS)
    ):
        candidate.speaking += 1  # "40 passengers", "three schools": a head count, not a matter


def _near(sorted_positions: list[int], low: int, high: int) -> list[int]:
    """The positions from `low` to `high`, from a sorted list."""
    from bisect import bisect_left, bisect_right

    return sorted_positions[bisect_left(sorted_positions, low) : bisect_right(sorted_positions, high)]


def _verb_stems(word: _Word) -> tuple[str, ...]:
    """The stems a verb form may have: "banned" is "ban", "offered" is "offer"."""
    s = word.stem
    if word.lower.endswith("ed") and len(s) >= 4 and s[-1] == s[-2] and s[-1] not in "aeiouls":
        return (s, s[:-1])
    return (s,)


def _done(word: _Word, done: set[str]) -> bool:
    """Whether a noun names something done or a state, not an object or a person: it ends as such
    nouns do ("deportation", "settlement", "liability"), or the dossier also uses it as a verb, or it
    is itself a word of argument ("inquiry", "ban")."""
    low = word.lower
    if any(low.endswith(ending) and len(low) >= len(ending) + 3 for ending in _ABSTRACT_ENDINGS):
        return True
    return word.stem in done or (word.stem in _ARGUING and word.stem not in _VAGUE)


def _single_ok(word: _Word, nominal_stems: set[str], verbal_stems: set[str]) -> bool:
    """Whether a word can name an issue by itself: a noun, never a function word, role or group."""
    low = word.lower
    if low in _GENERIC or low in _ROLE_WORDS or low in _GROUP_WORDS or low in _IRREGULAR_PAST:
        return False
    if word.stem not in nominal_stems or word.stem in verbal_stems or word.stem in _VAGUE:
        return False
    if low.endswith("ly") and low not in _LY_NOUNS:
        return False
    return not low.endswith(("ed", "ive", "ous", "ful", "able", "ible", "less", "'s"))


class _Word(NamedTuple):
    """A word of an article, hyphenated compounds joined ("cross-border"), numbers kept as words.

    A named tuple, not a dataclass: a big dossier has hundreds of thousands of words.
    """

    lower: str
    stem: str
    start: int
    end: int
    sentence: int
    """The index of its sentence in the article (-1 outside any)."""
    lowercase: bool
    """Whether it is written in lower case."""
    number: bool
    """Whether it is a figure ("4.5", "1,300")."""


# Made straight from its fields, as `Token` is: the named tuple's own constructor costs more.
_new_word = tuple.__new__


@lru_cache(maxsize=200_000)
def _word_form(surface: str) -> tuple[str, str, bool, bool]:
    """A word's lower case, stem, whether written in lower case, whether a figure: read once per spelling."""
    lower = surface.lower().replace("\u2019", "'")
    return lower, stem(lower), surface == lower and surface[:1].isalpha(), surface[:1].isdigit()


def _words(article: Article, tokens: list[Token]) -> list[_Word]:
    text = article.text
    words: list[_Word] = []
    sentences = article.sentences
    s = 0
    i = 0
    count = len(tokens)
    while i < count:
        j = i
        # A hyphen and a word right after it join the compound ("cross-border").
        while (
            j + 1 < count
            and tokens[j + 1].start == tokens[j].end + 1
            and text[tokens[j].end] == "-"
            and tokens[j + 1].text[:1].isalpha()
        ):
            j += 1
        start, end = tokens[i].start, tokens[j].end
        while s + 1 < len(sentences) and sentences[s + 1].start <= start:
            s += 1
        sentence = s if sentences and sentences[s].start <= start < sentences[s].end else -1
        lower, stemmed, lowercase, number = _word_form(tokens[i].text if i == j else text[start:end])
        words.append(_new_word(_Word, (lower, stemmed, start, end, sentence, lowercase, number)))
        i = j + 1
    return words


@lru_cache(maxsize=200_000)
def _topic_form(lower: str) -> bool:
    """Whether a word's letters can make it a topic word: a word, not a function word or a count."""
    stops = stopwords()
    parts = lower.split("-")
    if not all(p.isalpha() for p in parts) or len(lower) < 3 or lower in stops:
        return False
    return not all(p in stops or p in _NUMBER_WORDS for p in parts)


def _topic_word(word: _Word, i: int, words: list[_Word], lower_vocab: set[str]) -> bool:
    """Whether a word can be part of an issue's name: a common word, not a name or a function word."""
    if not _topic_form(word.lower):
        return False
    if word.lowercase:
        return True
    # A capitalised common word opening a sentence ("Postal ballots were ...").
    opens = i == 0 or words[i - 1].sentence != word.sentence
    return opens and word.lower in lower_vocab


def _phrase_ok(first: _Word, head: _Word, nominal_stems: set[str], verbal_stems: set[str]) -> bool:
    """Whether two adjacent topic words read as a noun phrase about a topic."""
    if any(p in _NUMBER_WORDS for p in f"{first.lower}-{head.lower}".split("-")):
        return False  # "five years", "two-year deal": a count
    if (
        head.lower in _ROLE_WORDS
        or head.lower in _GROUP_WORDS
        or first.lower in _IRREGULAR_PAST
        or head.lower in _IRREGULAR_PAST
    ):
        return False
    if head.lower in _GENERIC or first.lower in _GENERIC or first.lower in _DESCRIPTIVE:
        return False
    if head.stem in verbal_stems:
        return False  # "board decides", "laws require": a subject and its verb
    if first.lower.endswith("s") and first.stem != first.lower and not first.lower.endswith(("ss", "us", "is")):
        return False  # a noun modifying a noun is singular ("price cap"); "workers expect" is a clause
    for word, is_head in ((first.lower, False), (head.lower, True)):
        if word.endswith("ly") and word not in _LY_NOUNS:
            return False  # an adverb: "quickly agreed"
        if word.endswith(("ed", "ing")) and stem(word) not in nominal_stems and (is_head or word.endswith("ing")):
            return False  # a verb: "council rejected", "looking positive"
    return not head.lower.endswith(("ive", "ous", "ful", "able", "ible", "less"))
