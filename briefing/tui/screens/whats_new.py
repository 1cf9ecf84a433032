"""What's new since the previous visit: added or changed articles, and findings they touch."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.index import DocumentIndex
from briefing.language.text import shorten
from briefing.store.state import DossierState
from briefing.tui.widgets.side_panel import PanelList, two_line_row
from briefing.views.brief import cite


@dataclass(frozen=True)
class Target:
    """Where a chosen line leads: kind is "article", "fact" or "issue"."""

    kind: str
    key: str


def counted(number: int, noun: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _option(head: str, body: str, option_id: str) -> Option:
    return Option(two_line_row(head, body), id=option_id)


def _heading(text: str) -> Option:
    return Option(Content(text, spans=[Span(0, len(text), "bold underline")]), disabled=True)


class WhatsNewScreen(ModalScreen[Target | None]):
    """Lists what is new; Enter goes to it, escape or w closes."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("w", "close", "Close", show=False),
    ]

    def __init__(self, index: DocumentIndex, state: DossierState) -> None:
        super().__init__()
        self.index = index
        self.state = state

    def compose(self) -> ComposeResult:
        articles = self.state.new_articles()
        facts = self.state.new_facts()
        issues = self.state.new_issues()
        with Vertical(id="whats-new", classes="dialog"):
            if self.state.previous_visit is None:
                summary = "This is your first visit to this dossier: from the next one on, what was added shows here."
            elif not articles:
                summary = "Nothing new since your last visit."
            else:
                summary = (
                    f"Since your last visit: {counted(len(articles), 'new or changed article')}; "
                    f"{counted(len(issues), 'open issue')} and {counted(len(facts), 'key fact')} with new sources."
                )
            yield Static(Content(summary, spans=[Span(0, len(summary), "bold")]), id="whats-new-summary")
            options: list[Option] = []
            if articles:
                options.append(_heading(f"Articles ({len(articles)})"))
                for article_id in articles:
                    article = self.index.article(article_id)
                    mark = "new" if self.state.of(article_id).new else "updated"
                    date = article.published.isoformat() if article.published else "undated"
                    options.append(
                        _option(
                            f"[{article_id}] {article.title}",
                            f"{mark} \u00b7 {article.source or 'unknown source'} \u00b7 {date}",
                            f"article-{article_id}",
                        )
                    )
            if issues:
                options.append(_heading(f"Open issues ({len(issues)})"))
                for name in issues:
                    issue = next(i for i in self.index.issues if i.name == name)
                    fresh = [a for a in issue.articles if self.state.is_new(a)]
                    options.append(_option(name, f"{issue.status} \u00b7 new in {cite(fresh)}", f"issue-{name}"))
            if facts:
                options.append(_heading(f"Key facts ({len(facts)})"))
                for number in facts:
                    fact = self.index.facts[number]
                    fresh = [a for a in fact.sources if self.state.is_new(a)]
                    options.append(
                        _option(f"{cite(fact.sources)} new in {cite(fresh)}", shorten(fact.text, 30), f"fact-{number}")
                    )
            yield PanelList(*options, id="whats-new-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, key = (event.option.id or "").partition("-")
        self.dismiss(Target(kind, key))

    def action_close(self) -> None:
        """Close without going anywhere."""
        self.dismiss(None)
