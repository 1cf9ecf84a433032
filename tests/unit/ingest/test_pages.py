"""Saved pages, wire copy and pastes as they really look: the story, its title, date, outlet and
byline, and none of the furniture around it. Fixtures are cut from the gold dossiers in
benchmarks/quality/dossiers (fictional stories in real places)."""

from __future__ import annotations

from briefing.ingest.clean import clean_lines
from briefing.ingest.load import decode

STORY = (
    "<p>The board of Verhaegen Foods on Tuesday unanimously rejected a takeover offer from Paris-based private "
    "equity firm Castellane Partners, saying the bid significantly undervalues the Kortrijk biscuit maker.</p>"
    "<p>Shares in the company jumped 38% on Monday and closed slightly lower this afternoon, a sign that "
    "investors expect a higher bid from the fund, analysts in Brussels said.</p>"
    "<p>Castellane said it remained committed to the plant in Tielt and would set out its plans next week.</p>"
)


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_title_suffix_goes_and_names_the_outlet(make_dossier) -> None:
    head = "<title>Verhaegen board rejects Castellane's bid | The Brussels Ledger</title>"
    body = f"<nav><a href='/'>Home</a> <a href='/e'>Europe</a></nav><article><h1>Verhaegen board rejects Castellane's bid</h1>{STORY}</article>"
    article = make_dossier({"a.html": _page(head, body)}).articles[0]
    assert article.title == "Verhaegen board rejects Castellane's bid"
    assert article.source == "The Brussels Ledger"


def test_a_title_suffix_that_is_not_the_outlet_stays() -> None:
    from briefing.ingest.html_page import split_title

    assert split_title("Floods - what we know so far", None, None) == ("Floods - what we know so far", None)
    assert split_title("Floods hit Marche - Continental Times", "Continental Times", None) == (
        "Floods hit Marche",
        "Continental Times",
    )


def test_json_ld_gives_headline_date_outlet_and_author(make_dossier) -> None:
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
        '"headline":"Leaked plan would shift waffle lines to Poland","datePublished":"2026-03-04T09:30:00+01:00",'
        '"publisher":{"@type":"Organization","name":"FoodBiz Europe"},"author":[{"@type":"Person","name":"Rachel Osei-Bonsu"}]}]}</script>'
    )
    head = f"<title>Leaked plan would shift waffle lines to Poland - FoodBiz Europe</title>{ld}"
    article = make_dossier({"a.html": _page(head, f"<main>{STORY}</main>")}).articles[0]
    assert article.title == "Leaked plan would shift waffle lines to Poland"
    assert (article.published.isoformat(), article.published_from) == ("2026-03-04", "page metadata")
    assert article.source == "FoodBiz Europe"
    assert article.author == "Rachel Osei-Bonsu"


def test_a_bare_page_is_read_from_its_header_published_line_and_headline(make_dossier) -> None:
    body = (
        "<div>Campaspe Courier · Courts</div><h2>Deckhand says he twice warned 'Gus' about water</h2>"
        "<div>Published: 6:48 PM May 5, 2026</div><div>Updated: 8:02 PM May 5, 2026</div>"
        + STORY
        + "<p>Story: Brodie Kaminski</p><p>© Campaspe Courier 2026</p>"
    )
    article = make_dossier({"a.html": f"<html><body>{body}</body></html>"}).articles[0]
    assert article.title == "Deckhand says he twice warned 'Gus' about water"
    assert (article.published.isoformat(), article.published_from) == ("2026-05-05", "published line")
    assert article.source == "Campaspe Courier"
    for furniture in ("Published:", "Updated:", "Courts", "Brodie Kaminski", "©"):
        assert furniture not in article.text
    assert article.text.startswith("The board of Verhaegen Foods")


def test_furniture_of_a_full_page_goes_to_the_removed_lines(make_dossier) -> None:
    body = (
        "<div class='cookie'><p>We use cookies to personalise content and ads. By clicking Accept all cookies you agree.</p></div>"
        f"<article><h1>Board rejects bid</h1><p class='byline'>By Els Vandamme</p>{STORY}"
        "<aside><h3>Related</h3><ul><li><a href='/x'>Private equity circles Belgian food makers</a></li></ul></aside>"
        "<div class='newsletter'><p>The Ledger Morning Briefing: sign up for our daily newsletter.</p></div>"
        "<div class='share'>Share on Facebook · Share on X · Copy link</div></article>"
        "<section class='comments'><article><p>jdoe: the board should be ashamed of itself, frankly, shameful</p></article></section>"
        "<footer><p>© 2026 The Brussels Ledger. All rights reserved.</p></footer>"
    )
    article = make_dossier({"a.html": _page("<title>Board rejects bid</title>", body)}).articles[0]
    for furniture in (
        "cookies",
        "Els Vandamme",
        "Private equity circles",
        "newsletter",
        "Share on",
        "jdoe",
        "All rights reserved",
    ):
        assert furniture not in article.text, furniture
    removed = " ".join(r.text for r in article.removed)
    assert "jdoe" in removed and "Private equity circles" in removed  # the reader's "removed lines" view shows them
    assert article.title == "Board rejects bid" and "Board rejects bid" not in article.text  # a banner above it or not


