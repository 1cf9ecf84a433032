"""People, organisations and places, found without a trained model.

Two passes over the dossier:

1. *Discovery* reads each sentence of running text for capitalised spans with
   context cues: a role or title before a name ("Foreign Minister Sergei
   Lavrov", "spokeswoman Maria Zakharova"), a known given name, an
   organisation head word ("... Ministry", "... Department"), the shipped
   gazetteers. Sentence-initial words and headlines are not taken for names.
2. *Matching* finds every mention of every spelling of every discovered
   entity (and every gazetteer place) across all the text, longest match first.

Between the passes, spellings are merged into one entity per real-world thing:
a surname alone joins the full name, transliterations ("Darchiyev" /
"Darchiev") join each other, "U.S. State Department" joins "State Department".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from briefing.core.gazetteer import gazetteer
from briefing.core.model import Article, Entity, Mention, Role
from briefing.core.text import Token, stopwords, tokenize, word_list

ROLE_WORDS = frozenset(
    """president presidents minister ministers secretary ambassador ambassadors spokesman spokeswoman spokesperson
    head chief director envoy adviser advisor chairman chairwoman chair ceo cfo governor mayor senator congressman
    congresswoman lawmaker representative prosecutor judge king queen prince princess chancellor premier commissioner
    commander general admiral colonel officer diplomat consul negotiator leader founder cofounder co-founder executive
    editor correspondent reporter analyst professor economist researcher lawyer attorney coach captain manager pope
    bishop cardinal sheikh emir sultan mr mrs ms dr prof sir dame lord lady sen rep gov gen col vice deputy
    undersecretary under-secretary attache attaché aide strategist official entrepreneur scientist engineer
    activist journalist author writer banker businessman businesswoman billionaire investor candidate nominee
    chairperson trustee officer director""".split()
)
# Words that sit inside titles and organisation names but are never a person's name.
_TITLE_PARTS = frozenset(
    """state defense defence affairs justice treasury commerce staff interior foreign general security health
    education energy agriculture labor labour transport finance economy trade homeland veterans environment
    assistant deputy acting interim senior principal special executive national federal central international
    joint chief supreme armed united""".split()
)
ORG_HEADS = frozenset(
    """department ministry office agency committee council commission bank times post news journal herald tribune
    gazette party university institute institution service services company corporation corp inc ltd llc plc group
    union organization organisation association court parliament congress senate assembly duma army navy force
    forces guard police foundation fund trust bureau directorate secretariat embassy consulate network channel
    airlines airways motors industries holdings exchange board center centre club league cabinet command academy
    college hospital church movement front alliance coalition media radio television magazine review authority
    reserve treasury capital partners ventures labs laboratories technologies systems brands studios pictures
    records foods pharmaceuticals energy petroleum oil motors""".split()
)
# Lower-case words right before a name that say what kind of thing follows.
_ORG_CUES = frozenset(
    """newspaper agency broadcaster company firm group bank outlet channel magazine daily network website platform
    party startup airline maker manufacturer giant carrier operator watchdog regulator union tabloid publication
    app insurer lender retailer automaker service startup chipmaker studio label brand""".split()
)
# Capitalised abbreviations that name no organisation.
_NOT_ORG_ACRONYMS = frozenset(
    """AI CEO CFO COO CTO CIO GDP TV PR HR IT ID PC OK AM PM EV VAT DNA RNA USB FAQ VPN LNG GPS ATM SUV LGBT LGBTQ
    NGO NGOS MP MPS UFO FM BBQ DIY ETA IPO IQ OS PDF PS QR RIP SMS TBA VIP VR XR OMG LOL""".split()
)
_PLACE_AFTER = frozenset("region province oblast county district city town village governorate prefecture".split())
_PERSON_AFTER_VERBS = frozenset(
    "said says told added stated noted wrote argued insisted warned explained claimed asked replied recalled acknowledged".split()
)
_CONNECTORS = frozenset("of for de da du von van der den bin ibn al el la le del di".split())
_MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()
)


def first_names() -> frozenset[str]:
    """Common given names, for recognising a person without a title."""
    return word_list("first_names.txt")


def translit_key(word: str) -> str:
    """A spelling key that is the same for common transliterations of one name."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if not unicodedata.combining(c) and c.isalpha())
    for old, new in (("yev", "ev"), ("iy", "i"), ("yi", "i"), ("ks", "x"), ("kh", "h"), ("ph", "f"),
                     ("ck", "k"), ("w", "v"), ("y", "i"), ("j", "i"), ("ie", "i")):
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(slots=True)
class _PersonSeen:
    tokens: tuple[str, ...]
    article: int
    role: str | None
    strong: bool


