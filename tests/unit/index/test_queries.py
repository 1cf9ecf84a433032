"""What the views ask of the index: an issue by name, coverage over time, each article's
issues, and the window of a search hit worth showing."""

from __future__ import annotations

from briefing.index import DocumentIndex
from briefing.index.queries import coverage_histogram, hit_snippet, issues_by_article
from briefing.model import SearchHit


def test_an_issue_is_found_by_its_name_and_a_missing_one_is_none(seeds: DocumentIndex) -> None:
    assert seeds.issues
    for issue in seeds.issues:
        assert seeds.issue_named(issue.name) is issue
    assert seeds.issue_named("no such issue") is None


def test_each_article_lists_the_issues_it_is_part_of_in_issue_order(seeds: DocumentIndex) -> None:
    names = issues_by_article(seeds)
    order = [issue.name for issue in seeds.issues]
    assert names
    for article in seeds.articles:
        expected = [issue.name for issue in seeds.issues if article.id in issue.articles]
        assert names.get(article.id, []) == expected
        assert expected == sorted(expected, key=order.index)


def test_coverage_counts_every_dated_article_once_from_first_to_last_day(make_dossier) -> None:
    dated = {"2025-03-01": 2, "2025-03-03": 1, "2025-03-10": 3}
    files = {}
    for day, count in dated.items():
        for n in range(count):
            files[f"{day}-{n}.md"] = (
                f"---\ntitle: Talks {day} {n}\ndate: {day}\n---\nOfficials met again on the matter.\n"
            )
    files["undated.md"] = "---\ntitle: Undated\n---\nOfficials met again on the matter.\n"
    counts = coverage_histogram(make_dossier(files))
    assert len(counts) == 10  # one bar a day from 1 to 10 March
    assert (counts[0], counts[2], counts[9]) == (2, 1, 3)
    assert sum(counts) == 6  # the undated article is in no bar


def test_a_long_span_is_grouped_into_at_most_the_buckets_asked_for(seeds: DocumentIndex) -> None:
    dated = sum(1 for a in seeds.articles if a.published)
    counts = coverage_histogram(seeds, buckets=3)
    assert 0 < len(counts) <= 3 and sum(counts) == dated


def test_no_dated_article_gives_no_coverage(make_dossier) -> None:
    index = make_dossier({"a.md": "---\ntitle: Undated\n---\nOfficials met again on the matter.\n"})
    assert coverage_histogram(index) == []


def test_a_snippet_is_cut_around_the_first_match_and_keeps_its_matches(make_dossier) -> None:
    words = [f"w{n}" for n in range(60)]
    index = make_dossier({"a.md": "---\ntitle: Long\n---\n" + " ".join(words) + ".\n"})
    article = index.article(1)
    start = article.text.index("w30")
    sentence = article.sentence_at(start)
    assert sentence is not None
    later = article.text.index("w40")
    outside = article.text.index("w55")
    hit = SearchHit(
        1,
        sentence.index,
        sentence.start,
        sentence.end,
        ((start, start + 3), (later, later + 3), (outside, outside + 3)),
        1.0,
    )
    snippet = hit_snippet(index, hit)
    assert snippet.text.startswith("\u2026w22 ") and snippet.text.endswith(" w51\u2026")
    assert [snippet.text[s:e] for s, e in snippet.matches] == ["w30", "w40"]  # w55 is past the window


def test_a_short_sentence_is_shown_whole(seeds: DocumentIndex) -> None:
    hit = next(
        h for h in seeds.search("embassy").hits if len(seeds.article(h.article).text[h.start : h.end].split()) < 20
    )
    snippet = hit_snippet(seeds, hit)
    assert snippet.text == seeds.article(hit.article).text[hit.start : hit.end]
    assert all(snippet.text[s:e].lower().startswith("embass") for s, e in snippet.matches)
