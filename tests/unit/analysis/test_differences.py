"""Where sources differ: figures, spellings and roles, each rule on a small fixture."""

from __future__ import annotations

from briefing.analysis import differences
from briefing.model import Entity, Mention, Role

# Figures of other things, so that the words around the figures under test are as rare as in a dossier.
_BACKGROUND = (
    "Elsewhere\n\n"
    + " ".join(
        f"The {place} museum shows {n} paintings by local artists."
        for place, n in (
            ("harbour", 40),
            ("castle", 75),
            ("railway", 120),
            ("river", 18),
            ("market", 260),
            ("abbey", 33),
            ("garden", 64),
            ("bridge", 91),
            ("tower", 12),
            ("valley", 540),
        )
    )
    + "\n"
)


def _dossier(make_dossier, files: dict[str, str]):
    return make_dossier({**files, "background.txt": _BACKGROUND})


def _kinds(index, kind: str) -> list:
    return [d for d in index.discrepancies if d.kind == kind]


def _figure_texts(index) -> list[set[str]]:
    return [{v.text for v in d.variants} for d in _kinds(index, "figure")]


# ---------------------------------------------------------------- figures


def test_different_counts_of_one_thing_are_a_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Strike at the mine\n\nAbout 1,300 workers have been on strike since the shift change at the copper mine.\n",
            "b.txt": "Miners walk out\n\nThe union said 1,420 workers joined the strike at the copper mine on Wednesday.\n",
        },
    )
    assert any({"About 1,300 workers", "1,420 workers"} <= texts for texts in _figure_texts(index))


def test_a_qualifier_on_the_same_figure_is_no_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Strike at the mine\n\nAbout 1,300 workers have been on strike since the shift change at the copper mine.\n",
            "b.txt": "Miners walk out\n\nThe union said 1,300 workers joined the strike at the copper mine on Wednesday.\n",
        },
    )
    assert _figure_texts(index) == []


def test_percent_spellings_and_currency_spellings_read_as_one_figure(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Offer\n\nThe company offered a 3.5% real wage increase to the striking miners.\n",
            "b.txt": "Offer\n\nThe company offered a 3.5 per cent real wage increase to the striking miners.\n",
        }
    )
    figures = differences._figures(index.articles, index.dates)
    assert {(f.dimension, f.value) for f in figures} == {("percent", 3.5)}


def test_currency_signs_and_words_read_as_one_figure(make_dossier):
    index = make_dossier(
        {
            "c.txt": "Bid\n\nThe cash offer values the biscuit maker at €950 million, the fund said.\n",
            "d.txt": "Bid\n\nThe cash offer values the biscuit maker at 950 million euros, the fund said.\n",
        }
    )
    figures = differences._figures(index.articles, index.dates)
    assert {(f.dimension, f.value) for f in figures} == {("euro", 950e6)}
    assert _figure_texts(index) == []


def test_number_words_are_read_as_numbers(make_dossier):
    index = make_dossier(
        {"a.txt": "Count\n\nFour hundred and ninety-eight postal ballots were rejected by the officer.\n"}
    )
    figures = differences._figures(index.articles, index.dates)
    assert [(f.value, f.thing) for f in figures] == [(498, "ballot")]


def test_an_offer_and_its_improvement_are_two_figures(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Offer\n\nThe company offered a bonus of 14 million pesos per worker to end the strike.\n",
            "b.txt": "New offer\n\nThe new package lifts the bonus to 16 million pesos per worker from 14 million pesos per worker.\n",
        }
    )
    assert _figure_texts(index) == []


def test_what_one_side_demands_and_the_other_offers_are_two_figures(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Talks\n\nThe union is demanding a bonus of 20 million pesos per worker from the mine owner.\n",
            "b.txt": "Talks\n\nThe mine owner offered a bonus of 16 million pesos per worker to the union.\n",
        }
    )
    assert _figure_texts(index) == []


