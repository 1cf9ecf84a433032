"""The analysis cache: the same index with or without it, only what changed is read again,
and nothing it holds is trusted."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from support.dossiers import DOSSIERS, TESTS, copy_of

from briefing import dossier as dossier_module
from briefing.dossier import StateUse, open_dossier
from briefing.ingest import dossier as ingest_module
from briefing.store.cache import AnalysisCache
from briefing.views.serialize import index_to_dict


def _generate(folder: Path, count: int) -> Path:
    """A generated dossier of `count` wire articles (the benchmarks' generator)."""
    spec = importlib.util.spec_from_file_location("generate", TESTS.parent / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, count)
    return folder


def _json(paths, cache: AnalysisCache | None = None) -> str:
    index = open_dossier(paths, state=StateUse.NONE, cache=cache).index
    return json.dumps(index_to_dict(index), ensure_ascii=False, sort_keys=True)


@pytest.fixture
def cache(tmp_path: Path) -> AnalysisCache:
    return AnalysisCache(tmp_path / "cache")


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """The files read from disk (not recalled from the cache), in the order read."""
    seen: list[Path] = []
    real = ingest_module._read_one

    def counting(path, *args):
        seen.append(path)
        return real(path, *args)

    monkeypatch.setattr(ingest_module, "_read_one", counting)
    return seen


def test_the_index_is_the_same_with_and_without_the_cache_and_with_one_or_two_workers(
    tmp_path: Path, cache: AnalysisCache, monkeypatch
) -> None:
    folder = _generate(tmp_path / "generated", 40)
    alone = _json([folder])
    monkeypatch.setattr(ingest_module, "PARALLEL_FROM", 2)  # the process pool, even for a few files
    pooled = _json([folder])
    first = _json([folder], cache)  # read, analysed and kept
    again = _json([folder], AnalysisCache(cache.folder))  # taken from the cache in a new run
    assert alone == pooled == first == again
    assert AnalysisCache(cache.folder).usage().indexes == 1


def test_an_unchanged_dossier_is_not_analysed_again(tmp_path: Path, cache: AnalysisCache, monkeypatch, reads) -> None:
    folder = copy_of("quake", tmp_path)
    expected = _json([folder], cache)
    assert reads  # the first time, every file is read

    def no_analysis(*args, **kwargs):
        raise AssertionError("analysed again")

    reads.clear()
    monkeypatch.setattr(dossier_module, "build_index", no_analysis)
    assert _json([folder], AnalysisCache(cache.folder)) == expected
    assert reads == []


def test_only_a_changed_or_added_file_is_read_again(tmp_path: Path, cache: AnalysisCache, reads) -> None:
    folder = copy_of("quake", tmp_path)
    _json([folder], cache)
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html"))
    changed = folder / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA paragraph added on a later reading.\n")
    added = folder / "added.txt"
    added.write_text("Late report\n\nRescuers said on Monday that the search goes on.\n", encoding="utf-8")
    reads.clear()
    with_cache = _json([folder], AnalysisCache(cache.folder))
    assert sorted(p.name for p in reads) == sorted([changed.name, added.name])
    assert with_cache == _json([folder])  # the same as analysing it all afresh
    assert "A paragraph added on a later reading." in with_cache


def test_a_changed_configuration_or_analyser_is_not_served_an_old_index(tmp_path: Path, cache: AnalysisCache) -> None:
    folder = copy_of("quake", tmp_path)
    _json([folder], cache)
    (folder / "briefing.toml").write_text('title = "A title set later"\n', encoding="utf-8")
    assert '"A title set later"' in _json([folder], AnalysisCache(cache.folder))
    newer = AnalysisCache(cache.folder)
    newer.salt = b"another version of the code"
    index = open_dossier([folder], state=StateUse.NONE, cache=newer).index
    assert index.title == "A title set later"
    assert newer.usage().indexes == 3  # one per (content, code); none was reused across them


def test_a_damaged_index_is_ignored_and_made_again(tmp_path: Path, cache: AnalysisCache) -> None:
    folder = copy_of("quake", tmp_path)
    expected = _json([folder], cache)
    (kept,) = (cache.folder / "indexes").iterdir()
    data = bytearray(kept.read_bytes())
    # One changed letter in an article's text still unpickles: only the digest can tell.
    at = data.index(b"earthquake")
    data[at] = ord("E")
    kept.write_bytes(bytes(data))
    assert _json([folder], AnalysisCache(cache.folder)) == expected
    (remade,) = (cache.folder / "indexes").iterdir()
    assert remade.read_bytes() != bytes(data)  # written anew, whole
    kept.write_bytes(kept.read_bytes()[:100])  # cut short, as by a full disk
    assert _json([folder], AnalysisCache(cache.folder)) == expected


def test_damaged_readings_are_ignored(tmp_path: Path, cache: AnalysisCache, reads) -> None:
    folder = copy_of("quake", tmp_path)
    expected = _json([folder], cache)
    for kept in (cache.folder / "indexes").iterdir():
        kept.unlink()  # so that the readings are what is used
    with sqlite3.connect(cache.folder / "readings.sqlite3") as db:
        db.execute("UPDATE reading SET value = x'00ff00ff'")
    reads.clear()
    assert _json([folder], AnalysisCache(cache.folder)) == expected
    assert reads  # read again, not served the garbage


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path, cache: AnalysisCache) -> None:
    folder = copy_of("quake", tmp_path)
    cache.folder.mkdir(parents=True)
    (cache.folder / "readings.sqlite3").write_bytes(b"this is not a database" * 100)
    expected = _json([folder])
    assert _json([folder], cache) == expected
    assert cache.problem is None
    assert AnalysisCache(cache.folder).usage().readings > 0


