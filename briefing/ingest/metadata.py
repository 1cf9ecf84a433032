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

from briefing.ingest import clean
from briefing.ingest.load import RawDocument
from briefing.language.dates import full_date_in, month_number, parse_stated_date
from briefing.language.gazetteer import gazetteer, known_organizations

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
    header_source: str | None = None
    """The outlet a header line names ("The Clare Courier · Health")."""
    author: str | None = None
    """The byline: who wrote it (never an entity of the story)."""
    dateline_day: tuple[int, int] | None = None
    """(month, day) of a wire dateline that gives no year ("PARIS, March 4 (Reuters) -"):
    the year comes from the dossier around it, never from the file's modification time."""
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
# "PARIS, March 4 (Reuters) -", "LONDON, 4 March (AFP) —": a dateline whose date has no year.
_YEARLESS_DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}(?:,\s+[A-Z][A-Za-z .'-]{1,30})?,\s+"
    r"(?:(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]{2,8})\.?)"
    r"\s*(?:\([A-Z][\w ]{1,30}\))?\s*[-\u2014\u2013]"
)
# "Published: 5:12 PM March 6, 2026", "Updated 10:03 GMT, 7 March 2026", "Posted on March 6, 2026"
_STAMP_RE = re.compile(
    r"^\s*(?P<kind>published|posted|first published|updated|last updated|modified)\b(?:\s+on)?\s*:?", re.IGNORECASE
)
# "The Clare Courier · Health", "Harbour Times | Business": an outlet's header line.
_HEADER_RE = re.compile(
    r"^(?P<name>(?:The\s+)?[A-Z][\w&'\u2019.-]*(?:\s+(?:[A-Z&][\w&'\u2019.-]*|of|and|de|la|el)){0,5})"
    r"\s*(?:\u00b7|\||\u2022|\u2014|::)\s*(?P<section>[A-Z][\w&' /-]{1,30})$"
)
# "By Anna Berg", "By Anna Berg and Tom Ruiz, Health Correspondent", "By ANNA BERG in Lyon"
_BYLINE_RE = re.compile(
    r"^(?:[Bb]y|BY|(?:[Ww]ords|[Rr]eporting|[Aa]nalysis|[Tt]ext|[Ss]tory|[Cc]omment)\s+by)\s+(?P<names>[A-Z][\w.'\u2019-]+(?:\s+(?:[A-Z][\w.'\u2019-]+|de|van|von|da|del|der|la|le|bin))"
    r"{0,4}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,4})*)"
    r"(?:\s*[,|\u00b7\u2014\u2013-]\s*[\w ,.'&\u00b7-]{0,60}|\s+(?:in|for)\s+[A-Z][\w '&-]{0,40})?\s*$"
)


def _masthead(line: str) -> str | None:
    match = _MASTHEAD_RE.match(line.strip())
    if not match:
        return None
    name = match.group(1).strip()
    # "Support Ukraine!" names a cause, not the publication.
    if name in gazetteer().places or name.lower() in ("us", "our", "independent journalism"):
        return None
    return name


# What a stated date was stated in, by the kind of file that stated it.
_STATED_DATE_FROM = {"html": "page metadata", "docx": "document properties", "pdf": "document properties"}


def read_metadata(doc: RawDocument, lines: list[str]) -> Metadata:
    """Title, date, source and URL of `doc`, whose inline-Markdown-free lines are `lines`."""
    meta = Metadata()
    stated = doc.meta
    if stated.get("title"):
        meta.title = re.sub(r"\s+", " ", stated["title"]).strip()
    if stated.get("date"):
        meta.published = parse_stated_date(stated["date"])
        if meta.published:
            # A container reader may say what stated it ("feed entry", "message header").
            meta.published_from = stated.get("date_from") or _STATED_DATE_FROM.get(doc.kind, "front matter")
        else:
            meta.notes.append(f"stated date {stated['date']!r} is not a date; ignored")
    if stated.get("url"):
        meta.url = stated["url"]
    if stated.get("source"):
        meta.source = stated["source"]
    if stated.get("author"):
        meta.author = stated["author"]
    if meta.title and (
        clean.is_timestamp(meta.title) or (parse_stated_date(meta.title) and clean.words_in(meta.title) <= 6)
    ):
        meta.title = None  # a "title" that is a date or a time stamp is not a headline

    filled = [i for i, line in enumerate(lines) if line.strip()]
    _find_url(lines, filled, meta)
    top = [i for i in filled[:_TOP_LINES]]
    _find_header_and_byline(lines, filled, meta)
    _find_stamps(lines, filled, meta)

    for i in top:
        line = lines[i].strip()
        if meta.published is not None and i not in meta.consumed and _is_date_line(line):
            meta.consumed.add(i)  # "March 4, 2026, 8:12 AM" under a headline the page already dated
    if meta.published is None:
        for i in top:
            if i in meta.consumed:
                continue
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

    if meta.published is None and meta.dateline_day is None:
        for i in top:
            match = _YEARLESS_DATELINE_RE.match(lines[i].strip())
            month = match and month_number(match.group("m1") or match.group("m2"))
            if match and month:
                meta.dateline_day = (month, int(match.group("d1") or match.group("d2")))
                break

    if meta.title is None:
        for position, i in enumerate(top):
            line = lines[i].strip()
            following = lines[top[position + 1]].strip() if position + 1 < len(top) else ""
            if clean.is_wire_slug(line):
                continue  # cleaning removes it, and shows it among the removed lines
            if _is_caps_slug(line, following):
                meta.consumed.add(i)  # "COURTS VIC BOAT VERDICT" above the real headline
                continue
            if (
                i in meta.consumed
                or clean.is_call_to_action(line)
                or clean.is_embed(line)
                or clean.is_timestamp(line)
                or (parse_stated_date(line) and clean.words_in(line) <= 6)
            ):
                continue
            if (
                clean.words_in(line) <= 25
                and (
                    i in doc.heading_lines
                    or clean.looks_like_heading(line)
                    or _headline_above_story(lines, filled, i, meta.consumed)
                )
                and not clean.is_photo_credit(line)
            ):
                meta.title = line
                meta.consumed.add(i)
            break  # the headline is the first line of substance, or there is none

    if meta.source is None and meta.url:
        meta.source = outlet_for_url(meta.url)
    if meta.source is None and meta.header_source:
        meta.source = meta.header_source
    if meta.source is None:
        for i in filled:
            name = _masthead(lines[i])
            if name:
                meta.source = name
                break
    if meta.source is None:
        for i in filled[: _TOP_LINES + 2]:
            match = _DATELINE_RE.match(lines[i].strip())
            if match:
                meta.source = match.group(1).strip()
                break
    return meta


def _headline_above_story(lines: list[str], filled: list[int], i: int, consumed: set[int]) -> bool:
    """A long headline (up to 25 words) standing alone above longer prose: no closing
    punctuation, and the next line of substance is a paragraph of the story."""
    line = lines[i].strip()
    if line.endswith(tuple(".!,;:")) or clean.words_in(line) > 25:
        return False
    following = next((lines[j].strip() for j in filled if j > i and j not in consumed), "")
    return clean.words_in(following) > clean.words_in(line) + 10 and following.endswith(tuple(".!?\"\u201d'"))


def _is_caps_slug(line: str, following: str) -> bool:
    """An agency's all-capitals catchline, with a headline in ordinary case right under it."""
    return (
        line.isupper()
        and clean.words_in(line) <= 8
        and not line.endswith(tuple(".!?"))
        and any(c.islower() for c in following)
        and clean.looks_like_heading(following)
    )


def _is_date_line(line: str) -> bool:
    found = full_date_in(line[:300])
    if not found:
        return False
    rest = line[: found[1]] + line[found[2] :]
    return (
        clean.words_in(
            re.sub(
                r"\b\d{1,2}[:.]\d{2}\b|\b[ap]\.?m\.?\b|\b(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T)\b|[,|\u00b7-]",
                " ",
                rest,
                flags=re.IGNORECASE,
            )
        )
        <= 2
    )


def _unshouted(name: str) -> str:
    """ "THE LOWLANDS REVIEW" as "The Lowlands Review"; short words such as "BBC" stay capitals."""
    if not name.isupper():
        return name
    small = {"THE": "The", "OF": "of", "AND": "and", "FOR": "for"}
    return " ".join(small.get(w, w if len(w) <= 3 else w.capitalize()) for w in name.split())


def _find_header_and_byline(lines: list[str], filled: list[int], meta: Metadata) -> None:
    """An outlet header line ("Outlet · Section") and a byline ("By Name") near the top."""
    for i in filled[: _TOP_LINES + 2]:
        line = lines[i].strip()
        header = _HEADER_RE.match(line)
        if header and meta.header_source is None and clean.words_in(line) <= 10 and not re.match(r"(?i)by\s", line):
            meta.header_source = _unshouted(header.group("name").strip())
            meta.consumed.add(i)
            continue
        byline = _byline(line, meta)
        if byline and meta.author is None:
            people, rest = byline
            meta.author = ", ".join(people)
            if rest and meta.header_source is None:
                meta.header_source = rest
            meta.consumed.add(i)


def _byline(line: str, meta: Metadata) -> tuple[list[str], str | None] | None:
    """(people, outlet) of a byline such as "By Name, Outlet — 10 March 2026" or "Name · Outlet · 9 May 2026".

    A date in the line dates the article when nothing else has.
    """
    if clean.words_in(line) > 20:
        return None
    found = full_date_in(line)
    rest = line
    if found:
        rest = (line[: found[1]] + " " + line[found[2] :]).strip(" ,|\u00b7\u2014\u2013-")
        rest = re.sub(r"\s*(?:[|\u00b7\u2022\u2014\u2013]|\s-)\s*$", "", re.sub(r"\s+", " ", rest))
    match = _BYLINE_RE.match(rest)
    if match:
        names = match.group("names")
        tail = re.sub(r"^(?:in|for)\s+", "", rest[match.end("names") :].strip(" ,|\u00b7\u2014\u2013-"))
        if rest[match.end("names") :].strip().startswith("in "):
            tail = ""  # "By Name in Lyon": a place, not an outlet
    else:
        # "Hannah Oduya · The Bendigo Ledger · 14 May 2026": a person, an outlet and a date.
        parts = [p.strip() for p in re.split(r"\s*[|\u00b7\u2022]\s*", rest) if p.strip()]
        if not found or len(parts) < 2 or not _is_person_name(parts[0]):
            return None
        names, tail = parts[0], ", ".join(parts[1:])
    people, others = _people_and_rest(re.sub(r"\s*[|\u00b7\u2022\u2014\u2013]\s*", ", ", names))
    outlet = others or tail or None
    if outlet and (_ROLE_RE.search(outlet) or clean.words_in(outlet) > 6):
        outlet = None
    if found and meta.published is None:
        meta.published, meta.published_from = found[0], "byline"
    return people, outlet


def _is_person_name(text: str) -> bool:
    from briefing.language.gazetteer import first_names

    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0].lower() in first_names()


