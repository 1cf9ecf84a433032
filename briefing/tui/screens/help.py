"""The help screen: every key, from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Everywhere", [
        ("tab / shift+tab", "move between the list, the reader and the side panel"),
        ("1 2 3 4 5", "side panel: facts, issues, entities, timeline, differences"),
        ("/", "search the whole dossier"),
        ("n / N", "next / previous mention, sentence or search hit"),
        ("escape", "clear the entity, issue or search filter"),
        ("p", "hide or show the side panel"),
        ("x", "list the files that were skipped, with the reasons"),
        ("e", "export the one-page brief"),
        ("ctrl+p", "command palette (open article, go to entity or issue, search, export, theme)"),
        ("? / f1", "this help"),
        ("q", "quit"),
    ]),
    ("Your reading", [
        ("m", "mark the article read or unread (opening an article marks it read)"),
        ("s", "star the article; in the facts or issues tab, star the sentence under the cursor"),
        ("a", "add or edit a note on the article (ctrl+s saves)"),
        ("u", "list unread articles only, or every article again"),
        ("w", "what's new since your last visit: articles, and the issues and facts they touch"),
    ]),
    ("Lists", [
        ("j / k, up / down", "move"),
        ("g / G, home / end", "first / last"),
        ("ctrl+d / ctrl+u", "page down / up"),
        ("enter, click", "open the article, or the source of a fact, event, difference; filter by an entity or issue"),
    ]),
    ("Reader", [
        ("j / k, g / G, ctrl+d / ctrl+u", "scroll"),
        ("r", "show or hide the lines removed as boilerplate"),
        ("] / [", "move to the next / previous person, organisation or place"),
        ("enter", "filter by the entity under that cursor; n / N then walk its mentions"),
    ]),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q, ? or f1 closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content("briefing \u2014 keys", spans=[Span(0, 8, "bold")]), classes="help-title")
            for section, rows in KEYS:
                yield Static(Content(section, spans=[Span(0, len(section), "bold $accent")]), classes="help-section")
                for key, what in rows:
                    line = f"{key:<32}{what}"
                    yield Static(Content(line, spans=[Span(0, len(key), "bold")]))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
