"""Files and folders → raw documents: decoded, sanitised lines plus any stated metadata.

Nothing here decides what is story and what is boilerplate (clean.py) or what the
title and date are when the file does not say (metadata.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shlex
import stat
from dataclasses import dataclass, field
from pathlib import Path

from briefing.language.text import printable, sanitize
from briefing.model import RemovedLine, Skipped

SUPPORTED_SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".eml": "email",
    ".mbox": "mbox",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
}
# Formats read whole by a reader of their own (briefing/ingest/formats/): containers that cannot
# be cut at a byte count the way text can. They may be larger than text files, up to this.
CONTAINER_KINDS = frozenset({"pdf", "docx", "feed", "email", "mbox", "mhtml"})
DEFAULT_MAX_CONTAINER_BYTES = 64 * 1024 * 1024
CONFIG_NAME = "briefing.toml"
# A list of links to download: `briefing fetch --list` reads it. Loading never does, because
# analysis never touches the network, so the loader names the command instead.
URL_LIST_NAME = "urls.txt"
# Files larger than this are read only up to it; the rest is reported, not analysed.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


@dataclass(slots=True)
class RawDocument:
    """A file's text as lines, before any cleaning."""

    path: str
    """Where it was read from."""
    kind: str
    """"text", "markdown", "html", or a container's kind ("docx", ...)."""
    lines: list[str]
    """Its lines, sanitised; for Markdown and HTML, one block a line."""
    meta: dict[str, str] = field(default_factory=dict)
    """What the file states about itself: title, date, source, url, author; a container reader
    may add "date_from", what stated the date ("feed entry", "message header")."""
    notes: list[str] = field(default_factory=list)
    """How it was read, where a reader should know (encoding guessed, truncated)."""
    heading_lines: set[int] = field(default_factory=set)
    """Lines that the markup marks as headings."""
    removed: list[RemovedLine] = field(default_factory=list)
    """What the reader already left out as page layout (an HTML page's navigation, comments)."""


@dataclass(slots=True)
class Discovery:
    """The files a set of paths names, and what was passed over."""

    files: list[Path]
    """Supported files, in a stable order."""
    configs: list[Path]
    """briefing.toml files found in the named folders."""
    skipped: list[Skipped]
    """Everything passed over, with the reason."""


def display_path(path: str | Path) -> str:
    """A path as text that can always be printed and written as JSON.

    Bytes that are not valid UTF-8 in a file name become U+FFFD; control characters
    (a newline in a name) are left for the printer to escape.
    """
    return os.fsencode(path).decode("utf-8", errors="replace")


