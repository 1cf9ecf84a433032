"""The shipped gazetteers: places with their aliases, and organisations known by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from briefing.paths import data_file


@dataclass(frozen=True, slots=True)
class Place:
    """A place the gazetteer knows."""

    name: str
    """Its usual English name."""
    kind: str
    """"country", "capital", "city", "state" or "region"."""
    country: str | None
    """The country it is in (a country's own name for a country)."""


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every known spelling of places and organisations, mapped to what it names."""

    places: dict[str, Place]
    """Spelling → place ("U.S." → United States)."""
    organizations: dict[str, str]
    """Spelling → organisation name ("AP" → Associated Press)."""
    demonyms: dict[str, str]
    """Demonym → country ("Russian" → Russia), for telling which side acted."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """A known news organisation or institution."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def known_organizations() -> tuple[Outlet, ...]:
    """The shipped list of organisations, agencies and outlets."""
    outlets = []
    for line in data_file("organizations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        names = parts[0].split("|")
        domains = tuple(d.strip() for d in parts[2].split(",")) if len(parts) > 2 and parts[2].strip() else ()
        outlets.append(Outlet(names[0], tuple(names[1:]), parts[1] if len(parts) > 1 else "org", domains))
    return tuple(outlets)


# Adjectives of nationality, for attributing an action ("Russian diplomats proposed")
# to a side. Regular forms are derived; these are the irregular ones.
_DEMONYMS = {
    "American": "United States", "U.S.": "United States", "US": "United States", "British": "United Kingdom",
    "English": "United Kingdom", "Scottish": "United Kingdom", "Welsh": "United Kingdom", "French": "France",
    "German": "Germany", "Dutch": "Netherlands", "Swiss": "Switzerland", "Swedish": "Sweden", "Danish": "Denmark",
    "Finnish": "Finland", "Norwegian": "Norway", "Polish": "Poland", "Czech": "Czech Republic", "Slovak": "Slovakia",
    "Hungarian": "Hungary", "Spanish": "Spain", "Portuguese": "Portugal", "Italian": "Italy", "Greek": "Greece",
    "Turkish": "Turkey", "Chinese": "China", "Japanese": "Japan", "Korean": "South Korea", "North Korean": "North Korea",
    "South Korean": "South Korea", "Vietnamese": "Vietnam", "Thai": "Thailand", "Filipino": "Philippines",
    "Israeli": "Israel", "Iranian": "Iran", "Iraqi": "Iraq", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates",
    "Qatari": "Qatar", "Egyptian": "Egypt", "Pakistani": "Pakistan", "Afghan": "Afghanistan", "Indian": "India",
    "Bangladeshi": "Bangladesh", "Irish": "Ireland", "Belgian": "Belgium", "Austrian": "Austria", "Kazakh": "Kazakhstan",
    "Uzbek": "Uzbekistan", "Belarusian": "Belarus", "Moldovan": "Moldova", "Georgian": "Georgia", "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan", "Estonian": "Estonia", "Latvian": "Latvia", "Lithuanian": "Lithuania",
    "Romanian": "Romania", "Bulgarian": "Bulgaria", "Serbian": "Serbia", "Croatian": "Croatia", "Lebanese": "Lebanon",
    "Syrian": "Syria", "Jordanian": "Jordan", "Palestinian": "Palestine", "Mexican": "Mexico", "Canadian": "Canada",
    "Brazilian": "Brazil", "Argentine": "Argentina", "Chilean": "Chile", "Colombian": "Colombia",
    "Venezuelan": "Venezuela", "Cuban": "Cuba", "Australian": "Australia", "Nigerian": "Nigeria", "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia", "South African": "South Africa", "Ukrainian": "Ukraine", "Russian": "Russia",
    "Soviet": "Russia", "Western": "", "European": "", "Kremlin": "Russia",
}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once."""
    places: dict[str, Place] = {}
    for line in data_file("places.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names, kind, country = (line.split("\t") + ["", ""])[:3]
        spellings = names.split("|")
        place = Place(spellings[0], kind, country or None)
        for spelling in spellings:
            bare = spelling.removeprefix("the ")
            places.setdefault(bare, place)
    organizations: dict[str, str] = {}
    for outlet in known_organizations():
        for spelling in (outlet.name, *outlet.aliases):
            organizations.setdefault(spelling, outlet.name)
            if spelling.startswith("The "):
                organizations.setdefault(spelling[4:], outlet.name)
    demonyms = {k: v for k, v in _DEMONYMS.items() if v}
    return Gazetteer(places, organizations, demonyms)
