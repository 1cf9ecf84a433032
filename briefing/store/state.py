"""Reader state that lasts between sessions: read, starred, notes, and what is new.

Everything lives in one SQLite database, `$XDG_DATA_HOME/briefing/state.sqlite3`
(default `~/.local/share/briefing/`), written in WAL mode with one short transaction
per change, so two briefings open on the same dossier never lose each other's notes.

An article is known by a hash of its cleaned text and by its path: a file that was
renamed or moved keeps its state through the hash, and a file edited in place keeps
its state through the path and is marked updated.

A database that cannot be used (unwritable, damaged, from a newer briefing) never
stops anyone: the state is kept in memory for the session and `problem` says why,
once. A damaged file is moved aside before a fresh one is made; nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.index import DocumentIndex
from briefing.paths import state_file

FORMAT_NAME = "briefing-state"
FORMAT_VERSION = 1

# Each entry moves the schema from version n to n + 1; `PRAGMA user_version` says where a file is.
MIGRATIONS = [
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL,
        path TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        updated INTEGER NOT NULL DEFAULT 0,
        changed TEXT NOT NULL
    );
    CREATE INDEX articles_by_hash ON articles (content_hash);
    CREATE INDEX articles_by_path ON articles (path);
    CREATE TABLE visits (
        dossier TEXT NOT NULL,
        number INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (dossier, number)
    );
    CREATE TABLE seen (
        dossier TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles (id),
        visit INTEGER NOT NULL,
        PRIMARY KEY (dossier, article)
    );
    CREATE TABLE starred_sentences (
        article INTEGER NOT NULL REFERENCES articles (id),
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (article, text)
    );
    """,
    # 1 → 2: notes on single sentences, kept by their words like starred sentences.
    """
    CREATE TABLE sentence_notes (
        article INTEGER NOT NULL REFERENCES articles (id),
        text TEXT NOT NULL,
        note TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (article, text)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """Where the state database lives: $XDG_DATA_HOME/briefing/state.sqlite3."""
    return state_file()


def content_hash(text: str) -> str:
    """The identity of an article's cleaned text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def dossier_key(paths: Iterable[str | Path]) -> str:
    """The identity of a dossier: the absolute paths it was opened with."""
    return "\n".join(sorted(os.path.abspath(str(p)) for p in paths))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class StateError(Exception):
    """A state export that cannot be read or written; the message is one line for the user."""


@dataclass
class ArticleState:
    """What the reader has done with one article, and whether it is new to them."""

    read: bool = False
    starred: bool = False
    note: str = ""
    new: bool = False
    """Added to the dossier since the previous visit."""
    updated: bool = False
    """Its text changed since the reader last saw it."""


@dataclass(frozen=True)
class StarredSentence:
    """A key fact or open-issue sentence the reader starred."""

    article: int
    text: str
    kind: str
    """"fact", "issue" or "sentence"."""
    start: int | None
    """Where the sentence is in the article's text now; None if it was edited away."""


@dataclass(frozen=True, slots=True)
class SentenceNote:
    """The reader's note on one sentence of an article."""

    article: int
    """The article's id in the index."""
    text: str
    """The sentence, word for word: it is kept by its words, so it survives renumbering."""
    note: str
    """What the reader wrote (never empty)."""
    start: int | None
    """Where the sentence is in the article's text now; None if it was edited away."""


