"""The test dossiers in tests/dossiers/ and small ones made on the spot."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.dossier import StateUse, open_dossier
from briefing.index import DocumentIndex

TESTS = Path(__file__).resolve().parent.parent
DOSSIERS = TESTS / "dossiers"


def index_of(*paths: Path | str) -> DocumentIndex:
    """The index of a dossier read from `paths`."""
    return open_dossier(paths, state=StateUse.NONE).index


def copy_of(dossier: str, into: Path, *names: str) -> Path:
    """A copy of (some of) one of tests/dossiers that a test may change: files added, moved, edited."""
    folder = into / dossier
    folder.mkdir(exist_ok=True)
    for name in names or sorted(p.name for p in (DOSSIERS / dossier).iterdir()):
        shutil.copy(DOSSIERS / dossier / name, folder / name)
    return folder


def text_of(index: DocumentIndex, article: int, start: int, end: int) -> str:
    """The characters an offset pair points at."""
    return index.article(article).text[start:end]
