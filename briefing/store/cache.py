"""The analysis cache: what reading each file and analysing each dossier gave, kept across
runs, so that a dossier opened again unchanged opens at once and one with a file added reads
only that file.

Everything is keyed by content, never by file name or time alone: a file's reading by its
path, its bytes and the read limit; a dossier's index by all of its inputs (every file's key,
what was passed over, its briefing.toml, the limits). Every key also holds the version of the
code, so changed code never meets what older code made.

Nothing here is trusted: an entry that cannot be read back whole (a torn write, a full disk, a
file from another version) is ignored, dropped and made again, and a cache that cannot be
used at all leaves the analysis to run without it. The answer is the same with or without
the cache. Runs at the same time are safe: readings live in SQLite, and an index is written
whole to a temporary file and renamed into place, so a reader sees the old file or the new.

In $XDG_CACHE_HOME/briefing:
    readings.sqlite3      a row per file read: key, its pickled reading, size, last use
    indexes/KEY.index     a built index: a header with a digest of the pickle, then the pickle
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import sqlite3
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import __version__
from briefing.index import DocumentIndex
from briefing.ingest.dossier import FileReading
from briefing.memory import collector_paused, keep_for_good
from briefing.paths import cache_dir

DEFAULT_LIMIT_MB = 2048
LIMIT_VARIABLE = "BRIEFING_CACHE_MB"
"""The environment variable that sets the cache's size limit, in megabytes."""
# Eviction goes below the limit, so that the next few runs don't each evict again.
_EVICT_TO = 0.8
_INDEX_MAGIC = b"briefing index 1\n"
_DIGEST_SIZE = 32
# The code that makes what is kept: reading (language, ingest), analysis and the index, with
# the records they share and this module's own format. The views, the app and the commands
# only draw on an index, so changing them keeps the cache.
_MAKERS = ("language", "ingest", "analysis", "index", "data", "model.py", "memory.py", "store/cache.py", "__init__.py")
# SQLite allows this many parameters in one statement everywhere.
_BATCH = 500


