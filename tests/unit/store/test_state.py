"""Reader state that lasts: read, stars, notes, what is new; storage that survives misuse."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.dossiers import DOSSIERS, TESTS, copy_of, index_of

from briefing.cli import main
from briefing.store.state import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SentenceNote,
    StateError,
    StateStore,
    content_hash,
    default_path,
)
from briefing.views.brief import MAX_WORDS, brief_words, render_brief
from briefing.views.serialize import index_to_dict


def harbour_folder(tmp_path: Path, *names: str) -> Path:
    return copy_of("harbour", tmp_path, *names)


def visit(db: Path, folder: Path, record: bool = True):
    """Open the dossier at `folder` as the app does (recording a visit) or as the headless commands do."""
    index = index_of(folder)
    store = StateStore(db)
    return index, store, store.open_dossier(index, [folder], record_visit=record)


def by_file(index, name: str) -> int:
    return next(a.id for a in index.articles if Path(a.path).name == name)


def test_the_database_lives_under_xdg_data_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "briefing" / "state.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # the XDG spec says: ignore it
    assert default_path() == Path.home() / ".local" / "share" / "briefing" / "state.sqlite3"


def test_read_stars_and_notes_last_between_sessions(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    first, second = index.articles[0].id, index.articles[1].id
    state.set_read(first)
    state.set_starred(second, True)
    state.set_note(second, "  Check the death toll against the ministry's.\nSecond line.  ")
    fact = index.facts[0].evidence[0]
    fact_text = index.article(fact.article).text[fact.start : fact.end]
    state.set_sentence_starred(fact.article, fact_text, "fact", True)
    store.close()

    index, store, again = visit(db, folder)
    assert again.of(first).read and not again.of(second).read
    assert again.of(second).starred and not again.of(first).starred
    assert again.of(second).note == "Check the death toll against the ministry's.\nSecond line."
    assert again.is_starred_sentence(fact.article, fact_text)
    assert [s.start for s in again.starred_sentences()] == [fact.start]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_moved_file_keeps_its_state_and_an_edited_one_is_marked_updated(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    aid, first_day = by_file(index, "02-ships.txt"), by_file(index, "01-walkout.txt")
    state.set_note(aid, "aid note")
    state.set_read(aid)
    state.set_note(first_day, "first-day note")
    state.set_read(first_day)
    store.close()

    (folder / "sub").mkdir()
    os.rename(folder / "02-ships.txt", folder / "sub" / "renamed.txt")
    edited = folder / "01-walkout.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\n\nThe union said a second strike was possible.\n", encoding="utf-8"
    )
    index, store, state = visit(db, folder)
    moved = by_file(index, "renamed.txt")
    assert state.of(moved).note == "aid note" and state.of(moved).read and not state.of(moved).updated
    changed = by_file(index, "01-walkout.txt")
    assert state.of(changed).note == "first-day note" and state.of(changed).updated
    assert not state.of(changed).new  # not new to the dossier: changed
    assert state.new_articles() == [changed]
    state.set_read(changed)  # reading it settles the update
    store.close()
    _, _, state = visit(db, folder)
    assert not state.of(changed).updated and state.new_articles() == []


def test_new_since_last_visit_marks_articles_and_the_findings_they_touch(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path, "01-walkout.txt", "02-ships.txt")
    index, store, state = visit(db, folder)
    assert state.previous_visit is None and state.new_articles() == []  # a first visit: nothing is "new"
    store.close()

    shutil.copy(DOSSIERS / "harbour" / "03-talks.txt", folder / "03-talks.txt")
    headless_index, headless_store, headless = visit(db, folder, record=False)
    assert headless.new_articles() == [by_file(headless_index, "03-talks.txt")]  # seen without recording
    headless_store.close()

    index, store, state = visit(db, folder)
    added = by_file(index, "03-talks.txt")
    assert [a.id for a in index.articles if state.of(a.id).new] == [added]
    touched = [n for n, fact in enumerate(index.facts) if added in fact.sources]
    assert touched and len(touched) < len(index.facts)  # some facts gained the new source, some did not
    assert state.new_facts() == touched
    assert state.new_issues() == [i.name for i in index.issues if added in i.articles]
    data = index_to_dict(index, state)
    assert [a["new"] for a in data["articles"]] == [a.id == added for a in index.articles]
    assert [f["new"] for f in data["facts"]] == [n in touched for n in range(len(index.facts))]
    store.close()

    _, store, state = visit(db, folder)  # the next visit: seen now, so no longer new
    assert state.new_articles() == [] and state.new_facts() == []


def test_the_headless_commands_write_nothing(tmp_path: Path, capsys) -> None:
    db = Path(os.environ["XDG_DATA_HOME"]) / "briefing" / "state.sqlite3"
    folder = harbour_folder(tmp_path)
    assert main(["json", str(folder)]) == 0
    assert not db.exists()  # reading state never creates the database
    index, store, state = visit(db, folder)
    state.set_note(index.articles[0].id, "seen in json")
    store.close()
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["json", str(folder)]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    assert [a["note"] for a in articles] == ["seen in json", "", ""]
    assert {"read", "starred", "note", "new", "updated"} <= set(articles[0])
    assert db.read_bytes() == before
    assert main(["json", "--no-state", str(folder)]) == 0
    assert [a["note"] for a in json.loads(capsys.readouterr().out)["articles"]] == ["", "", ""]


def test_a_damaged_database_is_moved_aside_never_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    garbage = b"this is not a database, but someone's file\x00" * 100
    db.write_bytes(garbage)
    index, store, state = visit(db, harbour_folder(tmp_path))
    assert store.problem and "damaged" in store.problem and store.persistent
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.sqlite3.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    state.set_note(index.articles[0].id, "after the repair")  # and the new database works
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT note FROM articles WHERE note != ''").fetchall() == [("after the repair",)]


class _UnwritableDisk(StateStore):
    """What a read-only file or folder does to SQLite, even for root (who can write anything)."""

    def _open(self, path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")


def test_an_unwritable_database_is_read_and_changes_stay_in_memory(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    state.set_note(index.articles[0].id, "kept from before")
    store.close()
    before = db.read_bytes()
    store = _UnwritableDisk(db)
    state = store.open_dossier(index, [folder], record_visit=True)
    assert store.problem and "cannot be written" in store.problem and not store.persistent
    assert state.of(index.articles[0].id).note == "kept from before"
    state.set_note(index.articles[1].id, "only for this session")
    assert state.of(index.articles[1].id).note == "only for this session"
    assert db.read_bytes() == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_is_not_written(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    state.set_note(index.articles[0].id, "kept")
    store.close()
    os.chmod(db, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        store = StateStore(db)
        state = store.open_dossier(index, [folder], record_visit=True)
        assert store.problem and state.of(index.articles[0].id).note == "kept"
    finally:
        os.chmod(tmp_path, 0o755)


def test_a_database_from_a_newer_briefing_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    store = StateStore(db)
    assert store.problem and "newer" in store.problem and not store.persistent
    assert db.read_bytes() == before


def test_no_state_touches_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    index = index_of(harbour_folder(tmp_path))
    store = StateStore(db, persistent=False)
    state = store.open_dossier(index, [tmp_path], record_visit=True)
    state.set_note(index.articles[0].id, "in memory")
    assert state.of(index.articles[0].id).note == "in memory" and store.problem is None
    assert not db.exists()


_WRITER = textwrap.dedent("""
    import sys
    from briefing.ingest.dossier import load_dossier
    from briefing.index import build_index
    from briefing.store.state import StateStore
    db, folder, name, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    index = build_index(load_dossier([folder]))
    state = StateStore(__import__("pathlib").Path(db)).open_dossier(index, [folder], record_visit=True)
    ids = [a.id for a in index.articles][first::2]
    for round in range(40):
        for article_id in ids:
            state.set_note(article_id, f"{name} round {round}")
            state.set_read(article_id, round % 2 == 0)
    print("done")
