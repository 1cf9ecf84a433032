"""The reader app driven with Pilot over the real core: no mocks behind the screen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support.app import opened, reader_text, run
from support.dossiers import DOSSIERS, copy_of
from textual.widgets import Static

from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import SidePanel


def test_list_navigation_opens_articles() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
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
        async with opened() as (app, pilot):
            screen = app.screen
            index = screen.index
            zakharova = next(e for e in index.entities if e.name == "Maria Zakharova")
            screen.post_message(SidePanel.EntityChosen(zakharova))
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
        async with opened() as (app, pilot):
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
        async with opened() as (app, pilot):
            await pilot.press("2", "enter")
            issue = app.screen.index.issues[0]
            assert app.screen.query_one(ArticleList).option_count == len(issue.articles)
            assert app.screen.query_one(Reader).article_id == issue.latest.article

    run(scenario())


def help_text(app: BriefingApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def test_help_lists_keys_from_the_bindings_and_closes() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = help_text(app)
            # Every key the main screen binds is listed, the filter key included.
            listed = {key for cell in app.screen.query(".help-key") for key in str(cell.render()).split(" / ")}
            for binding in MainScreen.BINDINGS:
                assert app.get_key_display(binding) in listed
            assert "filter the article list" in text and "^p" in text and "move the sentence cursor" in text
            body = app.screen.query_one("#help-body")
            await pilot.press("j", "j", "j")
            assert body.scroll_y > 0  # j scrolls the help, not only the arrows
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)

    run(scenario())


def test_help_shows_a_remapped_key_as_remapped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "briefing").mkdir()
    (tmp_path / "briefing" / "config.toml").write_text('[keys]\n"next-mention" = "ctrl+n"\n')

    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("question_mark")
            rows = [
                (str(key.render()), str(what.render()))
                for key, what in zip(app.screen.query(".help-key"), app.screen.query(".help-what"), strict=True)
            ]
            assert ("^n", "next mention, sentence, search hit or cited source, across articles") in rows
            assert not any(key == "n" and what.startswith("next mention") for key, what in rows)

    run(scenario())


def test_narrow_terminal_shows_two_panes_at_most() -> None:
    async def scenario() -> None:
        async with opened(size=(80, 24)) as (app, pilot):
            screen = app.screen
            panel, articles = screen.query_one(SidePanel), screen.query_one("#left")
            assert not panel.display and articles.display
            await pilot.press("3")
            assert panel.display and panel.active == "entities"
            assert not articles.display  # the side panel takes the list's place
            assert screen.query_one(Reader).size.width >= 40
            await pilot.press("p")
            assert not panel.display and articles.display

    run(scenario())


def test_the_reader_is_the_widest_pane() -> None:
    async def scenario() -> None:
        async with opened(size=(160, 48)) as (app, _pilot):
            screen = app.screen
            widths = {name: screen.query_one(name).size.width for name in ("#left", "#reader", "#side-panel")}
            assert widths["#reader"] > max(widths["#left"], widths["#side-panel"])
            tabs = screen.query_one(SidePanel).query_one("Tabs")
            assert tabs.virtual_size.width <= tabs.size.width  # the tab bar does not scroll

    run(scenario())


def test_themes_are_bundled_and_chosen_by_name() -> None:
    async def scenario() -> None:
        async with opened(theme_name="briefing-light") as (app, _pilot):
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
        async with opened(paths=[str(tmp_path)]) as (app, pilot):
            text = reader_text(app)
            for literal in (
                "[@click=app.quit]x[/]",
                "[bold]y[/bold]",
                "[link=file:///etc/passwd]z[/link]",
                "Markup [bold]Title[/bold]",
            ):
                assert literal in text
            assert "\x1b" not in text
            paragraph = app.screen.query_one(Reader).query(".paragraph").first()
            await pilot.click(paragraph, offset=(16, 0))
            await pilot.pause()
            assert app.is_running

    run(scenario())


def test_search_shows_hits_and_n_walks_them() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("slash")
            await pilot.press(*'"direct flights"', "enter")
            screen = app.screen
            hits = screen.index.search('"direct flights"', limit=200).hits
            assert screen.query_one("#results").option_count == len(hits) > 0
            assert "3 hits" in str(screen.query_one("#list-status", Static).render())
            await pilot.press("enter")
            reader = screen.query_one(Reader)
            assert reader.article_id == hits[0].article
            assert reader.marks and all(
                screen.index.article(reader.article_id).text[s:e].lower() == "direct flights" for s, e in reader.marks
            )
            await pilot.press("n")
            assert reader.article_id == hits[1].article
            await pilot.press("escape")
            assert screen.query_one(ArticleList).display and not screen.query_one("#results").display

    run(scenario())


def test_filter_box_narrows_the_list_as_you_type() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("f", *"moscow times")
            assert app.screen.query_one(ArticleList).option_count == 2
            await pilot.press("escape")  # cancels the filter and gives the list its focus back
            assert app.screen.query_one(ArticleList).option_count == 5
            assert app.screen.query_one(ArticleList).has_focus
            await pilot.press("f", *"moscow times", "enter")  # enter keeps it
            assert app.screen.query_one(ArticleList).option_count == 2
            assert app.screen.query_one(ArticleList).has_focus

    run(scenario())


def test_export_writes_the_brief_and_asks_before_overwriting(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("e", "enter")
            await pilot.pause()
            [written] = list(tmp_path.glob("*.md"))
            assert written.read_text().startswith("# US\u2013Russia embassy talks in Istanbul")
            written.write_text("my own notes")
            await pilot.press("e", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmScreen"
            await pilot.press("n")
            assert written.read_text() == "my own notes"
            await pilot.press("e", "enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert written.read_text().startswith("# US\u2013Russia")

    run(scenario())


def test_theme_choice_and_key_remapping_persist(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "briefing").mkdir()
    (tmp_path / "briefing" / "config.toml").write_text('[keys]\n"next-mention" = "ctrl+n"\n')

    async def scenario() -> None:
        async with opened() as (app, pilot):
            app.theme = "briefing-high-contrast"
            await pilot.pause()
            screen = app.screen
            lavrov = next(e for e in screen.index.entities if e.name == "Sergei Lavrov")
            screen.go_to(lavrov)
            await pilot.pause()
            await pilot.press("ctrl+n")
            assert screen.trail_position == 1

    run(scenario())
    saved = (tmp_path / "briefing" / "config.toml").read_text()
    assert 'theme = "briefing-high-contrast"' in saved and '"next-mention" = "ctrl+n"' in saved

    async def reopen() -> None:
        async with opened() as (app, _pilot):
            assert app.theme == "briefing-high-contrast"

    run(reopen())


def test_a_broken_user_theme_is_reported_and_the_app_carries_on(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    themes = tmp_path / "briefing" / "themes"
    themes.mkdir(parents=True)
    (themes / "broken.toml").write_text("name = [unclosed")
    (themes / "mine.toml").write_text('name = "mine"\nprimary = "#123456"\n[variables]\nentity-person = "#FF0000"\n')

    async def scenario() -> None:
        async with opened(theme_name="mine") as (app, _pilot):
            assert app.theme == "mine" and app.theme_variables["entity-person"] == "#FF0000"
            assert any("broken.toml" in str(n.message) for n in app._notifications)

    run(scenario())


def test_palette_offers_articles_entities_and_issues() -> None:
    from briefing.tui.commands import DossierCommands

    async def scenario() -> None:
        async with opened() as (app, pilot):
            provider = DossierCommands(app.screen)
            texts = [hit.text async for hit in provider.search("darchi")]
            assert any(t.startswith("Go to person: Alexander Darchiyev") for t in texts)
            texts = [hit.text async for hit in provider.search("banking")]
            assert "Go to open issue: banking" in texts
            hit = [h async for h in provider.search("Officials Discussed Restoring")][0]  # noqa: RUF015 - an async generator
            hit.command()
            await pilot.pause()
            assert app.screen.query_one(Reader).article_id == 1
            system = [c.title for c in app.get_system_commands(app.screen)]
            assert {"Export brief", "Search", "Theme"} <= set(system)

    run(scenario())


def test_the_entity_under_the_reader_cursor_can_be_chosen() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            await pilot.press("enter")  # open article 1 and focus the reader
            reader = screen.query_one(Reader)
            assert reader.has_focus
            await pilot.press("right_square_bracket", "right_square_bracket")
            _, _, _, entity_id = [h for h in screen.index.highlights[1] if h[2] != "date"][1]
            await pilot.press("enter")
            entity = screen.index.entity(entity_id)
            assert screen.filter_articles == list(entity.articles)
            assert entity.name in str(screen.query_one("#list-status", Static).render())

    run(scenario())


def test_skipped_files_are_listed_by_the_article_list(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Talks Resume\n\nMarch 4, 2024\n\nOfficials met in Geneva on Monday to discuss the treaty again.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad\nname [bold]x.txt").write_bytes(b"%PDF-1.4\n")

    async def scenario() -> None:
        async with opened(paths=[str(tmp_path)]) as (app, pilot):
            status = str(app.screen.query_one("#list-status", Static).render())
            assert "2 skipped" in status
            assert sum(1 for n in app._notifications if "Skipped" in str(n.message)) == 2
            await pilot.press("x")
            assert type(app.screen).__name__ == "SkippedScreen"
            text = "\n".join(str(w.render()) for w in app.screen.query(Static))
            assert "empty file" in text and "binary file (PDF), not text" in text
            assert "bad\\nname [bold]x.txt" in text  # the newline escaped, the markup literal
            await pilot.press("escape")
            assert type(app.screen).__name__ == "MainScreen"

    run(scenario())


def test_many_skipped_files_are_counted_in_one_notification(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Talks Resume\n\nMarch 4, 2024\n\nOfficials met in Geneva on Monday to discuss the treaty again.\n"
    )
    for n in range(6):
        (tmp_path / f"empty-{n}.txt").write_text("")

    async def scenario() -> None:
        async with opened(paths=[str(tmp_path)]) as (app, pilot):
            said = [str(n.message) for n in app._notifications if "Skipped" in str(n.message)]
            assert said == ["Skipped 6 files or entries; press x to list them with their reasons"]
            await pilot.press("x")
            text = "\n".join(str(w.render()) for w in app.screen.query(Static))
            assert all(f"empty-{n}.txt" in text for n in range(6))

    run(scenario())


# --- reader state ---------------------------------------------------------------------------

HARBOUR = DOSSIERS / "harbour"


def harbour_copy(tmp_path: Path, *names: str) -> Path:
    return copy_of("harbour", tmp_path, *names)


def row_text(app: BriefingApp, article_id: int) -> str:
    return str(app.screen.query_one(ArticleList).get_option(f"article-{article_id}").prompt)


def title_is_dimmed(app: BriefingApp, article_id: int) -> bool:
    prompt = app.screen.query_one(ArticleList).get_option(f"article-{article_id}").prompt
    return any(span.start == 0 and span.style == "$text-muted" for span in prompt.spans)


def test_opening_an_article_marks_it_read_and_m_toggles_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with opened([str(harbour_copy(tmp_path))]) as (app, pilot):
            state = app.screen.state
            assert not state.of(1).read and not title_is_dimmed(app, 1)  # shown at start, not opened
            await pilot.press("enter")
            assert state.of(1).read and title_is_dimmed(app, 1)
            await pilot.press("shift+tab", "m")
            assert not state.of(1).read and not title_is_dimmed(app, 1)
            await pilot.press("j", "m")  # in the list, m means the article under the cursor
            assert state.of(2).read and not state.of(1).read

    run(scenario())


def test_s_stars_the_article_or_the_fact_under_the_cursor(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with opened([str(harbour_copy(tmp_path))]) as (app, pilot):
            screen = app.screen
            await pilot.press("j", "s")
            assert screen.state.of(2).starred and row_text(app, 2).startswith("[2] \u2605 ")
            await pilot.press("1", "s")
            lead = screen.index.facts[0].evidence[0]
            text = screen.index.article(lead.article).text[lead.start : lead.end]
            assert screen.state.is_starred_sentence(lead.article, text)
            assert str(screen.query_one("#facts-list").get_option("fact-0").prompt).startswith("\u2605 ")
            assert not screen.state.of(1).starred  # the fact was starred, not an article
            await pilot.press("s")
            assert not screen.state.is_starred_sentence(lead.article, text)

    run(scenario())


def test_a_note_is_written_in_a_modal_and_kept_for_next_time(tmp_path: Path) -> None:
    folder = harbour_copy(tmp_path)

    async def write() -> None:
        async with opened([str(folder)]) as (app, pilot):
            await pilot.press("a")
            await pilot.pause()
            assert type(app.screen).__name__ == "NoteScreen"
            await pilot.press(*"Call the union", "enter", *"[bold]not markup[/]")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.state.of(1).note == "Call the union\n[bold]not markup[/]"
            assert "Your note" in reader_text(app) and "[bold]not markup[/]" in reader_text(app)
            assert "note" in row_text(app, 1)
            await pilot.press("a", "escape")  # cancelling changes nothing
            await pilot.pause()
            assert app.screen.state.of(1).note == "Call the union\n[bold]not markup[/]"

    async def reopen() -> None:
        async with opened([str(folder)]) as (app, _pilot):
            assert app.screen.state.of(1).note == "Call the union\n[bold]not markup[/]"

    run(write())
    run(reopen())


def test_u_lists_unread_articles_only(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with opened([str(harbour_copy(tmp_path))]) as (app, pilot):
            await pilot.press("enter", "shift+tab", "u")
            listed = app.screen.query_one(ArticleList)
            assert [o.id for o in listed.options] == ["article-2", "article-3"]
            await pilot.press("u")
            assert listed.option_count == 3

    run(scenario())


def test_whats_new_lists_what_was_added_since_the_last_visit(tmp_path: Path) -> None:
    folder = harbour_copy(tmp_path, "01-walkout.txt", "02-ships.txt")

    async def first_visit() -> None:
        async with opened([str(folder)]) as (app, pilot):
            await pilot.press("w")
            await pilot.pause()
            assert "first visit" in str(app.screen.query_one("#whats-new-summary").render())

    async def second_visit() -> None:
        async with opened([str(folder)]) as (app, pilot):
            screen = app.screen
            added = next(a.id for a in screen.index.articles if a.path.endswith("03-talks.txt"))
            assert "NEW" in row_text(app, added) and "NEW" not in row_text(app, 1)
            await pilot.press("w")
            await pilot.pause()
            listed = [o.id for o in app.screen.query_one("#whats-new-list").options if o.id]
            assert listed[0] == f"article-{added}"
            assert {f"fact-{n}" for n in screen.state.new_facts()} <= set(listed) and "fact-1" not in listed
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen and screen.query_one(Reader).article_id == added
            assert screen.state.of(added).read

    run(first_visit())
    shutil.copy(HARBOUR / "03-talks.txt", folder / "03-talks.txt")
    run(second_visit())


def test_no_state_keeps_everything_in_memory(tmp_path: Path) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])

    async def scenario() -> None:
        async with opened([str(harbour_copy(tmp_path))], use_state=False) as (app, pilot):
            await pilot.press("enter", "s")
            assert app.screen.state.of(1).read and app.screen.state.of(1).starred

    run(scenario())
    assert not any(data_home.rglob("*.sqlite3"))


def test_a_damaged_state_database_is_reported_once_and_the_app_carries_on(tmp_path: Path) -> None:
    db = Path(os.environ["XDG_DATA_HOME"]) / "briefing" / "state.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all" * 50)

    async def scenario() -> None:
        async with opened([str(harbour_copy(tmp_path))]) as (app, pilot):
            warnings = [n.message for n in app._notifications if n.severity == "warning"]
            assert len([w for w in warnings if "damaged" in w]) == 1
            await pilot.press("enter")
            assert app.screen.state.of(1).read

    run(scenario())
    assert len(list(db.parent.glob("state.sqlite3.damaged-*"))) == 1
