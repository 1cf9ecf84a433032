"""The brief's length: whole sentences only, shortened by choosing, never by cutting (issue 12)."""

from __future__ import annotations

import pytest

from briefing.cli import main
from briefing.views.brief import (
    MIN_WORDS,
    _also_involved,
    _leading_sentences,
    _stands_alone,
    _Story,
    brief_words,
    render_brief,
)


def body(brief: str) -> str:
    """Everything above the Sources list, where no sentence may be cut."""
    return brief.split("\n## Sources", 1)[0]


def crash_dossier(make_dossier):
    """Three reports of one ferry grounding; each fact is told in a long and in a short sentence."""
    long_toll = (
        "Five people were killed and 27 injured when a passenger ferry carrying 64 people ran aground on "
        "the reef outside the island harbour during a heavy storm on Tuesday evening, police and airport "
        "officials said in a statement released late at night after the rescue had ended"
    )
    return make_dossier(
        {
            "a.txt": "Ferry runs aground\n\nMarch 4, 2026\n\n"
            f"{long_toll}. The Maritime Safety Board said it had recovered the voyage data recorder on Wednesday. "
            "The Seafarers Guild said crews had worked too many hours in the weeks before the grounding.\n",
            "b.txt": "Data recorder found after grounding\n\nMarch 5, 2026\n\n"
            "HARBOURTON, March 5 (Wire) - Five people were killed when the ferry ran aground. "
            "She said the Maritime Safety Board had recovered the voyage data recorder on Wednesday. "
            "The Seafarers Guild said crews had worked too many hours before the grounding.\n",
            "c.txt": "Ferry inquiry opens\n\nMarch 6, 2026\n\n"
            "The Maritime Safety Board recovered the voyage data recorder on Wednesday, the board said. "
            "Five people were killed when the ferry ran aground on Tuesday. "
            "The Seafarers Guild said crews had worked too many hours.\n",
        }
    )


def test_no_sentence_is_cut_at_any_length(make_dossier, seeds) -> None:
    for index in (crash_dossier(make_dossier), seeds):
        for words in (MIN_WORDS, 300, 600):
            brief = render_brief(index, words=words)
            assert "\u2026" not in body(brief)
            assert brief_words(brief) <= words


def test_a_key_fact_is_quoted_in_its_shortest_clear_sentence(make_dossier) -> None:
    brief = render_brief(crash_dossier(make_dossier))
    # The long wording of the toll is left to the app; "She said ..." leans on the sentence before.
    assert "Five people were killed when the ferry ran aground" in brief
    assert "She said the Maritime Safety Board" not in brief
    assert "after the rescue had ended" not in body(brief)


def test_a_wire_dateline_is_not_quoted(make_dossier) -> None:
    assert "HARBOURTON, March 5 (Wire)" not in body(render_brief(crash_dossier(make_dossier)))


def test_what_leans_on_the_sentence_before_does_not_stand_alone() -> None:
    assert _stands_alone("The board rejected the offer on Tuesday.")
    assert not _stands_alone("She said the board had rejected the offer.")
    assert not _stands_alone("They cannot wait,\u201d said the chair.")
    assert not _stands_alone("The union \u201craised concerns about the plan.")
    assert not _stands_alone("and the board rejected it.")


def test_the_story_weighs_figures_and_phrases_across_spellings() -> None:
    words = _Story.words("Six people lost jobs; the interest rate rose within 30 days.")
    assert "n:6" in words and "n:30" in words  # "six" and "6" are one figure
    assert "p:interest rate" in words  # a phrase the articles share names a thing of the story


def test_a_shortened_section_says_how_many_more_the_app_holds(seeds) -> None:
    brief = render_brief(seeds, words=350)
    assert (
        "more key facts in the app and `briefing json`." in brief
        or "key facts" in brief.split("No room on this page for", 1)[-1]
    )
    shortest = render_brief(seeds, words=MIN_WORDS)
    assert "No room on this page for" in shortest and "the app and `briefing json` hold them" in shortest
    assert "## Bottom line" in shortest and "## Sources" in shortest


def test_the_issues_a_dossier_configures_stay_while_other_lists_give_way(seeds) -> None:
    configured = [issue.name for issue in seeds.issues if not issue.proposed]
    assert len(configured) == 4
    brief = render_brief(seeds)
    table = brief.split("## Open issues", 1)[1].split("\n## ", 1)[0]
    assert all(f"| {name} |" in table for name in configured)
    assert "more key facts in the app" in brief  # the key facts were shortened, the analyst's issues were not


def test_the_bottom_line_names_organisations_its_sentences_leave_out(make_dossier) -> None:
    index = crash_dossier(make_dossier)
    involved = _also_involved(index, set())
    assert involved.startswith("Also involved: ") and "Maritime Safety Board" in involved
    named = {"e:" + e.id for e in index.entities if e.name == "Maritime Safety Board"}
    assert "Maritime Safety Board" not in _also_involved(index, named)


def test_a_long_note_keeps_whole_sentences() -> None:
    note = "Check the toll with the police. " * 12
    kept = _leading_sentences(note, 20)
    assert kept.endswith("police. (continued in briefing)") and "\u2026" not in kept
    assert _leading_sentences("Short note.", 20) == "Short note."


def test_export_words_sets_the_length(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--no-state", "--words", "250", "-o", "-"]) == 0
    assert brief_words(capsys.readouterr().out) <= 250


@pytest.mark.parametrize("words", ["100", "lots"])
def test_export_words_below_the_minimum_is_one_clear_line(words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--no-state", "--words", words, "-o", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1 and "--words" in captured.err