@dataclass(slots=True)
class _OrgSeen:
    surface: tuple[str, ...]
    core: tuple[str, ...]
    country: str | None
    article: int


@dataclass(slots=True)
class _Discovery:
    persons: list[_PersonSeen] = field(default_factory=list)
    orgs: list[_OrgSeen] = field(default_factory=list)
    places: list[tuple[tuple[str, ...], int]] = field(default_factory=list)


def _norm(text: str) -> str:
    return text.replace("\u2019", "'")


def _is_cap_word(token: Token) -> bool:
    first = token.text[:1]
    return first.isalpha() and first.isupper() and token.lower != "'s"


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def discover(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]]) -> _Discovery:
    """Pass 1: candidate entities with the evidence for each."""
    lowercase_vocab: set[str] = set()
    for tokens in tokens_by_article.values():
        lowercase_vocab.update(t.text for t in tokens if t.text[:1].islower())
    found = _Discovery()
    for article in articles:
        tokens = tokens_by_article[article.id]
        starts = [t.start for t in tokens]
        for sentence in article.sentences:
            if sentence.heading:
                continue
            lo = bisect_left(starts, sentence.start)
            hi = bisect_left(starts, sentence.end)
            _discover_sentence(article, tokens[lo:hi], sentence.start, lowercase_vocab, found)
    return found


def _runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal spans [i, j) of capitalised tokens joined by spaces or name connectors."""
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if not _is_cap_word(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = _gap(text, tokens[j - 1], tokens[j])
            if gap != " ":
                break
            if _is_cap_word(tokens[j]):
                j += 1
                continue
            if tokens[j].lower in _CONNECTORS and j + 1 < n and _is_cap_word(tokens[j + 1]) and _gap(text, tokens[j], tokens[j + 1]) == " ":
                j += 2
                continue
            break
        runs.append((i, j))
        i = j
    return runs


_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _name_like(token: Token) -> bool:
    """Whether a token can be part of a person's name."""
    return _name_like_text(token.text, token.lower)


@lru_cache(maxsize=200_000)
def _name_like_text(text: str, low: str) -> bool:
    # Decided once per spelling: discovery asks this of every capitalised token.
    if not (text[:1].isalpha() and text[:1].isupper() and low != "'s") or not _NAME_WORD_RE.fullmatch(text):
        return False
    gaz = gazetteer()
    return not (
        low in ROLE_WORDS or low in _TITLE_PARTS or low in ORG_HEADS or low in stopwords() or low in _MONTHS_AND_DAYS
        or low in _CONNECTORS or text in gaz.places or text in gaz.organizations
        or text in gaz.demonyms or (len(text) > 1 and text.isupper())
    )


def _discover_sentence(article: Article, tokens: list[Token], sentence_start: int, lowercase_vocab: set[str], found: _Discovery) -> None:
    text = article.text
    names = first_names()
    gaz = gazetteer()
    stops = stopwords()
    for i, j in _runs(text, tokens):
        # A capital at the start of a sentence (or of a quote) proves nothing.
        opens = i == 0 or _gap(text, tokens[i - 1], tokens[i]).strip() in ("\u201c", '"', "\u2018", "'", "(", "\u2014", "-")
        if opens and i == 0:
            first = tokens[i]
            low = first.lower
            if (low in stops or first.text.lower() in lowercase_vocab or low in _MONTHS_AND_DAYS) and low not in names and first.text not in gaz.places and first.text not in gaz.organizations:
                i += 1
        if i >= j:
            continue
        for part_start, part_end in _split_at_connector(tokens, i, j):
            _classify_run(article, tokens, part_start, part_end, found)