class StateStore:
    """The state database, or an in-memory stand-in when it cannot (or must not) be used."""

    def __init__(self, path: Path | None = None, *, persistent: bool = True, create: bool = True) -> None:
        """`persistent=False` keeps everything in memory (--no-state); `create=False` reads a
        database that exists but makes none (the headless commands only read)."""
        self.path = path or default_path()
        self.persistent = persistent and (create or self.path.exists())
        self.problem: str | None = None
        """Why the state is only kept in memory (or what was repaired), to be said once."""
        self._conn = self._connect()

    # --- opening ----------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if not self.persistent:
            return self._memory()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._open(self.path)
        except _NewerSchema:
            return self._memory(f"{self.path} was written by a newer briefing; this session's changes are not saved")
        except sqlite3.DatabaseError as error:
            if _damaged(error):
                return self._start_afresh()
            return self._read_only_copy(error)
        except OSError as error:
            return self._memory(
                f"cannot use {self.path} ({error.strerror or error}); this session's changes are not saved"
            )

    def _open(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            # Read the version before anything writes: a newer briefing's file is left as it is.
            if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                raise _NewerSchema
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; WAL never corrupts
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            _migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _memory(self, problem: str | None = None) -> sqlite3.Connection:
        if problem:
            self.problem = problem
        self.persistent = False
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _migrate(conn)
        return conn

    def _start_afresh(self) -> sqlite3.Connection:
        """Move a damaged database (and its journal) aside, then make a new one."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = Path(str(self.path) + suffix)
                if part.exists():
                    os.replace(part, Path(str(aside) + suffix))
        except OSError as error:
            return self._memory(
                f"{self.path} is damaged and cannot be moved aside ({error.strerror}); "
                "this session's changes are not saved"
            )
        try:
            conn = self._open(self.path)
        except (sqlite3.DatabaseError, OSError) as error:
            return self._memory(
                f"{self.path} is damaged (moved to {aside.name}) and a new one cannot be made ({error})"
            )
        self.problem = f"{self.path} was damaged; it was moved to {aside.name} and a new one started"
        return conn

    def _read_only_copy(self, error: sqlite3.DatabaseError) -> sqlite3.Connection:
        """What an unwritable database holds, copied into memory for this session."""
        memory = self._memory(f"{self.path} cannot be written ({error}); this session's changes are not saved")
        try:
            source = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if source.execute("PRAGMA user_version").fetchone()[0] <= SCHEMA_VERSION:
                    source.backup(memory)
                    _migrate(memory)
            finally:
                source.close()
        except sqlite3.Error:
            pass  # nothing readable either: an empty state is all there is
        return memory

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    # --- a dossier's state ------------------------------------------------------------

    def open_dossier(self, index: DocumentIndex, paths: Iterable[str | Path], record_visit: bool) -> DossierState:
        """The reader's state for every article of `index`.

        With `record_visit`, this opening is remembered as a visit (the app does this):
        articles are stored, moved and edited files are followed, and what counts as new
        is fixed for the session. Without it (the headless commands), nothing is written.
        """
        key = dossier_key(paths)
        hashes = {a.id: content_hash(a.text) for a in index.articles}
        abspaths = {a.id: os.path.abspath(a.path) for a in index.articles}
        try:
            if record_visit:
                with _transaction(self._conn):
                    return self._open_dossier(index, key, hashes, abspaths, True)
            return self._open_dossier(index, key, hashes, abspaths, False)
        except sqlite3.Error as error:
            # The database failed under us (disk full, removed): carry on in memory.
            self._conn = self._memory(f"{self.path} failed ({error}); this session's changes are not saved")
            with _transaction(self._conn):
                return self._open_dossier(index, key, hashes, abspaths, record_visit)

    def _open_dossier(
        self, index: DocumentIndex, key: str, hashes: dict[int, str], abspaths: dict[int, str], write: bool
    ) -> DossierState:
        conn = self._conn
        by_hash: dict[str, list[tuple]] = {}
        by_path: dict[str, list[tuple]] = {}
        columns = "id, content_hash, path, read, starred, note, updated"
        for chunk in _chunks(sorted(set(hashes.values())), 500):
            for row in conn.execute(
                f"SELECT {columns} FROM articles WHERE content_hash IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            ):
                by_hash.setdefault(row[1], []).append(row)
        for chunk in _chunks(sorted(set(abspaths.values())), 500):
            for row in conn.execute(
                f"SELECT {columns} FROM articles WHERE path IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk
            ):
                by_path.setdefault(row[2], []).append(row)
        previous = conn.execute("SELECT max(number) FROM visits WHERE dossier = ?", (key,)).fetchone()[0]
        seen = {row[0] for row in conn.execute("SELECT article FROM seen WHERE dossier = ?", (key,))}
        state = DossierState(self, index, key, previous)
        claimed: set[int] = set()
        now = _now()
        # Exact matches first, so that a copy of an article elsewhere cannot take its row.
        order = sorted(
            index.articles, key=lambda a: not any(r[2] == abspaths[a.id] for r in by_hash.get(hashes[a.id], ()))
        )
        for article in order:
            digest, path = hashes[article.id], abspaths[article.id]
            same_text = [r for r in by_hash.get(digest, ()) if r[0] not in claimed]
            row = next((r for r in same_text if r[2] == path), same_text[0] if same_text else None)
            edited = False
            if row is None:
                row = next((r for r in by_path.get(path, ()) if r[0] not in claimed), None)
                edited = row is not None
            if row is not None:
                claimed.add(row[0])
                row_id, _, old_path, read, starred, note, updated = row
                updated = bool(updated) or edited
                if write and (edited or old_path != path):
                    conn.execute(
                        "UPDATE articles SET content_hash = ?, path = ?, title = ?, updated = ?, changed = ?"
                        " WHERE id = ?",
                        (digest, path, article.title, int(updated), now, row_id),
                    )
                state.articles[article.id] = ArticleState(bool(read), bool(starred), note, updated=updated)
            else:
                row_id = None
                if write:
                    row_id = conn.execute(
                        "INSERT INTO articles (content_hash, path, title, changed) VALUES (?, ?, ?, ?)",
                        (digest, path, article.title, now),
                    ).lastrowid
                state.articles[article.id] = ArticleState()
            state.rows[article.id] = row_id
            # New: not seen in this dossier at any earlier visit (on a first visit, nothing is).
            state.articles[article.id].new = previous is not None and (row_id is None or row_id not in seen)
        for article_id, row_id in state.rows.items():
            if row_id is None:
                continue
            for text, kind in conn.execute("SELECT text, kind FROM starred_sentences WHERE article = ?", (row_id,)):
                state.sentences[(article_id, text)] = kind
            for text, note in conn.execute("SELECT text, note FROM sentence_notes WHERE article = ?", (row_id,)):
                state.noted_sentences[(article_id, text)] = note
        if write:
            number = (previous or 0) + 1
            conn.execute("INSERT INTO visits (dossier, number, at) VALUES (?, ?, ?)", (key, number, now))
            conn.executemany(
                "INSERT OR IGNORE INTO seen (dossier, article, visit) VALUES (?, ?, ?)",
                [(key, row_id, number) for row_id in state.rows.values() if row_id is not None],
            )
        return state

    # --- writing ----------------------------------------------------------------------

    def write(self, sql: str, parameters: tuple[Any, ...]) -> None:
        """One change in its own transaction; on failure, keep going in memory and say so once."""
        try:
            with _transaction(self._conn):
                self._conn.execute(sql, parameters)
        except sqlite3.Error as error:
            if self.persistent:
                self.problem = f"{self.path} failed ({error}); changes from now on are not saved"
                self.persistent = False

    # --- moving state between machines ------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Every note and star as JSON-ready data."""
        articles = [
            {"content_hash": h, "path": p, "title": t, "starred": bool(s), "note": n}
            for h, p, t, s, n in self._conn.execute(
                "SELECT content_hash, path, title, starred, note FROM articles WHERE starred OR note != '' ORDER BY id"
            )
        ]
        sentences = [
            {"content_hash": h, "path": p, "text": text, "kind": kind}
            for h, p, text, kind in self._conn.execute(
                "SELECT a.content_hash, a.path, s.text, s.kind FROM starred_sentences s"
                " JOIN articles a ON a.id = s.article ORDER BY s.rowid"
            )
        ]
        sentence_notes = [
            {"content_hash": h, "path": p, "text": text, "note": note}
            for h, p, text, note in self._conn.execute(
                "SELECT a.content_hash, a.path, n.text, n.note FROM sentence_notes n"
                " JOIN articles a ON a.id = n.article ORDER BY n.rowid"
            )
        ]
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported": _now(),
            "articles": articles,
            "starred_sentences": sentences,
            "sentence_notes": sentence_notes,
        }

    def import_data(self, data: Any) -> tuple[int, int]:
        """Merge an export into this database: (notes, stars) taken in, sentence notes counted
        as notes. Nothing here is lost: a note that differs from the one already here is added below it."""
        articles, sentences, sentence_notes = _validated(data)
        notes = stars = 0
        with _transaction(self._conn):
            for entry in articles:
                row_id, note, starred = self._row_for(entry)
                if entry["note"] and entry["note"] not in note:
                    merged = f"{note}\n\n{entry['note']}" if note else entry["note"]
                    self._conn.execute(
                        "UPDATE articles SET note = ?, changed = ? WHERE id = ?", (merged, _now(), row_id)
                    )
                    notes += 1
                if entry["starred"] and not starred:
                    self._conn.execute("UPDATE articles SET starred = 1, changed = ? WHERE id = ?", (_now(), row_id))
                    stars += 1
            for entry in sentences:
                row_id, _, _ = self._row_for(entry)
                cursor = self._conn.execute(
                    "INSERT OR IGNORE INTO starred_sentences (article, text, kind, at) VALUES (?, ?, ?, ?)",
                    (row_id, entry["text"], entry["kind"], _now()),
                )
                stars += cursor.rowcount
            for entry in sentence_notes:
                row_id, _, _ = self._row_for(entry)
                row = self._conn.execute(
                    "SELECT note FROM sentence_notes WHERE article = ? AND text = ?", (row_id, entry["text"])
                ).fetchone()
                note = row[0] if row else ""
                if entry["note"].strip() and entry["note"] not in note:
                    merged = f"{note}\n\n{entry['note']}" if note else entry["note"]
                    self._conn.execute(
                        "INSERT OR REPLACE INTO sentence_notes (article, text, note, at) VALUES (?, ?, ?, ?)",
                        (row_id, entry["text"], merged, _now()),
                    )
                    notes += 1
        return notes, stars

    def article_row(self, digest: str, path: str, title: str) -> int:
        """The id of the stored article whose text has this `digest` (content_hash), failing that the
        one at this path, made if there is none, in its own transaction. A failing database raises
        sqlite3.Error: the caller decides whether that matters."""
        with _transaction(self._conn):
            return self._row_for({"content_hash": digest, "path": path, "title": title})[0]

    def _row_for(self, entry: dict[str, Any]) -> tuple[int, str, int]:
        """(id, note, starred) of the article an export entry names, inside the caller's transaction."""
        for column in ("content_hash", "path"):
            row = self._conn.execute(
                f"SELECT id, note, starred FROM articles WHERE {column} = ? ORDER BY id", (entry[column],)
            ).fetchone()
            if row:
                return row
        row_id = self._conn.execute(
            "INSERT INTO articles (content_hash, path, title, changed) VALUES (?, ?, ?, ?)",
            (entry["content_hash"], entry["path"], entry.get("title", ""), _now()),
        ).lastrowid
        assert row_id is not None  # an INSERT into a table with a rowid always sets lastrowid
        return row_id, "", 0

    def counts(self) -> dict[str, int]:
        """How much is stored: articles, read, starred, notes, starred sentences, sentence notes, visits."""

        def one(sql: str) -> int:
            return self._conn.execute(sql).fetchone()[0]

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "read": one("SELECT count(*) FROM articles WHERE read"),
            "starred": one("SELECT count(*) FROM articles WHERE starred"),
            "notes": one("SELECT count(*) FROM articles WHERE note != ''"),
            "starred sentences": one("SELECT count(*) FROM starred_sentences"),
            "sentence notes": one("SELECT count(*) FROM sentence_notes"),
            "visits": one("SELECT count(*) FROM visits"),
        }


