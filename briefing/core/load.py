"""Files and folders → raw documents: decoded, sanitised lines plus any stated metadata.

Nothing here decides what is story and what is boilerplate (clean.py) or what the
title and date are when the file does not say (metadata.py).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from briefing.core.model import Skipped
from briefing.core.text import sanitize

SUPPORTED_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
CONFIG_NAME = "briefing.toml"
# Files larger than this are read only up to it; the rest is reported, not analysed.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


@dataclass(slots=True)
class RawDocument:
    """A file's text as lines, before any cleaning."""

    path: str
    """Where it was read from."""
    kind: str
    """"text", "markdown" or "html"."""
    lines: list[str]
    """Its lines, sanitised; for Markdown and HTML, one block a line."""
    meta: dict[str, str] = field(default_factory=dict)
    """What the file states about itself: title, date, source, url."""
    notes: list[str] = field(default_factory=list)
    """How it was read, where a reader should know (encoding guessed, truncated)."""
    heading_lines: set[int] = field(default_factory=set)
    """Lines that the markup marks as headings."""


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
    found = discover(paths)
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
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        found.skipped.append(Skipped(display_path(path), f"unsupported file type {display_path(path.suffix) or '(none)'!r}"))
        return
    try:
        info = path.stat()  # stat, never open: opening a FIFO would block
    except OSError as error:
        found.skipped.append(Skipped(display_path(path), _link_reason(path, error)))
        return
    if stat.S_ISDIR(info.st_mode):
        return  # a folder named like a file ("notes.txt/") is walked by os.walk itself
    if not stat.S_ISREG(info.st_mode):
        kind_name = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        found.skipped.append(Skipped(display_path(path), f"not a regular file ({kind_name})"))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return
    seen.add(key)
    found.files.append(path)


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


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes as text, and a note naming the encoding when it had to be guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Legacy single-byte text: Cyrillic Windows-1251 and Western Windows-1252 share the
    # ASCII half and both map 0xC0-0xFF to letters, so byte counts cannot tell them apart.
    # Words can: Cyrillic prose read as 1251 gives all-Cyrillic words, while Western text
    # read as 1251 gives words that mix scripts ("Cafй").
    as_cyrillic = data.decode("cp1251", errors="replace")
    words = re.findall(r"[^\W\d_]+", as_cyrillic)
    cyrillic = sum(1 for w in words if all("\u0400" <= c <= "\u04ff" for c in w))
    mixed = sum(1 for w in words if any("\u0400" <= c <= "\u04ff" for c in w) and any(c.isascii() for c in w))
    if cyrillic and mixed <= 0.1 * cyrillic:
        return as_cyrillic, "encoding guessed: Windows-1251 (Cyrillic)"
    try:
        return data.decode("cp1252"), "encoding guessed: Windows-1252 (Western)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "encoding guessed: Latin-1"


# Files that are not text whatever their name says, by their first bytes.
_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"), (b"\x1f\x8b", "gzip archive"), (b"RIFF", "RIFF media"),
    (b"\x7fELF", "program"), (b"ID3", "MP3 audio"), (b"\xd0\xcf\x11\xe0", "old Office document"),
)


class UnreadableFile(Exception):
    """A file that exists but holds no article that can be read."""


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
    text, guess = decode(data)
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


_FRONT_MATTER_KEYS = ("title", "date", "published", "source", "url", "link")


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
            meta["date" if key == "published" else "url" if key == "link" else key] = value
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
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append(" ")
    return "".join(parts)


_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
              "svg", "iframe", "template", "figcaption", "select", "option", "head"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "article", "section",
               "blockquote", "tr", "td", "th", "main", "ul", "ol", "dd", "dt", "pre", "hr", "figure", "table"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}


class _HtmlText(HTMLParser):
    """Collects the readable text of a page, its headings, and its own metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lines: list[tuple[str, bool, bool]] = []  # (text, heading, inside <article>/<main>)
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._main_depth = 0
        self._heading: str | None = None
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta_tag(values)
            return
        if tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
            return
        if tag == "time" and values.get("datetime"):
            self.meta.setdefault("date", values["datetime"])
        if tag == "title":
            self._in_title = True
        if tag in _VOID_TAGS:
            if tag == "br":
                self._flush()
            return
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
            return
        if tag in ("article", "main"):
            self._main_depth += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _VOID_TAGS:
            return
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = None
        if tag in ("article", "main"):
            self._main_depth = max(0, self._main_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self._skip_depth == 0 and not self._in_title:
            self._buffer.append(data)

    def _meta_tag(self, values: dict[str, str]) -> None:
        name = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        content = values.get("content", "").strip()
        if not content:
            return
        wanted = {
            "og:title": "title", "twitter:title": "title", "headline": "title",
            "article:published_time": "date", "datepublished": "date", "date": "date", "pubdate": "date",
            "og:site_name": "source", "og:url": "url",
        }
        if name in wanted:
            self.meta.setdefault(wanted[name], content)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buffer)).strip()
        self._buffer = []
        if text:
            self.lines.append((text, self._heading is not None, self._main_depth > 0))

    def close(self) -> None:
        super().close()
        self._flush()
        title = re.sub(r"\s+", " ", "".join(self._title)).strip()
        if title:
            self.meta.setdefault("title", title)


def _html_document(path: str, text: str) -> RawDocument:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    rows = parser.lines
    main = [row for row in rows if row[2]]
    # A page that marks its story with <article> or <main> is read from there only:
    # the rest is site furniture.
    if sum(len(r[0].split()) for r in main) >= 30:
        rows = main
    meta = dict(parser.meta)
    lines: list[str] = []
    headings: set[int] = set()
    for text_line, heading, _ in rows:
        if heading and "h1title" not in meta and not lines:
            # The page's own <h1> is a better headline than a <title> with the site's name in it.
            meta["title"] = text_line
            meta["h1title"] = "1"
            continue
        if heading:
            headings.add(len(lines))
        lines.append(text_line)
        lines.append("")
    meta.pop("h1title", None)
    return RawDocument(path, "html", lines, meta, heading_lines=headings)
