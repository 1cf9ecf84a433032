"""Vim-style keys, bound to whatever moving means in a widget."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def vim_keys(
    down: str, up: str, first: str, last: str, page_down: str = "page_down", page_up: str = "page_up"
) -> list[BindingType]:
    """j/k, g/G and ctrl+d/ctrl+u bound to a widget's own actions."""
    return [
        Binding("j", down, "Down", show=False),
        Binding("k", up, "Up", show=False),
        Binding("g", first, "First", show=False),
        Binding("G", last, "Last", show=False),
        Binding("ctrl+d", page_down, "Page down", show=False),
        Binding("ctrl+u", page_up, "Page up", show=False),
    ]


LIST_KEYS = vim_keys("cursor_down", "cursor_up", "first", "last")
"""The vim keys of every list in the app (the article list, the side panel's, search results)."""
