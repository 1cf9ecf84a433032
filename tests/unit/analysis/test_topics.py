"""Open issues proposed without a briefing.toml: names, parties, status and latest development."""

from __future__ import annotations

import datetime as dt

from briefing.analysis.topics import (
    _candidate_topics,
    _latest_development,
    _outlets,
    _status,
    build_issues,
    propose_issues,
)
from briefing.language.text import split_sentences, tokenize
from briefing.model import (
    Article,
    DossierConfig,
    Entity,
    IssueConfig,
    Mention,
    Position,
    Sentence,
)


def article(id: int, text: str, source: str | None = None, published: str | None = None) -> Article:
    """A bare article with its sentences split, as the loader would give it."""
    sentences = tuple(Sentence(id, n, s, e, 0) for n, (s, e) in enumerate(split_sentences(text, 0, len(text))))
    return Article(
        id,
        f"{id}.txt",
        f"Article {id}",
        False,
        source,
        None,
        dt.date.fromisoformat(published) if published else None,
        None,
        text,
        (),
        sentences,
        (),
    )


def proposed(*articles: Article, single_words: bool = False) -> list[str]:
    tokens = {a.id: tokenize(a.text) for a in articles}
    return [i.name for i in propose_issues(articles, tokens, (), single_words=single_words)]


DISPUTE = (
    article(
        1,
        "The union rejected the pay offer on Monday. Workers at the plant walked out. "
        "The company said it would hire replacement workers.",
        "Daily One",
    ),
    article(
        2,
        "Members voted against the pay offer. The union called for talks. "
        "A court will hear a complaint about replacement workers.",
        "Daily Two",
    ),
    article(
        3,
        "The company improved its pay offer. Five years ago the plant opened. "
        "Critics demanded an end to replacement workers.",
        "Daily Three",
    ),
)


def test_issues_are_named_by_phrases_several_outlets_argue_about() -> None:
    names = proposed(*DISPUTE)
    assert "pay offer" in names and "replacement workers" in names


def test_no_issue_is_a_bare_word_a_count_or_a_subject_and_verb() -> None:
    names = proposed(*DISPUTE)
    assert all(len(name.split()) == 2 for name in names)
    assert "five years" not in names  # a count
    assert "union rejected" not in names and "members voted" not in names  # a subject and its verb


def test_a_role_is_no_issue() -> None:
    texts = (
        "The regional secretary urged calm. Talks went on. Crowds gathered. Later the union rejected the pay offer.",
        "The regional secretary urged calm. Talks went on. Crowds gathered. Later the union defended the pay offer.",
    )
    names = proposed(*(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)))
    assert "pay offer" in names and "regional secretary" not in names


def test_a_phrase_that_modifies_the_next_word_is_no_issue() -> None:
    texts = (
        "Residents demanded more city bus lanes.",
        "The council rejected the bus lanes and said city bus lanes were costly.",
    )
    articles = tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts))
    assert "bus lanes" in proposed(*articles)
    phrases = {p.name: p for p in _candidate_topics(articles, {a.id: tokenize(a.text) for a in articles}).values()}
    assert phrases["city bus"].modifier and not phrases["bus lanes"].modifier


def test_a_phrase_used_in_the_same_sentences_joins_the_chosen_topic() -> None:
    texts = (
        "Hauliers demanded cuts to the fuel duty and the road tolls.",
        "The ministry rejected calls to cut the fuel duty and the road tolls.",
    )
    issues = propose_issues(
        tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)),
        {n + 1: tokenize(t) for n, t in enumerate(texts)},
        (),
    )
    assert len(issues) == 1 and {"fuel duty", "road tolls"} <= set(issues[0].signals)


def position(side: str, action: str, article: int, start: int, date: str | None) -> Position:
    return Position(side, action, Mention(article, start, start + 10), date)


def test_status_is_each_sides_latest_stance_in_time() -> None:
    positions = [position("union", "rejected", 1, 0, "2026-05-01"), position("union", "agreed", 2, 0, "2026-05-09")]
    assert _status(positions, [p.evidence for p in positions]) == "agreed by union"
    # Listed in any order, the later date still wins; within one article, the later sentence.
    assert _status(positions[::-1], [p.evidence for p in positions]) == "agreed by union"
    same_day = [position("union", "agreed", 1, 0, "2026-05-01"), position("union", "rejected", 1, 50, "2026-05-01")]
    assert _status(same_day, [p.evidence for p in same_day]) == "rejected by union"


def test_an_undated_stance_does_not_override_a_dated_one() -> None:
    positions = [position("union", "agreed", 1, 0, "2026-05-09"), position("union", "rejected", 5, 0, None)]
    assert _status(positions, [p.evidence for p in positions]) == "agreed by union"


def test_latest_development_moves_the_issue_and_is_not_background() -> None:
    old = article(1, "The union rejected the pay offer.", "Daily One", "2026-05-01")
    new = article(
        2, "Pay offers have long divided the town. The union accepted the pay offer.", "Daily Two", "2026-05-09"
    )
    by_id = {1: old, 2: new}
    background = Mention(2, 0, 38)
    moved = Mention(2, 39, len(new.text))
    ordered = [
        Position("union", "rejected", Mention(1, 0, 33), "2026-05-01"),
        Position("town", "raised", background, "2026-05-09"),
        Position("union", "agreed", moved, "2026-05-09"),
    ]
    assert _latest_development([p.evidence for p in ordered], ordered, by_id) == moved


