"""The help screen: every key, read from the bindings themselves after the user's keymap.

Nothing here is written by hand: a key added, removed or remapped shows up as it is bound.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.tui.keys import vim_keys

HelpRow = tuple[str, str]
"""(keys, what they do)."""


def _class_bindings(cls: type) -> list[Binding]:
    """The bindings a class has, merged as Textual merges them: a key bound again in a
    subclass replaces the base class's binding for that key."""
    by_key: dict[str, list[Binding]] = {}
    for klass in reversed(cls.__mro__):
        if "BINDINGS" in klass.__dict__:
            by_key.update(BindingsMap(klass.__dict__["BINDINGS"]).key_to_bindings)
    return [binding for bindings in by_key.values() for binding in bindings]


def binding_rows(app: App, bindings: Iterable[Binding], keymap: dict[str, str]) -> list[HelpRow]:
    """One row per action: every key bound to it (remapped ones as remapped) and what it does."""
    remapped = BindingsMap(list(bindings))
    if keymap:
        remapped.apply_keymap(keymap)
    keys_of: dict[str, list[str]] = {}
    what_of: dict[str, str] = {}
    for key_bindings in remapped.key_to_bindings.values():
        for binding in key_bindings:
            what = binding.tooltip or binding.description
            if binding.system or not what:
                continue
            keys = keys_of.setdefault(binding.action, [])
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
            if binding.tooltip or binding.action not in what_of:
                what_of[binding.action] = what  # a subclass's own words win over a base class's
    return [(" / ".join(keys), what_of[action][:1].lower() + what_of[action][1:]) for action, keys in keys_of.items()]


def help_sections(app: App) -> list[tuple[str, list[HelpRow]]]:
    """The app's keys by where they work, from the main screen's and the panes' bindings."""
    from briefing.tui.screens.main import MainScreen
    from briefing.tui.widgets.article_list import ArticleList
    from briefing.tui.widgets.reader import Reader
    from briefing.tui.widgets.side_panel import PanelList

    keymap = getattr(app, "keymap", {})
    palette = Binding(
        app.COMMAND_PALETTE_BINDING,
        "command_palette",
        "Palette",
        tooltip="command palette: open an article, go to an entity or issue, search, sort, export, theme",
    )
    everywhere = [*_class_bindings(MainScreen), *_class_bindings(type(app)), palette]
    sections = [
        ("Everywhere", binding_rows(app, everywhere, keymap)),
        ("Article list", binding_rows(app, _class_bindings(ArticleList), keymap)),
        ("Reader", binding_rows(app, _class_bindings(Reader), keymap)),
        ("Side panel", binding_rows(app, _class_bindings(PanelList), keymap)),
    ]
    return [(title, rows) for title, rows in sections if rows]


class HelpBody(VerticalScroll):
    """The scrolling body of the help screen: arrows and j/k, g/G, ctrl+d/ctrl+u."""

    BINDINGS = vim_keys("scroll_down", "scroll_up", "scroll_home", "scroll_end")


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q, ? or f1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[HelpRow]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with HelpBody(id="help-body"):
            yield Static(Content("briefing \u2014 keys", spans=[Span(0, 8, "bold")]), classes="help-title")
            for section, rows in self.sections:
                yield Static(Content(section, spans=[Span(0, len(section), "bold $accent")]), classes="help-section")
                for keys, what in rows:
                    # Two columns, so that a wrapped description stays in its own column.
                    with Horizontal(classes="help-row"):
                        yield Static(Content(keys), classes="help-key")
                        yield Static(Content(what), classes="help-what")

    def on_mount(self) -> None:
        self.query_one(HelpBody).focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