def test_a_form_around_the_whole_page_keeps_the_story(make_dossier) -> None:
    body = f"<form action='/search' method='get'><div id='page'><article><h1>Board rejects bid</h1>{STORY}</article></div></form>"
    article = make_dossier({"a.html": _page("<title>Board rejects bid</title>", body)}).articles[0]
    assert "unanimously rejected" in article.text and "next week" in article.text


def test_the_declared_charset_of_a_page_is_used(make_dossier) -> None:
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'><title>Prices</title></head>"
        "<body><article><h1>Prices</h1><p>The creamery sold its ice cream at £3.50 a tub at the Tenby kiosk, "
        "and the café on the harbour front charged £4 for the same tub all summer long, traders said on Monday.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    article = make_dossier({"a.html": page}).articles[0]
    assert "£3.50" in article.text and "café" in article.text


def test_pound_signs_in_western_text_are_not_read_as_cyrillic() -> None:
    text, note = decode("The fine was £500 and costs of £1,200, the court in Haverfordwest said.".encode("cp1252"))
    assert "£500" in text and "Cyrillic" not in (note or "")


def test_wire_copy_slug_dateline_without_a_year_and_trailer(make_dossier) -> None:
    wire = (
        "BRITAIN-HEALTH/ECOLI (UPDATE 1)\n\nE. coli outbreak in Wales linked to farm ice cream rises to 31 cases\n\n"
        "HAVERFORDWEST, Wales, July 7 (Reuters) - The number of confirmed cases in an outbreak of E. coli in west Wales "
        "has risen to 31, health authorities said on Tuesday.\n\nPublic Health Wales said most of those infected had eaten ice cream.\n\n"
        "(Reporting by Sarah Young; Editing by Alison Williams)\n"
    )
    other = "---\ntitle: Welsh Government orders review\ndate: 2026-07-09\noutlet: Dyfed Post\n---\n\nThe review was ordered on Thursday after the outbreak spread.\n"
    index = make_dossier({"wire.txt": wire, "other.md": other})
    article = next(a for a in index.articles if a.path.endswith("wire.txt"))
    assert article.title == "E. coli outbreak in Wales linked to farm ice cream rises to 31 cases"
    assert article.published.isoformat() == "2026-07-07"  # the year from the dossier around it
    assert article.source == "Reuters"
    assert "Reporting by" not in article.text and "ECOLI" not in article.text
    assert {r.reason for r in article.removed} >= {"wire slug", "reporting and editing credits"}
    assert next(a for a in index.articles if a.path.endswith("other.md")).source == "Dyfed Post"


def test_a_yearless_dateline_alone_stays_undated(make_dossier) -> None:
    wire = "Cases rise\n\nHAVERFORDWEST, Wales, July 7 (Reuters) - The number of confirmed cases has risen to 31, officials said.\n"
    assert make_dossier({"wire.txt": wire}).articles[0].published is None


def test_byline_lines_give_author_outlet_and_date(make_dossier) -> None:
    index = make_dossier(
        {
            "a.md": "# Why the Misa keeps flooding\n\n*By Sofia Landi · Floodwatch Europe · 20 October 2026*\n\n"
            "When the Misa burst its banks last Thursday, it broke through where it had in 2022.\n",
            "b.md": "# Tielt union threatens strike\n\n*By Marieke Janssens, Kortrijk Today — 10 March 2026*\n\n"
            "The union has given Castellane Partners until Friday to extend its job guarantee.\n",
            "c.txt": "THE LOWLANDS REVIEW | Opinion\n\nTielt deserves more than a promise\n\nBy Geert Dewitte\n\n"
            "Private equity has discovered the Flemish bakery, and Tielt is learning what that means.\n",
        }
    )
    got = {
        a.path.rsplit("/", 1)[-1]: (a.author, a.source, a.published and a.published.isoformat(), a.title)
        for a in index.articles
    }
    assert got["a.md"] == ("Sofia Landi", "Floodwatch Europe", "2026-10-20", "Why the Misa keeps flooding")
    assert got["b.md"] == ("Marieke Janssens", "Kortrijk Today", "2026-03-10", "Tielt union threatens strike")
    assert got["c.txt"] == ("Geert Dewitte", "The Lowlands Review", None, "Tielt deserves more than a promise")
    for article in index.articles:
        assert " By " not in f" {article.text}"


