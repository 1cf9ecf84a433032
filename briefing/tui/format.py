"""How the app draws the index's findings: the styles of entity kinds, rows of two lines, the
star and NEW tags, and the citation and date forms every view shares (views/labels.py).

Every pane and screen takes these from here, not from one another or from the brief, so
that a pane can change without the others, and a change of look is made in one place."""

from __future__ import annotations

from textual.content import Content, Span

from briefing.views.labels import cite, human_date

__all__ = ["KIND_STYLES", "cite", "counted", "human_date", "tagged", "two_line_row"]

KIND_STYLES = {
    "person": "$entity-person",
    "organization": "$entity-organization",
    "place": "$entity-place",
    "date": "$entity-date italic",
}
"""The style of each kind of entity (and of dates), as the theme's variables name them."""


def two_line_row(head: str, body: str = "", head_style: str = "bold") -> Content:
    """A heading line in `head_style`, then a plain body line (if any)."""
    text = f"{head}\n{body}" if body else head
    spans = [Span(0, len(head), head_style)]
    return Content(text, spans=spans)


def tagged(head: str, starred: bool, new: bool) -> tuple[str, list[Span]]:
    """`head` with a leading star and a trailing NEW, and the spans that colour them."""
    star = "\u2605 " if starred else ""
    tag = " NEW" if new else ""
    text = f"{star}{head}{tag}"
    spans = [Span(0, len(text) - len(tag), "bold")]
    if tag:
        spans.append(Span(len(text) - len(tag), len(text), "bold $success"))
    return text, spans


def counted(number: int, noun: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
