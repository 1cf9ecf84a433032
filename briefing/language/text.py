"""Text primitives every stage shares: safe normalisation, tokens and sentences.

Offsets are always character offsets into the cleaned article text, so every
view can point back at exactly the characters a finding came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import cache, lru_cache
from typing import NamedTuple

from briefing.paths import data_file

# Characters that must never reach a terminal, the index, the JSON or the brief:
# C0/C1 controls (except newline and tab), bidirectional overrides and isolates,
# and zero-width characters (which would otherwise split names in two).
_ANSI_RE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST (hyperlinks, clipboard writes)
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor movement)
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]"
)


def sanitize(text: str) -> str:
    """Text with line endings unified and every control or invisible character removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """Text safe to show in a terminal: control characters (a newline in a file name) escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class Token(NamedTuple):
    """One word-like token of an article's cleaned text.

    A named tuple, not a dataclass: a big dossier has millions of tokens, and tuples are
    made several times faster.
    """

    text: str
    """The characters as written."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    lower: str
    """The token lower-cased, with typographic apostrophes made plain (computed once: every stage reads it)."""


_new_token = tuple.__new__


# Abbreviations with internal dots ("U.S.", "D.C."), words (with internal
# apostrophes, but a possessive 's is its own token), and numbers with
# separators ("1,200", "5.5").
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|['\u2019]s\b"
    r"|\d+(?:[.,:]\d+)*"
    r"|[^\W\d_][^\W_]*(?:['\u2019](?!s\b)[^\W\d_]+)*"
)