def test_an_all_capitals_catchline_is_not_the_title(make_dossier) -> None:
    wire = (
        "COURTS VIC BOAT VERDICT\n\nEchuca boat skipper cleared of manslaughter\n\n"
        "SHEPPARTON, Victoria, May 15, 2026 (AAP) - A river cruise operator has been found not guilty of manslaughter.\n"
    )
    article = make_dossier({"a.txt": wire}).articles[0]
    assert article.title == "Echuca boat skipper cleared of manslaughter"
    assert article.published.isoformat() == "2026-05-15"
    assert "COURTS VIC" not in article.text


def _kept(lines: list[str]) -> str:
    return " ".join(text for text, _ in clean_lines(lines, set()).paragraphs)


PROSE = (
    "Speaking from the steps of the municipal town hall, the party leader told a crowd of about two thousand "
    "that her party accepted the verdict across Kerala."
)


def test_every_kind_of_furniture_goes_and_the_story_stays() -> None:
    furniture = [
        "Copyright 2026 The Associated Press. All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed without permission.",
        "Contact the newsroom: tips@continentaltimes.example",
        "Got a news tip? Contact the Southern Riverina Post newsroom",
        "The views expressed here are his own.",
        "If someone forwarded this to you, subscribe at floodwatch.example.",
        "Unsubscribe",
        "Listen on Spotify, Apple Podcasts or wherever you get your podcasts.",
        "Photo by MANOJ PARAKKAL / AFP",
        "Associated Press writer Tom Keller in Rome contributed to this report.",
        "($1 = 0.8545 euros)",
        "Comments (14)",
        "Sign in to join the conversation",
        "Share: WhatsApp | Facebook | X | Telegram",
        "Filed under: Community, Echuca",
        "Also read: Kochi Metro extends late-night services for IPL matches",
        "More on the strike: Vantara raises offer to 4.5% · Families of Sierra Gorda count the cost",
        "bur-ldc/jm",
    ]
    lines = [PROSE, ""]
    for line in furniture:
        lines += [line, "", PROSE.replace("Kerala", "Ottapalam"), ""]
    kept = _kept(lines)
    for line in furniture:
        assert line not in kept, line
    assert kept.count("Speaking from the steps") == len(furniture) + 1


def test_story_sentences_that_mention_the_same_things_stay() -> None:
    story = [
        "The company said it would use cookies and wafers from the Tielt plant in its new range, a spokeswoman said.",
        "Related charges were filed against the skipper on Monday, the court heard in Shepparton.",
        "He refused to listen to the union, which had warned of a strike, the mayor said.",
        "The minister told the BBC's flagship podcast on Tuesday that the review would report by September.",
    ]
    lines = []
    for line in story:
        lines += [line, ""]
    kept = _kept(lines)
    for line in story:
        assert line in kept, line


def test_headlines_listed_under_a_read_more_label_are_links() -> None:
    lines = [
        PROSE,
        "",
        "Further reading",
        "",
        "Armorique's shopping list: five climbers who could replace Arregi",
        "",
        "Termination clauses explained: who can walk away, and when",
        "",
        PROSE.replace("Kerala", "Azpeitia"),
        "",
    ]
    kept = _kept(lines)
    assert "shopping list" not in kept and "Termination clauses" not in kept and "Azpeitia" in kept


def test_a_listed_headline_may_end_in_a_quotation() -> None:
    lines = [
        PROSE,
        "",
        "More from Flores Weekly:",
        "",
        'Airport\'s neighbours: "We have told them many times"',
        "",
        "Weavers keep the old patterns alive",
        "",
        PROSE.replace("Kerala", "Ende"),
        "",
    ]
    kept = _kept(lines)
    assert "neighbours" not in kept and "Weavers" not in kept and "Ende" in kept


def test_a_note_about_the_author_at_the_end_goes() -> None:
    lines = [
        PROSE,
        "",
        PROSE.replace("Kerala", "Tielt"),
        "",
        "Geert Dewitte is a former works council member at a West Flanders food plant and writes on industry and labour.",
        "",
    ]
    kept = _kept(lines)
    assert "Geert Dewitte" not in kept and "Tielt" in kept


def test_character_references_cannot_smuggle_controls_into_the_text(make_dossier) -> None:
    page = (
        "<html><head><title>Rates &#8238;rise</title><meta property='og:site_name' content='Ledger &#27;[31m'></head><body>"
        "<nav>Menu &#8238;evil</nav><article><h1>Rates rise</h1><p>The bank raised rates &#27;[31mRED&#27;[0m by a quarter "
        "point on Thursday, &#8238;its third rise this year, and zero&#8203;width characters vanish too, analysts said.</p>"
        "<p>Markets had expected the move after weeks of signals from the governor, traders in Frankfurt said.</p></article></body></html>"
    )
    article = make_dossier({"a.html": page}).articles[0]
    shown = [article.text, article.title, article.source or ""] + [r.text for r in article.removed]
    for text in shown:
        assert not any(c in text for c in ("\x1b", "\u202e", "\u200b")), repr(text)
    assert "quarter point" in article.text
