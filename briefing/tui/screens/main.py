"""The main screen: article list, reader and side panel over one shared index."""

from __future__ import annotations

import time
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from briefing.dossier import StateUse, open_dossier
from briefing.index import DocumentIndex
from briefing.index.article_filter import filter_articles
from briefing.index.queries import hit_snippet
from briefing.ingest.load import fingerprint
from briefing.language.text import shorten
from briefing.model import Article, Discrepancy, Entity, Event, Fact, Mention, OpenIssue, SearchHit
from briefing.output import BriefFormat, WriteError, brief_format, write_atomically
from briefing.store.cache import AnalysisCache
from briefing.store.state import DossierState
from briefing.tui.format import cite, counted
from briefing.tui.screens.export import ConfirmScreen, ExportChoice, ExportScreen
from briefing.tui.screens.note import NoteScreen
from briefing.tui.screens.skipped import SkippedScreen
from briefing.tui.screens.whats_new import Target, WhatsNewScreen
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import TABS, Finding, PanelList, SidePanel
from briefing.views.brief import default_filename, make_brief
from briefing.views.changes import changes_between
from briefing.views.citation import quoted, source_line
from briefing.views.formats import write_brief

# Up to this many skipped files are named in a notification each when the dossier opens.
_SKIPS_NAMED = 3


class FilterBox(Input):
    """An input that Tab passes by: it takes focus when its key asks for it, and gives it
    back on enter or escape, so keys meant for the panes are never typed into it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Back", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.can_focus = False

    def enter(self) -> None:
        """Take the focus (the filter or search key was pressed)."""
        self.can_focus = True
        self.focus()

    def on_blur(self) -> None:
        self.can_focus = False
        if self.id == "search" and not self.value:
            self.display = False  # an empty search box has nothing to show

    def action_leave(self) -> None:
        """Cancel: clear what was typed and give the focus back to the article list (enter
        keeps what was typed)."""
        self.value = ""
        if self.id == "search":
            self.display = False
        self.screen.query_one(ArticleList).focus()


class ListPane(Vertical):
    """The article list's pane, which `z` can give the whole window."""

    ALLOW_MAXIMIZE = True


class Panes(Horizontal):
    """The article list, the reader and the side panel: hidden until the dossier is read."""

    def compose(self) -> ComposeResult:
        with ListPane(id="left"):
            yield FilterBox(placeholder="Filter: title, outlet, april, 10 apr (f)", id="filter")
            yield FilterBox(placeholder='Search the dossier: words, "phrases", prefix*', id="search")
            yield ArticleList(id="article-list")
            yield PanelList(id="results")
            yield Static("", id="list-status")
        yield Reader(id="reader")
        yield SidePanel(id="side-panel")

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#results").display = False
        self.query_one("#left").border_title = "Articles"
        self.query_one(Reader).border_title = "Reader"
        self.query_one(SidePanel).border_title = "Findings"


