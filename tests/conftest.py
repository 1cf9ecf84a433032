"""Shared fixtures: the sample dossier, the test dossiers, and a builder for small ones
(the helpers behind them are in tests/support/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.dossiers import DOSSIERS, index_of

from briefing.index import DocumentIndex
from briefing.paths import seeds_dir


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch):
    """Every test gets its own settings, state and cache folders: none touches the real
    ~/.config, ~/.local/share or ~/.cache."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def seeds() -> DocumentIndex:
    """The bundled sample dossier, indexed once for the session."""
    return index_of(seeds_dir())


@pytest.fixture(scope="session")
def openai_dossier() -> DocumentIndex:
    """A dossier on another subject (OpenAI's leadership crisis) with its own briefing.toml."""
    return index_of(DOSSIERS / "openai")


@pytest.fixture(scope="session")
def quake_dossier() -> DocumentIndex:
    """A dossier with no briefing.toml (the 2023 Turkey–Syria earthquake)."""
    return index_of(DOSSIERS / "quake")


@pytest.fixture
def make_dossier(tmp_path: Path):
    """Write {name: text} into a fresh folder and return its index."""

    def make(files: dict[str, str | bytes]) -> DocumentIndex:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return index_of(tmp_path)

    return make
