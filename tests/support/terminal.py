"""Drive a real program in a pseudo-terminal and read its screen through the pyte emulator.

Unlike Textual's Pilot, this runs the app exactly as a user does: its own process, a real
tty of a given size, real stdin/stdout/stderr. Use it for what only a terminal shows.

    term = Terminal(env={"XDG_DATA_HOME": ...})
    term.start([sys.executable, "-m", "briefing"], cols=80, rows=24)
    term.wait_for("5 articles", timeout=60)
    term.send("j", "enter")
    term.send("q")
    assert term.wait_exit(timeout=20) == 0
    term.close()

Waiting is always bounded (the timeout is an upper bound, never an assertion on speed),
and a wait fails at once, with the screen in the message, if the program exits first.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence

import pyte

# Named keys for send(); anything else is sent as typed. Matches xterm's normal mode.
KEYS = {
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "backspace": "\x7f",
    "space": " ",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "delete": "\x1b[3~",
    "f1": "\x1bOP",
    **{f"ctrl+{c}": chr(ord(c) - 96) for c in "abcdefghijklnopqrstuvwxyz"},
}

# Become the session's controlling terminal (so resizes send SIGWINCH), then exec the program.
# A tiny launcher rather than preexec_fn, which is unsafe in a process with threads.
_LAUNCHER = "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); os.execvp(sys.argv[1], sys.argv[1:])"


class _Screen(pyte.Screen):
    """A pyte screen that answers the terminal's queries (device attributes, cursor position)
    back into the pty, as a real terminal would."""

    def __init__(self, cols: int, rows: int, reply) -> None:
        super().__init__(cols, rows)
        self._reply = reply

    def write_process_input(self, data: str) -> None:
        self._reply(data.encode())


class Terminal:
    """One program in a pseudo-terminal of a given size, its screen kept by pyte."""

    def __init__(self, env: Mapping[str, str] | None = None, cwd: str | os.PathLike | None = None) -> None:
        """`env` is added to a clean copy of the environment (TERM=xterm-256color, UTF-8)."""
        self.extra_env = dict(env or {})
        self.cwd = cwd
        self.process: subprocess.Popen | None = None
        self.raw = bytearray()
        """Every byte the program wrote, for debugging."""
        self._master: int | None = None
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None

    # --- starting and stopping -----------------------------------------------------

    def start(self, args: Sequence[str], cols: int = 80, rows: int = 24) -> None:
        """Run `args` in a fresh pty of `cols` x `rows`."""
        assert self.process is None, "one program per Terminal"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("TEXTUAL") and k not in {"COLUMNS", "LINES", "NO_COLOR", "TMUX"}
        }
        env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        env.update(self.extra_env)
        master, slave = os.openpty()
        self._master = master
        self._set_size(slave, cols, rows)
        self.screen = _Screen(cols, rows, self._write)
        self.stream = pyte.ByteStream(self.screen)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, *args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                cwd=self.cwd,
                start_new_session=True,
                close_fds=True,
            )
        finally:
            os.close(slave)
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    def close(self) -> None:
        """Stop the program (and anything it started in its session) if it still runs; free the pty."""
        process = self.process
        if process is not None and process.poll() is None:
            for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(process.pid, sig)  # our child leads its own session and group
                except ProcessLookupError:
                    break
                try:
                    process.wait(grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._reader is not None:
            self._reader.join(5)
        if self._master is not None:
            os.close(self._master)
            self._master = None

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the screen -----------------------------------------------------------------

    def screen_text(self) -> str:
        """The screen as text: one line per row, trailing spaces removed."""
        with self._lock:
            return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = 30) -> str:
        """Wait until `text` is on screen and return the screen; fail (with the screen) if it
        does not show within `timeout` seconds or the program exits without showing it.

        `text` is a substring, or a compiled pattern searched in screen_text() (use re.M and
        ^ to anchor at a row's start: "5 articles" alone also matches "Analysing 5 articles")."""

        def shows(screen: str) -> bool:
            return bool(text.search(screen)) if isinstance(text, re.Pattern) else text in screen

        wanted = text.pattern if isinstance(text, re.Pattern) else text
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen_text()
            if shows(screen):
                return screen
            if self.process is not None and self.process.poll() is not None:
                self._drain()
                screen = self.screen_text()
                if shows(screen):
                    return screen
                raise AssertionError(
                    f"the program exited (status {self.process.returncode}) before {wanted!r} showed; screen:\n{screen}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} did not show within {timeout} s; screen:\n{screen}")
            time.sleep(0.05)

    # --- input and exit -------------------------------------------------------------

    def send(self, *keys: str) -> None:
        """Type each of `keys`: a name from KEYS ("enter", "ctrl+d", "up") or literal text."""
        for key in keys:
            self._write(KEYS.get(key, key).encode())

    def resize(self, cols: int, rows: int) -> None:
        """Resize the terminal; the program gets SIGWINCH."""
        assert self._master is not None
        with self._lock:
            self.screen.resize(rows, cols)
        self._set_size(self._master, cols, rows)

    def wait_exit(self, timeout: float = 30) -> int:
        """The program's exit status, waiting at most `timeout` seconds for it to exit."""
        assert self.process is not None
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"the program did not exit within {timeout} s; screen:\n{self.screen_text()}"
            ) from None
        self._drain()
        return status

    # --- plumbing -------------------------------------------------------------------

    @staticmethod
    def _set_size(fd: int, cols: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _write(self, data: bytes) -> None:
        if self._master is not None:
            os.write(self._master, data)

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError as error:  # EIO once every holder of the pty's other end has closed it
                if error.errno in (errno.EIO, errno.EBADF):
                    return
                raise
            if not data:
                return
            with self._lock:
                self.raw += data
                self.stream.feed(data)

    def _drain(self) -> None:
        """After exit: give the reader a moment to take in the last output."""
        if self._reader is not None:
            self._reader.join(2)
