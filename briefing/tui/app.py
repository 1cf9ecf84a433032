"""The reader app: registers themes, then hands over to the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from briefing.tui.commands import DossierCommands
from briefing.tui.config import read_settings, save_theme
from briefing.tui.screens.help import HelpScreen, help_sections
from briefing.tui.screens.main import MainScreen
from briefing.tui.themes import ENTITY_VARIABLES, load_themes

DEFAULT_THEME = "briefing-dark"


class BriefingApp(App[None]):
    """briefing's Textual app: a thin view over the core's DocumentIndex."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {DossierCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="quit"),
        Binding("question_mark", "help", "Help", id="help", tooltip="every key, as bound now"),
        Binding("f1", "help", "Help", show=False, tooltip="every key, as bound now"),
    ]

    def __init__(
        self,
        paths: list[str],
        theme_name: str | None = None,
        max_chars: int | None = None,
        use_state: bool = True,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.use_state = use_state
        self.use_cache = use_cache
        self.requested_theme = theme_name
        self.max_chars = max_chars
        self.keymap: dict[str, str] = {}
        """The user's remapped keys (binding id → keys), as config.toml gives them."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ENTITY_VARIABLES)

    def on_mount(self) -> None:
        themes, problems = load_themes()
        for theme in themes:
            self.register_theme(theme)
        for problem in problems:
            self.notify(f"Theme {problem.path} not used: {problem.reason}", severity="warning", timeout=8)
        settings = read_settings()
        if settings.problem:
            self.notify(settings.problem, severity="warning", timeout=8, markup=False)
        self.keymap = dict(settings.keys)
        if settings.keys:
            self.set_keymap(settings.keys)
        wanted = self.requested_theme or settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notify(f"No theme named {wanted!r}; using {DEFAULT_THEME}", severity="warning", markup=False)
            wanted = DEFAULT_THEME
        # A theme named with --theme is the user's choice, and is remembered like one made in the palette.
        self._remember_theme = bool(self.requested_theme) and wanted == self.requested_theme
        self.theme = wanted
        self._remember_theme = True  # from now on, a change of theme is the user's choice
        self.push_screen(MainScreen(self.paths, self.max_chars, self.use_state, self.use_cache))

    _remember_theme = False

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme:
            problem = save_theme(theme)
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # The dossier's commands once it is read: before, there is nothing for them to act on.
        if isinstance(screen, MainScreen) and screen.index is not None:
            yield SystemCommand(
                "Export brief", "Write the one-page brief as Markdown, a web page or Word", screen.action_export
            )
            yield SystemCommand("Search", "Search the whole dossier", screen.action_search)
            for order, what in (("date", "by date"), ("outlet", "by outlet"), ("unread", "unread first")):
                yield SystemCommand(
                    f"Sort articles {what}", f"List the articles {what}", partial(screen.action_sort, order)
                )
            yield SystemCommand("Reload the dossier", "Read the dossier's files again", screen.action_reload)
            yield SystemCommand(
                "Zoom the focused pane", "Give the focused pane the whole window, or share it again", screen.action_zoom
            )
        yield SystemCommand("Help: keys", "Every key briefing understands", self.action_help)

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self)))
