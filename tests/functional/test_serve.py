"""`briefing serve`: the app in a browser through textual-serve.

The server runs in its own process (and process group, so that a test can press Ctrl+C the
way a terminal does, and kill whatever is left if it fails). A websocket client plays the
browser's part for the screen text; a headless Chromium, when installed, loads the real page.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from briefing.paths import seeds_dir
from briefing.serve import ServeError, app_command, is_loopback, serve

# Upper bounds for waiting, never assertions on speed: a loaded CI machine may be slow.
LISTEN_WITHIN = 20
SCREEN_WITHIN = 60
EXIT_WITHIN = 20

# The article list's and the reader's panel titles: on screen once the dossier is read.
# The panes once the dossier is read, and the footer offering its keys (export among them)
# once the page has the keyboard.
FIRST_SCREEN = ("Articles", "Reader", "Export")

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_group(pgid: int) -> list[str]:
    """Command lines of the live processes in a process group (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # it ended while we looked
            continue
        # Fields after the command name, which is in parentheses and may hold spaces.
        state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            found.append(cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


class Served:
    """`serve(seeds)` running in a subprocess of its own process group."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        snippet = (
            f"import sys; from briefing.serve import serve; sys.exit(serve([{str(seeds_dir())!r}], port={self.port}))"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", snippet],
            env=os.environ.copy(),  # the per-test XDG folders from conftest
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait_listening(self) -> None:
        deadline = time.monotonic() + LISTEN_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                pytest.fail(f"the server ended with {self.process.returncode}: {err.decode()}{out.decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"nothing listened on port {self.port} within {LISTEN_WITHIN} s")

    def stop(self, how: signal.Signals, *, whole_group: bool) -> tuple[int, str]:
        """Send the signal (to every process in the group, as Ctrl+C in a terminal does, or to
        the server alone) and return the exit status and what the server wrote to stderr."""
        if whole_group:
            os.killpg(self.process.pid, how)
        else:
            self.process.send_signal(how)
        _out, err = self.process.communicate(timeout=EXIT_WITHIN)
        return self.process.returncode, err.decode(errors="replace")

    def leftovers(self) -> list[str]:
        """The app processes still running once the server has ended (allowing them a moment)."""
        deadline = time.monotonic() + 5
        while (left := process_group(self.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return left

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # the group has already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.kill()
        self.process.communicate()


@pytest.fixture
def served() -> Iterator[Served]:
    server = Served()
    try:
        server.wait_listening()
        yield server
    finally:
        server.kill()  # whatever the test did, nothing of it outlives the test


ESCAPES = re.compile(r"\x1b(?:\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(output: bytes) -> str:
    """The text of what the app wrote to its web terminal, without the control sequences."""
    return ESCAPES.sub("", output.decode("utf-8", errors="replace"))


async def read_screen(url: str) -> str:
    """Open the app as the page's script does, and read until the first screen is drawn."""
    async with aiohttp.ClientSession() as session, session.ws_connect(f"{url}/ws?width=100&height=30") as ws:
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        output = b""
        focused = False
        deadline = time.monotonic() + SCREEN_WITHIN
        while not all(word in screen_text(output) for word in FIRST_SCREEN):
            if not focused and all(word in screen_text(output) for word in FIRST_SCREEN[:2]):
                # Textual's web driver starts the app unfocused; the page's script says "focus"
                # when the reader clicks into it, and only then does the footer offer the keys.
                await ws.send_str(json.dumps(["focus"]))
                focused = True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"the first screen did not arrive; the app wrote:\n{screen_text(output)[-2000:]}")
            try:
                message = await ws.receive(timeout=remaining)
            except TimeoutError:
                continue
            # The app's terminal output comes as binary frames; text frames are JSON
            # envelopes (["pong", ...], ["open_url", ...]) that carry no screen.
            if message.type == aiohttp.WSMsgType.BINARY:
                output += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                pytest.fail(f"the websocket closed ({message.type.name}); the app wrote:\n{screen_text(output)}")
        return screen_text(output)


async def refused(url: str) -> tuple[int, int]:
    """The statuses of a page asked for under another host name and of a websocket opened
    from another site's page."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{url}/", headers={"Host": "attacker.example"}) as response:
            page_status = response.status
        try:
            async with session.ws_connect(f"{url}/ws", headers={"Origin": "https://attacker.example"}):
                socket_status = 101
        except aiohttp.WSServerHandshakeError as error:
            socket_status = error.status
    return page_status, socket_status


@pytest.mark.parametrize(
    ("how", "whole_group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c", "sigterm"],
)
def test_serves_the_app_and_stops_cleanly(served: Served, how: signal.Signals, whole_group: bool) -> None:
    async def scenario() -> tuple[str, str, tuple[int, int], tuple[int, str]]:
        async with aiohttp.ClientSession() as session, session.get(f"{served.url}/") as response:
            assert response.status == 200
            assert response.content_type == "text/html"
            page = await response.text()
        screen = await read_screen(served.url)
        statuses = await refused(served.url)
        # Stop it while a browser tab is still connected: its app must be told to quit too.
        async with aiohttp.ClientSession() as session, session.ws_connect(f"{served.url}/ws") as ws:
            await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
            await ws.receive(timeout=SCREEN_WITHIN)  # its app has started and is drawing
            stopping = asyncio.create_task(asyncio.to_thread(served.stop, how, whole_group=whole_group))

            async def read_until_closed() -> None:  # as a browser does, answering the close
                async for _message in ws:
                    pass

            await asyncio.wait_for(read_until_closed(), EXIT_WITHIN)
            stopped = await stopping
        return page, screen, statuses, stopped

    page, screen, statuses, (status, stderr) = asyncio.run(scenario())

    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert ">briefing</div>" in page  # the splash shows the title, not the command line
    assert str(seeds_dir()) not in page
    for word in FIRST_SCREEN:
        assert word in screen
    assert statuses == (403, 403)
    assert status == 0, stderr
    assert stderr.splitlines()[0] == f"briefing: serving the app on {served.url} (Ctrl+C to stop)"
    assert "Traceback" not in stderr
    assert served.leftovers() == []


def test_refuses_to_serve_beyond_this_computer_unless_asked() -> None:
    with pytest.raises(ServeError, match="--allow-remote") as raised:
        serve([], host="0.0.0.0", port=free_port())
    assert "--host 0.0.0.0" in str(raised.value)
    with pytest.raises(ServeError, match="--allow-remote"):
        serve([], host="192.168.1.20", port=free_port())


def test_allow_remote_warns_and_serves(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from textual_serve.server import Server

    started: list[Server] = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: started.append(self))
    port = free_port()
    assert serve(["my notes"], host="0.0.0.0", port=port, allow_remote=True, app_args=["--no-state"]) == 0
    assert capsys.readouterr().err == f"briefing: warning: anyone who can reach 0.0.0.0:{port} can read this dossier\n"
    (server,) = started
    assert server.command == app_command(["my notes"], ["--no-state"])
    assert server.title == "briefing"


def test_a_taken_port_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=rf"^port {port} on 127\.0\.0\.1 is in use; choose another with --port$"):
            serve([], port=port)


def test_loopback_hosts() -> None:
    for host in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST.", "::ffff:127.0.0.1"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "", "192.168.1.20", "example.com", "localhost.example.com"):
        assert not is_loopback(host), host


def test_the_command_quotes_paths_and_ends_options() -> None:
    command = app_command(["-odd name.md", "it's [here]"], ["--theme", "briefing-light"])
    assert command.endswith("-m briefing --theme briefing-light -- '-odd name.md' 'it'\"'\"'s [here]'")


# -- the real page in a headless Chromium ----------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and pixel rows of an 8-bit RGB or RGBA PNG, as Chromium writes them
    (no Pillow needed: zlib and the five PNG row filters)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0) and colour in (2, 6)
    size = 3 if colour == 2 else 4
    raw, stride, rows = zlib.decompress(idat), width * size, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours(png: bytes) -> int:
    """How many different colours the image has."""
    width, _height, rows = png_pixels(png)
    size = len(rows[0]) // width
    return len({row[x : x + 3] for row in rows for x in range(0, len(row), size)})


class DevTools:
    """Just enough of the Chrome DevTools protocol to load a page, ask it a question and take
    a screenshot. `chromium --screenshot` does not do: it shoots as soon as the page has
    loaded, and --virtual-time-budget does not wait for the app's first frame over the
    websocket, which comes in real time a second or two later."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.calls = ws, 0

    async def call(self, method: str, **params: object) -> dict:
        self.calls += 1
        await self.ws.send_json({"id": self.calls, "method": method, "params": params})
        async for message in self.ws:
            reply = json.loads(message.data)
            if reply.get("id") == self.calls:
                assert "error" not in reply, reply
                return reply["result"]
        raise AssertionError(f"Chromium closed the DevTools connection during {method}")

    async def evaluate(self, expression: str) -> object:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (/usr/bin/chromium or chromium on PATH)")
def test_the_page_shows_the_app_in_chromium(served: Served, tmp_path: Path) -> None:
    profile = tmp_path / "chromium-profile"
    browser = subprocess.Popen(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=1200,800",
            "--remote-debugging-port=0",  # Chromium picks one and writes it to DevToolsActivePort
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    async def scenario() -> tuple[bytes, bytes, str]:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + LISTEN_WITHIN
        while not (active.exists() and active.read_text().count("\n")):
            assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        devtools_port = int(active.read_text().split()[0])
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                targets = await response.json()
            page = next(target for target in targets if target["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                devtools = DevTools(ws)
                await devtools.call("Page.navigate", url=f"{served.url}/")
                while await devtools.evaluate("document.readyState") != "complete":
                    await asyncio.sleep(0.1)
                splash = await devtools.screenshot()
                # The page's script adds -first-byte to <body> when the app's first output
                # arrives (the splash then hides) and -closed if the session ends.
                deadline = time.monotonic() + SCREEN_WITHIN
                shot = splash
                while time.monotonic() < deadline:
                    body = str(await devtools.evaluate("document.body.className"))
                    assert "-closed" not in body, "the page says the session ended"
                    if "-first-byte" in body:
                        shot = await devtools.screenshot()
                        # The loading view is a line of text and a bar, which compresses
                        # to little; the article list, the reader and the findings, much
                        # text in many colours, do not. (Decoding is too slow to poll.)
                        if len(shot) > 4 * len(splash):
                            break
                    await asyncio.sleep(0.5)
                return splash, shot, body

    try:
        splash, shot, body = asyncio.run(scenario())
    finally:
        browser.kill()
        browser.wait()
    # Kept for a person to look at: pytest --basetemp=DIR keeps them at a known place.
    (tmp_path / "splash.png").write_bytes(splash)
    (tmp_path / "app.png").write_bytes(shot)
    assert "-first-byte" in body, f"the app's output never reached the page (body class {body!r})"
    assert colours(shot) > 2 * colours(splash), f"the page still shows no app screen: see {tmp_path / 'app.png'}"


def test_the_command_line_says_a_refused_host_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "serve", "--host", "0.0.0.0", "--no-state"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "add --allow-remote" in result.stderr
    assert "Traceback" not in result.stderr
