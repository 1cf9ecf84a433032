"""The shared index: immutable, and searchable by word, phrase and prefix."""

from __future__ import annotations

import dataclasses

import pytest
from support.dossiers import text_of

from briefing.index import parse_query


def test_the_index_cannot_be_changed(seeds) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        seeds.title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        seeds.articles[0].title = "x"  # type: ignore[misc]
    assert isinstance(seeds.articles, tuple) and isinstance(seeds.entities, tuple)


def test_articles_are_numbered_by_date(seeds) -> None:
    assert [a.id for a in seeds.articles] == [1, 2, 3, 4, 5]
    dated = [a.published for a in seeds.articles if a.published]
    assert dated == sorted(dated)


def test_sentence_offsets_cover_the_text(seeds) -> None:
    for article in seeds.articles:
        for sentence in article.sentences:
            piece = article.text[sentence.start : sentence.end]
            assert piece == piece.strip() and piece
        assert article.sentences[0].start == 0


def test_word_search_finds_every_sentence_and_marks_the_word(seeds) -> None:
    results = seeds.search("Killenworth")
    hits = results.hits
    assert len(hits) == 1 and results.total == 1
    hit = hits[0]
    assert [text_of(seeds, hit.article, s, e) for s, e in hit.matches] == ["Killenworth"]
    assert "Killenworth estate" in text_of(seeds, hit.article, hit.start, hit.end)


def test_phrase_search_needs_the_words_in_order(seeds) -> None:
    phrase = seeds.search('"direct flights"').hits
    assert phrase
    for hit in phrase:
        assert [text_of(seeds, hit.article, s, e).lower() for s, e in hit.matches] == ["direct flights"] * len(
            hit.matches
        )
    assert not seeds.search('"flights direct"').hits


def test_prefix_search_and_ranking(seeds) -> None:
    hits = seeds.search("embass*").hits
    words = {text_of(seeds, h.article, s, e).lower() for h in hits for s, e in h.matches}
    assert {"embassy", "embassies"} <= words
    both = seeds.search("banking staffing").hits
    top = text_of(seeds, both[0].article, both[0].start, both[0].end).lower()
    assert "banking" in top and "staffing" in top


def test_search_is_case_insensitive_and_empty_queries_find_nothing(seeds) -> None:
    assert seeds.search("ISTANBUL").hits and seeds.search("ISTANBUL") == seeds.search("istanbul")
    for query in ("", '""', "zzzzqqq"):
        assert seeds.search(query).hits == () and seeds.search(query).total == 0


def test_query_parsing() -> None:
    assert parse_query('flights "air links" embass* U.S.-Russia') == [
        ("flights",),
        ("air", "links"),
        ("embass*",),
        ("u.s.", "russia"),
    ]
