"""Word (.docx) files → RawDocument: paragraphs in order, headings marked, stated metadata kept.

A .docx is a zip archive, and a hostile one can expand a few hundred kilobytes into gigabytes.
The archive's directory is therefore checked with the standard library before python-docx
reads a byte of it. The sizes in that directory bound what is read: zipfile stops
decompressing a member at its stated uncompressed size, so a member that lies about its
size cannot produce more than it states.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from briefing.ingest.formats.body import is_placeholder_title, one_line
from briefing.ingest.load import DEFAULT_MAX_BYTES, RawDocument, UnreadableFile

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
# A member may compress very well (Word's XML does, about 10:1) but a ratio above this on a
# member this large is what a zip bomb looks like, not what a document looks like.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM = 10 * 1024 * 1024
# Tables inside table cells inside table cells...: deeper than this is not an article's layout.
MAX_TABLE_DEPTH = 4
ZIP_BOMB_REASON = "Word file expands too far; refused (a zip bomb?)"

_HEADING_STYLE_RE = re.compile(r"(?:heading [1-9]|title)", re.IGNORECASE)
_TITLE_STYLE_RE = re.compile(r"(?:heading 1|title)", re.IGNORECASE)
# python-docx's default template carries these core properties; a file made from that
# template and never given its own says nothing true about the article.
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
_TEMPLATE_AUTHORS = frozenset({"python-docx"})
# Before this, a "created" date is a clock that was never set, not a publication date.
_EARLIEST_PLAUSIBLE_YEAR = 1985


def read_docx(path: str, data: bytes) -> RawDocument:
    """The article in a Word file's bytes; raises UnreadableFile with the reason it cannot be read."""
    _check_archive(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines, headings, heading_title = _body(document)
        properties = document.core_properties
        stated_title, created, author = properties.title, properties.created, properties.author
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(f"damaged Word document ({_one_line(error)})") from None
    meta: dict[str, str] = {}
    title = one_line(stated_title or "")
    if title and not is_placeholder_title(title):
        meta["title"] = title
        if heading_title is not None and heading_title != title:
            # The document's own title wins, but a different headline on the page is still
            # part of what it says: keep it as a heading at the top.
            lines[:0] = [heading_title, ""]
            headings = {0} | {i + 2 for i in headings}
    elif heading_title is not None:
        meta["title"] = heading_title
    if isinstance(created, dt.datetime) and _plausible(created):
        meta["date"] = created.date().isoformat()
    author = one_line(author or "")
    if author and author not in _TEMPLATE_AUTHORS:
        meta["author"] = author
    notes = []
    if sum(len(line) for line in lines) > DEFAULT_MAX_BYTES:
        lines = _capped(lines, DEFAULT_MAX_BYTES)
        headings = {i for i in headings if i < len(lines)}
        notes.append(f"only the first {DEFAULT_MAX_BYTES:,} characters of the document were read")
    if not any(line.strip() for line in lines) and "title" not in meta:
        raise UnreadableFile("no text in it")
    return RawDocument(path, "docx", lines, meta, notes, heading_lines=headings)


def _check_archive(data: bytes) -> None:
    """Refuse what is not a Word archive, or would expand too far, from the zip directory alone."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile("not a Word document (not a zip archive)") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise UnreadableFile(ZIP_BOMB_REASON)
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_COMPRESSION_RATIO * max(
                member.compress_size, 1
            ):
                raise UnreadableFile(ZIP_BOMB_REASON)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise UnreadableFile(ZIP_BOMB_REASON)
        if "word/document.xml" not in {member.filename for member in members}:
            raise UnreadableFile("not a Word document (no word/document.xml)")


def _body(document) -> tuple[list[str], set[int], str | None]:
    """(lines, heading line indexes, the headline above the story) of the document's body.

    One paragraph a line with "" between, as the Markdown reader gives. A Title or Heading 1
    paragraph before any body text is the headline and is not one of the lines.
    """
    lines: list[str] = []
    headings: set[int] = set()
    headline: str | None = None
    for text, style in _paragraphs(document, 0):
        if not text:
            continue
        if _TITLE_STYLE_RE.fullmatch(style) and headline is None and not lines:
            headline = text
            continue
        if _HEADING_STYLE_RE.fullmatch(style):
            headings.add(len(lines))
        lines.append(text)
        lines.append("")
    return lines, headings, headline


def _paragraphs(container, depth: int):
    """(text, style name) of every paragraph in `container`, tables' cells read row by row."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else ""
            yield one_line(block.text), style or ""
        elif isinstance(block, Table) and depth < MAX_TABLE_DEPTH:
            # The <w:tc> elements themselves, not Row.cells: Row.cells repeats a cell once for
            # each column it spans, and a hostile span count would repeat it millions of times.
            for row in block._tbl.tr_lst:
                for tc in row.tc_lst:
                    if tc.vMerge == "continue":
                        continue  # the cell above holds the merged cell's text
                    yield from _paragraphs(_Cell(tc, block), depth + 1)


def _plausible(created: dt.datetime) -> bool:
    if created == _TEMPLATE_CREATED:
        return False
    today = dt.date.today()
    return _EARLIEST_PLAUSIBLE_YEAR <= created.year <= today.year + 1


def _capped(lines: list[str], limit: int) -> list[str]:
    kept, total = [], 0
    for line in lines:
        if total + len(line) > limit:
            break
        kept.append(line)
        total += len(line)
    return kept


def _one_line(error: Exception) -> str:
    message = one_line(str(error))[:120]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