def test_outlets_and_agencies_are_never_parties() -> None:
    outlets = _outlets((article(1, "Text.", "Daily One"), article(2, "Text.")))
    assert {"daily one", "reuters", "afp", "associated press"} <= outlets
    assert "union" not in outlets


def test_an_outlet_that_reports_a_stance_is_not_a_party() -> None:
    text = "Daily One said the union demanded a pay offer."
    papers = (
        article(1, text, "Daily One", "2026-05-01"),
        article(2, "The union demanded a pay offer.", None, "2026-05-02"),
    )
    outlet = Entity("org-1", "Daily One", "organization", (), (), (Mention(1, 0, 9),))
    union = Entity("org-2", "Union", "organization", (), (), (Mention(1, 14, 23), Mention(2, 0, 9)))
    config = DossierConfig(issues=(IssueConfig("pay offer", ("pay offer",)),))
    [issue] = build_issues(papers, {a.id: tokenize(a.text) for a in papers}, (outlet, union), config)
    assert issue.positions and {p.side for p in issue.positions} == {"Union"}


FILLER = " Talks went on. Crowds gathered. Shops opened. "


def test_one_word_is_an_issue_where_it_is_itself_what_is_argued_about() -> None:
    texts = (
        "The stranded passenger demanded a refund on Monday. The airline rejected the refund.",
        "Their union called for a full refund. Officials refused a refund of the fares.",
        "A court will decide whether a refund is needed. The votes were refunded once.",
    )
    assert "refund" in proposed(*(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)), single_words=True)


def test_an_actor_is_never_a_one_word_issue() -> None:
    texts = (
        "The administration rejected the fare. The administration said so." + FILLER + "Voters demanded a refund.",
        "The administration's lawyers rejected it." + FILLER + "Voters demanded a refund. Fares were refunded.",
    )
    articles = tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts))
    names = proposed(*articles, single_words=True)
    assert "administration" not in names and "refund" in names
    candidates = _candidate_topics(articles, {a.id: tokenize(a.text) for a in articles})
    assert candidates[("administration",)].speaking * 5 >= candidates[("administration",)].count


def test_a_thing_never_done_is_no_one_word_issue() -> None:
    texts = (
        "Unions demanded that the biscuits stay in the town. Workers demanded a guarantee for the plant.",
        "The board rejected calls to move the biscuits. The board rejected a guarantee.",
    )
    articles = tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts))
    assert ("biscuit",) not in _candidate_topics(articles, {a.id: tokenize(a.text) for a in articles})
    names = proposed(*articles, single_words=True)
    assert "biscuits" not in names and "guarantee" in names


def test_a_scene_is_no_issue() -> None:
    texts = (
        "Water was found in the boiler room." + FILLER + "The union rejected the pay offer.",
        "A porter stood in the boiler room." + FILLER + "Members voted against the pay offer.",
        "Smoke rose in the boiler room." + FILLER + "The company improved its pay offer.",
    )
    names = proposed(*(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)))
    assert "boiler room" not in names and "pay offer" in names


def test_size_and_age_describe_a_story_they_name_no_issue() -> None:
    texts = (
        "The small bakery closed." + FILLER + "Parents demanded a public inquiry.",
        "Inspectors visited the small bakery." + FILLER + "Ministers rejected a public inquiry.",
    )
    names = proposed(*(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)))
    assert "small bakery" not in names and "public inquiry" in names


def test_a_denial_or_an_open_question_marks_an_issue() -> None:
    texts = (
        "There was no legal basis to close the road. The garden gate opened.",
        "The regulator saw no legal basis for a closure. Walkers left by the garden gate.",
        "Whether a legal basis exists is unclear. A garden gate was jammed.",
    )
    articles = tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts))
    candidates = _candidate_topics(articles, {a.id: tokenize(a.text) for a in articles})
    assert candidates[("legal", "basis")].score() > candidates[("garden", "gate")].score()


def test_a_word_that_runs_through_the_dossier_absorbs_only_its_own_sentences() -> None:
    texts = (
        "The board rejected the offer. The union demanded a job guarantee. Shareholders accepted the offer.",
        "The fund refused to raise the offer. The union insisted on a job guarantee. Critics opposed the offer.",
        "Shareholders accepted the offer. The union pressed for a job guarantee. The board rejected the offer.",
    )
    names = proposed(*(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts)), single_words=True)
    assert "offer" in names and "job guarantee" in names


def test_one_word_names_no_issue_unless_asked_for() -> None:
    texts = (
        "The passenger demanded a refund. The airline rejected the refund.",
        "Fares were refunded. Their union called for a full refund.",
    )
    articles = tuple(article(n + 1, t, f"Paper {n}") for n, t in enumerate(texts))
    assert "refund" not in proposed(*articles) and "refund" in proposed(*articles, single_words=True)
