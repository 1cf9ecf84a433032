"""Where the bundled sample dossier and themes are, installed or in a checkout."""

from __future__ import annotations

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
    return _PACKAGE_DIR / "core" / "data" / name