def test_figures_of_different_years_are_two_figures(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Turnout\n\nTurnout in the state election in 2021 was 74.1%, the election commission said.\n",
            "b.txt": "Turnout\n\nTurnout in the state election in 2026 was 75.2%, the election commission said.\n",
        }
    )
    assert _figure_texts(index) == []


def test_a_moving_share_price_is_no_difference(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Shares\n\nAcme shares were up 36% at 34.60 euros by midday, above the offer price.\n",
            "b.txt": "Shares\n\nAcme shares closed at 35.10 euros, above the offer price, as investors expect more.\n",
        }
    )
    assert _figure_texts(index) == []


def test_a_toll_in_an_undated_report_is_not_set_against_a_dated_one(make_dossier):
    dated = "Flood\n\nPublished: 16 October 2026\n\nAt least seven people were killed by the floods in the valley.\n"
    undated = "Flood\n\nNine people were killed by the floods in the valley.\n"
    index = make_dossier({"a.txt": dated, "b.txt": undated})
    assert _figure_texts(index) == []


def test_a_misplaced_decimal_point_is_one_figure_misprinted(make_dossier):
    assert differences._magnitude_close(0.8, 8)
    assert not differences._magnitude_close(20, 200)
    assert not differences._magnitude_close(2, 1500)


# ---------------------------------------------------------------- spellings


def test_accents_surnames_short_forms_and_initials_are_no_spelling_difference():
    apart = differences._spelled_apart
    assert apart(["José", "Peñalosa"], ["Jose", "Penalosa"]) is None
    assert apart(["Ruiz"], ["Manuel", "Ruiz", "Ortega"]) is None
    assert apart(["Manu", "Ruiz"], ["Manuel", "Ruiz"]) is None
    assert apart(["T.", "V.", "Krishnan"], ["T.V.", "Krishnan"]) is None
    assert apart(["Wilkes-Barre"], ["Wilkes", "Barre"], hyphens=False) is None


def test_names_spelled_differently_are_a_spelling_difference():
    apart = differences._spelled_apart
    assert apart(["Catherine", "Novak"], ["Katherine", "Novak"]) == 0
    assert apart(["Ahmad", "Sukarno"], ["Ahmad", "Soekarno"]) == 1
    assert apart(["Pieter", "Vandijk"], ["Pieter", "Van", "Dijk"]) == 0
    assert apart(["Gwen", "Lloyd-Jones"], ["Gwen", "Lloyd", "Jones"]) == 1


def test_a_name_written_as_one_word_and_as_two_is_a_spelling_difference(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Hack\n\nA ransomware group called DarkHeron said it had stolen the data of the clinic.\n",
            "b.txt": "Hack\n\nThe group, which calls itself Dark Heron, posted the archive on its leak site.\n",
        }
    )
    first = next(a for a in index.articles if "DarkHeron" in a.text)
    start = first.text.index("DarkHeron")
    group = Entity(
        "organization:darkheron", "DarkHeron", "organization", (), (), (Mention(first.id, start, start + 9),)
    )
    spellings = [{v.text for v in d.variants} for d in differences.spelling_discrepancies((group,), index.articles)]
    assert spellings == [{"DarkHeron", "Dark Heron"}]


# ---------------------------------------------------------------- roles


def _person(*roles: tuple[str, int]) -> Entity:
    return Entity("person:x", "Ana Ruiz", "person", (), tuple(Role(text, (article,)) for text, article in roles), ())


def test_one_post_worded_two_ways_is_no_role_difference():
    assert (
        differences.role_discrepancies((_person(("its chief executive", 1), ("chief executive of Acme Foods", 2)),))
        == []
    )
    assert (
        differences.role_discrepancies(
            (_person(("Union president", 1), ("president of the National Miners Federation", 2)),)
        )
        == []
    )
    assert differences.role_discrepancies((_person(("union's lawyer", 1), ("according to its lawyer", 2)),)) == []
    assert differences.role_discrepancies((_person(("Mr", 1), ("chief executive", 2)),)) == []
    assert (
        differences.role_discrepancies((_person(("committee's chairman", 1), ("head of the safety committee", 2)),))
        == []
    )


