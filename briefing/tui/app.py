"""The reader app: registers themes, then hands over to the main screen."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.main import MainScreen
from briefing.tui.themes import ENTITY_VARIABLES, load_themes

DEFAULT_THEME = "briefing-dark"


class BriefingApp(App[None]):
    """briefing's Textual app: a thin view over the core's DocumentIndex."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(self, paths: list[str], theme_name: str | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.requested_theme = theme_name

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(ENTITY_VARIABLES)

    def on_mount(self) -> None:
        themes, problems = load_themes()
        for theme in themes:
            self.register_theme(theme)
        for problem in problems:
            self.notify(f"Theme {problem.path} not used: {problem.reason}", severity="warning", timeout=8)
        wanted = self.requested_theme or DEFAULT_THEME
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self.notify(f"No theme named {wanted!r}; using {DEFAULT_THEME}", severity="warning")
            self.theme = DEFAULT_THEME
        self.push_screen(MainScreen(self.paths))

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
