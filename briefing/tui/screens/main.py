"""The main screen: article list, reader and side panel over one shared index."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, ProgressBar, Static

from briefing.core.dossier import load_dossier
from briefing.core.index import DocumentIndex, build_index
from briefing.core.model import Mention
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import TABS, SidePanel


class MainScreen(Screen[None]):
    """Reads the dossier in a worker, then shows it; every pane reads the same index."""

    BINDINGS = [
        Binding("n", "next_mention", "Next"),
        Binding("N", "previous_mention", "Previous"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("p", "toggle_panel", "Panel"),
        *[Binding(str(n), f"show_tab('{tab}')", tab.title(), show=False) for n, tab in enumerate(TABS, start=1)],
    ]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.index: DocumentIndex | None = None
        self.filter_label: str | None = None
        self.filter_articles: list[int] | None = None
        self.trail: list[Mention] = []
        """What n / N step through: an entity's mentions, an issue's sentences, search hits."""
        self.trail_position = -1
        self.current_article: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Label("Reading the dossier\u2026", id="loading-label")
            yield ProgressBar(id="loading-progress", show_eta=False)
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="article-list")
                yield Static("", id="list-status")
            yield Reader(id="reader")
            yield SidePanel(id="side-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#panes").display = False
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read and index the dossier off the event loop, reporting progress."""
        bar = self.query_one("#loading-progress", ProgressBar)

        def files_read(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total + 1, progress=done)

        dossier = load_dossier(self.paths, progress=files_read)
        self.app.call_from_thread(self.query_one("#loading-label", Label).update, "Analysing\u2026")
        index = build_index(dossier)
        self.app.call_from_thread(self.index_ready, index)

    def index_ready(self, index: DocumentIndex) -> None:
        """Show the index in every pane."""
        self.index = index
        self.query_one("#loading").display = False
        self.query_one("#panes").display = True
        for skipped in index.skipped:
            self.notify(f"Skipped {skipped.path}: {skipped.reason}", severity="warning", timeout=6)
        for problem in index.problems:
            self.notify(problem, severity="warning", timeout=8)
        if not index.articles:
            self.query_one("#list-status", Static).update(Content("No readable article was found."))
            return
        self.query_one(SidePanel).show(index)
        self._show_list()
        self.open_article(index.articles[0].id)
        self.query_one(ArticleList).focus()
        if self.app.size.width < 100:
            self.query_one(SidePanel).display = False

    # --- the list -------------------------------------------------------------------

    def _show_list(self) -> None:
        assert self.index is not None
        ids = self.filter_articles if self.filter_articles is not None else [a.id for a in self.index.articles]
        self.query_one(ArticleList).show(self.index, ids, keep=self.current_article)
        skipped = len(self.index.skipped)
        status = f"{len(ids)} of {len(self.index.articles)} articles" if self.filter_articles is not None else f"{len(ids)} articles"
        if skipped:
            status += f" \u00b7 {skipped} skipped"
        if self.filter_label:
            status += f"\n{self.filter_label} \u2014 esc clears"
        self.query_one("#list-status", Static).update(Content(status))

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.article_id)
        self.query_one(Reader).focus()

    def open_article(self, article_id: int, focus: tuple[int, int] | None = None) -> None:
        """Show an article in the reader, marking the current trail's stretches in it."""
        assert self.index is not None
        self.current_article = article_id
        marks = [(m.start, m.end) for m in self.trail if m.article == article_id]
        self.query_one(Reader).show(self.index, article_id, focus=focus, marks=marks)

    # --- the side panel ---------------------------------------------------------------

    @on(SidePanel.Chosen)
    def panel_chosen(self, event: SidePanel.Chosen) -> None:
        assert self.index is not None
        index = self.index
        if event.kind == "fact":
            self.open_at(index.facts[int(event.key)].evidence[0])
        elif event.kind == "event":
            self.open_at(index.events[int(event.key)].evidence[0])
        elif event.kind == "difference":
            variants = index.discrepancies[int(event.key)].variants
            evidence = next((v.evidence[0] for v in variants if v.evidence), None)
            if evidence is not None:
                self.open_at(evidence)
            else:
                articles = sorted({a for v in variants for a in v.sources})
                self.set_trail(f"Difference: {index.discrepancies[int(event.key)].about}", articles, [])
        elif event.kind == "issue":
            issue = next(i for i in index.issues if i.name == event.key)
            self.set_trail(f"Issue: {issue.name}", list(issue.articles), list(issue.mentions))
            if issue.latest:
                self.trail_position = self.trail.index(issue.latest)
                self.open_at(issue.latest)
        elif event.kind == "entity":
            entity = index.entity(event.key)
            if entity is not None:
                self.set_trail(f"{entity.kind.title()}: {entity.name}", list(entity.articles), list(entity.mentions))
                self.trail_position = 0
                self.open_at(entity.mentions[0])

    def set_trail(self, label: str, articles: list[int], trail: list[Mention]) -> None:
        """Filter the list to `articles` and let n / N walk `trail`."""
        self.filter_label, self.filter_articles = label, articles
        self.trail, self.trail_position = trail, -1
        self._show_list()

    def open_at(self, mention: Mention) -> None:
        """Open the article of a finding, scrolled to its sentence, highlighted."""
        assert self.index is not None
        article = self.index.article(mention.article)
        sentence = article.sentence_at(mention.start)
        focus = (sentence.start, sentence.end) if sentence else (mention.start, mention.end)
        self.open_article(mention.article, focus=focus)
        if mention.article in (self.filter_articles or [mention.article]):
            self.query_one(ArticleList).show(self.index, self.filter_articles or [a.id for a in self.index.articles], keep=mention.article)

    # --- actions ----------------------------------------------------------------------

    def _step(self, step: int) -> None:
        if not self.trail:
            self.notify("Choose an entity, an issue or search first; n and N then step through it.", timeout=3)
            return
        self.trail_position = (self.trail_position + step) % len(self.trail)
        self.open_at(self.trail[self.trail_position])
        self.notify(f"{self.trail_position + 1} of {len(self.trail)}", timeout=1.5)

    def action_next_mention(self) -> None:
        """The next mention, sentence or hit, across articles."""
        self._step(1)

    def action_previous_mention(self) -> None:
        """The previous mention, sentence or hit, across articles."""
        self._step(-1)

    def action_clear_filter(self) -> None:
        """Back to every article."""
        if self.filter_articles is None and not self.trail:
            return
        self.filter_label, self.filter_articles, self.trail, self.trail_position = None, None, [], -1
        self._show_list()
        if self.current_article is not None:
            self.open_article(self.current_article)

    def action_toggle_panel(self) -> None:
        """Hide or show the side panel (for narrow terminals)."""
        panel = self.query_one(SidePanel)
        panel.display = not panel.display

    def action_show_tab(self, tab: str) -> None:
        """Switch the side panel to a tab and focus its list."""
        panel = self.query_one(SidePanel)
        panel.display = True
        panel.active = tab
        options = self.query_one(f"#{tab}-list", OptionList)
        options.focus()
        if options.highlighted is None:
            options.action_first()  # so that Enter acts at once