class MainScreen(Screen[None]):
    """Reads the dossier in a worker, then shows it; every pane reads the same index."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab", "app.focus_next", "Next pane", show=False, tooltip="move to the next pane: list, reader, side panel"
        ),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, tooltip="move to the previous pane"),
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            tooltip='search the whole dossier: words, "phrases", prefix*; '
            "word forms and every spelling of a name match",
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            id="filter",
            tooltip="filter the article list by title, outlet, month or date (april, 10 apr, 2025-04); "
            "enter or escape returns",
        ),
        Binding(
            "n",
            "next_mention",
            "Next",
            id="next-mention",
            tooltip="next mention, sentence, search hit or cited source, across articles",
        ),
        Binding(
            "N",
            "previous_mention",
            "Previous",
            show=False,
            id="previous-mention",
            tooltip="previous mention, sentence, search hit or cited source",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            show=False,
            id="clear-filter",
            tooltip="clear the entity, issue, source or search filter and the filter box",
        ),
        Binding("e", "export", "Export", id="export", tooltip="export the one-page brief"),
        Binding("z", "zoom", "Zoom", id="zoom", tooltip="give the focused pane the whole window, or share it again"),
        Binding(
            "p",
            "toggle_panel",
            "Panel",
            show=False,
            id="toggle-panel",
            tooltip="hide or show the side panel (below 120 columns it takes the article list's place)",
        ),
        Binding(
            "S",
            "sort",
            "Sort",
            show=False,
            id="sort",
            tooltip="sort the article list by date, by outlet, or unread first",
        ),
        Binding(
            "R",
            "reload",
            "Reload",
            show=False,
            id="reload",
            tooltip="read the dossier again now (changed files are also noticed by themselves)",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            show=False,
            id="copy",
            tooltip="copy the sentence, fact or article under the cursor with its source",
        ),
        Binding(
            "o", "open_url", "Open URL", show=False, id="open-url", tooltip="open the article's address in your browser"
        ),
        Binding(
            "x",
            "show_skipped",
            "Skipped",
            show=False,
            id="show-skipped",
            tooltip="list the files that were skipped, with the reasons",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="toggle-read",
            tooltip="mark the article read or unread (opening an article marks it read)",
        ),
        Binding(
            "s",
            "star",
            "Star",
            show=False,
            id="star",
            tooltip="star the sentence under the reader's cursor, "
            "the fact or issue sentence under the side panel's, else the article",
        ),
        Binding(
            "a",
            "note",
            "Note",
            show=False,
            id="note",
            tooltip="add or edit a note on the sentence under the reader's cursor, else on the article",
        ),
        Binding(
            "u",
            "unread_only",
            "Unread only",
            show=False,
            id="unread-only",
            tooltip="list unread articles only, or every article again",
        ),
        Binding(
            "w",
            "whats_new",
            "What's new",
            show=False,
            id="whats-new",
            tooltip="what's new since your last visit: articles, and the issues and facts they touch",
        ),
        *[
            Binding(str(n), f"show_tab('{tab}')", tab.title(), show=False, tooltip=f"side panel: {tab}")
            for n, tab in enumerate(TABS, start=1)
        ],
    ]
    SORT_ORDERS = ("date", "outlet", "unread")
    NARROW = 120
    """Below this many columns, at most two panes share the window: the side panel takes the list's place."""
    WATCH_SECONDS = 3.0
    """How often the dossier's files are looked at for changes (at least; a big folder is looked at less often)."""

    def __init__(
        self, paths: list[str], max_chars: int | None = None, use_state: bool = True, use_cache: bool = True
    ) -> None:
        super().__init__()
        self.paths: list[str | Path] = list(paths)
        self.max_chars = max_chars
        self.use_state = use_state
        self.use_cache = use_cache
        self.index: DocumentIndex | None = None
        self.state: DossierState | None = None
        self._export_format = BriefFormat.MARKDOWN
        """What the reader has read, starred and noted; kept apart from the immutable index."""
        self.unread_only = False
        self.filter_label: str | None = None
        self.filter_articles: list[int] | None = None
        self.trail: list[Mention] = []
        """What n / N step through: an entity's mentions, an issue's sentences, search hits."""
        self.trail_position = -1
        self.current_article: int | None = None
        self.text_filter = ""
        self.hits: list[SearchHit] = []
        self.article_order = "date"
        self.chosen: Entity | OpenIssue | str | None = None
        """The entity or issue, or the search query, the list is filtered by; found again after a reload."""
        self.files_read: frozenset | None = None
        """The dossier's files as last read (their fingerprint); a different one means they changed."""
        self.reading = True
        self.next_look = 0.0
        self.panel_wanted: bool | None = None
        """Whether the reader wants the side panel; None until the window's width decides."""

    def compose(self) -> ComposeResult:
        # Only what the first paint shows: the panes are built once the dossier is read (`_read`),
        # so the window shows the loading view at once.
        with Vertical(id="loading"):
            yield Label("Reading the dossier\u2026", id="loading-label")
            yield ProgressBar(id="loading-progress", show_eta=False)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Until the dossier is read there are no panes to act on: only the app's own keys
        # (quit, help) work, and the footer shows the rest dimmed.
        return self.index is not None

    def on_mount(self) -> None:
        # Paint the window first, then start reading: the worker competes for the
        # interpreter, and the user should see something at once.
        self.call_after_refresh(self.load)

    @work(thread=True, exclusive=True, group="load")
    def load(self, reloading: bool = False) -> None:
        """Read and index the dossier off the event loop, reporting progress; a failure is
        said on the screen in one line, and the app stays open (q quits)."""
        try:
            self._load(reloading)
        except Exception as error:  # a bug in reading or analysis: say it, never crash the window
            self.app.call_from_thread(self.load_failed, f"{error.__class__.__name__}: {error}", reloading)

    def load_failed(self, problem: str, reloading: bool) -> None:
        self.reading = False
        text = (
            f"The dossier could not be {'reloaded' if reloading else 'read'} ({problem}); "
            "run briefing export --debug for details"
        )
        if reloading:
            self.notify(text, severity="error", timeout=10, markup=False)
            self._show_list()
        else:
            self.query_one("#loading-label", Label).update(Content(text))

    def _load(self, reloading: bool) -> None:
        # The first reading reports in the loading view; a reload in the list's status line (the
        # panes are there by then: they are built when the first reading is done).
        bar = self.query_one("#loading-progress", ProgressBar)
        label = self.query_one("#loading-label", Label)
        status = self.query_one("#list-status", Static) if reloading else None

        def say(text: str) -> None:
            if status is not None:
                self.app.call_from_thread(status.update, Content(text))
            else:
                self.app.call_from_thread(label.update, text)

        def files_read(done: int, total: int) -> None:
            if reloading:
                if done % 100 == 0 or done == total:
                    say(f"Reloading: {done:,} of {total:,} files read\u2026")
            else:
                self.app.call_from_thread(bar.update, total=total + 1, progress=done)

        def analysing(step: str) -> None:
            say(f"Analysing: {step}\u2026")

        # Reopening a changed dossier in one session keeps its store: the same visit, and what
        # counts as new stays what was new when the session began.
        cache = AnalysisCache() if self.use_cache else None
        opened = open_dossier(
            self.paths,
            max_chars=self.max_chars,
            cache=cache,
            state=StateUse.RECORD if self.use_state else StateUse.MEMORY,
            store=self.state.store if reloading and self.state is not None else None,
            on_files=files_read,
            on_stage=analysing,
        )
        index, state, files = opened.index, opened.state, opened.files
        assert state is not None  # the app always keeps a state, in memory at least
        if cache is not None and cache.problem:
            self.app.call_from_thread(self.notify, cache.problem, severity="warning", timeout=8, markup=False)
        # call_from_thread awaits a coroutine function; its annotation only admits plain ones.
        self.app.call_from_thread(self._read, index, state, files)  # type: ignore[arg-type]

    async def _read(self, index: DocumentIndex, state: DossierState, files: frozenset | None) -> None:
        """The worker's hand-over: the first time, build the panes to show the index in, then show it."""
        if not self.query(Panes):
            panes = Panes(id="panes")
            panes.display = False  # until they are filled: the loading view keeps the window till then
            await self.mount(panes, after="#loading")
        self.index_ready(index, state, files)

    def index_ready(self, index: DocumentIndex, state: DossierState, files: frozenset | None = None) -> None:
        """Show the index in every pane (again, after a reload, keeping the reader's place)."""
        previous = self.index
        self.index, self.state, self.files_read, self.reading = index, state, files, False
        self.query_one(ArticleList).state = state
        self.query_one(Reader).state = state
        self._say_state_problem()
        if previous is None:
            self.query_one("#loading").display = False
            self.query_one("#panes").display = True
            self._arrange()
            # The screen's keys are enabled now (check_action): the footer must be told. In a
            # terminal the first focus change redraws it anyway; under briefing serve a dossier
            # read before the page took focus kept a footer of only "quit" and "help".
            self.refresh_bindings()
            # File names and problems are data: never parsed as markup. A few skips are named
            # each; many would cover the screen, so they are counted and `x` lists them.
            if len(index.skipped) <= _SKIPS_NAMED:
                for skipped in index.skipped:
                    self.notify(
                        f"Skipped {skipped.path}: {skipped.reason}", severity="warning", timeout=6, markup=False
                    )
            else:
                self.notify(
                    f"Skipped {len(index.skipped)} files or entries; press x to list them with their reasons",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
            for problem in index.problems:
                self.notify(problem, severity="warning", timeout=8, markup=False)
            self.set_interval(1.0, self.look_for_changes)
        if not index.articles:
            self.query_one("#list-status", Static).update(Content("No readable article was found."))
            return
        self.query_one(SidePanel).show(index, state)
        if previous is not None:
            self._reopen(previous)
            return
        self._show_list()
        # Shown, not opened: the first article stays unread until the reader chooses it.
        self.open_article(index.articles[0].id, mark_read=False)
        self.query_one(ArticleList).focus()
        fresh = state.new_articles()
        if fresh:
            self.notify(
                f"{counted(len(fresh), 'article')} new or changed since your last visit \u2014 w lists them", timeout=6
            )

    def _reopen(self, previous: DocumentIndex) -> None:
        """After a reload: the same article in the reader at the same place, the same list
        cursor, filter, sort and choice, wherever the articles' numbers moved to."""
        assert self.index is not None
        by_path = {a.path: a.id for a in self.index.articles}
        reader = self.query_one(Reader)
        articles = self.query_one(ArticleList)
        current = previous.article(self.current_article) if self.current_article else None
        under_cursor = previous.article(articles.current_article) if articles.current_article else None
        scroll_y = reader.scroll_y
        self.current_article = by_path.get(current.path) if current else None
        keep = by_path.get(under_cursor.path) if under_cursor else self.current_article
        self.filter_label, self.filter_articles, self.trail, self.trail_position = None, None, [], -1
        chosen, self.chosen = self.chosen, None
        # The findings of the new index are new objects: the same entity has the same id, the same issue the same name.
        if isinstance(chosen, str):
            self.run_search(chosen, focus=False)
        elif isinstance(chosen, Entity):
            entity = self.index.entity(chosen.id)
            if entity is not None:
                self.go_to(entity, open_it=False)
        elif isinstance(chosen, OpenIssue):
            issue = self.index.issue_named(chosen.name)
            if issue is not None:
                self.go_to(issue, open_it=False)
        self._show_list(keep=keep)
        if self.current_article is not None:
            same_text = current is not None and self.index.article(self.current_article).text == current.text
            self.query_one(Reader).show(
                self.index,
                self.current_article,
                scroll_y=scroll_y if same_text else None,
                marks=[(m.start, m.end) for m in self.trail if m.article == self.current_article],
            )
        else:
            self.open_article(self.index.articles[0].id, mark_read=False)
        self.notify(f"Dossier reloaded: {changes_between(previous, self.index).summary()}", timeout=4)

    # --- watching the files ------------------------------------------------------------

    def look_for_changes(self) -> None:
        """Every few seconds, see (off the event loop) whether the dossier's files changed."""
        if self.reading or self.index is None or time.monotonic() < self.next_look:
            return
        self._fingerprint_now()

    @work(thread=True, exclusive=True, group="watch")
    def _fingerprint_now(self) -> None:
        began = time.monotonic()
        files = fingerprint(self.paths)
        # A folder of thousands of files is looked at less often: never more than a tenth of the time.
        self.next_look = time.monotonic() + max(self.WATCH_SECONDS, 10 * (time.monotonic() - began))
        if files != self.files_read:
            self.app.call_from_thread(self.action_reload)

    def action_reload(self) -> None:
        """Read the dossier again, keeping the reader's place."""
        if self.reading or self.index is None:
            return
        self.reading = True
        self.query_one("#list-status", Static).update(Content("Reloading the dossier\u2026"))
        self.load(reloading=True)

    def _say_state_problem(self) -> None:
        """Tell the reader, once, that their state is kept in memory only (and why)."""
        if self.state is not None and self.state.store.problem:
            self.notify(self.state.store.problem, severity="warning", timeout=10, markup=False)
            self.state.store.problem = None

    # --- layout ------------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        """Whether the window is too narrow for three panes."""
        return self.app.size.width < self.NARROW

    def on_resize(self, event: Resize) -> None:
        if self.index is not None:
            self._arrange()

    def _arrange(self) -> None:
        """Show the panes that fit: three when wide; when narrow, the reader and either the
        list or the side panel, so that no pane is squeezed to a sliver."""
        if self.panel_wanted is None:
            self.panel_wanted = not self.narrow
        self.query_one(SidePanel).display = self.panel_wanted
        self.query_one("#left").display = not (self.narrow and self.panel_wanted)
        focused = self.focused
        if focused is not None and not all(node.display for node in focused.ancestors_with_self if node is not self):
            self.query_one(Reader).focus()
        footer = self.query_one(Footer)
        footer.compact = self.narrow
        footer.show_command_palette = not self.narrow  # ctrl+p is in the help; its room goes to the keys

    def action_toggle_panel(self) -> None:
        """Hide or show the side panel (below 120 columns it takes the article list's place)."""
        self.panel_wanted = not self.query_one(SidePanel).display
        self._arrange()

    def _unzoom(self) -> None:
        if self.maximized is not None:
            self.minimize()

    def _bring_the_list(self) -> None:
        """Make the article list visible (the filter and search boxes live in its pane)."""
        self._unzoom()
        self.panel_wanted = self.panel_wanted and not self.narrow
        self._arrange()

    def action_zoom(self) -> None:
        """Give the focused pane the whole window, or share the window again."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        pane = next(
            (
                node
                for node in (focused.ancestors_with_self if focused else [])
                if isinstance(node, Widget) and node.id in ("left", "reader", "side-panel")
            ),
            None,
        )
        if pane is not None:
            self.maximize(pane, container=False)

    # --- the list -------------------------------------------------------------------

    def _show_list(self, keep: int | None = None) -> None:
        """List the articles the filters leave, in the chosen order; the cursor stays on
        `keep` (by default the article in the reader) when it is among them."""
        assert self.index is not None
        ids = self.filter_articles if self.filter_articles is not None else [a.id for a in self.index.articles]
        if self.text_filter:
            ids = filter_articles(self.index, self.text_filter, ids)
        if self.unread_only and self.state is not None:
            ids = [i for i in ids if not self.state.of(i).read]
        ids = self._sorted(ids)
        self.query_one(ArticleList).show(self.index, ids, keep=keep if keep is not None else self.current_article)
        skipped = len(self.index.skipped)
        filtered = self.filter_articles is not None or bool(self.text_filter) or self.unread_only
        status = f"{len(ids)} of {len(self.index.articles)} articles" if filtered else f"{len(ids)} articles"
        if self.article_order != "date":
            status += f" \u00b7 {'by outlet' if self.article_order == 'outlet' else 'unread first'} (S sorts)"
        if self.unread_only:
            status += " \u00b7 unread only (u shows all)"
        if skipped:
            status += f" \u00b7 {skipped} skipped (x lists them)"
        if self.filter_label:
            status += f"\n{self.filter_label} \u2014 esc clears"
        self.query_one("#list-status", Static).update(Content(status))

    def _sorted(self, ids: list[int]) -> list[int]:
        """The articles in the chosen order; the dossier's own (date) order breaks ties."""
        assert self.index is not None
        if self.article_order == "outlet":
            index = self.index
            return sorted(
                ids, key=lambda i: (index.article(i).source is None, (index.article(i).source or "").casefold(), i)
            )
        if self.article_order == "unread" and self.state is not None:
            state = self.state
            return sorted(ids, key=lambda i: (state.of(i).read, i))
        return sorted(ids)

    def action_sort(self, order: str | None = None) -> None:
        """Sort the list by date, by outlet, or unread first (the next order, unless one is named)."""
        if self.index is None:
            return
        orders = self.SORT_ORDERS
        self.article_order = order if order in orders else orders[(orders.index(self.article_order) + 1) % len(orders)]
        self._show_list(keep=self.query_one(ArticleList).current_article)
        names = {"date": "date", "outlet": "outlet", "unread": "unread first"}
        self.notify(f"Articles sorted by {names[self.article_order]}", timeout=1.5)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.text_filter = event.value
        if self.index is not None:
            self._show_list()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one(ArticleList).focus()

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.article_id)
        self.query_one(Reader).focus()

    def open_article(self, article_id: int, focus: tuple[int, int] | None = None, mark_read: bool = True) -> None:
        """Show an article in the reader, marking the current trail's stretches in it; opening it marks it read."""
        assert self.index is not None
        self.current_article = article_id
        marks = [(m.start, m.end) for m in self.trail if m.article == article_id]
        self.query_one(Reader).show(self.index, article_id, focus=focus, marks=marks)
        if mark_read and self.state is not None:
            mine = self.state.of(article_id)
            if not mine.read or mine.updated:
                self.state.set_read(article_id, True)
                self.query_one(ArticleList).refresh_article(article_id)
                self._say_state_problem()

    # --- the side panel ---------------------------------------------------------------

    @on(Reader.EntityChosen)
    def reader_entity_chosen(self, event: Reader.EntityChosen) -> None:
        self.go_to(event.entity)

    @on(SidePanel.FactChosen)
    def fact_chosen(self, event: SidePanel.FactChosen) -> None:
        self.go_to(event.fact)

    @on(SidePanel.IssueChosen)
    def issue_chosen(self, event: SidePanel.IssueChosen) -> None:
        self.go_to(event.issue)

    @on(SidePanel.EntityChosen)
    def entity_chosen(self, event: SidePanel.EntityChosen) -> None:
        self.go_to(event.entity)

    @on(SidePanel.EventChosen)
    def event_chosen(self, event: SidePanel.EventChosen) -> None:
        self.go_to(event.event)

    @on(SidePanel.DifferenceChosen)
    def difference_chosen(self, event: SidePanel.DifferenceChosen) -> None:
        self.go_to(event.difference)

    def go_to(self, finding: Finding, open_it: bool = True) -> None:
        """Act on a finding: open a fact, event or difference at its first source, with n / N
        stepping through every sentence it cites; filter by an entity or issue."""
        if isinstance(finding, Fact):
            self.follow(f"Key fact, {len(finding.sources)} sources {cite(finding.sources)}", list(finding.evidence))
        elif isinstance(finding, Event):
            self.follow(f"Event, {len(finding.sources)} sources {cite(finding.sources)}", list(finding.evidence))
        elif isinstance(finding, Discrepancy):
            evidence = [m for v in finding.variants for m in v.evidence]
            label = f"Difference: {shorten(finding.about, 8)}"
            if evidence:
                self.follow(label, evidence)
            else:
                self.set_trail(label, sorted({a for v in finding.variants for a in v.sources}), [])
        elif isinstance(finding, OpenIssue):
            self.set_trail(f"Issue: {finding.name}", list(finding.articles), list(finding.mentions))
            self.chosen = finding
            if finding.latest and open_it:
                self.trail_position = self.trail.index(finding.latest)
                self.open_at(finding.latest)
        else:
            self.set_trail(f"{finding.kind.title()}: {finding.name}", list(finding.articles), list(finding.mentions))
            self.chosen = finding
            if open_it:
                self.trail_position = 0
                self.open_at(finding.mentions[0])

    def follow(self, label: str, evidence: list[Mention]) -> None:
        """Open the first of a finding's sentences; n / N step through the rest across articles."""
        self.set_trail(label, sorted({m.article for m in evidence}), evidence)
        self.trail_position = 0
        self.open_at(evidence[0])
        if len(evidence) > 1:
            self.notify(f"1 of {len(evidence)} sentences \u2014 n / N step through them", timeout=3)

    def set_trail(self, label: str, articles: list[int], trail: list[Mention]) -> None:
        """Filter the list to `articles` and let n / N walk `trail`."""
        self.filter_label, self.filter_articles = label, articles
        self.trail, self.trail_position = trail, -1
        self.chosen = None
        self._show_list()

    def open_at(self, mention: Mention) -> None:
        """Open the article of a finding, scrolled to its sentence, highlighted."""
        assert self.index is not None
        article = self.index.article(mention.article)
        sentence = article.sentence_at(mention.start)
        focus = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
        self.open_article(mention.article, focus=focus)
        self.query_one(ArticleList).move_to(mention.article)

    # --- actions ----------------------------------------------------------------------

    def _step(self, step: int) -> None:
        if not self.trail:
            self.notify(
                "Choose an entity, issue, fact, event or difference, or search first; n and N then step through it.",
                timeout=3,
            )
            return
        self.trail_position = (self.trail_position + step) % len(self.trail)
        self.open_at(self.trail[self.trail_position])
        self.notify(f"{self.trail_position + 1} of {len(self.trail)}", timeout=1.5)

    def action_next_mention(self) -> None:
        """The next mention, sentence, hit or cited source, across articles."""
        self._step(1)

    def action_previous_mention(self) -> None:
        """The previous mention, sentence, hit or cited source, across articles."""
        self._step(-1)

    def action_clear_filter(self) -> None:
        """Back to every article: clears the entity, issue, source or search filter and the filter box."""
        searching = self.query_one("#results").display or self.query_one("#search").display
        if self.filter_articles is None and not self.trail and not self.text_filter and not searching:
            return
        self.filter_label, self.filter_articles, self.trail, self.trail_position = None, None, [], -1
        self.hits, self.chosen = [], None
        self.query_one("#search").display = False
        self.query_one("#results").display = False
        self.query_one(ArticleList).display = True
        if self.text_filter:
            self.query_one("#filter", Input).value = ""
            self.text_filter = ""
        self._show_list()
        self.query_one(ArticleList).focus()
        if self.current_article is not None:
            self.open_article(self.current_article)

    def action_show_skipped(self) -> None:
        """List the files that were not read, with the reasons."""
        if self.index is not None and self.index.skipped:
            self.app.push_screen(SkippedScreen(self.index.skipped))
        else:
            self.notify("Every file was read.", timeout=2)

    def action_show_tab(self, tab: str) -> None:
        """Switch the side panel to a tab and focus its list."""
        self._unzoom()
        self.panel_wanted = True
        self._arrange()
        panel = self.query_one(SidePanel)
        panel.active = tab
        options = self.query_one(f"#{tab}-list", OptionList)
        options.focus()
        if options.highlighted is None:
            options.action_first()  # so that Enter acts at once

    # --- search -----------------------------------------------------------------------

    def action_filter(self) -> None:
        """Narrow the article list by title, outlet, month or date as you type."""
        self._bring_the_list()
        self.query_one("#filter", FilterBox).enter()

    def action_search(self) -> None:
        """Search the whole dossier."""
        self._bring_the_list()
        search = self.query_one("#search", FilterBox)
        search.display = True
        search.enter()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    def run_search(self, query: str, focus: bool = True) -> None:
        """Show the best hits for `query` with highlighted snippets; n / N step through them."""
        assert self.index is not None
        found = self.index.search(query, limit=self.SEARCH_LIMIT)
        self.hits = list(found.hits)
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options(Option(self._hit_row(hit), id=f"hit-{n}") for n, hit in enumerate(self.hits))
        self.query_one(ArticleList).display = False
        results.display = True
        shown = (
            f"{len(self.hits):,} of {found.total:,} shown"
            if found.total > len(self.hits)
            else f"{found.total:,} hit{'s' if found.total != 1 else ''}"
        )
        self.filter_label = f"Search: {query} ({shown})"
        self.filter_articles = sorted({h.article for h in self.hits})
        self.trail = [Mention(h.article, h.matches[0][0], h.matches[0][1]) for h in self.hits]
        self.trail_position = -1
        self.chosen = query
        self._show_list()
        self.query_one("#list-status", Static).update(Content(f"{self.filter_label} \u2014 esc clears"))
        if self.hits:
            results.highlighted = 0
            if focus:
                results.focus()
        elif focus:
            self.notify("No matches", timeout=2)

    SEARCH_LIMIT = 200
    """Hits listed at most; the status line says how many there are in all."""

    def _hit_row(self, hit: SearchHit) -> Content:
        """The article, then a snippet around the first match with every match highlighted."""
        assert self.index is not None
        article = self.index.article(hit.article)
        snippet = hit_snippet(self.index, hit)
        head = f"[{article.id}] {article.title}"
        offset = len(head) + 1
        spans = [Span(0, len(head), "bold")]
        spans.extend(Span(offset + start, offset + end, "reverse") for start, end in snippet.matches)
        return Content(f"{head}\n{snippet.text}", spans=spans)

    @on(OptionList.OptionSelected, "#results")
    def hit_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # The results list one option per hit, in the order of the trail.
        number = event.option_index
        self.trail_position = number
        self.open_at(self.trail[number])
        self.query_one(Reader).focus()

    # --- reader state -------------------------------------------------------------------

    def _article_in_context(self) -> int | None:
        """The article an action means: the one under the list's cursor when the list has
        focus, else the one in the reader."""
        articles = self.query_one(ArticleList)
        if articles.has_focus and articles.current_article is not None:
            return articles.current_article
        return self.current_article

    def action_toggle_read(self) -> None:
        """Mark the article read or unread."""
        article_id = self._article_in_context()
        if self.state is None or article_id is None:
            return
        read = not self.state.of(article_id).read
        self.state.set_read(article_id, read)
        self.query_one(ArticleList).refresh_article(article_id)
        self.notify(f"Marked [{article_id}] {'read' if read else 'unread'}", timeout=1.5, markup=False)
        self._say_state_problem()

    def action_star(self) -> None:
        """Star the sentence under the reader's cursor, the key fact or open-issue sentence
        under the side panel's, else the article."""
        if self.state is None or self.index is None:
            return
        focused = self.focused
        reader = self.query_one(Reader)
        sentence = reader.sentence if focused is reader else None
        if sentence is not None:
            text = self.index.article(sentence.article).text[sentence.start : sentence.end]
            starred = not self.state.is_starred_sentence(sentence.article, text)
            self.state.set_sentence_starred(sentence.article, text, "sentence", starred)
            reader.refresh_note()
            self.notify(f"{'Starred' if starred else 'Unstarred'} this sentence", timeout=1.5)
            self._say_state_problem()
            return
        panel = self.query_one(SidePanel)
        if isinstance(focused, OptionList):
            mention, kind = self._sentence_of(panel.finding_under_cursor(focused))
            if mention is not None:
                text = self.index.article(mention.article).text[mention.start : mention.end]
                starred = not self.state.is_starred_sentence(mention.article, text)
                self.state.set_sentence_starred(mention.article, text, kind, starred)
                panel.redraw_under_cursor(focused)
                self.notify(
                    f"{'Starred' if starred else 'Unstarred'} this {'key fact' if kind == 'fact' else 'sentence'}",
                    timeout=1.5,
                )
                self._say_state_problem()
                return
        article_id = self._article_in_context()
        if article_id is None:
            return
        starred = not self.state.of(article_id).starred
        self.state.set_starred(article_id, starred)
        self.query_one(ArticleList).refresh_article(article_id)
        if article_id == self.current_article:
            self.query_one(Reader).refresh_title()
        self.notify(f"{'Starred' if starred else 'Unstarred'} [{article_id}]", timeout=1.5, markup=False)
        self._say_state_problem()

    @staticmethod
    def _sentence_of(finding: Finding | None) -> tuple[Mention | None, str]:
        """The sentence a side-panel row quotes: a fact's lead sentence, an issue's latest."""
        if isinstance(finding, Fact):
            return finding.evidence[0], "fact"
        if isinstance(finding, OpenIssue):
            return finding.latest, "issue"
        return None, ""

    def action_note(self) -> None:
        """Add or edit a note on the sentence under the reader's cursor, else on the article."""
        if self.state is None or self.index is None:
            return
        state, reader = self.state, self.query_one(Reader)
        sentence = reader.sentence if self.focused is reader else None
        if sentence is not None:
            text = self.index.article(sentence.article).text[sentence.start : sentence.end]

            def save_on_sentence(note: str | None) -> None:
                if note is None or note.strip() == state.sentence_note(sentence.article, text):
                    return
                state.set_sentence_note(sentence.article, text, note)
                reader.refresh_note()
                self.notify(
                    "Note on the sentence saved" if note.strip() else "Note on the sentence removed", timeout=1.5
                )
                self._say_state_problem()

            self.app.push_screen(
                NoteScreen(f"\u201c{shorten(text, 12)}\u201d", state.sentence_note(sentence.article, text)),
                save_on_sentence,
            )
            return
        article_id = self._article_in_context()
        if article_id is None:
            return

        def save(text: str | None) -> None:
            if text is None or text.strip() == state.of(article_id).note:
                return
            state.set_note(article_id, text)
            self.query_one(ArticleList).refresh_article(article_id)
            if article_id == self.current_article:
                reader.refresh_note()
            self.notify("Note saved" if text.strip() else "Note removed", timeout=1.5)
            self._say_state_problem()

        self.app.push_screen(NoteScreen(self.index.article(article_id).title, state.of(article_id).note), save)

    # --- sources ----------------------------------------------------------------------

    def _quotation(self) -> str | None:
        """What `y` copies: the sentence under the reader's cursor, the finding under the side
        panel's, else the article; each with where it comes from."""
        assert self.index is not None
        index, focused = self.index, self.focused
        reader = self.query_one(Reader)
        if focused is reader and reader.sentence is not None:
            sentence = reader.sentence
            return quoted(index, [Mention(sentence.article, sentence.start, sentence.end)])
        finding = self.query_one(SidePanel).finding_under_cursor(focused) if isinstance(focused, PanelList) else None
        if isinstance(finding, Fact):
            return quoted(index, finding.evidence, finding.text)
        if isinstance(finding, Event):
            return quoted(index, finding.evidence, finding.summary)
        if isinstance(finding, OpenIssue) and finding.latest is not None:
            return f"{finding.name} ({finding.status}): " + quoted(index, [finding.latest])
        if isinstance(finding, Discrepancy):
            variants = [
                quoted(index, v.evidence, v.text) if v.evidence else f"\u201c{v.text}\u201d {cite(v.sources)}"
                for v in finding.variants
            ]
            return f"{finding.about}: " + " / ".join(variants)
        if isinstance(finding, Entity):
            return finding.name
        article_id = self._article_in_context()
        if article_id is None:
            return None
        article = index.article(article_id)
        return f"{article.title} ([{article.id}] {source_line(article)})"

    def action_copy(self) -> None:
        """Copy the sentence, finding or article under the cursor, with its source, to the clipboard."""
        if self.index is None:
            return
        text = self._quotation()
        if not text:
            return
        # Textual writes the clipboard through the terminal (OSC 52), which works over SSH too.
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {shorten(text, 16)}", timeout=2, markup=False)

    def action_open_url(self) -> None:
        """Open the article's address in the browser."""
        article_id = self._article_in_context()
        if self.index is None or article_id is None:
            return
        article = self.index.article(article_id)
        if not article.url:
            self.notify(f"[{article_id}] gives no address to open", timeout=2, markup=False)
            return
        self.app.open_url(article.url)
        self.notify(f"Opening {article.url}", timeout=2, markup=False)

    def action_unread_only(self) -> None:
        """List only unread articles, or every article again."""
        if self.index is None:
            return
        self.unread_only = not self.unread_only
        self._show_list()
        self.notify("Unread articles only" if self.unread_only else "Every article", timeout=1.5)

    def action_whats_new(self) -> None:
        """What was added since the previous visit, and the findings it touches."""
        if self.state is None or self.index is None:
            return
        self.app.push_screen(WhatsNewScreen(self.index, self.state), self._go_to_new)

    def _go_to_new(self, target: Target | None) -> None:
        if target is None:
            return
        if isinstance(target, Article):
            self.open_article(target.id)
            self.query_one(ArticleList).move_to(target.id)
            self.query_one(Reader).focus()
        else:
            self.go_to(target)

    # --- export -----------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask where to write the brief, then write it with the core's exporter."""
        if self.index is None:
            return
        # The format of the last brief written is offered again.
        suffix = self._export_format.suffix
        self.app.push_screen(ExportScreen(Path(default_filename(self.index, suffix=suffix))), self._export_to)

    def _export_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        path = choice.path
        try:
            format = brief_format(path, choice.format.value)
        except WriteError as error:
            self.notify(str(error), severity="error", timeout=8, markup=False)
            return
        if not path.suffix:
            path = path.with_name(path.name + format.suffix)
        if path.exists():
            self.app.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?"),
                lambda overwrite: (
                    self._write_brief(path, format, True)
                    if overwrite
                    else self.notify("Not exported; the file was kept", markup=False)
                ),
            )
        else:
            self._write_brief(path, format, False)

    def _write_brief(self, path: Path, format: BriefFormat, overwrite: bool) -> None:
        assert self.index is not None
        try:
            write_atomically(path, write_brief(make_brief(self.index, self.state), format), overwrite=overwrite)
        except WriteError as error:
            self.notify(str(error), severity="error", timeout=8, markup=False)
            return
        self._export_format = format
        self.notify(f"Wrote the brief to {path.resolve()}", timeout=6, markup=False)
