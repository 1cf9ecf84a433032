"""Search as a user expects it: word forms, every spelling of a name, ranked hits and a total."""

from __future__ import annotations

import re

import pytest
from support.dossiers import text_of

from briefing.index import DocumentIndex

# Two articles on the same talks. The envoy's name is spelled two ways, the property and the
# flights are written in the singular in one and the plural in the other.
ARTICLE_A = """---
title: Talks on the embassies
date: 2025-03-02
source: Daily Ledger
---
Russia wants its properties back, and the other properties returned too.

The delegation was led by Alexander Darchiyev, a veteran diplomat.

Direct flights between the capitals were suspended years ago.

The talks lasted six hours.
"""
ARTICLE_B = """---
title: Envoy sets out demands
date: 2025-03-09
source: Wire Service
---
The envoy said one property in Maryland mattered most.

Alexander Darchiev told reporters the talks were useful.

Darchiev said a flight to Moscow would be a good start.

The talks will go on, and more talks are planned for the spring.

Emperor Alexander the First built the old residence, the guide recalled.
"""


@pytest.fixture
def talks(make_dossier) -> DocumentIndex:
    """The two articles above, indexed."""
    return make_dossier({"a.md": ARTICLE_A, "b.md": ARTICLE_B})


def article_id(index: DocumentIndex, title: str) -> int:
    return next(a.id for a in index.articles if a.title == title)


def sentence_text(index: DocumentIndex, hit) -> str:
    return text_of(index, hit.article, hit.start, hit.end)


def marked(index: DocumentIndex, hit) -> list[str]:
    return [text_of(index, hit.article, s, e) for s, e in hit.matches]


def test_a_word_finds_its_other_forms_and_the_form_typed_ranks_first(talks) -> None:
    a, b = article_id(talks, "Talks on the embassies"), article_id(talks, "Envoy sets out demands")
    results = talks.search("property")
    # One sentence says "property", one says "properties" twice.
    assert results.total == 2
    first, second = results.hits
    assert first.article == b and marked(talks, first) == ["property"]
    assert second.article == a and marked(talks, second) == ["properties", "properties"]
    plural = talks.search("properties")
    assert [h.article for h in plural.hits] == [a, b]
    flights = talks.search("flight")
    assert sorted(marked(talks, h)[0] for h in flights.hits) == ["flight", "flights"]
    assert flights.hits[0].article == b


def test_phrases_match_the_form_typed_and_prefixes_still_work(talks) -> None:
    phrase = talks.search('"direct flights"')
    assert phrase.total == 1 and marked(talks, phrase.hits[0]) == ["Direct flights"]
    assert talks.search('"direct flight"').total == 0
    prefix = talks.search("propert*")
    assert sorted(w for h in prefix.hits for w in marked(talks, h)) == ["properties", "properties", "property"]


def test_a_name_finds_every_spelling_of_its_entity(talks) -> None:
    person = next(e for e in talks.entities if {"Alexander Darchiyev", "Darchiev"} <= {e.name, *e.aliases})
    spelled = {(m.article, talks.article(m.article).sentence_at(m.start).index) for m in person.mentions}
    a = article_id(talks, "Talks on the embassies")
    for query in ("Darchiev", "darchiyev", '"Alexander Darchiev"', "Alexander Darchiev"):
        results = talks.search(query)
        # Every sentence that mentions him, and no other: not the emperor's "Alexander".
        assert {(h.article, h.sentence) for h in results.hits} == spelled, query
        assert results.total == len(spelled) == 3
    hits = talks.search("Darchiev").hits
    # Article a only ever writes "Darchiyev": its sentence is found, marked where the name stands,
    # and ranks after the sentences that spell it as typed.
    assert hits[-1].article == a and marked(talks, hits[-1]) == ["Alexander Darchiyev"]
    assert all("Darchiev" in sentence_text(talks, h) for h in hits[:-1])
    # The mention's span is the mark, not the word inside it as well.
    full = next(h for h in hits if "Alexander Darchiev" in sentence_text(talks, h))
    assert marked(talks, full) == ["Alexander Darchiev"]


def test_the_total_counts_every_matching_sentence_beyond_the_limit(talks) -> None:
    # "talks" stands in two sentences of b and one of a (titles are not searched).
    results = talks.search("talks", limit=2)
    assert results.total == 3 and len(results.hits) == 2
    assert all(h.score > 0 for h in results.hits)
    everything = talks.search("talks", limit=50)
    assert len(everything.hits) == everything.total == 3
    # The sentence that says it twice ranks first.
    assert marked(talks, everything.hits[0]) == ["talks", "talks"]
    assert results.hits == everything.hits[:2]


def test_sentences_holding_more_of_the_query_come_first(talks) -> None:
    results = talks.search("darchiev flight")
    top = sentence_text(talks, results.hits[0])
    assert "Darchiev" in top and "flight" in top
    # Every sentence that holds either part is counted: three name him, two speak of flights,
    # one does both.
    assert results.total == 3 + 2 - 1


def test_seeds_darchiev_finds_the_articles_that_spell_it_darchiyev(seeds) -> None:
    name = re.compile(r"\bDarchi(?:y)?ev\b")
    expected = {
        (article.id, sentence.index)
        for article in seeds.articles
        for sentence in article.sentences
        if name.search(article.text, sentence.start, sentence.end)
    }
    only_long = {a.id for a in seeds.articles if "Darchiyev" in a.text and "Darchiev" not in a.text}
    assert only_long
    results = seeds.search("Darchiev", limit=200)
    assert {(h.article, h.sentence) for h in results.hits} == expected and results.total == len(expected)
    assert only_long <= {h.article for h in results.hits}
    as_typed = ["Darchiev" in sentence_text(seeds, h) for h in results.hits]
    assert as_typed == sorted(as_typed, reverse=True)  # the spelling typed ranks first
