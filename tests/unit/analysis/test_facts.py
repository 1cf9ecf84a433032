"""Key facts: two sentences support one fact only when they agree on who, what and how much."""

from __future__ import annotations

from briefing.analysis.claims import Disagreement, Statement, _statement, disagreement, lemma
from briefing.language.text import tokenize


def statement(sentence: str) -> Statement:
    """What a lone sentence states, with no entities known."""
    return _statement(sentence, tokenize(sentence), {}, {}, 0, len(sentence))


def why(a: str, b: str) -> Disagreement | None:
    return disagreement(statement(a), statement(b))


def test_inflections_share_one_lemma() -> None:
    assert lemma("resumed") == lemma("resume") == lemma("resumes")
    assert lemma("rose") == lemma("rise")


def test_opposite_predicates_are_not_one_fact() -> None:
    assert (
        why("The dockers accepted the pay offer on Monday.", "The dockers rejected the pay offer on Monday.")
        is Disagreement.OPPOSITES
    )
    assert (
        why(
            "The ferry company resumed crossings to the island.", "The ferry company suspended crossings to the island."
        )
        is Disagreement.OPPOSITES
    )
    assert (
        why(
            "The ferry company resumed crossings to the island.",
            "The ferry company has resumed its crossings to the island.",
        )
        is None
    )


def test_a_denial_is_not_the_assertion() -> None:
    assert (
        why(
            "The inspectors found no evidence of sabotage at the depot.",
            "The inspectors found new evidence of sabotage at the depot.",
        )
        is Disagreement.NEGATION
    )
    assert why("The council did not approve the budget.", "The council approved the budget.") is not None
    # Both deny: which word each negation reaches is not compared.
    assert (
        why("The inspectors did not find any evidence of sabotage.", "The inspectors found no evidence of sabotage.")
        is None
    )
    # "No more than" limits, it does not deny.
    assert statement("The boat could carry no more than 24 passengers.").negated == frozenset()


def test_a_negation_stops_at_the_end_of_its_clause() -> None:
    assert statement("The board said no. A leaked memo described the plan.").negated == frozenset()
    assert statement("The union refused to pay the fees.").negated == frozenset({lemma("pay")})


def test_figures_must_agree_or_be_missing_on_one_side() -> None:
    assert (
        why("Five people were killed in the blast at the plant.", "5 people were killed in the blast at the plant.")
        is None
    )
    assert (
        why("Five people were killed in the blast at the plant.", "Six people were killed in the blast at the plant.")
        is Disagreement.FIGURES
    )
    assert (
        why(
            "About 1,200 people were evacuated from the valley on Friday.",
            "About 1200 people were evacuated from the valley.",
        )
        is None
    )
    assert why("The union wants a five-year guarantee.", "The company offered a three-year guarantee.") is not None
    # A number that is part of a name ("V-70") is not a figure.
    assert statement("The V-70 aircraft landed safely.").figures == frozenset()
    # Nor is a date: it says when, not how much; but two different days are two events.
    assert (
        why(
            "Envoys met in Geneva on February 27 to discuss the embassies.",
            "On April 10, envoys met in Geneva to discuss the embassies.",
        )
        is Disagreement.DAYS
    )
    assert (
        why(
            "Envoys met in Geneva on February 27 to discuss the embassies.",
            "Envoys met in Geneva on 27 Feb to discuss the embassies.",
        )
        is None
    )
    assert statement("The mine lost 330 tonnes on 13 May 2026.").figures == frozenset({"330"})
    assert (
        why(
            "The mine lost 330 tonnes of copper a day, the company said on May 15.",
            "The mine lost 330 tonnes of copper a day.",
        )
        is None
    )


def test_spelled_out_figures_are_read_whole() -> None:
    assert statement("Thirty-two soldiers have been killed since the truce.").figures == frozenset({"32"})
    assert statement("Two dozen people were hurt.").figures == frozenset({"24"})
    assert (
        why(
            "A total of 32 soldiers have been killed since the truce.",
            "Thirty-two soldiers have been killed since the truce.",
        )
        is None
    )
    assert (
        why(
            "Two dozen people were hurt in the crush at the gate.", "A dozen people were hurt in the crush at the gate."
        )
        is Disagreement.FIGURES
    )


def test_a_rounded_figure_is_the_same_figure() -> None:
    assert (
        why(
            "The firm earned $446 million on revenue of $6.32 billion in the quarter.",
            "The firm earned $446 million on revenue of $6.3 billion in the quarter.",
        )
        is None
    )
    # A whole number is not read as a rounded one, and other decimals are other figures.
    assert (
        why("Revenue was $6 billion in the quarter.", "Revenue was $6.3 billion in the quarter.")
        is Disagreement.FIGURES
    )
    assert (
        why("Shares dropped $2.21 to $36.14 in the session.", "Shares dropped $1.21 to $37.14 in the session.")
        is Disagreement.FIGURES
    )


