"""What the container readers share: an article body as lines, a stated date as ISO, a stated
value as one clean line, placeholder titles told from real ones, and a file's articles numbered."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from typing import TypeVar

from briefing.ingest.load import RawDocument, UnreadableEntry
from briefing.language.text import sanitize

Item = TypeVar("Item")

# Titles that Word, PDF printers and other tools fill in by themselves ("Microsoft Word -
# draft.docx", "Untitled", "Document1", a file name): none of them is the article's headline.
_PLACEHOLDER_TITLE_RE = re.compile(
    r"(?:microsoft (?:word|powerpoint|excel)\b.*|untitled.*|document\s*\d*|new document|title|slide \d+"
    r"|print|printing|\S+\.(?:docx?|odt|rtf|pdf|txt|indd|qxd|tex)|\W*)",
    re.IGNORECASE,
)


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


def one_line(text: str) -> str:
    """Stated text (a property, a paragraph, a header) as one sanitised line."""
    return re.sub(r"\s+", " ", sanitize(text)).strip()


def is_placeholder_title(title: str) -> bool:
    """Whether a document's stated title (or author) is what a tool filled in, not the article's."""
    return bool(_PLACEHOLDER_TITLE_RE.fullmatch(title))


def numbered_articles(
    path: str,
    items: Sequence[Item],
    limit: int,
    read: Callable[[str, Item], RawDocument | UnreadableEntry],
    container: str,
    noun: str,
) -> list[RawDocument | UnreadableEntry]:
    """The first `limit` of a file's `items` read as articles named "path#1", "path#2"...; the
    rest are left out in one line ("feed has 2,400 entries; only the first 2,000 were read")."""
    results = [read(f"{path}#{number}", item) for number, item in enumerate(items[:limit], start=1)]
    if len(items) > limit:
        left = len(items) - limit
        results.append(
            UnreadableEntry(
                f"{path}#{limit + 1}",
                f"{container} has {len(items):,} {noun}; only the first {limit:,} were read, {left:,} left out",
            )
        )
    return results
