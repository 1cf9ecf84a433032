"""The article filter box: words of titles and outlets, months, days, ISO dates and "undated"."""

from __future__ import annotations

import pytest

from briefing.index import DocumentIndex
from briefing.index.article_filter import filter_articles

# (title, outlet, publication date or None)
ARTICLES = [
    ("Embassy staff return to Istanbul", "Daily Ledger", "2025-04-10"),
    ("Flights resume between the capitals", "Wire Service", "2025-04-22"),
    ("Property talks stall", "Evening Post", "2025-09-03"),
    ("Sanctions review due in May", "Wire Service", "2024-01-10"),
    ("Consulate reopens its doors", "Daily Ledger", "2023-05-05"),
    ("A note on embassies", "Harbour Herald", None),
]


@pytest.fixture
def shelf(make_dossier) -> DocumentIndex:
    """Six short articles from four outlets, published in different months and years, one undated."""
    files = {}
    for number, (title, outlet, published) in enumerate(ARTICLES):
        date = f"date: {published}\n" if published else ""
        body = "Officials met again to discuss the matter. Nothing was decided at the meeting."
        files[f"{number}.md"] = f"---\ntitle: {title}\n{date}source: {outlet}\n---\n{body}\n"
    return make_dossier(files)


def titles(index: DocumentIndex, query: str) -> set[str]:
    """The titles of the articles the filter keeps."""
    kept = filter_articles(index, query, [a.id for a in index.articles])
    return {index.article(i).title for i in kept}


def test_words_match_title_and_outlet_words_as_they_are_typed(shelf) -> None:
    embassies = {"Embassy staff return to Istanbul", "A note on embassies"}
    assert titles(shelf, "embas") == embassies  # a prefix, while typing
    assert titles(shelf, "EMBASSY") == embassies  # any case, any form
    assert titles(shelf, "embassies") == embassies
    assert titles(shelf, "flight") == {"Flights resume between the capitals"}
    assert titles(shelf, "properties") == {"Property talks stall"}
    assert titles(shelf, "wire") == {"Flights resume between the capitals", "Sanctions review due in May"}
    assert titles(shelf, "herald") == {"A note on embassies"}
    assert titles(shelf, "bassy") == set()  # words are matched from their start


def test_every_term_must_match(shelf) -> None:
    assert titles(shelf, "wire flights") == {"Flights resume between the capitals"}
    assert titles(shelf, "ledger consulate") == {"Consulate reopens its doors"}
    assert titles(shelf, "ledger apr") == {"Embassy staff return to Istanbul"}
    assert titles(shelf, "wire embassy") == set()


def test_months_match_the_month_of_publication_in_any_year(shelf) -> None:
    april = {"Embassy staff return to Istanbul", "Flights resume between the capitals"}
    for query in ("apr", "April", "APR.", "apri"):
        assert titles(shelf, query) == april, query
    for query in ("Sept", "sep", "september"):
        assert titles(shelf, query) == {"Property talks stall"}, query
    assert titles(shelf, "jan") == {"Sanctions review due in May"}
    # "may" is published in May (2023) or says "May" in its title.
    assert titles(shelf, "may") == {"Consulate reopens its doors", "Sanctions review due in May"}


def test_a_day_and_month_match_that_day(shelf) -> None:
    for query in ("10 apr", "apr 10", "10 April", "April 10th", "10 Apr 2025"):
        assert titles(shelf, query) == {"Embassy staff return to Istanbul"}, query
    assert titles(shelf, "10 jan") == {"Sanctions review due in May"}
    assert titles(shelf, "11 apr") == set()


def test_iso_dates_match_by_publication_date(shelf) -> None:
    assert titles(shelf, "2025") == {
        "Embassy staff return to Istanbul",
        "Flights resume between the capitals",
        "Property talks stall",
    }
    assert titles(shelf, "2025-04") == {"Embassy staff return to Istanbul", "Flights resume between the capitals"}
    assert titles(shelf, "2025-04-10") == {"Embassy staff return to Istanbul"}
    assert titles(shelf, "2025/4/22") == {"Flights resume between the capitals"}
    assert titles(shelf, "2023") == {"Consulate reopens its doors"}
    # Half typed: "2025-0" is any month of 2025 before October.
    assert titles(shelf, "2025-0") == titles(shelf, "2025")
    assert titles(shelf, "2025-1") == set()


def test_undated_matches_articles_without_a_date(shelf) -> None:
    assert titles(shelf, "undated") == {"A note on embassies"}
    assert titles(shelf, "undated herald") == {"A note on embassies"}
    assert titles(shelf, "undated ledger") == set()


def test_the_order_and_the_choice_of_articles_are_kept(shelf) -> None:
    by_title = {a.title: a.id for a in shelf.articles}
    given = [
        by_title["Sanctions review due in May"],
        by_title["Flights resume between the capitals"],
        by_title["Property talks stall"],
    ]
    assert filter_articles(shelf, "wire", given) == given[:2]
    assert filter_articles(shelf, "wire", list(reversed(given))) == [given[1], given[0]]
    assert filter_articles(shelf, "  ", given) == given
    assert filter_articles(shelf, "embassy", given) == []
