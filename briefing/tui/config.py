"""The user's settings: $XDG_CONFIG_HOME/briefing/config.toml (theme, key remapping)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.output import WriteError, write_atomically
from briefing.tui.themes import config_dir


@dataclass
class Settings:
    """What config.toml says; problems are kept to be shown, never raised."""

    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → key(s), e.g. {"next-mention": "ctrl+n"}."""
    problem: str | None = None


def config_path() -> Path:
    """Where the settings live."""
    return config_dir() / "config.toml"


def read_settings() -> Settings:
    """The saved settings, or defaults with a one-line problem if the file is broken."""
    path = config_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(problem=f"{path}: {error}; using defaults")
    theme = data.get("theme") if isinstance(data.get("theme"), str) else None
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        keys = {}
    return Settings(theme, {str(k): str(v) for k, v in keys.items() if isinstance(v, str)})


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_theme(theme: str) -> str | None:
    """Remember the theme, keeping the key remapping; returns a problem, or None."""
    settings = read_settings()
    if settings.problem:
        return None  # never overwrite a file the user must fix first
    lines = ["# briefing settings", f"theme = {_quoted(theme)}"]
    if settings.keys:
        lines += ["", "[keys]"] + [f"{_quoted(k)} = {_quoted(v)}" for k, v in sorted(settings.keys.items())]
    path = config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, "\n".join(lines) + "\n", overwrite=True)
    except (OSError, WriteError) as error:
        return f"could not save the theme: {error}"
    return None
