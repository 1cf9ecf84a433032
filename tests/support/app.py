"""The real app driven with Pilot: opened on a dossier and waited on until it is read."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from textual.widgets import Static

from briefing.paths import seeds_dir
from briefing.tui.app import BriefingApp
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.reader import Reader


async def reading_finished(app: BriefingApp, pilot) -> None:
    """Wait for the main screen's reading worker under way (if any) to end, then for what it
    handed the screen (it does so before it ends) to be drawn."""
    screen = app.screen
    loading = [w for w in app.workers if w.node is screen and w.group == "load"]
    if loading:  # (an empty list would wait for every worker, the file watcher's too)
        await app.workers.wait_for_complete(loading)
    await pilot.pause()


async def reading_done(app: BriefingApp, pilot) -> None:
    """Wait for the main screen's first reading of the dossier to end, however it ended."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    # The screen starts reading once it has been painted: wait for that paint (the callbacks
    # after a refresh run in order, so the worker exists once this one has run) ...
    await screen.wait_for_refresh()
    # ... then for the worker.
    await reading_finished(app, pilot)


async def ready(app: BriefingApp, pilot) -> None:
    """Wait for the dossier to be read and shown."""
    await reading_done(app, pilot)
    assert app.screen.index is not None, "the dossier was not read"


@asynccontextmanager
async def opened(
    paths: list[str] | None = None,
    size: tuple[int, int] = (120, 40),
    theme_name: str | None = None,
    use_state: bool = True,
):
    """The app on a dossier (the sample by default), indexed and ready for keys."""
    app = BriefingApp(paths or [str(seeds_dir())], theme_name=theme_name, use_state=use_state)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        yield app, pilot


def run(coroutine) -> None:
    asyncio.run(coroutine)


def reader_text(app: BriefingApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query_one(Reader).query(Static))