""")


def test_two_briefings_at_once_lose_no_note(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", tmp_path / "many"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n}.txt").write_text(
            f"Harbour report {n}\n\nMarch {n + 1}, 2024\n\nThe harbour board met on day {n}.\n", encoding="utf-8"
        )
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db), str(folder), name, str(first)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, first in (("left", 0), ("right", 1))
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "done", err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = sorted(note for (note,) in conn.execute("SELECT note FROM articles"))
        visits = conn.execute("SELECT number FROM visits ORDER BY number").fetchall()
    assert notes == ["left round 39"] * 4 + ["right round 39"] * 4
    assert visits == [(1,), (2,)]


def test_notes_and_stars_move_between_machines(tmp_path: Path, capsys) -> None:
    folder = harbour_folder(tmp_path)
    index, here, state = visit(tmp_path / "here.sqlite3", folder)
    first, second = index.articles[0].id, index.articles[1].id
    state.set_note(first, "from the laptop")
    state.set_starred(second, True)
    lead = index.facts[0].evidence[0]
    state.set_sentence_starred(lead.article, index.article(lead.article).text[lead.start : lead.end], "fact", True)
    exported = json.loads(json.dumps(here.export_data()))

    there = StateStore(tmp_path / "there.sqlite3")
    mine = there.open_dossier(index, [folder], record_visit=True)
    mine.set_note(first, "from the desktop")
    assert there.import_data(exported) == (1, 2)
    assert there.import_data(exported) == (0, 0)  # importing twice changes nothing
    again = there.open_dossier(index, [folder], record_visit=False)
    assert again.of(first).note == "from the desktop\n\nfrom the laptop"  # neither note is lost
    assert again.of(second).starred and len(again.starred_sentences()) == 1

    with pytest.raises(StateError):
        there.import_data({"format": "something else"})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["state", "--import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid JSON" in err


def test_importing_a_file_that_is_not_utf8_is_a_user_error(tmp_path: Path, capsys) -> None:
    # UnicodeDecodeError has no strerror: this once ended as "internal error: AttributeError", exit 70.
    latin1 = tmp_path / "notes.json"
    latin1.write_bytes('{"format": "briefing-state", "note": "caf\u00e9"}'.encode("latin-1"))
    assert main(["state", "--import", str(latin1)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not UTF-8" in err and "internal error" not in err


def test_state_export_and_import_from_the_command_line(tmp_path: Path, capsys) -> None:
    folder = harbour_folder(tmp_path)
    db = Path(os.environ["XDG_DATA_HOME"]) / "briefing" / "state.sqlite3"
    index, store, state = visit(db, folder)
    state.set_note(index.articles[0].id, "carried over")
    store.close()
    target = tmp_path / "notes.json"
    assert main(["state", "--export", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["articles"][0]["note"] == "carried over"
    assert main(["state", "--export", str(target)]) == 1  # never overwritten without --force
    assert "already exists" in capsys.readouterr().err
    db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    assert main(["state", "--import", str(target)]) == 0
    assert "imported 1 notes" in capsys.readouterr().err
    _, _, state = visit(db, folder, record=False)
    assert state.of(index.articles[0].id).note == "carried over"


def test_the_brief_gains_analyst_notes_within_one_page(tmp_path: Path, seeds) -> None:
    store = StateStore(tmp_path / "state.sqlite3")
    state = store.open_dossier(seeds, ["seeds"], record_visit=True)
    assert "Analyst notes" not in render_brief(seeds, state)
    state.set_note(2, "Ask the *desk* whether [the] # figures hold.")
    state.set_starred(4, True)
    lead = seeds.facts[0].evidence[0]
    state.set_sentence_starred(lead.article, seeds.article(lead.article).text[lead.start : lead.end], "fact", True)
    brief = render_brief(seeds, state)
    section = brief.split("## Analyst notes\n", 1)[1].split("\n## ", 1)[0]
    assert r"Ask the \*desk\* whether \[the\] \# figures hold." in section and "[2]" in section
    assert "Key fact:" in section and "Starred:" in section and "[4]" in section
    assert brief_words(brief) <= MAX_WORDS
    for article in seeds.articles:  # a note on everything still fits on the page
        state.set_note(article.id, "A long note about what to check next. " * 12)
    assert brief_words(render_brief(seeds, state)) <= MAX_WORDS


# --- notes on single sentences --------------------------------------------------------


def sentence_of(index, article_id: int, number: int = 1) -> tuple[str, int]:
    """The words and start of an article's `number`th body sentence."""
    article = index.article(article_id)
    body = [s for s in article.sentences if not s.heading]
    sentence = body[number]
    return article.text[sentence.start : sentence.end], sentence.start