def test_two_posts_for_one_person_are_a_role_difference():
    found = differences.role_discrepancies((_person(("Acme's president director", 1), ("Acme chief executive", 2)),))
    assert [[v.text for v in d.variants] for d in found] == [["Acme's president director", "Acme chief executive"]]
    found = differences.role_discrepancies((_person(("Detective Inspector", 1), ("Detective Sergeant", 2)),))
    assert len(found) == 1


def test_heads_of_two_different_departments_are_a_role_difference():
    found = differences.role_discrepancies(
        (
            _person(
                ("head of the Trade Department", 1),
                ("head of the Energy department", 2),
            ),
        )
    )
    assert len(found) == 1


def test_two_titles_joined_by_and_are_read_as_one_role(make_dossier):
    index = make_dossier(
        {
            "a.txt": "Hack\n\nHelga Nowak, the alliance's president and CEO, said the hospitals were safe.\n",
        }
    )
    person = next(e for e in index.entities if e.name == "Helga Nowak")
    assert [r.text for r in person.roles] == ["alliance's president and CEO"]


# ---------------------------------------------------------------- figures, round 2


def test_a_share_price_move_read_a_few_words_back_is_no_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Bid\n\nShares in the brewer rose 12% on Friday and ended the day a little higher at €18.40.\n",
            "b.txt": "Bid\n\nThe buyer said the €17 price for each of the brewer's shares was generous.\n",
        },
    )
    assert _figure_texts(index) == []


def test_a_workforce_is_not_set_against_a_crowd(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Brewery\n\nThe union speaks for most of the 340 staff at the brewery in the town.\n",
            "b.txt": "Rally\n\nAbout 280 workers, neighbours and pensioners rallied at the brewery in the town.\n",
        },
    )
    figures = {f.text: f.thing for f in differences._figures(index.articles, index.dates)}
    assert figures["340 staff"] == "employed" and figures["About 280 workers"] == "person"
    assert _figure_texts(index) == []


def test_about_two_neighbouring_round_figures_is_a_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Bid\n\nThe hostile cash bid values the brewer at about 610 million euros.\n",
            "b.txt": "Bid\n\nThe hostile cash bid values the brewer at about €620 million.\n",
        },
    )
    assert any(len(texts) == 2 for texts in _figure_texts(index))


def test_a_rare_kind_of_figure_is_compared_over_its_sentence(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Leak\n\nThe hackers named the council on a file-sharing site along with screenshots of letters and invoices, "
            "and said they would post the full 2.5 terabytes of mail.\n",
            "b.txt": "Leak\n\nThe hackers later put a 2.9-terabyte bundle on the same file-sharing site.\n",
        },
    )
    assert {"2.5 terabytes", "2.9-terabyte"} in _figure_texts(index)


def test_a_figure_in_another_years_clause_of_an_undated_report_is_another_figure(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Storm\n\nPublished: 15 April 2026\n\nThe county was hit before, including a storm in 2019 that closed four schools in the county.\n",
            "b.txt": "Storm\n\nThe storm over the county closed five schools this week.\n",
        },
    )
    assert _figure_texts(index) == []


def test_a_sentence_with_no_date_takes_the_year_its_paragraph_gave(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": "Inquest\n\nPublished: 4 May 2026\n\nThe ferry sank off the headland on 3 March 2019. "
            "Forty-two passengers were on board the ferry.\n",
            "b.txt": "Inquest\n\nPublished: 15 May 2026\n\nThe ferry sank off the headland with 45 passengers aboard on 3 March 2019.\n",
        },
    )
    assert {"Forty-two passengers", "45 passengers"} in _figure_texts(index)


# ---------------------------------------------------------------- dates


# Dates are matched by how rare their event words are among a dossier's sentences: a dossier has
# a hundred or more sentences, so the fixtures get as many about other things.
_MANY_SENTENCES = {
    "other.txt": "Elsewhere\n\n"
    + " ".join(
        f"The {place} museum opened a new gallery of {thing} last season."
        for place in ("harbour", "castle", "railway", "river", "market", "abbey", "garden", "bridge", "tower", "valley")
        for thing in ("maps", "coins", "clocks", "boats", "lamps")
    )
    + "\n"
}


