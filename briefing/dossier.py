"""Opening a dossier: read its files, build the one index, open the reader's state.

Every way into briefing (the app, the headless commands, the tests, the benchmarks) opens a
dossier through `open_dossier`, so that reading, analysis and state are done one way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.index import DocumentIndex, build_index
from briefing.ingest.dossier import DEFAULT_MAX_CHARS, load_dossier, survey_dossier
from briefing.ingest.load import fingerprint
from briefing.model import Skipped
from briefing.paths import seeds_dir, state_file

if TYPE_CHECKING:  # the store loads sqlite3, which a headless run with no state never needs
    from briefing.store.cache import AnalysisCache
    from briefing.store.state import DossierState, StateStore


class StateUse(Enum):
    """How an opening uses the reader's state."""

    NONE = "none"
    """Neither read nor written (`--no-state`, the benchmarks)."""
    MEMORY = "memory"
    """Kept in memory for this session only, never read or written (the app with `--no-state`)."""
    READ = "read"
    """Read if it exists, never written: the headless commands show stars and notes."""
    RECORD = "record"
    """Read and written, and this opening remembered as a visit: the app."""


@dataclass(frozen=True, slots=True)
class OpenDossier:
    """A dossier as every view needs it."""

    paths: tuple[str, ...]
    """What was asked for (the bundled sample when nothing was)."""
    index: DocumentIndex
    """The one index of its articles and their analysis."""
    state: DossierState | None
    """The reader's state, or None when it is not used (or nothing was stored yet, for READ)."""
    files: frozenset[tuple[str, int, int]]
    """The files as they were when reading began: a different fingerprint means they changed."""
    state_problem: str | None = None
    """Why the stored state could not be used as asked, in one line, if it could not."""

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """Every file or entry passed over, with its reason."""
        return self.index.skipped


def open_dossier(
    paths: Sequence[str | Path] = (),
    *,
    max_chars: int | None = None,
    state: StateUse = StateUse.READ,
    store: StateStore | None = None,
    on_files: Callable[[int, int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    cache: AnalysisCache | None = None,
) -> OpenDossier:
    """Read the files and folders at `paths` (the bundled sample if none) into an index, and
    open the reader's state for it as `state` says.

    `store` reuses a state store already open (the app reopening a changed dossier in one
    session). `on_files(done, total)` is called while files are read and `on_stage(name)`
    as each analysis stage starts; both may be called from a worker thread. With a `cache`,
    an unchanged dossier's index is the one kept from an earlier run, and only files not read
    before are read; the index is the same either way.
    """
    asked = tuple(str(p) for p in paths) or (str(seeds_dir()),)
    reusing = store is not None
    # The fingerprint is taken before reading, so that a file changed while it is read is
    # noticed next time.
    max_chars = max_chars or DEFAULT_MAX_CHARS
    if cache is None:
        files = fingerprint(list(asked))
        index = build_index(load_dossier(list(asked), max_chars=max_chars, progress=on_files), progress=on_stage)
    else:
        survey = survey_dossier(asked, cache.salt, max_chars=max_chars)
        files = survey.fingerprint
        kept = cache.index(survey.key) if survey.key else None
        if kept is not None:
            index = kept
        else:
            dossier = load_dossier(list(asked), progress=on_files, survey=survey, memo=cache)
            index = build_index(dossier, progress=on_stage)
            if survey.key:
                cache.keep_index(survey.key, index)
    opened: DossierState | None = None
    problem: str | None = None
    if store is None and state in (StateUse.RECORD, StateUse.MEMORY):
        from briefing.store.state import StateStore

        store = StateStore(persistent=state is StateUse.RECORD)
    elif store is None and state is StateUse.READ and state_file().exists():  # nothing stored: no sqlite3
        from briefing.store.state import StateStore

        store = StateStore(create=False)
    if store is not None:
        # The app's visit is recorded once a session: reopening a changed dossier is the same visit.
        opened = store.open_dossier(index, asked, record_visit=state is not StateUse.READ and not reusing)
        problem = store.problem
    return OpenDossier(asked, index, opened, files, problem)
