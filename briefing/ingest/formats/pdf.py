"""PDF files: the text layer in reading order, with the page furniture (running headers,
footers, page numbers) left out and lines rejoined into paragraphs.

A PDF stores positioned lines, not paragraphs: a paragraph's lines are rejoined here, words
broken across lines ("inter-" / "national") are mended, and a paragraph ends at a gap, or
after a short line when the next one opens a new sentence.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings
from contextlib import contextmanager

from briefing.ingest.formats.body import is_placeholder_title, one_line
from briefing.ingest.load import RawDocument, UnreadableFile
from briefing.language.text import sanitize
from briefing.model import RemovedLine

# A report or book may run to thousands of pages; an article never does.
MAX_PAGES = 300
# A page whose content stream decodes to more than this is not an article's page (a map, a
# chart drawn line by line, or hostile garbage); reading it could take minutes.
MAX_PAGE_CONTENT_BYTES = 1024 * 1024
# Parsing a content stream costs about a second a megabyte of operators; this bounds the
# whole file's (a text-heavy page's stream is tens of kilobytes).
MAX_TOTAL_CONTENT_BYTES = 4 * 1024 * 1024
# Text beyond this is more than the analysis will take anyway (dossier.DEFAULT_MAX_CHARS).
MAX_TEXT_CHARS = 1_000_000

# How many lines at each end of a page are looked at for headers, footers and page numbers.
_EDGE_LINES = 2
# pypdf's parser meets a damaged file with its own errors and, deeper in, with plain
# Python ones (a missing key, an index past the end, a wrong type where a number belongs);
# all of them mean the same thing here.
_PYTHON_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RecursionError,
    OverflowError,
    AssertionError,
    UnicodeError,
    ZeroDivisionError,
    EOFError,
)
_PAGE_NUMBER_RE = re.compile(
    r"(?:page|p\.|seite|página|pagina)?\s*[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?"
    r"(?:\s*(?:of|/|von|de|di)\s*\d{1,4})?",
    re.IGNORECASE,
)
_OPENS_SENTENCE_RE = re.compile(r"[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de\u0410-\u042f]")


def read_pdf(path: str, data: bytes) -> RawDocument:
    """The article in a PDF file's bytes; raises UnreadableFile when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    damage = (PyPdfError, *_PYTHON_ERRORS)

    notes: list[str] = []
    with _pypdf_silenced():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise UnreadableFile("encrypted PDF")
            page_count = len(reader.pages)
            info = _metadata(reader)
        except UnreadableFile:
            raise
        except FileNotDecryptedError:
            raise UnreadableFile("encrypted PDF") from None
        except damage as error:
            raise UnreadableFile(f"damaged PDF ({_short_reason(error)})") from None
        pages, failures = _page_texts(reader, page_count, notes, damage)
    if not any(line.strip() for page in pages for line in page):
        if failures:
            raise UnreadableFile(f"damaged PDF ({failures[0]})")
        raise UnreadableFile("no text layer (a scanned PDF?)")
    kept, removed = remove_page_furniture(pages)
    lines = join_lines([line for page in kept for line in page])
    return RawDocument(path, "pdf", lines, info, notes, removed=removed)


def _page_texts(reader, page_count: int, notes: list[str], damage: tuple) -> tuple[list[list[str]], list[str]]:
    """The text lines of each page read, and why any page could not be read.

    A damaged or oversized page is left out and noted; the rest of the file still counts.
    """
    pages: list[list[str]] = []
    failures: list[str] = []
    content_left = MAX_TOTAL_CONTENT_BYTES
    text_chars = 0
    for number in range(min(page_count, MAX_PAGES)):
        try:
            page = reader.pages[number]
            size = _content_size(page)
            if size > min(MAX_PAGE_CONTENT_BYTES, content_left):
                failures.append(f"page {number + 1} holds too much drawing to read as text")
                notes.append(f"page {number + 1} was not read: its content is too large to be an article's")
                continue
            content_left -= size
            text = sanitize(page.extract_text() or "")
        except damage as error:
            failures.append(f"page {number + 1}: {_short_reason(error)}")
            notes.append(f"page {number + 1} could not be read (damaged)")
            continue
        pages.append(text.split("\n"))
        text_chars += len(text)
        if text_chars > MAX_TEXT_CHARS:
            notes.append(f"only the first {number + 1} pages were read (the text is longer than an article)")
            break
    else:
        if page_count > MAX_PAGES:
            notes.append(f"only the first {MAX_PAGES} pages were read")
    return pages, failures


