"""The files that were not read, each with its reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.language.text import printable
from briefing.model import Skipped


class SkippedScreen(ModalScreen[None]):
    """Lists every skipped file and why; escape or x closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("x", "dismiss", "Close", show=False),
    ]

    def __init__(self, skipped: tuple[Skipped, ...]) -> None:
        super().__init__()
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="skipped-body", classes="dialog"):
            title = f"{len(self.skipped)} files were not read"
            yield Static(Content(title, spans=[Span(0, len(title), "bold")]))
            for entry in self.skipped:
                path = printable(entry.path)
                yield Static(Content(f"{path}\n  {entry.reason}", spans=[Span(0, len(path), "$accent")]))

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
