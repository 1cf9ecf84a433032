"""The reader: an article's cleaned text with entities and dates highlighted from the index."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

from briefing.core.index import DocumentIndex

KIND_STYLES = {
    "person": "$entity-person",
    "organization": "$entity-organization",
    "place": "$entity-place",
    "date": "$entity-date italic",
}
MARK_STYLE = "bold reverse"
FOCUS_STYLE = "on $highlight"


class Reader(VerticalScroll, can_focus=True):
    """Title, a metadata line, then paragraphs; removed boilerplate can be revealed, dimmed."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("ctrl+d", "page_down", "Page down", show=False),
        Binding("ctrl+u", "page_up", "Page up", show=False),
        Binding("r", "toggle_removed", "Removed lines"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index: DocumentIndex | None = None
        self.article_id: int | None = None
        self.focus_span: tuple[int, int] | None = None
        self.marks: list[tuple[int, int]] = []
        self.show_removed = False

    def compose(self):
        yield Static("Choose an article to read it.", id="reader-empty")

    def show(self, index: DocumentIndex, article_id: int, focus: tuple[int, int] | None = None,
             marks: list[tuple[int, int]] | None = None) -> None:
        """Show an article, the `focus` stretch highlighted and scrolled to, `marks` emphasised."""
        self.index, self.article_id, self.focus_span, self.marks = index, article_id, focus, marks or []
        self._render_article()

    def _render_article(self) -> None:
        if self.index is None or self.article_id is None:
            return
        article = self.index.article(self.article_id)
        highlights = self.index.highlights.get(article.id, ())
        widgets: list[Static] = [Static(Content(article.title), classes="reader-title")]
        date = article.published.isoformat() if article.published else "undated"
        meta = " \u00b7 ".join(
            part for part in (article.source or "unknown source", date, article.url or "", f"{article.words} words") if part
        )
        widgets.append(Static(Content(meta), classes="reader-meta"))
        focus_widget = None
        for paragraph in article.paragraphs:
            spans = []
            for start, end, kind, _ in highlights:
                if paragraph.start <= start and end <= paragraph.end:
                    spans.append(Span(start - paragraph.start, end - paragraph.start, KIND_STYLES[kind]))
            for start, end in self.marks:
                if paragraph.start <= start and end <= paragraph.end:
                    spans.append(Span(start - paragraph.start, end - paragraph.start, MARK_STYLE))
            focused = self.focus_span and paragraph.start <= self.focus_span[0] < paragraph.end
            if focused:
                s, e = self.focus_span
                spans.insert(0, Span(s - paragraph.start, min(e, paragraph.end) - paragraph.start, FOCUS_STYLE))
            text = article.text[paragraph.start : paragraph.end]
            widget = Static(Content(text, spans=spans), classes="heading" if paragraph.heading else "paragraph")
            widgets.append(widget)
            if focused:
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

    def action_toggle_removed(self) -> None:
        """Show or hide the lines removed as boilerplate, dimmed."""
        self.show_removed = not self.show_removed
        self._render_article()
        if self.article_id is not None and self.index is not None:
            count = len(self.index.article(self.article_id).removed)
            self.notify(f"{'Showing' if self.show_removed else 'Hiding'} {count} removed lines", timeout=2)
