"""The reader: an article's cleaned text with entities and dates highlighted from the index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

from briefing.index import DocumentIndex
from briefing.model import Article, Entity, Sentence
from briefing.store.state import DossierState
from briefing.tui.format import KIND_STYLES
from briefing.tui.keys import vim_keys

MARK_STYLE = "bold reverse"
CURSOR_STYLE = "bold underline reverse"
FOCUS_STYLE = "on $highlight"
STARRED_STYLE = "underline $warning"


class Reader(VerticalScroll, can_focus=True):
    """Title, a metadata line, then paragraphs; removed boilerplate can be revealed, dimmed.

    A sentence cursor (the highlighted sentence) is what `s`, `a` and `y` act on; opening a
    finding at its source puts the cursor on the sentence that reports it."""

    ALLOW_MAXIMIZE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        *vim_keys("scroll_down", "scroll_up", "scroll_home", "scroll_end"),
        Binding(
            "r",
            "toggle_removed",
            "Removed",
            show=False,
            tooltip="show or hide the lines removed as boilerplate, dimmed",
        ),
        Binding(
            "right_parenthesis",
            "next_sentence",
            "Sentence",
            tooltip="move the sentence cursor on: s stars that sentence, a notes it, y copies it with its source",
        ),
        Binding(
            "left_parenthesis",
            "previous_sentence",
            "Previous sentence",
            show=False,
            tooltip="move the sentence cursor back",
        ),
        Binding(
            "right_square_bracket",
            "next_entity",
            "Entity",
            tooltip="move a cursor to the next person, organisation or place; enter filters by it",
        ),
        Binding(
            "left_square_bracket",
            "previous_entity",
            "Previous entity",
            show=False,
            tooltip="move that cursor to the previous person, organisation or place",
        ),
        Binding(
            "enter",
            "choose_entity",
            "Choose entity",
            show=False,
            tooltip="filter by the entity under the cursor; n / N then walk its mentions",
        ),
        Binding(
            "escape",
            "clear_cursor",
            "Clear cursor",
            show=False,
            tooltip="take the entity cursor away (without one, escape clears the filter)",
        ),
    ]

    @dataclass
    class EntityChosen(Message):
        """The entity under the reader's cursor was chosen."""

        entity: Entity

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index: DocumentIndex | None = None
        self.article_id: int | None = None
        self.focus_span: tuple[int, int] | None = None
        """The highlighted stretch: the sentence under the cursor, or a finding's words."""
        self.marks: list[tuple[int, int]] = []
        self.show_removed = False
        self.entity_cursor: int | None = None
        """Which of the article's entity mentions the cursor is on."""
        self.state: DossierState | None = None
        """The reader's state: a star in the title, their notes; set by the screen."""
        self._paragraph_widgets: list[Static] = []
        self._starred: dict[int, list[tuple[int, int]]] = {}
        """Per paragraph, the stretches of the sentences the reader starred."""
        self._noted: dict[int, list[str]] = {}
        """Per paragraph, the reader's notes on its sentences."""

    def compose(self):
        yield Static("Choose an article to read it.", id="reader-empty")

    def show(
        self,
        index: DocumentIndex,
        article_id: int,
        focus: tuple[int, int] | None = None,
        marks: list[tuple[int, int]] | None = None,
        scroll_y: float | None = None,
    ) -> None:
        """Show an article, the `focus` stretch highlighted and scrolled to, `marks` emphasised;
        `scroll_y` keeps the reader where it was instead (an article shown again after a reload)."""
        self.index, self.article_id, self.focus_span, self.marks = index, article_id, focus, marks or []
        self.entity_cursor = None
        self._render_article(scroll_y=scroll_y)

    @property
    def sentence(self) -> Sentence | None:
        """The sentence under the cursor, if there is one."""
        if self.index is None or self.article_id is None or self.focus_span is None:
            return None
        return self.index.article(self.article_id).sentence_at(self.focus_span[0])

    def _shown(self) -> Article:
        """The article shown; asked for only where one is."""
        assert self.index is not None and self.article_id is not None
        return self.index.article(self.article_id)

    # --- drawing ---------------------------------------------------------------------

    def _paragraph_content(self, number: int) -> Content:
        """One paragraph with its entities, dates, marks, starred sentences and cursors styled."""
        assert self.index is not None and self.article_id is not None
        article = self.index.article(self.article_id)
        paragraph = article.paragraphs[number]
        lo, hi = paragraph.start, paragraph.end
        spans = []
        for start, end, kind, _ in self.index.highlights.get(article.id, ()):
            if lo <= start and end <= hi:
                spans.append(Span(start - lo, end - lo, KIND_STYLES[kind]))
        for start, end in self._starred.get(number, ()):
            spans.append(Span(start - lo, end - lo, STARRED_STYLE))
        for start, end in self.marks:
            if lo <= start and end <= hi:
                spans.append(Span(start - lo, end - lo, MARK_STYLE))
        cursor = self._cursor_mention()
        if cursor and lo <= cursor[0] < hi:
            spans.append(Span(cursor[0] - lo, cursor[1] - lo, CURSOR_STYLE))
        if self.focus_span and lo <= self.focus_span[0] < hi:
            s, e = self.focus_span
            spans.insert(0, Span(s - lo, min(e, hi) - lo, FOCUS_STYLE))
        return Content(article.text[lo:hi], spans=spans)

    def _mark_sentences(self) -> None:
        """Which sentences the reader starred or noted, by paragraph: found once per article
        shown, not once per paragraph drawn."""
        self._starred, self._noted = {}, {}
        if self.state is None or self.index is None or self.article_id is None:
            return
        if not (self.state.sentences or self.state.noted_sentences):
            return  # nothing starred or noted anywhere: no sentence to look at
        article = self.index.article(self.article_id)
        for sentence in article.sentences:
            text = article.text[sentence.start : sentence.end]
            if self.state.is_starred_sentence(article.id, text):
                self._starred.setdefault(sentence.paragraph, []).append((sentence.start, sentence.end))
            note = self.state.sentence_note(article.id, text)
            if note:
                self._noted.setdefault(sentence.paragraph, []).append(note)

    def _render_article(self, scroll_y: float | None = None) -> None:
        if self.index is None or self.article_id is None:
            return
        article = self.index.article(self.article_id)
        self._mark_sentences()
        widgets: list[Static] = [Static(self._title(), classes="reader-title")]
        date = article.published.isoformat() if article.published else "undated"
        meta = " \u00b7 ".join(
            part
            for part in (article.source or "unknown source", date, article.url or "", f"{article.words} words")
            if part
        )
        widgets.append(Static(Content(meta), classes="reader-meta"))
        for note in article.notes:  # an encoding guess or a truncation, said once, plainly
            widgets.append(Static(Content(f"Note: {note}"), classes="reader-note"))
        mine = self.state.of(article.id) if self.state else None
        if mine and mine.note:
            widgets.append(Static(Content(f"Your note (a edits): {mine.note}"), classes="reader-user-note"))
        self._paragraph_widgets = []
        for number, paragraph in enumerate(article.paragraphs):
            widget = Static(self._paragraph_content(number), classes="heading" if paragraph.heading else "paragraph")
            self._paragraph_widgets.append(widget)
            widgets.append(widget)
            widgets.extend(
                Static(Content(f"\u270e {note}"), classes="reader-sentence-note")
                for note in self._noted.get(number, ())
            )
        if self.show_removed and article.removed:
            widgets.append(
                Static(Content(f"Removed as boilerplate ({len(article.removed)} lines):"), classes="removed-title")
            )
            widgets.extend(
                Static(Content(f"{line.text}  \u2014 {line.reason}"), classes="removed") for line in article.removed
            )
        self.remove_children()
        self.mount_all(widgets)
        target = self._target_widget()
        if scroll_y is not None:
            self.call_after_refresh(self.scroll_to, y=scroll_y, animate=False)
        elif target is not None:
            self.call_after_refresh(self.scroll_to_widget, target, animate=False, top=True)
        else:
            self.call_after_refresh(self.scroll_home, animate=False)

    def _paragraph_of(self, offset: int) -> int | None:
        article = self._shown()
        return next((n for n, p in enumerate(article.paragraphs) if p.start <= offset < p.end), None)

    def _target_widget(self) -> Static | None:
        """The paragraph holding the entity cursor, else the highlighted stretch."""
        cursor = self._cursor_mention()
        offset = cursor[0] if cursor else self.focus_span[0] if self.focus_span else None
        number = self._paragraph_of(offset) if offset is not None else None
        return self._paragraph_widgets[number] if number is not None and number < len(self._paragraph_widgets) else None

    def _redraw(self, *offsets: int | None) -> None:
        """Redraw only the paragraphs holding these offsets, and keep the cursor in view."""
        for offset in offsets:
            number = self._paragraph_of(offset) if offset is not None else None
            if number is not None and number < len(self._paragraph_widgets):
                self._paragraph_widgets[number].update(self._paragraph_content(number))
        target = self._target_widget()
        if target is not None:
            self.call_after_refresh(self.scroll_to_widget, target, animate=False)

    def _title(self) -> Content:
        article = self._shown()
        starred = bool(self.state and self.state.of(article.id).starred)
        return Content(f"[{article.id}] " + ("\u2605 " if starred else "") + article.title)

    def refresh_title(self) -> None:
        """Show a change of star without moving the reader."""
        if self.index is not None and self.article_id is not None:
            for title in self.query(".reader-title").results(Static):
                title.update(self._title())

    def refresh_note(self) -> None:
        """Show a changed note or sentence star, keeping the reader where it is."""
        self._render_article(scroll_y=self.scroll_y)

    def action_toggle_removed(self) -> None:
        """Show or hide the lines removed as boilerplate, dimmed."""
        self.show_removed = not self.show_removed
        self._render_article(scroll_y=self.scroll_y)
        if self.article_id is not None and self.index is not None:
            count = len(self.index.article(self.article_id).removed)
            self.notify(f"{'Showing' if self.show_removed else 'Hiding'} {count} removed lines", timeout=2)

    # --- the sentence cursor -----------------------------------------------------------

    def _first_visible_sentence(self) -> int:
        """The first sentence of the first paragraph in view, so the cursor starts where the reader is."""
        article = self._shown()
        for number, widget in enumerate(self._paragraph_widgets):
            if widget.virtual_region.bottom > self.scroll_y:
                start = article.paragraphs[number].start
                return next((s.index for s in article.sentences if s.start >= start), 0)
        return 0

    def _move_sentence(self, step: int) -> None:
        if self.index is None or self.article_id is None:
            return
        sentences = self.index.article(self.article_id).sentences
        if not sentences:
            return
        current = self.sentence
        if current is None:
            number = self._first_visible_sentence()
        else:
            number = max(0, min(len(sentences) - 1, current.index + step))
        old = self.focus_span[0] if self.focus_span else None
        chosen = sentences[number]
        self.focus_span = (chosen.start, chosen.end)
        self._redraw(old, chosen.start)

    def action_next_sentence(self) -> None:
        """Move the sentence cursor to the next sentence (to the first in view, at first)."""
        self._move_sentence(1)

    def action_previous_sentence(self) -> None:
        """Move the sentence cursor to the previous sentence."""
        self._move_sentence(-1)

    def action_clear_cursor(self) -> None:
        """Take the entity cursor away; without one, escape means what it means elsewhere
        (clearing the filter), and the sentence cursor stays where the reader is."""
        cursor = self._cursor_mention()
        if cursor is None:
            raise SkipAction()
        self.entity_cursor = None
        self._redraw(cursor[0])

    # --- the entity cursor -------------------------------------------------------------

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
        before = self._cursor_mention()
        if self.entity_cursor is None:
            self.entity_cursor = 0 if step > 0 else len(mentions) - 1
        else:
            self.entity_cursor = (self.entity_cursor + step) % len(mentions)
        start, end, kind, _ = mentions[self.entity_cursor]
        self._redraw(before[0] if before else None, start)
        name = self._shown().text[start:end]
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
        entity = self.index.entity(mention[3]) if mention and self.index is not None else None
        if entity is not None:
            self.post_message(self.EntityChosen(entity))