def _date_texts(index) -> list[set[str]]:
    return [{v.text.split(" (")[0] for v in d.variants} for d in _kinds(index, "date")]


def test_two_days_set_for_one_inquest_are_a_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            **_MANY_SENTENCES,
            "a.txt": "Crash\n\nPublished: 24 February 2026\n\nThe coroner will open the inquest on 14 March.\n",
            "b.txt": "Crash\n\nPublished: 26 February 2026\n\nAccording to the family, the inquest is scheduled for 16 March in the town.\n",
        },
    )
    assert _date_texts(index) == [{"14 March", "16 March"}]


def test_a_date_asked_for_is_not_set_against_the_date_set(make_dossier):
    index = _dossier(
        make_dossier,
        {
            **_MANY_SENTENCES,
            "a.txt": "Closure\n\nPublished: 19 May 2026\n\nThe board would decide the depot's future by 9 June.\n",
            "b.txt": "Closure\n\nPublished: 20 May 2026\n\nThe unions demanded that the board decide the depot's future by 3 June.\n",
        },
    )
    assert _date_texts(index) == []


def test_past_happenings_on_different_days_are_no_date_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            **_MANY_SENTENCES,
            "a.txt": "Talks\n\nPublished: 9 October 2026\n\nArbitration failed and drivers walked out on 8 October.\n",
            "b.txt": "Talks\n\nPublished: 16 October 2026\n\nArbitration resumed and the offer was improved on 15 October.\n",
        },
    )
    assert _date_texts(index) == []


def test_the_first_of_one_thing_on_two_days_is_a_date_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            **_MANY_SENTENCES,
            "a.txt": "Measles\n\nPublished: 20 August 2026\n\nThe first patient was taken sick on 2 August, the clinic believes.\n",
            "b.txt": "Measles\n\nPublished: 22 August 2026\n\nThe first patient known to have caught it fell ill on 4 August.\n",
        },
    )
    assert _date_texts(index) == [{"2 August", "4 August"}]


# ---------------------------------------------------------------- quotations


def _quote_texts(index) -> list[set[str]]:
    return [{v.text for v in d.variants} for d in _kinds(index, "quote")]


def test_an_excerpt_or_a_fitted_word_ending_is_the_same_quotation(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": 'Port\n\nThe operator said it planned to "modernise the container terminal" by 2030. '
            'It added that it "will not sell" the site.\n',
            "b.txt": 'Port\n\nThe plan spoke of "modernising the container terminal". The operator would "not sell" the land.\n',
        },
    )
    assert _quote_texts(index) == []


def test_different_speakers_are_not_one_quotation(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": 'Vote\n\nCouncillor Brenda Oakes lost the seat on Monday. But she said the result was "a win for the town" anyway.\n',
            "b.txt": 'Vote\n\nThe winner, Tobias Whitlock, called the recount "a win for nobody".\n',
        },
    )
    assert _quote_texts(index) == []


def test_one_quotation_worded_two_ways_is_a_difference(make_dossier):
    index = _dossier(
        make_dossier,
        {
            "a.txt": 'Talks\n\nThe agency described the meeting as "frank and useful" on Friday.\n',
            "b.txt": 'Talks\n\nThe agency described the meeting as "candid and useful" on Friday.\n',
        },
    )
    assert len(_quote_texts(index)) == 1


def test_a_figure_difference_is_named_as_an_analyst_would_say_it() -> None:
    from briefing.analysis.differences import _figure_about

    assert _figure_about("count", "injured") == "number injured"
    assert _figure_about("count", "case") == "number of cases"
    assert _figure_about("count", "children") == "number of children"
    assert _figure_about("count", "zlotys") == "amount"
    assert _figure_about("hour", None) == "number of hours"
    assert _figure_about("mm", None) == "figures in mm"
