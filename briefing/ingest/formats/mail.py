"""E-mail (.eml), mailboxes (.mbox) and saved pages (.mhtml, .mht): MIME read by the standard library.

A newsletter message is an article: its subject the title, its sender the outlet. Only
the message's body is read; attachments and parts that are not text are never decoded
as text. A saved page is a web page wrapped in MIME and goes through the page reader.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import EmailMessage, MIMEPart

from briefing.ingest.formats.body import body_document, iso_date, numbered_articles
from briefing.ingest.load import (
    RawDocument,
    UnreadableEntry,
    UnreadableFile,
    declared_charset,
    decode,
)
from briefing.language.text import sanitize
from briefing.model import RemovedLine

# A mailbox of more messages than this is an archive, not a dossier; the rest is reported.
MAX_MESSAGES = 2000
# No article body is this large; a bigger part is cut here, and the cut noted.
MAX_PART_BYTES = 8 * 1024 * 1024
FURNITURE_REASON = "newsletter furniture"

# The lines every newsletter wraps its story in. Each must read as furniture on its own:
# a story that mentions unsubscribing in passing is not one.
_FURNITURE_RE = re.compile(
    r"^\W*(?:click here to |to )?unsubscribe\b|\bunsubscribe (?:here|now|from (?:this|these|our|the)\b)"
    r"|[|\u00b7\u2022]\s*unsubscribe\b|\bunsubscribe\s*[|\u00b7\u2022]"
    r"|\bview (?:this (?:e-?mail|newsletter|message) )?(?:in (?:your |a )?browser|online)\b"
    r"|\bmanage (?:your )?(?:e-?mail )?(?:preferences|subscriptions?)\b"
    r"|\b(?:you are|you're) receiving this\b|\byou (?:received|got) this (?:e-?mail|newsletter|message) because\b"
    r"|\bforward (?:this (?:e-?mail |newsletter )?)?to a friend\b",
    re.IGNORECASE,
)
_FURNITURE_MAX_WORDS = 45
# A postal footer: a street address with a postcode, and little else ("Example Media,
# 123 Main St, Springfield, IL 62704"). Both parts are required, so a story sentence that
# names a street is kept.
_STREET_RE = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][\w'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl"
    r"|Square|Sq|Court|Ct|Terrace|Suite|Floor)\b\.?|\bP\.?\s?O\.? Box \d+",
)
_POSTCODE_RE = re.compile(
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b\d{4,5}\s+[A-Z][a-z]+"
)
_POSTAL_MAX_WORDS = 20
# The "From " line that opens each message ("From sender@example.com Tue Mar  3 09:00:00 2026"):
# its asctime date tells it from a paragraph of a plain-text message that opens with "From ".
_MBOX_SEPARATOR_RE = re.compile(rb"(?:\A|\n\n)(From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b[^\n]*)\n")
_LOOSE_SEPARATOR_RE = re.compile(rb"(?:\A|\n\n)(From [^\n]*)\n")


def read_mail(kind: str, path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    """The articles in an .eml ("email"), .mbox ("mbox") or .mhtml ("mhtml") file's bytes."""
    if kind == "mbox":
        return _read_mailbox(path, data)
    message = _parse(data)
    if kind == "mhtml":
        return [_saved_page(path, message)]
    document = _message_document(path, message)
    if isinstance(document, UnreadableEntry):
        raise UnreadableFile(document.reason)
    return [document]


def split_mailbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file: each begins at a "From " line at the file's start or
    after a blank line. The separator lines are dropped and ">From " unescaped."""
    data = data.replace(b"\r\n", b"\n")
    starts = [(m.start(1), m.end()) for m in _MBOX_SEPARATOR_RE.finditer(data)]
    if not starts:
        # Some tools write "From " lines without the date: take them when nothing better is there.
        starts = [(m.start(1), m.end()) for m in _LOOSE_SEPARATOR_RE.finditer(data)]
    messages = []
    for number, (_, body_start) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(data)
        body = data[body_start:end]
        messages.append(re.sub(rb"(?m)^>(>*From )", rb"\1", body))
    return messages


def _read_mailbox(path: str, data: bytes) -> list[RawDocument | UnreadableEntry]:
    messages = split_mailbox(data)
    if not messages:
        raise UnreadableFile("not a mailbox: no message starts with a 'From ' line")
    return numbered_articles(
        path, messages, MAX_MESSAGES, lambda where, raw: _message_document(where, _parse(raw)), "mailbox", "messages"
    )


def _parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def _header(message: MIMEPart, name: str) -> str:
    """A header's decoded value, or "" when it is missing or too broken to decode."""
    try:
        value = message.get(name)
    except Exception:
        return ""
    return re.sub(r"\s+", " ", sanitize(str(value or ""))).strip()


