"""Where the bundled sample dossier and themes are, installed or in a checkout, and where
briefing keeps what it writes for itself (state, cache)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A folder the wheel copies into the package, else the checkout's top-level one."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def seeds_dir() -> Path:
    """The bundled sample dossier."""
    return _bundled("seeds")


def themes_dir() -> Path:
    """The bundled themes."""
    return _bundled("themes")


def data_file(name: str) -> Path:
    """A word list or gazetteer shipped with the core."""
    return _PACKAGE_DIR / "data" / name


def state_file() -> Path:
    """Where the reader state lives: $XDG_DATA_HOME/briefing/state.sqlite3."""
    base = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative value is to be ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "briefing" / "state.sqlite3"


def cache_dir() -> Path:
    """Where remembered analysis lives: $XDG_CACHE_HOME/briefing (~/.cache/briefing)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "briefing"
