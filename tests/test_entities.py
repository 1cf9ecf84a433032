"""People, organisations and places: one entity per real-world thing, on three unrelated dossiers."""

from __future__ import annotations

from briefing.core.entities import translit_key
from tests.conftest import text_of


def names(index, kind: str) -> set[str]:
    return {e.name for e in index.entities if e.kind == kind}


def by_name(index, name: str):
    return next(e for e in index.entities if e.name == name or name in e.aliases)


def test_transliterations_are_one_person_with_every_spelling(seeds) -> None:
    person = by_name(seeds, "Alexander Darchiev")
    assert person.kind == "person"
    assert {"Alexander Darchiyev", "Alexander Darchiev"} <= {person.name, *person.aliases}
    assert person.articles == (1, 2, 3, 4, 5)
    roles = " | ".join(r.text for r in person.roles)
    assert "North Atlantic Department" in roles and "North America department" in roles and "ambassador" in roles


def test_surnames_link_to_full_names(seeds) -> None:
    lavrov = by_name(seeds, "Sergei Lavrov")
    assert "Lavrov" in lavrov.aliases
    surfaces = {text_of(seeds, m.article, m.start, m.end) for m in lavrov.mentions}
    assert surfaces == {"Sergei Lavrov", "Lavrov"}
    assert [r.text for r in lavrov.roles] == ["Russian Foreign Minister"]


def test_organisation_spellings_merge(seeds) -> None:
    state = by_name(seeds, "State Department")
    assert state.kind == "organization"
    assert {"U.S. State Department", "State Department"} <= {state.name, *state.aliases}


def test_people_organisations_and_places_of_the_seeds(seeds) -> None:
    assert {"Sonata Coulter", "Donald Trump", "Marco Rubio", "Maria Zakharova", "Dmitry Peskov", "Tammy Bruce",
            "Vladimir Putin", "Joe Biden"} <= names(seeds, "person")
    assert {"Kremlin", "Kommersant", "Reuters", "TASS"} <= names(seeds, "organization")
    assert {"Istanbul", "Moscow", "Russia", "United States", "Saudi Arabia", "Ukraine"} <= names(seeds, "place")
    # Sentence-initial words, demonyms and headline words are not entities.
    everything = names(seeds, "person") | names(seeds, "organization") | names(seeds, "place")
    assert not everything & {"Diplomatic", "Still", "Russian", "Specifically", "However", "Turkish", "Observers"}


def test_every_mention_points_at_a_spelling_of_its_entity(seeds) -> None:
    for entity in seeds.entities:
        spellings = {entity.name, *entity.aliases}
        for mention in entity.mentions:
            assert text_of(seeds, mention.article, mention.start, mention.end).replace("\u2019", "'") in spellings


def test_another_subject_finds_its_people_and_roles(openai_dossier) -> None:
    people = names(openai_dossier, "person")
    assert {"Sam Altman", "Greg Brockman", "Mira Murati", "Satya Nadella", "Ilya Sutskever", "Emmett Shear",
            "Bret Taylor", "Larry Summers", "Helen Toner", "Tasha McCauley", "Adam D'Angelo"} <= people
    assert not people & {"Salesforce", "Twitch", "Microsoft", "OpenAI"}
    assert {"OpenAI", "Microsoft", "Quora", "Twitch", "Salesforce"} <= names(openai_dossier, "organization")
    assert "AI" not in names(openai_dossier, "organization")
    assert [r.text for r in by_name(openai_dossier, "Mira Murati").roles] == ["Chief technology officer"]
    assert [r.text for r in by_name(openai_dossier, "Bret Taylor").roles] == ["former co-chief executive of Salesforce"]


def test_accented_and_plain_spellings_merge(quake_dossier) -> None:
    erdogan = by_name(quake_dossier, "Erdogan")
    assert {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"} <= {erdogan.name, *erdogan.aliases}
    assert erdogan.articles == (1, 2)


def test_transliteration_key() -> None:
    assert translit_key("Darchiyev") == translit_key("Darchiev")
    assert translit_key("Zelenskyy") == translit_key("Zelensky") == translit_key("Zelenskiy")
    assert translit_key("Erdoğan") == translit_key("Erdogan")
    assert translit_key("Lavrov") != translit_key("Rubio")
