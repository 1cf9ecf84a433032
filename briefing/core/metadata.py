"""An article's title, publication date, source and URL, from what the file itself shows.

Order of trust: what the file states (front matter, HTML meta), then what sits
at the top of the text (a headline line, a date line or dateline, a masthead),
then the opening sentence. A file's modification time is never a publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from briefing.core import clean
from briefing.core.dates import full_date_in, parse_stated_date
from briefing.core.gazetteer import gazetteer, known_organizations
from briefing.core.load import RawDocument

# How far down the file a headline or date line may sit.
_TOP_LINES = 6


@dataclass(slots=True)
class Metadata:
    """What was found about an article before its text is cleaned."""

    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    source: str | None = None
    url: str | None = None
    consumed: set[int] = field(default_factory=set)
    """Lines that carry metadata only, and are not part of the story."""
    notes: list[str] = field(default_factory=list)


def outlet_for_url(url: str) -> str | None:
    """The outlet that publishes at `url`'s site: its name if known, else the site itself."""
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    host = host.removeprefix("www.")
    for outlet in known_organizations():
        for domain in outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet.name
    return host


# The cue words may be in any case, the name after them must be capitalised.
_MASTHEAD_RE = re.compile(
    r"^(?:[Ss]upport|SUPPORT|[Aa] [Mm]essage [Ff]rom|[Ss]ubscribe [Tt]o|[Dd]onate [Tt]o|\u00a9\s*(?:\d{4}\s+)?"
    r"|[Cc]opyright\s*(?:\u00a9\s*)?(?:\d{4}\s+)?)"
    r"\s*((?:The\s+)?[A-Z][\w&'\u2019-]*(?:\s+[A-Z][\w&'\u2019-]*){0,4})\s*[!:.,]?\s*$"
)
_DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}(?:,[^()\n]{0,40})?\s*\(([A-Z][\w ]{1,30})\)\s*[-\u2014\u2013]")


def _masthead(line: str) -> str | None:
    match = _MASTHEAD_RE.match(line.strip())
    if not match:
        return None
    name = match.group(1).strip()
    # "Support Ukraine!" names a cause, not the publication.
    if name in gazetteer().places or name.lower() in ("us", "our", "independent journalism"):
        return None
    return name


def read_metadata(doc: RawDocument, lines: list[str]) -> Metadata:
    """Title, date, source and URL of `doc`, whose inline-Markdown-free lines are `lines`."""
    meta = Metadata()
    stated = doc.meta
    if stated.get("title"):
        meta.title = re.sub(r"\s+", " ", stated["title"]).strip()
    if stated.get("date"):
        meta.published = parse_stated_date(stated["date"])
        if meta.published:
            meta.published_from = "front matter"
        else:
            meta.notes.append(f"stated date {stated['date']!r} is not a date; ignored")
    if stated.get("url"):
        meta.url = stated["url"]
    if stated.get("source"):
        meta.source = stated["source"]

    filled = [i for i, line in enumerate(lines) if line.strip()]
    _find_url(lines, filled, meta)
    top = [i for i in filled[:_TOP_LINES]]

    if meta.published is None:
        for i in top:
            line = lines[i].strip()
            # A date line is short; a megabyte-long first line is not one, and is not scanned.
            found = full_date_in(line[:300])
            if not found:
                continue
            date, start, end = found
            rest = clean.words_in(line[:start] + line[end:])
            if rest <= 4 or clean.is_reading_meta(line):
                meta.published, meta.published_from = date, "date line"
                meta.consumed.add(i)
                break
            if _DATELINE_RE.match(line):
                meta.published, meta.published_from = date, "dateline"
                break

    if meta.title is None:
        for i in top:
            line = lines[i].strip()
            if i in meta.consumed or clean.is_call_to_action(line) or clean.is_embed(line) or clean.is_timestamp(line):
                continue
            if clean.words_in(line) <= 25 and (i in doc.heading_lines or clean.looks_like_heading(line)) and not clean.is_photo_credit(line):
                meta.title = line
                meta.consumed.add(i)
            break  # the headline is the first line of substance, or there is none

    if meta.source is None and meta.url:
        meta.source = outlet_for_url(meta.url)
    if meta.source is None:
        for i in filled:
            name = _masthead(lines[i])
            if name:
                meta.source = name
                break
    if meta.source is None:
        for i in filled[:_TOP_LINES + 2]:
            match = _DATELINE_RE.match(lines[i].strip())
            if match:
                meta.source = match.group(1).strip()
                break
    return meta


def _find_url(lines: list[str], filled: list[int], meta: Metadata) -> None:
    """The article's own address: a URL line, often labelled "Original url:", near the top or end."""
    candidates = filled[:3] + filled[-3:]
    for position, i in enumerate(filled):
        if i not in candidates:
            continue
        line = lines[i]
        url = clean.url_in_line(line)
        if url:
            meta.url = meta.url or url
            meta.consumed.add(i)
            if position > 0 and clean.is_url_label(lines[filled[position - 1]]):
                meta.consumed.add(filled[position - 1])
        elif clean.is_url_label(line) and position + 1 < len(filled):
            url = clean.url_in_line(lines[filled[position + 1]])
            if url:
                meta.url = meta.url or url
                meta.consumed.update({i, filled[position + 1]})


_LEADING_CLAUSE_RE = re.compile(r"^[^,]{3,60},\s+")


def derived_title(first_sentence: str) -> str:
    """A short title made from an article's opening sentence."""
    sentence = first_sentence.strip().rstrip(".")
    # An opening clause such as "On April 10, 2025," or "For the first time in years,"
    # sets the scene; the news is in the main clause.
    date = full_date_in(sentence)
    if date and date[1] < 12:
        sentence = sentence[date[2] :].lstrip(" ,")
    else:
        match = _LEADING_CLAUSE_RE.match(sentence)
        if match and clean.words_in(sentence[match.end() :]) >= 6:
            sentence = sentence[match.end() :]
    sentence = sentence[:1].upper() + sentence[1:]
    words = sentence.split()
    if len(words) > 12:
        sentence = " ".join(words[:12]).rstrip(",;:") + "\u2026"
    return sentence