def _sender(message: EmailMessage) -> str:
    """The From header's display name ("The Morning Desk"), else its address."""
    try:
        addresses = message["From"].addresses if message["From"] is not None else ()
    except Exception:
        addresses = ()
    for address in addresses:
        name = sanitize(address.display_name or address.addr_spec or "").strip()
        if name:
            return name
    return _header(message, "From")


def _message_document(where: str, message: EmailMessage) -> RawDocument | UnreadableEntry:
    try:
        # The body the sender meant to be read: attachments, and parts that are not text,
        # are never candidates, so a PDF or image is never decoded as text.
        part = message.get_body(preferencelist=("html", "plain"))
    except Exception:
        part = None
    if part is None:
        return UnreadableEntry(where, "message has no text part")
    if _looks_binary(part):
        return UnreadableEntry(where, "message body is binary, not text")
    text, notes = _part_text(part)
    if not text.strip():
        return UnreadableEntry(where, "message has no text")
    doc = body_document(where, text, part.get_content_subtype() == "html")
    doc.lines, furniture = _without_furniture(doc.lines)
    doc.removed = doc.removed + furniture
    date = iso_date(_header(message, "Date"))
    stated = {
        "title": _header(message, "Subject"),
        "date": date,
        "date_from": "message header" if date else "",
        "source": _sender(message),
    }
    doc.meta = {**doc.meta, **{key: value for key, value in stated.items() if value}}
    doc.notes = notes + doc.notes
    return doc


def _saved_page(path: str, message: EmailMessage) -> RawDocument:
    try:
        part = message.get_body(preferencelist=("html",))
    except Exception:
        part = None
    if part is None:
        raise UnreadableFile("saved page has no HTML part")
    if _looks_binary(part):
        raise UnreadableFile("saved page's HTML part is binary, not text")
    text, notes = _part_text(part)
    doc = body_document(path, text, True)
    url = _header(message, "Snapshot-Content-Location") or _header(part, "Content-Location")
    if url and "url" not in doc.meta:
        doc.meta["url"] = url
    # The Subject is the browser's copy of the page's <title>; the page's own title wins.
    if "title" not in doc.meta and _header(message, "Subject"):
        doc.meta["title"] = _header(message, "Subject")
    # The Date header is when the page was saved, not when it was published: not used.
    doc.notes = notes + doc.notes
    return doc


def _decoded_payload(part: MIMEPart) -> bytes:
    """A part's content with its transfer encoding undone; b"" for one too broken to decode."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return b""
    # decode=True gives bytes, or None for a multipart part (the types allow more than that).
    return payload if isinstance(payload, bytes) else b""


def _looks_binary(part: MIMEPart) -> bool:
    """A part labelled as text whose bytes are not: random bytes named .eml parse as one
    header-less message whose whole content is its "text/plain" body."""
    head = _decoded_payload(part)[:4096]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return b"\x00" in head or controls > len(head) // 20


def _part_text(part: MIMEPart) -> tuple[str, list[str]]:
    """A text part's content, its transfer encoding and charset undone, and notes on how."""
    notes = []
    payload = _decoded_payload(part)
    if len(payload) > MAX_PART_BYTES:
        payload = payload[:MAX_PART_BYTES]
        notes.append(f"only the first {MAX_PART_BYTES:,} bytes of the message body were read")
    charset = part.get_content_charset()
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            charset = None
    if charset:
        return payload.decode(charset, errors="replace"), notes
    text, guess = decode(payload, declared_charset(payload) if part.get_content_subtype() == "html" else None)
    if guess:
        notes.append(guess)
    return text, notes


def _without_furniture(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    """`lines` without the newsletter's own furniture, and what was taken out.

    A paragraph (lines between blank lines) that is furniture goes whole, so that an
    "unsubscribe" notice wrapped over two lines leaves no half behind.
    """
    kept: list[str] = []
    removed: list[RemovedLine] = []
    paragraph: list[str] = []

    def flush() -> None:
        joined = " ".join(line.strip() for line in paragraph)
        if paragraph and _is_furniture(joined):
            removed.extend(RemovedLine(line, FURNITURE_REASON) for line in paragraph)
        else:
            for line in paragraph:
                if _is_furniture(line):
                    removed.append(RemovedLine(line, FURNITURE_REASON))
                else:
                    kept.append(line)
        paragraph.clear()

    for line in lines:
        if line.strip():
            paragraph.append(line)
        else:
            flush()
            kept.append(line)
    flush()
    return kept, removed


def _is_furniture(line: str) -> bool:
    words = len(line.split())
    if words <= _FURNITURE_MAX_WORDS and _FURNITURE_RE.search(line):
        return True
    return words <= _POSTAL_MAX_WORDS and bool(_STREET_RE.search(line)) and bool(_POSTCODE_RE.search(line))