# Every spelling seen, mapped to (itself, its lower case): a dossier's millions of tokens
# then share one string per distinct word, which is most of what their memory was, and
# each distinct word is lower-cased once.
_SPELLINGS: dict[str, tuple[str, str]] = {}
_SPELLINGS_LIMIT = 1_000_000


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of `text[start:end]`, with offsets into `text`."""
    out: list[Token] = []
    append = out.append
    spellings = _SPELLINGS
    if len(spellings) > _SPELLINGS_LIMIT:
        spellings.clear()  # a bound, for a process that reads dossier after dossier
    for m in _TOKEN_RE.finditer(text, start, end if end is not None else len(text)):
        word = m.group()
        shared = spellings.get(word)
        if shared is None:
            shared = spellings[word] = (word, word.lower().replace("\u2019", "'"))
        append(_new_token(Token, (shared[0], m.start(), m.end(), shared[1])))
    return out


def tokens_in_span(text: str, tokens: list[Token], starts: list[int], start: int, end: int) -> list[Token]:
    """`tokenize(text, start, end)`, taken from `tokens` (all of `text`'s, `starts` their offsets)
    when the span has white space or an end of the text on either side.

    No token holds white space, so there the scan of the whole text found just the tokens a
    scan of the span finds; a span cut inside a word is tokenised afresh.
    """
    if (start > 0 and not text[start - 1].isspace()) or (end < len(text) and not text[end].isspace()):
        return tokenize(text, start, end)
    return tokens[bisect_left(starts, start) : bisect_left(starts, end)]


def token_count(text: str) -> int:
    """How many tokens `tokenize(text)` gives, without making them."""
    return len(_TOKEN_RE.findall(text))


def token_lowers(text: str) -> set[str]:
    """The distinct lower cases of the tokens of `text`: what `tokenize` gives, without the offsets.

    For a stage that only asks which words an article uses: no token is made.
    """
    return {word.lower().replace("\u2019", "'") for word in set(_TOKEN_RE.findall(text))}


_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters and digits, joined by ' . or -."""
    return len(_WORD_RE.findall(text))


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt adm st jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc approx est dept univ
    mt ft fig pres rev hon amb""".split()
)

_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u0400-\u042f])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside `text[start:end]`, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == ".":
            # Only the word before the stop matters; looking further back would make a long
            # run of abbreviations ("U.S. U.S. ...") quadratic.
            before = text[max(cursor, match.start() - 40) : match.start()].rsplit(None, 1)
            last_word = before[-1] if before else ""
            bare = last_word.lower().strip("(\"'\u201c")
            # "U.S." and single initials ("J. Smith") are abbreviations, not ends.
            if bare in _ABBREVIATIONS or re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", bare):
                continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


@cache
def word_list(name: str) -> frozenset[str]:
    """A shipped word list: one entry a line, `#` comments, compared lower-case."""
    text = data_file(name).read_text(encoding="utf-8")
    if "#" in text:
        text = re.sub(r"#[^\n]*", "", text)
    return frozenset(text.lower().split())


def stopwords() -> frozenset[str]:
    """Function words and the commonest English words, never names by themselves."""
    return word_list("stopwords.txt")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A light plural/inflection stem, so "flights" meets "flight" and "seized" meets "seize"."""
    w = word.lower().replace("\u2019", "'")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        return w[:-1] if w[-3] in "aeiouz" or w.endswith(("sed", "ved", "ced", "ged")) else w[:-2]
    if w.endswith("ing") and len(w) > 5:
        return w[:-3]
    return w


def shorten(text: str, max_words: int) -> str:
    """`text` cut at a word boundary to at most `max_words` words, with an ellipsis if cut."""
    words = text.split()
    if len(words) <= max_words:
        return text
    return " ".join(words[:max_words]).rstrip(",;:") + "\u2026"


# Words that open a sentence only to link it to the one before ("However, ...").
_DISCOURSE_RE = re.compile(
    r"^(?:however|still|additionally|specifically|meanwhile|moreover|furthermore|also|instead|indeed|notably|"
    r"in addition|in turn|at the same time|for its part|on the other hand),\s+",
    re.IGNORECASE,
)


def without_discourse_opener(sentence: str) -> str:
    """A sentence without an opening "However," or "Additionally,", capitalised again."""
    stripped = _DISCOURSE_RE.sub("", sentence, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped != sentence else sentence


def excerpt(text: str, start: int, end: int, focus_start: int, focus_end: int, max_words: int) -> str:
    """At most `max_words` words of `text[start:end]` around the focus, with ellipses where cut.

    A long sentence cut at a fixed length loses its point ("... adding that both
    sides had agreed"); a window around what matters keeps it.
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= max_words:
        return text[start:end]
    focus_word = next((i for i, (s, e) in enumerate(words) if start + e > focus_start), 0)
    focus_last = next((i for i, (s, e) in enumerate(words) if start + e >= focus_end), focus_word)
    span = focus_last - focus_word + 1
    before = max(0, (max_words - span) // 3)  # keep more of what follows: it says what happened
    first = max(0, min(focus_word - before, len(words) - max_words))
    if first <= 3:
        first = 0  # a window that would start a few words in reads better from the beginning
    last = min(len(words), first + max_words)
    piece = text[start + words[first][0] : start + words[last - 1][1]].rstrip(",;:")
    return ("\u2026" if first > 0 else "") + piece + ("\u2026" if last < len(words) else "")


# Where a sentence divides into clauses that can stand alone: after ";" or ":", at a dash,
# and at a comma before a conjunction or a reporting verb ("…, adding that …").
_CLAUSE_BREAK_RE = re.compile(
    r"[;:]\s+|\s+[\u2013\u2014-]{1,2}\s+|,\s+(?=(?:and|but|while|whereas|although|though|after|before|because|"
    r"as|which|who|where|when|adding|saying|according|despite|following|amid|with)\b)",
    re.IGNORECASE,
)
_SERIES_AND_RE = re.compile(r",\s+(?:and|or)\b", re.IGNORECASE)
_LEADING_LINK_RE = re.compile(r"^(?:and|but|while|whereas|with)\s+", re.IGNORECASE)
# Words that open a clause which hangs on another ("which has 1,900 members", "after the talks
# collapsed", "adding that ..."): such a clause never opens what is shown of a sentence.
DEPENDENT_OPENERS = frozenset(
    "as after before because since which who whom whose where when although though despite following amid "
    "according adding saying if unless until".split()
)


def opens_dependent(text: str) -> bool:
    """Whether `text` opens with a word that makes it hang on a clause before it."""
    first = re.match(r"[^\W\d_]+", text.lstrip())
    return first is not None and first.group().lower() in DEPENDENT_OPENERS


def clause(text: str, start: int, end: int, focus_start: int, focus_end: int, max_words: int) -> str:
    """The whole clauses of `text[start:end]` that hold the focus, as many as fit in `max_words`.

    Never cuts inside a clause: a sentence longer than `max_words` gives the clause
    holding the focus (with its neighbours while they fit), even when that clause alone
    is longer. A brief that cuts "…led the Russian…" states half a fact.
    """
    sentence = text[start:end]
    if word_count(sentence) <= max_words:
        return sentence.strip()
    pieces: list[tuple[int, int]] = []  # (start, end) of each clause, absolute
    at = start
    for match in _CLAUSE_BREAK_RE.finditer(text, start, end):
        # "A, B, and C": an "and" after a comma that closes a series joins its last item, it
        # does not start a clause; breaking there leaves "A series of X, Y." with no verb.
        if _SERIES_AND_RE.match(text, match.start(), end) and "," in text[at : match.start()]:
            continue
        pieces.append((at, match.start()))
        at = match.end()
    pieces.append((at, end))
    pieces = [(s, e) for s, e in pieces if e > s]
    if len(pieces) == 1:
        return sentence.strip()
    focus = next((i for i, (s, e) in enumerate(pieces) if focus_start < e), len(pieces) - 1)
    first = last = focus
    words = word_count(text[pieces[focus][0] : pieces[focus][1]])
    # Grow towards the sentence's start first: that is where the subject is.
    while True:
        if first > 0 and words + word_count(text[pieces[first - 1][0] : pieces[first - 1][1]]) <= max_words:
            first -= 1
            words += word_count(text[pieces[first][0] : pieces[first][1]])
        elif (
            last < len(pieces) - 1 and words + word_count(text[pieces[last + 1][0] : pieces[last + 1][1]]) <= max_words
        ):
            last += 1
            words += word_count(text[pieces[last][0] : pieces[last][1]])
        else:
            break
    # A clause that hangs on the one before it ("which has about 1,900 members, said ...") takes
    # that one with it, though the two together are longer than `max_words`.
    while first > 0 and opens_dependent(text[pieces[first][0] : pieces[first][1]]):
        first -= 1
    piece = text[pieces[first][0] : pieces[last][1]].strip().rstrip(",;:")
    piece = _LEADING_LINK_RE.sub("", piece) if first > 0 else piece
    piece = piece[:1].upper() + piece[1:]
    if last < len(pieces) - 1 and not piece.endswith((".", "!", "?", "\u201d", '"')):
        piece += "."
    return piece
