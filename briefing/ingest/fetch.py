"""Web pages → saved .html files in a dossier folder: the one part of briefing that uses the network.

Only `briefing fetch` calls this; reading and analysing a dossier never does. Each page is
fetched politely (a named user agent, a timeout, a size cap, a bounded number of redirects,
each address once, no JavaScript) and saved with its address and fetch time written into
its <head>, where the page reader finds them again: `<link rel="canonical">` becomes the
article's url, so `briefing json` and the brief cite where the page came from.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote, urldefrag, urlsplit, urlunsplit

from briefing import __version__
from briefing.ingest.load import declared_charset
from briefing.output import WriteError, write_atomically

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_USER_AGENT = f"briefing/{__version__} (+offline news dossier tool)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A per-read timeout alone lets a server that sends a byte every few seconds hold a fetch
# forever; the whole download is also bounded, by this many times the timeout.
_WHOLE_PAGE_TIMEOUTS = 6
_MAX_NAME = 100
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What became of one address."""

    url: str
    """The address as asked for (without any #fragment, which is never sent)."""
    path: Path | None
    """Where the page was saved; None when it was not."""
    reason: str | None = None
    """Why it was not saved, in one line; None when it was."""
    final_url: str | None = None
    """The address the page was served from after redirects, recorded in the saved file."""
    already: bool = False
    """Whether `path` is a copy an earlier fetch saved, so nothing was downloaded this time."""


class _Failure(Exception):
    """One address could not be saved; the message is the one-line reason."""


