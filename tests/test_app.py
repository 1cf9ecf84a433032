"""The reader app driven with Pilot over the real core: no mocks behind the screen."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from briefing.paths import seeds_dir
from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import SidePanel


async def ready(app: BriefingApp, pilot) -> None:
    """Wait for the worker to finish indexing."""
    for _ in range(200):
        await pilot.pause(0.02)
        if getattr(app.screen, "index", None) is not None:
            break
    await pilot.pause()


def run(coroutine) -> None:
    asyncio.run(coroutine)


def reader_text(app: BriefingApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query_one(Reader).query(Static))


def test_list_navigation_opens_articles() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            screen = app.screen
            assert screen.query_one(ArticleList).has_focus
            assert screen.query_one(Reader).article_id == 1
            await pilot.press("j", "j", "enter")
            assert screen.query_one(Reader).article_id == 3
            assert screen.query_one(Reader).has_focus
            await pilot.press("shift+tab")
            await pilot.press("G", "enter")
            assert screen.query_one(Reader).article_id == 5
            await pilot.press("shift+tab", "g", "enter")
            assert screen.query_one(Reader).article_id == 1

    run(scenario())


def test_choosing_an_entity_filters_and_n_walks_its_mentions() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            screen = app.screen
            index = screen.index
            zakharova = next(e for e in index.entities if e.name == "Maria Zakharova")
            screen.post_message(SidePanel.Chosen("entity", zakharova.id))
            await pilot.pause()
            assert screen.query_one(ArticleList).option_count == len(zakharova.articles) == 1
            assert "Maria Zakharova" in str(screen.query_one("#list-status", Static).render())
            reader = screen.query_one(Reader)
            visited = []
            for _ in range(len(zakharova.mentions)):
                visited.append(reader.focus_span)
                await pilot.press("n")
            sentences = {(index.article(m.article).sentence_at(m.start).start) for m in zakharova.mentions}
            assert {span[0] for span in visited} == sentences
            await pilot.press("N")
            await pilot.press("escape")
            assert screen.query_one(ArticleList).option_count == len(index.articles)

    run(scenario())


def test_a_fact_opens_its_source_sentence() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("1")
            assert app.screen.query_one("#facts-list").has_focus
            await pilot.press("j", "enter")
            fact = app.screen.index.facts[1]
            reader = app.screen.query_one(Reader)
            assert reader.article_id == fact.evidence[0].article
            assert reader.focus_span == (fact.evidence[0].start, fact.evidence[0].end)

    run(scenario())


def test_an_issue_filters_to_its_articles() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("2", "enter")
            issue = app.screen.index.issues[0]
            assert app.screen.query_one(ArticleList).option_count == len(issue.articles)
            assert app.screen.query_one(Reader).article_id == issue.latest.article

    run(scenario())


def test_help_lists_keys_and_closes() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = "\n".join(str(w.render()) for w in app.screen.query(Static))
            for key in ("n / N", "ctrl+p", "escape", "1 2 3 4 5"):
                assert key in text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)

    run(scenario())


def test_narrow_terminal_hides_and_shows_the_panel() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())])
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            panel = app.screen.query_one(SidePanel)
            assert not panel.display
            await pilot.press("p")
            assert panel.display
            await pilot.press("3")
            assert panel.active == "entities"

    run(scenario())


def test_themes_are_bundled_and_chosen_by_name() -> None:
    async def scenario() -> None:
        app = BriefingApp([str(seeds_dir())], theme_name="briefing-light")
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            assert app.theme == "briefing-light"
            assert {"briefing-dark", "briefing-light", "briefing-high-contrast"} <= set(app.available_themes)
            assert app.theme_variables["entity-person"] == "#9A3412"

    run(scenario())


def test_markup_in_an_article_is_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Markup [bold]Title[/bold]\n\nMarch 4, 2024\n\n"
        "Officials said [@click=app.quit]x[/] and [bold]y[/bold] and [link=file:///etc/passwd]z[/link] "
        "were typed by a prankster in Geneva.\x1b[31m\n"
    )

    async def scenario() -> None:
        app = BriefingApp([str(tmp_path)])
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            text = reader_text(app)
            for literal in ("[@click=app.quit]x[/]", "[bold]y[/bold]", "[link=file:///etc/passwd]z[/link]", "Markup [bold]Title[/bold]"):
                assert literal in text
            assert "\x1b" not in text
            paragraph = app.screen.query_one(Reader).query(".paragraph").first()
            await pilot.click(paragraph, offset=(16, 0))
            await pilot.pause()
            assert app.is_running

    run(scenario())
