"""Themes from TOML files: the bundled ones and the user's, validated into Textual themes."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.theme import Theme

from briefing.paths import themes_dir

# Variables every theme may set; a theme that leaves one out gets these.
ENTITY_VARIABLES = {
    "entity-person": "#F2B880",
    "entity-organization": "#7FD1C7",
    "entity-place": "#A3D98B",
    "entity-date": "#E5C07B",
    "highlight": "#3B4A63",
}
_COLOUR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


def config_dir() -> Path:
    """The user's configuration folder for briefing ($XDG_CONFIG_HOME/briefing)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "briefing"


@dataclass(frozen=True)
class ThemeProblem:
    """A theme file that could not be used."""

    path: str
    reason: str


def theme_from_toml(path: Path) -> Theme:
    """One theme file as a Textual Theme; ValueError with the reason if it is not valid."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from None
    name = data.get("name") or path.stem
    if not isinstance(name, str) or not data.get("primary"):
        raise ValueError("needs a 'name' and a 'primary' colour")
    colours = {key: data[key] for key in _COLOUR_KEYS if isinstance(data.get(key), str)}
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        raise ValueError("[variables] must map names to colour strings")
    theme = Theme(name=name, dark=bool(data.get("dark", True)), variables={**ENTITY_VARIABLES, **variables}, **colours)
    try:
        from textual.color import Color

        for value in list(colours.values()) + list(theme.variables.values()):
            Color.parse(value)
    except Exception as error:  # textual raises its own ColorParseError
        raise ValueError(f"bad colour: {error}") from None
    return theme


def load_themes() -> tuple[list[Theme], list[ThemeProblem]]:
    """The bundled themes, then the user's (which may replace a bundled one by name)."""
    themes: dict[str, Theme] = {}
    problems = []
    for folder in (themes_dir(), config_dir() / "themes"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_toml(path)
            except ValueError as error:
                problems.append(ThemeProblem(str(path), str(error)))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems
