"""Brief pieces are whole clauses: `clause` never cuts inside one."""

from briefing.language.text import clause

SENTENCE = (
    "Vantara Resources said on Wednesday that it had raised its offer to 4.5%, adding that the union "
    "should put it to a vote before the court hearing on May 26, while the union said it would decide on Monday."
)


def _around(word: str, limit: int) -> str:
    at = SENTENCE.index(word)
    return clause(SENTENCE, 0, len(SENTENCE), at, at + len(word), limit)


def test_a_short_sentence_is_given_whole():
    assert _around("4.5%", 100) == SENTENCE


def test_a_long_sentence_gives_the_clause_with_the_focus_and_no_ellipsis():
    assert _around("4.5%", 14) == "Vantara Resources said on Wednesday that it had raised its offer to 4.5%."
    assert _around("Monday", 14) == "The union said it would decide on Monday."


def test_neighbouring_clauses_are_kept_while_they_fit():
    piece = _around("4.5%", 30)
    assert piece.startswith("Vantara Resources said") and "adding that the union should put it to a vote" in piece
    assert "\u2026" not in piece


def test_a_clause_longer_than_the_limit_is_kept_whole_not_cut():
    text = "The regulator confirmed that the inspection of every aircraft in the fleet would take at least six weeks to complete."
    at = text.index("six")
    assert clause(text, 0, len(text), at, at + 3, 5) == text


def test_the_last_item_of_a_series_is_not_a_clause_of_its_own():
    text = (
        "A series of tit-for-tat measures, including the expulsion of envoys, limits on staff, "
        "and the freezing of bank accounts, have left both embassies in disarray."
    )
    at = text.index("limits")
    piece = clause(text, 0, len(text), at, at + 6, 12)
    assert piece == text  # no clause can stand alone here, so the sentence stays whole


def test_a_clause_that_hangs_on_the_one_before_takes_it_along():
    text = (
        "The pilots' association, which has about 1,900 members, said it would call for an audit of "
        "the runway safety areas at airports in the east of the country."
    )
    at = text.index("1,900")
    piece = clause(text, 0, len(text), at, at + 5, 8)
    assert piece.startswith("The pilots' association, which has")
    # A clause of its own after "while" still stands alone.
    assert _around("Monday", 14) == "The union said it would decide on Monday."