_ROLE_RE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|columnist|contributor|analyst|bureau|chief|desk|"
    r"professor|fellow|director|in\b)",
    re.IGNORECASE,
)


def _people_and_rest(names: str) -> tuple[list[str], str | None]:
    """Split "Marieke Janssens, Kortrijk Today" into the people and what follows them."""
    from briefing.language.gazetteer import first_names

    known = first_names()
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", names) if p.strip()]
    if not parts:
        return [], None
    people = [p for p in parts if p.split()[0].lower() in known or p.split()[0].lower().rstrip(".") in known]
    if not people:
        return [parts[0]], ", ".join(parts[1:]) or None
    rest = [p for p in parts if p not in people]
    return people, ", ".join(rest) or None


def _find_stamps(lines: list[str], filled: list[int], meta: Metadata) -> None:
    """ "Published:" and "Updated:" lines near the top: the first gives the date, both are metadata."""
    updated_on = None
    for i in filled[: _TOP_LINES + 4]:
        line = lines[i].strip()
        stamp = _STAMP_RE.match(line)
        if not stamp or clean.words_in(line) > 14:
            continue
        found = full_date_in(line[stamp.end() :])
        if not found:
            continue
        meta.consumed.add(i)
        if stamp.group("kind").lower() in ("updated", "last updated", "modified"):
            updated_on = updated_on or found[0]
        elif meta.published is None:
            meta.published, meta.published_from = found[0], "published line"
    if meta.published is None and updated_on is not None:
        # A page that shows only when it was updated is dated by that, as its readers see it.
        meta.published, meta.published_from = updated_on, "updated line"


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