def test_a_cache_that_cannot_be_written_leaves_the_analysis_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    cache = AnalysisCache(blocker / "cache")
    folder = copy_of("quake", tmp_path)
    assert _json([folder], cache) == _json([folder])
    assert cache.problem and "cannot be used" in cache.problem


def test_the_least_recently_used_entries_go_past_the_size_limit(tmp_path: Path) -> None:
    first, second = copy_of("quake", tmp_path), copy_of("openai", tmp_path)
    sizes = []
    for name, folder in (("a", first), ("b", second)):
        alone = AnalysisCache(tmp_path / name)
        _json([folder], alone)
        sizes.append(alone.usage().size)
    # Room for either dossier, not for both.
    cache = AnalysisCache(tmp_path / "cache", limit=int(max(sizes) * 1.1))
    assert cache.limit < sum(sizes)
    _json([first], cache)
    _json([second], cache)  # over the limit: the older dossier's entries go
    usage = cache.usage()
    assert usage.size <= cache.limit
    assert usage.indexes == 1
    assert AnalysisCache(cache.folder).index(_key(second, cache)) is not None  # the newer one stayed


def _key(folder: Path, cache: AnalysisCache) -> str:
    from briefing.ingest.dossier import survey_dossier

    key = survey_dossier([folder], cache.salt).key
    assert key
    return key


def _open_in_another_process(folder: str, cache_folder: str) -> str:
    return _json([folder], AnalysisCache(Path(cache_folder)))


def test_runs_at_the_same_time_share_the_cache_safely(tmp_path: Path) -> None:
    folder = copy_of("openai", tmp_path)
    cache_folder = tmp_path / "cache"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.starmap(_open_in_another_process, [(str(folder), str(cache_folder))] * 4)
    assert len(set(results)) == 1
    assert results[0] == _json([folder])
    assert _json([folder], AnalysisCache(cache_folder)) == results[0]
    assert not [p for p in (cache_folder / "indexes").iterdir() if p.name.startswith(".tmp-")]


def test_clearing_drops_everything(tmp_path: Path, cache: AnalysisCache) -> None:
    _json([DOSSIERS / "quake"], cache)
    assert cache.usage().size > 0
    freed = cache.clear()
    assert freed > 0
    usage = AnalysisCache(cache.folder).usage()
    assert (usage.readings, usage.indexes, usage.size) == (0, 0, 0)


def test_the_code_version_follows_the_analysis_code_not_the_views() -> None:
    import os

    import briefing
    from briefing.store.cache import code_version

    package = Path(briefing.__file__).parent
    before = code_version()
    for name, changes in (("analysis/story.py", True), ("views/brief.py", False), ("cli.py", False)):
        path = package / name
        info = path.stat()
        try:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # as an edit would
            assert (code_version() != before) is changes, name
        finally:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert code_version() == before