@dataclass
class DossierState:
    """The reader's state for one opened dossier: read through it, change it through it."""

    store: StateStore
    index: DocumentIndex
    dossier: str
    previous_visit: int | None
    articles: dict[int, ArticleState] = field(default_factory=dict)
    rows: dict[int, int | None] = field(default_factory=dict)
    sentences: dict[tuple[int, str], str] = field(default_factory=dict)
    """(article id, sentence text) → kind, for starred sentences."""
    noted_sentences: dict[tuple[int, str], str] = field(default_factory=dict)
    """(article id, sentence text) → the reader's note on that sentence."""

    def of(self, article_id: int) -> ArticleState:
        """The state of one article."""
        return self.articles.setdefault(article_id, ArticleState())

    def _row(self, article_id: int) -> int | None:
        row_id = self.rows.get(article_id)
        if row_id is None and self.store.persistent:
            article = self.index.article(article_id)
            try:
                row_id = self.store.article_row(
                    content_hash(article.text), os.path.abspath(article.path), article.title
                )
            except sqlite3.Error:
                return None
            self.rows[article_id] = row_id
        return row_id

    def set_read(self, article_id: int, read: bool = True) -> None:
        """Mark an article read (which also settles an update) or unread."""
        state = self.of(article_id)
        if state.read == read and not (read and state.updated):
            return
        state.read = read
        if read:
            state.updated = False
        row_id = self._row(article_id)
        if row_id is not None:
            self.store.write(
                "UPDATE articles SET read = ?, updated = updated AND NOT ?, changed = ? WHERE id = ?",
                (int(read), int(read), _now(), row_id),
            )

    def set_starred(self, article_id: int, starred: bool) -> None:
        """Star or unstar an article."""
        self.of(article_id).starred = starred
        row_id = self._row(article_id)
        if row_id is not None:
            self.store.write(
                "UPDATE articles SET starred = ?, changed = ? WHERE id = ?", (int(starred), _now(), row_id)
            )

    def set_note(self, article_id: int, note: str) -> None:
        """Replace an article's note ("" removes it)."""
        note = note.strip()
        self.of(article_id).note = note
        row_id = self._row(article_id)
        if row_id is not None:
            self.store.write("UPDATE articles SET note = ?, changed = ? WHERE id = ?", (note, _now(), row_id))

    def is_starred_sentence(self, article_id: int, text: str) -> bool:
        """Whether this sentence of this article is starred."""
        return (article_id, text) in self.sentences

    def set_sentence_starred(self, article_id: int, text: str, kind: str, starred: bool) -> None:
        """Star or unstar a key fact or open-issue sentence (kept by its words, so it survives renumbering)."""
        if starred:
            self.sentences[(article_id, text)] = kind
        else:
            self.sentences.pop((article_id, text), None)
        self._keep_sentence("starred_sentences", "kind", article_id, text, kind if starred else None)

    def starred_sentences(self) -> list[StarredSentence]:
        """Starred sentences in article order, each found in its article's current text."""
        out = []
        for (article_id, text), kind in sorted(self.sentences.items()):
            found = self.index.article(article_id).text.find(text)
            out.append(StarredSentence(article_id, text, kind, found if found >= 0 else None))
        return out

    def sentence_note(self, article_id: int, text: str) -> str:
        """The reader's note on this sentence of this article ("" if none)."""
        return self.noted_sentences.get((article_id, text), "")

    def set_sentence_note(self, article_id: int, text: str, note: str) -> None:
        """Replace the note on one sentence ("" removes it); kept by the sentence's words, so it
        survives renumbering."""
        note = note.strip()
        if note:
            self.noted_sentences[(article_id, text)] = note
        else:
            self.noted_sentences.pop((article_id, text), None)
        self._keep_sentence("sentence_notes", "note", article_id, text, note or None)

    def _keep_sentence(self, table: str, column: str, article_id: int, text: str, value: str | None) -> None:
        """Store `value` for one sentence in `table` (starred_sentences or sentence_notes), or
        delete the sentence's row when value is None."""
        row_id = self._row(article_id)
        if row_id is None:
            return
        if value is not None:
            self.store.write(
                f"INSERT OR REPLACE INTO {table} (article, text, {column}, at) VALUES (?, ?, ?, ?)",
                (row_id, text, value, _now()),
            )
        else:
            self.store.write(f"DELETE FROM {table} WHERE article = ? AND text = ?", (row_id, text))

    def sentence_notes(self) -> list[SentenceNote]:
        """Notes on sentences in article order, and within an article in reading order (sentences
        edited away last), each sentence found in its article's current text."""
        out = []
        for (article_id, text), note in self.noted_sentences.items():
            found = self.index.article(article_id).text.find(text)
            out.append(SentenceNote(article_id, text, note, found if found >= 0 else None))
        return sorted(out, key=lambda n: (n.article, n.start is None, n.start or 0, n.text))

    # --- what is new ------------------------------------------------------------------

    def is_new(self, article_id: int) -> bool:
        """Added since the previous visit, or changed since last read."""
        state = self.articles.get(article_id)
        return bool(state and (state.new or state.updated))

    def new_articles(self) -> list[int]:
        """Articles added or changed since the previous visit, in dossier order."""
        return [a.id for a in self.index.articles if self.is_new(a.id)]

    def new_facts(self) -> list[int]:
        """Key facts (by position in the index) that gained a source since the previous visit."""
        return [n for n, fact in enumerate(self.index.facts) if any(self.is_new(s) for s in fact.sources)]

    def new_issues(self) -> list[str]:
        """Open issues that gained a source since the previous visit."""
        return [issue.name for issue in self.index.issues if any(self.is_new(a) for a in issue.articles)]