def discover(paths: list[str | Path]) -> Discovery:
    """The supported files under `paths` (folders recursively), hidden and unknown ones reported."""
    found = Discovery([], [], [])
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except OSError as error:
            found.skipped.append(Skipped(display_path(given), _link_reason(path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            config = path / CONFIG_NAME
            if config.is_file():
                found.configs.append(config)
            _walk(path, found, seen)
        else:
            _consider(path, found, seen, named=True)
    return found


def fingerprint(paths: list[str | Path]) -> frozenset[tuple[str, int, int]]:
    """What the files under `paths` are now: (path, size, modification time) of each
    supported file and briefing.toml. Two fingerprints differ when a file was added,
    removed or changed; only `stat` is called, so watching a big folder stays cheap."""
    return fingerprint_of(discover(paths))


def fingerprint_of(found: Discovery) -> frozenset[tuple[str, int, int]]:
    """The fingerprint of files already found."""
    marks = set()
    for path in [*found.files, *found.configs]:
        try:
            info = path.stat()
        except OSError:
            continue  # gone between the walk and now: the next look sees it missing
        marks.add((str(path), info.st_size, info.st_mtime_ns))
    return frozenset(marks)


def _walk(folder: Path, found: Discovery, seen: set[tuple[int, int]]) -> None:
    # Symlinked folders are not followed: a link loop must not walk forever.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name == CONFIG_NAME:
                continue
            if name.startswith("."):
                found.skipped.append(Skipped(display_path(path), "hidden file"))
                continue
            _consider(path, found, seen, named=False)


def _consider(path: Path, found: Discovery, seen: set[tuple[int, int]], named: bool) -> None:
    if path.name == URL_LIST_NAME:
        found.skipped.append(Skipped(display_path(path), url_list_hint(path)))
        return
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        found.skipped.append(
            Skipped(display_path(path), f"unsupported file type {display_path(path.suffix) or '(none)'!r}")
        )
        return
    try:
        info = path.stat()  # stat, never open: opening a FIFO would block
    except OSError as error:
        found.skipped.append(Skipped(display_path(path), _link_reason(path, error)))
        return
    if stat.S_ISDIR(info.st_mode):
        return  # a folder named like a file ("notes.txt/") is walked by os.walk itself
    if not stat.S_ISREG(info.st_mode):
        kind_name = (
            "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        )
        found.skipped.append(Skipped(display_path(path), f"not a regular file ({kind_name})"))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return
    seen.add(key)
    found.files.append(path)


def url_list_hint(path: Path) -> str:
    """Why a urls.txt is not read as an article, and the command that downloads its pages."""
    folder = path.parent if str(path.parent) else Path(".")
    # `briefing fetch --into FOLDER` with no address reads the folder's own urls.txt.
    return f"list of links: run `briefing fetch --into {_shell_word(display_path(folder))}` to download them"


def _shell_word(text: str) -> str:
    """A path quoted to paste into a shell, its control characters escaped: the reason is printed as it is."""
    return printable(shlex.quote(text))


def _link_reason(path: Path, error: OSError) -> str:
    """Why a path cannot be followed, naming broken links and link loops."""
    if path.is_symlink():
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if isinstance(error, FileNotFoundError):
            return "broken symbolic link"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return _os_reason(error, "cannot be read")


def _os_reason(error: OSError, default: str) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"{default} ({error.strerror or error})"


_DECLARED_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag near its top, if Python knows it."""
    import codecs

    match = _DECLARED_CHARSET_RE.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Bytes as text, and a note naming the encoding when it had to be guessed.

    A byte-order mark wins, then valid UTF-8, then the encoding the page declares,
    then a guess from the words.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            pass
    # Legacy single-byte text: Cyrillic Windows-1251 and Western Windows-1252 share the
    # ASCII half and both map 0xC0-0xFF to letters, so byte counts cannot tell them apart.
    # Words can: Cyrillic prose read as 1251 gives all-Cyrillic words, while Western text
    # read as 1251 gives words that mix scripts ("Cafй").
    as_cyrillic = data.decode("cp1251", errors="replace")
    words = re.findall(r"[^\W\d_]+", as_cyrillic)
    # One-letter words do not count: "£500" read as Windows-1251 is "Ј500".
    cyrillic = sum(1 for w in words if len(w) > 1 and all("\u0400" <= c <= "\u04ff" for c in w))
    mixed = sum(1 for w in words if any("\u0400" <= c <= "\u04ff" for c in w) and any(c.isascii() for c in w))
    if cyrillic and mixed <= 0.1 * cyrillic:
        return as_cyrillic, "encoding guessed: Windows-1251 (Cyrillic)"
    try:
        return data.decode("cp1252"), "encoding guessed: Windows-1252 (Western)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "encoding guessed: Latin-1"


# Files that are not text whatever their name says, by their first bytes.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media"),
    (b"\x7fELF", "program"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
)


class UnreadableFile(Exception):
    """A file that exists but holds no article that can be read."""


@dataclass(frozen=True, slots=True)
class UnreadableEntry:
    """One article of a file that holds several (a feed's entry, a mailbox's message) that
    cannot be read, while the others can."""

    path: str
    """The file's path and the entry's number: "world.rss#3"."""
    reason: str


def reading_key(path: Path, max_bytes: int, salt: bytes) -> str | None:
    """A digest of everything `read_documents(path, max_bytes)` depends on: the path as
    given, the read limit of its kind and the bytes that limit reads (the same bytes, read
    the same way). None if the file cannot be read now: it is then read, and its problem
    reported, as usual. `salt` stands for the code that reads it."""
    limit = DEFAULT_MAX_CONTAINER_BYTES if SUPPORTED_SUFFIXES[path.suffix.lower()] in CONTAINER_KINDS else max_bytes
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    digest = hashlib.blake2b(salt, digest_size=20)
    digest.update(os.fsencode(path) + b"\0" + str(limit).encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def read_documents(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_container_bytes: int = DEFAULT_MAX_CONTAINER_BYTES
) -> list[RawDocument | UnreadableEntry]:
    """Every article one supported file holds: one for a page or a text, one per entry of a
    feed or message of a mailbox. Raises UnreadableFile when the file as a whole cannot be read."""
    kind = SUPPORTED_SUFFIXES[path.suffix.lower()]
    if kind not in CONTAINER_KINDS:
        return [read_document(path, max_bytes)]
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_container_bytes + 1)
    except OSError as error:
        raise UnreadableFile(_os_reason(error, "cannot be read")) from None
    if len(data) > max_container_bytes:
        raise UnreadableFile(f"larger than {max_container_bytes // (1024 * 1024)} MB; not read")
    if not data.strip():
        raise UnreadableFile("empty file")
    from briefing.ingest import formats

    return formats.read(kind, display_path(path), data)


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one supported file into a RawDocument; raises UnreadableFile with the reason."""
    kind = SUPPORTED_SUFFIXES[path.suffix.lower()]
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableFile(_os_reason(error, "cannot be read")) from None
    notes = []
    if len(data) > max_bytes:
        data = data[:max_bytes]
        # Do not cut a UTF-8 character in half at the cap.
        while data and (data[-1] & 0xC0) == 0x80:
            data = data[:-1]
        if data and data[-1] >= 0xC0:
            data = data[:-1]
        notes.append(f"only the first {max_bytes:,} bytes of the file were read")
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise UnreadableFile(f"binary file ({name}), not text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("binary file, not text")
    text, guess = decode(data, declared_charset(data) if kind == "html" else None)
    if guess:
        notes.append(guess)
    text = sanitize(text)
    if not text.strip():
        raise UnreadableFile("empty file")
    meta, text, problem = split_front_matter(text)
    if problem:
        notes.append(problem)
    if kind == "markdown":
        doc = _markdown_document(display_path(path), text)
    elif kind == "html":
        doc = _html_document(display_path(path), text)
    else:
        doc = RawDocument(display_path(path), "text", text.split("\n"))
    doc.meta = {**doc.meta, **meta}
    doc.notes = notes + doc.notes
    if not any(line.strip() for line in doc.lines):
        raise UnreadableFile("no text in it")
    return doc


_FRONT_MATTER_KEYS = (
    "title",
    "date",
    "published",
    "source",
    "outlet",
    "publication",
    "url",
    "link",
    "author",
    "byline",
)
_FRONT_MATTER_SYNONYMS = {
    "published": "date",
    "link": "url",
    "outlet": "source",
    "publication": "source",
    "byline": "author",
}


def split_front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """(metadata, remaining text, problem) for text that may open with `---` front matter."""
    if not text.startswith("---\n"):
        return {}, text, None
    end = text.find("\n---", 4)
    if end == -1:
        return {}, text, "front matter opened with --- but never closed; read as text"
    block = text[4:end]
    rest = text[end + 4 :]
    rest = rest.split("\n", 1)[1] if "\n" in rest else ""
    meta: dict[str, str] = {}
    for number, line in enumerate(block.split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            return {}, rest, f"front matter line {number} is not 'key: value'; ignored"
        key = key.strip().lower()
        value = value.strip().strip("\"'")
        if key in _FRONT_MATTER_KEYS and value:
            meta.setdefault(_FRONT_MATTER_SYNONYMS.get(key, key), value)
    return meta, rest, None


def _markdown_document(path: str, text: str) -> RawDocument:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    lines: list[str] = []
    headings: set[int] = set()
    meta: dict[str, str] = {}
    pending_heading: str | None = None
    for token in tokens:
        if token.type == "heading_open":
            pending_heading = token.tag
        elif token.type == "inline":
            line = _inline_text(token.children or [])
            if not line.strip():
                continue
            if pending_heading == "h1" and "title" not in meta and not lines:
                meta["title"] = line.strip()
            else:
                if pending_heading:
                    headings.add(len(lines))
                lines.append(line)
                lines.append("")
        elif token.type == "heading_close":
            pending_heading = None
    return RawDocument(path, "markdown", lines, meta, heading_lines=headings)


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak" or child.type == "hardbreak":
            parts.append(" ")
    return "".join(parts)


def _html_document(path: str, text: str) -> RawDocument:
    from briefing.ingest.html_page import read_page

    lines, headings, meta, removed = read_page(text)
    return RawDocument(path, "html", lines, meta, heading_lines=headings, removed=removed)