@contextmanager
def _pypdf_silenced():
    """pypdf reports every oddity of a damaged file through `logging`; the reason it cannot
    be read is reported once, by the caller, so nothing of this may reach the terminal."""
    # A level on the parent logger, not `disabled`: pypdf logs through child loggers
    # ("pypdf._reader"), which take their level from it but ignore its `disabled`.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _opens_without_password(reader) -> bool:
    """Whether an encrypted PDF opens with the empty user password (many only restrict printing)."""
    from pypdf import PasswordType

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:
        return False


def _content_size(page) -> int:
    contents = page.get_contents()
    return len(contents.get_data()) if contents is not None else 0


def _short_reason(error: Exception) -> str:
    # pypdf's messages may quote the damaged bytes ("... @7891: b'<< /Font'"): those are left out.
    text = re.split(r" @\d|:? b['\"]|\(b['\"]", re.sub(r"\s+", " ", str(error)))[0].strip(" .:")
    if not text or len(text) > 80 or not text.isprintable():
        return type(error).__name__
    return text[0].lower() + text[1:]


def _metadata(reader) -> dict[str, str]:
    """Title, date and author from the document information, where they are real."""
    meta: dict[str, str] = {}
    info = reader.metadata
    if info is None:
        return meta
    title = one_line(info.title) if isinstance(info.title, str) else ""
    if title and not is_placeholder_title(title):
        meta["title"] = title
    author = one_line(info.author) if isinstance(info.author, str) else ""
    if author and not is_placeholder_title(author):
        meta["author"] = author
    try:
        created = info.creation_date
    except (ValueError, TypeError, OverflowError):
        created = None  # a malformed D:... string: no date rather than no article
    if isinstance(created, dt.datetime) and 1900 <= created.year <= 2200:
        meta["date"] = created.date().isoformat()
    return meta


def _shape(line: str) -> str:
    """A line with its numbers made alike, so that "Page 3" and "Page 4" repeat as one header."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def is_page_number(line: str) -> bool:
    """Whether `line` is only a page number: "3", "- 3 -", "Page 3 of 9"."""
    return bool(_PAGE_NUMBER_RE.fullmatch(line.strip()))


def remove_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[RemovedLine]]:
    """Each page's lines without its running header, footer and page number, and what was left out.

    A running line is one that (numbers aside) opens or closes at least half the pages,
    and at least two of them.
    """
    edges = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edges.append(set(filled[:_EDGE_LINES]) | set(filled[-_EDGE_LINES:]))
    counts: dict[str, int] = {}
    for lines, edge in zip(pages, edges, strict=True):
        for shape in {_shape(lines[i]) for i in edge}:
            counts[shape] = counts.get(shape, 0) + 1
    needed = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in counts.items() if count >= needed}
    kept_pages, removed = [], []
    for lines, edge in zip(pages, edges, strict=True):
        kept = []
        for i, line in enumerate(lines):
            if i in edge and is_page_number(line):
                removed.append(RemovedLine(line.strip(), "page number"))
            elif i in edge and _shape(line) in running:
                removed.append(RemovedLine(line.strip(), "running header or footer"))
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, removed


def join_lines(lines: list[str]) -> list[str]:
    """A PDF's text lines as paragraphs, one a line with a blank line between them.

    Lines of a paragraph are joined with a space, and a word hyphenated at a line end
    ("inter-" / "national") is joined without its hyphen. A paragraph ends at a blank
    line, or after a line clearly shorter than the text's full lines when the next line
    opens a sentence: in running text only a paragraph's last line falls short.
    """
    filled = [line.strip() for line in lines]
    lengths = sorted(len(line) for line in filled if line)
    # The width of a full line: most lines of running text are full, so a high percentile.
    full = lengths[int(len(lengths) * 0.8)] if lengths else 0
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(filled):
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif re.search(r"[^\W\d_]-$", current) and re.match(r"[^\W\d_]", line):
            # "inter-" / "national" is one word broken by the layout; "Franco-" / "German"
            # keeps its hyphen. ("three-" / "week" loses it: rarer than the broken word.)
            current = current[:-1] + line if line[0].islower() else current + line
        else:
            current += " " + line
        following = next((f for f in filled[i + 1 : i + 2] if f), "")
        short = len(line) < 0.7 * full
        if following and short and _OPENS_SENTENCE_RE.match(following) and not line.endswith((",", "-", ";")):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend([paragraph, ""])
    return out
