"""A deterministic generator of realistic news dossiers, for benchmarks.

Articles read like wire copy on several running stories: varied people (given
names and surnames combined), places from the gazetteer, organisations, dates
relative and absolute, figures, quotes, and some page furniture. The same seed
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

SURNAMES = """Abbott Acosta Adler Ahmadi Akers Alvarez Andersen Arslan Babic Baker Banerjee Barros Becker Bianchi
Bondarenko Brandt Cardenas Carter Chen Costa Dahl Demir Diaz Dubois Eriksen Esposito Farouk Fischer Fontaine Garcia
Gomez Grant Haddad Hansen Hoffmann Horvat Ibrahim Ivanova Jansen Kaplan Karimi Kato Keller Kim Kowalczyk Kuznetsov
Laurent Lehmann Lindqvist Lopez Marchetti Mendes Meyer Moreau Murphy Nakamura Novak Okafor Olsen Ortega Park Petrov
Popescu Quinn Ramos Reyes Rossi Sahin Santos Schmidt Silva Sokolov Suzuki Tanaka Torres Vasquez Volkov Wagner Walsh
Weber Wong Yilmaz Young Zhang Zielinski""".split()
GIVEN = """Adam Alina Andrei Anna Carlos Chen Daniel Elena Emma Farah Felix Hana Hassan Ivan Jana John Julia Karim
Laura Li Lucas Maria Marta Mehmet Nadia Olga Omar Pavel Pedro Priya Rahul Sara Sofia Tomas Yuki""".split()
ROLES = [
    "Foreign Minister",
    "Energy Minister",
    "spokesperson",
    "central bank governor",
    "trade envoy",
    "opposition leader",
    "chief negotiator",
    "Defence Minister",
    "mayor",
    "union leader",
    "chief executive",
]
ORGS = [
    "Ministry of Energy",
    "National Grid Authority",
    "Harbour Workers Union",
    "Central Bank",
    "Election Commission",
    "Northern Rail Company",
    "Red Cross",
    "World Bank",
    "United Nations",
    "European Commission",
    "Supreme Court",
]
PLACES = [
    "Geneva",
    "Vienna",
    "Oslo",
    "Cairo",
    "Lima",
    "Hanoi",
    "Nairobi",
    "Madrid",
    "Warsaw",
    "Ankara",
    "Bogota",
    "Jakarta",
    "Manila",
    "Lisbon",
    "Athens",
    "Tbilisi",
    "Baku",
    "Doha",
    "Rabat",
    "Accra",
    "Dhaka",
    "Seoul",
]
TOPICS = [
    ("port strike", ["wages", "shifts", "pensions", "container traffic"]),
    ("gas pipeline", ["tariffs", "transit fees", "maintenance", "supply"]),
    ("election dispute", ["ballots", "recount", "observers", "turnout"]),
    ("rail merger", ["jobs", "routes", "fares", "regulators"]),
    ("drought relief", ["water", "grain", "aid convoys", "rationing"]),
    ("trade talks", ["tariffs", "quotas", "steel", "customs"]),
]
VERBS = ["said", "told reporters", "warned", "added", "insisted", "confirmed"]
OUTLETS = [
    ("Harbour Herald", "harbourherald.example"),
    ("Daily Ledger", "ledger.example"),
    ("Wire Service", "wire.example"),
    ("Evening Post", "eveningpost.example"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FURNITURE = ["Sign up for our morning newsletter", "Read more", "Share this article", "Leave a comment"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def sentence(rng: random.Random, topic: str, issues: list[str], day: dt.date) -> str:
    kind = rng.randrange(9)
    who, place, org = person(rng), rng.choice(PLACES), rng.choice(ORGS)
    issue = rng.choice(issues)
    if kind == 0:
        return (
            f"{rng.choice(ROLES).capitalize()} {who} {rng.choice(VERBS)} the {topic} would dominate talks in {place}"
            f" on {rng.choice(WEEKDAYS)}."
        )
    if kind == 1:
        return (
            f"\u201cWe will not accept any deal on {issue} that ignores our members,\u201d {who} {rng.choice(VERBS)}."
        )
    if kind == 2:
        return (
            f"The {org} said about {rng.randint(2, 900)} {rng.choice(['workers', 'people', 'trucks', 'flights'])}"
            f" were affected by the {topic} last week."
        )
    if kind == 3:
        when = day - dt.timedelta(days=rng.randint(20, 400))
        return (
            f"The dispute over {issue} began on {when.strftime('%B')} {when.day}, {when.year},"
            f" when talks in {place} collapsed."
        )
    if kind == 4:
        return (
            f"Officials in {place} proposed a new framework on {issue},"
            f" while the {org} demanded guarantees before any vote."
        )
    if kind == 5:
        return f"{who}, the {rng.choice(ROLES)} of the {org}, met delegates in {place} for {rng.randint(2, 9)} hours."
    if kind == 6:
        return (
            f"Analysts expect the {topic} to affect {issue} in {place} and {rng.choice(PLACES)} for months,"
            f" according to a report published in {rng.randint(2015, 2024)}."
        )
    if kind == 7:
        return (
            f"Both sides agreed to continue discussions on {issue} through diplomatic channels,"
            f" {who} {rng.choice(VERBS)}."
        )
    return f"Prices linked to {issue} rose by {rng.randint(1, 40)} percent this month, the {org} reported."


def article(rng: random.Random, number: int) -> str:
    topic, issues = rng.choice(TOPICS)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 365))
    _, domain = rng.choice(OUTLETS)
    place = rng.choice(PLACES)
    title = f"{rng.choice(['Talks on', 'New row over', 'Deal near on', 'Protests grow over'])} {topic} in {place}"
    lines = [title.title(), "", day.strftime("%B %d, %Y").replace(" 0", " "), ""]
    paragraphs = []
    while sum(len(p) for p in paragraphs) < rng.randint(600, 1100):
        paragraphs.append(" ".join(sentence(rng, topic, issues, day) for _ in range(rng.randint(1, 3))))
    lines += [p + "\n" for p in paragraphs]
    if rng.random() < 0.4:
        lines.append(rng.choice(FURNITURE))
    lines += ["", f"Original url: https://www.{domain}/{day.isoformat()}/story-{number}"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles into `folder`; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    for number in range(count):
        data = article(rng, number).encode("utf-8")
        (folder / f"{number:06d}.txt").write_bytes(data)
        total += len(data)
    return total


if __name__ == "__main__":
    import argparse

    # argparse, not sys.argv: "--help" once became a folder of a thousand generated articles.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the articles (made if missing)")
    parser.add_argument("count", type=int, nargs="?", default=1000, help="how many articles (default 1000)")
    args = parser.parse_args()
    written = generate(args.folder, args.count)
    print(f"{written / 1e6:.1f} MB in {args.folder}")
