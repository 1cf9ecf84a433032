"""`briefing fetch`: pages downloaded from a local server on 127.0.0.1, never the internet."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.ingest.dossier import load_dossier
from briefing.ingest.fetch import DEFAULT_USER_AGENT, fetch_pages, file_name_for, read_url_list
from briefing.ingest.load import discover

STORY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour cranes return to work after strike</title></head>
<body><article>
<h1>Harbour cranes return to work after strike</h1>
<p>Dock workers in Rotterdam returned to the cranes on Tuesday after a four-day strike over shift
patterns ended with an agreement between the union and the port operators.</p>
<p>The agreement, signed late on Monday, caps night shifts at three a week and adds a second rest
day for crane drivers, the union said in a statement read to reporters at the gates.</p>
<p>Shipping lines had diverted eleven vessels to Antwerp and Hamburg during the stoppage, and the
port authority said it expected the backlog of containers to clear by the end of the week.</p>
</article></body></html>
"""

SECOND = STORY.replace("Harbour cranes return to work after strike", "Port backlog clears as ships return")

# What the test handler saw, so a test can tell that a URL was (or was not) requested.
REQUESTS: list[tuple[str, str]] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    big_size = 50_000

    def do_GET(self) -> None:
        REQUESTS.append((self.path, self.headers.get("User-Agent", "")))
        route = self.path.split("?")[0]
        if route == "/story":
            self._send(200, "text/html; charset=utf-8", STORY.encode())
        elif route == "/second":
            self._send(200, "text/html", SECOND.encode())
        elif route == "/redirect":
            self._redirect("/story")
        elif route.startswith("/chain/"):  # /chain/3 → /chain/2 → /chain/1 → /chain/0 → /story
            steps = int(route.rsplit("/", 1)[1])
            self._redirect(f"/chain/{steps - 1}" if steps > 1 else "/story")
        elif route == "/loop":
            self._redirect("/loop")
        elif route == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.html")
        elif route == "/missing":
            self._send(404, "text/html", b"<html><body>gone</body></html>")
        elif route == "/slow":
            time.sleep(2)
            self._send(200, "text/html", STORY.encode())
        elif route == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
        elif route == "/big":
            # No Content-Length: the cap must hold while reading, not only on the header.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 1000 + b"</p>\n"
            try:
                for _ in range(self.big_size // len(chunk) + 2):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stopped reading at its cap
        elif route == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10 * self.big_size))
            self.end_headers()
        else:
            self._send(404, "text/plain", b"no such page")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the timeout test)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def server(monkeypatch):
    """The base address of a local test server on 127.0.0.1, on a port of its own."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # a proxy must not stand between the test and 127.0.0.1
    REQUESTS.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True  # the /slow handler must not hold up the end of the tests
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _only(results):
    [result] = results
    return result


def test_a_page_is_saved_with_its_address_and_read_back_as_the_articles_url(server: str, tmp_path: Path) -> None:
    result = _only(fetch_pages([f"{server}/story"], tmp_path))
    assert result.reason is None and result.path is not None
    assert result.path.parent == tmp_path and result.path.suffix == ".html"
    saved = result.path.read_bytes()
    assert b'<meta name="briefing:fetched" content="' in saved
    assert saved.endswith(STORY.encode().split(b"</title></head>")[1])  # the page's own bytes kept
    dossier = load_dossier([tmp_path])
    [article] = dossier.articles
    assert article.url == f"{server}/story"
    assert article.title == "Harbour cranes return to work after strike"
    assert REQUESTS == [("/story", DEFAULT_USER_AGENT)]  # named user agent, fetched once


def test_a_redirect_is_followed_and_the_final_address_recorded(server: str, tmp_path: Path) -> None:
    result = _only(fetch_pages([f"{server}/redirect"], tmp_path))
    assert result.path is not None and result.final_url == f"{server}/story"
    [article] = load_dossier([tmp_path]).articles
    assert article.url == f"{server}/story"


def test_the_same_address_is_fetched_once(server: str, tmp_path: Path) -> None:
    results = fetch_pages([f"{server}/story", f" {server}/story ", f"{server}/story#comments"], tmp_path)
    assert len(results) == 1 and results[0].path is not None
    assert [path for path, _ in REQUESTS] == ["/story"]
    assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop", "too many redirects (more than 5)"),
        ("/to-ftp", "redirected to a non-http(s) address (ftp://127.0.0.1/file.html)"),
        ("/image", "not an HTML page (image/png)"),
    ],
)
def test_a_page_that_cannot_be_saved_is_one_failure_and_leaves_no_file(
    server: str, tmp_path: Path, path: str, reason: str
) -> None:
    result = _only(fetch_pages([server + path], tmp_path))
    assert (result.path, result.reason) == (None, reason)
    assert list(tmp_path.iterdir()) == []  # neither a file nor a temporary one


def test_a_redirect_loop_stops_at_the_limit(server: str, tmp_path: Path) -> None:
    result = _only(fetch_pages([f"{server}/loop"], tmp_path, max_redirects=2))
    assert result.reason == "too many redirects (more than 2)"
    assert 2 <= len(REQUESTS) <= 3  # the first request and at most the allowed redirects


def test_a_chain_of_redirects_is_followed_up_to_the_limit_and_no_further(server: str, tmp_path: Path) -> None:
    allowed = _only(fetch_pages([f"{server}/chain/2"], tmp_path, max_redirects=2))
    assert allowed.path is not None and allowed.final_url == f"{server}/story"
    too_long = _only(fetch_pages([f"{server}/chain/3"], tmp_path, max_redirects=2))
    assert (too_long.path, too_long.reason) == (None, "too many redirects (more than 2)")


def test_a_slow_server_times_out(server: str, tmp_path: Path) -> None:
    result = _only(fetch_pages([f"{server}/slow"], tmp_path, timeout=0.5))
    assert (result.path, result.reason) == (None, "timed out")
    assert list(tmp_path.iterdir()) == []


def test_a_page_over_the_size_cap_is_refused_whole(server: str, tmp_path: Path) -> None:
    for path in ("/big", "/big-declared"):
        result = _only(fetch_pages([server + path], tmp_path, max_bytes=_Handler.big_size))
        assert (result.path, result.reason) == (None, "page larger than 50,000 bytes")
    assert list(tmp_path.iterdir()) == []
    assert (
        fetch_pages([f"{server}/big"], tmp_path, max_bytes=5 * 1024 * 1024)[0].path is not None
    )  # the cap is what refused it


def test_the_default_cap_is_named_in_megabytes(server: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(_Handler, "big_size", 5 * 1024 * 1024)
    result = _only(fetch_pages([f"{server}/big-declared"], tmp_path))
    assert result.reason == "page larger than 5 MB"


def test_only_http_addresses_are_fetched(tmp_path: Path) -> None:
    results = fetch_pages(["file:///etc/passwd", "ftp://example.org/a.html", "example.org/story", "http://"], tmp_path)
    assert [r.reason for r in results] == ["not an http(s) URL"] * 4
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        result = _only(fetch_pages([f"http://127.0.0.1:{port}/story"], tmp_path, timeout=2))
    assert result.path is None and result.reason.startswith("cannot connect (")
    assert "\n" not in result.reason


def test_an_existing_file_is_never_overwritten(server: str, tmp_path: Path) -> None:
    taken = tmp_path / file_name_for(f"{server}/story")
    taken.write_text("my own notes")
    first = _only(fetch_pages([f"{server}/story"], tmp_path))
    assert taken.read_text() == "my own notes"
    assert first.path == tmp_path / taken.name.replace(".html", "-2.html")
    assert first.path.read_bytes().startswith(b"<!DOCTYPE html>")
    again = _only(fetch_pages([f"{server}/story"], tmp_path, again=True))
    assert again.path == tmp_path / taken.name.replace(".html", "-3.html") and not again.already


def test_an_address_saved_before_is_not_downloaded_again(server: str, tmp_path: Path) -> None:
    first = _only(fetch_pages([f"{server}/story"], tmp_path))
    second, redirected = fetch_pages([f"{server}/story", f"{server}/redirect"], tmp_path)
    assert second.already and second.path == first.path
    assert redirected.already and redirected.path == first.path  # a link that leads to it
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.path.name]
    # A file of the same name the user wrote is not taken for a fetched copy.
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / first.path.name).write_text("<html><head></head><body>my notes</body></html>")
    assert not _only(fetch_pages([f"{server}/story"], other)).already


def test_file_names_are_safe_and_short() -> None:
    assert (
        file_name_for("https://www.example.com/world/2026/03/talks.html?id=7")
        == "example.com-world-2026-03-talks-id-7.html"
    )
    name = file_name_for("https://example.com/../../.hidden/" + "\u00e9/\n" * 80 + "a" * 300)
    assert len(name) <= 100 and name.endswith(".html") and not name.startswith(".")
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
    assert (
        "/" not in file_name_for("http://127.0.0.1:8000/")
        and file_name_for("http://127.0.0.1:8000/") == "127.0.0.1-8000.html"
    )


def test_the_address_is_escaped_in_the_saved_page(server: str, tmp_path: Path) -> None:
    hostile = f'{server}/story?q="><script>alert(1)</script>'
    result = _only(fetch_pages([hostile], tmp_path))
    assert result.path is not None, result.reason
    saved = result.path.read_bytes()
    assert b"<script>alert" not in saved
    [article] = load_dossier([tmp_path]).articles
    assert article.url == result.final_url


def test_a_canonical_address_the_page_states_is_kept(tmp_path: Path) -> None:
    from briefing.ingest.fetch import _with_source

    page = b'<html><head><link rel="canonical" href="https://example.org/a"></head><body></body></html>'
    saved = _with_source(page, "https://example.org/a?utm=x", "2026-03-01T10:00:00+00:00")
    assert saved.count(b"canonical") == 1 and b'content="2026-03-01T10:00:00+00:00"' in saved
    headless = _with_source(b"<!doctype html><p>text</p>", "https://example.org/b", "T")
    assert headless.startswith(b'<!doctype html><head><link rel="canonical" href="https://example.org/b">')


def test_url_lists_skip_blank_lines_and_comments() -> None:
    assert read_url_list("# wire stories\n\nhttps://a.example/1\n  https://a.example/2  \n#https://a.example/3\n") == [
        "https://a.example/1",
        "https://a.example/2",
    ]


def test_a_urls_txt_in_a_dossier_is_reported_not_read_and_not_fetched(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "urls.txt").write_text(f"{server}/story\n")
    (folder / "story.txt").write_text("Dock workers returned to the cranes on Tuesday after a four-day strike ended.\n")
    found = discover([folder])
    assert [p.name for p in found.files] == ["story.txt"]
    [skipped] = [s for s in found.skipped if s.path.endswith("urls.txt")]
    assert skipped.reason == f"list of links: run `briefing fetch --into {folder}` to download them"
    dossier = load_dossier([folder])
    assert [Path(a.path).name for a in dossier.articles] == ["story.txt"]
    assert REQUESTS == []  # loading never touches the network


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "fetch", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_the_command_downloads_a_dossier_folders_own_list(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "urls.txt").write_text(f"{server}/story\n")
    result = _cli("--into", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"saved {folder / file_name_for(server + '/story')}\n"
    assert [a.title for a in load_dossier([folder]).articles] == ["Harbour cranes return to work after strike"]


def test_the_command_prints_a_line_per_address_and_fails_when_one_fails(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# from the desk\n{server}/second\n\n{server}/missing\n")
    result = _cli(f"{server}/story", "--list", str(listing), "--into", "pages", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"saved {Path('pages') / file_name_for(server + '/story')}"
    assert lines[1] == f"saved {Path('pages') / file_name_for(server + '/second')}"
    assert lines[2] == f"failed {server}/missing: HTTP 404 Not Found"
    assert len(lines) == 3 and result.stderr == ""
    titles = sorted(a.title for a in load_dossier([tmp_path / "pages"]).articles)
    assert titles == ["Harbour cranes return to work after strike", "Port backlog clears as ships return"]


def test_the_command_succeeds_when_every_page_is_saved(server: str, tmp_path: Path) -> None:
    result = _cli(f"{server}/story", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"saved {file_name_for(server + '/story')}\n"


def test_the_command_escapes_control_characters_in_addresses(tmp_path: Path) -> None:
    result = _cli("gopher://x/\x1b[31mred", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "failed gopher://x/\\x1b[31mred: not an http(s) URL\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (),
            "briefing: no URL given: name pages to download, a file of them with --list FILE, "
            "or a folder holding a urls.txt with --into DIR\n",
        ),
        (("--list", "nowhere.txt"), "briefing: --list nowhere.txt: no such file\n"),
    ],
)
def test_the_command_reports_bad_input_in_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = _cli(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == message and result.stdout == ""


def test_the_command_refuses_a_file_as_the_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.html").write_text("mine")
    result = _cli("http://127.0.0.1:9/story", "--into", "notes.html", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr.startswith("briefing: cannot use folder notes.html: ")
    assert (tmp_path / "notes.html").read_text() == "mine"