def test_different_actors_are_not_one_fact() -> None:
    a = _statement(
        "Brenmark demanded an inquiry.",
        tokenize("Brenmark demanded an inquiry."),
        {0: "@organization:brenmark"},
        {"@organization:brenmark": "organization"},
        0,
        29,
    )
    b = _statement(
        "Tolvane demanded an inquiry.",
        tokenize("Tolvane demanded an inquiry."),
        {0: "@organization:tolvane"},
        {"@organization:tolvane": "organization"},
        0,
        28,
    )
    assert disagreement(a, b) is Disagreement.WHO
    assert disagreement(a, a) is None


def test_a_quotation_groups_only_with_a_quotation_of_the_same_words() -> None:
    quote = "\u201cWe will not close the bakery,\u201d the owner said."
    assert statement(quote).quotation
    assert why(quote, "The owner says the bakery will stay in the town for a year.") is Disagreement.QUOTED_WORDS
    assert why(quote, "\u201cWe will not close the bakery,\u201d the owner said on Monday.") is None
    # The same words reported without quotation marks are the same statement.
    assert (
        why(
            "The shortage \u201cwill touch virtually every American household,\u201d the secretary warned.",
            "The secretary warned that the shortage will touch virtually every American household.",
        )
        is None
    )


def test_a_quotation_from_another_speaker_is_not_one_fact() -> None:
    text_a = "\u201cThe bridge is safe,\u201d said Harlow."
    text_b = "\u201cThe bridge is safe,\u201d said Denby."
    at_a, at_b = text_a.index("Harlow"), text_b.index("Denby")
    kinds = {"@person:harlow": "person", "@person:denby": "person"}
    a = _statement(text_a, tokenize(text_a), {at_a: "@person:harlow"}, kinds, 0, len(text_a))
    b = _statement(text_b, tokenize(text_b), {at_b: "@person:denby"}, kinds, 0, len(text_b))
    assert a.speaker == "@person:harlow"
    assert disagreement(a, b) is Disagreement.SPEAKER


_STORY = "Ferry Strike {n}\n\nMarch {day}, 2024\n\n{body}\n"


def _dossier(make_dossier, bodies: list[str]):
    return make_dossier({f"{n}.txt": _STORY.format(n=n, day=n + 3, body=body) for n, body in enumerate(bodies, 1)})


def test_the_same_statement_in_two_articles_is_one_fact(make_dossier) -> None:
    index = _dossier(
        make_dossier,
        [
            "The harbour pilots walked out at dawn on Tuesday over night-shift pay. Ferries sat idle all day.",
            "Harbour pilots walked out at dawn on Tuesday in a dispute over night-shift pay. Talks are planned.",
        ],
    )
    assert any(set(f.sources) == {1, 2} and "walked out" in f.text for f in index.facts)


def test_a_short_sentence_joins_the_longer_one_that_says_it(make_dossier) -> None:
    index = _dossier(
        make_dossier,
        [
            "The ferry operator has refused to pay the harbour fees, citing the strike and falling bookings.",
            "The operator refused to pay the harbour fees. Bookings fell sharply.",
        ],
    )
    fees = [f for f in index.facts if "harbour fees" in f.text]
    assert fees and set(fees[0].sources) == {1, 2}


def test_opposite_statements_are_never_one_fact(make_dossier) -> None:
    index = _dossier(
        make_dossier,
        [
            "The ferry company resumed crossings to the island of Varra on Wednesday morning.",
            "The ferry company suspended crossings to the island of Varra on Wednesday morning.",
        ],
    )
    assert not any(len(f.sources) >= 2 and "crossings" in f.text for f in index.facts)


def test_members_agree_with_each_other_not_only_with_the_lead(make_dossier) -> None:
    # Each agrees with the short first sentence, but "raised the fare to 12" and "cut the fare
    # to 8" contradict each other: one fact cannot rest on both.
    index = _dossier(
        make_dossier,
        [
            "The ferry company changed the island fare.",
            "The ferry company raised the island fare to 12 euros.",
            "The ferry company cut the island fare to 8 euros.",
        ],
    )
    for fact in index.facts:
        assert not {2, 3} <= set(fact.sources)


def test_different_figures_make_no_fact(make_dossier) -> None:
    index = _dossier(
        make_dossier,
        [
            "About 400 passengers were stranded at the northern terminal on Tuesday night.\n\n"
            "The harbour master said the strike would continue into the weekend.",
            "About 650 passengers were stranded at the northern terminal on Tuesday night.\n\n"
            "The harbour master said the strike would continue into the weekend.",
        ],
    )
    stranded = [f for f in index.facts if "stranded" in f.text]
    assert not stranded
    strike = [f for f in index.facts if "continue into the weekend" in f.text]
    assert strike and set(strike[0].sources) == {1, 2}


def test_a_straight_quote_that_closes_a_quotation_begun_before_is_read_as_closing() -> None:
    # The sentence before opened the quotation; this one ends it: its words are someone's.
    ended = statement('Somebody let that boat sail with people aboard," he said.')
    assert ended.quotation and {"somebody", "boat"} <= ended.quoted
    reported = statement("He said the boat was certified to carry 24 passengers on the river.")
    assert (
        why(
            'Somebody let that boat sail with people aboard," he said.',
            "He said the boat was certified to carry 24 passengers on the river.",
        )
        is Disagreement.QUOTED_WORDS
    )
    assert not reported.quotation
