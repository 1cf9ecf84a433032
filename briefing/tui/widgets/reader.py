"""The reader: an article's cleaned text with entities and dates highlighted from the index."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

from briefing.core.index import DocumentIndex
from briefing.core.state import DossierState
from briefing.tui.keys import vim_keys

KIND_STYLES = {
    "person": "$entity-person",
    "organization": "$entity-organization",
    "place": "$entity-place",
    "date": "$entity-date italic",
}
MARK_STYLE = "bold reverse"
CURSOR_STYLE = "bold underline reverse"
FOCUS_STYLE = "on $highlight"


class Reader(VerticalScroll, can_focus=True):
    """Title, a metadata line, then paragraphs; removed boilerplate can be revealed, dimmed."""

    BINDINGS = [
        *vim_keys("scroll_down", "scroll_up", "scroll_home", "scroll_end"),
        Binding("r", "toggle_removed", "Removed lines"),
        Binding("right_square_bracket", "next_entity", "Next entity"),
        Binding("left_square_bracket", "previous_entity", "Prev entity"),
        Binding("enter", "choose_entity", "Choose entity", show=False),
    ]

    @dataclass
    class EntityChosen(Message):
        """The entity under the reader's cursor was chosen."""

        entity_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index: DocumentIndex | None = None
        self.article_id: int | None = None
        self.focus_span: tuple[int, int] | None = None
        self.marks: list[tuple[int, int]] = []
        self.show_removed = False
        self.entity_cursor: int | None = None
        """Which of the article's entity mentions the cursor is on."""
        self.state: DossierState | None = None
        """The reader's state: a star in the title, their note under it; set by the screen."""

    def compose(self):
        yield Static("Choose an article to read it.", id="reader-empty")

    def show(self, index: DocumentIndex, article_id: int, focus: tuple[int, int] | None = None,
             marks: list[tuple[int, int]] | None = None) -> None:
        """Show an article, the `focus` stretch highlighted and scrolled to, `marks` emphasised."""
        self.index, self.article_id, self.focus_span, self.marks = index, article_id, focus, marks or []
        self.entity_cursor = None
        self._render_article()

    def _render_article(self) -> None:
        if self.index is None or self.article_id is None:
            return
        article = self.index.article(self.article_id)
        highlights = self.index.highlights.get(article.id, ())
        widgets: list[Static] = [Static(self._title(), classes="reader-title")]
        date = article.published.isoformat() if article.published else "undated"
        meta = " \u00b7 ".join(
            part for part in (article.source or "unknown source", date, article.url or "", f"{article.words} words") if part
        )
        widgets.append(Static(Content(meta), classes="reader-meta"))
        for note in article.notes:  # an encoding guess or a truncation, said once, plainly
            widgets.append(Static(Content(f"Note: {note}"), classes="reader-note"))
        mine = self.state.of(article.id) if self.state else None
        if mine and mine.note:
            widgets.append(Static(Content(f"Your note (a edits): {mine.note}"), classes="reader-user-note"))
        focus_widget = None
        for paragraph in article.paragraphs:
            spans = []
            for start, end, kind, _ in highlights:
                if paragraph.start <= start and end <= paragraph.end:
                    spans.append(Span(start - paragraph.start, end - paragraph.start, KIND_STYLES[kind]))
            for start, end in self.marks:
                if paragraph.start <= start and end <= paragraph.end:
                    spans.append(Span(start - paragraph.start, end - paragraph.start, MARK_STYLE))
            cursor = self._cursor_mention()
            if cursor and paragraph.start <= cursor[0] < paragraph.end:
                spans.append(Span(cursor[0] - paragraph.start, cursor[1] - paragraph.start, CURSOR_STYLE))
            focused = self.focus_span and paragraph.start <= self.focus_span[0] < paragraph.end
            if focused:
                s, e = self.focus_span
                spans.insert(0, Span(s - paragraph.start, min(e, paragraph.end) - paragraph.start, FOCUS_STYLE))
            text = article.text[paragraph.start : paragraph.end]
            widget = Static(Content(text, spans=spans), classes="heading" if paragraph.heading else "paragraph")
            widgets.append(widget)
            if focused or (cursor and paragraph.start <= cursor[0] < paragraph.end):
                focus_widget = widget
        if self.show_removed and article.removed:
            widgets.append(Static(Content(f"Removed as boilerplate ({len(article.removed)} lines):"), classes="removed-title"))
            widgets.extend(Static(Content(f"{line.text}  \u2014 {line.reason}"), classes="removed") for line in article.removed)
        self.remove_children()
        self.mount_all(widgets)
        if focus_widget is not None:
            self.call_after_refresh(self.scroll_to_widget, focus_widget, animate=False, top=True)
        else:
            self.call_after_refresh(self.scroll_home, animate=False)

    def _title(self) -> Content:
        article = self.index.article(self.article_id)  # type: ignore[union-attr,arg-type]
        starred = bool(self.state and self.state.of(article.id).starred)
        return Content(("\u2605 " if starred else "") + article.title)

    def refresh_title(self) -> None:
        """Show a change of star without moving the reader."""
        if self.index is not None and self.article_id is not None:
            for title in self.query(".reader-title").results(Static):
                title.update(self._title())

    def refresh_note(self) -> None:
        """Show a changed note (the article is drawn again)."""
        self._render_article()

    def action_toggle_removed(self) -> None:
        """Show or hide the lines removed as boilerplate, dimmed."""
        self.show_removed = not self.show_removed
        self._render_article()
        if self.article_id is not None and self.index is not None:
            count = len(self.index.article(self.article_id).removed)
            self.notify(f"{'Showing' if self.show_removed else 'Hiding'} {count} removed lines", timeout=2)

    def _entity_mentions(self) -> list[tuple[int, int, str, str]]:
        if self.index is None or self.article_id is None:
            return []
        return [h for h in self.index.highlights.get(self.article_id, ()) if h[2] != "date"]

    def _cursor_mention(self) -> tuple[int, int, str, str] | None:
        mentions = self._entity_mentions()
        if self.entity_cursor is None or not mentions:
            return None
        return mentions[self.entity_cursor % len(mentions)]

    def _move_cursor(self, step: int) -> None:
        mentions = self._entity_mentions()
        if not mentions:
            return
        if self.entity_cursor is None:
            self.entity_cursor = 0 if step > 0 else len(mentions) - 1
        else:
            self.entity_cursor = (self.entity_cursor + step) % len(mentions)
        self._render_article()
        start, end, kind, _ = mentions[self.entity_cursor]
        name = self.index.article(self.article_id).text[start:end]  # type: ignore[union-attr]
        self.notify(f"{kind}: {name} \u2014 enter filters by it", timeout=2, markup=False)

    def action_next_entity(self) -> None:
        """Move the cursor to the next person, organisation or place in the article."""
        self._move_cursor(1)

    def action_previous_entity(self) -> None:
        """Move the cursor to the previous person, organisation or place."""
        self._move_cursor(-1)

    def action_choose_entity(self) -> None:
        """Filter by the entity under the cursor."""
        mention = self._cursor_mention()
        if mention:
            self.post_message(self.EntityChosen(mention[3]))
