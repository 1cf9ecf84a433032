"""Date expressions: precision kept, relative ones resolved only against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.language.dates import find_dates, parse_stated_date

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


# -- tense: a relative date in a future clause is the coming one, in a past clause the last one --

OCTOBER = dt.date(2025, 10, 27)  # a Monday late in the year: "Dec. 15" and "January" can go either way
NOVEMBER = dt.date(2025, 11, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board will meet on Tuesday.", [("on Tuesday", "2025-03-04", "day")]),
        ("The trial is due to start on Monday.", [("on Monday", "2025-03-03", "day")]),
        ("The summit is scheduled for Sunday.", [("Sunday", "2025-03-02", "day")]),
        ("The vote will be held on Tuesday.", [("on Tuesday", "2025-03-04", "day")]),
        ("The board met on Tuesday.", [("on Tuesday", "2025-02-25", "day")]),
        ("She resigned last Tuesday.", [("last Tuesday", "2025-02-25", "day")]),
        ("They meet again next Tuesday.", [("next Tuesday", "2025-03-04", "day")]),
        (
            "He said on Monday that talks will resume on Thursday.",
            [("on Monday", "2025-02-24", "day"), ("on Thursday", "2025-03-06", "day")],
        ),
        (
            "The talks, which will resume Monday, were announced Wednesday.",
            [("Monday", "2025-03-03", "day"), ("Wednesday", "2025-02-26", "day")],
        ),
    ],
)
def test_a_weekday_resolves_by_the_tense_of_its_clause(text: str, expected: list) -> None:
    assert resolved(text) == expected


def test_a_weekday_without_tense_is_the_nearest_one() -> None:
    assert resolved("Sunday's vote in Berlin") == [("Sunday", "2025-03-02", "day")]
    assert resolved("Tuesday's vote in Berlin") == [("Tuesday", "2025-02-25", "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dividend will be paid Dec. 15.", [("Dec. 15", "2025-12-15", "day")]),
        ("The company was founded on Dec. 15.", [("Dec. 15", "2024-12-15", "day")]),
        ("A Dec. 15 deadline for bids", [("Dec. 15", "2025-12-15", "day")]),
        ("Talks will resume in January.", [("January", "2026-01", "month")]),
        ("Sales fell in January.", [("January", "2025-01", "month")]),
        ("The law takes effect in January.", [("January", "2026-01", "month")]),
        ("Output rose in July.", [("July", "2025-07", "month")]),
    ],
)
def test_a_month_without_a_year_resolves_by_tense_then_nearness(text: str, expected: list) -> None:
    assert resolved(text, OCTOBER if "Dec" in text else NOVEMBER) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The games open this September.", [("this September", "2025-09", "month")]),
        ("Prices fell in July last year.", [("July last year", "2024-07", "month")]),
        ("Prices fell in January this year.", [("January this year", "2025-01", "month")]),
        ("He was elected on Monday, Feb. 24.", [("on Monday, Feb. 24", "2025-02-24", "day")]),
        ("Voting ends Tuesday, March 4, 2025.", [("Tuesday, March 4, 2025", "2025-03-04", "day")]),
        ("The trial opens the week of March 10.", [("the week of March 10", "2025-03-10", "week")]),
    ],
)
def test_one_expression_for_a_date_written_in_two_parts(text: str, expected: list) -> None:
    assert resolved(text) == expected


# -- parts of the day are the day; "earlier this week" keeps its week --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote took place Tuesday evening.", [("Tuesday evening", "2025-02-25", "day")]),
        ("Fighting resumed Tuesday night.", [("Tuesday night", "2025-02-25", "day")]),
        ("He will speak this afternoon.", [("this afternoon", "2025-02-28", "day")]),
        ("The plane landed this morning.", [("this morning", "2025-02-28", "day")]),
        ("The match is tonight.", [("tonight", "2025-02-28", "day")]),
        ("Shelling continued last night.", [("last night", "2025-02-27", "day")]),
        ("They fly out tomorrow morning.", [("tomorrow morning", "2025-03-01", "day")]),
        ("It was announced earlier this week.", [("earlier this week", "2025-02-24", "week")]),
        ("A decision is expected later this month.", [("later this month", "2025-02", "month")]),
        ("Prices rose late last week.", [("late last week", "2025-02-17", "week")]),
    ],
)
def test_parts_of_the_day_and_of_the_week(text: str, expected: list) -> None:
    assert resolved(text) == expected


# -- quarters: "quarter" precision, value the quarter's first month --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Third-quarter profit rose 5%.", [("Third-quarter", "2025-07", "quarter")]),
        ("Net income fell 22% in the third quarter.", [("the third quarter", "2025-07", "quarter")]),
        ("Sales rose in the first quarter.", [("the first quarter", "2025-01", "quarter")]),
        ("The company expects a loss in the first quarter.", [("the first quarter", "2026-01", "quarter")]),
        ("Output fell in the fourth quarter of 1989.", [("the fourth quarter of 1989", "1989-10", "quarter")]),
        ("It earned less than in the 1988 third quarter.", [("the 1988 third quarter", "1988-07", "quarter")]),
        ("It earned 35 cents a share in the quarter.", [("the quarter", "2025-07", "quarter")]),
        ("Orders in the current quarter are strong.", [("the current quarter", "2025-10", "quarter")]),
        ("It earned $3 million in the year-ago quarter.", [("the year-ago quarter", "2024-07", "quarter")]),
        (
            "Third-quarter profit rose to $5 million from $4 million a year earlier.",
            [("Third-quarter", "2025-07", "quarter"), ("a year earlier", "2024-07", "quarter")],
        ),
        (
            "Third-quarter sales fell 11% from a year ago.",
            [("Third-quarter", "2025-07", "quarter"), ("a year ago", "2024-07", "quarter")],
        ),
        ("Wages were 3.8 percent higher than a year earlier.", [("a year earlier", "2024", "year")]),
        ("He scored 12 points in the third quarter.", []),
        ("A quarter of voters stayed home.", []),
        ("The bar is in the French Quarter.", []),
    ],
)
def test_quarters(text: str, expected: list) -> None:
    assert resolved(text, OCTOBER) == expected


def test_a_quarter_reads_like_q3_2026() -> None:
    from briefing.views.labels import human_date

    assert human_date("2026-07", "quarter") == "Q3 2026"
    assert human_date("2026-07", "month") == "Jul 2026"


# -- years written before a noun, and counts that are not years --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 1996 law named for him", [("1996", "1996", "year")]),
        ("after its 1990 invasion of Kuwait", [("1990", "1990", "year")]),
        ("the company's 1989 operating results", [("1989", "1989", "year")]),
        ("the 1992 protests", [("1992", "1992", "year")]),
        ("In fiscal 1989, it earned $7.8 million.", [("1989", "1989", "year")]),
        ("The group split in mid-1996.", [("1996", "1996", "year")]),
        ("They acted under a June agreement.", [("June", "2024-06", "month")]),
        ("The ceasefire begins at 1800 GMT.", []),
        ("Flight 1990 landed safely.", []),
    ],
)
def test_years_and_months_used_as_adjectives(text: str, expected: list) -> None:
    assert resolved(text) == expected


def test_later_and_earlier_count_from_the_date_the_sentence_gives() -> None:
    assert resolved("He fled in June 1998 and returned a year later.") == [
        ("June 1998", "1998-06", "month"),
        ("a year later", "1999-06", "month"),
    ]
    # Without a date to count from, "two days later" would be guessed: it stays out.
    assert resolved("Two days later, he died.") == []


def test_new_relative_forms_stay_unresolved_in_an_undated_article() -> None:
    found = find_dates("Profit rose in the third quarter; the vote is Tuesday evening; this afternoon.", None)
    assert [d.value for d in found] == [None, None, None]
    assert all(d.note for d in found)
    assert [d.value for d in find_dates("in the fourth quarter of 1989", None)] == ["1989-10"]
    later = find_dates("Profits fell earlier in the year.", None)
    assert [(d.text, d.value) for d in later] == [("earlier in the year", None)] and later[0].note
    # Counted from a date the story writes, "that night" needs no publication date.
    told = find_dates("The boat sank on 16 November 2024. Nobody slept that night.", None)
    assert [(d.text, d.value) for d in told] == [("16 November 2024", "2024-11-16"), ("that night", "2024-11-16")]


# -- a report's period: "a year earlier" is the quarter the story is about, a year before --


def test_a_year_earlier_takes_the_quarter_named_in_the_sentences_before() -> None:
    text = "Third-quarter profit rose 5%. Net income was $4 million a year earlier."
    assert resolved(text, OCTOBER)[-1] == ("a year earlier", "2024-07", "quarter")


def test_nine_months_are_another_period_than_the_quarter() -> None:
    text = "Third-quarter profit rose 5%. For the nine months, net income rose from a year earlier."
    assert resolved(text, OCTOBER)[-1] == ("a year earlier", "2024", "year")


def test_a_quarter_still_under_way_is_not_the_period_reported_on() -> None:
    text = "Analysts expect a loss in the fourth quarter. In the year-ago period, it earned $3 million."
    assert resolved(text, OCTOBER)[-1] == ("the year-ago period", "2024", "year")


# -- "that year", "the following year": counted from the written date the sentence gives --


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Imports totaled $37 million in 1988, a small share of all imports that year.",
            [("1988", "1988", "year"), ("that year", "1988", "year")],
        ),
        (
            "He was promoted on May 22, 1995, and the following year he was sent abroad.",
            [("May 22, 1995", "1995-05-22", "day"), ("the following year", "1996", "year")],
        ),
        (
            "He fled in June 1998 and returned later that year.",
            [("June 1998", "1998-06", "month"), ("later that year", "1998", "year")],
        ),
        ("That year, he left.", []),
        ("The following month, the company put itself up for sale.", []),
    ],
)
def test_that_year_counts_from_the_date_before_it(text: str, expected: list) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales for the full year were $6.6 billion.", [("the full year", "2025", "year")]),
        ("It expects higher sales in the current fiscal year.", [("the current fiscal year", "2025", "year")]),
        (
            "Keating's convictions were thrown out in nineteen ninety-six on a technicality.",
            [("nineteen ninety-six", "1996", "year")],
        ),
        ("January nineteen ninety-seven.", [("January nineteen ninety-seven", "1997-01", "month")]),
        ("He promised jobs for all by the year two thousand.", [("the year two thousand", "2000", "year")]),
        ("Two thousand people marched.", []),
    ],
)
def test_years_written_in_words(text: str, expected: list) -> None:
    assert resolved(text, OCTOBER) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The boy was found on Thanksgiving Day.", dt.date(2000, 1, 6), [("Thanksgiving Day", "1999-11-25", "day")]),
        ("They will meet again on Christmas Eve.", OCTOBER, [("Christmas Eve", "2025-12-24", "day")]),
        ("Shops closed over Easter.", dt.date(2025, 5, 2), [("Easter", "2025-04-20", "day")]),
        ("The Christmas shopping season began.", OCTOBER, []),
    ],
)
def test_holidays(text: str, published: dt.date, expected: list) -> None:
    assert resolved(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police have searched for him since shortly after the Oct. 30 shooting.", [("Oct. 30", "2025-10-30", "day")]),
        ("It announced an agreement to buy the bank in January.", [("January", "2026-01", "month")]),
        ("The deal should close by year-end.", [("year-end", "2025", "year")]),
        ("The index has risen 12% since year-end.", [("year-end", "2024", "year")]),
        # A fiscal year spans two calendar years: only its end is placed.
        ("For the year ended Sept. 30, it earned $422 million.", [("Sept. 30", "2025-09-30", "day")]),
        (
            "In the quarter ended July 31, it had 5.6 million shares.",
            [("the quarter", "2025-04", "quarter"), ("July 31", "2025-07-31", "day")],
        ),
        ("The summit is on April 24 and 25.", [("April 24", "2026-04-24", "day"), ("25", "2026-04-25", "day")]),
        ("Talks ran from March 3-5.", [("March 3", "2025-03-03", "day"), ("5", "2025-03-05", "day")]),
        ("Herbicide use was delayed earlier in the year by rain.", [("earlier in the year", "2025", "year")]),
        ("In 1988, when year-end net was lower", [("1988", "1988", "year"), ("year-end", "1988", "year")]),
        # "later in the day" is the day the story last named, not the day it was published
        ("He arrived in Philadelphia later in the day.", []),
    ],
)
def test_deadlines_year_ends_and_ranges(text: str, expected: list) -> None:
    assert resolved(text, NOVEMBER) == expected


def test_a_reports_period_named_by_its_year_or_as_the_latest() -> None:
    text = "Third-quarter profit rose 5%. The latest period included a gain. In the 1988 period, it earned $20 million."
    assert resolved(text, OCTOBER)[1:] == [
        ("The latest period", "2025-07", "quarter"),
        ("the 1988 period", "1988-07", "quarter"),
    ]
    assert resolved("The latest period included a gain.", OCTOBER) == []


# -- more of the clause: schedules, deadlines, starting points, and dates told in a story's past --

TUESDAY = dt.date(2026, 3, 10)
MAY = dt.date(2026, 5, 15)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Directors were likely to reject it as early as Tuesday.",
            dt.date(2026, 3, 2),
            [("Tuesday", "2026-03-03", "day")],
        ),
        (
            "The union has given the buyer until Friday to extend its guarantee.",
            TUESDAY,
            [("Friday", "2026-03-13", "day")],
        ),
        ("Until Thursday, they had not called him a suspect.", TUESDAY, [("Thursday", "2026-03-05", "day")]),
        (
            "The minister, who received union leaders in Brussels on Monday, is due to meet the fund's managing partner "
            "Olivier Ravanel and the company's chief executive Annelies Claeys on Thursday, her office said.",
            TUESDAY,
            [("on Monday", "2026-03-09", "day"), ("on Thursday", "2026-03-12", "day")],
        ),
        ("She listed the matter for a plea hearing on June 19.", MAY, [("June 19", "2026-06-19", "day")]),
        ("His contract with the team expires in December.", dt.date(2026, 4, 9), [("December", "2026-12", "month")]),
        (
            "He had agreed in February to join the French team from January.",
            dt.date(2026, 4, 10),
            [("February", "2026-02", "month"), ("January", "2027-01", "month")],
        ),
        ("He cancelled a scheduled inspection in September.", MAY, [("September", "2025-09", "month")]),
        (
            "The board said on Tuesday it would study the offer, after rejecting the first bid a week earlier.",
            TUESDAY,
            [("on Tuesday", "2026-03-10", "day"), ("a week earlier", "2026-03-03", "day")],
        ),
        (
            "The children were in hospital on the first of July.",
            dt.date(2026, 7, 9),
            [("the first of July", "2026-07-01", "day")],
        ),
        ("The boat capsized in 2024 has told a jury nothing.", MAY, [("2024", "2024", "year")]),
    ],
)
def test_clauses_that_point_the_other_way(text: str, published: dt.date, expected: list) -> None:
    assert resolved(text, published) == expected


def test_a_story_told_in_its_own_past_keeps_its_year() -> None:
    # A month said in the past tense beside a written date is that date's month, not this year's.
    assert resolved("The certificate expired on 31 August 2024 and he cancelled an inspection in September.", MAY) == [
        ("31 August 2024", "2024-08-31", "day"),
        ("September", "2024-09", "month"),
    ]
    # "that November", "that night": the written date the story gave just before.
    text = "The boat sank on 16 November 2024. The river had been running high that November after rain in October."
    assert resolved(text, MAY)[1:] == [("that November", "2024-11", "month"), ("October", "2024-10", "month")]
    assert resolved("The boat sank on 16 November 2024. Nobody slept that night.", MAY)[1:] == [
        ("that night", "2024-11-16", "day")
    ]


def test_what_the_held_out_strike_dossier_showed() -> None:
    friday = dt.date(2026, 5, 15)
    # A hearing set in the past for a date to come.
    assert resolved("The court has set a hearing for May 26, the union's lawyer said.", friday) == [
        ("May 26", "2026-05-26", "day")
    ]
    # A supposition is not a past event, and "into June" names a month.
    assert resolved("Output would be at risk if the strike ran into June, an analyst said.", friday) == [
        ("June", "2026-06", "month")
    ]
    # A present tense after "if": what follows is to come.
    later = dt.date(2026, 5, 22)
    assert resolved('"If the members say yes, we go back to work on Tuesday," he said.', later) == [
        ("on Tuesday", "2026-05-26", "day")
    ]
    # A deadline of a day a week away is this year's, whatever tense set it.
    assert resolved("The group has set a deadline of April 22 to pay.", dt.date(2026, 4, 16)) == [
        ("April 22", "2026-04-22", "day")
    ]
    # A plan that was due is a plan of the past.
    assert resolved("She was due to start her fourth round of chemotherapy on Tuesday.", dt.date(2026, 4, 17)) == [
        ("on Tuesday", "2026-04-14", "day")
    ]


def test_an_undated_article_takes_the_one_year_its_written_dates_name() -> None:
    text = "The meeting on Tuesday, April 21, 2026, was told the deadline expires on April 22 and a review is due in mid-May."
    found = {d.text: d.value for d in find_dates(text, None)}
    assert found["April 22"] == "2026-04-22" and found["mid-May"] == "2026-05"
    two_years = "It began on March 3, 2024 and ended on June 5, 2025; the report came on April 22."
    assert {d.text: d.value for d in find_dates(two_years, None)}["April 22"] is None


def test_what_the_held_out_air_crash_dossier_showed() -> None:
    wednesday = dt.date(2026, 11, 18)
    # "scheduled" after "last" describes the check; "had passed" tells the time.
    assert resolved("The aircraft had passed its last scheduled maintenance check on November 2.", wednesday) == [
        ("November 2", "2026-11-02", "day")
    ]
    # A possessive date names an event: "from Tuesday's overrun" is no start of anything.
    friday = dt.date(2026, 11, 20)
    assert resolved("The death toll from Tuesday's runway overrun rose to six.", friday) == [
        ("Tuesday", "2026-11-17", "day")
    ]
