"""The main screen: article list, reader and side panel over one shared index."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from briefing.core.brief import default_filename, render_brief
from briefing.core.dossier import load_dossier
from briefing.core.index import DocumentIndex, build_index
from briefing.core.model import Mention, SearchHit
from briefing.core.output import WriteError, write_atomically
from briefing.core.state import DossierState, StateStore
from briefing.tui.screens.export import ConfirmScreen, ExportScreen
from briefing.tui.screens.note import NoteScreen
from briefing.tui.screens.skipped import SkippedScreen
from briefing.tui.screens.whats_new import Target, WhatsNewScreen, counted
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader
from briefing.tui.widgets.side_panel import TABS, PanelList, SidePanel


class MainScreen(Screen[None]):
    """Reads the dossier in a worker, then shows it; every pane reads the same index."""

    BINDINGS = [
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("n", "next_mention", "Next", id="next-mention"),
        Binding("N", "previous_mention", "Previous", id="previous-mention"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        Binding("e", "export", "Export", id="export"),
        Binding("p", "toggle_panel", "Panel", id="toggle-panel"),
        Binding("x", "show_skipped", "Skipped", show=False, id="show-skipped"),
        Binding("m", "toggle_read", "Read/unread", id="toggle-read"),
        Binding("s", "star", "Star", id="star"),
        Binding("a", "note", "Note", id="note"),
        Binding("u", "unread_only", "Unread only", show=False, id="unread-only"),
        Binding("w", "whats_new", "What's new", id="whats-new"),
        *[Binding(str(n), f"show_tab('{tab}')", tab.title(), show=False) for n, tab in enumerate(TABS, start=1)],
    ]

    def __init__(self, paths: list[str], max_chars: int | None = None, use_state: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.max_chars = max_chars
        self.use_state = use_state
        self.index: DocumentIndex | None = None
        self.state: DossierState | None = None
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

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield Label("Reading the dossier\u2026", id="loading-label")
            yield ProgressBar(id="loading-progress", show_eta=False)
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Input(placeholder="Filter articles (f)", id="filter")
                yield Input(placeholder="Search the dossier: words, \"phrases\", prefix*", id="search")
                yield ArticleList(id="article-list")
                yield PanelList(id="results")
                yield Static("", id="list-status")
            yield Reader(id="reader")
            yield SidePanel(id="side-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#panes").display = False
        self.query_one("#search").display = False
        self.query_one("#results").display = False
        # Paint the window first, then start reading: the worker competes for the
        # interpreter, and the user should see something at once.
        self.call_after_refresh(self.load)

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read and index the dossier off the event loop, reporting progress."""
        bar = self.query_one("#loading-progress", ProgressBar)

        def files_read(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total + 1, progress=done)

        dossier = load_dossier(self.paths, progress=files_read, **({"max_chars": self.max_chars} if self.max_chars else {}))
        label = self.query_one("#loading-label", Label)
        self.app.call_from_thread(label.update, f"Analysing {len(dossier.articles):,} articles\u2026")

        def analysing(step: str) -> None:
            self.app.call_from_thread(label.update, f"Analysing {len(dossier.articles):,} articles: {step}\u2026")

        index = build_index(dossier, progress=analysing)
        self.app.call_from_thread(label.update, "Opening your reading state\u2026")
        store = StateStore(persistent=self.use_state)
        state = store.open_dossier(index, self.paths, record_visit=True)
        self.app.call_from_thread(self.index_ready, index, state)

    def index_ready(self, index: DocumentIndex, state: DossierState) -> None:
        """Show the index in every pane."""
        self.index, self.state = index, state
        self.query_one(ArticleList).state = state
        self.query_one(Reader).state = state
        self._say_state_problem()
        self.query_one("#loading").display = False
        self.query_one("#panes").display = True
        # File names and problems are data: never parsed as markup.
        for skipped in index.skipped:
            self.notify(f"Skipped {skipped.path}: {skipped.reason}", severity="warning", timeout=6, markup=False)
        for problem in index.problems:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        if not index.articles:
            self.query_one("#list-status", Static).update(Content("No readable article was found."))
            return
        self.query_one(SidePanel).show(index, state)
        self._show_list()
        # Shown, not opened: the first article stays unread until the reader chooses it.
        self.open_article(index.articles[0].id, mark_read=False)
        self.query_one(ArticleList).focus()
        if self.app.size.width < 100:
            self.query_one(SidePanel).display = False
        fresh = state.new_articles()
        if fresh:
            self.notify(f"{counted(len(fresh), 'article')} new or changed since your last visit \u2014 w lists them", timeout=6)

    def _say_state_problem(self) -> None:
        """Tell the reader, once, that their state is kept in memory only (and why)."""
        if self.state is not None and self.state.store.problem:
            self.notify(self.state.store.problem, severity="warning", timeout=10, markup=False)
            self.state.store.problem = None

    # --- the list -------------------------------------------------------------------

    def _show_list(self) -> None:
        assert self.index is not None
        ids = self.filter_articles if self.filter_articles is not None else [a.id for a in self.index.articles]
        if self.text_filter:
            words = self.text_filter.lower().split()
            ids = [i for i in ids if all(w in self._haystack(i) for w in words)]
        if self.unread_only and self.state is not None:
            ids = [i for i in ids if not self.state.of(i).read]
        self.query_one(ArticleList).show(self.index, ids, keep=self.current_article)
        skipped = len(self.index.skipped)
        filtered = self.filter_articles is not None or bool(self.text_filter) or self.unread_only
        status = f"{len(ids)} of {len(self.index.articles)} articles" if filtered else f"{len(ids)} articles"
        if self.unread_only:
            status += " \u00b7 unread only (u shows all)"
        if skipped:
            status += f" \u00b7 {skipped} skipped (x lists them)"
        if self.filter_label:
            status += f"\n{self.filter_label} \u2014 esc clears"
        self.query_one("#list-status", Static).update(Content(status))

    def _haystack(self, article_id: int) -> str:
        assert self.index is not None
        article = self.index.article(article_id)
        return f"{article.title} {article.source or ''} {article.published or 'undated'}".lower()

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
        self.go_to("entity", event.entity_id)

    @on(SidePanel.Chosen)
    def panel_chosen(self, event: SidePanel.Chosen) -> None:
        self.go_to(event.kind, event.key)

    def go_to(self, kind: str, key: str) -> None:
        """Act on a finding: open a fact, event or difference at its source; filter by an entity or issue."""
        assert self.index is not None
        index = self.index
        if kind == "fact":
            self.open_at(index.facts[int(key)].evidence[0])
        elif kind == "event":
            self.open_at(index.events[int(key)].evidence[0])
        elif kind == "difference":
            variants = index.discrepancies[int(key)].variants
            evidence = next((v.evidence[0] for v in variants if v.evidence), None)
            if evidence is not None:
                self.open_at(evidence)
            else:
                articles = sorted({a for v in variants for a in v.sources})
                self.set_trail(f"Difference: {index.discrepancies[int(key)].about}", articles, [])
        elif kind == "issue":
            issue = next(i for i in index.issues if i.name == key)
            self.set_trail(f"Issue: {issue.name}", list(issue.articles), list(issue.mentions))
            if issue.latest:
                self.trail_position = self.trail.index(issue.latest)
                self.open_at(issue.latest)
        elif kind == "entity":
            entity = index.entity(key)
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
        """Back to every article: clears the entity, issue or search filter and the filter box."""
        searching = self.query_one("#results").display or self.query_one("#search").display
        if self.filter_articles is None and not self.trail and not self.text_filter and not searching:
            return
        self.filter_label, self.filter_articles, self.trail, self.trail_position = None, None, [], -1
        self.hits = []
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

    # --- search -----------------------------------------------------------------------

    def action_filter(self) -> None:
        """Narrow the article list by title, outlet or date as you type."""
        self.query_one("#filter", Input).focus()

    def action_search(self) -> None:
        """Search the whole dossier."""
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Show the hits for `query` with highlighted snippets; n / N step through them."""
        assert self.index is not None
        self.hits = self.index.search(query, limit=200)
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options(Option(self._hit_row(hit), id=f"hit-{n}") for n, hit in enumerate(self.hits))
        self.query_one(ArticleList).display = False
        results.display = True
        self.filter_label = f"Search: {query} ({len(self.hits)} hit{'s' if len(self.hits) != 1 else ''})"
        self.filter_articles = sorted({h.article for h in self.hits})
        self.trail = [Mention(h.article, h.matches[0][0], h.matches[0][1]) for h in self.hits]
        self.trail_position = -1
        self._show_list()
        self.query_one("#list-status", Static).update(Content(f"{self.filter_label} \u2014 esc clears"))
        if self.hits:
            results.highlighted = 0
            results.focus()
        else:
            self.notify("No matches", timeout=2)

    def _hit_row(self, hit: SearchHit) -> Content:
        """The article, then a snippet around the first match with every match highlighted."""
        assert self.index is not None
        article = self.index.article(hit.article)
        sentence = article.text[hit.start : hit.end]
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
        first = next((i for i, (s, e) in enumerate(words) if hit.start + e > hit.matches[0][0]), 0)
        lo = words[max(0, first - 8)][0] if words else 0
        hi = words[min(len(words), first + 22) - 1][1] if words else len(sentence)
        snippet = ("\u2026" if lo else "") + sentence[lo:hi] + ("\u2026" if hi < len(sentence) else "")
        shift = hit.start + lo - (1 if lo else 0)
        head = f"[{article.id}] {article.title}"
        offset = len(head) + 1
        spans = [Span(0, len(head), "bold")]
        for start, end in hit.matches:
            if hit.start + lo <= start and end <= hit.start + hi:
                spans.append(Span(offset + start - shift, offset + end - shift, "reverse"))
        return Content(f"{head}\n{snippet}", spans=spans)

    @on(OptionList.OptionSelected, "#results")
    def hit_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        number = int((event.option.id or "hit-0").removeprefix("hit-"))
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
        """Star the key fact or open-issue sentence under the cursor, else the article."""
        if self.state is None or self.index is None:
            return
        focused = self.focused
        if isinstance(focused, OptionList) and focused.id in ("facts-list", "issues-list") and focused.highlighted is not None:
            option_id = focused.get_option_at_index(focused.highlighted).id or ""
            mention, kind = self._sentence_of(option_id)
            if mention is not None:
                text = self.index.article(mention.article).text[mention.start : mention.end]
                starred = not self.state.is_starred_sentence(mention.article, text)
                self.state.set_sentence_starred(mention.article, text, kind, starred)
                self.query_one(SidePanel).refresh_item(option_id)
                self.notify(f"{'Starred' if starred else 'Unstarred'} this {'key fact' if kind == 'fact' else 'sentence'}", timeout=1.5)
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

    def _sentence_of(self, option_id: str) -> tuple[Mention | None, str]:
        """The sentence a side-panel row quotes: a fact's lead sentence, an issue's latest."""
        assert self.index is not None
        kind, _, key = option_id.partition("-")
        if kind == "fact":
            return self.index.facts[int(key)].evidence[0], "fact"
        if kind == "issue":
            issue = next((i for i in self.index.issues if i.name == key), None)
            return (issue.latest if issue else None), "issue"
        return None, ""

    def action_note(self) -> None:
        """Add or edit a short note on the article."""
        article_id = self._article_in_context()
        if self.state is None or self.index is None or article_id is None:
            return
        state = self.state

        def save(text: str | None) -> None:
            if text is None or text.strip() == state.of(article_id).note:
                return
            state.set_note(article_id, text)
            self.query_one(ArticleList).refresh_article(article_id)
            if article_id == self.current_article:
                self.query_one(Reader).refresh_note()
            self.notify("Note saved" if text.strip() else "Note removed", timeout=1.5)
            self._say_state_problem()

        self.app.push_screen(NoteScreen(self.index.article(article_id).title, state.of(article_id).note), save)

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
        if target.kind == "article":
            article_id = int(target.key)
            self.open_article(article_id)
            articles = self.query_one(ArticleList)
            try:  # move the list's cursor to it, if the current filter lists it
                articles.highlighted = articles.get_option_index(f"article-{article_id}")
            except OptionDoesNotExist:
                pass
            self.query_one(Reader).focus()
        else:
            self.go_to(target.kind, target.key)

    # --- export -----------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask where to write the brief, then write it with the core's exporter."""
        if self.index is None:
            return
        self.app.push_screen(ExportScreen(Path(default_filename(self.index))), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        if path.exists():
            self.app.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?"),
                lambda overwrite: self._write_brief(path, True) if overwrite else self.notify("Not exported; the file was kept", markup=False),
            )
        else:
            self._write_brief(path, False)

    def _write_brief(self, path: Path, overwrite: bool) -> None:
        assert self.index is not None
        try:
            write_atomically(path, render_brief(self.index, self.state), overwrite=overwrite)
        except WriteError as error:
            self.notify(str(error), severity="error", timeout=8, markup=False)
            return
        self.notify(f"Wrote the brief to {path.resolve()}", timeout=6, markup=False)