class _NewerSchema(Exception):
    pass


def _damaged(error: sqlite3.DatabaseError) -> bool:
    message = str(error).lower()
    return any(sign in message for sign in ("not a database", "malformed", "encrypted", "corrupt"))


def _migrate(conn: sqlite3.Connection) -> None:
    with _transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _NewerSchema
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error: writers queue instead of failing midway."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _validated(data: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The articles, starred sentences and sentence notes of an export, or StateError saying what is wrong.

    "sentence_notes" came later within format version 1, so a file without it is still valid.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise StateError('not a briefing state export (no "format": "briefing-state")')
    if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
        raise StateError(f"export version {data.get('version')!r} is newer than this briefing understands")
    articles, sentences = data.get("articles", []), data.get("starred_sentences", [])
    if not isinstance(articles, list) or not isinstance(sentences, list):
        raise StateError('"articles" and "starred_sentences" should be lists')

    def text(value: Any) -> bool:
        return isinstance(value, str)

    for number, entry in enumerate(articles, start=1):
        if not (
            isinstance(entry, dict)
            and text(entry.get("content_hash"))
            and text(entry.get("path"))
            and text(entry.get("note", ""))
            and isinstance(entry.get("starred", False), bool)
        ):
            raise StateError(
                f'article {number} needs text "content_hash", "path" and "note" and a true/false "starred"'
            )
        entry.setdefault("note", "")
        entry.setdefault("starred", False)
    for number, entry in enumerate(sentences, start=1):
        if not (isinstance(entry, dict) and all(text(entry.get(k)) for k in ("content_hash", "path", "text", "kind"))):
            raise StateError(f'starred sentence {number} needs text "content_hash", "path", "text" and "kind"')
    sentence_notes = data.get("sentence_notes", [])
    if not isinstance(sentence_notes, list):
        raise StateError('"sentence_notes" should be a list')
    for number, entry in enumerate(sentence_notes, start=1):
        if not (isinstance(entry, dict) and all(text(entry.get(k)) for k in ("content_hash", "path", "text", "note"))):
            raise StateError(f'sentence note {number} needs text "content_hash", "path", "text" and "note"')
    return articles, sentences, sentence_notes


def read_export(path: str) -> Any:
    """The JSON of a state export file ('-' is standard input), or StateError."""
    import sys

    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return json.loads(raw)
    except FileNotFoundError:
        raise StateError("no such file") from None
    except UnicodeDecodeError:
        raise StateError("not UTF-8 text, so not a briefing state export") from None
    except OSError as error:
        raise StateError(f"cannot be read ({error.strerror or error})") from None
    except json.JSONDecodeError as error:
        raise StateError(f"not valid JSON ({error})") from None
