"""Screens as a user sees them, pinned with pytest-textual-snapshot.

Update after an intended change with `pytest tests/functional/test_snapshots.py --snapshot-update`,
then look at the report before committing.
"""

from __future__ import annotations

import pytest
from support.app import reading_done
from textual.widgets import Input

from briefing.paths import seeds_dir
from briefing.tui.app import BriefingApp
from briefing.tui.screens import main as main_screen

SIZE = (120, 40)


async def ready(pilot) -> None:
    """Wait for the dossier to be read, and stop cursors blinking so that screens are stable."""
    app = pilot.app
    await reading_done(app, pilot)
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.fixture(autouse=True)
def fixed_export_name(monkeypatch):
    """The export modal proposes a name with today's date; pin it so the screen is stable."""
    monkeypatch.setattr(
        main_screen,
        "default_filename",
        lambda index, suffix=".md": f"us-russia-embassy-talks-in-istanbul-2026-11-21{suffix}",
    )


class TestMainScreen:
    """The sample dossier in each state an analyst meets."""

    def test_seeds(self, snap_compare) -> None:
        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=ready)

    def test_entity_selected(self, snap_compare) -> None:
        async def choose(pilot) -> None:
            await ready(pilot)
            await pilot.press("3", "enter")
            await pilot.pause()

        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=choose)

    def test_search_results(self, snap_compare) -> None:
        async def search(pilot) -> None:
            await ready(pilot)
            await pilot.press("slash", *"embass*", "enter")
            await pilot.pause()

        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=search)

    def test_read_starred_and_noted(self, snap_compare) -> None:
        async def mark(pilot) -> None:
            await ready(pilot)
            await pilot.press("j", "enter", "shift+tab", "j", "s", "a")
            await pilot.pause()
            area = pilot.app.screen.query_one("TextArea")
            area.cursor_blink = False
            await pilot.press(*"Ask the desk about the flights figure.")
            await pilot.pause()

        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=mark)

    def test_help(self, snap_compare) -> None:
        async def help_screen(pilot) -> None:
            await ready(pilot)
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=help_screen)

    def test_export_modal(self, snap_compare) -> None:
        async def export(pilot) -> None:
            await ready(pilot)
            await pilot.press("e")
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()

        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=SIZE, run_before=export)

    def test_80x24(self, snap_compare) -> None:
        assert snap_compare(BriefingApp([str(seeds_dir())]), terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("theme", ["briefing-dark", "briefing-light", "briefing-high-contrast"])
def test_each_bundled_theme(snap_compare, theme: str) -> None:
    async def entities(pilot) -> None:
        await ready(pilot)
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(BriefingApp([str(seeds_dir())], theme_name=theme), terminal_size=SIZE, run_before=entities)
