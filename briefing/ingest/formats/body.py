"""What the feed and mail readers share: an article body as lines, and a stated date as ISO."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from briefing.ingest.load import RawDocument
from briefing.language.text import sanitize


def body_document(where: str, body: str, is_html: bool) -> RawDocument:
    """A RawDocument of one article body: HTML through the page reader, text as its lines."""
    if is_html:
        from briefing.ingest.html_page import read_page

        lines, headings, meta, removed = read_page(body)
        return RawDocument(where, "html", lines, meta, heading_lines=headings, removed=removed)
    # Lines as a .txt file gives them: cleaning joins wrapped lines into paragraphs at blank lines.
    lines = sanitize(body).split("\n")
    return RawDocument(where, "text", lines)


def iso_date(value: str) -> str:
    """An RFC 2822 date ("Tue, 03 Mar 2026 09:00:00 +0100") as ISO in its own time zone;
    anything else (Atom's ISO dates) as it was."""
    value = sanitize(value).strip()
    if not value:
        return ""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return value
