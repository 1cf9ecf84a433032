"""The timeline's ranking of events that move a story, its summaries, and the dossier title."""

from __future__ import annotations

import datetime as dt

from support.dossiers import index_of

from briefing.analysis.story import derive_title
from briefing.analysis.timeline import most_salient
from briefing.model import Article, Entity, Mention
from briefing.views.brief import _timeline


def story(headline: str, date: str, *paragraphs: str) -> str:
    """A plain-text article: headline, date line, paragraphs."""
    return f"{headline}\n\n{date}\n\n" + "\n\n".join(paragraphs) + "\n"


def dossier_in(folder, **files: str):
    """The index of a fresh folder holding `files`: one dossier of several a test compares."""
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return index_of(folder)


def event_on(index, value: str, precision: str = "day"):
    return next(e for e in index.events if e.date == value and e.precision == precision)


def test_a_sentence_that_says_something_happened_outranks_a_passing_mention(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": story(
                "Harbour news",
                "March 8, 2024",
                "Ferries ran as usual this week.",
                "The weather was mild and dry on Tuesday.",
                "The union rejected the port authority's offer on Monday.",
            )
        }
    )
    monday, tuesday = event_on(index, "2024-03-04"), event_on(index, "2024-03-05")
    assert monday.salience > tuesday.salience
    assert [e.date for e in most_salient(index.events, 1)] == ["2024-03-04"]


def test_a_span_edge_is_background_not_the_time_of_the_sentence(tmp_path) -> None:
    since = dossier_in(
        tmp_path / "since", a=story("Plant", "March 8, 2024", "x.", "The plant has been closed since 2021.")
    )
    dated = dossier_in(tmp_path / "in", a=story("Plant", "March 8, 2024", "x.", "The plant was closed in 2021."))
    assert event_on(since, "2021", "year").salience < event_on(dated, "2021", "year").salience


def test_background_years_come_only_when_nothing_better_is_left(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": story(
                "Harbour news",
                "March 8, 2024",
                "Ferries ran as usual.",
                "The harbour has been busy since 2019.",
                "Dockers walked out on Tuesday.",
            )
        }
    )
    assert [e.date for e in most_salient(index.events, 1)] == ["2024-03-05"]
    assert [e.date for e in most_salient(index.events, 5)] == ["2019", "2024-03-05"]


def test_more_outlets_reporting_a_date_make_it_more_salient(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": story("Harbour news", "March 8, 2024", "x.", "Dockers walked out on Tuesday."),
            "b.txt": story("Port news", "March 8, 2024", "x.", "Dockers went on strike on Tuesday."),
            "c.txt": story("Quay news", "March 8, 2024", "x.", "The ferry was cancelled on Wednesday."),
        }
    )
    assert event_on(index, "2024-03-05").salience > event_on(index, "2024-03-06").salience


def test_the_date_a_thing_was_said_yields_to_the_date_it_will_happen(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": story(
                "Harbour news",
                "March 8, 2024",
                "x.",
                "Dockers will vote on Monday on the new pay offer, union leaders said on Thursday.",
            )
        }
    )
    assert event_on(index, "2024-03-11").salience > event_on(index, "2024-03-07").salience
    assert [e.date for e in most_salient(index.events, 1)] == ["2024-03-11"]


def test_a_dateline_is_no_event_but_a_lead_that_echoes_its_headline_reports_its_day(tmp_path) -> None:
    index = dossier_in(
        tmp_path / "undated-lead",
        a=story(
            "Dockers walk out at Oslo port",
            "March 4, 2024",
            "OSLO, March 4 (Reuters) - Dockers walked out at the Oslo port, halting all traffic.",
        ),
    )
    day = event_on(index, "2024-03-04")
    assert "walked out" in day.summary
    dated_lead = dossier_in(
        tmp_path / "dated-lead",
        a=story(
            "Ferry strike",
            "March 8, 2024",
            "OSLO, March 8 (Reuters) - Ferry crews walked out on Tuesday.",
        ),
    )
    assert [e.date for e in dated_lead.events] == ["2024-03-05"]  # the dateline's own day is no event
    # Summary bullets above the dateline do not make it part of the story.
    bulleted = dossier_in(
        tmp_path / "bulleted-lead",
        a=story(
            "Ferry strike",
            "March 8, 2024",
            "* Crews walk out\n\n* Sailings cancelled\n\nOSLO, March 8 (Reuters) - Ferry crews walked out on Tuesday.",
        ),
    )
    assert [e.date for e in bulleted.events] == ["2024-03-05"]


