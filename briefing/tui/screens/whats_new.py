"""What's new since the previous visit: added or changed articles, and findings they touch."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.index import DocumentIndex
from briefing.language.text import shorten
from briefing.model import Article, Fact, OpenIssue
from briefing.store.state import DossierState
from briefing.tui.format import cite, counted, two_line_row
from briefing.tui.widgets.side_panel import PanelList

Target = Article | Fact | OpenIssue
"""Where a chosen line leads."""


def _heading(text: str) -> Option:
    return Option(Content(text, spans=[Span(0, len(text), "bold underline")]), disabled=True)


class WhatsNewScreen(ModalScreen[Target | None]):
    """Lists what is new; Enter goes to it, escape or w closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("w", "close", "Close", show=False),
    ]

    def __init__(self, index: DocumentIndex, state: DossierState) -> None:
        super().__init__()
        self.index = index
        self.state = state
        self.targets: dict[str, Target] = {}
        """Where each option leads, by its id: the one place an option id is understood."""

    def _option(self, head: str, body: str, option_id: str, target: Target) -> Option:
        self.targets[option_id] = target
        return Option(two_line_row(head, body), id=option_id)

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
                        self._option(
                            f"[{article_id}] {article.title}",
                            f"{mark} \u00b7 {article.source or 'unknown source'} \u00b7 {date}",
                            f"article-{article_id}",
                            article,
                        )
                    )
            if issues:
                options.append(_heading(f"Open issues ({len(issues)})"))
                for name in issues:
                    issue = self.index.issue_named(name)
                    if issue is None:
                        continue  # the state names only issues of this index; nothing to show otherwise
                    fresh = [a for a in issue.articles if self.state.is_new(a)]
                    options.append(
                        self._option(name, f"{issue.status} \u00b7 new in {cite(fresh)}", f"issue-{name}", issue)
                    )
            if facts:
                options.append(_heading(f"Key facts ({len(facts)})"))
                for number in facts:
                    fact = self.index.facts[number]
                    fresh = [a for a in fact.sources if self.state.is_new(a)]
                    options.append(
                        self._option(
                            f"{cite(fact.sources)} new in {cite(fresh)}",
                            shorten(fact.text, 30),
                            f"fact-{number}",
                            fact,
                        )
                    )
            yield PanelList(*options, id="whats-new-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        target = self.targets.get(event.option.id or "")
        if target is not None:
            self.dismiss(target)

    def action_close(self) -> None:
        """Close without going anywhere."""
        self.dismiss(None)