def code_version() -> bytes:
    """What the analysis depends on besides its input: briefing's version, Python's (pickles
    and dates), this year (a document date is plausible up to next year) and the size and
    modification time of each file of the code that makes what is kept. A changed file changes
    it, as a changed source does for Python's own bytecode cache."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0{sys.version}\0{dt.date.today().year}\0".encode())
    for maker in _MAKERS:
        top = package / maker
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.digest()


@dataclass(frozen=True, slots=True)
class CacheUsage:
    """What the cache holds."""

    folder: Path
    readings: int
    """Files whose reading is kept."""
    indexes: int
    """Dossiers whose index is kept."""
    size: int
    """Bytes used by both."""
    limit: int
    """Bytes it may use before the least recently used entries are dropped."""


class AnalysisCache:
    """Readings of files and built indexes, kept in `folder` up to `limit` bytes.

    A failure to use it is never an error: `problem` says, in one line, why it was not used.
    """

    def __init__(self, folder: Path | None = None, limit: int | None = None) -> None:
        self.folder = folder or cache_dir()
        self.problem: str | None = None
        self.limit = limit if limit is not None else self._limit_from_environment()
        self.salt = code_version()
        self._db: sqlite3.Connection | None = None
        self._unusable = False

    def _limit_from_environment(self) -> int:
        raw = os.environ.get(LIMIT_VARIABLE, "").strip()
        if raw:
            try:
                megabytes = int(raw)
                if megabytes >= 0:
                    return megabytes * 1024 * 1024
            except ValueError:
                pass
            self.problem = f"{LIMIT_VARIABLE}={raw!r} is not a whole number of megabytes; using {DEFAULT_LIMIT_MB}"
        return DEFAULT_LIMIT_MB * 1024 * 1024

    # --- readings of files (ingest's ReadingMemo) --------------------------------------

    def recall(self, keys: Sequence[str]) -> Mapping[str, FileReading]:
        """The readings kept for these keys; those not kept, or not readable, are left out."""
        found: dict[str, FileReading] = {}
        broken: list[str] = []

        def work(db: sqlite3.Connection) -> None:
            for batch in _batches(list(keys)):
                for key, value in db.execute(f"SELECT key, value FROM reading WHERE key IN ({_marks(batch)})", batch):
                    try:
                        found[key] = pickle.loads(value)
                    except Exception:  # written by a run that broke off, or damaged: made again
                        broken.append(key)
            now = time.time()
            with db:
                for batch in _batches(list(found)):
                    db.execute(f"UPDATE reading SET used = ? WHERE key IN ({_marks(batch)})", [now, *batch])
                for batch in _batches(broken):
                    db.execute(f"DELETE FROM reading WHERE key IN ({_marks(batch)})", batch)

        with collector_paused():
            self._with_db(work)
        return found

    def remember(self, readings: Mapping[str, FileReading]) -> None:
        """Keep these readings (pickled at once, so later changes to them are not kept)."""
        now = time.time()
        rows = []
        for key, reading in readings.items():
            value = pickle.dumps(reading, protocol=pickle.HIGHEST_PROTOCOL)
            rows.append((key, value, len(value), now))

        def work(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO reading (key, value, size, used) VALUES (?, ?, ?, ?)", rows)

        if self._with_db(work):
            self._evict()

    # --- built indexes -----------------------------------------------------------------

    def index(self, key: str) -> DocumentIndex | None:
        """The index kept for this dossier key, if one is kept whole."""
        path = self._index_path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            self._cannot(error)
            return None
        header = len(_INDEX_MAGIC)
        digest, payload = data[header : header + _DIGEST_SIZE], memoryview(data)[header + _DIGEST_SIZE :]
        index = None
        if data.startswith(_INDEX_MAGIC) and hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() == digest:
            try:
                with collector_paused():
                    index = pickle.loads(payload)
            except Exception:
                index = None
        if not isinstance(index, DocumentIndex):
            _remove(path)  # torn or damaged: the dossier is analysed again and this made anew
            return None
        keep_for_good()
        with contextlib.suppress(OSError):
            os.utime(path)  # its last use, for eviction
        return index

    def keep_index(self, key: str, index: DocumentIndex) -> None:
        """Keep a built index for this dossier key."""
        payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
        folder = self.folder / "indexes"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".index")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_INDEX_MAGIC)
                    out.write(digest)
                    out.write(payload)
                os.replace(temporary, self._index_path(key))
            except BaseException:
                _remove(Path(temporary))
                raise
        except OSError as error:
            self._cannot(error)
            return
        self._evict()

    def _index_path(self, key: str) -> Path:
        return self.folder / "indexes" / f"{key}.index"

    # --- size ----------------------------------------------------------------------------

    def usage(self) -> CacheUsage:
        """What the cache holds now."""
        readings, reading_bytes = 0, 0

        def work(db: sqlite3.Connection) -> None:
            nonlocal readings, reading_bytes
            readings, reading_bytes = db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM reading").fetchone()

        if (self.folder / "readings.sqlite3").exists():
            self._with_db(work)
        indexes = self._index_files()
        size = reading_bytes + sum(size for _, size, _ in indexes)
        return CacheUsage(self.folder, readings, len(indexes), size, self.limit)

    def clear(self) -> int:
        """Drop everything kept; the bytes freed."""
        freed = self.usage().size
        self.close()
        for name in ("readings.sqlite3", "readings.sqlite3-wal", "readings.sqlite3-shm"):
            _remove(self.folder / name)
        folder = self.folder / "indexes"
        if folder.is_dir():
            for path in folder.iterdir():
                _remove(path)
        return freed

    def _index_files(self) -> list[tuple[Path, int, float]]:
        """(path, size, last use) of each index kept; unfinished writes older than an hour are dropped."""
        folder = self.folder / "indexes"
        out = []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return []
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:
                continue
            if entry.name.startswith(".tmp-"):
                if info.st_mtime < time.time() - 3600:  # left by a run that was killed
                    _remove(Path(entry.path))
                continue
            out.append((Path(entry.path), info.st_size, info.st_mtime))
        return out

    def _evict(self) -> None:
        """Drop the least recently used entries while the cache is over its limit."""
        usage = self.usage()
        if usage.size <= self.limit:
            return
        entries: list[tuple[float, int, str | Path]] = [(used, size, path) for path, size, used in self._index_files()]

        def rows(db: sqlite3.Connection) -> None:
            entries.extend(db.execute("SELECT used, size, key FROM reading"))

        self._with_db(rows)
        entries.sort(key=lambda entry: entry[0])
        excess = usage.size - int(self.limit * _EVICT_TO)
        dropped_keys = []
        for _, size, what in entries:
            if excess <= 0:
                break
            if isinstance(what, Path):
                _remove(what)
            else:
                dropped_keys.append(what)
            excess -= size

        def drop(db: sqlite3.Connection) -> None:
            with db:
                for batch in _batches(dropped_keys):
                    db.execute(f"DELETE FROM reading WHERE key IN ({_marks(batch)})", batch)
            db.execute("PRAGMA incremental_vacuum")

        if dropped_keys:
            self._with_db(drop)

    # --- the database ------------------------------------------------------------------

    def _with_db(self, work) -> bool:
        """Run `work(connection)`; False, with the problem kept, if the cache cannot be used."""
        if self._unusable:
            return False
        try:
            work(self._connection())
            return True
        except (sqlite3.Error, OSError) as error:
            self._cannot(error)
            return False

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = self.folder / "readings.sqlite3"
            try:
                self._db = _open(path)
            except sqlite3.DatabaseError:
                # Not a database (damaged, or something else wrote there): it only held a cache.
                for suffix in ("", "-wal", "-shm"):
                    _remove(Path(f"{path}{suffix}"))
                self._db = _open(path)
        return self._db

    def _cannot(self, error: Exception) -> None:
        self._unusable = True
        self.problem = f"the analysis cache in {self.folder} cannot be used ({error}); analysing without it"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _open(path: Path) -> sqlite3.Connection:
    # Autocommit, with explicit transactions: another run may be writing, and waits are short.
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect only on a new file, before the table
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS reading (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
            "size INTEGER NOT NULL, used REAL NOT NULL)"
        )
    except BaseException:
        db.close()
        raise
    return db


def _batches(items: list[str]) -> list[list[str]]:
    return [items[i : i + _BATCH] for i in range(0, len(items), _BATCH)]


def _marks(batch: list[str]) -> str:
    """The placeholders of an IN list for this batch."""
    return ",".join("?" * len(batch))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
