"""The one-page brief: pinned for the seeds, within a page, valid Markdown, text kept literal."""

from __future__ import annotations

import os

from markdown_it import MarkdownIt
from support.dossiers import TESTS

from briefing.views.brief import MAX_WORDS, brief_words, default_filename, md_escape, render_brief

GOLDEN = TESTS / "golden" / "seeds-brief.md"


def test_seed_brief_matches_the_reviewed_golden_file(seeds) -> None:
    brief = render_brief(seeds)
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        GOLDEN.write_text(brief, encoding="utf-8")
    assert brief == GOLDEN.read_text(encoding="utf-8")


def sections(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]


def test_brief_has_every_section_and_fits_one_page(seeds, openai_dossier, quake_dossier) -> None:
    brief = render_brief(seeds)
    assert sections(brief) == [
        "Bottom line",
        "Key facts",
        "Open issues",
        "Timeline",
        "People",
        "Where sources differ",
        "Sources",
    ]
    for index in (seeds, openai_dossier, quake_dossier):
        assert brief_words(render_brief(index)) <= MAX_WORDS


def test_brief_parses_as_markdown_with_a_table_of_issues(seeds) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(render_brief(seeds))
    cells = [t.content for t in tokens if t.type == "inline"]
    assert any(t.type == "table_open" for t in tokens)
    for name in ("properties", "flights", "banking", "staffing"):
        assert name in cells


def test_brief_content_an_analyst_needs(seeds) -> None:
    brief = render_brief(seeds)
    assert "Darchiyev" in brief and "Darchiev" in brief  # one person, both spellings
    assert "27 Feb 2025" in brief and "10 Apr 2025" in brief  # both rounds dated
    assert "over six hours" in brief and "around 5-6 hours" in brief  # differing figures flagged
    for boilerplate in ("newsletter", "Remind me later", "Read next", "pic.twitter", "Leave a comment"):
        assert boilerplate not in brief


def test_markup_in_articles_stays_literal(make_dossier) -> None:
    story = (
        "Markup Test Story\n\nMarch 4, 2024\n\n"
        "The council said [bold]y[/bold] and [@click=app.quit]x[/] were typed by a *prankster* with a <script>tag</script>. "
        "The council also said the | pipe and # hash were harmless according to officials in Geneva.\n"
    )
    index = make_dossier({"a.txt": story, "b.txt": story.replace("Markup Test Story", "Markup Story Again")})
    brief = render_brief(index)
    tokens = MarkdownIt("commonmark").enable("table").parse(brief)
    html = MarkdownIt("commonmark").enable("table").render(brief)
    assert "<script>" not in html and "<em>prankster</em>" not in html
    texts = "".join(c.content for t in tokens if t.type == "inline" for c in (t.children or []) if c.type == "text")
    assert "[bold]y[/bold]" in texts or "[bold]y[/bold]" in brief.replace("\\", "")


def test_md_escape_and_filename(seeds) -> None:
    assert md_escape("a*b_[c]|d") == "a\\*b\\_\\[c\\]\\|d"
    import datetime as dt

    assert default_filename(seeds, dt.date(2026, 1, 2)) == "us-russia-embassy-talks-in-istanbul-2026-01-02.md"


def test_a_large_dossier_still_fits_one_page_with_capped_citations(make_dossier) -> None:
    files = {}
    for n in range(40):
        day = n % 27 + 1
        files[f"{n:02d}.txt"] = (
            f"Harbour Strike Day {n}\n\nMarch {day}, 2024\n\n"
            f"Dock workers in Rotterdam continued the harbour strike on Monday, the union said. "
            f"On February {day}, 2024, talks between the union and the port operator collapsed after {n + 2} hours. "
            f"The operator said about {100 + n} ships were waiting outside the port on March {day}, 2024.\n"
        )
    index = make_dossier(files)
    brief = render_brief(index)
    assert brief_words(brief) <= MAX_WORDS
    assert "+35 more" in brief or "more" in brief  # a fact 40 articles make is not cited forty times
    assert max(line.count("][") for line in brief.splitlines()) <= 4


def test_syndicated_copy_is_not_quoted_twice_in_the_bottom_line(make_dossier) -> None:
    lead = "The Harbour Council in Rotterdam said the port strike would end on Friday after talks with the union."
    index = make_dossier(
        {
            "a.txt": f"Port strike to end\n\nMarch 4, 2024\n\n{lead} Ships waited outside the port all week.\n",
            "b.txt": f"Strike ends Friday\n\nMarch 5, 2024\n\n{lead} Dock workers said 280 ships were still "
            "waiting outside the port on Tuesday.\n",
        }
    )
    bottom = render_brief(index).split("## Bottom line\n", 1)[1].split("\n## ", 1)[0]
    assert bottom.count("would end on Friday") == 1
    assert "Latest (5 Mar 2024): Dock workers said 280 ships" in bottom  # the newest article's own news
