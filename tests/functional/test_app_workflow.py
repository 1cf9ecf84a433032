"""The app as an analyst works in it: panes and focus, sources stepped through, quoting,
sorting and a dossier that changes while it is open. Real app over the real core."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support.app import opened, reader_text, reading_done, reading_finished, run
from support.dossiers import TESTS, copy_of
from textual.widgets import Input, Static

from briefing.paths import seeds_dir
from briefing.tui.app import BriefingApp
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import SidePanel
from briefing.views.citation import source_line


def status(app) -> str:
    return str(app.screen.query_one("#list-status", Static).render())


def test_tab_moves_between_the_three_panes_never_into_the_filter_box() -> None:
    async def scenario() -> None:
        async with opened(size=(160, 48)) as (app, pilot):
            screen = app.screen
            await pilot.press("2", "tab", "j")
            assert "5 articles" in status(app)  # "j" was not typed into the filter
            assert screen.query_one("#filter", Input).value == ""
            visited = []
            for _ in range(3):
                await pilot.press("tab")
                focused = screen.focused
                visited.append(
                    next(node.id for node in focused.ancestors_with_self if node.id in ("left", "reader", "side-panel"))
                )
            assert sorted(visited) == ["left", "reader", "side-panel"]
            await pilot.press("f")
            assert screen.query_one("#filter", Input).has_focus
            await pilot.press("enter")
            assert screen.query_one(ArticleList).has_focus

    run(scenario())


def test_z_gives_the_focused_pane_the_whole_window() -> None:
    async def scenario() -> None:
        async with opened(size=(100, 30)) as (app, pilot):
            screen = app.screen
            await pilot.press("tab")
            reader = screen.query_one(Reader)
            assert reader.has_focus
            await pilot.press("z")
            await pilot.pause()
            assert screen.maximized is reader and reader.size.width >= 90
            await pilot.press("z")
            await pilot.pause()
            assert screen.maximized is None and reader.size.width < 90

    run(scenario())


def test_a_fact_steps_through_every_sentence_it_cites() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            fact = next(f for f in screen.index.facts if len(f.evidence) >= 3)
            number = screen.index.facts.index(fact)
            await pilot.press("1", *["j"] * number, "enter")
            reader = screen.query_one(Reader)
            seen = [(reader.article_id, reader.focus_span)]
            for _ in range(len(fact.evidence) - 1):
                await pilot.press("n")
                seen.append((reader.article_id, reader.focus_span))
            assert seen == [(m.article, (m.start, m.end)) for m in fact.evidence]
            assert screen.query_one(ArticleList).option_count == len(fact.sources)

    run(scenario())


def test_a_difference_opens_each_variant_in_turn() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            difference = next(d for d in screen.index.discrepancies if sum(len(v.evidence) for v in d.variants) >= 2)
            screen.post_message(SidePanel.DifferenceChosen(difference))
            await pilot.pause()
            reader = screen.query_one(Reader)
            evidence = [m for v in difference.variants for m in v.evidence]
            opened_at = []
            for _ in evidence:
                opened_at.append(reader.article_id)
                await pilot.press("n")
            assert opened_at == [m.article for m in evidence]

    run(scenario())


def test_citation_numbers_match_the_brief() -> None:
    async def scenario() -> None:
        async with opened() as (app, _pilot):
            screen = app.screen
            articles = screen.query_one(ArticleList)
            for position, article in enumerate(screen.index.articles):
                assert str(articles.get_option_at_index(position).prompt).startswith(f"[{article.id}] ")
            assert reader_text(app).startswith(f"[1] {screen.index.article(1).title}")

    run(scenario())


def test_y_copies_the_sentence_under_the_cursor_with_its_source() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            await pilot.press("tab", "right_parenthesis", "right_parenthesis", "y")
            reader = screen.query_one(Reader)
            article = screen.index.article(reader.article_id)
            sentence = article.sentences[1]
            assert (
                app.clipboard
                == f"\u201c{article.text[sentence.start : sentence.end]}\u201d ([{article.id}] {source_line(article)})"
            )
            assert article.source in app.clipboard and article.url in app.clipboard

    run(scenario())


def test_y_in_the_facts_tab_copies_the_fact_with_every_source() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("1", "y")
            fact = app.screen.index.facts[0]
            assert app.clipboard.startswith(f"\u201c{fact.text.strip()}\u201d")
            for source in fact.sources:
                assert f"[{source}] " in app.clipboard

    run(scenario())


def test_o_opens_the_article_address(monkeypatch) -> None:
    opened_urls: list[str] = []

    async def scenario() -> None:
        async with opened() as (app, pilot):
            monkeypatch.setattr(app, "open_url", lambda url, **_: opened_urls.append(url))
            await pilot.press("o")
            assert opened_urls == [app.screen.index.article(1).url]
            undated = next(a for a in app.screen.index.articles if not a.url)
            app.screen.query_one(ArticleList).move_to(undated.id)
            await pilot.press("o")
            assert len(opened_urls) == 1  # nothing to open: said, not done

    run(scenario())


def test_sentence_cursor_stars_and_notes_one_sentence(tmp_path: Path) -> None:
    folder = copy_of("harbour", tmp_path)

    async def scenario() -> None:
        async with opened(paths=[str(folder)]) as (app, pilot):
            screen = app.screen
            await pilot.press("tab", "right_parenthesis", "s")
            reader = screen.query_one(Reader)
            article = screen.index.article(reader.article_id)
            first = article.text[article.sentences[0].start : article.sentences[0].end]
            assert screen.state.is_starred_sentence(article.id, first)
            assert not screen.state.of(article.id).starred  # the sentence, not the article
            await pilot.press("right_parenthesis", "a")
            await pilot.pause()
            await pilot.press(*"check [this] figure", "ctrl+s")
            await pilot.pause()
            second = article.text[article.sentences[1].start : article.sentences[1].end]
            assert screen.state.sentence_note(article.id, second) == "check [this] figure"
            assert "\u270e check [this] figure" in reader_text(app)
            assert screen.state.of(article.id).note == ""

    run(scenario())


def test_sort_by_outlet_and_unread_first() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            articles = screen.query_one(ArticleList)

            def listed() -> list[int]:
                return [
                    int(articles.get_option_at_index(n).id.removeprefix("article-"))
                    for n in range(articles.option_count)
                ]

            await pilot.press("S")
            outlets = [(screen.index.article(i).source or "\uffff").casefold() for i in listed()]
            assert outlets == sorted(outlets) and "by outlet" in status(app)
            await pilot.press("S")
            await pilot.press("G", "enter", "shift+tab")  # read the last one
            order = listed()
            assert screen.state.of(order[-1]).read and not screen.state.of(order[0]).read
            await pilot.press("S")
            assert listed() == sorted(listed())

    run(scenario())


def test_a_file_added_while_open_appears_and_the_reader_keeps_its_place(tmp_path: Path) -> None:
    folder = copy_of("harbour", tmp_path)
    extra = sorted(folder.iterdir())[-1]
    held = tmp_path / extra.name
    shutil.move(extra, held)

    async def scenario() -> None:
        MainScreen.WATCH_SECONDS = 0.1
        async with opened(paths=[str(folder)]) as (app, pilot):
            screen = app.screen
            before = len(screen.index.articles)
            await pilot.press("G", "enter")
            reading = screen.index.article(screen.current_article).path
            index = screen.index
            shutil.move(held, folder / held.name)
            # Noticing the change is the watcher's: it looks on a timer, so this waits for it to
            # start reading (or to have read already) ...
            for _ in range(150):
                await pilot.pause(0.05)
                if screen.reading or screen.index is not index:
                    break
            # ... and the reading itself is waited for.
            await reading_finished(app, pilot)
            assert len(screen.index.articles) == before + 1
            assert screen.query_one(ArticleList).option_count == before + 1
            assert screen.index.article(screen.current_article).path == reading
            assert screen.query_one(Reader).article_id == screen.current_article

    try:
        run(scenario())
    finally:
        MainScreen.WATCH_SECONDS = 3.0


def test_r_reloads_an_edited_article(tmp_path: Path) -> None:
    folder = copy_of("harbour", tmp_path)

    async def scenario() -> None:
        async with opened(paths=[str(folder)]) as (app, pilot):
            screen = app.screen
            path = Path(screen.index.article(1).path)
            path.write_text(
                path.read_text(encoding="utf-8") + "\n\nA late paragraph about the dredger Zeemeeuw.\n",
                encoding="utf-8",
            )
            os.utime(path)
            await pilot.press("R")
            await reading_finished(app, pilot)  # R starts the reading at once
            assert "Zeemeeuw" in "".join(a.text for a in screen.index.articles)

    run(scenario())


def test_the_app_export_refuses_a_name_that_would_mislabel_the_brief(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("e")
            await pilot.pause()
            field = app.screen.query_one("#export-path", Input)
            field.value = str(tmp_path / "brief.pdf")
            await pilot.press("enter")
            await pilot.pause()
            assert not (tmp_path / "brief.pdf").exists()

    run(scenario())


def test_the_app_export_dialog_offers_the_formats_and_writes_the_one_chosen(tmp_path: Path, monkeypatch) -> None:
    from support.word import docx_outline
    from textual.widgets import RadioButton

    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        async with opened() as (app, pilot):
            await pilot.press("e")
            await pilot.pause()
            field = app.screen.query_one("#export-path", Input)
            assert field.value.endswith(".md")
            word = next(b for b in app.screen.query(RadioButton) if b.name == "docx")
            await pilot.click(word)
            await pilot.pause()
            assert field.value.endswith(".docx")  # the name follows the format
            field.value = str(tmp_path / "for-the-minister.html")
            await pilot.pause()
            html_button = next(b for b in app.screen.query(RadioButton) if b.name == "html")
            assert html_button.value  # and the format follows the name
            field.value = str(tmp_path / "for-the-minister.docx")
            await pilot.pause()
            field.focus()
            await pilot.press("enter")
            await pilot.pause()
            written = tmp_path / "for-the-minister.docx"
            assert written.exists()
            outline = docx_outline(written.read_bytes())
            assert "[Heading 2] Bottom line" in outline and "[row] **Issue** | **Status**" in outline
            await pilot.press("e")
            await pilot.pause()
            assert app.screen.query_one("#export-path", Input).value.endswith(".docx")  # offered again

    run(scenario())


def test_theme_named_on_the_command_line_is_saved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    async def scenario() -> None:
        async with opened(theme_name="briefing-light") as (app, _pilot):
            assert app.theme == "briefing-light"

    run(scenario())
    assert 'theme = "briefing-light"' in (tmp_path / "briefing" / "config.toml").read_text()


def test_a_failure_while_reading_is_said_on_screen_and_the_app_stays(monkeypatch) -> None:
    from briefing.tui.screens import main as main_screen

    def broken(*_args, **_kwargs):
        raise RuntimeError("analysis broke")

    monkeypatch.setattr(main_screen, "open_dossier", broken)

    async def scenario() -> None:
        briefing = BriefingApp([str(seeds_dir())])
        async with briefing.run_test(size=(100, 30)) as pilot:
            await reading_done(briefing, pilot)
            assert "analysis broke" in str(briefing.screen.query_one("#loading-label").render())
            assert briefing.is_running
            await pilot.press("q")

    run(scenario())


def test_search_in_the_app_finds_every_spelling_and_says_how_many_are_shown(monkeypatch) -> None:
    monkeypatch.setattr(MainScreen, "SEARCH_LIMIT", 2)

    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            await pilot.press("slash", *"Darchiev", "enter")
            total = screen.index.search("Darchiev").total
            assert total > 2 and f"2 of {total} shown" in status(app)
            spelled = {a.id for a in screen.index.articles if "Darchiyev" in a.text and "Darchiev" not in a.text}
            every = {h.article for h in screen.index.search("Darchiev", limit=total).hits}
            assert spelled and spelled <= every  # the other spelling is found too

    run(scenario())


def test_filter_box_understands_months_and_outlets() -> None:
    async def scenario() -> None:
        async with opened() as (app, pilot):
            screen = app.screen
            april = [a.id for a in screen.index.articles if a.published and a.published.month == 4]
            await pilot.press("f", *"april")
            articles = screen.query_one(ArticleList)
            assert april and articles.option_count == len(april)
            await pilot.press("escape", "f", *"undated", "enter")
            assert articles.option_count == sum(1 for a in screen.index.articles if a.published is None)

    run(scenario())


def test_readme_key_table_lists_every_key_the_app_binds() -> None:
    from textual.keys import format_key

    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| key | does |") : readme.index("Themes: `briefing-dark`")]
    for binding in [*MainScreen.BINDINGS, *Reader.BINDINGS]:
        for key in binding.key.split(","):
            if key.isdigit():
                assert "`1`\u2013`5`" in table
                continue
            symbol = format_key(key)  # "slash" is "/", "tab" stays "tab"
            shown = symbol if len(symbol) == 1 and symbol.isprintable() and symbol != "\u23ce" else key
            assert f"`{shown}`" in table, f"{key} ({binding.description}) is not in the README's key table"
