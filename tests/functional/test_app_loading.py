"""The app's first screen: the loading view at once, keys that wait harmlessly while the
dossier is read, then the panes."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from support.app import run
from textual.widgets import Footer, ProgressBar

from briefing.paths import seeds_dir
from briefing.tui.app import BriefingApp
from briefing.tui.screens import main as main_screen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader


@asynccontextmanager
async def reading_held(monkeypatch, size: tuple[int, int] = (120, 40)):
    """The app on the sample, its reading held back until the test lets it go: yields the
    app, the pilot and a function that lets the reading finish and waits for it."""
    gate = threading.Event()
    open_dossier = main_screen.open_dossier

    def held(*args, **kwargs):
        gate.wait(30)
        return open_dossier(*args, **kwargs)

    monkeypatch.setattr(main_screen, "open_dossier", held)
    app = BriefingApp([str(seeds_dir())])
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.wait_for_refresh()  # the reading starts once the screen is painted

        async def finish() -> None:
            gate.set()
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "load"])
            await pilot.pause()

        try:
            yield app, pilot, finish
        finally:
            gate.set()  # never leave the reading thread waiting


def test_the_first_screen_is_the_loading_view_and_the_panes_come_once_the_dossier_is_read(monkeypatch) -> None:
    async def scenario() -> None:
        async with reading_held(monkeypatch) as (app, _pilot, finish):
            screen = app.screen
            assert screen.query_one("#loading").display
            assert "Reading the dossier" in str(screen.query_one("#loading-label").render())
            assert screen.query(ProgressBar) and screen.query(Footer)
            # Only what the first paint shows is built: no pane yet.
            assert not screen.query("#panes")
            assert not screen.query(ArticleList) and not screen.query(Reader) and not screen.query("#side-panel")
            await finish()
            assert screen.index is not None
            assert not screen.query_one("#loading").display
            assert screen.query_one("#panes").display
            assert screen.query_one(ArticleList).has_focus
            assert screen.query_one(ArticleList).option_count == len(screen.index.articles)
            assert screen.query_one(Reader).article_id == screen.index.articles[0].id
            assert screen.query_one("#side-panel").display

    run(scenario())


# Every key of the main screen and the app but q (which quits), pressed while the dossier is read.
KEYS_WHILE_READING = [
    *("tab", "shift+tab", "slash", "x", "enter", "f", "y", "escape", "n", "N", "e", "z", "p", "S", "R"),
    *("o", "m", "s", "a", "u", "w", "1", "2", "3", "4", "5", "j", "k", "enter", "escape"),
]


def test_keys_pressed_while_the_dossier_is_read_do_no_harm(monkeypatch) -> None:
    async def scenario() -> None:
        async with reading_held(monkeypatch) as (app, pilot, finish):
            screen = app.screen
            for key in KEYS_WHILE_READING:
                await pilot.press(key)
                assert app.screen is screen, f"{key} opened {app.screen!r} before the dossier was read"
            # The palette's commands for the dossier, run before there is one.
            commands = {
                "Export brief",
                "Search",
                "Sort articles by date",
                "Reload the dossier",
                "Zoom the focused pane",
            }
            for command in app.get_system_commands(screen):
                if command.title in commands:
                    command.callback()
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert app.screen is screen and screen.index is None and app.is_running
            await finish()
            # Nothing pressed while reading left a mark: the dossier opens as it always does.
            assert screen.query_one(ArticleList).has_focus
            assert screen.query_one(ArticleList).option_count == len(screen.index.articles)
            assert screen.query_one("#side-panel").display and screen.query_one("#left").display
            assert not screen.query_one("#search").display and not screen.query_one("#results").display
            await pilot.press("j", "enter")
            assert screen.query_one(Reader).article_id == screen.index.articles[1].id
            await pilot.press("q")
        assert app.return_code == 0

    run(scenario())


def test_the_dossier_read_under_the_help_is_shown_when_the_help_closes(monkeypatch) -> None:
    async def scenario() -> None:
        async with reading_held(monkeypatch, size=(100, 30)) as (app, pilot, finish):
            screen = app.screen
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await finish()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.index is not None
            assert screen.query_one("#panes").display and not screen.query_one("#loading").display
            assert screen.query_one(ArticleList).has_focus
            # Narrow: the reader and the list share the window.
            assert screen.query_one("#left").display and not screen.query_one("#side-panel").display

    run(scenario())