def test_the_summary_is_the_briefer_report_in_whole_clauses(tmp_path) -> None:
    long = (
        "Dockers walked out on Tuesday at the container terminal on the northern quay of the harbour, "
        "which handles most of the country's imports of grain and timber and employs about four thousand people"
    )
    index = dossier_in(
        tmp_path / "two",
        a=story("Harbour news", "March 8, 2024", "x.", long + "."),
        b=story("Port news", "March 8, 2024", "x.", "Dockers walked out on Tuesday."),
    )
    tuesday = event_on(index, "2024-03-05")
    assert tuesday.summary == "Dockers walked out on Tuesday."
    alone = dossier_in(tmp_path / "one", a=story("Harbour news", "March 8, 2024", "x.", long + "."))
    summary = event_on(alone, "2024-03-05").summary
    assert "\u2026" not in summary and summary.rstrip(".") in long


def test_a_summary_that_leans_on_the_sentence_before_gives_way(tmp_path) -> None:
    index = dossier_in(
        tmp_path / "two",
        a=story("Harbour news", "March 8, 2024", "x.", "It collapsed on Tuesday."),
        b=story(
            "Port news", "March 8, 2024", "x.", "A crane at the north quay collapsed on Tuesday, injuring a docker."
        ),
    )
    assert event_on(index, "2024-03-05").summary.startswith("A crane at the north quay")


def test_the_brief_shows_the_cores_most_salient_events_oldest_first(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": story(
                "Harbour news",
                "March 8, 2024",
                "x.",
                "The harbour has been busy since 2019.",
                "Dockers walked out on Tuesday.",
                "The union rejected the offer on Monday.",
            )
        }
    )
    shown = _timeline(index.events, 2)
    assert shown == most_salient(index.events, 2)
    assert [e.date for e in shown] == sorted(e.date for e in shown)


# -- the dossier title ------------------------------------------------------------------------


def article(number: int, headline: str, text: str = "", derived: bool = False) -> Article:
    return Article(
        id=number,
        path=f"{number}.txt",
        title=headline,
        title_derived=derived,
        source=None,
        url=None,
        published=dt.date(2024, 3, 4),
        published_from=None,
        text=text,
        paragraphs=(),
        sentences=(),
        removed=(),
    )


def place(name: str, *aliases: str) -> Entity:
    return Entity(
        id=name.lower(), name=name, kind="place", aliases=aliases, roles=(), mentions=(Mention(1, 0, len(name)),)
    )


def test_the_title_names_the_event_and_where_the_headlines_place_it() -> None:
    articles = (
        article(1, "Dockers strike at Oslo port over automation", "The strike began on Tuesday."),
        article(2, "Oslo strike enters its second day", "The strike continued."),
        article(3, "Shipping lines divert cargo as Oslo port strike drags on", "The strike hit exports."),
    )
    title = derive_title(articles, (place("Oslo"),))
    assert title.startswith("Oslo") and "strike" in title and len(title.split()) <= 8
    assert " and " not in title  # not a list of names


def test_a_counted_noun_is_not_the_topic() -> None:
    articles = tuple(
        article(n, h, "The votes were counted again and the recount went on.")
        for n, h in enumerate(
            (
                "Candidate wins by 38 votes",
                "Thirty-eight votes decide the seat",
                "Loser challenges 38 votes margin",
                "Court to hear recount plea",
            ),
            1,
        )
    )
    assert "recount" in derive_title(articles, ()).lower()
    assert "votes" not in derive_title(articles, ()).lower()


def test_title_case_headlines_give_a_title_too() -> None:
    articles = (
        article(1, "Oslo Ferry Strike Halts Traffic", "the ferry strike went on."),
        article(2, "Ferry Strike Enters Second Day In Oslo", "the ferry strike went on."),
    )
    assert derive_title(articles, (place("Oslo"),)) == "Oslo ferry strike"


def test_a_dossier_with_nothing_to_name_it_is_a_briefing() -> None:
    assert derive_title((article(1, "Untitled text", derived=True),), ()) == "Briefing"
    assert derive_title((), ()) == "Briefing"