def _split_at_connector(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """"Helen Toner of Georgetown University" is a person of an organisation, not one name."""
    names = first_names()
    for c in range(i + 2, j - 1):
        if tokens[c].lower in ("of", "for", "at") and tokens[i].lower in names and _name_like(tokens[c - 1]):
            return [(i, c), (c + 1, j)]
    return [(i, j)]


def _context_before(text: str, tokens: list[Token], i: int) -> tuple[int, bool]:
    """Where the title or role before tokens[i] starts, and whether it holds a role word."""
    k = i
    has_role = False
    seen_since_and = False
    while k > 0:
        prev = tokens[k - 1]
        gap = _gap(text, prev, tokens[k])
        if gap not in (" ", "") or k - 1 < i - 16:
            break
        low = prev.lower
        if low == "and":
            # "... for Russia and Central Europe Sonata Coulter": "and" joins places inside a
            # title; it must not join the title to another person's name.
            collected = tokens[k:i]
            places = gazetteer().places
            if seen_since_and or not collected or not all(_norm(t.text) in places or t.lower in ("central", "north", "south", "east", "west") for t in collected):
                break
            k -= 1
            continue
        if low in ROLE_WORDS:
            has_role = True
            seen_since_and = True
        elif k - 2 >= 0 and prev.text.isalpha() and prev.text.islower() and tokens[k - 2].lower in ROLE_WORDS and _gap(text, tokens[k - 2], prev) == " " and any(t.lower in ROLE_WORDS for t in tokens[k:i]):
            pass  # "Chief technology officer": a field word between two title words
        elif _is_cap_word(prev) or low == "'s" or low in _CONNECTORS or low in _TITLE_PARTS or low in (
            "former", "acting", "new", "newly", "appointed", "interim", "senior", "top", "then", "incoming", "outgoing"
        ):
            pass
        else:
            break
        k -= 1
    # Trim leading glue so the role reads cleanly.
    while k < i and (tokens[k].lower in _CONNECTORS or tokens[k].lower in ("and", "'s")):
        k += 1
    return k, has_role


def _classify_run(article: Article, tokens: list[Token], i: int, j: int, found: _Discovery) -> None:
    text = article.text
    names = first_names()
    run = tokens[i:j]
    # The trailing name: up to three name-like tokens at the end of the run.
    k = 0
    while k < len(run) and k < 3 and _name_like(run[len(run) - 1 - k]):
        k += 1
    if k:
        name_tokens = run[len(run) - k :]
        # Start at a known given name if one is there ("State Marco Rubio" → "Marco Rubio").
        for offset, token in enumerate(name_tokens):
            if token.lower in names and len(name_tokens) - offset >= 2:
                name_tokens = name_tokens[offset:]
                break
        name_start = j - len(name_tokens)
        ctx_start, has_role = _context_before(text, tokens, name_start)
        after = tokens[j] if j < len(tokens) else None
        after_word = after.lower if after is not None and _gap(text, tokens[j - 1], after) in (" ", ", ") else ""
        before = tokens[name_start - 1].lower if name_start > 0 else ""
        appositive = _appositive_role(text, tokens, name_start, j) if not has_role else None
        # "the chief executive of Salesforce": the name is what the role is of, not who holds it.
        object_of_role = before in ("of", "for", "at", "to", "with", "from")
        evidence = None
        if has_role and not object_of_role:
            evidence = "role"
        elif appositive and len(name_tokens) >= 2:
            evidence = "appositive"
        elif len(name_tokens) >= 2 and name_tokens[0].lower in names:
            evidence = "given name"
        elif after_word == "administration" or before in ("mr", "mrs", "ms", "dr"):
            evidence = "administration"
        elif after_word in _PERSON_AFTER_VERBS and (len(name_tokens) >= 2 or name_start != 0):
            evidence = "speaker"
        if evidence and before not in _ORG_CUES:
            role = None
            if has_role and ctx_start < name_start and not object_of_role:
                _orgs_in_role(article, tokens, ctx_start, name_start, found)
                role_text = text[tokens[ctx_start].start : tokens[name_start - 1].end]
                if tokens[name_start - 1].lower not in ("presidents", "ministers", "ambassadors"):
                    role = role_text
            role = role or appositive or _appositive_role(text, tokens, name_start, j)
            found.persons.append(_PersonSeen(tuple(_norm(t.text) for t in name_tokens), article.id, role, evidence != "speaker"))
            if name_start > i:
                _classify_rest(article, tokens, i, name_start, found)
            return
    _classify_rest(article, tokens, i, j, found)


_APPOSITIVE_STOP = frozenset("and but while who which that where when as with by from between said told".split())


def _appositive_role(text: str, tokens: list[Token], name_start: int, name_end: int) -> str | None:
    """A role set off by commas right after or right before a name."""
    # After: "Alexander Darchiyev, head of the ... Department,"
    if name_end < len(tokens) and _gap(text, tokens[name_end - 1], tokens[name_end]).strip() == ",":
        span = []
        for token in tokens[name_end : name_end + 16]:
            if span and _gap(text, span[-1], token).strip() not in ("", "'", "\u2019", "-"):
                break
            if token.lower in _APPOSITIVE_STOP and span:
                break
            span.append(token)
        if span and any(t.lower in ROLE_WORDS for t in span[:5]) and span[0].lower not in _APPOSITIVE_STOP and not _holds_name(span):
            role = text[span[0].start : span[-1].end]
            return re.sub(r"^(?:the|a|an)\s+", "", role)
    # Before: "Russia's new ambassador to the United States, Alexander Darchiyev"
    if name_start > 0 and _gap(text, tokens[name_start - 1], tokens[name_start]).strip() == ",":
        span = []
        k = name_start - 1
        while k >= 0 and len(span) < 14:
            token = tokens[k]
            if span and _gap(text, token, span[0]).strip() not in ("", "'", "\u2019"):
                break
            if token.lower in _APPOSITIVE_STOP:
                break
            span.insert(0, token)
            k -= 1
        while span and span[0].lower in ("the", "a", "an"):
            span.pop(0)
        if span and _holds_name(span):
            return None
        if span and any(t.lower in ROLE_WORDS for t in span) and not _is_cap_word(span[-1]) or (
            span and any(t.lower in ROLE_WORDS for t in span) and len(span) >= 3
        ):
            return text[span[0].start : span[-1].end]
    return None


def _holds_name(span: list[Token]) -> bool:
    """Whether a stretch holds a person's name (a given name then a capitalised word): a list, not a role."""
    names = first_names()
    return any(
        span[k].lower in names and _is_cap_word(span[k]) and _is_cap_word(span[k + 1]) for k in range(len(span) - 1)
    )


def _orgs_in_role(article: Article, tokens: list[Token], start: int, end: int, found: _Discovery) -> None:
    """Organisations named inside a title: "Quora chief executive", "Microsoft president"."""
    gaz = gazetteer()
    k = start
    while k < end:
        if _is_cap_word(tokens[k]) and _name_like(tokens[k]):
            m = k
            while m + 1 < end and _is_cap_word(tokens[m + 1]) and _name_like(tokens[m + 1]) and _gap(article.text, tokens[m], tokens[m + 1]) == " ":
                m += 1
            followed_by_role = m + 1 < end and tokens[m + 1].lower in ROLE_WORDS
            surface = tuple(_norm(t.text) for t in tokens[k : m + 1])
            if followed_by_role and " ".join(surface) not in gaz.places:
                found.orgs.append(_OrgSeen(surface, surface, None, article.id))
            k = m + 1
        else:
            k += 1


def _classify_rest(article: Article, tokens: list[Token], i: int, j: int, found: _Discovery) -> None:
    """Organisations and places in a capitalised run that holds no person."""
    text = article.text
    gaz = gazetteer()
    run = tokens[i:j]
    lows = [t.lower for t in run]
    before = tokens[i - 1].lower if i > 0 and _gap(text, tokens[i - 1], tokens[i]) == " " else ""
    after = tokens[j].lower if j < len(tokens) and _gap(text, tokens[j - 1], tokens[j]) == " " else ""
    surface = tuple(_norm(t.text) for t in run)
    # Organisation: a head word ends the run ("Foreign Ministry"), or starts an "of" phrase
    # ("Ministry of Defence"); the run must say more than the head word alone.
    head_at = None
    for position in range(len(run) - 1, -1, -1):
        if lows[position] in ORG_HEADS and (position == len(run) - 1 or lows[position + 1] in ("of", "for")):
            head_at = position
            break
    if head_at is not None:
        start = 0
        # Role words before the organisation belong to a title, not to its name.
        while start < head_at and (lows[start] in ROLE_WORDS or surface[start] in ("The",)):
            start += 1
        qualifier = None
        core_start = start
        while core_start < head_at:
            word = surface[core_start]
            country = gaz.demonyms.get(word) or (gaz.places[word].country if word in gaz.places and gaz.places[word].kind == "country" else None)
            if not country:
                break
            qualifier = country
            core_start += 1
        if core_start == start and i > 0 and tokens[i - 1].lower == "'s" and i > 1:
            owner = _norm(tokens[i - 2].text)
            if owner in gaz.places and gaz.places[owner].kind == "country":
                qualifier = gaz.places[owner].country
        core = surface[core_start:]
        if len(core) >= 2 or (core and core[0].lower() not in ORG_HEADS):
            found.orgs.append(_OrgSeen(surface[start:], core, qualifier, article.id))
        return
    role_of = before in ("of", "at") and i > 1 and tokens[i - 2].lower in ROLE_WORDS
    if (before in _ORG_CUES or role_of) and len(run) <= 4 and not any(t.text in gaz.places for t in run):
        found.orgs.append(_OrgSeen(surface, surface, None, article.id))
        return
    if len(run) == 1 and len(run[0].text) > 1 and run[0].text.isupper() and run[0].text not in gaz.places and run[0].text.isalpha() and run[0].text not in _NOT_ORG_ACRONYMS:
        found.orgs.append(_OrgSeen(surface, surface, None, article.id))
        return
    if any(t.text in gaz.demonyms or t.lower in stopwords() for t in run):
        return
    if (after in _PLACE_AFTER or before == "of" and i > 1 and tokens[i - 2].lower in _PLACE_AFTER) and len(run) <= 3:
        found.places.append((surface, article.id))


@dataclass(slots=True)
class _Cluster:
    kind: str
    spellings: Counter = field(default_factory=Counter)
    roles: dict[str, set[int]] = field(default_factory=dict)
    surfaces: set[tuple[str, ...]] = field(default_factory=set)


def _person_clusters(seen: list[_PersonSeen]) -> list[_Cluster]:
    """People merged across spellings: full names by transliteration, surnames to full names."""
    full = [p for p in seen if len(p.tokens) >= 2]
    single = [p for p in seen if len(p.tokens) == 1]
    clusters: list[_Cluster] = []
    keys: list[tuple[str, str]] = []
    # Spellings of one person share the given name and the surname's first letters
    # (Darchiyev / Darchiev); only those are compared, and exact keys need no comparison.
    exact: dict[tuple[str, str], int] = {}
    similar: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person in full:
        key = (translit_key(person.tokens[0]), translit_key(person.tokens[-1]))
        target = exact.get(key)
        if target is None:
            for index in similar[(key[0], key[1][:2])]:
                matcher = SequenceMatcher(None, keys[index][1], key[1])
                if matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
                    target = index
                    break
        if target is None:
            clusters.append(_Cluster("person"))
            keys.append(key)
            target = len(clusters) - 1
            similar[(key[0], key[1][:2])].append(target)
        exact.setdefault(key, target)
        cluster = clusters[target]
        cluster.spellings[" ".join(person.tokens)] += 1
        cluster.surfaces.add(person.tokens)
        cluster.surfaces.add((person.tokens[0], person.tokens[-1]))
        cluster.surfaces.add((person.tokens[-1],))
        if person.role:
            cluster.roles.setdefault(person.role, set()).add(person.article)
    # A surname alone belongs to the one person of that surname, if there is just one.
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, (_, last) in enumerate(keys):
        by_surname[last].append(index)
    for person in single:
        key = translit_key(person.tokens[0])
        owners = by_surname.get(key, [])
        if len(set(owners)) == 1:
            cluster = clusters[owners[0]]
        elif not owners and person.strong:
            clusters.append(_Cluster("person"))
            keys.append(("", key))
            by_surname[key].append(len(clusters) - 1)
            cluster = clusters[-1]
            cluster.spellings[person.tokens[0]] += 1
        else:
            continue
        cluster.surfaces.add(person.tokens)
        if person.role:
            cluster.roles.setdefault(person.role, set()).add(person.article)
    # Surnames shared by two people are not safe short forms for either.
    surname_owners: dict[tuple[str, ...], int] = Counter()
    for cluster in clusters:
        for surface in {s for s in cluster.surfaces if len(s) == 1}:
            surname_owners[surface] += 1
    for cluster in clusters:
        cluster.surfaces = {s for s in cluster.surfaces if len(s) > 1 or surname_owners[s] == 1 or not any(len(x) > 1 for x in cluster.surfaces)}
    return clusters


def _org_clusters(seen: list[_OrgSeen]) -> list[_Cluster]:
    """Organisations merged when they differ only by a country qualifier or "the"."""
    by_core: dict[str, list[_OrgSeen]] = defaultdict(list)
    for org in seen:
        by_core[" ".join(org.core).lower()].append(org)
    clusters = []
    for group in by_core.values():
        countries = {o.country for o in group if o.country}
        # "U.S. Embassy" and "Russian Embassy" are two embassies; "U.S. State Department"
        # and "State Department" are one.
        partitions: dict[str | None, list[_OrgSeen]] = defaultdict(list)
        for org in group:
            partitions[org.country if len(countries) > 1 else None].append(org)
        for country, members in partitions.items():
            cluster = _Cluster("organization")
            for org in members:
                cluster.spellings[" ".join(org.surface)] += 1
                cluster.surfaces.add(org.surface)
                if country is None or len(countries) <= 1:
                    cluster.surfaces.add(org.core)
            clusters.append(cluster)
    return clusters


def _merge_known_orgs(clusters: list[_Cluster]) -> list[_Cluster]:
    gaz = gazetteer()
    known: dict[str, _Cluster] = {}
    for spelling, name in gaz.organizations.items():
        cluster = known.setdefault(name, _Cluster("organization"))
        cluster.surfaces.add(tuple(tokenize_words(spelling)))
    result = []
    for cluster in clusters:
        names = {gaz.organizations.get(" ".join(s)) for s in cluster.surfaces} - {None}
        if len(names) == 1:
            target = known[names.pop()]
            target.spellings.update(cluster.spellings)
            target.surfaces |= cluster.surfaces
        else:
            result.append(cluster)
    for name, cluster in known.items():
        cluster.spellings[name] += 0
        result.append(cluster)
    return result


def tokenize_words(text: str) -> list[str]:
    """The token texts of a phrase, as the matcher compares them."""
    return [_norm(t.text) for t in tokenize(text)]


def _place_clusters(extra: list[tuple[tuple[str, ...], int]]) -> list[_Cluster]:
    gaz = gazetteer()
    by_name: dict[str, _Cluster] = {}
    for spelling, place in gaz.places.items():
        cluster = by_name.setdefault(place.name, _Cluster("place"))
        cluster.surfaces.add(tuple(tokenize_words(spelling)))
    for surface, _ in extra:
        name = " ".join(surface)
        if name in gaz.places or name in gaz.organizations:
            continue
        cluster = by_name.setdefault(name, _Cluster("place"))
        cluster.surfaces.add(surface)
    for name, cluster in by_name.items():
        cluster.spellings[name] += 0
    return list(by_name.values())


class _Trie:
    """Token sequences → cluster index, for longest-match lookup."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, words: tuple[str, ...], value: int) -> None:
        node = self.root
        for word in words:
            node = node.setdefault(word, {})
        node.setdefault(None, set()).add(value)

    def longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, set[int]] | None:
        node = self.root
        best = None
        k = i
        while k < len(tokens):
            if k > i and _gap(text, tokens[k - 1], tokens[k]) != " ":
                break
            node = node.get(_norm(tokens[k].text))
            if node is None:
                break
            k += 1
            if None in node:
                best = (k, node[None])
        return best


def build_entities(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]]) -> tuple[Entity, ...]:
    """Every person, organisation and place in the dossier, one entity each, with all mentions."""
    found = discover(articles, tokens_by_article)
    clusters = _person_clusters(found.persons) + _merge_known_orgs(_org_clusters(found.orgs)) + _place_clusters(found.places)
    trie = _Trie()
    kind_rank = {"person": 0, "organization": 1, "place": 2}
    for index, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            if surface:
                trie.add(surface, index)
    mentions: dict[int, list[Mention]] = defaultdict(list)
    seen_spellings: dict[int, Counter] = defaultdict(Counter)
    for article in articles:
        tokens = tokens_by_article[article.id]
        text = article.text
        i = 0
        while i < len(tokens):
            match = trie.longest(text, tokens, i)
            if match is None:
                i += 1
                continue
            end, owners = match
            # Where two kinds share a spelling, a person or organisation found in context beats the gazetteer.
            owner = min(owners, key=lambda o: (kind_rank[clusters[o].kind], o))
            start_offset, end_offset = tokens[i].start, tokens[end - 1].end
            mentions[owner].append(Mention(article.id, start_offset, end_offset))
            seen_spellings[owner][text[start_offset:end_offset]] += 1
            i = end
    entities = []
    used_ids: set[str] = set()
    for index, cluster in enumerate(clusters):
        if not mentions[index]:
            continue
        spellings = Counter({_norm(k): v for k, v in cluster.spellings.items()})
        for spelling in seen_spellings[index]:
            spellings[_norm(spelling)] += 0  # spelled in the text, so a candidate name too
        multi = [s for s in spellings if len(s.split()) > 1] if cluster.kind == "person" else list(spellings)
        candidates = multi or list(spellings)
        name = max(candidates, key=lambda s: (spellings[s], len(s), s)) if cluster.kind != "place" else next(iter(cluster.spellings))
        aliases = sorted({_norm(s) for s in seen_spellings[index]} - {name})
        roles = tuple(
            Role(role, tuple(sorted(arts)))
            for role, arts in sorted(cluster.roles.items(), key=lambda item: (min(item[1]), item[0]))
        )
        entity_id = f"{cluster.kind}:{_slug(name)}"
        while entity_id in used_ids:
            entity_id += "-2"
        used_ids.add(entity_id)
        entities.append(Entity(entity_id, name, cluster.kind, tuple(aliases), roles, tuple(sorted(mentions[index], key=lambda m: (m.article, m.start)))))
    entities.sort(key=lambda e: (kind_rank[e.kind], -len(e.articles), -len(e.mentions), e.name))
    return tuple(entities)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
