"""Open issues, timeline, key facts and where sources differ."""

from __future__ import annotations

from support.dossiers import text_of


def issue(index, name: str):
    return next(i for i in index.issues if i.name == name)


def stances(index, name: str) -> set[tuple[str, str]]:
    return {(p.side, p.action) for p in issue(index, name).positions}


def test_seed_issues_say_what_each_side_wants(seeds) -> None:
    assert [i.name for i in seeds.issues] == ["properties", "flights", "banking", "staffing"]
    assert ("Russia", "demanded") in stances(seeds, "properties")
    assert ("Russia", "proposed") in stances(seeds, "flights")
    assert ("United States", "raised") in stances(seeds, "banking")
    assert ("both sides", "agreed") in stances(seeds, "banking")
    assert ("United States", "raised") in stances(seeds, "staffing")
    properties = issue(seeds, "properties")
    assert properties.status == "demanded by Russia"
    assert properties.latest_date == "2025-04-10"
    assert "six properties" in text_of(seeds, properties.latest.article, properties.latest.start, properties.latest.end)


def test_issue_mentions_are_sentences_that_contain_a_signal(seeds) -> None:
    for open_issue in seeds.issues:
        assert open_issue.mentions
        for mention in open_issue.mentions:
            sentence = text_of(seeds, mention.article, mention.start, mention.end).lower()
            assert any(signal.split()[0][:4] in sentence for signal in open_issue.signals)


def test_issues_are_proposed_when_there_is_no_config(quake_dossier) -> None:
    assert quake_dossier.issues and all(i.proposed for i in quake_dossier.issues)
    assert all(i.mentions for i in quake_dossier.issues)


def test_the_two_rounds_of_talks_are_dated(seeds) -> None:
    dates = {e.date for e in seeds.events}
    assert {"2025-02-27", "2025-04-10", "2025-02-18", "2016", "2022-02"} <= dates
    first_round = next(e for e in seeds.events if e.date == "2025-02-27")
    assert first_round.sources == (1, 2) and "Istanbul" in first_round.summary


def test_key_facts_are_corroborated_and_point_at_their_sentences(seeds) -> None:
    assert seeds.facts
    for fact in seeds.facts:
        assert len(fact.sources) >= 2 and len(set(fact.sources)) == len(fact.sources)
        assert fact.text == text_of(seeds, fact.evidence[0].article, fact.evidence[0].start, fact.evidence[0].end)
    assert [len(f.sources) for f in seeds.facts] == sorted((len(f.sources) for f in seeds.facts), reverse=True)
    assert any("banking" in f.text and "staffing" in f.text for f in seeds.facts)


def differences(index, kind: str):
    return [d for d in index.discrepancies if d.kind == kind]


def test_differing_figures_are_flagged(seeds, openai_dossier, quake_dossier) -> None:
    hours = next(d for d in differences(seeds, "figure") if "hours" in d.about)
    assert {v.text for v in hours.variants} == {"over six hours", "around 5-6 hours", "six hours"}
    assert {a for v in hours.variants for a in v.sources} == {1, 2, 4}
    employees = differences(openai_dossier, "figure")[0]
    assert any("700" in v.text for v in employees.variants) and any("500" in v.text for v in employees.variants)
    deaths = differences(quake_dossier, "figure")[0]
    assert {v.text for v in deaths.variants} == {"more than 5,000 people", "over 4,300 people"}


def test_same_figures_are_not_a_difference(seeds) -> None:
    # "six Russian-owned properties" and "six properties" agree.
    assert not [d for d in differences(seeds, "figure") if "propert" in d.about]


def test_spellings_roles_and_quotations_that_differ(seeds) -> None:
    spelling = differences(seeds, "spelling")[0]
    assert {v.text for v in spelling.variants} == {"Darchiyev", "Darchiev"}
    role = next(d for d in differences(seeds, "role") if "Darchiyev" in d.about)
    assert len(role.variants) >= 3
    quote = differences(seeds, "quote")[0]
    assert {v.text for v in quote.variants} == {
        "\u201cconstructive and businesslike\u201d",
        "\u201csubstantive and businesslike\u201d",
    }


def test_consistent_roles_are_not_a_difference(seeds) -> None:
    about = {d.about for d in differences(seeds, "role")}
    assert "role of Sergei Lavrov" not in about
    assert "role of Sonata Coulter" not in about  # the short title fits inside the long one
    assert "role of Tammy Bruce" not in about  # spokeswoman and spokesperson are the same role


def test_repeated_wordings_make_one_difference_with_every_source(make_dossier) -> None:
    body = "The minister described the harbour talks as \u201c{}\u201d after the meeting in Oslo on Tuesday.\n"
    index = make_dossier(
        {
            f"{n}.txt": f"Harbour Talks {n}\n\nMarch {n + 1}, 2024\n\n" + body.format(wording)
            for n, wording in enumerate(["useful and frank", "useful and frank", "useful and open", "useful and open"])
        }
    )
    quotes = differences(index, "quote")
    assert len(quotes) == 1
    assert {v.text: v.sources for v in quotes[0].variants} == {
        "\u201cuseful and frank\u201d": (1, 2),
        "\u201cuseful and open\u201d": (3, 4),
    }
