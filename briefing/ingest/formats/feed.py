"""RSS and Atom feeds: every entry is an article, dated and attributed by the feed itself."""

from __future__ import annotations

import io
import re

from briefing.ingest.formats.body import body_document, iso_date, numbered_articles
from briefing.ingest.load import RawDocument, UnreadableEntry, UnreadableFile
from briefing.language.text import sanitize

# A feed of more entries than this is an archive dump, not a day's news; the rest is reported.
MAX_ENTRIES = 2000
SUMMARY_ONLY_NOTE = "feed entry has only a summary"

# An entity declaration is how "billion laughs" (exponential expansion) and external-entity
# reads get into XML. News feeds never need one, so a feed that declares any is refused
# before an XML parser sees it.
_ENTITY_DECLARATION_RE = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")


def read_feed(path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    """One RawDocument per entry of the RSS or Atom feed `data`, read from `path`."""
    if _ENTITY_DECLARATION_RE.search(data):
        raise UnreadableFile("feed declares XML entities; refused (entity expansion)")
    import feedparser

    # A stream, never a string: feedparser fetches a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = list(parsed.get("entries") or [])
    outlet = _plain(parsed.get("feed", {}).get("title", ""))
    # feedparser takes any <item> of any XML for an entry; only a recognised RSS or Atom
    # root makes the file a feed.
    if not parsed.get("version") or (not entries and (parsed.get("bozo") or not outlet)):
        raise UnreadableFile("XML that is not an RSS or Atom feed")
    if not entries:
        raise UnreadableFile("feed has no entries")
    return numbered_articles(
        path, entries, MAX_ENTRIES, lambda where, entry: _entry_document(where, entry, outlet), "feed", "entries"
    )


def _entry_document(where: str, entry, outlet: str) -> RawDocument | UnreadableEntry:
    notes: list[str] = []
    body, body_type = None, ""
    for content in entry.get("content") or []:
        if (content.get("value") or "").strip():
            body, body_type = content["value"], content.get("type", "")
            break
    if body is None and (entry.get("summary") or "").strip():
        body, body_type = entry["summary"], (entry.get("summary_detail") or {}).get("type", "")
        notes.append(SUMMARY_ONLY_NOTE)
    if body is None:
        return UnreadableEntry(where, "feed entry has no text")
    doc = body_document(where, body, "html" in body_type or "xml" in body_type or bool(_TAG_RE.search(body)))
    date = iso_date(entry.get("published") or entry.get("updated") or "")
    stated = {
        "title": _plain(entry.get("title", "")),
        "url": sanitize(entry.get("link", "")).strip(),
        "date": date,
        "date_from": "feed entry" if date else "",
        "author": _plain(entry.get("author", "")),
        "source": outlet,
    }
    # What the feed states about the entry outranks what its HTML fragment seems to say.
    doc.meta = {**doc.meta, **{key: value for key, value in stated.items() if value}}
    doc.notes = notes + doc.notes
    return doc


def _plain(text: str) -> str:
    """A title or name as plain text: feeds may put markup in them ("<b>Live</b>: ...")."""
    return re.sub(r"\s+", " ", _TAG_RE.sub("", sanitize(text or ""))).strip()
