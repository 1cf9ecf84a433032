"""Boilerplate removal from general evidence, on text written for these tests."""

from __future__ import annotations

from briefing.ingest.clean import clean_lines, strip_inline_markdown

STORY = [
    "Harbour workers began a strike on Tuesday, halting container traffic at the port for the first time in a decade.",
    "The union said the stoppage would last until the operator agreed to reopen wage talks with its members.",
    "The operator said it regretted the action and remained open to dialogue with the union leadership.",
]


def kept(lines: list[str]) -> list[str]:
    return [text for text, _ in clean_lines(lines, set()).paragraphs]


def test_story_lines_are_kept_untouched() -> None:
    assert kept(STORY) == STORY


def test_donation_appeal_after_the_story_is_removed() -> None:
    appeal = [
        "Support independent journalism",
        "Dear readers,",
        "We rely on your contributions to keep our reporting free for everyone who needs it.",
        "Your support, however small, makes a real difference to our work.",
        "Monthly",
        "Annual",
        "Remind me later.",
    ]
    result = clean_lines(STORY + appeal, set())
    assert [t for t, _ in result.paragraphs] == STORY
    assert len(result.removed) == len(appeal)
    assert all(r.reason in ("donation appeal", "call to action") for r in result.removed)


def test_read_next_block_with_timestamps_is_removed() -> None:
    block = [
        "Read next",
        "09:12",
        "Storm Warning",
        "Heavy rain is expected across the north of the country tonight, forecasters said.",
        "14:40",
        "Markets close higher as energy shares rally in late trading.",
        "What is your opinion on this topic?",
    ]
    result = clean_lines(STORY + block, set())
    assert [t for t, _ in result.paragraphs] == STORY
    assert {r.reason for r in result.removed} >= {"read-next or related block"}


def test_single_furniture_lines_inside_the_story_are_removed() -> None:
    lines = [
        STORY[0],
        "Related article: Ten ports to watch this year",
        STORY[1],
        "\U0001f4f9 Workers gather at the gate pic.twitter.com/abc123",
        "\u2014 Port Union (@portunion) March 4, 2024",
        STORY[2],
    ]
    result = clean_lines(lines, set())
    assert [t for t, _ in result.paragraphs] == STORY
    assert [r.reason for r in result.removed] == ["related-article link", "social-media embed", "social-media embed"]


def test_photo_credit_under_the_headline_is_removed() -> None:
    lines = ["Cranes stand idle at the container terminal. Jane Roe / PORTPRESS", *STORY]
    result = clean_lines(lines, set())
    assert [t for t, _ in result.paragraphs] == STORY
    assert result.removed[0].reason == "photo caption or credit"


def test_a_sentence_split_across_paragraphs_is_mended() -> None:
    lines = [
        "The union demanded higher wages, shorter shifts and, as",
        "",
        "well as that, a pension review for older staff.",
        STORY[1],
    ]
    assert kept(lines) == [
        "The union demanded higher wages, shorter shifts and, as well as that, a pension review for older staff.",
        STORY[1],
    ]


def test_hard_wrapped_prose_is_joined_into_paragraphs() -> None:
    lines = [
        "Harbour workers began a strike on Tuesday, halting container traffic",
        "at the port for the first time in a decade, the union said.",
        "",
        "The union said the stoppage would last until the operator agreed to",
        "reopen wage talks with its members, who have not had a rise since 2019.",
        "",
    ]
    assert len(kept(lines)) == 2


def test_a_story_that_mentions_newsletters_is_not_cut() -> None:
    lines = [
        STORY[0],
        "The union's newsletter urged members to stay home and wait for instructions from the strike committee.",
        *STORY[1:],
    ]
    assert kept(lines) == lines


def test_inline_markdown_is_reduced_to_text() -> None:
    assert strip_inline_markdown(
        "the State Department [said](#) in a **statement** on *Monday* <https://x.example/a>"
    ) == ("the State Department said in a statement on Monday https://x.example/a")
    assert strip_inline_markdown("snake_case_name stays") == "snake_case_name stays"
