"""The real `briefing` app in a real pseudo-terminal, its screen read through pyte.

Pilot runs the app inside the test process, where Textual does not replace sys.stderr the
way it does in a terminal; these tests run `python -m briefing` as a user would. The last
ones check the core's side without a terminal: its process pool starts whatever sys.stderr
is, and a pool that cannot start or breaks never loses the dossier.
"""

from __future__ import annotations

import concurrent.futures
import re
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import pytest
from support.terminal import Terminal

import briefing.ingest.dossier as dossier_module
from briefing.ingest.dossier import PARALLEL_FROM, load_dossier
from briefing.paths import seeds_dir

# Upper bounds for waiting, never assertions on speed: a loaded CI machine may be slow.
READY_WITHIN = 90
EXIT_WITHIN = 30


@pytest.fixture
def term(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    terminal = Terminal(
        cwd=tmp_path,
        env={
            "HOME": str(home),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
    )
    yield terminal
    terminal.close()


def briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def list_status(count: int) -> re.Pattern[str]:
    """The article list's status line: "450 articles", maybe with "· 2 skipped" after it.

    Not the loading label ("Analysing 450 articles…") and not a filtered list ("3 of 450
    articles"); wherever the list is drawn, with or without a border."""
    return re.compile(rf"(?<!Analysing )(?<!of )\b{count} articles\b(?!:)")


def assert_clean(screen: str) -> None:
    for word in ("Traceback", "Error"):
        assert word not in screen, screen


def big_dossier(folder: Path, count: int) -> Path:
    """`count` distinct small news articles: the sample articles under new title lines."""
    folder.mkdir()
    seeds = sorted(seeds_dir().glob("*.txt"))
    for number in range(count):
        seed = seeds[number % len(seeds)]
        body = seed.read_text(encoding="utf-8").split("\n", 1)[1]
        title = f"Envoys meet again in Istanbul, round {number + 1}"
        (folder / f"{number:04d}.txt").write_text(f"{title}\n{body}", encoding="utf-8")
    return folder


def test_app_reads_a_dossier_big_enough_for_worker_processes(term: Terminal, tmp_path: Path) -> None:
    # Big dossiers are read in a process pool started from the app's worker thread, while
    # Textual's sys.stderr has no file descriptor; that used to end the app with a traceback.
    count = 450
    assert count >= PARALLEL_FROM
    folder = big_dossier(tmp_path / "dossier", count)
    term.start(briefing(str(folder)), cols=160, rows=48)
    screen = term.wait_for(list_status(count), timeout=READY_WITHIN)
    assert_clean(screen)
    assert "round " in screen  # the list shows the articles themselves
    term.send("q")
    assert term.wait_exit(timeout=EXIT_WITHIN) == 0
    assert_clean(term.screen_text())


def test_app_on_the_sample_at_80x24(term: Terminal) -> None:
    term.start(briefing(), cols=80, rows=24)
    screen = term.wait_for(list_status(5), timeout=READY_WITHIN)
    assert_clean(screen)
    term.send("q")
    assert term.wait_exit(timeout=EXIT_WITHIN) == 0
    assert_clean(term.screen_text())


def test_tab_then_j_in_a_real_terminal_moves_in_a_pane_not_the_filter(term: Terminal) -> None:
    term.start(briefing(), cols=80, rows=24)
    term.wait_for(list_status(5), timeout=READY_WITHIN)
    term.send("2")
    # At 80 columns the side panel takes the list's place: two panes, the reader readable.
    screen = term.wait_for("Findings", timeout=READY_WITHIN)
    assert "Reader" in screen and "Articles" not in screen
    term.send("tab", "j", "p")
    # The list is back; had "j" gone into the filter box, it would say "0 of 5 articles"
    # (which list_status does not match), and this wait would fail.
    screen = term.wait_for(list_status(5), timeout=READY_WITHIN)
    assert "0 of 5" not in screen
    term.send("q")
    assert term.wait_exit(timeout=EXIT_WITHIN) == 0


# --- the core's side of it, without a terminal ------------------------------------------

STDERR_WITHOUT_DESCRIPTOR = """
import sys
from multiprocessing import resource_tracker

from briefing.ingest.dossier import load_dossier


class Capture:
    # Like Textual's capture of stderr: fileno() answers -1.
    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


capture = sys.stderr = Capture()
dossier = load_dossier([sys.argv[1]])
assert sys.stderr is capture, "sys.stderr was not restored"
assert resource_tracker._resource_tracker._pid is not None, "the pool never started"
print(len(dossier.articles))
"""


def test_core_starts_its_pool_when_stderr_has_no_descriptor(tmp_path: Path) -> None:
    # A fresh interpreter: multiprocessing starts its resource tracker once per process.
    folder = big_dossier(tmp_path / "dossier", PARALLEL_FROM + 10)
    done = subprocess.run(
        [sys.executable, "-c", STDERR_WITHOUT_DESCRIPTOR, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(PARALLEL_FROM + 10)]


class _FailingPool:
    """Stands in for ProcessPoolExecutor: cannot start, or breaks at chunk `breaks_at`."""

    def __init__(self, *args, breaks_at: int | None = None, **kwargs) -> None:
        if breaks_at is None:
            raise ValueError("bad value(s) in fds_to_keep")
        self.breaks_at, self.submitted = breaks_at, 0

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        if self.submitted == self.breaks_at:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(function(*args))
        self.submitted += 1
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass

    def __enter__(self) -> _FailingPool:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


@pytest.fixture(scope="module")
def three_chunks(tmp_path_factory):
    """A folder that is read in three chunks (of 100) when read in parallel, and what it reads as."""
    count = 201
    assert count < PARALLEL_FROM  # so that the expected result is read without a pool
    folder = big_dossier(tmp_path_factory.mktemp("chunks") / "dossier", count)
    return folder, load_dossier([folder])


@pytest.mark.parametrize("breaks_at", [None, 0, 1])
def test_core_reads_in_process_when_the_pool_fails(three_chunks, monkeypatch, breaks_at) -> None:
    # The pool cannot start (None), or breaks at the first or second chunk: the rest is read here.
    folder, expected = three_chunks
    monkeypatch.setattr(dossier_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(dossier_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", partial(_FailingPool, breaks_at=breaks_at))
    assert load_dossier([folder]) == expected
