"""Arbitrary text through the whole pipeline: no exception, every offset in range and honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.index import build_index
from briefing.ingest.dossier import Dossier, _article, _draft
from briefing.ingest.load import RawDocument, UnreadableFile
from briefing.language.text import sanitize
from briefing.model import DossierConfig
from briefing.views.brief import render_brief

WORDS = st.sampled_from(
    [
        "Moscow",
        "said",
        "the",
        "on",
        "Thursday",
        "talks",
        "U.S.",
        "Russia's",
        "February 27, 2025",
        "six",
        "hours",
        "Sergei Lavrov",
        "Foreign Minister",
        "\n",
        "\n\n",
        ".",
        ",",
        "\u201c",
        "\u201d",
        "Read more",
        "2016",
        "[b]x[/b]",
        "*",
        "#",
    ]
)
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


def index_from(texts: list[str]):
    drafts = []
    for number, text in enumerate(texts):
        clean = sanitize(text)
        try:
            drafts.append(_draft(RawDocument(f"doc{number}.txt", "text", clean.split("\n"))))
        except UnreadableFile:
            continue
    articles = tuple(_article(d, n) for n, d in enumerate(drafts, start=1))
    return build_index(Dossier(articles, (), DossierConfig()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_any_text_indexes_with_honest_offsets(texts: list[str]) -> None:
    index = index_from(texts)
    for article in index.articles:
        assert all(0 <= s.start < s.end <= len(article.text) for s in article.sentences)
        assert not any(ch in article.text for ch in "\x1b\x07\r\u202e")
    for entity in index.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(index.article(m.article).text)
    for date in index.dates:
        assert index.article(date.article).text[date.start : date.end] == date.text
    for open_issue in index.issues:
        for m in open_issue.mentions:
            assert 0 <= m.start < m.end <= len(index.article(m.article).text)
    assert render_brief(index) == render_brief(index_from(texts))  # deterministic


LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Read more",
                "Sign up for our newsletter",
                "10:46",
                "Leave a comment",
                "",
                "Dear readers,",
                "Photo: Jane Roe / AGENCY",
                "\u2014 Someone (@someone) March 4, 2024",
                "Related: other story",
                "Officials met in Geneva on Monday to discuss the treaty, the ministry said.",
                "The talks will resume next week after both sides agreed on a new timetable.",
                "A short heading",
                "and a lower-case continuation of the sentence.",
            ]
        ),
        st.text(max_size=80),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_cleaning_is_idempotent(lines: list[str]) -> None:
    from briefing.ingest.clean import clean_lines

    lines = [sanitize(line).replace("\n", " ") for line in lines]
    once = clean_lines(lines, set()).paragraphs
    texts = [text for text, _ in once]
    twice = clean_lines(texts, set()).paragraphs
    assert [text for text, _ in twice] == texts
