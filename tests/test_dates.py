"""Date expressions: precision kept, relative ones resolved only against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.core.dates import find_dates, parse_stated_date

FRIDAY = dt.date(2025, 2, 28)


def resolved(text: str, published: dt.date | None = FRIDAY) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.precision) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended on February 28, 2025.", [("February 28, 2025", "2025-02-28", "day")]),
        ("It ended on 3 March 2024.", [("3 March 2024", "2024-03-03", "day")]),
        ("It began in February 2022.", [("February 2022", "2022-02", "month")]),
        ("They met on Feb. 18 in Riyadh.", [("Feb. 18", "2025-02-18", "day")]),
        ("Expulsions began in 2016.", [("2016", "2016", "year")]),
        ("Talks were held Thursday.", [("Thursday", "2025-02-27", "day")]),
        ("He spoke on Friday.", [("on Friday", "2025-02-28", "day")]),
        ("He took office last month.", [("last month", "2025-01", "month")]),
        ("She said this week that", [("this week", "2025-02-24", "week")]),
        ("In November, the paper reported", [("November", "2024-11", "month")]),
        ("The plan runs to 2050 tons of grain.", []),
        ("Prices rose 10:46 and 2050 more.", []),
        ("You may go home.", []),
    ],
)
def test_expressions_resolve_with_their_precision(text: str, expected: list) -> None:
    assert resolved(text) == expected


def test_a_month_and_day_take_the_year_nearest_publication() -> None:
    assert resolved("on December 30", dt.date(2025, 1, 3)) == [("December 30", "2024-12-30", "day")]


def test_relative_dates_in_an_undated_article_stay_unresolved_and_say_so() -> None:
    found = find_dates("They met on Thursday and again last month, and on Feb. 27.", None)
    assert [d.value for d in found] == [None, None, None]
    assert all(d.note for d in found)
    assert "undated" in found[0].note


def test_absolute_dates_resolve_without_a_publication_date() -> None:
    assert resolved("On April 10, 2025, delegates met.", None) == [("April 10, 2025", "2025-04-10", "day")]


def test_impossible_dates_are_not_dates() -> None:
    assert resolved("February 30, 2025 and 32 March and 31 April") == []


def test_stated_dates_in_common_forms() -> None:
    assert parse_stated_date("2024-03-05T10:00:00Z") == dt.date(2024, 3, 5)
    assert parse_stated_date("March 5, 2024") == dt.date(2024, 3, 5)
    assert parse_stated_date("not a date") is None
