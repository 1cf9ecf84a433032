"""Title, date, source and URL from what a file shows, never invented."""

from __future__ import annotations

import os

from briefing.ingest.metadata import derived_title, outlet_for_url

BODY = "Delegates from both shores agreed on new fishing quotas after three days of talks in the lakeside town, officials said."


def test_headline_and_date_line_at_the_top(make_dossier) -> None:
    index = make_dossier({"a.txt": f"Lake Talks End With Quota Deal\n\nJune 1, 2024\n\n{BODY}\n"})
    article = index.articles[0]
    assert (article.title, article.title_derived) == ("Lake Talks End With Quota Deal", False)
    assert article.published.isoformat() == "2024-06-01" and article.published_from == "date line"
    assert "June 1, 2024" not in article.text and "Lake Talks End" not in article.text


def test_no_headline_gives_a_derived_title_marked_as_such(make_dossier) -> None:
    index = make_dossier({"a.txt": f"On June 1, 2024, {BODY[0].lower()}{BODY[1:]}\n"})
    article = index.articles[0]
    assert article.title_derived
    assert article.title.startswith("Delegates from both shores agreed")
    assert article.published.isoformat() == "2024-06-01" and article.published_from == "opening sentence"


def test_an_opening_sentence_dates_the_report_only_when_it_says_today_or_opens_with_it(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": "The bells of Senigallia's cathedral began to ring at ten this morning, Wednesday 21 October 2026, "
            "and by then the square outside was already full.\n",
            "b.txt": "More than 300 people packed the Hanover Civic Centre on Tuesday, April 21, 2026, for the first "
            "public meeting since the attack.\n",
        }
    )
    dates = {
        a.path.rsplit("/", 1)[-1]: (a.published and a.published.isoformat(), a.published_from) for a in index.articles
    }
    assert dates == {"a.txt": ("2026-10-21", "opening sentence"), "b.txt": (None, None)}


def test_an_article_without_a_date_stays_undated_whatever_its_mtime(make_dossier, tmp_path) -> None:
    index = make_dossier({"a.txt": f"Quota Deal Reached\n\n{BODY}\n"})
    os.utime(tmp_path / "a.txt", (1_700_000_000, 1_700_000_000))
    index = make_dossier({})
    assert index.articles[0].published is None


def test_source_from_url_line_and_from_masthead(make_dossier) -> None:
    index = make_dossier(
        {
            "a.txt": f"Quota Deal Reached\n\n{BODY}\n\nOriginal url:\n\n<https://www.reuters.com/world/quota-deal>\n",
            "b.txt": f"Support The Lakeside Courier!\n\nQuota Deal Questioned\n\n{BODY}\n",
        }
    )
    by_title = {a.title: a for a in index.articles}
    assert by_title["Quota Deal Reached"].source == "Reuters"
    assert by_title["Quota Deal Reached"].url == "https://www.reuters.com/world/quota-deal"
    assert "reuters.com" not in by_title["Quota Deal Reached"].text
    assert by_title["Quota Deal Questioned"].source == "The Lakeside Courier"


def test_unknown_sites_are_named_by_their_host() -> None:
    assert outlet_for_url("https://www.themoscowtimes.com/2025/02/28/x") == "The Moscow Times"
    assert outlet_for_url("https://news.lakeside.example/a") == "news.lakeside.example"


def test_derived_title_drops_scene_setting_clause() -> None:
    assert derived_title("For the first time in years, the two towns say they are close to a deal on fishing.") == (
        "The two towns say they are close to a deal on fishing"
    )


def test_seed_metadata(seeds) -> None:
    by_path = {os.path.basename(a.path): a for a in seeds.articles}
    assert by_path["000_cd79d9d8e2c7d09d.txt"].source == "The Moscow Times"
    assert by_path["002_7847c2619f8718c2.txt"].source == "The Moscow Times"  # from its masthead
    assert by_path["002_7847c2619f8718c2.txt"].published is None
    assert by_path["003_5b913e3cde1239e1.txt"].title_derived and by_path["003_5b913e3cde1239e1.txt"].published is None
    assert by_path["004_3a7e5b98582fc56f.txt"].published.isoformat() == "2025-04-10"  # a lede that opens with its date
    assert [a.published is None for a in seeds.articles] == [False, False, False, True, True]  # undated last
