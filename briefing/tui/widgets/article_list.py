"""The article list: title, source, date and open-issue badges, one option per article."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from briefing.index import DocumentIndex
from briefing.index.queries import issues_by_article
from briefing.store.state import ArticleState, DossierState
from briefing.tui.keys import LIST_KEYS


def article_row(index: DocumentIndex, article_id: int, badges: list[str], mine: ArticleState | None = None) -> Content:
    """Two lines for one article: a star and its title, then source, date, what is new, a
    note sign and issue badges (all plain text). Read articles are dimmed; unread are bold."""
    article = index.article(article_id)
    mine = mine or ArticleState()
    # The number is the brief's citation: [3] in the brief is [3] here.
    title = f"[{article.id}] " + ("\u2605 " if mine.starred else "") + article.title
    date = article.published.isoformat() if article.published else "undated"
    meta = f"{article.source or 'unknown source'} \u00b7 {date}"
    status = " NEW" if mine.new else " UPDATED" if mine.updated else ""
    note = " \u270e note" if mine.note else ""
    badge_text = "".join(f" [{name}]" for name in badges)
    text = f"{title}\n{meta}{status}{note}{badge_text}"
    spans = [
        Span(0, len(title), "$text-muted" if mine.read else "bold"),
        Span(len(title) + 1, len(title) + 1 + len(meta), "$text-muted"),
    ]
    cursor = len(title) + 1 + len(meta)
    if status:
        spans.append(Span(cursor, cursor + len(status), "bold $success"))
    cursor += len(status)
    if note:
        spans.append(Span(cursor, cursor + len(note), "$secondary"))
    if badges:
        spans.append(Span(len(text) - len(badge_text), len(text), "$text-muted" if mine.read else "$accent"))
    return Content(text, spans=spans)


def _option_id(article_id: int) -> str:
    return f"article-{article_id}"


class ArticleList(OptionList):
    """The dossier's articles in date order (undated last); Enter or a click opens one."""

    BINDINGS = LIST_KEYS

    @dataclass
    class Chosen(Message):
        """An article was chosen."""

        article_id: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: dict[int, Content] = {}
        self._rows_of: DocumentIndex | None = None
        self._badges: dict[int, list[str]] = {}
        self._listed: list[int] = []
        """The article ids listed, in the list's order: what each option stands for."""
        self.state: DossierState | None = None
        """The reader's state, shown in each row; set by the screen."""

    def _row(self, index: DocumentIndex, article_id: int) -> Content:
        # Rows are made once per index: filtering 10,000 articles as you type must not
        # rebuild 10,000 rows on every keystroke.
        if self._rows_of is not index:
            self._badges, self._rows, self._rows_of = issues_by_article(index), {}, index
        row = self._rows.get(article_id)
        if row is None:
            mine = self.state.of(article_id) if self.state else None
            row = self._rows[article_id] = article_row(index, article_id, self._badges.get(article_id, []), mine)
        return row

    def refresh_article(self, article_id: int) -> None:
        """Redraw one article's row after its state changed."""
        if self._rows_of is None:
            return
        self._rows.pop(article_id, None)
        row = self._row(self._rows_of, article_id)
        # Filtered out of the list just now: the cache is fresh for when it returns.
        with suppress(OptionDoesNotExist):
            self.replace_option_prompt(_option_id(article_id), row)

    def show(self, index: DocumentIndex, article_ids: list[int], keep: int | None = None) -> None:
        """List these articles; keep the cursor on `keep` if it is among them."""
        self.clear_options()
        self._listed = list(article_ids)
        self.add_options(Option(self._row(index, article_id), id=_option_id(article_id)) for article_id in article_ids)
        if keep in article_ids:
            self.highlighted = article_ids.index(keep)
        elif article_ids:
            self.highlighted = 0

    def move_to(self, article_id: int) -> None:
        """Put the cursor on an article, if the list shows it."""
        with suppress(OptionDoesNotExist):
            self.highlighted = self.get_option_index(_option_id(article_id))

    @property
    def current_article(self) -> int | None:
        """The article under the cursor."""
        if self.highlighted is None or not self.option_count:
            return None
        return self._listed[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self._listed[event.option_index]))
