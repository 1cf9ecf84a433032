"""The export modal (where to write the brief) and the overwrite question."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from briefing.output import BRIEF_SUFFIXES, BriefFormat


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """Where to write the brief and in which format."""

    path: Path
    format: BriefFormat


# The formats as the dialog offers them, in its order.
_FORMAT_LABELS = {
    BriefFormat.MARKDOWN: "Markdown (.md)",
    BriefFormat.HTML: "Web page (.html)",
    BriefFormat.DOCX: "Word (.docx)",
}


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Asks where to write the one-page brief and in which format; returns the choice, or None if cancelled.

    Choosing a format changes the file name's extension; typing a name with a known extension
    chooses its format, so the two never disagree.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        chosen = BRIEF_SUFFIXES.get(self.default.suffix.lower(), BriefFormat.MARKDOWN)
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label("Export the one-page brief to:")
            yield Input(str(self.default), id="export-path")
            with RadioSet(id="export-format"):
                for format, label in _FORMAT_LABELS.items():
                    yield RadioButton(label, value=format is chosen, name=format.value)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _chosen(self) -> BriefFormat:
        pressed = self.query_one(RadioSet).pressed_button
        return BriefFormat(pressed.name) if pressed is not None and pressed.name else BriefFormat.MARKDOWN

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        format = BriefFormat(event.pressed.name) if event.pressed.name else BriefFormat.MARKDOWN
        field = self.query_one(Input)
        path = Path(field.value.strip())
        if field.value.strip() and BRIEF_SUFFIXES.get(path.suffix.lower()) is not format:
            stem = path.with_suffix("") if path.suffix.lower() in BRIEF_SUFFIXES else path
            field.value = str(stem) + format.suffix

    def on_input_changed(self, event: Input.Changed) -> None:
        format = BRIEF_SUFFIXES.get(Path(event.value.strip()).suffix.lower())
        if format is not None and format is not self._chosen():
            for button in self.query(RadioButton):
                if button.name == format.value:
                    button.value = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._finish(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self._finish(self.query_one(Input).value)
        elif event.button.id == "export-cancel":
            self.dismiss(None)

    def _finish(self, value: str) -> None:
        value = value.strip()
        self.dismiss(ExportChoice(Path(value).expanduser(), self._chosen()) if value else None)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; No is the default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", "No"),
        Binding("y", "yes", "Yes"),
        Binding("n", "no", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Label(Content(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Overwrite (y)", variant="warning", id="confirm-yes")
                yield Button("Keep it (n)", variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_yes(self) -> None:
        """Overwrite."""
        self.dismiss(True)

    def action_no(self) -> None:
        """Keep the existing file."""
        self.dismiss(False)