def read_url_list(text: str) -> list[str]:
    """The addresses of a urls.txt: one a line; blank lines and # comments are ignored."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls


def fetch_pages(
    urls: list[str],
    into: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = DEFAULT_USER_AGENT,
    on_result: Callable[[FetchResult], None] | None = None,
    again: bool = False,
) -> list[FetchResult]:
    """Download each distinct address in `urls` into the folder `into` (made if missing).

    One result per distinct address, in the order first given. A page is saved only whole:
    it is read into memory (at most `max_bytes`), then written to a temporary file and linked
    into place under a name no other file has, so a failure leaves nothing behind and no
    existing file is ever overwritten. `on_result`, if given, is called with each result as
    soon as it is known. An address a file in `into` was already fetched from is not
    downloaded again (a list of links run every morning adds only what is new) unless
    `again`. Raises OSError only when `into` cannot be made.
    """
    into.mkdir(parents=True, exist_ok=True)
    opener = _opener(max_redirects)
    results = []
    seen: set[str] = set()
    for given in urls:
        url = urldefrag(given.strip())[0]
        if url in seen:
            continue
        seen.add(url)
        earlier = None if again else _saved_before(into, url)
        if earlier is not None:
            result = FetchResult(url, earlier, None, url, already=True)
            results.append(result)
            if on_result:
                on_result(result)
            continue
        try:
            final_url, data, charset = _download(opener, url, timeout, max_bytes, user_agent)
            # A short link that leads to a page saved before adds no second copy of it.
            earlier = None if again or final_url == url else _saved_before(into, final_url)
            path = earlier or _save(into, final_url, _with_source(data, final_url, _now(), charset))
        except _Failure as failure:
            result = FetchResult(url, None, str(failure))
        else:
            result = FetchResult(url, path, None, final_url, already=earlier is not None)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `max_redirections` redirects, and only to http(s) addresses (urllib's own
    handler would also follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https", ""):
            raise _Failure(f"redirected to a non-http(s) address ({_short(newurl)})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Opener(urllib.request.OpenerDirector):
    """An opener that knows its redirect limit, for the failure message."""

    def __init__(self, max_redirects: int) -> None:
        super().__init__()
        self.max_redirects = max_redirects


def _opener(max_redirects: int) -> _Opener:
    # urllib's limits are class attributes, so the user's limit gets a class of its own.
    class Redirects(_BoundedRedirects):
        max_redirections = max_redirects
        # urllib stops a loop after max_repeats visits to one address, whatever the limit; the
        # limit the user set should be the one that counts.
        max_repeats = max_redirects

    # Only what an http(s) page needs: no file:, ftp: or data: handlers, whatever a redirect says.
    opener = _Opener(max_redirects)
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _download(
    opener: _Opener, url: str, timeout: float, max_bytes: int, user_agent: str
) -> tuple[str, bytes, str | None]:
    """(the address served from, the page's bytes, the charset the server named), or _Failure with the reason."""
    url = _request_address(url)
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
            _check_type(response.headers)
            declared = response.headers.get("Content-Length", "")
            if declared.strip().isdigit() and int(declared) > max_bytes:
                raise _Failure(f"page larger than {_size(max_bytes)}")
            data = _read_capped(response, max_bytes, time.monotonic() + timeout * _WHOLE_PAGE_TIMEOUTS)
    except _Failure:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        # urllib's words when a redirect chain passes the limit or comes back on itself
        if 300 <= error.code < 400 and "infinite loop" in str(error.msg):
            raise _Failure(f"too many redirects (more than {opener.max_redirects})") from None
        raise _Failure(f"HTTP {error.code} {_short(str(error.reason or ''))}".rstrip()) from None
    except urllib.error.URLError as error:
        raise _Failure(_network_reason(error.reason)) from None
    except (OSError, ValueError) as error:  # a timeout while reading, a reset, a malformed answer
        raise _Failure(_network_reason(error)) from None
    except http.client.HTTPException as error:  # a bad status line, a page cut short
        raise _Failure(f"bad answer from the server ({error.__class__.__name__})") from None
    return final_url, data, charset


def _request_address(url: str) -> str:
    """`url` as it can be sent: an http(s) address with a host, non-ASCII characters encoded
    (IDNA for the host, percent-encoding for the rest); _Failure otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _Failure("not an http(s) URL")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise _Failure("not a valid URL (it contains spaces or control characters)")
    try:
        port = parts.port
        host = parts.hostname.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise _Failure("not a valid URL (bad host or port)") from None
    if url.isascii():
        return url
    netloc = host if port is None else f"{host}:{port}"
    if ":" in host:  # an IPv6 address keeps its brackets
        netloc = f"[{host}]" if port is None else f"[{host}]:{port}"
    if parts.username:
        return url  # credentials in the address are rare enough to send as given
    safe = "/:@!$&'()*+,;=%-._~"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"), ""))


def _check_type(headers: Message) -> None:
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    if content_type and content_type not in HTML_TYPES:
        raise _Failure(f"not an HTML page ({_short(content_type)})")


def _read_capped(response, max_bytes: int, deadline: float) -> bytes:
    chunks = []
    total = 0
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise _Failure(f"page larger than {_size(max_bytes)}")
        if time.monotonic() > deadline:
            raise _Failure("timed out")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not response.headers.get("Content-Type") and not _looks_like_html(data):
        raise _Failure("not an HTML page (no content type)")
    if not data.strip():
        raise _Failure("empty page")
    return data


def _looks_like_html(data: bytes) -> bool:
    return re.match(rb"\s*(?:<!doctype\s+html|<html|<head|<!--)", data[:1024], re.IGNORECASE) is not None


def _network_reason(reason) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason).lower():
        return "timed out"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({_short(getattr(reason, 'reason', None) or str(reason))})"
    if isinstance(reason, socket.gaierror):
        return "cannot connect (host not found)"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect ({_short(reason.strerror)})"
    return f"cannot connect ({_short(str(reason))})"


def _short(text: str, limit: int = 80) -> str:
    """Server-supplied text (a reason phrase, a content type) cut to fit on one line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _size(count: int) -> str:
    megabytes = count / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{count:,} bytes"


_HEAD_RE = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_HTML_RE = re.compile(rb"<html(?:\s[^>]*)?>", re.IGNORECASE)
_DOCTYPE_RE = re.compile(rb"\s*<!doctype[^>]*>", re.IGNORECASE)
_CANONICAL_RE = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?\s*canonical\b""", re.IGNORECASE)


def _with_source(data: bytes, url: str, fetched: str, charset: str | None = None) -> bytes:
    """The page with its address and fetch time recorded in its <head>.

    The original bytes are kept as they are; the tags are ASCII (the address HTML-escaped,
    any non-ASCII character as a character reference), which reads the same in every
    ASCII-compatible encoding. A page that names its own canonical address keeps it. The
    charset the server named (`charset`) is written in too when the page declares none, since
    the saved file no longer comes with the server's headers.
    """
    bom = next((b for b in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if data.startswith(b)), None)
    if bom:  # UTF-16 is not ASCII-compatible: edit it as text, then encode it back
        encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
        text = data[len(bom) :].decode(encoding, errors="replace").encode("utf-8")
        return bom + _with_source(text, url, fetched).decode("utf-8").encode(encoding)
    tags = b""
    known = _known_charset(charset)
    if known and known not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32") and not declared_charset(data):
        # The server's own spelling when it is plain ("iso-8859-1", which browsers know too).
        spelled = charset if charset and re.fullmatch(r"[A-Za-z0-9_.:-]{1,40}", charset) else known
        tags += b'<meta charset="' + spelled.encode("ascii") + b'">'
    if not _CANONICAL_RE.search(data):
        tags += _canonical_tag(url)
    tags += _FETCHED_MARK + b' content="' + _ascii_attribute(fetched) + b'">'
    head = _HEAD_RE.search(data)
    if head:
        return data[: head.end()] + tags + data[head.end() :]
    opening = _HTML_RE.search(data) or _DOCTYPE_RE.match(data)
    at = opening.end() if opening else 0
    return data[:at] + b"<head>" + tags + b"</head>" + data[at:]


# The mark that says briefing fetched a page (the fetch time follows as its content).
_FETCHED_MARK = b'<meta name="briefing:fetched"'


def _canonical_tag(url: str) -> bytes:
    """The tag that records where a saved page came from."""
    return b'<link rel="canonical" href="' + _ascii_attribute(url) + b'">'


def _known_charset(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _ascii_attribute(value: str) -> bytes:
    return html.escape(value, quote=True).encode("ascii", errors="xmlcharrefreplace")


def file_name_for(url: str) -> str:
    """A safe file name for a page: host and path as a slug, at most 100 characters, ending .html.

    "https://www.example.com/world/2026/03/talks.html?id=7" → "example.com-world-2026-03-talks-id-7.html".
    Only letters, digits, '.', '-' and '_' are used, and the name never starts with a dot
    (a hidden file would be passed over by the loader).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port:
        host += f"-{parts.port}"
    path = re.sub(r"\.(?:s?html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)
    raw = "-".join(piece for piece in (host, path, parts.query) if piece)
    slug = re.sub(r"[^A-Za-z0-9._]+", "-", raw)
    slug = re.sub(r"-{2,}", "-", slug).strip("-.") or "page"
    return slug[: _MAX_NAME - len(".html") - 4].rstrip("-.") + ".html"  # room for a "-999" suffix


def _saved_before(into: Path, url: str) -> Path | None:
    """The file in `into` an earlier fetch saved from `url`, if there is one: a file under the
    name `url` gives (or a numbered variant) that records this address and a fetch time."""
    address = _canonical_tag(url)
    for candidate in _names_for(into, url):
        try:
            with open(candidate, "rb") as stream:
                head = stream.read(_CHUNK)
        except FileNotFoundError:
            return None  # the numbered names are taken in order: the first gap ends the search
        except OSError:
            continue
        if address in head and _FETCHED_MARK in head:
            return candidate
    return None


def _save(into: Path, url: str, data: bytes) -> Path:
    """Write `data` under a new name in `into`: the URL's name, or that name with -2, -3..."""
    for target in _names_for(into, url):
        if target.exists() or target.is_symlink():
            continue
        try:
            write_atomically(target, data, overwrite=False)
        except WriteError as error:
            if target.exists():
                continue  # taken between the check and the write: try the next name
            raise _Failure(f"cannot save: {error}") from None
        return target
    raise _Failure(f"cannot save: {file_name_for(url)} and {_NAMES - 1} numbered variants already exist")


# A page is saved under its address's name, or that name with -2, -3 ... up to this many.
_NAMES = 999


def _names_for(into: Path, url: str) -> Iterator[Path]:
    """The names a page from `url` may have in `into`, in the order they are taken."""
    name = file_name_for(url)
    stem = name.removesuffix(".html")
    yield into / name
    for number in range(2, _NAMES + 1):
        yield into / f"{stem}-{number}.html"