def test_a_note_on_a_sentence_lasts_follows_its_words_and_empty_removes_it(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    walkout = by_file(index, "01-walkout.txt")
    text, start = sentence_of(index, walkout)
    assert state.sentence_note(walkout, text) == ""
    state.set_sentence_note(walkout, text, "  Check the 4 percent against the union's own figure.  ")
    assert state.sentence_note(walkout, text) == "Check the 4 percent against the union's own figure."
    store.close()

    index, store, again = visit(db, folder)  # a new StateStore on the same file
    assert again.sentence_note(walkout, text) == "Check the 4 percent against the union's own figure."
    assert again.sentence_note(walkout, text + " ") == ""  # kept by the sentence's exact words
    assert again.sentence_notes() == [
        SentenceNote(walkout, text, "Check the 4 percent against the union's own figure.", start)
    ]
    assert store.counts()["sentence notes"] == 1
    store.close()

    # A paragraph added above moves the sentence; its note follows the words to where they are now.
    edited = folder / "01-walkout.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "Dock workers", "The strike was called late on Sunday night.\n\nDock workers", 1
        ),
        encoding="utf-8",
    )
    index, store, moved = visit(db, folder)
    walkout = by_file(index, "01-walkout.txt")
    [noted] = moved.sentence_notes()
    assert noted.text == text and noted.start == index.article(walkout).text.find(text) > start

    moved.set_sentence_note(walkout, text, "  \n ")  # whitespace removes it
    assert moved.sentence_note(walkout, text) == "" and moved.sentence_notes() == []
    store.close()
    _, store, gone = visit(db, folder)
    assert gone.sentence_notes() == [] and store.counts()["sentence notes"] == 0


def test_a_sentence_note_stays_in_memory_when_the_database_cannot_be_written(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index, store, state = visit(db, folder)
    first, second = index.articles[0].id, index.articles[1].id
    kept, _ = sentence_of(index, first)
    state.set_sentence_note(first, kept, "kept from before")
    store.close()
    before = db.read_bytes()

    store = _UnwritableDisk(db)
    state = store.open_dossier(index, [folder], record_visit=True)
    assert not store.persistent and state.sentence_note(first, kept) == "kept from before"
    fresh, _ = sentence_of(index, second)
    state.set_sentence_note(second, fresh, "only for this session")
    assert state.sentence_note(second, fresh) == "only for this session"
    assert [n.note for n in state.sentence_notes()] == ["kept from before", "only for this session"]
    assert db.read_bytes() == before

    memory = StateStore(tmp_path / "never.sqlite3", persistent=False)
    state = memory.open_dossier(index, [folder], record_visit=False)  # no rows at all: only memory
    state.set_sentence_note(first, kept, "in memory")
    assert state.sentence_note(first, kept) == "in memory"
    assert not (tmp_path / "never.sqlite3").exists()


def test_a_database_from_the_previous_schema_migrates_and_keeps_its_rows(tmp_path: Path) -> None:
    db, folder = tmp_path / "state.sqlite3", harbour_folder(tmp_path)
    index = index_of(folder)
    article = index.articles[0]
    starred, _ = sentence_of(index, article.id)
    with sqlite3.connect(db) as conn:  # what the first schema wrote, before sentence notes existed
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
        row = conn.execute(
            "INSERT INTO articles (content_hash, path, title, read, starred, note, changed) "
            "VALUES (?, ?, ?, 1, 1, 'an old note', '2024-03-03T00:00:00+00:00')",
            (content_hash(article.text), os.path.abspath(article.path), article.title),
        ).lastrowid
        conn.execute(
            "INSERT INTO starred_sentences (article, text, kind, at) VALUES (?, ?, 'sentence', '2024-03-03')",
            (row, starred),
        )
    conn.close()

    _, store, state = visit(db, folder)
    assert store.problem is None and store.persistent
    mine = state.of(article.id)
    assert mine.read and mine.starred and mine.note == "an old note"
    assert state.is_starred_sentence(article.id, starred)
    state.set_sentence_note(article.id, starred, "a new kind of note")
    store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert conn.execute("SELECT note FROM articles WHERE id = ?", (row,)).fetchone() == ("an old note",)
        assert conn.execute("SELECT article, text, note FROM sentence_notes").fetchall() == [
            (row, starred, "a new kind of note")
        ]
    conn.close()


def test_sentence_notes_move_between_machines_and_a_differing_one_is_added_below(tmp_path: Path) -> None:
    folder = harbour_folder(tmp_path)
    index, here, state = visit(tmp_path / "here.sqlite3", folder)
    first, second = index.articles[0].id, index.articles[1].id
    one, _ = sentence_of(index, first)
    two, _ = sentence_of(index, second)
    state.set_sentence_note(first, one, "from the laptop")
    state.set_sentence_note(second, two, "the same on both")
    exported = json.loads(json.dumps(here.export_data()))
    assert exported["version"] == 1 and len(exported["sentence_notes"]) == 2

    fresh = StateStore(tmp_path / "fresh.sqlite3")  # nothing there yet: the notes arrive as they were
    assert fresh.import_data(exported) == (2, 0)
    assert fresh.counts()["sentence notes"] == 2
    arrived = fresh.open_dossier(index, [folder], record_visit=False)
    assert arrived.sentence_note(first, one) == "from the laptop"
    assert arrived.sentence_note(second, two) == "the same on both"

    there = StateStore(tmp_path / "there.sqlite3")
    mine = there.open_dossier(index, [folder], record_visit=True)
    mine.set_sentence_note(first, one, "from the desktop")
    mine.set_sentence_note(second, two, "the same on both")
    assert there.import_data(exported) == (1, 0)
    assert there.import_data(exported) == (0, 0)  # importing twice changes nothing
    again = there.open_dossier(index, [folder], record_visit=False)
    assert again.sentence_note(first, one) == "from the desktop\n\nfrom the laptop"  # neither note is lost
    assert again.sentence_note(second, two) == "the same on both"


def test_an_export_from_before_sentence_notes_still_imports(tmp_path: Path) -> None:
    folder = harbour_folder(tmp_path)
    index = index_of(folder)
    article = index.articles[0]
    older = {
        "format": "briefing-state",
        "version": 1,
        "exported": "2024-03-03T00:00:00+00:00",
        "articles": [
            {
                "content_hash": content_hash(article.text),
                "path": os.path.abspath(article.path),
                "title": article.title,
                "starred": True,
                "note": "from the old version",
            }
        ],
        "starred_sentences": [],
    }
    store = StateStore(tmp_path / "state.sqlite3")
    assert store.import_data(older) == (1, 1)
    state = store.open_dossier(index, [folder], record_visit=False)
    assert state.of(article.id).note == "from the old version" and state.sentence_notes() == []
    with pytest.raises(StateError, match="sentence note 1"):
        store.import_data({**older, "sentence_notes": [{"content_hash": "x", "path": "y", "text": "z"}]})
    with pytest.raises(StateError):
        store.import_data({**older, "sentence_notes": {"not": "a list"}})


def test_the_brief_and_the_json_show_sentence_notes(tmp_path: Path) -> None:
    folder = harbour_folder(tmp_path)
    index, _, state = visit(tmp_path / "state.sqlite3", folder)
    assert "Analyst notes" not in render_brief(index, state) and index_to_dict(index, state)["sentence_notes"] == []
    walkout = by_file(index, "01-walkout.txt")
    text, start = sentence_of(index, walkout)
    state.set_sentence_note(walkout, text, "Is *this* the [union] # figure?")

    brief = render_brief(index, state)
    section = brief.split("## Analyst notes\n", 1)[1].split("\n## ", 1)[0]
    [line] = [line for line in section.splitlines() if "union" in line]
    assert "\u201cThe FNV union said" in line and f"[{walkout}]" in line
    assert line.endswith(r"Is \*this\* the \[union\] \# figure?")
    assert brief_words(brief) <= MAX_WORDS

    data = index_to_dict(index, state)
    assert data["sentence_notes"] == [
        {
            "article": walkout,
            "text": text,
            "note": "Is *this* the [union] # figure?",
            "start": start,
            "end": start + len(text),
        }
    ]
    article = next(a for a in data["articles"] if a["id"] == walkout)
    assert article["text"][start : start + len(text)] == text

    state.set_sentence_starred(walkout, text, "sentence", True)  # starred and noted: said once, starred
    section = render_brief(index, state).split("## Analyst notes\n", 1)[1].split("\n## ", 1)[0]
    assert section.count("The FNV union said") == 1 and "\u2605 Note on the sentence" in section

    for article in index.articles:  # a long note on every sentence still fits on the page
        for sentence in article.sentences:
            state.set_sentence_note(
                article.id, article.text[sentence.start : sentence.end], "What to check next here. " * 20
            )
    assert brief_words(render_brief(index, state)) <= MAX_WORDS
